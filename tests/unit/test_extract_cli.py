"""``fintech-kg extract`` and ``extract-schema`` end to end, on inputs written here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from fintech_kg.cli import cli
from fintech_kg.cli.extract_cmds import schema

ROOT = Path(__file__).resolve().parents[2]


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_in_order_with_a_bad_line_reported(tmp_path: Path) -> None:
    source = tmp_path / "news.jsonl"
    rows = [
        json.dumps(
            {"id": "n1", "title": "一", "text": "网贷平台甜橙猫贷爆雷。"}, ensure_ascii=False
        ),
        "{not json",
        json.dumps({"id": "n2", "title": "二", "text": "腾讯与招行合作。"}, ensure_ascii=False),
    ]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(source), "--output", str(output)])
    assert result.exit_code == 1
    assert f"{source}:2" in result.stderr
    records = _lines(output)
    assert [r["id"] for r in records] == ["n1", "n2"]
    assert {"腾讯", "招商银行"} <= {e["id"] for e in records[1]["entities"]}
    assert set(records[0]) == {"id", "article", "entities", "relations", "events"}


def test_text_file_and_stdin_to_stdout_with_workers(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("百度与工行签署合作协议。", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["extract", str(note), "-", "--workers", "2"], input="蚂蚁集团发布区块链平台。"
    )
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    ids = [{e["id"] for e in record["entities"]} for record in records]
    assert {"百度", "中国工商银行"} <= ids[0]
    assert {"蚂蚁集团", "区块链"} <= ids[1]


def test_missing_file_fails_but_others_are_written(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("京东数科与某银行合作。", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    missing = tmp_path / "nowhere.txt"
    args = ["extract", str(missing), str(note), "-o", str(output)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert str(missing) in result.stderr
    assert len(_lines(output)) == 1


def test_published_schema_is_the_generated_one() -> None:
    published = json.loads((ROOT / "docs" / "extraction.schema.json").read_text("utf-8"))
    assert published == schema(), "run: fintech-kg extract-schema > docs/extraction.schema.json"
    result = CliRunner().invoke(cli, ["extract-schema"])
    assert json.loads(result.stdout) == published
