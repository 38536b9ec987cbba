"""``fintech-kg query | cypher | stats | export``: questions to the graph from the shell.

Each command is a few lines over :class:`~fintech_kg.graph.client.KnowledgeGraph`: it
connects with ``--uri``/``--user``/``--database`` over the settings from the environment
(``NEO4J_URI`` …), prints a table (or JSON with ``--json``) and leaves errors on stderr with
a non-zero exit code.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from fintech_kg.cli.options import connection_options, json_option
from fintech_kg.graph.client import KnowledgeGraph
from fintech_kg.graph.export import ExportFormat, export_graph
from fintech_kg.graph.queries import NamedQuery, get_query, guess_value, load_queries
from fintech_kg.graph.results import QueryResult
from fintech_kg.settings import Settings

__all__ = ["COMMANDS"]

F = TypeVar("F", bound=Callable[..., Any])


def _param_option(command: F) -> F:
    return click.option(
        "--param",
        "-p",
        "params",
        multiple=True,
        metavar="KEY=VALUE",
        help="A query parameter; repeat for several. Lists: a,b,c or a JSON list.",
    )(command)


@click.command("query")
@click.argument("name", required=False)
@_param_option
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
@click.option(
    "--show", is_flag=True, help="Print the query with its :param line for Neo4j Browser."
)
@connection_options
@json_option
def query_command(
    name: str | None,
    params: Sequence[str],
    list_queries: bool,
    show: bool,
    settings: Settings,
    as_json: bool,
) -> None:
    """Run a named query from cypher/queries, typing each --param by the query's header.

    Example: fintech-kg query collapsed-platforms --param since=2018-06-01 --param until=2018-08-31
    """
    if list_queries:
        _print_query_list(list(load_queries().values()), as_json)
        return
    if name is None:
        raise click.UsageError("give a query NAME, or --list to see them")
    named = get_query(name)
    if show:
        click.echo(f"{named.example_line}\n\n{named.cypher}")
        return
    values = named.convert(dict(_split_params(params)))
    with KnowledgeGraph(settings=settings) as kg:
        _print_result(kg.query(name, **values), as_json)


@click.command("cypher")
@click.argument("statement")
@_param_option
@click.option(
    "--write",
    is_flag=True,
    help="Allow writes: run in an auto-commit transaction, as cypher-shell does, so "
    "CALL { ... } IN TRANSACTIONS works (default: a read-only transaction).",
)
@connection_options
@json_option
def cypher_command(
    statement: str, params: Sequence[str], write: bool, settings: Settings, as_json: bool
) -> None:
    """Run one raw Cypher statement, read-only unless --write is given.

    With --write the statement commits on its own (an auto-commit transaction), so the
    batched updates of Neo4j's docs run: CALL { ... } IN TRANSACTIONS OF 1000 ROWS.
    Parameter values are typed by their look: 3 is an integer, 2018-06-01 a date, true a
    boolean, [..] or {..} JSON; everything else a string.

    Example: fintech-kg cypher "MATCH (e:Entity {name: $name}) RETURN e.id" -p name=百度

    Example: fintech-kg cypher --write "MATCH (n:Tmp) CALL { WITH n DETACH DELETE n } IN
    TRANSACTIONS OF 1000 ROWS"
    """
    values = {key: guess_value(text) for key, text in _split_params(params)}
    with KnowledgeGraph(settings=settings) as kg:
        _print_result(kg.cypher(statement, values, write=write), as_json)


@click.command("stats")
@connection_options
@json_option
def stats_command(settings: Settings, as_json: bool) -> None:
    """Count the graph's nodes per label and relationships per type.

    Example: fintech-kg stats --json
    """
    with KnowledgeGraph(settings=settings) as kg:
        stats = kg.stats()
    if as_json:
        click.echo(stats.model_dump_json(indent=2))
        return
    click.echo(f"nodes: {stats.nodes}  relationships: {stats.relationships}")
    for title, counts in (("label", stats.labels), ("relationship", stats.relationship_types)):
        rows = [{title: key, "count": value} for key, value in sorted(counts.items())]
        click.echo("")
        click.echo(_table([title, "count"], rows))


@click.command("export")
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["graphml", "json", "cypher"]),
    required=True,
    help="graphml (Gephi, networkx), json, or a cypher script that rebuilds the graph.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="File to write.",
)
@connection_options
@json_option
def export_command(export_format: str, output: Path, settings: Settings, as_json: bool) -> None:
    """Export the whole graph to a file.

    The cypher script rebuilds the graph in an empty database: cypher-shell -f FILE.

    Example: fintech-kg export --format graphml --output graph.graphml
    """
    with KnowledgeGraph(settings=settings) as kg:
        graph = export_graph(kg, cast(ExportFormat, export_format), output)
    summary = {
        "format": export_format,
        "output": str(output),
        "nodes": len(graph.nodes),
        "relationships": len(graph.relationships),
    }
    if as_json:
        click.echo(json.dumps(summary))
    else:
        click.echo(
            f"wrote {summary['nodes']} nodes and {summary['relationships']} relationships "
            f"to {output} ({export_format})"
        )


def _split_params(params: Sequence[str]) -> list[tuple[str, str]]:
    pairs = []
    for param in params:
        key, sep, value = param.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{param!r} is not KEY=VALUE", param_hint="--param")
        pairs.append((key.strip(), value))
    return pairs


def _print_query_list(queries: list[NamedQuery], as_json: bool) -> None:
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "name": q.name,
                        "description": q.description,
                        "params": [p.model_dump() for p in q.params],
                        "example": q.example_line,
                    }
                    for q in queries
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for q in queries:
        params = " ".join(f"{p.name}={p.type}{'?' if p.optional else ''}" for p in q.params)
        click.echo(f"{q.name}  {params}".rstrip())
        click.echo(f"    {q.description}")


def _print_result(result: QueryResult, as_json: bool) -> None:
    if as_json:
        click.echo(result.model_dump_json(indent=2))
        return
    click.echo(_table(result.columns, result.rows))
    click.echo(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")


def _table(columns: list[str], rows: list[dict[str, Any]]) -> str:
    """Rows as an aligned text table; Chinese characters count as two columns."""
    cells = [[_cell(row.get(column)) for column in columns] for row in rows]
    widths = [
        max([_width(column)] + [_width(line[i]) for line in cells])
        for i, column in enumerate(columns)
    ]
    lines = [_row(columns, widths), _row(["-" * w for w in widths], widths)]
    lines += [_row(line, widths) for line in cells]
    return "\n".join(lines)


def _row(values: list[str], widths: list[int]) -> str:
    return "  ".join(
        v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)
    ).rstrip()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:79] + "…"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


COMMANDS: list[click.Command] = [query_command, cypher_command, stats_command, export_command]
