"""The ``g.nodes`` and ``g.edges`` views: iteration, len, membership, item access, the
``data=True`` form, liveness, and the set behaviour they inherit (as in networkx)."""

from collections.abc import MutableMapping, Set

import pytest

import groggy as gr

# ----- nodes -------------------------------------------------------------------------------


def test_nodes_view_basics(graph):
    graph.add_node("a", x=1)
    graph.add_node(2)
    nodes = graph.nodes
    assert isinstance(nodes, gr.NodeView)
    assert isinstance(nodes, Set)
    assert list(nodes) == ["a", 2]
    assert len(nodes) == 2
    assert "a" in nodes
    assert 2 in nodes
    assert "2" not in nodes
    assert 3 not in nodes


def test_nodes_getitem_returns_the_attribute_dict(graph):
    graph.add_node("a", x=1, y="two")
    graph.add_node("b")
    assert graph.nodes["a"] == {"x": 1, "y": "two"}
    assert isinstance(graph.nodes["a"], MutableMapping)  # a live view of the node's attributes
    assert type(graph.nodes["a"].copy()) is dict
    assert graph.nodes["b"] == {}


def test_nodes_getitem_missing_is_node_not_found(graph):
    graph.add_node(1)
    with pytest.raises(gr.NodeNotFoundError):
        graph.nodes[2]
    with pytest.raises(KeyError):
        graph.nodes["1"]


def test_nodes_call(graph):
    graph.add_node("a", x=1)
    graph.add_node(2)
    assert graph.nodes() == ["a", 2]
    assert graph.nodes(data=False) == ["a", 2]
    assert graph.nodes(data=True) == [("a", {"x": 1}), (2, {})]


def test_nodes_data_of_empty_graph(graph):
    assert graph.nodes(data=True) == []
    assert len(graph.nodes) == 0
    assert list(graph.nodes) == []


def test_nodes_view_is_live(graph):
    nodes = graph.nodes
    assert len(nodes) == 0
    graph.add_node(1, a=1)
    assert list(nodes) == [1]
    assert nodes[1] == {"a": 1}
    graph.set_node_attr(1, "a", 2)
    assert nodes[1] == {"a": 2}
    graph.remove_node(1)
    assert 1 not in nodes
    assert len(nodes) == 0


def test_nodes_iteration_is_a_snapshot(graph):
    graph.add_nodes([1, 2, 3])
    seen = []
    for k in graph.nodes:
        seen.append(k)
        graph.add_node(k + 10)
    assert seen == [1, 2, 3]
    assert len(graph) == 6


def test_nodes_view_compares_as_a_set(graph):
    graph.add_nodes([1, "a", 2])
    assert graph.nodes == {1, 2, "a"}
    assert graph.nodes != {1, 2}
    assert graph.nodes <= {1, 2, "a", "b"}


def test_nodes_view_set_operations_give_sets(graph):
    graph.add_nodes([1, 2, 3])
    assert graph.nodes & {2, 3, 4} == {2, 3}
    assert graph.nodes | {4} == {1, 2, 3, 4}
    assert graph.nodes - {1} == {2, 3}
    assert graph.nodes ^ {3, 4} == {1, 2, 4}


# ----- edges -------------------------------------------------------------------------------


def test_edges_view_basics(any_graph):
    g = any_graph
    g.add_edge(1, "b", w=1)
    g.add_edge("b", 3)
    edges = g.edges
    assert isinstance(edges, gr.EdgeView)
    assert isinstance(edges, Set)
    assert list(edges) == [(1, "b"), ("b", 3)]
    assert all(type(e) is tuple for e in edges)
    assert len(edges) == 2
    assert (1, "b") in edges
    assert ("b", 3) in edges
    assert (1, 3) not in edges
    assert (1, 99) not in edges
    assert [1, "b"] in edges


def test_edges_membership_of_reversed_pair(any_graph):
    any_graph.add_edge(1, 2)
    assert ((2, 1) in any_graph.edges) is (not any_graph.directed)


