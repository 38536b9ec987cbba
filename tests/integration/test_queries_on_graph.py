"""Every named query of cypher/queries answers correctly on a small hand-built graph.

The graph (sentences written for these tests, names made up except the BAT companies):
two P2P platforms, 星光贷 (custodian 北辰银行, owned by 星光集团: overdue, investigated by
上海市公安局, collapsed; the collapse reported by two articles) and 月亮贷 (custodian
南山银行: collapsed, then fined by 深圳市金融监督管理局); 阿里巴巴, 腾讯 and 百度 owning,
empowering and (rumoured) investing; banks adopting 人工智能, 蚂蚁金服 adopting 区块链.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fintech_kg.errors import GraphError, QueryNotFoundError
from fintech_kg.graph.client import KnowledgeGraph
from fintech_kg.graph.queries import load_queries


def rows(kg: KnowledgeGraph, query: str, /, **params: Any) -> list[dict[str, Any]]:
    return kg.query(query, **params).rows


# One test per named query; test_every_query_has_a_test keeps the list complete.
TESTED = {
    "bat-network", "co-mentioned", "collapsed-platform-neighbourhood", "collapsed-platforms",
    "entity", "event-evidence", "events", "evidence-sentences", "export-nodes",
    "export-relationships", "graph-stats", "hedged-vs-asserted", "neighbours",
    "platform-lifecycle", "regulator-actions-by-region", "relation-evidence",
    "risk-events-per-month", "risk-exposure", "search-entities", "shortest-path", "subgraph",
    "technology-adoption", "top-exposed-banks", "write-node-scores",
    "entity-names",  # in test_entity_identity.py (KnowledgeGraph.why), on a graph with ties
}  # fmt: skip


def test_every_query_has_a_test() -> None:
    assert set(load_queries()) == TESTED


def test_every_query_runs_with_its_browser_example(kg: KnowledgeGraph) -> None:
    for query in load_queries().values():
        if query.name == "write-node-scores":
            continue  # writes; run by test_write_node_scores
        kg.query(query.name, **query.example)


def test_browser_param_lines_give_the_server_the_example_values(kg: KnowledgeGraph) -> None:
    for query in load_queries().values():
        if query.example_line:
            # Browser sends the lambda's body, `{ RETURN ... }`, to the server as Cypher.
            body = query.example_line.split("=>", 1)[1].strip()[1:-1]
            assert kg.cypher(body).rows == [query.example], query.name


def test_collapsed_platforms(kg: KnowledgeGraph) -> None:
    summer = rows(kg, "collapsed-platforms", since=date(2018, 6, 1), until=date(2018, 8, 31))
    assert [(r["platform"], r["collapsed_on"], r["custodian_banks"]) for r in summer] == [
        ("星光贷", "2018-07-10", ["北辰银行"]),
        ("月亮贷", "2018-08-05", ["南山银行"]),
    ]
    assert summer[1]["amount_cny"] == 1e8
    august = rows(kg, "collapsed-platforms", since=date(2018, 8, 1), until=date(2018, 8, 31))
    assert [r["platform"] for r in august] == ["月亮贷"]


def test_collapsed_platform_neighbourhood(kg: KnowledgeGraph) -> None:
    found = rows(kg, "collapsed-platform-neighbourhood", platform="星光贷")
    entities = {(r["name"], r["hops"]) for r in found if r["kind"] == "Entity"}
    assert entities == {
        ("北辰银行", 1), ("星光集团", 1),
        ("阿里巴巴", 2), ("人工智能", 2), ("百度", 2), ("上海市公安局", 2),
    }  # fmt: skip
    events = sorted(r["name"] for r in found if r["kind"] == "RiskEvent")
    assert events == [
        "星光贷 COLLAPSE 2018-07-10",
        "星光贷 INVESTIGATION 2018-07-02",
        "星光贷 OVERDUE 2018-06-15",
    ]
    assert rows(kg, "collapsed-platform-neighbourhood", platform="北辰银行") == []


def test_bat_network(kg: KnowledgeGraph) -> None:
    found = rows(kg, "bat-network", members=["百度", "阿里巴巴", "腾讯"])
    assert [(r["member"], r["relation"], r["target"], r["hedged"]) for r in found] == [
        ("百度", "INVESTS_IN", "星光集团", True),
        ("腾讯", "EMPOWERS", "南山银行", False),
        ("阿里巴巴", "EMPOWERS", "北辰银行", False),
        ("阿里巴巴", "OWNS", "蚂蚁金服", False),
    ]


def test_technology_adoption(kg: KnowledgeGraph) -> None:
    found = rows(kg, "technology-adoption", technology=None)
    assert [(r["technology"], r["institution_type"], r["adopters"]) for r in found] == [
        ("人工智能", "Bank", 2),
        ("区块链", "FinancialInstitution", 1),
    ]
    assert sorted(found[0]["examples"]) == ["北辰银行", "南山银行"]
    only_ai = rows(kg, "technology-adoption", technology="人工智能")
    assert [r["technology"] for r in only_ai] == ["人工智能"]


def test_risk_events_per_month(kg: KnowledgeGraph) -> None:
    found = rows(kg, "risk-events-per-month", since=date(2018, 1, 1), until=date(2019, 12, 31))
    assert [(r["month"], r["type"], r["events"]) for r in found] == [
        ("2018-06", "OVERDUE", 1),
        ("2018-07", "COLLAPSE", 1),
        ("2018-07", "INVESTIGATION", 1),
        ("2018-08", "COLLAPSE", 1),
        ("2018-09", "REGULATORY_ACTION", 1),
    ]
    assert found[2]["amount_cny"] == 5e8


def test_platform_lifecycle(kg: KnowledgeGraph) -> None:
    found = rows(kg, "platform-lifecycle", platform="星光贷")
    assert [(r["date"], r["type"], r["next_type"]) for r in found] == [
        ("2018-06-15", "OVERDUE", "INVESTIGATION"),
        ("2018-07-02", "INVESTIGATION", "COLLAPSE"),
        ("2018-07-10", "COLLAPSE", None),
    ]
    assert [r["next_id"] for r in found[:2]] == [r["event_id"] for r in found[1:]]
    assert found[2]["reports"] == 2  # two outlets, one event
    assert [r["role"] for r in rows(kg, "platform-lifecycle", platform="上海市公安局")] == [
        "ACTED_IN"
    ]


def test_co_mentioned(kg: KnowledgeGraph) -> None:
    found = rows(kg, "co-mentioned", entity="星光贷", limit=10)
    assert [(r["entity"], r["articles"]) for r in found] == [
        ("北辰银行", 2), ("上海市公安局", 1), ("星光集团", 1),
    ]  # fmt: skip
    assert len(rows(kg, "co-mentioned", entity="星光贷", limit=1)) == 1


def test_shortest_path(kg: KnowledgeGraph) -> None:
    [path] = rows(kg, "shortest-path", source="阿里巴巴", target="星光贷")
    assert path["nodes"] == ["阿里巴巴", "北辰银行", "星光贷"]
    assert path["relations"] == ["EMPOWERS", "CUSTODIAN_FOR"]
    assert path["hops"] == 2
    assert rows(kg, "shortest-path", source="阿里巴巴", target="阿里巴巴") == []


def test_regulator_actions_by_region(kg: KnowledgeGraph) -> None:
    period = {"since": date(2018, 1, 1), "until": date(2018, 12, 31)}
    found = rows(kg, "regulator-actions-by-region", region=None, **period)
    assert [(r["region"], r["authority"], r["action"], r["events"]) for r in found] == [
        ("上海", "上海市公安局", "INVESTIGATION", 1),
        ("深圳", "深圳市金融监督管理局", "REGULATORY_ACTION", 1),
    ]
    assert found[0]["subjects"] == [["星光贷"]]
    shanghai = rows(kg, "regulator-actions-by-region", region="上海", **period)
    assert [r["authority"] for r in shanghai] == ["上海市公安局"]


def test_relation_evidence(kg: KnowledgeGraph) -> None:
    [found] = rows(kg, "relation-evidence", source="北辰银行", relation="CUSTODIAN_FOR",
                   target="星光贷")  # fmt: skip
    assert found["sentence"] == "北辰银行为星光贷提供资金存管服务。"
    assert (found["article_id"], found["published_at"]) == ("t-001", date(2018, 6, 16))
    assert found["hedged"] is False
    assert rows(kg, "relation-evidence", source="北辰银行", relation="OWNS",
                target="星光贷") == []  # fmt: skip


def test_top_exposed_banks(kg: KnowledgeGraph) -> None:
    found = rows(kg, "top-exposed-banks", limit=10)
    assert [(r["bank"], r["exposed_entities"], r["risk_events"]) for r in found] == [
        ("北辰银行", 1, 3),
        ("南山银行", 1, 2),
    ]
    assert found[1]["amount_cny"] == 1e8
    assert len(rows(kg, "top-exposed-banks", limit=1)) == 1


def test_hedged_vs_asserted(kg: KnowledgeGraph) -> None:
    found = rows(kg, "hedged-vs-asserted", entity="星光集团")
    assert [(r["status"], r["source"], r["fact"], r["target"]) for r in found] == [
        ("asserted", "星光集团", "OWNS", "星光贷"),
        ("hedged", "百度", "INVESTS_IN", "星光集团"),
    ]
    events = rows(kg, "hedged-vs-asserted", entity="星光贷")
    assert {(r["status"], r["fact"]) for r in events} >= {("asserted", "COLLAPSE")}


def test_entity(kg: KnowledgeGraph) -> None:
    [by_alias] = rows(kg, "entity", name="蚂蚁集团")
    assert (by_alias["id"], by_alias["types"]) == ("蚂蚁金服", ["FinancialInstitution"])
    assert "蚂蚁集团" in by_alias["aliases"]
    assert rows(kg, "entity", name="不存在的公司") == []


def test_search_entities(kg: KnowledgeGraph) -> None:
    found = rows(kg, "search-entities", text="蚂蚁", limit=5)
    assert found[0]["id"] == "蚂蚁金服"
    banks = {r["id"] for r in rows(kg, "search-entities", text="银行", limit=10)}
    assert banks == {"北辰银行", "南山银行"}


def test_neighbours(kg: KnowledgeGraph) -> None:
    [one] = rows(kg, "neighbours", entity="北辰银行", depth=1, relation_types=None)
    assert {e["id"] for e in one["entities"]} == {"星光贷", "阿里巴巴", "人工智能"}
    [two] = rows(
        kg, "neighbours", entity="北辰银行", depth=2, relation_types=["CUSTODIAN_FOR", "OWNS"]
    )
    assert {e["id"] for e in two["entities"]} == {"星光贷", "星光集团"}
    assert {(r["source"], r["type"], r["target"]) for r in two["relations"]} == {
        ("北辰银行", "CUSTODIAN_FOR", "星光贷"),
        ("星光集团", "OWNS", "星光贷"),
    }


def test_risk_exposure(kg: KnowledgeGraph) -> None:
    found = rows(kg, "risk-exposure", entity="北辰银行", max_hops=2, limit=50)
    assert sorted(r["event"]["type"] for r in found) == ["COLLAPSE", "INVESTIGATION", "OVERDUE"]
    assert all(r["subject"] == "星光贷" for r in found)
    assert all(len(r["event_sentence_ids"]) >= 1 for r in found)
    assert rows(kg, "risk-exposure", entity="北辰银行", max_hops=1, limit=50) == []
    limited = rows(kg, "risk-exposure", entity="阿里巴巴", max_hops=3, limit=2)
    assert len(limited) == 2


def test_events(kg: KnowledgeGraph) -> None:
    everything = {"types": None, "since": None, "until": None, "entity": None, "limit": 100}
    assert len(rows(kg, "events", **everything)) == 5
    collapses = rows(kg, "events", **{**everything, "types": ["COLLAPSE"]})
    assert [r["event"]["subjects"] for r in collapses] == [["星光贷"], ["月亮贷"]]
    august = rows(kg, "events", **{**everything, "since": date(2018, 8, 1)})
    assert [r["event"]["type"] for r in august] == ["COLLAPSE", "REGULATORY_ACTION"]
    acted = rows(kg, "events", **{**everything, "entity": "上海市公安局"})
    assert [r["event"]["authorities"] for r in acted] == [["上海市公安局"]]


def test_event_and_sentence_evidence(kg: KnowledgeGraph) -> None:
    collapse = rows(kg, "events", types=["COLLAPSE"], entity="星光贷", limit=1)[0]["event"]
    [found] = rows(kg, "event-evidence", event_id=collapse["id"])
    assert {s["article_id"] for s in found["evidence"]} == {"t-003", "t-004"}
    assert found["evidence"][0]["text"] == "2018年7月10日，星光贷停止运营，平台失联。"
    ids = [s["id"] for s in found["evidence"]]
    sentences = rows(kg, "evidence-sentences", ids=ids)
    assert [r["sentence"]["id"] for r in sentences] == ids


def test_graph_stats(kg: KnowledgeGraph) -> None:
    counts = {(r["kind"], r["name"]): r["count"] for r in rows(kg, "graph-stats")}
    assert counts["label", "Article"] == 8
    assert counts["label", "RiskEvent"] == 5
    assert counts["label", "Entity"] == 13
    assert counts["label", "Person"] == 0
    assert counts["type", "CUSTODIAN_FOR"] == 2
    assert counts["total", "nodes"] == sum(
        counts["label", label] for label in ("Article", "Entity", "RiskEvent", "Sentence", "Alias")
    )


def test_subgraph(kg: KnowledgeGraph) -> None:
    [found] = rows(kg, "subgraph", entities=["月亮贷"], depth=1)
    ids = {n["properties"]["id"] for n in found["nodes"] if "Entity" in n["labels"]}
    assert ids == {"月亮贷", "南山银行"}
    assert sum("RiskEvent" in n["labels"] for n in found["nodes"]) == 2
    assert sorted(r["type"] for r in found["relationships"]) == [
        "CUSTODIAN_FOR", "FOLLOWED_BY", "SUBJECT_OF", "SUBJECT_OF",
    ]  # fmt: skip
    [whole] = rows(kg, "subgraph", entities=None, depth=1)
    assert sum("Entity" in n["labels"] for n in whole["nodes"]) == 13


def test_export_queries(kg: KnowledgeGraph) -> None:
    nodes = rows(kg, "export-nodes")
    relationships = rows(kg, "export-relationships")
    stats = kg.stats()
    assert len(nodes) == stats.nodes
    assert len(relationships) == stats.relationships


def test_write_node_scores(kg: KnowledgeGraph) -> None:
    assert kg.write_back({"Entity:北辰银行": 0.5, "Entity:不存在": 0.1}, "risk_score") == 1
    assert kg.entity("北辰银行").properties["risk_score"] == 0.5  # type: ignore[union-attr]
    with pytest.raises(GraphError, match="read access mode"):
        kg.query(
            "write-node-scores",
            rows=[{"kind": "Entity", "id": "南山银行", "properties": {"risk_score": 0.1}}],
        )


def test_unknown_query_and_parameters(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryNotFoundError, match="co-mentioned"):
        kg.query("no-such-query")
    with pytest.raises(GraphError, match="needs --param entity"):
        kg.query("co-mentioned", limit=3)
    with pytest.raises(GraphError, match="no parameter colour"):
        kg.query("co-mentioned", entity="百度", limit=3, colour="red")
