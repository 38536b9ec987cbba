"""Spark schemas derived from the pydantic models, and rows in and out of them.

The records DataFrame has one column per field of
:class:`~fintech_kg.models.ExtractionRecord` (``id``, ``article``, ``entities``,
``relations``, ``events``), typed all the way down: a model becomes a struct, a list an
array, ``dict[str, str]`` a map, a date a ``DateType``, an enum its string value. A change
to the models changes the schema with no edit here, and a row converts back to the record
it came from (:func:`record_from_row`), so the graph writer gets exactly what extraction
produced.

Example:
    >>> RECORD_SCHEMA["article"].dataType["published_at"].dataType  # doctest: +SKIP
    DateType()
"""

from __future__ import annotations

import datetime
import types
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pyspark.sql import Row
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    DataType,
    DateType,
    DoubleType,
    LongType,
    MapType,
    StringType,
    StructField,
    StructType,
)

from fintech_kg.graph.ingest import IngestError
from fintech_kg.models import ExtractionRecord

__all__ = [
    "ERROR_SCHEMA",
    "RECORD_SCHEMA",
    "model_schema",
    "record_from_row",
    "spark_type",
]

_SCALARS: dict[Any, DataType] = {
    str: StringType(),
    int: LongType(),
    float: DoubleType(),
    bool: BooleanType(),
    datetime.date: DateType(),
}


def spark_type(annotation: Any) -> tuple[DataType, bool]:
    """The Spark type of a field annotation and whether it is nullable.

    Example: ``spark_type(list[str] | None)`` -> ``(ArrayType(StringType(), False), True)``
    """
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(members) != 1:
            raise TypeError(f"no Spark type for the union {annotation!r}")
        return spark_type(members[0])[0], True
    if origin is list:
        (item,) = get_args(annotation)
        item_type, item_nullable = spark_type(item)
        return ArrayType(item_type, item_nullable), False
    if origin is dict:
        key, value = get_args(annotation)
        value_type, value_nullable = spark_type(value)
        return MapType(spark_type(key)[0], value_type, value_nullable), False
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_schema(annotation), False
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return StringType(), False
    if origin is Literal and all(isinstance(arg, str) for arg in get_args(annotation)):
        return StringType(), False  # a closed set of words, like an enum
    if annotation in _SCALARS:
        return _SCALARS[annotation], False
    raise TypeError(f"no Spark type for {annotation!r}; extend fintech_kg.spark.schema")


def model_schema(model: type[BaseModel]) -> StructType:
    """A struct with one field per model field, in the model's order."""
    fields = []
    for name, info in model.model_fields.items():
        data_type, nullable = spark_type(info.annotation)
        fields.append(StructField(name, data_type, nullable))
    return StructType(fields)


RECORD_SCHEMA = model_schema(ExtractionRecord)
"""Columns of the records DataFrame: one per :class:`ExtractionRecord` field."""

ERROR_SCHEMA = model_schema(IngestError)
"""Columns of the errors DataFrame: ``message`` (as the CLI prints it), ``path``, ``line``,
``article_id``."""


def record_from_row(row: Row) -> ExtractionRecord:
    """The :class:`ExtractionRecord` a row of the records DataFrame holds."""
    return ExtractionRecord.model_validate(row.asDict(recursive=True))
