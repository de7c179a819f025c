"""Pickling GraphArray and NodeMap: every dtype comes back as it was (int8 stays int8, a
mixed array keeps each value's kind, nulls stay in place), a NodeMap keeps its key kinds
and order, damaged pickles raise instead of crashing, and a "spawn" process pool ships
results both ways."""

import multiprocessing
import pickle
import sys

import networkx as nx
import numpy as np
import pytest

import groggy as gr
from groggy._array_state import swap_bytes, tagged_values
from groggy._native import lib

GraphArray = gr.GraphArray
PROTOCOLS = [2, pickle.HIGHEST_PROTOCOL]

ARRAYS = {
    "int8": lambda: GraphArray.from_numpy(np.array([-128, 0, 127], dtype=np.int8)),
    "int16": lambda: GraphArray.from_numpy(np.array([-(2**15), 1, 2**15 - 1], dtype=np.int16)),
    "int32": lambda: GraphArray.from_numpy(np.array([-(2**31), 1, 2**31 - 1], dtype=np.int32)),
    "int64": lambda: GraphArray.from_list([-(2**63), 0, 2**63 - 1]),
    "float32": lambda: GraphArray.from_numpy(np.array([0.1, -3.0e38, np.inf], dtype=np.float32)),
    "float64": lambda: GraphArray.from_list([0.1, float("-inf"), 1e-300]),
    "bool": lambda: GraphArray.from_list([True, False, True]),
    "str": lambda: GraphArray.from_list(["a", "", "日本"]),
    "bytes": lambda: GraphArray.from_list([b"\x00\xff", b"", b"x"]),
    "mixed": lambda: GraphArray.from_list([np.int8(-3), np.float32(0.1), "s", b"b", True, 7]),
    "null": lambda: GraphArray.from_list([None, None]),
}


def same(a: GraphArray, b: GraphArray) -> None:
    """Equal dtype, nulls and values (NaN equal to NaN), each value of the same type."""
    assert isinstance(b, GraphArray)
    assert b.dtype == a.dtype
    assert len(b) == len(a)
    assert b.null_count == a.null_count
    assert repr(b.to_list()) == repr(a.to_list())
    assert [type(v) for v in b.to_list()] == [type(v) for v in a.to_list()]


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("kind", list(ARRAYS))
def test_every_dtype_round_trips(kind, protocol):
    a = ARRAYS[kind]()
    assert a.dtype == kind
    back = pickle.loads(pickle.dumps(a, protocol=protocol))
    same(a, back)
    if kind in ("int8", "float32", "bool"):
        assert back.to_numpy().dtype == np.dtype(kind)
        assert back.to_numpy().tobytes() == a.to_numpy().tobytes()


@pytest.mark.parametrize("kind", [k for k in ARRAYS if k != "null"])
def test_nulls_stay_in_place(kind):
    values = ARRAYS[kind]().to_list()
    values[1] = None
    a = GraphArray.from_list(
        [np.int8(v) if kind == "int8" and v is not None else v for v in values]
    )
    if kind in ("int16", "int32", "float32"):
        a = GraphArray.from_numpy(
            np.ma.MaskedArray(ARRAYS[kind]().to_numpy(), mask=[False, True, False])
        )
    assert a.dtype == kind and a.null_count == 1
    back = pickle.loads(pickle.dumps(a))
    same(a, back)
    assert back[1] is None


def test_a_mixed_array_keeps_each_values_kind():
    a = ARRAYS["mixed"]()
    back = pickle.loads(pickle.dumps(a))
    # an int8 or float32 value reads back as int / float, but keeps its kind tag
    assert [tag for tag, _ in tagged_values(back)] == [tag for tag, _ in tagged_values(a)]
    assert tagged_values(back)[0][0] == lib.GR_ATTR_INT8
    assert tagged_values(back)[1][0] == lib.GR_ATTR_FLOAT32
    assert back[1] == float(np.float32(0.1)) != 0.1


