"""Score extraction records against full-schema gold exactly as ``gold_dev/README.md`` says.

Each article's comparison is a list of :class:`Finding` values, one per true positive, false
positive and miss of each measure, so the same object gives the figures (by counting) and the
development view (each article's misses and false positives). The measures:

- ``entity span`` / ``entity typed``: predicted entities aligned greedily, one to one, to the
  required gold entities whose surface forms they share (typed: and whose type they have);
  an unaligned prediction is a false positive unless it names an optional gold entity;
- ``relation``: (type, source, target) matched by surface forms, either direction for
  PARTNERS_WITH and COMPETES_WITH, each gold relation matched once;
- ``event subject`` / ``event typed``: the set of (type, gold entity) pairs of event subjects;
  a predicted subject that names no gold entity is a false positive.

Predicted entities of a type outside the eight, and relations and subjects that involve them,
are not scored. Surface forms are compared after :func:`gold_form`.

Example::

    >>> from fintech_kg.evaluation.gold_dev import GoldArticle, GoldEntity
    >>> gold = GoldArticle(id="a", entities=[GoldEntity(name="甲贷", type="P2PPlatform")])
    >>> [f.outcome for f in compare_article(gold, None).findings if f.measure == "entity typed"]
    ['fn']
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from fintech_kg.evaluation.gold_dev import GoldArticle, GoldEntity
from fintech_kg.evaluation.scores import EvaluationReport, Score
from fintech_kg.models import Entity, ExtractionRecord
from fintech_kg.vocabulary import EntityType, RelationType

__all__ = [
    "MEASURES",
    "ArticleComparison",
    "Finding",
    "compare_article",
    "format_findings",
    "gold_dev_report",
    "gold_form",
]

Measure = Literal["entity span", "entity typed", "relation", "event subject", "event typed"]
Outcome = Literal["tp", "fp", "fn"]

MEASURES: tuple[Measure, ...] = (
    "entity span",
    "entity typed",
    "relation",
    "event subject",
    "event typed",
)
BY_TYPE: tuple[Measure, ...] = ("entity typed", "relation", "event typed")
"""Measures also reported per entity, relation or event type."""

SCORED_ENTITY_TYPES = frozenset(t.value for t in EntityType) - {
    EntityType.SECTOR.value,
    EntityType.COLLECTIVE.value,
}
"""The eight types gold_dev annotates; a Sector or a Collective (and what involves it) is not
scored."""
SYMMETRIC = frozenset({RelationType.PARTNERS_WITH.value, RelationType.COMPETES_WITH.value})
_STRIPPED = str.maketrans("", "", " \t\u3000“”\"'《》「」『』")
_NONE: frozenset[str] = frozenset()


class Finding(BaseModel):
    """One true positive (tp), false positive (fp) or miss (fn) of one measure.

    ``type`` is the entity, relation or event type it counts under ("" for event subject);
    ``what`` says what it is, for a reader ("OWNS 甲集团 -> 乙贷").
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    measure: Measure
    outcome: Outcome
    type: str
    what: str


class ArticleComparison(BaseModel):
    """Every finding of one article."""

    model_config = ConfigDict(extra="forbid")

    id: str
    findings: list[Finding]


def gold_form(text: str) -> str:
    """A surface form as compared: NFKC, without spaces and quotes, lower-cased.

    >>> gold_form("《ＡＢＣ 金服》")
    'abc金服'
    """
    return unicodedata.normalize("NFKC", text).translate(_STRIPPED).lower()


def _predicted_forms(entity: Entity) -> frozenset[str]:
    forms = {entity.name, *entity.aliases, *(m.text for m in entity.mentions)}
    return frozenset(f for f in map(gold_form, forms) if f)


def _gold_forms(entity: GoldEntity) -> frozenset[str]:
    return frozenset(map(gold_form, [entity.name, *entity.aliases]))


