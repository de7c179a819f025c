"""GraphArray as PYTHON_API.md describes it: a sequence (len, iteration, indexing, slicing),
dtypes and null counts, numpy and pandas conversions (zero-copy, read-only views that outlive
the array and the graph), aggregates computed in the engine, construction from numpy and
lists, and immutability as a snapshot of the graph."""

import gc
import itertools
import math

import numpy as np
import pandas as pd
import pytest

import groggy as gr

GraphArray = gr.GraphArray

# One array of every kind, each with a few values; built fresh per test.
KIND_VALUES = {
    "int8": [np.int8(v) for v in (1, -2, 127, -128)],
    "int16": [np.int16(v) for v in (1, -2, 32767, -32768)],
    "int32": [np.int32(v) for v in (1, -2, 2**31 - 1, -(2**31))],
    "int64": [1, -2, 2**63 - 1, -(2**63)],
    "float32": [np.float32(v) for v in (1.5, -0.1, 3.25e30, 0.0)],
    "float64": [1.5, -0.1, 1e300, 0.0],
    "bool": [True, False, False, True],
    "str": ["a", "", "héllo", "日本"],
    "bytes": [b"a", b"", b"\x00\xff", b"xyz"],
    "mixed": [1, "a", 2.5, b"x"],
    "null": [None, None, None, None],
}
NUMERIC_KINDS = ["int8", "int16", "int32", "int64", "float32", "float64", "bool"]
OBJECT_KINDS = ["str", "bytes", "mixed", "null"]
PANDAS_NULLABLE = {
    "int8": "Int8",
    "int16": "Int16",
    "int32": "Int32",
    "int64": "Int64",
    "float32": "Float32",
    "float64": "Float64",
    "bool": "boolean",
}


def python_value(v):
    """What the engine gives back for a stored value (numpy scalars as Python values)."""
    if isinstance(v, np.generic):
        return v.item()
    return v


def graph_array(kind, with_null=False):
    """An array of ``kind`` read back from a graph (node_array), optionally with a null
    (an absent value) in position 1."""
    g = gr.Graph()
    for i, v in enumerate(KIND_VALUES[kind]):
        if with_null and i == 1:
            g.add_node(i)
        else:
            g.add_node(i, x=v)
    a = g.node_array("x")
    g.close()
    return a


def expected_list(kind, with_null=False):
    values = [python_value(v) for v in KIND_VALUES[kind]]
    if with_null:
        values[1] = None
    return values


# ----- construction -------------------------------------------------------------------------


def test_cannot_construct_directly():
    with pytest.raises(TypeError):
        GraphArray()
    with pytest.raises(TypeError):
        GraphArray([1, 2, 3])


@pytest.mark.parametrize("kind", list(KIND_VALUES))
def test_dtype_of_every_kind_from_graph(kind):
    a = graph_array(kind)
    assert a.dtype == kind
    assert len(a) == 4
    assert a.to_list() == expected_list(kind)
    assert a.null_count == (4 if kind == "null" else 0)


@pytest.mark.parametrize("kind", list(KIND_VALUES))
def test_dtype_of_every_kind_from_list(kind):
    a = GraphArray.from_list(KIND_VALUES[kind])
    assert a.dtype == kind
    assert a.to_list() == expected_list(kind)


@pytest.mark.parametrize("kind", [k for k in KIND_VALUES if k != "null"])
def test_null_count_with_a_null(kind):
    a = graph_array(kind, with_null=True)
    assert a.dtype == kind
    assert a.null_count == 1
    assert a.to_list() == expected_list(kind, with_null=True)
    assert a[1] is None


def test_types_of_values_come_back_as_python_types():
    ints = GraphArray.from_numpy(np.array([1, 2], dtype=np.int8))
    assert all(type(v) is int for v in ints)
    assert type(ints[0]) is int
    floats = GraphArray.from_numpy(np.array([1.5], dtype=np.float32))
    assert type(floats[0]) is float
    assert type(floats.to_list()[0]) is float
    bools = GraphArray.from_list([True, False])
    assert [type(v) for v in bools] == [bool, bool]
    assert type(bools[0]) is bool
    mixed = GraphArray.from_list([1, "a", 2.5, b"x", True, None])
    assert [type(v) for v in mixed] == [int, str, float, bytes, bool, type(None)]
    assert mixed.to_list() == [1, "a", 2.5, b"x", True, None]


