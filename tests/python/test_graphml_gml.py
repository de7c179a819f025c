"""GraphML and GML: round trips of every attribute kind through groggy, and interop with
networkx (each reads what groggy writes, groggy reads what it writes); python-igraph in
test_igraph_interop.py."""

from __future__ import annotations

import gzip
import math
import re

import networkx as nx
import numpy as np
import pytest

import groggy as gr

FORMATS = [
    pytest.param(gr.read_graphml, gr.Graph.write_graphml, "g.graphml", id="graphml"),
    pytest.param(gr.read_gml, gr.Graph.write_gml, "g.gml", id="gml"),
]

ABSENT = object()


def typed_graph(directed: bool) -> gr.Graph:
    g = gr.Graph(directed=directed)
    g.add_node(
        -5,
        b=True,
        i8=np.int8(-128),
        i16=np.int16(32767),
        i32=np.int32(-(2**31)),
        i64=2**62,
        f32=np.float32(0.1),
        f64=float("nan"),
        s='é <&> "q"\t\n🎉',
    )
    g.add_node(7, f64=-0.0, s="")
    g.add_node(9)  # isolated, no attributes
    g.add_edge(7, -5, w=1e300, s="edge")
    g.add_edge(7, 7, w=float("inf"))
    g.add_edge(-5, 9)
    return g


def snapshot(g: gr.Graph) -> tuple:
    """Everything observable: direction, node and edge order, attribute names with their
    dtypes, and every value (absent told apart; NaN as a string so that it compares)."""

    def value(v: object) -> object:
        if isinstance(v, float):
            return ("float", repr(v))
        return (type(v).__name__, v)

    def attrs(get) -> list:
        return [value(get(name)) for name in names]

    names = g.node_attr_names()
    nodes = [(k, attrs(lambda n, k=k: g.get_node_attr(k, n, ABSENT))) for k in g.nodes]
    node_dtypes = [(n, g.node_array(n).dtype) for n in names]
    names = g.edge_attr_names()
    edges = [
        ((u, v), attrs(lambda n, u=u, v=v: g.get_edge_attr(u, v, n, ABSENT))) for u, v in g.edges
    ]
    edge_dtypes = [(n, g.edge_array(n).dtype) for n in names]
    return (g.directed, nodes, node_dtypes, edges, edge_dtypes)


@pytest.mark.parametrize(("read", "write", "name"), FORMATS)
@pytest.mark.parametrize("directed", [False, True])
def test_every_kind_round_trips_exactly(tmp_path, read, write, name, directed):
    g = typed_graph(directed)
    write(g, tmp_path / name)
    assert snapshot(read(tmp_path / name)) == snapshot(g)


@pytest.mark.parametrize(("read", "write", "name"), FORMATS)
def test_str_keys_unicode_and_empty_graphs_round_trip(tmp_path, read, write, name):
    g = gr.Graph()
    g.add_edge("1", "2")
    g.add_node('日本 "quoted" & <tagged>')
    back = read_back(read, write, g, tmp_path / name)
    assert list(back.nodes) == ["1", "2", '日本 "quoted" & <tagged>']
    assert snapshot(back) == snapshot(g)
    for directed in (False, True):
        empty = gr.Graph(directed=directed)
        assert snapshot(read_back(read, write, empty, tmp_path / name)) == snapshot(empty)


def read_back(read, write, g, path):
    write(g, path)
    return read(path)


def test_gml_keeps_int_and_str_keys_apart(tmp_path):
    g = gr.Graph()
    g.add_edge(1, "1", m=1)
    g.add_edge("1", "x", m="one")
    back = read_back(gr.read_gml, gr.Graph.write_gml, g, tmp_path / "k.gml")
    assert list(back.nodes) == [1, "1", "x"]
    assert snapshot(back) == snapshot(g)
    with pytest.raises(gr.InvalidArgumentError, match="mix ints and strings"):
        g.write_graphml(tmp_path / "k.graphml")


def test_gzip_is_recognised_by_content(tmp_path):
    g = typed_graph(False)
    g.write_graphml(tmp_path / "g.graphml")
    g.write_gml(tmp_path / "g.gml")
    for name, read in (("g.graphml", gr.read_graphml), ("g.gml", gr.read_gml)):
        zipped = tmp_path / (name + ".bin")
        zipped.write_bytes(gzip.compress((tmp_path / name).read_bytes()))
        assert snapshot(read(zipped)) == snapshot(g)


# ----- networkx ------------------------------------------------------------------------------


def nx_graph(directed: bool, str_nodes: bool) -> nx.Graph:
    G = nx.DiGraph() if directed else nx.Graph()
    a, b, c = ("a", "b", "c") if str_nodes else (0, 1, 2)
    G.add_node(a, name="zéro", flag=True, x=1.5, n=7)
    G.add_node(b)
    G.add_node(c, n=-3)
    G.add_edge(a, b, w=2.0, label="ab")
    G.add_edge(b, b, w=0.25)
    return G


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("str_nodes", [False, True])
def test_groggy_reads_networkx_graphml(tmp_path, directed, str_nodes):
    G = nx_graph(directed, str_nodes)
    nx.write_graphml(G, tmp_path / "nx.graphml")
    g = gr.read_graphml(tmp_path / "nx.graphml")
    assert g.directed == directed
    assert list(g.nodes) == list(G.nodes)  # int nodes read as int keys
    a, b, _ = list(G.nodes)
    assert dict(g.nodes[a]) == {"name": "zéro", "flag": True, "x": 1.5, "n": 7}
    assert dict(g.nodes[b]) == {}
    assert g.node_array("n").dtype == "int64"
    assert g.node_array("flag").dtype == "bool"
    assert dict(g.edges[a, b]) == {"w": 2.0, "label": "ab"}
    assert sorted(map(repr, g.edges)) == sorted(map(repr, G.edges))


