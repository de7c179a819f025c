"""Algorithms checked against networkx: PageRank, BFS, DFS, shortest paths, connected and
strongly connected components, on the two bundled SNAP graphs and on seeded random
graphs (directed and undirected, with self-loops, isolated nodes, int, str and mixed keys)."""

from __future__ import annotations

import gzip
import math
import random
import re
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

import groggy as gr

DATA = Path(__file__).resolve().parents[2] / "python" / "groggy" / "data"
TOL = 1e-6

try:  # nx.pagerank needs scipy; without it, networkx's own pure-Python iteration.
    import scipy  # noqa: F401

    def nx_pagerank(G, weight=None, **kwargs):
        return nx.pagerank(G, weight=weight, **kwargs)

except ImportError:  # pragma: no cover - depends on the environment
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    def nx_pagerank(G, weight=None, **kwargs):
        # The pure-Python version needs an attribute name: one no edge has means "all 1".
        return _pagerank_python(G, weight=weight or "__no_such_attribute__", **kwargs)


# ----- graphs ------------------------------------------------------------------------------


def read_snap(name):
    """The edge list of a gzipped SNAP file as two int64 arrays, in file order."""
    sources, targets = [], []
    with gzip.open(DATA / name, "rt") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            u, v = line.split()
            sources.append(int(u))
            targets.append(int(v))
    return np.array(sources, dtype=np.int64), np.array(targets, dtype=np.int64)


def pair_weight(u, v):
    """A weight per unordered pair (both listed directions of an undirected edge agree), or
    None for about one pair in seven (the edge then has no weight: 1.0)."""
    a, b = min(u, v), max(u, v)
    h = (a * 1_000_003 + b * 7919) % 1009
    return None if h % 7 == 0 else 0.25 + (h % 97) / 10.0


def snap_pair(name, directed, weighted=False):
    sources, targets = read_snap(name)
    g = gr.Graph(directed=directed)
    G = nx.DiGraph() if directed else nx.Graph()
    if weighted:
        w = [pair_weight(u, v) for u, v in zip(sources.tolist(), targets.tolist())]
        g.add_edges_from_arrays(sources, targets, w=w)
        G.add_edges_from(
            (u, v, {} if x is None else {"w": x})
            for u, v, x in zip(sources.tolist(), targets.tolist(), w)
        )
    else:
        g.add_edges_from_arrays(sources, targets)
        G.add_edges_from(zip(sources.tolist(), targets.tolist()))
    return g, G


@pytest.fixture(scope="module")
def grqc():
    g, G = snap_pair("ca-GrQc.txt.gz", directed=False, weighted=True)
    yield g, G
    g.close()


@pytest.fixture(scope="module")
def wiki():
    g, G = snap_pair("wiki-Vote.txt.gz", directed=True, weighted=True)
    yield g, G
    g.close()


KEY_KINDS = ["int", "str", "mixed"]


def key_of(kind):
    if kind == "int":
        return lambda i: i
    if kind == "str":
        return lambda i: f"n{i}"
    # Odd numbers as ints, even ones as strings: 1 and "1" (from 2) are both nodes.
    return lambda i: i if i % 2 else str(i // 2)


def random_pair(seed, directed, keys="int", n=120, m=300, loops=6, isolated=8, method="tuples"):
    """A seeded gnm graph plus self-loops and isolated nodes, with a float attribute "w"
    (non-negative, some zero) on about 4 edges in 5, built the same way in groggy and
    networkx (same node order, same edge order)."""
    rng = random.Random(seed)
    base = nx.gnm_random_graph(n, m, seed=seed, directed=directed)
    pairs = list(base.edges())
    pairs += [(u, u) for u in rng.sample(range(n), loops)]
    rng.shuffle(pairs)
    order = list(range(n + isolated))
    rng.shuffle(order)
    k = key_of(keys)
    nodes = [k(i) for i in order]
    edges = []
    for u, v in pairs:
        r = rng.random()
        attrs = {} if r < 0.2 else {"w": 0.0 if r < 0.25 else round(rng.uniform(0.1, 5.0), 3)}
        edges.append((k(u), k(v), attrs))

    g = gr.Graph(directed=directed)
    G = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes(nodes)
    G.add_nodes_from(nodes)
    if method == "arrays":
        src = [u for u, _, _ in edges]
        dst = [v for _, v, _ in edges]
        if keys == "int":
            src, dst = np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64)
        # Edges without a weight hold null there, which weighs 1.0 too.
        g.add_edges_from_arrays(src, dst, w=[a.get("w") for _, _, a in edges])
    else:
        g.add_edges([(u, v, a) if a else (u, v) for u, v, a in edges])
    G.add_edges_from(edges)
    return g, G


