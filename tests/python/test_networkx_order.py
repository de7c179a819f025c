"""``from_networkx`` keeps every node's neighbour order (and a DiGraph's predecessor
order), so neighbours and traversals on the converted graph are networkx's; ``to_networkx``
keeps a groggy graph's orders, so a round trip changes none of them."""

import random

import networkx as nx
import pytest

import groggy as gr


def churned(directed, seed):
    """A graph grown and shrunk at random (edges removed and added again, nodes removed),
    with int and str keys, self-loops and attributes: orders networkx's generators never
    make."""
    rng = random.Random(seed)
    G = nx.DiGraph() if directed else nx.Graph()
    keys = [f"k{i}" if i % 3 else i for i in range(40)]
    for _ in range(500):
        u, v = rng.choice(keys), rng.choice(keys)
        if rng.random() < 0.25 and G.has_edge(u, v):
            G.remove_edge(u, v)
        elif rng.random() < 0.03 and u in G:
            G.remove_node(u)
        else:
            G.add_edge(u, v, w=rng.random())
    return G


def shuffled(G, seed, key=lambda n: n):
    """``G``'s edges inserted in a random order (with keys mapped by ``key``), so the
    neighbour orders are not those of ``G.edges``."""
    edges = list(G.edges)
    random.Random(seed).shuffle(edges)
    H = G.__class__()
    H.add_nodes_from(map(key, G))
    H.add_edges_from((key(u), key(v)) for u, v in edges)
    return H


def with_self_loops():
    G = nx.Graph([(1, 2), (3, 4), (2, 3)])
    G.add_edge(3, 3)
    G.add_edge(1, 1)
    G.add_edge(4, 1)
    return G


GRAPHS = {
    "karate": nx.karate_club_graph,
    "path": lambda: nx.path_graph(12),
    "cycle": lambda: nx.cycle_graph(9),
    "star": lambda: nx.star_graph(8),
    "complete": lambda: nx.complete_graph(9),
    "grid": lambda: nx.convert_node_labels_to_integers(nx.grid_2d_graph(6, 7)),
    "barabasi-albert": lambda: nx.barabasi_albert_graph(200, 3, seed=4),
    "self-loops": with_self_loops,
    "str-keys": lambda: shuffled(nx.gnm_random_graph(50, 150, seed=9), 9, key=str),
    **{f"gnp-{s}": (lambda s=s: nx.gnp_random_graph(70, 0.08, seed=s)) for s in range(4)},
    **{
        f"directed-gnp-{s}": (lambda s=s: nx.gnp_random_graph(70, 0.08, seed=s, directed=True))
        for s in range(4)
    },
    **{
        f"shuffled-gnp-{s}": (lambda s=s: shuffled(nx.gnp_random_graph(70, 0.08, seed=s), s))
        for s in range(3)
    },
    **{
        f"directed-shuffled-gnp-{s}": (
            lambda s=s: shuffled(nx.gnp_random_graph(70, 0.08, seed=s, directed=True), s)
        )
        for s in range(3)
    },
    **{f"churned-{s}": (lambda s=s: churned(False, s)) for s in range(3)},
    **{f"directed-churned-{s}": (lambda s=s: churned(True, s)) for s in range(3)},
    "directed-self-loops": lambda: nx.DiGraph([(3, 1), (1, 2), (2, 2), (2, 1), (1, 3), (3, 3)]),
}


def sources(G):
    rng = random.Random(0)
    nodes = list(G)
    return nodes[:3] + rng.sample(nodes, min(5, len(nodes)))


def test_neighbour_order_of_the_issue_example():
    G = nx.Graph([(1, 2), (3, 4), (2, 3)])
    g = gr.from_networkx(G)
    assert list(G.neighbors(3)) == [4, 2]
    assert g.neighbors(3) == [4, 2]
    assert g.bfs(3) == list(nx.bfs_tree(G, 3)) == [3, 4, 2, 1]
    assert g.dfs(3) == list(nx.dfs_preorder_nodes(G, 3)) == [3, 4, 2, 1]


@pytest.mark.parametrize("name", list(GRAPHS))
def test_from_networkx_keeps_adjacency_orders_and_traversals(name):
    G = GRAPHS[name]()
    with gr.from_networkx(G) as g:
        assert list(g.nodes) == list(G.nodes)
        assert g.edge_count == G.number_of_edges()
        for n in G:
            assert g.neighbors(n) == list(G.neighbors(n)), n
            if G.is_directed():
                assert g.successors(n) == list(G.successors(n)), n
                assert g.predecessors(n) == list(G.predecessors(n)), n
        for s in sources(G):
            assert g.bfs(s) == list(nx.bfs_tree(G, s)), s
            assert g.dfs(s) == list(nx.dfs_preorder_nodes(G, s)), s
            assert g.bfs(s, depth_limit=2) == list(nx.bfs_tree(G, s, depth_limit=2)), s
            assert g.dfs(s, depth_limit=2) == list(nx.dfs_preorder_nodes(G, s, 2)), s
        # Each edge as G.edges has it (orientation included) with its attributes.
        assert set(g.edges) == set(G.edges)
        for u, v, d in G.edges(data=True):
            assert g.edges[u, v] == d


