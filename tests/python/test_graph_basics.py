"""The Graph members one by one: construction, sizes, adding and removing nodes and edges,
queries, degrees, copy, subgraph and clear."""

import pytest

import groggy as gr

# ----- construction and sizes --------------------------------------------------------------


def test_default_graph_is_undirected_and_empty():
    g = gr.Graph()
    assert g.directed is False
    assert len(g) == 0
    assert g.node_count == 0
    assert g.edge_count == 0
    assert list(g.nodes) == []
    assert list(g.edges) == []
    g.close()


@pytest.mark.parametrize("directed", [False, True])
def test_directed_flag(directed):
    g = gr.Graph(directed=directed)
    assert g.directed is directed
    g.close()
    g = gr.Graph(directed)
    assert g.directed is directed
    g.close()


def test_directed_property_is_read_only(graph):
    with pytest.raises(AttributeError):
        graph.directed = True


def test_sizes_follow_adds_and_removes(graph):
    graph.add_node("a")
    assert (len(graph), graph.node_count, graph.edge_count) == (1, 1, 0)
    graph.add_edge("a", "b")
    assert (len(graph), graph.node_count, graph.edge_count) == (2, 2, 1)
    graph.add_edge("b", "c")
    graph.add_edge("c", "c")
    assert (len(graph), graph.node_count, graph.edge_count) == (3, 3, 3)
    graph.remove_edge("c", "c")
    assert (len(graph), graph.node_count, graph.edge_count) == (3, 3, 2)
    graph.remove_node("b")
    assert (len(graph), graph.node_count, graph.edge_count) == (2, 2, 0)


def test_contains(graph):
    graph.add_node("a")
    graph.add_node(5)
    assert "a" in graph
    assert 5 in graph
    assert "b" not in graph
    assert "5" not in graph
    assert 6 not in graph


def test_iterating_a_graph_gives_its_nodes(graph):
    graph.add_nodes([3, "b", 1])
    assert list(graph) == [3, "b", 1]


def test_repr(graph):
    graph.add_edge(1, 2)
    assert "undirected" in repr(graph)
    assert "2 nodes" in repr(graph)
    assert "1 edges" in repr(graph) or "1 edge" in repr(graph)


# ----- add_node ----------------------------------------------------------------------------


def test_add_node_adds(graph):
    assert graph.add_node("a") is None
    assert graph.has_node("a")
    assert graph.nodes["a"] == {}


def test_add_node_with_attributes(graph):
    graph.add_node("alice", age=30, score=1.5)
    assert graph.nodes["alice"] == {"age": 30, "score": 1.5}


def test_add_node_again_updates_attributes(graph):
    graph.add_node("a", x=1, y=2)
    graph.add_node("a", y=3, z=4)
    assert len(graph) == 1
    assert graph.nodes["a"] == {"x": 1, "y": 3, "z": 4}


def test_add_node_again_without_attributes_keeps_them(graph):
    graph.add_node("a", x=1)
    graph.add_node("a")
    assert graph.nodes["a"] == {"x": 1}


def test_add_node_key_is_positional_only(graph):
    graph.add_node("n", key="attribute called key")
    assert graph.nodes["n"] == {"key": "attribute called key"}


def test_add_node_keeps_existing_edges(graph):
    graph.add_edge("a", "b")
    graph.add_node("a", x=1)
    assert graph.has_edge("a", "b")


# ----- add_edge ----------------------------------------------------------------------------


def test_add_edge_creates_missing_endpoints(any_graph):
    any_graph.add_node("a")
    any_graph.add_edge("a", "b", weight=2.0)
    assert list(any_graph.nodes) == ["a", "b"]
    assert any_graph.nodes["b"] == {}
    assert any_graph.has_edge("a", "b")
    assert any_graph.edges["a", "b"] == {"weight": 2.0}


def test_add_edge_keeps_endpoint_attributes(graph):
    graph.add_node("a", x=1)
    graph.add_edge("a", "b")
    assert graph.nodes["a"] == {"x": 1}


def test_add_edge_again_updates_attributes(any_graph):
    any_graph.add_edge(1, 2, w=1, label="x")
    any_graph.add_edge(1, 2, w=5)
    assert any_graph.edge_count == 1
    assert any_graph.edges[1, 2] == {"w": 5, "label": "x"}


