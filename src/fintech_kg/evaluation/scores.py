"""Precision, recall and F1 from counts, and the name matching every data set shares.

Example::

    >>> score = Score(name="risk subjects", tp=8, fp=2, fn=2)
    >>> round(score.f1, 2)
    0.8
"""

from __future__ import annotations

import unicodedata

from pydantic import BaseModel, ConfigDict, Field, computed_field

from fintech_kg.models import Entity

__all__ = ["EvaluationReport", "Score", "normalise", "surface_forms"]


class Score(BaseModel):
    """Counts of one comparison and the figures they give.

    ``fp`` is None when false positives cannot be counted (recall-only measures such as
    FinNSP entity recall, whose label lists are incomplete).
    """

    model_config = ConfigDict(extra="forbid")

    name: str
    tp: int = Field(0, ge=0)
    fp: int | None = Field(0, ge=0)
    fn: int = Field(0, ge=0)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        """tp / (tp + fp); None when fp is not counted, 0 when nothing was predicted."""
        if self.fp is None:
            return None
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        """tp / (tp + fn); 0 when there was nothing to find."""
        expected = self.tp + self.fn
        return self.tp / expected if expected else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall; None when precision is not counted."""
        precision = self.precision
        if precision is None:
            return None
        total = precision + self.recall
        return 2 * precision * self.recall / total if total else 0.0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        """Add the counts of one more text."""
        self.tp += tp
        self.fn += fn
        if self.fp is not None:
            self.fp += fp


class EvaluationReport(BaseModel):
    """The scores of one data set split, with what was measured and how."""

    model_config = ConfigDict(extra="forbid")

    dataset: str
    split: str = Field(description="'tune' (rules were tuned on it), 'held-out' or 'all'")
    items: int = Field(ge=0, description="Texts, or labelled pairs for FinRE")
    scores: list[Score]
    notes: list[str] = Field(default_factory=list)


def normalise(name: str) -> str:
    """NFKC-normalise and strip a name, so "ＡＢＣ " and "ABC" compare equal."""
    return unicodedata.normalize("NFKC", name).strip()


def surface_forms(entity: Entity) -> set[str]:
    """Every way the entity was written: canonical name, aliases and mention texts."""
    forms = {entity.name, entity.id, *entity.aliases, *(m.text for m in entity.mentions)}
    return {normalise(form) for form in forms if form.strip()}
