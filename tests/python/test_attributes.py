"""Attribute values: every kind PYTHON_API.md lists round-trips exactly (through every way
in and every way out), unsupported values raise TypeError, null differs from absent, and
a column receiving several types keeps working."""

import decimal
import fractions
import math

import numpy as np
import pytest

import groggy as gr

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

# (value stored, value expected back, type expected back)
ROUND_TRIPS = [
    ("none", None, None, type(None)),
    ("true", True, True, bool),
    ("false", False, False, bool),
    ("int-zero", 0, 0, int),
    ("int-negative", -42, -42, int),
    ("int64-min", INT64_MIN, INT64_MIN, int),
    ("int64-max", INT64_MAX, INT64_MAX, int),
    ("float", 1.5, 1.5, float),
    ("float-tiny", 5e-324, 5e-324, float),
    ("float-huge", 1.7976931348623157e308, 1.7976931348623157e308, float),
    ("float-inf", float("inf"), float("inf"), float),
    ("float-neg-inf", float("-inf"), float("-inf"), float),
    ("float-third", 1 / 3, 1 / 3, float),
    ("str", "hello", "hello", str),
    ("str-empty", "", "", str),
    ("str-non-ascii", "héllo wörld 日本語 😀", "héllo wörld 日本語 😀", str),
    ("str-nul", "a\x00b", "a\x00b", str),
    ("bytes", b"\x00\x01\xff", b"\x00\x01\xff", bytes),
    ("bytes-empty", b"", b"", bytes),
    ("bytearray", bytearray(b"abc"), b"abc", bytes),
    ("bytearray-empty", bytearray(), b"", bytes),
    ("memoryview", memoryview(b"xyz"), b"xyz", bytes),
    ("memoryview-strided", memoryview(b"abcdef")[::2], b"ace", bytes),
    ("np-int8-min", np.int8(-128), -128, int),
    ("np-int8-max", np.int8(127), 127, int),
    ("np-int16-min", np.int16(-32768), -32768, int),
    ("np-int16-max", np.int16(32767), 32767, int),
    ("np-int32-min", np.int32(-(2**31)), -(2**31), int),
    ("np-int32-max", np.int32(2**31 - 1), 2**31 - 1, int),
    ("np-int64-min", np.int64(INT64_MIN), INT64_MIN, int),
    ("np-int64-max", np.int64(INT64_MAX), INT64_MAX, int),
    ("np-uint8-max", np.uint8(255), 255, int),
    ("np-uint16-max", np.uint16(65535), 65535, int),
    ("np-uint32-max", np.uint32(2**32 - 1), 2**32 - 1, int),
    ("np-uint64-zero", np.uint64(0), 0, int),
    ("np-uint64-fits", np.uint64(INT64_MAX), INT64_MAX, int),
    ("np-float16", np.float16(1.1), float(np.float32(np.float16(1.1))), float),
    ("np-float16-inf", np.float16("inf"), float("inf"), float),
    ("np-float32", np.float32(1.1), float(np.float32(1.1)), float),
    ("np-float32-max", np.float32(3.4028235e38), float(np.float32(3.4028235e38)), float),
    ("np-float32-tiny", np.float32(1e-45), float(np.float32(1e-45)), float),
    ("np-float64", np.float64(1.1), 1.1, float),
    ("np-bool-true", np.bool_(True), True, bool),
    ("np-bool-false", np.bool_(False), False, bool),
    ("np-str", np.str_("numpy str"), "numpy str", str),
    ("np-bytes", np.bytes_(b"numpy bytes"), b"numpy bytes", bytes),
]
ROUND_TRIP_IDS = [case[0] for case in ROUND_TRIPS]
ROUND_TRIP_CASES = [case[1:] for case in ROUND_TRIPS]


def same(actual, expected, expected_type):
    """Equal value, exactly the expected type (and the sign of zero)."""
    if type(actual) is not expected_type:
        return False
    if isinstance(expected, float) and math.isnan(expected):
        return math.isnan(actual)
    if isinstance(expected, float) and expected == 0:
        return actual == 0 and math.copysign(1, actual) == math.copysign(1, expected)
    return actual == expected


def all_node_reads(g, key, name):
    """The value of a node attribute through every read path."""
    return [
        g.get_node_attr(key, name),
        g.get_node_attr(key, name, "default"),
        g.nodes[key][name],
        dict(g.nodes(data=True))[key][name],
    ]


