"""Whole columns: node_array / edge_array aligned with the graph's order, set_node_array /
set_edge_array from every container, add_edges_from_arrays (keys and columns of every
kind, duplicates, all or nothing on bad input), and node_table / edge_table."""

import random

import numpy as np
import pandas as pd
import pytest

import groggy as gr


def expected_node_column(g, name):
    return [g.nodes[k].get(name) for k in g.nodes]


def expected_edge_column(g, name):
    return [g.edges[u, v].get(name) for u, v in g.edges]


# ----- node_array / edge_array --------------------------------------------------------------


def test_node_array_aligned_with_nodes_order(populated):
    g = populated
    for name in g.node_attr_names():
        a = g.node_array(name)
        assert isinstance(a, gr.GraphArray)
        assert len(a) == g.node_count
        assert a.to_list() == expected_node_column(g, name)


def test_edge_array_aligned_with_edges_order(populated):
    g = populated
    for name in g.edge_attr_names():
        a = g.edge_array(name)
        assert len(a) == g.edge_count
        assert a.to_list() == expected_edge_column(g, name)


@pytest.mark.parametrize("directed", [False, True])
def test_arrays_stay_aligned_after_removals(directed):
    rng = random.Random(7)
    g = gr.Graph(directed=directed)
    for i in range(60):
        g.add_node(i if i % 4 else f"n{i}", x=i, half=i / 2 if i % 3 else None)
    keys = list(g.nodes)
    for i in range(150):
        u, v = rng.choice(keys), rng.choice(keys)
        g.add_edge(u, v, w=float(i), tag=str(i) if i % 5 else None)
    for k in rng.sample(keys, 15):
        g.remove_node(k)
    for u, v in rng.sample(list(g.edges), 10):
        g.remove_edge(u, v)
    g.add_node("late", x=-1)
    g.add_edge("late", keys[1], w=-1.0)
    for name in ("x", "half"):
        assert g.node_array(name).to_list() == expected_node_column(g, name)
    for name in ("w", "tag"):
        assert g.edge_array(name).to_list() == expected_edge_column(g, name)
    assert g.node_array("x").to_numpy().tolist() == expected_node_column(g, "x")
    assert len(g.edge_array("w")) == g.edge_count
    g.close()


def test_missing_attribute_raises_attribute_not_found(populated):
    for read in (populated.node_array, populated.edge_array):
        with pytest.raises(gr.AttributeNotFoundError) as info:
            read("no-such-attribute")
        assert isinstance(info.value, KeyError)
        assert isinstance(info.value, gr.GroggyError)
    # a node attribute is not an edge attribute and vice versa
    with pytest.raises(KeyError):
        populated.edge_array("name")
    with pytest.raises(KeyError):
        populated.node_array("w")


def test_missing_attribute_on_an_empty_graph(graph):
    with pytest.raises(KeyError):
        graph.node_array("x")
    with pytest.raises(KeyError):
        graph.edge_array("x")


def test_array_name_must_be_str(populated):
    with pytest.raises(TypeError):
        populated.node_array(1)
    with pytest.raises(TypeError):
        populated.set_node_array(None, [0] * populated.node_count)


def test_absent_and_none_are_both_null_in_arrays(graph):
    graph.add_node(1, x=None)
    graph.add_node(2)
    graph.add_node(3, x=3)
    a = graph.node_array("x")
    assert a.to_list() == [None, None, 3]
    assert a.null_count == 2
    assert a.dtype == "int64"


# ----- set_node_array / set_edge_array -------------------------------------------------------


def column_sources(values):
    """The same column as a list, numpy array, pandas Series and GraphArray."""
    return {
        "list": list(values),
        "numpy": np.array(values),
        "series": pd.Series(values),
        "graph_array": gr.GraphArray.from_list(values),
    }


