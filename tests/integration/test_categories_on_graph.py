"""Sectors and generic authorities on a real graph: no risk path, shortest path or score
passes through them.

The graph (sentences written for this test): 乙银行 holds 丙贷's funds; police with no place
(公安机关, generic) act on both 丙贷 and 甲贷, and 甲贷 collapses; two tech companies both
empower 网贷行业 (a Sector), and the sector itself has a sector-level event. Without the
exclusion, 乙银行 would be exposed to 甲贷's collapse through the police, and 丁科技 would be
linked to 戊科技 through the sector.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from fintech_kg.graph.analytics import centrality, risk_scores
from fintech_kg.graph.client import KnowledgeGraph
from fintech_kg.graph.writer import GraphWriter
from fintech_kg.models import ExtractionRecord
from fintech_kg.settings import Settings
from fintech_kg.vocabulary import EntityType as T
from fintech_kg.vocabulary import RelationType as R

TEXT = (
    "乙银行为丙贷提供资金存管服务。公安机关对丙贷立案侦查。公安机关对甲贷立案侦查。"
    "甲贷已经爆雷。丁科技赋能网贷行业。戊科技也赋能网贷行业。网贷行业出现倒闭潮。"
)
CATEGORIES = {"公安机关", "网贷行业"}


def _write(writer: GraphWriter, make_record: Callable[..., ExtractionRecord]) -> None:
    record = make_record(
        "cat-001",
        TEXT,
        published_at=date(2019, 3, 1),
        entities=[
            ("乙银行", T.BANK),
            ("丙贷", T.P2P_PLATFORM),
            ("公安机关", T.REGULATOR),
            ("甲贷", T.P2P_PLATFORM),
            ("丁科技", T.TECH_COMPANY),
            ("网贷行业", T.SECTOR),
            ("戊科技", T.TECH_COMPANY),
        ],
        attributes={
            "公安机关": {"kind": "police", "generic": "true"},
            "网贷行业": {"kind": "sector"},
        },
        relations=[
            (R.CUSTODIAN_FOR, "乙银行", "丙贷", False),
            (R.REGULATES, "公安机关", "丙贷", False),
            (R.REGULATES, "公安机关", "甲贷", False),
            (R.EMPOWERS, "丁科技", "网贷行业", False),
            (R.EMPOWERS, "戊科技", "网贷行业", False),
        ],
        events=[
            {"type": "INVESTIGATION", "subjects": ["丙贷"], "trigger": "对丙贷立案侦查",
             "authority": "公安机关"},
            {"type": "COLLAPSE", "subjects": ["甲贷"], "trigger": "爆雷"},
            {"type": "COLLAPSE", "subjects": ["网贷行业"], "trigger": "倒闭潮"},
        ],
    )  # fmt: skip
    assert writer.write([record]).articles_written == 1


def test_the_graph_holds_the_categories_as_written(
    writer: GraphWriter, make_record: Callable[..., ExtractionRecord], neo4j_settings: Settings
) -> None:
    _write(writer, make_record)
    with KnowledgeGraph(settings=neo4j_settings) as kg:
        found = kg.cypher(
            "MATCH (n:Entity) WHERE n:Sector OR n.generic = 'true' RETURN n.id AS id ORDER BY id"
        )
        assert [row["id"] for row in found.rows] == sorted(CATEGORIES)


def test_risk_exposure_never_passes_a_sector_or_generic_authority(
    writer: GraphWriter, make_record: Callable[..., ExtractionRecord], neo4j_settings: Settings
) -> None:
    _write(writer, make_record)
    with KnowledgeGraph(settings=neo4j_settings) as kg:
        bank = kg.query("risk-exposure", entity="乙银行", max_hops=4, limit=50).rows
        assert {row["subject"] for row in bank} == {"丙贷"}, "甲贷 only through the police"
        for row in bank:
            hops = {h["source"] for h in row["hops"]} | {h["target"] for h in row["hops"]}
            assert not hops & CATEGORIES
        assert kg.query("risk-exposure", entity="丁科技", max_hops=4, limit=50).rows == []
        assert kg.query("risk-exposure", entity="网贷行业", max_hops=4, limit=50).rows == []


def test_shortest_path_never_passes_a_sector_or_generic_authority(
    writer: GraphWriter, make_record: Callable[..., ExtractionRecord], neo4j_settings: Settings
) -> None:
    _write(writer, make_record)
    with KnowledgeGraph(settings=neo4j_settings) as kg:
        [path] = kg.query("shortest-path", source="乙银行", target="丙贷").rows
        assert path["nodes"] == ["乙银行", "丙贷"]
        assert kg.query("shortest-path", source="乙银行", target="甲贷").rows == []
        assert kg.query("shortest-path", source="丁科技", target="戊科技").rows == []
        assert kg.query("shortest-path", source="公安机关", target="甲贷").rows == []


def test_sectors_and_generic_authorities_carry_no_risk_score_or_centrality(
    writer: GraphWriter, make_record: Callable[..., ExtractionRecord], neo4j_settings: Settings
) -> None:
    _write(writer, make_record)
    with KnowledgeGraph(settings=neo4j_settings) as kg:
        graph = kg.to_networkx()
    keys = {f"Entity:{name}" for name in CATEGORIES}
    assert keys <= set(graph.nodes), "the categories are in the graph analysed"
    scored = {score.key for score in risk_scores(graph)}
    assert "Entity:乙银行" in scored and "Entity:甲贷" in scored
    assert not scored & keys
    assert "Entity:丁科技" not in scored, "no risk flows from the sector's event"
    ranked = {score.key for score in centrality(graph)}
    assert "Entity:丙贷" in ranked and not ranked & keys