RANDOM_CASES = [
    pytest.param((seed, directed, keys, method), id=f"{d}-{keys}-{method}-{seed}")
    for seed, (directed, d) in enumerate([(False, "undirected"), (True, "directed")])
    for keys in KEY_KINDS
    for method in ["tuples", "arrays"]
]


@pytest.fixture(params=RANDOM_CASES)
def random_graphs(request):
    seed, directed, keys, method = request.param
    g, G = random_pair(100 + seed, directed, keys, method=method)
    yield g, G
    g.close()


def test_builders_agree(grqc, wiki, random_graphs):
    for g, G in (grqc, wiki, random_graphs):
        assert g.node_count == G.number_of_nodes()
        assert g.edge_count == G.number_of_edges()
        assert list(g.nodes) == list(G.nodes)
    assert grqc[0].node_count == 5242 and grqc[0].edge_count == 14496
    assert wiki[0].node_count == 7115 and wiki[0].edge_count == 103689


# ----- PageRank ----------------------------------------------------------------------------


def assert_scores(result, expected, tol=TOL):
    assert isinstance(result, gr.NodeMap)
    assert len(result) == len(expected)
    assert set(result) == set(expected)
    worst = max((abs(result[k] - expected[k]) for k in expected), default=0.0)
    assert worst < tol, f"largest difference from networkx: {worst}"


def some_nodes(G, count, seed):
    nodes = list(G.nodes)
    return random.Random(seed).sample(nodes, min(count, len(nodes)))


@pytest.mark.parametrize("alpha", [0.5, 0.85, 0.95])
def test_pagerank_snap_graphs(grqc, wiki, alpha):
    for g, G in (grqc, wiki):
        pr = g.pagerank(alpha=alpha)
        assert list(pr) == list(G.nodes)
        assert_scores(pr, nx_pagerank(G, alpha=alpha))
        assert math.isclose(sum(pr.values()), 1.0, abs_tol=1e-9)


def test_pagerank_snap_graphs_weighted_and_personalized(grqc, wiki):
    for g, G in (grqc, wiki):
        assert_scores(g.pagerank(weight="w"), nx_pagerank(G, weight="w"))
        chosen = some_nodes(G, 25, seed=7)
        personal = {u: 1.0 + i % 4 for i, u in enumerate(chosen)}
        with_ghosts = {**personal, "ghost": 5.0, 10**12: 2.0}
        assert_scores(
            g.pagerank(personalization=with_ghosts, weight="w"),
            nx_pagerank(G, personalization=personal, weight="w"),
        )


def test_pagerank_random_graphs(random_graphs):
    g, G = random_graphs
    chosen = some_nodes(G, 15, seed=3)
    personal = {u: float(1 + i % 3) for i, u in enumerate(chosen)}
    for alpha in (0.5, 0.85, 0.95):
        for weight in (None, "w"):
            for p in (None, personal):
                expected = nx_pagerank(G, alpha=alpha, weight=weight, personalization=p)
                result = g.pagerank(alpha=alpha, weight=weight, personalization=p)
                assert list(result) == list(G.nodes)
                assert_scores(result, expected)


def test_pagerank_personalization_ignores_keys_not_in_the_graph(random_graphs):
    g, G = random_graphs
    chosen = some_nodes(G, 5, seed=11)
    personal = dict.fromkeys(chosen, 2.0)
    ghosts = {"not there": 100.0, -(10**15): 3.0, "x": 1.0}
    ghosts = {k: v for k, v in ghosts.items() if k not in G}
    expected = nx_pagerank(G, personalization=personal)
    assert_scores(g.pagerank(personalization={**ghosts, **personal}), expected)


def test_pagerank_dangling_nodes():
    # Sinks (3, 5), a node only pointed at by a sink's neighbour, isolated nodes, a self-loop.
    edges = [(1, 2), (2, 3), (1, 3), (4, 1), (4, 5), (6, 6), (7, 1)]
    g = gr.Graph(directed=True)
    G = nx.DiGraph()
    g.add_nodes(range(1, 10))
    G.add_nodes_from(range(1, 10))
    g.add_edges(edges)
    G.add_edges_from(edges)
    for alpha in (0.5, 0.85, 0.95):
        assert_scores(g.pagerank(alpha=alpha), nx_pagerank(G, alpha=alpha))
        # The self-loop's score decays like alpha ** k: more iterations for alpha 0.95.
        p = {1: 1.0, 5: 3.0}
        assert_scores(
            g.pagerank(alpha=alpha, personalization=p, max_iter=500),
            nx_pagerank(G, alpha=alpha, personalization=p, max_iter=500),
        )
    # Every node dangling: the uniform vector.
    lonely = gr.Graph(directed=True)
    lonely.add_nodes(["a", "b", "c", "d"])
    assert_scores(lonely.pagerank(), dict.fromkeys("abcd", 0.25))


