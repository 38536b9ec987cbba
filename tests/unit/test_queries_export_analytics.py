"""Export literals and risk analytics, without a server."""

from __future__ import annotations

import datetime

import networkx as nx
import pytest

from fintech_kg.errors import GraphError
from fintech_kg.graph.analytics import RiskWeights, centrality, risk_scores
from fintech_kg.graph.export import (
    ExportedGraph,
    ExportedNode,
    ExportedRelationship,
    cypher_literal,
    cypher_statements,
)
from fintech_kg.graph.queries import parse_cypher_literal


@pytest.mark.parametrize(
    "value",
    [
        "plain 中文",
        'it\'s "quoted" \\ back\\slash',
        "'}) MATCH (n) DETACH DELETE n //",
        "line\nbreak\ttab\r",
        "emoji 😀 and `backticks`",
        ["a", "b'"],
        {"key": "v", "n": 3, "f": 0.25, "t": True, "none": None},
    ],
)
def test_literals_parse_back_to_the_value(value: object) -> None:
    assert parse_cypher_literal(cypher_literal(value)) == value


def test_literals_escape_control_characters_and_keep_one_line() -> None:
    literal = cypher_literal("a\x00b\u2028c\nd")
    assert "\n" not in literal and "\u2028" not in literal and "\x00" not in literal
    assert literal == "'a\\u0000b\\u2028c\\nd'"
    assert cypher_literal(datetime.date(2019, 3, 28)) == "date('2019-03-28')"
    assert cypher_literal({"we`ird": 1}) == "{`we``ird`: 1}"
    with pytest.raises(GraphError, match="non-finite"):
        cypher_literal(float("nan"))


def test_script_statements_are_single_lines_with_checked_labels() -> None:
    bank = ExportedNode(key="Entity:银'行", labels=["Bank", "Entity"], properties={"id": "银'行"})
    platform = ExportedNode(key="Entity:平台", labels=["Entity", "P2PPlatform"], properties={})
    custody = ExportedRelationship(
        source=bank.key, type="CUSTODIAN_FOR", target=platform.key, properties={"hedged": False}
    )
    graph = ExportedGraph(nodes=[bank, platform], relationships=[custody])
    statements = list(cypher_statements(graph))
    assert len(statements) == 3
    assert all("\n" not in s and s.endswith(";") for s in statements)
    assert "MERGE (n:`Entity` {id: row.id}) SET n:`Bank` SET n = row;" in statements[0]
    assert "CREATE (a)-[r:`CUSTODIAN_FOR`]->(b)" in statements[2]

    odd = ExportedNode(key="Entity:x", labels=["Entity", "Bank`) DELETE n"], properties={})
    hostile = graph.model_copy(update={"nodes": [odd]})
    with pytest.raises(GraphError, match="not part of the fintech-kg graph model"):
        list(cypher_statements(hostile))


def _graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("RiskEvent:c", labels=["RiskEvent"], type="COLLAPSE")
    graph.add_node("RiskEvent:x", labels=["RiskEvent"], type="COMPLAINT")
    for name in ("平台", "银行", "集团", "监管", "投资人"):
        graph.add_node(f"Entity:{name}", labels=["Entity"])
    graph.add_edge("Entity:平台", "RiskEvent:c", type="SUBJECT_OF")
    graph.add_edge("Entity:监管", "RiskEvent:c", type="ACTED_IN")
    graph.add_edge("Entity:银行", "Entity:平台", type="CUSTODIAN_FOR")
    graph.add_edge("Entity:集团", "Entity:平台", type="OWNS")
    graph.add_edge("Entity:投资人", "Entity:集团", type="INVESTS_IN", hedged=True)
    graph.add_edge("Entity:监管", "Entity:平台", type="REGULATES")
    return graph


def test_risk_flows_over_weighted_typed_edges_and_fades_per_hop() -> None:
    scores = {s.key: s for s in risk_scores(_graph())}
    assert scores["Entity:平台"].score == 1.0
    assert scores["Entity:集团"].score == pytest.approx(0.7 * 0.7)
    assert scores["Entity:银行"].score == pytest.approx(0.6 * 0.7)
    # a rumoured investment carries half, and one more hop fades it again
    assert scores["Entity:投资人"].score == pytest.approx(0.7 * 0.7 * 0.5 * 0.5 * 0.7, abs=1e-4)
    assert "Entity:监管" not in scores
    assert "RiskEvent:c" not in scores
    path = scores["Entity:投资人"].top_paths[0]
    assert path.nodes == ["RiskEvent:c", "Entity:平台", "Entity:集团", "Entity:投资人"]
    assert path.types == ["SUBJECT_OF", "OWNS", "INVESTS_IN"]


def test_risk_combines_events_as_independent_chances() -> None:
    graph = _graph()
    graph.add_edge("Entity:平台", "RiskEvent:x", type="SUBJECT_OF")
    scores = {s.key: s for s in risk_scores(graph)}
    bank = scores["Entity:银行"]
    assert bank.score == pytest.approx(1 - (1 - 0.42) * (1 - 0.2 * 0.42), abs=1e-4)
    assert [p.event for p in bank.top_paths] == ["RiskEvent:c", "RiskEvent:x"]
    assert risk_scores(graph, max_hops=1)[0].key == "Entity:平台"
    assert len(risk_scores(graph, max_hops=1)) == 1
    quiet = RiskWeights(severity={"COLLAPSE": 0.0, "COMPLAINT": 0.0})
    assert risk_scores(graph, quiet) == []


def test_centrality_ranks_the_hub_first() -> None:
    ranks = centrality(_graph())
    assert ranks[0].key == "Entity:平台" or ranks[0].key == "RiskEvent:c"
    assert {r.key for r in ranks} == set(_graph().nodes)
    assert centrality(nx.MultiDiGraph()) == []


def test_sectors_and_generic_authorities_neither_carry_nor_pass_risk() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("RiskEvent:e", labels=["RiskEvent"], type="COLLAPSE")
    graph.add_node("Entity:行业", labels=["Entity", "Sector"])
    graph.add_node("Entity:某科技", labels=["Entity", "TechCompany"])
    graph.add_node("Entity:平台", labels=["Entity", "P2PPlatform"])
    graph.add_node("Entity:警方", labels=["Entity", "Regulator"], generic="true")
    graph.add_node("Entity:银行", labels=["Bank", "Entity"])
    graph.add_edge("Entity:行业", "RiskEvent:e", type="SUBJECT_OF")
    graph.add_edge("Entity:某科技", "Entity:行业", type="EMPOWERS")
    graph.add_edge("Entity:平台", "RiskEvent:e", type="SUBJECT_OF")
    graph.add_edge("Entity:警方", "Entity:平台", type="OWNS")  # as if; shows no flow passes
    graph.add_edge("Entity:银行", "Entity:警方", type="OWNS")
    assert [s.key for s in risk_scores(graph)] == ["Entity:平台"]
    assert {c.key for c in centrality(graph)} == {
        "RiskEvent:e",
        "Entity:某科技",
        "Entity:平台",
        "Entity:银行",
    }
