"""Trigger words, relation patterns, cues and place names, loaded from ``data/triggers/``.

The words that make the relation and event extractors fire are domain knowledge, so they
live in versioned data files, not in code:

- ``relations.toml``: per relation type, the words that state it and which way they point;
- ``events.toml``: per risk-event type, the words that report it;
- ``cues.toml``: negation, denial, hedge and generic-talk cues, amount cues, sector words;
- ``locations.txt``: provinces and major cities.

:func:`load_triggers` validates them once and returns a :class:`TriggerBook` with compiled
matchers. A broken file raises :class:`TriggerDataError` naming the file and the fix.

Example::

    >>> book = load_triggers()
    >>> book.event_word("暴雷").type.value
    'COLLAPSE'
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable
from functools import cached_property, lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from fintech_kg.errors import FintechKGError
from fintech_kg.vocabulary import EntityType, EventType, RelationType

__all__ = [
    "CueKind",
    "Cues",
    "EventTriggers",
    "Place",
    "RelationPattern",
    "Statements",
    "TriggerBook",
    "TriggerDataError",
    "clause_bounds",
    "compile_words",
    "load_triggers",
    "sentences_with",
]

TRIGGER_DIR = "data/triggers"

CLAUSE_STOPS = "，,；;！!？?。"
"""Punctuation that ends a clause: cues and subjects are looked for within one clause."""

_CLAUSE_STOP = re.compile(f"[{re.escape(CLAUSE_STOPS)}]")
# Searched with an end position, finds the last clause stop before it in one call.
_LAST_CLAUSE_STOP = re.compile(rf"[{re.escape(CLAUSE_STOPS)}][^{re.escape(CLAUSE_STOPS)}]*\Z")

_Trie = dict[str, "_Trie"]
"""A word trie: one key per next character, and "" where a word ends."""

WordKind = Literal["forward", "reverse", "hedged", "adjacent"]
CueKind = Literal["negation", "hedge", "generic"]


class TriggerDataError(FintechKGError):
    """A trigger data file is missing, unparsable or inconsistent."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_words(words: list[str], field: str) -> list[str]:
    for word in words:
        if not word or word != word.strip() or any(c.isspace() for c in word):
            raise ValueError(f"{field}: {word!r} is empty or contains whitespace")
    if len(set(words)) != len(words):
        duplicates = sorted({w for w in words if words.count(w) > 1})
        raise ValueError(f"{field}: repeated words {duplicates}")
    return words


class RelationPattern(_Model):
    """The words that state one relation type, and the entity types it may join."""

    type: RelationType
    forward: list[str] = Field(description="'SOURCE word TARGET' words")
    reverse: list[str] = Field(default_factory=list, description="'TARGET word SOURCE' words")
    hedged: list[str] = Field(default_factory=list, description="Plan or rumour words")
    adjacent: list[str] = Field(
        default_factory=list, description="'SOURCE word TARGET' words with both names touching"
    )
    source_types: list[EntityType] = Field(default_factory=list, description="Empty = any")
    target_types: list[EntityType] = Field(default_factory=list, description="Empty = any")
    sector_targets: bool = Field(False, description="A sector may be the target")
    sentence_reach: list[str] = Field(
        default_factory=list,
        description="Words of this pattern that join ends anywhere in their sentence",
    )
    source_in_clause: bool = Field(
        False, description="A sentence_reach word takes its source from its own clause only"
    )
    preferred_targets: list[EntityType] = Field(
        default_factory=list,
        description="Types a sentence_reach word takes its targets from when named",
    )
    target_reach: bool = Field(
        False,
        description="A sentence_reach word with no target in its sentence takes the one"
        " entity of the target types named just before",
    )
    targets_follow: bool = Field(
        False, description="Targets come after the word, in its clause (运用大数据)"
    )
    base_confidence: float = Field(gt=0.0, le=1.0)

    @model_validator(mode="after")
    def _words_are_clean(self) -> RelationPattern:
        words = self.forward + self.reverse + self.hedged + self.adjacent
        _check_words(words, f"relation {self.type}")
        if not self.forward:
            raise ValueError(f"relation {self.type}: 'forward' needs at least one word")
        stray = sorted(set(self.sentence_reach) - set(words))
        if stray:
            raise ValueError(
                f"relation {self.type}: sentence_reach words {stray} are not among its words"
            )
        if self.sentence_reach and (
            not self.source_types
            or not self.target_types
            or set(self.source_types) & set(self.target_types)
        ):
            raise ValueError(
                f"relation {self.type}: sentence_reach needs disjoint, non-empty source_types"
                " and target_types (the types then tell the direction)"
            )
        return self