def test_pagerank_zero_weight_rows_are_dangling():
    # Node 1's only out-edge weighs 0: networkx treats it as dangling.
    edges = [(1, 2, {"w": 0.0}), (2, 3, {"w": 2.0}), (3, 1, {"w": 1.0}), (3, 2, {})]
    g = gr.Graph(directed=True)
    G = nx.DiGraph()
    g.add_edges(edges)
    G.add_edges_from(edges)
    assert_scores(g.pagerank(weight="w"), nx_pagerank(G, weight="w"))


def test_pagerank_weight_column_with_ints_and_float32():
    edges = [(1, 2), (2, 3), (3, 1), (3, 4), (4, 1)]
    src = np.array([u for u, _ in edges], dtype=np.int64)
    dst = np.array([v for _, v in edges], dtype=np.int64)
    ints = np.array([1, 5, 2, 7, 3], dtype=np.int32)
    halves = np.array([0.5, 1.5, 2.5, 3.5, 4.5], dtype=np.float32)
    g = gr.Graph(directed=True)
    g.add_edges_from_arrays(src, dst, k=ints, h=halves)
    G = nx.DiGraph()
    for (u, v), k, h in zip(edges, ints.tolist(), halves.tolist()):
        G.add_edge(u, v, k=k, h=h)
    assert_scores(g.pagerank(weight="k"), nx_pagerank(G, weight="k"))
    assert_scores(g.pagerank(weight="h"), nx_pagerank(G, weight="h"))


def test_weight_column_nobody_has_is_an_error(random_graphs):
    # A typo in a weight name must not silently give unweighted results.
    g, _ = random_graphs
    source, target = list(g.nodes)[:2]
    g.set_node_attr(source, "size", 2.0)  # a node attribute is no edge attribute
    edges_before = sorted(map(repr, g.edges))
    calls = {
        "pagerank": lambda w: g.pagerank(weight=w),
        "shortest_path": lambda w: g.shortest_path(source, target, weight=w),
        "shortest_path_lengths": lambda w: g.shortest_path_lengths(source, weight=w),
    }
    for op, call in calls.items():
        for name in ("no such column", "size", "W"):
            with pytest.raises(gr.InvalidArgumentError) as info:
                call(name)
            assert str(info.value) == f"{op}: no edge attribute {name!r} to use as weight"
            assert info.value.operation == op
    assert sorted(map(repr, g.edges)) == edges_before
    assert g.edge_attr_names() == ["w"]


def test_weight_column_whose_edges_are_gone_is_an_error():
    g = gr.Graph()
    g.add_edge(1, 2, w=2.0)
    g.add_edge(2, 3)
    assert g.shortest_path_lengths(1, weight="w") == {1: 0.0, 2: 2.0, 3: 3.0}
    g.remove_edge(1, 2)
    with pytest.raises(gr.InvalidArgumentError, match="no edge attribute 'w' to use as weight"):
        g.pagerank(weight="w")
    g.add_edge(2, 3, w=0.5)
    assert g.shortest_path_lengths(2, weight="w") == {2: 0.0, 3: 0.5}


def test_pagerank_follows_mutations(random_graphs):
    g, G = random_graphs
    g.pagerank()  # a snapshot now exists; every change below must invalidate it
    nodes = list(G.nodes)
    u, v, w = nodes[0], nodes[1], nodes[2]
    g.add_edge(u, v)
    g.add_edge("fresh", u)
    G.add_edge(u, v)
    G.add_edge("fresh", u)
    assert_scores(g.pagerank(), nx_pagerank(G))
    g.remove_node(w)
    G.remove_node(w)
    first = next(iter(G.edges))
    g.remove_edge(*first)
    G.remove_edge(*first)
    assert_scores(g.pagerank(), nx_pagerank(G))
    g.add_edges_from_arrays(["fresh", "fresh2"], [w, "fresh"])
    G.add_edges_from([("fresh", w), ("fresh2", "fresh")])
    assert_scores(g.pagerank(weight="w"), nx_pagerank(G, weight="w"))


