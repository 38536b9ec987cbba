"""``fintech-kg neo4j start|stop|status``: the managed local Neo4j server."""

from __future__ import annotations

import click

from fintech_kg.neo4j_server import start, status, stop
from fintech_kg.settings import Settings

__all__ = ["COMMANDS", "neo4j_group"]


@click.group("neo4j")
def neo4j_group() -> None:
    """Run a local Neo4j 5 Community server without Docker (needs Java 17+ and Maven).

    The first start fetches Neo4j from Maven Central (cached in ~/.m2) and sets the
    password: NEO4J_PASSWORD, or one generated into .neo4j/password. State lives in
    ./.neo4j (FINTECH_KG_HOME); ports come from NEO4J_BOLT_PORT and NEO4J_HTTP_PORT.

    Example: fintech-kg neo4j start && fintech-kg neo4j status
    """


@neo4j_group.command("start")
def start_command() -> None:
    """Start the server and wait until Bolt answers; does nothing when it already runs.

    Example: fintech-kg neo4j start
    """
    settings = Settings()
    started = start(settings)
    click.echo(f"Neo4j {'started' if started else 'already running'} at {settings.bolt_uri}")
    source = "$NEO4J_PASSWORD" if settings.password else f"in {settings.password_file}"
    click.echo(f"Browser: {settings.browser_url} (user {settings.user}, password {source})")


@neo4j_group.command("stop")
def stop_command() -> None:
    """Stop the server cleanly (SIGTERM, then wait); does nothing when it is not running.

    Example: fintech-kg neo4j stop
    """
    stopped = stop(Settings())
    click.echo("Neo4j stopped" if stopped else "Neo4j was not running")


@neo4j_group.command("status")
def status_command() -> None:
    """Say whether the server runs, where to reach it and where its log is.

    Exits with code 3 when it is not running, so scripts can test it.

    Example: fintech-kg neo4j status || fintech-kg neo4j start
    """
    report = status(Settings())
    if report.running:
        click.echo(f"running (pid {report.pid}) at {report.bolt_uri}")
        click.echo(f"Browser: {report.browser_url}")
    else:
        click.echo("not running (start it with `fintech-kg neo4j start`)")
    click.echo(f"state: {report.home}")
    click.echo(f"log: {report.log_file}")
    if not report.running:
        raise SystemExit(3)


COMMANDS: list[click.Command] = [neo4j_group]
