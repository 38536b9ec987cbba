"""Analytics on a subgraph from :meth:`KnowledgeGraph.to_networkx`: centrality and risk.

:func:`risk_scores` propagates risk from risk events to the entities around them. Risk
enters an event's subject (SUBJECT_OF), then flows over typed relations with a weight per
type and direction -- a bank that holds a platform's funds (CUSTODIAN_FOR) or a parent that
owns it (OWNS) is exposed to its collapse; a regulator that REGULATES it is not -- and
fades by ``decay`` with every further hop. A hedged relation (a rumour) carries half.
One path contributes ``severity(event) x product(weights) x decay^(hops-1)``; a node's
score combines its paths as independent chances, ``1 - product(1 - contribution)``, so it
stays within [0, 1], and the top paths explain it.

Sectors (label ``Sector``: 银行业, 网贷行业) and generic authorities (``generic`` property
true: 警方, 金融办 with no place) stand for many real bodies at once; through them every
platform would reach every bank. They take no part: no risk reaches or passes them, and
centrality is computed without them (see :func:`is_category`).

Example:
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("RiskEvent:e1", labels=["RiskEvent"], type="COLLAPSE")
    >>> g.add_node("Entity:平台", labels=["Entity", "P2PPlatform"])
    >>> g.add_node("Entity:银行", labels=["Bank", "Entity"])
    >>> _ = g.add_edge("Entity:平台", "RiskEvent:e1", type="SUBJECT_OF")
    >>> _ = g.add_edge("Entity:银行", "Entity:平台", type="CUSTODIAN_FOR")
    >>> [(s.key, s.score) for s in risk_scores(g)]
    [('Entity:平台', 1.0), ('Entity:银行', 0.42)]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from fintech_kg.graph.results import CentralityScore, RiskScore, ScoredPath

__all__ = ["RiskWeights", "centrality", "is_category", "risk_scores"]


class RiskWeights(BaseModel):
    """How much risk each event type starts with and each relation passes on.

    ``to_source[T]`` is the share that flows against a ``T`` relationship's direction
    (from the target to the source: platform -> its custodian bank for CUSTODIAN_FOR),
    ``to_target[T]`` the share along it. Missing types pass nothing.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    severity: dict[str, float] = Field(
        default_factory=lambda: {
            "COLLAPSE": 1.0,
            "FRAUD": 0.9,
            "ILLEGAL_FUNDRAISING": 0.9,
            "INVESTIGATION": 0.7,
            "OVERDUE": 0.6,
            "EXECUTIVE_RISK": 0.5,
            "REGULATORY_ACTION": 0.4,
            "EXIT": 0.3,
            "COMPLAINT": 0.2,
        }
    )
    to_source: dict[str, float] = Field(
        default_factory=lambda: {
            "SUBJECT_OF": 1.0,  # the event happens to its subject
            "OWNS": 0.7,  # a parent answers for its subsidiary
            "SUCCEEDS": 0.7,  # a successor inherits its predecessor's affairs
            "CUSTODIAN_FOR": 0.6,  # a bank's name and deposits are tied to the platform
            "INVESTS_IN": 0.5,
            "ACQUIRES": 0.5,
            "MEMBER_OF": 0.3,
            "PARTNERS_WITH": 0.3,
            "EMPOWERS": 0.2,  # a technology supplier, reputational exposure only
        }
    )
    to_target: dict[str, float] = Field(
        default_factory=lambda: {
            "OWNS": 0.4,  # a subsidiary suffers with its parent
            "MEMBER_OF": 0.3,
            "PARTNERS_WITH": 0.3,
        }
    )
    decay: float = Field(0.7, gt=0.0, le=1.0, description="Factor per hop after the first")
    hedged_factor: float = Field(0.5, ge=0.0, le=1.0, description="Factor for a rumour")


def is_category(attributes: dict[str, Any]) -> bool:
    """Whether a node (its networkx attributes) stands for a category of bodies, not one:
    a Sector, a Collective (BAT), or a generic authority (``generic`` true, stored as
    ``"true"`` by the writer).

    Example:
        >>> is_category({"labels": ["Entity", "Regulator"], "generic": "true"})
        True
    """
    labels = attributes.get("labels", ())
    return (
        "Sector" in labels or "Collective" in labels or attributes.get("generic") in (True, "true")
    )


