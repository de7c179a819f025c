"""networkx's minimum spanning trees on groggy: Kruskal's, with networkx's order of edges
(by weight, ties in the order of ``G.edges``)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import networkx as nx
from networkx.algorithms.tree.mst import ALGORITHMS

from .._errors import InvalidArgumentError
from .registry import Verdict, implements
from .weights import weight_name

if TYPE_CHECKING:
    from ..graph import Graph


def _check(a: Mapping[str, Any]) -> Verdict:
    if a["algorithm"] != "kruskal" and a["algorithm"] in ALGORITHMS:
        return "groggy has Kruskal's algorithm only"
    if a["ignore_nan"]:
        return "groggy refuses NaN weights (no ignore_nan)"
    if callable(a["weight"]):
        return "weight is a function"
    return True


def _tree_check(a: Mapping[str, Any]) -> Verdict:
    if getattr(a["G"], "graph", None):
        return "groggy graphs carry no graph attributes (networkx copies G.graph)"
    return _check(a)


def _require_algorithm(algorithm: Any) -> None:
    if algorithm not in ALGORITHMS:
        raise ValueError(f"{algorithm} is not a valid choice for an algorithm.")


@contextmanager
def _nan_as_networkx(G: Graph, name: str | None) -> Iterator[None]:
    """The engine refuses a NaN weight; networkx's ValueError names the first such edge of
    ``G.edges(data=True)``, found here (node by node, each edge once) on that error only."""
    try:
        yield
    except InvalidArgumentError:
        if name is None:
            raise
        done: set[Any] = set()
        for u in G.nodes:
            for v in G.neighbors(u):
                weight = G.get_edge_attr(u, v, name, 1)
                if v not in done and isinstance(weight, float) and math.isnan(weight):
                    data = dict(G.edges[u, v])
                    raise ValueError(f"NaN found as an edge weight. Edge {(u, v, data)}") from None
            done.add(u)
        raise


@implements("minimum_spanning_edges", check=_check)
def minimum_spanning_edges(
    G: Graph,
    algorithm: str = "kruskal",
    weight: str | None = "weight",
    keys: bool = True,
    data: bool = True,
    ignore_nan: bool = False,
) -> Iterator[tuple[Any, ...]]:
    _require_algorithm(algorithm)

    def edges() -> Iterator[tuple[Any, ...]]:
        # networkx's is a generator: a NaN weight is reported when it is iterated.
        name = weight_name(G, weight)
        with _nan_as_networkx(G, name):
            found = G.minimum_spanning_edges(weight=name, data=bool(data))
        yield from found

    return edges()


@implements("minimum_spanning_tree", check=_tree_check)
def minimum_spanning_tree(
    G: Graph, weight: str | None = "weight", algorithm: str = "kruskal", ignore_nan: bool = False
) -> Graph:
    if G.directed:
        raise nx.NetworkXNotImplemented("not implemented for directed type")
    _require_algorithm(algorithm)
    name = weight_name(G, weight)
    with _nan_as_networkx(G, name):
        return G.minimum_spanning_tree(weight=name)
