"""Entities as the models the pipeline passes on: mentions with sentence evidence.

Example::

    >>> EvidenceMaker("甲。乙。", [(0, 2), (2, 4)], "test").make(2, 3, 0.5).sentence
    '乙。'
"""

from __future__ import annotations

from bisect import bisect_right

from fintech_kg.extraction.entities.found import Found
from fintech_kg.extraction.evidence import make_evidence
from fintech_kg.models import Entity, Evidence, Mention

__all__ = ["EXTRACTOR", "EvidenceMaker", "to_entity"]


EXTRACTOR = "fkg_entities"


class EvidenceMaker:
    def __init__(self, text: str, sentences: list[tuple[int, int]], version: str) -> None:
        self.text = text
        self.sentences = sentences
        self.starts = [start for start, _ in sentences]
        self.version = version
        self.made: dict[tuple[int, int, float], Evidence] = {}

    def make(self, start: int, end: int, confidence: float) -> Evidence:
        index = bisect_right(self.starts, start) - 1
        if index >= 0 and self.sentences[index][1] >= end:
            s_start, s_end = self.sentences[index]
        else:  # a mention across sentences (or no sentences given): the mention itself
            s_start, s_end = start, end
        key = (s_start, s_end, confidence)
        evidence = self.made.get(key)
        if evidence is None:
            # Shared by the mentions of one sentence: evidence is the bulk of the output.
            evidence = self.made[key] = make_evidence(
                self.text, s_start, s_end, EXTRACTOR, confidence, self.version
            )
        return evidence


def to_entity(found: Found, evidence: EvidenceMaker) -> Entity:
    spans = sorted(found.spans, key=lambda s: s.start)
    mentions = [
        Mention.model_construct(
            text=evidence.text[s.start : s.end],
            start=s.start,
            end=s.end,
            evidence=evidence.make(s.start, s.end, s.confidence),
        )
        for s in spans
    ]
    return Entity(
        id=found.name,
        name=found.name,
        type=found.type,
        aliases=[a for a in found.aliases if a != found.name],
        confidence=max([found.confidence, *(s.confidence for s in spans)]),
        attributes=found.attributes,
        mentions=mentions,
    )
