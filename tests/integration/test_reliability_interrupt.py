"""An interrupted ingest, run again, ends with the graph of an uninterrupted one.

Two interruptions: the writing process is killed (SIGKILL, mid-transaction), and the Neo4j
server is stopped under a running writer (on a managed server of this module's own, so the
session's server is never stopped). Each transaction holds whole articles, and an article
already written is skipped on the rerun, so the rerun completes the graph exactly.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from fintech_kg.errors import GraphError
from fintech_kg.graph.schema import apply_schema
from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import ExtractionRecord
from fintech_kg.neo4j_server import start, stop
from fintech_kg.settings import Settings

# Writes the records of a JSON Lines file one article per transaction, as `ingest` would.
_WRITE_SCRIPT = """
import sys
from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import ExtractionRecord
from fintech_kg.settings import Settings

settings = Settings()
records = [ExtractionRecord.model_validate_json(line) for line in open(sys.argv[1])]
with settings.driver() as driver:
    GraphWriter(driver, settings.database, batch_size=1).write(records)
"""


def _article_count(driver: neo4j.Driver, database: str) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (a:Article) WHERE a.content_sha256 IS NOT NULL RETURN count(a) AS n",
        database_=database,
    )
    return int(records[0]["n"])


def _wait_for_articles(driver: neo4j.Driver, database: str, at_least: int) -> int:
    deadline = time.monotonic() + 120
    while (count := _article_count(driver, database)) < at_least:
        assert time.monotonic() < deadline, f"only {count} articles written in 120 s"
        time.sleep(0.02)
    return count


def test_killed_writer_process_rerun_gives_the_uninterrupted_graph(
    writer: GraphWriter,
    snapshot: Callable[[], Any],
    clear: Callable[[], None],
    neo4j_driver: neo4j.Driver,
    neo4j_database: str,
    make_synthetic: Callable[..., list[ExtractionRecord]],
    tmp_path: Path,
) -> None:
    records = make_synthetic(150)
    writer.write(records)
    expected = snapshot()
    clear()

    path = tmp_path / "records.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", _WRITE_SCRIPT, str(path)])
    try:
        _wait_for_articles(neo4j_driver, neo4j_database, at_least=10)
    finally:
        process.kill()
        process.wait()
    interrupted_at = _article_count(neo4j_driver, neo4j_database)
    assert 10 <= interrupted_at < len(records), "the writer finished before it was killed"

    report = writer.write(records)
    assert report.articles_skipped == interrupted_at
    assert snapshot() == expected


@pytest.fixture(scope="module")
def own_server(private_server_settings: Callable[[], Settings]) -> Iterator[Settings]:
    """A managed server private to this module (started, and stopped at the end)."""
    settings = private_server_settings()
    start(settings)
    yield settings
    stop(settings)


def _driver(settings: Settings) -> neo4j.Driver:
    # Short retries, so the writer gives up while the server is down instead of waiting.
    return neo4j.GraphDatabase.driver(
        settings.bolt_uri,
        auth=(settings.user, settings.neo4j_password()),
        max_transaction_retry_time=1.0,
    )


def test_server_stopped_mid_ingest_rerun_gives_the_uninterrupted_graph(
    own_server: Settings,
    make_synthetic: Callable[..., list[ExtractionRecord]],
    snapshot_of: Callable[[neo4j.Driver, str], dict[str, Any]],
    clear_of: Callable[[neo4j.Driver, str], None],
) -> None:
    records = make_synthetic(200)
    database = own_server.database
    with _driver(own_server) as driver:
        apply_schema(driver, database)
        clear_of(driver, database)
        GraphWriter(driver, database, batch_size=50).write(records)
        expected = snapshot_of(driver, database)
        clear_of(driver, database)

        failures: list[BaseException] = []

        def write() -> None:
            try:
                GraphWriter(driver, database, batch_size=1).write(records)
            except GraphError as exc:
                failures.append(exc)

        thread = threading.Thread(target=write)
        thread.start()
        _wait_for_articles(driver, database, at_least=10)
        stop(own_server)
        thread.join()
    assert len(failures) == 1 and "run the same ingest again" in str(failures[0])

    start(own_server)
    with _driver(own_server) as driver:
        interrupted_at = _article_count(driver, database)
        assert 10 <= interrupted_at < len(records)
        report = GraphWriter(driver, database, batch_size=50).write(records)
        assert report.articles_skipped == interrupted_at
        assert snapshot_of(driver, database) == expected