def test_pagerank_too_few_iterations(wiki):
    g, G = wiki
    with pytest.raises(gr.AlgorithmError):
        g.pagerank(max_iter=2)
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx_pagerank(G, max_iter=2)
    with pytest.raises(gr.AlgorithmError) as info:
        g.pagerank(max_iter=0)
    assert isinstance(info.value, RuntimeError)
    assert info.value.operation == "pagerank"
    with pytest.raises(gr.AlgorithmError, match="did not converge"):
        g.pagerank(tol=0.0, max_iter=5)
    # Still usable.
    assert_scores(g.pagerank(), nx_pagerank(G))


@pytest.mark.parametrize(
    ("alpha", "shown"), [(0, "0"), (1, "1"), (1.5, "1.5"), (-0.1, "-0.1"), (0.0, "0")]
)
def test_pagerank_alpha_outside_the_open_unit_interval(any_graph, alpha, shown):
    any_graph.add_edges([(1, 2), (2, 3)])
    with pytest.raises(gr.InvalidArgumentError) as info:
        any_graph.pagerank(alpha=alpha)
    err = info.value
    assert isinstance(err, ValueError)
    assert str(err) == f"pagerank: alpha must be in (0, 1), got {shown}"
    assert err.operation == "pagerank"


def test_pagerank_alpha_nan_and_exact_message():
    g = gr.Graph()
    g.add_edge("a", "b")
    with pytest.raises(
        gr.InvalidArgumentError, match=re.escape("pagerank: alpha must be in (0, 1), got 1.5")
    ):
        g.pagerank(alpha=1.5)
    with pytest.raises(gr.InvalidArgumentError, match="alpha"):
        g.pagerank(alpha=float("nan"))


def test_pagerank_personalization_summing_to_zero(any_graph):
    any_graph.add_edges([(1, 2), (2, 3), (3, 1)])
    for personal in ({1: 0.0}, {1: 0.0, 2: 0.0}, {1: 1.0, 2: -1.0}, {"ghost": 1.0}, {}):
        with pytest.raises(gr.InvalidArgumentError) as info:
            any_graph.pagerank(personalization=personal)
        assert isinstance(info.value, ValueError)
        assert info.value.operation == "pagerank"


def test_pagerank_non_numeric_weight_column(any_graph):
    any_graph.add_edge(1, 2, w=1.0)
    any_graph.add_edge(2, 3, w="heavy")
    any_graph.add_edge(3, 4, b=b"\x01")
    any_graph.add_edge(4, 5, label="x")
    for column in ("w", "b", "label"):
        with pytest.raises(gr.InvalidArgumentError) as info:
            any_graph.pagerank(weight=column)
        assert isinstance(info.value, ValueError)
        assert info.value.operation == "pagerank"


def test_pagerank_a_removed_non_numeric_weight_is_gone():
    g = gr.Graph()
    g.add_edge(1, 2, w=2.0)
    g.add_edge(2, 3, w="heavy")
    g.remove_edge(2, 3)
    G = nx.Graph()
    G.add_edge(1, 2, w=2.0)
    G.add_node(3)
    assert_scores(g.pagerank(weight="w"), nx_pagerank(G, weight="w"))


def test_pagerank_empty_graph(any_graph):
    result = any_graph.pagerank()
    assert isinstance(result, gr.NodeMap)
    assert len(result) == 0
    assert result == {}
    assert list(result) == []
    assert result.to_numpy().shape == (0,)


# ----- BFS and DFS -------------------------------------------------------------------------


def in_neighbours(G, v):
    return G.predecessors(v) if G.is_directed() else G.neighbors(v)


def check_bfs(G, order, source, depth):
    assert order[0] == source
    assert len(order) == len(set(order))
    dist = nx.single_source_shortest_path_length(G, source, cutoff=depth)
    assert set(order) == set(dist)
    depths = [dist[v] for v in order]
    assert depths == sorted(depths)
    position = {v: i for i, v in enumerate(order)}
    for v in order[1:]:
        assert any(
            dist.get(u) == dist[v] - 1 and position[u] < position[v] for u in in_neighbours(G, v)
        ), f"{v!r} has no BFS parent before it"
    if depth != 0:
        assert order == [source] + [v for _, v in nx.bfs_edges(G, source, depth_limit=depth)]


