"""A Spark ingest (local[2]) builds the graph `fintech-kg ingest` builds from the same
articles, whatever the partitioning and write mode; reruns and killed jobs converge; bad
rows are reported with the CLI's messages and the rest is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j
import pytest
from click.testing import CliRunner
from pyspark.sql import SparkSession

from fintech_kg.cli import cli
from fintech_kg.cli.ingest_cmds import SAMPLES
from fintech_kg.errors import InputError
from fintech_kg.extraction import extract_many
from fintech_kg.graph.client import KnowledgeGraph
from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import Article, ExtractionRecord
from fintech_kg.reading import read_articles
from fintech_kg.settings import Settings
from fintech_kg.spark import (
    RECORD_SCHEMA,
    extract_inputs,
    ingest,
    record_from_row,
    source_inputs,
)

pytestmark = pytest.mark.integration

Dump = Callable[[], dict[str, Any]]

# Our own sentences (invented names), with the kinds of bad rows data teams have.
_GOOD = [
    {
        "id": "s-good-1",
        "title": "星河普惠宣布良性退出",
        "text": "星河普惠于2020年5月12日宣布良性退出。该平台已与甲乙银行签订资金存管协议。",
        "published_at": "2020-05-13",
    },
    {
        "id": "s-good-2",
        "title": "某地警方立案侦查",
        "text": "2020年6月2日，杭州警方对网贷平台星河普惠立案侦查，涉案金额约3亿元。",
    },
]
_BAD_LINES = [
    '{"id": "s-bad-json", "text": "没有结尾',
    json.dumps({"id": "s-no-text", "title": "只有标题"}, ensure_ascii=False),
    json.dumps({"id": "s-number", "text": "正文。", "title": 42}, ensure_ascii=False),
    json.dumps(
        {"id": "s-date", "text": "某平台清退。", "published_at": "去年春天"}, ensure_ascii=False
    ),
    json.dumps({"id": "s-empty", "text": "   "}, ensure_ascii=False),
    "[1, 2]",
]


def _articles(path: Path) -> list[Article]:
    return [item for item in read_articles([path]) if isinstance(item, Article)]


def _cli_graph(path: Path, dump: Dump) -> dict[str, Any]:
    """The graph `fintech-kg ingest` (its library call) builds from ``path``."""
    with KnowledgeGraph(settings=Settings()) as kg:
        kg.ingest([path])
    return dump()


def _clear(driver: neo4j.Driver, database: str) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)


def test_records_are_the_cli_extraction_in_model_typed_columns(spark: SparkSession) -> None:
    extraction = extract_inputs(spark, source_inputs(spark, [str(SAMPLES)], partitions=3))
    try:
        records = [record_from_row(row) for row in extraction.records.toLocalIterator()]
        assert extraction.records.columns == list(ExtractionRecord.model_fields)
        assert extraction.records.schema.simpleString() == RECORD_SCHEMA.simpleString()
        assert (
            extraction.records.schema["article"].dataType["published_at"].dataType.typeName()
            == "date"
        )
        assert extraction.errors.count() == 0
    finally:
        extraction.release()
    assert records == list(extract_many(_articles(SAMPLES)))


def test_samples_same_graph_as_cli_and_reruns_change_nothing(
    spark: SparkSession,
    empty_graph: None,
    graph_dump: Dump,
    neo4j_driver: neo4j.Driver,
    neo4j_database: str,
) -> None:
    settings = Settings()
    expected = _cli_graph(SAMPLES, graph_dump)
    assert expected["nodes"] and expected["relationships"]

    _clear(neo4j_driver, neo4j_database)
    first = ingest(spark, [str(SAMPLES)], settings, partitions=1)
    assert (first.articles_read, first.articles_written, first.articles_failed) == (11, 11, 0)
    assert graph_dump() == expected

    rerun = ingest(spark, [str(SAMPLES)], settings, partitions=3, write_mode="partitions")
    assert (rerun.articles_written, rerun.articles_skipped) == (0, 11)
    assert (rerun.nodes_created, rerun.relationships_created, rerun.nodes_deleted) == (0, 0, 0)
    assert graph_dump() == expected


def test_killed_job_run_again_converges(
    spark: SparkSession,
    empty_graph: None,
    graph_dump: Dump,
    neo4j_driver: neo4j.Driver,
    neo4j_database: str,
) -> None:
    settings = Settings()
    expected = _cli_graph(SAMPLES, graph_dump)
    _clear(neo4j_driver, neo4j_database)
    # What a job killed after some batches leaves: part of the records written.
    records = list(extract_many(_articles(SAMPLES)))
    GraphWriter(neo4j_driver, neo4j_database, batch_size=2).write(records[::2])

    again = ingest(spark, [str(SAMPLES)], settings, partitions=2, write_mode="partitions")
    assert (again.articles_written, again.articles_skipped) == (5, 6)
    assert graph_dump() == expected


def test_corpus_slice_same_graph_whatever_the_partitioning(
    spark: SparkSession,
    empty_graph: None,
    graph_dump: Dump,
    neo4j_driver: neo4j.Driver,
    neo4j_database: str,
    corpus_slice: Path,
) -> None:
    settings = Settings()
    expected = _cli_graph(corpus_slice, graph_dump)
    labels = {label for labels, _ in expected["nodes"] for label in labels}
    assert {"Article", "Sentence", "Entity", "RiskEvent"} <= labels

    _clear(neo4j_driver, neo4j_database)
    one = ingest(spark, [str(corpus_slice)], settings, partitions=1, batch_size=50)
    assert one.articles_written == 200
    assert graph_dump() == expected

    # A DataFrame shuffled into 3 partitions, each writing its own records in parallel.
    _clear(neo4j_driver, neo4j_database)
    frame = spark.read.json(str(corpus_slice))
    three = ingest(spark, frame, settings, partitions=3, batch_size=30, write_mode="partitions")
    assert three.articles_written == 200
    assert graph_dump() == expected


def test_bad_rows_are_reported_as_the_cli_reports_them_and_the_rest_is_written(
    spark: SparkSession, empty_graph: None, tmp_path: Path, neo4j_driver: neo4j.Driver
) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps(_GOOD[0], ensure_ascii=False), *_BAD_LINES[:3], ""]
    lines += [*_BAD_LINES[3:], json.dumps(_GOOD[1], ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cli_messages = [str(item) for item in read_articles([path]) if isinstance(item, InputError)]
    assert len(cli_messages) == len(_BAD_LINES)

    report = ingest(spark, [str(path)], Settings(), partitions=2)

    assert [error.message for error in report.errors] == cli_messages
    assert [error.line for error in report.errors] == [2, 3, 4, 6, 7, 8]
    assert (report.articles_read, report.articles_written, report.articles_failed) == (2, 2, 6)
    ids, _, _ = neo4j_driver.execute_query("MATCH (a:Article) RETURN a.id AS id ORDER BY id")
    assert [row["id"] for row in ids] == ["s-good-1", "s-good-2"]


def test_a_table_row_without_text_is_reported_by_table_and_article(
    spark: SparkSession, empty_graph: None, tmp_path: Path
) -> None:
    rows = [{**_GOOD[0], "text": None}, _GOOD[1]]
    table = tmp_path / "articles.parquet"
    spark.createDataFrame(rows, "id string, title string, text string, published_at string")
    spark.createDataFrame(
        rows, "id string, title string, text string, published_at string"
    ).write.parquet(str(table))

    report = ingest(spark, [str(table)], Settings())

    assert report.articles_written == 1
    assert [error.message for error in report.errors] == [
        f'{table} (article s-good-1): has no "text" field; each article needs'
        ' {"id", "title", "text"}'
    ]


def test_spark_ingest_command_lists_bad_rows_and_exits_1(
    spark: SparkSession, empty_graph: None, tmp_path: Path
) -> None:
    path = tmp_path / "command.jsonl"
    path.write_text(
        json.dumps(_GOOD[1], ensure_ascii=False) + "\n" + _BAD_LINES[0] + "\n", encoding="utf-8"
    )

    result = CliRunner().invoke(
        cli, ["spark", "ingest", str(path), "--master", "local[2]", "--json"]
    )

    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert (report["articles_written"], report["articles_failed"]) == (1, 1)
    assert f"failed: {path}:2: is not valid JSON" in result.stderr
