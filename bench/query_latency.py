"""Latency of every named query (p50 and p95 over many runs) on the graph at NEO4J_URI.

Runs on the graph as it is (for instance the one ``bench/ingest_speed.py`` built), or first
ingests ``--articles N`` articles of the BDCI 2019 corpus, replayed with distinct ids when N
exceeds the corpus. Parameters are representative of the graph: the collapse event reported
most often, its platform, the bank with most risk exposure, and so on, chosen through the
named queries themselves; the rest come from each query's ``:param`` example. Time is
measured in the client around ``KnowledgeGraph.query`` (a managed read transaction, rows
converted to Python), after warm-up runs. Figures are indicative on a shared machine.

Example: ``NEO4J_URI=bolt://127.0.0.1:7688 .venv/bin/python bench/query_latency.py --runs 50``
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fintech_kg.graph.client import KnowledgeGraph
from fintech_kg.graph.queries import NamedQuery, load_queries
from fintech_kg.models import Article
from shared_data import CORPUS, absent

# Whole-graph dumps (export) and the write-back template are not analyst reads.
SKIPPED = {"export-nodes", "export-relationships", "write-node-scores"}
# Queries that stay within one or two hops of their start: the p95 < 100 ms target.
NEAR = {
    "bat-network", "co-mentioned", "collapsed-platform-neighbourhood", "collapsed-platforms",
    "entity", "event-evidence", "events", "evidence-sentences", "graph-stats",
    "hedged-vs-asserted", "neighbours",
    "platform-lifecycle", "regulator-actions-by-region", "relation-evidence", "search-entities",
    "technology-adoption", "top-exposed-banks",
}  # fmt: skip


def replayed(corpus: Path, count: int) -> Iterator[Article]:
    """``count`` corpus articles; past the end of the corpus, copies with distinct ids."""
    from fintech_kg.reading import read_articles

    articles = [a for a in read_articles([corpus]) if isinstance(a, Article)]
    for number, article in zip(range(count), itertools.cycle(articles), strict=False):
        round_ = number // len(articles)
        if round_:
            meta = article.meta.model_copy(update={"id": f"{article.meta.id}~{round_}"})
            article = article.model_copy(update={"meta": meta})
        yield article


def representative(kg: KnowledgeGraph) -> dict[str, dict[str, Any]]:
    """Parameter values per query (key "" for all) that hit well-connected parts of the graph:
    the collapse reported most often, its platform and one of its relations, and the bank
    most exposed to risk events."""
    values: dict[str, Any] = {}
    collapses = kg.query("events", types=["COLLAPSE"], limit=5000).rows
    collapses = [r["event"] for r in collapses if r["event"]["subjects"]]
    if not collapses:
        return {"": values}
    event = max(collapses, key=lambda e: (e["mention_count"], e["id"]))
    platform = event["subjects"][0]
    evidence = kg.query("event-evidence", event_id=event["id"]).rows[0]["evidence"]
    values.update(
        platform=platform,
        name=platform,
        entity=platform,
        entities=[platform],
        text=platform[:2],
        event_id=event["id"],
        ids=[s["id"] for s in evidence][:20],
    )
    overrides: dict[str, dict[str, Any]] = {"events": {"since": None}}  # many are undated
    relations = kg.neighbours(platform, depth=1).relations
    if relations:
        fact = relations[0]
        values.update(source=fact.source, relation=fact.type, target=fact.target)
    banks = kg.query("top-exposed-banks", limit=1).rows
    if banks:
        overrides["risk-exposure"] = {"entity": kg.entity(banks[0]["bank"]).id}
    return {"": values, **overrides}


def measure(
    kg: KnowledgeGraph, query: NamedQuery, params: dict[str, Any], runs: int
) -> dict[str, Any]:
    for _ in range(3):
        rows = len(kg.query(query.name, **params).rows)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        kg.query(query.name, **params)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "query": query.name,
        "rows": rows,
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 2),
        "near": query.name in NEAR,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="timed runs per query")
    parser.add_argument(
        "--articles",
        type=int,
        default=0,
        help="first ingest N corpus articles (replayed beyond the corpus)",
    )
    parser.add_argument("--workers", type=int, default=1, help="extraction processes")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true", help="print JSON lines")
    args = parser.parse_args(argv)

    with KnowledgeGraph() as kg:
        if args.articles:
            if message := absent(args.corpus):
                print(message, file=sys.stderr)
                return 0
            started = time.perf_counter()
            report = kg.ingest(articles=replayed(args.corpus, args.articles), workers=args.workers)
            seconds = time.perf_counter() - started
            print(
                f"ingested {report.articles_written} articles "
                f"({report.articles_skipped} unchanged) in {seconds:.1f} s"
            )
        stats = kg.stats()
        print(
            f"graph: {stats.nodes} nodes, {stats.relationships} relationships, "
            f"{stats.labels.get('Article', 0)} articles, "
            f"{stats.labels.get('RiskEvent', 0)} risk events"
        )
        if not stats.labels.get("RiskEvent"):
            print("the graph holds no risk events: ingest first (--articles N)", file=sys.stderr)
            return 1
        values = representative(kg)
        print(f"parameters: {json.dumps(values, ensure_ascii=False, default=str)}")
        results = []
        for query in load_queries().values():
            if query.name in SKIPPED:
                continue
            chosen = {**values[""], **values.get(query.name, {})}
            params = {**query.example, **{p.name: chosen[p.name] for p in query.params
                                          if p.name in chosen}}  # fmt: skip
            results.append(measure(kg, query, params, args.runs))

    if args.json:
        for result in results:
            print(json.dumps(result))
        return 0
    print(f"{'query':<34} {'rows':>6} {'p50 ms':>8} {'p95 ms':>8}  target")
    for r in results:
        target = ("ok" if r["p95_ms"] < 100 else "SLOW") if r["near"] else "-"
        print(f"{r['query']:<34} {r['rows']:>6} {r['p50_ms']:>8.2f} {r['p95_ms']:>8.2f}  {target}")
    near = [r for r in results if r["near"]]
    slow = [r["query"] for r in near if r["p95_ms"] >= 100]
    print(
        f"one/two-hop queries with p95 < 100 ms: {len(near) - len(slow)}/{len(near)}"
        + (f" (slow: {', '.join(slow)})" if slow else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
