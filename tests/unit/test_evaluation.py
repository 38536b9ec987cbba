"""Evaluation metrics and data readers, on tiny data sets we write ourselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fintech_kg.cli.evaluate_cmds import evaluate
from fintech_kg.evaluation import (
    DatasetMissing,
    Score,
    candidate_entities,
    load_ccks,
    load_finnsp,
    load_finre,
    score_ccks,
    score_finnsp,
    score_finre,
    split_items,
)
from fintech_kg.evaluation.suite import format_reports, run_evaluation
from fintech_kg.models import ArticleMeta, Evidence, ExtractionRecord, RiskEvent
from fintech_kg.vocabulary import EntityType, EventType, RelationType


def test_score_figures() -> None:
    score = Score(name="x", tp=6, fp=2, fn=4)
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.6)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Score(name="empty").f1 == 0.0
    recall_only = Score(name="r", fp=None, tp=9, fn=1)
    assert recall_only.precision is None and recall_only.f1 is None
    assert recall_only.recall == pytest.approx(0.9)


def write_sets(root: Path) -> None:
    (root / "finnsp").mkdir(parents=True)
    rows = [
        ["id", "title", "text", "entity", "negative", "key_entity"],
        ["b2", "", "乙宝经营正常。", "乙宝", "0", ""],
        ["a1", "", "甲贷爆雷，丙银行是其存管银行。", "甲贷;丙银行", "1", "甲贷"],
    ]
    (root / "finnsp" / "train_list.json").write_text(json.dumps(rows, ensure_ascii=False))
    (root / "ccks2019_event_entity").mkdir()
    (root / "ccks2019_event_entity" / "train.csv").write_text(
        "7,甲贷涉嫌非法集资，丁公司业绩下滑,涉嫌非法集资,甲贷\n"
        "8,甲贷涉嫌非法集资，丁公司业绩下滑,业绩下滑,丁公司\n"
        "9,戊公司评级下调,评级调整,戊公司\n",
        encoding="utf-8",
    )
    (root / "finre").mkdir()
    (root / "finre" / "valid.txt").write_text(
        "甲集团\t乙公司\t收购\t甲集团收购乙公司。\n\n"
        "乙公司\t甲集团\t被收购\t甲集团收购乙公司。\n\n"
        "丙公司\t丁公司\t竞争\t丙公司与丁公司合作。\n\n"
        "戊公司\t己公司\tunknown\t戊公司收购己公司。\n",
        encoding="utf-8",
    )


def record(item_id: str, names: dict[str, EntityType], subjects: list[str]) -> ExtractionRecord:
    text = "".join(names)
    evidence = Evidence(
        sentence=text, start=0, end=len(text), extractor="t", extractor_version="t", confidence=1
    )
    events = [
        RiskEvent(
            id="e", type=EventType.COLLAPSE, subjects=subjects, confidence=1, evidence=evidence
        )
    ]
    meta = ArticleMeta(id=item_id, content_sha256="", char_count=len(text))
    return ExtractionRecord(
        id=item_id,
        article=meta,
        entities=candidate_entities(text, names),
        events=events if subjects else [],
    )


def test_readers_group_label_and_split(tmp_path: Path) -> None:
    write_sets(tmp_path)
    finnsp = load_finnsp(tmp_path)
    assert [(t.id, t.negative, t.subjects) for t in finnsp] == [
        ("b2", False, []),
        ("a1", True, ["甲贷"]),
    ]
    (text,) = [t for t in load_ccks(tmp_path) if t.in_scope]
    assert text.rows == [("涉嫌非法集资", "甲贷"), ("业绩下滑", "丁公司")]
    pairs = load_finre(tmp_path, "valid")
    assert len(pairs) == 3  # the two directions of a pair are one pair
    assert pairs[0].relations == {(RelationType.ACQUIRES, "甲集团", "乙公司")}
    assert pairs[2].relations == frozenset()  # "unknown" maps to no relation
    assert [t.id for t in split_items(finnsp, "tune")] == ["a1", "b2"]
    assert split_items(finnsp, "held-out") == []
    with pytest.raises(DatasetMissing, match="data-dir"):
        load_finnsp(tmp_path / "absent")


def test_finnsp_counts_subjects_and_recall(tmp_path: Path) -> None:
    write_sets(tmp_path)
    records = {
        "a1": record(
            "a1", {"甲贷": EntityType.P2P_PLATFORM, "丙银行": EntityType.BANK}, ["甲贷", "丙银行"]
        ),
        "b2": record("b2", {"乙宝": EntityType.P2P_PLATFORM}, ["乙宝"]),
    }
    report = score_finnsp(load_finnsp(tmp_path), lambda text, item_id: records[item_id])
    recall, subjects, within, injected = report.scores
    assert (recall.tp, recall.fn) == (3, 0)
    assert (subjects.tp, subjects.fp, subjects.fn) == (1, 2, 0)  # 丙银行 and 乙宝 are wrong
    assert (within.tp, within.fp, within.fn) == (1, 2, 0)
    # On the labelled entities alone: "甲贷爆雷" is found; 丙银行's sentence has no trigger.
    assert (injected.tp, injected.fp, injected.fn) == (1, 0, 0)


def test_ccks_ignores_out_of_scope_subjects(tmp_path: Path) -> None:
    write_sets(tmp_path)
    names = {"甲贷": EntityType.P2P_PLATFORM, "丁公司": EntityType.COMPANY}
    texts = [t for t in load_ccks(tmp_path) if t.in_scope]
    report = score_ccks(texts, lambda text, item_id: record(item_id, names, ["甲贷", "丁公司"]))
    subject, typed = report.scores
    assert report.items == 1
    assert (subject.tp, subject.fp, subject.fn) == (1, 0, 0)
    assert (typed.tp, typed.fn) == (0, 1)  # COLLAPSE does not answer 涉嫌非法集资


def test_finre_scores_labelled_pairs_with_direction(tmp_path: Path) -> None:
    write_sets(tmp_path)
    report = score_finre(load_finre(tmp_path, "valid"))
    overall = report.scores[0]
    # 收购: right; 合作 predicted where 竞争 is labelled: fp + fn; unknown pair: fp.
    assert (overall.tp, overall.fp, overall.fn) == (1, 2, 1)


def test_absent_sets_are_skipped_and_table_prints(tmp_path: Path) -> None:
    skipped: list[str] = []
    assert run_evaluation(["finre"], tmp_path, "all", skipped=skipped.append) == []
    assert "finre" in skipped[0]
    write_sets(tmp_path)
    table = format_reports(run_evaluation(["finre"], tmp_path, "held-out"))
    assert "relation ACQUIRES" in table


def test_evaluate_command(tmp_path: Path) -> None:
    write_sets(tmp_path)
    result = CliRunner().invoke(
        evaluate, ["--dataset", "finre", "--data-dir", str(tmp_path), "--json"]
    )
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.output)
    assert report["dataset"] == "finre" and report["split"] == "held-out"
    assert report["scores"][0]["tp"] == 1
