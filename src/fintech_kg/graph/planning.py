"""Records -> typed rows for the write templates, and event clusters -> event rows: pure.

Two steps, neither touches Neo4j (the writer reads and runs, see
:mod:`fintech_kg.graph.writer`):

1. :func:`plan_records` turns a batch of extraction records into one row per article,
   sentence, entity, mention, relationship and event report, combined over the batch so each
   node or relationship appears in one row (rows of one statement all read the graph as it
   was before it). Entity ids are canonicalised first, in one place: the ``resolution``
   argument (:func:`fintech_kg.graph.aliases.resolve_names`; none by default) maps every
   extracted id to the graph's id for the entity, and
   :func:`~fintech_kg.graph.aliases.resolve_records` rewrites the records with it, merging
   entities that become one and dropping names that are no entity.
2. :func:`plan_events` takes the reports the graph already holds for the events a change can
   reach (:func:`event_reach` says which), plus the new reports, and returns the events to
   delete, the event rows to write and the subjects whose lifecycle chains to re-link. The
   identity rules themselves live in :mod:`fintech_kg.graph.resolution`.
3. When a new tie joins two entity nodes the graph holds, :func:`merged_relations` and
   :func:`rename_report` say what the node that goes leaves to the node that stays: its
   entity relationships between canonical ids, and the reports of its events under their
   new keys (to be planned again).

Example:
    >>> plan = plan_records([record])  # doctest: +SKIP
    >>> [row.id for row in plan.entities]  # doctest: +SKIP
    ['团贷网', '厦门银行']
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from fintech_kg.dates import EventPrecision, period_end, period_text
from fintech_kg.errors import GraphError
from fintech_kg.graph.aliases import Resolution, resolve_records
from fintech_kg.graph.resolution import (
    EVENT_MERGE_WINDOW,
    EventReport,
    cluster_reports,
    event_id,
    sector_anchor,
    sector_key,
    subject_key,
)
from fintech_kg.graph.templates import check_labels, check_relation_type
from fintech_kg.models import Evidence, ExtractionRecord, Relation, RiskEvent
from fintech_kg.vocabulary import RelationType, event_caption

__all__ = [
    "MAX_KEY_BYTES",
    "RESERVED_PROPERTIES",
    "ArticleRow",
    "EntityRow",
    "EventPlan",
    "EventReach",
    "EventRow",
    "HeldEvent",
    "MentionRow",
    "RecordPlan",
    "RelationRow",
    "SentenceRow",
    "event_reach",
    "join_reports",
    "merged_relations",
    "plan_events",
    "plan_records",
    "rename_report",
]

MAX_KEY_BYTES = 4000
"""Longest id (in UTF-8 bytes) of an article or entity: Neo4j's range index, which backs the
uniqueness constraints, refuses entries of about 8 kB; sentence ids add to the article id."""

_SYMMETRIC = {RelationType.PARTNERS_WITH, RelationType.COMPETES_WITH}
RESERVED_PROPERTIES = frozenset({"id", "name", "aliases", "type"})
"""Entity properties the writer owns; lexicon attributes may not overwrite them."""


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleRow(_Row):
    """An article's metadata (``write_articles``)."""

    id: str
    title: str
    published_at: dt.date | None
    source: str | None
    url: str | None
    content_sha256: str
    char_count: int
    extractor_version: str


class SentenceRow(_Row):
    """An evidence sentence, id ``"<article id>#<start>-<end>"`` (``write_sentences``)."""

    id: str
    article_id: str
    text: str
    start: int
    end: int


class EntityRow(_Row):
    """An entity combined over the batch (``write_entities``): the smallest name and type,
    the union of aliases and type labels, lexicon attributes."""

    id: str
    name: str
    types: list[str]
    type: str
    aliases: list[str]
    attributes: dict[str, str]


class MentionRow(_Row):
    """How one article names one entity (``write_mentions``)."""

    article_id: str
    entity_id: str
    name: str
    type: str
    aliases: list[str]
    count: int
    confidence: float
    sentence_ids: list[str]


