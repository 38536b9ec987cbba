"""The graph writer against a real Neo4j: idempotency, event merging, lifecycle chains,
order independence, replacement and retraction.

The central check: writing a set of articles gives one graph whatever the order and the
batches, and retracting an article gives the graph of never having written it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import neo4j
import pytest

from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import ExtractionRecord
from fintech_kg.vocabulary import EntityType, RelationType

P2P = EntityType.P2P_PLATFORM

Make = Callable[..., ExtractionRecord]


def articles(make: Make) -> dict[str, ExtractionRecord]:
    """Four reports about one platform: overdue, a case opened (reported by two outlets), and
    the wind-down; plus a tech partnership that two articles support."""
    return {
        "a1": make(
            "a1",
            "东莞市公安局对团贷网立案侦查。团贷网的存管银行为厦门银行。腾讯与厦门银行合作。",
            entities=[
                ("东莞市公安局", EntityType.REGULATOR),
                ("团贷网", P2P),
                ("厦门银行", EntityType.BANK),
                ("腾讯", EntityType.TECH_COMPANY),
            ],
            relations=[
                (RelationType.CUSTODIAN_FOR, "厦门银行", "团贷网", False),
                (RelationType.PARTNERS_WITH, "腾讯", "厦门银行", False),
            ],
            events=[
                {
                    "type": "INVESTIGATION",
                    "subjects": ["团贷网"],
                    "authority": "东莞市公安局",
                    "date": date(2019, 3, 28),
                    "amount_cny": 1.45e10,
                    "location": "东莞",
                    "trigger": "立案侦查",
                }
            ],
            published_at=date(2019, 3, 28),
            source="outlet one",
        ),
        "a2": make(
            "a2",
            "警方3月28日对团贷网立案侦查，涉案约一百四十六亿元。厦门银行与腾讯合作。",
            entities=[
                ("团贷网", P2P),
                ("厦门银行", EntityType.BANK),
                ("腾讯", EntityType.TECH_COMPANY),
            ],
            relations=[(RelationType.PARTNERS_WITH, "厦门银行", "腾讯", False)],
            events=[
                {
                    "type": "INVESTIGATION",
                    "subjects": ["团贷网"],
                    "date": date(2019, 3, 28),
                    "amount_cny": 1.46e10,
                    "trigger": "立案侦查",
                }
            ],
            published_at=date(2019, 3, 29),
            source="outlet two",
        ),
        "a3": make(
            "a3",
            "团贷网出现大面积逾期。传言腾讯将收购团贷网。",
            entities=[("团贷网", P2P), ("腾讯", EntityType.TECH_COMPANY)],
            relations=[(RelationType.ACQUIRES, "腾讯", "团贷网", True)],
            events=[{"type": "OVERDUE", "subjects": ["团贷网"], "trigger": "逾期"}],
            published_at=date(2019, 3, 25),
        ),
        "a4": make(
            "a4",
            "团贷网停止运营并启动清退。网贷行业本月多家平台被约谈。",
            entities=[("团贷网", P2P)],
            events=[
                {"type": "COLLAPSE", "subjects": ["团贷网"], "trigger": "清退"},
                {"type": "REGULATORY_ACTION", "sector": "P2P", "trigger": "约谈"},
            ],
            published_at=date(2019, 6, 10),
        ),
    }


def rows(driver: neo4j.Driver, database: str, cypher: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(cypher, params, database_=database)
    return [record.data() for record in records]


def test_same_article_twice_changes_nothing(
    writer: GraphWriter, snapshot: Callable[[], Any], make_record: Make
) -> None:
    records = list(articles(make_record).values())
    first = writer.write(records)
    before = snapshot()
    again = writer.write(records)
    assert first.articles_written == 4
    assert (again.articles_written, again.articles_skipped) == (0, 4)
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert (again.nodes_deleted, again.relationships_deleted) == (0, 0)
    assert snapshot() == before


def test_reports_of_one_event_merge_into_one_node(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str, make_record: Make
) -> None:
    made = articles(make_record)
    writer.write([made["a1"], made["a2"]])
    events = rows(
        neo4j_driver,
        neo4j_database,
        "MATCH (e:RiskEvent {type: 'INVESTIGATION'}) "
        "RETURN e {.*, reports: COUNT { (:Article)-[:REPORTS]->(e) },"
        " sentences: COUNT { (:Sentence)-[:SUPPORTS]->(e) },"
        " authorities: [(x)-[:ACTED_IN]->(e) | x.id]} AS e",
    )
    assert len(events) == 1
    event = events[0]["e"]
    assert event["mention_count"] == 2
    assert (event["reports"], event["sentences"]) == (2, 2)
    assert event["date"].to_native() == date(2019, 3, 28)
    assert event["first_reported"].to_native() == date(2019, 3, 28)
    assert event["last_reported"].to_native() == date(2019, 3, 29)
    assert event["amount_cny"] == 1.46e10  # the later report's figure
    assert event["location"] == "东莞"
    assert event["authorities"] == ["东莞市公安局"]


def test_platform_lifecycle_is_a_chain_in_date_order(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str, make_record: Make
) -> None:
    writer.write(list(articles(make_record).values()))
    chain = rows(
        neo4j_driver,
        neo4j_database,
        "MATCH p = (first:RiskEvent)-[:FOLLOWED_BY*]->(last:RiskEvent) "
        "WHERE all(r IN relationships(p) WHERE r.subject = '团贷网') "
        "  AND NOT (:RiskEvent)-[:FOLLOWED_BY {subject: '团贷网'}]->(first) "
        "  AND NOT (last)-[:FOLLOWED_BY {subject: '团贷网'}]->(:RiskEvent) "
        "RETURN [e IN nodes(p) | e.type] AS types",
    )
    assert chain == [{"types": ["OVERDUE", "INVESTIGATION", "COLLAPSE"]}]


def test_sector_event_has_no_subject_and_keeps_its_sector(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str, make_record: Make
) -> None:
    writer.write([articles(make_record)["a4"]])
    sector = rows(
        neo4j_driver,
        neo4j_database,
        "MATCH (e:RiskEvent {type: 'REGULATORY_ACTION'}) "
        "RETURN e.sector AS sector, COUNT { (:Entity)-[:SUBJECT_OF]->(e) } AS subjects",
    )
    assert sector == [{"sector": "P2P", "subjects": 0}]


def test_relations_keep_evidence_and_hedging(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str, make_record: Make
) -> None:
    made = articles(make_record)
    writer.write([made["a1"], made["a2"], made["a3"]])
    partners = rows(
        neo4j_driver,
        neo4j_database,
        "MATCH (a:Entity)-[r:PARTNERS_WITH]-(b:Entity) WHERE a.id < b.id "
        "RETURN a.id AS a, b.id AS b, r.article_ids AS articles, size(r.sentence_ids) AS n",
    )
    # Stated in both directions by two articles, stored once with both as support.
    assert partners == [{"a": "厦门银行", "b": "腾讯", "articles": ["a1", "a2"], "n": 2}]
    hedged = rows(
        neo4j_driver,
        neo4j_database,
        "MATCH (:Entity {id: '腾讯'})-[r:ACQUIRES]->(:Entity {id: '团贷网'}) "
        "RETURN r.hedged AS hedged",
    )
    assert hedged == [{"hedged": True}]


@pytest.mark.parametrize("order", [["a4", "a2", "a3", "a1"], ["a2", "a1", "a4", "a3"]])
def test_the_graph_does_not_depend_on_order_or_batches(
    order: list[str],
    writer: GraphWriter,
    snapshot: Callable[[], Any],
    clear: Callable[[], None],
    make_record: Make,
) -> None:
    made = articles(make_record)
    writer.write(made.values())
    expected = snapshot()
    clear()
    for article_id in order:  # one transaction per article, in another order
        writer.write([made[article_id]])
    assert snapshot() == expected


@pytest.mark.parametrize("gone", ["a1", "a2", "a3", "a4"])
def test_retraction_gives_the_graph_of_never_writing_the_article(
    gone: str,
    writer: GraphWriter,
    snapshot: Callable[[], Any],
    clear: Callable[[], None],
    make_record: Make,
) -> None:
    made = articles(make_record)
    writer.write([record for article_id, record in made.items() if article_id != gone])
    expected = snapshot()
    clear()
    writer.write(made.values())
    report = writer.retract(gone)
    assert report.articles_retracted == 1
    assert snapshot() == expected


def test_retracting_everything_leaves_an_empty_graph(
    writer: GraphWriter, snapshot: Callable[[], Any], make_record: Make
) -> None:
    made = articles(make_record)
    writer.write(made.values())
    for article_id in made:
        writer.retract(article_id)
    assert snapshot() == {"nodes": [], "relationships": []}
    assert writer.retract("a1").articles_retracted == 0


def test_shared_event_survives_retraction_with_recomputed_properties(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str, make_record: Make
) -> None:
    made = articles(make_record)
    writer.write([made["a1"], made["a2"]])
    writer.retract("a2")
    event = rows(
        neo4j_driver,
        neo4j_database,
        "MATCH (e:RiskEvent {type: 'INVESTIGATION'}) "
        "RETURN e.mention_count AS n, e.amount_cny AS amount, e.last_reported AS last",
    )
    assert event == [{"n": 1, "amount": 1.45e10, "last": neo4j.time.Date(2019, 3, 28)}]


def test_changed_text_replaces_the_article_contribution(
    writer: GraphWriter,
    snapshot: Callable[[], Any],
    clear: Callable[[], None],
    make_record: Make,
) -> None:
    made = articles(make_record)
    changed = make_record(
        "a3",
        "团贷网出现逾期后被百度收购。",
        entities=[("团贷网", P2P), ("百度", EntityType.TECH_COMPANY)],
        relations=[(RelationType.ACQUIRES, "百度", "团贷网", False)],
        events=[{"type": "OVERDUE", "subjects": ["团贷网"], "trigger": "逾期"}],
        published_at=date(2019, 3, 26),
    )
    writer.write([made["a1"], changed])
    expected = snapshot()
    clear()
    writer.write([made["a1"], made["a3"]])
    report = writer.write([changed])
    assert (report.articles_written, report.articles_replaced) == (1, 1)
    assert snapshot() == expected


def test_entity_labels_and_attributes(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str, make_record: Make
) -> None:
    record = make_record(
        "b1",
        "红岭创投宣布清盘。",
        entities=[("红岭创投", P2P)],
        attributes={"红岭创投": {"status": "问题平台", "id": "not-an-id", "region": "深圳"}},
    )
    writer.write([record])
    entity = rows(
        neo4j_driver,
        neo4j_database,
        "MATCH (e:Entity {id: '红岭创投'}) RETURN labels(e) AS labels, e.status AS status,"
        " e.region AS region, e.type AS type",
    )
    entity[0]["labels"].sort()
    assert entity == [
        {
            "labels": ["Collapsed", "Entity", "P2PPlatform"],  # 问题平台 is a failure status
            "status": "问题平台",
            "region": "深圳",
            "type": "P2PPlatform",
        }
    ]


def test_a_report_between_two_events_merges_them_and_its_retraction_splits_them(
    writer: GraphWriter,
    snapshot: Callable[[], Any],
    clear: Callable[[], None],
    neo4j_driver: neo4j.Driver,
    neo4j_database: str,
    make_record: Make,
) -> None:
    def overdue(article_id: str, day: date) -> ExtractionRecord:
        return make_record(
            article_id,
            "星光贷出现逾期。",
            entities=[("星光贷", P2P)],
            events=[{"type": "OVERDUE", "subjects": ["星光贷"], "date": day, "trigger": "逾期"}],
            published_at=day,
        )

    early, late = overdue("o1", date(2019, 1, 1)), overdue("o2", date(2019, 2, 10))
    bridge = overdue("o3", date(2019, 1, 21))  # 20 days from each, they are 40 apart

    def event_sizes() -> list[int]:
        found = rows(
            neo4j_driver,
            neo4j_database,
            "MATCH (e:RiskEvent) RETURN e.mention_count AS n ORDER BY e.date",
        )
        return [row["n"] for row in found]

    writer.write([early, late])
    apart = snapshot()
    assert event_sizes() == [1, 1]
    writer.write([bridge])
    merged = snapshot()
    assert event_sizes() == [3]
    writer.retract("o3")
    assert snapshot() == apart

    clear()
    for record in (bridge, late, early):
        writer.write([record])
    assert snapshot() == merged