def test_float32_values_are_the_float_of_the_f32():
    values = np.array([0.1, 1 / 3, 1e-40, 3.4e38], dtype=np.float32)
    a = GraphArray.from_numpy(values)
    assert a.dtype == "float32"
    assert a.to_list() == [float(v) for v in values]


@pytest.mark.parametrize(
    ("values", "dtype"),
    [
        ([1, 2, 3], "int64"),
        ([1.0, 2.5], "float64"),
        ([True, False], "bool"),
        (["a", "b"], "str"),
        ([b"a", bytearray(b"b"), memoryview(b"c")], "bytes"),
        ([np.int8(1), np.int8(2)], "int8"),
        ([np.int16(1)], "int16"),
        ([np.int32(1)], "int32"),
        ([np.uint8(200)], "int16"),
        ([np.uint16(60000)], "int32"),
        ([np.uint32(4_000_000_000)], "int64"),
        ([np.uint64(5)], "int64"),
        ([np.float16(0.5)], "float32"),
        ([np.float32(0.5)], "float32"),
        ([np.float64(0.5)], "float64"),
        ([np.bool_(True)], "bool"),
        ([1, None, 3], "int64"),
        ([None, "x"], "str"),
        ([1, "a"], "mixed"),
        ([1, 2.5], "mixed"),
        ([True, 1], "mixed"),
        (["a", b"a"], "mixed"),
        ([None, None], "null"),
        ([None], "null"),
    ],
)
def test_from_list_infers_the_kind(values, dtype):
    a = GraphArray.from_list(values)
    assert a.dtype == dtype
    assert len(a) == len(values)
    assert a.null_count == sum(v is None for v in values)
    expected = [bytes(v) if isinstance(v, (bytearray, memoryview)) else v for v in values]
    assert a.to_list() == [python_value(v) for v in expected]


def test_from_list_accepts_any_iterable():
    assert GraphArray.from_list(range(4)).to_list() == [0, 1, 2, 3]
    assert GraphArray.from_list(x for x in "abc").to_list() == ["a", "b", "c"]
    assert GraphArray.from_list((1.5, None)).to_list() == [1.5, None]
    empty = GraphArray.from_list([])
    assert len(empty) == 0
    assert empty.to_list() == []
    assert empty.null_count == 0


def test_from_list_rejects_bad_values():
    with pytest.raises(TypeError):
        GraphArray.from_list([1, object()])
    with pytest.raises(TypeError):
        GraphArray.from_list([[1, 2]])
    with pytest.raises(OverflowError):
        GraphArray.from_list([2**63])
    with pytest.raises(OverflowError):
        GraphArray.from_list([-(2**63) - 1])
    with pytest.raises(OverflowError):
        GraphArray.from_list([np.uint64(2**64 - 1)])


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
def test_from_numpy_every_numeric_dtype(np_dtype, dtype):
    info = np.iinfo(np_dtype) if np.dtype(np_dtype).kind in "iu" else None
    if info is not None:
        top = min(int(info.max), 2**63 - 1)
        values = np.array([info.min, 0, 1, top], dtype=np_dtype)
    elif np_dtype == "bool":
        values = np.array([True, False, True, True])
    else:
        values = np.array([0.5, -1.25, 0.0, 1024.0], dtype=np_dtype)
    a = GraphArray.from_numpy(values)
    assert a.dtype == dtype
    assert a.null_count == 0
    assert a.to_list() == values.tolist()
    out = a.to_numpy()
    assert out.dtype == np.dtype(dtype)
    assert out.tolist() == values.tolist()


def test_from_numpy_unsigned_extremes_widen_exactly():
    for np_dtype in ("uint8", "uint16", "uint32"):
        top = int(np.iinfo(np_dtype).max)
        a = GraphArray.from_numpy(np.array([0, top], dtype=np_dtype))
        assert a.to_list() == [0, top]
        assert a.min() == 0
        assert a.max() == top


