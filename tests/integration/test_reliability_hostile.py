"""Hostile names and values travel as parameters: they round-trip unchanged and run no Cypher.

Quotes, backticks, braces, Cypher fragments, a 100,000-character name, emoji, a NUL-like
escape and a zero-width space go into entity ids, article metadata, attribute keys and event
fields; a sentinel article written before must survive, and retracting the hostile article
must give back exactly the sentinel's graph.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import neo4j
import pytest

from fintech_kg.errors import GraphError
from fintech_kg.graph.ingest import ingest
from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import ExtractionRecord
from fintech_kg.reading import make_article
from fintech_kg.vocabulary import ENTITY_LABELS, EntityType, RelationType

HOSTILE = [
    'O\'Reilly "银行"',
    "`Bank`:`Entity`",
    "{id: 1, name: $rows}",
    "}) DETACH DELETE n //",
    "'; MATCH (n) DETACH DELETE n; //",
    "\\' OR 1=1 --\\",
    "CALL dbms.shutdown() 💥🏦",
    "零\u200b宽",
]
LONG = "长" * 100_000
HOSTILE_ID = "a'}) MATCH (n) DETACH DELETE n //"


def test_hostile_values_round_trip_and_run_no_cypher(
    writer: GraphWriter,
    snapshot: Callable[[], Any],
    neo4j_driver: neo4j.Driver,
    neo4j_database: str,
    make_record: Callable[..., ExtractionRecord],
) -> None:
    writer.write(
        [
            make_record(
                "sentinel", "百度与中信银行合作。", entities=[("百度", EntityType.TECH_COMPANY)]
            )
        ]
    )
    sentinel_only = snapshot()

    text = "。".join(HOSTILE) + "。"
    record = make_record(
        HOSTILE_ID,
        text,
        entities=[(name, EntityType.COMPANY) for name in HOSTILE],
        relations=[(RelationType.OWNS, HOSTILE[0], HOSTILE[3], False)],
        events=[
            {
                "type": "FRAUD",
                "subjects": [HOSTILE[3]],
                "location": HOSTILE[4],
                "date": date(2020, 1, 1),
                "trigger": HOSTILE[5],
            },
            {"type": "COMPLAINT", "sector": HOSTILE[1], "trigger": HOSTILE[6]},
        ],
        title=HOSTILE[2] + LONG,
        source=HOSTILE[4],
        published_at=date(2020, 1, 2),
        attributes={HOSTILE[0]: {"`}) SET n.pwned = true //": LONG}},
    )
    report = writer.write([record])
    assert report.articles_written == 1

    def one(cypher: str, **params: Any) -> Any:
        records, _, _ = neo4j_driver.execute_query(cypher, params, database_=neo4j_database)
        return records[0][0]

    assert one("MATCH (a:Article {id: 'sentinel'}) RETURN count(a)") == 1
    assert sorted(one("MATCH (e:Entity) WHERE e.id <> '百度' RETURN collect(e.name)")) == sorted(
        HOSTILE
    )
    assert one("MATCH (a:Article {id: $id}) RETURN a.title", id=HOSTILE_ID) == HOSTILE[2] + LONG
    assert one("MATCH (e:RiskEvent {type: 'FRAUD'}) RETURN e.location") == HOSTILE[4]
    assert one("MATCH (e:RiskEvent {type: 'COMPLAINT'}) RETURN e.sector") == HOSTILE[1]
    assert (
        one(
            "MATCH (e:Entity {id: $id}) RETURN e[$key]",
            id=HOSTILE[0],
            key="`}) SET n.pwned = true //",
        )
        == LONG
    )
    assert one("MATCH (n) WHERE n.pwned IS NOT NULL RETURN count(n)") == 0
    labels = set(one("MATCH (n) UNWIND labels(n) AS label RETURN collect(DISTINCT label)"))
    assert labels <= ENTITY_LABELS | {"Entity", "Article", "Sentence", "RiskEvent"}
    types = set(one("MATCH ()-[r]->() RETURN collect(DISTINCT type(r))"))
    assert types == {"MENTIONS", "HAS_SENTENCE", "OWNS", "REPORTS", "SUPPORTS", "SUBJECT_OF"}

    assert writer.retract(HOSTILE_ID).articles_retracted == 1
    assert snapshot() == sentinel_only


def test_an_id_too_long_for_a_key_fails_that_article_alone(
    writer: GraphWriter,
    neo4j_driver: neo4j.Driver,
    neo4j_database: str,
    make_record: Callable[..., ExtractionRecord],
) -> None:
    long_name = "长" * 100_000
    bad = make_record("bad", long_name + "。", entities=[(long_name, EntityType.COMPANY)])
    with pytest.raises(GraphError, match="longer than"):
        writer.write([bad])

    # Through ingest: the batch is refused, retried article by article, and only the
    # article whose id is too long is reported.
    articles = [
        make_article("百度与中信银行合作。", id="good-1"),
        make_article("腾讯入股富途证券。", id="x" * 10_000),
        make_article("蚂蚁集团收购天弘基金。", id="good-2"),
    ]
    report = ingest(articles, writer, batch_size=3)
    assert (report.articles_written, report.articles_failed) == (2, 1)
    assert report.errors[0].article_id == "x" * 10_000
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (a:Article) RETURN a.id AS id ORDER BY id", database_=neo4j_database
    )
    assert [r["id"] for r in records] == ["good-1", "good-2"]