def test_undirected_reversed_add_updates_the_same_edge(graph):
    graph.add_edge("a", "b", w=1.0)
    graph.add_edge("b", "a", w=2.0, z=3)
    assert graph.edge_count == 1
    assert list(graph.edges) == [("a", "b")]
    assert graph.edges["a", "b"] == {"w": 2.0, "z": 3}
    assert graph.edges["b", "a"] == {"w": 2.0, "z": 3}


def test_directed_reversed_add_is_another_edge(digraph):
    digraph.add_edge("a", "b", w=1.0)
    digraph.add_edge("b", "a", w=2.0)
    assert digraph.edge_count == 2
    assert list(digraph.edges) == [("a", "b"), ("b", "a")]
    assert digraph.edges["a", "b"] == {"w": 1.0}
    assert digraph.edges["b", "a"] == {"w": 2.0}


def test_self_loops(any_graph):
    any_graph.add_edge("x", "x", w=1)
    any_graph.add_edge("x", "x", w=2)
    assert any_graph.node_count == 1
    assert any_graph.edge_count == 1
    assert any_graph.has_edge("x", "x")
    assert any_graph.edges["x", "x"] == {"w": 2}
    assert any_graph.neighbors("x") == ["x"]


def test_add_edge_with_attribute_named_like_parameters(graph):
    graph.add_edge(1, 2, u=1, v=2)
    assert graph.edges[1, 2] == {"u": 1, "v": 2}


# ----- removal -----------------------------------------------------------------------------


def test_remove_node_removes_its_edges(any_graph):
    g = any_graph
    g.add_edges([("a", "b"), ("b", "c"), ("c", "a"), ("b", "b"), ("c", "d")])
    g.remove_node("b")
    assert list(g.nodes) == ["a", "c", "d"]
    assert list(g.edges) == [("c", "a"), ("c", "d")]
    assert g.edge_count == 2
    assert not g.has_node("b")
    assert not g.has_edge("a", "b")
    assert "b" not in g.neighbors("a")
    assert "b" not in g.neighbors("c")
    assert g.degree("a") == 1


def test_remove_node_then_readd_has_no_edges_or_attributes(graph):
    graph.add_node("a", x=1)
    graph.add_edge("a", "b", w=1)
    graph.remove_node("a")
    graph.add_node("a")
    assert graph.nodes["a"] == {}
    assert graph.neighbors("a") == []
    assert not graph.has_edge("a", "b")
    assert graph.degree("b") == 0


def test_remove_node_missing_raises(graph):
    graph.add_node("a")
    with pytest.raises(gr.NodeNotFoundError):
        graph.remove_node("b")
    graph.remove_node("a")
    with pytest.raises(gr.NodeNotFoundError):
        graph.remove_node("a")
    assert len(graph) == 0


def test_remove_edge(any_graph):
    g = any_graph
    g.add_edge("a", "b", w=1)
    g.add_edge("b", "c")
    g.remove_edge("a", "b")
    assert not g.has_edge("a", "b")
    assert g.has_edge("b", "c")
    assert list(g.nodes) == ["a", "b", "c"]
    assert g.edge_count == 1
    assert g.degree("a") == 0


def test_remove_undirected_edge_reversed(graph):
    graph.add_edge("a", "b")
    graph.remove_edge("b", "a")
    assert graph.edge_count == 0
    assert not graph.has_edge("a", "b")


def test_remove_directed_edge_keeps_the_reverse(digraph):
    digraph.add_edge("a", "b")
    digraph.add_edge("b", "a")
    digraph.remove_edge("a", "b")
    assert not digraph.has_edge("a", "b")
    assert digraph.has_edge("b", "a")
    with pytest.raises(gr.EdgeNotFoundError):
        digraph.remove_edge("a", "b")


def test_remove_self_loop(any_graph):
    any_graph.add_edge(1, 1)
    any_graph.add_edge(1, 2)
    any_graph.remove_edge(1, 1)
    assert any_graph.neighbors(1) == [2]
    assert any_graph.edge_count == 1


def test_remove_node_with_self_loop(any_graph):
    any_graph.add_edge(1, 1)
    any_graph.add_edge(1, 2)
    any_graph.add_edge(2, 1)
    any_graph.remove_node(1)
    assert any_graph.edge_count == 0
    assert list(any_graph.nodes) == [2]
    assert any_graph.degree(2) == 0


