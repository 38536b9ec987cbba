"""Markdown and HTML -> plain article text plus the metadata the document carries.

Example::

    >>> from_markdown("---\\ntitle: 某平台清退\\n---\\n# 标题\\n\\n**某银行**与[某平台](https://x.cn)合作。").text
    '标题\\n\\n某银行与某平台合作。'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["Document", "from_html", "from_markdown"]


@dataclass(frozen=True, slots=True)
class Document:
    """Text and metadata read from one Markdown or HTML document (dates still as text)."""

    text: str
    title: str = ""
    published_at: str | None = None
    source: str | None = None
    url: str | None = None


# --- Markdown -------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_FIELD = re.compile(r"^([A-Za-z_]+)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_FIRST_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
# Order matters: blocks first, then links and images, then inline emphasis.
_MARKDOWN_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.MULTILINE), replace)
    for pattern, replace in (
        (r"^(`{3,}|~{3,})[^\n]*\n(?s:.*?)^\1[ \t]*$", ""),  # fenced code is not article text
        (r"^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$", ""),  # link definitions
        (r"!\[[^\]\n]*\]\([^)\n]*\)", ""),  # images
        (r"\[([^\]\n]+)\]\([^)\n]*\)", r"\1"),  # inline links keep their text
        (r"\[([^\]\n]+)\]\[[^\]\n]*\]", r"\1"),  # reference links keep their text
        (r"<https?://[^>\n]+>", ""),  # autolinks
        (r"</?[A-Za-z][^>\n]*>", ""),  # inline HTML tags
        (r"^[ \t]*#{1,6}[ \t]+(.*?)[ \t#]*$", r"\1"),  # ATX headings
        (r"^[ \t]*(?:[=-][ \t]*){3,}$|^[ \t]*(?:[*_][ \t]*){3,}$", ""),  # setext lines, rules
        (r"^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$", ""),  # table separators
        (r"^[ \t]*>[ \t]?", ""),  # blockquotes
        (r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", ""),  # list markers
        (r"[ \t]*\|[ \t]*", " "),  # table cell borders
        (r"\*{1,3}([^*\n]+?)\*{1,3}", r"\1"),  # emphasis
        (r"(?<![A-Za-z0-9])_{1,3}([^_\n]+?)_{1,3}(?![A-Za-z0-9])", r"\1"),
        (r"`([^`\n]+)`", r"\1"),  # inline code
        (r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1"),  # backslash escapes
    )
)


def from_markdown(markdown: str) -> Document:
    """Strip Markdown markup to text; read title/date/source/url from YAML-style front matter.

    The title is the front matter's ``title``, else the first level-1 heading.

    Example: ``from_markdown("# 某平台清退\\n\\n正文。").title`` -> ``'某平台清退'``
    """
    fields: dict[str, str] = {}
    front = _FRONT_MATTER.match(markdown)
    if front is not None:
        for key, value in _FRONT_MATTER_FIELD.findall(front.group(1)):
            fields[key.lower()] = value.strip("'\"")
        markdown = markdown[front.end() :]
    title = fields.get("title", "")
    if not title:
        heading = _FIRST_HEADING.search(markdown)
        title = heading.group(1).strip() if heading else ""
    text = markdown
    for pattern, replace in _MARKDOWN_RULES:
        text = pattern.sub(replace, text)
    return Document(
        text=text,
        title=title,
        published_at=fields.get("published_at") or fields.get("date") or None,
        source=fields.get("source") or None,
        url=fields.get("url") or None,
    )


# --- HTML -----------------------------------------------------------------------------------

_NOT_TEXT = (
    "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button"
)
_BLOCKS = (
    "p, div, br, li, h1, h2, h3, h4, h5, h6, tr, section, article, blockquote, pre, table,"
    " ul, ol, dd, dt, figcaption, main"
)
_MAIN_CANDIDATES = ("article", "[itemprop=articleBody]", "main", "body")
_TITLE_META = ('meta[property="og:title"]', 'meta[name="title"]')
_DATE_META = (
    'meta[property="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="PubDate"]',
    'meta[name="publish_date"]',
    'meta[name="date"]',
)
_SOURCE_META = (
    'meta[property="og:site_name"]',
    'meta[name="source"]',
    'meta[name="publisher"]',
)


def from_html(html: str) -> Document:
    """Take the main text of an HTML page (``<article>``, else ``<main>``, else ``<body>``)
    without scripts and navigation, and its title, publication date, site name and URL.

    Example: ``from_html("<title>某平台清退</title><p>正文。</p>").text.strip()`` -> ``'正文。'``
    """
    tree = LexborHTMLParser(html)
    title = _first_content(tree, _TITLE_META)
    if not title:
        for selector in ("article h1", "h1", "title"):
            node = tree.css_first(selector)
            if node is not None and node.text(strip=True):
                title = node.text(strip=True)
                break
    published = _first_content(tree, _DATE_META)
    if not published:
        node = tree.css_first("time[datetime]")
        published = (node.attributes.get("datetime") or "") if node is not None else ""
    canonical = tree.css_first('link[rel="canonical"]')
    url = (canonical.attributes.get("href") or "") if canonical is not None else ""
    url = url or _first_content(tree, ('meta[property="og:url"]',))
    return Document(
        text=_main_text(tree),
        title=title,
        published_at=published or None,
        source=_first_content(tree, _SOURCE_META) or None,
        url=url or None,
    )


def _first_content(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> str:
    for selector in selectors:
        node = tree.css_first(selector)
        if node is not None:
            content = (node.attributes.get("content") or "").strip()
            if content:
                return content
    return ""


def _main_text(tree: LexborHTMLParser) -> str:
    root: LexborNode | None = None
    for selector in _MAIN_CANDIDATES:
        root = tree.css_first(selector)
        if root is not None:
            break
    if root is None:
        root = tree.root
    if root is None:
        return ""
    for node in root.css(_NOT_TEXT):
        node.decompose()
    # Block boundaries become line breaks; inline tags (b, a, span) join without a gap.
    for node in root.css(_BLOCKS):
        node.insert_after("\n")
    return root.text(separator="")
