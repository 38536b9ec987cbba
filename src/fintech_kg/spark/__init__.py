"""Extraction and ingest on Apache Spark: ``pip install 'fintech-kg[spark]'`` (Spark 3.5).

A job reads articles from what a data team has (JSON Lines, Parquet, any DataFrame with
``id``, ``title``, ``text``), extracts them on the executors and writes the records through
the same graph writer as ``fintech-kg ingest``, with the same guarantees: the same graph
whatever the partitioning, a rerun changes nothing, a killed job run again converges.

- :mod:`fintech_kg.spark.session`: ``spark_session``, workers on this environment's Python;
- :mod:`fintech_kg.spark.inputs`: sources -> one input per article with its file and line;
- :mod:`fintech_kg.spark.schema`: Spark schemas derived from the pydantic models;
- :mod:`fintech_kg.spark.extraction`: ``extract_inputs`` -> records and errors DataFrames;
- :mod:`fintech_kg.spark.writing`: ``write_records`` through :class:`GraphWriter`;
- :mod:`fintech_kg.spark.job`: ``ingest``, the whole job.

Example:
    >>> from fintech_kg.spark import ingest, spark_session  # doctest: +SKIP
    >>> report = ingest(spark_session("local[2]"), ["news.jsonl"], Settings())  # doctest: +SKIP
"""

from __future__ import annotations

try:
    import pyspark  # noqa: F401
except ImportError as exc:
    raise ImportError(
        "fintech_kg.spark needs PySpark 3.5 and Java 17; install PySpark with"
        " pip install 'fintech-kg[spark]' (in a checkout: make setup)"
    ) from exc

from fintech_kg.spark.extraction import Extraction, extract_inputs
from fintech_kg.spark.inputs import frame_inputs, json_lines_inputs, source_inputs
from fintech_kg.spark.job import ingest
from fintech_kg.spark.schema import ERROR_SCHEMA, RECORD_SCHEMA, record_from_row
from fintech_kg.spark.session import spark_session
from fintech_kg.spark.writing import WRITE_MODES, write_records

__all__ = [
    "ERROR_SCHEMA",
    "RECORD_SCHEMA",
    "WRITE_MODES",
    "Extraction",
    "extract_inputs",
    "frame_inputs",
    "ingest",
    "json_lines_inputs",
    "record_from_row",
    "source_inputs",
    "spark_session",
    "write_records",
]
