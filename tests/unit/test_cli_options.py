"""The shared option bundles: declared once, the same on every command, and they reach the
settings the command connects with."""

from __future__ import annotations

import socket

import click
import pytest
from click.testing import CliRunner

from fintech_kg.cli import cli
from fintech_kg.errors import ServerError


def _option(command: str, name: str) -> click.Option:
    options = [p for p in cli.commands[command].params if isinstance(p, click.Option)]
    return next(o for o in options if name in o.opts)


@pytest.mark.parametrize(
    ("name", "commands"),
    [
        ("--json", ["ingest", "retract", "demo", "query", "cypher", "stats", "export", "evaluate"]),
        ("--workers", ["extract", "ingest"]),
        ("--uri", ["ingest", "retract", "demo", "query", "cypher", "stats", "export"]),
    ],
)
def test_option_is_the_same_everywhere(name: str, commands: list[str]) -> None:
    declared = {(tuple(_option(c, name).opts), _option(c, name).help) for c in commands}
    assert len(declared) == 1, declared


def test_workers_has_its_short_form_on_ingest() -> None:
    assert "-w" in _option("ingest", "--workers").opts


def test_uri_option_reaches_the_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("NEO4J_PASSWORD", "any-password")
    monkeypatch.setenv("NEO4J_URI", "bolt://db.invalid:7687")
    result = CliRunner().invoke(cli, ["stats", "--uri", f"bolt://127.0.0.1:{port}"])
    assert isinstance(result.exception, ServerError)
    assert f"bolt://127.0.0.1:{port}" in str(result.exception)
