"""Clustering and cores on ``Graph``: triangle counts, clustering coefficients,
transitivity, core numbers and k-cores, with networkx's definitions. Mixed into ``Graph``;
each method is one engine call (see ``AlgorithmsMixin`` for how calls are run)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._args import bool_arg, int_arg
from ._native import ffi, lib
from .algorithms import _weight_args
from .nodemap import NodeMap

if TYPE_CHECKING:
    from .graph import Graph

_INT64_MIN = -(2**63)


def _scalar(graph: Graph, function: Any, *args: Any) -> float:
    """Runs ``function(handle, *args, cancel, out)`` for a float result."""
    value = ffi.new("double *")
    ptr = graph._handle
    graph._run(lambda cancel: function(ptr, *args, cancel, value))
    return value[0]


class ClusteringMixin:
    """Triangles, clustering coefficients and cores of ``Graph``, as networkx."""

    __slots__ = ()

    def triangles(self: Graph) -> NodeMap[int]:
        """The number of triangles through each node (self-loops ignored), as networkx's
        ``triangles``. Undirected graphs only (``InvalidOperationError`` otherwise, as
        networkx).

        Examples:
            >>> from groggy.datasets import karate_club
            >>> karate_club().triangles()[0]
            18
        """
        ptr = self._handle
        return self._node_values(lambda cancel, ko, vo: lib.gr_graph_triangles(ptr, cancel, ko, vo))

    def clustering(self: Graph, weight: str | None = None) -> NodeMap[float]:
        """Each node's clustering coefficient, as networkx's ``clustering``: the fraction
        of possible triangles through the node that exist; on a directed graph Fagiolo's
        directed triangles; with ``weight`` (an edge attribute; edges without it weigh 1)
        the geometric mean of the triangle's weights, each divided by the largest weight.
        Self-loops are ignored; a node without triangles has 0. A ``weight`` no edge has,
        a NaN weight or a largest weight of 0 raises ``InvalidArgumentError``.

        Examples:
            >>> from groggy.datasets import karate_club
            >>> round(karate_club().clustering()[0], 4)
            0.15
        """
        w, wl = _weight_args(weight)
        ptr = self._handle
        return self._node_values(
            lambda cancel, ko, vo: lib.gr_graph_clustering(ptr, w, wl, cancel, ko, vo)
        )

    def average_clustering(
        self: Graph, weight: str | None = None, count_zeros: bool = True
    ) -> float:
        """The mean of ``clustering(weight)`` over the nodes, as networkx's
        ``average_clustering``; with ``count_zeros=False`` over the nodes whose coefficient
        is not 0. A graph with no node to average over raises ``InvalidOperationError``
        (networkx divides by zero).

        Examples:
            >>> from groggy.datasets import karate_club
            >>> round(karate_club().average_clustering(), 4)
            0.5706
        """
        w, wl = _weight_args(weight)
        count_zeros = bool_arg(count_zeros, "count_zeros", "average_clustering")
        return _scalar(self, lib.gr_graph_average_clustering, w, wl, count_zeros)

    def transitivity(self: Graph) -> float:
        """The fraction of connected triples that close into triangles (3 * triangles /
        triads), as networkx's ``transitivity``; 0 without triangles. On a directed graph,
        as networkx, triples are counted along successors.

        Examples:
            >>> from groggy.datasets import karate_club
            >>> round(karate_club().transitivity(), 4)
            0.2557
        """
        return _scalar(self, lib.gr_graph_transitivity)

    def core_number(self: Graph) -> NodeMap[int]:
        """Each node's core number (the largest k of a k-core holding it), as networkx's
        ``core_number``; a directed graph's degree is in-degree plus out-degree. A graph
        with a self-loop raises ``InvalidOperationError`` (networkx refuses it too).

        Examples:
            >>> from groggy.datasets import karate_club
            >>> karate_club().core_number()[0]
            4
        """
        ptr = self._handle
        return self._node_values(
            lambda cancel, ko, vo: lib.gr_graph_core_number(ptr, cancel, ko, vo)
        )

    def k_core(self: Graph, k: int | None = None) -> Graph:
        """The k-core as a new Graph, as networkx's ``k_core``: the subgraph induced by the
        nodes whose core number is at least ``k`` (``None``: the largest core number),
        with the attributes of its nodes and edges. Errors as ``core_number``.

        Examples:
            >>> from groggy.datasets import karate_club
            >>> karate_club().k_core().node_count
            10
        """
        has_k = k is not None
        value = 0 if k is None else int_arg(k, "k", "k_core", minimum=_INT64_MIN)
        out = ffi.new("gr_graph **")
        ptr = self._handle
        self._run(
            lambda cancel: lib.gr_graph_k_core(ptr, has_k, value, cancel, out),
            discard=lambda: lib.gr_graph_free(out[0]),
        )
        return type(self)._adopt(out[0])
