"""A groggy graph to and from Spark DataFrames, through Arrow (no per-row Python work),
for graphs that fit on one machine: edges as (``src``, ``dst``, edge attributes...), nodes
as (``id``, node attributes...)."""

from __future__ import annotations

from typing import Any

from pyspark.sql import DataFrame, SparkSession

from ..graph import Graph
from ..interop import from_arrow
from ._edges import DST, SRC, SparkGraph, checked_edges, frame_of, no_nulls, require_columns

ID = "id"


def to_spark(g: Graph, spark: SparkSession) -> SparkGraph:
    """``g``'s edges and nodes as Spark DataFrames of ``spark`` (attribute kinds as Arrow
    types them; keys of both kinds or mixed attributes raise ``InvalidOperationError``,
    as ``g.edge_table(format="arrow")`` does)."""
    import pyarrow as pa

    edges = pa.table(g.edge_table(format="arrow"))
    edges = edges.rename_columns([SRC, DST, *edges.column_names[2:]])
    nodes = pa.table(g.node_table(format="arrow"))
    nodes = nodes.rename_columns([ID, *nodes.column_names[1:]])
    return SparkGraph(_frame(spark, edges), _frame(spark, nodes))


def _frame(spark: SparkSession, table: Any) -> DataFrame:
    """A DataFrame of an Arrow table; large strings as strings (what Spark reads)."""
    import pyarrow as pa

    fields = [
        pa.field(f.name, pa.string()) if pa.types.is_large_string(f.type) else f
        for f in table.schema
    ]
    return spark.createDataFrame(table.cast(pa.schema(fields)))


def from_spark(edges: Any, nodes: DataFrame | None = None, *, directed: bool = True) -> Graph:
    """A Graph of ``edges`` (``src``, ``dst``, then edge attributes) and, optionally,
    ``nodes`` (``id``, then node attributes; loaded first, so isolated nodes come too),
    read through Arrow as ``gr.from_arrow`` reads. Directed by default, as the Spark
    functions read edges. Collects the tables to the driver: for graphs that fit on one
    machine."""
    op = "from_spark"
    if nodes is None and isinstance(edges, SparkGraph):
        nodes = edges.nodes
    frame = frame_of(edges, op)
    checked_edges(frame, op)  # columns, kinds and nulls, before anything is collected
    node_table = None
    if nodes is not None:
        require_columns(op, nodes, (ID,), "nodes")
        no_nulls(op, nodes, (ID,), "nodes")
        node_table = nodes.toArrow()
    return from_arrow(
        frame.toArrow(), nodes=node_table, source=SRC, target=DST, directed=directed, key=ID
    )
