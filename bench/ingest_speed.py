"""Ingest speed: the batched writer against a naive one (one transaction, one MERGE per fact).

Extracts the shared BDCI 2019 corpus once, replays the records with distinct article ids up
to ``--articles`` (default 50,000) through :class:`fintech_kg.graph.writer.GraphWriter`, and
prints articles/s and relationships/s; then writes a slice (``--naive-articles``) the naive
way into an emptied database and prints the speed-up. Extraction time is not counted.

The benchmark empties the database it writes to, so it refuses a database that holds
nodes unless ``--clear`` is given. Connection from the environment (NEO4J_URI, …).

Example:
    python bench/ingest_speed.py --articles 5000 --records /tmp/records.jsonl --clear
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from neo4j import Driver, ManagedTransaction

from fintech_kg.extraction import extract_many
from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import Article, ExtractionRecord
from fintech_kg.reading import read_articles
from fintech_kg.settings import Settings
from shared_data import CORPUS, absent, prepare_database

# The naive baseline, as graph builders that write fact by fact do it: one auto-retried
# transaction per statement, one MERGE per node or relationship, no batching.
NAIVE_ARTICLE = "MERGE (a:Article {id: $id}) SET a.title = $title"
NAIVE_SENTENCE = (
    "MATCH (a:Article {id: $article_id}) MERGE (s:Sentence {id: $id}) SET s.text = $text"
    " MERGE (a)-[:HAS_SENTENCE]->(s)"
)
NAIVE_ENTITY = "MERGE (e:Entity {id: $id}) SET e:$($type), e.name = $name"
NAIVE_MENTION = (
    "MATCH (a:Article {id: $article_id}), (e:Entity {id: $entity_id}) MERGE (a)-[:MENTIONS]->(e)"
)
NAIVE_RELATION = (
    "MATCH (s:Entity {id: $source}), (t:Entity {id: $target})"
    " MERGE (s)-[r:$($type) {hedged: $hedged}]->(t)"
)
NAIVE_EVENT = (
    "MATCH (a:Article {id: $article_id}) MERGE (e:RiskEvent {id: $id}) SET e.type = $type"
    " MERGE (a)-[:REPORTS]->(e)"
)
NAIVE_SUBJECT = (
    "MATCH (x:Entity {id: $entity_id}), (e:RiskEvent {id: $event_id}) MERGE (x)-[:SUBJECT_OF]->(e)"
)


def extract_corpus(path: Path, limit: int | None, workers: int) -> list[ExtractionRecord]:
    """Extraction records of the corpus (its first ``limit`` articles)."""
    articles: list[Article] = []
    for item in read_articles([path]):
        if isinstance(item, Article):
            articles.append(item)
            if limit is not None and len(articles) >= limit:
                break
    return list(extract_many(articles, workers=workers))


def replay(records: list[ExtractionRecord], count: int) -> Iterator[ExtractionRecord]:
    """``count`` records cycling through ``records``, each copy under its own article id."""
    for number in range(count):
        record = records[number % len(records)]
        copy_id = f"{record.id}~{number // len(records)}"
        yield record.model_copy(
            update={"id": copy_id, "article": record.article.model_copy(update={"id": copy_id})}
        )


def _naive_write(tx: ManagedTransaction, statement: str, params: dict[str, object]) -> int:
    return tx.run(statement, params).consume().counters.relationships_created


def naive_write(driver: Driver, database: str, records: list[ExtractionRecord]) -> int:
    """Write fact by fact; return the relationships created."""
    created = 0
    with driver.session(database=database, notifications_min_severity="OFF") as session:

        def run(statement: str, **params: object) -> None:
            nonlocal created
            created += session.execute_write(_naive_write, statement, params)

        for record in records:
            run(NAIVE_ARTICLE, id=record.id, title=record.article.title)
            for entity in record.entities:
                run(NAIVE_ENTITY, id=entity.id, type=entity.type.value, name=entity.name)
                run(NAIVE_MENTION, article_id=record.id, entity_id=entity.id)
                for mention in entity.mentions:
                    sentence_id = f"{record.id}#{mention.evidence.start}-{mention.evidence.end}"
                    run(
                        NAIVE_SENTENCE,
                        article_id=record.id,
                        id=sentence_id,
                        text=mention.evidence.sentence,
                    )
            for relation in record.relations:
                run(
                    NAIVE_RELATION,
                    source=relation.source,
                    target=relation.target,
                    type=relation.type.value,
                    hedged=relation.hedged,
                )
            for event in record.events:
                event_id = f"{record.id}/{event.id}"
                run(NAIVE_EVENT, article_id=record.id, id=event_id, type=event.type.value)
                for subject in event.subjects:
                    run(NAIVE_SUBJECT, entity_id=subject, event_id=event_id)
    return created


def clear(driver: Driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=50_000, help="replayed articles")
    parser.add_argument("--naive-articles", type=int, default=500)
    parser.add_argument("--corpus-limit", type=int, default=None, help="extract only the first N")
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=1, help="extraction processes")
    parser.add_argument("--clear", action="store_true", help="empty a non-empty database")
    parser.add_argument(
        "--records",
        type=Path,
        help="JSON Lines of extracted records: read if it exists, else written",
    )
    args = parser.parse_args()

    if message := absent(args.corpus):
        print(message, file=sys.stderr)
        return
    settings = Settings()
    with settings.driver() as driver:
        database = settings.database
        prepare_database(driver, settings, args.clear)

        if args.records and args.records.is_file():
            lines = args.records.read_text(encoding="utf-8").splitlines()
            records = [ExtractionRecord.model_validate_json(line) for line in lines]
            print(f"read {len(records)} extracted articles from {args.records}")
        else:
            started = time.perf_counter()
            records = extract_corpus(args.corpus, args.corpus_limit, args.workers)
            took = time.perf_counter() - started
            print(f"extracted {len(records)} corpus articles in {took:.1f}s")
            if args.records:
                args.records.write_text(
                    "".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8"
                )

        clear(driver, database)
        writer = GraphWriter(driver, database, batch_size=args.batch_size)
        started = time.perf_counter()
        report = writer.write(replay(records, args.articles))
        batched = time.perf_counter() - started
        batched_rate = report.articles_written / batched
        print(
            f"batched: {report.articles_written} articles, {report.nodes_created} nodes,"
            f" {report.relationships_created} relationships in {batched:.1f}s ="
            f" {batched_rate:.0f} articles/s, {report.relationships_created / batched:.0f}"
            f" relationships/s (batch size {args.batch_size})"
        )

        held, _, _ = driver.execute_query(
            "MATCH (n) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS relationships",
            database_=database,
        )
        print(f"graph: {held[0]['nodes']} nodes, {held[0]['relationships']} relationships")

        clear(driver, database)
        sample = list(replay(records, args.naive_articles))
        started = time.perf_counter()
        relationships = naive_write(driver, database, sample)
        naive = time.perf_counter() - started
        naive_rate = len(sample) / naive
        print(
            f"naive: {len(sample)} articles, {relationships} relationships in {naive:.1f}s ="
            f" {naive_rate:.1f} articles/s, {relationships / naive:.0f} relationships/s"
        )
        print(f"speed-up (articles/s): {batched_rate / naive_rate:.1f}x (target >= 20x)")


if __name__ == "__main__":
    main()
