"""Clustering and cores checked against networkx: triangles, clustering (plain, weighted,
directed), average_clustering, transitivity, core_number and k_core on the bundled and
test SNAP graphs and on seeded random graphs (directed and undirected, weighted and not,
int and str keys, isolated nodes, self-loops); bad arguments, cancellation, closed graphs."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import networkx as nx
import pytest

import groggy as gr
from groggy._native import ffi, lib
from groggy._runtime import CancelToken

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "python" / "groggy" / "data"
TESTS = ROOT / "tests" / "data"
TOL = 1e-12


def snap_edges(path, loops=True):
    edges = []
    with gzip.open(path, "rt") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            u, v = map(int, line.split())
            if loops or u != v:
                edges.append((u, v))
    return edges


def pair(edges, directed, weights=None):
    g = gr.Graph(directed=directed)
    G = nx.DiGraph() if directed else nx.Graph()
    if weights is None:
        g.add_edges(edges)
        G.add_edges_from(edges)
    else:
        items = [(u, v, {} if w is None else {"w": w}) for (u, v), w in zip(edges, weights)]
        g.add_edges(items)
        G.add_edges_from(items)
    return g, G


def pair_weight(u, v):
    """A weight per unordered pair, None (no value: 1.0) for about one pair in seven."""
    a, b = min(u, v), max(u, v)
    h = (a * 1_000_003 + b * 7919) % 1009
    return None if h % 7 == 0 else 0.25 + (h % 97) / 10.0


def random_pair(seed, directed, weighted, str_keys=False, loops=True, n=60, m=240):
    rng = random.Random(seed)
    key = (lambda i: f"n{i}") if str_keys else (lambda i: i * 7 - 100)
    edges = []
    for _ in range(m):
        u, v = rng.randrange(n), rng.randrange(n)
        if u == v and not loops:
            continue
        edges.append((key(u), key(v)))
    weights = None
    if weighted:
        weights = [None if rng.random() < 0.2 else rng.choice([0.5, 1.0, 2.0, 3.5]) for _ in edges]
    g, G = pair(edges, directed, weights)
    for i in range(n, n + 5):  # isolated nodes
        g.add_node(key(i))
        G.add_node(key(i))
    return g, G


def edge_map(graph, directed):
    """Edges with their attributes, an undirected edge keyed by its two ends in any order."""
    return {
        ((u, v) if directed else frozenset((u, v))): dict(d) for u, v, d in graph.edges(data=True)
    }


def assert_close_maps(got, want, tol=TOL):
    assert list(got.keys()) == list(want.keys())
    for k, w in want.items():
        assert abs(got[k] - w) <= tol * max(1.0, abs(w)), (k, got[k], w)


# ----- triangles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, total",
    [
        (TESTS / "facebook_combined.txt.gz", 1_612_010),
        (BUNDLED / "ca-GrQc.txt.gz", 48_260),
        (BUNDLED / "wiki-Vote.txt.gz", 608_389),
        (TESTS / "email-Eu-core.txt.gz", 105_461),
    ],
    ids=lambda p: getattr(p, "name", str(p)),
)
def test_triangle_totals_of_the_datasets(path, total):
    g = gr.Graph()
    g.add_edges(snap_edges(path))
    counts = g.triangles()
    assert sum(counts.values()) == 3 * total


def test_triangles_and_clustering_equal_networkx_on_ca_grqc():
    edges = snap_edges(BUNDLED / "ca-GrQc.txt.gz")
    g, G = pair(edges, False, [pair_weight(u, v) for u, v in edges])
    assert dict(g.triangles()) == nx.triangles(G)
    assert_close_maps(g.clustering(), nx.clustering(G))
    assert_close_maps(g.clustering(weight="w"), nx.clustering(G, weight="w"))
    assert abs(g.average_clustering() - nx.average_clustering(G)) < TOL
    assert abs(g.transitivity() - nx.transitivity(G)) < TOL


def test_directed_clustering_equals_networkx_on_email_eu_core():
    # The first edges only: networkx's directed clustering takes long on all of them.
    edges = snap_edges(TESTS / "email-Eu-core.txt.gz")[:5000]
    g, G = pair(edges, True, [pair_weight(u, v) for u, v in edges])
    assert_close_maps(g.clustering(), nx.clustering(G))
    assert_close_maps(g.clustering(weight="w"), nx.clustering(G, weight="w"))
    assert abs(g.transitivity() - nx.transitivity(G)) < TOL


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_random_graphs_equal_networkx(seed, directed):
    g, G = random_pair(seed, directed, weighted=True, str_keys=seed % 2 == 1)
    if not directed:
        assert dict(g.triangles()) == nx.triangles(G)
    assert_close_maps(g.clustering(), nx.clustering(G))
    assert_close_maps(g.clustering(weight="w"), nx.clustering(G, weight="w"))
    assert abs(g.average_clustering() - nx.average_clustering(G)) < TOL
    assert abs(g.average_clustering(weight="w") - nx.average_clustering(G, weight="w")) < TOL
    got = g.average_clustering(count_zeros=False)
    assert abs(got - nx.average_clustering(G, count_zeros=False)) < TOL
    assert abs(g.transitivity() - nx.transitivity(G)) < TOL


def test_negative_weights_as_networkx():
    edges = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 0)]
    g, G = pair(edges, False, [-1.0, 2.0, 3.0, -0.5, 1.0])
    assert_close_maps(g.clustering(weight="w"), nx.clustering(G, weight="w"))


def test_small_and_empty_graphs():
    g = gr.Graph()
    assert dict(g.triangles()) == {}
    assert g.transitivity() == 0
    with pytest.raises(gr.InvalidOperationError):
        g.average_clustering()
    g.add_node(1)
    assert g.average_clustering() == 0.0
    with pytest.raises(gr.InvalidOperationError):
        g.average_clustering(count_zeros=False)
    assert dict(g.core_number()) == {1: 0}
    assert gr.Graph().k_core().node_count == 0


# ----- cores -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, directed",
    [
        (BUNDLED / "ca-GrQc.txt.gz", False),
        (BUNDLED / "wiki-Vote.txt.gz", True),
        (TESTS / "email-Eu-core.txt.gz", True),
        (TESTS / "facebook_combined.txt.gz", False),
    ],
    ids=lambda p: getattr(p, "name", str(p)),
)
def test_core_numbers_equal_networkx_on_the_datasets(path, directed):
    g, G = pair(snap_edges(path, loops=False), directed)
    assert dict(g.core_number()) == nx.core_number(G)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_cores_of_random_graphs_equal_networkx(seed, directed):
    g, G = random_pair(seed, directed, weighted=True, str_keys=seed % 2 == 0, loops=False)
    g.set_node_attr(next(iter(G)), "label", "first")
    G.nodes[next(iter(G))]["label"] = "first"
    assert dict(g.core_number()) == nx.core_number(G)
    for k in (None, 0, 2, 3, 100, -1):
        core, want = g.k_core(k), nx.k_core(G, k)
        assert core.directed == directed
        assert list(core.nodes(data=True)) == list(want.nodes(data=True))
        assert edge_map(core, directed) == edge_map(want, directed)


# ----- errors ------------------------------------------------------------------------------


def test_wrong_graph_kinds_and_bad_arguments_change_nothing(take_snapshot):
    snapshot = take_snapshot
    d = gr.Graph(directed=True)
    d.add_edges([(1, 2, {"w": 1.0}), (2, 3, {"w": "x"}), (3, 3)])
    before = snapshot(d)
    with pytest.raises(gr.InvalidOperationError):
        d.triangles()
    with pytest.raises(gr.InvalidOperationError):  # a self-loop, as networkx
        d.core_number()
    with pytest.raises(gr.InvalidOperationError):
        d.k_core()
    with pytest.raises(gr.InvalidArgumentError):
        d.clustering(weight="nope")
    with pytest.raises(gr.InvalidArgumentError):  # not numeric
        d.clustering(weight="w")
    with pytest.raises(TypeError):
        d.clustering(weight=3)
    with pytest.raises(TypeError):
        d.average_clustering(count_zeros="no")
    for bad in (1.5, True, "2"):
        with pytest.raises(TypeError):
            d.k_core(bad)
    with pytest.raises(OverflowError):
        d.k_core(2**70)
    assert snapshot(d) == before

    u = gr.Graph()
    u.add_edges([(1, 2, {"w": float("nan")}), (2, 3, {"w": 0.0}), (3, 1)])
    with pytest.raises(gr.InvalidArgumentError):
        u.clustering(weight="w")
    u.set_edge_attr(1, 2, "w", 0.0)
    u.set_edge_attr(3, 1, "w", 0.0)
    with pytest.raises(gr.InvalidArgumentError):  # the largest weight is 0
        u.clustering(weight="w")


def _triggered():
    token = CancelToken()
    token.trigger()
    return token


def test_a_triggered_token_cancels():
    g = gr.Graph()
    g.add_edges([(1, 2), (2, 3), (3, 1)])
    ptr = g._handle
    keys, values = ffi.new("gr_keys **"), ffi.new("gr_array **")
    value, graph = ffi.new("double *"), ffi.new("gr_graph **")
    calls = [
        lambda c: lib.gr_graph_triangles(ptr, c, keys, values),
        lambda c: lib.gr_graph_clustering(ptr, ffi.NULL, 0, c, keys, values),
        lambda c: lib.gr_graph_average_clustering(ptr, ffi.NULL, 0, True, c, value),
        lambda c: lib.gr_graph_transitivity(ptr, c, value),
        lambda c: lib.gr_graph_core_number(ptr, c, keys, values),
        lambda c: lib.gr_graph_k_core(ptr, False, 0, c, graph),
    ]
    for call in calls:
        with pytest.raises(gr.CancelledError):
            g._run(call, _triggered())


def test_closed_graph():
    g = gr.Graph()
    g.add_edge(1, 2)
    g.close()
    for method in (g.triangles, g.clustering, g.average_clustering, g.transitivity):
        with pytest.raises(gr.InvalidOperationError):
            method()
    with pytest.raises(gr.InvalidOperationError):
        g.core_number()
    with pytest.raises(gr.InvalidOperationError):
        g.k_core()
