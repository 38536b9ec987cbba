"""`fintech-kg neo4j ...`: help with examples, exit codes, one-line errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fintech_kg.cli import cli, main
from fintech_kg.settings import ENVIRONMENT


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for variable in ENVIRONMENT.values():
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("FINTECH_KG_HOME", str(tmp_path / "state"))


@pytest.mark.parametrize("command", ["start", "stop", "status"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(cli, ["neo4j", command, "--help"])
    assert result.exit_code == 0
    assert f"Example: fintech-kg neo4j {command}" in result.output


def test_status_of_a_stopped_server_exits_3(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["neo4j", "status"])
    assert result.exit_code == 3
    assert "not running" in result.output
    assert str(tmp_path / "state" / "logs" / "console.log") in result.output


def test_stop_of_a_stopped_server_is_a_no_op() -> None:
    result = CliRunner().invoke(cli, ["neo4j", "stop"])
    assert result.exit_code == 0
    assert result.output == "Neo4j was not running\n"


def test_error_is_one_line_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://db.example:7687")
    monkeypatch.setattr(sys, "argv", ["fintech-kg", "neo4j", "start"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: NEO4J_URI=bolt://db.example:7687 points at another server")
    assert err.count("\n") == 1
