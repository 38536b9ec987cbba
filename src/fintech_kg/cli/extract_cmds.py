"""``fintech-kg extract``: articles in, one JSON line of findings per article out (no database)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from fintech_kg.cli.options import workers_option
from fintech_kg.errors import InputError
from fintech_kg.models import Article, ExtractionRecord

__all__ = ["COMMANDS", "extract", "extract_schema", "schema"]


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--output",
    "-o",
    default="-",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="JSON Lines file to write (- = standard output).",
)
@workers_option
def extract(paths: tuple[str, ...], output: str, workers: int) -> None:
    """Extract entities, relations and risk events from articles into JSON Lines.

    PATHS are text, Markdown, HTML or JSON Lines files, folders, or - for standard input.
    One JSON object per article, in input order (schema: docs/extraction.schema.json). A bad
    file or line is reported on stderr with its place; the others are still processed and
    the exit status is 1.

    Example: fintech-kg extract articles.jsonl notes/ --output out.jsonl --workers 2
    """
    from fintech_kg.extraction import extract_json_lines
    from fintech_kg.reading import read_articles

    failures: list[InputError] = []

    def articles() -> Iterator[Article]:
        for item in read_articles(paths):
            if isinstance(item, InputError):
                failures.append(item)
                click.echo(f"error: {item}", err=True)
            else:
                yield item

    written = 0
    with click.open_file(output, "w", encoding="utf-8") as sink:
        for line in extract_json_lines(articles(), workers=workers):
            sink.write(line + "\n")
            written += 1
    where = "standard output" if output == "-" else str(Path(output))
    click.echo(f"extracted {written} article(s) to {where}; {len(failures)} failed", err=True)
    if failures:
        sys.exit(1)


@click.command("extract-schema")
def extract_schema() -> None:
    """Print the JSON Schema of one ``extract`` output line (from the pydantic models).

    Example: fintech-kg extract-schema > docs/extraction.schema.json
    """
    click.echo(json.dumps(schema(), ensure_ascii=False, indent=2))


def schema() -> dict[str, Any]:
    """JSON Schema of :class:`~fintech_kg.models.ExtractionRecord`, as published in docs/."""
    document = ExtractionRecord.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return document


COMMANDS: list[click.Command] = [extract, extract_schema]
