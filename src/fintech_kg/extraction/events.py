"""Risk events (爆雷, 逾期, 非法集资 …) and the entities they happen to.

An event is read inside one sentence: a trigger word from ``data/triggers/events.toml``
and the plausible subjects (platforms, companies, banks or institutions, never a regulator)
of the trigger's clause, else the nearest one before it in its sentence. A regulator or
police body in the sentence becomes the event's authority. Date, amount and place come from
the same sentence. When no named subject is found but a category word is ("平台爆雷频频",
"P2P行业暴雷潮"), the event is kept as a sector-level event. Negation ("并未逾期",
"否认跑路") and denial ("辟谣") cancel an event; rumour, doubt and plans ("传言", "疑似",
"或将") mark it hedged.

Example::

    >>> from datetime import date
    >>> from fintech_kg.evaluation import candidate_entities
    >>> from fintech_kg.reading import make_article
    >>> text = "6月15日，某某贷平台爆雷，涉案金额3亿元。"
    >>> meta = make_article(text, published_at=date(2019, 1, 25)).meta
    >>> entities = candidate_entities(text, {"某某贷": EntityType.P2P_PLATFORM})
    >>> (event,) = find_events(text, [(0, len(text))], entities, meta)
    >>> event.type.value, event.subjects, event.date.isoformat(), event.amount_cny
    ('COLLAPSE', ['某某贷'], '2018-06-15', 300000000.0)
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from fintech_kg.dates import DateMention, event_precision, find_dates
from fintech_kg.extraction.amounts import find_amounts
from fintech_kg.extraction.evidence import make_evidence
from fintech_kg.extraction.lexicon import load_name_patterns
from fintech_kg.extraction.relations import PlacedMention, mentions_within, ordered_mentions
from fintech_kg.extraction.triggers import (
    EventTriggers,
    TriggerBook,
    clause_bounds,
    load_triggers,
    sentences_with,
)
from fintech_kg.models import ArticleMeta, Entity, RiskEvent
from fintech_kg.vocabulary import EntityType, EventType

__all__ = ["EXTRACTOR_NAME", "SUBJECT_TYPES", "find_events"]

EXTRACTOR_NAME = "fkg_events"

SUBJECT_TYPES = frozenset(
    {
        EntityType.P2P_PLATFORM,
        EntityType.COMPANY,
        EntityType.TECH_COMPANY,
        EntityType.BANK,
        EntityType.FINANCIAL_INSTITUTION,
    }
)
"""Entity types an event can happen to; regulators act, persons are not scored as subjects."""

# Entity kinds (C1's attributes["kind"]) that stand for a category, not one organisation.
_CATEGORY_KINDS = frozenset({"sector", "collective"})
# Events that happen to persons as well as organisations (a founder arrested or charged).
_PERSON_EVENTS = frozenset(
    {
        EventType.INVESTIGATION,
        EventType.EXECUTIVE_RISK,
        EventType.ILLEGAL_FUNDRAISING,
        EventType.FRAUD,
    }
)
# Crimes whose case ("非法吸收公众存款案") means an investigation of their subjects.
_CASE_EVENTS = frozenset({EventType.ILLEGAL_FUNDRAISING, EventType.FRAUD})
# Institutions that act like regulators (an exchange sends 问询函): never the subject of a
# regulatory action (they may still raise funds illegally, as 泛亚 did).
_ACTING = frozenset({"exchange"})
# A product (花呗) is no subject: "花呗逾期了" is the borrower's late payment, not the
# provider's trouble, which the text tells by naming the provider.
_NEVER_SUBJECT_ROLES = frozenset({"product"})
# News outlets and data sites report events; they are the subject only of a trigger right
# next to them ("某某网遭约谈", "约谈某某网") or of a passive one ("某某网被监管部门约谈"),
# not of the story they carry.
_SOURCE_ROLES = frozenset({"media"})
_SOURCE_NEXT_TO_TRIGGER = 3
_SOURCE_PASSIVE = ("被", "遭", "受到")
_SOURCE_PASSIVE_GAP = 10
# Brackets, quotes and spaces around a name ("某某公司（“某某贷”）") are no gap between names.
_BRACKETS = "（）()“”\"'「」《》【】 \u3000"
_MAX_SUBJECT_GAP = 60
# Confidence of a lexicon name (see fintech_kg.extraction.entities); below it, a pattern's guess.
_SURE_NAME = 0.9
_OPEN_BRACKETS = "（("
_CLOSE_BRACKETS = "）)"
# "（线上平台为“": the words in a bracket before the platform a company is named with.
_MAX_APPOSITION_GAP = 8
# "甲银行党委委员、副行长王某": the titles between an organisation and its person.
_MAX_TITLE_GAP = 12
# "王某、李某两名犯罪嫌疑人": the names and count between a person and its suspect word.
_MAX_SUSPECT_GAP = 12
_HEDGE_FACTOR = 0.6
_SECTOR_FACTOR = 0.8


def find_events(
    text: str,
    sentences: list[tuple[int, int]],
    entities: list[Entity],
    meta: ArticleMeta,
) -> list[RiskEvent]:
    """Risk events reported in ``text``, one per (type, subjects, sector), best evidence kept.

    ``sentences`` are (start, end) offsets into ``text``; ``entities`` carry mentions with
    offsets into ``text``; ``meta.published_at`` resolves relative dates ("6月15日").
    """
    book = load_triggers()
    hits = sentences_with(book.event_matcher, text, sentences)
    if not hits:
        return []  # no trigger word: the mentions need no ordering
    mentions = ordered_mentions(entities)
    starts = [m.start for m in mentions]
    links = frozenset(["", *book.cues.subject_links])
    openers = book.cues.list_openers
    lists = _Lists(
        links,
        openers,
        tuple(book.cues.list_item_tails),
        tuple(book.cues.speech_verbs),
        tuple(book.cues.suspect_words),
    )
    sentence_starts = [start for start, _ in sentences]
    found: dict[tuple[str, tuple[str, ...], str | None], RiskEvent] = {}
    for sent_start, sent_end in hits:
        sentence = text[sent_start:sent_end]
        if any(cue in sentence for cue in book.cues.denial):
            continue
        if any(mark in sentence for mark in book.cues.excerpt_marks):
            continue  # another article's cut excerpt ("…平台失联 平台名 甲贷 […]")
        in_sentence = mentions_within(mentions, starts, sent_start, sent_end)
        excepted = _excepted(book, text, sent_start, sent_end, in_sentence)
        in_sentence = [m for m in in_sentence if m.entity.id not in excepted]
        # Dates, amount and place belong to the sentence: read once, for its first event.
        facts: _SentenceFacts | None = None
        for match in book.event_matcher.finditer(sentence):
            start, end = sent_start + match.start(), sent_start + match.end()
            if any(m.start < end and start < m.end for m in in_sentence):
                continue  # the word is part of a name
            if book.cue_before(sentence, match.start(), "negation") or _negated_right_before(
                book, sentence, match.start()
            ):
                continue
            trigger = book.event_word(match.group())
            if trigger is None:
                continue  # a blocker: "反欺诈" reports no fraud
            hedged = book.cue_before(sentence, match.start(), "hedge")
            generic = book.cue_before(sentence, match.start(), "generic")
            subjects = (
                []
                if generic
                else _subjects(
                    text, (sent_start, sent_end), in_sentence, (start, end, trigger), lists
                )
            )
            if not subjects and not generic and _refers_back(book, text, sent_start, start):
                index = bisect_right(sentence_starts, sent_start) - 2
                earlier = sentences[index] if index >= 0 else (sent_start, sent_start)
                subjects = _last_list(
                    text,
                    [*mentions_within(mentions, starts, *earlier), *in_sentence],
                    trigger,
                    lists,
                    excepted,
                    start,
                )
            sector = None if subjects else _sector(book, sentence, in_sentence, sent_start, match)
            if not subjects and sector is None:
                continue
            confidence = trigger.base_confidence
            if hedged:
                confidence *= _HEDGE_FACTOR
            if not subjects:
                confidence *= _SECTOR_FACTOR
            confidence = round(confidence, 3)
            subject_ids = sorted({m.entity.id for m in subjects})
            if facts is None:
                facts = _SentenceFacts(
                    find_dates(sentence, reference=meta.published_at),
                    _amount(book, sentence),
                    _place(book, sentence),
                )
            when = _nearest_date(facts.dates, start - sent_start)
            kinds = [trigger]
            if trigger.type == EventType.INVESTIGATION and _executive_named(
                book, text, subjects, start
            ):
                kinds += [t for t in book.events if t.type == EventType.EXECUTIVE_RISK]
            if subjects and _a_case(book, text, trigger, end):
                kinds += [t for t in book.events if t.type == EventType.INVESTIGATION]
            for kind in kinds:
                event = RiskEvent(
                    id=_event_id(meta.id, kind, subject_ids, sector, sent_start),
                    type=kind.type,
                    subjects=subject_ids,
                    sector=sector,
                    authority=_authority(in_sentence, start, kind),
                    date=when.value if when else None,
                    date_precision=event_precision(when.precision) if when else None,
                    amount_cny=facts.amount_cny,
                    location=facts.place or _seat(subjects),
                    trigger=match.group(),
                    confidence=confidence,
                    hedged=hedged,
                    evidence=make_evidence(text, sent_start, sent_end, EXTRACTOR_NAME, confidence),
                )
                key = (event.type.value, tuple(subject_ids), sector)
                found[key] = _merge(found.get(key), event)
    return list(found.values())


class _SentenceFacts(NamedTuple):
    """What an event takes from its sentence whatever its trigger."""

    dates: list[DateMention]
    amount_cny: float | None
    place: str | None


def _executive_named(
    book: TriggerBook, text: str, subjects: list[PlacedMention], trigger_start: int
) -> bool:
    """Whether an investigation names the subjects' executives ("甲贷实控人被刑拘", "上述
    平台实际经营人被采取强制措施"): it is also the organisations' executive risk."""
    if not subjects or any(m.entity.type == EntityType.PERSON for m in subjects):
        return False  # a person's arrest is its own; its organisation is named by title
    last = max(m.end for m in subjects)
    between = text[last:trigger_start] if last <= trigger_start else ""
    # Done to them ("被刑拘", "对…采取强制措施"), not by them ("实控人投案自首").
    done_to = any(marker in between for marker in book.cues.done_to_markers)
    return done_to and any(word in between for word in book.cues.executive_words)