def check_dfs(G, order, source, depth):
    assert order[0] == source
    assert len(order) == len(set(order))
    ball = nx.single_source_shortest_path_length(G, source, cutoff=depth)
    assert set(order) <= set(ball)
    if depth is None:
        assert set(order) == set(nx.descendants(G, source) | {source})
    position = {v: i for i, v in enumerate(order)}
    for v in order[1:]:
        assert any(position.get(u, len(order)) < position[v] for u in in_neighbours(G, v))
    if depth != 0:
        assert order == list(nx.dfs_preorder_nodes(G, source, depth_limit=depth))


DEPTHS = [0, 1, 2, 3, 5, None]


def sources_of(G, count, seed):
    """Some random nodes plus, when there are any, an isolated node and a self-loop node."""
    chosen = some_nodes(G, count, seed)
    isolated = [u for u in G if G.degree(u) == 0]
    looped = [u for u, v in nx.selfloop_edges(G)]
    return chosen + isolated[:1] + looped[:1]


def test_bfs_dfs_snap_graphs(grqc, wiki):
    for g, G in (grqc, wiki):
        for source in sources_of(G, 4, seed=5):
            for depth in DEPTHS:
                check_bfs(G, g.bfs(source, depth_limit=depth), source, depth)
                check_dfs(G, g.dfs(source, depth_limit=depth), source, depth)


def test_bfs_dfs_random_graphs(random_graphs):
    g, G = random_graphs
    for source in sources_of(G, 8, seed=9):
        for depth in DEPTHS:
            check_bfs(G, g.bfs(source, depth), source, depth)
            check_dfs(G, g.dfs(source, depth), source, depth)
        assert g.bfs(source) == g.bfs(source, depth_limit=None)
        assert g.bfs(source, depth_limit=10**9) == g.bfs(source)
        assert g.dfs(source, depth_limit=10**9) == g.dfs(source)


def test_bfs_dfs_depth_zero_is_the_source(any_graph):
    any_graph.add_edges([("a", "b"), ("b", "c"), ("c", "a")])
    any_graph.add_node(7)
    for source in ("a", "b", 7):
        assert any_graph.bfs(source, depth_limit=0) == [source]
        assert any_graph.dfs(source, depth_limit=0) == [source]
    assert any_graph.bfs(7) == [7]
    assert any_graph.dfs(7) == [7]


def test_bfs_dfs_after_removals_follow_insertion_order(any_graph):
    G = nx.DiGraph() if any_graph.directed else nx.Graph()
    edges = [(0, 1), (0, 2), (0, 3), (1, 4), (2, 4), (3, 5), (4, 5), (5, 0)]
    any_graph.add_edges(edges)
    G.add_edges_from(edges)
    for graph in (any_graph, G):
        graph.remove_edge(0, 1)
        graph.add_edge(0, 1)  # now the last of 0's edges
        graph.remove_node(3)
        graph.add_edge(0, 3)  # 3 comes back as the last node
    for source in (0, 4, 5):
        for depth in DEPTHS:
            check_bfs(G, any_graph.bfs(source, depth), source, depth)
            check_dfs(G, any_graph.dfs(source, depth), source, depth)


def test_traversal_missing_source(any_graph):
    any_graph.add_edge(1, 2)
    for call in (any_graph.bfs, any_graph.dfs, any_graph.shortest_path_lengths):
        with pytest.raises(gr.NodeNotFoundError) as info:
            call("missing")
        assert isinstance(info.value, KeyError)
        with pytest.raises(gr.NodeNotFoundError):
            call("1")  # the str "1" is not the int 1


# ----- shortest paths ----------------------------------------------------------------------


def path_weight(G, path, weight):
    return sum(G.edges[u, v].get(weight, 1) if weight else 1 for u, v in zip(path, path[1:]))


def check_path(g, G, path, source, target, weight):
    assert path[0] == source and path[-1] == target
    assert len(path) == len(set(path))
    for u, v in zip(path, path[1:]):
        assert G.has_edge(u, v)
        assert g.has_edge(u, v)
    expected = nx.shortest_path_length(G, source, target, weight=weight)
    if weight is None:
        assert len(path) - 1 == expected
    else:
        assert path_weight(G, path, weight) == pytest.approx(expected, abs=1e-9)


def check_pairs(g, G, pairs):
    for source, target in pairs:
        for weight in (None, "w"):
            if nx.has_path(G, source, target):
                check_path(
                    g, G, g.shortest_path(source, target, weight=weight), source, target, weight
                )
            else:
                with pytest.raises(gr.NoPathError) as info:
                    g.shortest_path(source, target, weight=weight)
                assert isinstance(info.value, gr.AlgorithmError)
                assert isinstance(info.value, RuntimeError)


