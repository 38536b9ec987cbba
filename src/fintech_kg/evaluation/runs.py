"""Score extraction against the labelled sets: FinNSP, CCKS 2019 and FinRE.

The FinNSP and CCKS scorers take any ``extract`` callable (text -> ExtractionRecord), so
they run on the real pipeline and on hand-made records in tests alike. FinRE scores
:func:`~fintech_kg.extraction.relations.find_relations` alone: the two labelled entities
of each pair are injected as the candidate entities, as in the original task.

Example::

    >>> from fintech_kg.extraction import extract_text  # doctest: +SKIP
    >>> score_finnsp(load_finnsp(data_dir)[:100], extract_text).scores  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from fintech_kg.evaluation.datasets import (
    CCKS_IN_SCOPE,
    FINRE_LABELS,
    CcksText,
    FinnspText,
    FinrePair,
)
from fintech_kg.evaluation.scores import (
    EvaluationReport,
    Score,
    normalise,
    surface_forms,
)
from fintech_kg.extraction.events import find_events
from fintech_kg.extraction.evidence import make_evidence
from fintech_kg.extraction.relations import SYMMETRIC, find_relations
from fintech_kg.extraction.sentences import split_sentences
from fintech_kg.models import Entity, ExtractionRecord, Mention
from fintech_kg.vocabulary import EntityType, EventType, RelationType

__all__ = [
    "Extractor",
    "candidate_entities",
    "finnsp_input",
    "score_ccks",
    "score_finnsp",
    "score_finre",
]

Extractor = Callable[[str, str], ExtractionRecord]
"""(text, id) -> record; the pipeline's ``extract_text(text, id=...)`` wrapped."""

CCKS_EVENT_TYPES = frozenset().union(*CCKS_IN_SCOPE.values())
SCORED_RELATIONS = frozenset(FINRE_LABELS.values())


def finnsp_input(item: FinnspText) -> str:
    """The text to extract from: the body, with the title first when the body lacks it."""
    title = item.title.strip()
    if title and title not in item.text:
        return f"{title}\n{item.text}"
    return item.text


def _subject_forms(record: ExtractionRecord, types: frozenset[EventType] | None) -> list[set[str]]:
    """Surface forms of each entity that is the subject of an extracted event."""
    subject_ids = {
        subject
        for event in record.events
        if types is None or event.type in types
        for subject in event.subjects
    }
    return [surface_forms(e) for e in record.entities if e.id in subject_ids]


def _match_counts(predicted: list[set[str]], gold: list[str]) -> tuple[int, int, int]:
    """(tp, fp, fn): gold names found by a predicted entity; predicted entities naming none."""
    gold_names = {normalise(name) for name in gold}
    found = {name for name in gold_names if any(name in forms for forms in predicted)}
    false = sum(1 for forms in predicted if not forms & gold_names)
    return len(found), false, len(gold_names) - len(found)


def score_finnsp(
    items: Iterable[FinnspText], extract: Extractor, split: str = "all"
) -> EvaluationReport:
    """Entity recall and risk-subject P/R/F1 on FinNSP texts.

    Risk subjects: the entities that are subjects of any extracted event, against the
    labelled negative subjects of negative texts (non-negative texts have none, so every
    subject predicted there is a false positive). Two diagnostic variants, as the original
    task gave the candidate entities: "labelled only" drops predicted subjects that are not
    among the text's labelled entities; "labelled injected" runs
    :func:`~fintech_kg.extraction.events.find_events` on the labelled entities alone, which
    measures the event rules apart from entity recognition.
    """
    entity_recall = Score(name="entity recall", fp=None)
    subjects = Score(name="risk-subject")
    within = Score(name="risk-subject (labelled only)")
    injected = Score(name="risk-subject (labelled injected)")
    count = 0
    misses: list[str] = []
    for item in items:
        count += 1
        record = extract(finnsp_input(item), item.id)
        forms = set().union(*(surface_forms(e) for e in record.entities))
        for name in {normalise(n) for n in item.entities}:
            if name in forms:
                entity_recall.add(tp=1)
            else:
                entity_recall.add(fn=1)
                misses.append(name)
        predicted = _subject_forms(record, None)
        subjects.add(*_match_counts(predicted, item.subjects))
        labelled = {normalise(n) for n in item.entities}
        within.add(*_match_counts([f for f in predicted if f & labelled], item.subjects))
        injected.add(*_match_counts(_injected_subject_forms(item, record), item.subjects))
    notes = [f"entity misses (first 30): {' '.join(misses[:30])}"] if misses else []
    return EvaluationReport(
        dataset="finnsp",
        split=split,
        items=count,
        scores=[entity_recall, subjects, within, injected],
        notes=notes,
    )


def _injected_subject_forms(item: FinnspText, record: ExtractionRecord) -> list[set[str]]:
    """Subjects of the events found when the labelled entities are the only entities."""
    text = finnsp_input(item)
    entities = candidate_entities(text, dict.fromkeys(item.entities, EntityType.COMPANY))
    events = find_events(text, split_sentences(text), entities, record.article)
    subject_ids = {subject for event in events for subject in event.subjects}
    return [surface_forms(e) for e in entities if e.id in subject_ids]


