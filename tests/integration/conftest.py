"""Fixtures for tests that write the graph: the schema applied once, an empty graph per test,
a writer on it, a snapshot of the whole graph for comparisons, and hand-built records.

Built on the session fixtures of ``tests/conftest.py`` (``neo4j_driver``, ``neo4j_database``).
The records are written by hand from the shared models (``fintech_kg.models``), so writer
tests do not depend on what the extraction finds; the sentences are ours.

Example:
    def test_one(writer, snapshot, make_record):
        writer.write([make_record("a1", "百度与中信银行合作。", entities=[...])])
        assert snapshot()["nodes"]
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

import neo4j
import pytest

from fintech_kg.graph.client import KnowledgeGraph
from fintech_kg.graph.schema import apply_schema
from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import (
    ArticleMeta,
    Entity,
    Evidence,
    ExtractionRecord,
    Mention,
    Relation,
    RiskEvent,
)
from fintech_kg.settings import Settings
from fintech_kg.vocabulary import EntityType, EventType, RelationType
from fintech_kg.vocabulary import EntityType as T
from fintech_kg.vocabulary import RelationType as R

# Properties that differ between two equal writes by design (the time of writing).
VOLATILE = frozenset({"ingested_at"})


@pytest.fixture(scope="session")
def graph_schema(neo4j_driver: neo4j.Driver, neo4j_database: str) -> None:
    """Constraints and indexes applied once per session."""
    apply_schema(neo4j_driver, neo4j_database)


def clear_graph(driver: neo4j.Driver, database: str) -> None:
    """Delete every node and relationship (schema stays)."""
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


@pytest.fixture
def empty_graph(graph_schema: None, neo4j_driver: neo4j.Driver, neo4j_database: str) -> None:
    """An empty graph with the schema applied."""
    clear_graph(neo4j_driver, neo4j_database)


@pytest.fixture
def writer(empty_graph: None, neo4j_driver: neo4j.Driver, neo4j_database: str) -> GraphWriter:
    """A writer with a small batch size on an empty graph."""
    return GraphWriter(neo4j_driver, neo4j_database, batch_size=3)


def graph_snapshot(driver: neo4j.Driver, database: str) -> dict[str, Any]:
    """The whole graph as comparable data: nodes by (labels, id), relationships by type and
    the ids of both ends, all properties except :data:`VOLATILE` ones, sorted."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", database_=database
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS source, b.id AS target,"
        " properties(r) AS props",
        database_=database,
    )

    def clean(props: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in props.items() if k not in VOLATILE}

    return {
        "nodes": sorted(
            (sorted(row["labels"]), repr(sorted(clean(row["props"]).items()))) for row in nodes
        ),
        "relationships": sorted(
            (row["type"], row["source"], row["target"], repr(sorted(clean(row["props"]).items())))
            for row in rels
        ),
    }


@pytest.fixture
def snapshot(neo4j_driver: neo4j.Driver, neo4j_database: str) -> Callable[[], dict[str, Any]]:
    """Call to take a :func:`graph_snapshot` of the test database."""
    return lambda: graph_snapshot(neo4j_driver, neo4j_database)


def _evidence(text: str, sentence: str, extractor: str, confidence: float) -> Evidence:
    start = text.index(sentence)
    return Evidence(
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        extractor=extractor,
        extractor_version="test",
        confidence=confidence,
    )


def _sentence_of(text: str, needle: str) -> str:
    """The sentence (ending in 。) of ``text`` that contains ``needle``."""
    at = text.index(needle)
    start = text.rfind("。", 0, at) + 1
    end = text.find("。", at)
    return text[start : end + 1 if end >= 0 else len(text)]


