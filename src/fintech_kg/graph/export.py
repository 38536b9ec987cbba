r"""Export the whole graph: GraphML (Gephi, networkx), JSON, or a Cypher script that rebuilds it.

The Cypher script is meant to be run by cypher-shell (``cypher-shell -f graph.cypher``) on
an empty database. It starts with the schema (constraints and indexes), then recreates
nodes and relationships in batches. Every value is written as an escaped Cypher literal
(quotes, backslashes and control characters escaped), every property key as a
backtick-quoted name, and labels and relationship types are checked against the fixed
vocabulary, so a hostile value in the graph cannot become Cypher in the script. Each
statement sits on one line, ending with ``;``.

Example:
    >>> print(cypher_literal("it's a \\ test\n"))
    'it\'s a \\ test\n'
    >>> cypher_literal({"date": datetime.date(2018, 6, 1), "n": [1, 2.5, None]})
    "{`date`: date('2018-06-01'), `n`: [1, 2.5, null]}"
"""

from __future__ import annotations

import datetime
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

from fintech_kg.errors import GraphError
from fintech_kg.graph.results import node_key
from fintech_kg.graph.templates import schema_statements
from fintech_kg.vocabulary import ENTITY_LABELS, GRAPH_LABELS, RELATION_TYPES, STRUCTURAL_TYPES

if TYPE_CHECKING:
    from fintech_kg.graph.client import KnowledgeGraph

__all__ = [
    "ExportFormat",
    "ExportedGraph",
    "cypher_literal",
    "export_graph",
    "read_graph",
    "write_cypher",
    "write_graphml",
    "write_json",
]

ExportFormat = Literal["graphml", "json", "cypher"]

NODE_LABELS: frozenset[str] = ENTITY_LABELS | GRAPH_LABELS
"""Labels an exported node may carry; anything else stops the export."""

RELATIONSHIP_TYPES: frozenset[str] = RELATION_TYPES | STRUCTURAL_TYPES
"""Relationship types an export may contain: the entity relations and the graph's own."""

_BATCH = 200
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


class ExportedNode(BaseModel):
    """A node as exported: its key (``<kind>:<id>``), labels and properties."""

    model_config = ConfigDict(extra="forbid")

    key: str
    labels: list[str]
    properties: dict[str, Any]


class ExportedRelationship(BaseModel):
    """A relationship as exported, between two node keys."""

    model_config = ConfigDict(extra="forbid")

    source: str
    type: str
    target: str
    properties: dict[str, Any]


class ExportedGraph(BaseModel):
    """Everything in the database, in plain Python values."""

    model_config = ConfigDict(extra="forbid")

    nodes: list[ExportedNode]
    relationships: list[ExportedRelationship]


def read_graph(kg: KnowledgeGraph) -> ExportedGraph:
    """Read every node and relationship (in memory: meant for graphs up to a few million
    elements). Labels and types outside the vocabulary raise GraphError."""
    nodes = []
    for row in kg.query("export-nodes").rows:
        labels = sorted(row["labels"])
        node_id = row["properties"].get("id")
        _check(labels, NODE_LABELS, "label", node_id)
        if not isinstance(node_id, str):
            raise GraphError(f"a node with labels {labels} has no string id; cannot export it")
        nodes.append(
            ExportedNode(
                key=node_key(labels, node_id),
                labels=labels,
                properties=row["properties"],
            )
        )
    relationships = []
    for row in kg.query("export-relationships").rows:
        _check([row["type"]], RELATIONSHIP_TYPES, "relationship type", row["source"])
        relationships.append(
            ExportedRelationship(
                source=node_key(row["source_labels"], row["source"]),
                type=row["type"],
                target=node_key(row["target_labels"], row["target"]),
                properties=row["properties"],
            )
        )
    return ExportedGraph(nodes=nodes, relationships=relationships)


def export_graph(kg: KnowledgeGraph, format: ExportFormat, output: Path) -> ExportedGraph:
    """Write the whole graph to ``output`` in ``format``; returns what was written.

    Example:
        >>> export_graph(kg, "graphml", Path("graph.graphml")).nodes[0].key  # doctest: +SKIP
        'Article:a1'
    """
    graph = read_graph(kg)
    writers = {"graphml": write_graphml, "json": write_json, "cypher": write_cypher}
    writers[format](graph, output)
    return graph


