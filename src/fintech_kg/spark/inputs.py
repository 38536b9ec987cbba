"""What a data team has -> one RDD of articles as JSON text, each with its origin.

Extraction reads every source the same way: one :data:`Input` per article, ``(path, line,
value)``, ``value`` its JSON object (``{"id", "title", "text", ...}``), ``path`` and
``line`` where it came from (``line`` None for a table row). An RDD of plain tuples, not a
DataFrame: Spark then runs reading and extraction in one Python worker per task, where a
DataFrame between them costs a conversion and a second worker per task, which took more
time than the extraction. Each input is then read by
:func:`fintech_kg.reading.read_json_line` or :func:`~fintech_kg.reading.read_record`, the
functions the CLI's reader uses, so a bad row gets the message ``fintech-kg ingest`` prints.

- JSON Lines (files, folders, globs; any Hadoop file system): each file is read in line
  order and its lines numbered, so messages name ``file:line``. Spark decodes them as UTF-8.
- Parquet, or any DataFrame with ``id``, ``title`` and ``text`` (and optionally
  ``published_at``, ``source``, ``url``): one row per article; messages name the table and
  the article id. A date or timestamp ``published_at`` is taken as its date.

Example:
    >>> inputs = source_inputs(spark, ["news/2019.jsonl"], partitions=8)  # doctest: +SKIP
    >>> inputs.first()[:2]  # doctest: +SKIP
    ('news/2019.jsonl', 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from pyspark import RDD
from pyspark.sql import DataFrame, Row, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import DateType, TimestampNTZType, TimestampType

from fintech_kg.errors import InputError

__all__ = ["ARTICLE_COLUMNS", "Input", "frame_inputs", "json_lines_inputs", "source_inputs"]

Input = tuple[str, int | None, str]
"""One article to read: ``(path, line, value)``."""

ARTICLE_COLUMNS = ("id", "title", "text", "published_at", "source", "url")
"""Columns of an article table that extraction reads; others are ignored."""

_JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")
_PARQUET_SUFFIX = ".parquet"


def source_inputs(
    spark: SparkSession, sources: Sequence[str], partitions: int | None = None
) -> RDD[Input]:
    """Inputs of JSON Lines files or folders, or of Parquet (``*.parquet`` files or folders
    holding them), in ``partitions`` partitions (default: Spark's choice)."""
    parquet = {
        source: found
        for source in sources
        if (found := _list_files(spark, source, (_PARQUET_SUFFIX,)))
        and all(path.endswith(_PARQUET_SUFFIX) for _, path in found)
    }
    lines = [s for s in sources if s not in parquet]
    parts = [
        frame_inputs(spark.read.parquet(*(path for _, path in found)), label=source)
        for source, found in parquet.items()
    ]
    if parquet and partitions:
        parts = [part.repartition(partitions) for part in parts]
    if lines:
        parts.append(json_lines_inputs(spark, lines, partitions))
    return parts[0] if len(parts) == 1 else spark.sparkContext.union(parts)


def json_lines_inputs(
    spark: SparkSession, sources: Sequence[str], partitions: int | None = None
) -> RDD[Input]:
    """One input per line of the JSON Lines files (or folders of them) ``sources``, in file
    and line order, numbered from 1 per file."""
    found = [
        (label, path)
        for source in sources
        for label, path in _list_files(spark, source, _JSON_LINES_SUFFIXES)
    ]
    if not found:
        raise InputError(
            "holds no JSON Lines file (.jsonl, .ndjson); give files or folders of articles",
            path=", ".join(sources),
        )
    context = spark.sparkContext
    per_file = max(1, -(-(partitions or context.defaultParallelism) // len(found)))
    return context.union(
        [
            context.textFile(path, minPartitions=per_file)
            .zipWithIndex()
            .map(partial(_numbered, label))
            for label, path in found
        ]
    )


def _numbered(label: str, pair: tuple[str, int]) -> tuple[str, int, str]:
    line, index = pair
    return label, index + 1, line


def frame_inputs(frame: DataFrame, label: str = "<dataframe>") -> RDD[Input]:
    """One input per article of a DataFrame with the :data:`ARTICLE_COLUMNS` it has
    (``text`` at least); ``label`` names it in messages."""
    if "text" not in frame.columns:
        raise InputError(
            f"has columns {frame.columns}, no 'text'; give a table with id, title and text",
            path=label,
        )
    columns: list[Any] = []
    for name in ARTICLE_COLUMNS:
        if name not in frame.columns:
            continue
        column = F.col(name)
        if isinstance(frame.schema[name].dataType, DateType | TimestampType | TimestampNTZType):
            column = F.date_format(column, "yyyy-MM-dd")
        columns.append(column.alias(name))
    rows = frame.select(F.to_json(F.struct(*columns)).alias("value")).rdd
    return rows.map(partial(_table_input, label))


def _table_input(label: str, row: Row) -> Input:
    return label, None, row.value


def _list_files(
    spark: SparkSession, source: str, suffixes: tuple[str, ...]
) -> list[tuple[str, str]]:
    """``(label, path)`` of ``source`` (a file, folder or glob on any Hadoop file system):
    the files it names, and those with ``suffixes`` in the folders it names, sorted; labels
    spell paths as given, like the CLI's messages."""
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    hadoop_path = jvm.org.apache.hadoop.fs.Path(source)
    fs = hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    given = fs.makeQualified(hadoop_path).toString()
    statuses = fs.globStatus(hadoop_path) or []
    if not statuses:
        raise InputError("no such file or folder; check the path", path=source)
    paths: list[str] = []
    for status in statuses:
        if not status.isDirectory():
            paths.append(status.getPath().toString())
            continue
        listing = fs.listFiles(status.getPath(), True)
        while listing.hasNext():
            path = listing.next().getPath()
            name = path.getName().lower()
            if name.endswith(suffixes) and not _hidden(path.toString(), given):
                paths.append(path.toString())
    return [(_label(source, given, path), path) for path in sorted(paths)]


def _hidden(path: str, root: str) -> bool:
    # Spark and Hadoop mark their own files with "_" or "." (_SUCCESS, .crc, _temporary/).
    inside = path[len(root) :] if path.startswith(root) else path
    return any(part.startswith((".", "_")) for part in inside.split("/") if part)


def _label(source: str, given: str, path: str) -> str:
    if path == given:
        return source
    if path.startswith(given.rstrip("/") + "/"):
        return source.rstrip("/") + path[len(given.rstrip("/")) :]
    return path
