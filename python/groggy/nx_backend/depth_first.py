"""networkx's depth-first searches on groggy: ``dfs_edges`` and the functions made of it
(``dfs_tree``, ``dfs_predecessors``, ``dfs_successors``), and the preorder and postorder
of ``dfs_labeled_edges``. The engine walks the graph as networkx's iterative search does
(a node's neighbours in the graph's order, each explored fully before the next), from one
source or, without one, from every node in the graph's order not reached yet."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from ..graph import Graph
from ..search_trees import DepthFirstSearch
from .breadth_first import is_real
from .errors import require_neighbors
from .registry import Verdict, implements


def dfs_depth(depth_limit: Any, n: int) -> int | None:
    """The engine's depth limit for networkx's ``depth_limit``: networkx always searches
    from the start (at depth 1) and from a node reached at depth ``d`` while ``d <
    depth_limit``, so a limit of 0 or less (or NaN) searches from the start alone, as 1."""
    if depth_limit is None or depth_limit == math.inf:
        return None
    if depth_limit != depth_limit:
        return 1
    return max(1, min(math.ceil(depth_limit), n))


def _check(a: Mapping[str, Any]) -> Verdict:
    if a["sort_neighbors"] is not None:
        return "groggy takes neighbours in the graph's order (no sort_neighbors)"
    if a["depth_limit"] is not None and not is_real(a["depth_limit"]):
        return "groggy takes a number as depth_limit"
    return True


def _search(G: Graph, source: Any, depth_limit: Any) -> DepthFirstSearch:
    if source is not None:
        require_neighbors(G, source)
    return G.dfs_search(source, depth_limit=dfs_depth(depth_limit, len(G)))


@implements("dfs_edges", check=_check)
def dfs_edges(
    G: Graph, source: Any = None, depth_limit: Any = None, *, sort_neighbors: Any = None
) -> Iterator[tuple[Any, Any]]:
    yield from _search(G, source, depth_limit).edges


@implements("dfs_tree", check=_check)
def dfs_tree(
    G: Graph, source: Any = None, depth_limit: Any = None, *, sort_neighbors: Any = None
) -> Graph:
    search = _search(G, source, depth_limit)
    T = Graph(directed=True)
    T.add_nodes(list(G.nodes) if source is None else [source])
    T.add_edges(search.edges)
    return T


@implements("dfs_predecessors", check=_check)
def dfs_predecessors(
    G: Graph, source: Any = None, depth_limit: Any = None, *, sort_neighbors: Any = None
) -> dict[Any, Any]:
    return {t: s for s, t in _search(G, source, depth_limit).edges}


@implements("dfs_successors", check=_check)
def dfs_successors(
    G: Graph, source: Any = None, depth_limit: Any = None, *, sort_neighbors: Any = None
) -> dict[Any, list[Any]]:
    successors: dict[Any, list[Any]] = {}
    for s, t in _search(G, source, depth_limit).edges:
        successors.setdefault(s, []).append(t)
    return successors


@implements("dfs_preorder_nodes", check=_check)
def dfs_preorder_nodes(
    G: Graph, source: Any = None, depth_limit: Any = None, *, sort_neighbors: Any = None
) -> Iterator[Any]:
    if source is not None and source not in G:
        # networkx yields the source before it looks up its neighbours and fails.
        yield source
    yield from _search(G, source, depth_limit).preorder


@implements("dfs_postorder_nodes", check=_check)
def dfs_postorder_nodes(
    G: Graph, source: Any = None, depth_limit: Any = None, *, sort_neighbors: Any = None
) -> Iterator[Any]:
    yield from _search(G, source, depth_limit).postorder
