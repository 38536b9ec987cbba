"""Which reports are one risk event, and why: the event identity rules, pure and order-free.

An article's statement of a risk event is a :class:`EventReport`. Reports merge under a
*key*: the event type and **one** subject (a report naming 团贷网 and 厦门银行 is a report of
the event of each, and each keeps the other as a co-subject), or, for a sector-level event
with no subject, the type and the sector. Within a key:

- a report's date is a *period*: the event date the article gives at its precision (a day,
  a month "2018年6月", a year "2018年"), else the article's publication day;
- subject events: reports whose periods come within :data:`EVENT_MERGE_WINDOW` (30 days) of
  each other form one event (single-linkage over periods, so dates compare at the coarser
  precision: "2018年6月" touches 2018-06-15, "2018年" touches every day of 2018); a gap above
  the window starts a new event;
- sector-level events: one event per sector and calendar month (a year-level report: per
  year);
- undated reports (no event date, no publication date) join the key's latest dated event;
  only a key without dated reports has an undated event.

Each event is a function of the *set* of reports of its key and its id a hash of key and
anchor (the first day its reports cover), so the graph ends the same whatever the order of
ingest, batches, retries and retractions.

Example:
    >>> from datetime import date
    >>> def report(article: str, day: date) -> EventReport:
    ...     return EventReport(report_id=article, article_id=article, key=subject_key(
    ...         "OVERDUE", "某贷"), type="OVERDUE", subject="某贷", date=day, precision="day")
    >>> clusters = cluster_reports([report("a", date(2019, 1, 1)), report("b", date(2019, 1, 20)),
    ...                             report("c", date(2019, 5, 1))])
    >>> sorted(len(group) for group in clusters.values())
    [1, 2]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict

from fintech_kg.dates import EventPrecision, period_end, period_text

__all__ = [
    "EVENT_MERGE_WINDOW",
    "EventReport",
    "cluster_reports",
    "event_id",
    "sector_anchor",
    "sector_key",
    "subject_key",
]

EVENT_MERGE_WINDOW = timedelta(days=30)
"""Reports of one key whose periods are at most this far apart describe one event."""


def subject_key(event_type: str, subject: str) -> str:
    """The merge key of the reports of one type about one subject.

    Example: ``subject_key("FRAUD", "某贷")`` -> ``'["FRAUD", "某贷", null]'``
    """
    return json.dumps([event_type, subject, None], ensure_ascii=False)


def sector_key(event_type: str, sector: str | None) -> str:
    """The merge key of sector-level reports (no subject) of one type and sector.

    Example: ``sector_key("REGULATORY_ACTION", "P2P")`` -> ``'["REGULATORY_ACTION", null, "P2P"]'``
    """
    return json.dumps([event_type, None, sector], ensure_ascii=False)


class EventReport(BaseModel):
    """One article's report of one key's risk event, as stored on its ``REPORTS`` relationship.

    ``date`` is the first day of the report's period and ``precision`` its length (None for
    an undated report); ``event_date`` is set when the article gave the date itself (not its
    publication date). ``co_subjects`` are the other subjects the article named with it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    report_id: str
    article_id: str
    key: str
    type: str
    subject: str | None = None
    co_subjects: tuple[str, ...] = ()
    sector: str | None = None
    date: dt.date | None = None
    precision: EventPrecision | None = None
    event_date: dt.date | None = None
    published_at: dt.date | None = None
    amount_cny: float | None = None
    location: str | None = None
    authorities: tuple[str, ...] = ()
    hedged: bool = False
    confidence: float = 1.0
    trigger: str = ""
    sentence_ids: tuple[str, ...] = ()

    @property
    def date_end(self) -> dt.date | None:
        """The last day of the report's period."""
        if self.date is None:
            return None
        return period_end(self.date, self.precision or "day")

    def stored(self) -> dict[str, Any]:
        """Properties of the ``REPORTS`` relationship (no nulls: Neo4j does not store them)."""
        props = {
            "report_id": self.report_id,
            "date": self.date,
            "precision": self.precision,
            "event_date": self.event_date,
            "amount_cny": self.amount_cny,
            "location": self.location,
            "hedged": self.hedged,
            "confidence": self.confidence,
            "trigger": self.trigger,
            "authorities": list(self.authorities),
            "co_subjects": list(self.co_subjects),
            "sentence_ids": list(self.sentence_ids),
        }
        return {k: v for k, v in props.items() if v is not None}

    @classmethod
    def from_stored(
        cls, key: str, article_id: str, published_at: dt.date | None, props: dict[str, Any]
    ) -> EventReport:
        """Rebuild a report from its ``REPORTS`` properties (dates already Python dates) and
        its event's key. The writer stored them itself, so they are not validated again (a
        big event is read back on every change)."""
        event_type, subject, sector = json.loads(key)
        return cls.model_construct(
            report_id=props["report_id"],
            article_id=article_id,
            key=key,
            type=event_type,
            subject=subject,
            co_subjects=tuple(props.get("co_subjects", ())),
            sector=sector,
            date=props.get("date"),
            precision=props.get("precision", "day" if props.get("date") else None),
            event_date=props.get("event_date"),
            published_at=published_at,
            amount_cny=props.get("amount_cny"),
            location=props.get("location"),
            authorities=tuple(props.get("authorities", ())),
            hedged=props["hedged"],
            confidence=props["confidence"],
            trigger=props.get("trigger", ""),
            sentence_ids=tuple(props.get("sentence_ids", ())),
        )


def event_id(key: str, anchor: str) -> str:
    """The id of a key's event anchored at ``anchor`` (first day, sector bucket or "undated")."""
    event_type = json.loads(key)[0]
    digest = hashlib.sha256(f"{key}\n{anchor}".encode()).hexdigest()[:16]
    return f"{event_type}-{digest}"


def sector_anchor(report: EventReport) -> str:
    """The bucket of a sector-level report: its month ('2019-03'), its year for a year-level
    date ('2018'), or 'undated'."""
    if report.date is None:
        return "undated"
    return period_text(report.date, "year" if report.precision == "year" else "month")


def cluster_reports(reports: Iterable[EventReport]) -> dict[str, list[EventReport]]:
    """Group reports into events by the rules of this module: ``{event id: reports}``, each
    list sorted by (date, report id) with undated reports last; independent of input order.
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
        if json.loads(key)[1] is None:
            clusters.update(_sector_buckets(key, dated))
            if undated:
                clusters[event_id(key, "undated")] = undated
            continue
        linked = _linked(dated)
        if linked and undated:
            linked[-1] += undated
        elif undated:
            linked = [undated]
        for cluster in linked:
            first = cluster[0].date
            clusters[event_id(key, first.isoformat() if first else "undated")] = cluster
    return clusters


def _linked(dated: list[EventReport]) -> list[list[EventReport]]:
    """Single-linkage over periods sorted by first day: a report joins the running cluster
    while its period starts at most the window after the latest day the cluster covers."""
    clusters: list[list[EventReport]] = []
    covered_to = date.min
    for report in dated:
        assert report.date is not None and report.date_end is not None
        if clusters and report.date - covered_to <= EVENT_MERGE_WINDOW:
            clusters[-1].append(report)
        else:
            clusters.append([report])
            covered_to = report.date_end
        covered_to = max(covered_to, report.date_end)
    return clusters


def _sector_buckets(key: str, dated: list[EventReport]) -> dict[str, list[EventReport]]:
    buckets: dict[str, list[EventReport]] = defaultdict(list)
    for report in dated:
        buckets[event_id(key, sector_anchor(report))].append(report)
    return dict(buckets)