def test_from_numpy_uint64_fits_or_overflows():
    fits = np.array([0, 2**63 - 1], dtype=np.uint64)
    a = GraphArray.from_numpy(fits)
    assert a.dtype == "int64"
    assert a.to_list() == [0, 2**63 - 1]
    with pytest.raises(OverflowError):
        GraphArray.from_numpy(np.array([1, 2**63], dtype=np.uint64))
    with pytest.raises(OverflowError):
        GraphArray.from_numpy(np.array([2**64 - 1], dtype=np.uint64))


def test_from_numpy_float16_is_exact_in_float32():
    values = np.array([0.1, 65504.0, -(2.0**-24), np.inf], dtype=np.float16)
    a = GraphArray.from_numpy(values)
    assert a.dtype == "float32"
    assert a.to_list() == [float(v) for v in values]


def test_from_numpy_non_contiguous_input():
    base = np.arange(30, dtype=np.int64)
    strided = base[::3]
    assert not strided.flags.c_contiguous
    assert GraphArray.from_numpy(strided).to_list() == strided.tolist()
    reversed_ = base[::-2]
    assert GraphArray.from_numpy(reversed_).to_list() == reversed_.tolist()
    column = np.arange(12, dtype=np.float64).reshape(4, 3)[:, 1]
    assert not column.flags.c_contiguous
    assert GraphArray.from_numpy(column).to_list() == [1.0, 4.0, 7.0, 10.0]
    flags = np.array([True, False] * 5)[1::2]
    assert GraphArray.from_numpy(flags).to_list() == [False] * 5
    narrow = np.arange(20, dtype=np.uint16)[::4]
    a = GraphArray.from_numpy(narrow)
    assert a.dtype == "int32"
    assert a.to_list() == [0, 4, 8, 12, 16]


@pytest.mark.parametrize("np_dtype", [">i2", ">i4", ">i8", ">u2", ">u4", ">f4", ">f8", ">u8"])
def test_from_numpy_big_endian_input(np_dtype):
    values = np.array([1, 2, 300, 30000], dtype=np_dtype)
    assert not values.dtype.isnative
    a = GraphArray.from_numpy(values)
    assert a.to_list() == values.tolist()
    assert a.to_numpy().tolist() == values.tolist()


def test_from_numpy_masked_array():
    data = np.array([1.5, 2.5, 3.5, 4.5])
    masked = np.ma.MaskedArray(data, mask=[False, True, False, True])
    a = GraphArray.from_numpy(masked)
    assert a.dtype == "float64"
    assert a.null_count == 2
    assert a.to_list() == [1.5, None, 3.5, None]
    out = a.to_numpy()
    assert isinstance(out, np.ma.MaskedArray)
    assert np.ma.getmaskarray(out).tolist() == [False, True, False, True]
    assert out.compressed().tolist() == [1.5, 3.5]


def test_from_numpy_masked_array_without_masked_entries():
    a = GraphArray.from_numpy(np.ma.MaskedArray(np.arange(3), mask=False))
    assert a.null_count == 0
    assert a.to_list() == [0, 1, 2]
    out = a.to_numpy()
    assert not isinstance(out, np.ma.MaskedArray)


def test_from_numpy_masked_uint64_ignores_masked_values():
    values = np.array([1, 2**63 + 5, 3], dtype=np.uint64)
    a = GraphArray.from_numpy(np.ma.MaskedArray(values, mask=[False, True, False]))
    assert a.dtype == "int64"
    assert a.to_list() == [1, None, 3]


def test_from_numpy_masked_narrow_and_bool():
    a = GraphArray.from_numpy(np.ma.MaskedArray(np.array([1, 2], dtype=np.uint8), mask=[1, 0]))
    assert (a.dtype, a.to_list()) == ("int16", [None, 2])
    b = GraphArray.from_numpy(np.ma.MaskedArray(np.array([True, False]), mask=[0, 1]))
    assert (b.dtype, b.to_list()) == ("bool", [True, None])


