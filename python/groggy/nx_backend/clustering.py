"""networkx's triangles, clustering coefficients and transitivity on groggy. networkx
writes a coefficient of zero as the int 0 (it returns ``0 if t == 0 else t / ...``); so
do these."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .nodes import nbunch_iter
from .registry import Verdict, implements
from .weights import weight_name

if TYPE_CHECKING:
    from ..graph import Graph


def _weight_check(a: Mapping[str, Any]) -> Verdict:
    if callable(a["weight"]):
        return "weight is a function"
    return True


def _of_nodes(G: Graph, values: dict[Any, Any], nodes: Any) -> Any:
    """networkx's ``nodes`` argument: None for all, one node for its value, else the nodes
    of an iterable (in its order)."""
    if nodes is None:
        return values
    if nodes in G:
        return values[nodes]
    return {v: values[v] for v in nbunch_iter(G, nodes)}


@implements("triangles")
def triangles(G: Graph, nodes: Any = None) -> Any:
    return _of_nodes(G, G.triangles().to_dict(), nodes)


def _coefficients(G: Graph, weight: Any) -> dict[Any, Any]:
    return {n: c or 0 for n, c in G.clustering(weight=weight_name(G, weight)).items()}


@implements("clustering", check=_weight_check)
def clustering(G: Graph, nodes: Any = None, weight: str | None = None) -> Any:
    return _of_nodes(G, _coefficients(G, weight), nodes)


@implements("average_clustering", check=_weight_check)
def average_clustering(
    G: Graph, nodes: Any = None, weight: str | None = None, count_zeros: bool = True
) -> float:
    # Summed in Python, in networkx's order, for networkx's float to the last bit.
    c = clustering(G, nodes, weight).values()
    if not count_zeros:
        c = [v for v in c if abs(v) > 0]
    return sum(c) / len(c)


@implements("transitivity")
def transitivity(G: Graph) -> float:
    return G.transitivity() or 0