class RelationRow(_Row):
    """A relationship of one type with its supporting articles (``write_relations``)."""

    type: str
    source: str
    target: str
    hedged: bool
    article_ids: list[str]
    confidences: list[float]
    sentence_ids: list[str]
    extractor: str


class RecordPlan(_Row):
    """Everything a batch of records writes, before the risk events are resolved."""

    articles: list[ArticleRow] = []
    sentences: list[SentenceRow] = []
    entities: list[EntityRow] = []
    mentions: list[MentionRow] = []
    relations: list[RelationRow] = []
    reports: list[EventReport] = []


def plan_records(
    records: Sequence[ExtractionRecord], resolution: Resolution | None = None
) -> RecordPlan:
    """The rows a batch of records writes (see the module docstring), entity ids resolved by
    ``resolution``; raises :class:`~fintech_kg.errors.GraphError` for a record that refers
    to an entity it does not hold or whose ids are too long for a key index.
    """
    plan = RecordPlan()
    sentences: dict[str, SentenceRow] = {}
    entities: dict[str, dict[str, Any]] = {}
    relations: dict[tuple[str, str, str, bool], dict[str, Any]] = {}
    if resolution is not None:
        records = resolve_records(records, resolution)
    for record in records:
        meta = record.article
        article_id = record.id
        plan.articles.append(
            ArticleRow(
                id=article_id,
                title=meta.title,
                published_at=meta.published_at,
                source=meta.source,
                url=meta.url,
                content_sha256=meta.content_sha256,
                char_count=meta.char_count,
                extractor_version=meta.extractor_version,
            )
        )

        def evidence_of(evidence: Evidence, article_id: str = article_id) -> str:
            sid = f"{article_id}#{evidence.start}-{evidence.end}"
            if sid not in sentences:
                # model_construct: the values come from validated records
                sentences[sid] = SentenceRow.model_construct(
                    id=sid,
                    article_id=article_id,
                    text=evidence.sentence,
                    start=evidence.start,
                    end=evidence.end,
                )
            return sid

        known = {entity.id for entity in record.entities}
        _check_key_sizes(record, known)
        for entity in record.entities:
            aliases = sorted(set(entity.aliases) | {m.text for m in entity.mentions})
            combined = entities.setdefault(
                entity.id,
                {"id": entity.id, "name": entity.name, "types": set(), "aliases": set()},
            )
            combined.setdefault("attributes", {})
            combined["name"] = min(combined["name"], entity.name)
            combined["types"].add(entity.type.value)
            combined["aliases"].update(aliases)
            combined["attributes"].update(
                {
                    k: v
                    for k, v in sorted(entity.attributes.items())
                    if k and k not in RESERVED_PROPERTIES
                }
            )
            plan.mentions.append(
                MentionRow.model_construct(
                    article_id=article_id,
                    entity_id=entity.id,
                    name=entity.name,
                    type=entity.type.value,
                    aliases=aliases,
                    count=len(entity.mentions),
                    confidence=entity.confidence,
                    sentence_ids=sorted({evidence_of(m.evidence) for m in entity.mentions}),
                )
            )
        for relation in record.relations:
            _check_known(record, known, relation.source, relation.target)
            _add_relation(relations, relation, article_id, evidence_of(relation.evidence))
        for event in record.events:
            _check_known(
                record, known, *event.subjects, *([event.authority] if event.authority else [])
            )
        plan.reports += _reports(record, evidence_of)

    plan.sentences = list(sentences.values())
    for combined in entities.values():
        types = check_labels(combined["types"])
        plan.entities.append(
            EntityRow(
                id=combined["id"],
                name=combined["name"],
                types=types,
                type=types[0],
                aliases=sorted(combined["aliases"]),
                attributes=combined["attributes"],
            )
        )
    plan.entities.sort(key=lambda row: row.id)  # one lock order for concurrent writers
    for combined in relations.values():
        support = sorted(combined.pop("support").items())
        sentence_ids = sorted(combined.pop("sentences"))
        plan.relations.append(
            RelationRow(
                **combined,
                article_ids=[article for article, _ in support],
                confidences=[confidence for _, confidence in support],
                sentence_ids=sentence_ids,
            )
        )
    return plan