def all_edge_reads(g, u, v, name):
    reads = [
        g.get_edge_attr(u, v, name),
        g.get_edge_attr(u, v, name, "default"),
        g.edges[u, v][name],
        {(a, b): d for a, b, d in g.edges(data=True)}[u, v][name],
    ]
    if not g.directed:
        reads += [g.get_edge_attr(v, u, name), g.edges[v, u][name]]
    return reads


@pytest.mark.parametrize(
    ("value", "expected", "expected_type"), ROUND_TRIP_CASES, ids=ROUND_TRIP_IDS
)
def test_node_attribute_round_trips(graph, value, expected, expected_type):
    graph.add_node("kw", v=value)
    graph.add_node("set")
    graph.set_node_attr("set", "v", value)
    graph.add_nodes([("pair", {"v": value}), {"id": "dict", "attrs": {"v": value}}])
    for key in ["kw", "set", "pair", "dict"]:
        for got in all_node_reads(graph, key, "v"):
            assert same(got, expected, expected_type), (key, got)


@pytest.mark.parametrize(
    ("value", "expected", "expected_type"), ROUND_TRIP_CASES, ids=ROUND_TRIP_IDS
)
def test_edge_attribute_round_trips(any_graph, value, expected, expected_type):
    g = any_graph
    g.add_edge(1, 2, v=value)
    g.add_edge(3, 4)
    g.set_edge_attr(3, 4, "v", value)
    g.add_edges([(5, 6, {"v": value})])
    for u, v in [(1, 2), (3, 4), (5, 6)]:
        for got in all_edge_reads(g, u, v, "v"):
            assert same(got, expected, expected_type), ((u, v), got)


def test_nan_round_trips(graph):
    graph.add_node(1, a=float("nan"), b=np.float32("nan"), c=np.float16("nan"))
    graph.add_edge(1, 2, w=float("nan"))
    for name in "abc":
        value = graph.get_node_attr(1, name)
        assert type(value) is float
        assert math.isnan(value)
    assert math.isnan(graph.get_edge_attr(1, 2, "w"))


def test_negative_zero_round_trips(graph):
    graph.add_node(1, a=-0.0, b=np.float32(-0.0))
    for name in "ab":
        value = graph.get_node_attr(1, name)
        assert value == 0
        assert math.copysign(1, value) == -1


def test_float32_comes_back_as_the_value_of_the_f32(graph):
    graph.add_node(1, x=np.float32(1.1))
    value = graph.get_node_attr(1, "x")
    assert value == float(np.float32(1.1))
    assert value != 1.1
    assert np.float32(value) == np.float32(1.1)


def test_many_attributes_on_one_node(graph):
    attrs = {f"a{i}": i for i in range(50)}
    graph.add_node("n", **attrs)
    assert graph.nodes["n"] == attrs
    assert graph.node_attr_names() == list(attrs)


def test_attribute_names_may_be_any_str(graph):
    names = {"": 1, "é": 2, "日本": 3, "with space": 4, "a\x00b": 5, "class": 6}
    graph.add_node(1, **names)
    graph.add_edge(1, 2, **names)
    assert graph.nodes[1] == names
    assert graph.edges[1, 2] == names
    for name, value in names.items():
        assert graph.get_node_attr(1, name) == value
        assert graph.get_edge_attr(1, 2, name) == value
    assert sorted(graph.node_attr_names()) == sorted(names)
    assert sorted(graph.edge_attr_names()) == sorted(names)


@pytest.mark.parametrize("name", [1, None, b"a", ("a",)], ids=repr)
def test_attribute_names_must_be_str(graph, name):
    graph.add_edge(1, 2)
    with pytest.raises(TypeError):
        graph.set_node_attr(1, name, 1)
    with pytest.raises(TypeError):
        graph.get_node_attr(1, name)
    with pytest.raises(TypeError):
        graph.set_edge_attr(1, 2, name, 1)
    with pytest.raises(TypeError):
        graph.get_edge_attr(1, 2, name)
    with pytest.raises(TypeError):
        graph.add_nodes([(3, {name: 1})])
    with pytest.raises(TypeError):
        graph.add_edges([(3, 4, {name: 1})])
    assert graph.nodes(data=True) == [(1, {}), (2, {})]
    assert graph.edges(data=True) == [(1, 2, {})]


