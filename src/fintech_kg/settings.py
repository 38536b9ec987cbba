"""One settings object for the CLI, the API and the tests: every environment variable the
project reads, and every default.

Every field comes from an environment variable when it is set (and not empty), else from
the default, which is the managed local server (``fintech-kg neo4j start``):

========================  ================================  ====================================
field                     variable                          default
========================  ================================  ====================================
``uri``                   ``NEO4J_URI``                     unset: the managed server
``user``                  ``NEO4J_USER``                    ``neo4j``
``password``              ``NEO4J_PASSWORD``                unset: read from ``<home>/password``
``database``              ``NEO4J_DATABASE``                ``neo4j``
``bolt_port``             ``NEO4J_BOLT_PORT``               ``7687``
``http_port``             ``NEO4J_HTTP_PORT``               ``7474``
``home``                  ``FINTECH_KG_HOME``               ``./.neo4j`` (in the working dir)
``heap_size``             ``NEO4J_HEAP_SIZE``               ``1g``
``pagecache_size``        ``NEO4J_PAGECACHE_SIZE``          ``512m``
``java_home``             ``JAVA_HOME``                     unset: ``java`` on ``PATH``
``max_article_chars``     ``FINTECH_KG_MAX_ARTICLE_CHARS``  ``2000000``
``aliases``               ``FINTECH_KG_ALIASES``            unset: ``<home>/aliases.toml``
========================  ================================  ====================================

The managed server listens on :data:`LOOPBACK` only (``Settings.host``); that is not a
setting, so no variable can expose it.

``home`` is the managed server's state folder (jars, configuration, data, logs and the
generated password). It defaults to ``.neo4j`` under the current working directory rather
than next to the source files, so an installed (non-editable) package behaves like a
checkout: run commands from the project folder, or set ``FINTECH_KG_HOME`` to share one
server between folders. The password file is written on the server's first start when
``NEO4J_PASSWORD`` is unset, readable by the owner only, and is git-ignored.

Keyword arguments win over the environment, which wins over the defaults.

Example:
    >>> settings = Settings(uri=None, bolt_port=7787, http_port=7574, home="/tmp/kg")
    >>> settings.bolt_uri
    'bolt://127.0.0.1:7787'
    >>> settings.browser_url
    'http://127.0.0.1:7574/browser/'
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from fintech_kg.errors import ConfigError, ServerError

if TYPE_CHECKING:
    import neo4j

__all__ = [
    "DEFAULT_MAX_ARTICLE_CHARS",
    "ENVIRONMENT",
    "LOOPBACK",
    "Settings",
    "export_spark_python",
]

LOOPBACK = "127.0.0.1"
"""The interface the managed server (and Docker's published ports) listen on."""

DEFAULT_MAX_ARTICLE_CHARS = 2_000_000
"""Largest article read, in characters; bigger ones are reported, not read."""

_MEMORY_SIZE = re.compile(r"^[1-9][0-9]*[kmg]$", re.IGNORECASE)
_REASON = re.compile(r"\(reason ([^)]*)\)")


def _is_port(value: str) -> bool:
    return value.isdigit() and 0 < int(value) < 65536


class Settings(BaseSettings):
    """Connection, managed-server and reading settings, read from the environment.

    Example:
        >>> Settings(uri="bolt://db.example:7687").managed
        False
    """

    # Fields are read from their variables only: populate_by_name would also read a field's
    # own name from the environment (HOME, USER), so __init__ maps names to variables.
    model_config = SettingsConfigDict(extra="forbid", frozen=True, env_ignore_empty=True)

    uri: str | None = Field(
        None, validation_alias="NEO4J_URI", description="Bolt URI; None: the managed server."
    )
    user: str = Field("neo4j", validation_alias="NEO4J_USER")
    password: SecretStr | None = Field(
        None, validation_alias="NEO4J_PASSWORD", description="None: read <home>/password."
    )
    database: str = Field("neo4j", validation_alias="NEO4J_DATABASE")
    bolt_port: int = Field(7687, ge=1, le=65535, validation_alias="NEO4J_BOLT_PORT")
    http_port: int = Field(7474, ge=1, le=65535, validation_alias="NEO4J_HTTP_PORT")
    home: Path = Field(
        default_factory=lambda: Path.cwd() / ".neo4j", validation_alias="FINTECH_KG_HOME"
    )
    heap_size: str = Field("1g", validation_alias="NEO4J_HEAP_SIZE")
    pagecache_size: str = Field("512m", validation_alias="NEO4J_PAGECACHE_SIZE")
    java_home: Path | None = Field(
        None, validation_alias="JAVA_HOME", description="None: `java` on PATH."
    )
    max_article_chars: int = Field(
        DEFAULT_MAX_ARTICLE_CHARS,
        validation_alias="FINTECH_KG_MAX_ARTICLE_CHARS",
        description="Longer articles are reported, not read.",
    )
    spark_python: str | None = Field(
        None,
        validation_alias="PYSPARK_PYTHON",
        description="The Spark workers' Python; None: this interpreter (fintech_kg.spark).",
    )
    spark_driver_python: str | None = Field(
        None,
        validation_alias="PYSPARK_DRIVER_PYTHON",
        description="The Spark driver's Python; None: as spark_python.",
    )
    spark_gateway_port: int | None = Field(
        None,
        validation_alias="PYSPARK_GATEWAY_PORT",
        description="Set by spark-submit for the program it starts: its master is chosen.",
    )
    aliases: Path | None = Field(
        None,
        validation_alias="FINTECH_KG_ALIASES",
        description="The user's entity merges and splits; None: <home>/aliases.toml.",
    )

    def __init__(self, **values: Any) -> None:
        super().__init__(**{ENVIRONMENT.get(name, name): value for name, value in values.items()})

    @field_validator("bolt_port", "http_port", mode="before")
    @classmethod
    def _port(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str) and not _is_port(value):
            raise ConfigError(
                f"{_variable(info)}={value!r} is not a port number; set it to "
                "a number such as 7687, or unset it"
            )
        return value

    @field_validator("max_article_chars", mode="before")
    @classmethod
    def _positive_chars(cls, value: Any, info: ValidationInfo) -> Any:
        if not str(value).isdigit() or int(value) <= 0:
            raise ConfigError(
                f"{_variable(info)}={value!r} is not a positive number of characters;"
                f" unset it or set it to e.g. {DEFAULT_MAX_ARTICLE_CHARS * 5}"
            )
        return value

    @field_validator("heap_size", "pagecache_size")
    @classmethod
    def _memory_size(cls, value: str, info: ValidationInfo) -> str:
        if not _MEMORY_SIZE.match(value):
            raise ConfigError(
                f"{_variable(info)}={value!r} is not a memory size; use a number with "
                "k, m or g, e.g. 512m or 1g"
            )
        return value.lower()

    @field_validator("home")
    @classmethod
    def _absolute_home(cls, value: Path) -> Path:
        return value.expanduser().absolute()

    @property
    def host(self) -> str:
        """Where the managed server listens: the loopback interface, always."""
        return LOOPBACK

    @property
    def managed(self) -> bool:
        """True when the settings point at the managed local server (NEO4J_URI unset)."""
        return self.uri is None

    @property
    def managed_uri(self) -> str:
        """The Bolt URI of the managed server, whatever ``uri`` says."""
        return f"bolt://{self.host}:{self.bolt_port}"

    @property
    def bolt_uri(self) -> str:
        """The Bolt URI the driver connects to."""
        return self.uri or self.managed_uri

    @property
    def browser_url(self) -> str:
        """Neo4j Browser of the server: the host of ``uri`` (else the managed server's) on
        ``http_port`` (Docker publishes the same port)."""
        host = urlsplit(self.uri).hostname if self.uri else None
        host = host or self.host
        if ":" in host:  # an IPv6 address
            host = f"[{host}]"
        return f"http://{host}:{self.http_port}/browser/"

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

        Example (needs a running server)::

            settings = Settings()
            with settings.driver() as driver:
                driver.execute_query("RETURN 1", database_=settings.database)
        """
        import neo4j
        from neo4j import exceptions as neo4j_errors

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


ENVIRONMENT: dict[str, str] = {
    name: str(field.validation_alias) for name, field in Settings.model_fields.items()
}
"""Settings field -> the environment variable it is read from."""


def export_spark_python(settings: Settings, python: str) -> None:
    """Let Spark start its Python workers (and a driver) with ``python`` unless
    ``PYSPARK_PYTHON`` already names one: PySpark reads only the environment for this.

    Example: ``export_spark_python(Settings(), sys.executable)``
    """
    workers = settings.spark_python or python
    os.environ[ENVIRONMENT["spark_python"]] = workers
    os.environ[ENVIRONMENT["spark_driver_python"]] = settings.spark_driver_python or workers


def _variable(info: ValidationInfo) -> str:
    return ENVIRONMENT[str(info.field_name)]
