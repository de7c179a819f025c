"""The writable attribute views ``g.nodes[n]``, ``g.edges[u, v]`` and ``g[u][v]``: mutable
mappings bound to one element that read and write the engine, checked against what
networkx's attribute dicts do with the same operations."""

from collections.abc import MutableMapping

import networkx as nx
import numpy as np
import pytest

import groggy as gr


def test_node_mapping_writes_through_like_networkx(any_graph):
    g = any_graph
    G = nx.DiGraph() if g.directed else nx.Graph()
    for graph in (g, G):
        graph.add_node(1, a=1)
        m = graph.nodes[1]
        m["b"] = "two"
        m["a"] = 1.5
        m.update({"c": None}, d=b"x")
        m.update([("e", True)])
        assert m.setdefault("a", 99) == 1.5
        assert m.setdefault("f", 7) == 7
    assert isinstance(g.nodes[1], MutableMapping)
    assert g.nodes[1] == G.nodes[1]
    assert dict(g.nodes[1]) == G.nodes[1]
    assert g.get_node_attr(1, "b") == "two"
    assert g.get_node_attr(1, "c") is None
    assert list(g.nodes[1]) == list(G.nodes[1])
    assert len(g.nodes[1]) == len(G.nodes[1]) == 6
    assert repr(g.nodes[1]) == repr(G.nodes[1])


def test_mapping_reads(graph):
    graph.add_node("n", x=3, y=None)
    m = graph.nodes["n"]
    assert m["x"] == 3
    assert m.get("x") == 3
    assert m.get("y", 5) is None  # set to Null: present
    assert m.get("z") is None
    assert m.get("z", 5) == 5
    assert "y" in m
    assert "z" not in m
    assert m != {"x": 3}
    assert m == {"x": 3, "y": None}
    assert {"x": 3, "y": None} == m
    with pytest.raises(KeyError):
        m["z"]
    copy = m.copy()
    assert type(copy) is dict
    copy["x"] = 4
    assert graph.get_node_attr("n", "x") == 3


def test_mapping_is_live(graph):
    graph.add_node(1)
    m = graph.nodes[1]
    assert m == {}
    graph.set_node_attr(1, "a", 2)
    assert m == {"a": 2}
    graph.remove_node(1)
    with pytest.raises(gr.NodeNotFoundError):
        m["a"]
    with pytest.raises(gr.NodeNotFoundError):
        m.get("a", 0)  # a missing node is not a missing attribute
    with pytest.raises(gr.NodeNotFoundError):
        "a" in m  # noqa: B015
    with pytest.raises(gr.NodeNotFoundError):
        m["a"] = 1
    with pytest.raises(gr.NodeNotFoundError):
        m.update(a=1)
    # Removals too: a missing node is not a missing attribute, even with a default.
    for remove in (
        lambda: m.__delitem__("a"),
        lambda: m.pop("a", 0),
        lambda: m.popitem(),
        lambda: m.clear(),
    ):
        with pytest.raises(gr.NodeNotFoundError):
            remove()
    assert 1 not in graph


def test_writes_convert_like_set_node_attr(graph):
    graph.add_node(1)
    m = graph.nodes[1]
    m["i8"] = np.int8(-3)
    m["f32"] = np.float32(0.5)
    assert graph.node_array("i8").dtype == "int8"
    assert graph.node_array("f32").dtype == "float32"
    assert m == {"i8": -3, "f32": 0.5}
    with pytest.raises(TypeError, match="list"):
        m["bad"] = [1, 2]
    with pytest.raises(OverflowError):
        m["big"] = 2**70
    with pytest.raises(TypeError):
        m[1] = "name is not a str"
    assert m == {"i8": -3, "f32": 0.5}


def test_update_is_all_or_nothing(any_graph):
    any_graph.add_edge(1, 2, w=1)
    for m in (any_graph.nodes[1], any_graph.edges[1, 2]):
        before = m.copy()
        with pytest.raises(TypeError):
            m.update(x=1, y=object())
        with pytest.raises(TypeError):
            m.update({1: 2})
        assert m == before