def test_from_numpy_str_bytes_and_object_arrays():
    s = GraphArray.from_numpy(np.array(["a", "bb", "héllo"]))
    assert (s.dtype, s.to_list()) == ("str", ["a", "bb", "héllo"])
    b = GraphArray.from_numpy(np.array([b"a", b"bc"]))
    assert (b.dtype, b.to_list()) == ("bytes", [b"a", b"bc"])
    o = GraphArray.from_numpy(np.array(["x", "y"], dtype=object))
    assert (o.dtype, o.to_list()) == ("str", ["x", "y"])
    m = GraphArray.from_numpy(np.array([1, "a", None, 2.5], dtype=object))
    assert (m.dtype, m.to_list(), m.null_count) == ("mixed", [1, "a", None, 2.5], 1)
    n = GraphArray.from_numpy(np.array([None, None], dtype=object))
    assert (n.dtype, n.to_list()) == ("null", [None, None])
    ms = GraphArray.from_numpy(np.ma.MaskedArray(np.array(["a", "b"]), mask=[True, False]))
    assert (ms.dtype, ms.to_list()) == ("str", [None, "b"])


def test_from_numpy_rejects_unsupported_input():
    with pytest.raises(TypeError):
        GraphArray.from_numpy(np.array([1 + 2j]))
    with pytest.raises(TypeError):
        GraphArray.from_numpy(np.array(["2020-01-01"], dtype="datetime64[D]"))
    with pytest.raises(ValueError):
        GraphArray.from_numpy(np.zeros((2, 2)))
    with pytest.raises(ValueError):
        GraphArray.from_numpy(np.float64(1.0))
    with pytest.raises(TypeError):
        GraphArray.from_numpy(np.array([object()], dtype=object))


def test_from_numpy_empty_keeps_dtype():
    for np_dtype, dtype in [("int32", "int32"), ("float64", "float64"), ("bool", "bool")]:
        a = GraphArray.from_numpy(np.array([], dtype=np_dtype))
        assert len(a) == 0
        assert a.dtype == dtype
        assert a.to_list() == []
        assert a.to_numpy().shape == (0,)


def test_from_numpy_is_a_snapshot_of_the_input():
    source = np.arange(5, dtype=np.int64)
    a = GraphArray.from_numpy(source)
    source[:] = -1
    assert a.to_list() == [0, 1, 2, 3, 4]
    masked = np.ma.MaskedArray(np.arange(3.0), mask=[False, True, False])
    b = GraphArray.from_numpy(masked)
    masked.mask = [True, False, True]
    masked.data[:] = 9.0
    assert b.to_list() == [0.0, None, 2.0]


# ----- sequence -----------------------------------------------------------------------------


def test_len_and_iteration():
    values = [3, None, 5, 7]
    a = GraphArray.from_list(values)
    assert len(a) == 4
    assert list(a) == values
    assert list(iter(a)) == values
    assert list(GraphArray.from_list([])) == []


@pytest.mark.parametrize("kind", list(KIND_VALUES))
def test_indexing_positive_and_negative(kind):
    a = graph_array(kind, with_null=kind != "null")
    expected = expected_list(kind, with_null=kind != "null")
    n = len(expected)
    for i in range(-n, n):
        assert a[i] == expected[i]
        assert type(a[i]) is type(expected[i])
    for i in (n, n + 1, -n - 1, 10**6, -(10**6), 2**70, -(2**70)):
        with pytest.raises(IndexError):
            a[i]


def test_indexing_numpy_integer_scalars():
    a = GraphArray.from_list([10, 20, 30])
    assert a[np.int64(1)] == 20
    assert a[np.int8(-1)] == 30
    assert a[np.uint8(0)] == 10


@pytest.mark.parametrize("index", ["0", 0.0, 1.5, None, True, False, (0,), [0.5], b"0"])
def test_indexing_other_types_raise_type_error(index):
    a = GraphArray.from_list([1, 2, 3])
    with pytest.raises(TypeError):
        a[index]
    s = GraphArray.from_list(["a", "b"])
    with pytest.raises(TypeError):
        s[index]


def test_indexing_empty_array():
    a = GraphArray.from_list([])
    for i in (0, -1, 1):
        with pytest.raises(IndexError):
            a[i]


SLICE_BOUNDS = [None, -12, -7, -6, -3, -1, 0, 1, 2, 5, 6, 7, 12]
SLICE_STEPS = [None, 1, 2, 3, 5, 7, -1, -2, -3, -7]


