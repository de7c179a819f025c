"""The analyses suite: centralities, communities, clustering and cores, spanning trees and
orders, and generators, each library doing the same work on the same graph.

``ANALYSES[op]`` maps a library to an ``Op`` as in ``libraries.py``; ``GRAPHS[op]`` names the
graphs the operation runs on. The input is the graph's edge list with its node ids made
dense (0..n-1, so that libraries with dense ids hold no isolated nodes the others lack) and,
for operations on undirected graphs, self-loops dropped (networkx and groggy refuse core
numbers on graphs with self-loops). A graph is directed for an operation when the dataset is
directed and the operation takes directed graphs; otherwise every library builds it
undirected. Peers whose algorithm differs from networkx's (own stopping rule, asynchronous
label propagation, ARPACK) are named so in the table.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from libraries import ALGORITHM_REPEATS, Op, weights_for

#: Datasets and generated graphs with directed edges; the others are undirected.
DIRECTED_GRAPHS = ("soc-Slashdot0902", "rmat-18")
#: Where every analysis runs (the issue's graphs).
MAIN_GRAPHS = ("gemsec-facebook-artist", "email-Enron", "soc-Slashdot0902", "rmat-18")
#: Where the all-pairs analyses run exactly (O(n·m)); larger graphs sample sources.
EXACT_GRAPHS = ("ca-CondMat", "email-Enron")
SAMPLED_GRAPHS = ("gemsec-facebook-artist", "soc-Slashdot0902", "rmat-18")
SAMPLES = 256
SEED = 1
#: Operations also timed on two threads (groggy), for the parallel speed-up targets.
THREAD_SCALED = ("betweenness", "betweenness k=256", "closeness", "triangles", "louvain")


def dense(s: np.ndarray, t: np.ndarray, drop_loops: bool) -> tuple[np.ndarray, np.ndarray, int]:
    """The edges with node ids renumbered 0..n-1 (in id order), self-loops dropped if asked."""
    if drop_loops:
        keep = s != t
        s, t = s[keep], t[keep]
    ids, inverse = np.unique(np.concatenate([s, t]), return_inverse=True)
    return inverse[: len(s)].astype(np.int64), inverse[len(s) :].astype(np.int64), len(ids)


class Kind:
    """How one operation sees one graph: directed or not, and its dense edge arrays."""

    def __init__(self, graph: str, undirected_only: bool, dag: bool = False):
        self.directed = graph in DIRECTED_GRAPHS and not undirected_only
        self.drop_loops = not self.directed or dag
        self.dag = dag


# ----- the same graph in every library ------------------------------------------------------


def edges_of(s, t, kind: Kind):
    s, t, n = dense(s, t, kind.drop_loops)
    if kind.dag:  # orient every edge from the smaller id: a DAG with the same shape
        s, t = np.minimum(s, t), np.maximum(s, t)
    return s, t, n


def groggy_graph(s, t, kind: Kind):
    import groggy as gr

    s, t, _ = edges_of(s, t, kind)
    g = gr.Graph(directed=kind.directed or kind.dag)
    g.add_edges_from_arrays(s, t)
    g.set_edge_array("w", weights_for(g.edge_count))
    return g


def igraph_graph(s, t, kind: Kind):
    import igraph as ig

    s, t, n = edges_of(s, t, kind)
    g = ig.Graph(n=n, edges=np.column_stack([s, t]), directed=kind.directed or kind.dag)
    g.simplify(multiple=True, loops=False)
    g.es["w"] = weights_for(g.ecount())
    return g


def networkit_graph(s, t, kind: Kind):
    import networkit as nk

    s, t, n = edges_of(s, t, kind)
    g = nk.Graph(n, directed=kind.directed or kind.dag)
    g.addEdges((s.astype(np.uint64), t.astype(np.uint64)), checkMultiEdge=True)
    g.indexEdges()  # edge-indexed algorithms (triangle edge scores) need it
    return g


def rustworkx_graph(s, t, kind: Kind):
    import rustworkx as rx

    s, t, n = edges_of(s, t, kind)
    directed = kind.directed or kind.dag
    g = rx.PyDiGraph(multigraph=False) if directed else rx.PyGraph(multigraph=False)
    g.add_nodes_from(range(n))
    g.extend_from_weighted_edge_list(
        list(zip(s.tolist(), t.tolist(), weights_for(len(s)).tolist()))
    )
    return g


def networkx_graph(s, t, kind: Kind):
    import networkx as nx

    s, t, n = edges_of(s, t, kind)
    g = nx.DiGraph() if kind.directed or kind.dag else nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(zip(s.tolist(), t.tolist(), weights_for(len(s)).tolist()), "w")
    return g


BUILDERS = {
    "groggy": groggy_graph,
    "igraph": igraph_graph,
    "networkit": networkit_graph,
    "rustworkx": rustworkx_graph,
    "networkx": networkx_graph,
}


def katz_alpha(s: np.ndarray, t: np.ndarray) -> float:
    """An attenuation factor below 1/λmax (λmax is at most the largest total degree), the
    same for every library, so that every Katz iteration converges on every graph."""
    degree = np.bincount(np.concatenate([s, t]))
    return 0.5 / max(1, int(degree.max(initial=1)))


def analysis(undirected_only: bool, runs: dict[str, Callable], dag: bool = False) -> Callable:
    """The entries of one operation on one graph: library (as labelled) -> ``Op``; the
    library is the first word of the label. ``runs[label](graph, alpha)`` is timed
    (``alpha``: the graph's ``katz_alpha``, unused by the others)."""

    def entries(graph: str) -> dict[str, Op]:
        kind = Kind(graph, undirected_only, dag)
        out = {}
        for label, run in runs.items():
            build = BUILDERS[label.split()[0]]

            def setup(s, t, n, build=build):
                return build(s, t, kind), katz_alpha(*edges_of(s, t, kind)[:2])

            out[label] = Op(setup, lambda state, run=run: run(*state), ALGORITHM_REPEATS)
        return out

    return entries


def _nk():
    import networkit as nk

    return nk


def _rx():
    import rustworkx as rx

    return rx


def _nx():
    import networkx as nx

    return nx


ANALYSES: dict[str, Callable] = {
    "betweenness": analysis(
        False,
        {
            "groggy": lambda g, _: g.betweenness_centrality(),
            "igraph": lambda g, _: g.betweenness(directed=g.is_directed()),
            "networkit": lambda g, _: _nk().centrality.Betweenness(g, normalized=True).run(),
            "rustworkx": lambda g, _: _rx().betweenness_centrality(g, normalized=True),
            "networkx": lambda g, _: _nx().betweenness_centrality(g),
        },
    ),
    "betweenness k=256": analysis(
        False,
        {
            "groggy": lambda g, _: g.betweenness_centrality(k=SAMPLES, seed=SEED),
            "networkit (EstimateBetweenness)": lambda g, _: (
                _nk()
                .centrality.EstimateBetweenness(g, SAMPLES, normalized=True, parallel=False)
                .run()
            ),
            "networkx": lambda g, _: _nx().betweenness_centrality(g, k=SAMPLES, seed=SEED),
        },
    ),
    "closeness": analysis(
        False,
        {
            "groggy": lambda g, _: g.closeness_centrality(),
            "igraph": lambda g, _: g.closeness(),
            "networkit": lambda g, _: (
                _nk()
                .centrality.Closeness(g, True, _nk().centrality.ClosenessVariant.GENERALIZED)
                .run()
            ),
            "rustworkx": lambda g, _: _rx().closeness_centrality(g, wf_improved=True),
            "networkx": lambda g, _: _nx().closeness_centrality(g),
        },
    ),
    "harmonic": analysis(
        False,
        {
            "groggy": lambda g, _: g.harmonic_centrality(),
            "igraph": lambda g, _: g.harmonic_centrality(),
            "networkit": lambda g, _: _nk().centrality.HarmonicCloseness(g, normalized=False).run(),
            "networkx": lambda g, _: _nx().harmonic_centrality(g),
        },
    ),
    "degree centrality": analysis(
        False,
        {
            "groggy": lambda g, _: g.degree_centrality(),
            "igraph": lambda g, _: g.degree(),
            "networkit": lambda g, _: _nk().centrality.DegreeCentrality(g, normalized=True).run(),
            "rustworkx": lambda g, _: _rx().degree_centrality(g),
            "networkx": lambda g, _: _nx().degree_centrality(g),
        },
    ),
    "eigenvector": analysis(
        False,
        {
            "groggy": lambda g, _: g.eigenvector_centrality(max_iter=1000),
            "rustworkx": lambda g, _: _rx().eigenvector_centrality(g, max_iter=1000, tol=1e-6),
            "igraph (ARPACK)": lambda g, _: g.eigenvector_centrality(),
            "networkit (own stopping rule)": lambda g, _: (
                _nk().centrality.EigenvectorCentrality(g, tol=1e-6).run()
            ),
            "networkx": lambda g, _: _nx().eigenvector_centrality(g, max_iter=1000),
        },
    ),
    "katz": analysis(
        False,
        {
            "groggy": lambda g, a: g.katz_centrality(alpha=a),
            "rustworkx": lambda g, a: _rx().katz_centrality(g, alpha=a),
            "networkit (own stopping rule)": lambda g, a: (
                _nk().centrality.KatzCentrality(g, a, 1.0, 1e-6).run()
            ),
            "networkx": lambda g, a: _nx().katz_centrality(g, alpha=a),
        },
    ),
    "hits": analysis(
        False,
        {
            "groggy": lambda g, _: g.hits(),
            "rustworkx": lambda g, _: _rx().hits(g, max_iter=100, tol=1e-8),
            "igraph (ARPACK)": lambda g, _: (g.hub_score(), g.authority_score()),
            "networkx (ARPACK)": lambda g, _: _nx().hits(g),
        },
    ),
    "triangles": analysis(
        True,
        {
            "groggy": lambda g, _: g.triangles(),
            "networkit (per-edge counts)": lambda g, _: (
                _nk().sparsification.TriangleEdgeScore(g).run()
            ),
            "networkx": lambda g, _: _nx().triangles(g),
        },
    ),
    "clustering": analysis(
        True,
        {
            "groggy": lambda g, _: g.clustering(),
            "igraph": lambda g, _: g.transitivity_local_undirected(mode="zero"),
            "networkit": lambda g, _: _nk().centrality.LocalClusteringCoefficient(g).run(),
            "networkx": lambda g, _: _nx().clustering(g),
        },
    ),
    "transitivity": analysis(
        True,
        {
            "groggy": lambda g, _: g.transitivity(),
            "igraph": lambda g, _: g.transitivity_undirected(),
            "networkit": lambda g, _: _nk().globals.ClusteringCoefficient.exactGlobal(g),
            "rustworkx": lambda g, _: _rx().transitivity(g),
            "networkx": lambda g, _: _nx().transitivity(g),
        },
    ),
    "core number": analysis(
        True,
        {
            "groggy": lambda g, _: g.core_number(),
            "igraph": lambda g, _: g.coreness(),
            "networkit": lambda g, _: _nk().centrality.CoreDecomposition(g).run(),
            "rustworkx": lambda g, _: _rx().core_number(g),
            "networkx": lambda g, _: _nx().core_number(g),
        },
    ),
    "louvain": analysis(
        True,
        {
            "groggy": lambda g, _: g.louvain_communities(seed=SEED),
            "igraph": lambda g, _: g.community_multilevel(),
            "networkit (PLM)": lambda g, _: (
                _nk().community.PLM(g, refine=False, gamma=1.0, par="none").run()
            ),
            "networkx": lambda g, _: _nx().community.louvain_communities(g, seed=SEED),
        },
    ),
    # networkx's semi-synchronous version: only networkx has it.
    "label propagation": analysis(
        True,
        {
            "groggy": lambda g, _: g.label_propagation_communities(),
            "networkx": lambda g, _: list(_nx().community.label_propagation_communities(g)),
        },
    ),
    # The asynchronous one, as igraph's and networkit's (PLP stops when fewer than n/1e5
    # nodes change in a sweep, the others when none does).
    "asynchronous label propagation": analysis(
        True,
        {
            "groggy": lambda g, _: g.asyn_lpa_communities(seed=SEED),
            "igraph": lambda g, _: g.community_label_propagation(),
            "networkit (PLP)": lambda g, _: _nk().community.PLP(g).run(),
            "networkx": lambda g, _: list(_nx().community.asyn_lpa_communities(g, seed=SEED)),
        },
    ),
    "minimum spanning tree": analysis(
        True,
        {
            "groggy": lambda g, _: g.minimum_spanning_tree(weight="w"),
            "igraph": lambda g, _: g.spanning_tree(weights="w"),
            "rustworkx": lambda g, _: _rx().minimum_spanning_tree(g, weight_fn=float),
            "networkx": lambda g, _: _nx().minimum_spanning_tree(g, weight="w"),
        },
    ),
    "topological sort": analysis(
        False,
        {
            "groggy": lambda g, _: g.topological_sort(),
            "igraph": lambda g, _: g.topological_sorting(),
            "networkit": lambda g, _: _nk().graphtools.topologicalSort(g),
            "rustworkx": lambda g, _: _rx().topological_sort(g),
            "networkx": lambda g, _: list(_nx().topological_sort(g)),
        },
        dag=True,
    ),
}

#: The graphs each analysis runs on.
GRAPHS = {op: MAIN_GRAPHS for op in ANALYSES}
GRAPHS.update({op: EXACT_GRAPHS for op in ("betweenness", "closeness", "harmonic")})
GRAPHS["betweenness k=256"] = SAMPLED_GRAPHS
GRAPHS["hits"] = DIRECTED_GRAPHS  # hubs and authorities are one score on undirected graphs


# ----- generators: groggy's against loading the same edges, and the peers' own -------------


def _edge_arrays(g) -> tuple[np.ndarray, np.ndarray]:
    table = g.edge_table()
    return table["source"].to_numpy(np.int64), table["target"].to_numpy(np.int64)


def _load(directed: bool, make: Callable) -> Op:
    """Loading the edges ``make()`` generates into a new graph with add_edges_from_arrays
    (the generation itself is setup, not timed)."""

    def run(state):
        import groggy as gr

        s, t = state
        g = gr.Graph(directed=directed)
        g.add_edges_from_arrays(s, t)
        return g

    return Op(lambda s, t, n: _edge_arrays(make()), run, ALGORITHM_REPEATS)


def _generate(make: Callable) -> Op:
    return Op(lambda s, t, n: None, lambda _: make(), ALGORITHM_REPEATS)


GNP_N, GNP_P = 10**6, 16 / 10**6
RMAT_SCALE, RMAT_FACTOR = 20, 16


def _gr():
    import groggy as gr

    return gr


def _gnp():
    return _gr().generators.erdos_renyi_graph(GNP_N, GNP_P, seed=SEED)


def _rmat():
    return _gr().generators.rmat_graph(RMAT_SCALE, RMAT_FACTOR, seed=SEED)


#: Operations without an input graph.
GENERATORS: dict[str, dict[str, Op]] = {
    "generate G(n, p), n=10^6, p=16/n": {
        "groggy": _generate(_gnp),
        "groggy add_edges_from_arrays (same edges)": _load(False, _gnp),
        "networkit": _generate(
            lambda: _nk().generators.ErdosRenyiGenerator(GNP_N, GNP_P).generate()
        ),
        "igraph": _generate(lambda: __import__("igraph").Graph.Erdos_Renyi(GNP_N, GNP_P)),
        "rustworkx": _generate(lambda: _rx().undirected_gnp_random_graph(GNP_N, GNP_P, seed=SEED)),
    },
    "generate R-MAT, scale 20, 16 edges per node": {
        "groggy": _generate(_rmat),
        "groggy add_edges_from_arrays (same edges)": _load(True, _rmat),
        "networkit": _generate(
            lambda: (
                _nk()
                .generators.RmatGenerator(RMAT_SCALE, RMAT_FACTOR, 0.57, 0.19, 0.19, 0.05)
                .generate()
            )
        ),
    },
}
