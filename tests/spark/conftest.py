"""Fixtures of the Spark tier: one local Spark session for the run, an empty graph per test,
and a canonical dump of the whole graph to compare a Spark ingest with the CLI's.

The tier needs the ``spark`` extra (``make setup`` installs it) and Java 17, and the Neo4j
of the session fixtures in ``tests/conftest.py``. Spark runs ``local[2]`` with its UI off
and few shuffle partitions, so the tier stays quick on a small machine.

Example:
    def test_counts(spark, empty_graph, graph_dump):
        ingest(spark, ["a.jsonl"], settings)
        assert graph_dump()["nodes"]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from pyspark.sql import SparkSession

from fintech_kg.graph.schema import apply_schema
from fintech_kg.spark import spark_session

CHECKOUT = Path(__file__).resolve().parents[2]
CORPUS = CHECKOUT.parent / "shared" / "data" / "bdci2019_corpus" / "articles.jsonl"
"""The shared corpus, next to the checkout (present in CI)."""

# Set when written: differs between two writes of the same facts.
_VOLATILE = frozenset({"ingested_at"})


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    """One ``local[2]`` Spark session for the whole run."""
    session = spark_session(
        "local[2]",
        {
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            "spark.sql.shuffle.partitions": "2",
            "spark.default.parallelism": "2",
        },
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture
def empty_graph(neo4j_driver: neo4j.Driver, neo4j_database: str) -> None:
    """An empty graph with the schema applied."""
    apply_schema(neo4j_driver, neo4j_database)
    with neo4j_driver.session(database=neo4j_database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def dump_graph(driver: neo4j.Driver, database: str) -> dict[str, list[Any]]:
    """Every node as (labels, properties) and every relationship as (type, source id,
    target id, properties), sorted: two graphs are equal when their dumps are."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", database_=database
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS source, b.id AS target,"
        " properties(r) AS props",
        database_=database,
    )

    def kept(props: dict[str, Any]) -> str:
        return repr(sorted((k, v) for k, v in props.items() if k not in _VOLATILE))

    return {
        "nodes": sorted((sorted(row["labels"]), kept(row["props"])) for row in nodes),
        "relationships": sorted(
            (row["type"], row["source"], row["target"], kept(row["props"])) for row in rels
        ),
    }


@pytest.fixture
def graph_dump(neo4j_driver: neo4j.Driver, neo4j_database: str) -> Callable[[], dict[str, Any]]:
    """Call to take a :func:`dump_graph` of the test database."""
    return lambda: dump_graph(neo4j_driver, neo4j_database)


@pytest.fixture
def corpus_slice(tmp_path: Path) -> Path:
    """The first 200 articles of the shared corpus, as a JSON Lines file outside the repo."""
    if not CORPUS.exists():
        pytest.skip(f"the shared corpus is absent ({CORPUS}); it sits in ../shared in CI")
    with CORPUS.open(encoding="utf-8") as corpus:
        lines = [next(corpus) for _ in range(200)]
    path = tmp_path / "corpus-200.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path