def _a_case(book: TriggerBook, text: str, trigger: EventTriggers, trigger_end: int) -> bool:
    """Whether a crime is named as a case ("涉嫌非法吸收公众存款案", "集资诈骗一案"): one
    opened by the police or a court, so its subjects are under investigation too."""
    if trigger.type not in _CASE_EVENTS:
        return False
    return text.startswith(tuple(book.cues.case_words), trigger_end)


def _is_subject(mention: PlacedMention, trigger: EventTriggers) -> bool:
    entity = mention.entity
    if entity.type == EntityType.PERSON:
        return trigger.type in _PERSON_EVENTS
    if trigger.type == EventType.REGULATORY_ACTION and entity.attributes.get("kind") in _ACTING:
        return False  # "交易所下发问询函": the exchange acts
    return (
        entity.type in SUBJECT_TYPES
        and entity.attributes.get("kind") not in _CATEGORY_KINDS
        and entity.attributes.get("role") not in _NEVER_SUBJECT_ROLES
    )


def _next_to(text: str, mention: PlacedMention, start: int, end: int) -> bool:
    """Whether ``mention`` is right before or after the trigger at [start, end), with at most
    a few characters ("已遭") or a passive ("被监管部门") and no punctuation between."""
    gap = text[mention.end : start] if mention.end <= start else text[end : mention.start]
    if gap and not gap.isalnum():
        return False
    passive = mention.end <= start and gap.startswith(_SOURCE_PASSIVE)
    return len(gap) <= (_SOURCE_PASSIVE_GAP if passive else _SOURCE_NEXT_TO_TRIGGER)


