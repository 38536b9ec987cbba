"""Ingest end to end (read -> extract -> write) on the packaged samples, and the commands
``ingest``, ``retract`` and ``demo`` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j
import pytest

from fintech_kg.cli.ingest_cmds import SAMPLES
from fintech_kg.graph.ingest import ingest
from fintech_kg.graph.writer import GraphWriter
from fintech_kg.settings import Settings


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from fintech_kg.cli import main; main()", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        env=os.environ.copy(),
    )


@pytest.fixture
def cli_env(neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point child processes at the test server (NEO4J_URI, or the managed one)."""
    if not neo4j_settings.managed:
        monkeypatch.setenv("NEO4J_URI", neo4j_settings.bolt_uri)
        monkeypatch.setenv("NEO4J_USER", neo4j_settings.user)
        monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.neo4j_password())
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.database)


def test_samples_ingest_once_and_again_unchanged(
    writer: GraphWriter, snapshot: Callable[[], Any]
) -> None:
    first = ingest([SAMPLES], writer)
    assert (first.articles_read, first.articles_written, first.articles_failed) == (11, 11, 0)
    before = snapshot()
    again = ingest([SAMPLES], writer)
    assert (again.articles_written, again.articles_skipped) == (0, 11)
    assert snapshot() == before


def test_two_outlets_reporting_one_case_make_one_event(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str
) -> None:
    ingest([SAMPLES], writer)
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (:Entity {id: '团贷网'})-[:SUBJECT_OF]->(e:RiskEvent {type: 'INVESTIGATION'}) "
        "RETURN e.mention_count AS n, [(a:Article)-[:REPORTS]->(e) | a.id] AS articles",
        database_=neo4j_database,
    )
    assert len(records) == 1
    assert {"sample-002", "sample-003"} <= set(records[0]["articles"])
    assert records[0]["n"] == len(set(records[0]["articles"]))


def test_platform_events_form_a_dated_chain(
    writer: GraphWriter, neo4j_driver: neo4j.Driver, neo4j_database: str
) -> None:
    ingest([SAMPLES], writer)
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (a:RiskEvent)-[:FOLLOWED_BY {subject: '团贷网'}]->(b:RiskEvent) "
        "RETURN a.date <= b.date AS ordered, count(*) AS links",
        database_=neo4j_database,
    )
    assert [(r["ordered"], r["links"] >= 2) for r in records] == [(True, True)]


def test_bad_lines_are_reported_and_the_rest_written(writer: GraphWriter, tmp_path: Path) -> None:
    lines = SAMPLES.read_text(encoding="utf-8").splitlines()[:3]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([lines[0], "{not json", lines[1], "[1, 2]", lines[2]]) + "\n")
    report = ingest([path, tmp_path / "missing.jsonl"], writer)
    assert (report.articles_written, report.articles_failed) == (3, 3)
    assert [(e.path, e.line) for e in report.errors[:2]] == [(str(path), 2), (str(path), 4)]
    assert report.errors[2].path == str(tmp_path / "missing.jsonl")


def test_parallel_extraction_writes_the_same_graph(
    writer: GraphWriter, snapshot: Callable[[], Any], clear: Callable[[], None]
) -> None:
    ingest([SAMPLES], writer)
    expected = snapshot()
    clear()
    report = ingest([SAMPLES], writer, workers=2, batch_size=4)
    assert report.articles_written == 11
    assert snapshot() == expected


@pytest.mark.usefixtures("cli_env", "empty_graph")
def test_ingest_and_retract_commands(tmp_path: Path) -> None:
    done = _cli("ingest", str(SAMPLES), "--json", "--batch-size", "5")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["articles_written"] == 11

    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    failed = _cli("ingest", str(bad))
    assert failed.returncode == 1
    assert f"{bad}:1" in failed.stderr

    assert _cli("retract", "sample-003").returncode == 0
    missing = _cli("retract", "sample-003")
    assert missing.returncode == 1
    [line] = missing.stderr.strip().splitlines()
    assert line.startswith("error: no article 'sample-003' in database")


@pytest.mark.usefixtures("cli_env", "empty_graph")
def test_demo_loads_the_samples_and_shows_where_to_look() -> None:
    done = _cli("demo")
    assert done.returncode == 0, done.stderr
    assert "11 articles read: 11 written" in done.stdout
    assert "/browser/" in done.stdout
    assert "MATCH p = (:Entity {id: '团贷网'})" in done.stdout
    again = _cli("demo", "--json")
    assert json.loads(again.stdout)["articles_skipped"] == 11
