"""CSV tables with attributes from Python: ``gr.read_csv`` and ``Graph.write_csv``.

Covers: types inferred per column (int64, float64, bool, str; quoted fields as text; keys
too), empty fields as absent attributes, RFC 4180 quoting, CRLF, gzip by content, a nodes
file (order, isolated nodes, attributes), other column names and delimiters; round trips of
every kind a table holds (special floats, integral floats, strings that look like numbers or
bools, empty strings, Unicode, string and int keys, absent values, empty graphs, directed
graphs); what ``write_csv`` refuses (Null, other dtypes, mixed keys, nodes without a nodes
file) with nothing written; malformed files (truncated, unbalanced quotes, ragged rows, huge
numbers, bad UTF-8, empty keys) as ``GroggyIOError`` naming ``file:line:column``; argument
checks; the progress callback (values, a failing callback stopping the read); Ctrl-C; and
pandas: ``read_csv`` of what groggy writes and groggy's ``read_csv`` of what
``DataFrame.to_csv`` writes agree value for value.
"""

from __future__ import annotations

import gzip
import math
import os
import re
import signal
import threading
import time

import numpy as np
import pytest

import groggy as gr


def write(path, text: str | bytes):
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def same_graph(a: gr.Graph, b: gr.Graph) -> None:
    """Same directedness, keys (with their kinds) in order, edges in order, attributes
    with their dtypes and values (NaN equal to NaN), absent ones absent."""

    def same(x, y):
        if isinstance(x, float) and isinstance(y, float) and math.isnan(x):
            return math.isnan(y)
        return type(x) is type(y) and x == y

    assert a.directed == b.directed
    assert [(type(k), k) for k in a.nodes] == [(type(k), k) for k in b.nodes]
    assert list(a.edges) == list(b.edges)
    for n in a.nodes:
        x, y = dict(a.nodes[n]), dict(b.nodes[n])
        assert x.keys() == y.keys(), n
        assert all(same(x[k], y[k]) for k in x), (n, x, y)
    for u, v in a.edges:
        x, y = dict(a.edges[u, v]), dict(b.edges[u, v])
        assert x.keys() == y.keys(), (u, v)
        assert all(same(x[k], y[k]) for k in x), ((u, v), x, y)
    assert a.node_attr_names() == b.node_attr_names()
    assert a.edge_attr_names() == b.edge_attr_names()
    for name in a.node_attr_names():
        assert a.node_array(name).dtype == b.node_array(name).dtype, name
    for name in a.edge_attr_names():
        assert a.edge_array(name).dtype == b.edge_array(name).dtype, name


def round_trip(g: gr.Graph, tmp_path, nodes=True) -> gr.Graph:
    edges_path, nodes_path = tmp_path / "edges.csv", tmp_path / "nodes.csv"
    g.write_csv(edges_path, nodes_path if nodes else None)
    back = gr.read_csv(edges_path, nodes_path if nodes else None, directed=g.directed)
    same_graph(back, g)
    return back


# ----- reading ------------------------------------------------------------------------------


def test_types_are_inferred_per_column(tmp_path):
    path = write(
        tmp_path / "e.csv",
        "source,target,i,f,b,s,q\r\n"
        '1,2,7,1.5,true,x,"3"\r\n'
        '2,3,-8,2,False,4,""\r\n'
        "3,4,,inf,TRUE,,\r\n",
    )
    g = gr.read_csv(path)
    assert [type(k) for k in g.nodes] == [int] * 4
    assert {n: g.edge_array(n).dtype for n in "ifbsq"} == {
        "i": "int64",
        "f": "float64",
        "b": "bool",
        "s": "str",
        "q": "str",
    }
    assert g.edges[1, 2] == {"i": 7, "f": 1.5, "b": True, "s": "x", "q": "3"}
    assert g.edges[2, 3] == {"i": -8, "f": 2.0, "b": False, "s": "4", "q": ""}
    assert g.edges[3, 4] == {"f": math.inf, "b": True}, "empty fields are absent"
    with pytest.raises(KeyError):
        g.get_edge_attr(3, 4, "i")


