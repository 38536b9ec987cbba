"""Extraction: cleaned article -> entities, relations and risk events with evidence.

The work is done by a spaCy ``zh`` pipeline (char segmentation) whose components are
registered in :mod:`fintech_kg.extraction.pipeline`; this module is the public face and
imports the pipeline lazily, so the pure helper modules of this package (relations, events,
amounts) can be imported without loading spaCy. :data:`EXTRACTOR_VERSION` follows the
package version and the data extraction reads (:mod:`fintech_kg.extraction.version`).

Example::

    >>> from fintech_kg.extraction import extract_text
    >>> record = extract_text("腾讯与某银行合作。")
    >>> [e.id for e in record.entities]
    ['腾讯']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from fintech_kg.extraction.version import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from spacy.language import Language

    from fintech_kg.models import Article, ExtractionRecord

__all__ = [
    "EXTRACTOR_VERSION",
    "extract",
    "extract_json_lines",
    "extract_many",
    "extract_text",
    "load_pipeline",
]


def load_pipeline() -> Language:
    """Return the shared extraction pipeline, built once per process.

    Example: ``load_pipeline().pipe_names`` -> ``['fkg_sentences', 'fkg_entities', ...]``
    """
    from fintech_kg.extraction import pipeline

    return pipeline.load_pipeline()


def extract(article: Article) -> ExtractionRecord:
    """Extract entities, relations and risk events from a cleaned article.

    Example: ``extract(make_article("蚂蚁集团与某银行合作。")).entities[0].id`` -> ``'蚂蚁集团'``
    """
    from fintech_kg.extraction import pipeline

    return pipeline.extract(article)


def extract_text(text: str, **meta: Any) -> ExtractionRecord:
    """Clean a raw string into an article (title=, published_at=, ... as metadata) and extract.

    Example: ``extract_text("央行约谈某平台。", published_at=date(2019, 1, 25))``
    """
    from fintech_kg.extraction import pipeline

    return pipeline.extract_text(text, **meta)


def extract_many(articles: Iterable[Article], *, workers: int = 1) -> Iterator[ExtractionRecord]:
    """Extract many articles, in input order, with ``workers`` processes (1 = in-process).

    Example: ``list(extract_many(articles, workers=2))``
    """
    from fintech_kg.extraction import pipeline

    return pipeline.extract_many(articles, workers=workers)


def extract_json_lines(articles: Iterable[Article], *, workers: int = 1) -> Iterator[str]:
    """Like :func:`extract_many`, as one JSON line per record: what ``fintech-kg extract``
    writes, without turning the workers' JSON into models and back.

    Example: ``out.writelines(line + "\\n" for line in extract_json_lines(articles))``
    """
    from fintech_kg.extraction import pipeline

    return pipeline.extract_json_lines(articles, workers=workers)