@pytest.mark.parametrize("directed", [False, True])
def test_groggy_reads_networkx_gml(tmp_path, directed):
    G = nx_graph(directed, str_nodes=True)
    G.add_node("big", v=2**40)  # networkx writes ints beyond 32 bits as strings
    nx.write_gml(G, tmp_path / "nx.gml")
    g = gr.read_gml(tmp_path / "nx.gml")
    assert g.directed == directed
    assert list(g.nodes) == list(G.nodes)
    assert dict(g.nodes["a"]) == {"name": "zéro", "flag": 1, "x": 1.5, "n": 7}
    assert g.nodes["big"]["v"] == str(2**40)
    assert dict(g.edges["a", "b"]) == {"w": 2.0, "label": "ab"}
    # networkx writes int nodes as string labels, which networkx and groggy read as str.
    nx.write_gml(nx_graph(directed, str_nodes=False), tmp_path / "int.gml")
    assert list(gr.read_gml(tmp_path / "int.gml").nodes) == list(nx.read_gml(tmp_path / "int.gml"))


@pytest.mark.parametrize("directed", [False, True])
def test_networkx_reads_what_groggy_writes(tmp_path, directed):
    g = gr.Graph(directed=directed)
    g.add_node(0, name="zéro", flag=True, x=1.5, n=7, f=np.float32(0.5))
    g.add_node(1)
    g.add_edge(0, 1, w=2.0)
    g.add_edge(1, 2, w=float("inf"))
    g.write_graphml(tmp_path / "g.graphml")
    G = nx.read_graphml(tmp_path / "g.graphml", node_type=int)
    assert G.is_directed() == directed
    assert list(G.nodes) == [0, 1, 2]
    assert G.nodes[0] == {"name": "zéro", "flag": True, "x": 1.5, "n": 7, "f": 0.5}
    assert G.edges[1, 2]["w"] == math.inf
    g.write_gml(tmp_path / "g.gml")
    H = nx.read_gml(tmp_path / "g.gml")
    assert H.is_directed() == directed
    assert list(H.nodes) == [0, 1, 2]  # int keys are GML integer labels: read back as ints
    assert H.nodes[0] == {"name": "zéro", "flag": 1, "x": 1.5, "n": 7, "f": 0.5}
    assert H.edges[1, 2]["w"] == math.inf
    s = gr.Graph()
    s.add_edge("a & b", "日本", w=np.int8(3))
    s.write_gml(tmp_path / "s.gml")
    assert list(nx.read_gml(tmp_path / "s.gml").edges(data=True)) == [("a & b", "日本", {"w": 3})]


# ----- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("bad.graphml", "<graphml>\n<graph>\n  <node id='a'>\n</graph>", "bad.graphml:4:1:"),
        ("bad.graphml", "<graphml><graph>\n<node id='a' id='b'/></graph>", "bad.graphml:2:1:"),
        ("bad.gml", "graph [\n  node [ id 0 ]\n  node [ id 0 ]\n]", "bad.gml:3:3:"),
        ("bad.gml", "graph [\n  node [ id 99999999999999999999 ] ]", "bad.gml:2:13:"),
        ("bad.gml", "graph [\n  node [ id 0\n", "bad.gml:2:3:"),
    ],
)
def test_malformed_files_raise_with_line_and_column(tmp_path, name, text, where):
    (tmp_path / name).write_text(text)
    read = gr.read_graphml if name.endswith("graphml") else gr.read_gml
    with pytest.raises(gr.GroggyIOError, match=re.escape(where)):
        read(tmp_path / name)


def test_entities_are_never_expanded(tmp_path):
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n'
        '<graphml><graph><node id="&lol2;"/></graph></graphml>'
    )
    (tmp_path / "laughs.graphml").write_text(laughs)
    with pytest.raises(gr.GroggyIOError, match="declares entities"):
        gr.read_graphml(tmp_path / "laughs.graphml")
    external = (
        '<?xml version="1.0"?>\n<!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<graphml><graph><node id="&x;"/></graph></graphml>'
    )
    (tmp_path / "external.graphml").write_text(external)
    with pytest.raises(gr.GroggyIOError, match="declares entities"):
        gr.read_graphml(tmp_path / "external.graphml")


def test_what_the_formats_cannot_hold_is_refused_and_writes_nothing(tmp_path):
    null = gr.Graph()
    null.add_node(1, x=None)
    bad_name = gr.Graph()
    bad_name.add_node(1, **{"my attr": 1})
    mixed = gr.Graph()
    mixed.add_node(1, x=1)
    mixed.add_node(2, x="a")
    for g, write, words in [
        (null, gr.Graph.write_graphml, "no null"),
        (null, gr.Graph.write_gml, "no null"),
        (bad_name, gr.Graph.write_gml, "not a GML key"),
        (mixed, gr.Graph.write_graphml, "several kinds"),
    ]:
        with pytest.raises(gr.InvalidArgumentError, match=words):
            write(g, tmp_path / "out")
        assert not (tmp_path / "out").exists()
    mixed.write_gml(tmp_path / "mixed.gml")  # GML values carry their own kind
    assert snapshot(gr.read_gml(tmp_path / "mixed.gml")) == snapshot(mixed)
    with pytest.raises(gr.GroggyIOError, match=r"missing\.graphml"):
        gr.read_graphml(tmp_path / "missing.graphml")