def test_quoting_gzip_and_a_nodes_file(tmp_path):
    edges = write(
        tmp_path / "edges.txt",
        gzip.compress(b'source,target,note\n"a,b","x ""y""","two\nlines"\n"a,b",c,\n'),
    )
    nodes = write(tmp_path / "nodes.csv", 'key,age,name\nlonely,30,"日本"\nc,,\n')
    g = gr.read_csv(edges, nodes)
    assert list(g.nodes) == ["lonely", "c", "a,b", 'x "y"']
    assert g.edges["a,b", 'x "y"'] == {"note": "two\nlines"}
    assert g.nodes["lonely"] == {"age": 30, "name": "日本"}
    assert g.nodes["c"] == {}


def test_other_names_delimiter_and_direction(tmp_path):
    path = write(tmp_path / "e.tsv", "w\tfrom\tto\n0.5\t1\t2\n")
    g = gr.read_csv(path, source="from", target="to", delimiter="\t", directed=True)
    assert g.directed and g.has_edge(1, 2) and not g.has_edge(2, 1)
    assert g.edges[1, 2] == {"w": 0.5}
    nodes = write(tmp_path / "n.csv", "id\tx\n1\ttrue\n")
    g = gr.read_csv(path, nodes, source="from", target="to", delimiter="\t", key="id")
    assert g.nodes[1] == {"x": True}


def test_one_string_key_makes_every_key_a_string(tmp_path):
    edges = write(tmp_path / "e.csv", "source,target\n1,2\n")
    g = gr.read_csv(edges, write(tmp_path / "n.csv", 'key\n"x"\n'))
    assert list(g.nodes) == ["x", "1", "2"]


# ----- round trips --------------------------------------------------------------------------


def test_every_kind_a_table_holds_round_trips(tmp_path):
    g = gr.Graph(directed=True)
    g.add_node("isolated", n=-(2**63), label="1")
    g.add_node("ünï cødé ✓", label='日本語 "q", \r\n line', flag=True)
    g.add_node("12", label="")
    g.add_node("", label="true")
    g.add_node("true")
    floats = [1.0, 0.1, -0.0, 1e300, 5e-324, math.nan, math.inf, -math.inf, 2.0**53 + 2]
    keys = ["12", "", "true", "ünï cødé ✓", "isolated", "x", "y", "z", "NaN"]
    for i, x in enumerate(floats):
        g.add_edge(keys[i], keys[(i + 1) % len(keys)], w=x, i=i * 1_000_000_007)
    g.set_edge_attr("x", "y", "t", "1.5")
    g.set_edge_attr("y", "z", "ok", False)
    back = round_trip(g, tmp_path)
    assert back.edge_array("w").dtype == "float64"
    assert back.edges["12", ""]["w"] == 1.0 and isinstance(back.edges["12", ""]["w"], float)


def test_int_keys_absent_values_and_empty_graphs_round_trip(tmp_path):
    g = gr.Graph()
    g.add_edge(-5, 7, weight=2.5)
    g.add_edge(7, 8)
    g.add_node(2**63 - 1, score=1)
    g.add_node(3)
    round_trip(g, tmp_path)
    round_trip(gr.Graph(), tmp_path)
    round_trip(gr.Graph(directed=True), tmp_path)
    # Without a nodes file, when the edges name every node in order.
    h = gr.Graph()
    h.add_edge(3, 1, w=2.0, s="a")
    round_trip(h, tmp_path, nodes=False)
    assert (tmp_path / "edges.csv").read_text() == 'source,target,w,s\n3,1,2.0,"a"\n'


