"""Resolution on its own: the gold of gold_dev, turned into extraction records as if extracted
perfectly and ingested, gives the gold back as a graph (one node per real entity, one event per
true (type, subject) and occasion): the writer's entity resolution (fintech_kg.graph.aliases)
ties the names the gold gives as one entity's aliases. Needs ../shared/data/gold_dev (present
in CI)."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest

from fintech_kg.evaluation.graph import gold_records, load_gold, score_graph
from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import Article
from fintech_kg.reading import read_articles

GOLD = Path(__file__).resolve().parents[3] / "shared/data/gold_dev"


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
    writer.write(records)
    scores = score_graph(neo4j_driver, neo4j_database, gold)
    print("\n".join(scores.lines()))
    for score in (scores.entities, scores.relations, scores.event_pairs):
        assert (score.f1 or 0.0) >= 0.97, scores.lines()
    assert scores.events_per_pair <= 1.02, scores.lines()
