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
from fintech_kg.evaluation.full_schema import ArticleComparison, compare_article, gold_dev_report
from fintech_kg.evaluation.gold_dev import articles_path, load_gold_dev, split_gold_dev
from fintech_kg.evaluation.runs import Extractor, score_ccks, score_finnsp, score_finre
from fintech_kg.evaluation.scores import EvaluationReport
from fintech_kg.models import Article, ExtractionRecord

__all__ = [
    "DATASETS",
    "SPLITS",
    "default_data_dir",
    "evaluate_gold_dev",
    "format_reports",
    "pipeline_extractor",
    "run_evaluation",
]

DATASETS = ("gold_dev", "finnsp", "ccks", "finre")
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
    compared: Callable[[ArticleComparison], None] = lambda comparison: None,
) -> list[EvaluationReport]:
    """Score each data set on ``split``; a set whose files are absent is reported to
    ``skipped`` and left out. ``limit`` caps the items per set (first by id).

    gold_dev is scored on all its articles and on each part of its fixed split (``split``
    does not apply to it), and each article's comparison is passed to ``compared``.
    """
    reports = []
    for dataset in datasets:
        try:
            if dataset == "gold_dev":
                reports.extend(evaluate_gold_dev(data_dir, limit, compared))
                continue
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


def evaluate_gold_dev(
    data_dir: Path,
    limit: int | None = None,
    compared: Callable[[ArticleComparison], None] = lambda comparison: None,
) -> list[EvaluationReport]:
    """Extract gold_dev's articles as ``fintech-kg extract`` does and score them: all
    articles (per type too), then the 'tune' and 'held-out' parts of the fixed split.

    ``limit`` scores the first N articles of the file; the split stays the one of all 75.
    """
    from fintech_kg.extraction import extract
    from fintech_kg.reading import read_articles

    golds = load_gold_dev(data_dir)
    path = articles_path(data_dir)
    if not path.is_file():
        raise DatasetMissing(f"{path} not found; pass --data-dir pointing at shared/data")
    parts = {split: {g.id for g in split_gold_dev(golds, split)} for split in ("tune", "held-out")}
    golds = golds[:limit]
    wanted = {g.id for g in golds}
    records: dict[str, ExtractionRecord] = {}
    unread: list[str] = []
    for item in read_articles([path]):
        if not isinstance(item, Article):
            unread.append(str(item))
        elif item.meta.id in wanted:
            records[item.meta.id] = extract(item)
    comparisons = [compare_article(g, records.get(g.id)) for g in golds]
    for comparison in comparisons:
        compared(comparison)
    reports = [gold_dev_report(comparisons, "all")]
    for split, ids in parts.items():
        reports.append(
            gold_dev_report([c for c in comparisons if c.id in ids], split, by_type=False)
        )
    reports[0].notes.extend(f"not read, scored as empty: {message}" for message in unread)
    reports[0].notes.append(
        f"split: 'tune' = first {len(parts['tune'])} ids by SHA-256, 'held-out' = the rest"
    )
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
