"""Collectives and successions: "BAT" names 百度, 阿里巴巴 and 腾讯 (MEMBER_OF member ->
collective); a regulator named with its successor gives SUCCEEDS successor -> predecessor
(银保监会 -> 银监会).

Example::

    >>> from fintech_kg.extraction.entities import find_entities
    >>> sorted(r.source for r in find_entities("BAT入局。", [(0, 6)]).relations)
    ['百度', '腾讯', '阿里巴巴']
"""

from __future__ import annotations

from fintech_kg.extraction.entities.evidence import EvidenceMaker
from fintech_kg.extraction.entities.found import (
    CONF_COLLECTIVE_MEMBER,
    CONF_LEXICON,
    Collector,
    Span,
)
from fintech_kg.models import Entity, Relation
from fintech_kg.vocabulary import RelationType

__all__ = ["collective_members", "member_of_relations", "successions"]


def collective_members(col: Collector) -> None:
    """Each member of a collective is mentioned where the collective is (kept in
    ``col.links`` for the MEMBER_OF relations)."""
    lexicon = col.lexicon
    for name, start, end in col.collectives:
        for member_name in lexicon.entries[name].members:
            member = lexicon.entries[member_name]
            span = Span(start, end, CONF_COLLECTIVE_MEMBER)
            col.add_entry(member, span, CONF_COLLECTIVE_MEMBER, overlap=True)
            col.links.append((member.name, name, start, end))


def member_of_relations(col: Collector, evidence: EvidenceMaker) -> list[Relation]:
    """MEMBER_OF member -> collective, once a pair, evidenced where the collective is."""
    seen: set[tuple[str, str]] = set()
    relations = []
    for member, collective, start, end in col.links:
        if (member, collective) not in seen:
            seen.add((member, collective))
            relations.append(
                Relation(
                    type=RelationType.MEMBER_OF,
                    source=member,
                    target=collective,
                    confidence=CONF_COLLECTIVE_MEMBER,
                    evidence=evidence.make(start, end, CONF_COLLECTIVE_MEMBER),
                )
            )
    return relations


def successions(entities: list[Entity], evidence: EvidenceMaker) -> list[Relation]:
    """SUCCEEDS successor -> predecessor when an article names both (银保监会, 银监会); the
    lexicon knows who succeeded whom, the evidence is the predecessor's first mention."""
    by_id = {entity.id: entity for entity in entities}
    relations = []
    for entity in entities:
        successor = entity.attributes.get("successor")
        if successor in by_id and entity.mentions:
            mention = entity.mentions[0]
            relations.append(
                Relation(
                    type=RelationType.SUCCEEDS,
                    source=successor,
                    target=entity.id,
                    confidence=CONF_LEXICON,
                    evidence=evidence.make(mention.start, mention.end, CONF_LEXICON),
                )
            )
    return relations
