"""Where Neo4j is and how to log in: one settings object for the CLI, the API and the tests.

Every field comes from an environment variable when it is set, else from the default,
which is the managed local server (``fintech-kg neo4j start``):

=====================  ======================  ==========================================
field                  variable                default
=====================  ======================  ==========================================
``uri``                ``NEO4J_URI``           unset: the managed server on ``bolt_port``
``user``               ``NEO4J_USER``          ``neo4j``
``password``           ``NEO4J_PASSWORD``      unset: read from ``<home>/password``
``database``           ``NEO4J_DATABASE``      ``neo4j``
``bolt_port``          ``NEO4J_BOLT_PORT``     ``7687``
``http_port``          ``NEO4J_HTTP_PORT``     ``7474``
``home``               ``FINTECH_KG_HOME``     ``./.neo4j`` (relative to the working dir)
``heap_size``          ``NEO4J_HEAP_SIZE``     ``1g``
``pagecache_size``     ``NEO4J_PAGECACHE_SIZE`` ``512m``
``aliases``            ``FINTECH_KG_ALIASES``  unset: ``<home>/aliases.toml`` (if it exists)
=====================  ======================  ==========================================

``home`` is the managed server's state folder (jars, configuration, data, logs and the
generated password). It defaults to ``.neo4j`` under the current working directory rather
than next to the source files, so an installed (non-editable) package behaves like a
checkout: run commands from the project folder, or set ``FINTECH_KG_HOME`` to share one
server between folders. The password file is written on the server's first start when
``NEO4J_PASSWORD`` is unset, readable by the owner only, and is git-ignored.

Keyword arguments win over the environment, which wins over the defaults.

Example:
    >>> settings = Settings(bolt_port=7787, http_port=7574, home="/tmp/kg")
    >>> settings.bolt_uri
    'bolt://127.0.0.1:7787'
    >>> settings.browser_url
    'http://127.0.0.1:7574/browser/'
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from fintech_kg.errors import ConfigError, ServerError

__all__ = ["ENVIRONMENT", "Settings"]

ENVIRONMENT: dict[str, str] = {
    "uri": "NEO4J_URI",
    "user": "NEO4J_USER",
    "password": "NEO4J_PASSWORD",
    "database": "NEO4J_DATABASE",
    "bolt_port": "NEO4J_BOLT_PORT",
    "http_port": "NEO4J_HTTP_PORT",
    "home": "FINTECH_KG_HOME",
    "heap_size": "NEO4J_HEAP_SIZE",
    "pagecache_size": "NEO4J_PAGECACHE_SIZE",
    "aliases": "FINTECH_KG_ALIASES",
}
"""Settings field -> the environment variable it is read from."""

_MEMORY_SIZE = re.compile(r"^[1-9][0-9]*[kmg]$", re.IGNORECASE)
_MANAGED_HOST = "127.0.0.1"
_REASON = re.compile(r"\(reason ([^)]*)\)")


def _is_port(value: str) -> bool:
    return value.isdigit() and 0 < int(value) < 65536


class Settings(BaseModel):
    """Connection and managed-server settings, read from the environment.

    Example:
        >>> Settings(uri="bolt://db.example:7687").managed
        False
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    uri: str | None = Field(None, description="Bolt URI; None means the managed server.")
    user: str = "neo4j"
    password: SecretStr | None = Field(None, description="None: read <home>/password.")
    database: str = "neo4j"
    bolt_port: int = Field(7687, ge=1, le=65535)
    http_port: int = Field(7474, ge=1, le=65535)
    home: Path = Field(default_factory=lambda: Path.cwd() / ".neo4j")
    heap_size: str = "1g"
    pagecache_size: str = "512m"
    aliases: Path | None = Field(
        None, description="The user's entity merges and splits; None: <home>/aliases.toml."
    )

    @model_validator(mode="before")
    @classmethod
    def _read_environment(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        merged: dict[str, Any] = {}
        for field, variable in ENVIRONMENT.items():
            value = os.environ.get(variable, "")
            if value:
                if field in ("bolt_port", "http_port") and not _is_port(value):
                    raise ConfigError(
                        f"{variable}={value!r} is not a port number; set it to "
                        "a number such as 7687, or unset it"
                    )
                merged[field] = value
        merged.update(data)
        return merged

    @field_validator("heap_size", "pagecache_size")
    @classmethod
    def _memory_size(cls, value: str, info: ValidationInfo) -> str:
        if not _MEMORY_SIZE.match(value):
            variable = ENVIRONMENT[str(info.field_name)]
            raise ConfigError(
                f"{variable}={value!r} is not a memory size; use a number with "
                "k, m or g, e.g. 512m or 1g"
            )
        return value.lower()

    @field_validator("home")
    @classmethod
    def _absolute_home(cls, value: Path) -> Path:
        return value.expanduser().absolute()

    @property
    def managed(self) -> bool:
        """True when the settings point at the managed local server (NEO4J_URI unset)."""
        return self.uri is None

    @property
    def bolt_uri(self) -> str:
        """The Bolt URI the driver connects to."""
        return self.uri or f"bolt://{_MANAGED_HOST}:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        """Neo4j Browser of the managed server (Docker publishes the same port)."""
        return f"http://{_MANAGED_HOST}:{self.http_port}/browser/"

    @property
    def aliases_file(self) -> Path:
        """The aliases overrides file (``fintech_kg.graph.aliases``); it may not exist."""
        return self.aliases if self.aliases is not None else self.home / "aliases.toml"

    @property
    def password_file(self) -> Path:
        """The file holding the generated password of the managed server."""
        return self.home / "password"

    def neo4j_password(self) -> str:
        """The password: NEO4J_PASSWORD, else the one generated on the server's first start.

        Read at call time, so settings made before ``fintech-kg neo4j start`` still work.
        """
        if self.password is not None:
            return self.password.get_secret_value()
        try:
            return self.password_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            raise ConfigError(
                f"no Neo4j password: NEO4J_PASSWORD is unset and {self.password_file} does "
                "not exist; run `fintech-kg neo4j start` (it generates one) or set "
                "NEO4J_PASSWORD"
            ) from None

    def driver(self) -> neo4j.Driver:
        """A connected, authenticated driver; the caller closes it.

        Raises ServerError when nothing answers at the URI and ConfigError when the
        server rejects the user or password, each in one line naming the fix.

        Example:
            >>> with Settings().driver() as driver:  # doctest: +SKIP
            ...     driver.execute_query("RETURN 1", database_=Settings().database)
        """
        driver = neo4j.GraphDatabase.driver(self.bolt_uri, auth=(self.user, self.neo4j_password()))
        try:
            driver.verify_connectivity()
        except neo4j_errors.AuthError:
            driver.close()
            raise self.auth_error() from None
        except (neo4j_errors.ServiceUnavailable, OSError) as exc:
            driver.close()
            raise self.unreachable_error(exc) from None
        except BaseException:
            driver.close()
            raise
        return driver

    def auth_error(self) -> ConfigError:
        """The one-line error for a rejected user or password."""
        if self.password is not None:
            source = "NEO4J_PASSWORD"
        else:
            source = f"the password in {self.password_file}"
        return ConfigError(
            f"Neo4j at {self.bolt_uri} rejected user {self.user!r} with {source}; set "
            "NEO4J_USER/NEO4J_PASSWORD to the server's credentials (Docker: NEO4J_AUTH in .env)"
        )

    def unreachable_error(self, cause: BaseException) -> ServerError:
        """The one-line error for a server that does not answer at the URI."""
        # the driver's message spans lines; its "(reason ...)" part is the useful one
        found = _REASON.search(str(cause))
        reason = found.group(1) if found else type(cause).__name__
        if self.managed:
            fix = (
                "start it with `fintech-kg neo4j start` (or `docker compose up -d --wait`), "
                "or set NEO4J_URI"
            )
        else:
            fix = "check that the server is running and NEO4J_URI is right"
        return ServerError(f"Neo4j not reachable at {self.bolt_uri} ({reason}); {fix}")
