"""Search trees of ``Graph``: the edges a breadth-first, depth-first or shortest-path search
follows to reach each node, in networkx's orders (``bfs_edges``, ``dfs_edges``,
``dfs_postorder_nodes``, ``single_source_dijkstra``). Mixed into ``Graph``; each method is
one call into the engine, whose parallel key lists (each node with the node it was reached
from) are reshaped here into networkx's forms."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Callable, NamedTuple

from ._args import bool_arg, float_arg
from ._convert import KeyArray, key_args, take_keys
from ._errors import check
from ._native import ffi, lib
from .algorithms import _depth, _weight_args
from .array import GraphArray

if TYPE_CHECKING:
    from ._types import KeyLike, NodeKey
    from .graph import Graph


class DepthFirstSearch(NamedTuple):
    """What a depth-first search found, as networkx's depth-first functions give it."""

    #: Nodes in the order the search reached them (``dfs_preorder_nodes``).
    preorder: list[NodeKey]
    #: The tree edges ``(parent, child)`` in the order followed (``dfs_edges``).
    edges: list[tuple[NodeKey, NodeKey]]
    #: The nodes searched from, in the order their search finished
    #: (``dfs_postorder_nodes``: a node at the depth limit is not searched from).
    postorder: list[NodeKey]


class ShortestPaths(NamedTuple):
    """Shortest paths from one source, as networkx's ``single_source_dijkstra`` gives
    them."""

    #: Node -> length (hops as ints, or total weight), in the order the search settled
    #: the nodes.
    lengths: dict[NodeKey, Any]
    #: Node -> the keys along its path from the source, in the order the search first
    #: reached the nodes.
    paths: dict[NodeKey, list[NodeKey]]


def _search_options(depth_limit: int | None, reverse: bool, op: str) -> Any:
    opts = ffi.new("gr_search_options *")
    check(lib.gr_search_options_init(opts, lib.GR_SEARCH_OPTIONS_VERSION))
    opts.depth_limit = _depth(depth_limit, op)
    opts.reverse = bool_arg(reverse, "reverse", op)
    return opts


def _tree_edges(nodes: list[Any], parents: list[Any]) -> list[tuple[Any, Any]]:
    """``(parent, node)`` for every node but the roots (each its own parent)."""
    return [(p, n) for n, p in zip(nodes, parents) if p != n]