def _clause(
    text: str, sentence: tuple[int, int], start: int, end: int, mentions: list[PlacedMention]
) -> list[PlacedMention]:
    """The mentions in the clause of the trigger at [start, end) of ``sentence``."""
    clause_start, clause_end = clause_bounds(text, start, end, *sentence)
    return [m for m in mentions if clause_start <= m.start and m.end <= clause_end]


class _Lists(NamedTuple):
    """The cue words that tie names into one subject (see ``cues.toml``)."""

    links: frozenset[str]
    openers: list[str]
    item_tails: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    suspect_words: tuple[str, ...]


def _unlinked(gap: str, lists: _Lists) -> bool:
    """Whether a gap between two names breaks a list: it is a link ("、", "旗下的") once the
    category words that close an item ("网贷平台、") or name the next ("旗下的借贷平台") are
    set aside."""
    gap = gap.strip(_BRACKETS)
    lead = next((t for t in lists.item_tails if gap.startswith(t)), "")
    trail = next((t for t in lists.item_tails if gap.endswith(t) and len(t) < len(gap)), "")
    core = gap[len(lead) : len(gap) - len(trail)].strip(_BRACKETS)
    return not {gap, gap[len(lead) :], gap[: len(gap) - len(trail)], core} & lists.links


def _apposed(gap: str) -> bool:
    """Whether a gap between two names opens a bracket that the second name is inside
    ("甲公司（下设“甲贷”", "甲公司(平台名:甲贷"): a company and the platform it names."""
    return (
        len(gap) <= _MAX_APPOSITION_GAP
        and gap[:1] in _OPEN_BRACKETS
        and not any(char in _CLOSE_BRACKETS for char in gap)
    )