def test_write_csv_refuses_what_it_cannot_hold_exactly(tmp_path):
    edges, nodes = tmp_path / "out" / "e.csv", tmp_path / "out" / "n.csv"
    edges.parent.mkdir()

    def refused(g, match, with_nodes=True):
        with pytest.raises(gr.InvalidArgumentError, match=match):
            g.write_csv(edges, nodes if with_nodes else None)
        assert not list(edges.parent.iterdir()), "a refused write left a file"

    for value, match in [
        (None, "set to null"),
        (np.int32(1), "int32"),
        (np.float32(1.5), "float32"),
        (b"x", "bytes"),
    ]:
        g = gr.Graph()
        g.add_edge(1, 2, x=value)
        refused(g, match)
    mixed = gr.Graph()
    mixed.add_edge(1, 2, x=1)
    mixed.add_edge(2, 3, x="a")
    refused(mixed, "mixed")
    keys = gr.Graph()
    keys.add_edge(1, "1")
    refused(keys, "mix ints and strings")
    isolated = gr.Graph()
    isolated.add_edge(1, 2)
    isolated.add_node(3)
    refused(isolated, "nodes file", with_nodes=False)
    attrs = gr.Graph()
    attrs.add_node(1, a=1)
    attrs.add_edge(1, 2)
    refused(attrs, "node attributes", with_nodes=False)
    clash = gr.Graph()
    clash.add_edge(1, 2, source=1)
    refused(clash, "key column")
    with pytest.raises(gr.InvalidArgumentError, match="number"):
        isolated.write_csv(edges, nodes, delimiter="1")
    with pytest.raises(ValueError, match="one character"):
        isolated.write_csv(edges, nodes, delimiter=";;")
    with pytest.raises(TypeError, match="key must be a str"):
        isolated.write_csv(edges, nodes, key=1)


# ----- malformed files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (b"", ":1:1: no header"),
        (b"source,target\n1,2\n3", ":3:2: a row of 1 fields"),  # truncated
        (b"source,target\n1,2,3\n", ":2:5: a row of 3 fields"),
        (b'source,target,s\n1,2,"open\n', ":2:5: quoted field never closed"),
        (b'source,target\n1,2"\n', ":2:4: quote inside an unquoted field"),
        (b'source,target\n"1"2,3\n', ":2:4: expected the delimiter"),
        (b"source,target\n,2\n", ":2:1: empty node key"),
        (b"source,target,w\n1,2,1\n2,3,99999999999999999999\n", ":3:5: number"),
        (b"source,target,w\n1,2,1e999\n", ":2:5: number 1e999"),
        (b"source,target,s\n1,2,\xff\xfe\n", ":2:5: field"),
        (b"a,b\n1,2\n", ":1:1: no column named 'source'"),
        (b",source,target\n0,1,2\n", ":1:1: column 1 has no name (pandas writes its index"),
    ],
)
def test_malformed_files_name_file_line_and_column(tmp_path, text, where):
    path = write(tmp_path / "bad.csv", text)
    with pytest.raises(gr.GroggyIOError, match=re.escape("bad.csv" + where)):
        gr.read_csv(path)


def test_a_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        gr.read_csv(tmp_path / "missing.csv")
    edges = write(tmp_path / "e.csv", "source,target\n1,2\n")
    with pytest.raises(gr.GroggyIOError, match=r"nope\.csv"):
        gr.read_csv(edges, tmp_path / "nope.csv")


def test_arguments_are_checked(tmp_path):
    edges = write(tmp_path / "e.csv", "source,target\n1,2\n")
    with pytest.raises(ValueError, match="one character"):
        gr.read_csv(edges, delimiter="")
    with pytest.raises(gr.InvalidArgumentError, match="delimiter"):
        gr.read_csv(edges, delimiter='"')
    with pytest.raises(gr.InvalidArgumentError, match="both named"):
        gr.read_csv(edges, target="source")
    with pytest.raises(TypeError):
        gr.read_csv(edges, source=None)
    with pytest.raises(TypeError):
        gr.read_csv(edges, directed="yes")


# ----- progress and Ctrl-C --------------------------------------------------------------------


def test_progress_reports_bytes_of_both_files(tmp_path):
    rows = "".join(f"{i},{i + 1},{i}.5\n" for i in range(100_000))
    edges = write(tmp_path / "e.csv", "source,target,w\n" + rows)
    nodes = write(tmp_path / "n.csv", "key\n0\n")
    total = edges.stat().st_size + nodes.stat().st_size
    calls = []
    g = gr.read_csv(edges, nodes, progress=lambda done, all_: calls.append((done, all_)))
    assert g.edge_count == 100_000
    assert len(calls) >= 2
    assert all(t == total for _, t in calls)
    assert [d for d, _ in calls] == sorted({d for d, _ in calls})
    assert calls[-1] == (total, total)

    class Stop(Exception):
        pass

    def stop(done, total):
        raise Stop

    with pytest.raises(Stop):
        gr.read_csv(edges, progress=stop)