def _add_relation(
    relations: dict[tuple[str, str, str, bool], dict[str, Any]],
    relation: Relation,
    article_id: str,
    sentence_id: str,
) -> None:
    source, target = relation.source, relation.target
    if relation.type in _SYMMETRIC and target < source:
        source, target = target, source
    key = (check_relation_type(relation.type.value), source, target, relation.hedged)
    combined = relations.setdefault(
        key,
        {
            "type": key[0],
            "source": source,
            "target": target,
            "hedged": relation.hedged,
            "support": {},
            "sentences": set(),
            "extractor": relation.evidence.extractor,
        },
    )
    combined["support"][article_id] = max(
        combined["support"].get(article_id, 0.0), relation.confidence
    )
    combined["sentences"].add(sentence_id)


def _reports(record: ExtractionRecord, evidence_of: Callable[[Evidence], str]) -> list[EventReport]:
    """The record's event reports: one per key and period. An event naming several subjects
    reports the event of each, with the others as co-subjects."""
    published = record.article.published_at
    Group = tuple[str, date | None, EventPrecision | None]
    grouped: dict[Group, list[tuple[RiskEvent, str | None]]] = defaultdict(list)
    for event in record.events:
        if event.date is not None:
            when: date | None = event.date
            precision: EventPrecision | None = event.date_precision or "day"
        else:
            when, precision = published, "day" if published else None
        subjects: list[str | None] = [*sorted(set(event.subjects))]
        for subject in subjects or [None]:
            key = (
                subject_key(event.type.value, subject)
                if subject is not None
                else sector_key(event.type.value, event.sector)
            )
            grouped[(key, when, precision)].append((event, subject))
    reports = []
    for (key, when, precision), members in sorted(
        grouped.items(), key=lambda item: (item[0][0], _period(item[0][1], item[0][2]))
    ):
        events = [event for event, _ in members]
        subject = members[0][1]
        amounts = [e.amount_cny for e in events if e.amount_cny is not None]
        locations = sorted(e.location for e in events if e.location)
        stated = sorted(e.date for e in events if e.date)
        reports.append(
            EventReport(
                report_id=f"{record.id}\n{key}\n{_period(when, precision)}",
                article_id=record.id,
                key=key,
                type=events[0].type.value,
                subject=subject,
                co_subjects=tuple(sorted({s for e in events for s in e.subjects} - {subject})),
                sector=None if subject else events[0].sector,
                date=when,
                precision=precision,
                event_date=stated[0] if stated else None,
                published_at=published,
                amount_cny=max(amounts) if amounts else None,
                location=locations[0] if locations else None,
                authorities=tuple(sorted({e.authority for e in events if e.authority})),
                hedged=all(e.hedged for e in events),
                confidence=max(e.confidence for e in events),
                trigger=min((e.trigger for e in events if e.trigger), default=""),
                sentence_ids=tuple(sorted({evidence_of(e.evidence) for e in events})),
            )
        )
    return reports


def _period(when: date | None, precision: EventPrecision | None) -> str:
    return period_text(when, precision or "day") if when else "undated"


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


