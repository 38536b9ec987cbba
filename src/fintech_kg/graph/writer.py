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
canonical ids, held nodes a new tie joins are merged into the canonical node first (their
risk events rebuilt under the new keys), and every tie is written with its reason.
Retraction removes an article's support from ties but does not undo a merge.

Derived label. A ``P2PPlatform`` entity also carries the label ``Collapsed`` while it is
the subject of a ``COLLAPSE`` risk event or its lexicon ``status`` is a failure (anything
but ``normal`` and ``转型``: 停业, 跑路, 提现困难, 经侦介入, …), so Browser styles can pick
it out. It is a function of the graph: every write and retraction recomputes it for the
entities it touched (``cypher/write/refresh_collapsed.cypher``), so it goes when its last
collapse report is retracted or replaced.

Merging risk events. A report's *merge key* is its type plus its sorted subject ids, or for
an event without subjects its type plus its sector. Its *date* is the event date the article
states, else the article's publication date. Within a key:

- events with subjects: reports sorted by date form one event while consecutive dates are
  at most :data:`EVENT_MERGE_WINDOW` (30 days) apart (single-linkage); a gap above it starts
  a new event. The event's anchor is its earliest date;
- sector-level events (no subject): one event per calendar month;
- reports with no date at all form one undated event per key.

Each cluster is a function of the *set* of reports with its key, and its id is a hash of key
and anchor, so the graph ends the same whatever the order of ingest, batches or retries.
The event's properties follow from its reports: ``date`` the earliest, ``first_reported`` /
``last_reported`` the earliest and latest publication date, ``mention_count`` the number of
articles, ``amount_cny`` the figure of the latest report that gives one (later reports know
more; the largest on a tie), ``location`` the most frequent (the smallest on a tie),
``hedged`` true only if every report hedges, ``confidence`` the highest, ``date_to`` the
latest report date. After each write or retraction, the events it can reach (same key,
dates within the window, or reports retracted) are recomputed and each affected subject's
dated events re-linked in date order with ``FOLLOWED_BY {subject}`` (its lifecycle chain).

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

import datetime as dt
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from functools import partial
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
    resolve_records,
    tie_rows,
)
from fintech_kg.graph.templates import check_labels, check_relation_type, write_template
from fintech_kg.models import Evidence, ExtractionRecord
from fintech_kg.vocabulary import ENTITY_LABELS, EntityType, RelationType

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "EVENT_MERGE_WINDOW",
    "MAX_KEY_BYTES",
    "EventReport",
    "GraphWriter",
    "WriteReport",
    "cluster_reports",
]

DEFAULT_BATCH_SIZE = 200
"""Articles per transaction: large enough to amortise round trips, small enough to retry."""

EVENT_MERGE_WINDOW = timedelta(days=30)
"""Reports of one key whose dates are at most this far apart describe one event."""

MAX_KEY_BYTES = 4000
"""Longest id (in UTF-8 bytes) of an article or entity: Neo4j's range index, which backs the
uniqueness constraints, refuses entries of about 8 kB; sentence ids add to the article id."""

_SYMMETRIC = {RelationType.PARTNERS_WITH, RelationType.COMPETES_WITH}
# Entity properties the writer owns; lexicon attributes may not overwrite them.
_RESERVED = frozenset({"id", "name", "aliases", "type"})


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


