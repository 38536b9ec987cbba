"""Option bundles shared by the commands, declared once (as sqlite-utils does).

Each is a decorator: ``@json_option`` adds ``--json`` (parameter ``as_json``),
``@workers_option`` adds ``--workers/-w``, ``@batch_size_option`` adds ``--batch-size``, and
``@connection_options`` adds ``--uri``, ``--user`` and ``--database`` and hands the command
one :class:`~fintech_kg.settings.Settings` (parameter ``settings``) built from them over the
environment. The password comes from ``NEO4J_PASSWORD`` or the managed server's file, never
from the command line, where other users could read it.

Example::

    @click.command()
    @connection_options
    @json_option
    def stats(settings: Settings, as_json: bool) -> None:
        ...
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from fintech_kg.graph.writer import DEFAULT_BATCH_SIZE
from fintech_kg.settings import ENVIRONMENT, Settings

__all__ = ["batch_size_option", "connection_options", "json_option", "workers_option"]

F = TypeVar("F", bound=Callable[..., Any])

json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print JSON for scripts instead of text."
)

workers_option = click.option(
    "--workers",
    "-w",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Processes to extract with; each loads the pipeline once.",
)

batch_size_option = click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Articles per write transaction.",
)

_CONNECTION = (
    ("uri", f"Bolt URI of the server [default: {ENVIRONMENT['uri']}, else the managed server]."),
    ("user", f"User to log in as [default: {ENVIRONMENT['user']}, else neo4j]."),
    ("database", f"Database to use [default: {ENVIRONMENT['database']}, else neo4j]."),
)


def connection_options(command: F) -> F:
    """Add ``--uri``, ``--user`` and ``--database``; pass ``settings`` to the command."""

    @functools.wraps(command)
    def with_settings(*args: Any, **kwargs: Any) -> Any:
        given = {name: kwargs.pop(name) for name, _ in _CONNECTION}
        settings = Settings(**{name: value for name, value in given.items() if value})
        return command(*args, settings=settings, **kwargs)

    for name, text in reversed(_CONNECTION):
        with_settings = click.option(f"--{name}", help=text)(with_settings)
    return with_settings  # type: ignore[return-value]
