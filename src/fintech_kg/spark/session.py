"""A SparkSession whose Python workers run this environment's interpreter.

Spark starts its Python workers with ``python3`` from ``PATH`` unless ``PYSPARK_PYTHON``
names another; outside this virtual environment that interpreter has no ``fintech_kg``, so
a worker would fail on its first task. Locally it is set to the running interpreter; on a
cluster set it to the shipped environment's (``./environment/bin/python`` with
``spark.archives``, see the README) and it is left alone.

Example:
    >>> spark = spark_session("local[2]", {"spark.ui.enabled": "false"})  # doctest: +SKIP
    >>> spark.sparkContext.defaultParallelism  # doctest: +SKIP
    2
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

from pyspark.sql import SparkSession

from fintech_kg.settings import Settings, export_spark_python

__all__ = ["spark_session"]

APP_NAME = "fintech-kg"


def spark_session(master: str | None = None, conf: Mapping[str, str] | None = None) -> SparkSession:
    """The active SparkSession, or a new one on ``master`` with ``conf``.

    ``master`` None keeps what ``spark-submit`` chose, else runs ``local[*]``.
    """
    settings = Settings()
    export_spark_python(settings, sys.executable)
    builder = SparkSession.builder.appName(APP_NAME)
    # spark-submit hands its Python program a gateway to the JVM it started, whose master
    # is already set; a program started on its own needs one.
    if master is not None or settings.spark_gateway_port is None:
        builder = builder.master(master or "local[*]")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
