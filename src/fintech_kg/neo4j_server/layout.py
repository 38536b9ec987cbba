"""The managed server's state folder: one place that names every file in it.

Example:
    >>> ServerLayout(Path("/tmp/kg")).pid_file
    PosixPath('/tmp/kg/run/neo4j.pid')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["ServerLayout"]


@dataclass(frozen=True)
class ServerLayout:
    """Paths under the state folder (``Settings.home``)."""

    root: Path

    @property
    def pom(self) -> Path:
        """The generated Maven project that lists Neo4j's modules."""
        return self.root / "pom.xml"

    @property
    def lib(self) -> Path:
        """The assembled jars."""
        return self.root / "lib"

    @property
    def conf_dir(self) -> Path:
        return self.root / "conf"

    @property
    def conf_file(self) -> Path:
        return self.conf_dir / "neo4j.conf"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def plugins(self) -> Path:
        return self.root / "plugins"

    @property
    def import_dir(self) -> Path:
        return self.root / "import"

    @property
    def web(self) -> Path:
        """Neo4j's web folder: a ``neo4j-browser.zip`` here replaces the Browser jar's files."""
        return self.root / "web"

    @property
    def run(self) -> Path:
        return self.root / "run"

    @property
    def pid_file(self) -> Path:
        return self.run / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        """The server's stdout and stderr; error messages point here."""
        return self.logs / "console.log"

    @property
    def maven_log(self) -> Path:
        return self.logs / "maven.log"

    @property
    def fresh(self) -> bool:
        """True before the server's first start: no system database exists yet."""
        return not (self.data / "databases" / "system").exists()
