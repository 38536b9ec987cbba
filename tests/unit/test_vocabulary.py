"""The vocabulary's display words: every event type has a Chinese caption with its date."""

from __future__ import annotations

import datetime
import re

import pytest

from fintech_kg.vocabulary import EVENT_TYPE_WORDS, EventType, event_caption


@pytest.mark.parametrize("event_type", list(EventType))
def test_every_event_type_has_a_chinese_word(event_type: EventType) -> None:
    assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", EVENT_TYPE_WORDS[event_type])


def test_event_words_tell_the_types_apart() -> None:
    assert len(set(EVENT_TYPE_WORDS.values())) == len(EventType)


@pytest.mark.parametrize(
    ("precision", "caption"),
    [
        (None, "爆雷 2019-03"),
        ("month", "爆雷 2019-03"),
        ("year", "爆雷 2019"),
        ("day", "爆雷 2019-03-08"),
    ],
)
def test_caption_shows_the_known_part_of_the_date(precision: str | None, caption: str) -> None:
    assert event_caption("COLLAPSE", datetime.date(2019, 3, 8), precision) == caption


def test_unknown_event_type_is_refused() -> None:
    with pytest.raises(ValueError, match="BANKRUPTCY"):
        event_caption("BANKRUPTCY", None)
