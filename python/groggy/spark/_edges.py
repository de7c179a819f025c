"""The edge tables groggy.spark takes, checked before any job runs: columns ``src`` and
``dst`` of one kind of ids (integers, read as 64-bit, or strings), no null id, and a numeric
weight column when one is named. Every check raises ``InvalidArgumentError`` naming what
is wrong; nothing is computed on a table that fails one."""

from __future__ import annotations

from typing import Any, NamedTuple

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .._errors import InvalidArgumentError

SRC = "src"
DST = "dst"
WEIGHT = "weight"

_INTEGRAL = (T.ByteType, T.ShortType, T.IntegerType, T.LongType)


class SparkGraph(NamedTuple):
    """A graph as Spark DataFrames: ``edges`` (``src``, ``dst``, edge attributes) and
    ``nodes`` (``id``, node attributes; every node, isolated ones included). Every
    ``groggy.spark`` function taking edges takes a SparkGraph too."""

    edges: DataFrame
    nodes: DataFrame


def id_kind(op: str, column: str, data_type: T.DataType) -> str:
    """``"int"`` or ``"str"``: the kind of ids a column holds."""
    if isinstance(data_type, _INTEGRAL):
        return "int"
    if isinstance(data_type, T.StringType):
        return "str"
    raise InvalidArgumentError(
        f"{op}: column {column!r} must hold integer or string ids, not {data_type.simpleString()}"
    )


def frame_of(edges: Any, op: str) -> DataFrame:
    """The DataFrame of ``edges`` (a DataFrame, or a ``SparkGraph``'s edges)."""
    # Not getattr(edges, "edges"): a DataFrame answers it with its column of that name.
    frame = edges.edges if isinstance(edges, SparkGraph) else edges
    if not isinstance(frame, DataFrame):
        raise TypeError(f"{op}: edges must be a Spark DataFrame, not {type(edges).__name__}")
    return frame


def require_columns(op: str, frame: DataFrame, names: tuple[str, ...], what: str) -> None:
    present = frame.columns
    for name in names:
        if name not in present:
            raise InvalidArgumentError(f"{op}: {what} have no column {name!r} (columns: {present})")


def no_nulls(op: str, frame: DataFrame, names: tuple[str, ...], what: str) -> None:
    """Runs one small job when the schema allows nulls in ``names``."""
    nullable = [f.name for f in frame.schema.fields if f.name in names and f.nullable]
    if not nullable:
        return
    any_null: Column = F.lit(False)
    for name in nullable:
        any_null = any_null | F.col(name).isNull()
    if not frame.filter(any_null).isEmpty():
        raise InvalidArgumentError(f"{op}: {what} have a null in {' or '.join(nullable)}")


def checked_edges(edges: Any, op: str, weight: str | None = None) -> tuple[DataFrame, str]:
    """``(src, dst[, weight])`` of ``edges`` with integer ids as 64-bit and the weight as
    double, and the kind of ids (``"int"`` or ``"str"``)."""
    frame = frame_of(edges, op)
    names = (SRC, DST) if weight is None else (SRC, DST, weight)
    require_columns(op, frame, names, "edges")
    types = {f.name: f.dataType for f in frame.schema.fields}
    kinds = {id_kind(op, SRC, types[SRC]), id_kind(op, DST, types[DST])}
    if len(kinds) > 1:
        raise InvalidArgumentError(
            f"{op}: src and dst must hold ids of one kind, not "
            f"{types[SRC].simpleString()} and {types[DST].simpleString()}"
        )
    kind = kinds.pop()
    id_type = "long" if kind == "int" else "string"
    columns = [F.col(SRC).cast(id_type).alias(SRC), F.col(DST).cast(id_type).alias(DST)]
    if weight is not None:
        if not isinstance(types[weight], T.NumericType):
            raise InvalidArgumentError(
                f"{op}: weight column {weight!r} must be numeric, not "
                f"{types[weight].simpleString()}"
            )
        columns.append(F.col(weight).cast("double").alias(WEIGHT))
    no_nulls(op, frame, (SRC, DST), "edges")
    return frame.select(*columns), kind


def check_id(op: str, what: str, value: Any, kind: str) -> None:
    """A Python id given beside edges of ids of ``kind``."""
    ok = (
        isinstance(value, str)
        if kind == "str"
        else (isinstance(value, int) and not isinstance(value, bool))
    )
    if not ok:
        raise InvalidArgumentError(
            f"{op}: {what} must be {'a string' if kind == 'str' else 'an integer'} "
            f"like the edges' ids, not {value!r}"
        )


def cut(frame: DataFrame) -> DataFrame:
    """``frame`` computed now and kept, its plan cut short: iterations stay one step deep
    whatever their number (no ever-growing lineage)."""
    return frame.localCheckpoint(eager=True)
