"""Round trips through networkx and pandas on the real bundled SNAP graphs
(ca-GrQc, undirected with both directions listed; wiki-Vote, directed), with node and edge
attributes of several kinds, some absent and some None."""

import gzip
import itertools
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import groggy as gr

DATA = Path(__file__).resolve().parents[2] / "python" / "groggy" / "data"

# python/groggy/data/README.md
SNAP = {
    "ca-GrQc": {"file": "ca-GrQc.txt.gz", "directed": False, "nodes": 5242, "edges": 14496},
    "wiki-Vote": {"file": "wiki-Vote.txt.gz", "directed": True, "nodes": 7115, "edges": 103689},
}


def read_pairs(name):
    pairs = []
    with gzip.open(DATA / SNAP[name]["file"], "rt") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            u, v = line.split()
            pairs.append((int(u), int(v)))
    return pairs


@pytest.fixture(scope="module")
def snap_pairs():
    return {name: read_pairs(name) for name in SNAP}


def attributed(name, pairs):
    """The SNAP graph in networkx, with attributes: an int and a str per node (some nodes
    lack them, some hold None), a float weight per edge (some absent, some None), and a
    few other kinds sprinkled in."""
    G = nx.DiGraph() if SNAP[name]["directed"] else nx.Graph()
    G.add_edges_from(pairs)
    for i, n in enumerate(G.nodes):
        attrs = G.nodes[n]
        if i % 4:
            attrs["rank"] = (n * 7919) % 1000 - 500
        if i % 5 == 1:
            attrs["name"] = None
        elif i % 3:
            attrs["name"] = f"author-{n}"
        if i % 11 == 0:
            attrs["score"] = i / 3
            attrs["flag"] = i % 2 == 0
    for j, (u, v) in enumerate(G.edges):
        attrs = G.edges[u, v]
        if j % 10:
            attrs["weight"] = ((u * 31 + v * 17) % 1000) / 8.0
        if j % 13 == 0:
            attrs["weight"] = None
        if j % 2:
            attrs["kind"] = "odd" if j % 3 else "third"
        if j % 97 == 0:
            attrs["blob"] = bytes([j % 256, 0])
    return G


@pytest.fixture(scope="module")
def nx_graphs(snap_pairs):
    return {name: attributed(name, pairs) for name, pairs in snap_pairs.items()}


@pytest.fixture(scope="module")
def gr_graphs(nx_graphs):
    """gr.from_networkx of each attributed graph, shared (read only) by the tests."""
    graphs = {name: gr.from_networkx(G) for name, G in nx_graphs.items()}
    yield graphs
    for g in graphs.values():
        g.close()


def plain(value):
    return value.item() if isinstance(value, np.generic) else value


def canonical(attrs):
    """Attribute dict with value types, so 1 and 1.0 (or True and 1) are told apart."""
    return {k: (type(plain(v)), plain(v)) for k, v in attrs.items()}


def edge_set(G):
    if G.is_directed():
        return set(G.edges)
    return {frozenset(e) for e in G.edges}


def assert_same_networkx(H, G, *, check_types=True):
    assert H.is_directed() == G.is_directed()
    assert not H.is_multigraph()
    assert list(H.nodes) == list(G.nodes)
    assert [type(n) for n in H.nodes] == [type(n) for n in G.nodes]
    fix = canonical if check_types else dict
    assert [fix(d) for _, d in H.nodes(data=True)] == [fix(d) for _, d in G.nodes(data=True)]
    assert H.number_of_edges() == G.number_of_edges()
    assert edge_set(H) == edge_set(G)
    for u, v, d in G.edges(data=True):
        assert fix(H.edges[u, v]) == fix(d), (u, v)


# ----- the data itself ------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SNAP))
def test_snap_counts_match_the_readme(snap_pairs, nx_graphs, gr_graphs, name):
    info = SNAP[name]
    G = nx_graphs[name]
    assert G.number_of_nodes() == info["nodes"]
    assert G.number_of_edges() == info["edges"]
    g = gr_graphs[name]
    assert g.directed is info["directed"]
    assert g.node_count == info["nodes"]
    assert g.edge_count == info["edges"]
    src, dst = np.array(snap_pairs[name], dtype=np.int64).T
    h = gr.Graph(directed=info["directed"])
    h.add_edges_from_arrays(src, dst)
    assert h.node_count == info["nodes"]
    assert h.edge_count == info["edges"]
    assert list(h.nodes) == list(dict.fromkeys(itertools.chain.from_iterable(snap_pairs[name])))
    h.close()


