"""Relations between entities, found from trigger words and the mentions around them.

A relation is read inside one sentence, from the words of ``data/triggers/relations.toml``:

1. a trigger word joins the names next to it; their order, a "被"/"由" or a copula decides
   the direction ("阿里巴巴收购饿了么" vs "饿了么被阿里巴巴收购"), and a list on either side
   gives one relation per name ("与乙、丙等合作");
2. a word with ``sentence_reach`` ("直接存管", "立案侦查", "运用") that found no such names
   joins the nearest allowed source of the sentence with the allowed targets of its clause;
3. shareholder lists and funding rounds are read from their structure ("股东包括甲(持股60%)",
   "获得甲、乙等联合的B轮投资");
4. "该平台", "该公司" stand for the one entity of their types named just before.

The pattern's entity types constrain both ends (only a Bank is a custodian). A negation cue
before the trigger ("并未合作", "不持有"), a supposition ("如果") or a later denial ("辟谣")
cancels it; a hedge cue ("拟收购", "传言") keeps it with ``hedged=True`` and a lower
confidence. A custody statement replaces a partnership of the same two ends.

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from fintech_kg.extraction.evidence import make_evidence
from fintech_kg.extraction.triggers import (
    CLAUSE_STOPS,
    RelationPattern,
    TriggerBook,
    clause_bounds,
    compile_words,
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
# "被", "遭" and an agent's "由" ("乙公司由甲集团全资控股"), but not "由于"/"由此".
_PASSIVE = re.compile("被|遭|由(?![于此])")
_WITH = ("与", "和", "同", "跟")
_COPULA = ("是", "为", "成为", "作为", "系", "（", "(")
_LIST_SEPARATORS = ("、", "和", "及", "以及", "与", "跟", "同", "/")
_QUOTES = " “”\"'《》「」『』()（）等"
# Relation types a shareholder list states; its "持股" words are not read again as triggers.
_HOLDING = frozenset({RelationType.OWNS, RelationType.INVESTS_IN})
# Likewise for a funding round or a shareholder list: "甲、乙联合的B轮投资" is no partnership
# of 甲 and 乙, nor is "甲合伙企业(持股10%)、乙".
_FUNDING = frozenset({*_HOLDING, RelationType.PARTNERS_WITH})
# Holders of a list whose names were not recognised: "王某(持股60%)、".
_UNNAMED_HOLDERS = re.compile(
    r"(?:[：:、，,和及\s]*[^、，,。；;（()）]{1,30}[（(][^（()）]{0,12}[%％][）)])+[、，,和及\s]*"
)
_CLAUSE_STOP = re.compile(f"[{re.escape(CLAUSE_STOPS)}]")
# "(持股60%)", "，持股比例为82%", "(10%)" right after a holder.
_STAKE = re.compile(
    r"\s*[（(，,]?\s*(?:持股|持有|占股|股权)?(?:公司|该公司|其)?(?:占比|比例|份额)?(?:达|为|约)?\s*"
    r"(?P<percent>\d+(?:\.\d+)?)\s*[%％](?:的股份|的股权|股份|股权)?[）)]?"
)

# A holder's own "持股" right after its name ("乙公司持股8%"), not a "，持股比例" of a role.
_HOLDS = re.compile(r"\s*[（(]?\s*(?:持股|持有|占股)")
# Leading characters a group shares with its member companies' names (京东, 京东数科).
_BRAND = 2
# Characters of titles between an employer and its person ("甲银行党委委员、副行长李某").
_MAX_TITLE = 12
# Beyond these distances (characters) two mentions are not read as ends of one trigger.
_MAX_GAP = 40
_MAX_CONNECTOR = 12
_MAX_SPAN = 80
# A holder or a lead investor stands this close before its role word ("甲同时为公司大股东").
_MAX_ROLE_GAP = 4
# A claim word may sit this far before the clause it opens ("宣称，其已上线存管").
_CLAIM_REACH = 12
# "该平台" stands for a platform named at most this many sentences before its own.
_ANAPHOR_REACH = 2
# Words before an authority that make it the receiver of the act, not its actor ("移送丙院").
_RECIPIENT = ("向", "移送", "送", "至")
# A sentence-wide end after its word counts as this much farther than one before it.
_AFTER_PENALTY = 10
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
    members of a collective ("BAT") each get the relation. News outlets and data sites
    (attribute ``role`` = ``media``) are no end unless the relation word touches their name.
    """
    book = load_triggers()
    hits = sentences_with(book.statement_matcher, text, sentences) if entities else []
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
        placed = mentions_within(mentions, starts, sent_start, sent_end)
        placed = _with_anaphora(book, text, sentences, (sent_start, sent_end), mentions, placed)
        sentence = text[sent_start:sent_end]
        if not placed:
            continue
        lo = _reach_start(sentences, (sent_start, sent_end))
        earlier = _only_named(
            mentions, lo, sent_start, _pattern(book, RelationType.OWNS).target_types
        )
        claimed = _statements(book, text, placed, (sent_start, sent_end), keep, earlier)
        claimed += _stakes_of_the_company_before(
            book, text, (mentions, sentences), placed, (sent_start, sent_end), keep
        )
        for match in _relation_words(book, sentence, sent_start, placed):
            start, end = sent_start + match.start(), sent_start + match.end()
            pattern, kind = book.relation_words[match.group()]
            if any(lo <= start < hi and pattern.type in kinds for lo, hi, kinds in claimed):
                continue  # a statement already read ("股东包括A(持股60%)、B", "A、B联合的投资")
            in_sentence = [
                m for m in placed if not _is_media(m) or m.end == start or m.start == end
            ]
            if _supposed(book, sentence, match.start()):
                continue  # "如果乙真要入股丙": a supposition states no relation
            if pattern.type == RelationType.PARTNERS_WITH and _dealt(book, sentence, match.end()):
                continue  # "甲与乙签署《股权转让协议》": a sale, read by its own words
            if any(cue in sentence[match.end() :] for cue in book.cues.denial):
                continue  # "甲称与乙银行签订存管协议，不久后乙银行辟谣": denied later
            hedged = (
                kind == "hedged"
                or book.cue_before(sentence, match.start(), "hedge")
                or _claimed(sentence, match.start())
            )
            if kind == "adjacent":
                pairs = _touching(text, in_sentence, start, end, pattern)
            else:
                pairs = _ends(text, in_sentence, start, end, pattern, kind, book)
            if not pairs and match.group() in pattern.sentence_reach:
                pairs = _sentence_ends(
                    text, in_sentence, start, end, pattern, (sent_start, sent_end)
                )
                if not pairs and pattern.target_reach:
                    # "交易资金通过乙银行存管": the platform is the one named just before.
                    lo = _reach_start(sentences, (sent_start, sent_end))
                    earlier = _only_named(mentions, lo, sent_start, pattern.target_types)
                    pairs = _sentence_ends(
                        text,
                        [*([earlier] if earlier else []), *in_sentence],
                        start,
                        end,
                        pattern,
                        (sent_start, sent_end),
                    )
            if not pairs:
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
            if pattern.type == RelationType.REGULATES:
                pairs = _people_not_employers(text, pairs, in_sentence)
            for source, target, gap in pairs:
                # A negation may sit anywhere from the first end to the trigger ("甲并未与乙合作").
                first = min(source.start, target.start, start) - sent_start
                if (
                    book.cue_before(
                        sentence, match.start(), "negation", reach=match.start() - first
                    )
                    or sentence[match.start() - 1 : match.start()] == "不"
                    or _negated(sentence, match.start(), first)
                ):
                    continue
                stated = _by_stake(book, text, pattern, end, max(source.end, target.end))
                confidence = stated.base_confidence * (1.0 - 0.5 * min(gap, _MAX_GAP) / _MAX_GAP)
                if hedged:
                    confidence *= _HEDGE_FACTOR
                keep(
                    stated,
                    _same_span(source, placed),
                    _same_span(target, placed),
                    confidence,
                    hedged,
                    (sent_start, sent_end),
                )
    return _settled(found)


