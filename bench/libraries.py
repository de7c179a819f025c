"""What each library does for each benchmarked operation, from the same numpy arrays.

``OPERATIONS[op][library]`` is an ``Op``: ``setup(sources, targets, n)`` prepares (not
timed) and ``run(state)`` is timed; ``n`` is the number of node ids. For ``build`` every
library builds the same simple directed graph (duplicate edges merged) its fastest way from
numpy; entries marked ``(keeps duplicates)`` leave parallel edges in, for reference. For
algorithms the graph is built in ``setup``. ``groggy`` times a repeated call (its CSR
snapshot already built); ``groggy (first call)`` includes building the snapshot.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np


def build_groggy(sources, targets, n):
    import groggy as gr

    # All n nodes first, as every peer's graph has them (isolated ids included, in id
    # order), then the edges.
    g = gr.Graph(directed=True)
    g.add_nodes_from_arrays(np.arange(n, dtype=np.int64))
    g.add_edges_from_arrays(sources, targets)
    return g


def build_igraph(sources, targets, n, simplify=True):
    import igraph as ig

    g = ig.Graph(n=n, edges=np.column_stack([sources, targets]), directed=True)
    if simplify:
        g.simplify(multiple=True, loops=False)
    return g


def build_rustworkx(sources, targets, n, multigraph=False):
    import rustworkx as rx

    g = rx.PyDiGraph(multigraph=multigraph)
    g.add_nodes_from(range(n))
    g.extend_from_edge_list(list(zip(sources.tolist(), targets.tolist())))
    return g


def build_networkit(sources, targets, n, check_multi_edge=True):
    import networkit as nk

    g = nk.Graph(n, directed=True)
    g.addEdges(
        (sources.astype(np.uint64), targets.astype(np.uint64)), checkMultiEdge=check_multi_edge
    )
    return g


def build_networkx(sources, targets, n):
    import networkx as nx

    g = nx.DiGraph()
    g.add_edges_from(zip(sources.tolist(), targets.tolist()))
    return g


class Op(NamedTuple):
    setup: Callable
    run: Callable
    # How many times the worker times `run` on the same state, keeping the best: more
    # than one only for calls that leave the state as they found it (algorithms), so
    # that a 50 ms figure is not one scheduler hiccup.
    repeats: int = 1
    # For iterative algorithms: `iterations(state, result)` -> how many iterations the
    # timed run made, printed beside the time (equal work is equal iterations).
    iterations: Callable | None = None
    # The library keeps the answer in the graph, so that only its first call does the
    # work: timed once, never best of several.
    caches: bool = False


def build_op(fn) -> Op:
    return Op(lambda s, t, n: (s, t, n), lambda state: fn(*state))


def weights_for(count: int) -> np.ndarray:
    return np.random.default_rng(7).random(count) + 0.01


def source_of(sources) -> int:
    return int(sources[0])


# ----- algorithm setups: the graph (with a weight per edge) and a source node --------------


def groggy_graph(s, t, n, warm=None):
    g = build_groggy(s, t, n)
    g.set_edge_array("w", weights_for(g.edge_count))
    if warm:
        warm(g, source_of(s))
    return g, source_of(s)


def igraph_graph(s, t, n):
    g = build_igraph(s, t, n)
    g.es["w"] = weights_for(g.ecount())
    return g, source_of(s)


def networkit_graph(s, t, n, weighted=False):
    import networkit as nk

    g = nk.Graph(n, weighted=weighted, directed=True)
    ends = (s.astype(np.uint64), t.astype(np.uint64))
    if weighted:
        g.addEdges((weights_for(len(s)), ends), checkMultiEdge=True)
    else:
        g.addEdges(ends, checkMultiEdge=True)
    return g, source_of(s)


def rustworkx_graph(s, t, n):
    import rustworkx as rx

    g = rx.PyDiGraph(multigraph=True)
    g.add_nodes_from(range(n))
    edges = list(zip(s.tolist(), t.tolist()))
    g.extend_from_weighted_edge_list(
        [(u, v, w) for (u, v), w in zip(edges, weights_for(len(edges)).tolist())]
    )
    return g, source_of(s)


def scipy_matrix(s, t, n):
    import scipy.sparse as sp

    a = sp.coo_matrix((np.ones(len(s)), (s, t)), shape=(n, n)).tocsr()
    a.data[:] = 1.0  # duplicates summed by tocsr: a simple graph, as the others build
    return a


#: PageRank's stopping rule for every library: the scores' total (L1) change between two
#: iterations below this. networkx's rule (`g.pagerank()`) is `N * tol` with tol=1e-6,
#: which on a million nodes stops after a handful of iterations: not what peers do.
PAGERANK_L1 = 1e-6
#: Iterations no library may exceed (each converges well before).
PAGERANK_MAX_ITER = 1000


def scipy_pagerank(a):
    """networkx's power iteration on a scipy CSR matrix, to PAGERANK_L1: the scores and
    the iterations made."""
    alpha = 0.85
    n = a.shape[0]
    out = np.asarray(a.sum(axis=1)).ravel()
    inverse = np.divide(1.0, out, out=np.zeros(n), where=out != 0)
    at = a.T.tocsr()
    dangling = out == 0
    x = np.full(n, 1.0 / n)
    p = np.full(n, 1.0 / n)
    for iteration in range(1, PAGERANK_MAX_ITER + 1):
        last = x
        x = alpha * (at @ (last * inverse) + last[dangling].sum() * p) + (1 - alpha) * p
        if np.abs(x - last).sum() < PAGERANK_L1:
            return x, iteration
    raise RuntimeError("no convergence")


def groggy_pagerank(g, max_iter=PAGERANK_MAX_ITER):
    """groggy's PageRank (networkx's iteration) to PAGERANK_L1 in all."""
    return g.pagerank(tol=PAGERANK_L1 / g.number_of_nodes(), max_iter=max_iter)


def iterations_by_probing(converges) -> int:
    """The fewest iterations with which `converges(max_iter)` is true (a library that
    does not report its count fails to converge below it): a binary search."""
    low, high = 1, PAGERANK_MAX_ITER
    while low < high:
        middle = (low + high) // 2
        if converges(middle):
            high = middle
        else:
            low = middle + 1
    return low


def groggy_pagerank_iterations(state, result) -> int:
    import groggy as gr

    def converges(max_iter):
        try:
            groggy_pagerank(state[0], max_iter)
            return True
        except gr.AlgorithmError:
            return False

    return iterations_by_probing(converges)


def networkit_pagerank(state):
    """networkit's PageRank with networkx's handling of dangling nodes, to PAGERANK_L1."""
    import networkit as nk

    pr = nk.centrality.PageRank(
        state[0], 0.85, PAGERANK_L1, False, nk.centrality.SinkHandling.DistributeSinks
    )
    pr.norm = nk.centrality.Norm.L1_NORM
    pr.maxIterations = PAGERANK_MAX_ITER
    return pr.run()


def scipy_components(a):
    """Weak component labels of a scipy CSR matrix."""
    import scipy.sparse.csgraph as csgraph

    return csgraph.connected_components(a, directed=True, connection="weak")[1]


ALGORITHM_REPEATS = 3


#: Edges added to a warm graph before the "after a change" call.
CHANGE_EDGES = 1000


def changed_groggy_graph(s, t, n, groggy_run):
    """A warm groggy graph with CHANGE_EDGES random edges added since its snapshot."""
    g, src = groggy_graph(s, t, n, groggy_run)
    rng = np.random.default_rng(11)
    g.add_edges_from_arrays(rng.integers(0, n, CHANGE_EDGES), rng.integers(0, n, CHANGE_EDGES))
    return g, src


def algorithm(
    groggy_run, others: dict, after_change: bool = False, iterations: Callable | None = None
) -> dict:
    """Entries for one algorithm: groggy warm and first call (and, with ``after_change``,
    the first call after CHANGE_EDGES edges were added to a warm graph), then the other
    libraries. Each is timed best of ``ALGORITHM_REPEATS`` runs, except the first calls
    (one run: later calls find the snapshot built). ``iterations``: how groggy's warm
    call counts its iterations (see `Op`)."""
    entries = {
        "groggy": Op(
            lambda s, t, n: groggy_graph(s, t, n, groggy_run),
            lambda st: groggy_run(*st),
            ALGORITHM_REPEATS,
            iterations,
        ),
        "groggy (first call)": Op(groggy_graph, lambda st: groggy_run(*st)),
    }
    if after_change:
        entries[f"groggy (after {CHANGE_EDGES} added edges)"] = Op(
            lambda s, t, n: changed_groggy_graph(s, t, n, groggy_run),
            lambda st: groggy_run(*st),
        )
    entries.update(
        {
            name: op if op.caches else op._replace(repeats=ALGORITHM_REPEATS)
            for name, op in others.items()
        }
    )
    return entries


OPERATIONS = {
    "build": {
        "groggy": build_op(build_groggy),
        "igraph": build_op(build_igraph),
        "rustworkx": build_op(build_rustworkx),
        "networkit": build_op(build_networkit),
        "networkx": build_op(build_networkx),
        "igraph (keeps duplicates)": build_op(lambda s, t, n: build_igraph(s, t, n, False)),
        "networkit (keeps duplicates)": build_op(
            lambda s, t, n: build_networkit(s, t, n, check_multi_edge=False)
        ),
        "rustworkx (keeps duplicates)": build_op(
            lambda s, t, n: build_rustworkx(s, t, n, multigraph=True)
        ),
        # Not a graph library: the CSR matrix the snapshot is compared with.
        "scipy (CSR from COO)": build_op(scipy_matrix),
    },
    # Every library to the same rule (PAGERANK_L1), the iterations printed beside; igraph's
    # PRPACK solves the linear system instead of iterating.
    "pagerank": algorithm(
        lambda g, src: groggy_pagerank(g),
        {
            "igraph (PRPACK, a direct solve)": Op(igraph_graph, lambda st: st[0].pagerank()),
            "networkit": Op(
                networkit_graph,
                networkit_pagerank,
                iterations=lambda st, pr: pr.numberOfIterations(),
            ),
            "rustworkx": Op(
                rustworkx_graph,
                lambda st: __import__("rustworkx").pagerank(
                    st[0], tol=PAGERANK_L1 / st[0].num_nodes(), max_iter=PAGERANK_MAX_ITER
                ),
            ),
            "scipy (CSR power iteration)": Op(
                scipy_matrix, scipy_pagerank, iterations=lambda st, result: result[1]
            ),
        },
        iterations=groggy_pagerank_iterations,
    ),
    "bfs": algorithm(
        lambda g, src: g.bfs(src),
        {
            "igraph": Op(igraph_graph, lambda st: st[0].bfs(st[1])),
            "networkit": Op(
                networkit_graph,
                lambda st: __import__("networkit").distance.BFS(st[0], st[1], False).run(),
            ),
            "rustworkx": Op(
                rustworkx_graph, lambda st: __import__("rustworkx").bfs_successors(st[0], st[1])
            ),
        },
        after_change=True,
    ),
    "shortest path lengths": algorithm(
        lambda g, src: g.shortest_path_lengths(src),
        {
            "igraph": Op(igraph_graph, lambda st: st[0].distances(source=st[1])),
            "networkit": Op(
                networkit_graph,
                lambda st: __import__("networkit").distance.BFS(st[0], st[1], False).run(),
            ),
        },
    ),
    "weighted shortest path lengths": algorithm(
        lambda g, src: g.shortest_path_lengths(src, weight="w"),
        {
            "igraph": Op(igraph_graph, lambda st: st[0].distances(source=st[1], weights="w")),
            "networkit": Op(
                lambda s, t, n: networkit_graph(s, t, n, weighted=True),
                lambda st: __import__("networkit").distance.Dijkstra(st[0], st[1], False).run(),
            ),
            "rustworkx": Op(
                rustworkx_graph,
                lambda st: __import__("rustworkx").digraph_dijkstra_shortest_path_lengths(
                    st[0], st[1], edge_cost_fn=float
                ),
            ),
        },
    ),
    # As labels, for every library that has them (rustworkx has only sets; the lists of
    # groggy's `connected_components()` are a row of their own).
    "weakly connected components": algorithm(
        lambda g, src: g.component_labels(),
        {
            # igraph caches whether a graph is connected, and then answers a connected
            # graph's later calls at once (2 ms against 34 on soc-Slashdot0902).
            "igraph": Op(
                igraph_graph,
                lambda st: st[0].connected_components(mode="weak").membership,
                caches=True,
            ),
            "networkit": Op(
                networkit_graph,
                lambda st: (
                    __import__("networkit")
                    .components.WeaklyConnectedComponents(st[0])
                    .run()
                    .getPartition()
                    .getVector()
                ),
            ),
            "rustworkx (sets)": Op(
                rustworkx_graph,
                lambda st: __import__("rustworkx").weakly_connected_components(st[0]),
            ),
            "scipy (csgraph labels)": Op(scipy_matrix, scipy_components),
        },
    ),
    "weakly connected components as lists": algorithm(lambda g, src: g.connected_components(), {}),
}
# ----- files: the graph's edge list as text, and the native format -------------------------


def text_file(s, t, n):
    """Setup of the file operations: the edge-list file of the graph being measured."""
    import os

    return os.environ["GROGGY_BENCH_TEXT"]


def read_groggy(path):
    import groggy as gr

    return gr.read_edgelist(path, directed=True)


def read_pandas_igraph(path):
    import igraph as ig
    import pandas as pd

    df = pd.read_csv(path, sep=" ", header=None, names=["s", "t"], engine="c", dtype=np.int64)
    n = int(max(df["s"].max(), df["t"].max())) + 1
    return ig.Graph(n=n, edges=df.to_numpy(), directed=True)


def read_networkx(path):
    import networkx as nx

    return nx.read_edgelist(path, create_using=nx.DiGraph, nodetype=int)


def graph_to_save(s, t, n):
    """Setup of "save native": the graph read from the text, and where to save it."""
    import os

    text = os.environ["GROGGY_BENCH_TEXT"]
    return read_groggy(text), text + ".groggy"


def saved_file(s, t, n) -> str:
    """Setup of "load native": the graph saved in the native format."""
    g, path = graph_to_save(s, t, n)
    g.save(path)
    return path


OPERATIONS["read edge list"] = {
    "groggy": Op(text_file, read_groggy),
    "pandas + igraph": Op(text_file, read_pandas_igraph),
    "networkx": Op(text_file, read_networkx),
}
OPERATIONS["save native"] = {"groggy": Op(graph_to_save, lambda st: st[0].save(st[1]))}
OPERATIONS["load native"] = {"groggy": Op(saved_file, lambda path: __import__("groggy").load(path))}

#: The libraries a target compares groggy with ("the fastest of igraph, networkit and
#: rustworkx"), their duplicate-keeping variants included.
PEERS = ("igraph", "rustworkx", "networkit")