def test_removed_edge_readded_has_no_attributes(graph):
    graph.add_edge(1, 2, w=5)
    graph.remove_edge(1, 2)
    graph.add_edge(1, 2)
    assert graph.edges[1, 2] == {}


# ----- queries -----------------------------------------------------------------------------


def test_has_node_and_has_edge(any_graph):
    g = any_graph
    g.add_edge(1, 2)
    g.add_node(3)
    assert g.has_node(1) is True
    assert g.has_node(3) is True
    assert g.has_node(4) is False
    assert g.has_edge(1, 2) is True
    assert g.has_edge(2, 1) is (not g.directed)
    assert g.has_edge(1, 3) is False
    assert g.has_edge(1, 99) is False
    assert g.has_edge(98, 99) is False


def test_undirected_neighbors(graph):
    graph.add_edges([(1, 2), (3, 1), (1, 4), (2, 3)])
    assert graph.neighbors(1) == [2, 3, 4]
    assert sorted(graph.neighbors(2)) == [1, 3]
    assert isinstance(graph.neighbors(1), list)
    graph.add_node(9)
    assert graph.neighbors(9) == []


def test_undirected_successors_and_predecessors_are_the_neighbors(graph):
    graph.add_edges([(1, 2), (3, 1)])
    assert graph.successors(1) == graph.neighbors(1)
    assert graph.predecessors(1) == graph.neighbors(1)


def test_directed_neighbors_are_successors(digraph):
    digraph.add_edges([(1, 2), (3, 1), (1, 4), (4, 1)])
    assert digraph.neighbors(1) == [2, 4]
    assert digraph.successors(1) == [2, 4]
    assert digraph.predecessors(1) == [3, 4]
    assert digraph.successors(3) == [1]
    assert digraph.predecessors(3) == []
    assert digraph.successors(2) == []
    assert digraph.predecessors(2) == [1]


def test_directed_self_loop_is_its_own_successor_and_predecessor(digraph):
    digraph.add_edge("x", "x")
    assert digraph.successors("x") == ["x"]
    assert digraph.predecessors("x") == ["x"]


# ----- degrees -----------------------------------------------------------------------------


def test_undirected_degree(graph):
    graph.add_edges([(1, 2), (1, 3), (2, 3)])
    graph.add_node(4)
    assert [graph.degree(k) for k in (1, 2, 3, 4)] == [2, 2, 2, 0]
    assert graph.in_degree(1) == graph.out_degree(1) == graph.degree(1)


def test_undirected_self_loop_counts_twice(graph):
    graph.add_edge(1, 1)
    assert graph.degree(1) == 2
    graph.add_edge(1, 2)
    assert graph.degree(1) == 3
    assert graph.degree(2) == 1
    assert graph.degrees() == {1: 3, 2: 1}


def test_directed_degree_is_in_plus_out(digraph):
    digraph.add_edges([(1, 2), (3, 1), (1, 4), (4, 1)])
    assert digraph.out_degree(1) == 2
    assert digraph.in_degree(1) == 2
    assert digraph.degree(1) == 4
    assert (digraph.in_degree(2), digraph.out_degree(2), digraph.degree(2)) == (1, 0, 1)
    assert (digraph.in_degree(3), digraph.out_degree(3), digraph.degree(3)) == (0, 1, 1)


def test_directed_self_loop_degree(digraph):
    digraph.add_edge(1, 1)
    assert digraph.in_degree(1) == 1
    assert digraph.out_degree(1) == 1
    assert digraph.degree(1) == 2


def test_degrees_is_a_node_map_in_node_order(any_graph):
    g = any_graph
    g.add_edges([("a", "b"), ("b", "c"), ("c", "c")])
    g.add_node(7)
    d = g.degrees()
    assert isinstance(d, gr.NodeMap)
    assert list(d) == ["a", "b", "c", 7]
    assert d.to_dict() == {k: g.degree(k) for k in g.nodes}


def test_degrees_follow_removals(graph):
    graph.add_edges([(1, 2), (2, 3), (3, 1)])
    graph.remove_edge(1, 2)
    assert graph.degrees() == {1: 1, 2: 1, 3: 2}
    graph.remove_node(3)
    assert graph.degrees() == {1: 0, 2: 0}


