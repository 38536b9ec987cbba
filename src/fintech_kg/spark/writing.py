"""Records DataFrame -> Neo4j through the project's own :class:`GraphWriter`.

The writer the CLI uses decides every node, merge and event cluster, so a Spark ingest
builds the graph ``fintech-kg ingest`` builds: the writer's result does not depend on the
order or grouping of articles, and an article already written unchanged is skipped, so a
rerun changes nothing and a killed job run again converges. Two ways to drive it:

- ``driver`` (default): the driver streams the records partition by partition
  (``toLocalIterator``) and writes ``batch_size`` articles a transaction, in input order,
  exactly as the CLI does. One writer: no lock contention, Neo4j's write rate is the limit.
- ``partitions``: each partition writes its own records from its executor, with its own
  connection. Writers serialise on the locks of the entities they share (the writer takes
  them in one order), and a deadlock or transient error is retried by the driver's managed
  transaction, then here ``retries`` times with back-off; past that the task fails and
  Spark's task retry (or a rerun) picks up where it stopped.

Either way a batch the graph refuses for a reason other than a transient one is retried
article by article, as the CLI does, so only the articles at fault are reported.

Example:
    >>> report = write_records(extraction.records, Settings(), batch_size=500)  # doctest: +SKIP
    >>> report.articles_written  # doctest: +SKIP
    1200
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import islice
from typing import Literal

from neo4j.exceptions import DriverError, TransientError
from pyspark.sql import DataFrame, Row
from pyspark.sql import functions as F

from fintech_kg.errors import GraphError
from fintech_kg.graph.aliases import load_overrides
from fintech_kg.graph.ingest import IngestReport
from fintech_kg.graph.writer import DEFAULT_BATCH_SIZE, GraphWriter, WriteReport
from fintech_kg.models import ExtractionRecord
from fintech_kg.settings import Settings

__all__ = ["DEFAULT_RETRIES", "WRITE_MODES", "WriteMode", "merge_reports", "write_records"]

WriteMode = Literal["driver", "partitions"]
WRITE_MODES: tuple[WriteMode, ...] = ("driver", "partitions")

DEFAULT_RETRIES = 5
"""Retries of a batch after the driver's own retries gave up on a transient error."""

_BACKOFF_SECONDS = 1.0


def write_records(
    records: DataFrame,
    settings: Settings,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    mode: WriteMode = "driver",
    writers: int | None = None,
    retries: int = DEFAULT_RETRIES,
) -> IngestReport:
    """Write the records DataFrame to the database of ``settings``; the report counts what
    was written, skipped (unchanged) and refused.

    ``writers``: in ``partitions`` mode, the most partitions writing at once (the records
    are coalesced to that many; default one writer per partition).
    """
    if mode not in WRITE_MODES:
        raise GraphError(f"unknown write mode {mode!r}; choose one of {', '.join(WRITE_MODES)}")
    # Records travel to the writer as JSON made in the JVM: parsing it is several times
    # cheaper than converting nested Rows back into models.
    records = records.select(
        F.to_json(F.struct(*(F.col(name) for name in ExtractionRecord.model_fields))).alias("json")
    )
    if mode == "driver":
        return _write_rows(
            records.toLocalIterator(prefetchPartitions=True), settings, batch_size, retries
        )
    # Executors connect with the password resolved here: they have no password file.
    shipped = Settings(
        uri=settings.bolt_uri,
        user=settings.user,
        password=settings.neo4j_password(),
        database=settings.database,
    )
    rows = records.rdd.coalesce(writers) if writers else records.rdd
    parts = rows.mapPartitions(
        partial(_write_partition, settings=shipped, batch_size=batch_size, retries=retries)
    ).collect()
    return merge_reports(IngestReport.model_validate_json(part) for part in parts)


def merge_reports(reports: Iterable[IngestReport]) -> IngestReport:
    """One report with the counts and errors of ``reports``."""
    total = IngestReport()
    for report in reports:
        for field in IngestReport.model_fields:
            if field != "errors":
                setattr(total, field, getattr(total, field) + getattr(report, field))
        total.errors += report.errors
    return total


def _write_partition(
    rows: Iterator[Row], settings: Settings, batch_size: int, retries: int
) -> Iterator[str]:
    yield _write_rows(rows, settings, batch_size, retries).model_dump_json()


def _write_rows(
    rows: Iterator[Row], settings: Settings, batch_size: int, retries: int
) -> IngestReport:
    report = IngestReport()
    records = (ExtractionRecord.model_validate_json(row.json) for row in rows)
    with settings.driver() as driver:
        aliases = load_overrides(settings.aliases_file)  # the user's merges, as in ingest
        writer = GraphWriter(driver, settings.database, batch_size=batch_size, aliases=aliases)
        while batch := list(islice(records, batch_size)):
            _write_batch(writer, batch, report, retries)
    return report


def _write_batch(
    writer: GraphWriter, batch: list[ExtractionRecord], report: IngestReport, retries: int
) -> None:
    try:
        report.add_write(_with_retries(writer, batch, retries))
        return
    except GraphError as exc:
        if _transient(exc):
            raise
    # Find the articles at fault, as the CLI does: the rest of the batch still goes in.
    for record in batch:
        try:
            report.add_write(_with_retries(writer, [record], retries))
        except GraphError as exc:
            if _transient(exc):
                raise
            report.fail(exc, article_id=record.id)


def _with_retries(writer: GraphWriter, batch: list[ExtractionRecord], retries: int) -> WriteReport:
    attempt = 0
    while True:
        try:
            return writer.write_batch(batch)
        except GraphError as exc:
            if not _transient(exc) or attempt == retries:
                raise
        time.sleep(_BACKOFF_SECONDS * 2**attempt)
        attempt += 1


def _transient(error: GraphError) -> bool:
    """The server is gone or busy (the writer's own test, as the CLI applies it)."""
    return isinstance(error.__cause__, DriverError | TransientError)