def _relation_words(
    book: TriggerBook, sentence: str, offset: int, placed: list[PlacedMention]
) -> Iterator[re.Match[str]]:
    """The relation words of ``sentence`` (at ``offset`` in the text) outside names: a word
    that overlaps a name ("XX投资有限公司") is skipped and the search resumes inside it, so
    "厦门银行存管" gives "存管" after the name rather than "银行存管" across it."""
    position = 0
    while (match := book.relation_matcher.search(sentence, position)) is not None:
        start, end = offset + match.start(), offset + match.end()
        kind = book.relation_words[match.group()][1]
        if any(
            m.start < end and start < m.end and not (kind == "adjacent" and _is_sector(m))
            for m in placed
        ):
            position = match.start() + 1
            continue
        yield match
        position = match.end()


def _with_anaphora(
    book: TriggerBook,
    text: str,
    sentences: list[tuple[int, int]],
    sentence: tuple[int, int],
    mentions: list[PlacedMention],
    placed: list[PlacedMention],
) -> list[PlacedMention]:
    """The sentence's mentions plus "该平台", "该公司", "该银行" … standing for the one entity of
    their types named from two sentences before up to them; an anaphor with two or more such
    entities in reach stays unread."""
    anaphora = book.statements.anaphora
    found = [
        match
        for match in _anaphor_matcher().finditer(text, *sentence)
        if match.group() in anaphora  # not a blocker ("其中", "尤其")
    ]
    if not found:
        return placed
    reach_start = _reach_start(sentences, sentence)
    added = []
    for match in found:
        if any(m.start < match.end() and match.start() < m.end for m in placed):
            continue  # part of a name
        antecedent = _only_named(mentions, reach_start, match.start(), anaphora[match.group()])
        if antecedent is not None:
            added.append(PlacedMention(match.start(), match.end(), antecedent.entity))
    return sorted([*placed, *added], key=lambda m: m.start) if added else placed