def score_ccks(
    items: Iterable[CcksText], extract: Extractor, split: str = "all"
) -> EvaluationReport:
    """Subject P/R/F1 on CCKS 2019 texts with at least one in-scope row.

    Gold: the subjects of the text's in-scope rows. A predicted subject (of an event of a
    type that answers an in-scope CCKS type) is a true positive when it names one of them,
    is not counted when it names a subject labelled only with an out-of-scope type, and is
    a false positive otherwise. The "typed" variant also requires the event type to answer
    the labelled type.
    """
    subjects = Score(name="subject")
    typed = Score(name="subject+type")
    count = 0
    for item in items:
        if not item.in_scope:
            continue
        count += 1
        record = extract(item.text, item.id)
        gold = [subject for kind, subject in item.rows if kind in CCKS_IN_SCOPE]
        other = {normalise(s) for kind, s in item.rows if kind not in CCKS_IN_SCOPE}
        predicted = [
            forms
            for forms in _subject_forms(record, CCKS_EVENT_TYPES)
            if not (forms & other) or forms & {normalise(g) for g in gold}
        ]
        subjects.add(*_match_counts(predicted, gold))
        typed.add(*_typed_counts(record, item))
    return EvaluationReport(dataset="ccks", split=split, items=count, scores=[subjects, typed])


def _typed_counts(record: ExtractionRecord, item: CcksText) -> tuple[int, int, int]:
    gold = {(normalise(s), kind) for kind, s in item.rows if kind in CCKS_IN_SCOPE}
    forms_of = {e.id: surface_forms(e) for e in record.entities}
    predicted = [
        (forms_of.get(subject, {subject}), event.type)
        for event in record.events
        for subject in event.subjects
    ]
    found = {
        (name, kind)
        for name, kind in gold
        if any(name in forms and etype in CCKS_IN_SCOPE[kind] for forms, etype in predicted)
    }
    false = sum(
        1
        for forms, etype in predicted
        if etype in CCKS_EVENT_TYPES
        and not any(name in forms and etype in CCKS_IN_SCOPE[kind] for name, kind in gold)
    )
    return len(found), false, len(gold) - len(found)


def candidate_entities(
    text: str, names: dict[str, EntityType], confidence: float = 1.0
) -> list[Entity]:
    """Entities for given names, with a mention at every occurrence in ``text``.

    Occurrences inside a longer given name are left to the longer one ("华侨城" in
    "华侨城集团").

    >>> [e.mentions[0].start for e in candidate_entities("甲收购乙", {"甲": EntityType.COMPANY})]
    [0]
    """
    spans: list[tuple[int, int, str]] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(re.escape(name), text):
            if not any(s < match.end() and match.start() < e for s, e, _ in spans):
                spans.append((match.start(), match.end(), name))
    evidence = make_evidence(text, 0, len(text), "candidates", confidence, extractor_version="")
    return [
        Entity(
            id=name,
            name=name,
            type=kind,
            confidence=confidence,
            mentions=[
                Mention(text=name, start=s, end=e, evidence=evidence)
                for s, e, n in sorted(spans)
                if n == name
            ],
        )
        for name, kind in names.items()
    ]


def _canonical(relation: tuple[RelationType, str, str]) -> tuple[RelationType, str, str]:
    kind, source, target = relation
    if kind in SYMMETRIC:
        source, target = sorted((source, target))
    return kind, source, target


def score_finre(pairs: Iterable[FinrePair], split: str = "all") -> EvaluationReport:
    """Relation P/R/F1 over the mapped FinRE labels, scoring only the labelled pairs.

    Each pair's two entities are injected as candidate entities (type Company) and the
    sentence is one sentence; predictions of the mapped types between them are compared
    with the labels, direction included except for PARTNERS_WITH and COMPETES_WITH.
    """
    score = Score(name="relation")
    per_type = {kind: Score(name=f"relation {kind.value}") for kind in sorted(SCORED_RELATIONS)}
    count = 0
    for pair in pairs:
        count += 1
        names = {pair.first: EntityType.COMPANY, pair.second: EntityType.COMPANY}
        entities = candidate_entities(pair.sentence, names)
        found = (
            find_relations(pair.sentence, [(0, len(pair.sentence))], entities)
            if all(e.mentions for e in entities)
            else []  # a name the sentence does not contain: its labels are misses
        )
        predicted = {
            _canonical((r.type, r.source, r.target))
            for r in found
            if r.type in SCORED_RELATIONS and {r.source, r.target} == {pair.first, pair.second}
        }
        gold = {_canonical(r) for r in pair.relations}
        score.add(tp=len(gold & predicted), fp=len(predicted - gold), fn=len(gold - predicted))
        for kind, s in per_type.items():
            g = {r for r in gold if r[0] == kind}
            p = {r for r in predicted if r[0] == kind}
            s.add(tp=len(g & p), fp=len(p - g), fn=len(g - p))
    return EvaluationReport(
        dataset="finre",
        split=split,
        items=count,
        scores=[score, *per_type.values()],
        notes=["labelled pairs only; both entities injected as candidates (type Company)"],
    )