@pytest.mark.parametrize("source", ["list", "numpy", "series", "graph_array"])
@pytest.mark.parametrize(
    ("values", "dtype"),
    [
        ([1, 2, 3, 4], "int64"),
        ([0.5, 1.5, -2.0, 1e10], "float64"),
        ([True, False, False, True], "bool"),
        (["a", "b", "", "d"], "str"),
    ],
)
def test_set_node_array_from_every_container(populated, source, values, dtype):
    g = populated
    n = g.node_count
    full = (values * n)[:n]
    g.set_node_array("col", column_sources(full)[source])
    a = g.node_array("col")
    assert a.dtype == dtype
    assert a.to_list() == full
    assert [g.nodes[k]["col"] for k in g.nodes] == full
    assert [g.get_node_attr(k, "col") for k in g.nodes] == full


@pytest.mark.parametrize("source", ["list", "numpy", "series", "graph_array"])
def test_set_edge_array_from_every_container(populated, source):
    g = populated
    values = [float(i) * 1.5 for i in range(g.edge_count)]
    g.set_edge_array("w", column_sources(values)[source])
    assert g.edge_array("w").to_list() == values
    assert [g.edges[u, v]["w"] for u, v in g.edges] == values
    assert [g.get_edge_attr(u, v, "w") for u, v in g.edges] == values


def test_set_array_replaces_and_keeps_other_attributes(populated):
    g = populated
    others = {k: {n: v for n, v in g.nodes[k].items() if n != "name"} for k in g.nodes}
    names = [f"n{i}" for i in range(g.node_count)]
    g.set_node_array("name", names)
    assert g.node_array("name").to_list() == names
    for k in g.nodes:
        attrs = dict(g.nodes[k])
        assert attrs.pop("name") == names[list(g.nodes).index(k)]
        assert attrs == others[k]


@pytest.mark.parametrize(
    "np_dtype",
    ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "float16", "float32"],
)
def test_set_node_array_numpy_dtypes(graph, np_dtype):
    graph.add_nodes(range(5))
    values = np.arange(5).astype(np_dtype)
    graph.set_node_array("x", values)
    widened = {"uint8": "int16", "uint16": "int32", "uint32": "int64", "float16": "float32"}
    assert graph.node_array("x").dtype == widened.get(np_dtype, np_dtype)
    assert graph.node_array("x").to_list() == values.tolist()
    assert [graph.nodes[k]["x"] for k in range(5)] == values.tolist()


def test_set_node_array_from_strided_and_big_endian_numpy(graph):
    graph.add_nodes(range(4))
    graph.set_node_array("x", np.arange(8, dtype=np.int64)[::2])
    assert graph.node_array("x").to_list() == [0, 2, 4, 6]
    graph.set_node_array("y", np.array([1.5, 2.5, 3.5, 4.5], dtype=">f8"))
    assert graph.node_array("y").to_list() == [1.5, 2.5, 3.5, 4.5]


def test_set_node_array_from_another_graphs_array(populated):
    with gr.Graph() as other:
        other.add_nodes(range(populated.node_count))
        other.set_node_array("v", list(range(populated.node_count)))
        source = other.node_array("v")
    populated.set_node_array("v", source)
    assert populated.node_array("v").to_list() == list(range(populated.node_count))
    # and a slice of an array
    populated.set_node_array("v2", source[::-1])
    assert populated.node_array("v2").to_list() == list(range(populated.node_count))[::-1]


def test_set_node_array_none_sets_null_present(graph):
    graph.add_nodes([1, 2, 3])
    graph.set_node_array("x", [10, None, 30])
    assert graph.nodes[2] == {"x": None}
    assert graph.get_node_attr(2, "x") is None
    assert graph.get_node_attr(2, "x", default="d") is None
    assert graph.node_array("x").to_list() == [10, None, 30]
    assert graph.node_array("x").null_count == 1
    assert "x" in graph.node_attr_names()


def test_set_edge_array_none_sets_null_present(digraph):
    digraph.add_edges([(1, 2), (2, 3)])
    digraph.set_edge_array("w", [None, 2.0])
    assert digraph.edges[1, 2] == {"w": None}
    assert digraph.get_edge_attr(1, 2, "w") is None
    assert digraph.edge_array("w").to_list() == [None, 2.0]


