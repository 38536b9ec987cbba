"""The pure planning step and the event identity rules, without a server: records -> rows,
reports -> events (one per type, subject and occasion; dates at their precision)."""

from __future__ import annotations

import hashlib
import random
from datetime import date
from typing import Any

import pytest

from fintech_kg.errors import GraphError
from fintech_kg.graph.aliases import Resolution
from fintech_kg.graph.planning import (
    HeldEvent,
    event_reach,
    join_reports,
    merged_relations,
    plan_events,
    plan_records,
    rename_report,
)
from fintech_kg.graph.resolution import EventReport, cluster_reports, subject_key
from fintech_kg.models import ExtractionRecord


def record(
    article_id: str,
    names: list[str],
    events: list[dict[str, Any]],
    published_at: date | None = date(2019, 3, 1),
) -> ExtractionRecord:
    """A record whose text is the names joined; every event's evidence is the first name."""
    text = "，".join(names) + "。"
    evidence = {
        "sentence": text,
        "start": 0,
        "end": len(text),
        "extractor": "test",
        "extractor_version": "test",
        "confidence": 0.9,
    }
    return ExtractionRecord.model_validate(
        {
            "id": article_id,
            "article": {
                "id": article_id,
                "published_at": published_at,
                "content_sha256": hashlib.sha256(text.encode()).hexdigest(),
                "char_count": len(text),
            },
            "entities": [
                {"id": name, "name": name, "type": "P2PPlatform", "confidence": 0.9}
                for name in names
            ],
            "events": [
                {
                    "id": f"{article_id}-{number}",
                    "trigger": "诈骗",
                    "confidence": 0.8,
                    "evidence": evidence,
                    **event,
                }
                for number, event in enumerate(events)
            ],
        }
    )


def events_of(records: list[ExtractionRecord]) -> dict[str, list[str]]:
    """{event name: sorted article ids} after planning the records in one go."""
    plan = plan_events([], plan_records(records).reports, [])
    return {
        row.properties["name"]: sorted({r["article_id"] for r in row.reports}) for row in plan.rows
    }


def test_one_event_per_type_and_subject_whatever_else_the_article_names() -> None:
    records = [
        record("a1", ["甲贷", "乙行"], [{"type": "FRAUD", "subjects": ["甲贷", "乙行"]}]),
        record("a2", ["甲贷", "丙网"], [{"type": "FRAUD", "subjects": ["甲贷", "丙网"]}]),
        record("a3", ["甲贷"], [{"type": "FRAUD", "subjects": ["甲贷"]}], date(2019, 3, 20)),
    ]
    found = events_of(records)
    assert found == {
        "甲贷 FRAUD 2019-03-01": ["a1", "a2", "a3"],
        "乙行 FRAUD 2019-03-01": ["a1"],
        "丙网 FRAUD 2019-03-01": ["a2"],
    }


def test_co_subjects_stay_visible_and_only_the_key_subject_is_linked() -> None:
    records = [
        record("a1", ["甲贷", "乙行"], [{"type": "FRAUD", "subjects": ["甲贷", "乙行"]}]),
        record("a2", ["甲贷", "丙网"], [{"type": "FRAUD", "subjects": ["甲贷", "丙网"]}]),
    ]
    plan = plan_events([], plan_records(records).reports, [])
    main = next(row for row in plan.rows if row.properties["subject"] == "甲贷")
    assert main.properties["co_subjects"] == ["丙网", "乙行"]
    assert [(link["type"], link["entity_id"]) for link in main.links] == [("SUBJECT_OF", "甲贷")]
    assert plan.subjects == ["丙网", "乙行", "甲贷"]


def test_an_undated_report_joins_the_latest_event_of_its_key() -> None:
    dated = [
        record("a1", ["甲贷"], [{"type": "FRAUD", "subjects": ["甲贷"]}], date(2019, 1, 1)),
        record("a2", ["甲贷"], [{"type": "FRAUD", "subjects": ["甲贷"]}], date(2019, 6, 1)),
    ]
    undated = record("u1", ["甲贷", "乙行"], [{"type": "FRAUD", "subjects": ["甲贷"]}], None)
    assert events_of([*dated, undated]) == {
        "甲贷 FRAUD 2019-01-01": ["a1"],
        "甲贷 FRAUD 2019-06-01": ["a2", "u1"],
    }
    assert events_of([undated]) == {"甲贷 FRAUD": ["u1"]}


def test_dates_merge_at_their_precision_and_show_no_day_no_text_gave() -> None:
    def collapse(article_id: str, day: date, precision: str, published: date) -> ExtractionRecord:
        event = {"type": "COLLAPSE", "subjects": ["甲贷"], "date": day, "date_precision": precision}
        return record(article_id, ["甲贷"], [event], published)

    year = collapse("y", date(2018, 1, 1), "year", date(2019, 2, 1))
    month = collapse("m", date(2018, 6, 1), "month", date(2018, 12, 1))
    day = collapse("d", date(2018, 6, 20), "day", date(2018, 6, 21))
    assert events_of([year, month, day]) == {"甲贷 COLLAPSE 2018-06-20": ["d", "m", "y"]}
    only_coarse = plan_events([], plan_records([year, month]).reports, []).rows
    assert [
        (r.properties["date_text"], r.properties["date_precision"], r.properties["date_until"])
        for r in only_coarse
    ] == [("2018-06", "month", date(2018, 6, 30))]
    assert events_of([year]) == {"甲贷 COLLAPSE 2018": ["y"]}


