"""networkx's functions that return shortest paths to every node: from one source
(``single_source_shortest_path``, ``single_source_dijkstra_path``, ``single_source_dijkstra``),
between all pairs, between two nodes by networkx's bidirectional search, and the generic
``shortest_path`` (except a weighted path between two nodes: networkx's bidirectional
Dijkstra).

The engine's shortest-path tree gives each node's parent as networkx's searches choose it
(the first node to reach it, unweighted; the first to reach it by a strictly shorter
path, with Dijkstra), its length, and two orders: the order nodes were settled and the
order they were first reached. networkx 3.6 and later list Dijkstra's paths in the first
order (they are rebuilt after the search), earlier versions in the second (built as the
nodes were reached); breadth-first searches settle nodes as they reach them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from .._errors import NoPathError
from .breadth_first import bfs_levels, is_real
from .errors import nonnegative_weights, require_dijkstra_source, require_source
from .registry import Verdict, implements
from .shortest_paths import _dijkstra_path_to, _weight_check
from .weights import as_lengths, int_weights, weight_name

if TYPE_CHECKING:
    from ..graph import Graph
    from ..search_trees import ShortestPaths


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:2])


#: Whether networkx lists Dijkstra's paths in settle order (3.6 and later).
_PATHS_IN_SETTLE_ORDER = _version(nx.__version__) >= (3, 6)


def _cutoff_check(a: Mapping[str, Any]) -> Verdict:
    if a["cutoff"] is not None and not is_real(a["cutoff"]):
        return "groggy takes a number as cutoff"
    return True


# ----- unweighted ------------------------------------------------------------------------


def _bfs_paths(G: Graph, source: Any, cutoff: Any) -> dict[Any, list[Any]]:
    """networkx's ``single_source_shortest_path``: it searches from each level while the
    level is below ``cutoff``, so nodes up to ``bfs_levels(cutoff)`` hops."""
    if source not in G:
        raise nx.NodeNotFound(f"Source {source} not in G")
    levels = bfs_levels(cutoff, len(G))
    return G.shortest_paths(source, cutoff=levels).paths


@implements("single_source_shortest_path", check=_cutoff_check)
def single_source_shortest_path(
    G: Graph, source: Any, cutoff: int | None = None
) -> dict[Any, list[Any]]:
    return _bfs_paths(G, source, cutoff)


@implements("all_pairs_shortest_path", check=_cutoff_check)
def all_pairs_shortest_path(
    G: Graph, cutoff: int | None = None
) -> Iterator[tuple[Any, dict[Any, list[Any]]]]:
    for n in G.nodes:
        yield n, _bfs_paths(G, n, cutoff)


# ----- Dijkstra --------------------------------------------------------------------------


def _dijkstra_check(a: Mapping[str, Any]) -> Verdict:
    verdict = _weight_check(a)
    return _cutoff_check(a) if verdict is True else verdict


def _dijkstra(G: Graph, source: Any, weight: Any, cutoff: Any) -> tuple[ShortestPaths, bool]:
    """The search of networkx's ``multi_source_dijkstra`` from ``source``, and whether its
    lengths are ints in networkx."""
    require_dijkstra_source(G, source)
    name = weight_name(G, weight)
    with nonnegative_weights():
        found = G.shortest_paths(
            source, weight=name, cutoff=None if cutoff is None else float(cutoff)
        )
    return found, int_weights(G, name)


def _lengths_and_paths(
    G: Graph, source: Any, weight: Any, cutoff: Any
) -> tuple[dict[Any, Any], dict[Any, list[Any]]]:
    """networkx's ``(dist, paths)`` of ``single_source_dijkstra`` without a target: lengths
    in settle order, typed as networkx's (the source's the int 0 it starts from), and
    paths in networkx's order."""
    found, ints = _dijkstra(G, source, weight, cutoff)
    lengths = as_lengths(found.lengths, ints)
    lengths[source] = 0
    if _PATHS_IN_SETTLE_ORDER:
        paths = {node: found.paths[node] for node in lengths}
    else:
        paths = found.paths
    return lengths, paths


@implements("single_source_dijkstra_path", check=_dijkstra_check)
def single_source_dijkstra_path(
    G: Graph, source: Any, cutoff: float | None = None, weight: str | None = "weight"
) -> dict[Any, list[Any]]:
    return _lengths_and_paths(G, source, weight, cutoff)[1]


@implements("all_pairs_dijkstra_path", check=_dijkstra_check)
def all_pairs_dijkstra_path(
    G: Graph, cutoff: float | None = None, weight: str | None = "weight"
) -> Iterator[tuple[Any, dict[Any, list[Any]]]]:
    for n in G.nodes:
        yield n, _lengths_and_paths(G, n, weight, cutoff)[1]


@implements("all_pairs_dijkstra", check=_dijkstra_check)
def all_pairs_dijkstra(
    G: Graph, cutoff: float | None = None, weight: str | None = "weight"
) -> Iterator[tuple[Any, tuple[dict[Any, Any], dict[Any, list[Any]]]]]:
    for n in G.nodes:
        yield n, _lengths_and_paths(G, n, weight, cutoff)


@implements("single_source_dijkstra", check=_dijkstra_check)
def single_source_dijkstra(
    G: Graph,
    source: Any,
    target: Any = None,
    cutoff: float | None = None,
    weight: str | None = "weight",
) -> tuple[Any, Any]:
    if target is None:
        return _lengths_and_paths(G, source, weight, cutoff)
    return _dijkstra_path_to(G, source, target, cutoff, weight)


# ----- the generic entry point -----------------------------------------------------------


@implements("bidirectional_shortest_path")
def bidirectional_shortest_path(G: Graph, source: Any, target: Any) -> list[Any]:
    require_source(G, source, target, has_target=True)
    try:
        return G.bidirectional_shortest_path(source, target)
    except NoPathError:
        raise nx.NetworkXNoPath(f"No path between {source} and {target}.") from None


def _shortest_path_check(a: Mapping[str, Any]) -> Verdict:
    if callable(a["weight"]):
        return "weight is a function"
    if a["source"] is not None and a["target"] is not None and a["weight"] is not None:
        return "networkx's bidirectional Dijkstra meets at a node groggy's search need not"
    if a["weight"] is not None and a["method"] == "bellman-ford":
        return "groggy has no Bellman-Ford (its order of results differs)"
    if a["source"] is None and a["target"] is not None and a["G"].is_directed():
        return "groggy searches forwards only (paths to a target search a reversed graph)"
    return True


def _paths_from(G: Graph, source: Any, weight: Any) -> dict[Any, list[Any]]:
    if weight is None:
        return _bfs_paths(G, source, None)
    return _lengths_and_paths(G, source, weight, None)[1]


@implements("shortest_path", check=_shortest_path_check)
def shortest_path(
    G: Graph,
    source: Any = None,
    target: Any = None,
    weight: str | None = None,
    method: str = "dijkstra",
) -> Any:
    if method not in ("dijkstra", "bellman-ford"):
        raise ValueError(f"method not supported: {method}")
    if source is None and target is None:
        if weight is None:
            return all_pairs_shortest_path(G)
        return all_pairs_dijkstra_path(G, weight=weight)
    if source is not None and target is not None:
        return bidirectional_shortest_path(G, source, target)  # (unweighted: see the check)
    if source is None:
        # Undirected (see the check): the paths from the target, turned around.
        paths = _paths_from(G, target, weight)
        return {node: path[::-1] for node, path in paths.items()}
    return _paths_from(G, source, weight)