def test_set_node_array_nulls_from_masked_and_nullable(graph):
    graph.add_nodes(["a", "b", "c"])
    graph.set_node_array("m", np.ma.MaskedArray([1, 2, 3], mask=[0, 1, 0]))
    assert graph.node_array("m").to_list() == [1, None, 3]
    assert graph.nodes["b"] == {"m": None}
    graph.set_node_array("p", pd.Series([1, None, 3], dtype="Int64"))
    assert graph.node_array("p").to_list() == [1, None, 3]
    assert graph.node_array("p").dtype == "int64"
    assert graph.nodes["b"]["p"] is None
    graph.set_node_array("s", pd.Series(["x", None, "z"]))
    assert graph.node_array("s").to_list() == ["x", None, "z"]
    graph.set_node_array("all_null", [None, None, None])
    assert graph.node_array("all_null").dtype == "null"
    assert graph.nodes["a"]["all_null"] is None


def test_set_node_array_mixed_values(graph):
    graph.add_nodes(range(4))
    values = [1, "two", 3.0, b"four"]
    graph.set_node_array("x", values)
    assert graph.node_array("x").dtype == "mixed"
    assert graph.node_array("x").to_list() == values
    assert [graph.nodes[k]["x"] for k in range(4)] == values


@pytest.mark.parametrize("length_delta", [-1, 1, 5])
def test_set_node_array_wrong_length_changes_nothing(populated, length_delta, take_snapshot):
    g = populated
    before = take_snapshot(g)
    n = g.node_count + length_delta
    for values in (list(range(n)), np.arange(n), gr.GraphArray.from_list(list(range(n)))):
        with pytest.raises(ValueError):
            g.set_node_array("name", values)
        with pytest.raises(ValueError):
            g.set_node_array("fresh", values)
        assert take_snapshot(g) == before


@pytest.mark.parametrize("length_delta", [-1, 1])
def test_set_edge_array_wrong_length_changes_nothing(populated, length_delta, take_snapshot):
    g = populated
    before = take_snapshot(g)
    n = g.edge_count + length_delta
    for values in (list(range(n)), np.arange(n, dtype=np.float64)):
        with pytest.raises(ValueError):
            g.set_edge_array("w", values)
        assert take_snapshot(g) == before


def test_set_array_bad_values_change_nothing(populated, take_snapshot):
    g = populated
    before = take_snapshot(g)
    n = g.node_count
    with pytest.raises(TypeError):
        g.set_node_array("name", [*range(n - 1), object()])
    with pytest.raises(OverflowError):
        g.set_node_array("name", [*range(n - 1), 2**64])
    with pytest.raises(TypeError):
        g.set_node_array("name", np.zeros(n, dtype=complex))
    with pytest.raises(ValueError):
        g.set_node_array("name", np.zeros((n, 1)))
    with pytest.raises(TypeError):
        g.set_node_array("name", 5)
    with pytest.raises(TypeError):
        g.set_edge_array("w", "abcd"[: g.edge_count])
    assert take_snapshot(g) == before


def test_set_array_on_empty_graph(graph):
    graph.set_node_array("x", [])
    graph.set_edge_array("x", np.array([], dtype=np.float64))
    assert graph.node_count == 0
    assert graph.edge_count == 0
    with pytest.raises(ValueError):
        graph.set_node_array("x", [1])


# ----- add_edges_from_arrays -----------------------------------------------------------------


def one_at_a_time(directed, sources, targets, columns):
    """The reference: the same edges added one at a time with add_edge."""
    g = gr.Graph(directed=directed)
    for i, (u, v) in enumerate(zip(sources, targets)):
        attrs = {}
        for name, values in columns.items():
            value = values[i]
            if isinstance(value, np.generic):
                value = value.item()
            attrs[name] = value
        g.add_edge(u, v, **attrs)
    return g


@pytest.mark.parametrize("directed", [False, True])
def test_add_edges_from_int64_arrays(directed):
    g = gr.Graph(directed=directed)
    src = np.array([0, 1, 2, 3], dtype=np.int64)
    dst = np.array([1, 2, 3, 0], dtype=np.int64)
    g.add_edges_from_arrays(src, dst, weight=np.array([0.5, 1.5, 2.5, 3.5]))
    assert list(g.nodes) == [0, 1, 2, 3]
    assert list(g.edges) == [(0, 1), (1, 2), (2, 3), (3, 0)]
    assert g.edge_array("weight").to_list() == [0.5, 1.5, 2.5, 3.5]
    assert g.edges[2, 3] == {"weight": 2.5}
    assert all(type(k) is int for k in g.nodes)
    g.close()


