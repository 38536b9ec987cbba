"""``fintech-kg evaluate``: score extraction on the labelled development sets."""

from __future__ import annotations

import json
from pathlib import Path

import click

from fintech_kg.cli.options import json_option
from fintech_kg.evaluation.suite import (
    DATASETS,
    SPLITS,
    default_data_dir,
    format_reports,
    run_evaluation,
)

__all__ = ["COMMANDS", "evaluate"]


@click.command()
@click.option(
    "--dataset",
    type=click.Choice([*DATASETS, "all"]),
    default="all",
    show_default=True,
    help="Which labelled set to score.",
)
@click.option(
    "--split",
    type=click.Choice(SPLITS),
    default="held-out",
    show_default=True,
    help="'tune' = first 80 % by id (rules were tuned on it), 'held-out' = last 20 % "
    "(FinRE: train.txt / valid.txt), 'all' = both.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Score at most N items per set.")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=default_data_dir,
    show_default="../shared/data",
    help="Folder holding finnsp/, ccks2019_event_entity/ and finre/.",
)
@json_option
def evaluate(dataset: str, split: str, limit: int | None, data_dir: Path, as_json: bool) -> None:
    """Score extraction on FinNSP, CCKS 2019 and FinRE: precision, recall and F1.

    FinNSP: entity recall and risk-subject F1; CCKS 2019: subject F1 over in-scope event
    types; FinRE: relation F1 over the mapped labels, on the labelled pairs only. Sets that
    are absent are skipped with a message.

    Example: fintech-kg evaluate --dataset finre --split held-out
    """
    datasets = DATASETS if dataset == "all" else (dataset,)
    reports = run_evaluation(
        datasets, data_dir, split, limit, skipped=lambda message: click.echo(message, err=True)
    )
    if as_json:
        click.echo(json.dumps([r.model_dump() for r in reports], ensure_ascii=False, indent=2))
    elif reports:
        click.echo(format_reports(reports))


COMMANDS: list[click.Command] = [evaluate]
