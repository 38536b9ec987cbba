"""The Neo4j Browser guide: ``cypher/browser/guide.toml`` rendered into ``:play`` slides.

Each step names a query of ``cypher/queries`` (a table) and a drawing of
``cypher/browser/graph`` (nodes and relationships); the slide shows their description, the
``:param`` example and the Cypher itself, read from the query files, so the guide never
drifts from the queries it teaches. Browser turns each ``<slide>`` into a page and each
``pre.runnable`` into a block that a click copies into the editor.

Example:
    >>> html = render_guide()
    >>> html.count("<slide")
    7
    >>> "collapsed-platforms" in html
    True
"""

from __future__ import annotations

import tomllib
from html import escape
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from fintech_kg.browser.style import STYLE_FILE, Style, load_style
from fintech_kg.errors import ConfigError
from fintech_kg.graph.queries import NamedQuery, load_queries

__all__ = ["GRAPH_QUERY_DIR", "GUIDE_FILE", "Guide", "GuideStep", "load_guide", "render_guide"]

GUIDE_FILE = STYLE_FILE.parent / "guide.toml"
"""The guide's steps, beside the style."""

GRAPH_QUERY_DIR = STYLE_FILE.parent / "graph"
"""Named queries that return nodes and relationships, for Browser to draw."""


class GuideStep(BaseModel):
    """One slide: a title, some text, and optionally a table query and a drawing."""

    model_config = ConfigDict(extra="forbid")

    title: str
    lead: str = ""
    text: str = ""
    legend: bool = False
    query: str | None = None
    graph: str | None = None


class Guide(BaseModel):
    """The whole guide as written in ``guide.toml``."""

    model_config = ConfigDict(extra="forbid")

    title: str
    step: list[GuideStep]


def load_guide(path: Path = GUIDE_FILE) -> Guide:
    """The guide of ``path``.

    Raises:
        ConfigError: the file is missing, is not TOML, or has an unknown or missing key.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Guide.model_validate(data)
    except OSError as exc:
        raise ConfigError(f"cannot read the Browser guide {path}: {exc.strerror}") from exc
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def render_guide(
    guide: Guide | None = None,
    queries: dict[str, NamedQuery] | None = None,
    graphs: dict[str, NamedQuery] | None = None,
    style: Style | None = None,
) -> str:
    """The guide as the HTML page Browser's ``:play`` shows; defaults are the project's files.

    Raises:
        ConfigError: a step names a query that does not exist.
    """
    guide = guide or load_guide()
    queries = load_queries() if queries is None else queries
    graphs = load_queries(GRAPH_QUERY_DIR) if graphs is None else graphs
    style = load_style() if style is None else style
    slides = [_slide(step, queries, graphs, style) for step in guide.step]
    return "\n".join(
        [
            '<article class="guide">',
            f'<carousel class="deck container-fluid" title="{escape(guide.title)}">',
            *slides,
            "</carousel>",
            "</article>",
            "",
        ]
    )


def _slide(
    step: GuideStep,
    queries: dict[str, NamedQuery],
    graphs: dict[str, NamedQuery],
    style: Style,
) -> str:
    body = [f"<p>{step.text.strip()}</p>"] if step.text.strip() else []
    if step.legend:
        body.append(_legend(style))
    if step.query:
        query = _named(queries, step.query, step.title, "cypher/queries")
        body.append(_query_block("Table", query))
    if step.graph:
        graph = _named(graphs, step.graph, step.title, "cypher/browser/graph")
        body.append(_query_block("Drawing", graph))
    return "\n".join(
        [
            '<slide class="row-fluid">',
            '<div class="col-sm-3">',
            f"<h3>{escape(step.title)}</h3>",
            f'<p class="lead">{escape(step.lead)}</p>' if step.lead else "",
            "</div>",
            '<div class="col-sm-9">',
            *body,
            "</div>",
            "</slide>",
        ]
    )


def _named(queries: dict[str, NamedQuery], name: str, step: str, folder: str) -> NamedQuery:
    try:
        return queries[name]
    except KeyError:
        raise ConfigError(
            f"{GUIDE_FILE}: step {step!r} names {name!r}, which is not a query of {folder}; "
            f"known: {', '.join(sorted(queries))}"
        ) from None


def _query_block(kind: str, query: NamedQuery) -> str:
    blocks = [
        f"<h4>{kind}: <code>{escape(query.name)}</code></h4>",
        f"<p>{escape(query.description)}</p>",
    ]
    if query.params:
        blocks.append(
            f'<pre class="pre-scrollable code runnable">{escape(query.example_line)}</pre>'
        )
    blocks.append(f'<pre class="pre-scrollable code runnable">{escape(query.cypher)}</pre>')
    return "\n".join(blocks)


def _legend(style: Style) -> str:
    """One coloured chip per node label of the style, in the style's own colours."""
    chips = []
    for selector, properties in style.items():
        tag, _, label = selector.partition(".")
        if tag != "node" or not label or "color" not in properties:
            continue
        text_colour = properties.get("text-color-internal", "#FFFFFF")
        chips.append(
            f'<span style="display:inline-block;margin:2px;padding:2px 10px;'
            f"border-radius:12px;background:{escape(properties['color'])};"
            f'color:{escape(text_colour)}">{escape(label)}</span>'
        )
    return f'<p class="legend">{"".join(chips)}</p>'
