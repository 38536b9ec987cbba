"""fintech_kg: a knowledge graph of Chinese fintech risk events, built from news into Neo4j."""

from __future__ import annotations

__version__ = "0.1.0"
