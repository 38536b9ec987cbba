"""Regenerate ``server.conf`` and ``docker.env`` of ``fintech_kg/browser`` from the style.

Example:
    $ python -m fintech_kg.browser
    wrote src/fintech_kg/browser/server.conf and docker.env (33 style rules)
"""

from __future__ import annotations

from fintech_kg.browser.server_conf import (
    DOCKER_ENV,
    SERVER_CONF,
    render_docker_env,
    render_server_conf,
)
from fintech_kg.browser.style import load_style

style = load_style()
SERVER_CONF.write_text(render_server_conf(style), encoding="utf-8")
DOCKER_ENV.write_text(render_docker_env(style), encoding="utf-8")
print(f"wrote {SERVER_CONF} and {DOCKER_ENV.name} ({len(style)} style rules)")