@pytest.mark.parametrize(
    "np_dtype", ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
)
def test_add_edges_from_arrays_other_int_key_dtypes(graph, np_dtype):
    src = np.array([1, 2, 3], dtype=np_dtype)
    dst = np.array([2, 3, 100], dtype=np_dtype)
    graph.add_edges_from_arrays(src, dst)
    assert list(graph.edges) == [(1, 2), (2, 3), (3, 100)]
    assert all(type(k) is int for k in graph.nodes)


def test_add_edges_from_arrays_big_endian_and_uint64_extremes(digraph):
    digraph.add_edges_from_arrays(np.array([1, 2], dtype=">i8"), np.array([3, 4], dtype=">i4"))
    digraph.add_edges_from_arrays(
        np.array([2**63 - 1], dtype=np.uint64), np.array([0], dtype=np.uint64)
    )
    digraph.add_edges_from_arrays(
        np.array([-(2**63)], dtype=np.int64), np.array([2**63 - 1], dtype=np.int64)
    )
    assert list(digraph.edges) == [(1, 3), (2, 4), (2**63 - 1, 0), (-(2**63), 2**63 - 1)]


def test_add_edges_from_arrays_read_only_and_non_contiguous_keys(digraph):
    src = np.arange(10, dtype=np.int64)
    dst = np.arange(10, 20, dtype=np.int64)
    src.flags.writeable = False
    dst.flags.writeable = False
    digraph.add_edges_from_arrays(src, dst, w=src.astype(np.float64))
    assert list(digraph.edges) == [(i, i + 10) for i in range(10)]
    # strided views: every third element, reversed, and a column of a 2-D array
    base = np.arange(100, 130, dtype=np.int64)
    pairs = np.arange(200, 220, dtype=np.int64).reshape(10, 2)
    s, t = base[::3], pairs[:, 1]
    assert not s.flags.c_contiguous
    assert not t.flags.c_contiguous
    digraph.add_edges_from_arrays(s, t, w=np.linspace(0, 1, 19)[::2])
    assert list(digraph.edges)[10:] == list(zip(s.tolist(), t.tolist()))
    assert digraph.edge_array("w").to_list()[10:] == np.linspace(0, 1, 19)[::2].tolist()
    rev = np.arange(5, dtype=np.int64)[::-1]
    digraph.add_edges_from_arrays(rev, rev + 1000)
    assert list(digraph.edges)[20:] == [(4, 1004), (3, 1003), (2, 1002), (1, 1001), (0, 1000)]
    # the inputs are left untouched
    assert src.tolist() == list(range(10))
    assert base.tolist() == list(range(100, 130))


def test_add_edges_from_arrays_read_only_columns(graph):
    w = np.array([1.0, 2.0])
    w.flags.writeable = False
    c = np.array([1, 2], dtype=np.int32)[::-1]
    graph.add_edges_from_arrays(np.array([1, 2]), np.array([2, 3]), w=w, c=c)
    assert graph.edge_array("w").to_list() == [1.0, 2.0]
    assert graph.edge_array("c").to_list() == [2, 1]


def test_add_edges_from_arrays_str_keys(any_graph):
    g = any_graph
    g.add_edges_from_arrays(["a", "b", "c"], ["b", "c", "a"], label=["ab", "bc", "ca"])
    assert list(g.edges) == [("a", "b"), ("b", "c"), ("c", "a")]
    assert g.edge_array("label").to_list() == ["ab", "bc", "ca"]
    g.add_edges_from_arrays(np.array(["x", "y"]), np.array(["y", "日本"]))
    assert list(g.nodes) == ["a", "b", "c", "x", "y", "日本"]


