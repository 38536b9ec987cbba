"""Spark against the CLI path: articles/s for extraction alone and for the whole ingest.

Takes the first ``--articles`` (default 2,000) articles of the shared BDCI 2019 corpus
(``../shared/data`` next to the checkout) and, in one run, measures:

- extraction: ``extract_many(..., workers=2)`` (the CLI's ``--workers 2``) and a Spark job
  under ``--master`` (default ``local[2]``), cold (workers load the pipeline) and warm;
- ingest into an emptied database: ``KnowledgeGraph.ingest(..., workers=2)`` and the Spark
  job in both write modes (``driver``, ``partitions``).

Spark's session start is printed apart; reading is counted in every figure. The benchmark
empties the database it writes to, so it refuses one that holds nodes unless ``--clear``
is given. Connection from the environment (NEO4J_URI, …), else the managed server.

Example:
    python bench/spark_ingest.py --articles 2000 --clear
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fintech_kg.extraction import extract_many
from fintech_kg.graph.client import KnowledgeGraph
from fintech_kg.models import Article
from fintech_kg.reading import read_articles
from fintech_kg.settings import Settings
from shared_data import CORPUS, absent


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def corpus_slice(count: int, folder: Path) -> Path:
    """The first ``count`` lines of the corpus as a file of their own."""
    path = folder / f"corpus-{count}.jsonl"
    with CORPUS.open(encoding="utf-8") as corpus, path.open("w", encoding="utf-8") as out:
        for number, line in enumerate(corpus):
            if number == count:
                break
            out.write(line)
    return path


def clear(kg: KnowledgeGraph) -> None:
    # CALL ... IN TRANSACTIONS runs only in an auto-commit transaction.
    with kg.driver.session(database=kg.database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="CLI extraction processes")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--clear", action="store_true", help="empty a database holding nodes")
    args = parser.parse_args()
    if message := absent(CORPUS):
        print(message, file=sys.stderr)
        return 2
    try:
        from fintech_kg.spark import extract_inputs, ingest, source_inputs, spark_session
    except ImportError as exc:
        print(f"error: {exc} (make setup installs it)", file=sys.stderr)
        return 2

    settings = Settings()
    kg = KnowledgeGraph(settings=settings)
    if kg.stats().nodes and not args.clear:
        print("error: the database holds nodes; pass --clear to empty it", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as folder:
        path = corpus_slice(args.articles, Path(folder))
        n = sum(1 for item in read_articles([path]) if isinstance(item, Article))
        print(f"{n} articles of {CORPUS}")
        print(f"{'path':<58} {'seconds':>8} {'articles/s':>11}")

        def show(name: str, seconds: float) -> None:
            print(f"{name:<58} {seconds:>8.1f} {n / seconds:>11.1f}", flush=True)

        def cli_extract() -> int:
            articles = (a for a in read_articles([path]) if isinstance(a, Article))
            return sum(1 for _ in extract_many(articles, workers=args.workers))

        show(f"CLI extraction, workers={args.workers}", timed(cli_extract)[0])

        conf = {
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            "spark.sql.shuffle.partitions": str(args.partitions),
        }
        start_seconds, spark = timed(lambda: spark_session(args.master, conf))
        spark.sparkContext.setLogLevel("ERROR")
        print(f"(Spark session start {start_seconds:.1f} s, not counted)")

        def spark_extract() -> int:
            extraction = extract_inputs(spark, source_inputs(spark, [str(path)], args.partitions))
            try:
                return int(extraction.records.count())
            finally:
                extraction.release()

        show(f"Spark extraction {args.master}, cold workers", timed(spark_extract)[0])
        show(f"Spark extraction {args.master}, warm workers", timed(spark_extract)[0])

        clear(kg)
        seconds, _ = timed(lambda: kg.ingest([path], workers=args.workers))
        show(f"CLI ingest (KnowledgeGraph.ingest, workers={args.workers})", seconds)
        for mode in ("driver", "partitions"):
            clear(kg)
            seconds, report = timed(
                lambda mode=mode: ingest(
                    spark,
                    [str(path)],
                    settings,
                    partitions=args.partitions,
                    batch_size=args.batch_size,
                    write_mode=mode,
                )
            )
            assert report.articles_written == n, report
            show(f"Spark ingest {args.master}, write mode {mode}", seconds)
        stats = kg.stats()
        spark.stop()
    kg.close()
    print(f"graph: {stats.nodes:,} nodes, {stats.relationships:,} relationships")
    return 0


if __name__ == "__main__":
    sys.exit(main())