# ----- out of range and unsupported values -------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        INT64_MAX + 1,
        INT64_MIN - 1,
        2**64,
        -(2**200),
        np.uint64(INT64_MAX + 1),
        np.uint64(2**64 - 1),
    ],
    ids=["max+1", "min-1", "2**64", "-2**200", "uint64-just-too-big", "uint64-max"],
)
def test_integers_outside_int64_raise_overflow_error(graph, value):
    graph.add_edge(1, 2)
    with pytest.raises(OverflowError):
        graph.add_node(3, a=value)
    with pytest.raises(OverflowError):
        graph.add_edge(3, 4, a=value)
    with pytest.raises(OverflowError):
        graph.set_node_attr(1, "a", value)
    with pytest.raises(OverflowError):
        graph.set_edge_attr(1, 2, "a", value)
    with pytest.raises(OverflowError):
        graph.add_nodes([(3, {"a": value})])
    with pytest.raises(OverflowError):
        graph.add_edges([(3, 4, {"a": value})])
    assert list(graph.nodes) == [1, 2]
    assert graph.nodes(data=True) == [(1, {}), (2, {})]
    assert graph.edges(data=True) == [(1, 2, {})]
    assert graph.node_attr_names() == []


class Opaque:
    pass


UNSUPPORTED = [
    [1, 2],
    [],
    {"a": 1},
    {},
    (1, 2),
    {1, 2},
    frozenset(),
    1j,
    object(),
    Opaque(),
    decimal.Decimal("1.5"),
    fractions.Fraction(1, 3),
    range(3),
    print,
    int,
    np.complex128(1 + 2j),
    np.longdouble(1.5),
    np.datetime64("2020-01-01"),
    np.array([1, 2]),
    np.array([1.5, 2.5]),
    np.array([True, False]),
    np.array([True]),
    np.array(["a", "b"]),
]


SUPPORTED = "(supported: None, bool, int, float, str, bytes, numpy scalars of those kinds)"


def written_type(value) -> str:
    """The type as the error names it: ``list``, ``numpy.ndarray``, ``decimal.Decimal``."""
    t = type(value)
    return t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


@pytest.mark.parametrize("value", UNSUPPORTED, ids=lambda v: type(v).__name__)
def test_unsupported_values_raise_type_error(graph, value):
    graph.add_edge(1, 2)
    message = f"Cannot convert {written_type(value)} to AttrValue {SUPPORTED}"
    calls = [
        ("add_node: attribute 'a'", lambda: graph.add_node(3, a=value)),
        ("add_node: attribute 'a'", lambda: graph.add_node(1, ok=1, a=value)),
        ("add_edge: attribute 'a'", lambda: graph.add_edge(3, 4, a=value)),
        ("set_node_attr: attribute 'a'", lambda: graph.set_node_attr(1, "a", value)),
        ("set_edge_attr: attribute 'a'", lambda: graph.set_edge_attr(1, 2, "a", value)),
        ("add_nodes: node 3, attribute 'a'", lambda: graph.add_nodes([(3, {"a": value})])),
        (
            "add_nodes: node 3, attribute 'a'",
            lambda: graph.add_nodes([{"id": 3, "attrs": {"a": value}}]),
        ),
        ("add_edges: edge (3, 4), attribute 'a'", lambda: graph.add_edges([(3, 4, {"a": value})])),
    ]
    for where, call in calls:
        with pytest.raises(TypeError) as info:
            call()
        assert str(info.value) == f"{where}: {message}"
    assert graph.nodes(data=True) == [(1, {}), (2, {})]
    assert graph.edges(data=True) == [(1, 2, {})]
    assert graph.node_attr_names() == []
    assert graph.edge_attr_names() == []


def test_failed_single_add_does_not_create_the_node(graph):
    with pytest.raises(TypeError):
        graph.add_node("new", good=1, bad=[1])
    with pytest.raises(TypeError):
        graph.add_edge("u", "v", good=1, bad=object())
    assert len(graph) == 0
    assert graph.edge_count == 0


def test_failed_update_leaves_existing_attributes(graph):
    graph.add_node(1, a=1, b="x")
    with pytest.raises(TypeError):
        graph.add_node(1, a=2, c=[3])
    assert graph.nodes[1] == {"a": 1, "b": "x"}


