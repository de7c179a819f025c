"""A value no attribute can hold, or a key no graph can hold, is an error naming the
operation, where the value was (the attribute, the node or edge of a batch, the row and
column of a table) and its type, with the kinds that are supported; and nothing changes."""

import datetime

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import groggy as gr

WHEN = datetime.date(2020, 1, 1)
SUPPORTED = "(supported: None, bool, int, float, str, bytes, numpy scalars of those kinds)"
DATE = f"Cannot convert datetime.date to AttrValue {SUPPORTED}"


def small_graph():
    g = gr.Graph()
    g.add_edge(1, 2, w=1.0)
    g.add_node(3, name="c")
    g.add_node("x")
    return g


# (what the error starts with, the call), each with a datetime.date somewhere
WRITES = [
    ("add_node: attribute 'when'", lambda g: g.add_node(4, ok=1, when=WHEN)),
    ("add_edge: attribute 'when'", lambda g: g.add_edge(1, 3, when=WHEN)),
    ("set_node_attr: attribute 'when'", lambda g: g.set_node_attr(1, "when", WHEN)),
    ("set_edge_attr: attribute 'when'", lambda g: g.set_edge_attr(1, 2, "when", WHEN)),
    (
        "add_nodes: node 'x', attribute 'when'",
        lambda g: g.add_nodes([5, ("x", {"ok": 1}), ("x", {"when": WHEN})]),
    ),
    (
        "add_edges: edge (2, 'y'), attribute 'when'",
        lambda g: g.add_edges([(1, 3), (2, "y", {"ok": 1, "when": WHEN})]),
    ),
    ("add_nodes_from: node 6, attribute 'when'", lambda g: g.add_nodes_from([6], when=WHEN)),
    (
        "add_edges_from: edge (1, 3), attribute 'when'",
        lambda g: g.add_edges_from([(1, 3, {"when": WHEN})]),
    ),
    ("nodes[1]: attribute 'when'", lambda g: g.nodes[1].__setitem__("when", WHEN)),
    ("nodes['x']: attribute 'when'", lambda g: g.nodes["x"].__setitem__("when", WHEN)),
    ("edges[1, 2]: attribute 'when'", lambda g: g.edges[1, 2].__setitem__("when", WHEN)),
    ("edges[1, 2]: attribute 'when'", lambda g: g[1][2].__setitem__("when", WHEN)),
    ("nodes[3].update: attribute 'when'", lambda g: g.nodes[3].update(ok=1, when=WHEN)),
    ("edges[1, 2].update: attribute 'when'", lambda g: g.edges[1, 2].update({"when": WHEN})),
    (
        "set_node_array: row 2 of column 'when'",
        lambda g: g.set_node_array("when", [1, None, WHEN]),
    ),
    (
        "set_node_array: row 1 of column 'when'",
        lambda g: g.set_node_array("when", np.array(["a", WHEN, "c"], dtype=object)),
    ),
    (
        "set_node_array: row 1 of column 'when'",
        lambda g: g.set_node_array("when", pd.Series([None, WHEN, 3])),
    ),
    ("set_edge_array: row 0 of column 'when'", lambda g: g.set_edge_array("when", [WHEN])),
    (
        "add_edges_from_arrays: row 1 of column 'when'",
        lambda g: g.add_edges_from_arrays(
            np.array([1, 2]), np.array([3, 3]), w=[1.0, 2.0], when=[None, WHEN]
        ),
    ),
    (
        "add_edges_from_arrays: row 0 of column 'when'",
        lambda g: g.add_edges_from_arrays(["a"], ["b"], when=pd.Series([WHEN])),
    ),
]


