"""networkx's shortest path lengths and Dijkstra paths on groggy.

groggy's searches settle nodes in networkx's order (breadth-first levels; Dijkstra's ties
in the order the nodes were reached), so the dicts come in networkx's order and a path is
the one networkx's (one-directional) Dijkstra finds. Paths of networkx's bidirectional
searches (``shortest_path``, ``bidirectional_*``) can differ on ties: not registered.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from .._errors import NoPathError
from .errors import nonnegative_weights, require_dijkstra_source, require_source
from .registry import Verdict, implements
from .weights import as_lengths, int_weights, weight_name

if TYPE_CHECKING:
    from ..graph import Graph


def _weight_check(a: Mapping[str, Any]) -> Verdict:
    if callable(a["weight"]):
        return "weight is a function"
    return True


# ----- unweighted ------------------------------------------------------------------------


def _within_levels(lengths: dict[Any, int], cutoff: Any) -> dict[Any, int]:
    """networkx's cutoff of a breadth-first search: it goes one level further while the
    level it has reached is below ``cutoff`` (the source always counts)."""
    if cutoff is None:
        return lengths
    return {n: d for n, d in lengths.items() if d == 0 or d - 1 < cutoff}


@implements("single_source_shortest_path_length")
def single_source_shortest_path_length(
    G: Graph, source: Any, cutoff: int | None = None
) -> dict[Any, int]:
    require_source(G, source)
    return _within_levels(G.shortest_path_lengths(source).to_dict(), cutoff)


@implements("all_pairs_shortest_path_length")
def all_pairs_shortest_path_length(
    G: Graph, cutoff: int | None = None
) -> Iterator[tuple[Any, dict[Any, int]]]:
    for n in G.nodes:
        yield n, _within_levels(G.shortest_path_lengths(n).to_dict(), cutoff)


def _hops(G: Graph, source: Any, target: Any) -> int:
    require_source(G, source, target, has_target=True)
    try:
        return len(G.shortest_path(source, target)) - 1
    except NoPathError:
        raise nx.NetworkXNoPath(f"No path between {source} and {target}.") from None


@implements("has_path")
def has_path(G: Graph, source: Any, target: Any) -> bool:
    require_source(G, source, target, has_target=True)
    return G.has_path(source, target)


# ----- Dijkstra --------------------------------------------------------------------------


def _dijkstra_lengths(
    G: Graph, source: Any, name: str | None, ints: bool, cutoff: Any
) -> dict[Any, Any]:
    """Lengths from ``source`` in settle order, typed as networkx's (the source's is the
    int 0 networkx starts from), within ``cutoff``."""
    with nonnegative_weights():
        lengths = as_lengths(G.shortest_path_lengths(source, weight=name).to_dict(), ints)
    lengths[source] = 0
    if cutoff is None:
        return lengths
    return {n: d for n, d in lengths.items() if n == source or d <= cutoff}


def _path(G: Graph, source: Any, target: Any, name: str | None, no_path: str) -> list[Any]:
    if target not in G:
        raise nx.NetworkXNoPath(no_path)
    try:
        with nonnegative_weights():
            return G.shortest_path(source, target, weight=name)
    except NoPathError:
        raise nx.NetworkXNoPath(no_path) from None


def _length_along(G: Graph, path: list[Any], name: str | None) -> Any:
    """The length of ``path`` as networkx's Dijkstra adds it up: from the int 0, edge by
    edge in path order, with the weights' own types (so int weights give an int)."""
    total: Any = 0
    for u, v in zip(path, path[1:]):
        total = total + (1 if name is None else G.get_edge_attr(u, v, name, 1))
    return total


@implements("single_source_dijkstra_path_length", check=_weight_check)
def single_source_dijkstra_path_length(
    G: Graph, source: Any, cutoff: float | None = None, weight: str | None = "weight"
) -> dict[Any, Any]:
    require_dijkstra_source(G, source)
    name = weight_name(G, weight)
    return _dijkstra_lengths(G, source, name, int_weights(G, name), cutoff)


@implements("all_pairs_dijkstra_path_length", check=_weight_check)
def all_pairs_dijkstra_path_length(
    G: Graph, cutoff: float | None = None, weight: str | None = "weight"
) -> Iterator[tuple[Any, dict[Any, Any]]]:
    name = weight_name(G, weight)
    ints = int_weights(G, name)
    for n in G.nodes:
        yield n, _dijkstra_lengths(G, n, name, ints, cutoff)


@implements("dijkstra_path", check=_weight_check)
def dijkstra_path(G: Graph, source: Any, target: Any, weight: str | None = "weight") -> list[Any]:
    require_dijkstra_source(G, source)
    if target == source:
        return [target]
    return _path(G, source, target, weight_name(G, weight), f"No path to {target}.")


@implements("dijkstra_path_length", check=_weight_check)
def dijkstra_path_length(G: Graph, source: Any, target: Any, weight: str | None = "weight") -> Any:
    require_dijkstra_source(G, source)
    if source == target:
        return 0
    name = weight_name(G, weight)
    path = _path(G, source, target, name, f"Node {target} not reachable from {source}")
    return _length_along(G, path, name)


def _dijkstra_path_to(
    G: Graph, source: Any, target: Any, cutoff: float | None, weight: str | None
) -> tuple[Any, list[Any]]:
    """networkx's ``single_source_dijkstra`` with a target: ``(length, path)``."""
    require_dijkstra_source(G, source)
    if target == source:
        return 0, [target]
    name = weight_name(G, weight)
    no_path = f"No path to {target}."
    path = _path(G, source, target, name, no_path)
    length = _length_along(G, path, name)
    if cutoff is not None and length > cutoff:
        raise nx.NetworkXNoPath(no_path)
    return length, path


# ----- the generic entry point -----------------------------------------------------------


def _shortest_path_length_check(a: Mapping[str, Any]) -> Verdict:
    if callable(a["weight"]):
        return "weight is a function"
    if a["weight"] is not None and a["method"] == "bellman-ford":
        return "groggy has no Bellman-Ford (its order of results differs)"
    if a["source"] is None and a["target"] is not None and a["G"].is_directed():
        return "groggy searches forwards only (lengths to a target search a reversed graph)"
    return True


@implements("shortest_path_length", check=_shortest_path_length_check)
def shortest_path_length(
    G: Graph,
    source: Any = None,
    target: Any = None,
    weight: str | None = None,
    method: str = "dijkstra",
) -> Any:
    if method not in ("dijkstra", "bellman-ford"):
        raise ValueError(f"method not supported: {method}")
    if source is None and target is not None:
        source, target = target, None  # undirected (see the check): the same lengths
    if weight is None:
        if source is None:
            return all_pairs_shortest_path_length(G)
        if target is None:
            return single_source_shortest_path_length(G, source)
        return _hops(G, source, target)
    if source is None:
        return all_pairs_dijkstra_path_length(G, weight=weight)
    if target is None:
        return single_source_dijkstra_path_length(G, source, weight=weight)
    return dijkstra_path_length(G, source, target, weight)