def test_add_edges_from_arrays_mixed_object_keys(digraph):
    src = np.array([1, "1", np.int64(2), "b"], dtype=object)
    dst = np.array(["b", 1, np.int32(3), 2], dtype=object)
    digraph.add_edges_from_arrays(src, dst)
    assert list(digraph.edges) == [(1, "b"), ("1", 1), (2, 3), ("b", 2)]
    assert list(digraph.nodes) == [1, "b", "1", 2, 3]
    assert [type(k) for k in digraph.nodes] == [int, str, str, int, int]


def test_add_edges_from_arrays_mixing_numpy_and_lists(digraph):
    digraph.add_edges_from_arrays(np.array([1, 2], dtype=np.int64), ["x", "y"])
    digraph.add_edges_from_arrays([3, 4], np.array([5, 6], dtype=np.int32))
    digraph.add_edges_from_arrays(pd.Series([7, 8]), pd.Series(["p", "q"]))
    assert list(digraph.edges) == [(1, "x"), (2, "y"), (3, 5), (4, 6), (7, "p"), (8, "q")]


@pytest.mark.parametrize(
    ("np_dtype", "dtype"),
    [
        ("int8", "int8"),
        ("int16", "int16"),
        ("int32", "int32"),
        ("int64", "int64"),
        ("uint8", "int16"),
        ("uint16", "int32"),
        ("uint32", "int64"),
        ("uint64", "int64"),
        ("float16", "float32"),
        ("float32", "float32"),
        ("float64", "float64"),
        ("bool", "bool"),
    ],
)
def test_add_edges_from_arrays_numeric_columns(digraph, np_dtype, dtype):
    values = np.array([0, 1, 1, 0, 1]).astype(np_dtype)
    if np_dtype != "bool":
        values = (np.arange(5) * 3).astype(np_dtype)
    digraph.add_edges_from_arrays(np.arange(5), np.arange(5) + 10, c=values)
    a = digraph.edge_array("c")
    assert a.dtype == dtype
    assert a.to_list() == values.tolist()
    assert [digraph.edges[u, v]["c"] for u, v in digraph.edges] == values.tolist()


def test_add_edges_from_arrays_list_and_series_columns(graph):
    graph.add_edges_from_arrays(
        [1, 2, 3],
        [2, 3, 4],
        i=[1, 2, 3],
        f=[0.5, None, 1.5],
        s=pd.Series(["a", "b", "c"]),
        n=pd.Series([1, None, 3], dtype="Int64"),
        b=pd.Series([True, False, True]),
        m=[1, "x", b"y"],
        g=gr.GraphArray.from_list([9, 8, 7]),
    )
    assert graph.edge_array("i").to_list() == [1, 2, 3]
    assert graph.edge_array("f").to_list() == [0.5, None, 1.5]
    assert graph.edge_array("s").to_list() == ["a", "b", "c"]
    assert graph.edge_array("n").to_list() == [1, None, 3]
    assert graph.edge_array("b").to_list() == [True, False, True]
    assert graph.edge_array("m").to_list() == [1, "x", b"y"]
    assert graph.edge_array("g").to_list() == [9, 8, 7]
    # None in a column sets a present null, as add_edge(..., f=None) would
    assert graph.edges[2, 3]["f"] is None
    assert graph.edges[2, 3]["n"] is None
    assert graph.get_edge_attr(2, 3, "f") is None


def test_add_edges_from_arrays_without_columns_and_empty(graph, take_snapshot):
    before = take_snapshot(graph)
    graph.add_edges_from_arrays(np.array([], dtype=np.int64), np.array([], dtype=np.int64))
    graph.add_edges_from_arrays([], [])
    graph.add_edges_from_arrays([], [], w=[])
    assert take_snapshot(graph) == before
    graph.add_edges_from_arrays([1], [2])
    assert graph.edges(data=True) == [(1, 2, {})]


def test_duplicates_in_a_batch_undirected(graph):
    graph.add_edges_from_arrays(
        np.array([1, 2, 1, 3, 2], dtype=np.int64),
        np.array([2, 1, 2, 3, 1], dtype=np.int64),
        w=np.array([1.0, 2.0, 3.0, 4.0, 5.0]),
    )
    assert graph.edge_count == 2
    assert list(graph.edges) == [(1, 2), (3, 3)]
    assert graph.edges[1, 2] == {"w": 5.0}
    assert graph.edges[2, 1] == {"w": 5.0}
    assert graph.edges[3, 3] == {"w": 4.0}
    assert graph.degree(1) == 1
    assert graph.degree(3) == 2