def merged_relations(
    relations: Mapping[str, Sequence[Sequence[Any]]],
    canonical: Callable[[str], str],
    gone: Iterable[str],
) -> list[RelationRow]:
    """The entity relationships of nodes being merged, rewritten between canonical ids.

    ``relations``: per node (the nodes that go and those they join) its relationships as the
    graph holds them, ``[type, source id, target id, properties]``; ``canonical`` maps an id
    to its canonical id; ``gone``: the ids of the nodes that go. Relationships that become
    one unite their support (the highest confidence per article); a relationship between two
    names of one entity says nothing and is dropped. Only rows touching a node that goes are
    returned (the others stand as they are).

    Example:
        >>> held = {"乙": [["OWNS", "甲", "乙", {"article_ids": ["a1"], "confidences": [0.8]}]]}
        >>> rows = merged_relations(held, lambda i: {"乙": "丙"}.get(i, i), ["乙"])
        >>> [(row.source, row.target, row.article_ids) for row in rows]
        [('甲', '丙', ['a1'])]
    """
    gone = set(gone)
    combined: dict[tuple[str, str, str, bool], dict[str, Any]] = {}
    for entity_id, held in sorted(relations.items()):
        for rel_type, source, target, props in held:
            source, target = canonical(source), canonical(target)
            if source == target:
                continue
            if RelationType(rel_type) in _SYMMETRIC and target < source:
                source, target = target, source
            key = (check_relation_type(rel_type), source, target, bool(props.get("hedged", False)))
            row = combined.setdefault(
                key,
                {
                    "support": {},
                    "sentence_ids": set(),
                    "extractor": props.get("extractor", ""),
                    "moved": False,
                },
            )
            row["moved"] |= entity_id in gone
            for article_id, confidence in zip(
                props.get("article_ids", []), props.get("confidences", []), strict=True
            ):
                row["support"][article_id] = max(row["support"].get(article_id, 0.0), confidence)
            row["sentence_ids"].update(props.get("sentence_ids", []))
    rows = []
    for (rel_type, source, target, hedged), row in sorted(combined.items()):
        if row["moved"]:
            support = sorted(row["support"].items())
            rows.append(
                RelationRow(
                    type=rel_type,
                    source=source,
                    target=target,
                    hedged=hedged,
                    article_ids=[a for a, _ in support],
                    confidences=[c for _, c in support],
                    sentence_ids=sorted(row["sentence_ids"]),
                    extractor=row["extractor"],
                )
            )
    return rows


def rename_report(report: EventReport, canonical: Callable[[str], str]) -> EventReport:
    """A report read from the graph with its entity ids resolved again (a merge renamed
    them): subject, co-subjects and authorities canonical, under its new key and id.

    Example: ``rename_report(report, lambda i: {"小资钱包": "资易贷"}.get(i, i))``
    """
    subject = canonical(report.subject) if report.subject is not None else None
    key = (
        subject_key(report.type, subject)
        if subject is not None
        else sector_key(report.type, report.sector)
    )
    return report.model_copy(
        update={
            "subject": subject,
            "co_subjects": tuple(sorted({canonical(s) for s in report.co_subjects} - {subject})),
            "authorities": tuple(sorted({canonical(a) for a in report.authorities})),
            "key": key,
            "report_id": f"{report.article_id}\n{key}\n{_period(report.date, report.precision)}",
        }
    )


