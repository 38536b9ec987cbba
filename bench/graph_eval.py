"""Graph-level evaluation: ingest gold_dev into an empty database and score the graph.

Extracts ``../shared/data/gold_dev/articles.jsonl`` (or reads ``--records``), writes the
records into an emptied database and prints typed entity, relation and (event type, subject)
P/R/F1 of the graph against the union of the gold over all articles, and RiskEvent nodes per
matched (type, subject) (definitions in :mod:`fintech_kg.evaluation.graph`). ``--gold-records``
ingests the gold itself as extraction records instead: what resolution alone gives.
``--corpus`` then ingests a whole corpus (articles, or records with ``--corpus-records``) and
prints how many (type, subject) have two events less than the merge window apart.

The benchmark empties the database it writes to, so it refuses a database that holds nodes
unless ``--clear`` is given. Connection from the environment (NEO4J_URI, …, or the managed
server: ``fintech-kg neo4j start``).

Example:
    python bench/graph_eval.py --clear --records /tmp/gold_pred.jsonl
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from neo4j import Driver

from fintech_kg.evaluation.graph import close_event_pairs, gold_records, load_gold, score_graph
from fintech_kg.extraction import extract_many
from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import Article, ExtractionRecord
from fintech_kg.reading import read_articles
from fintech_kg.settings import Settings
from shared_data import SHARED_DATA, prepare_database


def clear(driver: Driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def records_of(articles: Path, records: Path | None, workers: int) -> list[ExtractionRecord]:
    """Records read from ``records`` if it exists, else extracted (and written there)."""
    if records and records.is_file():
        lines = records.read_text(encoding="utf-8").splitlines()
        return [ExtractionRecord.model_validate_json(line) for line in lines if line.strip()]
    read = [a for a in read_articles([articles]) if isinstance(a, Article)]
    started = time.perf_counter()
    extracted = list(extract_many(read, workers=workers))
    print(f"extracted {len(extracted)} articles in {time.perf_counter() - started:.1f}s")
    if records:
        records.write_text("".join(r.model_dump_json() + "\n" for r in extracted), "utf-8")
    return extracted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=SHARED_DATA / "gold_dev")
    parser.add_argument("--records", type=Path, help="extracted gold_dev records (read/write)")
    parser.add_argument("--gold-records", action="store_true", help="ingest the gold itself")
    parser.add_argument("--corpus", type=Path, help="articles of a corpus to count close events")
    parser.add_argument("--corpus-records", type=Path, help="its extracted records (read/write)")
    parser.add_argument("--workers", type=int, default=1, help="extraction processes")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--clear", action="store_true", help="empty a non-empty database")
    args = parser.parse_args()

    if not (args.gold / "gold.jsonl").is_file():
        print(f"skipped: gold {args.gold} not found (see ../shared/data/README.md)")
        return
    settings = Settings()
    with settings.driver() as driver:
        database = settings.database
        prepare_database(driver, settings, args.clear)
        gold = load_gold(args.gold)
        articles = args.gold / "articles.jsonl"
        if args.gold_records:
            read = [a for a in read_articles([articles]) if isinstance(a, Article)]
            records = gold_records(read, gold)
        else:
            records = records_of(articles, args.records, args.workers)
        clear(driver, database)
        GraphWriter(driver, database, batch_size=args.batch_size).write(records)
        source = "gold as records" if args.gold_records else "extraction"
        print(f"gold_dev as a graph ({len(records)} articles, {source}):")
        for line in score_graph(driver, database, gold).lines():
            print(f"  {line}")
        print(
            f"  (type, subject) with two events < 30 days apart: "
            f"{close_event_pairs(driver, database)}"
        )

        if args.corpus:
            corpus = records_of(args.corpus, args.corpus_records, args.workers)
            clear(driver, database)
            started = time.perf_counter()
            GraphWriter(driver, database, batch_size=args.batch_size).write(corpus)
            took = time.perf_counter() - started
            events, _, _ = driver.execute_query(
                "MATCH (e:RiskEvent) RETURN count(e) AS n", database_=database
            )
            print(
                f"corpus {args.corpus.name}: {len(corpus)} articles written in {took:.1f}s,"
                f" {events[0]['n']} RiskEvent nodes; (type, subject) with two events < 30 days"
                f" apart: {close_event_pairs(driver, database)}"
            )


if __name__ == "__main__":
    main()
