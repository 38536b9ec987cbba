"""Graph-level evaluation: what an analyst sees after ingest, scored against the gold of all
articles at once (``../shared/data/gold_dev``).

The gold of every article is merged into one *union*: gold entities whose surface forms
(name and aliases, normalised as the gold scorer does) meet are one real entity, relations
and (event type, subject) pairs are the distinct ones over all articles. The graph's
distinct entity nodes, entity relationships and (type, subject) pairs of its risk events
are scored against it, each gold item matched at most once, so a second node of one real
entity (or a second relationship, a second pair through it) is a false positive:

- entities (typed): nodes aligned greedily one to one with union entities whose forms meet
  and whose type is the node's; an unaligned node is a false positive unless it names an
  optional gold entity;
- relations: a relationship (type, source, target, hedged or not counted once) is a true
  positive when a not yet matched gold relation has its type and endpoints whose forms meet
  (either direction for PARTNERS_WITH and COMPETES_WITH);
- event pairs: (type, subject node) of every ``SUBJECT_OF`` edge, the subject mapped to the
  union entity its forms meet; ``events_per_pair`` is the number of ``RiskEvent`` nodes per
  matched gold pair (1.0 when each real event is one node), ``events_per_node_pair`` the
  number per (type, subject node), which leaves out duplicate entity nodes.

Nodes of a type outside the eight entity types (a sector, say) are not scored either way.

Example:
    >>> gold = load_gold(Path("../shared/data/gold_dev"))  # doctest: +SKIP
    >>> score_graph(driver, "neo4j", gold).entities.f1  # doctest: +SKIP
    0.98
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import neo4j
from pydantic import BaseModel, ConfigDict

from fintech_kg.evaluation.scores import Score
from fintech_kg.models import (
    Article,
    Entity,
    Evidence,
    ExtractionRecord,
    Mention,
    Relation,
    RiskEvent,
)
from fintech_kg.vocabulary import EntityType, EventType, RelationType

__all__ = [
    "GoldArticle",
    "GraphScores",
    "close_event_pairs",
    "gold_records",
    "load_gold",
    "score_graph",
]

_PUNCT = str.maketrans("", "", " \t\u3000“”\"'《》「」『』")
_SYMMETRIC = {"PARTNERS_WITH", "COMPETES_WITH"}
_SCORED_TYPES = {t.value for t in EntityType}


def _norm(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").translate(_PUNCT).lower()


class GoldArticle(BaseModel):
    """One line of ``gold.jsonl``: what the article states, annotated by hand."""

    model_config = ConfigDict(extra="ignore")

    id: str
    entities: list[dict[str, Any]]
    relations: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []


def load_gold(folder: Path) -> list[GoldArticle]:
    """The gold of ``folder/gold.jsonl``, in file order."""
    path = folder / "gold.jsonl"
    return [
        GoldArticle.model_validate_json(line)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


class _Union:
    """The gold of all articles as one: real entities, relations and event pairs."""

    def __init__(self, gold: list[GoldArticle]) -> None:
        forms: list[set[str]] = []
        types: list[Counter[str]] = []
        required: list[bool] = []
        by_form: dict[str, int] = {}
        parent: list[int] = []

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        local: list[dict[str, int]] = []
        for article in gold:
            names: dict[str, int] = {}
            for entity in article.entities:
                index = len(forms)
                surface = {_norm(entity["name"])} | {_norm(a) for a in entity.get("aliases") or []}
                surface.discard("")
                forms.append(surface)
                types.append(Counter([entity["type"]]))
                required.append(not entity.get("optional"))
                parent.append(index)
                for form in surface:
                    if form in by_form:
                        parent[find(index)] = find(by_form[form])
                    else:
                        by_form[form] = index
                names[entity["name"]] = index
            local.append(names)
        roots = sorted({find(i) for i in range(len(forms))})
        slot = {root: n for n, root in enumerate(roots)}
        self.forms: list[set[str]] = [set() for _ in roots]
        kinds: list[Counter[str]] = [Counter() for _ in roots]
        self.required = [False] * len(roots)
        for i in range(len(forms)):
            j = slot[find(i)]
            self.forms[j] |= forms[i]
            kinds[j] += types[i]
            self.required[j] = self.required[j] or required[i]
        self.types = [min(k, key=lambda t: (-k[t], t)) for k in kinds]
        self.by_form = {form: slot[find(i)] for form, i in by_form.items()}
        self.relations: set[tuple[str, int, int]] = set()
        self.pairs: set[tuple[str, int]] = set()
        for article, names in zip(gold, local, strict=True):

            def union_of(name: str, names: dict[str, int] = names) -> int | None:
                return slot[find(names[name])] if name in names else None

            for relation in article.relations:
                source, target = union_of(relation["source"]), union_of(relation["target"])
                if source is not None and target is not None:
                    self.relations.add((relation["type"], source, target))
            for event in article.events:
                for subject in event.get("subjects") or []:
                    if (real := union_of(subject)) is not None:
                        self.pairs.add((event["type"], real))

    def meeting(self, forms: set[str]) -> list[int]:
        """Union entities whose forms meet ``forms``, in index order."""
        return sorted({self.by_form[f] for f in forms if f in self.by_form})


class GraphScores(BaseModel):
    """Graph-level figures (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")

    entities: Score
    relations: Score
    event_pairs: Score
    events_per_pair: float
    events_per_node_pair: float
    risk_events: int

    def lines(self) -> list[str]:
        """The figures as printable lines."""
        return [
            *(
                f"{s.name}: P {s.precision or 0.0:.3f} R {s.recall:.3f} F1 {s.f1 or 0.0:.3f}"
                f" (tp {s.tp}, fp {s.fp}, fn {s.fn})"
                for s in (self.entities, self.relations, self.event_pairs)
            ),
            f"RiskEvent nodes per matched (type, subject): {self.events_per_pair:.3f}"
            f" ({self.risk_events} RiskEvent nodes in all)",
            f"RiskEvent nodes per (type, subject node): {self.events_per_node_pair:.3f}"
            " (above 1: one subject node with several events of a type)",
        ]


def _read(driver: neo4j.Driver, database: str, cypher: str) -> list[dict[str, Any]]:
    # A graph written by an older writer lacks some properties: no warnings about them.
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        return [record.data() for record in session.run(cypher)]


def score_graph(driver: neo4j.Driver, database: str, gold: list[GoldArticle]) -> GraphScores:
    """Score the graph in ``database`` against the union of ``gold``."""
    union = _Union(gold)
    nodes = _read(
        driver,
        database,
        "MATCH (e:Entity) RETURN e.id AS id, e.type AS type, e.name AS name,"
        " coalesce(e.aliases, []) AS aliases ORDER BY e.id",
    )
    scored = {n["id"]: n for n in nodes if n["type"] in _SCORED_TYPES}
    node_forms = {
        i: {_norm(n["name"])} | {_norm(a) for a in n["aliases"]} - {""} for i, n in scored.items()
    }

    entity_fp = 0
    aligned: dict[str, int] = {}
    for node_id, forms in node_forms.items():
        match = next(
            (
                j
                for j in union.meeting(forms)
                if j not in aligned.values() and union.types[j] == scored[node_id]["type"]
            ),
            None,
        )
        if match is not None:
            aligned[node_id] = match
        elif not any(not union.required[j] for j in union.meeting(forms)):
            entity_fp += 1
    entity_tp = sum(1 for j in aligned.values() if union.required[j])
    entities = Score(
        name="graph entity (typed)",
        tp=entity_tp,
        fp=entity_fp,
        fn=sum(union.required) - entity_tp,
    )

    relation_fp = 0
    edges = _read(
        driver,
        database,
        "MATCH (s:Entity)-[r]->(t:Entity) RETURN DISTINCT type(r) AS type, s.id AS source,"
        " t.id AS target ORDER BY type, source, target",
    )
    matched: set[tuple[str, int, int]] = set()
    for edge in edges:
        if edge["source"] not in scored or edge["target"] not in scored:
            continue
        sources = set(union.meeting(node_forms[edge["source"]]))
        targets = set(union.meeting(node_forms[edge["target"]]))
        hit = next(
            (
                rel
                for rel in sorted(union.relations - matched)
                if rel[0] == edge["type"]
                and (
                    (rel[1] in sources and rel[2] in targets)
                    or (rel[0] in _SYMMETRIC and rel[1] in targets and rel[2] in sources)
                )
            ),
            None,
        )
        if hit is None:
            relation_fp += 1
        else:
            matched.add(hit)
    relations = Score(
        name="graph relation",
        tp=len(matched),
        fp=relation_fp,
        fn=len(union.relations) - len(matched),
    )

    pair_fp = 0
    links = _read(
        driver,
        database,
        "MATCH (x:Entity)-[:SUBJECT_OF]->(e:RiskEvent) RETURN e.type AS type, x.id AS subject,"
        " e.id AS event ORDER BY type, subject, event",
    )
    events_of: dict[tuple[str, int], set[str]] = {}
    seen: set[tuple[str, str]] = set()
    found: set[tuple[str, int]] = set()
    for link in links:
        if link["subject"] not in scored:
            continue
        if link["subject"] in aligned:
            j: int | None = aligned[link["subject"]]
        else:
            j = next(iter(union.meeting(node_forms[link["subject"]])), None)
        if j is not None and (link["type"], j) in union.pairs:
            events_of.setdefault((link["type"], j), set()).add(link["event"])
        if (link["type"], link["subject"]) in seen:
            continue
        seen.add((link["type"], link["subject"]))
        if j is None or (link["type"], j) not in union.pairs or (link["type"], j) in found:
            pair_fp += 1
        else:
            found.add((link["type"], j))
    pairs = Score(
        name="graph event pair (type, subject)",
        tp=len(found),
        fp=pair_fp,
        fn=len(union.pairs) - len(found),
    )
    total = _read(driver, database, "MATCH (e:RiskEvent) RETURN count(e) AS n")[0]["n"]
    return GraphScores(
        entities=entities,
        relations=relations,
        event_pairs=pairs,
        events_per_pair=(
            sum(len(ids) for ids in events_of.values()) / len(events_of) if events_of else 0.0
        ),
        events_per_node_pair=len({(x["type"], x["subject"], x["event"]) for x in links})
        / max(len({(x["type"], x["subject"]) for x in links}), 1),
        risk_events=total,
    )


def close_event_pairs(
    driver: neo4j.Driver, database: str, window: timedelta = timedelta(days=30)
) -> int:
    """How many (type, subject) have two dated events less than ``window`` apart: events the
    identity rules should have merged. Works on any graph with ``SUBJECT_OF`` and dates (an
    event's span is ``span_from``..``span_to`` where stored, else ``date``..``date_to``)."""
    rows = _read(
        driver,
        database,
        "MATCH (x:Entity)-[:SUBJECT_OF]->(e:RiskEvent) WHERE e.date IS NOT NULL"
        " RETURN e.type AS type, x.id AS subject, coalesce(e.span_from, e.date) AS start,"
        " coalesce(e.span_to, e.date_to, e.date) AS end",
    )
    spans: dict[tuple[str, str], list[tuple[date, date]]] = {}
    for row in rows:
        spans.setdefault((row["type"], row["subject"]), []).append(
            (row["start"].to_native(), row["end"].to_native())
        )
    close = 0
    for periods in spans.values():
        periods.sort()
        if any(b[0] - a[1] < window for a, b in itertools.pairwise(periods)):
            close += 1
    return close


def _sentence_around(text: str, at: int) -> tuple[int, int]:
    """The sentence of ``text`` holding offset ``at`` (ended by 。！？ or a line break)."""
    start = max((m.end() for m in re.finditer(r"[。！？\n]", text[:at])), default=0)
    end_match = re.compile(r"[。！？\n]").search(text, at)
    return start, end_match.end() if end_match else len(text)


def gold_records(articles: Iterable[Article], gold: list[GoldArticle]) -> list[ExtractionRecord]:
    """The gold as extraction records, as if extracted perfectly: every gold entity (id and
    name its gold name, mentioned wherever a form of it occurs), relation and event of each
    article; ``articles`` give the text and metadata (matched by id)."""
    by_id = {g.id: g for g in gold}
    records = []
    for article in articles:
        annotated = by_id.get(article.meta.id)
        if annotated is None:
            continue
        text = article.text

        def evidence(at: int, extractor: str, text: str = text) -> Evidence:
            start, end = _sentence_around(text, at)
            return Evidence(
                sentence=text[start:end],
                start=start,
                end=end,
                extractor=extractor,
                extractor_version="gold",
                confidence=1.0,
            )

        first_at: dict[str, int] = {}
        entities = []
        for entity in annotated.entities:
            if entity["name"] in first_at:
                continue
            mentions = []
            for form in sorted({entity["name"], *(entity.get("aliases") or [])}):
                for match in re.finditer(re.escape(form), text):
                    mentions.append(
                        Mention(
                            text=form,
                            start=match.start(),
                            end=match.end(),
                            evidence=evidence(match.start(), "gold"),
                        )
                    )
            first_at[entity["name"]] = min((m.start for m in mentions), default=0)
            entities.append(
                Entity(
                    id=entity["name"],
                    name=entity["name"],
                    type=EntityType(entity["type"]),
                    aliases=sorted(set(entity.get("aliases") or []) - {entity["name"]}),
                    confidence=1.0,
                    mentions=mentions,
                )
            )
        relations = [
            Relation(
                type=RelationType(relation["type"]),
                source=relation["source"],
                target=relation["target"],
                confidence=1.0,
                evidence=evidence(first_at.get(relation["target"], 0), "gold"),
            )
            for relation in annotated.relations
            if relation["source"] in first_at and relation["target"] in first_at
        ]
        events = []
        for number, event in enumerate(annotated.events):
            subjects = [s for s in event.get("subjects") or [] if s in first_at]
            day, precision = _gold_date(event.get("date"))
            events.append(
                RiskEvent(
                    id=f"{article.meta.id}-gold-{number}",
                    type=EventType(event["type"]),
                    subjects=subjects,
                    sector=None if subjects else event.get("sector") or "unknown",
                    authority=event.get("authority")
                    if event.get("authority") in first_at
                    else None,
                    date=day,
                    date_precision=precision,
                    amount_cny=event.get("amount_cny"),
                    confidence=1.0,
                    evidence=evidence(first_at.get(subjects[0], 0) if subjects else 0, "gold"),
                )
            )
        records.append(
            ExtractionRecord(
                id=article.meta.id,
                article=article.meta.model_copy(update={"extractor_version": "gold"}),
                entities=entities,
                relations=relations,
                events=events,
            )
        )
    return records


def _gold_date(text: str | None) -> tuple[date | None, Any]:
    if not text:
        return None, None
    if len(text) == 4:
        return date(int(text), 1, 1), "year"
    if len(text) == 7:
        return date(int(text[:4]), int(text[5:7]), 1), "month"
    return date.fromisoformat(text), "day"