def random_pairs(G, count, seed):
    rng = random.Random(seed)
    nodes = list(G.nodes)
    return [(rng.choice(nodes), rng.choice(nodes)) for _ in range(count)]


def test_shortest_path_snap_graphs(grqc, wiki):
    for g, G in (grqc, wiki):
        pairs = random_pairs(G, 12, seed=21)
        pairs.append((pairs[0][0], pairs[0][0]))
        check_pairs(g, G, pairs)


def test_shortest_path_random_graphs(random_graphs):
    g, G = random_graphs
    pairs = random_pairs(G, 40, seed=4)
    pairs += [(u, u) for u, _ in pairs[:3]]
    isolated = [u for u in G if G.degree(u) == 0]
    pairs += [(pairs[0][0], isolated[0]), (isolated[0], pairs[0][0])]
    check_pairs(g, G, pairs)


def test_shortest_path_lengths_snap_graphs(grqc, wiki):
    for g, G in (grqc, wiki):
        for source in some_nodes(G, 3, seed=13):
            check_lengths(g, G, source)


def test_shortest_path_lengths_random_graphs(random_graphs):
    g, G = random_graphs
    for source in sources_of(G, 6, seed=17):
        check_lengths(g, G, source)


def check_lengths(g, G, source):
    hops = g.shortest_path_lengths(source)
    assert isinstance(hops, gr.NodeMap)
    expected = nx.single_source_shortest_path_length(G, source)
    assert hops == expected
    assert hops.to_dict() == expected
    assert all(type(x) is int for x in hops.values())
    assert list(hops) == g.bfs(source)  # in visit order
    for weight in ("w", None):
        lengths = g.shortest_path_lengths(source, weight=weight)
        if weight is None:
            assert lengths == expected
            continue
        exact = nx.single_source_dijkstra_path_length(G, source, weight=weight)
        assert set(lengths) == set(exact)
        for k, x in exact.items():
            assert lengths[k] == pytest.approx(x, abs=1e-9)
        # A Dijkstra visit order: distances never decrease along it.
        dist = [lengths[k] for k in lengths]
        assert dist == sorted(dist)
        assert next(iter(lengths)) == source


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("weights", [(1, 2, 3), (0, 1, 2), (0.5, 0.25, 1.75)])
def test_weighted_ties_settle_and_route_as_networkx(directed, weights):
    """Few distinct weights make many equal distances: the visit order and the paths
    chosen among equal ones are networkx's (ties settle in the order they were found)."""
    rng = random.Random(len(weights) * 7 + directed)
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(60))
    added = []  # in insertion order, which sets each node's neighbour order
    while G.number_of_edges() < 240:
        u, v = rng.randrange(60), rng.randrange(60)
        if u != v and not G.has_edge(u, v):
            added.append((u, v, {"w": rng.choice(weights)}))
            G.add_edge(*added[-1][:2], **added[-1][2])
    g = gr.Graph(directed=directed)
    g.add_nodes(G.nodes)
    g.add_edges(added)
    for source in (0, 17, 42):
        lengths = g.shortest_path_lengths(source, weight="w")
        exact = nx.single_source_dijkstra_path_length(G, source, weight="w")
        assert list(lengths.items()) == list(exact.items())
        for target in exact:
            assert g.shortest_path(source, target, weight="w") == nx.dijkstra_path(
                G, source, target, weight="w"
            )


def test_shortest_path_no_path_and_missing_nodes(any_graph):
    any_graph.add_edge("a", "b", w=1.0)
    any_graph.add_edge("b", "c", w=2.0)
    any_graph.add_edge("x", "y", w=1.0)
    for weight in (None, "w"):
        with pytest.raises(gr.NoPathError) as info:
            any_graph.shortest_path("a", "y", weight=weight)
        assert isinstance(info.value, gr.AlgorithmError)
        assert info.value.operation == "shortest_path"
        with pytest.raises(gr.NodeNotFoundError):
            any_graph.shortest_path("a", "zzz", weight=weight)
        with pytest.raises(gr.NodeNotFoundError):
            any_graph.shortest_path("zzz", "a", weight=weight)
        with pytest.raises(KeyError):
            any_graph.shortest_path("zzz", "qqq", weight=weight)
    if any_graph.directed:
        with pytest.raises(gr.NoPathError):
            any_graph.shortest_path("c", "a")
    else:
        assert any_graph.shortest_path("c", "a") == ["c", "b", "a"]
    assert any_graph.shortest_path("a", "a") == ["a"]
    assert any_graph.shortest_path("a", "a", weight="w") == ["a"]