def _reach_start(sentences: list[tuple[int, int]], sentence: tuple[int, int]) -> int:
    """Where the text an anaphor of ``sentence`` may look back into starts."""
    index = bisect_left(sentences, sentence)  # sentences are in text order
    return sentences[max(0, index - _ANAPHOR_REACH)][0]


def _only_named(
    mentions: list[PlacedMention], lo: int, hi: int, types: list[EntityType]
) -> PlacedMention | None:
    """The last mention in [lo, hi) of the one entity of ``types`` named there, else None."""
    named = {
        m.entity.id: m
        for m in mentions
        if lo <= m.start
        and m.end <= hi
        and m.entity.type in types
        and not _is_sector(m)
        and not _is_media(m)
    }
    return next(iter(named.values())) if len(named) == 1 else None


@cache
def _anaphor_matcher() -> re.Pattern[str]:
    words = load_triggers().statements
    return compile_words([*words.anaphora, *words.anaphor_blockers])


def _settled(found: dict[tuple[RelationType, str, str], Relation]) -> list[Relation]:
    """The relations, a custody statement taking the place of a partnership of the same pair
    ("甲贷携手乙银行上线资金存管" states custody, not a partnership), and of a directed
    relation found both ways only the more confident direction ("甲集团控股子公司乙平台" read
    from both names). (Dropping an investment where ownership of the pair is found cost FinRE
    pairs: its labels call many majority stakes investments.)"""
    custody = {
        frozenset((r.source, r.target))
        for r in found.values()
        if r.type == RelationType.CUSTODIAN_FOR
    }
    settled = []
    for (kind, source, target), relation in found.items():
        if kind == RelationType.PARTNERS_WITH and frozenset((source, target)) in custody:
            continue
        turned = found.get((kind, target, source))
        if kind not in SYMMETRIC and turned is not None and turned.confidence > relation.confidence:
            continue
        settled.append(relation)
    return settled


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
    return [m for m in mentions if (m.start, m.end) == (mention.start, mention.end)] or [mention]


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
    book: TriggerBook,
) -> list[tuple[PlacedMention, PlacedMention, int]]:
    """The (source, target, distance) pairs a trigger at [start, end) joins; a list of names
    on the target's side ("联合甲、乙、丙推出") gives one pair per name."""
    left = [m for m in mentions if m.end <= start and not _bracketed_alias(text, m, mentions)]
    left = left[::-1]
    right = [m for m in mentions if m.start >= end and m.start - end <= _MAX_GAP]
    before = _ends_before(text, left, start, pattern, kind, book)
    typed = [pair for pair in (_typed(*p, pattern) for p in before or []) if pair is not None]
    if typed or before == []:
        return typed
    if not (left and right and start - left[0].end <= _MAX_GAP):
        return []
    near_left, near_right = left[0], right[0]
    between = text[near_left.end : start]
    if near_left.entity.id == near_right.entity.id or not _balanced(between):
        return []
    if not _balanced(text[end : near_right.start]):
        return []  # "甲（乙的运营公司）与丙": the bracket ends before 丙
    if text[end : near_right.start].lstrip(_QUOTES).startswith("、"):
        return []  # "乙银行托管、丙保险承保": the next name starts a new item
    if (text[end - 1] == "的" or pattern.targets_follow) and _CLAUSE_STOP.search(
        text, end, near_right.start
    ):
        # "甲推出的活期产品，资金去向是乙": a "…的" word's noun, or what is adopted
        # ("采用抵押模式，同时GPS风控"), follows it in its clause.
        # (Stopping every word at the clause cost as many FinRE pairs as it saved.)
        return []
    flip = (kind == "reverse") != bool(_PASSIVE.search(between))
    gap = (start - near_left.end) + (near_right.start - end)
    listed = _listed(text, mentions, near_right)
    pairs = [(m, near_left, gap) if flip else (near_left, m, gap) for m in listed]
    return [pair for pair in (_typed(*p, pattern) for p in pairs) if pair is not None]


