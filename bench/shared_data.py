"""Where the bench scripts find the shared data sets: ``../shared/data`` beside the checkout.

The data sets are never shipped (see the shared ``data/README.md``), so the scripts look for
them next to the checkout they run from, and say where they looked when they are absent.

Example: ``python bench/extract_speed.py`` reads ``<checkout>/../shared/data/bdci2019_corpus``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from neo4j import Driver

from fintech_kg.graph.schema import apply_schema
from fintech_kg.settings import Settings

__all__ = ["CORPUS", "SHARED_DATA", "absent", "prepare_database"]

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
"""The shared data folder beside the checkout."""

CORPUS = SHARED_DATA / "bdci2019_corpus" / "articles.jsonl"
"""The BDCI 2019 corpus the speed benchmarks run on."""


def absent(path: Path, option: str = "--corpus") -> str | None:
    """None when ``path`` exists, else the message that says where it was looked for."""
    if path.exists():
        return None
    return (
        f"skipped: {path} not found; the shared data sets belong in {SHARED_DATA} (beside the"
        f" checkout, see its README.md), or pass {option} PATH"
    )


def prepare_database(driver: Driver, settings: Settings, clear: bool) -> None:
    """Refuse a database that holds nodes unless ``clear`` (the benchmark empties it), then
    apply the schema."""
    database = settings.database
    held, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=database)
    if held[0]["n"] and not clear:
        sys.exit(
            f"database {database!r} at {settings.bolt_uri} holds {held[0]['n']} nodes;"
            " the benchmark empties it: rerun with --clear"
        )
    apply_schema(driver, database)
