"""Graphs built from a model, in Rust: networkx's generators of the same names, with the
same node and edge counts, nodes the int keys ``0..n-1`` in that order.

    >>> import groggy as gr
    >>> g = gr.generators.erdos_renyi_graph(1000, 0.01, seed=7)
    >>> again = gr.generators.erdos_renyi_graph(1000, 0.01, seed=7)
    >>> g.node_count, list(g.edges) == list(again.edges)
    (1000, True)
    >>> list(gr.generators.path_graph(4).edges)
    [(0, 1), (1, 2), (2, 3)]

Random generators take ``seed`` (an int, a ``random.Random``, or ``None`` for a fresh
graph each call) and give the same graph for the same seed on any number of threads (the
random numbers are the engine's own, so not the graph networkx draws for that seed). The
classic shapes (complete, path, cycle, star, grid) have exactly networkx's edges. A
negative size, a probability outside [0, 1] or another argument networkx refuses raises
``InvalidArgumentError``; a graph larger than the engine holds, ``GroggyMemoryError``.
Large graphs are built in a worker thread, so Ctrl-C stops them.
"""

from __future__ import annotations

from typing import Any, Callable

from ._args import bool_arg, float_arg, int_arg, seed_arg
from ._errors import check
from ._native import ffi, lib
from ._runtime import RUN_HERE_BELOW, run_here, run_interruptible
from .datasets import karate_club
from .graph import Graph

__all__ = [
    "barabasi_albert_graph",
    "complete_graph",
    "cycle_graph",
    "erdos_renyi_graph",
    "gnm_random_graph",
    "grid_2d_graph",
    "karate_club_graph",
    "path_graph",
    "rmat_graph",
    "star_graph",
    "watts_strogatz_graph",
]

_INT64_MIN = -(2**63)


def _size(value: Any, name: str, op: str) -> int:
    """An int64 size; negative ones go to the engine, which refuses them by name."""
    return int_arg(value, name, op, minimum=_INT64_MIN)


def _build(call: Callable[[Any, Any], int], work: float) -> Graph:
    """The graph ``call(cancel, out)`` builds (``work``: about how many nodes and edges)."""
    out = ffi.new("gr_graph **")
    if work < RUN_HERE_BELOW:
        check(run_here(lambda cancel: call(cancel, out)))
    else:
        run_interruptible(
            lambda cancel: call(cancel, out), "groggy-generate", lambda: lib.gr_graph_free(out[0])
        )
    return Graph._adopt(out[0])


def erdos_renyi_graph(n: int, p: float, seed: Any = None, directed: bool = False) -> Graph:
    """G(n, p): ``n`` nodes, each of the ``n(n-1)/2`` pairs (``n(n-1)`` ordered pairs when
    ``directed``) joined with probability ``p``; no self-loops. Drawn by geometric skips
    (networkx's ``fast_gnp_random_graph`` method), in time proportional to the edges, in
    parallel: ``erdos_renyi_graph(10**6, 16 / 10**6)`` takes a fraction of a second."""
    op = "erdos_renyi_graph"
    n, p = _size(n, "n", op), float_arg(p, "p", op)
    directed = bool_arg(directed, "directed", op)
    seeded, seed_value = seed_arg(seed, op)
    pairs = n * max(n - 1, 0) / (1 if directed else 2)
    return _build(
        lambda cancel, out: lib.gr_generate_erdos_renyi(
            n, p, directed, seeded, seed_value, cancel, out
        ),
        n + pairs * min(max(p, 0.0), 1.0),
    )


def gnm_random_graph(n: int, m: int, seed: Any = None, directed: bool = False) -> Graph:
    """G(n, m): ``n`` nodes and ``m`` distinct edges chosen uniformly among all possible
    ones (no self-loops); ``m`` at or above that number gives the complete graph, as in
    networkx."""
    op = "gnm_random_graph"
    n, m = _size(n, "n", op), _size(m, "m", op)
    directed = bool_arg(directed, "directed", op)
    seeded, seed_value = seed_arg(seed, op)
    return _build(
        lambda cancel, out: lib.gr_generate_gnm(n, m, directed, seeded, seed_value, cancel, out),
        n + max(m, 0),
    )


def barabasi_albert_graph(n: int, m: int, seed: Any = None) -> Graph:
    """Barabási-Albert preferential attachment, networkx's model: a star of ``m + 1``
    nodes, then each new node joined to ``m`` distinct earlier nodes picked with probability
    proportional to their degree. Undirected, ``m * (n - m)`` edges; ``m < 1`` or
    ``m >= n`` raises ``InvalidArgumentError``."""
    op = "barabasi_albert_graph"
    n, m = _size(n, "n", op), _size(m, "m", op)
    seeded, seed_value = seed_arg(seed, op)
    return _build(
        lambda cancel, out: lib.gr_generate_barabasi_albert(n, m, seeded, seed_value, cancel, out),
        n * (1 + max(m, 0)),
    )


