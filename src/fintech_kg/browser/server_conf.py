"""The Browser settings of a server: ``server.conf`` (managed) and ``docker.env`` (Docker).

Both turn Browser's product analytics off (``client.allow_telemetry=false``). Browser runs
the server's ``browser.post_connect_cmd`` on every connect. The managed server appends
``fintech_kg/browser/server.conf`` to its ``neo4j.conf``, replacing ``{http_port}`` with its
HTTP port; its commands are ``:style`` with the project's style inline and ``:play`` of the
guide that :mod:`fintech_kg.browser.bundle` serves beside Browser. The Docker image reads
``NEO4J_browser_post__connect__cmd`` from ``fintech_kg/browser/docker.env`` (``env_file`` in
``docker-compose.yml``); it has no guide archive, so it gets the style only. Both files are
generated from ``cypher/browser/style.grass``: after editing the style run
``python -m fintech_kg.browser``.

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
from fintech_kg.settings import LOOPBACK

__all__ = [
    "DOCKER_ENV",
    "GUIDE_PATH",
    "HTTP_PORT_PLACEHOLDER",
    "SERVER_CONF",
    "guide_url",
    "render_docker_env",
    "render_server_conf",
]

SERVER_CONF = Path(__file__).resolve().parent / "server.conf"
"""The managed server's Browser lines, as package data."""

DOCKER_ENV = Path(__file__).resolve().parent / "docker.env"
"""The same settings as environment variables of the Neo4j Docker image."""

HTTP_PORT_PLACEHOLDER = "{http_port}"
"""Replaced by the managed server with its HTTP port (plain text replacement, not format)."""

GUIDE_PATH = "/browser/fintech-kg/guide.html"
"""Where the guide is served on a server that runs the bundle of :mod:`.bundle`."""

# Browser 5.24 only fetches guides and styles from hosts on this list; Neo4j 5.26 still
# spells the setting "whitelist". 127.0.0.1 is where the managed server listens.
_ALLOWED_HOSTS = f"guides.neo4j.com,localhost,{LOOPBACK}"
_HEADER = (
    "Generated from cypher/browser/style.grass by `python -m fintech_kg.browser`; do not edit."
)


def guide_url(http_port: int | str = HTTP_PORT_PLACEHOLDER, host: str = LOOPBACK) -> str:
    """The URL of the guide on a server listening on ``host:http_port``.

    Example:
        >>> guide_url(7474)
        'http://127.0.0.1:7474/browser/fintech-kg/guide.html'
    """
    return f"http://{host}:{http_port}{GUIDE_PATH}"


def _post_connect_cmd(style: Style, with_guide: bool) -> str:
    # post_connect_cmd takes commands without their leading colon, separated by ";"
    commands = [style_command(style).removeprefix(":")]
    if with_guide:
        commands.append(f"play {guide_url()}")
    return "; ".join(commands)


def render_server_conf(style: Style) -> str:
    """The text of ``server.conf`` for ``style``: a header and the Browser settings.

    ``client.allow_telemetry=false`` stops Browser's product analytics (and its consent
    banner); Community refuses the Enterprise-only ``browser.allow_outgoing_connections``.
    """
    return "\n".join(
        [
            f"# {_HEADER}",
            "# The managed server appends these lines to neo4j.conf, with {http_port} replaced.",
            f"browser.remote_content_hostname_whitelist={_ALLOWED_HOSTS}",
            "client.allow_telemetry=false",
            f"browser.post_connect_cmd={_post_connect_cmd(style, with_guide=True)}",
            "",
        ]
    )


def render_docker_env(style: Style) -> str:
    """The text of ``docker.env``: the Browser settings as the Docker image's variables.

    Docker Compose reads an ``env_file`` value verbatim up to the end of the line; the
    value holds no ``$`` for Compose to interpolate and no `` #`` it could take for a comment.
    """
    return "\n".join(
        [
            f"# {_HEADER}",
            "# docker-compose.yml loads it with env_file; see docs/browser.md.",
            "NEO4J_client_allow__telemetry=false",
            f"NEO4J_browser_post__connect__cmd={_post_connect_cmd(style, with_guide=False)}",
            "",
        ]
    )
