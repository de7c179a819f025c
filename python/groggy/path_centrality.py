"""Centralities made of shortest paths (betweenness of nodes and edges, closeness,
harmonic centrality), with networkx's definitions and normalisations. Mixed into
``Graph``; each method is one call into the engine, which searches from every node in
parallel on a snapshot of the graph."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ._args import SIZE_MAX, bool_arg, int_arg, seed_arg
from ._convert import KeyArray, take_keys
from ._errors import check
from ._native import ffi, lib
from .algorithms import _free_outputs, _weight_args
from .array import GraphArray

if TYPE_CHECKING:
    import random

    from ._types import KeyLike, NodeKey
    from .graph import Graph
    from .nodemap import NodeMap


def _betweenness_options(
    op: str,
    k: int | None,
    normalized: bool,
    weight: str | None,
    endpoints: bool,
    seed: int | random.Random | None,
    sources: Iterable[KeyLike] | None,
) -> tuple[Any, list[Any]]:
    """The filled ``gr_betweenness_options``, and what its pointers point to (to keep
    alive until the call returns)."""
    if sources is not None and k is not None:
        raise ValueError(f"{op}: give k (sources to sample) or sources, not both")
    w, wl = _weight_args(weight)
    opts = ffi.new("gr_betweenness_options *")
    check(lib.gr_betweenness_options_init(opts, lib.GR_BETWEENNESS_OPTIONS_VERSION))
    if k is not None:
        opts.sampled, opts.k = True, int_arg(k, "k", op, maximum=SIZE_MAX)
    opts.normalized = bool_arg(normalized, "normalized", op)
    opts.endpoints = bool_arg(endpoints, "endpoints", op)
    opts.seeded, opts.seed = seed_arg(seed, op)
    keep: list[Any] = []
    if weight is not None:
        c_weight = ffi.new("char[]", w)
        keep.append(c_weight)
        opts.weight, opts.weight_len = c_weight, wl
    if sources is not None:
        chosen = KeyArray(list(sources), op)
        if chosen.n == 0:
            raise ValueError(f"{op}: sources is empty")
        keep.append(chosen)
        (
            opts.source_kinds,
            opts.source_ints,
            opts.source_str_data,
            opts.source_str_data_len,
            opts.source_str_offsets,
        ) = chosen.args
        opts.n_sources = chosen.n
    return opts, keep


class PathCentralityMixin:
    """Shortest-path centralities of ``Graph``; results match networkx on the same
    graph."""

    __slots__ = ()

    def _path_searches(self: Graph, k: int | None, sources: Any = None) -> int:
        """How many searches a call makes: its work in passes over the graph."""
        if sources is not None:
            return len(self)  # (an iterable has no length to ask; an upper bound)
        return len(self) if k is None or not isinstance(k, int) else min(k, len(self))

    def betweenness_centrality(
        self: Graph,
        k: int | None = None,
        normalized: bool = True,
        weight: str | None = None,
        endpoints: bool = False,
        seed: int | random.Random | None = None,
        *,
        sources: Iterable[KeyLike] | None = None,
    ) -> NodeMap[float]:
        """Betweenness centrality of every node, as networkx's ``betweenness_centrality``
        (Brandes' algorithm, the same normalisation).

        Args:
            k: estimate from ``k`` source nodes sampled at random (1 to the number of
                nodes, else ``InvalidArgumentError``), scaled as networkx scales such
                an estimate; ``None``: exact, from every node.
            normalized: divide by the number of pairs of nodes that could have a path
                through a node; else unordered pairs count once on undirected graphs.
            weight: an edge attribute holding non-negative lengths (edges without it are
                1; a negative or NaN length raises ``AlgorithmError``); ``None``: every
                edge is 1. A path through an edge of length 0 counts once (networkx's
                Dijkstra counts some such paths twice, so its values differ there).
            endpoints: count the ends of each path too.
            seed: the sample's seed (an int or a ``random.Random``); the same seed gives
                the same values on any number of threads.
            sources: the source nodes, chosen by the caller instead of sampled (``k``
                must be ``None``): the estimate from their paths, scaled as networkx
                scales a sample of these nodes. networkx's ``k`` with its ``seed`` is
                ``sources=seed.sample(list(g), k)`` (when ``k`` is below the number of
                nodes; at that number it is the exact computation).

        Examples:
            >>> from groggy.datasets import karate_club
            >>> round(karate_club().betweenness_centrality()[0], 4)
            0.4376
        """
        op = "betweenness_centrality"
        opts, keep = _betweenness_options(op, k, normalized, weight, endpoints, seed, sources)
        ptr = self._handle

        def call(cancel: Any, keys_out: Any, values_out: Any) -> int:
            _ = keep
            return lib.gr_graph_betweenness_centrality(ptr, opts, cancel, keys_out, values_out)

        return self._node_values(call, rounds=self._path_searches(k, sources))

    def edge_betweenness_centrality(
        self: Graph,
        k: int | None = None,
        normalized: bool = True,
        weight: str | None = None,
        seed: int | random.Random | None = None,
        *,
        sources: Iterable[KeyLike] | None = None,
    ) -> dict[tuple[NodeKey, NodeKey], float]:
        """Betweenness centrality of every edge, as networkx's
        ``edge_betweenness_centrality``: a dict keyed by ``(u, v)`` as networkx keys it
        for a graph built the same way (an undirected edge once, from the end that was
        added to the graph first). Arguments as in ``betweenness_centrality`` (``sources``
        of every node in some order gives networkx's values for ``k`` equal to the number
        of nodes).

        Examples:
            >>> import groggy as gr
            >>> g = gr.Graph()
            >>> g.add_edges_from([(1, 2), (2, 3)])
            >>> g.edge_betweenness_centrality(normalized=False)
            {(1, 2): 2.0, (2, 3): 2.0}
        """
        op = "edge_betweenness_centrality"
        opts, keep = _betweenness_options(op, k, normalized, weight, False, seed, sources)
        ptr = self._handle
        sources_out, targets_out = ffi.new("gr_keys **"), ffi.new("gr_keys **")
        values_out = ffi.new("gr_array **")

        def call(cancel: Any) -> int:
            _ = keep
            return lib.gr_graph_edge_betweenness_centrality(
                ptr, opts, cancel, sources_out, targets_out, values_out
            )

        def discard() -> None:
            _free_outputs(sources_out, values_out)
            lib.gr_keys_free(targets_out[0])

        self._run(call, rounds=self._path_searches(k, sources), discard=discard)
        values = GraphArray._wrap(values_out[0]).to_list()
        heads, tails = take_keys(sources_out[0]), take_keys(targets_out[0])
        return dict(zip(zip(heads, tails), values))

    def closeness_centrality(
        self: Graph, weight: str | None = None, wf_improved: bool = True
    ) -> NodeMap[float]:
        """Closeness centrality of every node, as networkx's ``closeness_centrality``:
        ``(r - 1) / (sum of the distances)`` over the ``r`` nodes that reach a node (on a
        directed graph, distances along the edges into it), times ``(r - 1) / (n - 1)``
        when ``wf_improved``. ``weight``: an edge attribute of non-negative lengths
        (networkx's ``distance``).

        Examples:
            >>> from groggy.datasets import karate_club
            >>> round(karate_club().closeness_centrality()[0], 4)
            0.569
        """
        op = "closeness_centrality"
        w, wl = _weight_args(weight)
        improved = bool_arg(wf_improved, "wf_improved", op)
        ptr = self._handle
        return self._node_values(
            lambda cancel, ko, vo: lib.gr_graph_closeness_centrality(
                ptr, w, wl, improved, cancel, ko, vo
            ),
            rounds=len(self),
        )

    def harmonic_centrality(self: Graph, weight: str | None = None) -> NodeMap[float]:
        """Harmonic centrality of every node, as networkx's ``harmonic_centrality``: the
        sum of ``1 / d(v, u)`` over the nodes ``v`` that reach ``u`` (at a distance above
        0). ``weight``: an edge attribute of non-negative lengths.

        Examples:
            >>> from groggy.datasets import karate_club
            >>> round(karate_club().harmonic_centrality()[0], 4)
            23.1667
        """
        w, wl = _weight_args(weight)
        ptr = self._handle
        return self._node_values(
            lambda cancel, ko, vo: lib.gr_graph_harmonic_centrality(ptr, w, wl, cancel, ko, vo),
            rounds=len(self),
        )
