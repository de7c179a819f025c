"""The command line: ``python -m groggy`` (and the ``groggy`` console script when it is
installed), run in a subprocess the way a user runs it.

Covers: every subcommand (demo, info, pagerank --top/--weight, components, bfs --depth,
shortest-path --weight, convert) with and without --json, on the bundled karate club, on
the bundled SNAP graphs (gzip, --directed), on native files (recognised by content,
whatever their name) and on edge lists with string keys, other delimiters and a header
line; results checked against the Python API and networkx; convert both ways (edge list ->
native -> edge list, directedness kept by the native file) with round trips, the output
format chosen by extension; --version; output to a closed pipe (quiet, status 0); and
errors (missing and malformed files, CSV read without --delimiter, damaged native files,
unknown nodes, missing sources and targets, no path, unknown weight attributes, bad
options, unknown subcommands and output formats, values out of range): one line on stderr
starting with "groggy:", in the user's terms, exit status 1, no traceback. Text output
says "1 edge", "2 edges".
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import groggy as gr
from groggy.datasets import karate_club

DATA = Path(__file__).resolve().parents[2] / "python" / "groggy" / "data"
CA_GRQC = DATA / "ca-GrQc.txt.gz"
WIKI_VOTE = DATA / "wiki-Vote.txt.gz"


def groggy(*args, cwd=None, command=None):
    """Runs the command line; returns the CompletedProcess (text mode)."""
    argv = (command or [sys.executable, "-m", "groggy"]) + [str(a) for a in args]
    return subprocess.run(
        argv, capture_output=True, text=True, timeout=300, cwd=cwd, env=os.environ.copy()
    )


def ok(*args, **kwargs) -> str:
    """Runs a command that must succeed quietly; returns its stdout."""
    result = groggy(*args, **kwargs)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    return result.stdout


def ok_json(*args, **kwargs):
    out = ok(*args, "--json", **kwargs)
    assert out.endswith("\n")
    assert len(out.strip().splitlines()) == 1, "--json prints one line"
    return json.loads(out)


def fails(*args, **kwargs) -> str:
    """Runs a command that must fail the documented way; returns its one stderr line."""
    result = groggy(*args, **kwargs)
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("groggy: "), lines[0]
    assert result.stdout == ""
    return lines[0]


@pytest.fixture(scope="module")
def karate():
    return karate_club()


@pytest.fixture(scope="module")
def ca_grqc():
    return gr.read_edgelist(CA_GRQC)


@pytest.fixture(scope="module")
def wiki_vote():
    return gr.read_edgelist(WIKI_VOTE, directed=True)


@pytest.fixture
def weighted(tmp_path):
    """A small weighted edge list where the weighted and unweighted answers differ."""
    path = tmp_path / "weighted.txt"
    path.write_text("a b 1\nb c 1\nc d 1\na d 10\nd e 0.5\n")
    return path


# ----- demo, help ------------------------------------------------------------------------


def test_demo(karate):
    out = ok("demo")
    assert "Zachary's karate club" in out
    assert "34 members, 78 friendships" in out
    assert "member 33 (17 friends)" in out
    top = karate.pagerank().top(1)[0][0]
    assert f"top five by PageRank: {top} (" in out
    assert "1 connected component of 34 members" in out
    assert "(1 friend)" in out and "(1 friends)" not in out


def test_demo_json_is_machine_readable():
    # --json is accepted by every subcommand, and promises machine-readable output.
    result = groggy("demo", "--json")
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout)


def test_help_and_usage():
    out = ok("--help")
    for command in ("demo", "info", "pagerank", "components", "bfs", "shortest-path", "convert"):
        assert command in out
    assert "--top" in ok("pagerank", "--help")


def test_console_script():
    import groggy as package

    repo = Path(__file__).resolve().parents[2]
    if Path(package.__file__).resolve().is_relative_to(repo / "python"):
        # Run from the source tree: no script is installed; the entry point it would run
        # is declared in pyproject.toml.
        assert 'groggy = "groggy.__main__:main"' in (repo / "pyproject.toml").read_text()
        return
    script = Path(sys.executable).with_name("groggy")
    found = script if script.exists() else shutil.which("groggy")
    assert found, "the package is installed but its groggy console script is not"
    result = groggy("info", "--json", command=[str(found)])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["nodes"] == 34


# ----- info ------------------------------------------------------------------------------


def test_info_karate(karate):
    data = ok_json("info")
    assert data["nodes"] == 34
    assert data["edges"] == 78
    assert data["directed"] is False
    assert data["components"] == 1
    assert data["largest_component"] == 34
    assert data["node_attributes"] == ["club"]
    assert data["edge_attributes"] == []
    text = ok("info")
    assert "undirected" in text and "34 nodes" in text and "78 edges" in text
    assert "club" in text


def test_info_data_files(ca_grqc, wiki_vote):
    data = ok_json("info", CA_GRQC)
    assert data["nodes"] == 5242
    assert data["edges"] == 14496
    assert data["directed"] is False
    assert data["components"] == 355
    assert data["largest_component"] == 4158
    text = ok("info", CA_GRQC)
    assert "5242 nodes" in text and "14496 edges" in text and "355 component" in text

    data = ok_json("info", WIKI_VOTE, "--directed")
    assert (data["nodes"], data["edges"], data["directed"]) == (7115, 103689, True)
    assert data["components"] == 24
    assert data["largest_component"] == 7066
    assert "directed graph" in ok("info", "--directed", WIKI_VOTE)

    # Read as undirected, a pair of opposite votes is one edge.
    undirected = gr.read_edgelist(WIKI_VOTE)
    data = ok_json("info", WIKI_VOTE)
    assert data["directed"] is False
    assert data["edges"] == undirected.edge_count < 103689


def test_info_edge_list_with_weights_and_string_keys(tmp_path, weighted):
    data = ok_json("info", weighted)
    assert (data["nodes"], data["edges"]) == (5, 5)
    assert data["edge_attributes"] == ["weight"]
    csv_like = tmp_path / "names.txt"
    csv_like.write_bytes(b"# people\r\nalice bob\r\nbob carol\r\n\r\ndave erin\r\n")
    data = ok_json("info", csv_like)
    assert (data["nodes"], data["edges"], data["components"]) == (5, 3, 2)


# ----- pagerank ----------------------------------------------------------------------------


def test_pagerank_json_karate(karate):
    import networkx as nx

    data = ok_json("pagerank", "--top", 5)
    assert [set(item) for item in data] == [{"node", "score"}] * 5
    expected = karate.pagerank().top(5)
    assert [(item["node"], item["score"]) for item in data] == [
        (k, pytest.approx(v, abs=1e-12)) for k, v in expected
    ]
    scores = [item["score"] for item in data]
    assert scores == sorted(scores, reverse=True)
    reference = nx.pagerank(nx.Graph(list(karate.edges)), weight=None)
    best = sorted(reference.items(), key=lambda kv: -kv[1])[:5]
    assert [item["node"] for item in data] == [k for k, _ in best]
    for item in data:
        assert item["score"] == pytest.approx(reference[item["node"]], abs=1e-6)


def test_pagerank_text_and_default_top(karate):
    lines = ok("pagerank").splitlines()
    assert len(lines) == 10
    expected = karate.pagerank().top(10)
    for line, (key, score) in zip(lines, expected):
        node, text = line.split("\t")
        assert int(node) == key
        assert float(text) == pytest.approx(score, abs=5e-7)
    assert ok_json("pagerank", "--top", 0) == []
    assert len(ok_json("pagerank", "--top", 1000)) == 34


def test_pagerank_on_directed_data_file(wiki_vote):
    data = ok_json("pagerank", WIKI_VOTE, "--directed", "--top", 10)
    expected = wiki_vote.pagerank().top(10)
    assert [item["node"] for item in data] == [k for k, _ in expected]
    assert [item["score"] for item in data] == pytest.approx([v for _, v in expected])
    undirected = ok_json("pagerank", WIKI_VOTE, "--top", 3)
    assert [item["node"] for item in undirected] != [item["node"] for item in data[:3]]


def test_pagerank_on_ca_grqc_matches_networkx(ca_grqc):
    import networkx as nx

    data = ok_json("pagerank", CA_GRQC, "--top", 5)
    reference = nx.pagerank(nx.Graph(list(ca_grqc.edges)), weight=None)
    for item in data:
        assert item["score"] == pytest.approx(reference[item["node"]], abs=1e-6)
    best = sorted(reference.values(), reverse=True)[:5]
    assert [item["score"] for item in data] == pytest.approx(best, abs=1e-6)


def test_pagerank_weighted(weighted):
    g = gr.read_edgelist(weighted)
    data = ok_json("pagerank", weighted, "--weight", "weight", "--top", 5)
    expected = g.pagerank(weight="weight").top(5)
    assert [(d["node"], d["score"]) for d in data] == [
        (k, pytest.approx(v, abs=1e-12)) for k, v in expected
    ]
    plain = ok_json("pagerank", weighted, "--top", 5)
    assert [d["score"] for d in plain] != [d["score"] for d in data]


# ----- components ----------------------------------------------------------------------------


def test_components_json(ca_grqc):
    import networkx as nx

    assert ok_json("components") == {"count": 1, "sizes": [34]}
    data = ok_json("components", CA_GRQC)
    assert data["count"] == 355
    h = nx.Graph(list(ca_grqc.edges))
    h.add_nodes_from(ca_grqc.nodes)
    assert data["sizes"] == sorted((len(c) for c in nx.connected_components(h)), reverse=True)
    assert data["sizes"][0] == 4158
    assert sum(data["sizes"]) == 5242

    data = ok_json("components", WIKI_VOTE, "--directed")
    assert data["count"] == 24
    assert data["sizes"][0] == 7066
    assert sum(data["sizes"]) == 7115
    assert data["sizes"] == sorted(data["sizes"], reverse=True)


def test_components_text():
    assert ok("components").strip() == "1 component: 34"
    text = ok("components", CA_GRQC).strip()
    assert text.startswith("355 components: 4158, ")
    assert text.endswith(", ...")


# ----- bfs, shortest-path --------------------------------------------------------------------


def test_bfs(karate):
    assert ok_json("bfs", 0) == karate.bfs(0)
    assert ok("bfs", 0).split() == [str(k) for k in karate.bfs(0)]
    near = ok_json("bfs", 0, "--depth", 1)
    assert near[0] == 0
    assert set(near[1:]) == set(karate.neighbors(0))
    assert ok_json("bfs", 33, "--depth", 0) == [33]


def test_bfs_on_files(tmp_path, ca_grqc):
    order = ok_json("bfs", CA_GRQC, 3466)
    assert order == ca_grqc.bfs(3466)
    assert len(order) == 4158
    names = tmp_path / "names.txt"
    names.write_text("a b\nb c\nc 1\n1 d\nx y\n")
    assert ok_json("bfs", names, "a") == ["a", "b", "c", "1", "d"]
    # "1" is a string key in this graph: the command line finds it as such.
    assert ok_json("bfs", names, "1", "--depth", 1) == ["1", "c", "d"]


def test_shortest_path(karate):
    import networkx as nx

    path = ok_json("shortest-path", 0, 33)
    assert path == karate.shortest_path(0, 33)
    h = nx.Graph(list(karate.edges))
    assert len(path) - 1 == nx.shortest_path_length(h, 0, 33)
    assert all(h.has_edge(u, v) for u, v in zip(path, path[1:]))
    assert ok("shortest-path", 0, 33).strip() == " -> ".join(map(str, path))
    assert ok_json("shortest-path", 5, 5) == [5]


def test_shortest_path_on_data_files(ca_grqc, wiki_vote):
    import networkx as nx

    assert ok_json("shortest-path", CA_GRQC, 3466, 5233) == [3466, 5233]
    h = nx.Graph(list(ca_grqc.edges))
    far = max(nx.single_source_shortest_path_length(h, 3466).items(), key=lambda kv: kv[1])
    path = ok_json("shortest-path", CA_GRQC, 3466, far[0])
    assert len(path) - 1 == far[1]
    assert all(h.has_edge(u, v) for u, v in zip(path, path[1:]))
    d = nx.DiGraph(list(wiki_vote.edges))
    source, target = 30, 3
    directed = ok_json("shortest-path", WIKI_VOTE, source, target, "--directed")
    assert directed == wiki_vote.shortest_path(source, target)
    assert len(directed) - 1 == nx.shortest_path_length(d, source, target)
    assert all(d.has_edge(u, v) for u, v in zip(directed, directed[1:]))


def test_shortest_path_weighted(weighted):
    import networkx as nx

    assert ok_json("shortest-path", weighted, "a", "e") == ["a", "d", "e"]
    path = ok_json("shortest-path", weighted, "a", "e", "--weight", "weight")
    assert path == ["a", "b", "c", "d", "e"]
    h = nx.Graph()
    for line in weighted.read_text().splitlines():
        u, v, w = line.split()
        h.add_edge(u, v, weight=float(w))
    assert path == nx.dijkstra_path(h, "a", "e")


# ----- convert ---------------------------------------------------------------------------------


def test_convert_edge_list_to_native_and_back(tmp_path, ca_grqc):
    native = tmp_path / "ca.groggy"
    out = ok("convert", CA_GRQC, native)
    assert "5242 nodes" in out and "14496 edges" in out
    assert native.read_bytes().startswith(b"\x89GROGGY\n")
    loaded = gr.load(native)
    assert list(loaded.nodes) == list(ca_grqc.nodes)
    assert list(loaded.edges) == list(ca_grqc.edges)
    assert not loaded.directed

    text = tmp_path / "ca.txt"
    data = ok_json("convert", native, text)
    assert data == {"nodes": 5242, "edges": 14496, "output": str(text)}
    expected = tmp_path / "expected.txt"
    ca_grqc.write_edgelist(expected)
    assert text.read_bytes() == expected.read_bytes()
    back = gr.read_edgelist(text)
    assert list(back.nodes) == list(ca_grqc.nodes)
    assert list(back.edges) == list(ca_grqc.edges)

    # Edge list -> edge list, and native -> native, work too.
    again = tmp_path / "again.txt"
    ok("convert", text, again)
    assert again.read_bytes() == text.read_bytes()
    copy = tmp_path / "copy.groggy"
    ok("convert", native, copy)
    assert copy.read_bytes() == native.read_bytes()
    # Info on either gives the same figures.
    assert ok_json("info", native) == ok_json("info", text) == ok_json("info", CA_GRQC)


def test_convert_keeps_directedness_in_the_native_file(tmp_path, wiki_vote):
    native = tmp_path / "wiki.groggy"
    data = ok_json("convert", WIKI_VOTE, native, "--directed")
    assert data["nodes"] == 7115 and data["edges"] == 103689
    # No --directed needed: the native file knows.
    info = ok_json("info", native)
    assert (info["directed"], info["edges"], info["components"]) == (True, 103689, 24)
    assert ok_json("pagerank", native, "--top", 3) == ok_json(
        "pagerank", WIKI_VOTE, "--directed", "--top", 3
    )
    text = tmp_path / "wiki.edges"
    ok("convert", native, text)
    back = gr.read_edgelist(text, directed=True)
    assert list(back.edges) == list(wiki_vote.edges)


def test_convert_keeps_weights_and_attributes(tmp_path, weighted):
    native = tmp_path / "w.groggy"
    ok("convert", weighted, native)
    g = gr.load(native)
    assert g.edge_array("weight").to_list() == [1.0, 1.0, 1.0, 10.0, 0.5]
    back = tmp_path / "w.txt"
    ok("convert", native, back)
    assert back.read_text() == "a b 1.0\nb c 1.0\nc d 1.0\na d 10.0\nd e 0.5\n"
    assert ok_json("shortest-path", native, "a", "e", "--weight", "weight") == [
        "a",
        "b",
        "c",
        "d",
        "e",
    ]
    # The karate club's node attributes survive in the native format.
    karate_native = tmp_path / "karate.groggy"
    karate_club().save(karate_native)
    assert ok_json("info", karate_native)["node_attributes"] == ["club"]


def test_native_files_are_recognised_by_content(tmp_path, karate):
    disguised = tmp_path / "graph.txt"
    karate.save(disguised)
    assert ok_json("info", disguised)["node_attributes"] == ["club"]
    assert ok_json("components", disguised) == {"count": 1, "sizes": [34]}
    plain = tmp_path / "edges.groggy"
    plain.write_text("1 2\n2 3\n")
    assert ok_json("info", plain)["edges"] == 2
    packed = tmp_path / "packed.data"
    packed.write_bytes(gzip.compress(b"1 2\n2 3\n3 1\n"))
    assert ok_json("components", packed) == {"count": 1, "sizes": [3]}


def test_relative_paths(tmp_path):
    (tmp_path / "e.txt").write_text("1 2\n")
    ok("convert", "e.txt", "e.groggy", cwd=tmp_path)
    assert ok_json("info", "e.groggy", cwd=tmp_path)["nodes"] == 2


# ----- errors ------------------------------------------------------------------------------------


def test_error_missing_file(tmp_path):
    missing = tmp_path / "missing.txt"
    for command in ("info", "pagerank", "components"):
        line = fails(command, missing)
        assert str(missing) in line
    assert str(missing) in fails("bfs", missing, 1)
    assert str(missing) in fails("convert", missing, tmp_path / "x.groggy")
    assert list(tmp_path.iterdir()) == []


def test_error_malformed_edge_list(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("1 2\n2 3\n# fine\n4\n")
    line = fails("info", bad)
    assert f"{bad}:4:" in line
    assert f"{bad}:4:" in fails("convert", bad, tmp_path / "out.groggy", "--json")
    assert not (tmp_path / "out.groggy").exists()
    weight = tmp_path / "weight.txt"
    weight.write_text("1 2 heavy\n")
    assert "not a number" in fails("pagerank", weight)


def test_error_damaged_native_file(tmp_path, karate):
    path = tmp_path / "k.groggy"
    karate.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert "truncated" in fails("info", path)
    future = bytearray(data)
    future[8] = 9
    path.write_bytes(bytes(future))
    assert "newer" in fails("components", path, "--json")
    flipped = bytearray(data)
    flipped[-3] ^= 0x10
    path.write_bytes(bytes(flipped))
    assert "checksum" in fails("convert", path, tmp_path / "out.txt")
    assert not (tmp_path / "out.txt").exists()


def test_error_unknown_nodes_and_no_path(tmp_path):
    assert "999" in fails("bfs", 999)
    assert "nobody" in fails("shortest-path", 0, "nobody")
    assert "nobody" in fails("bfs", "nobody", "--json")
    split = tmp_path / "split.txt"
    split.write_text("1 2\n3 4\n")
    assert "no path" in fails("shortest-path", split, 1, 4)
    assert "no path" in fails("shortest-path", split, 2, 1, "--directed", "--json")


def test_error_bad_options(weighted):
    for args in (
        ["pagerank", "--top", "x"],
        ["pagerank", "--top", "-1"],
        ["bfs", 0, "--depth", "x"],
        ["bfs", 0, "--depth", "-1"],
        ["bogus"],
        [],
        ["convert"],
        ["convert", "only-one"],
        ["info", "a.txt", "b.txt"],
        ["shortest-path", 0],
        ["info", "--nope"],
    ):
        fails(*args)
    negative = weighted.with_name("negative.txt")
    negative.write_text("1 2 -1\n2 3 1\n")
    assert "negative" in fails("shortest-path", negative, 1, 3, "--weight", "weight")


def test_error_string_column_as_weight(tmp_path):
    g = gr.Graph()
    g.add_edge(1, 2, label="x")
    g.add_edge(2, 3, label="y")
    path = tmp_path / "labels.groggy"
    g.save(path)
    fails("pagerank", path, "--weight", "label")
    fails("shortest-path", path, 1, 3, "--weight", "label")


def test_error_convert_cannot_write(tmp_path, karate):
    target = tmp_path / "missing" / "k.groggy"
    assert "k.groggy" in fails("convert", CA_GRQC, target)
    mixed = gr.Graph()
    mixed.add_edge(1, "a")
    source = tmp_path / "mixed.groggy"
    mixed.save(source)
    out = tmp_path / "mixed.txt"
    assert "mix ints and strings" in fails("convert", source, out)
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["pagerank", "--top", str(10**20)],
        ["bfs", str(10**20)],
        ["bfs", "0", "--depth", str(10**20)],
        ["shortest-path", "0", str(-(10**20))],
    ],
    ids=["top", "bfs-source", "bfs-depth", "path-target"],
)
def test_error_numbers_out_of_range(args):
    """Numbers beyond int64 typed on the command line are errors like any other: one line,
    status 1, no traceback."""
    fails(*args)


# ----- version, delimiters, required nodes, formats, pipes, wording ------------------------------


def test_version():
    out = ok("--version")
    assert out == f"groggy {gr.__version__}\n"
    assert re.fullmatch(r"groggy \d+\.\d+\.\d+\n", out)


@pytest.fixture
def csv_file(tmp_path):
    """A comma-separated edge list with a header line and weights (named .txt: a .csv file
    is read as CSV tables)."""
    path = tmp_path / "people.txt"
    path.write_text("source,target,weight\nalice,bob,1\nbob,carol,1\ncarol,dave,1\nalice,dave,5\n")
    return path


def test_delimiter_and_header_on_every_command_that_reads(tmp_path, csv_file):
    reading = ["--delimiter", ",", "--header"]
    expected = gr.read_edgelist(csv_file, delimiter=",", header=True)
    info = ok_json("info", csv_file, *reading)
    assert (info["nodes"], info["edges"], info["edge_attributes"]) == (4, 4, ["weight"])
    assert ok_json("components", csv_file, *reading) == {"count": 1, "sizes": [4]}
    top = ok_json("pagerank", csv_file, *reading, "--weight", "weight", "--top", 4)
    assert [d["node"] for d in top] == [k for k, _ in expected.pagerank(weight="weight").top(4)]
    assert ok_json("bfs", csv_file, "alice", *reading) == expected.bfs("alice")
    assert ok_json("shortest-path", csv_file, "alice", "dave", *reading, "--weight", "weight") == [
        "alice",
        "bob",
        "carol",
        "dave",
    ]
    native = tmp_path / "people.groggy"
    ok("convert", csv_file, native, *reading)
    assert list(gr.load(native).edges) == list(expected.edges)
    # Without --header the column names are a line like any other: "weight" is no number.
    assert "not a number" in fails("info", csv_file, "--delimiter", ",")
    # A tab, spelt so that a shell passes it.
    tabs = tmp_path / "tabs.tsv"
    tabs.write_text("new york\tboston\nboston\tlos angeles\n")
    for spelling in ("\\t", "tab", "\t"):
        assert ok_json("bfs", tabs, "new york", "--delimiter", spelling) == [
            "new york",
            "boston",
            "los angeles",
        ]


def test_csv_without_delimiter_fails_with_a_hint(tmp_path, csv_file):
    line = fails("info", csv_file)
    assert line.startswith(f"groggy: {csv_file}:1: ")
    assert line.endswith("(comma-separated? use --delimiter ,)")
    assert "read_edgelist" not in line
    semicolons = tmp_path / "semi.txt"
    semicolons.write_bytes(gzip.compress(b"# exported\n1;2\n2;3\n"))
    assert fails("components", semicolons).endswith("use --delimiter ';')")
    plain = tmp_path / "plain.txt"
    plain.write_text("1 2\n3\n")
    assert "--delimiter" not in fails("info", plain)


def test_bad_delimiter():
    line = fails("info", "--delimiter", "ab")
    assert line.startswith("groggy: --delimiter: must be one character")


def test_bfs_and_shortest_path_require_their_nodes(tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("a b\nb c\n")
    bfs_usage = "(usage: groggy bfs [FILE] SOURCE)"
    path_usage = "(usage: groggy shortest-path [FILE] SOURCE TARGET)"
    # A FILE alone is not taken for the source on the karate club.
    assert fails("bfs", names) == f"groggy: bfs: a source node is required {bfs_usage}"
    assert fails("bfs", names, "--json") == f"groggy: bfs: a source node is required {bfs_usage}"
    assert fails("bfs") == f"groggy: bfs: a source node is required {bfs_usage}"
    missing = f"groggy: shortest-path: a source and a target node are required {path_usage}"
    assert fails("shortest-path", names, "a") == missing
    assert fails("shortest-path", 0) == missing
    assert fails("shortest-path") == missing
    assert fails("bfs", names, "a", "b") == f"groggy: bfs: too many operands {bfs_usage}"
    assert "too many operands" in fails("shortest-path", names, "a", "b", "c")
    # One operand more than nodes: FILE first.
    assert ok_json("bfs", names, "b") == ["b", "a", "c"]
    assert ok_json("shortest-path", names, "a", "c") == ["a", "b", "c"]
    assert "usage: groggy bfs [FILE] SOURCE" in ok("bfs", "--help")
    assert "usage: groggy shortest-path [FILE] SOURCE TARGET" in ok("shortest-path", "--help")


def test_unknown_weight_attribute_is_an_error(weighted):
    line = "no edge attribute 'nope' to use as weight"
    assert fails("pagerank", "--weight", "nope") == f"groggy: pagerank: {line}"
    assert fails("pagerank", weighted, "--weight", "nope", "--json") == f"groggy: pagerank: {line}"
    assert fails("shortest-path", weighted, "a", "e", "--weight", "nope") == (
        f"groggy: shortest-path: {line}"
    )
    assert "'Weight'" in fails("shortest-path", weighted, "a", "e", "--weight", "Weight")


def test_convert_chooses_the_output_format_by_extension(tmp_path, weighted):
    for name in ("w.edges", "w.el", "W.TXT"):
        ok("convert", weighted, tmp_path / name)
        assert (tmp_path / name).read_text().startswith("a b 1.0\n")
    ok("convert", weighted, tmp_path / "w.Groggy")
    assert (tmp_path / "w.Groggy").read_bytes().startswith(b"\x89GROGGY\n")
    writable = (
        ".groggy (native), .txt, .edges or .el (edge list), .csv (CSV tables), .graphml, .gml "
        "or .parquet (a folder)"
    )
    for name in ("w.tsv", "w.txt.gz", "w"):
        line = fails("convert", weighted, tmp_path / name)
        assert line == (
            f"groggy: convert: cannot tell the format of {tmp_path / name} from its extension; "
            f"use {writable}"
        )
    # Refused before the input is read.
    assert "cannot tell the format" in fails("convert", tmp_path / "missing.txt", tmp_path / "w.x")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["weighted.txt", "w.edges", "w.el", "W.TXT", "w.Groggy"]
    )
    # A native file is native whatever its name.
    disguised = tmp_path / "native.gml"
    karate_club().save(disguised)
    assert ok_json("info", disguised)["nodes"] == 34


@pytest.mark.parametrize("extension", [".csv", ".graphml", ".gml", ".parquet", ".groggy", ".el"])
def test_every_format_converts_and_reads_back(tmp_path, weighted, extension):
    """convert writes each format by OUT's extension, and every command reads it back by
    FILE's: the same nodes, edges and weights (a CSV edges file with its nodes file)."""
    g = gr.read_edgelist(weighted, directed=True)
    g.add_node("alone")
    native = tmp_path / "in.groggy"
    g.save(native)
    out = tmp_path / f"out{extension}"
    wrote = ok_json("convert", native, out)
    assert (wrote["nodes"], wrote["edges"]) == (g.node_count, g.edge_count)
    info = ok_json("info", out, "--directed")
    assert (info["nodes"], info["edges"], info["directed"]) == (g.node_count, g.edge_count, True)
    assert ok_json("components", out, "--directed")["count"] == len(g.connected_components())
    top = ok_json("pagerank", out, "--directed", "--weight", "weight", "--top", 3)
    assert [d["node"] for d in top] == [k for k, _ in g.pagerank(weight="weight").top(3)]
    if extension == ".csv":
        assert (tmp_path / "out.nodes.csv").is_file()


