"""has_path, is_connected, number_connected_components and is_strongly_connected checked
against networkx on email-Eu-core, ca-GrQc, the karate club and seeded random graphs
(directed and undirected, int and str keys, self-loops, isolated nodes), plus the graph
kinds and empty graphs networkx refuses, missing nodes and a closed graph."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

import groggy as gr

ROOT = Path(__file__).resolve().parents[2]


def snap_pair(path, directed):
    sources, targets = [], []
    with gzip.open(path, "rt") as f:
        for line in f:
            if not line.startswith("#") and line.strip():
                u, v = line.split()
                sources.append(int(u))
                targets.append(int(v))
    g = gr.Graph(directed=directed)
    g.add_edges_from_arrays(np.array(sources), np.array(targets))
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_edges_from(zip(sources, targets))
    return g, G


@pytest.fixture(scope="module")
def email():
    g, G = snap_pair(ROOT / "tests" / "data" / "email-Eu-core.txt.gz", directed=True)
    yield g, G
    g.close()


@pytest.fixture(scope="module")
def grqc():
    g, G = snap_pair(ROOT / "python" / "groggy" / "data" / "ca-GrQc.txt.gz", directed=False)
    yield g, G
    g.close()


def random_pair(seed, directed, keys, n=60, m=70):
    rng = random.Random(seed)
    base = nx.gnm_random_graph(n, m, seed=seed, directed=directed)
    k = (lambda i: i) if keys == "int" else (lambda i: f"n{i}")
    edges = [(k(u), k(v)) for u, v in base.edges()]
    edges += [(k(u), k(u)) for u in rng.sample(range(n), 3)]
    g = gr.Graph(directed=directed)
    G = nx.DiGraph() if directed else nx.Graph()
    nodes = [k(i) for i in range(n + 4)]  # the last 4 isolated
    g.add_nodes(nodes)
    G.add_nodes_from(nodes)
    g.add_edges(edges)
    G.add_edges_from(edges)
    return g, G


def connected_pair(directed, keys):
    """A cycle through every node plus chords: connected (strongly, when directed)."""
    k = (lambda i: i) if keys == "int" else (lambda i: f"n{i}")
    edges = [(k(i), k((i + 1) % 30)) for i in range(30)] + [(k(3), k(17)), (k(9), k(9))]
    g = gr.Graph(directed=directed)
    g.add_edges(edges)
    G = (nx.DiGraph if directed else nx.Graph)(edges)
    return g, G


def check_has_path(g, G, seed, count=200):
    rng = random.Random(seed)
    nodes = list(G)
    for _ in range(count):
        u, v = rng.choice(nodes), rng.choice(nodes)
        assert g.has_path(u, v) == nx.has_path(G, u, v), (u, v)


def check_predicates(g, G):
    if G.is_directed():
        assert g.is_strongly_connected() == nx.is_strongly_connected(G)
        for method in (g.is_connected, g.number_connected_components):
            with pytest.raises(gr.InvalidOperationError):
                method()
    else:
        assert g.is_connected() == nx.is_connected(G)
        count = g.number_connected_components()
        assert count == nx.number_connected_components(G) and type(count) is int
        assert count == len(g.connected_components())
        with pytest.raises(gr.InvalidOperationError):
            g.is_strongly_connected()


def test_snap_graphs(email, grqc):
    for g, G in (email, grqc):
        check_predicates(g, G)
        check_has_path(g, G, seed=5)
    assert grqc[0].number_connected_components() == 355


@pytest.mark.parametrize("keys", ["int", "str"])
@pytest.mark.parametrize("directed", [False, True])
def test_random_graphs(directed, keys):
    for seed in range(4):
        g, G = random_pair(seed, directed, keys)
        check_predicates(g, G)
        check_has_path(g, G, seed)
        g.close()
        g, G = connected_pair(directed, keys)
        check_predicates(g, G)
        assert (g.is_strongly_connected if directed else g.is_connected)() is True
        first = next(iter(G.edges))
        g.remove_edge(*first)
        G.remove_edge(*first)
        check_predicates(g, G)
        g.close()


def test_karate_and_small_cases():
    g = gr.datasets.karate_club()
    assert g.is_connected() and g.number_connected_components() == 1
    assert g.has_path(0, 33) and g.has_path(5, 5)
    g.add_node("alone")
    assert not g.is_connected() and g.number_connected_components() == 2
    assert not g.has_path(0, "alone") and g.has_path("alone", "alone")
    d = gr.Graph(directed=True)
    d.add_edges([(1, 2), (2, 3)])
    assert d.has_path(1, 3) and not d.has_path(3, 1)
    single = gr.Graph(directed=True)
    single.add_node(1)
    assert single.is_strongly_connected() == nx.is_strongly_connected(nx.DiGraph([(1, 1)]))


def test_empty_graphs_as_networkx():
    assert gr.Graph().number_connected_components() == 0
    with pytest.raises(gr.InvalidOperationError):
        gr.Graph().is_connected()
    with pytest.raises(gr.InvalidOperationError):
        gr.Graph(directed=True).is_strongly_connected()


def test_missing_nodes_and_bad_keys():
    g = gr.Graph()
    g.add_edge(1, 2)
    with pytest.raises(gr.NodeNotFoundError):
        g.has_path(1, 3)
    with pytest.raises(gr.NodeNotFoundError):
        g.has_path("x", 1)
    with pytest.raises(TypeError):
        g.has_path(1.5, 2)
    with pytest.raises(OverflowError):
        g.has_path(2**70, 2)


def test_a_closed_graph():
    g = gr.Graph()
    g.add_edge(1, 2)
    g.close()
    for call in (
        lambda: g.has_path(1, 2),
        g.is_connected,
        g.number_connected_components,
        g.is_strongly_connected,
    ):
        with pytest.raises(gr.InvalidOperationError):
            call()