@pytest.mark.parametrize(
    "values",
    [
        [0, 1, 2, 3, 4, 5],
        [0, None, 2, None, 4, 5],
        ["a", "b", "c", "d", "e", "f"],
        [1.5, None, "x", b"y", True, 2],
        [True, False, True, True, False, False],
        [],
        [42],
    ],
    ids=["int", "int-nulls", "str", "mixed", "bool", "empty", "one"],
)
def test_slices_match_list_slicing(values):
    a = GraphArray.from_list(values)
    for start, stop, step in itertools.product(SLICE_BOUNDS, SLICE_BOUNDS, SLICE_STEPS):
        s = slice(start, stop, step)
        expected = values[s]
        got = a[s]
        assert isinstance(got, GraphArray), s
        assert got.to_list() == expected, s
        assert len(got) == len(expected), s
        assert got.null_count == sum(v is None for v in expected), s
        if any(v is not None for v in expected):
            assert got.dtype == a.dtype, s


def test_slices_of_slices_and_their_numpy():
    values = list(range(50))
    a = GraphArray.from_numpy(np.arange(50, dtype=np.int32))
    b = a[3:40:2][::-3][1:]
    assert b.to_list() == values[3:40:2][::-3][1:]
    out = b.to_numpy()
    assert out.dtype == np.int32
    assert out.tolist() == b.to_list()
    assert b.sum() == sum(b.to_list())


def test_slice_step_zero_raises_value_error():
    a = GraphArray.from_list([1, 2, 3])
    with pytest.raises(ValueError):
        a[::0]
    with pytest.raises(ValueError):
        a[1:2:0]
    with pytest.raises(ValueError):
        GraphArray.from_list([])[::0]


def test_huge_slice_bounds():
    a = GraphArray.from_list([1, 2, 3])
    assert a[-(2**70) : 2**70].to_list() == [1, 2, 3]
    assert a[2**70 : -(2**70) : -1].to_list() == [3, 2, 1]


def test_slice_with_a_huge_step():
    a = GraphArray.from_list([1, 2, 3])
    assert a[:: 2**70].to_list() == [1]
    assert a[:: -(2**70)].to_list() == [3]


# ----- to_list / to_numpy ------------------------------------------------------------------


@pytest.mark.parametrize("kind", NUMERIC_KINDS)
def test_to_numpy_is_a_zero_copy_read_only_view(kind):
    a = graph_array(kind)
    first = a.to_numpy()
    second = a.to_numpy()
    assert type(first) is np.ndarray
    assert first.dtype == np.dtype(kind)
    assert first.tolist() == expected_list(kind)
    assert np.shares_memory(first, second)
    assert not first.flags.writeable
    with pytest.raises(ValueError):
        first[0] = first[1]


def test_to_numpy_view_cannot_be_made_writeable():
    """The view must be read-only for real: flipping the flag back must fail, else a user
    could write into the engine's memory and change an immutable array."""
    a = GraphArray.from_list([1, 2, 3])
    view = a.to_numpy()
    try:
        view.setflags(write=True)
        view[0] = 99
    except ValueError:
        pass
    assert a.to_list() == [1, 2, 3]
    assert a[0] == 1
    with pytest.raises(ValueError):
        a.to_numpy().setflags(write=True)


def test_to_numpy_outlives_the_array_and_the_graph():
    n = 10_000
    g = gr.Graph()
    g.add_edges_from_arrays(np.arange(n, dtype=np.int64), np.arange(1, n + 1, dtype=np.int64))
    g.set_node_array("v", np.arange(n + 1, dtype=np.float64) * 0.5)
    g.set_edge_array("w", np.arange(n, dtype=np.int32))
    a = g.node_array("v")
    e = g.edge_array("w")
    view = a.to_numpy()
    eview = e.to_numpy()
    expected = np.arange(n + 1, dtype=np.float64) * 0.5
    expected_e = np.arange(n, dtype=np.int32)

    del a, e
    gc.collect()
    assert np.array_equal(view, expected)
    assert np.array_equal(eview, expected_e)

    g.set_node_array("v", np.full(n + 1, -1.0))
    g.set_edge_array("w", np.full(n, -1, dtype=np.int32))
    g.remove_node(0)
    g.add_node("extra", v=3.0)
    assert np.array_equal(view, expected)
    assert np.array_equal(eview, expected_e)

    g.close()
    del g
    gc.collect()
    # Churn the allocator so freed memory would be reused and overwritten.
    junk = [GraphArray.from_numpy(np.full(n + 1, 7.0)) for _ in range(5)]
    with gr.Graph() as other:
        other.add_edges_from_arrays(np.arange(n), np.arange(n)[::-1], w=np.zeros(n))
        junk.append(other.edge_array("w").to_numpy().copy())
    assert np.array_equal(view, expected)
    assert np.array_equal(eview, expected_e)
    assert view.sum() == expected.sum()
    assert not view.flags.writeable