def test_ctrl_c_stops_a_read_of_an_endless_stream(tmp_path):
    fifo = tmp_path / "endless.csv"
    os.mkfifo(fifo)
    done = threading.Event()

    def writer():
        with open(fifo, "wb") as f:
            f.write(b"source,target\n")
            row = b"".join(b"%d,%d\n" % (i, i + 1) for i in range(1000))
            try:
                while not done.is_set():
                    f.write(row)
            except BrokenPipeError:
                pass

    feeding = threading.Thread(target=writer, daemon=True)
    feeding.start()
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        started = time.monotonic()
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            gr.read_csv(fifo)
        assert time.monotonic() - started < 10
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
        done.set()
    for t in threading.enumerate():
        if t.name == "groggy-io":
            t.join(10)
            assert not t.is_alive()
    feeding.join(10)


# ----- pandas -------------------------------------------------------------------------------


def test_pandas_reads_what_groggy_writes(tmp_path):
    pd = pytest.importorskip("pandas")
    g = gr.Graph()
    g.add_edge(1, 2, w=0.5, n=3, ok=True, name='a, "b"')
    g.add_edge(2, 3, w=1.0, n=-4, ok=False, name="日本")
    g.add_edge(3, 4, w=math.inf, n=5, ok=True, name="")
    g.add_node(9, age=30)
    g.write_csv(tmp_path / "e.csv", tmp_path / "n.csv")
    df = pd.read_csv(tmp_path / "e.csv", keep_default_na=False)
    assert list(df.columns) == ["source", "target", "w", "n", "ok", "name"]
    assert df["source"].tolist() == [1, 2, 3] and df["target"].tolist() == [2, 3, 4]
    assert df["w"].tolist() == [0.5, 1.0, math.inf]
    assert df["n"].tolist() == [3, -4, 5]
    assert df["ok"].tolist() == [True, False, True]
    assert df["name"].tolist() == ['a, "b"', "日本", ""]
    nodes = pd.read_csv(tmp_path / "n.csv")
    assert nodes["key"].tolist() == [1, 2, 3, 4, 9]
    assert nodes["age"].isna().tolist() == [True] * 4 + [False]
    assert nodes["age"].iloc[-1] == 30


def test_groggy_reads_what_pandas_writes(tmp_path):
    pd = pytest.importorskip("pandas")
    edges = pd.DataFrame(
        {
            "source": ["a", "b", "c"],
            "target": ["b", "c", "a"],
            "weight": [0.5, 1.0, np.nan],
            "count": [1, 2, 3],
            "ok": [True, False, True],
            "label": ["x, y", 'say "hi"', None],
        }
    )
    edges.to_csv(tmp_path / "e.csv", index=False)
    nodes = pd.DataFrame({"key": ["a", "d"], "age": [30, 40]})
    nodes.to_csv(tmp_path / "n.csv", index=False)
    g = gr.read_csv(tmp_path / "e.csv", tmp_path / "n.csv")
    assert list(g.nodes) == ["a", "d", "b", "c"]
    assert g.edges["a", "b"] == {"weight": 0.5, "count": 1, "ok": True, "label": "x, y"}
    assert g.edges["b", "c"] == {"weight": 1.0, "count": 2, "ok": False, "label": 'say "hi"'}
    assert g.edges["c", "a"] == {"count": 3, "ok": True}, "pandas writes NaN and None empty"
    assert g.nodes["d"] == {"age": 40}
    # The edge table groggy gives back equals pandas' own reading of the file.
    back = g.edge_table()
    theirs = pd.read_csv(tmp_path / "e.csv")

    def values(column):
        return [None if pd.isna(x) else x for x in column.tolist()]

    for column in theirs.columns:
        assert values(back[column]) == values(theirs[column]), column
