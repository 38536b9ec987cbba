"""Ingest: files of articles -> cleaned articles -> extraction records -> the graph.

Reading (:func:`fintech_kg.reading.read_articles`) reports bad input as values, so one bad
line never stops the run: it is counted and listed with its file and line, and everything
else goes through. Extraction runs with ``workers`` processes; records are written in
batches of whole articles, one transaction each. A batch the graph refuses is retried
article by article, so only the articles at fault are reported as failed.

Example:
    >>> from fintech_kg.graph.writer import GraphWriter
    >>> report = ingest(["news.jsonl"], GraphWriter(driver, "neo4j"))  # doctest: +SKIP
    >>> report.articles_written, report.articles_failed  # doctest: +SKIP
    (11, 0)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

from neo4j.exceptions import DriverError, TransientError
from pydantic import BaseModel, ConfigDict, Field

from fintech_kg.errors import GraphError, InputError
from fintech_kg.extraction import extract_many
from fintech_kg.graph.writer import GraphWriter, WriteReport
from fintech_kg.models import Article, ExtractionRecord
from fintech_kg.reading import read_articles

__all__ = ["IngestError", "IngestReport", "ingest"]


class IngestError(BaseModel):
    """One input that did not reach the graph, and why."""

    model_config = ConfigDict(extra="forbid")

    message: str
    path: str | None = None
    line: int | None = None
    article_id: str | None = None


class IngestReport(BaseModel):
    """What an ingest read, wrote, skipped (unchanged) and could not take."""

    model_config = ConfigDict(extra="forbid")

    articles_read: int = Field(0, description="Articles read and cleaned")
    articles_written: int = Field(0, description="New or changed articles written")
    articles_skipped: int = Field(0, description="Articles the graph holds unchanged")
    articles_replaced: int = Field(0, description="Written articles that replaced a version")
    articles_failed: int = Field(0, description="Inputs that could not be read or written")
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    errors: list[IngestError] = Field(default_factory=list)

    def add_write(self, written: WriteReport) -> None:
        """Add the counts of one write."""
        self.articles_written += written.articles_written
        self.articles_skipped += written.articles_skipped
        self.articles_replaced += written.articles_replaced
        self.nodes_created += written.nodes_created
        self.nodes_deleted += written.nodes_deleted
        self.relationships_created += written.relationships_created
        self.relationships_deleted += written.relationships_deleted

    def fail(self, error: InputError | GraphError, article_id: str | None = None) -> None:
        """Count one input that did not reach the graph."""
        self.articles_failed += 1
        self.errors.append(
            IngestError(
                message=str(error),
                path=getattr(error, "path", None),
                line=getattr(error, "line", None),
                article_id=getattr(error, "article_id", None) or article_id,
            )
        )


def ingest(
    sources: Iterable[str | Path | Article],
    writer: GraphWriter,
    workers: int = 1,
    batch_size: int | None = None,
    progress: Callable[[int], object] | None = None,
) -> IngestReport:
    """Read, extract and write ``sources`` (files, folders, "-" for stdin, or articles).

    ``batch_size`` articles per transaction (default: the writer's); ``progress`` is called
    with the number of inputs finished after each batch (for a progress bar).
    """
    report = IngestReport()
    size = batch_size or writer.batch_size
    records = extract_many(_articles(sources, report, progress), workers=workers)
    while batch := list(islice(records, size)):
        _write(batch, writer, report)
        if progress is not None:
            progress(len(batch))
    return report


def _articles(
    sources: Iterable[str | Path | Article],
    report: IngestReport,
    progress: Callable[[int], object] | None,
) -> Iterator[Article]:
    """The articles of ``sources`` in order; unreadable inputs go into ``report``."""
    for source in sources:
        items = [source] if isinstance(source, Article) else read_articles([source])
        for item in items:
            if isinstance(item, InputError):
                report.fail(item)
                if progress is not None:
                    progress(1)
                continue
            report.articles_read += 1
            yield item


def _write(batch: list[ExtractionRecord], writer: GraphWriter, report: IngestReport) -> None:
    try:
        report.add_write(writer.write_batch(batch))
    except GraphError as exc:
        if isinstance(exc.__cause__, DriverError | TransientError):
            raise  # the server is gone or busy: stop; the same ingest can be run again
        # Find the articles at fault: the rest of the batch still goes in.
        for record in batch:
            try:
                report.add_write(writer.write_batch([record]))
            except GraphError as exc:
                report.fail(exc, article_id=record.id)