def compare_article(gold: GoldArticle, record: ExtractionRecord | None) -> ArticleComparison:
    """The findings of ``record`` (None: nothing predicted) against ``gold``."""
    all_entities = record.entities if record is not None else []
    entities = [e for e in all_entities if e.type.value in SCORED_ENTITY_TYPES]
    forms = {e.id: _predicted_forms(e) for e in entities}
    names = {e.id: e.name for e in entities}
    unscored = {e.id for e in all_entities} - set(forms)
    findings = _entity_findings(gold, entities, forms)
    if record is not None:
        relations = [
            r for r in record.relations if r.source not in unscored and r.target not in unscored
        ]
        subjects = [
            (event.type.value, subject)
            for event in record.events
            for subject in event.subjects
            if subject not in unscored
        ]
    else:
        relations, subjects = [], []
    by_name = {g.name: _gold_forms(g) for g in gold.entities}
    gold_relations = [
        (r.type, by_name.get(r.source, _NONE), by_name.get(r.target, _NONE), r)
        for r in gold.relations
    ]
    matched: set[int] = set()
    for relation in relations:
        kind = relation.type.value
        source = forms.get(relation.source, _NONE)
        target = forms.get(relation.target, _NONE)
        found = next(
            (
                j
                for j, (gold_kind, gold_source, gold_target, _) in enumerate(gold_relations)
                if j not in matched
                and gold_kind == kind
                and (
                    (source & gold_source and target & gold_target)
                    or (kind in SYMMETRIC and source & gold_target and target & gold_source)
                )
            ),
            None,
        )
        what = (
            f"{kind} {names.get(relation.source, relation.source)}"
            f" -> {names.get(relation.target, relation.target)}"
        )
        if found is None:
            findings.append(Finding(measure="relation", outcome="fp", type=kind, what=what))
        else:
            matched.add(found)
            findings.append(Finding(measure="relation", outcome="tp", type=kind, what=what))
    findings.extend(
        Finding(
            measure="relation", outcome="fn", type=kind, what=f"{kind} {r.source} -> {r.target}"
        )
        for j, (kind, _, _, r) in enumerate(gold_relations)
        if j not in matched
    )
    findings.extend(_event_findings(gold, by_name, subjects, forms, names))
    return ArticleComparison(id=gold.id, findings=findings)


def _entity_findings(
    gold: GoldArticle, entities: list[Entity], forms: dict[str, frozenset[str]]
) -> list[Finding]:
    required = [g for g in gold.entities if not g.optional]
    optional = [_gold_forms(g) for g in gold.entities if g.optional]
    findings = []
    span_aligned: dict[int, int] = {}
    for measure, typed in (("entity span", False), ("entity typed", True)):
        aligned: dict[int, int] = {}
        for i, entity in enumerate(entities):
            for j, wanted in enumerate(required):
                if j in aligned.values() or not forms[entity.id] & _gold_forms(wanted):
                    continue
                if typed and entity.type.value != wanted.type:
                    continue
                aligned[i] = j
                break
        for i, entity in enumerate(entities):
            label = f"{entity.name} ({entity.type.value})"
            if i in aligned:
                wanted = required[aligned[i]]
                findings.append(
                    Finding(measure=measure, outcome="tp", type=wanted.type, what=label)
                )
            elif not any(forms[entity.id] & o for o in optional):
                findings.append(
                    Finding(measure=measure, outcome="fp", type=entity.type.value, what=label)
                )
        # A typed miss found under another type says so: the fix is the type, not the name.
        found_as = {
            j: entities[i].type.value
            for i, j in span_aligned.items()
            if entities[i].type.value != required[j].type
        }
        findings.extend(
            Finding(
                measure=measure,
                outcome="fn",
                type=g.type,
                what=f"{g.name} ({g.type}"
                + (f"; found as {found_as[j]})" if j in found_as else ")"),
            )
            for j, g in enumerate(required)
            if j not in aligned.values()
        )
        span_aligned = aligned
    return findings


