"""Extraction throughput on the BDCI 2019 corpus, with jieba segmentation as the yardstick.

Prints, for the whole extraction (entities, relations, events; JSON lines out, as
``fintech-kg extract`` writes them) over the articles' texts: chars/s, articles/s and peak
memory (ru_maxrss), the lexicon and pipeline load time, and in
the same run plain ``jieba.lcut`` over the same texts. Skips with a message when the corpus
is absent. Figures are indicative on a shared machine.

Example: ``.venv/bin/python bench/extract_speed.py --limit 2000 --workers 2``
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from shared_data import CORPUS, absent


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux reports KiB


def _cpu_seconds() -> float:
    """CPU time of this process and its finished worker processes: on a shared machine it
    moves far less than the wall clock, so the comparison with jieba is made on it."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _report(label: str, chars: int, articles: int, seconds: float, cpu: float) -> None:
    print(
        f"{label:<28} {chars / seconds:>12,.0f} chars/s {articles / seconds:>9,.1f} articles/s"
        f" ({seconds:.2f} s; CPU {cpu:.2f} s, {chars / cpu:,.0f} chars per CPU-second)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="first N articles (0 = all)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-jieba", action="store_true", help="skip the jieba yardstick")
    args = parser.parse_args(argv)
    if message := absent(args.corpus):
        print(message, file=sys.stderr)
        return 0

    from fintech_kg.extraction.lexicon import load_lexicon
    from fintech_kg.models import Article, ArticleMeta

    started = time.perf_counter()
    lexicon = load_lexicon()
    lexicon_seconds = time.perf_counter() - started
    print(
        f"lexicon: {len(lexicon.entries)} entries, {lexicon.surface_count} surfaces, "
        f"loaded in {lexicon_seconds:.3f} s"
    )

    from fintech_kg.extraction import extract_text, load_pipeline
    from fintech_kg.extraction.pipeline import extract_json_lines

    started = time.perf_counter()
    load_pipeline()
    print(f"pipeline loaded in {time.perf_counter() - started:.3f} s")
    # One article of our own first, as jieba.initialize() below: matchers and modules that
    # are built on first use are then not counted as throughput.
    started = time.perf_counter()
    extract_text("2019年6月15日，某某贷平台逾期，涉案金额3亿元，深圳警方已立案。", id="warm-up")
    print(f"first article (warm-up) in {time.perf_counter() - started:.3f} s")

    articles = []
    with args.corpus.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if args.limit and number >= args.limit:
                break
            row = json.loads(line)
            text = row.get("text") or ""
            meta = ArticleMeta(
                id=str(row["id"]),
                title=row.get("title") or "",
                content_sha256="",
                char_count=len(text),
            )
            articles.append(Article(meta=meta, text=text))
    chars = sum(len(article.text) for article in articles)
    print(f"corpus: {len(articles)} articles, {chars:,} chars; workers={args.workers}")

    started, cpu_started = time.perf_counter(), _cpu_seconds()
    lines = list(extract_json_lines(articles, workers=args.workers))
    extraction_cpu = _cpu_seconds() - cpu_started
    _report(
        "extraction (whole)", chars, len(articles), time.perf_counter() - started, extraction_cpu
    )
    records = [json.loads(line) for line in lines]
    found = [sum(len(r[key]) for r in records) for key in ("entities", "relations", "events")]
    print(f"  found {found[0]} entities, {found[1]} relations, {found[2]} events")

    if not args.no_jieba:
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        for article in articles:
            jieba.lcut(article.text)
        jieba_cpu = _cpu_seconds() - cpu_started
        _report(
            "jieba.lcut (yardstick)", chars, len(articles), time.perf_counter() - started, jieba_cpu
        )
        print(f"extraction speed / jieba speed, per CPU-second: {jieba_cpu / extraction_cpu:.2f}")
    print(f"peak memory: {_peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