def test_to_numpy_of_a_slice_outlives_its_parents():
    a = GraphArray.from_numpy(np.arange(100, dtype=np.int16))
    b = a[10:90:4]
    view = b.to_numpy()
    del a, b
    gc.collect()
    assert view.tolist() == list(range(10, 90, 4))


@pytest.mark.parametrize("kind", NUMERIC_KINDS)
def test_to_numpy_with_nulls_is_masked(kind):
    a = graph_array(kind, with_null=True)
    out = a.to_numpy()
    assert isinstance(out, np.ma.MaskedArray)
    assert out.dtype == np.dtype(kind)
    assert np.ma.getmaskarray(out).tolist() == [False, True, False, False]
    expected = expected_list(kind, with_null=True)
    assert out.tolist() == expected
    assert out.compressed().tolist() == [v for v in expected if v is not None]


def test_masked_to_numpy_mask_matches_many_nulls():
    values = [None if i % 3 == 0 else i for i in range(50)]
    a = GraphArray.from_list(values)
    out = a.to_numpy()
    assert np.ma.getmaskarray(out).tolist() == [v is None for v in values]
    assert out.tolist() == values
    assert a.null_count == sum(v is None for v in values)


@pytest.mark.parametrize("kind", OBJECT_KINDS)
def test_to_numpy_object_kinds(kind):
    a = graph_array(kind)
    out = a.to_numpy()
    assert out.dtype == object
    assert out.tolist() == expected_list(kind)
    if kind != "null":
        b = graph_array(kind, with_null=True)
        out = b.to_numpy()
        assert out.dtype == object
        assert out.tolist() == expected_list(kind, with_null=True)
        assert out[1] is None


def test_to_numpy_empty():
    out = GraphArray.from_list([]).to_numpy()
    assert out.shape == (0,)
    ints = GraphArray.from_numpy(np.array([], dtype=np.int64)).to_numpy()
    assert ints.shape == (0,)
    assert ints.dtype == np.int64


def test_numpy_asarray_of_an_array():
    assert np.asarray(GraphArray.from_list([1, 2])).tolist() == [1, 2]
    assert np.asarray(GraphArray.from_list([1, None])).tolist() == [1, None]


# ----- to_pandas ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KIND_VALUES))
def test_to_pandas_is_cached(kind):
    a = graph_array(kind)
    s = a.to_pandas()
    assert isinstance(s, pd.Series)
    assert a.to_pandas() is s
    assert len(s) == len(a)


@pytest.mark.parametrize("kind", NUMERIC_KINDS)
def test_to_pandas_numeric_without_nulls(kind):
    a = graph_array(kind)
    s = a.to_pandas()
    assert s.dtype == np.dtype(kind)
    assert s.tolist() == expected_list(kind)


@pytest.mark.parametrize("kind", NUMERIC_KINDS)
def test_to_pandas_nullable_dtypes_with_nulls(kind):
    a = graph_array(kind, with_null=True)
    s = a.to_pandas()
    assert str(s.dtype) == PANDAS_NULLABLE[kind]
    assert s.isna().tolist() == [False, True, False, False]
    expected = expected_list(kind, with_null=True)
    for i, v in enumerate(expected):
        if v is None:
            assert s.iloc[i] is pd.NA
        else:
            assert s.iloc[i] == v


@pytest.mark.parametrize("kind", OBJECT_KINDS)
def test_to_pandas_object_kinds(kind):
    a = graph_array(kind)
    s = a.to_pandas()
    assert s.dtype == object
    assert s.tolist() == expected_list(kind)
    if kind != "null":
        s = graph_array(kind, with_null=True).to_pandas()
        assert s.dtype == object
        assert s.isna().tolist() == [False, True, False, False]


