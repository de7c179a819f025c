"""Node keys: int (within int64) or str; numpy integer scalars count as ints; keys keep
their kind; anything else is a TypeError, an int outside int64 an OverflowError."""

import numpy as np
import pytest

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

BAD_TYPE_KEYS = [True, False, 1.0, 1.5, float("nan"), None, (1, 2), (), [1], b"a", 1j]
BAD_TYPE_IDS = [
    "True",
    "False",
    "1.0",
    "1.5",
    "nan",
    "None",
    "tuple",
    "empty-tuple",
    "list",
    "bytes",
    "complex",
]
OUT_OF_RANGE_KEYS = [INT64_MAX + 1, INT64_MIN - 1, 2**64, -(2**100), np.uint64(2**64 - 1)]
OUT_OF_RANGE_IDS = ["max+1", "min-1", "2**64", "-2**100", "uint64-max"]
NUMPY_INT_KEYS = [
    np.int8(-5),
    np.int16(300),
    np.int32(-70000),
    np.int64(INT64_MAX),
    np.uint8(200),
    np.uint16(60000),
    np.uint32(2**32 - 1),
    np.uint64(INT64_MAX),
]


def test_int_and_str_keys_are_distinct(graph):
    graph.add_node(1, kind="int")
    graph.add_node("1", kind="str")
    assert len(graph) == 2
    assert list(graph.nodes) == [1, "1"]
    assert [type(k) for k in graph.nodes] == [int, str]
    assert graph.nodes[1] == {"kind": "int"}
    assert graph.nodes["1"] == {"kind": "str"}
    graph.remove_node(1)
    assert 1 not in graph
    assert "1" in graph


def test_int_and_str_keys_are_distinct_in_edges(graph):
    graph.add_edge(1, "1")
    assert graph.node_count == 2
    assert graph.has_edge(1, "1")
    assert not graph.has_edge(1, 1)
    assert not graph.has_edge("1", "1")
    assert list(graph.edges) == [(1, "1")]


def test_keys_come_back_with_their_kind(graph):
    keys = [0, -1, INT64_MIN, INT64_MAX, "", "0", "alice", "日本語", "a b", "a\x00b"]
    graph.add_nodes(keys)
    assert list(graph.nodes) == keys
    assert [type(k) for k in graph.nodes] == [type(k) for k in keys]
    for k in keys:
        assert k in graph
        assert graph.has_node(k)


def test_extreme_int_keys_in_single_calls(graph):
    graph.add_node(INT64_MIN)
    graph.add_edge(INT64_MAX, INT64_MIN, w=1)
    assert list(graph.nodes) == [INT64_MIN, INT64_MAX]
    assert graph.has_edge(INT64_MIN, INT64_MAX)
    assert graph.edges[INT64_MAX, INT64_MIN] == {"w": 1}


@pytest.mark.parametrize("key", NUMPY_INT_KEYS, ids=lambda k: type(k).__name__)
def test_numpy_integer_scalars_are_int_keys(graph, key):
    graph.add_node(key, a=1)
    assert list(graph.nodes) == [int(key)]
    assert type(next(iter(graph.nodes))) is int
    assert int(key) in graph
    assert key in graph
    assert graph.has_node(key)
    assert graph.nodes[key] == {"a": 1}
    assert graph.get_node_attr(int(key), "a") == 1
    graph.add_edge(key, "other")
    assert graph.has_edge(int(key), "other")
    assert graph.degree(key) == 1
    graph.remove_node(key)
    assert len(graph) == 1


def test_numpy_integer_keys_in_batches(graph):
    graph.add_nodes([np.int32(1), (np.int64(2), {"a": 1}), {"id": np.uint8(3), "attrs": {}}])
    graph.add_edges([(np.int16(1), np.uint32(2)), (np.int8(3), np.int64(1), {"w": 2})])
    assert list(graph.nodes) == [1, 2, 3]
    assert all(type(k) is int for k in graph.nodes)
    assert graph.edges(data=True) == [(1, 2, {}), (3, 1, {"w": 2})]


def test_numpy_int_key_equals_python_int_key(graph):
    graph.add_node(np.int64(7))
    graph.add_node(7)
    assert len(graph) == 1


def test_bool_is_not_an_int_key(graph):
    graph.add_node(1)
    with pytest.raises(TypeError):
        graph.add_node(True)
    with pytest.raises(TypeError):
        graph.has_node(True)
    assert list(graph.nodes) == [1]


