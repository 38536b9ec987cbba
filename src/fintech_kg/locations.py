"""Where the project's Cypher files are: the source checkout's ``cypher/`` folder, or the
copy that a wheel installs as ``fintech_kg/cypher`` (see ``package-dir`` in pyproject)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["CYPHER_DIR"]


def _cypher_dir() -> Path:
    checkout = Path(__file__).resolve().parents[2] / "cypher"
    if (checkout / "schema.cypher").is_file():
        return checkout
    return Path(__file__).resolve().parent / "cypher"


CYPHER_DIR = _cypher_dir()
"""Schema, write templates, named queries and the Browser style and guide."""
