"""The algorithm side of ``Graph``: each method is one call into the engine, which runs on
a snapshot of the graph without holding its lock. Mixed into ``Graph``.

Long calls can be interrupted: on a large graph the call runs in a worker thread while
the calling thread waits, so Ctrl-C (``KeyboardInterrupt``) arrives at once; the engine is
then told to stop and returns within milliseconds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable

from ._args import SIZE_MAX, float_arg, int_arg
from ._convert import KeyArray, key_args, scratch, take_keys
from ._errors import InvalidOperationError, check
from ._native import NULL, ffi, lib
from ._runtime import RUN_HERE_BELOW, CancelToken, run_here, run_interruptible
from ._types import KeyLike, NodeKey
from .array import GraphArray
from .nodemap import NodeMap

if TYPE_CHECKING:
    from .graph import Graph


def _weight_args(weight: object) -> tuple[Any, int]:
    if weight is None:
        return NULL, 0
    if not isinstance(weight, str):
        raise TypeError(f"weight must be an edge attribute name (str), not {type(weight).__name__}")
    b = weight.encode("utf-8")
    return b, len(b)


def _depth(depth_limit: int | None, op: str) -> int:
    if depth_limit is None:
        return -1
    return int_arg(depth_limit, "depth_limit", op)


def _free_outputs(keys_out: Any, array_out: Any = None) -> None:
    """Releases the results of a call whose caller was interrupted after it succeeded."""
    lib.gr_keys_free(keys_out[0])
    if array_out is not None:
        lib.gr_array_free(array_out[0])


class AlgorithmsMixin:
    """Algorithms of ``Graph``; results match networkx on the same graph."""

    __slots__ = ()

    def _run(
        self: Graph,
        call: Callable[[Any], int],
        token: CancelToken | None = None,
        rounds: int = 1,
        discard: Callable[[], None] | None = None,
        reads_edges: bool = True,
    ) -> None:
        """Runs ``call(cancel)`` (which returns a status); interruptible when the work
        (graph size times ``rounds``, the most passes over the graph the call may make; the
        node count alone for a call that does not read the edges) is large. With a
        ``token``, runs on this thread, stopped by that token. Raises on a bad status, and
        then the call's outputs are not to be read. ``discard()`` releases the outputs of a
        call that succeeded when the caller is interrupted anyway."""
        try:
            nodes, edges = scratch.size, scratch.size2
            # gr_graph_size is not profiled: profile_stats shows only what the user called.
            self._check(lib.gr_graph_size(self._handle, nodes, edges))
            visited = nodes[0] + edges[0] if reads_edges else nodes[0]
            work = visited * max(rounds, 1)
        except InvalidOperationError:
            work = 0  # closed: the call itself reports it, under its own name
        if token is not None or work < RUN_HERE_BELOW:
            self._check(run_here(call, token))
        else:
            run_interruptible(call, "groggy-algorithm", discard)

    def _node_values(
        self: Graph,
        call: Callable[..., int],
        token: CancelToken | None = None,
        rounds: int = 1,
        reads_edges: bool = True,
    ) -> NodeMap[Any]:
        keys_out, values_out = ffi.new("gr_keys **"), ffi.new("gr_array **")
        self._run(
            lambda cancel: call(cancel, keys_out, values_out),
            token,
            rounds,
            lambda: _free_outputs(keys_out, values_out),
            reads_edges,
        )
        return NodeMap(keys_out[0], GraphArray._wrap(values_out[0]))

    def _key_list(self: Graph, call: Callable[[Any, Any], int]) -> list[NodeKey]:
        keys_out = ffi.new("gr_keys **")
        self._run(lambda cancel: call(cancel, keys_out), discard=lambda: _free_outputs(keys_out))
        return take_keys(keys_out[0])

    def _groups(self: Graph, function: Any) -> list[list[NodeKey]]:
        keys_out, sizes_out = ffi.new("gr_keys **"), ffi.new("gr_array **")
        self._run(
            lambda cancel: function(self._handle, cancel, keys_out, sizes_out),
            discard=lambda: _free_outputs(keys_out, sizes_out),
        )
        sizes = GraphArray._wrap(sizes_out[0]).to_list()
        keys = take_keys(keys_out[0])
        groups, start = [], 0
        for size in sizes:
            groups.append(keys[start : start + size])
            start += size
        return groups

    def _pagerank_call(
        self: Graph,
        alpha: float = 0.85,
        max_iter: int = 100,
        tol: float = 1e-06,
        weight: str | None = None,
        personalization: Mapping[KeyLike, float] | None = None,
    ) -> Callable[[Any, Any, Any], int]:
        """The engine call of ``pagerank``, as ``call(cancel, keys_out, values_out)``."""
        op = "pagerank"
        w, wl = _weight_args(weight)
        alpha, tol = float_arg(alpha, "alpha", op), float_arg(tol, "tol", op)
        max_iter = int_arg(max_iter, "max_iter", op, maximum=SIZE_MAX)
        if personalization is not None and not isinstance(personalization, Mapping):
            raise TypeError(
                f"{op}: personalization must be a mapping of node keys to weights, "
                f"not {type(personalization).__name__}"
            )
        items = None if personalization is None else list(personalization.items())
        keys = KeyArray([k for k, _ in items] if items else [], op)
        weights = [float_arg(v, f"personalization[{k!r}]", op) for k, v in items or ()]
        opts = ffi.new("gr_pagerank_options *")
        check(lib.gr_pagerank_options_init(opts, lib.GR_PAGERANK_OPTIONS_VERSION))
        opts.alpha, opts.max_iter, opts.tol = alpha, max_iter, tol
        # The struct holds bare pointers: `keep` owns what they point to until the call.
        keep: list[Any] = [keys]
        if weight is not None:
            c_weight = ffi.new("char[]", w)
            keep.append(c_weight)
            opts.weight, opts.weight_len = c_weight, wl
        if items is not None:
            values = ffi.new("double[]", weights or 1)
            keep.append(values)
            (
                opts.personal_kinds,
                opts.personal_ints,
                opts.personal_str_data,
                opts.personal_str_data_len,
                opts.personal_str_offsets,
            ) = keys.args
            opts.personal_values, opts.n_personal = values, len(items)
        ptr = self._handle

        def call(cancel: Any, keys_out: Any, values_out: Any) -> int:
            _ = keep  # alive as long as the call, which may outlive this function
            return lib.gr_graph_pagerank(ptr, opts, cancel, keys_out, values_out)

        return call

    def pagerank(
        self: Graph,
        alpha: float = 0.85,
        max_iter: int = 100,
        tol: float = 1e-06,
        weight: str | None = None,
        personalization: Mapping[KeyLike, float] | None = None,
    ) -> NodeMap[float]:
        """PageRank as networkx computes it (same iteration, same stopping rule): a NodeMap
        of scores that sum to 1.

        Args:
            alpha: the damping factor, in (0, 1) (else ``InvalidArgumentError``).
            max_iter: the most iterations; without convergence by then, ``AlgorithmError``.
            tol: convergence when the scores change by less than ``N * tol`` in all.
            weight: an edge attribute holding the weights (edges without it weigh 1.0;
                a name no edge has raises ``InvalidArgumentError``); ``None``: every
                edge weighs 1.
            personalization: node key -> weight of the teleport (and dangling) vector;
                nodes not named get 0. ``None``: uniform.

        Examples:
            >>> from groggy.datasets import karate_club
            >>> round(karate_club().pagerank()[33], 4)
            0.1009
        """
        call = self._pagerank_call(alpha, max_iter, tol, weight, personalization)
        return self._node_values(call, rounds=max_iter)

    async def async_pagerank(
        self: Graph,
        alpha: float = 0.85,
        max_iter: int = 100,
        tol: float = 1e-06,
        weight: str | None = None,
        personalization: Mapping[KeyLike, float] | None = None,
    ) -> NodeMap[float]:
        """``pagerank`` (same arguments, same result) computed in a worker thread while the
        event loop keeps running: ``scores = await g.async_pagerank()``. Cancelling the
        awaiting task stops the computation."""
        call = self._pagerank_call(alpha, max_iter, tol, weight, personalization)
        token = CancelToken()
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(None, lambda: self._node_values(call, token))
        try:
            return await future
        except asyncio.CancelledError:
            token.trigger()
            raise

    def bfs(self: Graph, source: KeyLike, depth_limit: int | None = None) -> list[NodeKey]:
        """Nodes reached from ``source`` in breadth-first order (source first), following
        edges forwards; ``depth_limit`` stops that many edges away (``None``: no limit)."""
        k = key_args(source, "bfs")
        depth = _depth(depth_limit, "bfs")
        ptr = self._handle
        return self._key_list(lambda cancel, out: lib.gr_graph_bfs(ptr, *k, depth, cancel, out))

    def dfs(self: Graph, source: KeyLike, depth_limit: int | None = None) -> list[NodeKey]:
        """Nodes reached from ``source`` in depth-first preorder (source first), as
        networkx's ``dfs_preorder_nodes``; ``depth_limit`` as in ``bfs``."""
        k = key_args(source, "dfs")
        depth = _depth(depth_limit, "dfs")
        ptr = self._handle
        return self._key_list(lambda cancel, out: lib.gr_graph_dfs(ptr, *k, depth, cancel, out))

    def shortest_path(
        self: Graph, source: KeyLike, target: KeyLike, weight: str | None = None
    ) -> list[NodeKey]:
        """The keys along a shortest path (fewest edges, or least total ``weight``, an edge
        attribute some edge has, else ``InvalidArgumentError``). ``NoPathError`` when none
        exists; ``AlgorithmError`` on a negative weight."""
        u, v = key_args(source, "shortest_path"), key_args(target, "shortest_path")
        w, wl = _weight_args(weight)
        ptr = self._handle
        return self._key_list(
            lambda cancel, out: lib.gr_graph_shortest_path(ptr, *u, *v, w, wl, cancel, out)
        )

    def bidirectional_shortest_path(self: Graph, source: KeyLike, target: KeyLike) -> list[NodeKey]:
        """The keys along a shortest path (fewest edges) found by searches from both ends,
        as networkx's ``bidirectional_shortest_path`` (and ``nx.shortest_path(G, source,
        target)``) finds it: among equally short paths, networkx's. ``NoPathError`` when
        none exists."""
        op = "bidirectional_shortest_path"
        u, v = key_args(source, op), key_args(target, op)
        ptr = self._handle
        return self._key_list(
            lambda cancel, out: lib.gr_graph_bidirectional_shortest_path(ptr, *u, *v, cancel, out)
        )

    def shortest_path_lengths(
        self: Graph, source: KeyLike, weight: str | None = None
    ) -> NodeMap[Any]:
        """A NodeMap from every node reached to its distance from ``source`` (hops, or total
        ``weight``), in visit order: ints without ``weight``, floats with it."""
        k = key_args(source, "shortest_path_lengths")
        w, wl = _weight_args(weight)
        ptr = self._handle
        return self._node_values(
            lambda cancel, ko, vo: lib.gr_graph_shortest_path_lengths(
                ptr, *k, w, wl, cancel, ko, vo
            )
        )

    def connected_components(self: Graph) -> list[list[NodeKey]]:
        """Lists of keys, one per component (weak components when directed), largest
        first."""
        return self._groups(lib.gr_graph_connected_components)

    def strongly_connected_components(self: Graph, *, order: str = "size") -> list[list[NodeKey]]:
        """Lists of keys, one per strongly connected component, each in node order.
        Directed graphs only (``InvalidOperationError`` otherwise).

        Args:
            order: ``"size"``, largest first; ``"search"``, in the order Tarjan's search
                completes them (from each node in node order not reached yet, neighbours
                in the graph's order), which is networkx's order.
        """
        if order == "size":
            return self._groups(lib.gr_graph_strongly_connected_components)
        if order == "search":
            return self._groups(lib.gr_graph_strongly_connected_components_found)
        raise ValueError(
            f"strongly_connected_components: order must be 'size' or 'search', not {order!r}"
        )

    def component_labels(self: Graph) -> NodeMap[int]:
        """A NodeMap from each key to its component number, numbered in the order of
        ``connected_components()``."""
        ptr = self._handle
        return self._node_values(
            lambda cancel, ko, vo: lib.gr_graph_component_labels(ptr, cancel, ko, vo)
        )
