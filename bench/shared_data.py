"""Where the bench scripts find the shared data sets: ``../shared/data`` beside the checkout.

The data sets are never shipped (see the shared ``data/README.md``), so the scripts look for
them next to the checkout they run from, and say where they looked when they are absent.

Example: ``python bench/extract_speed.py`` reads ``<checkout>/../shared/data/bdci2019_corpus``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CORPUS", "SHARED_DATA", "absent"]

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