def watts_strogatz_graph(n: int, k: int, p: float, seed: Any = None) -> Graph:
    """Watts-Strogatz small world, networkx's model: a ring of ``n`` nodes each joined to
    its ``k // 2`` nearest neighbours on each side, then each ring edge rewired with
    probability ``p`` to a random node (no self-loops, no repeated edges). Undirected,
    ``n * (k // 2)`` edges; ``k > n`` raises ``InvalidArgumentError`` and ``k == n`` gives
    the complete graph."""
    op = "watts_strogatz_graph"
    n, k, p = _size(n, "n", op), _size(k, "k", op), float_arg(p, "p", op)
    seeded, seed_value = seed_arg(seed, op)
    return _build(
        lambda cancel, out: lib.gr_generate_watts_strogatz(
            n, k, p, seeded, seed_value, cancel, out
        ),
        n * (1 + max(k, 0)),
    )


def rmat_graph(
    scale: int,
    edge_factor: int = 16,
    a: float = 0.57,
    b: float = 0.19,
    c: float = 0.19,
    seed: Any = None,
    directed: bool = True,
) -> Graph:
    """An R-MAT graph, Graph500 style: ``2**scale`` nodes (all in the graph) and
    ``edge_factor * 2**scale`` edges drawn, each by choosing a quadrant of the adjacency
    matrix per bit of the node ids with probabilities ``a``, ``b``, ``c`` and
    ``d = 1 - a - b - c``; node ids are then relabelled by a random permutation. Self-loops
    are kept; a pair drawn twice is one edge (groggy graphs are simple; undirected, ``(u, v)``
    and ``(v, u)`` are one edge too), so the graph has somewhat fewer edges than drawn.
    ``scale`` outside 0..31 or probabilities that are negative or sum past 1 raise
    ``InvalidArgumentError``."""
    op = "rmat_graph"
    scale, edge_factor = _size(scale, "scale", op), _size(edge_factor, "edge_factor", op)
    a, b, c = float_arg(a, "a", op), float_arg(b, "b", op), float_arg(c, "c", op)
    directed = bool_arg(directed, "directed", op)
    seeded, seed_value = seed_arg(seed, op)
    opts = ffi.new("gr_rmat_options *")
    check(lib.gr_rmat_options_init(opts, lib.GR_RMAT_OPTIONS_VERSION))
    opts.edge_factor, opts.a, opts.b, opts.c = edge_factor, a, b, c
    opts.directed, opts.seeded, opts.seed = directed, seeded, seed_value
    nodes = 2 ** min(max(scale, 0), 32)
    return _build(
        lambda cancel, out: lib.gr_generate_rmat(scale, opts, cancel, out),
        nodes * (1 + max(edge_factor, 0)),
    )


def complete_graph(n: int) -> Graph:
    """``n`` nodes, every pair joined (undirected), as networkx's ``complete_graph``."""
    n = _size(n, "n", "complete_graph")
    return _build(lambda cancel, out: lib.gr_generate_complete(n, cancel, out), n * n / 2)


def path_graph(n: int) -> Graph:
    """The path ``0 - 1 - ... - n-1`` (undirected), as networkx's ``path_graph``."""
    n = _size(n, "n", "path_graph")
    return _build(lambda cancel, out: lib.gr_generate_path(n, cancel, out), 2 * n)


def cycle_graph(n: int) -> Graph:
    """The path closed by the edge ``(n-1, 0)``, as networkx's ``cycle_graph`` (one node: a
    self-loop; two nodes: one edge)."""
    n = _size(n, "n", "cycle_graph")
    return _build(lambda cancel, out: lib.gr_generate_cycle(n, cancel, out), 2 * n)


def star_graph(n: int) -> Graph:
    """``n + 1`` nodes: the centre ``0`` joined to each of ``1..n``, as networkx's
    ``star_graph``."""
    n = _size(n, "n", "star_graph")
    return _build(lambda cancel, out: lib.gr_generate_star(n, cancel, out), 2 * n)


def grid_2d_graph(m: int, n: int) -> Graph:
    """An ``m`` by ``n`` grid as networkx's ``grid_2d_graph``, with the node networkx calls
    ``(i, j)`` keyed by the int ``i * n + j``: each node joined to the next in its row and
    in its column."""
    op = "grid_2d_graph"
    m, n = _size(m, "m", op), _size(n, "n", op)
    return _build(lambda cancel, out: lib.gr_generate_grid_2d(m, n, cancel, out), 3 * m * n)


def karate_club_graph() -> Graph:
    """Zachary's karate club, the bundled dataset (:func:`groggy.datasets.karate_club`):
    34 members (int keys 0-33), networkx's 78 friendships, and each member's ``club``
    ("Mr. Hi" or "Officer"). networkx's graph also weighs its edges; this one does not."""
    return karate_club()
