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

Identity of entities. Before rows are built, the batch's entity names are resolved
(:mod:`fintech_kg.graph.aliases`) against the user's overrides, the lexicon and the
``(:Alias {name})-[:ALIAS_OF {via, kind, …}]->(:Entity)`` ties the graph holds; records get
canonical ids (in planning), held nodes a new tie joins are merged into the canonical node
first (their risk events planned again under the new keys), and every tie is written with
its reason. Retraction removes an article's support from ties but does not undo a merge.

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
from typing import Any, LiteralString, NamedTuple, cast

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError, TransientError
from pydantic import BaseModel, ConfigDict

from fintech_kg.errors import GraphError
from fintech_kg.extraction.lexicon import Lexicon, load_lexicon
from fintech_kg.graph.aliases import (
    AliasOverrides,
    HeldEntity,
    Resolution,
    resolve_names,
    tie_rows,
)
from fintech_kg.graph.planning import (
    RESERVED_PROPERTIES,
    EventReach,
    HeldEvent,
    RecordPlan,
    event_reach,
    join_reports,
    merged_relations,
    plan_events,
    plan_records,
    rename_report,
)
from fintech_kg.graph.resolution import EventReport
from fintech_kg.graph.templates import check_labels, write_template
from fintech_kg.models import ExtractionRecord
from fintech_kg.vocabulary import ENTITY_LABELS, EntityType

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
    ``aliases``: the user's merges and splits of entity names; ``lexicon``: the lexicon whose
    ties resolve names (default: the shipped one), see :mod:`fintech_kg.graph.aliases`.
    """

    def __init__(
        self,
        driver: Driver,
        database: str,
        batch_size: int = DEFAULT_BATCH_SIZE,
        *,
        aliases: AliasOverrides | None = None,
        lexicon: Lexicon | None = None,
    ):
        if batch_size < 1:
            raise GraphError(f"batch size must be at least 1, got {batch_size}")
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.identity = _Identity(aliases or AliasOverrides(), lexicon or load_lexicon())

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
            return _write_records(tx, list(latest.values()), self.identity)

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


class _Identity(NamedTuple):
    """What entity resolution needs besides the records and the graph."""

    overrides: AliasOverrides
    lexicon: Lexicon


def _write_records(
    tx: ManagedTransaction, records: list[ExtractionRecord], identity: _Identity
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
    # Entity identity (fintech_kg.graph.aliases): held nodes that a new tie joins are merged
    # first; their events' reports, renamed, join the event sync below.
    resolution, alias_rows, merged_reports = _resolve_entities(tx, fresh, identity, report)
    plan: RecordPlan = plan_records(fresh, resolution)
    _run(tx, "write_articles", report, rows=_rows(plan.articles))
    _run(tx, "write_sentences", report, rows=_rows(plan.sentences))
    _run(tx, "write_entities", report, rows=_rows(plan.entities))
    _run(tx, "write_mentions", report, rows=_rows(plan.mentions))
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in plan.relations:
        by_type[row.type].append(dict(row))
    for relation_type, typed_rows in sorted(by_type.items()):
        _run(tx, "write_relations", report, relation_type=relation_type, rows=typed_rows)
    _run(tx, "write_aliases", report, rows=alias_rows)
    merges = resolution.merges
    entity_ids = (entity_ids - set(merges)) | set(merges.values())
    entity_ids |= {row.id for row in plan.entities}
    synced = _sync_events(tx, touched, plan.reports + merged_reports, report)
    _refresh_collapsed(tx, entity_ids | synced, report)
    report.articles_written += len(fresh)
    # Nodes made by claim_articles for new articles were counted as created already.
    return report


def _resolve_entities(
    tx: ManagedTransaction,
    records: list[ExtractionRecord],
    identity: _Identity,
    report: WriteReport,
) -> tuple[Resolution, list[dict[str, Any]], list[EventReport]]:
    """Resolve the records' entity names against what the graph holds for them
    (:func:`~fintech_kg.graph.aliases.resolve_names`) and merge the held nodes a new tie
    joins. Returns the resolution (planning rewrites the records with it), the rows of the
    ties, and the reports of the merged nodes' events renamed (for the event sync).
    """
    names = sorted(
        {e.id for r in records for e in r.entities}
        | {a for r in records for e in r.entities for a in e.aliases}
    )
    held_rows = _run(tx, "read_aliases", report, names=names, entity_labels=sorted(ENTITY_LABELS))
    held = [
        HeldEntity(
            id=row["id"],
            types=tuple(EntityType(t) for t in sorted(row["types"])),
            names=tuple(sorted({name for name, _ in row["names"]})),
            former_ids=tuple(sorted({name for name, kind in row["names"] if kind == "merged"})),
            sector=row["properties"].get("kind") == "sector" or "Sector" in row["types"],
        )
        for row in held_rows
    ]
    resolution = resolve_names(
        records, overrides=identity.overrides, held=held, lexicon=identity.lexicon
    )
    merged_articles: dict[str, list[str]] = {}
    merged_reports: list[EventReport] = []
    if resolution.merges:
        merged_articles, merged_reports = _merge_held(tx, resolution, held_rows, report)
    return resolution, tie_rows(records, resolution, merged_articles), merged_reports


def _merge_held(
    tx: ManagedTransaction,
    resolution: Resolution,
    held_rows: list[dict[str, Any]],
    report: WriteReport,
) -> tuple[dict[str, list[str]], list[EventReport]]:
    """Merge each held node of ``resolution.merges`` into its canonical node: mentions and
    names move (``merge_entity``), entity relationships are rewritten between canonical ids
    (:func:`~fintech_kg.graph.planning.merged_relations`), and the risk events that name
    any of these nodes (as subject, co-subject or authority) are deleted and their reports
    returned renamed, to be planned again as if the tie had been known from the start.
    Returns the articles that mentioned each node that went, and those reports."""
    merges = resolution.merges
    held = {row["id"]: row for row in held_rows}
    ids = sorted(set(merges) | {keep for keep in merges.values() if keep in held})
    sources = {row["id"]: row for row in _run(tx, "read_merge_source", report, ids=ids)}
    relations = merged_relations(
        {entity_id: row["relations"] for entity_id, row in sources.items()},
        resolution.of,
        merges,
    )
    event_ids = sorted({e for row in sources.values() for e in row["event_ids"]})
    renamed: dict[str, EventReport] = {}
    if event_ids:
        held_events = _run(
            tx,
            "read_event_reports",
            report,
            windows=[],
            keys=[],
            latest_keys=[],
            event_ids=event_ids,
        )
        for row in held_events:
            for article_id, published, props in row["reports"]:
                stored = EventReport.from_stored(
                    row["key"], article_id, _native(published), _dates(props)
                )
                again = rename_report(stored, resolution.of)
                known = renamed.get(again.report_id)
                renamed[again.report_id] = again if known is None else join_reports(known, again)
        _run(tx, "delete_events", report, ids=event_ids)
    for gone, keep in merges.items():
        kept = held.get(keep, {}).get("properties", {})
        properties = {
            k: v
            for k, v in sorted(held[gone]["properties"].items())
            if k not in RESERVED_PROPERTIES and k not in kept
        }
        types = check_labels(held[gone]["types"] or ["Company"])
        _run(tx, "merge_entity", report, gone=gone, keep=keep, types=types, properties=properties)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for relation in relations:
        by_type[relation.type].append(dict(relation))
    for relation_type, typed_rows in sorted(by_type.items()):
        _run(tx, "write_relations", report, relation_type=relation_type, rows=typed_rows)
    _run(
        tx,
        "refresh_entities",
        report,
        ids=sorted(set(merges.values())),
        entity_labels=sorted(ENTITY_LABELS),
    )
    merged_articles = {gone: sorted(sources[gone]["article_ids"]) for gone in merges}
    return merged_articles, sorted(renamed.values(), key=lambda r: r.report_id)


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
    _run(tx, "retract_aliases", report, ids=sorted(article_ids), entity_ids=entity_ids)
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