@pytest.mark.parametrize("key", BAD_TYPE_KEYS, ids=BAD_TYPE_IDS)
def test_bad_key_types_raise_type_error(graph, key):
    graph.add_edge("a", "b")
    calls = [
        lambda: graph.add_node(key),
        lambda: graph.add_node(key, x=1),
        lambda: graph.add_edge(key, "a"),
        lambda: graph.add_edge("a", key),
        lambda: graph.remove_node(key),
        lambda: graph.remove_edge("a", key),
        lambda: graph.has_node(key),
        lambda: graph.has_edge(key, "a"),
        lambda: graph.neighbors(key),
        lambda: graph.successors(key),
        lambda: graph.predecessors(key),
        lambda: graph.degree[key],
        lambda: graph.in_degree[key],
        lambda: graph.out_degree[key],
        # None, a tuple or a list is an nbunch for the call form (as networkx's), not a key.
        *([] if key is None or isinstance(key, (tuple, list)) else [lambda: graph.degree(key)]),
        lambda: graph.get_node_attr(key, "x"),
        lambda: graph.get_node_attr(key, "x", None),
        lambda: graph.set_node_attr(key, "x", 1),
        lambda: graph.get_edge_attr("a", key, "x"),
        lambda: graph.set_edge_attr(key, "a", "x", 1),
        lambda: graph.nodes[key],
        lambda: graph.edges["a", key],
        lambda: graph.subgraph(["a", key]),
    ]
    for call in calls:
        with pytest.raises(TypeError):
            call()
    assert list(graph.nodes) == ["a", "b"]
    assert list(graph.edges) == [("a", "b")]


@pytest.mark.parametrize("key", BAD_TYPE_KEYS, ids=BAD_TYPE_IDS)
def test_bad_key_types_in_batches_raise_type_error(graph, key):
    with pytest.raises(TypeError):
        graph.add_nodes([1, key])
    with pytest.raises(TypeError):
        graph.add_nodes([(key, {"a": 1})])
    with pytest.raises(TypeError):
        graph.add_nodes([{"id": key}])
    with pytest.raises(TypeError):
        graph.add_edges([(1, 2), (key, 3)])
    with pytest.raises(TypeError):
        graph.add_edges([(1, key, {"w": 1})])
    assert len(graph) == 0
    assert graph.edge_count == 0


@pytest.mark.parametrize("key", OUT_OF_RANGE_KEYS, ids=OUT_OF_RANGE_IDS)
def test_int_keys_outside_int64_raise_overflow_error(graph, key):
    graph.add_edge("a", "b")
    calls = [
        lambda: graph.add_node(key),
        lambda: graph.add_node(key, x=1),
        lambda: graph.add_edge(key, "a"),
        lambda: graph.add_edge("a", key, w=1),
        lambda: graph.remove_node(key),
        lambda: graph.remove_edge(key, "a"),
        lambda: graph.has_node(key),
        lambda: graph.has_edge("a", key),
        lambda: graph.neighbors(key),
        lambda: graph.degree(key),
        lambda: graph.get_node_attr(key, "x", None),
        lambda: graph.set_node_attr(key, "x", 1),
        lambda: graph.nodes[key],
        lambda: graph.subgraph([key]),
    ]
    for call in calls:
        with pytest.raises(OverflowError):
            call()
    assert list(graph.nodes) == ["a", "b"]


@pytest.mark.parametrize("key", OUT_OF_RANGE_KEYS, ids=OUT_OF_RANGE_IDS)
def test_int_keys_outside_int64_in_batches_raise_overflow_error(graph, key):
    with pytest.raises(OverflowError):
        graph.add_nodes([1, 2, key])
    with pytest.raises(OverflowError):
        graph.add_nodes([(key, {"a": 1})])
    with pytest.raises(OverflowError):
        graph.add_nodes([{"id": key, "attrs": {}}])
    with pytest.raises(OverflowError):
        graph.add_edges([(1, 2), (3, key)])
    with pytest.raises(OverflowError):
        graph.add_edges([(key, 1, {"w": 1})])
    assert len(graph) == 0
    assert graph.edge_count == 0


@pytest.mark.parametrize("key", [*BAD_TYPE_KEYS, INT64_MAX + 1], ids=repr)
def test_membership_of_an_impossible_key_is_false(graph, key):
    graph.add_node(1)
    assert (key in graph) is False
    assert (key in graph.nodes) is False
    assert ((1, key) in graph.edges) is False


def test_str_subclass_and_int_subclass_keys_are_normalised(graph):
    class Name(str):
        pass

    class Number(int):
        pass

    graph.add_node(Name("alice"))
    graph.add_node(Number(5))
    assert list(graph.nodes) == ["alice", 5]
    assert [type(k) for k in graph.nodes] == [str, int]
    assert "alice" in graph
    assert 5 in graph


def test_subgraph_keeps_key_kinds(graph):
    graph.add_edge(1, "1")
    graph.add_edge("1", 2)
    sub = graph.subgraph(["1", 1])
    assert list(sub.nodes) == [1, "1"]
    assert list(sub.edges) == [(1, "1")]