def test_shortest_path_negative_weight(any_graph):
    any_graph.add_edge(1, 2, w=1.0)
    any_graph.add_edge(2, 3, w=-0.5)
    any_graph.add_edge(3, 4, w=1.0)
    with pytest.raises(gr.AlgorithmError) as info:
        any_graph.shortest_path(1, 4, weight="w")
    assert not isinstance(info.value, gr.NoPathError)
    assert isinstance(info.value, RuntimeError)
    with pytest.raises(gr.AlgorithmError):
        any_graph.shortest_path_lengths(1, weight="w")
    # Unweighted, the weights do not matter.
    assert any_graph.shortest_path(1, 4) == [1, 2, 3, 4]


def test_shortest_path_weighted_prefers_the_light_route():
    g = gr.Graph()
    G = nx.Graph()
    edges = [
        ("s", "a", {"w": 1.0}),
        ("a", "t", {"w": 1.0}),
        ("s", "t", {"w": 5.0}),
        ("s", "z", {"w": 0.0}),
        ("z", "t", {}),  # weighs 1.0
    ]
    g.add_edges(edges)
    G.add_edges_from(edges)
    assert g.shortest_path("s", "t") == ["s", "t"]
    assert g.shortest_path("s", "t", weight="w") == ["s", "z", "t"]
    assert g.shortest_path_lengths("s", weight="w") == nx.single_source_dijkstra_path_length(
        G, "s", weight="w"
    )


def test_shortest_path_non_numeric_weight():
    g = gr.Graph()
    g.add_edge(1, 2, w="far")
    with pytest.raises(gr.InvalidArgumentError):
        g.shortest_path(1, 2, weight="w")
    with pytest.raises(gr.InvalidArgumentError):
        g.shortest_path_lengths(1, weight="w")


# ----- components --------------------------------------------------------------------------


def as_sets(groups):
    return {frozenset(c) for c in groups}


def check_components(g, G):
    comps = g.connected_components()
    expected = nx.weakly_connected_components(G) if G.is_directed() else nx.connected_components(G)
    assert as_sets(comps) == as_sets(expected)
    sizes = [len(c) for c in comps]
    assert sizes == sorted(sizes, reverse=True)
    assert sum(sizes) == G.number_of_nodes()
    labels = g.component_labels()
    assert isinstance(labels, gr.NodeMap)
    assert list(labels) == list(G.nodes)
    for i, component in enumerate(comps):
        for k in component:
            assert labels[k] == i
    assert sorted(set(labels.values())) == list(range(len(comps)))
    return comps


def test_components_snap_graphs(grqc, wiki):
    g, G = grqc
    comps = check_components(g, G)
    assert len(comps) == 355
    assert len(comps[0]) == 4158
    g, G = wiki
    comps = check_components(g, G)
    assert len(comps) == 24
    assert len(comps[0]) == 7066
    assert sorted(map(len, comps)) == sorted(map(len, nx.weakly_connected_components(G)))


def test_components_random_graphs(random_graphs):
    g, G = random_graphs
    check_components(g, G)


def test_strongly_connected_components_wiki_vote(wiki):
    g, G = wiki
    sccs = g.strongly_connected_components()
    assert len(sccs) == 5816
    assert len(sccs[0]) == 1300
    sizes = [len(c) for c in sccs]
    assert sizes == sorted(sizes, reverse=True)
    assert as_sets(sccs) == as_sets(nx.strongly_connected_components(G))


@pytest.mark.parametrize("seed", range(5))
def test_strongly_connected_components_random_digraphs(seed):
    keys = KEY_KINDS[seed % 3]
    g, G = random_pair(500 + seed, True, keys, n=150, m=150 + 60 * seed)
    sccs = g.strongly_connected_components()
    assert as_sets(sccs) == as_sets(nx.strongly_connected_components(G))
    sizes = [len(c) for c in sccs]
    assert sizes == sorted(sizes, reverse=True)
    assert sum(sizes) == G.number_of_nodes()
    g.close()


def test_strongly_connected_components_undirected_graph(grqc):
    g, _ = grqc
    with pytest.raises(gr.InvalidOperationError) as info:
        g.strongly_connected_components()
    assert isinstance(info.value, ValueError)
    empty = gr.Graph()
    with pytest.raises(gr.InvalidOperationError):
        empty.strongly_connected_components()