# ----- networkx -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SNAP))
def test_networkx_round_trip_snap(nx_graphs, gr_graphs, name):
    G = nx_graphs[name]
    g = gr_graphs[name]
    assert list(g.nodes) == list(G.nodes)
    assert g.degrees() == dict(G.degree())
    H = g.to_networkx()
    assert type(H) is type(G)
    assert_same_networkx(H, G)
    # absent and None are told apart on both sides
    with_none = [n for n, d in G.nodes(data=True) if "name" in d and d["name"] is None]
    without = [n for n, d in G.nodes(data=True) if "name" not in d]
    assert with_none
    assert without
    for n in with_none[:20]:
        assert g.nodes[n]["name"] is None
        assert "name" in H.nodes[n]
        assert H.nodes[n]["name"] is None
    for n in without[:20]:
        assert "name" not in g.nodes[n]
        assert "name" not in H.nodes[n]
        with pytest.raises(KeyError):
            g.get_node_attr(n, "name")
    # the columns agree with networkx too
    assert g.node_array("rank").to_list() == [d.get("rank") for _, d in G.nodes(data=True)]
    assert g.edge_array("weight").to_list() == [G.edges[u, v].get("weight") for u, v in g.edges]


def test_networkx_round_trip_small_graph_with_every_kind():
    G = nx.Graph()
    G.add_node(1, i=1, f=1.5, s="one", b=True, y=b"\x00", n=None)
    G.add_node("1", i=-(2**63), f=float("inf"), s="", b=False, y=b"")
    G.add_node(2**63 - 1)  # isolated, no attributes
    G.add_node("日本", s="ü")
    G.add_edge(1, "1", w=0.25, s="e")
    G.add_edge("日本", "日本", loop=True)
    G.add_edge(2**63 - 1, 1, w=None)
    G.add_edge(-7, "x")  # new endpoints
    g = gr.from_networkx(G)
    assert list(g.nodes) == list(G.nodes)
    assert g.nodes[1] == G.nodes[1]
    H = g.to_networkx()
    assert_same_networkx(H, G)
    # and the same once more through a second round trip
    assert_same_networkx(gr.from_networkx(H).to_networkx(), G)


@pytest.mark.parametrize("directed", [False, True])
def test_networkx_directedness_and_empty_graphs(directed):
    G = nx.DiGraph() if directed else nx.Graph()
    g = gr.from_networkx(G)
    assert g.directed is directed
    assert g.node_count == 0
    H = g.to_networkx()
    assert H.is_directed() is directed
    assert H.number_of_nodes() == 0
    G.add_edge("a", "b")
    G.add_edge("b", "a")
    g = gr.from_networkx(G)
    assert g.edge_count == (2 if directed else 1)
    assert_same_networkx(g.to_networkx(), G)


def test_to_networkx_of_a_groggy_graph_matches_its_state(populated):
    H = populated.to_networkx()
    assert list(H.nodes) == list(populated.nodes)
    for k in populated.nodes:
        assert H.nodes[k] == populated.nodes[k]
    assert edge_set(H) == {frozenset(e) for e in populated.edges}
    for u, v in populated.edges:
        assert H.edges[u, v] == populated.edges[u, v]


def test_to_networkx_is_independent_of_the_graph(graph):
    graph.add_edge(1, 2, w=1.0)
    H = graph.to_networkx()
    graph.set_edge_attr(1, 2, "w", 5.0)
    graph.add_node(3)
    assert H.edges[1, 2] == {"w": 1.0}
    assert 3 not in H


@pytest.mark.parametrize("cls", [nx.MultiGraph, nx.MultiDiGraph])
def test_from_networkx_rejects_multigraphs(cls):
    G = cls()
    with pytest.raises(TypeError):
        gr.from_networkx(G)
    G.add_edge(1, 2)
    G.add_edge(1, 2)
    with pytest.raises(TypeError):
        gr.from_networkx(G)