def test_to_pandas_outlives_the_graph():
    g = gr.Graph()
    g.add_nodes(range(5))
    g.set_node_array("x", np.arange(5, dtype=np.int64) * 10)
    s = g.node_array("x").to_pandas()
    g.set_node_array("x", np.zeros(5, dtype=np.int64))
    g.close()
    gc.collect()
    assert s.tolist() == [0, 10, 20, 30, 40]


# ----- aggregates --------------------------------------------------------------------------


def test_sum_of_int_columns_is_an_int():
    for np_dtype in ("int8", "int16", "int32", "int64", "uint8", "uint32"):
        a = GraphArray.from_numpy(np.array([100, 100, 27], dtype=np_dtype))
        total = a.sum()
        assert type(total) is int
        assert total == 227
    bools = GraphArray.from_list([True, False, True, None])
    assert bools.sum() == 2
    assert type(bools.sum()) is int


def test_sum_mean_min_max_skip_nulls():
    a = GraphArray.from_list([1, None, 5, None, -3])
    assert a.sum() == 3
    assert a.mean() == pytest.approx(1.0)
    assert a.min() == -3
    assert a.max() == 5
    assert type(a.min()) is int
    f = GraphArray.from_numpy(np.ma.MaskedArray([1.5, 100.0, 2.5], mask=[0, 1, 0]))
    assert f.sum() == pytest.approx(4.0)
    assert type(f.sum()) is float
    assert f.mean() == pytest.approx(2.0)
    assert f.min() == 1.5
    assert f.max() == 2.5


def test_aggregates_match_numpy_on_many_values():
    rng = np.random.default_rng(5)
    values = rng.normal(size=1000)
    a = GraphArray.from_numpy(values)
    assert a.sum() == pytest.approx(values.sum())
    assert a.mean() == pytest.approx(values.mean())
    assert a.min() == values.min()
    assert a.max() == values.max()
    ints = rng.integers(-1000, 1000, size=1000, dtype=np.int32)
    b = GraphArray.from_numpy(ints)
    assert b.sum() == int(ints.astype(np.int64).sum())
    assert b.min() == int(ints.min())
    assert b.max() == int(ints.max())
    assert b.mean() == pytest.approx(ints.mean())


def test_aggregates_skip_nan_as_pandas():
    a = GraphArray.from_list([float("nan"), 2.0, None, -1.0, float("nan")])
    assert a.min() == -1.0
    assert a.max() == 2.0
    assert a.sum() == pd.Series([float("nan"), 2.0, None, -1.0]).sum() == 1.0
    assert a.mean() == 0.5
    f32 = GraphArray.from_numpy(np.array([np.nan, 3.0, 1.0], dtype=np.float32))
    assert f32.min() == 1.0
    assert f32.max() == 3.0
    only_nan = GraphArray.from_list([float("nan"), None])
    assert only_nan.min() is None
    assert only_nan.max() is None


def test_min_max_of_bools_and_narrow_ints():
    b = GraphArray.from_list([True, False, None])
    assert b.min() is False
    assert b.max() is True
    i8 = GraphArray.from_numpy(np.array([-128, 127, 0], dtype=np.int8))
    assert (i8.min(), i8.max()) == (-128, 127)


@pytest.mark.parametrize(
    "values",
    [[], [None], [None, None, None]],
    ids=["empty", "one-null", "all-null"],
)
def test_mean_min_max_none_without_valid_values(values):
    a = GraphArray.from_list(values)
    assert a.mean() is None
    assert a.min() is None
    assert a.max() is None
    assert a.sum() == 0


def test_mean_min_max_none_for_int_column_of_nulls():
    a = GraphArray.from_numpy(np.ma.MaskedArray(np.array([1, 2], dtype=np.int64), mask=[1, 1]))
    assert a.null_count == 2
    assert a.mean() is None
    assert a.min() is None
    assert a.max() is None


