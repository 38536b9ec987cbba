"""Readers for the labelled development sets under ``../shared/data`` (never shipped).

Each reader returns pydantic items in a stable order and raises :class:`DatasetMissing`
when the file is absent, so callers can skip the set with a message. The held-out slice is
the last fifth by id (:func:`split_items`); FinRE has its own ``valid.txt`` for that.

Example::

    >>> items = load_finnsp(Path("../shared/data"))  # doctest: +SKIP
    >>> items[0].subjects  # doctest: +SKIP
    ['小资钱包']
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from fintech_kg.errors import FintechKGError, InputError
from fintech_kg.vocabulary import EventType, RelationType

__all__ = [
    "CCKS_IN_SCOPE",
    "FINRE_LABELS",
    "CcksText",
    "DatasetMissing",
    "FinnspText",
    "FinrePair",
    "load_ccks",
    "load_finnsp",
    "load_finre",
    "split_items",
]

FINNSP_FILE = Path("finnsp/train_list.json")
CCKS_FILE = Path("ccks2019_event_entity/train.csv")
FINRE_DIR = Path("finre")

CCKS_IN_SCOPE: dict[str, frozenset[EventType]] = {
    "涉嫌非法集资": frozenset({EventType.ILLEGAL_FUNDRAISING}),
    "提现困难": frozenset({EventType.OVERDUE}),
    "失联跑路": frozenset({EventType.COLLAPSE}),
    "歇业停业": frozenset({EventType.COLLAPSE, EventType.EXIT}),
    "涉嫌欺诈": frozenset({EventType.FRAUD}),
    "涉嫌传销": frozenset({EventType.FRAUD}),
    "涉嫌违法": frozenset(
        {
            EventType.INVESTIGATION,
            EventType.REGULATORY_ACTION,
            EventType.ILLEGAL_FUNDRAISING,
            EventType.FRAUD,
        }
    ),
    "投诉维权": frozenset({EventType.COMPLAINT}),
}
"""CCKS 2019 event types in scope and the project event types that answer them."""

FINRE_LABELS: dict[str, RelationType] = {
    "拥有": RelationType.OWNS,
    "持股": RelationType.INVESTS_IN,
    "增持": RelationType.INVESTS_IN,
    "入股": RelationType.INVESTS_IN,
    "注资": RelationType.INVESTS_IN,
    "买资": RelationType.INVESTS_IN,
    "收购": RelationType.ACQUIRES,
    "拟收购": RelationType.ACQUIRES,
    "合作": RelationType.PARTNERS_WITH,
    "签约": RelationType.PARTNERS_WITH,
    "合资": RelationType.PARTNERS_WITH,
    "竞争": RelationType.COMPETES_WITH,
}
"""FinRE labels and the relation they map to (head -> tail); "被X" is X reversed."""


class DatasetMissing(FintechKGError):
    """A development data set is not where it was looked for."""


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FinnspText(_Item):
    """A FinNSP text: its labelled entities and, when negative, its negative subjects."""

    id: str
    title: str
    text: str
    entities: list[str]
    negative: bool
    subjects: list[str]


class CcksText(_Item):
    """A CCKS 2019 text with every (event type, subject) row labelled on it."""

    id: str
    text: str
    rows: list[tuple[str, str]]

    @property
    def in_scope(self) -> bool:
        """Whether at least one row has an event type the project covers."""
        return any(kind in CCKS_IN_SCOPE for kind, _ in self.rows)


class FinrePair(_Item):
    """One labelled entity pair of a FinRE sentence, its two directions merged.

    ``relations`` holds (type, source, target) in the project's vocabulary; it is empty
    when the pair's labels map to none of the project's relation types.
    """

    sentence: str
    first: str
    second: str
    relations: frozenset[tuple[RelationType, str, str]]


_Sortable = TypeVar("_Sortable", FinnspText, CcksText)


def split_items(items: Sequence[_Sortable], split: str) -> list[_Sortable]:
    """The 'tune' (first 80 % by id), 'held-out' (last 20 %) or 'all' items.

    >>> from fintech_kg.evaluation.datasets import CcksText
    >>> texts = [CcksText(id=str(i), text="", rows=[]) for i in range(10)]
    >>> [t.id for t in split_items(texts, "held-out")]
    ['8', '9']
    """
    ordered = sorted(items, key=lambda item: item.id)
    cut = len(ordered) - len(ordered) // 5
    if split == "tune":
        return ordered[:cut]
    if split == "held-out":
        return ordered[cut:]
    if split == "all":
        return ordered
    raise ValueError(f"unknown split {split!r}: use 'tune', 'held-out' or 'all'")


def _require(path: Path) -> Path:
    if not path.is_file():
        raise DatasetMissing(f"{path} not found; pass --data-dir pointing at shared/data")
    return path


def _names(joined: str) -> list[str]:
    return [name.strip() for name in joined.split(";") if name.strip()]


def load_finnsp(data_dir: Path) -> list[FinnspText]:
    """FinNSP labelled texts: ``[id, title, text, entities, negative, subjects]`` rows."""
    path = _require(data_dir / FINNSP_FILE)
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc})", path=str(path)) from exc
    items = []
    for row in rows:
        if len(row) != 6 or row[4] not in ("0", "1"):
            continue  # the header row ("negative") and malformed rows carry no label
        item_id, title, text, entities, negative, subjects = row
        items.append(
            FinnspText(
                id=item_id,
                title=title or "",
                text=text or "",
                entities=_names(entities or ""),
                negative=negative == "1",
                subjects=_names(subjects or "") if negative == "1" else [],
            )
        )
    return items


def load_ccks(data_dir: Path) -> list[CcksText]:
    """CCKS 2019 rows ``id, text, type, subject`` grouped by text; id = the smallest row id."""
    path = _require(data_dir / CCKS_FILE)
    grouped: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line_no, row in enumerate(csv.reader(handle), start=1):
            if len(row) != 4:
                raise InputError(
                    f"expected 4 columns, got {len(row)}", path=str(path), line=line_no
                )
            row_id, text, kind, subject = row
            first_id, labels = grouped.setdefault(text, (row_id, []))
            if row_id.zfill(12) < first_id.zfill(12):
                grouped[text] = (row_id, labels)
            labels.append((kind, subject.strip()))
    return [
        CcksText(id=row_id.zfill(12), text=text, rows=labels)
        for text, (row_id, labels) in grouped.items()
    ]


def load_finre(data_dir: Path, part: str) -> list[FinrePair]:
    """FinRE ``head, tail, label, sentence`` rows of ``part`` ('train' or 'valid') as pairs."""
    path = _require(data_dir / FINRE_DIR / f"{part}.txt")
    pairs: dict[tuple[str, str, str], set[tuple[RelationType, str, str]]] = {}
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 4:
                raise InputError(
                    f"expected 4 tab-separated fields, got {len(fields)}",
                    path=str(path),
                    line=line_no,
                )
            head, tail, label, sentence = fields
            first, second = sorted((head, tail))
            relations = pairs.setdefault((sentence, first, second), set())
            if label.startswith("被") and label[1:] in FINRE_LABELS:
                head, tail, label = tail, head, label[1:]
            if label in FINRE_LABELS:
                relations.add((FINRE_LABELS[label], head, tail))
    return [
        FinrePair(sentence=sentence, first=first, second=second, relations=frozenset(rels))
        for (sentence, first, second), rels in pairs.items()
    ]