@pytest.mark.parametrize(
    "bad",
    [1.5, (1, 2), True, frozenset({1}), b"key", 2.0],
    ids=["float", "tuple", "bool", "frozenset", "bytes", "integral-float"],
)
def test_from_networkx_rejects_bad_key_types(bad):
    # (no int keys here: networkx would take True or 2.0 as the node 1 or 2)
    G = nx.Graph()
    G.add_edge("a", "b")
    G.add_node(bad)
    assert G.number_of_nodes() == 3
    with pytest.raises(TypeError):
        gr.from_networkx(G)
    E = nx.DiGraph()
    E.add_node("ok")
    E.add_edge("ok", bad)
    with pytest.raises(TypeError):
        gr.from_networkx(E)


def test_from_networkx_rejects_out_of_range_keys_and_bad_values():
    G = nx.Graph()
    G.add_node(2**63)
    with pytest.raises(OverflowError):
        gr.from_networkx(G)
    G = nx.Graph()
    G.add_node(1, x=[1, 2])
    with pytest.raises(TypeError):
        gr.from_networkx(G)
    G = nx.Graph()
    G.add_edge(1, 2, x={"a": 1})
    with pytest.raises(TypeError):
        gr.from_networkx(G)


def test_from_networkx_accepts_numpy_keys_and_values():
    G = nx.Graph()
    G.add_node(np.int64(5), x=np.float32(0.5), y=np.int8(3))
    G.add_edge(np.int32(5), np.int64(6), w=np.float64(2.0))
    g = gr.from_networkx(G)
    assert list(g.nodes) == [5, 6]
    assert [type(k) for k in g.nodes] == [int, int]
    assert g.nodes[5] == {"x": 0.5, "y": 3}
    assert g.node_array("y").dtype == "int8"
    assert g.edges[5, 6] == {"w": 2.0}


# ----- pandas -------------------------------------------------------------------------------


def snap_frame(pairs, source="source", target="target"):
    n = len(pairs)
    df = pd.DataFrame(pairs, columns=[source, target])
    idx = np.arange(n)
    df["w"] = idx * 0.25 + 0.5
    df["c"] = (idx * 7) % 13
    df["s"] = [f"e{i % 17}" for i in range(n)]
    df["other"] = idx % 2 == 0
    return df


# Every edge_attr form on ca-GrQc; the two extremes on the larger wiki-Vote.
EDGE_ATTR_CASES = [
    ("ca-GrQc", None),
    ("ca-GrQc", True),
    ("ca-GrQc", "w"),
    ("ca-GrQc", ["w", "c"]),
    ("ca-GrQc", ["s", "other", "c"]),
    ("wiki-Vote", None),
    ("wiki-Vote", True),
]


@pytest.mark.parametrize(("name", "edge_attr"), EDGE_ATTR_CASES, ids=str)
def test_from_pandas_edgelist_matches_networkx(snap_pairs, name, edge_attr):
    directed = SNAP[name]["directed"]
    df = snap_frame(snap_pairs[name])
    g = gr.from_pandas_edgelist(df, "source", "target", edge_attr=edge_attr, directed=directed)
    G = nx.from_pandas_edgelist(
        df,
        "source",
        "target",
        edge_attr=edge_attr,
        create_using=nx.DiGraph() if directed else nx.Graph(),
    )
    assert g.directed is directed
    assert g.node_count == SNAP[name]["nodes"]
    assert g.edge_count == SNAP[name]["edges"]
    H = g.to_networkx()
    assert_same_networkx(H, G, check_types=False)
    for u, v, d in list(G.edges(data=True))[:500]:
        got = H.edges[u, v]
        for k, value in d.items():
            assert type(got[k]) is type(plain(value))


@pytest.mark.parametrize("directed", [False, True])
def test_from_pandas_edgelist_both_directions_later_row_wins(snap_pairs, directed):
    """ca-GrQc lists each edge both ways; an undirected load keeps one edge with the values
    of its later row, a directed one keeps both."""
    df = snap_frame(snap_pairs["ca-GrQc"])
    g = gr.from_pandas_edgelist(df, edge_attr=["w", "c"], directed=directed)
    expected = 2 * 14496 - 12 if directed else 14496  # 12 self-loops are listed once
    assert g.edge_count == expected
    last = {}
    for u, v, w in zip(df["source"].tolist(), df["target"].tolist(), df["w"].tolist()):
        last[(u, v) if directed else frozenset((u, v))] = w
    for u, v in list(g.edges)[:2000]:
        assert g.edges[u, v]["w"] == last[(u, v) if directed else frozenset((u, v))]


