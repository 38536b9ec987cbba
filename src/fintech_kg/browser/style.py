"""The Browser style (GraSS) of ``cypher/browser/style.grass`` and the commands that apply it.

Neo4j Browser keeps its style as an ordered map from selector (``node.Bank``,
``relationship.OWNS``) to properties; it applies every rule whose labels a node carries, top
to bottom, later rules winning. The ``:style`` command accepts that map as JSON, which holds
no ``;`` outside quotes and so survives ``browser.post_connect_cmd``, where Browser splits
commands on ``;``. That is how the managed server applies the style on connect without
serving any file.

Example:
    >>> style = parse_grass("node.Bank { color: #1B8A5A; caption: '{name}'; }")
    >>> style["node.Bank"]["caption"]
    '{name}'
    >>> style_command(style)
    ':style {"node.Bank": {"color": "#1B8A5A", "caption": "{name}"}}'
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from fintech_kg.errors import ConfigError
from fintech_kg.locations import CYPHER_DIR

__all__ = [
    "STYLE_FILE",
    "Style",
    "load_style",
    "node_style",
    "parse_grass",
    "style_command",
]

STYLE_FILE = CYPHER_DIR / "browser" / "style.grass"
"""The project's Browser style, beside the other Cypher."""

Style = dict[str, dict[str, str]]
"""Selector -> property -> value, in the order Browser applies them."""

_SELECTOR = re.compile(r"^(node|relationship)(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def parse_grass(text: str, source: str = "<grass>") -> Style:
    """Read GraSS text the way Neo4j Browser does, but refuse what Browser would misread.

    Browser's own reader has no comments and silently glues stray text onto the next
    selector, so anything that is not ``selector { key: value; ... }`` is an error here.

    Raises:
        ConfigError: the text is not GraSS; the message names ``source`` and the line.
    """
    style: Style = {}
    position = 0
    block = re.compile(r"\s*([^{}\s]+)\s*\{((?:[^{}'\"]|'[^']*'|\"[^\"]*\")*)\}\s*", re.S)
    while position < len(text):
        match = block.match(text, position)
        line = text.count("\n", 0, position) + 1
        if match is None:
            raise ConfigError(
                f"{source}:{line}: expected `node.Label {{ key: value; }}` or "
                "`relationship.TYPE {...}`; GraSS has no comments"
            )
        selector, body = match.group(1), match.group(2)
        if not _SELECTOR.match(selector):
            raise ConfigError(
                f"{source}:{line}: {selector!r} is not a selector such as node.Bank or "
                "relationship.OWNS"
            )
        if selector in style:
            raise ConfigError(f"{source}:{line}: {selector} is styled twice; merge the rules")
        style[selector] = _properties(body, f"{source}:{line}")
        position = match.end()
    return style


def _properties(body: str, where: str) -> dict[str, str]:
    properties: dict[str, str] = {}
    for declaration in re.findall(r"(?:[^;'\"]|'[^']*'|\"[^\"]*\")+", body):
        if not declaration.strip():
            continue
        key, colon, value = declaration.partition(":")
        value = value.strip()
        if not colon or not key.strip() or not value:
            raise ConfigError(f"{where}: write each property as `key: value;`")
        if value[0] == value[-1] and value[0] in "'\"" and len(value) > 1:
            value = value[1:-1]
        properties[key.strip()] = value
    return properties


def load_style(path: Path = STYLE_FILE) -> Style:
    """The style of ``path`` (by default the project's ``style.grass``).

    Raises:
        ConfigError: the file is missing or is not GraSS.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the Browser style {path}: {exc.strerror}") from exc
    return parse_grass(text, source=str(path))


def style_command(style: Style) -> str:
    """The ``:style {...}`` command that makes Browser use ``style``.

    Non-ASCII captions are written as JSON escapes, so the command is plain ASCII and
    ``neo4j.conf``'s encoding cannot garble them.
    """
    return ":style " + json.dumps(style, ensure_ascii=True)


def node_style(style: Style, labels: list[str] | set[str]) -> dict[str, str]:
    """The properties Browser draws a node with ``labels`` in: every matching rule, in order.

    Example:
        >>> style = parse_grass("node { color: #A5ABB6; } node.Bank { color: #1B8A5A; }")
        >>> node_style(style, ["Entity", "Bank"])["color"]
        '#1B8A5A'
    """
    drawn: dict[str, str] = {}
    for selector, properties in style.items():
        tag, *classes = selector.split(".")
        if tag == "node" and set(classes) <= set(labels):
            drawn.update(properties)
    return drawn
