"""Extraction on the executors: inputs -> a records DataFrame and an errors DataFrame.

Each partition is read with ``mapPartitions``; the extraction pipeline is built once per
Python worker (:func:`fintech_kg.extraction.load_pipeline` is cached per process and Spark
reuses its workers between tasks). A row that cannot be read becomes a row of ``errors``
with the message the CLI prints for it; an article the extractor fails on (a bug, which
would stop ``fintech-kg ingest``) becomes one too, so one article never fails the job.

A record crosses from Python to the JVM as its JSON (pydantic's serialiser, the form the CLI's
worker processes pass too) and is parsed there into the typed columns with ``from_json``:
converting nested Python objects row by row made the job about three times slower than the
CLI on the same cores. Both DataFrames come from one cached pass over the inputs; call
:meth:`Extraction.release` when done with them.

Example:
    >>> extraction = extract_inputs(spark, source_inputs(spark, ["news.jsonl"]))  # doctest: +SKIP
    >>> extraction.records.select("id", "article.published_at").first()  # doctest: +SKIP
    Row(id='n1', published_at=datetime.date(2019, 3, 28))
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from pyspark import RDD, StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType

from fintech_kg.errors import InputError
from fintech_kg.extraction import extract, load_pipeline
from fintech_kg.graph.ingest import IngestError
from fintech_kg.models import Article
from fintech_kg.reading import read_json_line, read_record
from fintech_kg.spark.inputs import Input
from fintech_kg.spark.schema import ERROR_SCHEMA, RECORD_SCHEMA

__all__ = ["Extraction", "extract_inputs"]

_OUTCOME_SCHEMA = StructType(
    [StructField("record", StringType(), True), StructField("error", ERROR_SCHEMA, True)]
)


@dataclass(frozen=True)
class Extraction:
    """The records (columns of :data:`~fintech_kg.spark.schema.RECORD_SCHEMA`, in input
    order) and the errors (:data:`~fintech_kg.spark.schema.ERROR_SCHEMA`) of one pass."""

    records: DataFrame
    errors: DataFrame
    outcomes: DataFrame

    def release(self) -> None:
        """Drop the cached pass."""
        self.outcomes.unpersist()


def extract_inputs(
    spark: SparkSession, inputs: RDD[Input], max_chars: int | None = None
) -> Extraction:
    """Read and extract every input of ``inputs`` (:mod:`fintech_kg.spark.inputs`).

    ``max_chars`` caps an article's length as :func:`fintech_kg.reading.read_articles`
    does (default: its limit).
    """
    outcomes = spark.createDataFrame(
        inputs.mapPartitions(partial(_extract_partition, max_chars=max_chars)),
        _OUTCOME_SCHEMA,
        verifySchema=False,
    ).persist(StorageLevel.MEMORY_AND_DISK)
    return Extraction(
        records=outcomes.where(F.col("error").isNull())
        .select(F.from_json("record", RECORD_SCHEMA).alias("record"))
        .select("record.*"),
        errors=outcomes.where(F.col("record").isNull()).select("error.*"),
        outcomes=outcomes,
    )


def _extract_partition(
    inputs: Iterator[Input], max_chars: int | None
) -> Iterator[tuple[str | None, dict[str, Any] | None]]:
    load_pipeline()
    for path, line, value in inputs:
        item = _read(path, line, value, max_chars)
        if item is None:
            continue
        if isinstance(item, InputError):
            yield None, _error(item)
            continue
        try:
            record = extract(item)
        except Exception as exc:  # one article's bug must not fail the job
            yield None, _extraction_failed(item, exc)
            continue
        yield record.model_dump_json(), None


def _read(
    path: str, line: int | None, value: str, max_chars: int | None
) -> Article | InputError | None:
    if line is None:
        return read_record(json.loads(value), path=path, max_chars=max_chars)
    # Spark's text reader keeps a byte-order mark, which the CLI's decoder drops, and drops
    # the line break, which the CLI's reader keeps (a JSON error message can name it).
    text = value.removeprefix("\ufeff") if line == 1 else value
    return read_json_line(text + "\n", path=path, line_number=line, max_chars=max_chars)


def _error(error: InputError) -> dict[str, Any]:
    return IngestError(
        message=str(error), path=error.path, line=error.line, article_id=error.article_id
    ).model_dump()


def _extraction_failed(article: Article, exc: Exception) -> dict[str, Any]:
    return IngestError(
        message=(
            f"article {article.meta.id}: extraction failed ({type(exc).__name__}: {exc});"
            " the other articles went on; report this article to the maintainers"
        ),
        article_id=article.meta.id,
    ).model_dump()
