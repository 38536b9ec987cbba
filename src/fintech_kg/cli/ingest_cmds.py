"""Commands that write the graph: ``ingest``, ``retract`` and ``demo``.

Each is a few lines over :class:`~fintech_kg.graph.client.KnowledgeGraph`; the connection
comes from :class:`~fintech_kg.settings.Settings` (``--uri`` …, ``NEO4J_URI`` …, else the
managed server).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from fintech_kg.cli.options import (
    batch_size_option,
    connection_options,
    json_option,
    workers_option,
)
from fintech_kg.errors import GraphError
from fintech_kg.graph.client import KnowledgeGraph
from fintech_kg.graph.ingest import IngestReport
from fintech_kg.settings import Settings

__all__ = ["COMMANDS", "SAMPLES", "demo", "ingest_command", "retract"]

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "articles.jsonl"
"""The packaged sample articles that ``fintech-kg demo`` ingests."""

_DEMO_QUERY = """\
MATCH p = (:Entity {id: '团贷网'})-[:SUBJECT_OF]->(:RiskEvent)
OPTIONAL MATCH chain = (:RiskEvent)-[:FOLLOWED_BY {subject: '团贷网'}]->(:RiskEvent)
OPTIONAL MATCH custody = (:Bank)-[:CUSTODIAN_FOR]->(:P2PPlatform)
RETURN p, chain, custody"""


def _ingest(
    settings: Settings, sources: list[str | Path], workers: int, batch_size: int | None = None
) -> IngestReport:
    with (
        KnowledgeGraph(settings=settings) as kg,
        tqdm(unit=" articles", file=sys.stderr, desc="ingest", leave=False) as bar,
    ):
        report = kg.ingest(sources, workers=workers, batch_size=batch_size, progress=bar.update)
    for error in report.errors:
        click.echo(f"failed: {error.message}", err=True)
    return report


def _summary(report: IngestReport) -> str:
    return (
        f"{report.articles_read} articles read: {report.articles_written} written"
        f" ({report.articles_replaced} replacing an older version),"
        f" {report.articles_skipped} unchanged, {report.articles_failed} failed;"
        f" {report.nodes_created} nodes and {report.relationships_created} relationships"
        f" created, {report.nodes_deleted} nodes and {report.relationships_deleted}"
        " relationships deleted"
    )


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@batch_size_option
@workers_option
@connection_options
@json_option
def ingest_command(
    paths: tuple[str, ...], batch_size: int, workers: int, settings: Settings, as_json: bool
) -> None:
    """Read, extract and write articles (files, folders, or - for stdin) into the graph.

    Ingesting an unchanged article again changes nothing; a changed one replaces its
    earlier contribution; an interrupted run can be started again. Bad inputs are listed
    on stderr with file and line, the rest is written; the exit status is 1 when any
    input failed.

    Example: fintech-kg ingest news/ more.jsonl --batch-size 500 --workers 2
    """
    report = _ingest(settings, list(paths), workers, batch_size)
    click.echo(report.model_dump_json(indent=2) if as_json else _summary(report))
    if report.articles_failed:
        sys.exit(1)


@click.command("retract")
@click.argument("article_id")
@connection_options
@json_option
def retract(article_id: str, settings: Settings, as_json: bool) -> None:
    """Remove exactly what one article contributed to the graph.

    Relationships, risk events and entities that other articles support stay, with their
    evidence lists and event figures recomputed from what remains.

    Example: fintech-kg retract sample-003
    """
    with KnowledgeGraph(settings=settings) as kg:
        report = kg.retract(article_id)
    if not report.articles_retracted:
        raise GraphError(
            f"no article {article_id!r} in database {settings.database!r}; list the ids with"
            " `fintech-kg cypher 'MATCH (a:Article) RETURN a.id'`"
        )
    click.echo(
        report.model_dump_json(indent=2)
        if as_json
        else f"retracted {article_id}: {report.nodes_deleted} nodes and"
        f" {report.relationships_deleted} relationships deleted"
    )


@click.command("demo")
@connection_options
@json_option
def demo(settings: Settings, as_json: bool) -> None:
    """Start the local Neo4j, load the sample articles, and show where to look.

    Uses the server at --uri / NEO4J_URI when that is set, else starts the managed one
    (`fintech-kg neo4j start`). Running it again changes nothing.

    Example: fintech-kg demo
    """
    if settings.managed:
        from fintech_kg.neo4j_server import start, status

        if not status(settings).running:
            click.echo("starting the managed Neo4j (first run downloads it)…", err=True)
            start(settings)
    report = _ingest(settings, [SAMPLES], workers=1)
    if as_json:
        click.echo(report.model_dump_json(indent=2))
        return
    click.echo(_summary(report))
    click.echo(f"\nOpen Neo4j Browser: {settings.browser_url}")
    click.echo(f"(connect to {settings.bolt_uri} as {settings.user}) and paste:\n")
    click.echo(_DEMO_QUERY)


COMMANDS: list[click.Command] = [ingest_command, retract, demo]
