"""Print precision, recall and F1 of extraction on the labelled development sets.

Runs the tune and held-out splits of each set so the gap between them (how much the rules
were fitted to the tuning part) is visible. Sets absent from --data-dir are skipped.

Usage: .venv/bin/python bench/evaluate.py [--dataset finnsp|ccks|finre|all] [--limit N]
       [--data-dir ../shared/data]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from fintech_kg.evaluation.suite import DATASETS, format_reports, run_evaluation
from shared_data import SHARED_DATA


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=[*DATASETS, "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="items per set and split")
    parser.add_argument("--data-dir", type=Path, default=SHARED_DATA)
    args = parser.parse_args()
    datasets = DATASETS if args.dataset == "all" else (args.dataset,)
    for split in ("tune", "held-out"):
        started = time.perf_counter()
        reports = run_evaluation(
            datasets,
            args.data_dir,
            split,
            args.limit,
            skipped=lambda message: print(message, file=sys.stderr),
        )
        if reports:
            print(format_reports(reports))
            print(f"({split}: {time.perf_counter() - started:.1f} s)\n")


if __name__ == "__main__":
    main()
