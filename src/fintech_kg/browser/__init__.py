"""Neo4j Browser: the project's style, its guide, and the settings that apply both on connect.

- :mod:`.style` reads ``cypher/browser/style.grass`` and turns it into a ``:style`` command;
- :mod:`.server_conf` renders ``server.conf``, the ``neo4j.conf`` lines of the managed server;
- :mod:`.guide` renders the ``:play`` guide from the named queries;
- :mod:`.bundle` writes the Browser archive that serves the guide beside Browser itself.

Example:
    >>> from fintech_kg.browser import load_style
    >>> load_style()["node.Bank"]["caption"]
    '{name}'
"""

from __future__ import annotations

from fintech_kg.browser.server_conf import GUIDE_PATH, SERVER_CONF, guide_url, render_server_conf
from fintech_kg.browser.style import (
    STYLE_FILE,
    Style,
    load_style,
    node_style,
    parse_grass,
    style_command,
)

__all__ = [
    "GUIDE_PATH",
    "SERVER_CONF",
    "STYLE_FILE",
    "Style",
    "guide_url",
    "load_style",
    "node_style",
    "parse_grass",
    "render_server_conf",
    "style_command",
]