def _same_brand(mention: PlacedMention, provider: str) -> bool:
    """Whether the mention names the provider or its group under one brand: 京东 for the
    京东数科 that provides 京东钱包, not 京东 for 蚂蚁集团's 花呗."""
    return mention.entity.name[:_BRAND] == provider[:_BRAND]


def _people_not_employers(
    text: str,
    pairs: list[tuple[PlacedMention, PlacedMention, int]],
    mentions: list[PlacedMention],
) -> list[tuple[PlacedMention, PlacedMention, int]]:
    """The pairs with an organisation named as the employer of a person in its place:
    "甲银行副行长李某接受纪委审查" acts on 李某, not on 甲银行."""
    people = [m for m in mentions if m.entity.type == EntityType.PERSON]
    settled = []
    for source, target, gap in pairs:
        employee = next(
            (
                p
                for p in people
                if 0 <= p.start - target.end <= _MAX_TITLE
                and _CLAUSE_STOP.search(text, target.end, p.start) is None
            ),
            None,
        )
        pair = (source, target if employee is None else employee, gap)
        if pair not in settled:
            settled.append(pair)
    return settled


def _bracketed_alias(text: str, mention: PlacedMention, mentions: list[PlacedMention]) -> bool:
    """Whether the mention is a bracketed second name of the one before it: the registered
    name in "甲金融（乙科技有限公司）旗下" is the same party as 甲金融, no end of its own."""
    if text[mention.end : mention.end + 1] not in ("）", ")"):
        return False
    return any(m.end == mention.start - 1 and text[m.end] in "（(" for m in mentions)


def _by_stake(
    book: TriggerBook, text: str, pattern: RelationPattern, *ends: int
) -> RelationPattern:
    """OWNS for a stake above the majority stake stated right after the word or the later
    name ("乙公司由甲持股90%"); else ``pattern``."""
    if pattern.type != RelationType.INVESTS_IN:
        return pattern
    for end in ends:
        stake, _ = _stake(text, end, len(text))
        if stake is not None:
            if stake > book.statements.majority_stake:
                return _pattern(book, RelationType.OWNS)
            break
    return pattern


def _negated(sentence: str, position: int, first: int) -> bool:
    """Whether a relation-only negation ("不曾与乙签署", "不直接持有") stands between the
    first end and the word, in the word's clause."""
    lo, _ = clause_bounds(sentence, position, position, 0, len(sentence))
    return _negation_matcher().search(sentence, max(lo, first), position) is not None


@cache
def _negation_matcher() -> re.Pattern[str]:
    return compile_words(load_triggers().statements.negations)


def _dealt(book: TriggerBook, sentence: str, position: int) -> bool:
    """Whether a deal's agreement ("股权转让协议") follows ``position`` in its clause."""
    _, hi = clause_bounds(sentence, position, position, 0, len(sentence))
    return any(deal in sentence[position:hi] for deal in book.statements.deals)


def _claimed(sentence: str, position: int) -> bool:
    """Whether a claim word ("宣称", "号称") opens the clause before ``position``: what a
    party says of itself is kept hedged."""
    lo, _ = clause_bounds(sentence, position, position, 0, len(sentence))
    return _claim_matcher().search(sentence, max(0, lo - _CLAIM_REACH), position) is not None


@cache
def _claim_matcher() -> re.Pattern[str]:
    return compile_words(load_triggers().statements.claims)


def _supposed(book: TriggerBook, sentence: str, position: int) -> bool:
    """Whether a supposition word ("如果") opens the clause before ``position``."""
    lo, _ = clause_bounds(sentence, position, position, 0, len(sentence))
    return _supposition_matcher().search(sentence, lo, position) is not None


@cache
def _supposition_matcher() -> re.Pattern[str]:
    return compile_words(load_triggers().statements.suppositions)


