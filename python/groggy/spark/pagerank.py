"""PageRank on Spark, iterated exactly as ``Graph.pagerank`` (networkx's iteration): start
uniform; ``x = alpha * (x W + dangling mass / N) + (1 - alpha) / N`` with W row-normalised
by out-weight; stop as soon as ``sum |x - x_prev| < N * tol``. The graph is the one
``from_spark(edges)`` loads: one edge per (src, dst) pair, whose weight is the last
non-null one in the table's order (1.0 when none), self-loops included."""

from __future__ import annotations

from typing import Any

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .._errors import AlgorithmError, InvalidArgumentError
from ._edges import DST, SRC, WEIGHT, checked_edges, cut

ID = "id"
PAGERANK = "pagerank"
_ROW = "_row"


def pagerank(
    edges: Any,
    alpha: float = 0.85,
    tol: float = 1e-6,
    max_iter: int = 100,
    weight: str | None = None,
    *,
    stats: dict[str, int] | None = None,
) -> DataFrame:
    """A DataFrame (``id``, ``pagerank``) of every node of the directed graph of ``edges``,
    equal to ``Graph.pagerank`` of the same graph (to rounding). Each iteration is one
    join and aggregation over the edges, computed and kept before the next (its plan does
    not grow). ``AlgorithmError`` when it does not converge within ``max_iter``.
    ``stats``, when given, receives ``iterations``."""
    op = "pagerank"
    if not 0.0 < alpha < 1.0:
        raise InvalidArgumentError(f"{op}: alpha must be in (0, 1), got {alpha}")
    if not tol > 0.0:
        raise InvalidArgumentError(f"{op}: tol must be positive, got {tol}")
    frame, _ = checked_edges(edges, op, weight)
    links = cut(_links(frame, weight is not None))
    out_weight = links.groupBy(SRC).agg(F.sum(WEIGHT).alias("out"))
    ids = links.select(F.col(SRC).alias(ID)).union(links.select(F.col(DST).alias(ID))).distinct()
    # 1 / out-weight of each node; 0 marks a dangling node (no out-weight).
    nodes = cut(
        ids.join(out_weight.withColumnRenamed(SRC, ID), ID, "left").select(
            ID,
            F.when(F.col("out").isNull() | (F.col("out") == 0.0), 0.0)
            .otherwise(1.0 / F.col("out"))
            .alias("inverse_out"),
        )
    )
    n = nodes.count()
    if n == 0:
        return nodes.select(ID, F.lit(0.0).alias(PAGERANK))
    share = cut(
        links.join(nodes.withColumnRenamed(ID, SRC), SRC).select(SRC, DST, WEIGHT, "inverse_out")
    )
    ranks = cut(nodes.withColumn(PAGERANK, F.lit(1.0 / n)))
    dangling_sum = ranks.filter(F.col("inverse_out") == 0.0).count() / n
    for iteration in range(1, max_iter + 1):
        ranks, err, dangling_sum = _step(share, ranks, alpha, n, dangling_sum)
        if stats is not None:
            stats["iterations"] = iteration
        if err < n * tol:
            return ranks.select(ID, PAGERANK)
    raise AlgorithmError(f"{op}: did not converge within {max_iter} iterations (tol {tol})")


def _links(frame: DataFrame, weighted: bool) -> DataFrame:
    """One row per (src, dst) pair with its weight, as loading the table makes it."""
    if not weighted:
        return frame.select(SRC, DST).distinct().withColumn(WEIGHT, F.lit(1.0))
    # The last non-null weight in table order wins; a pair without one weighs 1.0.
    ordered = frame.withColumn(_ROW, F.monotonically_increasing_id())
    last = F.max_by(WEIGHT, F.when(F.col(WEIGHT).isNotNull(), F.col(_ROW)))
    return ordered.groupBy(SRC, DST).agg(F.coalesce(last, F.lit(1.0)).alias(WEIGHT))


def _step(
    share: DataFrame, ranks: DataFrame, alpha: float, n: int, dangling_sum: float
) -> tuple[DataFrame, float, float]:
    """One iteration: the new ranks (kept), their total change and their dangling mass."""
    p = 1.0 / n
    sent = ranks.select(F.col(ID).alias(SRC), (F.col(PAGERANK) * F.col("inverse_out")).alias("c"))
    pulled = (
        share.join(sent, SRC)
        .groupBy(DST)
        .agg(F.sum(F.col("c") * F.col(WEIGHT)).alias("pulled"))
        .withColumnRenamed(DST, ID)
    )
    value = (
        alpha * (F.coalesce(F.col("pulled"), F.lit(0.0)) + F.lit(dangling_sum * p))
        + (1.0 - alpha) * p
    )
    new = cut(
        ranks.join(pulled, ID, "left").select(
            ID,
            "inverse_out",
            value.alias(PAGERANK),
            F.abs(value - F.col(PAGERANK)).alias("change"),
        )
    )
    totals = new.agg(
        F.sum("change").alias("err"),
        F.sum(F.when(F.col("inverse_out") == 0.0, F.col(PAGERANK)).otherwise(0.0)).alias("d"),
    ).first()
    assert totals is not None
    return new.drop("change"), float(totals["err"]), float(totals["d"] or 0.0)


__all__ = ["pagerank"]
