"""Degree, eigenvector, Katz and HITS centralities checked against networkx: on
email-Eu-core (directed), ca-GrQc (undirected, weighted) and the karate club, and on seeded
random graphs (directed and undirected, weighted and not, int and str keys, self-loops and
isolated nodes); plus non-convergence, bad arguments, cancellation and a closed graph."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

import groggy as gr
from groggy._native import lib
from groggy._runtime import CancelToken

ROOT = Path(__file__).resolve().parents[2]
EXACT = 1e-9  # eigenvector and Katz: the same iteration as networkx
HITS = 1e-8  # HITS: networkx solves with ARPACK; the contract's agreement


def read_snap(path):
    sources, targets = [], []
    with gzip.open(path, "rt") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            u, v = line.split()
            sources.append(int(u))
            targets.append(int(v))
    return sources, targets


def pair_weight(u, v):
    """A weight per unordered pair, or None (no value: 1.0) for about one pair in seven."""
    a, b = min(u, v), max(u, v)
    h = (a * 1_000_003 + b * 7919) % 1009
    return None if h % 7 == 0 else 0.25 + (h % 97) / 10.0


def snap_pair(path, directed, attr=None):
    """The graph in groggy and networkx; with ``attr``, edges weigh ``pair_weight`` there."""
    sources, targets = read_snap(path)
    g = gr.Graph(directed=directed)
    G = nx.DiGraph() if directed else nx.Graph()
    if attr is None:
        g.add_edges_from_arrays(np.array(sources), np.array(targets))
        G.add_edges_from(zip(sources, targets))
    else:
        w = [pair_weight(u, v) for u, v in zip(sources, targets)]
        g.add_edges_from_arrays(np.array(sources), np.array(targets), **{attr: w})
        G.add_edges_from(
            (u, v, {} if x is None else {attr: x}) for u, v, x in zip(sources, targets, w)
        )
    return g, G


@pytest.fixture(scope="module")
def email():
    g, G = snap_pair(ROOT / "tests" / "data" / "email-Eu-core.txt.gz", directed=True)
    yield g, G
    g.close()


@pytest.fixture(scope="module")
def grqc():
    path = ROOT / "python" / "groggy" / "data" / "ca-GrQc.txt.gz"
    g, G = snap_pair(path, directed=False, attr="w")
    yield g, G
    g.close()


@pytest.fixture(scope="module")
def karate():
    g = gr.datasets.karate_club()
    G = nx.Graph()
    G.add_nodes_from(g.nodes)
    G.add_edges_from(g.edges)
    yield g, G
    g.close()


def random_pair(seed, directed, keys, attr="w", n=120, m=300, loops=6, isolated=8):
    """A seeded gnm graph plus self-loops and isolated nodes, weighted by ``attr`` on
    about 4 edges in 5, built alike in groggy and networkx (same node and edge order)."""
    rng = random.Random(seed)
    base = nx.gnm_random_graph(n, m, seed=seed, directed=directed)
    pairs = list(base.edges()) + [(u, u) for u in rng.sample(range(n), loops)]
    rng.shuffle(pairs)
    order = list(range(n + isolated))
    rng.shuffle(order)
    k = (lambda i: i) if keys == "int" else (lambda i: f"n{i}")
    edges = []
    for u, v in pairs:
        r = rng.random()
        edges.append((k(u), k(v), {} if r < 0.2 else {attr: round(rng.uniform(0.1, 2.0), 3)}))
    g = gr.Graph(directed=directed)
    G = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes([k(i) for i in order])
    G.add_nodes_from(k(i) for i in order)
    g.add_edges([(u, v, a) if a else (u, v) for u, v, a in edges])
    G.add_edges_from(edges)
    return g, G


RANDOM = [
    pytest.param((seed, directed, keys), id=f"{'di' if directed else 'un'}-{keys}-{seed}")
    for seed in (1, 2)
    for directed in (False, True)
    for keys in ("int", "str")
]


@pytest.fixture(params=RANDOM)
def random_graph(request):
    seed, directed, keys = request.param
    g, G = random_pair(seed, directed, keys)
    yield g, G
    g.close()


def assert_close(result, expected, tol):
    assert isinstance(result, gr.NodeMap)
    assert list(result) == list(expected)
    worst = max((abs(result[k] - expected[k]) for k in expected), default=0.0)
    assert worst < tol, f"largest difference from networkx: {worst}"


def safe_alpha(G, weight):
    """An attenuation below 1 / the largest eigenvalue (bounded by the largest weighted
    degree), so that Katz converges."""
    degree = G.in_degree if G.is_directed() else G.degree
    return 0.5 / max(1.0, max(d for _, d in degree(weight=weight)))


# ----- degree ------------------------------------------------------------------------------


def test_degree_centralities(email, grqc, karate, random_graph):
    for g, G in (email, grqc, karate, random_graph):
        assert_close(g.degree_centrality(), nx.degree_centrality(G), 1e-15)
        if G.is_directed():
            assert_close(g.in_degree_centrality(), nx.in_degree_centrality(G), 1e-15)
            assert_close(g.out_degree_centrality(), nx.out_degree_centrality(G), 1e-15)
        else:
            with pytest.raises(gr.InvalidOperationError):
                g.in_degree_centrality()
            with pytest.raises(gr.InvalidOperationError):
                g.out_degree_centrality()


def test_degree_centrality_of_tiny_graphs():
    g = gr.Graph(directed=True)
    assert dict(g.degree_centrality()) == {}
    g.add_edge("a", "a")
    assert dict(g.degree_centrality()) == {"a": 1.0}
    assert dict(g.in_degree_centrality()) == {"a": 1.0}
    u = gr.Graph()
    u.add_edges([(1, 1), (1, 2)])
    G = nx.Graph([(1, 1), (1, 2)])
    assert dict(u.degree_centrality()) == nx.degree_centrality(G) == {1: 3.0, 2: 1.0}


# ----- eigenvector -------------------------------------------------------------------------


def test_eigenvector_snap_graphs(email, grqc, karate):
    for g, G in (email, grqc, karate):
        assert_close(g.eigenvector_centrality(), nx.eigenvector_centrality(G), EXACT)
    g, G = grqc
    expected = nx.eigenvector_centrality(G, weight="w", max_iter=300)
    assert_close(g.eigenvector_centrality(weight="w", max_iter=300), expected, EXACT)


def test_eigenvector_random_graphs(random_graph):
    g, G = random_graph
    for weight in (None, "w"):
        for tol in (1e-6, 1e-9):
            try:
                expected = nx.eigenvector_centrality(G, max_iter=1000, tol=tol, weight=weight)
            except nx.PowerIterationFailedConvergence:
                with pytest.raises(gr.AlgorithmError):
                    g.eigenvector_centrality(max_iter=1000, tol=tol, weight=weight)
                continue
            result = g.eigenvector_centrality(max_iter=1000, tol=tol, weight=weight)
            assert_close(result, expected, EXACT)


# ----- Katz --------------------------------------------------------------------------------


def test_katz_snap_graphs(email, grqc, karate):
    for g, G in (email, grqc, karate):
        alpha = safe_alpha(G, None)
        assert_close(g.katz_centrality(alpha=alpha), nx.katz_centrality(G, alpha=alpha), EXACT)
    g, G = grqc
    alpha = safe_alpha(G, "w")
    for normalized in (True, False):
        expected = nx.katz_centrality(G, alpha=alpha, weight="w", normalized=normalized)
        result = g.katz_centrality(alpha=alpha, weight="w", normalized=normalized)
        assert_close(result, expected, EXACT)


def test_katz_random_graphs(random_graph):
    g, G = random_graph
    for weight in (None, "w"):
        alpha = safe_alpha(G, weight)
        for normalized in (True, False):
            for beta in (1.0, 0.5):
                expected = nx.katz_centrality(
                    G, alpha=alpha, beta=beta, normalized=normalized, weight=weight
                )
                result = g.katz_centrality(
                    alpha=alpha, beta=beta, normalized=normalized, weight=weight
                )
                assert_close(result, expected, EXACT)
    betas = {u: 1.0 + i % 3 for i, u in enumerate(G)}
    expected = nx.katz_centrality(G, alpha=0.05, beta=betas)
    assert_close(g.katz_centrality(alpha=0.05, beta=betas), expected, EXACT)


def test_katz_beta_mapping_must_cover_the_nodes_exactly():
    g = gr.Graph()
    g.add_edges([(1, 2), (2, 3)])
    with pytest.raises(gr.InvalidArgumentError):
        g.katz_centrality(beta={1: 1.0, 2: 1.0})
    with pytest.raises(gr.InvalidArgumentError):
        g.katz_centrality(beta={1: 1.0, 2: 1.0, 3: 1.0, "ghost": 1.0})
    with pytest.raises(TypeError):
        g.katz_centrality(beta={1: "x", 2: 1.0, 3: 1.0})
    assert dict(gr.Graph().katz_centrality()) == nx.katz_centrality(nx.Graph()) == {}


# ----- HITS --------------------------------------------------------------------------------


def test_hits_snap_graphs(email, grqc, karate):
    for g, G in (email, grqc, karate):
        hubs, authorities = g.hits()
        expected_hubs, expected_authorities = nx.hits(G)
        assert_close(hubs, expected_hubs, HITS)
        assert_close(authorities, expected_authorities, HITS)
        assert sum(hubs.values()) == pytest.approx(1.0, abs=1e-12)


def test_hits_unnormalized(email):
    g, G = email
    hubs, authorities = g.hits(normalized=False)
    expected_hubs, expected_authorities = nx.hits(G, normalized=False)
    # ARPACK's singular vector has either sign.
    sign = 1.0 if sum(expected_authorities.values()) > 0 else -1.0
    assert_close(authorities, {k: sign * v for k, v in expected_authorities.items()}, HITS)
    # Hubs are A times the authorities: scaled by the largest singular value.
    assert_close(hubs, {k: sign * v for k, v in expected_hubs.items()}, HITS * 100)


def test_hits_random_graphs_reads_the_weight_attribute():
    for seed in (3, 4):
        for directed in (False, True):
            for attr in ("w", "weight"):
                g, G = random_pair(seed, directed, "str", attr=attr)
                hubs, authorities = g.hits()
                expected_hubs, expected_authorities = nx.hits(G)
                assert_close(hubs, expected_hubs, HITS)
                assert_close(authorities, expected_authorities, HITS)
                g.close()


def test_hits_edge_cases():
    empty = gr.Graph()
    assert empty.hits() == ({}, {})
    lonely = gr.Graph()
    lonely.add_node(1)
    with pytest.raises(gr.AlgorithmError):
        lonely.hits()


# ----- errors ------------------------------------------------------------------------------


def test_no_convergence_is_an_algorithm_error(email):
    g, _ = email
    with pytest.raises(gr.AlgorithmError, match="converge"):
        g.eigenvector_centrality(max_iter=1)
    with pytest.raises(gr.AlgorithmError, match="converge"):
        g.katz_centrality(alpha=0.001, max_iter=1)
    slow, _ = random_pair(1, True, "int")  # HITS converges by 0.957 per power step
    with pytest.raises(gr.AlgorithmError, match="converge"):
        slow.hits(max_iter=1)
    slow.close()
    with pytest.raises(gr.AlgorithmError):
        g.katz_centrality(alpha=1.0)  # above 1 / the largest eigenvalue: diverges


def test_eigenvector_of_the_empty_graph():
    with pytest.raises(gr.InvalidOperationError):
        gr.Graph().eigenvector_centrality()


BAD_ARGUMENTS = [
    ("eigenvector_centrality", {"max_iter": 1.5}, TypeError),
    ("eigenvector_centrality", {"max_iter": True}, TypeError),
    ("eigenvector_centrality", {"max_iter": -1}, ValueError),
    ("eigenvector_centrality", {"max_iter": 2**70}, OverflowError),
    ("eigenvector_centrality", {"tol": -1.0}, gr.InvalidArgumentError),
    ("eigenvector_centrality", {"tol": "small"}, TypeError),
    ("eigenvector_centrality", {"weight": "nope"}, gr.InvalidArgumentError),
    ("eigenvector_centrality", {"weight": 3}, TypeError),
    ("eigenvector_centrality", {"weight": "club"}, gr.InvalidArgumentError),
    ("katz_centrality", {"alpha": "0.1"}, TypeError),
    ("katz_centrality", {"alpha": float("nan")}, gr.InvalidArgumentError),
    ("katz_centrality", {"beta": "1"}, TypeError),
    ("katz_centrality", {"max_iter": 2**70}, OverflowError),
    ("katz_centrality", {"tol": float("nan")}, gr.InvalidArgumentError),
    ("katz_centrality", {"normalized": "yes"}, TypeError),
    ("katz_centrality", {"weight": "nope"}, gr.InvalidArgumentError),
    ("hits", {"max_iter": 0.5}, TypeError),
    ("hits", {"max_iter": 2**64}, OverflowError),
    ("hits", {"tol": -1e-3}, gr.InvalidArgumentError),
    ("hits", {"normalized": None}, TypeError),
]


@pytest.mark.parametrize(("method", "kwargs", "error"), BAD_ARGUMENTS)
def test_bad_arguments_raise_and_change_nothing(method, kwargs, error):
    g = gr.datasets.karate_club()
    g.set_edge_attr(0, 1, "club", "x")  # a string edge attribute: no weight
    before = (g.node_count, g.edge_count, list(g.edges))
    with pytest.raises(error):
        getattr(g, method)(**kwargs)
    assert (g.node_count, g.edge_count, list(g.edges)) == before


def test_a_triggered_token_cancels(karate):
    g, _ = karate
    token = CancelToken()
    token.trigger()
    calls = [
        lambda c, ko, vo: lib.gr_graph_degree_centrality(g._handle, c, ko, vo),
        lambda c, ko, vo: lib.gr_graph_eigenvector_centrality(
            g._handle, 100, 1e-6, gr._native.NULL, 0, c, ko, vo
        ),
        lambda c, ko, vo: lib.gr_graph_katz_centrality(g._handle, gr._native.NULL, c, ko, vo),
    ]
    for call in calls:
        with pytest.raises(gr.CancelledError):
            g._node_values(call, token)


def test_a_closed_graph():
    g = gr.Graph()
    g.add_edge(1, 2)
    g.close()
    for call in (
        g.degree_centrality,
        g.eigenvector_centrality,
        g.katz_centrality,
        g.hits,
    ):
        with pytest.raises(gr.InvalidOperationError):
            call()
