"""Files from Python: edge lists (``gr.read_edgelist``, ``Graph.write_edgelist``) and the
native format (``Graph.save``, ``gr.load``, ``groggy.files.is_native_file``).

Covers: whitespace, TAB, CRLF, byte-order mark, comment and blank lines, custom and no
comment prefix, ``header=True``, one-character delimiters (comma, TAB, multi-byte) with
trimmed fields and empty weights, gzip recognised by content (a ``.txt`` gzip, a plain
``.gz``, multi-member, truncated gzip), weights (a third column, special floats, rejected
text), ``keys="auto"`` / ``"int"`` / ``"str"``, malformed lines (GroggyIOError naming the
file and the line, counting comment and blank lines, inside gzip too), missing files and
folders, argument checks, path types, progress callbacks (values, a failing callback
stopping the load), the two bundled SNAP graphs against networkx; write_edgelist
round trips (special floats, delimiters, string keys, the data files read back
identically), what it drops, keys it refuses (nothing written, the previous file kept), bad
delimiters; save/load round trips of every attribute kind (Float32 and Float64 bits, NaN
payloads, Bytes, Null, absent, mixed columns, empty strings and keys, int and string keys
of the same text, removed nodes and edges, storage kinds that keep behaving the same after
load, byte-identical re-saves), atomic saves (missing folder, a folder as target, a write
failing midway under RLIMIT_FSIZE, symlinks), load errors (missing, empty, foreign,
truncated, future version, bad checksums and flags), is_native_file, and a corruption fuzz
of thousands of damaged files run in a subprocess, so that a crash, a hang or an unbounded
allocation fails the test instead of the test run.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import numpy as np
import pytest

import groggy as gr
from groggy import files as gr_files

DATA = Path(__file__).resolve().parents[2] / "python" / "groggy" / "data"
CA_GRQC = DATA / "ca-GrQc.txt.gz"
WIKI_VOTE = DATA / "wiki-Vote.txt.gz"

MAGIC = b"\x89GROGGY\n"
HEADER_LEN = 20
SECTION_TAGS = (b"NODE", b"EDGE", b"NATR", b"EATR")


# ----- helpers ---------------------------------------------------------------------------


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def edges_of(g):
    return [(u, v, dict(d)) for u, v, d in g.edges(data=True)]


def summary(g):
    """Directedness, node keys in order and edges (with attributes) in order."""
    return g.directed, list(g.nodes), edges_of(g)


def float_bits(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def same_value(a, b) -> bool:
    """Equal and of the same type; floats compared bit for bit (NaN, -0.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return float_bits(a) == float_bits(b)
    return a == b


def same_attrs(a: dict, b: dict) -> bool:
    return list(a) == list(b) and all(same_value(a[k], b[k]) for k in a)


def assert_same_graph(actual, expected):
    """Everything observable is the same: directedness, keys (and their kinds) in order,
    edges in order, column names, dtypes, and every value exactly."""
    assert actual.directed == expected.directed
    assert [(type(k), k) for k in actual.nodes] == [(type(k), k) for k in expected.nodes]
    assert list(actual.edges) == list(expected.edges)
    assert actual.node_attr_names() == expected.node_attr_names()
    assert actual.edge_attr_names() == expected.edge_attr_names()
    for key, attrs in expected.nodes(data=True):
        assert same_attrs(actual.nodes[key], attrs), (key, actual.nodes[key], attrs)
    for (u, v, attrs), (au, av, aattrs) in zip(edges_of(expected), edges_of(actual)):
        assert (au, av) == (u, v)
        assert same_attrs(aattrs, attrs), (u, v, aattrs, attrs)
    for name in expected.node_attr_names():
        a, e = actual.node_array(name), expected.node_array(name)
        assert a.dtype == e.dtype, name
        assert len(a) == len(e)
        assert all(same_value(x, y) for x, y in zip(a.to_list(), e.to_list())), name
    for name in expected.edge_attr_names():
        a, e = actual.edge_array(name), expected.edge_array(name)
        assert a.dtype == e.dtype, name
        assert all(same_value(x, y) for x, y in zip(a.to_list(), e.to_list())), name


def rich_graph(directed: bool = True):
    """A graph with every attribute kind, Null and absent values, mixed columns, empty
    strings and bytes, an empty string key, int and string keys of the same text, and
    removed nodes and edges."""
    g = gr.Graph(directed=directed)
    g.add_node(
        1,
        n=None,
        b=True,
        i8=np.int8(-128),
        i16=np.int16(-32768),
        i32=np.int32(2**31 - 1),
        i64=-(2**63),
        f32=np.float32(0.1),
        f64=-0.0,
        s="",
        by=b"",
        mix=1,
    )
    g.add_node(
        "1",
        b=False,
        s="日本\x00é",
        by=b"\x00\xff\x89GROGGY\n",
        mix="x",
        f32=np.float32("nan"),
        f64=float("nan"),
    )
    g.add_node(2, mix=b"z", f64=5e-324, f32=np.float32(1e-45), i8=np.int8(127))
    g.add_node(4, doomed=1)
    g.add_node(3, mix=None, s="tab\there\nnewline")
    g.add_node("", mix=np.float32(2.5), i64=2**63 - 1, f64=float("-inf"))
    g.add_node(-7)
    g.remove_node(4)
    g.add_edge(1, "1", w=1.5, tag="a", weight=0.25)
    g.add_edge("1", 2, w=None)
    g.add_edge(2, -7, tag=b"q", weight=float("inf"))
    g.add_edge(-7, 1, gone=True)
    g.add_edge(3, 3, w=np.int16(4), tag="")
    g.add_edge("", 1, weight=-1e300)
    g.remove_edge(-7, 1)
    return g


# ----- edge lists: reading ---------------------------------------------------------------


def test_whitespace_comments_blank_lines_crlf_and_weights(tmp_path):
    path = write(
        tmp_path / "a.txt",
        b"# a comment\n1 2\r\n\n2\t3   4.5\r\n   # an indented comment\n \t \n3 1\n1 4 -2e3",
    )
    g = gr.read_edgelist(path)
    assert summary(g) == (
        False,
        [1, 2, 3, 4],
        [
            (1, 2, {}),
            (2, 3, {"weight": 4.5}),
            (3, 1, {}),
            (1, 4, {"weight": -2000.0}),
        ],
    )
    assert g.edge_array("weight").dtype == "float64"
    assert g.edge_array("weight").null_count == 2


def test_no_third_column_means_no_weight_column(tmp_path):
    g = gr.read_edgelist(write(tmp_path / "a.txt", b"1 2\n2 3\n"))
    assert g.edge_attr_names() == []
    assert edges_of(g) == [(1, 2, {}), (2, 3, {})]
    assert g.node_attr_names() == []


def test_byte_order_mark_is_dropped(tmp_path):
    g = gr.read_edgelist(write(tmp_path / "bom.txt", b"\xef\xbb\xbfa b\n"))
    assert list(g.nodes) == ["a", "b"]
    g = gr.read_edgelist(write(tmp_path / "bom2.txt", b"\xef\xbb\xbf1 2\n"))
    assert list(g.nodes) == [1, 2]


def test_comment_prefix_can_be_changed_or_turned_off(tmp_path):
    path = write(tmp_path / "c.txt", b"% skipped\n%% also skipped\n#a #b\n")
    assert edges_of(gr.read_edgelist(path, comments="%")) == [("#a", "#b", {})]
    with pytest.raises(gr.GroggyIOError, match=r"c\.txt:2: weight \"skipped\""):
        gr.read_edgelist(path, comments="")
    path = write(tmp_path / "d.txt", b"// x y z w\n1 2\n")
    assert edges_of(gr.read_edgelist(path, comments="//")) == [(1, 2, {})]
    path = write(tmp_path / "e.txt", b"#a #b\n")
    assert edges_of(gr.read_edgelist(path, comments="")) == [("#a", "#b", {})]
    assert gr.read_edgelist(path).edge_count == 0


def test_header_skips_the_first_line_that_is_not_a_comment(tmp_path):
    path = write(tmp_path / "h.csv", b"# written by hand\n\nsource,target,weight\n1,2,0.5\n")
    g = gr.read_edgelist(path, delimiter=",", header=True)
    assert edges_of(g) == [(1, 2, {"weight": 0.5})]
    with pytest.raises(gr.GroggyIOError, match=r"h\.csv:3: weight \"weight\" is not a number"):
        gr.read_edgelist(path, delimiter=",")
    # Only the first such line goes.
    path = write(tmp_path / "h2.txt", b"a b\nc d\n")
    assert edges_of(gr.read_edgelist(path, header=True)) == [("c", "d", {})]


def test_delimiter_splits_on_one_character_and_trims_fields(tmp_path):
    path = write(tmp_path / "d.csv", b" a , b , 1.5 \nb,c,\nc,a\nd e,f g,2\n")
    g = gr.read_edgelist(path, delimiter=",")
    assert summary(g) == (
        False,
        ["a", "b", "c", "d e", "f g"],
        [
            ("a", "b", {"weight": 1.5}),
            ("b", "c", {}),
            ("c", "a", {}),
            ("d e", "f g", {"weight": 2.0}),
        ],
    )
    g = gr.read_edgelist(write(tmp_path / "t.tsv", b"new york\tparis\t3\n"), delimiter="\t")
    assert edges_of(g) == [("new york", "paris", {"weight": 3.0})]
    g = gr.read_edgelist(write(tmp_path / "u.txt", "a§b§2\n".encode()), delimiter="§")
    assert edges_of(g) == [("a", "b", {"weight": 2.0})]
    g = gr.read_edgelist(write(tmp_path / "i.csv", b"1,2\n3,4,7\n"), delimiter=",")
    assert summary(g) == (
        False,
        [1, 2, 3, 4],
        [(1, 2, {}), (3, 4, {"weight": 7.0})],
    )


def test_gzip_is_recognised_by_content_not_by_name(tmp_path):
    body = b"# gz\n1 2 0.5\r\n2 3\n"
    plain = gr.read_edgelist(write(tmp_path / "plain.txt", body))
    as_txt = gr.read_edgelist(write(tmp_path / "compressed.txt", gzip.compress(body)))
    as_gz = gr.read_edgelist(write(tmp_path / "plain.gz", body))
    no_name = gr.read_edgelist(write(tmp_path / "noext", gzip.compress(body)))
    for g in (as_txt, as_gz, no_name):
        assert summary(g) == summary(plain)
    members = gzip.compress(b"1 2\n") + gzip.compress(b"2 3\n3 4")
    g = gr.read_edgelist(write(tmp_path / "members.bin", members))
    assert list(g.edges) == [(1, 2), (2, 3), (3, 4)]


def test_damaged_gzip_raises(tmp_path):
    data = gzip.compress(b"".join(b"%d %d\n" % (i, i + 1) for i in range(2000)))
    path = write(tmp_path / "cut.gz", data[: len(data) // 2])
    with pytest.raises(gr.GroggyIOError) as info:
        gr.read_edgelist(path)
    assert "cut.gz" in str(info.value)
    bad = bytearray(data)
    bad[len(bad) // 2] ^= 0xFF
    bad[-8] ^= 0xFF  # the CRC in the trailer, in case the flip decodes anyway
    with pytest.raises(gr.GroggyIOError):
        gr.read_edgelist(write(tmp_path / "flip.gz", bytes(bad)))


def test_keys_auto_int_and_str(tmp_path):
    ints = write(tmp_path / "ints.txt", b"007 +8\n-1 9223372036854775807\n-9223372036854775808 7\n")
    g = gr.read_edgelist(ints)
    assert list(g.nodes) == [7, 8, -1, 2**63 - 1, -(2**63)]
    assert all(type(k) is int for k in g.nodes)
    g = gr.read_edgelist(ints, keys="str")
    assert list(g.nodes) == ["007", "+8", "-1", "9223372036854775807", "-9223372036854775808", "7"]
    assert gr.read_edgelist(ints, keys="int").node_count == 5

    # One key that is not an int64 makes every key a string.
    mixed = write(tmp_path / "mixed.txt", b"1 2\n2 a\n")
    assert list(gr.read_edgelist(mixed).nodes) == ["1", "2", "a"]
    big = write(tmp_path / "big.txt", b"1 2\n2 9223372036854775808\n")
    assert list(gr.read_edgelist(big).nodes) == ["1", "2", "9223372036854775808"]
    with pytest.raises(gr.GroggyIOError, match=r"mixed\.txt:2: .*\"a\".*64-bit integer"):
        gr.read_edgelist(mixed, keys="int")
    with pytest.raises(gr.GroggyIOError, match=r"big\.txt:2:"):
        gr.read_edgelist(big, keys="int")
    g = gr.read_edgelist(write(tmp_path / "u.txt", "日本 中国\n".encode()))
    assert list(g.nodes) == ["日本", "中国"]


def test_keys_keep_their_kind(tmp_path):
    path = write(tmp_path / "k.txt", b"1 2\n")
    as_str = gr.read_edgelist(path, keys="str")
    assert "1" in as_str and 1 not in as_str
    as_int = gr.read_edgelist(path)
    assert 1 in as_int and "1" not in as_int


def test_duplicate_edges_update_and_self_loops(tmp_path):
    path = write(tmp_path / "dup.txt", b"1 2 1.0\n2 1 5.0\n1 1\n1 2\n")
    g = gr.read_edgelist(path)
    # A repeated edge without a weight keeps the one it has (networkx's add_edge(u, v)).
    assert edges_of(g) == [(1, 2, {"weight": 5.0}), (1, 1, {})]
    path = write(tmp_path / "dup2.txt", b"1 2 1.0\n2 1 5.0\n1 1\n")
    g = gr.read_edgelist(path)
    assert edges_of(g) == [(1, 2, {"weight": 5.0}), (1, 1, {})]
    d = gr.read_edgelist(path, directed=True)
    assert d.directed
    assert edges_of(d) == [
        (1, 2, {"weight": 1.0}),
        (2, 1, {"weight": 5.0}),
        (1, 1, {}),
    ]


@pytest.mark.parametrize(
    "text",
    [
        b"1 2 2.0\n2 3\n",
        b"1 2\n2 3 0.5\n3 4\n",
        b"1 2 1.0\n2 1\n1 1\n1 1 3\n",
        b"a b\nb c 4\nb a 2.5\nc a\n",
    ],
)
@pytest.mark.parametrize("directed", [False, True])
def test_lines_without_a_weight_read_like_networkx(tmp_path, text, directed):
    import networkx as nx

    path = write(tmp_path / "w.txt", text)
    g = gr.read_edgelist(path, directed=directed)
    nodetype = str if text.startswith(b"a") else int
    G = nx.read_edgelist(
        path,
        nodetype=nodetype,
        data=[("weight", float)],
        create_using=nx.DiGraph if directed else nx.Graph,
    )
    assert list(g.nodes) == list(G.nodes)

    def by_edge(edges) -> dict:  # networkx lists edges by node, groggy as added
        return {(u, v) if directed else frozenset((u, v)): dict(d) for u, v, d in edges}

    assert by_edge(g.edges(data=True)) == by_edge(G.edges(data=True))
    # to_networkx carries no weight=None for an edge that has no weight.
    H = g.to_networkx()
    assert by_edge(H.edges(data=True)) == by_edge(G.edges(data=True))
    assert nx.utils.graphs_equal(H, G)


def test_an_edge_without_a_weight_writes_and_reads_back_without_one(tmp_path):
    g = gr.read_edgelist(write(tmp_path / "in.txt", b"1 2 2.0\n2 3\n"))
    assert g.edges[2, 3] == {}
    assert "weight" not in g.to_networkx().edges[2, 3]
    out = tmp_path / "out.txt"
    g.write_edgelist(out)
    assert out.read_bytes() == b"1 2 2.0\n2 3\n"
    back = gr.read_edgelist(out)
    assert edges_of(back) == [(1, 2, {"weight": 2.0}), (2, 3, {})]
    # The same for a weight removed from an edge.
    del back.edges[1, 2]["weight"]
    back.write_edgelist(out)
    assert out.read_bytes() == b"1 2\n2 3\n"
    assert gr.read_edgelist(out).edge_attr_names() == []


def test_weights_are_parsed_as_floats(tmp_path):
    path = write(tmp_path / "w.txt", b"1 2 nan\n2 3 inf\n3 4 -1e300\n4 5 1E3\n5 6 3\n6 7 -inf\n")
    w = [e[2]["weight"] for e in edges_of(gr.read_edgelist(path))]
    assert math.isnan(w[0])
    assert w[1:] == [math.inf, -1e300, 1000.0, 3.0, -math.inf]
    assert all(type(x) is float for x in w)


@pytest.mark.parametrize(
    ("content", "line", "fragment", "kwargs"),
    [
        (b"1 2\n\n3\n", 3, "1 field", {}),
        (b"1 2 3 4\n", 1, "more than 3 fields", {}),
        (b"# c\n\n1 2\n1 2 heavy\n", 4, 'weight "heavy" is not a number', {}),
        (b"1 2 0x10\n", 1, "not a number", {}),
        (b"a,,1\n", 1, "empty node key", {"delimiter": ","}),
        (b"a,b,c,d\n", 1, "more than 3 fields", {"delimiter": ","}),
        (b"a\n", 1, "','", {"delimiter": ","}),
        (b"1 2\n\xff 1\n", 2, "not valid UTF-8", {}),
        (b"1 2\n1 y\n", 2, "not a 64-bit integer", {"keys": "int"}),
    ],
)
def test_malformed_line_names_the_file_and_the_line(tmp_path, content, line, fragment, kwargs):
    path = write(tmp_path / "bad.txt", content)
    with pytest.raises(gr.GroggyIOError) as info:
        gr.read_edgelist(path, **kwargs)
    err = info.value
    assert isinstance(err, OSError)
    assert isinstance(err, RuntimeError)
    assert isinstance(err, gr.GroggyError)
    assert f"{path}:{line}:" in str(err)
    assert fragment in str(err)


def test_malformed_line_inside_gzip(tmp_path):
    path = write(tmp_path / "bad.gz", gzip.compress(b"1 2\n2 3\n\n# c\n4\n"))
    with pytest.raises(gr.GroggyIOError, match=r"bad\.gz:5: .*1 field"):
        gr.read_edgelist(path)


def test_missing_file_and_folder(tmp_path):
    missing = tmp_path / "nowhere" / "edges.txt"
    with pytest.raises(gr.GroggyIOError) as info:
        gr.read_edgelist(missing)
    assert isinstance(info.value, OSError)
    assert str(missing) in str(info.value)
    with pytest.raises(gr.GroggyIOError) as info:
        gr.read_edgelist(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_empty_and_comment_only_files_give_empty_graphs(tmp_path):
    for name, content in [("empty.txt", b""), ("comments.txt", b"# a\n\n# b\n"), ("nl", b"\n\n")]:
        g = gr.read_edgelist(write(tmp_path / name, content), directed=True)
        assert (g.node_count, g.edge_count, g.directed) == (0, 0, True)
    g = gr.read_edgelist(write(tmp_path / "only-header.csv", b"u,v\n"), delimiter=",", header=True)
    assert g.node_count == 0


def test_argument_checks(tmp_path):
    path = write(tmp_path / "a.txt", b"1 2\n")
    with pytest.raises(ValueError, match="keys"):
        gr.read_edgelist(path, keys="float")
    for delimiter in (",,", ""):
        with pytest.raises(ValueError, match="delimiter"):
            gr.read_edgelist(path, delimiter=delimiter)
    with pytest.raises(ValueError):
        gr.read_edgelist(path, delimiter="\n")
    with pytest.raises(TypeError):
        gr.read_edgelist(path, comments=None)


def test_path_types(tmp_path):
    path = write(tmp_path / "a.txt", b"1 2\n")
    expected = summary(gr.read_edgelist(str(path)))
    assert summary(gr.read_edgelist(path)) == expected
    assert summary(gr.read_edgelist(os.fsencode(path))) == expected
    g = gr.read_edgelist(path)
    g.save(tmp_path / "a.groggy")
    assert summary(gr.load(os.fsencode(tmp_path / "a.groggy"))) == expected
    assert summary(gr.load(str(tmp_path / "a.groggy"))) == expected


def test_progress_callback_reports_bytes(tmp_path):
    calls = []
    g = gr.read_edgelist(CA_GRQC, progress=lambda done, total: calls.append((done, total)))
    assert g.edge_count == 14496
    size = CA_GRQC.stat().st_size
    assert calls, "the progress callback was never called"
    assert calls[-1] == (size, size)
    assert all(total == size for _, total in calls)
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert all(0 <= d <= size for d in dones)

    # A plain file: reported against its own size, ending at 100%.
    lines = b"".join(b"%d %d\n" % (i, i + 1) for i in range(20000))
    path = write(tmp_path / "plain.txt", lines)
    calls.clear()
    gr.read_edgelist(path, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) >= 10
    assert calls[-1] == (len(lines), len(lines))
    # A file that turns out to have string keys is read twice; progress never goes back.
    path = write(tmp_path / "late-str.txt", lines + b"a b\n")
    calls.clear()
    g = gr.read_edgelist(path, progress=lambda done, total: calls.append((done, total)))
    assert "a" in g
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert calls[-1] == (len(lines) + 4, len(lines) + 4)


class StopReading(Exception):
    pass


def test_a_failing_progress_callback_stops_the_load(tmp_path):
    calls = []

    def stop(done, total):
        calls.append(done)
        raise StopReading("enough")

    with pytest.raises(StopReading, match="enough"):
        gr.read_edgelist(WIKI_VOTE, directed=True, progress=stop)
    assert len(calls) == 1
    # The library still works afterwards.
    assert gr.read_edgelist(write(tmp_path / "a.txt", b"1 2\n")).edge_count == 1


def test_a_callback_that_stopped_the_load_is_not_called_again(tmp_path):
    """Once the callback has raised, the load stops: the callback is not called again and
    the rest of the file is not read. (Today the reader goes on to its next cancellation
    check, up to 65,536 lines later, calling the callback again all along.)"""
    lines = b"".join(b"%d %d\n" % (i, i + 1) for i in range(30000))
    path = write(tmp_path / "plain.txt", lines)
    calls = []

    def stop(done, total):
        calls.append(done)
        raise StopReading("enough")

    with pytest.raises(StopReading):
        gr.read_edgelist(path, progress=stop)
    assert calls[-1] < len(lines), "the whole file was read after the callback raised"
    assert len(calls) == 1, f"called {len(calls)} times: {calls[:3]} ... {calls[-1]}"


def test_progress_true_is_silent_when_stderr_is_not_a_terminal(capfd):
    g = gr.read_edgelist(CA_GRQC, progress=True)
    assert g.node_count == 5242
    out, err = capfd.readouterr()
    assert out == ""
    assert err == ""


def test_ca_grqc_matches_its_description_and_networkx():
    import networkx as nx

    g = gr.read_edgelist(CA_GRQC)
    assert not g.directed
    assert (g.node_count, g.edge_count) == (5242, 14496)
    assert all(type(k) is int for k in g.nodes)
    components = g.connected_components()
    assert len(components) == 355
    assert len(components[0]) == 4158
    with gzip.open(CA_GRQC, "rt") as f:
        h = nx.read_edgelist(f, nodetype=int, comments="#")
    assert set(g.nodes) == set(h.nodes)
    assert {frozenset(e) for e in g.edges} == {frozenset(e) for e in h.edges}
    assert sorted((len(c) for c in components), reverse=True) == sorted(
        (len(c) for c in nx.connected_components(h)), reverse=True
    )
    # File order: the first line of data is "3466 937".
    assert list(g.nodes)[:2] == [3466, 937]
    assert next(iter(g.edges)) == (3466, 937)


def test_wiki_vote_matches_its_description():
    g = gr.read_edgelist(WIKI_VOTE, directed=True)
    assert g.directed
    assert (g.node_count, g.edge_count) == (7115, 103689)
    weak = g.connected_components()
    assert len(weak) == 24
    assert len(weak[0]) == 7066
    assert len(g.strongly_connected_components()[0]) == 1300
    as_str = gr.read_edgelist(WIKI_VOTE, directed=True, keys="str")
    assert (as_str.node_count, as_str.edge_count) == (7115, 103689)
    assert list(as_str.nodes)[:20] == [str(k) for k in list(g.nodes)[:20]]


# ----- edge lists: writing ---------------------------------------------------------------


def test_write_edgelist_text_and_round_trip(tmp_path):
    g = gr.Graph()
    g.add_edge(1, 2, weight=0.1)
    g.add_edge(2, 3)
    g.add_edge(3, 3, weight=1e300)
    g.add_edge(-5, 2, weight=float("nan"))
    g.add_edge(4, 5, weight=float("-inf"))
    g.add_edge(6, 7, weight=-0.0)
    g.add_edge(7, 8, weight=5e-324)
    g.add_edge(8, 9, weight=7)
    path = tmp_path / "out.txt"
    g.write_edgelist(path)
    assert path.read_bytes() == (
        b"1 2 0.1\n2 3\n3 3 1e300\n-5 2 NaN\n4 5 -inf\n6 7 -0.0\n7 8 5e-324\n8 9 7\n"
    )
    back = gr.read_edgelist(path)
    assert list(back.nodes) == list(g.nodes)
    assert list(back.edges) == list(g.edges)
    for (_, _, a), (_, _, b) in zip(edges_of(back), edges_of(g)):
        if "weight" in b:
            assert same_value(a["weight"], float(b["weight"]))
        else:
            assert "weight" not in a  # absent, as written
    for delimiter in (",", "\t", ";", "|"):
        out = tmp_path / f"out{ord(delimiter)}.txt"
        g.write_edgelist(out, delimiter=delimiter)
        assert out.read_bytes() == path.read_bytes().replace(b" ", delimiter.encode())
        again = gr.read_edgelist(out, delimiter=delimiter)
        assert list(again.edges) == list(g.edges)
        assert len(again.edge_array("weight")) == g.edge_count
    assert edges_of(gr.read_edgelist(tmp_path / "out9.txt"))[0] == (1, 2, {"weight": 0.1})


def test_write_edgelist_string_keys_directed(tmp_path):
    g = gr.Graph(directed=True)
    g.add_edge("a", "b", weight=np.float32(0.5))
    g.add_edge("b", "a", weight=np.int8(3))
    g.add_edge("日本", "x")
    g.add_edge("x", "y", weight=True)
    g.add_edge("y", "z", weight=None)
    g.add_edge("z", "a:b", label="kept? no")
    path = tmp_path / "s.txt"
    g.write_edgelist(path)
    back = gr.read_edgelist(path, directed=True)
    assert list(back.nodes) == list(g.nodes)
    assert list(back.edges) == list(g.edges)
    weights = back.edge_array("weight").to_list()
    assert weights == [0.5, 3.0, None, 1.0, None, None]
    assert back.edge_attr_names() == ["weight"]
    # No weight and a None weight both read back as no weight: an edge list cannot say None.
    assert [("weight" in d) for _, _, d in back.edges(data=True)] == [
        True,
        True,
        False,
        True,
        False,
        False,
    ]


def test_write_edgelist_refuses_a_weight_that_is_not_a_number(tmp_path):
    g = gr.Graph()
    g.add_edge("a", "b", weight="heavy")
    path = tmp_path / "w.txt"
    with pytest.raises(gr.InvalidArgumentError, match=r"edge \('a', 'b'\) has a str weight"):
        g.write_edgelist(path)
    assert not path.exists()


def test_write_edgelist_keeps_the_nodes_and_drops_other_attributes(tmp_path):
    g = gr.Graph()
    g.add_node(0, name="isolated")
    g.add_edge(1, 2, weight=2, color="red")
    g.add_edge(2, 3, color="blue")
    path = tmp_path / "d.txt"
    g.write_edgelist(path)
    nodes = b"".join(b"# groggy: node %d\n" % k for k in (0, 1, 2, 3))
    # The int weight column is marked, so it reads back as ints.
    assert path.read_bytes() == b"# groggy: weight=int64\n" + nodes + b"1 2 2\n2 3\n"
    back = gr.read_edgelist(path)
    assert list(back.nodes) == [0, 1, 2, 3]
    assert back.node_attr_names() == []
    assert edges_of(back) == [(1, 2, {"weight": 2}), (2, 3, {})]
    # networkx reads the same file, skipping the node lines as comments.
    import networkx as nx

    assert list(nx.read_edgelist(path, nodetype=int, data=[("weight", float)]).edges) == [
        (1, 2),
        (2, 3),
    ]


def test_write_edgelist_keeps_the_node_order(tmp_path):
    g = gr.Graph(directed=True)
    g.add_nodes(["z", "iso", "a"])
    g.add_edges([("a", "z"), ("z", "b")])
    path = tmp_path / "o.txt"
    g.write_edgelist(path)
    back = gr.read_edgelist(path, directed=True)
    assert list(back.nodes) == ["z", "iso", "a", "b"]
    assert list(back.edges) == list(g.edges)


def test_string_keys_that_look_like_ints(tmp_path):
    g = gr.Graph()
    g.add_edge("1", "2")
    path = tmp_path / "s.txt"
    g.write_edgelist(path)
    assert path.read_bytes() == b"# groggy: keys=str\n1 2\n"
    assert list(gr.read_edgelist(path).nodes) == ["1", "2"]
    assert list(gr.read_edgelist(path, keys="str").nodes) == ["1", "2"]
    assert list(gr.read_edgelist(path, keys="int").nodes) == [1, 2]


@pytest.mark.parametrize("name", ["ca-GrQc", "wiki-Vote"])
def test_data_files_read_back_identically(tmp_path, name):
    source = DATA / f"{name}.txt.gz"
    directed = name == "wiki-Vote"
    g = gr.read_edgelist(source, directed=directed)
    first = tmp_path / "first.txt"
    g.write_edgelist(first)
    back = gr.read_edgelist(first, directed=directed)
    assert list(back.nodes) == list(g.nodes)
    assert list(back.edges) == list(g.edges)
    second = tmp_path / "second.txt"
    back.write_edgelist(second)
    assert second.read_bytes() == first.read_bytes()
    tsv = tmp_path / "third.tsv"
    back.write_edgelist(tsv, delimiter="\t")
    assert list(gr.read_edgelist(tsv, directed=directed).edges) == list(g.edges)


@pytest.mark.parametrize(
    ("key", "fragment"),
    [
        ("a b", "whitespace"),
        ("", "empty"),
        ("#x", "comment"),
        ("\ufeffx", "byte-order mark"),
        ("a,b", "delimiter"),
        ("a\nb", "line break"),
        ("a\tb", "whitespace"),
        ("a\rb", "whitespace"),
    ],
)
def test_write_edgelist_refuses_keys_it_cannot_write(tmp_path, key, fragment):
    path = tmp_path / "keep.txt"
    path.write_bytes(b"previous content\n")
    g = gr.Graph()
    g.add_edge("ok", "fine")
    g.add_edge(key, "ok")
    with pytest.raises(gr.InvalidArgumentError, match=fragment):
        g.write_edgelist(path, delimiter=",")
    assert path.read_bytes() == b"previous content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
    fresh = tmp_path / "fresh.txt"
    with pytest.raises(gr.InvalidArgumentError):
        g.write_edgelist(fresh, delimiter=",")
    assert not fresh.exists()


def test_write_edgelist_refuses_mixed_key_kinds(tmp_path):
    g = gr.Graph()
    g.add_edge(1, "1")
    path = tmp_path / "m.txt"
    with pytest.raises(gr.InvalidArgumentError, match="mix ints and strings"):
        g.write_edgelist(path)
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("delimiter", ["-", "+", ".", "a", "1", "#", "\n", "\r"])
def test_write_edgelist_refuses_delimiters_that_can_be_part_of_a_field(tmp_path, delimiter):
    g = gr.Graph()
    g.add_edge(1, 2, weight=-1.5)
    with pytest.raises(gr.InvalidArgumentError):
        g.write_edgelist(tmp_path / "x.txt", delimiter=delimiter)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("delimiter", ["", "ab", None, 44])
def test_write_edgelist_delimiter_must_be_one_character(tmp_path, delimiter):
    g = gr.Graph()
    g.add_edge(1, 2)
    with pytest.raises(ValueError):
        g.write_edgelist(tmp_path / "x.txt", delimiter=delimiter)


def test_write_edgelist_replaces_a_previous_file(tmp_path):
    path = tmp_path / "e.txt"
    path.write_bytes(b"9 9 9\n" * 1000)
    g = gr.Graph()
    g.add_edge(1, 2)
    g.write_edgelist(path)
    assert path.read_bytes() == b"1 2\n"
    gr.Graph().write_edgelist(path)
    assert path.read_bytes() == b""
    assert gr.read_edgelist(path).node_count == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.txt"]


def test_write_edgelist_into_a_missing_folder(tmp_path):
    g = gr.Graph()
    g.add_edge(1, 2)
    target = tmp_path / "missing" / "e.txt"
    with pytest.raises(gr.GroggyIOError):
        g.write_edgelist(target)
    assert not target.parent.exists()


def test_write_edgelist_error_names_the_target_not_a_temporary_file(tmp_path):
    # The message should name the file the caller asked for, not the hidden temporary file
    # the writer creates next to it (".e.txt.<pid>-<n>.tmp").
    g = gr.Graph()
    g.add_edge(1, 2)
    target = tmp_path / "missing" / "e.txt"
    with pytest.raises(gr.GroggyIOError) as info:
        g.write_edgelist(target)
    message = str(info.value)
    assert str(target) in message, message
    assert ".tmp" not in message, message


def test_closed_graph_cannot_be_written(tmp_path):
    g = gr.Graph()
    g.add_edge(1, 2)
    g.close()
    with pytest.raises(gr.InvalidOperationError):
        g.write_edgelist(tmp_path / "x.txt")
    with pytest.raises(gr.InvalidOperationError):
        g.save(tmp_path / "x.groggy")
    assert list(tmp_path.iterdir()) == []


# ----- native format: round trips --------------------------------------------------------


@pytest.mark.parametrize("directed", [True, False], ids=["directed", "undirected"])
def test_every_attribute_kind_round_trips(tmp_path, directed):
    g = rich_graph(directed)
    path = tmp_path / "rich.groggy"
    g.save(path)
    h = gr.load(path)
    assert_same_graph(h, g)
    assert 4 not in h and -7 in h and "" in h
    assert 1 in h and "1" in h and h.node_count == 6
    assert not h.has_edge(-7, 1)
    assert h.node_array("n").dtype == "null"
    assert h.node_array("mix").dtype == "mixed"
    assert h.node_array("f32").dtype == "float32"
    assert h.nodes[1]["n"] is None
    assert "s" not in h.nodes[2]
    with pytest.raises(KeyError):
        h.get_node_attr(2, "s")
    assert h.get_node_attr("1", "by") == b"\x00\xff\x89GROGGY\n"
    assert h.get_node_attr(1, "s") == ""
    assert h.get_node_attr(1, "by") == b""
    assert h.get_node_attr("1", "s") == "日本\x00é"
    assert h.get_node_attr(1, "f32") == float(np.float32(0.1))
    assert h.edge_attr_names() == g.edge_attr_names()
    # The same file again, byte for byte.
    again = tmp_path / "again.groggy"
    h.save(again)
    assert again.read_bytes() == path.read_bytes()


def test_float_bits_are_kept_exactly(tmp_path):
    f64_bits = [
        0x7FF8_0000_DEAD_BEEF,  # a quiet NaN with a payload
        0xFFF8_0000_0000_0001,  # a negative NaN
        0x8000_0000_0000_0000,  # -0.0
        0x0000_0000_0000_0001,  # the smallest subnormal
        0x7FEF_FFFF_FFFF_FFFF,  # the largest finite
        0x3FB9_9999_9999_999A,  # 0.1
    ]
    f32_bits = [0x7FC1_2345, 0xFFC0_0001, 0x8000_0000, 0x0000_0001, 0x7F7F_FFFF, 0x3DCC_CCCD]
    f64 = np.array(f64_bits, dtype=np.uint64).view(np.float64)
    f32 = np.array(f32_bits, dtype=np.uint32).view(np.float32)
    g = gr.Graph()
    for i in range(len(f64_bits)):
        g.add_node(i, f64=float(f64[i]), f32=f32[i])
    g.save(tmp_path / "bits.groggy")
    h = gr.load(tmp_path / "bits.groggy")
    assert h.node_array("f64").dtype == "float64"
    assert h.node_array("f32").dtype == "float32"
    assert h.node_array("f64").to_numpy().view(np.uint64).tolist() == f64_bits
    assert h.node_array("f32").to_numpy().view(np.uint32).tolist() == f32_bits
    assert [float_bits(h.get_node_attr(i, "f64")) for i in range(len(f64_bits))] == f64_bits


def test_loaded_columns_behave_like_the_saved_ones(tmp_path):
    """A column keeps its storage kind: the same later writes give the same result on the
    saved graph and on the loaded one."""
    g = rich_graph()
    g.save(tmp_path / "g.groggy")
    h = gr.load(tmp_path / "g.groggy")
    for graph in (g, h):
        graph.add_node(100, i8=np.int8(5), f32=np.float32(1.25), mix=True, s="new", n=None)
        graph.add_node(101, i8=300, b=1, n=3)
        graph.set_node_attr(2, "f64", 1)
        graph.add_edge(100, 101, w=2.5, tag=None)
        graph.remove_node(3)
    assert_same_graph(h, g)


def test_column_kinds_survive_with_no_values_left(tmp_path):
    g = gr.Graph()
    g.add_node(1, a=np.int8(1), b="x", m=1)
    g.set_node_attr(1, "m", "y")
    g.add_node(2)
    g.remove_node(1)
    g.save(tmp_path / "e.groggy")
    h = gr.load(tmp_path / "e.groggy")
    assert_same_graph(h, g)
    for graph in (g, h):
        graph.add_node(3, a=np.int8(2), b="z", m=np.int16(7))
    assert_same_graph(h, g)
    for name in ("a", "b", "m"):
        assert h.node_array(name).dtype == g.node_array(name).dtype


@pytest.mark.parametrize("directed", [True, False])
def test_empty_graphs_and_graphs_without_edges(tmp_path, directed):
    empty = gr.Graph(directed=directed)
    empty.save(tmp_path / "empty.groggy")
    h = gr.load(tmp_path / "empty.groggy")
    assert (h.directed, h.node_count, h.edge_count) == (directed, 0, 0)
    nodes_only = gr.Graph(directed=directed)
    nodes_only.add_nodes(["b", 2, "a", -1])
    nodes_only.save(tmp_path / "nodes.groggy")
    h = gr.load(tmp_path / "nodes.groggy")
    assert_same_graph(h, nodes_only)


def test_karate_club_and_data_files_round_trip(tmp_path):
    from groggy.datasets import karate_club

    k = karate_club()
    k.save(tmp_path / "k.groggy")
    h = gr.load(tmp_path / "k.groggy")
    assert_same_graph(h, k)
    assert h.pagerank() == k.pagerank()
    assert h.connected_components() == k.connected_components()

    w = gr.read_edgelist(WIKI_VOTE, directed=True)
    w.save(tmp_path / "w.groggy")
    back = gr.load(tmp_path / "w.groggy")
    assert back.directed
    assert list(back.nodes) == list(w.nodes)
    assert list(back.edges) == list(w.edges)
    assert [len(c) for c in back.strongly_connected_components()][:1] == [1300]


def test_weighted_edge_list_to_native_and_back(tmp_path):
    src = write(tmp_path / "w.txt", b"a b 1.5\nb c\nc a 2\n")
    g = gr.read_edgelist(src)
    g.save(tmp_path / "w.groggy")
    h = gr.load(tmp_path / "w.groggy")
    assert_same_graph(h, g)
    h.write_edgelist(tmp_path / "back.txt")
    assert (tmp_path / "back.txt").read_bytes() == b"a b 1.5\nb c\nc a 2.0\n"


def test_removed_nodes_and_edges_stay_removed(tmp_path):
    g = gr.Graph()
    g.add_edges([(i, i + 1) for i in range(50)])
    for i in range(0, 50, 3):
        g.remove_node(i)
    g.remove_edge(4, 5)
    g.add_node(0, back=True)
    g.add_edge(0, 49)
    g.save(tmp_path / "r.groggy")
    h = gr.load(tmp_path / "r.groggy")
    assert_same_graph(h, g)
    assert not h.has_edge(4, 5)
    assert 3 not in h
    assert list(h.nodes)[-1] == 0


def test_save_replaces_previous_files(tmp_path):
    path = tmp_path / "g.groggy"
    path.write_bytes(b"1 2\n")  # an edge list: replaced, whatever its content
    g = gr.Graph()
    g.add_edge(1, 2)
    g.save(path)
    assert path.read_bytes().startswith(MAGIC)
    h = gr.Graph(directed=True)
    h.add_edge("a", "b")
    h.save(path)
    assert summary(gr.load(path)) == summary(h)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.groggy"]


def test_native_files_are_recognised_by_content_not_by_name(tmp_path):
    g = rich_graph()
    named_txt = tmp_path / "graph.txt"
    g.save(named_txt)
    assert gr_files.is_native_file(named_txt)
    assert_same_graph(gr.load(named_txt), g)
    edge_list = write(tmp_path / "edges.groggy", b"1 2\n")
    assert not gr_files.is_native_file(edge_list)
    assert gr.read_edgelist(edge_list).edge_count == 1
    with pytest.raises(gr.GroggyIOError, match="not a groggy file"):
        gr.load(edge_list)
    # An edge-list reader given a native file fails cleanly.
    with pytest.raises(gr.GroggyIOError):
        gr.read_edgelist(named_txt)


def test_is_native_file(tmp_path):
    gr.Graph().save(tmp_path / "n.groggy")
    assert gr_files.is_native_file(tmp_path / "n.groggy") is True
    assert gr_files.is_native_file(write(tmp_path / "magic-only", MAGIC)) is True
    assert gr_files.is_native_file(write(tmp_path / "short", MAGIC[:7])) is False
    assert gr_files.is_native_file(write(tmp_path / "empty", b"")) is False
    assert gr_files.is_native_file(write(tmp_path / "gz", gzip.compress(b"1 2\n"))) is False
    assert gr_files.is_native_file(CA_GRQC) is False
    with pytest.raises(gr.GroggyIOError) as info:
        gr_files.is_native_file(tmp_path / "missing")
    assert "missing" in str(info.value)


# ----- native format: atomic saves ---------------------------------------------------------


def test_save_into_a_missing_folder_fails_and_creates_nothing(tmp_path):
    g = rich_graph()
    target = tmp_path / "missing" / "g.groggy"
    with pytest.raises(gr.GroggyIOError) as info:
        g.save(target)
    assert isinstance(info.value, OSError)
    assert str(target) in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_save_over_a_folder_fails_and_leaves_no_temporary_file(tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    (folder / "inside.txt").write_bytes(b"x")
    with pytest.raises(gr.GroggyIOError):
        rich_graph().save(folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder"]
    assert [p.name for p in folder.iterdir()] == ["inside.txt"]


def test_save_through_a_symlink_replaces_the_target(tmp_path):
    real = tmp_path / "real.groggy"
    gr.Graph().save(real)
    link = tmp_path / "link.groggy"
    link.symlink_to(real.name)  # Linux: symlinks are always available
    g = rich_graph()
    g.save(link)
    assert link.is_symlink()
    assert_same_graph(gr.load(real), g)


RLIMIT_SCRIPT = textwrap.dedent(
    """
    import resource, signal, sys
    import groggy as gr
    target, source, how = sys.argv[1], sys.argv[2], sys.argv[3]
    g = gr.read_edgelist(source, directed=True)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
    try:
        g.save(target) if how == "save" else g.write_edgelist(target)
    except gr.GroggyIOError as err:
        print("IOERROR", err)
    else:
        print("WRITTEN")
    """
)


@pytest.mark.parametrize("how", ["save", "write_edgelist"])
def test_a_write_failing_midway_keeps_the_previous_file(tmp_path, how):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / ("g.groggy" if how == "save" else "g.txt")
    small = rich_graph() if how == "save" else gr.read_edgelist(write(tmp_path / "s", b"1 2\n"))
    if how == "save":
        small.save(target)
    else:
        small.write_edgelist(target)
    before = target.read_bytes()
    result = subprocess.run(
        [sys.executable, "-c", RLIMIT_SCRIPT, str(target), str(WIKI_VOTE), how],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("IOERROR"), result.stdout
    assert target.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == [target.name]


# ----- native format: damaged files ------------------------------------------------------


def sections(data: bytes):
    """The (tag, payload) pairs of a native file."""
    out = []
    pos = HEADER_LEN
    while pos < len(data):
        tag = data[pos : pos + 4]
        (length,) = struct.unpack_from("<Q", data, pos + 4)
        out.append((tag, data[pos + 16 : pos + 16 + length]))
        pos += 16 + length
    return out


def frame(header: bytes, parts) -> bytes:
    """A native file from a header (its CRC recomputed) and (tag, payload) pairs."""
    head = header[:16] + struct.pack("<I", zlib.crc32(header[:16]))
    body = b"".join(
        tag + struct.pack("<QI", len(payload), zlib.crc32(payload)) + payload
        for tag, payload in parts
    )
    return head + body


def test_the_format_is_what_the_docs_describe(tmp_path):
    g = rich_graph()
    g.save(tmp_path / "g.groggy")
    data = (tmp_path / "g.groggy").read_bytes()
    assert data[:8] == MAGIC
    assert struct.unpack_from("<II", data, 8) == (1, 1)  # version 1, directed
    assert struct.unpack_from("<I", data, 16)[0] == zlib.crc32(data[:16])
    parts = sections(data)
    assert [tag for tag, _ in parts] == list(SECTION_TAGS)
    assert frame(data[:HEADER_LEN], parts) == data
    assert struct.unpack_from("<Q", parts[0][1])[0] == g.node_count
    assert struct.unpack_from("<Q", parts[1][1])[0] == g.edge_count
    gr.Graph().save(tmp_path / "u.groggy")
    assert struct.unpack_from("<I", (tmp_path / "u.groggy").read_bytes(), 12)[0] == 0


def load_error(path: Path) -> str:
    with pytest.raises(gr.GroggyIOError) as info:
        gr.load(path)
    err = info.value
    assert isinstance(err, OSError)
    assert isinstance(err, RuntimeError)
    assert str(path) in str(err)
    return str(err)


def test_load_errors_say_what_is_wrong(tmp_path):
    g = rich_graph()
    g.save(tmp_path / "g.groggy")
    data = (tmp_path / "g.groggy").read_bytes()
    header, parts = data[:HEADER_LEN], sections(data)

    def case(name, blob):
        return load_error(write(tmp_path / name, blob))

    assert "No such file" in load_error(tmp_path / "missing.groggy")
    assert "directory" in load_error(tmp_path)
    assert "empty" in case("empty", b"")
    assert "not a groggy file" in case("text", b"1 2\n")
    assert "not a groggy file" in case("gzip", gzip.compress(data))
    assert "truncated" in case("magic", MAGIC)
    assert "truncated" in case("header", data[:19])
    assert "truncated" in case("no-sections", data[:HEADER_LEN])
    assert "truncated" in case("cut", data[:-1])
    assert "unexpected bytes" in case("trailing", data + b"\x00")
    future = bytearray(data)
    future[8:12] = struct.pack("<I", 2)
    message = case("future", bytes(future))
    assert "version 2" in message and "newer" in message
    future[8:12] = struct.pack("<I", 0xFFFFFFFF)
    assert "newer" in case("far-future", bytes(future))
    future[8:12] = struct.pack("<I", 0)
    assert "version 0" in case("zero", bytes(future))
    flags = bytearray(data)
    flags[12] ^= 0x01
    assert "checksum" in case("flags", bytes(flags))
    unknown = bytearray(header)
    unknown[12:16] = struct.pack("<I", 0x3)
    assert "unknown flags" in case("unknown-flags", frame(bytes(unknown), parts))
    flipped = bytearray(data)
    flipped[-1] ^= 0x40
    assert "checksum" in case("payload", bytes(flipped))
    swapped = [parts[1], parts[0], parts[2], parts[3]]
    assert "expected section" in case("order", frame(header, swapped))
    assert "missing" in case("three", frame(header, parts[:3]))
    duplicated_key = (b"NODE", struct.pack("<Q", 2) + (b"\x00" + struct.pack("<q", 5)) * 2)
    no_edges = (b"EDGE", struct.pack("<Q", 0))
    no_columns = struct.pack("<Q", 0)
    message = case(
        "dup",
        frame(header, [duplicated_key, no_edges, (b"NATR", no_columns), (b"EATR", no_columns)]),
    )
    assert "appears twice" in message
    bad_end = (b"EDGE", struct.pack("<QII", 1, 0, 9))
    one_node = (b"NODE", struct.pack("<Q", 1) + b"\x00" + struct.pack("<q", 5))
    message = case(
        "edge-end",
        frame(header, [one_node, bad_end, (b"NATR", no_columns), (b"EATR", no_columns)]),
    )
    assert "not one of 1 nodes" in message
    bad_utf8 = (b"NODE", struct.pack("<QBQ", 1, 1, 1) + b"\xff")
    rest = [no_edges, (b"NATR", no_columns), (b"EATR", no_columns)]
    message = case("utf8", frame(header, [bad_utf8, *rest]))
    assert "UTF-8" in message


def test_inflated_counts_are_refused_before_anything_is_allocated(tmp_path):
    g = rich_graph()
    g.save(tmp_path / "g.groggy")
    data = (tmp_path / "g.groggy").read_bytes()
    header, parts = data[:HEADER_LEN], sections(data)
    peak_before = gr.memory_stats()["peak_usage"]
    for i in range(len(parts)):
        for count in (2**64 - 1, 2**63, 2**40, 2**32 + 1, 10**6):
            payload = struct.pack("<Q", count) + parts[i][1][8:]
            changed = list(parts)
            changed[i] = (parts[i][0], payload)
            message = load_error(write(tmp_path / f"count{i}", frame(header, changed)))
            assert "cannot fit" in message, message
        pos = HEADER_LEN + sum(16 + len(p) for _, p in parts[:i]) + 4
        for length in (2**64 - 1, 2**63, 2**32 + len(parts[i][1]), len(data)):
            raw = bytearray(data)
            raw[pos : pos + 8] = struct.pack("<Q", length)
            assert "claims" in load_error(write(tmp_path / f"len{i}", bytes(raw)))
        raw = bytearray(data)
        raw[pos : pos + 8] = struct.pack("<Q", len(parts[i][1]) + 1)
        load_error(write(tmp_path / f"len{i}", bytes(raw)))
    assert gr.memory_stats()["peak_usage"] - peak_before < 1 << 20


FUZZ_SCRIPT = textwrap.dedent(
    """
    import json, os, random, resource, struct, sys, zlib
    import groggy as gr

    # Under AddressSanitizer (tests/python/asan.sh) the address space holds terabytes of
    # shadow memory, so a limit on it would fail ASan's own mappings; the parent passes
    # ASan's RSS and allocation-size limits to this child instead.
    if "libasan" not in os.environ.get("LD_PRELOAD", ""):
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = 4 << 30
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))

    source, work = sys.argv[1], sys.argv[2]
    data = open(source, "rb").read()
    target = os.path.join(work, "damaged.groggy")
    counts = {"attempts": 0, "loaded": 0, "raised": 0}
    problems = []
    HEADER_LEN = 20

    def attempt(label, blob, must_fail):
        counts["attempts"] += 1
        sys.stderr.write(label + "\\n")
        with open(target, "wb") as f:
            f.write(blob)
        try:
            g = gr.load(target)
        except gr.GroggyIOError as err:
            counts["raised"] += 1
            message = str(err)
            if not (isinstance(err, OSError) and isinstance(err, RuntimeError)):
                problems.append(f"{label}: not an OSError and RuntimeError")
            if target not in message or "cannot load" not in message:
                problems.append(f"{label}: message {message!r}")
            return
        except BaseException as err:
            problems.append(f"{label}: {type(err).__name__}: {err}")
            return
        counts["loaded"] += 1
        if must_fail:
            problems.append(f"{label}: loaded a damaged file")
        # Use what came back: a graph rebuilt from nonsense must still be consistent.
        nodes = list(g.nodes)
        edges = list(g.edges)
        assert len(nodes) == g.node_count and len(edges) == g.edge_count
        for name in g.node_attr_names():
            assert len(g.node_array(name).to_list()) == len(nodes)
        for name in g.edge_attr_names():
            assert len(g.edge_array(name).to_list()) == len(edges)
        if nodes:
            g.degrees()
            g.bfs(nodes[0])
        g.connected_components()
        g.close()

    def sections(blob):
        out, pos = [], HEADER_LEN
        while pos < len(blob):
            (length,) = struct.unpack_from("<Q", blob, pos + 4)
            out.append((blob[pos:pos + 4], blob[pos + 16:pos + 16 + length]))
            pos += 16 + length
        return out

    def frame(parts):
        return data[:HEADER_LEN] + b"".join(
            tag + struct.pack("<QI", len(p), zlib.crc32(p)) + p for tag, p in parts
        )

    parts = sections(data)
    assert frame(parts) == data

    # Truncations at every length.
    for n in range(len(data)):
        attempt(f"truncate {n}", data[:n], True)
    # Every byte flipped three ways (a CRC catches any change within 32 bits).
    for pos in range(len(data)):
        for mask in (0x01, 0x80, 0xFF):
            blob = bytearray(data)
            blob[pos] ^= mask
            attempt(f"flip {pos} ^ {mask:#x}", bytes(blob), True)
    # Inflated and shrunk section lengths.
    offset = HEADER_LEN
    for i, (tag, payload) in enumerate(parts):
        for length in (len(payload) + 1, len(payload) + 4096, 2**31, 2**32 + len(payload),
                       2**63, 2**64 - 1, max(len(payload) - 1, 0)):
            blob = bytearray(data)
            blob[offset + 4:offset + 12] = struct.pack("<Q", length)
            if length != len(payload):
                attempt(f"section {i} length {length}", bytes(blob), True)
        offset += 16 + len(payload)
    # Counts and lengths inside each payload, with the checksums made right again so that
    # the decoder gets to them: any 8-byte window replaced by a large value.
    for i, (tag, payload) in enumerate(parts):
        for pos in range(0, max(len(payload) - 7, 0)):
            for value in (2**64 - 1, 2**63 + 5, 2**32, 0x0FFF_FFFF):
                changed = list(parts)
                p = bytearray(payload)
                p[pos:pos + 8] = struct.pack("<Q", value)
                changed[i] = (tag, bytes(p))
                attempt(f"section {i} window {pos} = {value:#x}", frame(changed), pos == 0)
    # Random damage with correct checksums: it may load or not, but never crash.
    rng = random.Random(20240601)
    for n in range(2500):
        i = rng.randrange(len(parts))
        p = bytearray(parts[i][1])
        if not p:
            continue
        for _ in range(rng.randint(1, 4)):
            kind = rng.random()
            at = rng.randrange(len(p))
            if kind < 0.6:
                p[at] = rng.randrange(256)
            elif kind < 0.8:
                del p[at:at + rng.randint(1, 8)]
            else:
                p[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
            if not p:
                break
        changed = list(parts)
        changed[i] = (parts[i][0], bytes(p))
        attempt(f"random {n} in section {i}", frame(changed), False)
    # Random damage with stale checksums, anywhere: always refused.
    for n in range(1000):
        blob = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            blob[rng.randrange(len(blob))] = rng.randrange(256)
        if bytes(blob) != data:
            attempt(f"raw {n}", bytes(blob), True)
    # Garbage after a valid magic number and header.
    for n in range(300):
        tail = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
        attempt(f"garbage {n}", data[:HEADER_LEN] + tail, True)
    attempt("twice", data + data, True)

    stats = gr.memory_stats()
    print(json.dumps({"counts": counts, "problems": problems[:50],
                      "n_problems": len(problems), "peak": stats["peak_usage"]}))
    """
)


def test_corruption_fuzz(tmp_path):
    """Thousands of damaged copies of a saved file, loaded one after the other in a child
    process: each either raises GroggyIOError or (for damage a checksum cannot see, made on
    purpose) loads a usable graph; the child never crashes, hangs or allocates much."""
    g = rich_graph()
    source = tmp_path / "source.groggy"
    g.save(source)
    work = tmp_path / "work"
    work.mkdir()
    env = dict(os.environ)
    if "libasan" in env.get("LD_PRELOAD", ""):
        # The child's limits, as AddressSanitizer takes them (see FUZZ_SCRIPT).
        asan = env.get("ASAN_OPTIONS", "")
        env["ASAN_OPTIONS"] = f"{asan}:hard_rss_limit_mb=4096:max_allocation_size_mb=4096"
    try:
        result = subprocess.run(
            [sys.executable, "-c", FUZZ_SCRIPT, str(source), str(work)],
            capture_output=True,
            text=True,
            timeout=180,
            env=env,
        )
    except subprocess.TimeoutExpired as err:  # pragma: no cover - a hang
        last = (err.stderr or b"").decode(errors="replace").strip().splitlines()[-1:]
        pytest.fail(f"the fuzz child hung; last attempt: {last}")
    last = result.stderr.strip().splitlines()[-3:]
    assert result.returncode == 0, f"the fuzz child died ({result.returncode}) at {last}"
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["n_problems"] == 0, report["problems"]
    counts = report["counts"]
    assert counts["attempts"] >= 5000, counts
    assert counts["raised"] >= 4000, counts
    assert counts["attempts"] == counts["raised"] + counts["loaded"]
    # Loading damaged files of a few hundred bytes never needed much memory.
    assert report["peak"] < 64 << 20, report["peak"]


EDGELIST_FUZZ_SCRIPT = textwrap.dedent(
    """
    import gzip, json, os, random, sys
    import groggy as gr

    work = sys.argv[1]
    rng = random.Random(7)
    body = b"# header\\n" + b"".join(
        b"%d\\t%d %s\\r\\n" % (rng.randrange(50), rng.randrange(50),
                             b"%.3f" % rng.random() if rng.random() < 0.5 else b"")
        for _ in range(300))
    packed = gzip.compress(body)
    counts = {"loaded": 0, "raised": 0}
    problems = []
    path = os.path.join(work, "damaged.txt")

    def attempt(label, blob, **kwargs):
        sys.stderr.write(label + "\\n")
        with open(path, "wb") as f:
            f.write(blob)
        try:
            g = gr.read_edgelist(path, **kwargs)
        except gr.GroggyIOError as err:
            counts["raised"] += 1
            if path not in str(err):
                problems.append(f"{label}: {err}")
            return
        except BaseException as err:
            problems.append(f"{label}: {type(err).__name__}: {err}")
            return
        counts["loaded"] += 1
        list(g.edges)
        g.close()

    for n in range(0, len(packed), 3):
        attempt(f"gzip cut {n}", packed[:n])
    for n in range(600):
        blob = bytearray(packed if n % 2 else body)
        for _ in range(rng.randint(1, 4)):
            blob[rng.randrange(len(blob))] = rng.randrange(256)
        attempt(f"damaged {n}", bytes(blob), delimiter=None if n % 3 else "\\t")
    for n in range(200):
        blob = bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
        attempt(f"garbage {n}", blob, keys=("auto", "int", "str")[n % 3])
    print(json.dumps({"counts": counts, "problems": problems[:50]}))
    """
)


def test_damaged_edge_lists_never_crash(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", EDGELIST_FUZZ_SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    last = result.stderr.strip().splitlines()[-3:]
    assert result.returncode == 0, f"the child died ({result.returncode}) at {last}"
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["problems"] == []
    assert report["counts"]["raised"] > 100


def test_os_errors_are_also_the_builtin_python_raises(tmp_path):
    import errno as errno_codes

    missing = tmp_path / "missing.groggy"
    for call in (lambda: gr.load(missing), lambda: gr.read_edgelist(missing)):
        with pytest.raises(FileNotFoundError) as info:
            call()
        assert isinstance(info.value, gr.GroggyIOError)
        assert info.value.errno == errno_codes.ENOENT
        assert str(missing) in str(info.value)
    with pytest.raises(IsADirectoryError) as info:
        gr.read_edgelist(tmp_path)
    assert isinstance(info.value, gr.GroggyIOError)
    corrupt = tmp_path / "corrupt.groggy"
    corrupt.write_bytes(b"not a graph")
    with pytest.raises(gr.GroggyIOError) as info:
        gr.load(corrupt)
    assert not isinstance(info.value, FileNotFoundError)
