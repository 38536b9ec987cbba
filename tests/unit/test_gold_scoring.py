"""Full-schema scoring (gold_dev/README.md) on gold and predictions we write by hand, and the
same figures as the reference scorer on the real gold_dev when ../shared is present."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fintech_kg.cli.evaluate_cmds import evaluate
from fintech_kg.cli.extract_cmds import extract
from fintech_kg.evaluation.full_schema import compare_article, format_findings, gold_dev_report
from fintech_kg.evaluation.gold_dev import GoldArticle, load_gold_dev, split_gold_dev
from fintech_kg.evaluation.scores import EvaluationReport
from fintech_kg.evaluation.suite import default_data_dir
from fintech_kg.models import (
    ArticleMeta,
    Entity,
    Evidence,
    ExtractionRecord,
    Mention,
    Relation,
    RiskEvent,
)
from fintech_kg.vocabulary import EntityType, EventType, RelationType

REFERENCE = default_data_dir() / ".." / "tools" / "score_gold.py"
GOLD = [
    {
        "id": "g1",
        "entities": [
            {"name": "甲贷", "type": "P2PPlatform", "aliases": [], "optional": False},
            {"name": "乙银行", "type": "Bank", "aliases": [], "optional": False},
            {"name": "丙集团", "type": "Company", "aliases": ["丙"], "optional": False},
            {"name": "某报", "type": "Company", "aliases": [], "optional": True},
        ],
        "relations": [
            {"type": "CUSTODIAN_FOR", "source": "乙银行", "target": "甲贷"},
            {"type": "OWNS", "source": "丙集团", "target": "甲贷"},
            {"type": "PARTNERS_WITH", "source": "乙银行", "target": "丙集团"},
        ],
        "events": [
            {"type": "COLLAPSE", "subjects": ["甲贷"], "authority": None, "date": None,
             "amount_cny": None},
            {"type": "INVESTIGATION", "subjects": ["甲贷"], "authority": None, "date": None,
             "amount_cny": None},
            {"type": "COLLAPSE", "subjects": [], "authority": None, "date": None,
             "amount_cny": None, "sector": "P2P"},
        ],
    },
    {
        "id": "g2",
        "entities": [{"name": "戊宝", "type": "P2PPlatform", "aliases": [], "optional": False}],
        "relations": [],
        "events": [
            {"type": "EXIT", "subjects": ["戊宝"], "authority": None, "date": None,
             "amount_cny": None}
        ],
    },
]  # fmt: skip

EVIDENCE = Evidence(
    sentence="句", start=0, end=1, extractor="test", extractor_version="t", confidence=1
)


def entity(name: str, kind: EntityType, written: str | None = None) -> Entity:
    mention = Mention(text=written or name, start=0, end=1, evidence=EVIDENCE)
    return Entity(id=name, name=name, type=kind, confidence=1, mentions=[mention])


def relation(kind: RelationType, source: str, target: str) -> Relation:
    return Relation(type=kind, source=source, target=target, confidence=1, evidence=EVIDENCE)


def event(number: int, kind: EventType, subject: str) -> RiskEvent:
    return RiskEvent(
        id=f"e{number}", type=kind, subjects=[subject], confidence=1, evidence=EVIDENCE
    )


# g1 predicted; g2 has no record at all, so everything of it is a miss.
PREDICTED = ExtractionRecord(
    id="g1",
    article=ArticleMeta(id="g1", content_sha256="", char_count=1),
    entities=[
        entity("甲贷", EntityType.P2P_PLATFORM, written="“甲贷”"),  # quotes are ignored
        entity("乙银行", EntityType.COMPANY),  # span right, type wrong
        entity("丙", EntityType.COMPANY),  # a gold alias
        entity("某报", EntityType.COMPANY),  # optional: neither right nor wrong
        entity("丁公司", EntityType.COMPANY),  # not in the gold
    ],
    relations=[
        relation(RelationType.CUSTODIAN_FOR, "乙银行", "甲贷"),
        relation(RelationType.PARTNERS_WITH, "丙", "乙银行"),  # symmetric: either direction
        relation(RelationType.OWNS, "甲贷", "丙"),  # OWNS reversed is wrong
    ],
    events=[
        event(1, EventType.COLLAPSE, "甲贷"),
        event(2, EventType.FRAUD, "甲贷"),
        event(3, EventType.COLLAPSE, "丁公司"),
        event(4, EventType.COLLAPSE, "丁公司"),  # the same stray pair counts once
        event(5, EventType.OVERDUE, "丁公司"),
    ],
)
# (tp, fp, fn) of each measure, worked out by hand from the README's rules.
EXPECTED = {
    "entity span": (3, 1, 1),
    "entity typed": (2, 2, 2),
    "relation": (2, 1, 1),
    "event subject": (1, 1, 1),
    "event typed": (1, 3, 2),
    "entity typed Bank": (0, 0, 1),
    "entity typed Company": (1, 2, 0),
    "relation OWNS": (0, 1, 1),
    "event typed EXIT": (0, 0, 1),
}


def hand_made_report() -> EvaluationReport:
    golds = [GoldArticle.model_validate(g) for g in GOLD]
    records = {"g1": PREDICTED}
    return gold_dev_report([compare_article(g, records.get(g.id)) for g in golds], "all")


def test_hand_made_pairs_give_the_counts_worked_out_by_hand() -> None:
    scores = {s.name: s for s in hand_made_report().scores}
    for name, counts in EXPECTED.items():
        assert (scores[name].tp, scores[name].fp, scores[name].fn) == counts, name
    typed = scores["entity typed"]
    assert typed.precision == pytest.approx(0.5) and typed.recall == pytest.approx(0.5)
    events = scores["event typed"]
    assert events.precision == pytest.approx(0.25)
    assert events.recall == pytest.approx(1 / 3)
    assert events.f1 == pytest.approx(2 / 7)


def test_findings_list_misses_and_false_positives() -> None:
    gold = GoldArticle.model_validate(GOLD[0])
    text = format_findings([compare_article(gold, PREDICTED)])
    assert "relation       miss  OWNS 丙集团 -> 甲贷" in text
    assert "relation       false OWNS 甲贷 -> 丙" in text
    assert "event typed    false COLLAPSE 丁公司" in text
    assert "entity typed   miss  乙银行 (Bank; found as Company)" in text
    assert "某报" not in text  # optional entities are no error


def test_split_is_fixed_disjoint_and_fifty_first() -> None:
    golds = [GoldArticle(id=f"bdci-{n:04d}", entities=[]) for n in range(75)]
    tune = split_gold_dev(golds, "tune")
    held_out = split_gold_dev(golds, "held-out")
    assert (len(tune), len(held_out)) == (50, 25)
    assert not {g.id for g in tune} & {g.id for g in held_out}
    assert split_gold_dev(list(reversed(golds)), "tune") == list(reversed(tune))


def _reference(pred: Path, gold: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, str(REFERENCE), str(pred), str(gold)],
        capture_output=True,
        text=True,
        check=True,
    )
    pairs = (line.split(" = ") for line in done.stdout.splitlines())
    return {key: float(value) for key, value in pairs if key != "missing_ids"}


def _ours(report: EvaluationReport) -> dict[str, float]:
    keys = {
        "entity span": "entity_span",
        "entity typed": "entity_typed",
        "relation": "relation",
        "event subject": "event_subject",
        "event typed": "event_typed",
    }
    figures = {}
    for score in report.scores:
        if score.name in keys:
            key = keys[score.name]
            figures[f"{key}_p"] = round(score.precision or 0.0, 3)
            figures[f"{key}_r"] = round(score.recall, 3)
            figures[f"{key}_f1"] = round(score.f1 or 0.0, 3)
    return figures


needs_reference = pytest.mark.skipif(
    not REFERENCE.is_file(), reason="the reference scorer ../shared/tools is not present"
)


@needs_reference
def test_hand_made_figures_equal_the_reference_scorer(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in GOLD))
    pred = tmp_path / "pred.jsonl"
    pred.write_text(PREDICTED.model_dump_json() + "\n")
    assert _ours(hand_made_report()) == _reference(pred, gold)


@needs_reference
def test_gold_dev_figures_equal_the_reference_scorer(tmp_path: Path) -> None:
    data_dir = default_data_dir()
    pred = tmp_path / "pred.jsonl"
    # the extract command writes what the reference reads
    result = CliRunner().invoke(
        extract, [str(data_dir / "gold_dev" / "articles.jsonl"), "-o", str(pred)]
    )
    assert result.exit_code == 0, result.output
    records = {
        r.id: r for r in (ExtractionRecord.model_validate_json(line) for line in pred.open())
    }
    golds = load_gold_dev(data_dir)
    comparisons = [compare_article(g, records.get(g.id)) for g in golds]
    gold_file = data_dir / "gold_dev" / "gold.jsonl"
    assert _ours(gold_dev_report(comparisons, "all")) == _reference(pred, gold_file)
    held_out = {g.id for g in split_gold_dev(golds, "held-out")}
    part = tmp_path / "held_out_gold.jsonl"
    part.write_text(
        "".join(line for line in gold_file.open() if json.loads(line)["id"] in held_out)
    )
    ours = _ours(gold_dev_report([c for c in comparisons if c.id in held_out], "held-out"))
    assert ours == _reference(pred, part)


ARTICLES = [
    {"id": "d1", "title": "测试平台蓝鲸贷宣布清盘", "text": "网贷平台蓝鲸贷昨日宣布清盘。"},
    {"id": "d2", "title": "", "text": "示例银行与示例科技合作。"},
]
D_GOLD = [
    {"id": "d1", "entities": [{"name": "蓝鲸贷", "type": "P2PPlatform"}],
     "events": [{"type": "COLLAPSE", "subjects": ["蓝鲸贷"]}]},
    {"id": "d2", "entities": [{"name": "示例银行", "type": "Bank"},
                              {"name": "未写出的公司", "type": "Company"}]},
]  # fmt: skip


def test_evaluate_command_scores_gold_dev_and_lists_an_articles_misses(tmp_path: Path) -> None:
    folder = tmp_path / "gold_dev"
    folder.mkdir()
    lines = (json.dumps(x, ensure_ascii=False) + "\n" for x in ARTICLES)
    (folder / "articles.jsonl").write_text("".join(lines))
    (folder / "gold.jsonl").write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in D_GOLD)
    )
    result = CliRunner().invoke(
        evaluate, ["--dataset", "gold_dev", "--data-dir", str(tmp_path), "--article", "d2"]
    )
    assert result.exit_code == 0, result.output
    assert "gold_dev all" in result.output and "entity typed P2PPlatform" in result.output
    assert "gold_dev held-out" in result.output
    assert "== d2" in result.output and "== d1" not in result.output
    assert "miss  未写出的公司 (Company)" in result.output
