"""find_dates: absolute dates, relative dates resolved against the publication date, and the
look-alikes that are not dates."""

from __future__ import annotations

from datetime import date

import pytest

from fintech_kg.dates import (
    DateMention,
    EventPrecision,
    find_dates,
    period_end,
    period_text,
    resolve_date,
)

PUBLISHED = date(2019, 1, 25)  # a Friday


def values(text: str, reference: date | None = PUBLISHED) -> list[tuple[str, str, str]]:
    return [(m.text, m.value.isoformat(), m.precision) for m in find_dates(text, reference)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-01-25", ("2019-01-25", "2019-01-25", "day")),
        ("2019/1/25", ("2019/1/25", "2019-01-25", "day")),
        ("2019.1.25", ("2019.1.25", "2019-01-25", "day")),
        ("2019年1月25日", ("2019年1月25日", "2019-01-25", "day")),
        ("2019 年 1 月 25 日", ("2019 年 1 月 25 日", "2019-01-25", "day")),
        ("2018年6月", ("2018年6月", "2018-06-01", "month")),
        ("2018年", ("2018年", "2018-01-01", "year")),
        ("二〇一八年六月十五日", ("二〇一八年六月十五日", "2018-06-15", "day")),
        ("２０１８年６月１５日", ("２０１８年６月１５日", "2018-06-15", "day")),
        ("18年6月15日", ("18年6月15日", "2018-06-15", "day")),
        ("98年6月", ("98年6月", "1998-06-01", "month")),
    ],
)
def test_absolute_dates_need_no_reference(text: str, expected: tuple[str, str, str]) -> None:
    assert values(f"据悉，{text}，某平台宣布清退。", None) == [expected]


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("6月15日", "2018-06-15", "day"),  # June after a January publication: last year
        ("1月20日", "2019-01-20", "day"),
        ("1月30日", "2019-01-30", "day"),  # a few days ahead: an announced date this year
        ("2月10日", "2018-02-10", "day"),
        ("12月31日", "2018-12-31", "day"),
        ("六月十五号", "2018-06-15", "day"),
        ("3月", "2018-03-01", "month"),
        ("今年3月", "2019-03-01", "month"),
        ("去年12月5日", "2018-12-05", "day"),
        ("去年", "2018-01-01", "year"),
        ("前年", "2017-01-01", "year"),
        ("昨日", "2019-01-24", "day"),
        ("昨天", "2019-01-24", "day"),
        ("前天", "2019-01-23", "day"),
        ("今天", "2019-01-25", "day"),
        ("上周", "2019-01-14", "week"),
        ("上周五", "2019-01-18", "day"),
        ("本周一", "2019-01-21", "day"),
        ("周三", "2019-01-23", "day"),
        ("星期天", "2019-01-20", "day"),
        ("上个月", "2018-12-01", "month"),
        ("本月15日", "2019-01-15", "day"),
        ("15日", "2019-01-15", "day"),
    ],
)
def test_relative_dates_resolve_against_the_publication_date(
    text: str, iso: str, precision: str
) -> None:
    (mention,) = find_dates(f"记者获悉，{text}某平台已停止发标。", PUBLISHED)
    assert (mention.text, mention.value.isoformat(), mention.precision) == (text, iso, precision)
    assert mention.relative


def test_a_day_too_far_ahead_falls_in_the_previous_month() -> None:
    assert values("28日", date(2019, 1, 5)) == [("28日", "2018-12-28", "day")]
    assert values("28日", date(2019, 1, 25)) == [("28日", "2019-01-28", "day")]


def test_relative_dates_are_skipped_without_a_reference() -> None:
    assert values("6月15日、上周和昨日，2019年1月25日", None) == [
        ("2019年1月25日", "2019-01-25", "day")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "平台承诺3日内到账",
        "借款期限为6个月",
        "10日前完成兑付",
        "今日头条发布公告",
        "统一月度报表",
        "2月30日",
        "1000年以前",
        "13月5日",
        "平台已运营18年",
    ],
)
def test_look_alikes_are_not_dates(text: str) -> None:
    assert values(text) == []


def test_offsets_point_into_the_text() -> None:
    text = "某平台于2019年1月25日宣布清退，昨日经侦介入。"
    mentions = find_dates(text, PUBLISHED)
    assert [text[m.start : m.end] for m in mentions] == ["2019年1月25日", "昨日"]
    assert all(isinstance(m, DateMention) for m in mentions)


def test_a_bare_day_after_a_date_continues_its_month() -> None:
    assert values("2019年5月10日至12日", None) == [
        ("2019年5月10日", "2019-05-10", "day"),
        ("12日", "2019-05-12", "day"),
    ]


def test_resolve_date() -> None:
    assert resolve_date("上周", PUBLISHED) == date(2019, 1, 14)
    assert resolve_date("2019年1月25日") == date(2019, 1, 25)
    assert resolve_date("没有日期") is None


@pytest.mark.parametrize(
    ("start", "precision", "end", "text"),
    [
        (date(2018, 6, 15), "day", date(2018, 6, 15), "2018-06-15"),
        (date(2018, 2, 1), "month", date(2018, 2, 28), "2018-02"),
        (date(2018, 12, 1), "month", date(2018, 12, 31), "2018-12"),
        (date(2018, 1, 1), "year", date(2018, 12, 31), "2018"),
    ],
)
def test_a_period_ends_and_reads_at_its_precision(
    start: date, precision: EventPrecision, end: date, text: str
) -> None:
    assert (period_end(start, precision), period_text(start, precision)) == (end, text)
