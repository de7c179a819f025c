"""networkx's exceptions, with networkx's messages, for the cases where groggy's engine
would say the same thing its own way. Missing nodes are checked before the engine is
called (networkx words the error differently per family of functions); the engine's
errors that have a networkx counterpart are translated here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import networkx as nx

from .._errors import AlgorithmError, NoPathError

if TYPE_CHECKING:
    from ..graph import Graph


def require_node(g: Graph, node: Any) -> None:
    """Traversals (bfs/dfs, descendants): ``NetworkXError``."""
    if node not in g:
        raise nx.NetworkXError(f"The node {node} is not in the graph.")


def require_neighbors(g: Graph, node: Any) -> None:
    """Searches that read a node's neighbours (``bfs_edges``, ``dfs_edges``): the
    ``NetworkXError`` of ``G.neighbors`` (or ``G.predecessors``), which names a directed
    graph a digraph."""
    if node not in g:
        kind = "digraph" if g.is_directed() else "graph"
        raise nx.NetworkXError(f"The node {node} is not in the {kind}.")


def require_source(g: Graph, source: Any, target: Any = None, *, has_target: bool = False) -> None:
    """Unweighted paths, ``has_path``: ``NodeNotFound`` naming the source, then the
    target."""
    if source not in g:
        raise nx.NodeNotFound(f"Source {source} is not in G")
    if has_target and target not in g:
        raise nx.NodeNotFound(f"Target {target} is not in G")


def require_dijkstra_source(g: Graph, source: Any) -> None:
    """The Dijkstra family: ``NodeNotFound`` in its own words."""
    if source not in g:
        raise nx.NodeNotFound(f"Node {source} not found in graph")


@contextmanager
def power_iteration(max_iter: int) -> Iterator[None]:
    """An iteration that did not converge raises networkx's exception."""
    try:
        yield
    except AlgorithmError:
        raise nx.PowerIterationFailedConvergence(max_iter) from None


@contextmanager
def nonnegative_weights() -> Iterator[None]:
    """groggy refuses a negative or NaN weight on a path it follows; networkx goes on
    (and may answer, or find "contradictory paths"). Such a call is not groggy's to answer:
    ``NotImplementedError`` lets networkx take it."""
    try:
        yield
    except NoPathError:
        raise
    except AlgorithmError as err:
        raise NotImplementedError(f"groggy refuses negative or NaN weights: {err}") from None