def test_reading_errors_name_the_file_in_every_format(tmp_path):
    for name, text in (
        ("bad.csv", 'source,target\n1,"2\n'),
        ("bad.graphml", "<graphml><graph"),
        ("bad.gml", "graph [ node [ id 1 "),
    ):
        path = tmp_path / name
        path.write_text(text)
        line = fails("info", path)
        assert line.startswith(f"groggy: {path}:"), line
    missing = tmp_path / "missing.parquet"
    assert fails("info", missing).startswith(f"groggy: '{missing}': No such file")
    (tmp_path / "folder.parquet").mkdir()
    assert "edges.parquet: no such file" in fails("info", tmp_path / "folder.parquet")
    g = gr.Graph()
    g.add_node(1, x=None)
    native = tmp_path / "nulls.groggy"
    g.save(native)
    # A graph a format cannot hold: refused with the writer's reason, nothing written.
    assert fails("convert", native, tmp_path / "x.gml").startswith("groggy: ")
    assert not (tmp_path / "x.gml").exists()


def _closed_pipe(args, read: int, buffered: bool):
    """Runs the command line with its stdout a pipe that the reader closes after ``read``
    bytes (0: before the command writes anything); returns (status, stderr). Buffered, as
    Python writes to a pipe unless PYTHONUNBUFFERED is set, output waits in Python's buffer
    until it is flushed, at the latest at interpreter shutdown."""
    env = os.environ.copy()
    env.pop("PYTHONUNBUFFERED", None)
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "groggy", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    if read:
        assert len(proc.stdout.read(read)) == read
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    return proc.wait(timeout=300), stderr


