"""Commands that write the graph: ``ingest``, ``retract`` and ``demo``.

Each is a thin layer over :mod:`fintech_kg.graph.ingest` and
:class:`~fintech_kg.graph.writer.GraphWriter`; the connection comes from
:class:`~fintech_kg.settings.Settings` (``NEO4J_URI`` …, else the managed server).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from fintech_kg.errors import GraphError
from fintech_kg.graph.aliases import load_overrides
from fintech_kg.graph.ingest import IngestReport, ingest
from fintech_kg.graph.schema import apply_schema
from fintech_kg.graph.writer import DEFAULT_BATCH_SIZE, GraphWriter
from fintech_kg.settings import Settings

__all__ = ["COMMANDS", "SAMPLES", "demo", "ingest_command", "retract"]

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "articles.jsonl"
"""The packaged sample articles that ``fintech-kg demo`` ingests."""

_DEMO_QUERY = """\
MATCH p = (:Entity {id: '团贷网'})-[:SUBJECT_OF]->(:RiskEvent)
OPTIONAL MATCH chain = (:RiskEvent)-[:FOLLOWED_BY {subject: '团贷网'}]->(:RiskEvent)
OPTIONAL MATCH custody = (:Bank)-[:CUSTODIAN_FOR]->(:P2PPlatform)
RETURN p, chain, custody"""


def _run_ingest(
    sources: list[str | Path], settings: Settings, batch_size: int, workers: int
) -> IngestReport:
    with settings.driver() as driver:
        apply_schema(driver, settings.database)
        aliases = load_overrides(settings.aliases_file)  # the user's entity merges and splits
        writer = GraphWriter(driver, settings.database, batch_size=batch_size, aliases=aliases)
        with tqdm(unit=" articles", file=sys.stderr, desc="ingest", leave=False) as bar:
            return ingest(sources, writer, workers=workers, progress=bar.update)


def _summary(report: IngestReport) -> str:
    return (
        f"{report.articles_read} articles read: {report.articles_written} written"
        f" ({report.articles_replaced} replacing an older version),"
        f" {report.articles_skipped} unchanged, {report.articles_failed} failed;"
        f" {report.nodes_created} nodes and {report.relationships_created} relationships"
        f" created, {report.nodes_deleted} nodes and {report.relationships_deleted}"
        " relationships deleted"
    )


def _show_errors(report: IngestReport) -> None:
    for error in report.errors:
        click.echo(f"failed: {error.message}", err=True)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Articles per transaction.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Extraction processes.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
def ingest_command(paths: tuple[str, ...], batch_size: int, workers: int, as_json: bool) -> None:
    """Read, extract and write articles (files, folders, or - for stdin) into the graph.

    Ingesting an unchanged article again changes nothing; a changed one replaces its
    earlier contribution; an interrupted run can be started again. Bad inputs are listed
    on stderr with file and line, the rest is written; the exit status is 1 when any
    input failed.

    Example: fintech-kg ingest news/ more.jsonl --batch-size 500 --workers 2
    """
    report = _run_ingest(list(paths), Settings(), batch_size, workers)
    _show_errors(report)
    click.echo(report.model_dump_json(indent=2) if as_json else _summary(report))
    if report.articles_failed:
        sys.exit(1)


@click.command("retract")
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
def retract(article_id: str, as_json: bool) -> None:
    """Remove exactly what one article contributed to the graph.

    Relationships, risk events and entities that other articles support stay, with their
    evidence lists and event figures recomputed from what remains.

    Example: fintech-kg retract sample-003
    """
    settings = Settings()
    with settings.driver() as driver:
        report = GraphWriter(driver, settings.database).retract(article_id)
    if not report.articles_retracted:
        raise GraphError(
            f"no article {article_id!r} in database {settings.database!r}; list the ids with"
            " `fintech-kg cypher 'MATCH (a:Article) RETURN a.id'`"
        )
    if as_json:
        click.echo(report.model_dump_json(indent=2))
    else:
        click.echo(
            f"retracted {article_id}: {report.nodes_deleted} nodes and"
            f" {report.relationships_deleted} relationships deleted"
        )


@click.command("demo")
@click.option("--json", "as_json", is_flag=True, help="Print the ingest report as JSON.")
def demo(as_json: bool) -> None:
    """Start the local Neo4j, load the sample articles, and show where to look.

    Uses the server at NEO4J_URI when that is set, else starts the managed one
    (`fintech-kg neo4j start`). Running it again changes nothing.

    Example: fintech-kg demo
    """
    settings = Settings()
    if settings.managed:
        from fintech_kg.neo4j_server import start, status

        if not status(settings).running:
            click.echo("starting the managed Neo4j (first run downloads it)…", err=True)
            start(settings)
    report = _run_ingest([SAMPLES], settings, DEFAULT_BATCH_SIZE, 1)
    _show_errors(report)
    if as_json:
        click.echo(report.model_dump_json(indent=2))
        return
    click.echo(_summary(report))
    click.echo(f"\nOpen Neo4j Browser: {settings.browser_url}")
    click.echo(f"(connect to {settings.bolt_uri} as {settings.user}) and paste:\n")
    click.echo(_DEMO_QUERY)


COMMANDS: list[click.Command] = [ingest_command, retract, demo]