@pytest.mark.parametrize(("where", "call"), WRITES, ids=[w for w, _ in WRITES])
def test_an_unsupported_value_names_the_operation_the_place_and_the_type(
    where, call, take_snapshot
):
    g = small_graph()
    before = take_snapshot(g)
    with pytest.raises(TypeError) as info:
        call(g)
    assert str(info.value) == f"{where}: {DATE}"
    assert take_snapshot(g) == before


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ([1], "list"),
        ({"a": 1}, "dict"),
        ({1}, "set"),
        (object(), "object"),
        (datetime.datetime(2020, 1, 1), "datetime.datetime"),
        (np.datetime64("2020-01-01"), "numpy.datetime64"),
        (np.array([1, 2]), "numpy.ndarray"),
        (pd.Timestamp("2020-01-01"), "pandas.Timestamp"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_the_type_is_written_as_a_user_writes_it(value, written):
    g = gr.Graph()
    with pytest.raises(TypeError) as info:
        g.add_node(1, when=value)
    assert str(info.value) == (
        f"add_node: attribute 'when': Cannot convert {written} to AttrValue {SUPPORTED}"
    )
    assert g.node_count == 0


def test_graph_array_constructors_name_the_item():
    with pytest.raises(TypeError) as info:
        gr.GraphArray.from_list([1, 2, WHEN])
    assert str(info.value) == f"GraphArray.from_list: item 2: {DATE}"
    with pytest.raises(TypeError) as info:
        gr.GraphArray.from_numpy(np.array([WHEN, 1], dtype=object))
    assert str(info.value) == f"GraphArray.from_numpy: item 0: {DATE}"
    big = np.array([1, 2**64 - 1], dtype=np.uint64)
    with pytest.raises(OverflowError) as info:
        gr.GraphArray.from_numpy(big)
    assert str(info.value) == (
        "GraphArray.from_numpy: item 1: uint64 value 18446744073709551615 does not fit in int64"
    )


def test_values_beyond_int64_name_the_place_too(take_snapshot):
    g = small_graph()
    before = take_snapshot(g)
    cases = [
        (
            "add_node: attribute 'big': int value 1180591620717411303424 does not fit in int64",
            lambda: g.add_node(9, big=2**70),
        ),
        (
            "add_nodes: node 9, attribute 'big': uint64 value 18446744073709551615 does not "
            "fit in int64",
            lambda: g.add_nodes([(9, {"big": np.uint64(2**64 - 1)})]),
        ),
        (
            "set_node_array: row 1 of column 'big': int value 18446744073709551616 does not "
            "fit in int64",
            lambda: g.set_node_array("big", [1, 2**64, 3, 4]),
        ),
        (
            "set_node_array: row 2 of column 'big': uint64 value 18446744073709551615 does not "
            "fit in int64",
            lambda: g.set_node_array("big", np.array([1, 2, 2**64 - 1, 4], dtype=np.uint64)),
        ),
    ]
    for message, call in cases:
        with pytest.raises(OverflowError) as info:
            call()
        assert str(info.value) == message
    assert take_snapshot(g) == before


def test_a_column_of_an_unsupported_dtype_names_the_column():
    g = small_graph()
    dates = np.array(["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-04"], dtype="M8[D]")
    with pytest.raises(TypeError) as info:
        g.set_node_array("when", dates)
    assert str(info.value) == (
        "set_node_array: column 'when': Cannot convert numpy dtype datetime64[D] to a "
        "GraphArray (supported: bool, int, uint, float, str, bytes and object dtypes)"
    )
    with pytest.raises(TypeError, match=r"^add_edges_from_arrays: column 'when': a column must"):
        g.add_edges_from_arrays([1], [2], when=5)
    assert "when" not in g.node_attr_names()


# ----- conversions from networkx and pandas -----------------------------------------------


def test_from_networkx_names_the_node_or_edge():
    G = nx.Graph()
    G.add_node("a", ok=1)
    G.add_node("b", when=WHEN)
    with pytest.raises(TypeError) as info:
        gr.from_networkx(G)
    assert str(info.value) == f"from_networkx: node 'b', attribute 'when': {DATE}"
    G = nx.DiGraph([(1, 2, {"w": 1.0}), (2, 1, {"when": WHEN})])
    with pytest.raises(TypeError) as info:
        gr.from_networkx(G)
    assert str(info.value) == f"from_networkx: edge (2, 1), attribute 'when': {DATE}"


def test_from_pandas_edgelist_names_the_row_and_column_of_a_value():
    df = pd.DataFrame({"source": [1, 2], "target": [2, 3], "when": [None, WHEN]})
    with pytest.raises(TypeError) as info:
        gr.from_pandas_edgelist(df, edge_attr=True)
    assert str(info.value) == f"from_pandas_edgelist: row 1 of column 'when': {DATE}"


@pytest.mark.parametrize(
    ("sources", "message"),
    [
        # NaN makes pandas store the int keys as floats: the NaN is the bad key, not 5.0
        ([5, 7, np.nan], "row 2 of column 'from': node keys must be int or str, not float (nan)"),
        ([5, np.nan, 7], "row 1 of column 'from': node keys must be int or str, not float (nan)"),
        (
            pd.array([5, None, 7], dtype="Int64"),
            "row 1 of column 'from': node keys must be int or str, not float (nan)",
        ),
        (["a", None, "c"], "row 1 of column 'from': node keys must be int or str, not"),
        # floats without a missing value: the first float is the bad key
        ([1, 2.5, 3], "row 0 of column 'from': node keys must be int or str, not float (1.0)"),
        ([1.5, np.nan], "row 0 of column 'from': node keys must be int or str, not float (1.5)"),
    ],
    ids=["nan-last", "nan-middle", "nullable-int", "str-with-none", "floats", "non-integral"],
)
def test_from_pandas_edgelist_names_the_row_and_column_of_a_bad_key(sources, message):
    df = pd.DataFrame({"from": sources, "to": ["x", "y", "z"][: len(sources)]})
    with pytest.raises(TypeError) as info:
        gr.from_pandas_edgelist(df, source="from", target="to")
    assert str(info.value).startswith(f"from_pandas_edgelist: {message}"), info.value


def test_from_pandas_edgelist_names_the_target_column():
    df = pd.DataFrame({"source": ["a", "b", "c"], "target": [1, 2, np.nan]})
    with pytest.raises(TypeError) as info:
        gr.from_pandas_edgelist(df)
    assert str(info.value) == (
        "from_pandas_edgelist: row 2 of column 'target': node keys must be int or str, "
        "not float (nan)"
    )


def test_add_edges_from_arrays_names_the_row_of_a_bad_key(take_snapshot):
    g = small_graph()
    before = take_snapshot(g)
    with pytest.raises(TypeError) as info:
        g.add_edges_from_arrays(np.array([1, 2], dtype=object), np.array(["a", None], dtype=object))
    assert str(info.value) == (
        "add_edges_from_arrays: row 1 of targets: node keys must be int or str, not NoneType (None)"
    )
    keys = np.array([1, 2**63, 3], dtype=np.uint64)
    with pytest.raises(OverflowError) as info:
        g.add_edges_from_arrays(keys, np.array([1, 2, 3]))
    assert str(info.value) == (
        "add_edges_from_arrays: row 1 of sources: node key 9223372036854775808 does not fit "
        "in int64"
    )
    assert take_snapshot(g) == before