@pytest.mark.parametrize(
    "args, read",
    [
        # More than a pipe holds, the reader gone mid-way (`groggy bfs FILE 0 | head -c 10`).
        (["bfs", "LONG", 0, "--json"], 10),
        (["components", "APART", "--json"], 10),
        # A little output, still in Python's buffer when the reader is gone: the failure
        # shows when stdout is flushed (at interpreter shutdown, were it not flushed before).
        (["pagerank", "--top", 3], 0),
        (["info"], 0),
        (["--help"], 0),
        (["--version"], 0),
    ],
    ids=["bfs", "components", "pagerank", "info", "help", "version"],
)
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_output_to_a_closed_pipe_ends_quietly(tmp_path, args, read, buffered):
    files = {"LONG": tmp_path / "long.txt", "APART": tmp_path / "apart.txt"}
    # A path of 60,001 nodes; 60,000 edges apart (as many components).
    files["LONG"].write_text("".join(f"{i} {i + 1}\n" for i in range(60_000)))
    files["APART"].write_text("".join(f"{2 * i} {2 * i + 1}\n" for i in range(60_000)))
    args = [files.get(a, a) for a in args]
    status, stderr = _closed_pipe(args, read, buffered)
    assert (status, stderr) == (0, "")


def test_errors_are_worded_for_the_user(tmp_path):
    assert fails("pagerank", "--top", -1) == "groggy: --top must be >= 0"
    assert fails("bfs", 0, "--depth", -1) == "groggy: --depth must be >= 0"
    assert fails("pagerank", "--top", 2**63) == f"groggy: --top must be at most {2**63 - 1}"
    assert fails("bfs", 10**20) == "groggy: bfs: node '100000000000000000000' not found"
    missing = tmp_path / "missing.txt"
    for args in (["info", missing], ["bfs", missing, 0], ["convert", missing, tmp_path / "x.el"]):
        line = fails(*args)
        assert line.startswith(f"groggy: '{missing}': "), line
    bad = tmp_path / "bad.txt"
    bad.write_text("1 2\n3\n")
    assert fails("info", bad).startswith(f"groggy: {bad}:2: ")
    assert fails("shortest-path", 0, "nobody") == "groggy: shortest-path: node 'nobody' not found"
    assert fails("info", "--top") == "groggy: unrecognized arguments: --top (see groggy --help)"
    assert "SUBCOMMAND" in fails("bogus")
    # No library-internal names in any of them.
    for args in (["info", missing], ["pagerank", "--top", -1], ["info", bad], ["bfs", 0, "-1"]):
        line = fails(*args)
        for internal in ("is_native", "read_edgelist", "top:", "depth_limit", "argument "):
            assert internal not in line, line


