"""Community detection on ``Graph``: Louvain, label propagation and modularity, as
networkx's ``community`` functions. Each method is one call into the engine. Mixed into
``Graph``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ._args import float_arg, seed_arg
from ._convert import KeyArray, take_keys
from ._errors import check
from ._native import NULL, ffi, lib
from ._runtime import CancelToken
from ._types import KeyLike, NodeKey
from .algorithms import _free_outputs
from .array import GraphArray

if TYPE_CHECKING:
    import random

    from .graph import Graph

#: networkx's default weight name of Louvain and modularity: means unweighted when no
#: edge has it (any other name no edge has is an error).
_DEFAULT_WEIGHT = "weight"

#: The most passes over the graph Louvain's levels make, roughly: enough that a large
#: graph runs in a worker thread (interruptible).
_LOUVAIN_ROUNDS = 10


def _weight(weight: object, op: str, default: str | None) -> tuple[Any, int, bool]:
    """``(name, length, unweighted)`` as the engine takes a weight: ``None`` is unweighted;
    ``default`` (networkx's default name, when the function has one) is NULL, so the
    engine uses it only if some edge has it."""
    if weight is None:
        return NULL, 0, True
    if not isinstance(weight, str):
        raise TypeError(
            f"{op}: weight must be an edge attribute name (str) or None, "
            f"not {type(weight).__name__}"
        )
    if weight == default:
        return NULL, 0, False
    b = weight.encode("utf-8")
    return ffi.new("char[]", b), len(b), False


class CommunitiesMixin:
    """Community detection of ``Graph``; results as networkx's ``community`` module."""

    __slots__ = ()

    def _communities(
        self: Graph, function: Any, rounds: int = 1, token: CancelToken | None = None
    ) -> list[set[NodeKey]]:
        """Runs ``function(graph, cancel, keys_out, sizes_out)`` (interruptible when the
        graph times ``rounds`` is large; stopped by ``token`` if given) and splits its
        keys into sets by its sizes."""
        keys_out, sizes_out = ffi.new("gr_keys **"), ffi.new("gr_array **")
        self._run(
            lambda cancel: function(self._handle, cancel, keys_out, sizes_out),
            token,
            rounds,
            discard=lambda: _free_outputs(keys_out, sizes_out),
        )
        sizes = GraphArray._wrap(sizes_out[0]).to_list()
        keys = take_keys(keys_out[0])
        groups, start = [], 0
        for size in sizes:
            groups.append(set(keys[start : start + size]))
            start += size
        return groups

    def louvain_communities(
        self: Graph,
        weight: str | None = "weight",
        resolution: float = 1.0,
        threshold: float = 1e-07,
        seed: int | random.Random | None = None,
    ) -> list[set[NodeKey]]:
        """Communities found by the Louvain method as networkx's ``louvain_communities``
        runs it (same moves, gain formula, levels and stopping rule; directed graphs use
        the directed modularity), largest first. Its random order is groggy's own, so a
        seed gives other communities than in networkx, of the same quality.

        Args:
            weight: an edge attribute holding the weights (edges without it weigh 1.0).
                The default ``"weight"`` means unweighted when no edge has it; another
                name no edge has raises ``InvalidArgumentError``; ``None``: unweighted.
            resolution: above 1 favours smaller communities, below 1 larger ones.
            threshold: stop when a level gains at most this much modularity.
            seed: an int (or ``random.Random``) for the random order: the same seed
                gives the same communities on any thread count; ``None``: a fresh one.

        Examples:
            >>> from groggy.datasets import karate_club
            >>> g = karate_club()
            >>> parts = g.louvain_communities(seed=1)
            >>> sum(len(p) for p in parts), g.modularity(parts) > 0.35
            (34, True)
        """
        op = "louvain_communities"
        w, wl, unweighted = _weight(weight, op, _DEFAULT_WEIGHT)
        opts = ffi.new("gr_louvain_options *")
        check(lib.gr_louvain_options_init(opts, lib.GR_LOUVAIN_OPTIONS_VERSION))
        opts.weight, opts.weight_len, opts.unweighted = w, wl, unweighted
        opts.resolution = float_arg(resolution, "resolution", op)
        opts.threshold = float_arg(threshold, "threshold", op)
        opts.seeded, opts.seed = seed_arg(seed, op)

        def call(ptr: Any, cancel: Any, keys_out: Any, sizes_out: Any) -> int:
            _ = w  # the name the options point to lives as long as the call
            return lib.gr_graph_louvain_communities(ptr, opts, cancel, keys_out, sizes_out)

        return self._communities(call, _LOUVAIN_ROUNDS)

    def label_propagation_communities(self: Graph) -> list[set[NodeKey]]:
        """networkx's semi-synchronous label propagation (Cordasco and Gargano):
        deterministic, the same communities as networkx; largest first. Undirected graphs
        only (``InvalidOperationError`` otherwise).

        Examples:
            >>> from groggy.datasets import karate_club
            >>> [len(c) for c in karate_club().label_propagation_communities()]
            [16, 15, 3]
        """
        return self._communities(lib.gr_graph_label_propagation_communities)

    def asyn_lpa_communities(
        self: Graph,
        weight: str | None = None,
        seed: int | random.Random | None = None,
    ) -> list[set[NodeKey]]:
        """networkx's asynchronous label propagation: nodes in a random order take the
        label of greatest (weighted) count among their neighbours (successors when
        directed), until none changes; largest first.

        Args:
            weight: an edge attribute holding the weights (a name no edge has raises
                ``InvalidArgumentError``); ``None``: every edge weighs 1.
            seed: an int (or ``random.Random``): the same seed gives the same communities;
                ``None``: a fresh one.

        Examples:
            >>> from groggy.datasets import karate_club
            >>> sum(len(c) for c in karate_club().asyn_lpa_communities(seed=3))
            34
        """
        op = "asyn_lpa_communities"
        w, wl, _ = _weight(weight, op, None)
        seeded, value = seed_arg(seed, op)

        def call(ptr: Any, cancel: Any, keys_out: Any, sizes_out: Any) -> int:
            return lib.gr_graph_asyn_lpa_communities(
                ptr, w, wl, seeded, value, cancel, keys_out, sizes_out
            )

        return self._communities(call, _LOUVAIN_ROUNDS)

    def modularity(
        self: Graph,
        communities: Iterable[Iterable[KeyLike]],
        weight: str | None = "weight",
        resolution: float = 1.0,
    ) -> float:
        """The modularity of a partition of the nodes, as networkx's
        ``community.modularity`` (directed graphs: the directed modularity).

        Args:
            communities: groups of node keys that hold every node exactly once
                (``InvalidArgumentError`` otherwise, networkx's ``NotAPartition``).
            weight: as ``louvain_communities``.
            resolution: the resolution the modularity is measured at.

        Examples:
            >>> from groggy.datasets import karate_club
            >>> g = karate_club()
            >>> round(g.modularity([set(range(17)), set(range(17, 34))]), 4)
            0.1579
        """
        op = "modularity"
        w, wl, unweighted = _weight(weight, op, _DEFAULT_WEIGHT)
        resolution = float_arg(resolution, "resolution", op)
        if isinstance(communities, (str, bytes)) or not isinstance(communities, Iterable):
            raise TypeError(f"{op}: communities must be an iterable of groups of node keys")
        members: list[KeyLike] = []
        numbers: list[int] = []
        count = 0
        for group in communities:
            if isinstance(group, (str, bytes)) or not isinstance(group, Iterable):
                raise TypeError(f"{op}: each community must be an iterable of node keys")
            before = len(members)
            members.extend(group)
            if len(members) > before:  # empty communities change nothing
                numbers.extend([count] * (len(members) - before))
                count += 1
        keys = KeyArray(members, op)
        c_numbers = ffi.new("uint64_t[]", numbers or [0])
        value = ffi.new("double *")
        ptr = self._handle

        def call(cancel: Any) -> int:
            _ = (keys, w)  # what the pointers point to lives as long as the call
            return lib.gr_graph_modularity(
                ptr, len(members), *keys.args, c_numbers, w, wl, unweighted, resolution,
                cancel, value,
            )  # fmt: skip

        self._run(call)
        return float(value[0])
