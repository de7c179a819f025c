"""close() and the context manager: native memory is freed now, later use raises
InvalidOperationError, closing twice is fine, and dropping a graph without closing it is
fine too."""

import gc
import weakref

import pytest

import groggy as gr
from groggy._native import lib


def test_close_twice_is_fine():
    g = gr.Graph()
    g.add_node(1)
    g.close()
    g.close()
    assert g.closed


def test_closed_property():
    g = gr.Graph()
    assert g.closed is False
    g.close()
    assert g.closed is True


def test_with_statement_returns_the_graph_and_closes_it():
    with gr.Graph(directed=True) as g:
        assert isinstance(g, gr.Graph)
        g.add_edge(1, 2)
        assert g.edge_count == 1
        assert g.directed
    assert g.closed
    with pytest.raises(gr.InvalidOperationError):
        len(g)
    g.close()


def test_with_statement_closes_on_error():
    with pytest.raises(RuntimeError, match="boom"), gr.Graph() as g:
        g.add_node(1)
        raise RuntimeError("boom")
    assert g.closed


def test_with_statement_does_not_swallow_errors():
    with pytest.raises(gr.NodeNotFoundError), gr.Graph() as g:
        g.remove_node("missing")


def test_closing_inside_with_is_fine():
    with gr.Graph() as g:
        g.close()
    assert g.closed


def test_repr_of_closed_graph():
    g = gr.Graph()
    g.close()
    assert "closed" in repr(g)


USES = [
    ("directed", lambda g: g.directed),
    ("len", lambda g: len(g)),
    ("node_count", lambda g: g.node_count),
    ("edge_count", lambda g: g.edge_count),
    ("contains", lambda g: 1 in g),
    ("iter", lambda g: list(g)),
    ("add_node", lambda g: g.add_node(3)),
    ("add_node_attrs", lambda g: g.add_node(3, a=1)),
    ("add_nodes", lambda g: g.add_nodes([3, (4, {"a": 1})])),
    ("add_nodes_empty", lambda g: g.add_nodes([])),
    ("add_edge", lambda g: g.add_edge(3, 4)),
    ("add_edge_attrs", lambda g: g.add_edge(3, 4, w=1)),
    ("add_edges", lambda g: g.add_edges([(3, 4), (4, 5, {"w": 1})])),
    ("add_edges_empty", lambda g: g.add_edges([])),
    ("remove_node", lambda g: g.remove_node(1)),
    ("remove_edge", lambda g: g.remove_edge(1, 2)),
    ("has_node", lambda g: g.has_node(1)),
    ("has_node_str", lambda g: g.has_node("a")),
    ("has_edge", lambda g: g.has_edge(1, 2)),
    ("neighbors", lambda g: g.neighbors(1)),
    ("successors", lambda g: g.successors(1)),
    ("predecessors", lambda g: g.predecessors(1)),
    ("degree", lambda g: g.degree(1)),
    ("in_degree", lambda g: g.in_degree(1)),
    ("out_degree", lambda g: g.out_degree(1)),
    ("degrees", lambda g: g.degrees()),
    ("nodes_iter", lambda g: list(g.nodes)),
    ("nodes_len", lambda g: len(g.nodes)),
    ("nodes_contains", lambda g: 1 in g.nodes),
    ("nodes_getitem", lambda g: g.nodes[1]),
    ("nodes_data", lambda g: g.nodes(data=True)),
    ("edges_iter", lambda g: list(g.edges)),
    ("edges_len", lambda g: len(g.edges)),
    ("edges_contains", lambda g: (1, 2) in g.edges),
    ("edges_getitem", lambda g: g.edges[1, 2]),
    ("edges_data", lambda g: g.edges(data=True)),
    ("get_node_attr", lambda g: g.get_node_attr(1, "a")),
    ("get_node_attr_default", lambda g: g.get_node_attr(1, "a", None)),
    ("set_node_attr", lambda g: g.set_node_attr(1, "a", 2)),
    ("get_edge_attr", lambda g: g.get_edge_attr(1, 2, "w")),
    ("get_edge_attr_default", lambda g: g.get_edge_attr(1, 2, "w", None)),
    ("set_edge_attr", lambda g: g.set_edge_attr(1, 2, "w", 2)),
    ("node_attr_names", lambda g: g.node_attr_names()),
    ("edge_attr_names", lambda g: g.edge_attr_names()),
    ("copy", lambda g: g.copy()),
    ("subgraph", lambda g: g.subgraph([1, 2])),
    ("clear", lambda g: g.clear()),
]


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
@pytest.mark.parametrize("use", [u for _, u in USES], ids=[name for name, _ in USES])
def test_use_after_close_raises_invalid_operation(directed, use):
    g = gr.Graph(directed=directed)
    g.add_node(1, a=1)
    g.add_edge(1, 2, w=1)
    g.close()
    with pytest.raises(gr.InvalidOperationError) as info:
        use(g)
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err, gr.GroggyError)
    assert err.code == lib.GR_STATUS_INVALID_OPERATION
    assert err.operation
    assert str(err).startswith(f"{err.operation}: ")
    assert "closed" in str(err)


def test_use_after_with_raises_invalid_operation():
    with gr.Graph() as g:
        g.add_node(1)
    with pytest.raises(gr.InvalidOperationError):
        g.add_node(2)
    with pytest.raises(gr.InvalidOperationError):
        g.has_node(1)


def test_views_taken_before_close_raise_after_it():
    g = gr.Graph()
    g.add_edge(1, 2)
    nodes, edges = g.nodes, g.edges
    g.close()
    with pytest.raises(gr.InvalidOperationError):
        list(nodes)
    with pytest.raises(gr.InvalidOperationError):
        len(edges)


def test_results_taken_before_close_still_work():
    g = gr.Graph()
    g.add_edge(1, 2, w=1)
    degrees = g.degrees()
    nodes = [(k, dict(d)) for k, d in g.nodes(data=True)]
    copy = g.copy()
    sub = g.subgraph([1])
    g.close()
    assert degrees == {1: 1, 2: 1}
    assert nodes == [(1, {}), (2, {})]
    assert copy.edges(data=True) == [(1, 2, {"w": 1})]
    assert list(sub.nodes) == [1]
    copy.close()
    sub.close()


def test_dropping_an_unclosed_graph_frees_it():
    g = gr.Graph()
    g.add_edges((i, i + 1, {"w": i}) for i in range(100))
    ref = weakref.ref(g)
    del g
    gc.collect()
    assert ref() is None


def test_dropping_a_closed_graph_is_fine():
    g = gr.Graph()
    g.add_node(1)
    g.close()
    ref = weakref.ref(g)
    del g
    gc.collect()
    assert ref() is None


def test_many_graphs_created_and_closed():
    for i in range(300):
        with gr.Graph(directed=bool(i % 2)) as g:
            g.add_edges([(1, 2, {"w": 1.0}), ("a", "b", {"s": "x" * 50})])
            copy = g.copy()
        assert copy.edge_count == 2
        copy.close()
