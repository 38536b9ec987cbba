"""Print precision, recall and F1 of extraction on the labelled development sets.

gold_dev is scored once: all 75 articles (per type too) and each part of its fixed split.
The other sets run their tune and held-out splits, so the gap between them (how much the
rules were fitted to the tuning part) is visible. Sets absent from --data-dir are skipped.
The gold_dev figures are those of ``python3 ../shared/tools/score_gold.py PRED.jsonl``.

Usage: .venv/bin/python bench/evaluate.py [--dataset gold_dev|finnsp|ccks|finre|all]
       [--limit N] [--data-dir ../shared/data] [--misses]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from fintech_kg.evaluation.full_schema import ArticleComparison, format_findings
from fintech_kg.evaluation.suite import DATASETS, format_reports, run_evaluation
from shared_data import SHARED_DATA


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=[*DATASETS, "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="items per set and split")
    parser.add_argument("--data-dir", type=Path, default=SHARED_DATA)
    parser.add_argument("--misses", action="store_true", help="list gold_dev's errors")
    args = parser.parse_args()
    datasets = DATASETS if args.dataset == "all" else (args.dataset,)
    comparisons: list[ArticleComparison] = []
    # gold_dev has its own fixed split and reports every part of it in one run.
    runs = [(["gold_dev"], "all")] if "gold_dev" in datasets else []
    others = [d for d in datasets if d != "gold_dev"]
    runs += [(others, split) for split in ("tune", "held-out") if others]
    for chosen, split in runs:
        started = time.perf_counter()
        reports = run_evaluation(
            chosen,
            args.data_dir,
            split,
            args.limit,
            skipped=lambda message: print(message, file=sys.stderr),
            compared=comparisons.append,
        )
        if reports:
            print(format_reports(reports))
            print(f"({', '.join(chosen)} {split}: {time.perf_counter() - started:.1f} s)\n")
    if args.misses:
        print(format_findings(comparisons))


if __name__ == "__main__":
    main()