def test_duplicates_in_a_batch_directed(digraph):
    digraph.add_edges_from_arrays(["a", "b", "a"], ["b", "a", "b"], w=[1, 2, 3], s=["x", None, "z"])
    assert digraph.edge_count == 2
    assert list(digraph.edges) == [("a", "b"), ("b", "a")]
    assert digraph.edges["a", "b"] == {"w": 3, "s": "z"}
    assert digraph.edges["b", "a"] == {"w": 2, "s": None}


@pytest.mark.parametrize(
    "values",
    [[1.5, None, 2.5], ["a", None, None, "b"]],
)
def test_duplicates_value_null_value_later_value_wins(any_graph, values):
    """The same edge three times in a batch with a null in between: the last value wins,
    as add_edge one at a time would give."""
    g = any_graph
    n = len(values)
    g.add_edges_from_arrays(np.full(n, 1), np.full(n, 2), w=values)
    assert g.edge_count == 1
    assert g.edges[1, 2] == {"w": values[-1]}
    assert g.edge_array("w").to_list() == [values[-1]]


def test_batch_updates_existing_edges_like_add_edge(any_graph):
    g = any_graph
    g.add_edge(1, 2, w=0.0, keep="me")
    g.add_edges_from_arrays([2, 5], [1, 6], w=[9.0, 1.0])
    expected = {"w": 9.0, "keep": "me"} if not g.directed else {"w": 0.0, "keep": "me"}
    assert g.edges[1, 2] == expected


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_batch_equals_one_at_a_time(directed, seed, take_snapshot):
    rng = random.Random(seed)
    n = 300
    pool = [*range(40), *[f"s{i}" for i in range(10)]]
    sources = [rng.choice(pool) for _ in range(n)]
    targets = [rng.choice(pool) for _ in range(n)]
    columns = {
        "w": [rng.random() if rng.random() > 0.1 else None for _ in range(n)],
        "k": [rng.randrange(5) for _ in range(n)],
        "t": [rng.choice(["a", "b", None]) for _ in range(n)],
    }
    g = gr.Graph(directed=directed)
    g.add_edge(0, 1, w=-1.0, extra=True)
    g.add_edges_from_arrays(sources, targets, **columns)
    ref = gr.Graph(directed=directed)
    ref.add_edge(0, 1, w=-1.0, extra=True)
    for i, (u, v) in enumerate(zip(sources, targets)):
        ref.add_edge(u, v, **{name: values[i] for name, values in columns.items()})
    assert take_snapshot(g) == take_snapshot(ref)
    g.close()
    ref.close()


def test_batch_with_int_arrays_equals_one_at_a_time(take_snapshot):
    rng = np.random.default_rng(11)
    src = rng.integers(0, 50, size=400)
    dst = rng.integers(0, 50, size=400)
    w = rng.random(400)
    for directed in (False, True):
        g = gr.Graph(directed=directed)
        g.add_edges_from_arrays(src, dst, w=w)
        ref = one_at_a_time(directed, src.tolist(), dst.tolist(), {"w": w})
        assert take_snapshot(g) == take_snapshot(ref)


