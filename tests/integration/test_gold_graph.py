"""Resolution on its own: the gold of gold_dev, turned into extraction records as if extracted
perfectly and ingested, gives the gold back as a graph (one node per real entity, one event per
true (type, subject) and occasion). Needs ../shared/data/gold_dev (present in CI)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import neo4j
import pytest

from fintech_kg.evaluation.graph import gold_records, load_gold, score_graph
from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import Article, ExtractionRecord
from fintech_kg.reading import read_articles

GOLD = Path(__file__).resolve().parents[3] / "shared/data/gold_dev"


def alias_ties(records: Sequence[ExtractionRecord]) -> Callable[[str], str]:
    """The least cross-article entity resolution must do: names an article gives as one
    entity's aliases are that entity wherever they stand as an id (the id most articles use
    wins, the smallest on a tie). A stand-in for the aliases module, which also uses the
    registries; it plugs in where that module will (``GraphWriter(canonical_id=...)``)."""
    parent: dict[str, str] = {}

    def find(name: str) -> str:
        parent.setdefault(name, name)
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    uses: Counter[str] = Counter()
    for record in records:
        for entity in record.entities:
            uses[entity.id] += 1
            for alias in entity.aliases:
                parent[find(alias)] = find(entity.id)
    members: dict[str, list[str]] = {}
    for entity_id in uses:
        members.setdefault(find(entity_id), []).append(entity_id)
    canonical = {
        entity_id: min(group, key=lambda name: (-uses[name], name))
        for group in members.values()
        for entity_id in group
    }
    return lambda entity_id: canonical.get(entity_id, entity_id)


@pytest.fixture
def gold_folder() -> Path:
    if not (GOLD / "gold.jsonl").is_file():
        pytest.skip(f"gold_dev not found at {GOLD}: check out ../shared beside the repository")
    return GOLD


def test_the_gold_as_records_comes_back_as_the_gold_graph(
    gold_folder: Path, writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str
) -> None:
    gold = load_gold(gold_folder)
    articles = [
        a for a in read_articles([gold_folder / "articles.jsonl"]) if isinstance(a, Article)
    ]
    records = gold_records(articles, gold)
    assert len(records) == len(gold)
    writer.canonical_id = alias_ties(records)
    writer.write(records)
    scores = score_graph(neo4j_driver, neo4j_database, gold)
    print("\n".join(scores.lines()))
    for score in (scores.entities, scores.relations, scores.event_pairs):
        assert (score.f1 or 0.0) >= 0.97, scores.lines()
    assert scores.events_per_pair <= 1.02, scores.lines()
