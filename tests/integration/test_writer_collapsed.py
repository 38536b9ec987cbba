"""The derived label ``Collapsed`` against a real Neo4j: set on a P2P platform that is the
subject of a COLLAPSE event or whose lexicon status is a failure, removed when neither holds
after a retraction or a replaced article."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import neo4j

from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import ExtractionRecord
from fintech_kg.vocabulary import EntityType

P2P = EntityType.P2P_PLATFORM

Make = Callable[..., ExtractionRecord]


def collapsed(driver: neo4j.Driver, database: str) -> list[str]:
    """Ids of the entities labelled Collapsed, sorted."""
    records, _, _ = driver.execute_query(
        "MATCH (e:Collapsed) RETURN e.id AS id ORDER BY id", database_=database
    )
    return [record["id"] for record in records]


def overdue(make: Make, article_id: str = "o1") -> ExtractionRecord:
    return make(
        article_id,
        "星河贷近日出现逾期。",
        entities=[("星河贷", P2P)],
        events=[{"type": "OVERDUE", "subjects": ["星河贷"], "trigger": "逾期"}],
        published_at=date(2019, 5, 2),
    )


def collapse(make: Make, article_id: str = "c1") -> ExtractionRecord:
    return make(
        article_id,
        "星河贷宣布停止运营，进入清退。",
        entities=[("星河贷", P2P)],
        events=[{"type": "COLLAPSE", "subjects": ["星河贷"], "trigger": "清退"}],
        published_at=date(2019, 6, 20),
    )


def test_a_platform_with_a_collapse_event_is_collapsed(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str, make_record: Make
) -> None:
    writer.write([overdue(make_record), collapse(make_record)])
    assert collapsed(neo4j_driver, neo4j_database) == ["星河贷"]


def test_retracting_the_only_collapse_report_removes_the_label(
    writer: GraphWriter,
    neo4j_driver: neo4j.Driver,
    neo4j_database: str,
    make_record: Make,
    snapshot: Callable[[], object],
    clear: Callable[[], None],
) -> None:
    writer.write([overdue(make_record)])
    never_collapsed = snapshot()
    clear()
    writer.write([overdue(make_record), collapse(make_record)])
    assert writer.retract("c1").articles_retracted == 1
    assert collapsed(neo4j_driver, neo4j_database) == []
    assert snapshot() == never_collapsed


def test_the_label_stays_while_another_collapse_report_remains(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str, make_record: Make
) -> None:
    writer.write([collapse(make_record, "c1"), collapse(make_record, "c2")])
    writer.retract("c1")
    assert collapsed(neo4j_driver, neo4j_database) == ["星河贷"]
    writer.retract("c2")
    assert collapsed(neo4j_driver, neo4j_database) == []


def test_a_changed_article_without_the_collapse_removes_the_label(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str, make_record: Make
) -> None:
    writer.write([collapse(make_record, "c1")])
    corrected = make_record(
        "c1",
        "星河贷否认停止运营，称逾期只是个别情况。",
        entities=[("星河贷", P2P)],
        events=[{"type": "OVERDUE", "subjects": ["星河贷"], "trigger": "逾期"}],
        published_at=date(2019, 6, 21),
    )
    assert writer.write([corrected]).articles_replaced == 1
    assert collapsed(neo4j_driver, neo4j_database) == []


def test_a_platform_whose_lexicon_status_is_a_failure_is_collapsed(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str, make_record: Make
) -> None:
    record = make_record(
        "s1",
        "月光贷、晨星贷和云桥贷都在网贷名单上。",
        entities=[("月光贷", P2P), ("晨星贷", P2P), ("云桥贷", P2P)],
        attributes={
            "月光贷": {"status": "跑路"},
            "晨星贷": {"status": "转型"},
            "云桥贷": {"status": "normal"},
        },
    )
    writer.write([record])
    assert collapsed(neo4j_driver, neo4j_database) == ["月光贷"]


def test_a_healthy_platform_with_only_an_overdue_event_is_not_collapsed(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str, make_record: Make
) -> None:
    record = make_record(
        "h1",
        "星河贷近日出现逾期。",
        entities=[("星河贷", P2P)],
        events=[{"type": "OVERDUE", "subjects": ["星河贷"], "trigger": "逾期"}],
        published_at=date(2019, 5, 2),
        attributes={"星河贷": {"status": "normal"}},
    )
    writer.write([record])
    assert collapsed(neo4j_driver, neo4j_database) == []
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (e:P2PPlatform {id: '星河贷'}) RETURN count(e) AS n", database_=neo4j_database
    )
    assert records[0]["n"] == 1


def test_only_p2p_platforms_are_collapsed(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str, make_record: Make
) -> None:
    record = make_record(
        "k1",
        "某科技公司宣布清退其业务。",
        entities=[("某科技公司", EntityType.COMPANY)],
        events=[{"type": "COLLAPSE", "subjects": ["某科技公司"], "trigger": "清退"}],
        attributes={"某科技公司": {"status": "停业"}},
    )
    writer.write([record])
    assert collapsed(neo4j_driver, neo4j_database) == []
