"""DAGs and spanning trees checked against networkx: is_directed_acyclic_graph,
topological_sort (the exact order), minimum_spanning_edges (the same edges in the same
order, with their data) and minimum_spanning_tree on SNAP graphs and seeded random graphs
(int and str keys, isolated nodes, self-loops, ties); bad arguments, cancellation, closed
graphs."""

from __future__ import annotations

import gzip
import math
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


def snap_edges(path):
    edges = []
    with gzip.open(path, "rt") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            u, v = map(int, line.split())
            edges.append((u, v))
    return edges


def pair(items, directed, nodes=()):
    g = gr.Graph(directed=directed)
    G = nx.DiGraph() if directed else nx.Graph()
    for n in nodes:
        g.add_node(n)
        G.add_node(n)
    g.add_edges(items)
    G.add_edges_from(items)
    return g, G


def random_dag(seed, str_keys):
    """A DAG on shuffled node keys: edges go from lower to higher rank, listed in random
    order, some nodes isolated."""
    rng = random.Random(seed)
    n = 80
    key = (lambda i: f"k{i}") if str_keys else (lambda i: 1000 - 13 * i)
    rank = list(range(n))
    rng.shuffle(rank)
    nodes = [key(i) for i in rng.sample(range(n), n)]
    edges = []
    for _ in range(200):
        a, b = rng.sample(range(n), 2)
        if rank[a] > rank[b]:
            a, b = b, a
        edges.append((key(a), key(b)))
    return pair(edges, True, nodes)


def random_weighted(seed, str_keys, n=70, m=260):
    """An undirected graph with many equal weights (ties), some edges without a weight,
    self-loops and isolated nodes."""
    rng = random.Random(seed)
    key = (lambda i: f"v{i}") if str_keys else (lambda i: 3 * i - 50)
    items = []
    for _ in range(m):
        u, v = key(rng.randrange(n)), key(rng.randrange(n))
        if rng.random() < 0.15:
            items.append((u, v, {"tag": "plain"}))
        else:
            items.append((u, v, {"weight": rng.choice([1, 2, 2.5, 3, -1.0]), "tag": "w"}))
    return pair(items, False, [key(i) for i in range(n, n + 4)])


# ----- DAGs --------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(8))
def test_topological_order_equals_networkx(seed):
    g, G = random_dag(seed, str_keys=seed % 2 == 1)
    assert g.is_directed_acyclic_graph() is True
    assert g.topological_sort() == list(nx.topological_sort(G))


def test_cycles_and_undirected_graphs():
    g, G = pair([(1, 2), (2, 3), (3, 1), (0, 1)], True)
    assert g.is_directed_acyclic_graph() is nx.is_directed_acyclic_graph(G) is False
    with pytest.raises(gr.InvalidOperationError):
        g.topological_sort()
    loop, _ = pair([(1, 2), (2, 2)], True)
    assert loop.is_directed_acyclic_graph() is False
    with pytest.raises(gr.InvalidOperationError):
        loop.topological_sort()
    u, U = pair([(1, 2)], False)
    assert u.is_directed_acyclic_graph() is nx.is_directed_acyclic_graph(U) is False
    with pytest.raises(gr.InvalidOperationError):
        u.topological_sort()
    empty = gr.Graph(directed=True)
    assert empty.is_directed_acyclic_graph() is True
    assert empty.topological_sort() == []


def test_wiki_vote_is_not_a_dag_and_its_acyclic_part_sorts_as_networkx():
    edges = snap_edges(BUNDLED / "wiki-Vote.txt.gz")
    g, G = pair(edges, True)
    assert g.is_directed_acyclic_graph() is nx.is_directed_acyclic_graph(G) is False
    # Keep the edges from a smaller to a larger id: a DAG with wiki-Vote's shape.
    dag = [(u, v) for u, v in edges if u < v]
    g, G = pair(dag, True)
    assert g.topological_sort() == list(nx.topological_sort(G))


# ----- spanning trees ----------------------------------------------------------------------


def total(edges):
    return sum(d.get("weight", 1) for _, _, d in edges)


@pytest.mark.parametrize("seed", range(8))
def test_spanning_edges_equal_networkx(seed):
    g, G = random_weighted(seed, str_keys=seed % 2 == 0)
    got = list(g.minimum_spanning_edges())
    want = list(nx.minimum_spanning_edges(G))
    assert got == want
    assert list(g.minimum_spanning_edges(data=False)) == list(
        nx.minimum_spanning_edges(G, data=False)
    )
    by_tag = list(g.minimum_spanning_edges(weight=None, data=False))
    assert by_tag == list(nx.minimum_spanning_edges(G, weight=None, data=False))
    tree, T = g.minimum_spanning_tree(), nx.minimum_spanning_tree(G)
    assert list(tree.nodes(data=True)) == list(T.nodes(data=True))
    assert list(tree.edges(data=True)) == [(u, v, d) for u, v, d in want]
    for node in T:  # adjacency in networkx's order
        assert tree.neighbors(node) == list(T[node])
    assert math.isclose(total(tree.edges(data=True)), T.size(weight="weight"))


