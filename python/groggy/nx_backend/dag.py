"""networkx's DAG functions on groggy: acyclicity, networkx's topological order, and the
nodes a node reaches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import networkx as nx

from .._errors import InvalidOperationError
from .errors import require_node
from .registry import implements

if TYPE_CHECKING:
    from ..graph import Graph


@implements("is_directed_acyclic_graph")
def is_directed_acyclic_graph(G: Graph) -> bool:
    return G.is_directed_acyclic_graph()


@implements("topological_sort")
def topological_sort(G: Graph) -> Iterator[Any]:
    # A generator, as networkx's: its errors come when it is iterated.
    if not G.directed:
        raise nx.NetworkXError("Topological sort not defined on undirected graphs.")
    try:
        order = G.topological_sort()
    except InvalidOperationError:
        raise nx.NetworkXUnfeasible(
            "Graph contains a cycle or graph changed during iteration"
        ) from None
    yield from order


@implements("descendants")
def descendants(G: Graph, source: Any) -> set[Any]:
    require_node(G, source)
    reached = set(G.bfs(source))
    reached.discard(source)
    return reached