BAD_BATCHES = {
    "length-np": ((np.array([5, 6]), np.array([7])), {}, ValueError),
    "length-list": (([5, 6], [7]), {}, ValueError),
    "length-mixed": ((np.array([5, 6]), ["a"]), {}, ValueError),
    "column-short": ((np.array([5, 6]), np.array([7, 8])), {"w": [1.0]}, ValueError),
    "column-long": ((["a"], ["b"]), {"w": np.array([1.0, 2.0])}, ValueError),
    "column-series-long": ((np.array([5]), np.array([7])), {"w": pd.Series([1, 2])}, ValueError),
    "complex-column": ((np.array([5, 6]), np.array([7, 8])), {"w": np.array([1j, 2j])}, TypeError),
    "datetime-column": (
        (np.array([5, 6]), np.array([7, 8])),
        {"w": np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]")},
        TypeError,
    ),
    "object-column": ((np.array([5, 6]), np.array([7, 8])), {"w": [1, object()]}, TypeError),
    "scalar-column": ((np.array([5, 6]), np.array([7, 8])), {"w": 5}, TypeError),
    "big-int-column": ((np.array([5, 6]), np.array([7, 8])), {"w": [1, 2**64]}, OverflowError),
    "float-keys": ((np.array([5.0, 6.0]), np.array([7, 8])), {}, TypeError),
    "float-key-list": (([5, 6.5], [7, 8]), {}, TypeError),
    "none-key": (([5, None], [7, 8]), {}, TypeError),
    "bool-key": (([5, 6], [7, True]), {}, TypeError),
    "bool-array-keys": ((np.array([True, False]), np.array([7, 8])), {}, TypeError),
    "none-object-key": ((np.array([5, None], dtype=object), np.array([7, 8])), {}, TypeError),
    "uint64-key": (
        (np.array([5, 6], dtype=np.uint64), np.array([7, 2**63], dtype=np.uint64)),
        {},
        OverflowError,
    ),
    "big-int-key": (([5, 2**63], [7, 8]), {}, OverflowError),
    "2d-keys": ((np.array([[5, 6]]), np.array([[7, 8]])), {}, ValueError),
    "2d-target": ((np.array([5, 6]), np.array([[7], [8]])), {}, ValueError),
    "2d-str-keys": ((np.array([["a", "b"]]), np.array([["c", "d"]])), {}, ValueError),
    "2d-column": ((np.array([5, 6]), np.array([7, 8])), {"w": np.zeros((2, 1))}, ValueError),
}


@pytest.mark.parametrize("case", list(BAD_BATCHES))
def test_bad_batches_change_nothing(populated, case, take_snapshot):
    args, columns, error = BAD_BATCHES[case]
    g = populated
    before = take_snapshot(g)
    with pytest.raises(error):
        g.add_edges_from_arrays(*args, ok=[0] * len(args[0]), **columns)
    assert take_snapshot(g) == before
    with pytest.raises(error):
        g.add_edges_from_arrays(*args, **columns)
    assert take_snapshot(g) == before


def test_bad_batch_in_the_middle_changes_nothing(populated, take_snapshot):
    """A bad key late in a long batch: the good edges before it are not added either."""
    g = populated
    before = take_snapshot(g)
    sources = [*range(1000, 1100), None]
    targets = list(range(2000, 2101))
    with pytest.raises(TypeError):
        g.add_edges_from_arrays(sources, targets, w=[1.0] * 101)
    assert take_snapshot(g) == before
    with pytest.raises(TypeError):
        g.add_edges_from_arrays(
            list(range(3)), list(range(3)), w=[1.0, 2.0, 3.0], bad=[1, 2, object()]
        )
    assert take_snapshot(g) == before


def test_none_as_a_column_raises(populated, take_snapshot):
    g = populated
    before = take_snapshot(g)
    with pytest.raises(TypeError):
        g.add_edges_from_arrays([1], [2], w=[1.0], x=None)
    assert take_snapshot(g) == before


# ----- node_table / edge_table ---------------------------------------------------------------


def test_node_table_columns_and_dtypes(graph):
    graph.add_node(1, a=1, s="x", f=1.5, b=True, full=7)
    graph.add_node(2, a=None, f=2.5, full=8)
    graph.add_node(3, s="z", m=1, full=9)
    graph.add_node(4, m="q", full=10)
    t = graph.node_table()
    assert isinstance(t, pd.DataFrame)
    assert list(t.columns) == ["key", *graph.node_attr_names()]
    assert set(t.columns) == {"key", "a", "s", "f", "b", "m", "full"}
    assert t["key"].dtype == np.int64
    assert t["key"].tolist() == [1, 2, 3, 4]
    assert str(t["a"].dtype) == "Int64"
    assert str(t["f"].dtype) == "Float64"
    assert str(t["b"].dtype) == "boolean"
    assert t["s"].dtype == object
    assert t["m"].dtype == object
    assert t["full"].dtype == np.int64
    assert t["a"].isna().tolist() == [False, True, True, True]
    assert t["s"].tolist() == ["x", None, "z", None]
    assert t["m"].tolist() == [None, None, 1, "q"]
    assert t["full"].tolist() == [7, 8, 9, 10]
    assert len(t) == graph.node_count


