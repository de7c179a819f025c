"""groggy on Spark: PageRank, connected components and breadth-first distances of an edge
table held as a Spark DataFrame, for graphs larger than one machine's memory or already
living in Spark. Each partition's edges reach groggy as Arrow batches where a local graph
helps (the first step of connected components); the rounds between partitions are
standard distributed algorithms written as DataFrame operations, so they run unchanged on
a cluster.

Edges are a DataFrame with columns ``src`` and ``dst`` (ids of one kind: integers or
strings) and, optionally, a numeric weight column. On a graph that fits in one machine's
memory, ``groggy.Graph`` is much faster: ``from_spark`` brings such a graph over.

Needs pyspark (``pip install pyspark``) and Java.
"""

try:
    import pyspark.sql  # noqa: F401
except ImportError as err:  # pragma: no cover - exercised in a subprocess without pyspark
    raise ImportError("groggy.spark needs pyspark (pip install pyspark)") from err

from ._edges import SparkGraph
from .bfs import bfs_distances
from .components import connected_components
from .convert import from_spark, to_spark
from .pagerank import pagerank

__all__ = [
    "SparkGraph",
    "bfs_distances",
    "connected_components",
    "from_spark",
    "pagerank",
    "to_spark",
]
