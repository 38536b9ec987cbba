"""The entities of one article being assembled: spans, found entities, confidences.

Example::

    >>> canonical_id("ＢＡＴ ")
    'BAT'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fintech_kg.extraction.entities.validation import name_check
from fintech_kg.extraction.lexicon import Lexicon, LexiconEntry
from fintech_kg.vocabulary import EntityType

if TYPE_CHECKING:
    from fintech_kg.extraction.entities.patterns import Patterns

__all__ = [
    "CONF_COLLECTIVE_MEMBER",
    "CONF_CONTEXT_NAME",
    "CONF_EXTERNAL",
    "CONF_FOREIGN_PERSON",
    "CONF_IN_CONTEXT",
    "CONF_LEXICON",
    "CONF_REGISTERED",
    "CONF_SECTOR",
    "CONF_SUFFIX_NAME",
    "CONF_TITLED_PERSON",
    "LISTABLE",
    "Collector",
    "Found",
    "Span",
    "canonical_id",
    "from_entry",
]


LISTABLE = (EntityType.P2P_PLATFORM, EntityType.COMPANY, EntityType.FINANCIAL_INSTITUTION)
CONF_LEXICON = 0.95
CONF_COLLECTIVE_MEMBER = 0.9
CONF_IN_CONTEXT = 0.85
CONF_SECTOR = 0.8
CONF_REGISTERED = 0.75
CONF_CONTEXT_NAME = 0.65
CONF_EXTERNAL = 0.6
CONF_SUFFIX_NAME = 0.5
CONF_FOREIGN_PERSON = 0.8
CONF_TITLED_PERSON = 0.65


@dataclass(slots=True)
class Span:
    start: int
    end: int
    confidence: float


@dataclass(slots=True)
class Found:
    """An entity being assembled: its definition and mentions."""

    name: str
    type: EntityType
    confidence: float
    aliases: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)


def canonical_id(name: str) -> str:
    """The entity id for a canonical name: NFKC-normalised, trimmed.

    Example: ``canonical_id("ＢＡＴ")`` -> ``'BAT'``
    """
    return unicodedata.normalize("NFKC", name).strip()


class Collector:
    """The entities of one article being assembled, and what the recognisers read: accepts
    spans that do not overlap accepted ones and groups them by entity id."""

    def __init__(
        self,
        text: str,
        folded: str,
        lexicon: Lexicon,
        patterns: Patterns,
        external: list[tuple[int, int, EntityType]] | None = None,
    ) -> None:
        self.text = text
        self.folded = folded
        self.lexicon = lexicon
        self.patterns = patterns
        self.external = external or []
        self.taken = bytearray(len(text))
        self.found: dict[str, Found] = {}
        self.collectives: list[tuple[str, int, int]] = []  # (name, start, end) of "BAT"
        self.links: list[tuple[str, str, int, int]] = []  # (member, collective, start, end)

    def free(self, start: int, end: int) -> bool:
        return start < end and not any(self.taken[start:end])

    def take(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)

    def release(self, span: Span) -> None:
        self.taken[span.start : span.end] = bytes(span.end - span.start)

    def add(self, found: Found, span: Span, *, overlap: bool = False) -> None:
        if not overlap and not self.free(span.start, span.end):
            return
        self.take(span.start, span.end)
        known = self.found.get(found.name)
        if known is None:
            self.found[found.name] = known = found
        else:
            known.confidence = max(known.confidence, found.confidence)
            if found.aliases:
                have = set(known.aliases)
                known.aliases.extend(a for a in found.aliases if a not in have)
        known.spans.append(span)

    def add_entry(
        self, entry: LexiconEntry, span: Span, confidence: float, *, overlap: bool = False
    ) -> None:
        """A mention of a lexicon entry (its definition copied once per article)."""
        known = self.found.get(entry.name)  # lexicon names are NFKC-normalised on load
        if known is None:
            self.add(from_entry(entry, confidence), span, overlap=overlap)
        elif overlap or self.free(span.start, span.end):
            self.take(span.start, span.end)
            known.confidence = max(known.confidence, confidence)
            known.spans.append(span)

    def new_name(
        self, start: int, end: int, confidence: float, entity_type: EntityType, dot: bool = False
    ) -> None:
        """A name found by pattern; "北京金领贷" also answers to "金领贷". ``dot``: a foreign
        person's name, whose parts are joined by "·" in the id whatever the text used.
        Leading words are cut off and non-names dropped (:mod:`.validation`)."""
        person = entity_type == EntityType.PERSON
        checked = name_check().start(self.text, start, end, person=person)
        if checked is None or not self.free(checked, end):
            return
        start = checked
        name = canonical_id(self.text[start:end])
        if dot:
            name = re.sub(r"[-－‐•・]", "·", name)
        found = Found(name, entity_type, confidence)
        place = self.patterns.location_prefix.match(name)
        if place and place.end() and len(name) - place.end() >= 2:
            found.aliases.append(name[place.end() :])
        self.add(found, Span(start, end, confidence))

    def merge(self, gone: Found, keep: Found) -> None:
        """``gone`` is another name of ``keep``: its mentions and names move over."""
        keep.spans.extend(gone.spans)
        gone.spans.clear()
        keep.aliases.extend(
            a for a in (gone.name, *gone.aliases) if a not in keep.aliases and a != keep.name
        )
        keep.confidence = max(keep.confidence, gone.confidence)

    def inner(self, start: int, end: int) -> list[tuple[Found, Span]]:
        """Accepted spans inside [start, end), in text order."""
        pairs = [
            (found, span)
            for found in self.found.values()
            for span in found.spans
            if start <= span.start and span.end <= end
        ]
        return sorted(pairs, key=lambda pair: pair[1].start)


def from_entry(entry: LexiconEntry, confidence: float) -> Found:
    return Found(
        name=canonical_id(entry.name),
        type=entry.type,
        confidence=confidence,
        aliases=list(entry.aliases),
        attributes=dict(entry.attributes),
    )
