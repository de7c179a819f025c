"""The networkx names of Graph (adding and removing in bulk, sizes, adjacency, in/out edges,
nbunch, conversions) and the degree views, each checked against networkx on the same
operations."""

import networkx as nx
import pytest

import groggy as gr


def twins(directed: bool):
    return gr.Graph(directed=directed), (nx.DiGraph() if directed else nx.Graph())


@pytest.fixture(params=[False, True], ids=["undirected", "directed"])
def pair(request):
    """A groggy graph and a networkx graph, built by the same calls."""
    g, G = twins(request.param)
    for graph in (g, G):
        graph.add_nodes_from([1, (2, {"c": "red"}), "x"], size=3)
        graph.add_edges_from([(1, 2), (2, "x", {"w": 2.5}), ("x", 1, {"w": 4}), (2, 2)], k=1)
        graph.add_edges_from([(3, 1, {"w": 7})])
    yield g, G
    g.close()


def edge_dict(graph) -> dict:
    """Edges with their attributes; an undirected edge keyed by its set of endpoints."""
    directed = graph.is_directed()
    return {
        ((u, v) if directed else frozenset((u, v))): dict(d) for u, v, d in graph.edges(data=True)
    }


def same(g, G) -> None:
    assert g.is_directed() is G.is_directed()
    assert [(n, dict(d)) for n, d in g.nodes(data=True)] == list(G.nodes(data=True))
    assert edge_dict(g) == edge_dict(G)
    assert g.number_of_nodes() == G.number_of_nodes()
    assert g.number_of_edges() == G.number_of_edges()


def test_bulk_adds_match_networkx(pair):
    g, G = pair
    same(g, G)
    for graph in (g, G):
        # Existing nodes and edges keep their other attributes; item attributes win.
        graph.add_nodes_from([(1, {"size": 9}), "y"], new=True)
        graph.add_edges_from([(1, 2, {"w": 1}), ("y", "z")], k=2)
        graph.add_nodes_from("ab")
    same(g, G)


def test_bulk_adds_accept_any_mapping_and_iterator(pair):
    g, G = pair
    for graph in (g, G):
        graph.add_nodes_from(((n, d) for n, d in G.nodes(data=True)), tag=1)
        graph.add_edges_from((u, v, d) for u, v, d in list(g.edges(data=True)))
    same(g, G)


def test_bad_bulk_items_change_nothing(pair, take_snapshot):
    g, G = pair
    before = take_snapshot(g)
    for bad in ([(1,)], [(1, 2, 3, 4)], [(1, 2, "not a mapping")], [(1, [2])]):
        with pytest.raises(TypeError):
            g.add_edges_from(bad)
    with pytest.raises(TypeError):
        g.add_edges_from([(5, 6), (7, 8, 9, 10)])
    for bad in ([(1, 2)], [[1, 2]], [{"id": 1}], [5, 1.5], [None]):
        with pytest.raises(TypeError):
            g.add_nodes_from(bad)
    with pytest.raises(TypeError):
        g.add_nodes_from([1], bad=object())
    assert take_snapshot(g) == before
    same(g, G)


def test_bulk_removals_ignore_missing(pair):
    g, G = pair
    for graph in (g, G):
        graph.remove_edges_from([(1, 2), (1, 99), (98, 99), ("x", 1, {"any": "data"})])
        graph.remove_nodes_from([2, 42, "nope", 2.5, "x"])
    same(g, G)
    for graph in (g, G):
        with pytest.raises(TypeError):
            graph.remove_nodes_from([[1]])


def test_number_of_edges_between(pair):
    g, G = pair
    for u, v in [(1, 2), (2, 1), (2, 2), (1, "x"), (1, 99), (3, 1), (1, 3), (1, 2.5)]:
        assert g.number_of_edges(u, v) == G.number_of_edges(u, v), (u, v)
    for graph in (g, G):
        with pytest.raises(KeyError):
            graph.number_of_edges(99, 1)


def test_kind(pair):
    g, G = pair
    assert g.is_directed() is G.is_directed()
    assert g.is_multigraph() is False


def adjacency(view) -> dict:
    return {n: {m: dict(d) for m, d in nbrs.items()} for n, nbrs in view.items()}