def build_record(
    article_id: str,
    text: str,
    *,
    entities: Sequence[tuple[str, EntityType]] = (),
    relations: Sequence[tuple[RelationType, str, str, bool]] = (),
    events: Sequence[dict[str, Any]] = (),
    published_at: date | None = None,
    title: str = "",
    source: str | None = None,
    attributes: dict[str, dict[str, str]] | None = None,
) -> ExtractionRecord:
    """An extraction record built by hand: every entity is mentioned where its name occurs
    first; a relation's evidence is the sentence naming its target; an event's is the sentence
    of ``event["trigger"]`` (keys of ``event``: type, subjects, trigger, and optionally
    date, date_precision, amount_cny, location, authority, sector, hedged)."""
    built_entities = []
    for entity_id, entity_type in entities:
        sentence = _sentence_of(text, entity_id)
        at = text.index(entity_id)
        mention = Mention(
            text=entity_id,
            start=at,
            end=at + len(entity_id),
            evidence=_evidence(text, sentence, "fkg_entities", 0.9),
        )
        built_entities.append(
            Entity(
                id=entity_id,
                name=entity_id,
                type=entity_type,
                confidence=0.9,
                attributes=(attributes or {}).get(entity_id, {}),
                mentions=[mention],
            )
        )
    built_relations = [
        Relation(
            type=relation_type,
            source=source_id,
            target=target_id,
            confidence=0.8,
            hedged=hedged,
            evidence=_evidence(text, _sentence_of(text, target_id), "fkg_relations", 0.8),
        )
        for relation_type, source_id, target_id, hedged in relations
    ]
    built_events = []
    for number, event in enumerate(events):
        trigger = event["trigger"]
        built_events.append(
            RiskEvent(
                id=f"{article_id}-e{number}",
                type=EventType(event["type"]),
                subjects=list(event.get("subjects", [])),
                sector=event.get("sector"),
                authority=event.get("authority"),
                date=event.get("date"),
                date_precision=event.get("date_precision"),
                amount_cny=event.get("amount_cny"),
                location=event.get("location"),
                trigger=trigger,
                confidence=0.85,
                hedged=event.get("hedged", False),
                evidence=_evidence(text, _sentence_of(text, trigger), "fkg_events", 0.85),
            )
        )
    meta = ArticleMeta(
        id=article_id,
        title=title,
        published_at=published_at,
        source=source,
        content_sha256=hashlib.sha256(text.encode()).hexdigest(),
        char_count=len(text),
        extractor_version="test",
    )
    return ExtractionRecord(
        id=article_id,
        article=meta,
        entities=built_entities,
        relations=built_relations,
        events=built_events,
    )


@pytest.fixture
def make_record() -> Callable[..., ExtractionRecord]:
    """:func:`build_record`, for tests to build their records."""
    return build_record


@pytest.fixture
def clear(neo4j_driver: neo4j.Driver, neo4j_database: str) -> Callable[[], None]:
    """Call to empty the test database again within a test."""
    return lambda: clear_graph(neo4j_driver, neo4j_database)


def synthetic_records(count: int, prefix: str = "s") -> list[ExtractionRecord]:
    """``count`` small articles about seven platforms and three banks whose reports overlap:
    shared entities, relationships supported by many articles, events that merge and chains.
    """
    from datetime import timedelta

    records = []
    for number in range(count):
        platform, bank = f"平台{number % 7}号", f"银行{number % 3}号"
        day = date(2019, 1, 1) + timedelta(days=(number * 11) % 200)
        event = ("OVERDUE", "逾期") if number % 2 else ("INVESTIGATION", "立案侦查")
        text = f"{platform}于{day:%m月%d日}出现{event[1]}。{bank}是{platform}的存管银行。"
        records.append(
            build_record(
                f"{prefix}{number:04d}",
                text,
                entities=[(platform, EntityType.P2P_PLATFORM), (bank, EntityType.BANK)],
                relations=[(RelationType.CUSTODIAN_FOR, bank, platform, number % 5 == 0)],
                events=[
                    {
                        "type": event[0],
                        "subjects": [platform],
                        "date": day,
                        "amount_cny": float(number * 1000),
                        "trigger": event[1],
                    }
                ],
                published_at=day + timedelta(days=1),
            )
        )
    return records


@pytest.fixture
def make_synthetic() -> Callable[..., list[ExtractionRecord]]:
    """:func:`synthetic_records`, for tests to build many overlapping records."""
    return synthetic_records


@pytest.fixture
def snapshot_of() -> Callable[[neo4j.Driver, str], dict[str, Any]]:
    """:func:`graph_snapshot` for a driver and database of the test's choosing."""
    return graph_snapshot


@pytest.fixture
def clear_of() -> Callable[[neo4j.Driver, str], None]:
    """:func:`clear_graph` for a driver and database of the test's choosing."""
    return clear_graph


Builder = Callable[..., ExtractionRecord]


# The query tests' small graph (sentences written for these tests; test_queries_on_graph.py
# describes it), shared with the API tests through the `kg` fixture.