# ----- null versus absent ------------------------------------------------------------------


def test_null_attribute_exists_and_holds_none(graph):
    graph.add_node(1, a=None)
    assert graph.nodes[1] == {"a": None}
    assert "a" in graph.nodes[1]
    assert graph.get_node_attr(1, "a") is None
    assert graph.get_node_attr(1, "a", "default") is None
    assert graph.node_attr_names() == ["a"]


def test_absent_attribute_is_missing(graph):
    graph.add_node(1, a=1)
    graph.add_node(2)
    assert graph.nodes[2] == {}
    assert "a" not in graph.nodes[2]
    with pytest.raises(KeyError):
        graph.get_node_attr(2, "a")
    with pytest.raises(KeyError):
        graph.get_node_attr(1, "never")
    assert graph.get_node_attr(2, "a", "default") == "default"
    assert graph.get_node_attr(2, "a", None) is None


def test_setting_none_makes_an_absent_attribute_null(graph):
    graph.add_node(1)
    graph.set_node_attr(1, "a", None)
    assert graph.nodes[1] == {"a": None}
    assert graph.get_node_attr(1, "a") is None


def test_setting_none_over_a_value_keeps_the_attribute(graph):
    graph.add_node(1, a=5)
    graph.add_node(1, a=None)
    assert graph.nodes[1] == {"a": None}
    assert graph.get_node_attr(1, "a") is None


def test_edge_null_versus_absent(any_graph):
    g = any_graph
    g.add_edge(1, 2, w=None)
    g.add_edge(2, 3)
    assert g.edges[1, 2] == {"w": None}
    assert g.get_edge_attr(1, 2, "w") is None
    assert g.edges[2, 3] == {}
    with pytest.raises(KeyError):
        g.get_edge_attr(2, 3, "w")
    assert g.get_edge_attr(2, 3, "w", 1.0) == 1.0


def test_missing_attribute_error_is_a_plain_key_error_not_a_missing_node(graph):
    graph.add_node(1)
    with pytest.raises(KeyError) as info:
        graph.get_node_attr(1, "nope")
    assert not isinstance(info.value, gr.NodeNotFoundError)


def test_missing_node_is_node_not_found_even_with_a_default(graph):
    with pytest.raises(gr.NodeNotFoundError):
        graph.get_node_attr("ghost", "a")
    with pytest.raises(gr.NodeNotFoundError):
        graph.get_node_attr("ghost", "a", "default")


def test_missing_edge_is_edge_not_found_even_with_a_default(graph):
    graph.add_node(1)
    graph.add_node(2)
    with pytest.raises(gr.EdgeNotFoundError):
        graph.get_edge_attr(1, 2, "w")
    with pytest.raises(gr.EdgeNotFoundError):
        graph.get_edge_attr(1, 2, "w", 0)


# ----- updates and mixed columns ----------------------------------------------------------


def test_add_node_on_existing_node_merges_attributes(graph):
    graph.add_node(1, a=1, b=2)
    graph.add_node(1, b=20, c=30)
    graph.add_node(1)
    assert graph.nodes[1] == {"a": 1, "b": 20, "c": 30}
    assert len(graph) == 1


def test_set_node_attr_overwrites_with_another_type(graph):
    graph.add_node(1, a=1)
    for value in ["str", 2.5, None, b"raw", True, np.int8(3), np.float32(0.5), 7]:
        graph.set_node_attr(1, "a", value)
        got = graph.get_node_attr(1, "a")
        expected = float(value) if isinstance(value, np.floating) else value
        expected = int(value) if isinstance(value, np.integer) else expected
        assert got == expected
        assert type(got) is type(expected)


def test_mixed_column_keeps_every_value(graph):
    values = [1, "two", 3.0, None, b"five", True, np.int16(-7), np.float32(0.25), INT64_MIN]
    for i, value in enumerate(values):
        graph.add_node(i, m=value)
    graph.add_node("absent")
    expected = [int(v) if isinstance(v, np.integer) else v for v in values]
    expected = [float(v) if isinstance(v, np.floating) else v for v in expected]
    for i, value in enumerate(expected):
        got = graph.get_node_attr(i, "m")
        assert got == value
        assert type(got) is type(value)
    assert graph.nodes["absent"] == {}
    assert graph.node_attr_names() == ["m"]
    # It keeps working after more writes of yet other types.
    graph.set_node_attr(0, "m", "now a string")
    graph.set_node_attr(1, "m", 2)
    graph.set_node_attr("absent", "m", 9.5)
    assert graph.get_node_attr(0, "m") == "now a string"
    assert graph.get_node_attr(1, "m") == 2
    assert graph.get_node_attr("absent", "m") == 9.5
    assert graph.get_node_attr(2, "m") == 3.0