class EventReport(BaseModel):
    """One article's report of a risk event, as stored on its ``REPORTS`` relationship."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    report_id: str
    article_id: str
    key: str
    type: str
    subjects: tuple[str, ...]
    sector: str | None
    date: dt.date | None
    event_date: dt.date | None
    published_at: dt.date | None
    amount_cny: float | None
    location: str | None
    authorities: tuple[str, ...]
    hedged: bool
    confidence: float
    trigger: str
    sentence_ids: tuple[str, ...]

    def stored(self) -> dict[str, Any]:
        """Properties of the ``REPORTS`` relationship (no nulls: Neo4j does not store them)."""
        props = self.model_dump(
            include={
                "report_id",
                "date",
                "event_date",
                "amount_cny",
                "location",
                "authorities",
                "hedged",
                "confidence",
                "trigger",
                "sentence_ids",
            }
        )
        props["authorities"] = list(self.authorities)
        props["sentence_ids"] = list(self.sentence_ids)
        return {k: v for k, v in props.items() if v is not None}


def merge_key(event_type: str, subjects: Sequence[str], sector: str | None) -> str:
    """The key under which reports of one real event merge (see the module docstring)."""
    return json.dumps(
        [event_type, sorted(subjects), None if subjects else sector], ensure_ascii=False
    )


def _event_id(key: str, anchor: str) -> str:
    event_type = json.loads(key)[0]
    digest = hashlib.sha256(f"{key}\n{anchor}".encode()).hexdigest()[:16]
    return f"{event_type}-{digest}"


def cluster_reports(reports: Iterable[EventReport]) -> dict[str, list[EventReport]]:
    """Group reports into events: ``{event id: reports}``, independent of input order.

    Example:
        >>> a = _report("a", date(2019, 3, 28)); b = _report("b", date(2019, 4, 20))
        >>> c = _report("c", date(2019, 6, 10))
        >>> sorted(len(group) for group in cluster_reports([c, b, a]).values())
        [1, 2]
    """
    by_key: dict[str, list[EventReport]] = defaultdict(list)
    for report in reports:
        by_key[report.key].append(report)
    clusters: dict[str, list[EventReport]] = {}
    for key, group in by_key.items():
        dated = sorted(
            (r for r in group if r.date is not None), key=lambda r: (r.date, r.report_id)
        )
        undated = sorted((r for r in group if r.date is None), key=lambda r: r.report_id)
        if undated:
            clusters[_event_id(key, "undated")] = undated
        sector_level = not group[0].subjects
        current: list[EventReport] = []
        for report in dated:
            assert report.date is not None
            if current:
                last = current[-1].date
                assert last is not None
                same = (
                    (report.date.year, report.date.month) == (last.year, last.month)
                    if sector_level
                    else report.date - last <= EVENT_MERGE_WINDOW
                )
                if not same:
                    clusters[_event_id(key, _anchor(current, sector_level))] = current
                    current = []
            current.append(report)
        if current:
            clusters[_event_id(key, _anchor(current, sector_level))] = current
    return clusters


def _anchor(cluster: list[EventReport], sector_level: bool) -> str:
    first = cluster[0].date
    assert first is not None
    return first.strftime("%Y-%m") if sector_level else first.isoformat()


def _sector_anchor(report: EventReport) -> str:
    return report.date.strftime("%Y-%m") if report.date else "undated"


def _event_row(
    event_id: str, reports: list[EventReport], linked: set[str], known: dict[str, EventReport]
) -> dict[str, Any]:
    """The stored event: properties from all of its reports, and the changes to its
    relationships.

    ``linked``: ids of reports whose ``REPORTS`` to this event exist unchanged. Only the
    other reports are sent, and only the links of reports that left (``known`` has the
    reports read from the graph), so a big event costs what changed, not its size.
    """
    first = reports[0]
    kept = {r.report_id for r in reports}
    dates = [r.date for r in reports if r.date is not None]
    published = [d for r in reports if (d := r.published_at or r.date) is not None]
    with_amount = [r for r in reports if r.amount_cny is not None]
    latest_amount = max(
        with_amount,
        key=lambda r: (r.published_at or r.date or date.min, r.amount_cny),
        default=None,
    )
    locations = Counter(r.location for r in reports if r.location)
    location = min(locations, key=lambda loc: (-locations[loc], loc)) if locations else None
    event_date = min(dates) if dates else None
    label = "、".join(first.subjects) or first.sector or "(no subject)"
    properties = {
        "id": event_id,
        "key": first.key,
        "type": first.type,
        "name": f"{label} {first.type} {event_date or ''}".strip(),
        "subjects": list(first.subjects),
        "sector": first.sector,
        "date": event_date,
        "date_to": max(dates) if dates else None,
        "amount_cny": latest_amount.amount_cny if latest_amount else None,
        "location": location,
        "first_reported": min(published) if published else None,
        "last_reported": max(published) if published else None,
        "mention_count": len({r.article_id for r in reports}),
        "hedged": all(r.hedged for r in reports),
        "confidence": max(r.confidence for r in reports),
        "triggers": sorted({r.trigger for r in reports if r.trigger}),
    }
    links: list[dict[str, Any]] = []
    for link_type, ids_of in (
        ("SUBJECT_OF", lambda r: r.subjects),
        ("ACTED_IN", lambda r: r.authorities),
    ):
        supporters: dict[str, set[str]] = defaultdict(set)
        for report in reports:
            for entity_id in ids_of(report):
                supporters[entity_id].add(report.article_id)
        links += [
            {"type": link_type, "entity_id": entity_id, "article_ids": sorted(articles)}
            for entity_id, articles in sorted(supporters.items())
        ]
    return {
        "id": event_id,
        "properties": {k: v for k, v in properties.items() if v is not None},
        "gone_report_ids": sorted(linked - {r.report_id for r in reports}),
        "reports": [
            {"report_id": r.report_id, "article_id": r.article_id, "properties": r.stored()}
            for r in reports
            if r.report_id not in linked
        ],
        "new_sentence_ids": sorted(
            {s for r in reports if r.report_id not in linked for s in r.sentence_ids}
        ),
        "gone_sentence_ids": sorted(
            {s for gone in linked - kept if gone in known for s in known[gone].sentence_ids}
            - {s for r in reports for s in r.sentence_ids}
        ),
        "links": links,
    }


def _sentence_id(article_id: str, evidence: Evidence) -> str:
    return f"{article_id}#{evidence.start}-{evidence.end}"


class _Rows(BaseModel):
    """The parameter rows of one batch of records, combined so each node or relationship
    appears in one row (rows of one statement all read the graph as it was before it)."""

    model_config = ConfigDict(extra="forbid")

    articles: list[dict[str, Any]] = []
    sentences: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    reports: list[EventReport] = []


def _build_rows(records: Sequence[ExtractionRecord]) -> _Rows:
    rows = _Rows()
    sentences: dict[str, dict[str, Any]] = {}
    entities: dict[str, dict[str, Any]] = {}
    relations: dict[tuple[str, str, str, bool], dict[str, Any]] = {}
    for record in records:
        meta = record.article
        article_id = record.id
        rows.articles.append(
            {
                "id": article_id,
                "title": meta.title,
                "published_at": meta.published_at,
                "source": meta.source,
                "url": meta.url,
                "content_sha256": meta.content_sha256,
                "char_count": meta.char_count,
                "extractor_version": meta.extractor_version,
            }
        )

        def evidence_of(evidence: Evidence, article_id: str = article_id) -> str:
            sid = _sentence_id(article_id, evidence)
            sentences.setdefault(
                sid,
                {
                    "id": sid,
                    "article_id": article_id,
                    "text": evidence.sentence,
                    "start": evidence.start,
                    "end": evidence.end,
                },
            )
            return sid

        known = {entity.id for entity in record.entities}
        _check_key_sizes(record, known)
        for entity in record.entities:
            aliases = sorted(set(entity.aliases) | {m.text for m in entity.mentions})
            combined = entities.setdefault(
                entity.id,
                {
                    "id": entity.id,
                    "name": entity.name,
                    "types": set(),
                    "aliases": set(),
                    "attributes": {},
                },
            )
            combined["name"] = min(combined["name"], entity.name)
            combined["types"].add(entity.type.value)
            combined["aliases"].update(aliases)
            combined["attributes"].update(
                {k: v for k, v in sorted(entity.attributes.items()) if k and k not in _RESERVED}
            )
            rows.mentions.append(
                {
                    "article_id": article_id,
                    "entity_id": entity.id,
                    "name": entity.name,
                    "type": entity.type.value,
                    "aliases": aliases,
                    "count": len(entity.mentions),
                    "confidence": entity.confidence,
                    "sentence_ids": sorted({evidence_of(m.evidence) for m in entity.mentions}),
                }
            )

        for relation in record.relations:
            source, target = relation.source, relation.target
            _check_known(record, known, source, target)
            if relation.type in _SYMMETRIC and target < source:
                source, target = target, source
            rel_key = (check_relation_type(relation.type.value), source, target, relation.hedged)
            combined = relations.setdefault(
                rel_key,
                {
                    "type": rel_key[0],
                    "source": source,
                    "target": target,
                    "hedged": relation.hedged,
                    "support": {},
                    "sentence_ids": set(),
                    "extractor": relation.evidence.extractor,
                },
            )
            combined["support"][article_id] = max(
                combined["support"].get(article_id, 0.0), relation.confidence
            )
            combined["sentence_ids"].add(evidence_of(relation.evidence))

        reports: dict[tuple[str, date | None], list[Any]] = defaultdict(list)
        for event in record.events:
            _check_known(
                record, known, *event.subjects, *([event.authority] if event.authority else [])
            )
            key = merge_key(event.type.value, event.subjects, event.sector)
            reports[(key, event.date or meta.published_at)].append(event)
        for (key, report_date), events in sorted(reports.items(), key=lambda kv: kv[0][0]):
            amounts = [e.amount_cny for e in events if e.amount_cny is not None]
            locations = sorted(e.location for e in events if e.location)
            event_dates = sorted(e.date for e in events if e.date)
            rows.reports.append(
                EventReport(
                    report_id=f"{article_id}\n{key}\n{report_date}",
                    article_id=article_id,
                    key=key,
                    type=events[0].type.value,
                    subjects=tuple(sorted(set(events[0].subjects))),
                    sector=None if events[0].subjects else events[0].sector,
                    date=report_date,
                    event_date=event_dates[0] if event_dates else None,
                    published_at=meta.published_at,
                    amount_cny=max(amounts) if amounts else None,
                    location=locations[0] if locations else None,
                    authorities=tuple(sorted({e.authority for e in events if e.authority})),
                    hedged=all(e.hedged for e in events),
                    confidence=max(e.confidence for e in events),
                    trigger=min((e.trigger for e in events if e.trigger), default=""),
                    sentence_ids=tuple(sorted({evidence_of(e.evidence) for e in events})),
                )
            )

    rows.sentences = list(sentences.values())
    for combined in entities.values():
        types = check_labels(combined["types"])
        rows.entities.append(
            {**combined, "types": types, "type": types[0], "aliases": sorted(combined["aliases"])}
        )
    rows.entities.sort(key=lambda row: row["id"])  # one lock order for concurrent writers
    for combined in relations.values():
        support = sorted(combined.pop("support").items())
        rows.relations.append(
            {
                **combined,
                "article_ids": [article for article, _ in support],
                "confidences": [confidence for _, confidence in support],
                "sentence_ids": sorted(combined["sentence_ids"]),
            }
        )
    return rows


def _check_key_sizes(record: ExtractionRecord, entity_ids: set[str]) -> None:
    too_long = [key for key in (record.id, *entity_ids) if len(key.encode()) > MAX_KEY_BYTES]
    if too_long:
        raise GraphError(
            f"article {record.id[:80]!r}: ids {[key[:40] + '…' for key in too_long]} are longer"
            f" than the {MAX_KEY_BYTES} UTF-8 bytes a key index entry can hold; shorten the"
            " article id or the entity's canonical name"
        )


def _check_known(record: ExtractionRecord, known: set[str], *entity_ids: str) -> None:
    missing = sorted(set(entity_ids) - known)
    if missing:
        raise GraphError(
            f"article {record.id}: relations or events refer to entities {missing} that are not"
            " in the record's entities; fix the extraction output (every referenced id must be"
            " one of the record's entities)"
        )


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
        return self._execute(partial(_write_records, identity=self.identity), list(latest.values()))

    def retract(self, article_id: str) -> WriteReport:
        """Remove exactly what one article contributed; ``articles_retracted`` is 0 if the
        graph does not hold the article."""
        return self._execute(_retract_only, [article_id])

    def _execute(self, work: Any, items: list[Any]) -> WriteReport:
        # Warnings about labels not created yet (a fresh graph) are noise to the writer.
        session = self.driver.session(database=self.database, notifications_min_severity="OFF")
        try:
            with session:
                return cast(WriteReport, session.execute_write(work, items))
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
    touched: set[str] = set()
    entity_ids: set[str] = set()
    if replaced:
        touched, entity_ids = _retract_articles(tx, replaced, report)
        report.articles_replaced += len(replaced)
    if not fresh:
        return report
    # Entity identity (fintech_kg.graph.aliases): records get canonical ids, held nodes that
    # a new tie joins are merged first; their rebuilt event reports join the sync below.
    fresh, alias_rows, merged_reports, merged_into = _resolve_entities(tx, fresh, identity, report)
    rows = _build_rows(fresh)
    _run(tx, "write_articles", report, rows=rows.articles)
    _run(tx, "write_sentences", report, rows=rows.sentences)
    _run(tx, "write_entities", report, rows=rows.entities)
    _run(tx, "write_mentions", report, rows=rows.mentions)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows.relations:
        by_type[row["type"]].append(row)
    for relation_type, typed_rows in sorted(by_type.items()):
        _run(tx, "write_relations", report, relation_type=relation_type, rows=typed_rows)
    _run(tx, "write_aliases", report, rows=alias_rows)
    entity_ids = (entity_ids - set(merged_into)) | set(merged_into.values())
    entity_ids |= {row["id"] for row in rows.entities}
    synced = _sync_events(tx, touched, rows.reports + merged_reports, report)
    _refresh_collapsed(tx, entity_ids | synced, report)
    report.articles_written += len(fresh)
    # Nodes made by claim_articles for new articles were counted as created already.
    return report


class _Identity(NamedTuple):
    """What entity resolution needs besides the records and the graph."""

    overrides: AliasOverrides
    lexicon: Lexicon


def _resolve_entities(
    tx: ManagedTransaction,
    records: list[ExtractionRecord],
    identity: _Identity,
    report: WriteReport,
) -> tuple[list[ExtractionRecord], list[dict[str, Any]], list[EventReport], dict[str, str]]:
    """Resolve the records' entity names against what the graph holds for them
    (:func:`~fintech_kg.graph.aliases.resolve_names`) and merge the held nodes a new tie
    joins. Returns the records with canonical ids, the rows of their ties, the event reports
    of merged nodes rebuilt with the canonical ids (for the event sync), and the merges.
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
            sector=row["properties"].get("kind") == "sector",
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
    alias_rows = tie_rows(records, resolution, merged_articles)
    return resolve_records(records, resolution), alias_rows, merged_reports, resolution.merges


