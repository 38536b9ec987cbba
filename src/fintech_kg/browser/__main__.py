"""Regenerate ``fintech_kg/browser/server.conf`` from ``cypher/browser/style.grass``.

Example:
    $ python -m fintech_kg.browser
    wrote src/fintech_kg/browser/server.conf (33 style rules)
"""

from __future__ import annotations

from fintech_kg.browser.server_conf import SERVER_CONF, render_server_conf
from fintech_kg.browser.style import load_style

style = load_style()
SERVER_CONF.write_text(render_server_conf(style), encoding="utf-8")
print(f"wrote {SERVER_CONF} ({len(style)} style rules)")
