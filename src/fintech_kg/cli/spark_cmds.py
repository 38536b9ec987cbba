"""``fintech-kg spark ingest``: the ingest as a Spark job (the ``spark`` extra).

A thin layer over :func:`fintech_kg.spark.job.ingest`. PySpark is imported only when a
Spark command runs, so the rest of the CLI works without it and this says how to get it.
"""

from __future__ import annotations

import sys

import click

from fintech_kg.graph.writer import DEFAULT_BATCH_SIZE
from fintech_kg.settings import Settings

__all__ = ["COMMANDS", "spark_group"]


@click.group("spark")
def spark_group() -> None:
    """Run extraction and ingest on Apache Spark (pip install 'fintech-kg[spark]').

    Example: fintech-kg spark ingest news/ --master 'local[4]' --partitions 16
    """


def _conf(values: tuple[str, ...]) -> dict[str, str]:
    conf = {}
    for value in values:
        key, equals, setting = value.partition("=")
        if not equals or not key:
            raise click.BadParameter(f"{value!r} is not KEY=VALUE", param_hint="--conf")
        conf[key] = setting
    return conf


@spark_group.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--master",
    default=None,
    help="Spark master, e.g. local[4] or yarn [default: what spark-submit set, else local[*]].",
)
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    default=None,
    help="Partitions the extraction is split into [default: Spark's parallelism].",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Articles per transaction.",
)
@click.option(
    "--write-mode",
    type=click.Choice(["driver", "partitions"]),
    default="driver",
    show_default=True,
    help="Write from the driver in input order, or from every partition in parallel.",
)
@click.option(
    "--writers",
    type=click.IntRange(min=1),
    default=None,
    help="With --write-mode partitions: most partitions writing at once [default: all].",
)
@click.option("--conf", "conf", multiple=True, metavar="KEY=VALUE", help="Spark setting.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
def spark_ingest(
    sources: tuple[str, ...],
    master: str | None,
    partitions: int | None,
    batch_size: int,
    write_mode: str,
    writers: int | None,
    conf: tuple[str, ...],
    as_json: bool,
) -> None:
    """Read JSON Lines or Parquet (files, folders, globs, hdfs:// or s3a:// paths), extract on
    Spark and write to the graph as `fintech-kg ingest` does.

    The graph is the one `fintech-kg ingest` builds from the same articles, whatever the
    partitioning; a rerun changes nothing. Bad rows are listed on stderr with file and line,
    the rest is written; the exit status is 1 when any input failed.

    Example: fintech-kg spark ingest news/ --master 'local[4]' --partitions 16
    """
    try:
        from fintech_kg.spark import ingest, spark_session
    except ImportError as exc:
        raise click.ClickException(str(exc)) from exc  # it names the extra to install
    spark = spark_session(master, _conf(conf))
    report = ingest(
        spark,
        list(sources),
        Settings(),
        partitions=partitions,
        batch_size=batch_size,
        write_mode="partitions" if write_mode == "partitions" else "driver",
        writers=writers,
    )
    for error in report.errors:
        click.echo(f"failed: {error.message}", err=True)
    if as_json:
        click.echo(report.model_dump_json(indent=2))
    else:
        click.echo(
            f"{report.articles_read} articles read on Spark: {report.articles_written} written"
            f" ({report.articles_replaced} replacing an older version),"
            f" {report.articles_skipped} unchanged, {report.articles_failed} failed;"
            f" {report.nodes_created} nodes and {report.relationships_created} relationships"
            " created"
        )
    if report.articles_failed:
        sys.exit(1)


COMMANDS: list[click.Command] = [spark_group]
