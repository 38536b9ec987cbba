"""The Browser lines of the managed server's ``neo4j.conf``: ``fintech_kg/browser/server.conf``.

The managed server appends that file to its ``neo4j.conf``, replacing ``{http_port}`` with
its HTTP port. On connect Browser then runs ``browser.post_connect_cmd``: ``:style`` with the
project's style inline, and ``:play`` of the guide that :mod:`fintech_kg.browser.bundle` serves
beside Browser. ``server.conf`` is generated from ``cypher/browser/style.grass``; regenerate it
after editing the style with ``python -m fintech_kg.browser``.

Example:
    >>> conf = render_server_conf({"node.Bank": {"color": "#1B8A5A"}})
    >>> key, _, commands = conf.splitlines()[-1].partition("=")
    >>> key
    'browser.post_connect_cmd'
    >>> commands.split("; ")[1]
    'play http://127.0.0.1:{http_port}/browser/fintech-kg/guide.html'
"""

from __future__ import annotations

from pathlib import Path

from fintech_kg.browser.style import Style, style_command

__all__ = ["GUIDE_PATH", "HTTP_PORT_PLACEHOLDER", "SERVER_CONF", "guide_url", "render_server_conf"]

SERVER_CONF = Path(__file__).resolve().parent / "server.conf"
"""Where the generated lines live, as package data the managed server reads."""

HTTP_PORT_PLACEHOLDER = "{http_port}"
"""Replaced by the managed server with its HTTP port (plain text replacement, not format)."""

GUIDE_PATH = "/browser/fintech-kg/guide.html"
"""Where the guide is served on a server that runs the bundle of :mod:`.bundle`."""

# Browser 5.24 only fetches guides and styles from hosts on this list; Neo4j 5.26 still
# spells the setting "whitelist". 127.0.0.1 is where the managed server listens.
_ALLOWED_HOSTS = "guides.neo4j.com,localhost,127.0.0.1"


def guide_url(http_port: int | str = HTTP_PORT_PLACEHOLDER, host: str = "127.0.0.1") -> str:
    """The URL of the guide on a server listening on ``host:http_port``.

    Example:
        >>> guide_url(7474)
        'http://127.0.0.1:7474/browser/fintech-kg/guide.html'
    """
    return f"http://{host}:{http_port}{GUIDE_PATH}"


def render_server_conf(style: Style) -> str:
    """The text of ``server.conf`` for ``style``: a header and two settings."""
    # post_connect_cmd takes commands without their leading colon, separated by ";"
    commands = [style_command(style).removeprefix(":"), f"play {guide_url()}"]
    return "\n".join(
        [
            "# Generated from cypher/browser/style.grass by `python -m fintech_kg.browser`;",
            "# do not edit. The managed server appends these lines to neo4j.conf and",
            f"# replaces {HTTP_PORT_PLACEHOLDER} with its HTTP port.",
            f"browser.remote_content_hostname_whitelist={_ALLOWED_HOSTS}",
            f"browser.post_connect_cmd={'; '.join(commands)}",
            "",
        ]
    )