def _merge_held(
    tx: ManagedTransaction,
    resolution: Resolution,
    held_rows: list[dict[str, Any]],
    report: WriteReport,
) -> tuple[dict[str, list[str]], list[EventReport]]:
    """Merge each held node of ``resolution.merges`` into its canonical node: mentions and
    names move (``merge_entity``), entity relationships are rewritten between canonical ids
    (support united, the highest confidence per article), and the risk events it was part
    of are deleted and returned as reports with canonical ids, to be clustered again."""
    merges = resolution.merges
    held = {row["id"]: row for row in held_rows}
    ids = sorted(set(merges) | {keep for keep in merges.values() if keep in held})
    sources = {row["id"]: row for row in _run(tx, "read_merge_source", report, ids=ids)}
    relations: dict[tuple[str, str, str, bool], dict[str, Any]] = {}
    for entity_id in ids:
        for rel_type, source, target, props in sources[entity_id]["relations"]:
            source, target = resolution.of(source), resolution.of(target)
            if source == target:
                continue  # a relation between two names of one entity says nothing
            if RelationType(rel_type) in _SYMMETRIC and target < source:
                source, target = target, source
            key = (rel_type, source, target, bool(props.get("hedged", False)))
            row = relations.setdefault(
                key,
                {
                    "support": {},
                    "sentence_ids": set(),
                    "extractor": props.get("extractor", ""),
                    "moved": False,
                },
            )
            row["moved"] |= entity_id in merges
            for article_id, confidence in zip(
                props.get("article_ids", []), props.get("confidences", []), strict=True
            ):
                row["support"][article_id] = max(row["support"].get(article_id, 0.0), confidence)
            row["sentence_ids"].update(props.get("sentence_ids", []))
    event_ids = sorted({e for gone in merges for e in sources[gone]["event_ids"]})
    rebuilt: dict[str, EventReport] = {}
    if event_ids:
        for row in _run(
            tx, "read_event_reports", report, windows=[], undated_keys=[], event_ids=event_ids
        ):
            for article_id, published_at, props in row["reports"]:
                stored = _stored_report(row["key"], article_id, published_at, props)
                renamed = _renamed_report(stored, resolution)
                known = rebuilt.get(renamed.report_id)
                rebuilt[renamed.report_id] = renamed if known is None else _joined(known, renamed)
        _run(tx, "delete_events", report, ids=event_ids)
    for gone, keep in merges.items():
        kept = held.get(keep, {}).get("properties", {})
        properties = {
            k: v
            for k, v in sorted(held[gone]["properties"].items())
            if k not in _RESERVED and k not in kept
        }
        types = check_labels(held[gone]["types"] or ["Company"])
        _run(tx, "merge_entity", report, gone=gone, keep=keep, types=types, properties=properties)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (rel_type, source, target, hedged), row in sorted(relations.items()):
        if row["moved"]:
            support = sorted(row["support"].items())
            by_type[rel_type].append(
                {
                    "source": source,
                    "target": target,
                    "hedged": hedged,
                    "article_ids": [a for a, _ in support],
                    "confidences": [c for _, c in support],
                    "sentence_ids": sorted(row["sentence_ids"]),
                    "extractor": row["extractor"],
                }
            )
    for rel_type, typed_rows in sorted(by_type.items()):
        _run(tx, "write_relations", report, relation_type=rel_type, rows=typed_rows)
    _run(
        tx,
        "refresh_entities",
        report,
        ids=sorted(set(merges.values())),
        entity_labels=sorted(ENTITY_LABELS),
    )
    merged_articles = {gone: sorted(sources[gone]["article_ids"]) for gone in merges}
    return merged_articles, sorted(rebuilt.values(), key=lambda r: r.report_id)