def test_spanning_forest_of_ca_grqc_equals_networkx():
    edges = snap_edges(BUNDLED / "ca-GrQc.txt.gz")
    items = [
        (u, v, {"weight": (u * 31 + v * 17) % 11 if u < v else (v * 31 + u * 17) % 11})
        for u, v in edges
    ]
    g, G = pair(items, False)
    got = list(g.minimum_spanning_edges(data=False))
    assert got == list(nx.minimum_spanning_edges(G, data=False))
    tree = g.minimum_spanning_tree()
    assert tree.edge_count == len(got) == G.number_of_nodes() - nx.number_connected_components(G)


def test_unweighted_default_and_named_weights():
    g, G = pair([(1, 2), (2, 3), (3, 1), (3, 4)], False)
    assert list(g.minimum_spanning_edges(data=False)) == list(
        nx.minimum_spanning_edges(G, data=False)
    )
    with pytest.raises(gr.InvalidArgumentError):  # a name no edge has, not the default
        g.minimum_spanning_edges(weight="cost")
    with pytest.raises(gr.InvalidArgumentError):
        g.minimum_spanning_tree(weight="cost")


def test_bad_arguments_and_wrong_kinds_change_nothing(take_snapshot):
    g = gr.Graph()
    g.add_edges([(1, 2, {"weight": 1.0}), (2, 3, {"weight": float("nan")}), (3, 4, {"c": "x"})])
    before = take_snapshot(g)
    with pytest.raises(gr.InvalidArgumentError):  # networkx: ValueError
        g.minimum_spanning_edges()
    with pytest.raises(ValueError):
        g.minimum_spanning_tree()
    with pytest.raises(gr.InvalidArgumentError):
        g.minimum_spanning_edges(weight="c")  # not numeric
    with pytest.raises(gr.InvalidArgumentError):
        g.minimum_spanning_edges(algorithm="nope")
    with pytest.raises(gr.InvalidArgumentError):
        g.minimum_spanning_tree(algorithm="nope")
    with pytest.raises(TypeError):
        g.minimum_spanning_edges(algorithm=1)
    with pytest.raises(TypeError):
        g.minimum_spanning_edges(weight=2)
    with pytest.raises(TypeError):
        g.minimum_spanning_edges(data="yes")
    assert repr(take_snapshot(g)) == repr(before)  # repr: NaN != NaN
    d = gr.Graph(directed=True)
    d.add_edge(1, 2)
    with pytest.raises(gr.InvalidOperationError):
        d.minimum_spanning_edges()
    with pytest.raises(gr.InvalidOperationError):
        d.minimum_spanning_tree()


def test_a_triggered_token_cancels():
    g = gr.Graph(directed=True)
    g.add_edges([(1, 2), (2, 3)])
    u = gr.Graph()
    u.add_edges([(1, 2), (2, 3)])
    keys, keys2 = ffi.new("gr_keys **"), ffi.new("gr_keys **")
    flag, graph = ffi.new("bool *"), ffi.new("gr_graph **")
    kruskal = lib.GR_SPANNING_KRUSKAL
    calls = [
        (g, lambda c: lib.gr_graph_is_directed_acyclic(g._handle, c, flag)),
        (g, lambda c: lib.gr_graph_topological_sort(g._handle, c, keys)),
        (
            u,
            lambda c: lib.gr_graph_minimum_spanning_edges(
                u._handle, ffi.NULL, 0, kruskal, c, keys, keys2
            ),
        ),
        (
            u,
            lambda c: lib.gr_graph_minimum_spanning_tree(u._handle, ffi.NULL, 0, kruskal, c, graph),
        ),
    ]
    for owner, call in calls:
        token = CancelToken()
        token.trigger()
        with pytest.raises(gr.CancelledError):
            owner._run(call, token)


def test_closed_graph():
    g = gr.Graph(directed=True)
    g.close()
    for method in (
        g.is_directed_acyclic_graph,
        g.topological_sort,
        g.minimum_spanning_edges,
        g.minimum_spanning_tree,
    ):
        with pytest.raises(gr.InvalidOperationError):
            method()
