"""KnowledgeGraph against a real server: typed reads, analytics, write-back, export, CLI.

Uses the hand-built graph of ``test_queries_on_graph.py`` (see its docstring).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx
import pytest

from fintech_kg.errors import ConfigError, GraphError
from fintech_kg.graph.analytics import centrality, risk_scores
from fintech_kg.graph.client import KnowledgeGraph
from fintech_kg.graph.export import export_graph
from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import ExtractionRecord
from fintech_kg.settings import Settings
from fintech_kg.vocabulary import EntityType as T
from fintech_kg.vocabulary import RelationType as R


def test_entity_by_id_name_or_alias(kg: KnowledgeGraph) -> None:
    ant = kg.entity("蚂蚁集团")
    assert ant is not None
    assert (ant.id, ant.types, ant.aliases) == ("蚂蚁金服", ["FinancialInstitution"], ["蚂蚁集团"])
    assert kg.entity("不存在的公司") is None


def test_search_is_plain_text_over_the_cjk_index(kg: KnowledgeGraph) -> None:
    assert [hit.entity.id for hit in kg.search("蚂蚁")] == ["蚂蚁金服"]
    assert kg.search("星光贷 (上海) OR *") != []  # Lucene syntax is escaped, not run
    assert kg.search("   ") == []


def test_neighbours(kg: KnowledgeGraph) -> None:
    around = kg.neighbours("星光贷", depth=1)
    assert around.entity.id == "星光贷"
    assert {e.id for e in around.entities} == {"北辰银行", "星光集团"}
    owners = kg.neighbours("星光贷", depth=2, relation_types=["OWNS", "INVESTS_IN"])
    assert {e.id for e in owners.entities} == {"星光集团", "百度"}
    rumour = next(r for r in owners.relations if r.type == "INVESTS_IN")
    assert (rumour.source, rumour.target, rumour.hedged) == ("百度", "星光集团", True)
    with pytest.raises(GraphError, match="unknown relation type LIKES"):
        kg.neighbours("星光贷", relation_types=["LIKES"])
    with pytest.raises(GraphError, match="depth"):
        kg.neighbours("星光贷", depth=4)
    with pytest.raises(GraphError, match="no entity"):
        kg.neighbours("不存在的公司")


def test_risk_exposure_hops_carry_their_evidence(kg: KnowledgeGraph) -> None:
    paths = kg.risk_exposure("北辰银行", max_hops=2)
    assert sorted(p.event.type for p in paths) == ["COLLAPSE", "INVESTIGATION", "OVERDUE"]
    for path in paths:
        custody, subject = path.hops
        assert (custody.source, custody.type, custody.target) == (
            "北辰银行",
            "CUSTODIAN_FOR",
            "星光贷",
        )
        assert [s.text for s in custody.evidence] == ["北辰银行为星光贷提供资金存管服务。"]
        assert (subject.source, subject.type, subject.target) == (
            "星光贷",
            "SUBJECT_OF",
            path.event.id,
        )
        assert subject.evidence and all("星光贷" in s.text for s in subject.evidence)
    assert kg.risk_exposure("北辰银行", max_hops=1) == []
    own = kg.risk_exposure("月亮贷", max_hops=1)
    assert [(p.length, p.event.type) for p in own] == [(1, "COLLAPSE"), (1, "REGULATORY_ACTION")]
    far = kg.risk_exposure("阿里巴巴", max_hops=3)
    assert {p.event.subjects[0] for p in far} == {"星光贷"}
    assert all([h.type for h in p.hops] == ["EMPOWERS", "CUSTODIAN_FOR", "SUBJECT_OF"] for p in far)


def test_events_timeline_and_event_evidence(kg: KnowledgeGraph) -> None:
    assert [e.subjects for e in kg.events("COLLAPSE")] == [["星光贷"], ["月亮贷"]]
    early = kg.events(["OVERDUE", "INVESTIGATION"], until=date(2018, 6, 30))
    assert [e.type for e in early] == ["OVERDUE"]
    assert [e.type for e in kg.events(entity="深圳市金融监督管理局")] == ["REGULATORY_ACTION"]
    with pytest.raises(ValueError, match="RUMOUR"):
        kg.events("RUMOUR")

    timeline = kg.timeline("星光贷")
    assert [(e.type, e.date) for e in timeline.events] == [
        ("OVERDUE", date(2018, 6, 15)),
        ("INVESTIGATION", date(2018, 7, 2)),
        ("COLLAPSE", date(2018, 7, 10)),
    ]
    investigation = timeline.events[1]
    assert (investigation.amount_cny, investigation.authorities) == (5e8, ["上海市公安局"])

    collapse = timeline.events[2]
    evidence = kg.evidence(collapse.id)
    assert evidence.event.mention_count == 2
    assert sorted(s.article_id for s in evidence.evidence) == ["t-003", "t-004"]
    with pytest.raises(GraphError, match="no risk event"):
        kg.evidence("no-such-event")


def test_relation_evidence(kg: KnowledgeGraph) -> None:
    [fact] = kg.evidence("北辰银行", "CUSTODIAN_FOR", "星光贷")
    assert (fact.source, fact.type, fact.target, fact.article_ids) == (
        "北辰银行", "CUSTODIAN_FOR", "星光贷", ["t-001"],
    )  # fmt: skip
    [sentence] = fact.evidence
    assert (sentence.text, sentence.article_id, sentence.published_at) == (
        "北辰银行为星光贷提供资金存管服务。", "t-001", date(2018, 6, 16),
    )  # fmt: skip
    assert [f.type for f in kg.evidence("星光集团", None, "星光贷")] == ["OWNS"]
    assert kg.evidence("北辰银行", "OWNS", "星光贷") == []


def test_stats(kg: KnowledgeGraph) -> None:
    stats = kg.stats()
    assert stats.labels["Article"] == 8
    assert stats.labels["P2PPlatform"] == 2
    assert stats.relationship_types["SUBJECT_OF"] == 5
    assert stats.nodes == sum(
        stats.labels[label] for label in ("Article", "Entity", "RiskEvent", "Sentence", "Alias")
    )


def test_networkx_analytics_and_write_back(kg: KnowledgeGraph) -> None:
    graph = kg.to_networkx()
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.nodes["Entity:北辰银行"]["labels"] == ["Bank", "Entity"]
    assert graph.has_edge("Entity:北辰银行", "Entity:星光贷", key="CUSTODIAN_FOR")
    assert sum(1 for _, data in graph.nodes(data=True) if "RiskEvent" in data["labels"]) == 5

    scores = {s.key: s for s in risk_scores(graph)}
    assert scores["Entity:星光贷"].score > scores["Entity:北辰银行"].score > 0
    top = scores["Entity:北辰银行"].top_paths[0]
    assert top.types == ["SUBJECT_OF", "CUSTODIAN_FOR"]
    assert "Entity:上海市公安局" not in scores  # acting on an event is no exposure to it
    assert "Entity:人工智能" not in scores

    ranks = centrality(graph)
    assert {r.key for r in ranks} == set(graph.nodes)

    written = kg.write_back({k: s.score for k, s in scores.items()}, "risk_score")
    assert written == len(scores)
    bank = kg.entity("北辰银行")
    assert bank is not None
    assert bank.properties["risk_score"] == scores["Entity:北辰银行"].score
    with pytest.raises(GraphError, match="cannot write property"):
        kg.write_back({"Entity:北辰银行": 1.0}, "name")
    with pytest.raises(GraphError, match="score key"):
        kg.write_back({"北辰银行": 1.0}, "risk_score")

    part = kg.to_networkx(["月亮贷"], depth=1)
    assert {n for n in part.nodes if n.startswith("Entity:")} == {
        "Entity:月亮贷",
        "Entity:南山银行",
    }


def test_raw_cypher_is_read_only_unless_asked(kg: KnowledgeGraph) -> None:
    with pytest.raises(GraphError, match="--write"):
        kg.cypher("CREATE (:Article {id: $id})", {"id": "x"})
    assert kg.stats().labels["Article"] == 8
    kg.cypher("MATCH (a:Article {id: $id}) SET a.note = $note", {"id": "t-001", "note": "ok"},
              write=True)  # fmt: skip
    row = kg.cypher("MATCH (a:Article {id: 't-001'}) RETURN a.note AS note").rows[0]
    assert row == {"note": "ok"}


def test_routing_uri_and_wrong_password(neo4j_settings: Settings) -> None:
    routed = neo4j_settings.bolt_uri.replace("bolt://", "neo4j://")
    with KnowledgeGraph(
        uri=routed,
        user=neo4j_settings.user,
        password=neo4j_settings.neo4j_password(),
        database=neo4j_settings.database,
    ) as kg:
        assert kg.cypher("RETURN 1 AS one").rows == [{"one": 1}]
    with pytest.raises(ConfigError, match="rejected"):
        KnowledgeGraph(uri=neo4j_settings.bolt_uri, password="not-the-password")
    with pytest.raises(ConfigError, match="either settings"):
        KnowledgeGraph(uri=neo4j_settings.bolt_uri, settings=neo4j_settings)


HOSTILE = [
    ("北辰'银行\"}) DETACH DELETE n //", T.BANK),
    ("`Entity` {x: 1}; MATCH (n) DELETE n", T.COMPANY),
    ("表情😀\\平台\n第二行", T.P2P_PLATFORM),
]


def _run_script(driver: neo4j.Driver, database: str, script: Path) -> None:
    """Run a Cypher script the way cypher-shell would: statements one per line, ';' ended."""
    with driver.session(database=database) as session:
        for line in script.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("//"):
                session.run(line.removesuffix(";")).consume()  # type: ignore[arg-type]


def test_export_round_trips(
    kg: KnowledgeGraph,
    writer: GraphWriter,
    make_record: Callable[..., ExtractionRecord],
    snapshot: Callable[[], dict[str, Any]],
    neo4j_driver: neo4j.Driver,
    neo4j_database: str,
    tmp_path: Path,
) -> None:
    names = [name for name, _ in HOSTILE]
    text = "。".join(names) + "。"
    writer.write(
        [
            make_record(
                "t-hostile",
                text,
                entities=HOSTILE,
                relations=[(R.CUSTODIAN_FOR, names[0], names[2], False)],
                title="'; MATCH (n) DETACH DELETE n; //",
            )
        ]
    )
    before = snapshot()
    stats = kg.stats()

    graphml = tmp_path / "graph.graphml"
    export_graph(kg, "graphml", graphml)
    loaded = nx.read_graphml(graphml)
    assert (loaded.number_of_nodes(), loaded.number_of_edges()) == (
        stats.nodes,
        stats.relationships,
    )
    assert loaded.nodes[f"Entity:{names[2]}"]["name"] == names[2]

    as_json = tmp_path / "graph.json"
    export_graph(kg, "json", as_json)
    document = json.loads(as_json.read_text(encoding="utf-8"))
    assert len(document["nodes"]) == stats.nodes
    assert len(document["relationships"]) == stats.relationships

    script = tmp_path / "graph.cypher"
    export_graph(kg, "cypher", script)
    with neo4j_driver.session(database=neo4j_database) as session:
        session.run("MATCH (n) DETACH DELETE n").consume()
    assert kg.stats().nodes == 0
    _run_script(neo4j_driver, neo4j_database, script)
    assert kg.stats() == stats
    assert snapshot() == before
    assert kg.entity(names[1]) is not None


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NEO4J_URI": settings.bolt_uri,
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.neo4j_password(),
        "NEO4J_DATABASE": settings.database,
    }
    command = [sys.executable, "-c", "from fintech_kg.cli import main; main()", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_cli(kg: KnowledgeGraph, neo4j_settings: Settings, tmp_path: Path) -> None:
    done = _cli(neo4j_settings, "query", "co-mentioned", "-p", "entity=星光贷", "-p", "limit=2",
                "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [r["entity"] for r in json.loads(done.stdout)["rows"]] == ["北辰银行", "上海市公安局"]

    done = _cli(neo4j_settings, "query", "collapsed-platforms", "--param", "since=2018-08-01",
                "--param", "until=2018-08-31")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "月亮贷" in done.stdout and "星光贷" not in done.stdout

    done = _cli(neo4j_settings, "query", "bat-network", "-p", "members=百度，腾讯", "--json")
    assert {r["member"] for r in json.loads(done.stdout)["rows"]} == {"百度", "腾讯"}

    done = _cli(neo4j_settings, "cypher", "MATCH (e:Entity {id: $id}) RETURN e.name AS name",
                "-p", "id=南山银行", "--json")  # fmt: skip
    assert json.loads(done.stdout)["rows"] == [{"name": "南山银行"}]

    done = _cli(neo4j_settings, "cypher", "CREATE (:Article {id: 'cli'})")
    assert done.returncode == 1
    assert "--write" in done.stderr and done.stdout == ""

    done = _cli(neo4j_settings, "query", "co-mentioned", "-p", "limit=ten")
    assert done.returncode == 1 and "of type int" in done.stderr

    done = _cli(neo4j_settings, "stats", "--json")
    assert json.loads(done.stdout)["labels"]["Article"] == 8

    out = tmp_path / "g.json"
    done = _cli(neo4j_settings, "export", "--format", "json", "--output", str(out), "--json")
    assert json.loads(done.stdout)["nodes"] == kg.stats().nodes
    assert out.is_file()


def test_cli_write_runs_call_in_transactions(kg: KnowledgeGraph, neo4j_settings: Settings) -> None:
    kg.cypher("UNWIND range(1, 25) AS i CREATE (:Tmp {i: i})", write=True)
    batched = "MATCH (n:Tmp) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS"
    with pytest.raises(GraphError, match="--write"):
        kg.cypher(batched)

    done = _cli(neo4j_settings, "cypher", "--write", batched)
    assert done.returncode == 0, done.stderr
    assert kg.cypher("MATCH (n:Tmp) RETURN count(n) AS left").rows == [{"left": 0}]
    assert kg.stats().labels["Article"] == 8


SAMPLES = Path(__file__).parents[2] / "src" / "fintech_kg" / "data" / "samples" / "articles.jsonl"


def test_ingest_samples_through_the_pipeline_and_retract(
    empty_graph: None, neo4j_settings: Settings
) -> None:
    with KnowledgeGraph(settings=neo4j_settings) as kg:
        report = kg.ingest([SAMPLES])
        assert (report.articles_written, report.articles_failed) == (11, 0)
        assert kg.ingest([SAMPLES]).articles_skipped == 11

        lifecycle = [(e.type, e.date) for e in kg.timeline("团贷网").events]
        assert lifecycle[0] == ("OVERDUE", date(2019, 3, 25))
        assert ("INVESTIGATION", date(2019, 3, 28)) in lifecycle

        collapsed = kg.query("collapsed-platforms", since=date(2018, 7, 1), until=date(2018, 7, 31))
        assert {r["platform"] for r in collapsed.rows} >= {"唐小僧"}
        assert kg.retract("sample-004").articles_retracted == 1
        assert kg.entity("唐小僧") is None
        collapsed = kg.query("collapsed-platforms", since=date(2018, 7, 1), until=date(2018, 7, 31))
        assert "唐小僧" not in {r["platform"] for r in collapsed.rows}

        before = kg.stats()
        added = kg.ingest(texts=["2020年1月6日，示例网贷平台宣布停止运营。"])
        assert added.articles_written == 1
        assert kg.stats().labels["Article"] == before.labels["Article"] + 1