def _twins(directed: bool):
    """A groggy graph and a networkx graph built alike."""
    g = gr.Graph(directed=directed)
    G = nx.DiGraph() if directed else nx.Graph()
    for graph in (g, G):
        graph.add_node(1, a=1, b=None, c="three")
        graph.add_node(2, a=2)
        graph.add_edge(1, 2, w=1.5, label="x")
    return g, G


def test_del_removes_an_attribute_like_networkx(any_graph):
    g, G = _twins(any_graph.directed)
    for graph in (g, G):
        del graph.nodes[1]["a"]
        del graph.nodes[1]["b"]  # set to None: it exists, so it can be deleted
        del graph.edges[1, 2]["w"]
        u, v = (1, 2) if graph.is_directed() else (2, 1)  # undirected: either end
        del graph[u][v]["label"]
    assert g.nodes[1] == G.nodes[1] == {"c": "three"}
    assert g.nodes[2] == G.nodes[2] == {"a": 2}
    assert g.edges[1, 2] == G.edges[1, 2] == {}
    # Absent, not None: gone from the mapping, the reads and the column names.
    assert "a" not in g.nodes[1]
    assert g.get_node_attr(1, "a", "default") == "default"
    with pytest.raises(KeyError):
        g.get_node_attr(1, "b")
    assert g.edge_attr_names() == []
    assert g.node_array("a").to_list() == [None, 2]
    assert g.nodes(data="a", default=0) == [(1, 0), (2, 2)]
    assert nx.utils.graphs_equal(g.to_networkx(), G)
    g.close()


def test_deleting_a_missing_attribute_is_a_key_error(any_graph):
    g, G = _twins(any_graph.directed)
    with pytest.raises(KeyError):
        del G.nodes[1]["nope"]
    before = g.nodes[1].copy()
    for m in (g.nodes[1], g.edges[1, 2], g[1][2]):
        with pytest.raises(KeyError) as excinfo:
            del m["nope"]
        assert isinstance(excinfo.value, gr.AttributeNotFoundError)
        assert "nope" in str(excinfo.value)
    del g.nodes[1]["a"]
    with pytest.raises(gr.AttributeNotFoundError, match="no attribute 'a' on node 1"):
        del g.nodes[1]["a"]
    with pytest.raises(gr.AttributeNotFoundError, match="remove_edge_attr"):
        g.remove_edge_attr(1, 2, "nope")
    with pytest.raises(gr.NodeNotFoundError):
        g.remove_node_attr(7, "a")
    with pytest.raises(TypeError):
        del g.nodes[1][3]
    before.pop("a")
    assert g.nodes[1] == before
    g.close()


def test_pop_popitem_and_clear_like_networkx(any_graph):
    g, G = _twins(any_graph.directed)
    for graph in (g, G):
        m = graph.nodes[1]
        assert m.pop("a") == 1
        assert m.pop("a", "gone") == "gone"
        assert m.pop("b", "unused") is None
        with pytest.raises(KeyError):
            m.pop("a")
        assert m.popitem() == ("c", "three")
        assert m == {}
        with pytest.raises(KeyError):
            m.popitem()
        graph.edges[1, 2].clear()
        assert graph.edges[1, 2] == {}
        graph.nodes[2].clear()
        graph.nodes[2].clear()  # nothing left: fine, as a dict
    assert g.nodes(data=True) == list(G.nodes(data=True))
    assert g.edges(data=True) == list(G.edges(data=True))
    assert g.node_attr_names() == [] and g.edge_attr_names() == []
    g.close()


