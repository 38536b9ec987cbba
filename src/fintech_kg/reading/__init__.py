"""Reading: files, folders and stdin -> cleaned :class:`~fintech_kg.models.Article` objects.

:func:`read_articles` reads text, Markdown, HTML and JSON Lines in any common Chinese encoding
and reports bad input as :class:`~fintech_kg.errors.InputError` values without stopping;
:func:`make_article` cleans one raw string (rules in ``fintech_kg/data/cleaning/rules.toml``)
and gives it a title, a publication date and a deterministic id.

Example::

    >>> article = make_article("某平台宣布清退\\n\\n正文。{IMG:1}\\n\\n长按扫码 阅读全文")
    >>> article.text
    '某平台宣布清退\\n\\n正文。'
"""

from __future__ import annotations

from fintech_kg.reading.article import article_id, make_article, parse_published_at
from fintech_kg.reading.cleaning import clean_text, load_cleaning_rules
from fintech_kg.reading.sources import (
    DEFAULT_MAX_CHARS,
    MAX_CHARS_ENV,
    read_articles,
    read_json_line,
    read_record,
)

__all__ = [
    "DEFAULT_MAX_CHARS",
    "MAX_CHARS_ENV",
    "article_id",
    "clean_text",
    "load_cleaning_rules",
    "make_article",
    "parse_published_at",
    "read_articles",
    "read_json_line",
    "read_record",
]
