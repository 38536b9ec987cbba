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
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import neo4j
import pytest

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
from fintech_kg.vocabulary import EntityType, EventType, RelationType

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
    date, amount_cny, location, authority, sector, hedged)."""
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
