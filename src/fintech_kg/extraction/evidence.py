"""Evidence: the sentence that supports a fact, built one way for every stage.

Entities, relations and events all cite their sentence through :func:`make_evidence`, so the
sentence text, its offsets into the cleaned article text, the component's name and the
extractor version are filled in alike everywhere.

Example::

    >>> text = "甲平台逾期。乙银行合作。"
    >>> evidence = make_evidence(text, 6, 12, "fkg_relations", 0.8)
    >>> evidence.sentence, evidence.start, evidence.extractor_version == EXTRACTOR_VERSION
    ('乙银行合作。', 6, True)
"""

from __future__ import annotations

from fintech_kg.extraction.version import EXTRACTOR_VERSION
from fintech_kg.models import Evidence

__all__ = ["make_evidence"]


def make_evidence(
    text: str,
    start: int,
    end: int,
    extractor: str,
    confidence: float,
    extractor_version: str = EXTRACTOR_VERSION,
) -> Evidence:
    """The evidence of ``text[start:end]`` (a sentence, offsets into the cleaned text) for a
    fact ``extractor`` found with ``confidence``."""
    # Built without re-validation: every field is valid by construction, and evidence is the
    # bulk of the output.
    return Evidence.model_construct(
        sentence=text[start:end],
        start=start,
        end=end,
        extractor=extractor,
        extractor_version=extractor_version,
        confidence=confidence,
    )