def _touching(
    text: str, mentions: list[PlacedMention], start: int, end: int, pattern: RelationPattern
) -> list[tuple[PlacedMention, PlacedMention, int]]:
    """The names right before and right after an adjacent word ("甲公司互金平台乙贷")."""
    before = [m for m in mentions if m.end <= start and not text[m.end : start].strip(_QUOTES)]
    after = [m for m in mentions if m.start >= end and not text[end : m.start].strip(_QUOTES)]
    if not before or not after:
        return []
    pair = _typed(before[-1], after[0], 0, pattern)
    return [pair] if pair is not None else []


def _balanced(between: str) -> bool:
    """Whether no bracket opens or closes between two places ("甲（乙" and "乙）丙" are not)."""
    opened = sum(between.count(c) for c in "（(")
    return opened == sum(between.count(c) for c in "）)")


def _typed(
    source: PlacedMention, target: PlacedMention, gap: int, pattern: RelationPattern
) -> tuple[PlacedMention, PlacedMention, int] | None:
    """The pair if its ends' types fit the pattern (a symmetric one turned around if needed)."""
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
    provider = target.entity.attributes.get("provider")
    if pattern.type in _HOLDING and provider is not None and not _same_brand(source, provider):
        return None  # a product ("花呗") is held by its provider, whoever is named next to it
    return source, target, gap


def _listed(text: str, mentions: list[PlacedMention], first: PlacedMention) -> list[PlacedMention]:
    """``first`` and the names listed after it ("甲、乙和丙"), in order."""
    listed = [first]
    for mention in mentions:
        if mention.start < listed[-1].end:
            continue
        if not _is_list_gap(text[listed[-1].end : mention.start]):
            break
        listed.append(mention)
    return listed


def _listed_before(
    text: str, mentions: list[PlacedMention], last: PlacedMention
) -> list[PlacedMention]:
    """``last`` and the names listed before it ("甲、乙和丙" read from 丙), nearest first."""
    listed = [last]
    for mention in reversed(mentions):
        if mention.end > listed[-1].start:
            continue
        if not _is_list_gap(text[mention.end : listed[-1].start]):
            break
        listed.append(mention)
    return listed


def _is_list_gap(gap: str) -> bool:
    """Whether the text between two names makes them items of one list ("、", "和", " 及 ")."""
    return gap.strip(_QUOTES) in _LIST_SEPARATORS


def _ends_before(
    text: str,
    left: list[PlacedMention],
    start: int,
    pattern: RelationPattern,
    kind: str,
    book: TriggerBook,
) -> list[tuple[PlacedMention, PlacedMention, int]] | None:
    """Two mentions before the trigger joined by a connector ("A与B合作", "B被A收购").

    For a symmetric relation, "与/和/同/跟" right before the nearer mention joins it to the
    previous name however far ("A昨日宣布，将与B在上海合作"); a list there ("A也曾与B、C等
    合作") joins A to each of its names.
    """
    if not left or start - left[0].end > _MAX_CONNECTOR:
        return None
    near = left[0]
    far = next((m for m in left if m.end <= near.start and m.entity.id != near.entity.id), None)
    if far is None:
        return None
    connector = text[far.end : near.start]
    if pattern.type in SYMMETRIC and _is_list_gap(connector) and connector.strip(_QUOTES) == "、":
        members = _listed_before(text, left[::-1], near)
        head = next((m for m in left if m.end <= members[-1].start), None)
        lead = text[head.end : members[-1].start] if head is not None else ""
        if head is not None and len(lead) <= _MAX_CONNECTOR and lead.endswith(_WITH):
            return [(head, m, start - head.end) for m in members]
        opener = text[max(0, members[-1].start - 4) : members[-1].start]
        if any(opener.endswith(w) for w in book.relation_words):
            return []  # the list belongs to an earlier word ("联合甲、乙共同推出")
    passive = bool(_PASSIVE.search(connector))
    # A copula turns "B是A的子公司" around; verbs such as "A为B赋能" keep their order.
    # A bracket reads as one: "甲公司（乙平台运营主体）".
    copula = any(c in connector for c in _COPULA) and (
        kind == "reverse" or pattern.type == RelationType.OWNS
    )
    # A role noun after a pair of names names a third ("甲及乙参与人为实际控制人丙").
    coordinated = kind != "reverse" and any(c in connector for c in _COORDINATION)
    joined = (
        len(connector) <= _MAX_CONNECTOR
        and _balanced(connector.lstrip("（("))
        and (passive or copula or coordinated)
    )
    if not joined and not (
        pattern.type in SYMMETRIC
        and any(c in text[max(0, near.start - 2) : near.start] for c in _WITH)
        and start - far.end <= _MAX_SPAN
    ):
        return None
    flip = (kind == "reverse") ^ passive ^ copula
    source, target = (near, far) if flip else (far, near)
    if pattern.type in SYMMETRIC:
        # "甲、乙等公司与丙合作": each name of the list before the connector.
        fars = _listed_before(text, left[::-1], far)
        return [(m, near, start - m.end) for m in fars]
    return [(source, target, start - far.end)]