def _event_findings(
    gold: GoldArticle,
    by_name: dict[str, frozenset[str]],
    subjects: list[tuple[str, str]],
    forms: dict[str, frozenset[str]],
    names: dict[str, str],
) -> list[Finding]:
    gold_names = [g.name for g in gold.entities]
    gold_forms = [by_name[n] for n in gold_names]
    wanted = {
        (event.type, gold_names.index(name))
        for event in gold.events
        for name in event.subjects
        if name in by_name
    }
    found: set[tuple[str, int]] = set()
    stray: dict[tuple[str, frozenset[str]], str] = {}
    for kind, subject in subjects:
        subject_forms = forms.get(subject, _NONE)
        j = next((j for j, g in enumerate(gold_forms) if subject_forms & g), None)
        if j is None:
            stray.setdefault((kind, subject_forms), names.get(subject, subject))
        else:
            found.add((kind, j))
    findings = []
    for kind, j in sorted(found | wanted):
        outcome: Outcome = (
            "tp" if (kind, j) in found & wanted else "fp" if (kind, j) in found else "fn"
        )
        findings.append(
            Finding(
                measure="event typed", outcome=outcome, type=kind, what=f"{kind} {gold_names[j]}"
            )
        )
    findings.extend(
        Finding(measure="event typed", outcome="fp", type=kind, what=f"{kind} {name}")
        for (kind, _), name in stray.items()
    )
    found_subjects = {j for _, j in found}
    wanted_subjects = {j for _, j in wanted}
    for j in sorted(found_subjects | wanted_subjects):
        outcome = (
            "tp" if j in found_subjects & wanted_subjects else "fp" if j in found_subjects else "fn"
        )
        findings.append(
            Finding(measure="event subject", outcome=outcome, type="", what=gold_names[j])
        )
    stray_subjects = {subject_forms: name for (_, subject_forms), name in stray.items()}
    findings.extend(
        Finding(measure="event subject", outcome="fp", type="", what=name)
        for name in stray_subjects.values()
    )
    return findings


def gold_dev_report(
    comparisons: Iterable[ArticleComparison], split: str, by_type: bool = True
) -> EvaluationReport:
    """Micro-averaged P/R/F1 of each measure over the articles, and per type when
    ``by_type`` (entity typed, relation and event typed)."""
    counts: Counter[tuple[str, str, str]] = Counter()
    items = 0
    for comparison in comparisons:
        items += 1
        for finding in comparison.findings:
            counts[finding.measure, "", finding.outcome] += 1
            if finding.measure in BY_TYPE:
                counts[finding.measure, finding.type, finding.outcome] += 1
    typed = {(measure, kind) for measure, kind, _ in counts if kind} if by_type else set()
    order = [(measure, "") for measure in MEASURES] + [
        (measure, kind)
        for measure in BY_TYPE
        for kind in sorted(k for m, k in typed if m == measure)
    ]
    scores = [
        Score(
            name=f"{measure} {kind}".strip(),
            tp=counts[measure, kind, "tp"],
            fp=counts[measure, kind, "fp"],
            fn=counts[measure, kind, "fn"],
        )
        for measure, kind in order
    ]
    return EvaluationReport(dataset="gold_dev", split=split, items=items, scores=scores)


def format_findings(comparisons: Iterable[ArticleComparison]) -> str:
    """Each article's misses (fn) and false positives (fp), one line each, by measure.

    >>> print(format_findings([ArticleComparison(id="a", findings=[
    ...     Finding(measure="relation", outcome="fn", type="OWNS", what="OWNS 甲 -> 乙")])]))
    == a
      relation       miss  OWNS 甲 -> 乙
    """
    lines = []
    for comparison in comparisons:
        errors = [f for f in comparison.findings if f.outcome != "tp"]
        if not errors:
            continue
        lines.append(f"== {comparison.id}")
        for measure in MEASURES:
            for outcome, label in (("fn", "miss"), ("fp", "false")):
                lines.extend(
                    f"  {measure:14} {label:5} {f.what}"
                    for f in errors
                    if f.measure == measure and f.outcome == outcome
                )
    return "\n".join(lines)
