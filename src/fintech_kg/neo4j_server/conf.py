"""Write the managed server's ``neo4j.conf`` from the settings, plus the Browser extras.

Neo4j validates the file strictly: an unknown or Enterprise-only key stops the start.
When the package folder ``fintech_kg/browser/`` holds ``server.conf`` (Browser settings
written by :mod:`fintech_kg.browser`), its lines are appended, with ``{http_port}``
replaced by the server's HTTP port.

Example:
    >>> from fintech_kg.settings import Settings
    >>> text = render_conf(Settings(bolt_port=7787, home="/tmp/kg"), ServerLayout(Path("/tmp/kg")))
    >>> "server.bolt.listen_address=127.0.0.1:7787" in text
    True
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from fintech_kg.neo4j_server.layout import ServerLayout
from fintech_kg.settings import Settings

__all__ = ["browser_conf_lines", "render_conf", "write_conf"]


def _browser_conf() -> Traversable:
    return resources.files("fintech_kg") / "browser" / "server.conf"


def browser_conf_lines(http_port: int) -> list[str]:
    """The lines of ``fintech_kg/browser/server.conf``, or none when it does not exist."""
    extra = _browser_conf()
    if not extra.is_file():
        return []
    # not str.format: the lines hold JSON braces and Browser captions such as {name}
    text = extra.read_text(encoding="utf-8").replace("{http_port}", str(http_port))
    return text.splitlines()


def render_conf(settings: Settings, layout: ServerLayout) -> str:
    """The text of ``neo4j.conf``: local binds, auth on, state folders, memory."""
    host = settings.host
    lines = [
        "# Written by `fintech-kg neo4j start` on every start: change the settings",
        "# (environment variables, see fintech_kg/settings.py), not this file.",
        f"server.default_listen_address={host}",
        f"server.default_advertised_address={host}",
        f"server.bolt.listen_address={host}:{settings.bolt_port}",
        f"server.bolt.advertised_address={host}:{settings.bolt_port}",
        f"server.http.listen_address={host}:{settings.http_port}",
        f"server.http.advertised_address={host}:{settings.http_port}",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        f"server.directories.data={layout.data}",
        f"server.directories.logs={layout.logs}",
        f"server.directories.plugins={layout.plugins}",
        f"server.directories.import={layout.import_dir}",
        f"server.directories.run={layout.run}",
        # Neo4j refuses to start when heap plus page cache exceed the RAM, so set both.
        f"server.memory.heap.initial_size={settings.heap_size}",
        f"server.memory.heap.max_size={settings.heap_size}",
        f"server.memory.pagecache.size={settings.pagecache_size}",
        "dbms.usage_report.enabled=false",
    ]
    extra = browser_conf_lines(settings.http_port)
    if extra:
        lines += ["", "# from fintech_kg/browser/server.conf", *extra]
    return "\n".join(lines) + "\n"


def write_conf(settings: Settings, layout: ServerLayout) -> Path:
    """Write ``neo4j.conf`` into the state folder; return its path."""
    layout.conf_dir.mkdir(parents=True, exist_ok=True)
    layout.conf_file.write_text(render_conf(settings, layout), encoding="utf-8")
    return layout.conf_file