def _sentence_ends(
    text: str,
    mentions: list[PlacedMention],
    start: int,
    end: int,
    pattern: RelationPattern,
    sentence: tuple[int, int],
) -> list[tuple[PlacedMention, PlacedMention, int]]:
    """For a word that states its relation across the sentence ("乙银行直接存管", "甲局依法对
    乙公司立案侦查"): the allowed source nearest the word (one before it preferred) and the
    allowed targets of the word's clause, else the allowed target nearest the word."""

    def distance(m: PlacedMention) -> int:
        return start - m.end if m.end <= start else m.start - end + _AFTER_PENALTY

    lo, hi = clause_bounds(text, start, end, *sentence)
    sources = [
        m
        for m in mentions
        if _allowed(m.entity, pattern.source_types)
        and not _is_sector(m)
        and not text[max(lo, m.start - 2) : m.start].endswith(_RECIPIENT)
    ]
    if not sources:
        return []
    # The clause's first actor acts ("甲局依法将乙公司案移送丙院审查起诉": 甲局).
    acting = [m for m in sources if lo <= m.start and m.end <= start]
    if not acting and pattern.source_in_clause:
        # "乙局的回复提及，甲平台已被立案侦查": who acted is not said in the word's clause.
        acting = [m for m in sources if lo <= m.start and m.end <= hi]
        if not acting:
            return []
    source = acting[0] if acting else min(sources, key=distance)
    targets = [
        m
        for m in mentions
        if m.entity.id != source.entity.id
        and _allowed(m.entity, pattern.target_types)
        and (pattern.sector_targets or not _is_sector(m))
    ]
    # A name in brackets is an aside to the one before it ("甲公司(乙贷运营主体)已被立案").
    targets = [m for m in targets if _balanced(text[sentence[0] : m.start])] or targets
    if not targets:
        return []
    # A bank's custody is for the platform of the sentence, wherever it is named.
    targets = [m for m in targets if m.entity.type in pattern.preferred_targets] or targets
    if pattern.targets_follow:
        # "在智能风控中采用了乙的模型": what is adopted follows the word, in its clause.
        targets = [m for m in targets if m.start >= end and m.end <= hi]
        if not targets:
            return []
    in_clause = [m for m in targets if lo <= m.start and m.end <= hi]
    # A named company beats a sector ("对甲公司网贷平台立案" acts on 甲公司, not on 网贷行业).
    in_clause = [m for m in in_clause if not _is_sector(m)] or in_clause
    organisations = [m for m in in_clause if m.entity.type != EntityType.PERSON]
    earlier = [m for m in targets if m.end <= lo and m.entity.type != EntityType.PERSON]
    if organisations:
        chosen = organisations
    elif in_clause and earlier:
        # Only people in the clause, a company before it: the act is on the company's case
        # ("4、甲贷：警方对王某等24名嫌疑人执行逮捕").
        chosen = [earlier[-1]]
    else:
        chosen = in_clause or [min(targets, key=distance)]
    return [(source, m, distance(source) + distance(m)) for m in chosen]


def _statements(
    book: TriggerBook,
    text: str,
    placed: list[PlacedMention],
    sentence: tuple[int, int],
    keep: Callable[..., None],
    earlier: PlacedMention | None = None,
) -> list[tuple[int, int, frozenset[RelationType]]]:
    """Read the sentence's shareholder lists and funding rounds; returns their spans with the
    relation types whose words inside them ("持股", "联合") need no reading of their own.
    ``earlier`` is the one company named in the sentences before, for "公司股东包括"."""
    named = [m for m in placed if not _is_media(m) and not _is_sector(m)]
    holdings = _holdings(book, text, named, sentence, keep, earlier)
    claimed = [(lo, hi, _FUNDING) for lo, hi in holdings]
    claimed += [(lo, hi, _FUNDING) for lo, hi in _funding(book, text, named, sentence, keep)]
    return claimed