def test_from_pandas_edgelist_custom_columns_and_str_keys():
    df = pd.DataFrame(
        {
            "from": ["a", "b", "c", "a"],
            "to": ["b", "c", "a", "b"],
            "weight": [1.0, 2.0, 3.0, 4.0],
            "n": pd.array([1, None, 3, 4], dtype="Int64"),
        }
    )
    g = gr.from_pandas_edgelist(df, "from", "to", edge_attr=True)
    assert list(g.edges) == [("a", "b"), ("b", "c"), ("c", "a")]
    assert g.edges["a", "b"] == {"weight": 4.0, "n": 4}
    assert g.edges["b", "c"] == {"weight": 2.0, "n": None}
    G = nx.from_pandas_edgelist(df, "from", "to", edge_attr="weight")
    h = gr.from_pandas_edgelist(df, "from", "to", edge_attr="weight")
    assert_same_networkx(h.to_networkx(), G, check_types=False)


def test_from_pandas_edgelist_mixed_key_column():
    df = pd.DataFrame({"source": [1, "1", 2], "target": ["x", 1, "1"]})
    g = gr.from_pandas_edgelist(df, directed=True)
    assert list(g.edges) == [(1, "x"), ("1", 1), (2, "1")]
    G = nx.from_pandas_edgelist(df, create_using=nx.DiGraph())
    assert_same_networkx(g.to_networkx(), G)


def test_from_pandas_edgelist_missing_column_raises(snap_pairs):
    df = snap_frame(snap_pairs["ca-GrQc"][:10])
    with pytest.raises(KeyError):
        gr.from_pandas_edgelist(df, "nope", "target")
    with pytest.raises(KeyError):
        gr.from_pandas_edgelist(df, edge_attr="missing")
    with pytest.raises(KeyError):
        gr.from_pandas_edgelist(df, edge_attr=["w", "missing"])


@pytest.mark.parametrize("name", list(SNAP))
def test_edge_table_round_trip(snap_pairs, name):
    directed = SNAP[name]["directed"]
    df = snap_frame(snap_pairs[name])
    g = gr.from_pandas_edgelist(df, edge_attr=True, directed=directed)
    table = g.edge_table()
    assert list(table.columns) == ["source", "target", "w", "c", "s", "other"]
    assert len(table) == g.edge_count
    assert table["source"].dtype == np.int64
    assert table["w"].dtype == np.float64
    assert table["c"].dtype == np.int64
    assert table["other"].dtype == bool
    h = gr.from_pandas_edgelist(table, edge_attr=True, directed=directed)
    assert list(h.nodes) == list(g.nodes)
    assert list(h.edges) == list(g.edges)
    assert h.edge_attr_names() == g.edge_attr_names()
    for col in g.edge_attr_names():
        a, b = g.edge_array(col), h.edge_array(col)
        assert b.dtype == a.dtype
        assert b.to_list() == a.to_list()
    g.close()
    h.close()


@pytest.mark.parametrize("name", list(SNAP))
def test_edge_table_round_trip_with_nulls(nx_graphs, gr_graphs, name):
    """From the attributed networkx graph: absent and None both become null in the table,
    and come back as null."""
    G = nx_graphs[name]
    g = gr_graphs[name]
    table = g.edge_table()
    assert str(table["weight"].dtype) == "Float64"
    assert table["kind"].dtype == object
    h = gr.from_pandas_edgelist(table, edge_attr=True, directed=G.is_directed())
    assert list(h.edges) == list(g.edges)
    for col in g.edge_attr_names():
        assert h.edge_array(col).to_list() == g.edge_array(col).to_list(), col
    nodes = g.node_table()
    assert nodes["key"].tolist() == list(G.nodes)
    assert str(nodes["rank"].dtype) == "Int64"
    assert nodes["rank"].isna().sum() == sum("rank" not in d for _, d in G.nodes(data=True))
    assert nodes["name"].tolist() == [d.get("name") for _, d in G.nodes(data=True)]
    h.close()
