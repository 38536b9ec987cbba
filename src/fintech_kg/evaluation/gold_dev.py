"""The full-schema development gold (``gold_dev``): its labels, and its fixed split.

``gold_dev/articles.jsonl`` holds 75 real articles in the ``extract`` input format and
``gold_dev/gold.jsonl`` every entity, relation and risk event each states, labelled by the
team (format: ``gold_dev/README.md``). The texts are never shipped; the labels are ours.

The split is fixed and deterministic so that a trained scorer can learn on one part and be
reported on the other: ids sorted by their SHA-256, the first :data:`TUNE_SIZE` are 'tune',
the rest 'held-out'.

Example::

    >>> golds = load_gold_dev(Path("../shared/data"))  # doctest: +SKIP
    >>> len(golds), len(split_gold_dev(golds, "held-out"))  # doctest: +SKIP
    (75, 25)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fintech_kg.errors import InputError

__all__ = [
    "GOLD_DEV_DIR",
    "TUNE_SIZE",
    "GoldArticle",
    "GoldEntity",
    "GoldEvent",
    "GoldRelation",
    "articles_path",
    "load_gold_dev",
    "split_gold_dev",
]

GOLD_DEV_DIR = Path("gold_dev")
TUNE_SIZE = 50
"""Articles in the 'tune' part of the split; the other 25 are 'held-out'."""


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldEntity(_Gold):
    """An entity the article states; ``optional`` ones (news outlets, places, generic
    mentions) are neither required nor an error when predicted."""

    name: str = Field(min_length=1)
    type: str
    aliases: list[str] = Field(default_factory=list)
    optional: bool = False


class GoldRelation(_Gold):
    """A relation between two of the article's gold entities, by name."""

    type: str
    source: str
    target: str


class GoldEvent(_Gold):
    """A risk event; ``subjects`` are gold entity names, empty for a sector-level event."""

    type: str
    subjects: list[str] = Field(default_factory=list)
    authority: str | None = None
    date: str | None = None
    amount_cny: float | None = None
    sector: str | None = None


class GoldArticle(_Gold):
    """The gold labels of one article."""

    id: str
    entities: list[GoldEntity]
    relations: list[GoldRelation] = Field(default_factory=list)
    events: list[GoldEvent] = Field(default_factory=list)


def load_gold_dev(data_dir: Path) -> list[GoldArticle]:
    """The gold of every article, in file order; :class:`DatasetMissing` when absent."""
    from fintech_kg.evaluation.datasets import DatasetMissing

    path = data_dir / GOLD_DEV_DIR / "gold.jsonl"
    if not path.is_file():
        raise DatasetMissing(f"{path} not found; pass --data-dir pointing at shared/data")
    golds = []
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                golds.append(GoldArticle.model_validate(json.loads(line)))
            except (json.JSONDecodeError, ValidationError) as exc:
                raise InputError(
                    f"not a gold article ({exc}); see gold_dev/README.md for the format",
                    path=str(path),
                    line=line_no,
                ) from exc
    return golds


def articles_path(data_dir: Path) -> Path:
    """Where the gold articles' texts are (the ``extract`` input format)."""
    return data_dir / GOLD_DEV_DIR / "articles.jsonl"


def split_gold_dev(golds: Sequence[GoldArticle], split: str) -> list[GoldArticle]:
    """The 'tune' (first :data:`TUNE_SIZE` by SHA-256 of the id), 'held-out' (the rest) or
    'all' articles, each part in file order.

    >>> golds = [GoldArticle(id=str(i), entities=[]) for i in range(60)]
    >>> len(split_gold_dev(golds, "tune")), len(split_gold_dev(golds, "held-out"))
    (50, 10)
    """
    if split == "all":
        return list(golds)
    by_hash = sorted(golds, key=lambda g: hashlib.sha256(g.id.encode("utf-8")).hexdigest())
    tune = {g.id for g in by_hash[:TUNE_SIZE]}
    if split == "tune":
        return [g for g in golds if g.id in tune]
    if split == "held-out":
        return [g for g in golds if g.id not in tune]
    raise ValueError(f"unknown split {split!r}: use 'tune', 'held-out' or 'all'")