def write_graphml(graph: ExportedGraph, path: Path) -> None:
    """GraphML for Gephi and ``networkx.read_graphml``.

    GraphML holds only scalars, so lists become JSON text and dates ISO text. ``label``
    is what Gephi shows: a node's name (or id), an edge's relationship type.
    """
    import networkx as nx

    flat = nx.MultiDiGraph()
    for node in graph.nodes:
        attributes = _flat(node.properties)
        attributes["labels"] = json.dumps(node.labels, ensure_ascii=False)
        attributes["label"] = str(node.properties.get("name") or node.properties.get("id"))
        flat.add_node(node.key, **attributes)
    for rel in graph.relationships:
        flat.add_edge(rel.source, rel.target, label=rel.type, **_flat(rel.properties))
    nx.write_graphml(flat, path, encoding="utf-8")


def write_json(graph: ExportedGraph, path: Path) -> None:
    """One JSON document ``{"nodes": [...], "relationships": [...]}``; dates as ISO text."""
    path.write_text(graph.model_dump_json(indent=1), encoding="utf-8")


def write_cypher(graph: ExportedGraph, path: Path) -> None:
    """A Cypher script that rebuilds the graph in an empty database (see module doc)."""
    with path.open("w", encoding="utf-8") as out:
        out.write(
            f"// fintech-kg export: {len(graph.nodes)} nodes, "
            f"{len(graph.relationships)} relationships.\n"
            "// Run on an empty database: cypher-shell -f <this file>\n"
        )
        for statement in schema_statements():
            out.write(" ".join(statement.split()) + ";\n")
        for line in cypher_statements(graph):
            out.write(line + "\n")


def cypher_statements(graph: ExportedGraph) -> Iterable[str]:
    """The data statements of the rebuild script, one per line."""
    by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for node in graph.nodes:
        by_labels[tuple(node.labels)].append(node.properties)
    for labels, rows in sorted(by_labels.items()):
        _check(labels, NODE_LABELS, "label", None)
        kind = node_key(labels, "").rstrip(":")
        extra = "".join(f":{_name(label)}" for label in labels if label != kind)
        set_labels = f" SET n{extra}" if extra else ""
        for batch in _batches(rows):
            yield (
                f"UNWIND {cypher_literal(batch)} AS row "
                f"MERGE (n:{_name(kind)} {{id: row.id}}){set_labels} SET n = row;"
            )
    by_type: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for rel in graph.relationships:
        source_kind, _, source_id = rel.source.partition(":")
        target_kind, _, target_id = rel.target.partition(":")
        by_type[(source_kind, rel.type, target_kind)].append(
            {"s": source_id, "t": target_id, "p": rel.properties}
        )
    for (source_kind, rel_type, target_kind), rows in sorted(by_type.items()):
        _check([source_kind, target_kind], NODE_LABELS, "label", None)
        _check([rel_type], RELATIONSHIP_TYPES, "relationship type", None)
        for batch in _batches(rows):
            yield (
                f"UNWIND {cypher_literal(batch)} AS row "
                f"MATCH (a:{_name(source_kind)} {{id: row.s}}) "
                f"MATCH (b:{_name(target_kind)} {{id: row.t}}) "
                f"CREATE (a)-[r:{_name(rel_type)}]->(b) SET r = row.p;"
            )


def cypher_literal(value: Any) -> str:
    """``value`` as a Cypher literal that evaluates back to it (see module doc)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise GraphError(f"cannot export the non-finite number {value!r}")
        return repr(value)
    if isinstance(value, str):
        return "'" + "".join(_escape(c) for c in value) + "'"
    if isinstance(value, datetime.datetime):
        return f"datetime('{value.isoformat()}')"
    if isinstance(value, datetime.date):
        return f"date('{value.isoformat()}')"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{_name(str(k))}: {cypher_literal(v)}" for k, v in value.items()) + "}"
        )
    raise GraphError(f"cannot export a value of type {type(value).__name__}: {value!r}")


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if ord(char) < 0x20 or char in "\u2028\u2029\x7f":
        return f"\\u{ord(char):04x}"
    return char


def _name(name: str) -> str:
    """A backtick-quoted Cypher name; a backtick inside is doubled."""
    return "`" + name.replace("`", "``") + "`"


def _batches(rows: list[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(rows), _BATCH):
        yield rows[start : start + _BATCH]


def _check(names: Iterable[str], allowed: frozenset[str], what: str, node: Any) -> None:
    unknown = sorted(set(names) - allowed)
    if unknown:
        where = f" (node {node!r})" if node is not None else ""
        raise GraphError(
            f"{what} {', '.join(unknown)}{where} is not part of the fintech-kg graph model; "
            "export only databases written by fintech-kg"
        )


def _flat(properties: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in properties.items():
        if value is None:
            continue
        if isinstance(value, list | dict):
            flat[key] = json.dumps(value, ensure_ascii=False, default=str)
        elif isinstance(value, datetime.date):
            flat[key] = value.isoformat()
        else:
            flat[key] = value
    return flat
