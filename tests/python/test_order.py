"""Order: nodes and edges iterate in insertion order, removals keep the order of the rest,
and a re-added node or edge goes to the end."""

import random

import groggy as gr


def test_nodes_in_insertion_order(graph):
    keys = [5, "b", 1, "a", -3, "z", 0]
    for k in keys:
        graph.add_node(k)
    assert list(graph.nodes) == keys
    assert graph.nodes() == keys


def test_updating_a_node_does_not_move_it(graph):
    graph.add_nodes([1, 2, 3])
    graph.add_node(1, x=1)
    graph.set_node_attr(2, "y", 2)
    graph.add_edge(1, 3)
    assert list(graph.nodes) == [1, 2, 3]


def test_removal_keeps_order_and_readded_node_goes_last(graph):
    graph.add_nodes(range(6))
    graph.remove_node(2)
    assert list(graph.nodes) == [0, 1, 3, 4, 5]
    graph.remove_node(0)
    assert list(graph.nodes) == [1, 3, 4, 5]
    graph.add_node(2)
    graph.add_node(0)
    assert list(graph.nodes) == [1, 3, 4, 5, 2, 0]


def test_node_created_by_add_edge_goes_last(graph):
    graph.add_nodes(["a", "b"])
    graph.remove_node("a")
    graph.add_edge("b", "a")
    assert list(graph.nodes) == ["b", "a"]


def test_edges_in_insertion_order(any_graph):
    edges = [(3, 1), (1, 2), ("x", 3), (2, 2), (2, "x")]
    for u, v in edges:
        any_graph.add_edge(u, v)
    assert list(any_graph.edges) == edges
    assert any_graph.edges() == edges


def test_updating_an_edge_does_not_move_it(graph):
    graph.add_edges([(1, 2), (2, 3), (3, 4)])
    graph.add_edge(2, 1, w=1)
    graph.set_edge_attr(2, 3, "w", 2)
    assert list(graph.edges) == [(1, 2), (2, 3), (3, 4)]


def test_edge_removal_keeps_order_and_readded_edge_goes_last(any_graph):
    g = any_graph
    g.add_edges([(0, 1), (1, 2), (2, 3), (3, 4)])
    g.remove_edge(1, 2)
    assert list(g.edges) == [(0, 1), (2, 3), (3, 4)]
    g.add_edge(1, 2)
    assert list(g.edges) == [(0, 1), (2, 3), (3, 4), (1, 2)]
    g.remove_edge(0, 1)
    g.add_edge(1, 0)
    assert list(g.edges) == [(2, 3), (3, 4), (1, 2), (1, 0)]


def test_node_removal_keeps_order_of_remaining_edges(any_graph):
    g = any_graph
    g.add_edges([(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0)])
    g.remove_node(2)
    assert list(g.edges) == [(0, 1), (3, 4), (4, 5), (5, 0)]
    g.add_edge(2, 3)
    assert list(g.edges) == [(0, 1), (3, 4), (4, 5), (5, 0), (2, 3)]


def test_edges_keep_the_orientation_they_were_added_with(graph):
    graph.add_edge("b", "a")
    graph.add_edge("a", "b", w=1)
    assert list(graph.edges) == [("b", "a")]


def test_neighbors_in_edge_order(any_graph):
    g = any_graph
    g.add_edges([(0, 3), (0, 1), (0, 2)])
    assert g.neighbors(0) == [3, 1, 2]
    g.remove_edge(0, 1)
    g.add_edge(0, 1)
    assert g.neighbors(0) == [3, 2, 1]


def test_degrees_and_views_share_the_node_order(graph):
    graph.add_edges([(9, 1), (1, "a"), ("a", 9)])
    graph.add_node(0)
    graph.remove_node(1)
    graph.add_node(1)
    order = [9, "a", 0, 1]
    assert list(graph.nodes) == order
    assert list(graph.degrees()) == order
    assert [k for k, _ in graph.nodes(data=True)] == order
    assert list(graph) == order


def test_order_survives_copy_and_subgraph(graph):
    graph.add_nodes([5, 4, 3, 2, 1])
    graph.remove_node(3)
    graph.add_node(3)
    graph.add_edges([(1, 5), (4, 2), (3, 1)])
    assert list(graph.copy().nodes) == [5, 4, 2, 1, 3]
    assert list(graph.copy().edges) == [(1, 5), (4, 2), (3, 1)]
    assert list(graph.subgraph([3, 1, 5]).nodes) == [5, 1, 3]
    assert list(graph.subgraph([3, 1, 5]).edges) == [(1, 5), (3, 1)]


def test_random_adds_and_removes_match_a_reference_model():
    rng = random.Random(7)
    with gr.Graph(directed=True) as g:
        nodes: dict = {}
        edges: dict = {}
        for _ in range(2000):
            op = rng.random()
            u = rng.randrange(40)
            v = rng.randrange(40)
            if op < 0.35:
                g.add_node(u)
                nodes.setdefault(u, None)
            elif op < 0.7:
                g.add_edge(u, v)
                nodes.setdefault(u, None)
                nodes.setdefault(v, None)
                edges.setdefault((u, v), None)
            elif op < 0.85 and u in nodes:
                g.remove_node(u)
                del nodes[u]
                edges = {e: None for e in edges if u not in e}
            elif (u, v) in edges:
                g.remove_edge(u, v)
                del edges[u, v]
        assert list(g.nodes) == list(nodes)
        assert list(g.edges) == list(edges)