@pytest.mark.parametrize(
    "make",
    [
        lambda: ARRAYS["mixed"]()[0:1],  # one int8 value, still mixed
        lambda: ARRAYS["mixed"]()[[2, 3]],  # str and bytes
        lambda: ARRAYS["mixed"]()[0:0],
        lambda: ARRAYS["str"]()[0:0],
        lambda: ARRAYS["int8"]()[0:0],
        lambda: ARRAYS["float32"]()[::2],
        lambda: GraphArray.from_list([]),
    ],
    ids=["mixed-one", "mixed-str-bytes", "mixed-empty", "str-empty", "int8-empty", "step", "empty"],
)
def test_slices_and_empty_arrays_keep_their_dtype(make):
    a = make()
    same(a, pickle.loads(pickle.dumps(a)))


def test_graph_columns_and_copies():
    with gr.Graph() as g:
        g.add_node(1, x=np.float32(1.5), s="a")
        g.add_node(2)
        g.add_node(3, x=np.float32(-2.0), s="c")
        x, s = g.node_array("x"), g.node_array("s")
    for a in (x, s):
        back = pickle.loads(pickle.dumps(a))
        same(a, back)
        assert back.null_count == 1
    assert np.sum(pickle.loads(pickle.dumps(x))) == np.float32(-0.5)


def test_the_pickle_needs_no_numpy():
    a = ARRAYS["float32"]()
    _loader, state = a.__reduce__()
    assert all(type(part) in (str, int, bytes, list, type(None)) for part in state)
    assert "numpy" not in pickle.dumps(a).decode("latin-1")


def test_the_other_byte_order_is_read_back():
    a = GraphArray.from_numpy(np.array([1, -2, 300], dtype=np.int32))
    loader, (dtype, n, payload, valid, _order) = a.__reduce__()
    other = "big" if sys.byteorder == "little" else "little"
    back = loader(dtype, n, swap_bytes(payload, 4), valid, other)
    assert back.to_list() == [1, -2, 300]
    assert swap_bytes(b"\x01\x02\x03\x04", 2) == b"\x02\x01\x04\x03"


@pytest.mark.parametrize(
    "state",
    [
        ("int64", 2, b"\x00" * 15, None, sys.byteorder),  # too short: never read past it
        ("int64", 2, b"\x00" * 16, b"\x01", sys.byteorder),
        ("int64", 2, "text", None, sys.byteorder),
        ("int64", -1, b"", None, sys.byteorder),
        ("int64", 1, b"\x00" * 8, None, "middle"),
        ("complex", 1, b"", None, sys.byteorder),
        (None, 1, b"", None, sys.byteorder),
        ("str", 2, ["a"], None, sys.byteorder),
        ("str", 1, [b"a"], None, sys.byteorder),
        ("str", 1, ["a"], b"\x01", sys.byteorder),
        ("bytes", 1, ["a"], None, sys.byteorder),
        ("mixed", 1, [3], None, sys.byteorder),
        ("mixed", 1, [(5, "a")], None, sys.byteorder),
        ("mixed", 1, [(2, 1000)], None, sys.byteorder),  # int8 tag, value out of range
        ("null", 1, [None], None, sys.byteorder),
    ],
)
def test_damaged_array_pickles_raise_value_error(state):
    loader = ARRAYS["int8"]().__reduce__()[0]
    with pytest.raises(ValueError, match="GraphArray pickle"):
        loader(*state)


# ----- NodeMap ----------------------------------------------------------------------------