def test_removal_reaches_tables_files_and_queries(tmp_path):
    g = gr.Graph()
    g.add_node(1, x=1, y="a")
    g.add_node(2, x=2)
    g.add_edge(1, 2, w=4.0)
    g.add_edge(2, 3, w=1.0)
    assert g.shortest_path_lengths(1, weight="w")[3] == 5.0
    table = g.node_table()
    del g.nodes[1]["x"]
    del g.edges[1, 2]["w"]
    # node 3 never had x; a table taken before is a snapshot
    assert table["x"].isna().tolist() == [False, False, True]
    assert g.node_table()["x"].isna().tolist() == [True, False, True]
    assert g.filter_nodes("has(x)") == [2]
    assert g.filter_edges("has(w)") == [(2, 3)]
    # The weight cache of the graph's snapshot sees the removal (networkx's default 1).
    assert g.shortest_path_lengths(1, weight="w")[3] == 2.0
    path = tmp_path / "g.groggy"
    g.save(path)
    back = gr.load(path)
    assert back.nodes[1] == {"y": "a"}
    assert back.edges[1, 2] == {}
    assert back.edge_array("w").to_list() == [None, 1.0]
    back.close()
    g.close()


def test_removal_returns_memory_to_the_pool():
    pool = gr.MemoryPool()
    g = gr.Graph(pool=pool)
    g.add_node(1, text="x" * 100_000)
    held = pool.stats()["pool_usage"]
    del g.nodes[1]["text"]
    assert pool.stats()["pool_usage"] <= held - 100_000
    g.close()


def test_edge_mappings_write_through(any_graph):
    g = any_graph
    G = nx.DiGraph() if g.directed else nx.Graph()
    for graph in (g, G):
        graph.add_edge(1, 2, w=1)
        graph.add_edge(2, 3)
        graph.edges[1, 2]["w"] = 5
        graph[2][3]["label"] = "x"
        graph[1][2].update(z=0.5)
        if not graph.is_directed():
            graph.edges[2, 1]["rev"] = True  # the same edge
    assert [(u, v, dict(d)) for u, v, d in g.edges(data=True)] == list(G.edges(data=True))
    assert g.edges[1, 2] == G.edges[1, 2]
    assert g[1][2] == G[1][2]
    assert g.get_edge_attr(2, 3, "label") == "x"
    assert isinstance(g[1][2], MutableMapping)


def test_missing_edge_mapping(digraph):
    digraph.add_edge(1, 2)
    with pytest.raises(gr.EdgeNotFoundError):
        digraph.edges[2, 1]
    with pytest.raises(KeyError):
        digraph[1][3]
    with pytest.raises(KeyError):
        digraph[2][1]


def test_data_true_items_are_writable(any_graph):
    g = any_graph
    G = nx.DiGraph() if g.directed else nx.Graph()
    for graph in (g, G):
        graph.add_edges_from([(1, 2), (2, 3, {"w": 2})])
        for n, d in graph.nodes(data=True):
            d["label"] = f"n{n}"
        for u, v, d in graph.edges(data=True):
            d["sum"] = u + v
    assert g.nodes(data=True) == list(G.nodes(data=True))
    assert g.edges(data=True) == list(G.edges(data=True))
    assert g.get_node_attr(3, "label") == "n3"
    assert g.node_array("label").to_list() == ["n1", "n2", "n3"]


def test_mappings_raise_after_close():
    g = gr.Graph()
    g.add_edge(1, 2, w=1)
    node, edge, adj = g.nodes[1], g.edges[1, 2], g[1][2]
    (_, data), *_ = g.nodes(data=True)
    g.close()
    for m in (node, edge, adj, data):
        for use in (
            lambda m=m: m["w"],
            lambda m=m: m.get("w"),
            lambda m=m: m.__setitem__("w", 2),
            lambda m=m: m.update(w=2),
            lambda m=m: len(m),
            lambda m=m: list(m),
            lambda m=m: repr(m),
            lambda m=m: m == {},
            lambda m=m: "w" in m,
            lambda m=m: m.setdefault("q", 1),
            lambda m=m: m.__delitem__("w"),
            lambda m=m: m.pop("w"),
            lambda m=m: m.pop("w", None),
            lambda m=m: m.popitem(),
            lambda m=m: m.clear(),
        ):
            with pytest.raises(gr.InvalidOperationError):
                use()
    with pytest.raises(gr.InvalidOperationError):
        g.nodes[1]
    with pytest.raises(gr.InvalidOperationError):
        g.edges[1, 2]
    with pytest.raises(gr.InvalidOperationError):
        g[1]
