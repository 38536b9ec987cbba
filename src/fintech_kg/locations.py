"""Where the project's Cypher files are: ``fintech_kg/cypher``.

In a checkout that folder is a link to the top-level ``cypher/`` (kept there for Browser and
cypher-shell users); a wheel carries the files themselves (see the packages in pyproject).

Example:
    >>> (CYPHER_DIR / "schema.cypher").is_file()
    True
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CYPHER_DIR"]

CYPHER_DIR = Path(__file__).resolve().parent / "cypher"
"""Schema, write templates, named queries and the Browser style and guide."""