def key_graph(directed=False) -> gr.Graph:
    g = gr.Graph(directed=directed)
    g.add_edge("a", 1)
    g.add_edge(1, -(2**63))
    g.add_edge(-(2**63), "日本")
    g.add_edge("日本", "a")
    g.add_node(2**63 - 1)
    return g


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_nodemaps_round_trip_with_key_kinds_order_and_dtype(protocol):
    g = key_graph(directed=True)
    results = [
        g.pagerank(),
        g.degrees(),
        g.component_labels(),
        g.shortest_path_lengths("a"),
    ]
    g.close()
    for m in results:
        back = pickle.loads(pickle.dumps(m, protocol=protocol))
        assert back == m
        assert list(back) == list(m)
        assert [type(k) for k in back] == [type(k) for k in m]
        assert back.array.dtype == m.array.dtype
        same(m.array, back.array)
        assert back.keys_array().tolist() == m.keys_array().tolist()
        for key in m:
            assert back[key] == m[key]


def test_nodemap_int_keys_and_empty_maps():
    with gr.Graph() as g:
        g.add_edge(3, 1)
        g.add_edge(1, 2**63 - 1)
        m = g.degrees()
    back = pickle.loads(pickle.dumps(m))
    assert back == m and back.keys_array().dtype == np.int64
    assert list(back) == [3, 1, 2**63 - 1]
    with gr.Graph() as empty:
        nothing = empty.pagerank()
    back = pickle.loads(pickle.dumps(nothing))
    assert len(back) == 0 and back == {}


def test_a_nodemap_with_null_values():
    with gr.Graph() as g:
        g.add_node(1, x=2.5)
        g.add_node("b")
        m = type(g.degrees())._from_keys([1, "b"], g.node_array("x"))
    back = pickle.loads(pickle.dumps(m))
    assert back == {1: 2.5, "b": None}
    assert back.array.null_count == 1


def test_damaged_nodemap_pickles_raise():
    m = key_graph().degrees()
    loader, (keys, array) = m.__reduce__()
    with pytest.raises(ValueError, match="one value per key"):
        loader(keys[:-1], array)
    with pytest.raises(ValueError, match="one value per key"):
        loader(keys, array.to_list())
    with pytest.raises(ValueError, match="keys repeat"):
        loader([1, 1], GraphArray.from_list([1, 2]))
    with pytest.raises(TypeError, match="NodeMap"):
        loader([1.5], GraphArray.from_list([1]))
    with pytest.raises(OverflowError, match="NodeMap"):
        loader([2**63], GraphArray.from_list([1]))


# ----- process pools ----------------------------------------------------------------------


def results_of(seed: int):
    """Runs in a worker process: the NodeMap and GraphArray travel back by pickle."""
    g = gr.from_networkx(nx.gnp_random_graph(40, 0.15, seed=seed))
    for node in list(g.nodes)[::3]:
        g.set_node_attr(node, "label", f"n{node}")
    return g.pagerank(), g.degrees(), g.node_array("label")


def scale(array: GraphArray):
    """Runs in a worker process: a GraphArray came in by pickle."""
    return array.dtype, GraphArray.from_numpy(np.asarray(array) * 2)


def test_a_spawn_pool_ships_nodemaps_and_graph_arrays():
    expected = [results_of(seed) for seed in range(3)]
    inputs = [
        GraphArray.from_numpy(np.array([1, 2, 3], dtype=np.int8)),
        GraphArray.from_numpy(np.array([0.5], dtype=np.float32)),
    ]
    # spawn: a fresh interpreter (forking a process that runs threads is unsafe)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(results_of, range(3))
        scaled = pool.map(scale, inputs)
    for (pr, degrees, labels), (pr0, degrees0, labels0) in zip(results, expected):
        assert pr == pr0 and list(pr) == list(pr0)
        assert degrees == degrees0 and degrees.array.dtype == degrees0.array.dtype
        same(labels0, labels)
        assert labels.null_count > 0
    assert [dtype for dtype, _ in scaled] == ["int8", "float32"]
    assert scaled[0][1].dtype == "int8" and scaled[0][1].to_list() == [2, 4, 6]
    assert scaled[1][1].dtype == "float32" and scaled[1][1].to_list() == [1.0]
