"""Write extraction records into Neo4j: idempotent, batched, retractable, order-independent.

The graph model (diagram in ``docs/graph-model.md``)::

    (:Article)-[:HAS_SENTENCE]->(:Sentence)-[:SUPPORTS]->(:RiskEvent)
    (:Article)-[:MENTIONS]->(:Entity:<Type>)-[:<RelationType> {hedged}]->(:Entity)
    (:Article)-[:REPORTS]->(:RiskEvent)<-[:SUBJECT_OF | ACTED_IN]-(:Entity)
    (:RiskEvent)-[:FOLLOWED_BY {subject}]->(:RiskEvent)

Evidence. Every fact leads back to the articles and sentences that support it:

- ``Sentence {id, article_id, text, start, end}``: an evidence sentence, ``id`` is
  ``"<article id>#<start>-<end>"``; it belongs to its article (``HAS_SENTENCE``).
- ``MENTIONS`` is per article: ``name``, ``type``, ``aliases``, ``count``, ``confidence``,
  ``sentence_ids``.
- An entity relationship carries ``article_ids`` (sorted) with ``confidences`` aligned to
  them, ``confidence`` (the highest), ``sentence_ids`` (sorted) and ``extractor``. A hedged
  claim (rumour, plan) is a relationship of its own with ``hedged: true``.
- A risk event is supported by ``REPORTS`` relationships (one per report: an article's
  statement of the event, with its date, amount, location, authorities, hedging and
  ``sentence_ids``) and by ``SUPPORTS`` from the evidence sentences.

Retraction. ``retract(article_id)`` deletes the article, its sentences, mentions and
reports, removes it from relationship support lists (deleting relationships nothing else
supports), deletes entities no remaining article mentions, recomputes the others' name,
labels and aliases, and rebuilds the risk events it reported from the reports that
remain. Exactly what only that article supported disappears. Lexicon attributes of an
entity (``Entity.attributes``) are facts about the entity, not claims of an article: they
stay while the entity does.

Derived label. A ``P2PPlatform`` entity also carries the label ``Collapsed`` while it is
the subject of a ``COLLAPSE`` risk event or its lexicon ``status`` is a failure (anything
but ``normal`` and ``转型``: 停业, 跑路, 提现困难, 经侦介入, …), so Browser styles can pick
it out. It is a function of the graph: every write and retraction recomputes it for the
entities it touched (``cypher/write/refresh_collapsed.cypher``), so it goes when its last
collapse report is retracted or replaced.

Risk events. Which reports are one event is decided by
:mod:`fintech_kg.graph.resolution` (one event per type, subject and occasion; dates compared
at their precision) and the rows follow from :mod:`fintech_kg.graph.planning`, a pure step
testable without a server. After each write or retraction, the events it can reach are read
back, re-planned, and each affected subject's dated events re-linked in date order with
``FOLLOWED_BY {subject}`` (its lifecycle chain).

Transactions. A batch of whole articles is one managed write transaction (retried on
transient errors), so an article's contribution commits whole or not at all, and an
interrupted ingest can simply be run again: articles already written with the same
``content_sha256`` and ``extractor_version`` are skipped; an article whose text or extractor
changed is retracted and rewritten in the same transaction. Concurrent writers serialise on
the write locks of the articles and entities they touch (see ``cypher/write``).

Example:
    >>> writer = GraphWriter(driver, "neo4j", batch_size=200)  # doctest: +SKIP
    >>> writer.write(records).articles_written  # doctest: +SKIP
    12
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, LiteralString, cast

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError, TransientError
from pydantic import BaseModel, ConfigDict

from fintech_kg.errors import GraphError
from fintech_kg.graph.planning import (
    EventReach,
    HeldEvent,
    RecordPlan,
    event_reach,
    plan_events,
    plan_records,
)
from fintech_kg.graph.resolution import EventReport
from fintech_kg.graph.templates import write_template
from fintech_kg.models import ExtractionRecord
from fintech_kg.vocabulary import ENTITY_LABELS

__all__ = ["DEFAULT_BATCH_SIZE", "GraphWriter", "WriteReport"]

DEFAULT_BATCH_SIZE = 200
"""Articles per transaction: large enough to amortise round trips, small enough to retry."""


class WriteReport(BaseModel):
    """What one call of :meth:`GraphWriter.write` or :meth:`GraphWriter.retract` changed."""

    model_config = ConfigDict(extra="forbid")

    articles_written: int = 0
    articles_skipped: int = 0
    articles_replaced: int = 0
    articles_retracted: int = 0
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0

    def add(self, other: WriteReport) -> None:
        """Add the counts of ``other`` to this report."""
        for field in type(self).model_fields:
            setattr(self, field, getattr(self, field) + getattr(other, field))


def _batches(records: Iterable[ExtractionRecord], size: int) -> Iterator[list[ExtractionRecord]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


class GraphWriter:
    """Writes :class:`~fintech_kg.models.ExtractionRecord` s to one Neo4j database.

    ``batch_size`` articles go into one transaction. The database is named on every call.
    ``canonical_id`` maps an extracted entity id to the graph's id for that entity (cross-
    article entity resolution; identity by default), see
    :func:`fintech_kg.graph.planning.canonicalise`.
    """

    def __init__(
        self,
        driver: Driver,
        database: str,
        batch_size: int = DEFAULT_BATCH_SIZE,
        canonical_id: Callable[[str], str] | None = None,
    ):
        if batch_size < 1:
            raise GraphError(f"batch size must be at least 1, got {batch_size}")
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.canonical_id = canonical_id

    def write(self, records: Iterable[ExtractionRecord]) -> WriteReport:
        """Write records batch by batch; each batch commits whole or not at all.

        Unchanged articles are skipped, changed ones replace their previous contribution.
        """
        report = WriteReport()
        for batch in _batches(records, self.batch_size):
            report.add(self.write_batch(batch))
        return report

    def write_batch(self, records: Sequence[ExtractionRecord]) -> WriteReport:
        """Write one batch of records in one transaction (the last of duplicate ids wins)."""
        latest = {record.id: record for record in records}

        def work(tx: ManagedTransaction) -> WriteReport:
            return _write_records(tx, list(latest.values()), self.canonical_id)

        return self._execute(work)

    def retract(self, article_id: str) -> WriteReport:
        """Remove exactly what one article contributed; ``articles_retracted`` is 0 if the
        graph does not hold the article."""

        def work(tx: ManagedTransaction) -> WriteReport:
            return _retract_only(tx, [article_id])

        return self._execute(work)

    def _execute(self, work: Callable[[ManagedTransaction], WriteReport]) -> WriteReport:
        # Warnings about labels not created yet (a fresh graph) are noise to the writer.
        session = self.driver.session(database=self.database, notifications_min_severity="OFF")
        try:
            with session:
                return session.execute_write(work)
        except (DriverError, TransientError) as exc:
            raise GraphError(
                f"Neo4j is unavailable for database {self.database!r} ({exc}); when it is back,"
                " run the same ingest again: articles already written are skipped"
            ) from exc
        except Neo4jError as exc:
            raise GraphError(
                f"writing to database {self.database!r} failed ({exc.code}): {exc.message}"
            ) from exc


def _run(
    tx: ManagedTransaction,
    name: str,
    report: WriteReport,
    relation_type: str | None = None,
    **params: Any,
) -> list[dict[str, Any]]:
    """Run the write template ``name`` with ``params``; add its counters to ``report``."""
    result = tx.run(cast(LiteralString, write_template(name, relation_type)), params)
    records = [record.data() for record in result]
    counters = result.consume().counters
    report.nodes_created += counters.nodes_created
    report.nodes_deleted += counters.nodes_deleted
    report.relationships_created += counters.relationships_created
    report.relationships_deleted += counters.relationships_deleted
    return records


def _rows(models: Sequence[BaseModel]) -> list[dict[str, Any]]:
    # Rows are flat (values are scalars, dates, lists and plain dicts): their fields are
    # the parameters as they are, without model_dump's per-value serialisation.
    return [dict(model) for model in models]


def _write_records(
    tx: ManagedTransaction,
    records: list[ExtractionRecord],
    canonical_id: Callable[[str], str] | None,
) -> WriteReport:
    report = WriteReport()
    stored = {
        row["id"]: row
        for row in _run(tx, "claim_articles", report, ids=sorted(r.id for r in records))
    }
    fresh: list[ExtractionRecord] = []
    replaced: list[str] = []
    for record in records:
        held = stored[record.id]
        if (held["content_sha256"], held["extractor_version"]) == (
            record.article.content_sha256,
            record.article.extractor_version,
        ):
            report.articles_skipped += 1
            continue
        if held["content_sha256"] is not None:
            replaced.append(record.id)
        fresh.append(record)
    touched: set[tuple[str, str]] = set()
    entity_ids: set[str] = set()
    if replaced:
        touched, entity_ids = _retract_articles(tx, replaced, report)
        report.articles_replaced += len(replaced)
    if not fresh:
        return report
    plan: RecordPlan = plan_records(fresh, canonical_id)
    _run(tx, "write_articles", report, rows=_rows(plan.articles))
    _run(tx, "write_sentences", report, rows=_rows(plan.sentences))
    _run(tx, "write_entities", report, rows=_rows(plan.entities))
    _run(tx, "write_mentions", report, rows=_rows(plan.mentions))
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in plan.relations:
        by_type[row.type].append(dict(row))
    for relation_type, typed_rows in sorted(by_type.items()):
        _run(tx, "write_relations", report, relation_type=relation_type, rows=typed_rows)
    entity_ids |= {row.id for row in plan.entities}
    _refresh_collapsed(tx, entity_ids | _sync_events(tx, touched, plan.reports, report), report)
    report.articles_written += len(fresh)
    # Nodes made by claim_articles for new articles were counted as created already.
    return report


def _retract_only(tx: ManagedTransaction, article_ids: list[str]) -> WriteReport:
    report = WriteReport()
    touched, entity_ids = _retract_articles(tx, article_ids, report)
    _refresh_collapsed(tx, entity_ids | _sync_events(tx, touched, [], report), report)
    return report


def _retract_articles(
    tx: ManagedTransaction, article_ids: list[str], report: WriteReport
) -> tuple[set[tuple[str, str]], set[str]]:
    """Delete the articles' own contribution; return the (id, key) of the risk events they
    reported, which the event sync must recompute, and the ids of the entities they
    mentioned.

    Locks first (the entities they mention, then their events), so no concurrent writer
    changes the reports of these events between this transaction's reads and writes.
    """
    touched = _run(tx, "retract_collect", report, ids=sorted(article_ids))
    entity_ids = sorted({e for row in touched for e in row["entity_ids"]})
    events = sorted({(e["id"], e["key"]) for row in touched for e in row["events"]})
    _run(tx, "lock_entities", report, ids=entity_ids)
    if events:
        _run(tx, "lock_events", report, rows=[{"id": i, "key": k} for i, k in events])
    _run(tx, "retract_relations", report, ids=sorted(article_ids))
    _run(tx, "retract_articles", report, ids=sorted(article_ids))
    _run(tx, "prune_entities", report, ids=entity_ids)
    _run(tx, "refresh_entities", report, ids=entity_ids, entity_labels=sorted(ENTITY_LABELS))
    report.articles_retracted += len(touched)
    return set(events), set(entity_ids)


def _sync_events(
    tx: ManagedTransaction,
    retracted_from: set[tuple[str, str]],
    new_reports: list[EventReport],
    report: WriteReport,
) -> set[str]:
    """Re-plan the risk events that reports were retracted from (``retracted_from``: id and
    key) or that new reports may reach, write what changed, re-link the lifecycle chains of
    their subjects; return the ids of those subjects."""
    if not retracted_from and not new_reports:
        return set()
    reach: EventReach = event_reach(
        new_reports, [HeldEvent(id=i, key=k) for i, k in sorted(retracted_from)]
    )
    if reach.bucket_locks:
        _run(tx, "lock_events", report, rows=reach.bucket_locks)
    held = [
        HeldEvent(
            id=row["event_id"],
            key=row["key"],
            reports=[
                EventReport.from_stored(row["key"], article_id, _native(published), _dates(props))
                for article_id, published, props in row["reports"]
            ],
        )
        for row in _run(
            tx,
            "read_event_reports",
            report,
            windows=reach.windows,
            keys=reach.keys,
            latest_keys=reach.latest_keys,
            event_ids=reach.event_ids,
        )
    ]
    plan = plan_events(held, new_reports, {i for i, _ in retracted_from})
    if plan.gone:
        _run(tx, "delete_events", report, ids=plan.gone)
    if plan.rows:
        _run(tx, "write_events", report, rows=_rows(plan.rows))
    if plan.subjects:
        _run(tx, "link_event_chains", report, ids=plan.subjects)
    return set(plan.subjects)


def _refresh_collapsed(tx: ManagedTransaction, entity_ids: set[str], report: WriteReport) -> None:
    """Set or remove the derived label ``Collapsed`` on the entities a write or retraction
    touched (their events, lexicon status or type labels may have changed)."""
    if entity_ids:
        _run(tx, "refresh_collapsed", report, ids=sorted(entity_ids))


def _dates(props: dict[str, Any]) -> dict[str, Any]:
    """Report properties with Neo4j dates as Python dates."""
    return {
        **props,
        "date": _native(props.get("date")),
        "event_date": _native(props.get("event_date")),
    }


def _native(value: Any) -> Any:
    """A Python date from a Neo4j date (or None)."""
    return value.to_native() if value is not None else None