class Statements(_Model):
    """Words of the statements read from their structure rather than one trigger word:
    shareholder lists ("X的股东包括A(持股60%)、B") and funding rounds ("X获A领投的B轮融资")."""

    holder_nouns: list[str] = Field(description="Nouns naming a shareholder role (股东)")
    holder_links: list[str] = Field(description="Words between the role and its holders (包括)")
    controlling_nouns: list[str] = Field(description="Roles that own the company (控股股东)")
    holder_titles: list[str] = Field(
        default_factory=list, description="Titles before a listed holder's name (创始人)"
    )
    majority_stake: float = Field(ge=0, le=100, description="A stake above this owns (percent)")
    funding_receipts: list[str] = Field(description="Words of receiving money (获得)")
    funding_nouns: list[str] = Field(description="Words of the money received (融资)")
    funding_leads: list[str] = Field(description="'由A领投' words: A invests in the recipient")
    suppositions: list[str] = Field(description="Words of a supposition (如果): no relation")
    negations: list[str] = Field(description="Negations of a relation beyond cues.negation")
    claims: list[str] = Field(description="Claim words (宣称): the relation is kept hedged")
    deals: list[str] = Field(
        default_factory=list,
        description="Agreements of a deal (股权转让协议): their signers are no partners",
    )
    anaphora: dict[str, list[EntityType]] = Field(
        description="'该平台' -> the types of the entity it stands for"
    )
    anaphor_blockers: list[str] = Field(
        default_factory=list, description="Words holding an anaphor that stand for nothing (其中)"
    )

    @model_validator(mode="after")
    def _words_are_clean(self) -> Statements:
        for field in (
            "holder_nouns",
            "holder_links",
            "controlling_nouns",
            "holder_titles",
            "funding_receipts",
            "funding_nouns",
            "funding_leads",
            "suppositions",
            "negations",
            "claims",
            "deals",
        ):
            _check_words(getattr(self, field), f"relations.toml statements.{field}")
        _check_words(list(self.anaphora), "relations.toml statements.anaphora")
        _check_words(self.anaphor_blockers, "relations.toml statements.anaphor_blockers")
        return self


class EventTriggers(_Model):
    """The words that report one risk-event type."""

    type: EventType
    triggers: list[str]
    authority_expected: bool = Field(
        description="The event is done by a regulator or the police, who is then its authority"
    )
    base_confidence: float = Field(gt=0.0, le=1.0)

    @model_validator(mode="after")
    def _words_are_clean(self) -> EventTriggers:
        if not self.triggers:
            raise ValueError(f"event {self.type}: 'triggers' needs at least one word")
        _check_words(self.triggers, f"event {self.type}")
        return self


class Cues(_Model):
    """Words around a trigger that cancel, soften or redirect it."""

    negation: list[str]
    negation_exceptions: list[str]
    denial: list[str]
    hedge: list[str]
    generic: list[str]
    subject_links: list[str]
    list_openers: list[str]
    list_item_tails: list[str] = Field(
        default_factory=list, description="Category words that may end a listed subject"
    )
    adjacent_negation: list[str] = Field(
        default_factory=list, description="Words right before a trigger that negate it"
    )
    exclusion_openers: list[str] = Field(
        default_factory=list, description="Words opening the names an event excepts (除)"
    )
    exclusion_closers: list[str] = Field(
        default_factory=list, description="Words closing the names an event excepts (外)"
    )
    executive_words: list[str] = Field(
        default_factory=list, description="Words for an organisation's executives (实控人)"
    )
    done_to_markers: list[str] = Field(
        default_factory=list, description="Words that make the executives undergo it (被)"
    )
    speech_verbs: list[str] = Field(
        default_factory=list, description="Verbs whose speaker is no subject (回应, 表示)"
    )
    plural_references: list[str] = Field(
        default_factory=list, description="Words for names listed before (这些, 上述)"
    )
    suspect_words: list[str] = Field(
        default_factory=list, description="Words that name a person a suspect (犯罪嫌疑人)"
    )
    case_words: list[str] = Field(
        default_factory=list, description="Words after a crime that make it a case (案)"
    )
    excerpt_marks: list[str] = Field(
        default_factory=list, description="Marks of another article's cut excerpt ([…])"
    )
    window: int = Field(ge=1, le=30, description="Characters before a trigger a cue may start")
    amount_cues: list[str]
    amount_window: int = Field(ge=1, le=40)
    sector: dict[str, str] = Field(description="Category word -> sector name")

    @model_validator(mode="after")
    def _words_are_clean(self) -> Cues:
        for field in (
            "negation",
            "negation_exceptions",
            "denial",
            "hedge",
            "generic",
            "subject_links",
            "list_openers",
            "list_item_tails",
            "adjacent_negation",
            "exclusion_openers",
            "exclusion_closers",
            "plural_references",
            "speech_verbs",
            "executive_words",
            "done_to_markers",
            "suspect_words",
            "excerpt_marks",
            "case_words",
            "amount_cues",
        ):
            _check_words(getattr(self, field), f"cues.{field}")
        _check_words(list(self.sector), "cues.sector")
        return self


