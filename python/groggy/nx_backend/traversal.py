"""networkx's breadth-first layers (from any sources) and descendants at a distance (the
engine's visit order and hop counts, taken in each node's neighbour order, as networkx's).
The search trees are in ``breadth_first`` and ``depth_first``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .errors import require_node
from .registry import implements

if TYPE_CHECKING:
    from ..graph import Graph


@implements("bfs_layers")
def bfs_layers(G: Graph, sources: Any) -> Iterator[list[Any]]:
    # networkx's first layer, as it makes it: one node, else the set of the nodes given
    # (in the set's order).
    if sources in G:
        sources = [sources]
    first = list(set(sources))
    for source in first:
        require_node(G, source)
    yield from G.bfs_layers(first)


@implements("descendants_at_distance")
def descendants_at_distance(G: Graph, source: Any, distance: int) -> set[Any]:
    require_node(G, source)
    return {node for node, hops in G.shortest_path_lengths(source).items() if hops == distance}
