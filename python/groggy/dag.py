"""DAGs and spanning trees on ``Graph``: the acyclicity test, networkx's topological
order, and minimum spanning trees. Mixed into ``Graph``; each method is one engine call
(see ``AlgorithmsMixin`` for how calls are run)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ._args import bool_arg
from ._convert import attribute_dicts, take_keys
from ._errors import InvalidArgumentError
from ._native import ffi, lib
from ._types import NodeKey
from .algorithms import _free_outputs, _weight_args

if TYPE_CHECKING:
    from .graph import Graph

#: The spanning tree algorithms the engine has, by networkx's names.
_SPANNING = {"kruskal": lib.GR_SPANNING_KRUSKAL}


def _spanning_args(weight: object, algorithm: object, op: str) -> tuple[Any, int, int]:
    w, wl = _weight_args(weight)
    if not isinstance(algorithm, str):
        raise TypeError(f"{op}: algorithm must be a str, not {type(algorithm).__name__}")
    if algorithm not in _SPANNING:
        choices = ", ".join(repr(a) for a in _SPANNING)
        raise InvalidArgumentError(
            f"{op}: {algorithm!r} is not a spanning tree algorithm groggy has ({choices})",
            code=lib.GR_STATUS_INVALID_ARGUMENT,
            operation=op,
        )
    return w, wl, _SPANNING[algorithm]


class DagMixin:
    """DAG tests, topological order and minimum spanning trees of ``Graph``, as networkx."""

    __slots__ = ()

    def is_directed_acyclic_graph(self: Graph) -> bool:
        """Whether the graph is directed and has no cycle (a self-loop is one), as
        networkx; an undirected graph is not a DAG.

        Examples:
            >>> from groggy import Graph
            >>> g = Graph(directed=True)
            >>> g.add_edges([(1, 2), (2, 3)])
            >>> g.is_directed_acyclic_graph()
            True
        """
        out = ffi.new("bool *")
        ptr = self._handle
        self._run(lambda cancel: lib.gr_graph_is_directed_acyclic(ptr, cancel, out))
        return bool(out[0])

    def topological_sort(self: Graph) -> list[NodeKey]:
        """The nodes in networkx's topological order (``list(nx.topological_sort(G))``:
        the nodes without incoming edges in node order, then each node's successors in
        edge order as they become free). An undirected graph or one with a cycle raises
        ``InvalidOperationError``.

        Examples:
            >>> from groggy import Graph
            >>> g = Graph(directed=True)
            >>> g.add_edges([(5, 1), (3, 1), (1, 2), (3, 4)])
            >>> g.topological_sort()
            [5, 3, 1, 4, 2]
        """
        ptr = self._handle
        return self._key_list(lambda cancel, out: lib.gr_graph_topological_sort(ptr, cancel, out))

    def minimum_spanning_edges(
        self: Graph,
        weight: str | None = "weight",
        algorithm: str = "kruskal",
        data: bool = True,
    ) -> Iterator[tuple[Any, ...]]:
        """The edges of a minimum spanning forest of an undirected graph, as networkx's
        ``minimum_spanning_edges`` yields them (the same edges in the same order):
        ``(u, v, attrs)`` tuples, or ``(u, v)`` with ``data=False``.

        Args:
            weight: the edge attribute holding the weights; edges without it weigh 1.
                The default ``"weight"`` on a graph without it means every edge weighs
                1; another name no edge has raises ``InvalidArgumentError``, as does a
                NaN weight (networkx raises ``ValueError``). ``None``: every edge
                weighs 1.
            algorithm: ``"kruskal"`` (networkx's default); another name raises
                ``InvalidArgumentError``.
            data: whether to give each edge's attributes (a new dict).

        A directed graph raises ``InvalidOperationError``.

        Examples:
            >>> from groggy import Graph
            >>> g = Graph()
            >>> g.add_edges([(1, 2, {"weight": 3}), (2, 3, {"weight": 1}), (1, 3, {"weight": 2})])
            >>> list(g.minimum_spanning_edges(data=False))
            [(2, 3), (1, 3)]
        """
        op = "minimum_spanning_edges"
        w, wl, code = _spanning_args(weight, algorithm, op)
        data = bool_arg(data, "data", op)
        if data:
            # The tree holds the edges in order with their attributes as columns: read
            # whole, where a lookup per edge would cost a call into the engine each.
            with self._spanning_tree(w, wl, code) as tree:
                pairs = tree._edge_pairs()
                names = tree.edge_attr_names()
                dicts = attribute_dicts(len(pairs), names, tree.edge_array, tree._edge_presence)
            return iter([(*pair, d) for pair, d in zip(pairs, dicts)])
        sources, targets = ffi.new("gr_keys **"), ffi.new("gr_keys **")
        ptr = self._handle

        def discard() -> None:
            _free_outputs(sources)
            _free_outputs(targets)

        self._run(
            lambda cancel: lib.gr_graph_minimum_spanning_edges(
                ptr, w, wl, code, cancel, sources, targets
            ),
            discard=discard,
        )
        return iter(list(zip(take_keys(sources[0]), take_keys(targets[0]))))

    def minimum_spanning_tree(
        self: Graph, weight: str | None = "weight", algorithm: str = "kruskal"
    ) -> Graph:
        """A minimum spanning tree (a forest when the graph is not connected) as a new
        Graph, as networkx's ``minimum_spanning_tree``: every node with its attributes and
        the edges ``minimum_spanning_edges`` gives, with theirs. Arguments and errors as
        there.

        Examples:
            >>> from groggy import Graph
            >>> g = Graph()
            >>> g.add_edges([(1, 2, {"weight": 3}), (2, 3, {"weight": 1}), (1, 3, {"weight": 2})])
            >>> g.minimum_spanning_tree().edge_count
            2
        """
        return self._spanning_tree(*_spanning_args(weight, algorithm, "minimum_spanning_tree"))

    def _spanning_tree(self: Graph, w: Any, wl: int, code: int) -> Graph:
        """``minimum_spanning_tree`` for checked arguments."""
        out = ffi.new("gr_graph **")
        ptr = self._handle
        self._run(
            lambda cancel: lib.gr_graph_minimum_spanning_tree(ptr, w, wl, code, cancel, out),
            discard=lambda: lib.gr_graph_free(out[0]),
        )
        return type(self)._adopt(out[0])