def test_mixed_edge_column(graph):
    graph.add_edges([(1, 2, {"w": 1}), (2, 3, {"w": "heavy"}), (3, 4, {"w": None}), (4, 5)])
    graph.add_edge(5, 6, w=2.5)
    assert graph.edges(data=True) == [
        (1, 2, {"w": 1}),
        (2, 3, {"w": "heavy"}),
        (3, 4, {"w": None}),
        (4, 5, {}),
        (5, 6, {"w": 2.5}),
    ]


def test_attribute_names_list_every_column_once_in_order(graph):
    graph.add_node(1, b=1)
    graph.add_node(2, a=1, b=2)
    graph.add_edge(1, 2, w=1, z="x")
    graph.add_edge(2, 3, w=2)
    assert graph.node_attr_names() == ["b", "a"]
    assert graph.edge_attr_names() == ["w", "z"]


def test_attribute_names_of_an_empty_graph(graph):
    assert graph.node_attr_names() == []
    assert graph.edge_attr_names() == []
    graph.add_edge(1, 2)
    assert graph.node_attr_names() == []
    assert graph.edge_attr_names() == []


def test_attributes_of_removed_nodes_and_edges_are_gone(graph):
    graph.add_node(1, a=1)
    graph.add_edge(1, 2, w=1)
    graph.remove_node(1)
    graph.add_node(1)
    graph.add_edge(1, 2)
    assert graph.nodes[1] == {}
    assert graph.edges[1, 2] == {}
    with pytest.raises(KeyError):
        graph.get_node_attr(1, "a")
    with pytest.raises(KeyError):
        graph.get_edge_attr(1, 2, "w")


def test_attribute_values_are_copies(graph):
    data = bytearray(b"abc")
    graph.add_node(1, a=data)
    data[0] = ord("z")
    assert graph.get_node_attr(1, "a") == b"abc"
    # A copy of the attribute mapping is independent of the graph (the mapping writes through).
    attrs = graph.nodes[1].copy()
    attrs["a"] = "changed"
    assert graph.get_node_attr(1, "a") == b"abc"


def test_large_string_and_bytes_values(graph):
    text = "ü" * 100_000
    blob = bytes(range(256)) * 400
    graph.add_node(1, text=text, blob=blob)
    assert graph.get_node_attr(1, "text") == text
    assert graph.get_node_attr(1, "blob") == blob


def test_attribute_names_follow_removals(graph):
    graph.add_node(1, a=1)
    graph.add_node(2, b=2)
    graph.add_edge(1, 2, w=1)
    graph.add_edge(2, 3, z=1)
    graph.remove_node(1)
    assert graph.node_attr_names() == ["b"]
    assert graph.edge_attr_names() == ["z"]
    graph.remove_edge(2, 3)
    assert graph.edge_attr_names() == []


def test_subgraph_attribute_names_are_those_of_its_members(graph):
    graph.add_node(1, a=1)
    graph.add_node(2, b=2)
    graph.add_edge(1, 2, w=1)
    graph.add_edge(2, 3, z=1)
    sub = graph.subgraph([2, 3])
    assert sub.node_attr_names() == ["b"]
    assert sub.edge_attr_names() == ["z"]
    sub.close()


def test_a_missing_attribute_is_a_groggy_error_and_a_key_error():
    g = gr.Graph()
    g.add_edge(1, 2, w=1.0)
    g.add_node(3)
    for read in (lambda: g.get_node_attr(3, "w"), lambda: g.get_edge_attr(1, 2, "x")):
        with pytest.raises(gr.AttributeNotFoundError) as info:
            read()
        assert isinstance(info.value, KeyError) and isinstance(info.value, gr.GroggyError)
        assert info.value.operation in ("get_node_attr", "get_edge_attr")
        assert info.value.operation in str(info.value)
    assert g.get_node_attr(3, "w", None) is None
