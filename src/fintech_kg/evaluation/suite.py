"""Run the evaluation over chosen data sets and splits, and print the figures as a table.

Shared by ``fintech-kg evaluate`` and ``bench/evaluate.py``.

Example::

    >>> reports = run_evaluation(["finre"], Path("../shared/data"), "held-out")  # doctest: +SKIP
    >>> print(format_reports(reports))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from pathlib import Path

from fintech_kg.evaluation.datasets import (
    DatasetMissing,
    load_ccks,
    load_finnsp,
    load_finre,
    split_items,
)
from fintech_kg.evaluation.runs import Extractor, score_ccks, score_finnsp, score_finre
from fintech_kg.evaluation.scores import EvaluationReport

__all__ = [
    "DATASETS",
    "SPLITS",
    "default_data_dir",
    "format_reports",
    "pipeline_extractor",
    "run_evaluation",
]

DATASETS = ("finnsp", "ccks", "finre")
SPLITS = ("tune", "held-out", "all")
FINRE_PARTS = {"tune": ["train"], "held-out": ["valid"], "all": ["train", "valid"]}
"""FinRE's own validation file is its held-out part."""


def default_data_dir() -> Path:
    """``../shared/data`` next to the working directory, else next to the source checkout.

    The development sets are never shipped; from a checkout at ``work/main`` they sit at
    ``work/shared/data``.
    """
    here = Path("../shared/data")
    checkout = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
    return here if here.is_dir() or not checkout.is_dir() else checkout.resolve()


def pipeline_extractor() -> Extractor:
    """The real pipeline as an :data:`Extractor` (loads spaCy and the lexicon once)."""
    from fintech_kg.extraction import extract_text

    return lambda text, item_id: extract_text(text, id=item_id)


def run_evaluation(
    datasets: Iterable[str],
    data_dir: Path,
    split: str,
    limit: int | None = None,
    extract: Extractor | None = None,
    skipped: Callable[[str], None] = lambda message: None,
) -> list[EvaluationReport]:
    """Score each data set on ``split``; a set whose files are absent is reported to
    ``skipped`` and left out. ``limit`` caps the items per set (first by id)."""
    reports = []
    for dataset in datasets:
        try:
            if dataset == "finre":
                pairs = [p for part in FINRE_PARTS[split] for p in load_finre(data_dir, part)]
                reports.append(score_finre(islice(pairs, limit), split))
                continue
            extractor = extract or pipeline_extractor()
            if dataset == "finnsp":
                texts = split_items(load_finnsp(data_dir), split)
                reports.append(score_finnsp(islice(texts, limit), extractor, split))
            elif dataset == "ccks":
                in_scope = [t for t in load_ccks(data_dir) if t.in_scope]
                items = split_items(in_scope, split)
                reports.append(score_ccks(islice(items, limit), extractor, split))
            else:
                raise ValueError(f"unknown data set {dataset!r}: use one of {DATASETS}")
        except DatasetMissing as exc:
            skipped(f"skipping {dataset}: {exc}")
    return reports


def _figure(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def format_reports(reports: Iterable[EvaluationReport]) -> str:
    """A plain-text table: one line per score with counts, precision, recall and F1."""
    lines = [
        f"{'dataset':8} {'split':9} {'items':>6}  {'measure':34} {'tp':>6} {'fp':>6} {'fn':>6}"
        f"  {'P':>6} {'R':>6} {'F1':>6}"
    ]
    for report in reports:
        for score in report.scores:
            fp = "-" if score.fp is None else str(score.fp)
            lines.append(
                f"{report.dataset:8} {report.split:9} {report.items:6d}  {score.name:34}"
                f" {score.tp:6d} {fp:>6} {score.fn:6d}  {_figure(score.precision)}"
                f" {_figure(score.recall)} {_figure(score.f1)}"
            )
        lines.extend(f"  note ({report.dataset}): {note}" for note in report.notes)
    return "\n".join(lines)
