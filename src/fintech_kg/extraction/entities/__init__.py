"""Entities of one article: lexicon names, unknown names found by pattern, persons.

Pure functions over the cleaned text and its sentences; the ``fkg_entities`` pipeline
component calls :func:`find_entities`. Each recogniser is a module of this package and
:data:`RECOGNISERS` lists them in the order they run. A recogniser only takes text no
earlier one took, so the list is also the order of trust: what comes first wins.

Every name a pattern proposes passes :mod:`.validation` (no trigger words, verbs or
generic nouns; leading words such as 回顾, 曝光 stripped). The word lists are data:
``data/lexicon/name_patterns.json`` and ``data/lexicon/name_rejects.toml``.

Example::

    >>> result = find_entities("BAT都在布局区块链。", [(0, 12)])
    >>> sorted(e.id for e in result.entities)
    ['BAT', '区块链', '百度', '腾讯', '阿里巴巴']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from fintech_kg.extraction.entities.authorities import local_authorities
from fintech_kg.extraction.entities.branches import branches
from fintech_kg.extraction.entities.collectives import (
    collective_members,
    member_of_relations,
    successions,
)
from fintech_kg.extraction.entities.context_names import (
    context_names,
    enumerated_names,
    listed_companies,
    suffixed_names,
)
from fintech_kg.extraction.entities.evidence import EXTRACTOR, EvidenceMaker, to_entity
from fintech_kg.extraction.entities.found import CONF_EXTERNAL, Collector, canonical_id
from fintech_kg.extraction.entities.lexicon_names import lexicon_names
from fintech_kg.extraction.entities.patterns import patterns
from fintech_kg.extraction.entities.persons import persons
from fintech_kg.extraction.entities.registered import registered_names
from fintech_kg.extraction.entities.sectors import sectors
from fintech_kg.extraction.entities.ties import (
    alias_ties,
    merge_variants,
    repeat_mentions,
    short_names,
)
from fintech_kg.extraction.lexicon import Lexicon, fold, load_lexicon
from fintech_kg.models import Entity, Relation
from fintech_kg.vocabulary import EntityType

__all__ = ["EXTRACTOR", "RECOGNISERS", "EntityResult", "canonical_id", "find_entities"]


def external_names(col: Collector) -> None:
    """Spans of another recogniser (a user's NER), where no lexicon name is."""
    for start, end, entity_type in col.external:
        col.new_name(start, end, CONF_EXTERNAL, entity_type)


Recogniser = Callable[[Collector], None]

# The order of trust: a recogniser takes only text that no earlier one took.
RECOGNISERS: tuple[tuple[str, Recogniser], ...] = (
    ("lexicon names (needing context where ordinary words)", lexicon_names),
    ("members of collectives (BAT)", collective_members),
    ("a user's own NER", external_names),
    ("sectors enumerated together (银行、证券、保险)", sectors),
    ("local authorities by their place (南京市公安局)", local_authorities),
    ("registered and short company names (XX有限公司, XX公司)", registered_names),
    ("branches of banks and companies (XX银行郑州分行)", branches),
    ("persons (foreign names, titles, suspects' lists)", persons),
    ("names in context (网贷平台XX, XX爆雷, quoted, hashtagged)", context_names),
    ("ties (XX（以下简称YY）)", alias_ties),
    ("listed companies (XX(600123))", listed_companies),
    ("names with a strong suffix (XX金服)", suffixed_names),
    ("items of a list with known names (A、B、C)", enumerated_names),
    ("short names (钱宝网 -> 钱宝)", short_names),
    ("further mentions of every name found", repeat_mentions),
    ("registered names of a brand (XX（北京）…有限公司 is XX)", merge_variants),
)


@dataclass(slots=True)
class EntityResult:
    """Entities of an article, and the relations the entity stage itself knows (MEMBER_OF,
    SUCCEEDS)."""

    entities: list[Entity]
    relations: list[Relation]


def find_entities(
    text: str,
    sentences: list[tuple[int, int]],
    lexicon: Lexicon | None = None,
    *,
    external: Iterable[tuple[int, int, EntityType]] = (),
    extractor_version: str | None = None,
) -> EntityResult:
    """Entities (with every mention and its evidence) and MEMBER_OF relations of a text.

    ``sentences`` are (start, end) offsets into ``text`` (see ``split_sentences``);
    ``external`` are (start, end, type) spans of another recogniser (a user's NER), taken
    where no lexicon name is.

    Example: ``find_entities("工行与腾讯合作。", [(0, 8)]).entities[0].id`` -> ``'中国工商银行'``
    """
    if extractor_version is None:
        from fintech_kg.extraction import EXTRACTOR_VERSION

        extractor_version = EXTRACTOR_VERSION
    col = Collector(text, fold(text), lexicon or load_lexicon(), patterns(), list(external))
    for _, recognise in RECOGNISERS:
        recognise(col)
    evidence = EvidenceMaker(text, sentences, extractor_version)
    entities = [to_entity(found, evidence) for found in col.found.values() if found.spans]
    entities.sort(key=lambda e: e.mentions[0].start)
    relations = member_of_relations(col, evidence) + successions(entities, evidence)
    return EntityResult(entities=entities, relations=relations)
