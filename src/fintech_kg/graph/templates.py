"""Static Cypher templates of the graph writer, loaded by name from ``cypher/write/``.

Every statement the writer runs is a file in ``cypher/write/`` that reads its values from
parameters (``UNWIND $rows AS row``); nothing from the input is ever spliced into Cypher text.
Labels and relationship types travel as parameters too (Neo4j 5.26 dynamic labels,
``SET e:$(row.types)``), after :func:`check_labels` and :func:`check_relation_type` have held
them against the fixed vocabulary.

Example:
    >>> "MERGE (a:Article" in write_template("write_articles")
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from fintech_kg.errors import GraphError
from fintech_kg.vocabulary import ENTITY_LABELS, RELATION_TYPES

__all__ = [
    "CYPHER_DIR",
    "check_labels",
    "check_relation_type",
    "schema_statements",
    "write_template",
    "write_template_names",
]

CYPHER_DIR = Path(__file__).resolve().parents[3] / "cypher"
"""The repository's ``cypher/`` folder (schema, write templates, named queries)."""

_WRITE_DIR = CYPHER_DIR / "write"
_NAME = re.compile(r"[a-z][a-z0-9_]*")


def write_template_names() -> list[str]:
    """Names of the write templates that exist, sorted (the file names without ``.cypher``)."""
    return sorted(path.stem for path in _WRITE_DIR.glob("*.cypher"))


@cache
def write_template(name: str) -> str:
    """Return the text of ``cypher/write/<name>.cypher``; unknown names raise GraphError.

    Example:
        >>> write_template("../schema")  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        ...
        fintech_kg.errors.GraphError: unknown write template '../schema'; ...
    """
    if not _NAME.fullmatch(name) or name not in write_template_names():
        raise GraphError(
            f"unknown write template {name!r}; known: {', '.join(write_template_names())}"
            f" (files in {_WRITE_DIR})"
        )
    return (_WRITE_DIR / f"{name}.cypher").read_text(encoding="utf-8")


def schema_statements() -> list[str]:
    """The statements of ``cypher/schema.cypher``: ``//`` comments dropped, split on ``;``."""
    path = CYPHER_DIR / "schema.cypher"
    if not path.is_file():
        raise GraphError(f"{path}: schema file missing; run from a checkout of fintech-kg")
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("//")
    ]
    return [stmt.strip() for stmt in "\n".join(lines).split(";") if stmt.strip()]


def check_labels(labels: Iterable[str]) -> list[str]:
    """Return ``labels`` sorted, or raise GraphError if one is not an entity type label."""
    labels = sorted(set(labels))
    unknown = [label for label in labels if label not in ENTITY_LABELS]
    if unknown:
        raise GraphError(f"labels {unknown} are not entity types of fintech_kg.vocabulary")
    return labels


def check_relation_type(relation_type: str) -> str:
    """Return ``relation_type``, or raise GraphError if the vocabulary does not define it."""
    if relation_type not in RELATION_TYPES:
        raise GraphError(f"{relation_type!r} is not a relation type of fintech_kg.vocabulary")
    return relation_type
