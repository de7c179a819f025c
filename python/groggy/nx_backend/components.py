"""networkx's connected components on groggy. The engine lists components largest first;
networkx yields them as it finds them scanning the nodes in order, so they are put back
in that order (by each one's first node). Strongly connected components come in the order
networkx's search completes them, which the engine's search (the same) gives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import networkx as nx

from .nodes import in_graph_order
from .registry import implements

if TYPE_CHECKING:
    from ..graph import Graph


def _require_nodes(G: Graph) -> None:
    if len(G) == 0:
        raise nx.NetworkXPointlessConcept("Connectivity is undefined for the null graph.")


def _components(G: Graph) -> Iterator[set[Any]]:
    for group in in_graph_order(G, G.connected_components()):
        yield set(group)


@implements("connected_components")
def connected_components(G: Graph) -> Iterator[set[Any]]:
    yield from _components(G)


@implements("number_connected_components")
def number_connected_components(G: Graph) -> int:
    return G.number_connected_components()


@implements("is_connected")
def is_connected(G: Graph) -> bool:
    _require_nodes(G)
    return G.is_connected()


@implements("node_connected_component")
def node_connected_component(G: Graph, n: Any) -> set[Any]:
    if n not in G:
        raise KeyError(n)  # networkx looks the node up in its adjacency dict
    return set(G.bfs(n))


@implements("weakly_connected_components")
def weakly_connected_components(G: Graph) -> Iterator[set[Any]]:
    yield from _components(G)


@implements("number_weakly_connected_components")
def number_weakly_connected_components(G: Graph) -> int:
    return len(G.connected_components())


@implements("is_weakly_connected")
def is_weakly_connected(G: Graph) -> bool:
    _require_nodes(G)
    return len(G.connected_components()) == 1


@implements("strongly_connected_components")
def strongly_connected_components(G: Graph) -> Iterator[set[Any]]:
    for group in G.strongly_connected_components(order="search"):
        yield set(group)


@implements("number_strongly_connected_components")
def number_strongly_connected_components(G: Graph) -> int:
    return len(G.strongly_connected_components())


@implements("is_strongly_connected")
def is_strongly_connected(G: Graph) -> bool:
    _require_nodes(G)
    return G.is_strongly_connected()
