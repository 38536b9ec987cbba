"""The trigger data files load, validate, and reject what would make extraction ambiguous."""

from __future__ import annotations

import pytest

from fintech_kg.extraction.triggers import (
    Cues,
    RelationPattern,
    TriggerBook,
    compile_words,
    load_triggers,
)
from fintech_kg.vocabulary import EventType, RelationType


def test_every_relation_type_but_member_of_and_succeeds_has_words() -> None:
    book = load_triggers()
    covered = {pattern.type for pattern in book.relations}
    assert covered == set(RelationType) - {RelationType.MEMBER_OF, RelationType.SUCCEEDS}


def test_every_event_type_has_the_issue_trigger_words() -> None:
    book = load_triggers()
    assert {event.type for event in book.events} == set(EventType)
    for word, kind in [
        ("爆雷", EventType.COLLAPSE),
        ("延期兑付", EventType.OVERDUE),
        ("集资诈骗", EventType.ILLEGAL_FUNDRAISING),
        ("自融", EventType.FRAUD),
        ("经侦介入", EventType.INVESTIGATION),
        ("风险提示", EventType.REGULATORY_ACTION),
        ("良性退出", EventType.EXIT),
        ("维权", EventType.COMPLAINT),
        ("高管失联", EventType.EXECUTIVE_RISK),
    ]:
        assert book.event_words[word].type == kind


def test_longest_word_wins() -> None:
    book = load_triggers()
    found = [m.group() for m in book.event_matcher.finditer("涉嫌集资诈骗，高管失联")]
    assert found == ["集资诈骗", "高管失联"]


def test_places_name_their_province_or_city() -> None:
    book = load_triggers()
    assert book.place_forms["杭州"] == "杭州市"
    assert book.place_forms["广西"] == "广西壮族自治区"


def test_cue_before_stays_in_the_clause_and_honours_exceptions() -> None:
    book = load_triggers()
    assert book.cue_before("该平台并未逾期", 5, "negation")
    assert not book.cue_before("并未回应，平台逾期", 7, "negation")
    assert not book.cue_before("没收财物并罚款", 4, "negation")


def test_a_word_under_two_types_is_rejected() -> None:
    book = load_triggers()
    clash = RelationPattern(type=RelationType.COMPETES_WITH, forward=["收购"], base_confidence=0.5)
    with pytest.raises(ValueError, match="收购"):
        TriggerBook(
            relations=[*book.relations, clash],
            statements=book.statements,
            events=book.events,
            cues=book.cues,
            places=book.places,
        )


def test_blank_or_repeated_words_are_rejected() -> None:
    with pytest.raises(ValueError, match="whitespace"):
        RelationPattern(type=RelationType.OWNS, forward=["旗 下"], base_confidence=0.5)
    with pytest.raises(ValueError, match="repeated"):
        RelationPattern(type=RelationType.OWNS, forward=["旗下", "旗下"], base_confidence=0.5)
    cues = load_triggers().cues.model_dump()
    cues["window"] = 0
    with pytest.raises(ValueError):
        Cues(**cues)


def test_compile_words_prefers_longer_words() -> None:
    assert [m.group() for m in compile_words(["存管", "银行存管"]).finditer("银行存管")] == [
        "银行存管"
    ]


def test_a_blocker_must_hold_a_trigger() -> None:
    book = load_triggers()
    assert book.event_word("反欺诈") is None
    with pytest.raises(ValueError, match="holds no trigger"):
        TriggerBook(
            relations=book.relations,
            statements=book.statements,
            events=book.events,
            event_blockers=["无关词"],
            cues=book.cues,
            places=book.places,
        )


def test_a_missing_data_file_is_named() -> None:
    from fintech_kg.extraction import triggers

    with pytest.raises(triggers.TriggerDataError, match=r"absent\.toml.*missing"):
        triggers._read_toml("absent.toml")
