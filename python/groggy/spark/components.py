"""Weakly connected components on Spark, in two steps:

1. In each partition, groggy finds the components of that partition's edges (Arrow
   batches in, through ``mapInArrow``) and emits one edge from each node to its local
   component's smallest id: a forest of stars with the graph's connectivity and at most
   one edge per node and partition.
2. Large-star and small-star rounds (Kiveris et al., "Connected Components in MapReduce
   and Beyond", 2014), as GraphFrames runs them, turn that forest into one star per
   component centred on its smallest id, in O(log n) rounds.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from ._edges import DST, SRC, checked_edges, cut

ID = "id"
COMPONENT = "component"
# Edges of the star rounds are kept as (high, low), high > low.
_HI = "hi"
_LO = "lo"


def connected_components(edges: Any, *, stats: dict[str, int] | None = None) -> DataFrame:
    """A DataFrame (``id``, ``component``) of every node of ``edges`` (directions ignored),
    ``component`` the smallest id of its component: the components of
    ``Graph.connected_components`` of the same graph. ``stats``, when given, receives
    ``rounds`` (large-star and small-star rounds run) and ``local_edges`` (edges left
    after the per-partition step)."""
    frame, kind = checked_edges(edges, "connected_components")
    _local_workers_run_this_python(frame)
    id_type: T.DataType = T.LongType() if kind == "int" else T.StringType()
    stars = frame.select(SRC, DST).mapInArrow(
        _local_stars, T.StructType([T.StructField(_HI, id_type), T.StructField(_LO, id_type)])
    )
    forest = cut(stars.filter(F.col(_HI) != F.col(_LO)).distinct())
    if stats is not None:
        stats["local_edges"] = forest.count()
    rounds = 0
    while True:
        rounds += 1
        merged = cut(_small_star(_large_star(forest)))
        if _same(merged, forest):
            break
        forest = merged
    if stats is not None:
        stats["rounds"] = rounds
    ids = frame.select(F.col(SRC).alias(ID)).union(frame.select(F.col(DST).alias(ID))).distinct()
    roots = forest.select(F.col(_HI).alias(ID), F.col(_LO).alias(COMPONENT))
    # A component's smallest id has no edge to a smaller one: it is its own component.
    return ids.join(roots, ID, "left").select(
        ID, F.coalesce(F.col(COMPONENT), F.col(ID)).alias(COMPONENT)
    )


def _local_workers_run_this_python(frame: DataFrame) -> None:
    """In local mode the workers that run groggy are on this machine: when nothing chose
    their Python (``PYSPARK_PYTHON``), they run this one, which has groggy, rather than
    the first ``python3`` on the PATH. On a cluster, the job's configuration chooses."""
    context = frame.sparkSession.sparkContext
    if (
        context.master.startswith("local")
        and "PYSPARK_PYTHON" not in os.environ
        and context.pythonExec == "python3"
    ):
        context.pythonExec = sys.executable


def _local_stars(batches: Iterator[Any]) -> Iterator[Any]:
    """One partition's edges as (node, smallest id of its local component) pairs, found
    by groggy (runs in the Spark worker's Python)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    import groggy as gr

    batches = [b for b in batches if b.num_rows > 0]
    if not batches:  # an empty partition
        return
    table = pa.Table.from_batches(batches)
    g = gr.from_arrow(table, source=SRC, target=DST, directed=False)
    keys = pa.table(g.node_table(format="arrow")).column("key")
    labels = pa.array(g.component_labels().array)
    nodes = pa.table({"key": keys, "label": labels})
    smallest = nodes.group_by("label").aggregate([("key", "min")])
    joined = nodes.join(smallest, "label")
    # Spark reads 64-bit ids and (32-bit offset) strings; groggy hands out large strings.
    id_type = pa.int64() if pa.types.is_integer(keys.type) else pa.string()
    out = pa.table(
        {_HI: joined.column("key").cast(id_type), _LO: joined.column("key_min").cast(id_type)}
    )
    out = out.filter(pc.not_equal(out.column(_HI), out.column(_LO)))
    yield from out.to_batches()


def _neighbours(forest: DataFrame) -> DataFrame:
    """(node, neighbour) both ways."""
    return forest.select(F.col(_HI).alias("u"), F.col(_LO).alias("v")).union(
        forest.select(F.col(_LO).alias("u"), F.col(_HI).alias("v"))
    )


def _large_star(forest: DataFrame) -> DataFrame:
    """Each node's larger neighbours are joined to the smallest of its neighbourhood
    (itself included): each edge (hi, lo) becomes (hi, m(lo))."""
    smallest = _neighbours(forest).groupBy(F.col("u").alias(_LO)).agg(F.min("v").alias("m"))
    m_of_lo = F.least(F.col("m"), F.col(_LO))
    return forest.join(smallest, _LO).select(F.col(_HI), m_of_lo.alias(_LO)).distinct()


def _small_star(forest: DataFrame) -> DataFrame:
    """Each node and its smaller neighbours are joined to the smallest of them: each edge
    (hi, lo) becomes (lo, m(hi)) unless lo is m(hi), and each hi gets (hi, m(hi))."""
    smallest = forest.groupBy(_HI).agg(F.min(_LO).alias("m"))
    moved = (
        forest.join(smallest, _HI)
        .filter(F.col(_LO) != F.col("m"))
        .select(F.col(_LO).alias(_HI), F.col("m").alias(_LO))
    )
    return moved.union(smallest.select(_HI, F.col("m").alias(_LO))).distinct()


def _same(a: DataFrame, b: DataFrame) -> bool:
    """Whether two (kept) edge sets are equal."""
    return a.count() == b.count() and a.subtract(b).isEmpty()
