"""Static Cypher templates of the graph writer, loaded by name from ``cypher/write/``.

Every statement the writer runs is a file in ``cypher/write/`` that reads its values from
parameters (``UNWIND $rows AS row``); nothing from the input is ever spliced into Cypher text.
Entity labels travel as parameters too (Neo4j 5.26 dynamic labels, ``SET e:$(row.types)``)
after :func:`check_labels` has held them against the vocabulary. A relationship type is
written into its template (one statement per type, so MERGE walks only that type), and
only a type that :func:`check_relation_type` finds in the vocabulary.

Example:
    >>> "MERGE (a:Article" in write_template("write_articles")
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from fintech_kg.errors import GraphError
from fintech_kg.locations import CYPHER_DIR
from fintech_kg.vocabulary import ENTITY_LABELS, RELATION_TYPES

__all__ = [
    "CYPHER_DIR",
    "RELATION_TYPE_SLOT",
    "check_labels",
    "check_relation_type",
    "schema_statements",
    "write_template",
    "write_template_names",
]


_WRITE_DIR = CYPHER_DIR / "write"
_NAME = re.compile(r"[a-z][a-z0-9_]*")


def write_template_names() -> list[str]:
    """Names of the write templates that exist, sorted (the file names without ``.cypher``)."""
    return sorted(path.stem for path in _WRITE_DIR.glob("*.cypher"))


RELATION_TYPE_SLOT = "{{RELATION_TYPE}}"
"""Where a template takes its relationship type; filled only from the vocabulary."""


@cache
def write_template(name: str, relation_type: str | None = None) -> str:
    """Return the text of ``cypher/write/<name>.cypher``; unknown names raise GraphError.

    A template with the :data:`RELATION_TYPE_SLOT` needs ``relation_type``, which must be a
    relation type of the vocabulary (a static type lets MERGE use Neo4j's per-type
    relationship chains); any other template refuses one.

    Example:
        >>> "[r:OWNS " in write_template("write_relations", "OWNS")
        True
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
    text = (_WRITE_DIR / f"{name}.cypher").read_text(encoding="utf-8")
    if (RELATION_TYPE_SLOT in text) != (relation_type is not None):
        raise GraphError(
            f"write template {name!r} {'needs' if relation_type is None else 'takes no'}"
            " relation type"
        )
    if relation_type is not None:
        text = text.replace(RELATION_TYPE_SLOT, check_relation_type(relation_type))
    return text


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