def _renamed_report(stored: EventReport, resolution: Resolution) -> EventReport:
    """A report read from the graph with its entity ids resolved again (a merge renamed
    them), under its new merge key."""
    subjects = tuple(sorted({resolution.of(s) for s in stored.subjects}))
    key = merge_key(stored.type, subjects, stored.sector)
    return stored.model_copy(
        update={
            "subjects": subjects,
            "authorities": tuple(sorted({resolution.of(a) for a in stored.authorities})),
            "key": key,
            "report_id": f"{stored.article_id}\n{key}\n{stored.date}",
        }
    )


def _joined(one: EventReport, other: EventReport) -> EventReport:
    """One article's two reports that a merge made one (same key and date), combined by the
    rules an article's reports of one key are combined by when written."""
    amounts = [r.amount_cny for r in (one, other) if r.amount_cny is not None]
    locations = sorted(r.location for r in (one, other) if r.location)
    event_dates = sorted(r.event_date for r in (one, other) if r.event_date)
    triggers = [r.trigger for r in (one, other) if r.trigger]
    return one.model_copy(
        update={
            "amount_cny": max(amounts) if amounts else None,
            "location": locations[0] if locations else None,
            "event_date": event_dates[0] if event_dates else None,
            "authorities": tuple(sorted({*one.authorities, *other.authorities})),
            "hedged": one.hedged and other.hedged,
            "confidence": max(one.confidence, other.confidence),
            "trigger": min(triggers, default=""),
            "sentence_ids": tuple(sorted({*one.sentence_ids, *other.sentence_ids})),
        }
    )


