"""Evaluation of extraction on labelled development sets (FinNSP, CCKS 2019, FinRE).

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
from fintech_kg.evaluation.runs import (
    candidate_entities,
    score_ccks,
    score_finnsp,
    score_finre,
)
from fintech_kg.evaluation.scores import EvaluationReport, Score, normalise, surface_forms

__all__ = [
    "CcksText",
    "DatasetMissing",
    "EvaluationReport",
    "FinnspText",
    "FinrePair",
    "Score",
    "candidate_entities",
    "load_ccks",
    "load_finnsp",
    "load_finre",
    "normalise",
    "score_ccks",
    "score_finnsp",
    "score_finre",
    "split_items",
    "surface_forms",
]
