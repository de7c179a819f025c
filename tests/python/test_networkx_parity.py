"""The same random graphs built in groggy and in networkx agree: node order, edge sets,
degrees, neighbours, in/out degrees, successors and predecessors, also after removals."""

import random

import networkx as nx
import pytest

import groggy as gr

SEEDS = [1, 2, 3]


def random_pair(directed, seed, str_keys=False):
    """A networkx graph and the same groggy graph: gnm random graph plus self-loops, an
    isolated node, and attributes; keys optionally mixed int and str."""
    rng = random.Random(seed)
    G = nx.gnm_random_graph(60, 240, seed=seed, directed=directed)
    for n in rng.sample(list(G.nodes), 6):
        G.add_edge(n, n)
    G.add_node(1000)
    if str_keys:
        G = nx.relabel_nodes(G, {n: f"n{n}" for n in G.nodes if n % 2}, copy=True)
    for n in G.nodes:
        G.nodes[n]["label"] = str(n)
    for i, (u, v) in enumerate(G.edges):
        G.edges[u, v]["w"] = float(i)

    g = gr.Graph(directed=directed)
    g.add_nodes((n, {"label": str(n)}) for n in G.nodes)
    g.add_edges((u, v, {"w": d["w"]}) for u, v, d in G.edges(data=True))
    return G, g


def edge_set(edges, directed):
    if directed:
        return set(edges)
    return {frozenset((u, v)) for u, v in edges}


def assert_same(G, g):
    directed = G.is_directed()
    assert g.directed is directed
    assert len(g) == G.number_of_nodes()
    assert g.node_count == G.number_of_nodes()
    assert g.edge_count == G.number_of_edges()
    assert list(g.nodes) == list(G.nodes)
    assert edge_set(g.edges, directed) == edge_set(G.edges, directed)
    assert len(list(g.edges)) == G.number_of_edges()
    assert g.degrees() == dict(G.degree)
    for n in G.nodes:
        assert g.degree(n) == G.degree(n), n
        assert set(g.neighbors(n)) == set(G.neighbors(n)), n
        assert g.nodes[n] == G.nodes[n], n
        if directed:
            assert g.in_degree(n) == G.in_degree(n), n
            assert g.out_degree(n) == G.out_degree(n), n
            assert set(g.successors(n)) == set(G.successors(n)), n
            assert set(g.predecessors(n)) == set(G.predecessors(n)), n
            assert len(g.successors(n)) == len(set(G.successors(n))), n
            assert len(g.predecessors(n)) == len(set(G.predecessors(n))), n
        else:
            assert len(g.neighbors(n)) == len(set(G.neighbors(n))), n
    for u, v, d in G.edges(data=True):
        assert g.has_edge(u, v)
        assert g.edges[u, v] == d
    rng = random.Random(0)
    keys = list(G.nodes)
    for _ in range(300):
        u, v = rng.choice(keys), rng.choice(keys)
        assert g.has_edge(u, v) == G.has_edge(u, v), (u, v)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
@pytest.mark.parametrize("str_keys", [False, True], ids=["int-keys", "mixed-keys"])
def test_random_graph_matches_networkx(directed, seed, str_keys):
    G, g = random_pair(directed, seed, str_keys)
    assert_same(G, g)
    g.close()


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_matches_networkx_after_removals(directed, seed):
    G, g = random_pair(directed, seed)
    rng = random.Random(seed)
    for n in rng.sample(list(G.nodes), 10):
        G.remove_node(n)
        g.remove_node(n)
    for u, v in rng.sample(list(G.edges), 30):
        G.remove_edge(u, v)
        g.remove_edge(u, v)
    assert_same(G, g)
    # Re-adding goes to the end in both.
    for n in [0, 1, 2, 3]:
        if n not in G:
            G.add_node(n, label=str(n))
            g.add_node(n, label=str(n))
    G.add_edge(0, 1, w=-1.0)
    g.add_edge(0, 1, w=-1.0)
    assert_same(G, g)
    g.close()


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_copy_and_subgraph_match_networkx(directed):
    G, g = random_pair(directed, 5)
    c = g.copy()
    assert_same(G, c)
    keys = [*list(G.nodes)[::3], "not there"]
    assert_same(G.subgraph(keys), g.subgraph(keys))
    g.close()
    c.close()


def test_add_edge_updates_like_networkx():
    G = nx.Graph()
    g = gr.Graph()
    for u, v, attrs in [(1, 2, {"w": 1}), (2, 1, {"w": 2, "x": "a"}), (1, 1, {}), (1, 1, {"s": 1})]:
        G.add_edge(u, v, **attrs)
        g.add_edge(u, v, **attrs)
    assert_same(G, g)
    g.close()
