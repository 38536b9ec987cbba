"""The Spark schema follows the pydantic models field by field (no session needed)."""

from __future__ import annotations

import datetime

import pytest
from pydantic import BaseModel
from pyspark.sql.types import (
    ArrayType,
    DateType,
    DoubleType,
    LongType,
    MapType,
    StringType,
    StructType,
)

from fintech_kg.models import Entity, ExtractionRecord, RiskEvent
from fintech_kg.spark.schema import RECORD_SCHEMA, model_schema, spark_type


def test_every_model_field_has_a_column_of_its_type() -> None:
    assert RECORD_SCHEMA.fieldNames() == list(ExtractionRecord.model_fields)
    entity = model_schema(Entity)
    assert entity["type"].dataType == StringType()  # an enum travels as its value
    assert entity["attributes"].dataType == MapType(StringType(), StringType(), False)
    assert isinstance(entity["mentions"].dataType, ArrayType)
    event = model_schema(RiskEvent)
    assert (event["date"].dataType, event["date"].nullable) == (DateType(), True)
    assert (event["amount_cny"].dataType, event["amount_cny"].nullable) == (DoubleType(), True)
    assert isinstance(event["evidence"].dataType, StructType)


def test_optional_lists_and_scalars_map_with_their_nullability() -> None:
    assert spark_type(list[int] | None) == (ArrayType(LongType(), False), True)
    assert spark_type(datetime.date) == (DateType(), False)


def test_a_field_with_no_spark_type_is_refused_by_name() -> None:
    class Odd(BaseModel):
        when: datetime.time

    with pytest.raises(TypeError, match="no Spark type for <class 'datetime\\.time'>"):
        model_schema(Odd)