def test_components_empty_graph(any_graph):
    assert any_graph.connected_components() == []
    assert any_graph.component_labels() == {}
    if any_graph.directed:
        assert any_graph.strongly_connected_components() == []


# ----- a long path -------------------------------------------------------------------------

PATH_NODES = 1_000_000


@pytest.fixture(scope="module")
def long_cycle():
    """0 -> 1 -> ... -> n-1, then the back edge n-1 -> 0."""
    g = gr.Graph(directed=True)
    sources = np.arange(PATH_NODES - 1, dtype=np.int64)
    g.add_edges_from_arrays(sources, sources + 1)
    g.add_edges_from_arrays(np.array([PATH_NODES - 1], dtype=np.int64), np.array([0]))
    yield g
    g.close()


def test_long_cycle_is_one_strong_component(long_cycle):
    assert long_cycle.node_count == PATH_NODES
    assert long_cycle.edge_count == PATH_NODES
    sccs = long_cycle.strongly_connected_components()
    assert len(sccs) == 1
    assert len(sccs[0]) == PATH_NODES
    comps = long_cycle.connected_components()
    assert [len(c) for c in comps] == [PATH_NODES]


def test_long_cycle_traversals(long_cycle):
    order = long_cycle.dfs(0)
    assert len(order) == PATH_NODES
    assert np.array_equal(np.array(order, dtype=np.int64), np.arange(PATH_NODES))
    order = long_cycle.dfs(PATH_NODES // 2)
    expected = np.roll(np.arange(PATH_NODES), -(PATH_NODES // 2))
    assert np.array_equal(np.array(order, dtype=np.int64), expected)
    assert long_cycle.dfs(0, depth_limit=10) == list(range(11))
    assert len(long_cycle.bfs(0)) == PATH_NODES
    path = long_cycle.shortest_path(1, 0)
    assert len(path) == PATH_NODES and path[0] == 1 and path[-1] == 0


def test_long_undirected_path():
    g = gr.Graph()
    sources = np.arange(PATH_NODES - 1, dtype=np.int64)
    g.add_edges_from_arrays(sources, sources + 1)
    order = g.dfs(PATH_NODES - 1)
    assert np.array_equal(np.array(order, dtype=np.int64), np.arange(PATH_NODES)[::-1])
    assert [len(c) for c in g.connected_components()] == [PATH_NODES]
    lengths = g.shortest_path_lengths(0)
    assert lengths[PATH_NODES - 1] == PATH_NODES - 1
    g.close()


# ----- after changes to the graph ----------------------------------------------------------


def test_algorithms_follow_removals_and_additions(random_graphs):
    g, G = random_graphs
    # Snapshots exist now; every change below must be seen by the next run.
    g.pagerank()
    g.connected_components()
    rng = random.Random(77)
    for u in rng.sample(list(G.nodes), 10):
        g.remove_node(u)
        G.remove_node(u)
    for u, v in list(G.edges)[::7]:
        g.remove_edge(u, v)
        G.remove_edge(u, v)
    nodes = list(G.nodes)
    extra = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(20)]
    extra += [("late", nodes[0]), (nodes[1], "late"), ("later", "later")]
    extra = [(u, v) for u, v in extra if not G.has_edge(u, v)]
    g.add_edges(extra)
    G.add_edges_from(extra)
    assert list(g.nodes) == list(G.nodes)
    assert g.edge_count == G.number_of_edges()
    assert_scores(g.pagerank(), nx_pagerank(G))
    assert_scores(g.pagerank(weight="w"), nx_pagerank(G, weight="w"))
    check_components(g, G)
    if G.is_directed():
        assert as_sets(g.strongly_connected_components()) == as_sets(
            nx.strongly_connected_components(G)
        )
    for source in [*sources_of(G, 5, seed=78), "late"]:
        for depth in (1, 2, None):
            check_bfs(G, g.bfs(source, depth), source, depth)
            check_dfs(G, g.dfs(source, depth), source, depth)
        check_lengths(g, G, source)
    check_pairs(g, G, random_pairs(G, 15, seed=79))


def test_argument_checks_before_the_engine(any_graph):
    any_graph.add_edge(1, 2, w=1.0)
    for call in (any_graph.bfs, any_graph.dfs):
        with pytest.raises(ValueError):
            call(1, depth_limit=-1)
    with pytest.raises(TypeError):
        any_graph.pagerank(weight=1)
    with pytest.raises(TypeError):
        any_graph.shortest_path(1, 2, weight=b"w")
    with pytest.raises(TypeError):
        any_graph.bfs(1.5)
