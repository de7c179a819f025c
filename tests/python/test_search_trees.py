"""Search trees checked against networkx: breadth-first and depth-first tree edges (from a
source or over every component, with depth limits, backwards), depth-first pre- and
postorders, shortest paths with their lengths (unweighted and Dijkstra, ties, zero
weights, cutoffs), and betweenness from sources chosen by the caller (networkx's ``k``
sample), on seeded random graphs with self-loops, isolated nodes and int or str keys."""

from __future__ import annotations

import random

import networkx as nx
import pytest

import groggy as gr


def random_graph(seed, directed, strs=False, n=60, m=140):
    """A seeded gnm graph plus self-loops and isolated nodes, its nodes shuffled, weights
    "w" from a few values (ties, zeros) on most edges."""
    rng = random.Random(seed)
    base = nx.gnm_random_graph(n, m, seed=seed, directed=directed)
    pairs = list(base.edges()) + [(u, u) for u in rng.sample(range(n), 4)]
    rng.shuffle(pairs)
    order = list(range(n + 5))
    rng.shuffle(order)
    key = (lambda i: f"n{i}") if strs else (lambda i: i)
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(key(i) for i in order)
    for u, v in pairs:
        r = rng.random()
        attrs = {} if r < 0.15 else {"w": rng.choice([0.0, 0.5, 1.0, 1.0, 2.0, 3.5])}
        G.add_edge(key(u), key(v), **attrs)
    return G


CASES = [
    pytest.param((seed, directed, strs), id=f"{'di' if directed else 'un'}-{seed}-{strs}")
    for seed in range(3)
    for directed in (False, True)
    for strs in (False, True)
]


@pytest.fixture(params=CASES)
def pair(request):
    G = random_graph(*request.param)
    g = gr.from_networkx(G)
    yield g, G
    g.close()


def sources(G, count=6):
    return random.Random(len(G)).sample(list(G), count)


def test_bfs_edges(pair):
    g, G = pair
    for s in sources(G):
        for depth in (None, 0, 1, 2, 5):
            for reverse in (False, True):
                want = list(nx.bfs_edges(G, s, reverse=reverse, depth_limit=depth))
                assert g.bfs_edges(s, depth_limit=depth, reverse=reverse) == want


def test_depth_first_search(pair):
    g, G = pair
    for s in [None, *sources(G)]:
        for depth in (None, 1, 2, 4):
            found = g.dfs_search(s, depth_limit=depth)
            assert found.edges == list(nx.dfs_edges(G, s, depth_limit=depth))
            assert found.preorder == list(nx.dfs_preorder_nodes(G, s, depth_limit=depth))
            assert found.postorder == list(nx.dfs_postorder_nodes(G, s, depth_limit=depth))
            assert g.dfs_edges(s, depth) == found.edges
            assert g.dfs_postorder(s, depth) == found.postorder


def test_shortest_paths(pair):
    g, G = pair
    for s in sources(G):
        found = g.shortest_paths(s)
        assert list(found.paths.items()) == list(nx.single_source_shortest_path(G, s).items())
        assert list(found.lengths.items()) == list(
            nx.single_source_shortest_path_length(G, s).items()
        )
        for cutoff in (None, 0.0, 1.0, 2.5):
            dist, paths = nx.single_source_dijkstra(G, s, cutoff=cutoff, weight="w")
            found = g.shortest_paths(s, weight="w", cutoff=cutoff)
            # Lengths in settle order; the first of equally short paths (networkx 3.6
            # lists paths in settle order, earlier versions in the order first reached).
            assert list(found.lengths.items()) == list(dist.items())
            assert found.paths == paths
            assert set(found.paths) == set(found.lengths)


def test_betweenness_from_chosen_sources(pair):
    g, G = pair
    for k, seed in ((1, 3), (5, 1), (len(G) - 1, 2)):
        chosen = random.Random(seed).sample(list(G), k)
        for normalized, endpoints in ((True, False), (False, True)):
            want = nx.betweenness_centrality(
                G, k=k, seed=seed, normalized=normalized, endpoints=endpoints
            )
            got = g.betweenness_centrality(
                sources=chosen, normalized=normalized, endpoints=endpoints
            )
            assert list(got) == list(want)
            assert got == pytest.approx(want, nan_ok=True)
        want = nx.edge_betweenness_centrality(G, k=k, seed=seed)
        got = g.edge_betweenness_centrality(sources=chosen)
        assert list(got) == list(want)
        assert got == pytest.approx(want)


def test_bad_arguments():
    g = gr.Graph(directed=True)
    g.add_edges([(0, 1), (1, 2)])
    with pytest.raises(gr.NodeNotFoundError):
        g.bfs_edges(9)
    with pytest.raises(gr.NodeNotFoundError):
        g.dfs_search("x")
    with pytest.raises(gr.NodeNotFoundError):
        g.shortest_paths(9)
    with pytest.raises(ValueError):
        g.bfs_edges(0, depth_limit=-1)
    with pytest.raises(TypeError):
        g.dfs_search(0, depth_limit=1.5)
    with pytest.raises(TypeError):
        g.bfs_edges(0, reverse="yes")
    with pytest.raises(TypeError):
        g.shortest_paths(0, cutoff="1")
    with pytest.raises(gr.InvalidArgumentError):
        g.shortest_paths(0, weight="nope")
    with pytest.raises(ValueError, match="not both"):
        g.betweenness_centrality(k=1, sources=[0])
    with pytest.raises(ValueError, match="empty"):
        g.edge_betweenness_centrality(sources=[])
    with pytest.raises(gr.NodeNotFoundError):
        g.betweenness_centrality(sources=[0, 9])
    g.set_edge_attr(0, 1, "w", -1.0)
    with pytest.raises(gr.AlgorithmError):
        g.shortest_paths(0, weight="w")
