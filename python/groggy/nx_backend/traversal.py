"""networkx's traversals that groggy's searches answer: depth-first preorder and
breadth-first layers from one source (the engine's visit order and hop counts, taken in
each node's neighbour order, as networkx's)."""

from __future__ import annotations

import numbers
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .errors import require_node
from .registry import Verdict, implements

if TYPE_CHECKING:
    from ..graph import Graph


def _is_int(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _dfs_check(a: Mapping[str, Any]) -> Verdict:
    if a["source"] is None:
        return "groggy searches from one source (source=None searches from every node)"
    if a["sort_neighbors"] is not None:
        return "groggy takes neighbours in the graph's order (no sort_neighbors)"
    if a["depth_limit"] is not None and not _is_int(a["depth_limit"]):
        return "groggy takes an int depth_limit"
    return True


@implements("dfs_preorder_nodes", check=_dfs_check)
def dfs_preorder_nodes(
    G: Graph, source: Any = None, depth_limit: int | None = None, *, sort_neighbors: Any = None
) -> Iterator[Any]:
    if source not in G:
        # networkx yields the source before it looks up its neighbours and fails.
        yield source
        require_node(G, source)
    # networkx follows a depth limit of 0 or less one level down, as 1.
    limit = None if depth_limit is None else max(int(depth_limit), 1)
    yield from G.dfs(source, depth_limit=limit)


def _one_source(sources: Any, G: Any) -> bool:
    """Whether ``sources`` (a node, else nodes) names one node, or is not iterable (an
    error networkx and groggy raise alike). Iterators are not read: it would use them up."""
    if sources in G:
        return True
    if isinstance(sources, (str, list, tuple, set, frozenset)):
        try:
            return len(set(sources)) == 1
        except TypeError:
            return False
    try:
        iter(sources)
    except TypeError:
        return True
    return False


def _bfs_layers_check(a: Mapping[str, Any]) -> Verdict:
    if not _one_source(a["sources"], a["G"]):
        return "groggy searches from one source"
    return True


@implements("bfs_layers", check=_bfs_layers_check)
def bfs_layers(G: Graph, sources: Any) -> Iterator[list[Any]]:
    # networkx reads sources that are not a node as nodes (set(sources) raises if it can't).
    source = sources if sources in G else next(iter(set(sources)))
    require_node(G, source)
    layer: list[Any] = []
    depth = 0
    # Hop counts in visit order: each layer is a run of equal counts, in networkx's order.
    for node, hops in G.shortest_path_lengths(source).items():
        if hops != depth:
            yield layer
            layer, depth = [], hops
        layer.append(node)
    yield layer


@implements("descendants_at_distance")
def descendants_at_distance(G: Graph, source: Any, distance: int) -> set[Any]:
    require_node(G, source)
    return {node for node, hops in G.shortest_path_lengths(source).items() if hops == distance}
