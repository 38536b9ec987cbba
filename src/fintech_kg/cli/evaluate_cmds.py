"""``fintech-kg evaluate``: score extraction on the labelled development sets."""

from __future__ import annotations

import json
from pathlib import Path

import click

from fintech_kg.cli.options import json_option
from fintech_kg.evaluation.full_schema import ArticleComparison, format_findings
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
@click.option(
    "--misses",
    is_flag=True,
    help="gold_dev: also list each article's misses and false positives.",
)
@click.option(
    "--article",
    "articles",
    multiple=True,
    metavar="ID",
    help="gold_dev: list the misses and false positives of this article only (repeatable).",
)
def evaluate(
    dataset: str,
    split: str,
    limit: int | None,
    data_dir: Path,
    as_json: bool,
    misses: bool,
    articles: tuple[str, ...],
) -> None:
    """Score extraction on gold_dev, FinNSP, CCKS 2019 and FinRE: precision, recall and F1.

    gold_dev: entities (span and typed), relations and event (type, subject) pairs scored as
    gold_dev/README.md defines, overall and per type, on all 75 articles and on each part of
    its fixed split (--split does not apply); FinNSP: entity recall and risk-subject F1;
    CCKS 2019: subject F1 over in-scope event types; FinRE: relation F1 over the mapped
    labels, on the labelled pairs only. Sets that are absent are skipped with a message.

    Example: fintech-kg evaluate --dataset gold_dev --article bdci-68a25cd1
    """
    datasets = DATASETS if dataset == "all" else (dataset,)
    comparisons: list[ArticleComparison] = []
    reports = run_evaluation(
        datasets,
        data_dir,
        split,
        limit,
        skipped=lambda message: click.echo(message, err=True),
        compared=comparisons.append,
    )
    if as_json:
        click.echo(json.dumps([r.model_dump() for r in reports], ensure_ascii=False, indent=2))
    elif reports:
        click.echo(format_reports(reports))
    if misses or articles:
        chosen = [c for c in comparisons if not articles or c.id in articles]
        click.echo(format_findings(chosen) or "no misses or false positives")


COMMANDS: list[click.Command] = [evaluate]