def _sample_records(make_record: Builder) -> list[ExtractionRecord]:
    """The test graph's articles, as extraction records."""
    records = [
        make_record(
            "t-001",
            "北辰银行为星光贷提供资金存管服务。星光集团持有星光贷的全部股权。"
            "2018年6月15日，星光贷出现逾期，出借人无法提现。",
            published_at=date(2018, 6, 16),
            title="星光贷逾期",
            entities=[("北辰银行", T.BANK), ("星光贷", T.P2P_PLATFORM), ("星光集团", T.COMPANY)],
            relations=[
                (R.CUSTODIAN_FOR, "北辰银行", "星光贷", False),
                (R.OWNS, "星光集团", "星光贷", False),
            ],
            events=[
                {
                    "type": "OVERDUE",
                    "subjects": ["星光贷"],
                    "trigger": "逾期",
                    "date": date(2018, 6, 15),
                    "location": "上海",
                },
            ],
        ),
        make_record(
            "t-002",
            "上海市公安局对星光贷立案侦查，涉案金额约5亿元。北辰银行表示仅提供存管服务。",
            published_at=date(2018, 7, 3),
            entities=[
                ("上海市公安局", T.REGULATOR),
                ("星光贷", T.P2P_PLATFORM),
                ("北辰银行", T.BANK),
            ],
            events=[
                {
                    "type": "INVESTIGATION",
                    "subjects": ["星光贷"],
                    "trigger": "立案侦查",
                    "authority": "上海市公安局",
                    "date": date(2018, 7, 2),
                    "amount_cny": 5e8,
                    "location": "上海",
                },
            ],
        ),
        make_record(
            "t-003",
            "2018年7月10日，星光贷停止运营，平台失联。",
            published_at=date(2018, 7, 11),
            entities=[("星光贷", T.P2P_PLATFORM)],
            events=[
                {
                    "type": "COLLAPSE",
                    "subjects": ["星光贷"],
                    "trigger": "失联",
                    "date": date(2018, 7, 10),
                    "location": "上海",
                },
            ],
        ),
        make_record(
            "t-004",
            "星光贷已于7月10日失联，投资人前往报案。",
            published_at=date(2018, 7, 12),
            entities=[("星光贷", T.P2P_PLATFORM)],
            events=[
                {
                    "type": "COLLAPSE",
                    "subjects": ["星光贷"],
                    "trigger": "失联",
                    "date": date(2018, 7, 10),
                    "location": "上海",
                },
            ],
        ),
        make_record(
            "t-005",
            "南山银行为月亮贷提供资金存管。2018年8月5日，月亮贷突然跑路，待还金额约1亿元。",
            published_at=date(2018, 8, 6),
            entities=[("南山银行", T.BANK), ("月亮贷", T.P2P_PLATFORM)],
            relations=[(R.CUSTODIAN_FOR, "南山银行", "月亮贷", False)],
            events=[
                {
                    "type": "COLLAPSE",
                    "subjects": ["月亮贷"],
                    "trigger": "跑路",
                    "date": date(2018, 8, 5),
                    "amount_cny": 1e8,
                    "location": "深圳",
                },
            ],
        ),
        make_record(
            "t-006",
            "深圳市金融监督管理局对月亮贷作出行政处罚。",
            published_at=date(2018, 9, 2),
            entities=[("深圳市金融监督管理局", T.REGULATOR), ("月亮贷", T.P2P_PLATFORM)],
            events=[
                {
                    "type": "REGULATORY_ACTION",
                    "subjects": ["月亮贷"],
                    "trigger": "行政处罚",
                    "authority": "深圳市金融监督管理局",
                    "date": date(2018, 9, 1),
                    "location": "深圳",
                },
            ],
        ),
        make_record(
            "t-007",
            "阿里巴巴持有蚂蚁金服的股份。阿里巴巴为北辰银行提供人工智能风控技术。"
            "腾讯向南山银行输出云计算能力。",
            published_at=date(2019, 1, 10),
            entities=[
                ("阿里巴巴", T.TECH_COMPANY),
                ("蚂蚁金服", T.FINANCIAL_INSTITUTION),
                ("北辰银行", T.BANK),
                ("人工智能", T.TECHNOLOGY),
                ("腾讯", T.TECH_COMPANY),
                ("南山银行", T.BANK),
            ],
            relations=[
                (R.OWNS, "阿里巴巴", "蚂蚁金服", False),
                (R.EMPOWERS, "阿里巴巴", "北辰银行", False),
                (R.EMPOWERS, "腾讯", "南山银行", False),
                (R.ADOPTS, "北辰银行", "人工智能", False),
                (R.ADOPTS, "南山银行", "人工智能", False),
            ],
        ),
        make_record(
            "t-008",
            "有传言称百度将投资星光集团。蚂蚁金服采用区块链技术。",
            published_at=date(2019, 2, 1),
            entities=[
                ("百度", T.TECH_COMPANY),
                ("星光集团", T.COMPANY),
                ("蚂蚁金服", T.FINANCIAL_INSTITUTION),
                ("区块链", T.TECHNOLOGY),
            ],
            relations=[
                (R.INVESTS_IN, "百度", "星光集团", True),
                (R.ADOPTS, "蚂蚁金服", "区块链", False),
            ],
        ),
    ]
    # An alias, to look entities up by another name (the writer keeps the union).
    records[6].entities[1].aliases = ["蚂蚁集团"]
    return records


def _write_sample(writer: GraphWriter, make_record: Builder) -> None:
    """Write the test graph into the (empty) database of ``writer``."""
    report = writer.write(_sample_records(make_record))
    assert report.articles_written == 8


@pytest.fixture
def kg(
    writer: GraphWriter, make_record: Builder, neo4j_settings: Settings
) -> Iterator[KnowledgeGraph]:
    """A client on the test graph."""
    _write_sample(writer, make_record)
    with KnowledgeGraph(settings=neo4j_settings) as client:
        yield client
