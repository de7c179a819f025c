"""networkx's breadth-first search trees on groggy: ``bfs_edges`` and the functions made of
it (``bfs_tree``, ``bfs_predecessors``, ``bfs_successors``). The engine's search tree lists
each node with the node that reached it first, in networkx's visit order (a node's
neighbours in the graph's order, level by level); the edges are those pairs."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator, Mapping
from typing import Any

from ..graph import Graph
from .errors import require_neighbors
from .registry import Verdict, implements


def bfs_levels(depth_limit: Any, n: int) -> int | None:
    """How many levels networkx's ``generic_bfs_edges`` searches from for ``depth_limit``
    (it goes on while ``depth < depth_limit``, from depth 0): the engine's depth limit
    (``None``: no limit)."""
    if depth_limit is None or depth_limit == math.inf:
        return None
    if depth_limit != depth_limit:  # NaN: no depth is below it
        return 0
    return max(0, min(math.ceil(depth_limit), n))


def is_real(value: Any) -> bool:
    """A number networkx can compare depths with (bools are ints there)."""
    return isinstance(value, numbers.Real)


def _check(a: Mapping[str, Any]) -> Verdict:
    if a["sort_neighbors"] is not None:
        return "groggy takes neighbours in the graph's order (no sort_neighbors)"
    if a["depth_limit"] is not None and not is_real(a["depth_limit"]):
        return "groggy takes a number as depth_limit"
    return True


def _edges(G: Graph, source: Any, reverse: bool, depth_limit: Any) -> list[tuple[Any, Any]]:
    require_neighbors(G, source)
    return G.bfs_edges(
        source, depth_limit=bfs_levels(depth_limit, len(G)), reverse=reverse and G.is_directed()
    )


@implements("bfs_edges", check=_check)
def bfs_edges(
    G: Graph,
    source: Any,
    reverse: bool = False,
    depth_limit: Any = None,
    sort_neighbors: Any = None,
) -> Iterator[tuple[Any, Any]]:
    yield from _edges(G, source, bool(reverse), depth_limit)


@implements("bfs_tree", check=_check)
def bfs_tree(
    G: Graph,
    source: Any,
    reverse: bool = False,
    depth_limit: Any = None,
    sort_neighbors: Any = None,
) -> Graph:
    edges = _edges(G, source, bool(reverse), depth_limit)
    T = Graph(directed=True)
    T.add_node(source)
    T.add_edges(edges)
    return T


@implements("bfs_predecessors", check=_check)
def bfs_predecessors(
    G: Graph, source: Any, depth_limit: Any = None, sort_neighbors: Any = None
) -> Iterator[tuple[Any, Any]]:
    for s, t in _edges(G, source, False, depth_limit):
        yield (t, s)


@implements("bfs_successors", check=_check)
def bfs_successors(
    G: Graph, source: Any, depth_limit: Any = None, sort_neighbors: Any = None
) -> Iterator[tuple[Any, list[Any]]]:
    # networkx's grouping of the edges by parent, as it writes it (a source without
    # children still gives (source, [])).
    parent = source
    children: list[Any] = []
    for p, c in _edges(G, source, False, depth_limit):
        if p == parent:
            children.append(c)
            continue
        yield (parent, children)
        children = [c]
        parent = p
    yield (parent, children)
