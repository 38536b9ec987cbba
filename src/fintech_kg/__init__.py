"""fintech_kg: a knowledge graph of Chinese fintech risk events, built from news into Neo4j.

Example:
    >>> from fintech_kg import KnowledgeGraph
    >>> with KnowledgeGraph() as kg:  # doctest: +SKIP
    ...     kg.stats().nodes
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["KnowledgeGraph", "__version__"]

if TYPE_CHECKING:
    from fintech_kg.graph.client import KnowledgeGraph


def __getattr__(name: str) -> Any:
    # Imported on first use, so `import fintech_kg` stays cheap for the CLI and extraction.
    if name == "KnowledgeGraph":
        from fintech_kg.graph.client import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'fintech_kg' has no attribute {name!r}")