@pytest.mark.parametrize("name", list(GRAPHS))
def test_round_trip_keeps_adjacency_and_edge_orders(name):
    G = GRAPHS[name]()
    with gr.from_networkx(G) as g:
        H = g.to_networkx()
    assert list(H.nodes) == list(G.nodes)
    assert list(H.edges(data=True)) == list(G.edges(data=True))
    for n in G:
        assert list(H.adj[n]) == list(G.adj[n]), n
        if G.is_directed():
            assert list(H.pred[n]) == list(G.pred[n]), n


def test_edges_keep_networkx_order_when_it_gives_every_neighbour_order():
    # complete_graph, path_graph and friends add their edges in G.edges order.
    for G in [nx.complete_graph(7), nx.path_graph(6), nx.star_graph(5)]:
        with gr.from_networkx(G) as g:
            assert list(g.edges) == list(G.edges)
    D = nx.DiGraph([(0, 1), (0, 2), (1, 2), (2, 0)])
    with gr.from_networkx(D) as g:
        assert list(g.edges) == list(D.edges)


def test_an_order_no_insertion_gives_is_broken_deterministically():
    # A hand-edited adjacency: 1 lists 3 before 2, 2 lists 1 before 3, 3 lists 2 before 1,
    # a cycle no sequence of insertions makes. Conversion still gives every edge, the same
    # way each time, and keeps the orders it can.
    G = nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4)])
    G._adj[1] = {3: G._adj[1][3], 2: G._adj[1][2]}
    G._adj[3] = {2: G._adj[3][2], 1: G._adj[3][1], 4: G._adj[3][4]}
    assert [list(G.adj[n]) for n in G] == [[3, 2], [1, 3], [2, 1, 4], [3]]
    results = []
    for _ in range(2):
        with gr.from_networkx(G) as g:
            assert {frozenset(e) for e in g.edges} == {frozenset(e) for e in G.edges}
            assert g.neighbors(4) == [3]
            results.append((list(g.edges), [g.neighbors(n) for n in G]))
    assert results[0] == results[1]
    # the first stuck node (1) gave up its head edge (1, 3); the rest followed in order
    assert results[0][0] == [(1, 3), (1, 2), (2, 3), (3, 4)]


def test_an_edge_listed_at_one_end_only_is_kept():
    G = nx.Graph([(1, 2), (2, 3), (1, 3)])
    del G._adj[3][1]  # (1, 3) now shows at 1 only
    with gr.from_networkx(G) as g:
        assert {frozenset(e) for e in g.edges} == {frozenset(e) for e in G.edges}


@pytest.mark.parametrize("directed", [False, True])
def test_to_networkx_keeps_a_groggy_graphs_orders(directed):
    rng = random.Random(5)
    g = gr.Graph(directed=directed)
    keys = [f"s{i}" if i % 4 == 0 else i for i in range(30)]
    for _ in range(300):
        u, v = rng.choice(keys), rng.choice(keys)
        if g.has_node(u) and g.has_node(v) and g.has_edge(u, v) and rng.random() < 0.3:
            g.remove_edge(u, v)
        else:
            g.add_edge(u, v)
    H = g.to_networkx()
    for n in g.nodes:
        assert list(H.neighbors(n)) == g.neighbors(n), n
        if directed:
            assert list(H.predecessors(n)) == g.predecessors(n), n
    for s in keys[:6]:
        if s in H:
            assert list(nx.bfs_tree(H, s)) == g.bfs(s)
            assert list(nx.dfs_preorder_nodes(H, s)) == g.dfs(s)
    g.close()


def test_views_of_a_graph_keep_their_orders():
    # networkx's views hold filtering or swapping mappings instead of plain dicts.
    G = shuffled(nx.gnm_random_graph(40, 120, seed=2), 1)
    S = G.subgraph(list(G)[:30])
    D = shuffled(nx.gnm_random_graph(40, 120, seed=3, directed=True), 2)
    R = D.reverse(copy=False)
    for view in (S, R):
        with gr.from_networkx(view) as g:
            for n in view:
                assert g.neighbors(n) == list(view.neighbors(n)), n
                if view.is_directed():
                    assert g.predecessors(n) == list(view.predecessors(n)), n