def _excepted(
    book: TriggerBook, text: str, sent_start: int, sent_end: int, mentions: list[PlacedMention]
) -> set[str]:
    """Ids of the names a sentence excepts from its events ("除甲贷外", "除了甲贷之外")."""
    excepted: set[str] = set()
    for opener in book.cues.exclusion_openers:
        at = text.find(opener, sent_start, sent_end)
        while at != -1:
            inner = at + len(opener)
            close = min(
                (
                    position
                    for closer in book.cues.exclusion_closers
                    if (position := text.find(closer, inner, min(sent_end, inner + 40))) != -1
                ),
                default=-1,
            )
            if close != -1:
                excepted.update(
                    m.entity.id for m in mentions if inner <= m.start and m.end <= close
                )
            at = text.find(opener, inner, sent_end)
    return excepted


def _refers_back(book: TriggerBook, text: str, sent_start: int, trigger_start: int) -> bool:
    """Whether the trigger's clause names earlier-listed subjects ("这三家平台", "上述公司")."""
    clause_start, _ = clause_bounds(text, trigger_start, trigger_start, sent_start, trigger_start)
    clause = text[clause_start:trigger_start]
    return _plural_reference(tuple(book.cues.plural_references)).search(clause) is not None


@lru_cache(maxsize=4)
def _plural_reference(words: tuple[str, ...]) -> re.Pattern[str]:
    """A reference word with a count ("这四家", "其他3家"); a word of two characters or more
    also with 平台/公司 alone ("上述平台"), as "这平台" is one platform."""

    def alternation(chosen: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(chosen, key=len, reverse=True))

    counted = f"(?:{alternation(list(words))})[\\d一二两三四五六七八九十几]+(?:家|个|所)"
    plural = [w for w in words if len(w) > 1]
    if not plural:
        return re.compile(counted)
    return re.compile(f"{counted}|(?:{alternation(plural)})(?:平台|公司|机构)")


def _last_list(
    text: str,
    mentions: list[PlacedMention],
    trigger: EventTriggers,
    lists: _Lists,
    excepted: set[str],
    before: int,
) -> list[PlacedMention]:
    """The last list of two or more subjects before ``before``, without the excepted names."""
    candidates = [m for m in mentions if m.end <= before and _is_subject(m, trigger)]
    candidates = [m for m in candidates if m.entity.type != EntityType.PERSON]
    for head in reversed(candidates):
        group = _coordinated(text, candidates, head, lists)
        if len(group) >= 2:
            return sorted((m for m in group if m.entity.id not in excepted), key=lambda m: m.start)
    return []


def _negated_right_before(book: TriggerBook, sentence: str, trigger_start: int) -> bool:
    """Whether a negating word ends right where the trigger starts ("不跑路", "不得失联")."""
    before = sentence[max(0, trigger_start - 3) : trigger_start]
    return any(before.endswith(word) for word in book.cues.adjacent_negation)