def test_adjacency_matches_networkx(pair):
    g, G = pair
    assert adjacency(g.adj) == adjacency(G.adj)
    assert {m: dict(d) for m, d in g[2].items()} == dict(G[2])
    assert list(g[2]) == list(G[2])
    assert len(g[1]) == len(G[1])
    assert (99 in g[1]) is False
    assert ("x" in g[1]) is ("x" in G[1])
    assert len(g.adj) == len(G.adj)
    assert 1 in g.adj and 99 not in g.adj
    if G.is_directed():
        assert adjacency(g.succ) == adjacency(G.succ)
        assert adjacency(g.pred) == adjacency(G.pred)
    else:
        assert adjacency(g.succ) == adjacency(g.pred) == adjacency(G.adj)
    with pytest.raises(gr.NodeNotFoundError):
        g[99]
    with pytest.raises(TypeError):
        g[1.5]


def test_successor_and_predecessor_tests(digraph):
    G = nx.DiGraph([(1, 2), (2, 3), (3, 3)])
    digraph.add_edges_from(G.edges)
    for u in [1, 2, 3, 99]:
        for v in [1, 2, 3, 99]:
            assert digraph.has_successor(u, v) is G.has_successor(u, v)
            assert digraph.has_predecessor(u, v) is G.has_predecessor(u, v)
    assert digraph.has_successor(1.5, 2) is False


def test_in_and_out_edges_match_networkx(digraph):
    G = nx.DiGraph()
    for graph in (digraph, G):
        graph.add_edges_from([(1, 2, {"w": 1}), (3, 1), (1, 3, {"w": 2}), (2, 2), (3, 2)])
        graph.remove_edge(1, 2)
        graph.add_edge(1, 2, w=5)
    for nbunch in [None, 1, [2, 99, 3], "abc", []]:
        for data in [False, True, "w"]:
            for ours, theirs in [(digraph.out_edges, G.out_edges), (digraph.in_edges, G.in_edges)]:
                got = ours(nbunch, data=data, default=-1)
                plain = [(u, v, dict(d)) for u, v, d in got] if data is True else got
                assert plain == list(theirs(nbunch, data=data, default=-1)), (nbunch, data)


def test_in_edges_data_mappings_write_through(digraph):
    digraph.add_edge(1, 2)
    for _, _, d in digraph.in_edges(2, data=True):
        d["seen"] = True
    assert digraph.edges[1, 2] == {"seen": True}


def test_nbunch_iter_matches_networkx(pair):
    g, G = pair
    for nbunch in [None, 1, "x", [2, 99, 1, "x"], (n for n in [3, 4]), "xyz", set()]:
        if hasattr(nbunch, "__next__"):
            assert list(g.nbunch_iter(iter([3, 4]))) == list(G.nbunch_iter(iter([3, 4])))
            continue
        assert list(g.nbunch_iter(nbunch)) == list(G.nbunch_iter(nbunch)), nbunch
    with pytest.raises(gr.NodeNotFoundError):
        g.nbunch_iter(99)
    with pytest.raises(TypeError):
        g.nbunch_iter(2.5)
    with pytest.raises(TypeError):
        g.nbunch_iter([[1]])


@pytest.mark.parametrize("reciprocal", [False, True])
def test_to_undirected_matches_networkx(reciprocal):
    G = nx.DiGraph()
    G.add_node(0, kind="lonely")
    G.add_edges_from([(1, 2, {"w": 1, "a": "x"}), (2, 1, {"w": 2}), (2, 3), (3, 3, {"w": 9})])
    G.add_edge(4, 1, w=0.5)
    with gr.from_networkx(G) as g:
        U = G.to_undirected(reciprocal=reciprocal)
        with g.to_undirected(reciprocal=reciprocal) as u:
            same(u, U)
            u.add_edge(7, 8)
            u.nodes[0]["kind"] = "changed"
            assert g.get_node_attr(0, "kind") == "lonely"  # an independent copy
            assert 7 not in g


def test_to_directed_matches_networkx():
    G = nx.Graph()
    G.add_nodes_from([(5, {"a": 1}), 6])
    G.add_edges_from([(1, 2, {"w": 1}), (2, 3), (3, 3, {"w": 9})])
    with gr.from_networkx(G) as g, g.to_directed() as d:
        same(d, G.to_directed())
        d.edges[2, 1]["w"] = 100
        assert g.edges[1, 2] == {"w": 1}


