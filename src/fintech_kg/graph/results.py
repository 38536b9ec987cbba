"""Typed answers of :class:`fintech_kg.KnowledgeGraph`'s read methods.

Every read method returns one of these pydantic models, so callers get attributes and
``model_dump_json()`` instead of driver records. :func:`to_python` turns the driver's
values (temporal types, nodes, relationships, paths) into plain Python for them.

Example:
    >>> hop = PathHop(source="某银行", type="CUSTODIAN_FOR", target="某平台")
    >>> hop.model_dump()["evidence"]
    []
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, Literal

import neo4j.graph
import neo4j.time
from pydantic import BaseModel, ConfigDict, Field

from fintech_kg.errors import GraphError

__all__ = [
    "CentralityScore",
    "EntityNode",
    "EventEvidence",
    "EvidenceSentence",
    "ExposurePath",
    "GraphStats",
    "Neighbourhood",
    "PathHop",
    "QueryResult",
    "RelationFact",
    "RiskEventNode",
    "RiskScore",
    "ScoredPath",
    "SearchHit",
    "Timeline",
    "node_key",
    "to_python",
]


_KEY_LABELS = ("Entity", "RiskEvent", "Article", "Sentence", "Alias")


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EntityNode(_Result):
    """An entity as stored: its key, name, types (labels besides ``Entity``) and aliases."""

    id: str
    name: str
    types: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    properties: dict[str, Any] = Field(
        default_factory=dict, description="Every other stored property (status, ...)"
    )


class SearchHit(_Result):
    """A full-text match on an entity's name or aliases, best first."""

    entity: EntityNode
    score: float


class EvidenceSentence(_Result):
    """A sentence that supports a fact, with the article it comes from."""

    id: str
    article_id: str
    text: str
    start: int | None = None
    end: int | None = None
    article_title: str | None = None
    published_at: datetime.date | None = None


class RelationFact(_Result):
    """A relationship between two entities and what supports it."""

    source: str
    type: str
    target: str
    confidence: float | None = None
    hedged: bool = False
    article_ids: list[str] = Field(default_factory=list)
    evidence: list[EvidenceSentence] = Field(default_factory=list)


class Neighbourhood(_Result):
    """The entities within some hops of one entity and the relationships between them."""

    entity: EntityNode
    entities: list[EntityNode]
    relations: list[RelationFact]


class RiskEventNode(_Result):
    """A risk event: merged reports of one real-world happening."""

    id: str
    type: str
    date: datetime.date | None = Field(None, description="First day of the date's period")
    date_precision: Literal["day", "month", "year"] | None = None
    date_text: str | None = Field(None, description="The date as known: 2018-06-15, 2018-06, 2018")
    amount_cny: float | None = None
    location: str | None = None
    sector: str | None = None
    co_subjects: list[str] = Field(
        default_factory=list, description="Other entities its reports named with the subject"
    )
    first_reported: datetime.date | None = None
    last_reported: datetime.date | None = None
    mention_count: int = 0
    subjects: list[str] = Field(default_factory=list, description="Entity ids it happened to")
    authorities: list[str] = Field(default_factory=list, description="Entity ids that acted")


class PathHop(_Result):
    """One step of a path, with the sentences that support it."""

    source: str
    type: str
    target: str
    hedged: bool = False
    evidence: list[EvidenceSentence] = Field(default_factory=list)


class ExposurePath(_Result):
    """How an entity is exposed to a risk event: the hops from it to the event's subject."""

    event: RiskEventNode
    hops: list[PathHop]

    @property
    def length(self) -> int:
        """Number of hops, counting the last one into the event."""
        return len(self.hops)


class Timeline(_Result):
    """An entity's risk events in date order (its lifecycle for a platform)."""

    entity: EntityNode
    events: list[RiskEventNode]


class EventEvidence(_Result):
    """A risk event with every sentence that reports it."""

    event: RiskEventNode
    evidence: list[EvidenceSentence]


class GraphStats(_Result):
    """What the graph holds: nodes per label and relationships per type."""

    nodes: int
    relationships: int
    labels: dict[str, int]
    relationship_types: dict[str, int]


class QueryResult(_Result):
    """The rows of a named or raw query, values turned into plain Python."""

    name: str
    columns: list[str]
    rows: list[dict[str, Any]]


class CentralityScore(_Result):
    """How central a node of a subgraph is."""

    key: str
    degree: float
    pagerank: float


class ScoredPath(_Result):
    """A path along which risk reached a node, and how much it brought."""

    event: str
    nodes: list[str]
    types: list[str]
    contribution: float


class RiskScore(_Result):
    """A node's propagated risk, explained by the paths that contributed most."""

    key: str
    score: float
    top_paths: list[ScoredPath]


def to_python(value: Any) -> Any:
    """Plain Python for a driver value: dates become ``date``, nodes become dicts.

    Example:
        >>> to_python([neo4j.time.Date(2018, 6, 1)])
        [datetime.date(2018, 6, 1)]
    """
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time):
        return value.to_native()
    if isinstance(value, neo4j.time.Duration):
        return str(value)
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **to_python(dict(value))}
    if isinstance(value, neo4j.graph.Relationship):
        return {
            "type": value.type,
            "start": to_python(value.start_node.get("id")) if value.start_node else None,
            "end": to_python(value.end_node.get("id")) if value.end_node else None,
            **to_python(dict(value)),
        }
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [to_python(n) for n in value.nodes],
            "relationships": [to_python(r) for r in value.relationships],
        }
    if isinstance(value, dict):
        return {k: to_python(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_python(v) for v in value]
    return value


def node_key(labels: Iterable[str], node_id: str) -> str:
    """The key of a node in exported and networkx graphs: ``<kind>:<id>``.

    The kind is the label that carries the node's uniqueness constraint, so ids of
    different kinds never collide.

    Example:
        >>> node_key(["Bank", "Entity"], "中国工商银行")
        'Entity:中国工商银行'
    """
    labels = set(labels)
    for kind in _KEY_LABELS:
        if kind in labels:
            return f"{kind}:{node_id}"
    raise GraphError(
        f"node {node_id!r} has labels {sorted(labels)}, none of {', '.join(_KEY_LABELS)}; "
        "only nodes written by fintech-kg can be exported"
    )