class Place(_Model):
    """A province or city: the name put on events, and the forms that name it in text."""

    name: str
    forms: list[str]


class TriggerBook(_Model):
    """Every trigger data file, validated, with matchers compiled on first use."""

    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    relations: list[RelationPattern]
    statements: Statements
    events: list[EventTriggers]
    event_blockers: list[str] = Field(
        default_factory=list,
        description='Words that hold a trigger but report no event ("反欺诈")',
    )
    cues: Cues
    places: list[Place]

    @model_validator(mode="after")
    def _no_word_in_two_types(self) -> TriggerBook:
        for label, owners in (
            (
                "relations.toml",
                [(r.type, r.forward + r.reverse + r.hedged + r.adjacent) for r in self.relations],
            ),
            ("events.toml", [(e.type, e.triggers) for e in self.events]),
        ):
            seen: dict[str, str] = {}
            for kind, words in owners:
                for word in words:
                    if word in seen and seen[word] != kind:
                        raise ValueError(
                            f"{label}: {word!r} is listed under both {seen[word]} and {kind};"
                            " keep it under one type"
                        )
                    seen[word] = kind
        _check_words(self.event_blockers, "events.toml blockers")
        for word in self.event_blockers:
            if not any(trigger in word for event in self.events for trigger in event.triggers):
                raise ValueError(f"events.toml: blocker {word!r} holds no trigger word; remove it")
        return self

    def cue_before(self, sentence: str, trigger_start: int, kind: CueKind, reach: int = 0) -> bool:
        """Whether a ``kind`` cue starts in the window before a trigger, in its clause.

        The window is ``cues.window`` characters, or ``reach`` when that is longer.

        >>> book = load_triggers()
        >>> book.cue_before("平台并未逾期", 4, "negation")
        True
        >>> book.cue_before("未经批准，逾期", 5, "negation")
        False
        """
        window_start = max(0, trigger_start - max(self.cues.window, reach))
        stop = _LAST_CLAUSE_STOP.search(sentence, window_start, trigger_start)
        if stop is not None:
            window_start = stop.start() + 1
        matcher = self.cue_matchers[kind]
        for match in matcher.finditer(sentence, window_start, trigger_start):
            if not self._in_exception(sentence, match.start()):
                return True
        return False

    @cached_property
    def cue_matchers(self) -> dict[CueKind, re.Pattern[str]]:
        """One matcher per cue list that acts on a trigger."""
        return {
            "negation": compile_words(self.cues.negation),
            "hedge": compile_words(self.cues.hedge),
            "generic": compile_words(self.cues.generic),
        }

    def _in_exception(self, sentence: str, position: int) -> bool:
        """Whether the cue at ``position`` is part of a word that does not negate ("未经")."""
        return any(
            sentence.find(word, max(0, position - len(word) + 1), position + len(word)) != -1
            for word in self.cues.negation_exceptions
        )

    @cached_property
    def relation_words(self) -> dict[str, tuple[RelationPattern, WordKind]]:
        """Every relation word -> its pattern and how it reads."""
        table: dict[str, tuple[RelationPattern, WordKind]] = {}
        for pattern in self.relations:
            readings: tuple[tuple[WordKind, list[str]], ...] = (
                ("forward", pattern.forward),
                ("reverse", pattern.reverse),
                ("hedged", pattern.hedged),
                ("adjacent", pattern.adjacent),
            )
            for kind, words in readings:
                for word in words:
                    table[word] = (pattern, kind)
        return table

    @cached_property
    def relation_matcher(self) -> re.Pattern[str]:
        """Finds relation words, longest first."""
        return compile_words(self.relation_words)

    @cached_property
    def statement_matcher(self) -> re.Pattern[str]:
        """Finds relation words and the words that open a shareholder list or a funding round:
        a sentence without any of them states no relation."""
        words = self.statements
        return compile_words(
            [*self.relation_words, *words.holder_nouns, *words.funding_nouns, *words.funding_leads]
        )

    @cached_property
    def event_words(self) -> dict[str, EventTriggers]:
        """Every event trigger word -> its event type."""
        return {word: event for event in self.events for word in event.triggers}

    @cached_property
    def event_matcher(self) -> re.Pattern[str]:
        """Finds event trigger words and blockers, longest first."""
        return compile_words([*self.event_words, *self.event_blockers])

    def event_word(self, word: str) -> EventTriggers | None:
        """The event type a word found by :attr:`event_matcher` reports; None for a blocker."""
        return self.event_words.get(word)

    @cached_property
    def place_forms(self) -> dict[str, str]:
        """Every place form -> the place's name."""
        return {form: place.name for place in self.places for form in place.forms}

    @cached_property
    def place_matcher(self) -> re.Pattern[str]:
        """Finds place names, longest first."""
        return compile_words(self.place_forms)

    @cached_property
    def sector_matcher(self) -> re.Pattern[str]:
        """Finds category words that stand for a sector."""
        return compile_words(self.cues.sector)

    @cached_property
    def amount_cue_matcher(self) -> re.Pattern[str]:
        """Finds words that tie an amount to an event (涉案金额)."""
        return compile_words(self.cues.amount_cues)