def join_reports(one: EventReport, other: EventReport) -> EventReport:
    """One article's two reports that a merge made one (same key and period), combined by
    the rules an article's reports of one key and period are combined by when planned."""
    amounts = [r.amount_cny for r in (one, other) if r.amount_cny is not None]
    locations = sorted(r.location for r in (one, other) if r.location)
    event_dates = sorted(r.event_date for r in (one, other) if r.event_date)
    triggers = [r.trigger for r in (one, other) if r.trigger]
    return one.model_copy(
        update={
            "co_subjects": tuple(sorted({*one.co_subjects, *other.co_subjects})),
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


class EventReach(_Row):
    """Which events a change can reach, for ``read_event_reports``:

    - ``windows``: ``{key, from, to}``, events of the key whose span meets [from, to];
    - ``keys``: of each, the undated event, and the latest dated event not in ``event_ids``
      when it holds undated reports (a new later event takes them over);
    - ``latest_keys``: of each, the latest dated event not in ``event_ids`` in any case (a new
      undated report joins it; a retraction may hand it the undated reports);
    - ``event_ids``: these events (they lost reports, or are new sector buckets).
    """

    windows: list[dict[str, Any]]
    keys: list[str]
    latest_keys: list[str]
    event_ids: list[str]
    bucket_locks: list[dict[str, str]] = Field(
        description="{id, key} of sector-level events to lock (and create) before reading"
    )


def event_reach(new_reports: Iterable[EventReport], retracted: Iterable[HeldEvent]) -> EventReach:
    """What the writer reads before :func:`plan_events`: farther events cannot join a
    cluster with a new report, and a cluster that loses a report can only split or hand its
    undated reports to the key's latest remaining event."""
    new_reports = list(new_reports)
    retracted = list(retracted)
    # A new sector-level event has no subject entity whose lock would order writers; the
    # event node (its id follows from key and bucket) is the lock instead.
    locks = sorted(
        {(event_id(r.key, sector_anchor(r)), r.key) for r in new_reports if r.subject is None}
    )
    spans: dict[str, list[date]] = defaultdict(list)
    for report in new_reports:
        if report.date is not None and report.date_end is not None:
            spans[report.key] += [report.date, report.date_end]
    return EventReach(
        windows=[
            {
                "key": key,
                "from": min(days) - EVENT_MERGE_WINDOW,
                "to": max(days) + EVENT_MERGE_WINDOW,
            }
            for key, days in sorted(spans.items())
        ],
        keys=sorted({r.key for r in new_reports} | {e.key for e in retracted}),
        latest_keys=sorted(
            {r.key for r in new_reports if r.date is None and r.subject is not None}
            | {e.key for e in retracted}
        ),
        event_ids=sorted({e.id for e in retracted} | {i for i, _ in locks}),
        bucket_locks=[{"id": i, "key": k} for i, k in locks],
    )


class HeldEvent(_Row):
    """A risk event as the graph holds it: id, key and the reports it has now."""

    id: str
    key: str
    reports: list[EventReport] = []


class EventRow(_Row):
    """One risk event to write (``write_events``): its properties, recomputed from all of its
    reports, and the changes to its relationships."""

    id: str
    properties: dict[str, Any]
    reports: list[dict[str, Any]]
    gone_report_ids: list[str]
    new_sentence_ids: list[str]
    gone_sentence_ids: list[str]
    links: list[dict[str, Any]]


class EventPlan(_Row):
    """What a change does to the risk events it reaches."""

    gone: list[str] = Field(description="Ids of events no report supports any more")
    rows: list[EventRow] = Field(description="Events whose reports changed")
    subjects: list[str] = Field(description="Entities whose lifecycle chains to re-link")


def plan_events(
    held: Iterable[HeldEvent], new_reports: Iterable[EventReport], retracted_from: Iterable[str]
) -> EventPlan:
    """Resolve the events a change reaches: ``held`` as the graph has them (reports of
    retracted articles already gone), ``new_reports`` joining, ``retracted_from`` the ids of
    events that lost reports.

    Example:
        >>> plan_events([], [], []).rows
        []
    """
    held = list(held)
    new_reports = list(new_reports)
    retracted = set(retracted_from)
    held_ids = {event.id: {r.report_id for r in event.reports} for event in held}
    held_keys = {event.id: event.key for event in held}
    known = {r.report_id: r for event in held for r in event.reports}
    new_ids = {r.report_id for r in new_reports}
    reports = dict(known)
    reports.update({r.report_id: r for r in new_reports})
    wanted = cluster_reports(reports.values())
    gone = sorted(set(held_ids) - set(wanted))
    changed = {
        eid: group
        for eid, group in wanted.items()
        if eid in retracted
        or held_ids.get(eid) != {r.report_id for r in group}
        or any(r.report_id in new_ids for r in group)
    }
    subjects = {s for eid in gone if (s := _key_subject(held_keys[eid])) is not None}
    subjects |= {s for group in changed.values() if (s := group[0].subject) is not None}
    return EventPlan(
        gone=gone,
        rows=[
            _event_row(eid, group, held_ids.get(eid, set()) - new_ids, known)
            for eid, group in sorted(changed.items())
        ],
        subjects=sorted(subjects),
    )


def _key_subject(key: str) -> str | None:
    subject: str | None = json.loads(key)[1]
    return subject


def _event_row(
    eid: str, reports: list[EventReport], linked: set[str], known: dict[str, EventReport]
) -> EventRow:
    """The stored event: properties from all of its reports, and the changes to its
    relationships.

    ``linked``: ids of reports whose ``REPORTS`` to this event exist unchanged. Only the
    other reports are sent, and only the links of reports that left (``known`` has the
    reports read from the graph), so a big event costs what changed, not its size.

    The date shown is the earliest of the reports of the finest precision present (a day
    beats a month, a month a year); ``span_from`` / ``span_to`` are the first and last day
    any report covers, which decide what a new report can reach.
    """
    first = reports[0]
    kept = {r.report_id for r in reports}
    dated = [r for r in reports if r.date is not None]
    published = [d for r in reports if (d := r.published_at or r.date) is not None]
    with_amount = [r for r in reports if r.amount_cny is not None]
    latest_amount = max(
        with_amount,
        key=lambda r: (r.published_at or r.date or date.min, r.amount_cny),
        default=None,
    )
    locations = Counter(r.location for r in reports if r.location)
    location = min(locations, key=lambda loc: (-locations[loc], loc)) if locations else None
    shown = _shown_date(dated)
    co_subjects = sorted({s for r in reports for s in r.co_subjects} - {first.subject})
    label = first.subject or first.sector or "(no subject)"
    properties = {
        "id": eid,
        "key": first.key,
        "type": first.type,
        "name": f"{label} {first.type} {shown[2] if shown else ''}".strip(),
        "subject": first.subject,
        "co_subjects": co_subjects,
        "sector": first.sector,
        "caption": event_caption(
            first.type, shown[0] if shown else None, shown[1] if shown else None
        ),
        "date": shown[0] if shown else None,
        "date_precision": shown[1] if shown else None,
        "date_text": shown[2] if shown else None,
        "date_until": period_end(shown[0], shown[1]) if shown else None,
        "span_from": min(r.date for r in dated if r.date) if dated else None,
        "span_to": max(r.date_end for r in dated if r.date_end) if dated else None,
        "amount_cny": latest_amount.amount_cny if latest_amount else None,
        "location": location,
        "first_reported": min(published) if published else None,
        "last_reported": max(published) if published else None,
        "mention_count": len({r.article_id for r in reports}),
        "undated_reports": len(reports) - len(dated),
        "hedged": all(r.hedged for r in reports),
        "confidence": max(r.confidence for r in reports),
        "triggers": sorted({r.trigger for r in reports if r.trigger}),
    }
    links: list[dict[str, Any]] = []
    for link_type, ids_of in (
        ("SUBJECT_OF", lambda r: [r.subject] if r.subject else []),
        ("ACTED_IN", lambda r: list(r.authorities)),
    ):
        supporters: dict[str, set[str]] = defaultdict(set)
        for report in reports:
            for entity_id in ids_of(report):
                supporters[entity_id].add(report.article_id)
        links += [
            {"type": link_type, "entity_id": entity_id, "article_ids": sorted(articles)}
            for entity_id, articles in sorted(supporters.items())
        ]
    return EventRow(
        id=eid,
        properties={k: v for k, v in properties.items() if v is not None},
        gone_report_ids=sorted(linked - kept),
        reports=[
            {"report_id": r.report_id, "article_id": r.article_id, "properties": r.stored()}
            for r in reports
            if r.report_id not in linked
        ],
        new_sentence_ids=sorted(
            {s for r in reports if r.report_id not in linked for s in r.sentence_ids}
        ),
        gone_sentence_ids=sorted(
            {s for gone in linked - kept if gone in known for s in known[gone].sentence_ids}
            - {s for r in reports for s in r.sentence_ids}
        ),
        links=links,
    )


_RANK = {"day": 0, "month": 1, "year": 2}


def _shown_date(dated: list[EventReport]) -> tuple[date, EventPrecision, str] | None:
    if not dated:
        return None
    best = min(dated, key=lambda r: (_RANK[r.precision or "day"], r.date))
    assert best.date is not None
    precision: EventPrecision = best.precision or "day"
    return best.date, precision, period_text(best.date, precision)
