"""networkx's minimum spanning trees on groggy: Kruskal's, with networkx's order of edges
(by weight, ties in the order of ``G.edges``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from .registry import Verdict, implements
from .weights import weight_name

if TYPE_CHECKING:
    from ..graph import Graph

#: networkx's algorithms; groggy has the first.
_ALGORITHMS = ("kruskal", "prim", "boruvka")


def _check(a: Mapping[str, Any]) -> Verdict:
    if a["algorithm"] in _ALGORITHMS[1:]:
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
    if algorithm not in _ALGORITHMS:
        raise ValueError(f"{algorithm} is not a valid choice for an algorithm.")


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
        yield from G.minimum_spanning_edges(weight=weight_name(G, weight), data=bool(data))

    return edges()


@implements("minimum_spanning_tree", check=_tree_check)
def minimum_spanning_tree(
    G: Graph, weight: str | None = "weight", algorithm: str = "kruskal", ignore_nan: bool = False
) -> Graph:
    if G.directed:
        raise nx.NetworkXNotImplemented("not implemented for directed type")
    _require_algorithm(algorithm)
    return G.minimum_spanning_tree(weight=weight_name(G, weight))
