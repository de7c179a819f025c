"""Breadth-first distances on Spark: the frontier is expanded along edges from ``src`` to
``dst`` by one join per level, minus the nodes already reached."""

from __future__ import annotations

from typing import Any

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .._errors import InvalidArgumentError, NodeNotFoundError
from ._edges import DST, SRC, check_id, checked_edges, cut

ID = "id"
DISTANCE = "distance"


def bfs_distances(edges: Any, source: Any, max_depth: int | None = None) -> DataFrame:
    """A DataFrame (``id``, ``distance``) with one row per node reached from ``source``
    following edges from ``src`` to ``dst`` (the source at 0), none for unreached nodes;
    with ``max_depth``, nodes at most that many edges away. The distances of
    ``Graph.shortest_path_lengths(source)`` on the same directed graph.
    ``NodeNotFoundError`` when no edge has ``source``."""
    op = "bfs_distances"
    if max_depth is not None and (
        not isinstance(max_depth, int) or isinstance(max_depth, bool) or max_depth < 0
    ):
        raise InvalidArgumentError(f"{op}: max_depth must be a non-negative integer or None")
    frame, kind = checked_edges(edges, op)
    check_id(op, "source", source, kind)
    if frame.filter((F.col(SRC) == F.lit(source)) | (F.col(DST) == F.lit(source))).isEmpty():
        raise NodeNotFoundError(f"{op}: source {source!r} is not in the edges")
    links = cut(frame.select(SRC, DST).distinct())
    spark = frame.sparkSession
    id_type = links.schema[SRC].dataType
    reached = cut(
        spark.createDataFrame([(source, 0)], f"{ID} {id_type.simpleString()}, {DISTANCE} int")
    )
    frontier = reached.select(ID)
    depth = 0
    while max_depth is None or depth < max_depth:
        found = (
            links.join(frontier.withColumnRenamed(ID, SRC), SRC)
            .select(F.col(DST).alias(ID))
            .distinct()
            .join(reached, ID, "left_anti")
        )
        frontier = cut(found)
        if frontier.isEmpty():
            break
        depth += 1
        reached = cut(reached.union(frontier.withColumn(DISTANCE, F.lit(depth))))
    return reached