@pytest.mark.parametrize("item", [1, "abc", (1,), (1, 2, 3), None, (1.5, 2), (2**64, 1)], ids=repr)
def test_edges_membership_of_malformed_items_is_false(graph, item):
    graph.add_edge(1, 2)
    graph.add_edge("a", "b")
    assert (item in graph.edges) is False


def test_edges_getitem(any_graph):
    g = any_graph
    g.add_edge(1, 2, w=1.5, label="x")
    g.add_edge(2, 3)
    assert g.edges[1, 2] == {"w": 1.5, "label": "x"}
    assert isinstance(g.edges[1, 2], MutableMapping)  # a live view of the edge's attributes
    assert type(g.edges[1, 2].copy()) is dict
    assert g.edges[(2, 3)] == {}


def test_undirected_edges_getitem_either_way(graph):
    graph.add_edge(1, 2, w=1)
    assert graph.edges[2, 1] == {"w": 1}


def test_directed_edges_getitem_reversed_is_missing(digraph):
    digraph.add_edge(1, 2, w=1)
    with pytest.raises(gr.EdgeNotFoundError):
        digraph.edges[2, 1]


def test_edges_getitem_missing_is_edge_not_found(graph):
    graph.add_edge(1, 2)
    graph.add_node(3)
    with pytest.raises(gr.EdgeNotFoundError):
        graph.edges[1, 3]
    with pytest.raises(KeyError):
        graph.edges[1, 99]


def test_edges_call(any_graph):
    g = any_graph
    g.add_edge(1, 2, w=1)
    g.add_edge(2, 2)
    assert g.edges() == [(1, 2), (2, 2)]
    assert g.edges(data=False) == [(1, 2), (2, 2)]
    assert g.edges(data=True) == [(1, 2, {"w": 1}), (2, 2, {})]


def test_edges_view_is_live(graph):
    edges = graph.edges
    assert len(edges) == 0
    graph.add_edge(1, 2, w=1)
    assert list(edges) == [(1, 2)]
    graph.set_edge_attr(1, 2, "w", 2)
    assert edges[1, 2] == {"w": 2}
    graph.remove_node(1)
    assert len(edges) == 0
    assert (1, 2) not in edges


def test_edges_view_compares_as_a_set(digraph):
    digraph.add_edges([(1, 2), (2, 3)])
    assert digraph.edges == {(1, 2), (2, 3)}
    assert digraph.edges != {(2, 1), (2, 3)}


def test_edges_view_set_operations_give_sets(digraph):
    digraph.add_edges([(1, 2), (2, 3)])
    assert digraph.edges & {(1, 2), (5, 6)} == {(1, 2)}
    assert digraph.edges | {(5, 6)} == {(1, 2), (2, 3), (5, 6)}
    assert digraph.edges - {(1, 2)} == {(2, 3)}


def test_views_of_a_copy_are_the_copys(graph):
    graph.add_edge(1, 2)
    c = graph.copy()
    c.add_edge(2, 3)
    assert list(graph.edges) == [(1, 2)]
    assert list(c.edges) == [(1, 2), (2, 3)]
    c.close()


def test_data_naming_one_attribute_gives_its_values_as_networkx():
    import networkx as nx

    g, G = gr.Graph(directed=True), nx.DiGraph()
    for h in (g, G):
        h.add_node(1, age=3)
        h.add_node(2)
        h.add_node(3, age=None)
        h.add_edge(1, 2, w=2.0)
        h.add_edge(2, 3)
    for default in (None, -1):
        assert g.nodes(data="age", default=default) == list(G.nodes(data="age", default=default))
        assert g.nodes(data="nobody", default=default) == list(
            G.nodes(data="nobody", default=default)
        )
        assert g.edges(data="w", default=default) == list(G.edges(data="w", default=default))
    assert g.nodes(data="age") == [(1, 3), (2, None), (3, None)]
    assert g.edges(data=True) == [(1, 2, {"w": 2.0}), (2, 3, {})]