def centrality(graph: nx.MultiDiGraph) -> list[CentralityScore]:
    """Degree centrality and PageRank of every node but categories, highest PageRank first.

    Example:
        >>> g = nx.MultiDiGraph([("Entity:a", "Entity:b"), ("Entity:c", "Entity:b")])
        >>> [score.key for score in centrality(g)][0]
        'Entity:b'
    """
    graph = graph.subgraph(n for n, data in graph.nodes(data=True) if not is_category(data))
    if graph.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(graph)
    pagerank = nx.pagerank(graph)
    scores = [
        CentralityScore(key=str(node), degree=degree[node], pagerank=pagerank[node])
        for node in graph.nodes
    ]
    return sorted(scores, key=lambda s: (-s.pagerank, s.key))


def risk_scores(
    graph: nx.MultiDiGraph,
    weights: RiskWeights | None = None,
    max_hops: int = 3,
    top_paths: int = 3,
) -> list[RiskScore]:
    """Risk of every non-event node reached from a risk event, highest first.

    Scores are rounded to 4 places; each carries its ``top_paths`` strongest paths
    (event first, the scored node last).
    """
    weights = weights or RiskWeights()
    contributions: dict[str, list[ScoredPath]] = {}
    for event, attributes in graph.nodes(data=True):
        if "RiskEvent" not in attributes.get("labels", ()):
            continue
        severity = weights.severity.get(str(attributes.get("type")), 0.0)
        if severity <= 0.0:
            continue
        for nodes, types, share in _spread(graph, event, weights, max_hops):
            contributions.setdefault(nodes[-1], []).append(
                ScoredPath(
                    event=str(event),
                    nodes=[str(n) for n in nodes],
                    types=types,
                    contribution=round(severity * share, 4),
                )
            )
    scores = []
    for node, paths in contributions.items():
        remaining = 1.0
        for path in paths:
            remaining *= 1.0 - path.contribution
        paths.sort(key=lambda p: (-p.contribution, len(p.nodes), p.event))
        scores.append(
            RiskScore(key=node, score=round(1.0 - remaining, 4), top_paths=paths[:top_paths])
        )
    return sorted(scores, key=lambda s: (-s.score, s.key))


def _spread(
    graph: nx.MultiDiGraph, event: Any, weights: RiskWeights, max_hops: int
) -> Iterator[tuple[list[Any], list[str], float]]:
    """Every simple path out of ``event`` along which risk flows, with its share."""
    stack: list[tuple[list[Any], list[str], float]] = [([event], [], 1.0)]
    while stack:
        nodes, types, share = stack.pop()
        if len(types) == max_hops:
            continue
        here = nodes[-1]
        for neighbour, kind, weight in _exposed(graph, here, weights):
            data = graph.nodes[neighbour]
            if neighbour in nodes or "RiskEvent" in data.get("labels", ()) or is_category(data):
                continue
            step = weight * (weights.decay if types else 1.0)
            path = ([*nodes, neighbour], [*types, kind], share * step)
            yield path
            stack.append(path)


def _exposed(
    graph: nx.MultiDiGraph, node: Any, weights: RiskWeights
) -> Iterator[tuple[Any, str, float]]:
    """Neighbours that risk at ``node`` reaches in one hop, by relation, with the weight."""
    for source, _, data in graph.in_edges(node, data=True):
        yield from _weighted(source, data, weights.to_source, weights)
    for _, target, data in graph.out_edges(node, data=True):
        yield from _weighted(target, data, weights.to_target, weights)


def _weighted(
    neighbour: Any, data: dict[str, Any], table: dict[str, float], weights: RiskWeights
) -> Iterator[tuple[Any, str, float]]:
    kind = str(data.get("type", ""))
    weight = table.get(kind, 0.0)
    if data.get("hedged"):
        weight *= weights.hedged_factor
    if weight > 0.0:
        yield neighbour, kind, weight
