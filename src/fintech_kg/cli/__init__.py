"""The ``fintech-kg`` command: a thin layer over the library.

Each command group lives in its own module; this one only assembles them and turns
library errors into one-line messages with a non-zero exit code.
"""

from __future__ import annotations

import sys

import click

from fintech_kg.errors import FintechKGError

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fintech-kg")
def cli() -> None:
    """Chinese fintech risk-event knowledge graph: extract from news, write to Neo4j, query.

    Example: fintech-kg extract articles.jsonl --output out.jsonl
    """


def _register() -> None:
    from fintech_kg.cli import (
        evaluate_cmds,
        extract_cmds,
        ingest_cmds,
        query_cmds,
        resolve_cmds,
        server_cmds,
        spark_cmds,
    )

    for module in (
        server_cmds,
        extract_cmds,
        evaluate_cmds,
        ingest_cmds,
        query_cmds,
        resolve_cmds,
        spark_cmds,
    ):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    """Entry point of the console script."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except FintechKGError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
