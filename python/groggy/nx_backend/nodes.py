"""Node arguments and node orders as networkx has them: ``nbunch`` (one node, or an
iterable of nodes of which those in the graph count) and the order in which networkx
lists groups of nodes (by the first node of each, in graph order)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from ..graph import Graph


def nbunch_iter(g: Graph, nbunch: Any) -> Iterator[Any]:
    """networkx's ``G.nbunch_iter(nbunch)``, with its errors (raised as it iterates)."""
    if nbunch is None:
        return iter(g.nodes)
    if nbunch in g:
        return iter([nbunch])
    return _members(g, nbunch)


def _members(g: Graph, nbunch: Any) -> Iterator[Any]:
    n = None
    try:
        for n in nbunch:
            hash(n)  # an unhashable item is an error in networkx, not a missing node
            if n in g:
                yield n
    except TypeError as err:
        message = str(err.args[0]) if err.args else ""
        if "object is not iterable" in message:
            raise nx.NetworkXError(f"Node {nbunch} is not in the graph.") from err
        if "iter" in message:
            raise nx.NetworkXError("nbunch is not a node or a sequence of nodes.") from err
        if "hashable" in message:
            raise nx.NetworkXError(f"Node {n} in sequence nbunch is not a valid node.") from err
        raise


def in_graph_order(g: Graph, groups: Iterable[list[Any]]) -> list[list[Any]]:
    """Groups of nodes (each listing its nodes in graph order, as the engine gives them)
    ordered by their first node's place in the graph, as networkx finds them when it
    scans the nodes in order."""
    position = {key: i for i, key in enumerate(g.nodes)}
    return sorted(groups, key=lambda group: position[group[0]])
