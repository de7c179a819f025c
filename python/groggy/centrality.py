"""The degree and spectral centralities of ``Graph`` (degree, eigenvector, Katz, HITS): one
engine call each, with networkx's definitions, normalisations and stopping rules. Mixed
into ``Graph``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable

from ._args import SIZE_MAX, bool_arg, float_arg, int_arg
from ._convert import KeyArray
from ._errors import check
from ._native import ffi, lib
from .algorithms import _free_outputs, _weight_args
from .array import GraphArray
from .nodemap import NodeMap

if TYPE_CHECKING:
    from ._types import KeyLike
    from .graph import Graph


class CentralityMixin:
    """Degree, eigenvector, Katz and HITS centralities of ``Graph``."""

    __slots__ = ()

    def _degree_values(self: Graph, function: Callable[..., int]) -> NodeMap[float]:
        ptr = self._handle
        # Degrees are row lengths: the call reads no edge (beyond one scan for self-loops).
        return self._node_values(
            lambda cancel, ko, vo: function(ptr, cancel, ko, vo), reads_edges=False
        )

    def degree_centrality(self: Graph) -> NodeMap[float]:
        """Each node's degree divided by ``n - 1`` (in + out when directed; a self-loop of
        an undirected graph counts twice), as networkx; 1.0 for the node of a one-node
        graph.

        Examples:
            >>> from groggy.datasets import karate_club
            >>> round(karate_club().degree_centrality()[33], 4)
            0.5152
        """
        return self._degree_values(lib.gr_graph_degree_centrality)

    def in_degree_centrality(self: Graph) -> NodeMap[float]:
        """In-degree over ``n - 1``, as networkx; directed graphs only
        (``InvalidOperationError`` otherwise)."""
        return self._degree_values(lib.gr_graph_in_degree_centrality)

    def out_degree_centrality(self: Graph) -> NodeMap[float]:
        """Out-degree over ``n - 1``, as networkx; directed graphs only
        (``InvalidOperationError`` otherwise)."""
        return self._degree_values(lib.gr_graph_out_degree_centrality)

    def eigenvector_centrality(
        self: Graph, max_iter: int = 100, tol: float = 1e-06, weight: str | None = None
    ) -> NodeMap[float]:
        """Eigenvector centrality by networkx's power iteration (the left eigenvector: a
        node scores by its in-neighbours), scaled to unit Euclidean norm.

        Args:
            max_iter: the most iterations; without convergence by then, ``AlgorithmError``.
            tol: convergence when the scores change by less than ``N * tol`` in all.
            weight: an edge attribute holding the weights (edges without it weigh 1.0;
                a name no edge has raises ``InvalidArgumentError``); ``None``: all 1.

        A graph without nodes raises ``InvalidOperationError`` (networkx's
        ``NetworkXPointlessConcept``).

        Examples:
            >>> from groggy.datasets import karate_club
            >>> round(karate_club().eigenvector_centrality()[33], 4)
            0.3734
        """
        op = "eigenvector_centrality"
        max_iter = int_arg(max_iter, "max_iter", op, maximum=SIZE_MAX)
        tol = float_arg(tol, "tol", op)
        w, wl = _weight_args(weight)
        ptr = self._handle
        return self._node_values(
            lambda cancel, ko, vo: lib.gr_graph_eigenvector_centrality(
                ptr, max_iter, tol, w, wl, cancel, ko, vo
            ),
            rounds=max_iter,
        )

    def katz_centrality(
        self: Graph,
        alpha: float = 0.1,
        beta: float | Mapping[KeyLike, float] = 1.0,
        max_iter: int = 1000,
        tol: float = 1e-06,
        normalized: bool = True,
        weight: str | None = None,
    ) -> NodeMap[float]:
        """Katz centrality by networkx's iteration: from zeros, ``x = alpha * x A + beta``
        until the scores change by less than ``N * tol`` in all; then, when
        ``normalized``, scaled to unit Euclidean norm.

        Args:
            alpha: the attenuation factor (below 1 / the largest eigenvalue to converge).
            beta: what every node gets of its own: a number, or a mapping with a value for
                every node and no other key (else ``InvalidArgumentError``).
            max_iter: the most iterations; without convergence by then, ``AlgorithmError``.
            tol: the convergence tolerance.
            normalized: scale the result to unit Euclidean norm.
            weight: an edge attribute holding the weights, as in ``pagerank``.

        Examples:
            >>> from groggy.datasets import karate_club
            >>> round(karate_club().katz_centrality()[33], 4)
            0.3314
        """
        op = "katz_centrality"
        opts = ffi.new("gr_katz_options *")
        check(lib.gr_katz_options_init(opts, lib.GR_KATZ_OPTIONS_VERSION))
        opts.alpha = float_arg(alpha, "alpha", op)
        opts.max_iter = int_arg(max_iter, "max_iter", op, maximum=SIZE_MAX)
        opts.tol = float_arg(tol, "tol", op)
        opts.normalized = bool_arg(normalized, "normalized", op)
        w, wl = _weight_args(weight)
        # The struct holds bare pointers: `keep` owns what they point to until the call.
        keep: list[Any] = []
        if weight is not None:
            c_weight = ffi.new("char[]", w)
            keep.append(c_weight)
            opts.weight, opts.weight_len = c_weight, wl
        if isinstance(beta, Mapping):
            items = list(beta.items())
            keys = KeyArray([k for k, _ in items], op)
            values = ffi.new("double[]", [float_arg(v, f"beta[{k!r}]", op) for k, v in items] or 1)
            keep += [keys, values]
            (
                opts.beta_kinds,
                opts.beta_ints,
                opts.beta_str_data,
                opts.beta_str_data_len,
                opts.beta_str_offsets,
            ) = keys.args
            opts.beta_values, opts.n_beta = values, len(items)
        else:
            opts.beta = float_arg(beta, "beta", op)
        ptr = self._handle

        def call(cancel: Any, keys_out: Any, values_out: Any) -> int:
            _ = keep  # alive as long as the call, which may outlive this function
            return lib.gr_graph_katz_centrality(ptr, opts, cancel, keys_out, values_out)

        return self._node_values(call, rounds=opts.max_iter)

    def hits(
        self: Graph, max_iter: int = 100, tol: float = 1e-08, normalized: bool = True
    ) -> tuple[NodeMap[float], NodeMap[float]]:
        """HITS hubs and authorities, ``(hubs, authorities)``: the dominant singular
        vectors of the adjacency matrix, weighted by the edge attribute ``"weight"`` when
        edges have it (as networkx's ``hits``). networkx solves this with ARPACK; groggy
        iterates ``a = A^T h``, ``h = A a`` until the scores are within ``tol`` of the
        limit, so the two agree within ``tol``.

        Args:
            max_iter: the most iterations, counted as networkx's ARPACK solver counts
                them (each allows 20 power steps); without convergence by then,
                ``AlgorithmError``.
            tol: the accuracy of the scores.
            normalized: hubs and authorities each sum to 1; otherwise the authorities
                have unit Euclidean norm and the hubs are ``A`` times them.

        A graph whose every score is 0 (nodes but no edges) raises ``AlgorithmError``.

        Examples:
            >>> import groggy as gr
            >>> g = gr.Graph(directed=True)
            >>> g.add_edges([(1, 2), (1, 3), (4, 3)])
            >>> hubs, authorities = g.hits()
            >>> round(authorities[3], 4), round(hubs[1], 4)
            (0.618, 0.618)
        """
        op = "hits"
        max_iter = int_arg(max_iter, "max_iter", op, maximum=SIZE_MAX)
        tol = float_arg(tol, "tol", op)
        normalized = bool_arg(normalized, "normalized", op)
        hk, hv = ffi.new("gr_keys **"), ffi.new("gr_array **")
        ak, av = ffi.new("gr_keys **"), ffi.new("gr_array **")
        ptr = self._handle

        def discard() -> None:
            _free_outputs(hk, hv)
            _free_outputs(ak, av)

        self._run(
            lambda cancel: lib.gr_graph_hits(
                ptr, max_iter, tol, normalized, cancel, hk, hv, ak, av
            ),
            rounds=40 * max_iter,
            discard=discard,
        )
        hubs = NodeMap(hk[0], GraphArray._wrap(hv[0]))
        return hubs, NodeMap(ak[0], GraphArray._wrap(av[0]))