def test_counts_say_edge_and_edges(tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("1 2\n")
    assert ok("info", one) == "undirected graph: 2 nodes, 1 edge, 1 component\n"
    assert ok("components", one) == "1 component: 2\n"
    native = tmp_path / "one.groggy"
    assert ok("convert", one, native) == f"wrote native {native}: 2 nodes, 1 edge\n"
    loop = tmp_path / "loop.txt"
    loop.write_text("7 7\n")
    assert ok("info", loop) == "undirected graph: 1 node, 1 edge, 1 component\n"
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n")
    assert ok("info", empty) == "undirected graph: 0 nodes, 0 edges, 0 components\n"
    assert ok("components", empty) == "0 components\n"
    two = tmp_path / "two.txt"
    two.write_text("1 2\n3 4\n5 6\n6 7\n")
    assert ok("info", two, "--directed") == (
        "directed graph: 7 nodes, 4 edges, 3 components, the largest of 3 nodes\n"
    )
    assert ok("components", two) == "3 components: 3, 2, 2\n"


# ----- datasets ------------------------------------------------------------------------------


def test_datasets_lists_the_bundled_files_and_prints_one_path(tmp_path):
    listed = ok("datasets", cwd=tmp_path).splitlines()
    assert [line.split("\t")[0] for line in listed] == ["karate", "wiki-vote", "ca-grqc"]
    assert ok_json("datasets", cwd=tmp_path)[1] == {
        "name": "wiki-vote",
        "path": str(gr.datasets.path("wiki-vote")),
        "about": gr.datasets.describe("wiki-vote"),
    }
    path = ok("datasets", "wiki-vote", cwd=tmp_path).strip()
    assert Path(path) == gr.datasets.path("wiki-vote") and Path(path).is_file()
    # What the README does: the printed path fed to another subcommand.
    assert ok_json("info", path, "--directed", cwd=tmp_path)["edges"] == 103_689


def test_datasets_refuses_an_unknown_name_in_one_line():
    message = fails("datasets", "wiki")
    assert (
        message
        == "groggy: datasets: no bundled dataset 'wiki'; there are: karate, wiki-vote, ca-grqc"
    )
