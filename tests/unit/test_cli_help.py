"""Every command of ``fintech-kg``, at any depth, documents itself with an example."""

from __future__ import annotations

from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from fintech_kg.cli import cli


def walk(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of every command and group under ``command``, ``command`` included."""
    yield path
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from walk(sub, (*path, name))


def command_at(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


COMMANDS = list(walk(cli))


def test_the_walk_reaches_every_registered_command() -> None:
    assert {"query", "cypher", "stats", "export"} <= {path[0] for path in COMMANDS if path}


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "fintech-kg")
def test_command_has_help_text_with_an_example(path: tuple[str, ...]) -> None:
    command = command_at(path)
    assert command.help and command.help.strip(), f"`{' '.join(path)}` has no help text"
    assert "Example" in command.help, f"`{' '.join(path)}` help shows no example"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"`{' '.join(path)}` option {param.opts} has no help"
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    first_line = " ".join(command.help.strip().splitlines()[0].split())
    assert first_line in " ".join(result.output.split())