def test_conversions_to_the_same_kind_are_copies(pair):
    g, G = pair
    converted = g.to_directed() if g.directed else g.to_undirected()
    same(converted, G)
    converted.add_node("new")
    assert "new" not in g
    converted.close()


# ----- degree views ----------------------------------------------------------------------------


def test_degree_views_match_networkx(pair):
    g, G = pair
    views = [("degree", g.degree, G.degree)]
    if G.is_directed():
        views += [("in", g.in_degree, G.in_degree), ("out", g.out_degree, G.out_degree)]
    for _name, ours, theirs in views:
        assert dict(ours) == dict(theirs)
        assert list(ours) == list(theirs)
        assert len(ours) == len(theirs)
        assert list(ours()) == list(theirs())
        assert list(ours([2, 99, 1])) == list(theirs([2, 99, 1]))
        assert len(ours([2, 99, 1])) == 2
        for n in G:
            assert ours[n] == theirs[n]
            assert ours(n) == theirs(n)
            assert type(ours(n)) is int
            for weight in ["w", "k", "absent"]:
                assert ours(n, weight=weight) == theirs(n, weight=weight)
                assert ours(weight=weight)[n] == theirs(weight=weight)[n]
        for weight in ["w", "k", "absent"]:
            assert dict(ours(weight=weight)) == dict(theirs(weight=weight))
            assert list(ours([2, "x"], weight=weight)) == list(theirs([2, "x"], weight=weight))


def test_degree_of_undirected_in_and_out(graph):
    graph.add_edges_from([(1, 2), (2, 2)])
    assert dict(graph.in_degree) == dict(graph.out_degree) == dict(graph.degree) == {1: 1, 2: 3}


def test_degree_methods_keep_working(any_graph):
    any_graph.add_edge(1, 2)
    assert any_graph.degree(1) == 1
    assert any_graph.in_degree(2) == 1
    assert any_graph.out_degree(1) == 1
    assert any_graph.degrees() == {1: 1, 2: 1}
    with pytest.raises(gr.NodeNotFoundError):
        any_graph.degree(3)
    with pytest.raises(gr.NodeNotFoundError):
        any_graph.degree[3]
    with pytest.raises(TypeError):
        any_graph.degree(1.5)


def test_weighted_degree_refuses_non_numbers(graph):
    graph.add_edge(1, 2, w="heavy")
    with pytest.raises(TypeError, match="'w'"):
        graph.degree(1, weight="w")
    with pytest.raises(TypeError, match="'w'"):
        dict(graph.degree(weight="w"))


def test_views_raise_after_close():
    g = gr.Graph(directed=True)
    g.add_edge(1, 2, w=1)
    degree, adj, nbrs = g.degree, g.adj, g[1]
    g.close()
    for use in (
        lambda: dict(degree),
        lambda: degree[1],
        lambda: degree(1, weight="w"),
        lambda: len(degree),
        lambda: list(adj),
        lambda: adj[1],
        lambda: list(nbrs),
        lambda: nbrs[2],
        lambda: g.out_edges(),
        lambda: g.in_edges(1),
        lambda: list(g.nbunch_iter()),
        lambda: g.number_of_edges(),
        lambda: g.add_nodes_from([3]),
        lambda: g.remove_nodes_from([1]),
        lambda: g.remove_edges_from([(1, 2)]),
        lambda: g.to_undirected(),
    ):
        with pytest.raises(gr.InvalidOperationError):
            use()


def test_degree_call_with_none_or_a_sequence_is_an_nbunch(pair):
    g, G = pair
    assert dict(g.degree(None)) == dict(G.degree(None))
    assert list(g.degree((1, 2))) == list(G.degree((1, 2)))
    assert list(g.degree(())) == list(G.degree(())) == []
    assert list(g.out_degree([1])) == list(
        G.degree([1]) if not G.is_directed() else G.out_degree([1])
    )


def test_conversions_keep_null_apart_from_absent(any_graph):
    g = any_graph
    g.add_node(1, a=None)
    g.add_node(2)
    g.add_edge(1, 2, w=None)
    g.add_edge(2, 3)
    for converted in (g.to_directed(), g.to_undirected()):
        with converted:
            assert converted.nodes[1] == {"a": None}
            assert converted.nodes[2] == {}
            assert converted.edges[1, 2] == {"w": None}
            assert converted.edges[2, 3] == {}