# ----- copy, subgraph, clear --------------------------------------------------------------


def test_copy_is_equal(populated, take_snapshot):
    c = populated.copy()
    assert isinstance(c, gr.Graph)
    assert c is not populated
    assert take_snapshot(c) == take_snapshot(populated)
    c.close()


def test_copy_keeps_directedness(digraph):
    digraph.add_edge(1, 2)
    c = digraph.copy()
    assert c.directed is True
    assert c.has_edge(1, 2)
    assert not c.has_edge(2, 1)


def test_copy_is_deep_and_independent(populated, take_snapshot):
    before = take_snapshot(populated)
    c = populated.copy()
    c.add_node("new", a=1)
    c.add_edge(1, "new")
    c.set_node_attr(1, "name", "changed")
    c.set_edge_attr(1, 2, "w", 100.0)
    c.remove_node(3)
    c.remove_edge("x", "x")
    assert take_snapshot(populated) == before
    after_copy = take_snapshot(c)
    populated.add_node("other")
    populated.set_node_attr("1", "name", "changed too")
    populated.clear()
    assert take_snapshot(c) == after_copy
    c.close()


def test_copy_survives_closing_the_original(populated, take_snapshot):
    before = take_snapshot(populated)
    c = populated.copy()
    populated.close()
    assert take_snapshot(c) == before
    c.close()


def test_subgraph_is_induced_and_keeps_attributes(any_graph):
    g = any_graph
    g.add_node(1, a=1)
    g.add_node(2, a=2)
    g.add_edges([(1, 2, {"w": 1}), (2, 3, {"w": 2}), (3, 1), (1, 1, {"loop": True})])
    sub = g.subgraph([1, 2])
    assert sub.directed is g.directed
    assert sub.nodes(data=True) == [(1, {"a": 1}), (2, {"a": 2})]
    assert sub.edges(data=True) == [(1, 2, {"w": 1}), (1, 1, {"loop": True})]


def test_subgraph_ignores_missing_keys(graph):
    graph.add_edges([(1, 2), (2, 3)])
    sub = graph.subgraph([3, "missing", 2, 99])
    assert list(sub.nodes) == [2, 3]
    assert list(sub.edges) == [(2, 3)]
    assert len(graph.subgraph(["nothing", "here"])) == 0
    assert len(graph.subgraph([])) == 0


def test_subgraph_uses_graph_order_and_tolerates_duplicates(graph):
    graph.add_nodes(["a", "b", "c", "d"])
    sub = graph.subgraph(["d", "a", "d", "c"])
    assert list(sub.nodes) == ["a", "c", "d"]


def test_subgraph_accepts_any_iterable(graph):
    graph.add_edges([(1, 2), (2, 3)])
    assert list(graph.subgraph(k for k in [1, 2]).nodes) == [1, 2]
    assert list(graph.subgraph({2, 3}).edges) == [(2, 3)]
    assert list(graph.subgraph(graph.nodes).edges) == [(1, 2), (2, 3)]


def test_subgraph_is_independent(graph, take_snapshot):
    graph.add_edge(1, 2, w=1)
    before = take_snapshot(graph)
    sub = graph.subgraph([1, 2])
    sub.set_edge_attr(1, 2, "w", 2)
    sub.remove_node(1)
    sub.add_node(3)
    assert take_snapshot(graph) == before
    graph.set_node_attr(2, "a", 1)
    assert sub.nodes[2] == {}


def test_clear(any_graph):
    g = any_graph
    directed = g.directed
    g.add_node(1, a=1)
    g.add_edge(1, 2, w=1)
    g.clear()
    assert len(g) == 0
    assert g.edge_count == 0
    assert list(g.nodes) == []
    assert list(g.edges) == []
    assert g.node_attr_names() == []
    assert g.edge_attr_names() == []
    assert g.directed is directed
    assert 1 not in g
    g.add_edge(1, 2)
    assert g.nodes[1] == {}
    assert g.edges[1, 2] == {}
    assert list(g.nodes) == [1, 2]


def test_graphs_are_independent():
    a = gr.Graph()
    b = gr.Graph()
    a.add_node(1)
    assert 1 not in b
    a.close()
    b.add_node(2)
    assert list(b.nodes) == [2]
    b.close()