def test_node_table_rows_match_nodes(populated):
    g = populated
    t = g.node_table()
    assert t["key"].tolist() == list(g.nodes)
    assert t["key"].dtype == object  # int and str keys
    for i, key in enumerate(g.nodes):
        attrs = g.nodes[key]
        for name in g.node_attr_names():
            value = t[name].iloc[i]
            if name in attrs and attrs[name] is not None:
                assert value == attrs[name]
            else:
                assert pd.isna(value)


def test_node_table_numeric_typed_columns(graph):
    graph.add_nodes(range(3))
    graph.set_node_array("i8", np.array([1, 2, 3], dtype=np.int8))
    graph.set_node_array("f32", np.array([1, 2, 3], dtype=np.float32))
    graph.set_node_array("f32n", np.ma.MaskedArray(np.ones(3, dtype=np.float32), mask=[0, 0, 1]))
    t = graph.node_table()
    assert t["i8"].dtype == np.int8
    assert t["f32"].dtype == np.float32
    assert str(t["f32n"].dtype) == "Float32"


def test_edge_table_columns_and_dtypes(digraph):
    digraph.add_edge(1, 2, w=0.5, label="a")
    digraph.add_edge(3, 1, w=1.5)
    digraph.add_edge(2, 3, label="c", n=4)
    t = digraph.edge_table()
    assert list(t.columns) == ["source", "target", *digraph.edge_attr_names()]
    assert t["source"].tolist() == [1, 3, 2]
    assert t["target"].tolist() == [2, 1, 3]
    assert t["source"].dtype == np.int64
    assert t["target"].dtype == np.int64
    assert str(t["w"].dtype) == "Float64"
    assert t["w"].isna().tolist() == [False, False, True]
    assert t["label"].dtype == object
    assert t["label"].tolist() == ["a", None, "c"]
    assert str(t["n"].dtype) == "Int64"


def test_edge_table_str_keys_and_order_after_removal(populated):
    g = populated
    g.remove_edge(1, 2)
    t = g.edge_table()
    assert list(zip(t["source"], t["target"])) == list(g.edges)
    assert t["source"].dtype == object
    assert t["w"].tolist()[0] == 2.0


def test_tables_of_empty_graph(graph):
    t = graph.node_table()
    assert list(t.columns) == ["key"]
    assert len(t) == 0
    e = graph.edge_table()
    assert list(e.columns) == ["source", "target"]
    assert len(e) == 0


def test_tables_are_snapshots(graph):
    graph.add_edge(1, 2, w=1.0)
    t = graph.edge_table()
    n = graph.node_table()
    graph.set_edge_attr(1, 2, "w", 5.0)
    graph.add_edge(2, 3, w=2.0)
    assert t["w"].tolist() == [1.0]
    assert n["key"].tolist() == [1, 2]


def test_tables_keep_their_key_columns_when_an_attribute_has_the_same_name():
    g = gr.Graph(directed=True)
    g.add_node("a", key=1)
    g.add_edge("a", "b", source="s", target=5, w=1.5)
    nodes = g.node_table()
    assert list(nodes.columns) == ["key", "key_attr"]
    assert nodes["key"].tolist() == ["a", "b"]
    assert nodes["key_attr"].tolist()[0] == 1
    edges = g.edge_table()
    assert list(edges.columns) == ["source", "target", "source_attr", "target_attr", "w"]
    assert edges.loc[0, ["source", "target", "source_attr", "target_attr"]].tolist() == [
        "a",
        "b",
        "s",
        5,
    ]


def test_add_edges_from_arrays_takes_its_arrays_by_keyword():
    g = gr.Graph(directed=True)
    w = np.array([0.5, 1.5])
    g.add_edges_from_arrays(sources=np.array([1, 2]), targets=np.array([2, 3]), w=w)
    assert list(g.edges) == [(1, 2), (2, 3)]
    assert g.edge_array("w").to_list() == [0.5, 1.5]
