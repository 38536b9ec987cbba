"""Relations between entities, found from trigger words between their mentions.

A relation is read inside one sentence: a trigger word from ``data/triggers/relations.toml``
and the entity mentions around it. The order of the mentions and the trigger decide the
direction ("阿里巴巴收购饿了么" vs "饿了么被阿里巴巴收购"); the pattern's entity types
constrain both ends (only a Bank is a custodian, only a TechCompany empowers). A negation
cue before the trigger ("并未合作") cancels it; a hedge cue ("拟收购", "传言") keeps it with
``hedged=True`` and a lower confidence.

Example::

    >>> from fintech_kg.evaluation import candidate_entities
    >>> text = "饿了么被阿里巴巴收购。"
    >>> names = {"阿里巴巴": EntityType.TECH_COMPANY, "饿了么": EntityType.COMPANY}
    >>> found = find_relations(text, [(0, len(text))], candidate_entities(text, names))
    >>> [(r.type.value, r.source, r.target) for r in found]
    [('ACQUIRES', '阿里巴巴', '饿了么')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from fintech_kg.extraction.evidence import make_evidence
from fintech_kg.extraction.triggers import (
    RelationPattern,
    TriggerBook,
    load_triggers,
    sentences_with,
)
from fintech_kg.models import Entity, Relation
from fintech_kg.vocabulary import EntityType, RelationType

__all__ = [
    "EXTRACTOR_NAME",
    "SYMMETRIC",
    "PlacedMention",
    "find_relations",
    "mentions_within",
    "ordered_mentions",
]

EXTRACTOR_NAME = "fkg_relations"

SYMMETRIC = frozenset({RelationType.PARTNERS_WITH, RelationType.COMPETES_WITH})

# Words between two mentions before a trigger that make them the trigger's two ends
# ("A与B合作", "A对B的收购", "B被A收购", "B是A的子公司").
_COORDINATION = (*"与和同跟及、对向为给", "携手", "联手", "牵手", "以及")
_PASSIVE = ("被", "遭")
_WITH = ("与", "和", "同", "跟")
_COPULA = ("是", "为", "成为", "作为", "系")

# Beyond these distances (characters) two mentions are not read as ends of one trigger.
_MAX_GAP = 40
_MAX_CONNECTOR = 12
_MAX_SPAN = 80
# A sector-level EMPOWERS may take its target up to this many sentences later; it is less sure.
_SECTOR_REACH = 3
_SECTOR_FACTOR = 0.6
_HEDGE_FACTOR = 0.6


@dataclass(frozen=True)
class PlacedMention:
    """An entity mention at [start, end) of the text."""

    start: int
    end: int
    entity: Entity


def find_relations(
    text: str, sentences: list[tuple[int, int]], entities: list[Entity]
) -> list[Relation]:
    """Relations stated in ``text``, one per (type, source, target), best evidence kept.

    ``sentences`` are (start, end) offsets into ``text``; ``entities`` carry their mentions
    with offsets into ``text``. Returns relations whose ``source`` and ``target`` are ids of
    ``entities``; symmetric types (PARTNERS_WITH, COMPETES_WITH) appear once per pair. The
    members of a collective ("BAT") each get the relation.
    """
    book = load_triggers()
    hits = sentences_with(book.relation_matcher, text, sentences) if entities else []
    if not hits:
        return []  # no relation word, or no name for it to join
    mentions = ordered_mentions(entities)
    starts = [m.start for m in mentions]
    found: dict[tuple[RelationType, str, str], Relation] = {}

    def keep(
        pattern: RelationPattern,
        sources: list[PlacedMention],
        targets: list[PlacedMention],
        confidence: float,
        hedged: bool,
        span: tuple[int, int],
    ) -> None:
        evidence = make_evidence(text, span[0], span[1], EXTRACTOR_NAME, round(confidence, 3))
        for source in sources:
            for target in targets:
                if source.entity.id == target.entity.id:
                    continue
                relation = Relation(
                    type=pattern.type,
                    source=source.entity.id,
                    target=target.entity.id,
                    confidence=round(confidence, 3),
                    hedged=hedged,
                    evidence=evidence,
                )
                key = _key(relation)
                if key not in found or found[key].confidence < relation.confidence:
                    found[key] = relation

    for sent_start, sent_end in hits:
        in_sentence = mentions_within(mentions, starts, sent_start, sent_end)
        if not in_sentence:
            continue
        sentence = text[sent_start:sent_end]
        for match in book.relation_matcher.finditer(sentence):
            start, end = sent_start + match.start(), sent_start + match.end()
            if any(m.start < end and start < m.end for m in in_sentence):
                continue  # the word is part of a name ("XX投资有限公司")
            pattern, kind = book.relation_words[match.group()]
            hedged = kind == "hedged" or book.cue_before(sentence, match.start(), "hedge")
            ends = _ends(text, in_sentence, start, end, pattern, kind)
            if ends is None:
                if pattern.type == RelationType.EMPOWERS:
                    _empower_sector(
                        book,
                        text,
                        sentences,
                        (sent_start, sent_end),
                        (mentions, starts),
                        match,
                        pattern,
                        keep,
                    )
                continue
            source, target, gap = ends
            # A negation may sit anywhere from the first end to the trigger ("甲并未与乙合作").
            first = min(source.start, target.start, start) - sent_start
            if book.cue_before(sentence, match.start(), "negation", reach=match.start() - first):
                continue
            confidence = pattern.base_confidence * (1.0 - 0.5 * min(gap, _MAX_GAP) / _MAX_GAP)
            if hedged:
                confidence *= _HEDGE_FACTOR
            keep(
                pattern,
                _same_span(source, in_sentence),
                _same_span(target, in_sentence),
                confidence,
                hedged,
                (sent_start, sent_end),
            )
    return list(found.values())


def _empower_sector(
    book: TriggerBook,
    text: str,
    sentences: list[tuple[int, int]],
    sentence_span: tuple[int, int],
    placed: tuple[list[PlacedMention], list[int]],
    match: re.Match[str],
    pattern: RelationPattern,
    keep: Callable[..., None],
) -> None:
    """ "以BAT为代表的巨头向赋能型转变 … 以银行、证券、保险为代表的传统金融机构": a tech company
    that empowers with no target in its sentence empowers the sectors named nearby."""
    sent_start, sent_end = sentence_span
    index = sentences.index(sentence_span)
    sentence = text[sent_start:sent_end]
    if book.cue_before(sentence, match.start(), "negation", reach=match.start()):
        return
    sources = [
        m
        for m in mentions_within(*placed, sent_start, sent_end)
        if _allowed(m.entity, pattern.source_types)
    ]
    if not sources:
        return
    near = sentences[index : index + _SECTOR_REACH + 1]
    for start, end in near:
        targets = [
            m
            for m in mentions_within(*placed, start, end)
            if _is_sector(m) and _allowed(m.entity, pattern.target_types)
        ]
        if targets:
            span = (min(start, sent_start), max(end, sent_end))
            hedged = book.cue_before(sentence, match.start(), "hedge")
            confidence = pattern.base_confidence * _SECTOR_FACTOR
            keep(pattern, sources, targets, confidence, hedged, span)


def _same_span(mention: PlacedMention, mentions: list[PlacedMention]) -> list[PlacedMention]:
    """The mention and the others at exactly its place (the members named by "BAT")."""
    return [m for m in mentions if (m.start, m.end) == (mention.start, mention.end)]


def _key(relation: Relation) -> tuple[RelationType, str, str]:
    if relation.type in SYMMETRIC:
        first, second = sorted((relation.source, relation.target))
        return relation.type, first, second
    return relation.type, relation.source, relation.target


def ordered_mentions(entities: list[Entity]) -> list[PlacedMention]:
    """All mentions by position; a mention overlapping an earlier or longer one is dropped.

    Entities sharing one span all stay (the members of "BAT"), except the collective itself
    when its members are there: facts go to the members.
    """
    spans = sorted(
        (PlacedMention(m.start, m.end, e) for e in entities for m in e.mentions),
        key=lambda m: (m.start, -(m.end - m.start)),
    )
    kept: list[PlacedMention] = []
    for mention in spans:
        if kept and mention.start < kept[-1].end:
            if (mention.start, mention.end) != (kept[-1].start, kept[-1].end):
                continue
            if _is_collective(kept[-1]):
                kept.pop()
            elif _is_collective(mention):
                continue
        kept.append(mention)
    return kept


def mentions_within(
    mentions: list[PlacedMention], starts: list[int], lo: int, hi: int
) -> list[PlacedMention]:
    """The mentions inside [lo, hi), found by bisection in ``starts`` (their start offsets)."""
    first = bisect_left(starts, lo)
    last = bisect_left(starts, hi, first)
    return [m for m in mentions[first:last] if m.end <= hi]


def _is_sector(mention: PlacedMention) -> bool:
    return mention.entity.attributes.get("kind") == "sector"


def _is_collective(mention: PlacedMention) -> bool:
    return mention.entity.attributes.get("kind") == "collective"


def _allowed(entity: Entity, types: list[EntityType]) -> bool:
    return not types or entity.type in types


def _ends(
    text: str,
    mentions: list[PlacedMention],
    start: int,
    end: int,
    pattern: RelationPattern,
    kind: str,
) -> tuple[PlacedMention, PlacedMention, int] | None:
    """The (source, target, distance) a trigger at [start, end) joins, or None."""
    left = [m for m in mentions if m.end <= start][::-1]
    right = [m for m in mentions if m.start >= end and m.start - end <= _MAX_GAP]
    pair = _ends_before(text, left, start, pattern, kind)
    if pair is None and left and right and start - left[0].end <= _MAX_GAP:
        near_left, near_right = left[0], right[0]
        if near_left.entity.id == near_right.entity.id:
            return None
        between = text[near_left.end : start]
        flip = (kind == "reverse") != any(p in between for p in _PASSIVE)
        source, target = (near_right, near_left) if flip else (near_left, near_right)
        pair = (source, target, (start - near_left.end) + (near_right.start - end))
    if pair is None:
        return None
    source, target, gap = pair
    if source.entity.id == target.entity.id:
        return None
    if pattern.type in SYMMETRIC and not _allowed(source.entity, pattern.source_types):
        source, target = target, source
    if not (
        _allowed(source.entity, pattern.source_types)
        and _allowed(target.entity, pattern.target_types)
        and not _is_sector(source)
        and (pattern.sector_targets or not _is_sector(target))
    ):
        return None
    return source, target, gap


def _ends_before(
    text: str, left: list[PlacedMention], start: int, pattern: RelationPattern, kind: str
) -> tuple[PlacedMention, PlacedMention, int] | None:
    """Two mentions before the trigger joined by a connector ("A与B合作", "B被A收购").

    For a symmetric relation, "与/和/同/跟" right before the nearer mention joins it to the
    previous name however far ("A昨日宣布，将与B在上海合作").
    """
    if not left or start - left[0].end > _MAX_CONNECTOR:
        return None
    near = left[0]
    far = next((m for m in left if m.end <= near.start and m.entity.id != near.entity.id), None)
    if far is None:
        return None
    connector = text[far.end : near.start]
    passive = any(p in connector for p in _PASSIVE)
    # A copula turns "B是A的子公司" around; verbs such as "A为B赋能" keep their order.
    copula = any(c in connector for c in _COPULA) and (
        kind == "reverse" or pattern.type == RelationType.OWNS
    )
    joined = len(connector) <= _MAX_CONNECTOR and (
        passive or copula or any(c in connector for c in _COORDINATION)
    )
    if not joined and not (
        pattern.type in SYMMETRIC
        and any(c in text[max(0, near.start - 2) : near.start] for c in _WITH)
        and start - far.end <= _MAX_SPAN
    ):
        return None
    flip = (kind == "reverse") ^ passive ^ copula
    source, target = (near, far) if flip else (far, near)
    return source, target, start - far.end
