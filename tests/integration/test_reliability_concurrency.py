"""Two writers at once on overlapping articles: no duplicate nodes or relationships, and the
same graph as one writer writing them in turn."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import neo4j

from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import ExtractionRecord


def test_concurrent_writers_of_overlapping_articles_make_one_graph(
    writer: GraphWriter,
    snapshot: Callable[[], Any],
    clear: Callable[[], None],
    neo4j_driver: neo4j.Driver,
    neo4j_database: str,
    make_synthetic: Callable[..., list[ExtractionRecord]],
) -> None:
    records = make_synthetic(40)
    writer.write(records)
    expected = snapshot()
    clear()

    # Overlapping halves, in opposite orders, two articles per transaction.
    first, second = records[:28], list(reversed(records[12:]))
    failures: list[BaseException] = []

    def write(part: list[Any]) -> None:
        try:
            GraphWriter(neo4j_driver, neo4j_database, batch_size=2).write(part)
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(part,)) for part in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []

    duplicates, _, _ = neo4j_driver.execute_query(
        "MATCH (a)-[r]->(b) "
        "WITH a, b, type(r) AS type, r.hedged AS hedged, r.subject AS subject,"
        " r.report_id AS report, count(*) AS copies WHERE copies > 1 "
        "RETURN count(*) AS n",
        database_=neo4j_database,
    )
    assert duplicates[0]["n"] == 0
    assert snapshot() == expected
