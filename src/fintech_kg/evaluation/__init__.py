"""Evaluation of extraction on labelled development sets (gold_dev, FinNSP, CCKS 2019, FinRE).

The sets live outside the package (``../shared/data``) and are never shipped; this package
only reads them, matches names after NFKC normalisation and prints precision, recall, F1.

Example::

    >>> from pathlib import Path
    >>> from fintech_kg.evaluation import load_finre, score_finre
    >>> report = score_finre(load_finre(Path("../shared/data"), "valid"))  # doctest: +SKIP
    >>> report.scores[0].f1  # doctest: +SKIP
"""

from __future__ import annotations

from fintech_kg.evaluation.datasets import (
    CcksText,
    DatasetMissing,
    FinnspText,
    FinrePair,
    load_ccks,
    load_finnsp,
    load_finre,
    split_items,
)
from fintech_kg.evaluation.full_schema import (
    ArticleComparison,
    Finding,
    compare_article,
    format_findings,
    gold_dev_report,
    gold_form,
)
from fintech_kg.evaluation.gold_dev import GoldArticle, load_gold_dev, split_gold_dev
from fintech_kg.evaluation.runs import (
    candidate_entities,
    score_ccks,
    score_finnsp,
    score_finre,
)
from fintech_kg.evaluation.scores import EvaluationReport, Score, normalise, surface_forms

__all__ = [
    "ArticleComparison",
    "CcksText",
    "DatasetMissing",
    "EvaluationReport",
    "Finding",
    "FinnspText",
    "FinrePair",
    "GoldArticle",
    "Score",
    "candidate_entities",
    "compare_article",
    "format_findings",
    "gold_dev_report",
    "gold_form",
    "load_ccks",
    "load_finnsp",
    "load_finre",
    "load_gold_dev",
    "normalise",
    "score_ccks",
    "score_finnsp",
    "score_finre",
    "split_gold_dev",
    "split_items",
    "surface_forms",
]
