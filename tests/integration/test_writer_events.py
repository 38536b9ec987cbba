"""Event identity on a real Neo4j: one event per type, subject and occasion, co-subjects kept,
undated reports joining their key's event, dates compared at their precision; and the graph
independent of order, batches and retraction under these rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import neo4j
import pytest

from fintech_kg.graph.client import KnowledgeGraph
from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import ExtractionRecord
from fintech_kg.settings import Settings
from fintech_kg.vocabulary import EntityType

P2P, BANK = EntityType.P2P_PLATFORM, EntityType.BANK
Make = Callable[..., ExtractionRecord]


def reports(make: Make) -> dict[str, ExtractionRecord]:
    """Fraud at 青禾贷 told by four outlets naming different others, one undated, one with
    only the month; and a collapse known once to its year and once to its day."""
    return {
        "f1": make(
            "f1",
            "青禾贷涉嫌诈骗，存管方南岭银行发布声明。",
            entities=[("青禾贷", P2P), ("南岭银行", BANK)],
            events=[{"type": "FRAUD", "subjects": ["青禾贷", "南岭银行"], "trigger": "诈骗"}],
            published_at=date(2018, 9, 3),
        ),
        "f2": make(
            "f2",
            "青禾贷与白石金服被指诈骗。",
            entities=[("青禾贷", P2P), ("白石金服", P2P)],
            events=[{"type": "FRAUD", "subjects": ["白石金服", "青禾贷"], "trigger": "诈骗"}],
            published_at=date(2018, 9, 20),
        ),
        "f3": make(
            "f3",
            "九月青禾贷诈骗一事持续发酵。",
            entities=[("青禾贷", P2P)],
            events=[
                {
                    "type": "FRAUD",
                    "subjects": ["青禾贷"],
                    "date": date(2018, 9, 1),
                    "date_precision": "month",
                    "trigger": "诈骗",
                }
            ],
            published_at=date(2018, 12, 2),
        ),
        "f4": make(
            "f4",
            "转载：青禾贷诈骗案。",
            entities=[("青禾贷", P2P)],
            events=[{"type": "FRAUD", "subjects": ["青禾贷"], "trigger": "诈骗"}],
        ),
        "c1": make(
            "c1",
            "青禾贷于2018年清退。",
            entities=[("青禾贷", P2P)],
            events=[
                {
                    "type": "COLLAPSE",
                    "subjects": ["青禾贷"],
                    "date": date(2018, 1, 1),
                    "date_precision": "year",
                    "trigger": "清退",
                }
            ],
            published_at=date(2019, 5, 1),
        ),
    }


def events(driver: neo4j.Driver, database: str) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(
        "MATCH (e:RiskEvent) RETURN e.type AS type, e.subject AS subject,"
        " e.co_subjects AS co_subjects, e.date_text AS date, e.mention_count AS reports,"
        " [(x)-[:SUBJECT_OF]->(e) | x.id] AS linked ORDER BY type, subject",
        database_=database,
    )
    return [record.data() for record in records]


def test_one_event_per_type_and_subject_with_the_co_subjects_on_it(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str, make_record: Make
) -> None:
    writer.write(reports(make_record).values())
    assert events(neo4j_driver, neo4j_database) == [
        {
            "type": "COLLAPSE",
            "subject": "青禾贷",
            "co_subjects": [],
            "date": "2018",
            "reports": 1,
            "linked": ["青禾贷"],
        },
        {
            "type": "FRAUD",
            "subject": "南岭银行",
            "co_subjects": ["青禾贷"],
            "date": "2018-09-03",
            "reports": 1,
            "linked": ["南岭银行"],
        },
        {
            "type": "FRAUD",
            "subject": "白石金服",
            "co_subjects": ["青禾贷"],
            "date": "2018-09-20",
            "reports": 1,
            "linked": ["白石金服"],
        },
        {  # four articles, one undated and one giving only the month: one event
            "type": "FRAUD",
            "subject": "青禾贷",
            "co_subjects": ["南岭银行", "白石金服"],
            "date": "2018-09-03",
            "reports": 4,
            "linked": ["青禾贷"],
        },
    ]


@pytest.mark.parametrize("order", [["f4", "c1", "f2", "f3", "f1"], ["f3", "f1", "f4", "f2", "c1"]])
def test_order_batches_and_retraction_do_not_show(
    order: list[str],
    writer: GraphWriter,
    snapshot: Callable[[], Any],
    clear: Callable[[], None],
    make_record: Make,
) -> None:
    made = reports(make_record)
    writer.write(made.values())
    whole = snapshot()
    clear()
    for article_id in order:
        writer.write([made[article_id]])
    assert snapshot() == whole
    writer.retract("f1")
    without = snapshot()
    clear()
    writer.write([made[a] for a in order if a != "f1"])
    assert snapshot() == without


def test_an_undated_report_moves_with_the_latest_event(
    writer: GraphWriter,
    snapshot: Callable[[], Any],
    clear: Callable[[], None],
    neo4j_driver: neo4j.Driver,
    neo4j_database: str,
    make_record: Make,
) -> None:
    made = reports(make_record)
    writer.write([made["f4"]])
    assert [e["date"] for e in events(neo4j_driver, neo4j_database)] == [None]
    writer.write([made["f1"]])
    assert [(e["date"], e["reports"]) for e in events(neo4j_driver, neo4j_database)] == [
        ("2018-09-03", 1),
        ("2018-09-03", 2),
    ]
    writer.retract("f1")
    alone = snapshot()
    clear()
    writer.write([made["f4"]])
    assert snapshot() == alone


def test_queries_compare_dates_at_their_precision(
    writer: GraphWriter, make_record: Make, neo4j_settings: Settings
) -> None:
    writer.write(reports(make_record).values())
    with KnowledgeGraph(settings=neo4j_settings) as kg:
        mid_year = kg.events("COLLAPSE", since=date(2018, 6, 1), until=date(2018, 6, 30))
        assert [(e.date_text, e.date_precision) for e in mid_year] == [("2018", "year")]
        assert kg.events("COLLAPSE", since=date(2019, 1, 1)) == []
        lifecycle = kg.query("platform-lifecycle", platform="青禾贷").rows
        assert [(row["date"], row["type"]) for row in lifecycle] == [
            ("2018", "COLLAPSE"),
            ("2018-09-03", "FRAUD"),
        ]
