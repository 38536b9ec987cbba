"""One exception root for the package; every error says what failed, where, and what to do.

The CLI turns a :class:`FintechKGError` into a one-line message on stderr and a non-zero
exit code; library users catch the subclass they care about.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "FintechKGError",
    "GraphError",
    "InputError",
    "QueryNotFoundError",
    "ServerError",
]


class FintechKGError(Exception):
    """Root of every error this package raises on purpose."""


class ConfigError(FintechKGError):
    """Settings are missing or wrong (a password, a URI, a port)."""


class ServerError(FintechKGError):
    """The managed Neo4j server cannot be assembled, started, reached or stopped."""


class InputError(FintechKGError):
    """An input file, line or article cannot be read; names the place and the fix."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        article_id: str | None = None,
    ) -> None:
        where = ":".join(str(p) for p in (path, line) if p is not None)
        if article_id is not None:
            where = f"{where} (article {article_id})" if where else f"article {article_id}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line
        self.article_id = article_id


class GraphError(FintechKGError):
    """Writing to or reading from the graph failed."""


class QueryNotFoundError(GraphError):
    """A named query does not exist in cypher/queries."""