class SearchTreesMixin:
    """Search trees of ``Graph``; results match networkx on the same graph."""

    __slots__ = ()

    def _key_lists(self: Graph, count: int, call: Callable[..., int]) -> list[list[NodeKey]]:
        """Runs ``call(cancel, *outputs)`` with ``count`` key-list outputs; their keys."""
        outs = [ffi.new("gr_keys **") for _ in range(count)]

        def discard() -> None:
            for o in outs:
                lib.gr_keys_free(o[0])

        self._run(lambda cancel: call(cancel, *outs), discard=discard)
        return [take_keys(o[0]) for o in outs]

    def bfs_edges(
        self: Graph, source: KeyLike, depth_limit: int | None = None, reverse: bool = False
    ) -> list[tuple[NodeKey, NodeKey]]:
        """The edges of the breadth-first search tree from ``source``, as networkx's
        ``bfs_edges``: ``(parent, child)`` in the order the search reached each child (a
        node's neighbours in the graph's order, level by level). ``depth_limit`` stops
        that many edges away (``None``: no limit); ``reverse`` follows edges backwards on
        a directed graph.

        Examples:
            >>> import groggy as gr
            >>> g = gr.Graph(directed=True)
            >>> g.add_edges_from([(0, 1), (1, 2), (0, 3)])
            >>> g.bfs_edges(0)
            [(0, 1), (0, 3), (1, 2)]
            >>> g.bfs_edges(2, reverse=True)
            [(2, 1), (1, 0)]
        """
        op = "bfs_edges"
        k = key_args(source, op)
        opts = _search_options(depth_limit, reverse, op)
        ptr = self._handle
        nodes, parents = self._key_lists(
            2, lambda cancel, n, p: lib.gr_graph_bfs_tree(ptr, *k, opts, cancel, n, p)
        )
        return list(zip(parents[1:], nodes[1:]))

    def bfs_layers(self: Graph, sources: Iterable[KeyLike]) -> list[list[NodeKey]]:
        """The layers of a breadth-first search from all of ``sources`` at once, as
        networkx's ``bfs_layers`` for a list of sources: the sources (a repeated one
        once), then the successors of each layer that no layer holds yet, in the graph's
        order.

        Examples:
            >>> import groggy as gr
            >>> g = gr.Graph()
            >>> g.add_edges_from([(0, 1), (1, 2), (2, 3), (4, 3)])
            >>> g.bfs_layers([0, 4])
            [[0, 4], [1, 3], [2]]
        """
        op = "bfs_layers"
        keys = KeyArray(list(sources), op)
        ptr = self._handle
        keys_out, sizes_out = ffi.new("gr_keys **"), ffi.new("gr_array **")

        def call(cancel: Any) -> int:
            _ = keys
            return lib.gr_graph_bfs_layers(ptr, *keys.args, keys.n, cancel, keys_out, sizes_out)

        def discard() -> None:
            lib.gr_keys_free(keys_out[0])
            lib.gr_array_free(sizes_out[0])

        self._run(call, discard=discard)
        sizes = GraphArray._wrap(sizes_out[0]).to_list()
        found = take_keys(keys_out[0])
        layers, start = [], 0
        for size in sizes:
            layers.append(found[start : start + size])
            start += size
        return layers

    def dfs_search(
        self: Graph, source: KeyLike | None = None, depth_limit: int | None = None
    ) -> DepthFirstSearch:
        """A depth-first search from ``source`` as networkx walks it (a node's neighbours
        in the graph's order, each explored fully before the next): its preorder, tree
        edges and postorder. ``source=None`` searches again from every node, in the
        graph's order, that no earlier search reached (networkx's ``dfs_edges(G)``);
        ``depth_limit`` bounds each search (``None``: no limit).

        Examples:
            >>> import groggy as gr
            >>> g = gr.Graph()
            >>> g.add_edges_from([(0, 1), (1, 2), (0, 3), (4, 5)])
            >>> g.dfs_search(0)
            DepthFirstSearch(preorder=[0, 1, 2, 3], edges=[(0, 1), (1, 2), (0, 3)], postorder=[2, 1, 3, 0])
            >>> g.dfs_search().edges
            [(0, 1), (1, 2), (0, 3), (4, 5)]
        """  # noqa: E501
        op = "dfs_search"
        opts = _search_options(depth_limit, False, op)
        ptr = self._handle
        if source is None:
            nodes, parents, post = self._key_lists(
                3, lambda cancel, *outs: lib.gr_graph_dfs_forest(ptr, opts, cancel, *outs)
            )
        else:
            k = key_args(source, op)
            nodes, parents, post = self._key_lists(
                3, lambda cancel, *outs: lib.gr_graph_dfs_tree(ptr, *k, opts, cancel, *outs)
            )
        return DepthFirstSearch(nodes, _tree_edges(nodes, parents), post)

    def dfs_edges(
        self: Graph, source: KeyLike | None = None, depth_limit: int | None = None
    ) -> list[tuple[NodeKey, NodeKey]]:
        """The tree edges of ``dfs_search(source, depth_limit)``, as networkx's
        ``dfs_edges``: ``(parent, child)`` in the order the search followed them."""
        return self.dfs_search(source, depth_limit).edges

    def dfs_postorder(
        self: Graph, source: KeyLike | None = None, depth_limit: int | None = None
    ) -> list[NodeKey]:
        """The postorder of ``dfs_search(source, depth_limit)``, as networkx's
        ``dfs_postorder_nodes``."""
        return self.dfs_search(source, depth_limit).postorder

    def shortest_paths(
        self: Graph, source: KeyLike, weight: str | None = None, cutoff: float | None = None
    ) -> ShortestPaths:
        """Shortest paths from ``source`` to every node it reaches, with their lengths, as
        networkx's ``single_source_dijkstra`` (``single_source_shortest_path`` without
        ``weight``) gives them: among equally short paths, the one its search finds first.

        Args:
            weight: an edge attribute of non-negative lengths (edges without it are 1; a
                name no edge has raises ``InvalidArgumentError``, a negative length
                ``AlgorithmError``); ``None``: lengths are hop counts (ints).
            cutoff: follow no path longer than this (``None``: no limit).

        Examples:
            >>> import groggy as gr
            >>> g = gr.Graph()
            >>> g.add_edges_from([(0, 1, {"w": 1.0}), (1, 2, {"w": 1.0}), (0, 2, {"w": 5.0})])
            >>> g.shortest_paths(0, weight="w")
            ShortestPaths(lengths={0: 0.0, 1: 1.0, 2: 2.0}, paths={0: [0], 1: [0, 1], 2: [0, 1, 2]})
            >>> g.shortest_paths(0).paths[2]
            [0, 2]
        """
        op = "shortest_paths"
        k = key_args(source, op)
        w, wl = _weight_args(weight)
        opts = ffi.new("gr_path_tree_options *")
        check(lib.gr_path_tree_options_init(opts, lib.GR_PATH_TREE_OPTIONS_VERSION))
        keep: list[Any] = []
        if weight is not None:
            c_weight = ffi.new("char[]", w)
            keep.append(c_weight)
            opts.weight, opts.weight_len = c_weight, wl
        if cutoff is not None:
            opts.cutoff = float_arg(cutoff, "cutoff", op)
        ptr = self._handle
        outs = [ffi.new("gr_keys **") for _ in range(3)]
        lengths_out = ffi.new("gr_array **")

        def call(cancel: Any) -> int:
            _ = keep
            nodes_out, parents_out, reached_out = outs
            return lib.gr_graph_shortest_path_tree(
                ptr, *k, opts, cancel, nodes_out, parents_out, lengths_out, reached_out
            )

        def discard() -> None:
            for o in outs:
                lib.gr_keys_free(o[0])
            lib.gr_array_free(lengths_out[0])

        self._run(call, discard=discard)
        lengths = GraphArray._wrap(lengths_out[0]).to_list()
        nodes, parents, reached = (take_keys(o[0]) for o in outs)
        paths: dict[Any, list[Any]] = {nodes[0]: [nodes[0]]}
        for node, parent in zip(nodes[1:], parents[1:]):
            paths[node] = [*paths[parent], node]
        return ShortestPaths(dict(zip(nodes, lengths)), {node: paths[node] for node in reached})