@pytest.mark.parametrize("values", [["a", "b"], [b"a"], [1, "a"]], ids=["str", "bytes", "mixed"])
def test_sum_and_mean_of_non_numeric_raise(values):
    a = GraphArray.from_list(values)
    with pytest.raises(gr.InvalidArgumentError) as info:
        a.sum()
    assert isinstance(info.value, ValueError)
    with pytest.raises(ValueError):
        a.mean()
    with pytest.raises(gr.InvalidArgumentError):
        a.mean()


def test_min_max_of_strings():
    a = GraphArray.from_list(["pear", None, "apple", "zoo"])
    assert a.min() == "apple"
    assert a.max() == "zoo"


def test_sum_large_float_values():
    values = [1e300, 1e300, -1e300]
    assert GraphArray.from_list(values).sum() == pytest.approx(1e300)
    assert math.isinf(GraphArray.from_list([1e308, 1e308]).sum())


# ----- immutable snapshots -------------------------------------------------------------------


def test_node_array_is_a_snapshot():
    g = gr.Graph()
    g.add_node(1, x=1.0, s="a")
    g.add_node(2, x=2.0)
    g.add_node(3, s="c")
    xs = g.node_array("x")
    ss = g.node_array("s")
    view = xs.to_numpy()
    before = (xs.to_list(), ss.to_list(), xs.dtype, ss.dtype, xs.null_count)

    g.set_node_attr(1, "x", 100.0)
    g.set_node_attr(3, "x", "now a string")
    g.set_node_attr(2, "s", "b")
    g.add_node(4, x=4.0, s="d")
    g.remove_node(1)
    g.set_node_array("s", ["z"] * g.node_count)

    assert (xs.to_list(), ss.to_list(), xs.dtype, ss.dtype, xs.null_count) == before
    assert before[0] == [1.0, 2.0, None]
    assert view.tolist() == [1.0, 2.0, None]
    assert len(xs) == 3
    assert xs[0] == 1.0
    assert g.node_array("x").to_list() == [2.0, "now a string", 4.0]
    g.clear()
    assert xs.to_list() == [1.0, 2.0, None]
    g.close()
    assert ss.to_list() == ["a", None, "c"]


def test_edge_array_is_a_snapshot():
    g = gr.Graph(directed=True)
    g.add_edge(1, 2, w=1)
    g.add_edge(2, 3, w=2)
    w = g.edge_array("w")
    view = w.to_numpy()
    g.set_edge_attr(1, 2, "w", 10)
    g.add_edge(3, 1, w=3)
    g.remove_edge(2, 3)
    assert w.to_list() == [1, 2]
    assert view.tolist() == [1, 2]
    assert g.edge_array("w").to_list() == [10, 3]
    g.close()


def test_repr_mentions_values_and_dtype():
    r = repr(GraphArray.from_list([1, 2, 3]))
    assert "int64" in r
    assert "1" in r
    long = repr(GraphArray.from_list(list(range(100))))
    assert "..." in long


def test_a_column_of_ints_and_floats_aggregates_as_pandas():
    g = gr.Graph()
    g.add_node(1, x=1)
    g.add_node(2, x=2.5)
    g.add_node(3)
    g.add_node(4, x=np.int32(-4))
    x = g.node_array("x")
    assert x.dtype == "mixed"
    series = pd.Series([1, 2.5, None, -4], dtype=object)
    assert x.sum() == series.sum() == -0.5
    assert x.mean() == pytest.approx(series.dropna().mean())
    assert x.min() == -4 and type(x.min()) is int
    assert x.max() == 2.5
    g.add_node(5, x="text")
    with pytest.raises(gr.InvalidArgumentError, match="holding a str value"):
        g.node_array("x").sum()


def test_lists_of_plain_ints_or_floats_are_packed_exactly():
    # Lists of one plain number type go to the engine packed in C: same kinds and values
    # as value by value, the int64 limits included.
    ints = [*range(-50_000, 50_000), 2**63 - 1, -(2**63)]
    a = GraphArray.from_list(ints)
    assert a.dtype == "int64" and a.to_list() == ints
    floats = [*(i / 7 for i in range(100_000)), float("inf"), -0.0]
    b = GraphArray.from_list(floats)
    assert b.dtype == "float64" and b.to_list() == floats
    with pytest.raises(OverflowError, match="item 3: int value 9223372036854775808"):
        GraphArray.from_list([1, 2, 3, 2**63])