def _subjects(
    text: str,
    sentence: tuple[int, int],
    mentions: list[PlacedMention],
    at: tuple[int, int, EventTriggers],
    lists: _Lists,
) -> list[PlacedMention]:
    """The entities the event at [start, end) happens to, with their coordinated peers.

    The nearest plausible subject before the trigger in its clause ("甲集团回应乙贷逾期": 乙贷),
    else the first after it ("查封某某贷"), else those of a list that opens the next clause
    ("骗局，包括甲贷、乙宝"), else the nearest before it in the sentence ("甲贷、乙贷等平台，
    均因…立案"). Names listed with it ("甲贷、乙贷", "甲公司乙贷平台、丙公司丁贷平台") or in
    apposition ("某某公司（简称某某贷）") join it. A person is a subject only of what happens
    to persons (立案, 被捕, 集资诈骗) and only in the trigger's clause.
    """
    start, end, trigger = at
    candidates = [
        m
        for m in mentions
        if _is_subject(m, trigger)
        and (m.entity.attributes.get("role") not in _SOURCE_ROLES or _next_to(text, m, start, end))
    ]
    # A person counts with the organisation it is named with ("甲贷实控人王某"), whose event
    # it shares, or when named a suspect ("犯罪嫌疑人王某"); a person alone is too often a
    # speaker, a victim or a lawyer.
    in_clause = [
        m
        for m in _clause(text, sentence, start, end, candidates)
        if m.entity.type != EntityType.PERSON
        or _employer(text, candidates, m) is not None
        or _suspect(text, m, lists.suspect_words)
    ]
    candidates = [m for m in candidates if m.entity.type != EntityType.PERSON or m in in_clause]
    spoken = max(
        (
            found + len(verb)
            for verb in lists.speech_verbs
            if (found := text.rfind(verb, sentence[0], start)) != -1
        ),
        default=-1,
    )
    before = [m for m in in_clause if spoken <= m.start and m.end <= start]
    # The nearest name is the subject; when it is only a pattern's guess, the names before
    # it in the clause stay candidates too.
    heads = before[-1:]
    if heads and heads[0].entity.confidence < _SURE_NAME:
        sure = [index for index, m in enumerate(before) if m.entity.confidence >= _SURE_NAME]
        heads = before[sure[-1] :] if sure else before
    heads = heads or [m for m in in_clause if m.start >= end][:1]
    if not heads:
        heads = _listed_after(text, sentence, end, candidates, lists.openers)
    if all(m.entity.type == EntityType.PERSON for m in heads):
        # No organisation in the clause ("甲贷：警方对王某等人立案侦查"): the nearest before
        # it in the sentence, which the suspects named alone in the clause are of.
        earlier = [
            m
            for m in candidates
            if m.entity.type != EntityType.PERSON
            and m.end <= start
            and start - m.end <= _MAX_SUBJECT_GAP
        ]
        heads = heads + earlier[-1:]
    heads = heads + [org for head in heads if (org := _employer(text, candidates, head))]
    group: dict[int, PlacedMention] = {}
    for head in heads:
        group.update((m.start, m) for m in _coordinated(text, candidates, head, lists))
    return [group[key] for key in sorted(group)]


def _employer(
    text: str, candidates: list[PlacedMention], person: PlacedMention
) -> PlacedMention | None:
    """The organisation a person subject is named with by title ("甲贷实控人王某", "甲银行
    副行长王某"): what happens to its head happens to it too."""
    if person.entity.type != EntityType.PERSON:
        return None
    before = [m for m in candidates if m.end <= person.start and m.entity.type != EntityType.PERSON]
    if not before:
        return None
    gap = text[before[-1].end : person.start]
    titled = gap.endswith(tuple(load_name_patterns().person_titles))
    if titled and len(gap) <= _MAX_TITLE_GAP and not any(c in gap for c in "，。；：,;:"):
        return before[-1]
    return None


def _suspect(text: str, person: PlacedMention, words: tuple[str, ...]) -> bool:
    """Whether a person is named a suspect right before the name ("犯罪嫌疑人王某") or after
    the names it heads, within its clause ("王某、李某两名犯罪嫌疑人", "王某等人")."""
    if person.entity.type != EntityType.PERSON or not words:
        return False
    if text[max(0, person.start - _MAX_SUSPECT_GAP) : person.start].endswith(words):
        return True
    after = re.split(r"[，。；：,;:！？!?\s]", text[person.end : person.end + _MAX_SUSPECT_GAP])[0]
    return any(word in after for word in words)


def _listed_after(
    text: str,
    sentence: tuple[int, int],
    end: int,
    candidates: list[PlacedMention],
    openers: list[str],
) -> list[PlacedMention]:
    """The subjects of the clause after the trigger's when it opens with a list word."""
    _, stop = clause_bounds(text, end, end, end, sentence[1])
    if stop == sentence[1]:
        return []  # no clause after the trigger's
    following = stop + 1
    opener = next((w for w in openers if text.startswith(w, following)), None)
    if opener is None:
        return []
    return _clause(text, sentence, following + len(opener), following + len(opener), candidates)