def compile_words(words: Iterable[str]) -> re.Pattern[str]:
    """One regex that finds any of ``words``, preferring the longest at each position.

    The words are laid out as a trie ("逾期(?:金额)?"): Python's ``re`` tries the branches of
    an alternation one by one, so a flat list of words costs about twice as much to scan.

    >>> [m.group() for m in compile_words(["逾期", "逾期金额"]).finditer("逾期金额高")]
    ['逾期金额']
    """
    trie: _Trie = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(_trie_pattern(trie))


def _trie_pattern(node: _Trie) -> str:
    """The regex of a trie node: its longer words first, so the longest match wins."""
    branches = [
        re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def clause_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause of ``text[start:end]`` within ``text[lo:hi]``: from after the last clause
    stop before ``start`` (else ``lo``) to the first one at or after ``end`` (else ``hi``).

    >>> clause_bounds("甲，乙逾期，丙。", 3, 5, 0, 8)
    (2, 5)
    """
    before = _LAST_CLAUSE_STOP.search(text, lo, start)
    after = _CLAUSE_STOP.search(text, end, hi)
    return (lo if before is None else before.start() + 1), (hi if after is None else after.start())


def sentences_with(
    matcher: re.Pattern[str], text: str, sentences: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The sentences holding a match of ``matcher``, found with one pass over ``text``.

    Most sentences hold no trigger; skipping them is most of the extractors' speed.

    >>> sentences_with(compile_words(["逾期"]), "甲。乙逾期。丙。", [(0, 2), (2, 6), (6, 8)])
    [(2, 6)]
    """
    starts = [start for start, _ in sentences]
    hit: list[tuple[int, int]] = []
    for match in matcher.finditer(text):
        index = bisect_right(starts, match.start()) - 1
        if index >= 0 and match.end() <= sentences[index][1] and sentences[index] not in hit[-1:]:
            hit.append(sentences[index])
    return hit


def _read_text(name: str) -> tuple[str, str]:
    """(where, text) of a trigger data file."""
    path = resources.files("fintech_kg").joinpath(TRIGGER_DIR, name)
    try:
        return str(path), path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise TriggerDataError(
            f"{path}: trigger data file is missing; reinstall fintech-kg"
        ) from exc


def _read_toml(name: str) -> dict[str, object]:
    where, text = _read_text(name)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TriggerDataError(f"{where}: {exc}; fix the TOML syntax there") from exc


def _read_places(name: str) -> list[Place]:
    where, text = _read_text(name)
    places = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        forms = [f.strip() for f in line.split("|")]
        if not all(forms):
            raise TriggerDataError(f"{where}:{line_no}: empty place name in {line!r}")
        places.append(Place(name=forms[0], forms=forms))
    return places


@lru_cache(maxsize=1)
def load_triggers() -> TriggerBook:
    """Read and validate the trigger data files shipped in ``fintech_kg/data/triggers``."""
    relations = _read_toml("relations.toml")
    events = _read_toml("events.toml")
    cues = _read_toml("cues.toml")
    try:
        return TriggerBook.model_validate(
            {
                "relations": relations.get("relation", []),
                "statements": relations.get("statements", {}),
                "events": events.get("event", []),
                "event_blockers": events.get("blockers", []),
                "cues": cues,
                "places": _read_places("locations.txt"),
            }
        )
    except ValidationError as exc:
        raise TriggerDataError(
            f"trigger data in fintech_kg/{TRIGGER_DIR} is invalid: {exc}; fix the named entry"
        ) from exc