def _holdings(
    book: TriggerBook,
    text: str,
    named: list[PlacedMention],
    sentence: tuple[int, int],
    keep: Callable[..., None],
    earlier: PlacedMention | None = None,
) -> list[tuple[int, int]]:
    """ "X的股东包括A(持股60%)、B(持股10%)", "X大股东同样为A，持股99%", "A同时为公司大股东，
    持股82%": each holder invests in X; one above the majority stake, or a controlling
    holder, owns it. "公司股东包括创始人A，联合创始人B" lists the holders of ``earlier``."""
    words = book.statements
    invests, owns = _pattern(book, RelationType.INVESTS_IN), _pattern(book, RelationType.OWNS)
    lists, roles = _holding_matchers()
    sent_start, sent_end = sentence
    claimed: list[tuple[int, int]] = []

    def state(
        holder: PlacedMention, company: PlacedMention, noun: str, stake: float | None
    ) -> None:
        controlling = (
            stake > words.majority_stake if stake is not None else (noun in words.controlling_nouns)
        )
        pattern = owns if controlling else invests
        if _typed(holder, company, 0, pattern) is not None:
            keep(pattern, [holder], [company], pattern.base_confidence, False, sentence)

    for match in lists.finditer(text, sent_start, sent_end):
        company = next((m for m in reversed(named) if m.end <= match.start()), None)
        if company is None or len(text[company.end : match.start()].strip(_QUOTES)) > 1:
            company = earlier if text[: match.start()].endswith(("公司", "该公司")) else None
            if company is None:
                continue
        position, holders = match.end(), []
        for mention in named:
            if mention.start < position:
                continue
            gap = _holder_titles().sub("", text[position : mention.start])
            if gap.strip(_QUOTES + "：:、，,和及") and not _UNNAMED_HOLDERS.fullmatch(gap):
                break
            stake, position = _stake(text, mention.end, sent_end)
            holders.append((mention, stake))
        for holder, stake in holders:
            state(holder, company, match.group("noun"), stake)
        if holders:
            claimed.append((match.start(), position))
    for match in roles.finditer(text, sent_start, sent_end):
        role_holder = next((m for m in reversed(named) if m.end <= match.start()), None)
        owned = next((m for m in named if _allowed(m.entity, invests.target_types)), None)
        if role_holder is None or owned is None or owned.start >= role_holder.start:
            continue
        if match.start() - role_holder.end > _MAX_ROLE_GAP:
            continue
        stake, position = _stake(text, match.end(), sent_end)
        state(role_holder, owned, match.group("noun"), stake)
        claimed.append((match.start(), position))
    return claimed


def _stakes_of_the_company_before(
    book: TriggerBook,
    text: str,
    context: tuple[list[PlacedMention], list[tuple[int, int]]],
    placed: list[PlacedMention],
    sentence: tuple[int, int],
    keep: Callable[..., None],
) -> list[tuple[int, int, frozenset[RelationType]]]:
    """ "甲公司大股东为李某，持股82%。此外乙公司持股8%，王某持股6%": holders named each with
    their "持股N%" and no company of their own in the sentence hold the one company named in
    the sentences before; one above the majority stake owns it. Returns the spans read."""
    mentions, sentences = context
    sent_start, sent_end = sentence
    invests, owns = _pattern(book, RelationType.INVESTS_IN), _pattern(book, RelationType.OWNS)
    named = [m for m in placed if not _is_media(m) and not _is_sector(m)]
    holders: list[tuple[PlacedMention, float, int]] = []
    for mention in named:
        if _HOLDS.match(text, mention.end, sent_end) is None:
            continue
        stake, position = _stake(text, mention.end, sent_end)
        if stake is not None:
            holders.append((mention, stake, position))
    held = {h.entity.id for h, _, _ in holders}
    if not holders or any(
        m.entity.id not in held and _allowed(m.entity, invests.target_types) for m in named
    ):
        return []  # no stake list, or its company is named in the sentence itself
    lo = _reach_start(sentences, sentence)
    company = _only_named(mentions, lo, sent_start, invests.target_types)
    if company is None or company.entity.id in held:
        return []
    spans = []
    for holder, stake, position in holders:
        pattern = owns if stake > book.statements.majority_stake else invests
        if _typed(holder, company, 0, pattern) is not None:
            keep(pattern, [holder], [company], pattern.base_confidence * 0.8, False, sentence)
        spans.append((holder.end, position, _HOLDING))
    return spans