def test_a_month_reaches_only_within_the_window_of_its_own_days() -> None:
    def overdue(article_id: str, day: date, precision: str = "day") -> ExtractionRecord:
        event = {"type": "OVERDUE", "subjects": ["甲贷"], "date": day, "date_precision": precision}
        return record(article_id, ["甲贷"], [event])

    # June (1-30) and 2018-08-15 are 46 days apart: two events.
    assert (
        len(events_of([overdue("m", date(2018, 6, 1), "month"), overdue("d", date(2018, 8, 15))]))
        == 2
    )
    assert (
        len(events_of([overdue("m", date(2018, 6, 1), "month"), overdue("d", date(2018, 7, 25))]))
        == 1
    )


def test_sector_events_group_by_sector_and_month() -> None:
    def sector(article_id: str, day: date, name: str = "P2P") -> ExtractionRecord:
        return record(article_id, ["甲贷"], [{"type": "REGULATORY_ACTION", "sector": name}], day)

    found = events_of(
        [
            sector("s1", date(2019, 3, 1)),
            sector("s2", date(2019, 3, 31)),
            sector("s3", date(2019, 4, 1)),
            sector("s4", date(2019, 3, 5), "银行"),
        ]
    )
    assert sorted(found.values()) == [["s1", "s2"], ["s3"], ["s4"]]


def test_clusters_do_not_depend_on_the_order_of_reports() -> None:
    key = subject_key("OVERDUE", "甲贷")
    reports = [
        EventReport(
            report_id=f"r{n}",
            article_id=f"r{n}",
            key=key,
            type="OVERDUE",
            subject="甲贷",
            date=date(2019, 1, 1 + (n * 7) % 28) if n % 5 else None,
            precision="day" if n % 5 else None,
        )
        for n in range(20)
    ]
    expected = cluster_reports(reports)
    shuffled = list(reports)
    random.Random(7).shuffle(shuffled)
    assert cluster_reports(shuffled) == expected


def test_a_retraction_reaches_the_latest_other_event_of_the_key() -> None:
    key = subject_key("FRAUD", "甲贷")
    reach = event_reach([], [HeldEvent(id="FRAUD-x", key=key)])
    assert (reach.keys, reach.event_ids, reach.windows) == ([key], ["FRAUD-x"], [])


def test_a_held_event_that_loses_its_reports_is_gone() -> None:
    held = plan_events(
        [],
        plan_records([record("a1", ["甲贷"], [{"type": "FRAUD", "subjects": ["甲贷"]}])]).reports,
        [],
    )
    row = held.rows[0]
    assert plan_events([HeldEvent(id=row.id, key=row.properties["key"])], [], [row.id]).gone == [
        row.id
    ]


def test_canonical_ids_merge_entities_and_move_their_facts() -> None:
    platform = record(
        "a1", ["小钱包", "钱包公司"], [{"type": "FRAUD", "subjects": ["小钱包", "钱包公司"]}]
    )
    tied = Resolution(canonical={"小钱包": "钱包公司", "钱包公司": "钱包公司"})
    plan = plan_records([platform], tied)
    assert [row.id for row in plan.entities] == ["钱包公司"]
    assert [(r.subject, r.co_subjects) for r in plan.reports] == [("钱包公司", ())]


def test_a_merge_renames_reports_to_the_canonical_subject_and_joins_an_articles_two() -> None:
    both = record(
        "a1", ["小钱包", "钱包公司"], [{"type": "FRAUD", "subjects": ["小钱包", "钱包公司"]}]
    )
    reports = plan_records([both]).reports
    assert sorted(r.subject for r in reports) == ["小钱包", "钱包公司"]

    def canonical(entity_id: str) -> str:
        return {"小钱包": "钱包公司"}.get(entity_id, entity_id)

    renamed = [rename_report(r, canonical) for r in reports]
    assert {r.report_id for r in renamed} == {
        r.report_id for r in plan_records([both], _tie("小钱包", "钱包公司")).reports
    }
    assert [(r.key, r.co_subjects) for r in renamed] == [
        (subject_key("FRAUD", "钱包公司"), ()),
    ] * 2
    joined = join_reports(*renamed)
    assert joined.sentence_ids == renamed[0].sentence_ids
    assert plan_events([], [joined], []).rows[0].properties["subject"] == "钱包公司"


def test_merged_relations_unite_support_and_drop_a_relation_between_two_names() -> None:
    held = {
        "小钱包": [
            ["OWNS", "甲集团", "小钱包", {"article_ids": ["a1"], "confidences": [0.6]}],
            ["PARTNERS_WITH", "小钱包", "钱包公司", {"article_ids": ["a2"], "confidences": [0.7]}],
        ],
        "钱包公司": [["OWNS", "甲集团", "钱包公司", {"article_ids": ["a1"], "confidences": [0.9]}]],
    }
    rows = merged_relations(held, lambda i: {"小钱包": "钱包公司"}.get(i, i), ["小钱包"])
    assert [(r.type, r.source, r.target, r.confidences) for r in rows] == [
        ("OWNS", "甲集团", "钱包公司", [0.9])
    ]


def _tie(name: str, canonical: str) -> Resolution:
    return Resolution(canonical={name: canonical, canonical: canonical})


def test_an_event_subject_missing_from_the_entities_is_a_clear_error() -> None:
    broken = record("a1", ["甲贷"], [{"type": "FRAUD", "subjects": ["乙贷"]}])
    with pytest.raises(GraphError, match=r"a1.*乙贷"):
        plan_records([broken])