def _coordinated(
    text: str, candidates: list[PlacedMention], head: PlacedMention, lists: _Lists
) -> list[PlacedMention]:
    """``head`` and the candidates listed or bracketed right next to it, both ways; a
    category word closing an item ("网贷平台、") does not break the list."""
    index = candidates.index(head)
    group = [head]
    for step in (-1, 1):
        current = index
        while 0 <= current + step < len(candidates):
            near, far = candidates[current], candidates[current + step]
            gap = text[far.end : near.start] if step < 0 else text[near.end : far.start]
            if not _apposed(gap) and _unlinked(gap, lists):
                break
            group.append(far)
            current += step
    return group


def _sector(
    book: TriggerBook,
    sentence: str,
    mentions: list[PlacedMention],
    sent_start: int,
    trigger: re.Match[str],
) -> str | None:
    """The category a subject-less event is about ("P2P平台"), from the trigger's clause."""
    clause_start, clause_end = clause_bounds(
        sentence, trigger.start(), trigger.end(), 0, len(sentence)
    )
    words = [m.group() for m in book.sector_matcher.finditer(sentence, clause_start, clause_end)]
    if words:
        return book.cues.sector[words[0]]
    for mention in mentions:
        if (
            mention.entity.attributes.get("kind") == "sector"
            and sent_start + clause_start <= mention.start < sent_start + clause_end
        ):
            return mention.entity.name
    return None


def _authority(mentions: list[PlacedMention], start: int, trigger: EventTriggers) -> str | None:
    """The regulator or police body nearest the trigger, when the event is one they do; a
    body of a place (深圳市公安局) before a generic word for any (警方)."""
    regulators = [m for m in mentions if m.entity.type == EntityType.REGULATOR]
    if not regulators or not trigger.authority_expected:
        return None
    nearest = min(
        regulators,
        key=lambda m: (m.entity.attributes.get("generic") == "true", abs(m.start - start)),
    )
    return nearest.entity.id


def _nearest_date(dates: list[DateMention], trigger_at: int) -> DateMention | None:
    """The date of the sentence (``find_dates`` against publication) nearest the trigger."""
    if not dates:
        return None
    return min(dates, key=lambda d: abs(d.start - trigger_at))


def _amount(book: TriggerBook, sentence: str) -> float | None:
    """The amount a cue ties to the event ("涉案金额3亿元"), in CNY."""
    cues = [m.end() for m in book.amount_cue_matcher.finditer(sentence)]
    if not cues:
        return None
    for amount in find_amounts(sentence):
        if any(0 <= amount.start - cue <= book.cues.amount_window for cue in cues):
            return amount.value_cny
    return None


def _place(book: TriggerBook, sentence: str) -> str | None:
    """The first province or city named in the sentence (names included), the event's place."""
    match = book.place_matcher.search(sentence)
    return None if match is None else book.place_forms[match.group()]


def _seat(subjects: list[PlacedMention]) -> str | None:
    """The registered seat of the first subject that has one: the place of an event whose
    sentence names none."""
    for subject in subjects:
        place = subject.entity.attributes.get("register_location")
        if place:
            return place
    return None


def _event_id(
    article_id: str,
    trigger: EventTriggers,
    subjects: list[str],
    sector: str | None,
    evidence_start: int,
) -> str:
    key = "|".join(
        [article_id, trigger.type.value, ",".join(subjects), sector or "", str(evidence_start)]
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _merge(kept: RiskEvent | None, new: RiskEvent) -> RiskEvent:
    """One event per (type, subjects, sector): the surest evidence, details filled from both."""
    if kept is None:
        return new
    best, other = (new, kept) if new.confidence > kept.confidence else (kept, new)
    return best.model_copy(
        update={
            "authority": best.authority or other.authority,
            "date": best.date or other.date,
            "date_precision": best.date_precision if best.date else other.date_precision,
            "amount_cny": best.amount_cny if best.amount_cny is not None else other.amount_cny,
            "location": best.location or other.location,
            "hedged": best.hedged and other.hedged,
        }
    )