def _stake(text: str, position: int, limit: int) -> tuple[float | None, int]:
    """The percentage stated right after a holder ("(持股60%)", "，持股比例82%") and where
    it ends; (None, position) when there is none."""
    match = _STAKE.match(text, position, limit)
    if match is None:
        return None, position
    return float(match.group("percent")), match.end()


def _funding(
    book: TriggerBook,
    text: str,
    named: list[PlacedMention],
    sentence: tuple[int, int],
    keep: Callable[..., None],
) -> list[tuple[int, int]]:
    """ "X获得A、B等联合的C轮投资", "X获A 1亿元战略投资", "X完成融资，由A领投，B跟投": each
    investor invests in the recipient, the nearest name before the receipt word that is not
    itself an investor of the sentence. Returns the spans of the rounds read."""
    pattern = _pattern(book, RelationType.INVESTS_IN)
    receipts, nouns, leads = _funding_matchers()
    sent_start, sent_end = sentence
    investors: set[str] = set()
    recipient: PlacedMention | None = None
    spans: list[tuple[int, int]] = []
    for match in nouns.finditer(text, sent_start, sent_end):
        if any(m.start < match.end() and match.start() < m.end for m in named):
            continue  # "投资" inside a name ("甲投资有限公司")
        lo, _ = clause_bounds(text, match.start(), match.end(), sent_start, sent_end)
        receipt = None
        for found in receipts.finditer(text, max(lo, match.start() - _MAX_GAP), match.start()):
            receipt = found
        if receipt is None:
            continue
        givers = [
            m
            for m in named
            if receipt.end() <= m.start
            and m.end <= match.start()
            and _allowed(m.entity, pattern.source_types)
        ]
        if givers and "对" in text[receipt.end() : givers[0].start]:
            continue  # "完成对乙的投资": the subject is the investor, read by pair words
        # The recipient is the nearest name before the receipt in reach, or received the
        # sentence's last round ("甲已获得多轮融资，2014年获得乙A轮投资").
        before = [
            m
            for m in named
            if receipt.start() - _MAX_GAP <= m.start
            and m.end <= receipt.start()
            and m.entity.id not in investors
            and _allowed(m.entity, pattern.target_types)
        ]
        if before and (recipient is None or before[-1].start >= lo):
            recipient = before[-1]
        elif recipient is None:
            if givers:
                # "获得乙、丙等联合的C轮投资" of an unnamed recipient: co-investors of a
                # round are no partners, so the round's words are read here, to no relation.
                spans.append((receipt.start(), match.end()))
            continue
        investors.update(m.entity.id for m in givers)
        keep(pattern, givers, [recipient], pattern.base_confidence, False, sentence)
        if givers:
            spans.append((receipt.start(), match.end()))
    if recipient is None:
        return spans
    for match in leads.finditer(text, recipient.end, sent_end):
        giver = next((m for m in reversed(named) if m.end <= match.start()), None)
        if giver is None or match.start() - giver.end > _MAX_ROLE_GAP or giver is recipient:
            continue
        givers = [m for m in _listed_before(text, named, giver) if m is not recipient]
        keep(pattern, givers, [recipient], pattern.base_confidence, False, sentence)
        spans.append((givers[-1].start, match.end()))
    return spans


def _pattern(book: TriggerBook, kind: RelationType) -> RelationPattern:
    return next(p for p in book.relations if p.type == kind)


@cache
def _holding_matchers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "股东包括" (holders follow) and "为公司大股东" (the holder precedes), from the data."""
    words = load_triggers().statements
    nouns = _alternatives(words.holder_nouns)
    links = _alternatives(words.holder_links)
    # An adverb may sit between the role and its link ("大股东同样为", "股东均为").
    lists = re.compile(f"的?(?P<noun>{nouns})(?:同样|同时|也|均|相同|亦)?(?:{links})[：:]?")
    roles = re.compile(
        f"(?:同时|同样|也|均)?(?:为|是|系|成为)(?:公司|该公司|其)的?(?P<noun>{nouns})"
    )
    return lists, roles


@cache
def _holder_titles() -> re.Pattern[str]:
    return compile_words(load_triggers().statements.holder_titles)


@cache
def _funding_matchers() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = load_triggers().statements
    return (
        compile_words(words.funding_receipts),
        compile_words(words.funding_nouns),
        compile_words(words.funding_leads),
    )


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _is_media(mention: PlacedMention) -> bool:
    return mention.entity.attributes.get("role") == "media"