def _retract_only(tx: ManagedTransaction, article_ids: list[str]) -> WriteReport:
    report = WriteReport()
    touched, entity_ids = _retract_articles(tx, article_ids, report)
    _refresh_collapsed(tx, entity_ids | _sync_events(tx, touched, [], report), report)
    return report


def _retract_articles(
    tx: ManagedTransaction, article_ids: list[str], report: WriteReport
) -> tuple[set[str], set[str]]:
    """Delete the articles' own contribution; return the ids of the risk events they
    reported, which the event sync must recompute, and of the entities they mentioned.

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
    return {event_id for event_id, _ in events}, set(entity_ids)


def _sync_events(
    tx: ManagedTransaction,
    retracted_from: set[str],
    new_reports: list[EventReport],
    report: WriteReport,
) -> set[str]:
    """Recompute the risk events that reports were retracted from (``retracted_from``, event
    ids) or that new reports may join, then the lifecycle chains of their subjects; return
    the ids of those subjects.

    Only events the change can reach are read: for new reports, those of the same key whose
    span of dates comes within the merge window of a new report's date (farther events
    cannot join a cluster with it); for retractions, the events that lost reports (a cluster
    that loses a report can only split). Only events whose reports changed are written.
    """
    if not retracted_from and not new_reports:
        return set()
    # A new sector-level event has no subject entity whose lock would order writers; the
    # event node (its id follows from key and month) is the lock instead.
    bucket_locks = sorted(
        {(_event_id(r.key, _sector_anchor(r)), r.key) for r in new_reports if not r.subjects}
    )
    if bucket_locks:
        _run(tx, "lock_events", report, rows=[{"id": i, "key": k} for i, k in bucket_locks])
    spans: dict[str, list[date]] = defaultdict(list)
    for new in new_reports:
        if new.date is not None:
            spans[new.key].append(new.date)
    windows = [
        {"key": key, "from": min(dates) - EVENT_MERGE_WINDOW, "to": max(dates) + EVENT_MERGE_WINDOW}
        for key, dates in sorted(spans.items())
    ]
    undated = sorted({r.key for r in new_reports if r.date is None})
    held: dict[str, set[str]] = {}
    held_keys: dict[str, str] = {}
    reports: dict[str, EventReport] = {}
    for row in _run(
        tx,
        "read_event_reports",
        report,
        windows=windows,
        undated_keys=undated,
        event_ids=sorted(retracted_from | {event_id for event_id, _ in bucket_locks}),
    ):
        held_keys[row["event_id"]] = row["key"]
        held[row["event_id"]] = set()
        for article_id, published_at, props in row["reports"]:
            stored = _stored_report(row["key"], article_id, published_at, props)
            held[row["event_id"]].add(stored.report_id)
            reports[stored.report_id] = stored
    new_ids = {r.report_id for r in new_reports}
    reports.update({r.report_id: r for r in new_reports})
    wanted = cluster_reports(reports.values())
    gone = sorted(set(held) - set(wanted))
    changed = {
        event_id: group
        for event_id, group in wanted.items()
        if event_id in retracted_from
        or held.get(event_id) != {r.report_id for r in group}
        or any(r.report_id in new_ids for r in group)
    }
    subjects = {s for event_id in gone for s in json.loads(held_keys[event_id])[1]}
    subjects |= {s for group in changed.values() for s in group[0].subjects}
    if gone:
        _run(tx, "delete_events", report, ids=gone)
    if changed:
        rows = [
            _event_row(event_id, group, held.get(event_id, set()) - new_ids, reports)
            for event_id, group in sorted(changed.items())
        ]
        _run(tx, "write_events", report, rows=rows)
    if subjects:
        _run(tx, "link_event_chains", report, ids=sorted(subjects))
    return subjects


def _refresh_collapsed(tx: ManagedTransaction, entity_ids: set[str], report: WriteReport) -> None:
    """Set or remove the derived label ``Collapsed`` on the entities a write or retraction
    touched (their events, lexicon status or type labels may have changed)."""
    if entity_ids:
        _run(tx, "refresh_collapsed", report, ids=sorted(entity_ids))


def _stored_report(
    key: str, article_id: str, published_at: Any, props: dict[str, Any]
) -> EventReport:
    """Rebuild a report from its ``REPORTS`` relationship and its event's merge key.

    The writer stored these values itself, so they are not validated again (a big event
    is read back on every change).
    """
    event_type, subjects, sector = json.loads(key)
    return EventReport.model_construct(
        report_id=props["report_id"],
        article_id=article_id,
        key=key,
        type=event_type,
        subjects=tuple(subjects),
        sector=sector,
        date=_native(props.get("date")),
        event_date=_native(props.get("event_date")),
        published_at=_native(published_at),
        amount_cny=props.get("amount_cny"),
        location=props.get("location"),
        authorities=tuple(props.get("authorities", ())),
        hedged=props["hedged"],
        confidence=props["confidence"],
        trigger=props.get("trigger", ""),
        sentence_ids=tuple(props.get("sentence_ids", ())),
    )


def _native(value: Any) -> date | None:
    """A Python date from a Neo4j date (or None)."""
    return value.to_native() if value is not None else None
