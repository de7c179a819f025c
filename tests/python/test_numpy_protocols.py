"""numpy's protocols on GraphArray and NodeMap, as PYTHON_API.md ("Python habits") says:
np.asarray / __array__ with numpy 2's copy semantics, numpy functions with numpy's keywords
(nulls skipped as numpy.ma skips masked values), comparisons and arithmetic returning numpy
arrays (masked where nulls are), boolean-mask and integer-list indexing returning
GraphArrays, np.asarray(nodemap) and nodemap.keys_array()."""

import numpy as np
import pandas as pd
import pytest

import groggy as gr

GraphArray = gr.GraphArray

NUMERIC = ["int8", "int16", "int32", "int64", "float32", "float64", "bool"]


def numeric(dtype, nulls=False):
    """A GraphArray of ``dtype`` and the numpy array (masked when ``nulls``) it holds."""
    values = np.array([3, 0, 7, 1, 5, 2], dtype=dtype)
    if nulls:
        values = np.ma.MaskedArray(values, mask=[False, True, False, False, True, False])
    return GraphArray.from_numpy(values), values


# ----- __array__ --------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", NUMERIC)
def test_asarray_is_the_read_only_view_without_a_copy(dtype):
    a, values = numeric(dtype)
    out = np.asarray(a)
    assert out.dtype == np.dtype(dtype)
    assert out.tolist() == values.tolist()
    assert not out.flags.writeable
    assert np.shares_memory(out, a.to_numpy())
    assert np.shares_memory(a.__array__(copy=False), out)
    assert np.shares_memory(a.__array__(dtype=dtype, copy=None), out)
    assert np.shares_memory(np.asarray(a, dtype=dtype, copy=False), out)


def test_a_copy_is_made_only_when_asked_or_needed():
    a, _ = numeric("int32")
    copied = np.array(a, copy=True)
    assert copied.flags.writeable and not np.shares_memory(copied, a.to_numpy())
    copied[0] = 100  # the caller's own array: the GraphArray does not change
    assert a[0] == 3
    widened = np.asarray(a, dtype=np.float64)
    assert widened.dtype == np.float64 and widened.tolist() == [3.0, 0.0, 7.0, 1.0, 5.0, 2.0]
    with pytest.raises(ValueError, match="copy=False"):
        np.asarray(a, dtype=np.float64, copy=False)
    with pytest.raises(ValueError, match="copy=False"):
        a.__array__(np.int64, copy=False)


@pytest.mark.parametrize(
    "a",
    [
        GraphArray.from_list([1.5, None, 2.5]),
        GraphArray.from_list(["a", "b"]),
        GraphArray.from_list([b"a"]),
        GraphArray.from_list([1, "a"]),
        GraphArray.from_list([None, None]),
    ],
    ids=["nulls", "str", "bytes", "mixed", "null"],
)
def test_object_and_null_columns_always_copy(a):
    out = np.asarray(a)
    assert out.dtype == object and out.tolist() == a.to_list()
    with pytest.raises(ValueError, match="copy=False"):
        np.asarray(a, copy=False)


def test_nulls_become_nan_when_cast_to_float():
    a = GraphArray.from_list([1.5, None, 2.5])
    out = np.asarray(a, dtype=np.float64)
    assert out[0] == 1.5 and np.isnan(out[1]) and out[2] == 2.5


# ----- numpy functions --------------------------------------------------------------------


@pytest.mark.parametrize("dtype", NUMERIC)
@pytest.mark.parametrize("func", [np.sum, np.mean, np.min, np.max, np.std, np.median])
def test_reductions_match_numpy(dtype, func):
    a, values = numeric(dtype)
    assert func(a) == func(values)


@pytest.mark.parametrize("dtype", ["int8", "int64", "float32", "float64"])
def test_reductions_take_numpys_keywords(dtype):
    a, values = numeric(dtype)
    assert np.sum(a, dtype=np.int8) == np.sum(values, dtype=np.int8)
    assert np.sum(a, axis=0) == np.sum(values)
    kept = np.sum(a, keepdims=True)
    assert kept.shape == (1,) and kept[0] == np.sum(values)
    assert np.std(a, ddof=1) == pytest.approx(np.std(values, ddof=1))
    assert np.median(a, keepdims=True).tolist() == [np.median(values)]
    assert np.mean(a, dtype=np.float64) == np.mean(values, dtype=np.float64)
    out = np.zeros((), dtype=np.float64)
    np.mean(a, out=out)
    assert out == np.mean(values)
    assert np.max(a, initial=100) == 100


@pytest.mark.parametrize("dtype", ["int8", "int32", "float32", "float64", "bool"])
def test_reductions_skip_nulls_as_masked_arrays_do(dtype):
    a, values = numeric(dtype, nulls=True)
    assert np.sum(a) == np.ma.sum(values) == sum(v for v in a.to_list() if v is not None)
    assert np.min(a) == np.ma.min(values)
    assert np.max(a) == np.ma.max(values)
    assert np.mean(a) == pytest.approx(np.ma.mean(values))
    if dtype != "bool":
        assert np.std(a, ddof=1) == pytest.approx(np.ma.std(values, ddof=1))
        assert np.median(a) == np.ma.median(values)
    # the engine's aggregates agree
    assert a.sum() == np.sum(a)
    assert a.min() == np.min(a) and a.max() == np.max(a)


def test_a_reduction_over_nulls_only_is_masked():
    a = GraphArray.from_numpy(np.ma.MaskedArray(np.array([1.0, 2.0]), mask=[False, True]))
    assert np.sum(a[[1]]) is np.ma.masked
    assert np.sum(GraphArray.from_list([None, None])) is np.ma.masked


def test_functions_without_a_masked_counterpart_refuse_nulls():
    a, _ = numeric("float64", nulls=True)
    with pytest.raises(TypeError, match=r"numpy\.percentile: the GraphArray has nulls"):
        np.percentile(a, 50)
    # without nulls they simply run
    b, values = numeric("float64")
    assert np.percentile(b, 50) == np.percentile(values, 50)


def test_other_numpy_functions_take_graph_arrays():
    a, values = numeric("int16")
    b = GraphArray.from_list([10, 20])
    joined = np.concatenate([a, b])
    assert joined.tolist() == [*values.tolist(), 10, 20]
    assert np.sort(a).tolist() == sorted(values.tolist())
    assert np.unique(GraphArray.from_list([2, 1, 2])).tolist() == [1, 2]
    assert np.argmax(a) == 2
    m, _ = numeric("int16", nulls=True)
    assert np.ma.getmaskarray(np.concatenate([m, b])).tolist() == [
        False,
        True,
        False,
        False,
        True,
        False,
        False,
        False,
    ]


def test_a_graph_array_cannot_be_out():
    a, _ = numeric("float64")
    with pytest.raises(TypeError, match="immutable"):
        np.sum(np.ones(3), out=a)
    with pytest.raises(TypeError, match="immutable"):
        np.add(np.ones(6), 1, out=a)
    with pytest.raises(TypeError, match="immutable"):
        np.add(np.ones(6), 1, out=(a,))


def test_string_columns_go_through_numpy_as_objects():
    s = GraphArray.from_list(["b", "a", "c"])
    assert np.sort(s).tolist() == ["a", "b", "c"]
    assert np.max(s) == "c"


# ----- comparisons and arithmetic ---------------------------------------------------------


@pytest.mark.parametrize("dtype", ["int8", "int64", "float32", "float64"])
def test_comparisons_and_arithmetic_return_numpy_arrays(dtype):
    a, values = numeric(dtype)
    for result, expected in [
        (a > 2, values > 2),
        (a >= 3, values >= 3),
        (a < 2, values < 2),
        (a <= 1, values <= 1),
        (a == 7, values == 7),
        (a != 7, values != 7),
        (2 < a, 2 < values),
        (a * 2, values * 2),
        (2 * a, 2 * values),
        (a + 1, values + 1),
        (1 - a, 1 - values),
        (a / 2, values / 2),
        (a // 2, values // 2),
        (a % 2, values % 2),
        (a**2, values**2),
        (-a, -values),
        (abs(a), abs(values)),
        (a + a, values + values),
        (a + values, values + values),
        (values + a, values + values),
        (np.log1p(a), np.log1p(values)),
    ]:
        assert type(result) is np.ndarray
        assert result.dtype == expected.dtype
        assert result.tolist() == expected.tolist()


def test_equality_is_elementwise_and_arrays_are_unhashable():
    a = GraphArray.from_list([1, 2, 3])
    b = GraphArray.from_list([1, 5, 3])
    assert (a == b).tolist() == [True, False, True]
    assert (a != b).tolist() == [False, True, False]
    with pytest.raises(TypeError):
        hash(a)


def test_operands_numpy_compares_elementwise_are_compared_so():
    a = GraphArray.from_list([1, 2, 3])
    plain = np.array([1, 2, 3])
    for other in ["abc", None, object(), {"x": 1}, [1, 5, 3]]:
        assert (a == other).tolist() == (plain == other).tolist()
        assert (a != other).tolist() == (plain != other).tolist()
    m = GraphArray.from_list([1, None, 3])
    assert (m == "abc").tolist() == [False, None, False]
    # with nulls, numpy.ma's operators: a domain error is masked, not warned about
    quotient = 0 / GraphArray.from_list([0.0, 1.0, None])
    assert quotient.mask.tolist() == [True, False, True]


def test_bool_and_int_bitwise_operators():
    flags = GraphArray.from_list([True, False, True])
    other = np.array([True, True, False])
    assert (flags & other).tolist() == [True, False, False]
    assert (flags | other).tolist() == [True, True, True]
    assert (flags ^ other).tolist() == [False, True, True]
    assert (~flags).tolist() == [False, True, False]
    ints = GraphArray.from_list([1, 2, 4])
    assert (ints << 1).tolist() == [2, 4, 8]
    assert (ints >> 1).tolist() == [0, 1, 2]
    q, r = divmod(ints, 3)
    assert q.tolist() == [0, 0, 1] and r.tolist() == [1, 2, 1]


def test_results_are_masked_where_nulls_are():
    a, values = numeric("float64", nulls=True)
    for result, expected in [
        (a > 2, values > 2),
        (a * 2, values * 2),
        (a + a, values + values),
        (1 / a, 1 / values),
        (np.sqrt(a), np.sqrt(values)),
    ]:
        assert isinstance(result, np.ma.MaskedArray)
        assert result.mask.tolist() == [False, True, False, False, True, False]
        assert result.compressed().tolist() == expected.compressed().tolist()


def test_masked_domain_errors_do_not_warn(recwarn):
    a = GraphArray.from_numpy(np.ma.MaskedArray(np.array([1.0, 0.0, 4.0]), mask=[0, 0, 1]))
    result = np.log(a)
    assert result.mask.tolist() == [False, True, True]
    assert result[0] == 0.0
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


def test_string_comparisons_with_nulls():
    s = GraphArray.from_list(["a", None, "b"])
    assert (s == "a").tolist() == [True, None, False]
    assert (s > "a").tolist() == [False, None, True]
    t = GraphArray.from_list(["a", "b", "c"])
    assert type(t == "b") is np.ndarray and (t == "b").tolist() == [False, True, False]


def test_operands_that_take_over_are_left_to_answer():
    class Other:
        __array_ufunc__ = None

        def __radd__(self, other):
            return "other"

        def __rmul__(self, other):
            return "other"

    a = GraphArray.from_list([1, 2])
    assert a + Other() == "other"
    assert a * Other() == "other"
    series = pd.Series([10, 20])
    assert (a + series).tolist() == [11, 22]  # pandas answers (a Series)


def test_operators_leave_the_array_unchanged():
    a, values = numeric("int32")
    results = [a + 1, a * a, -a]
    assert [r.tolist() for r in results] == [
        (values + 1).tolist(),
        (values * values).tolist(),
        (-values).tolist(),
    ]
    assert a.to_list() == values.tolist()
    assert not a.to_numpy().flags.writeable


# ----- fancy indexing ---------------------------------------------------------------------

KINDS = {
    "int8": [np.int8(v) for v in (1, -2, 3, 4)],
    "int16": [np.int16(v) for v in (1, -2, 3, 4)],
    "int32": [np.int32(v) for v in (1, -2, 3, 4)],
    "int64": [1, -2, 3, 4],
    "float32": [np.float32(v) for v in (0.5, 1.5, 2.5, 3.5)],
    "float64": [0.5, 1.5, 2.5, 3.5],
    "bool": [True, False, True, False],
    "str": ["a", "", "é", "d"],
    "bytes": [b"a", b"", b"\x00", b"d"],
    "mixed": [np.int8(1), "a", np.float32(2.5), b"x"],
}


def python_value(v):
    return v.item() if isinstance(v, np.generic) else v


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("nulls", [False, True])
def test_mask_and_integer_indexing_keep_kind_and_nulls(kind, nulls):
    values = list(KINDS[kind])
    if nulls:
        values[1] = None
    a = GraphArray.from_list(values)
    assert a.dtype == kind
    expected = [python_value(v) for v in values]
    mask = np.array([True, True, False, True])
    for index, chosen in [
        (mask, [0, 1, 3]),
        (mask.tolist(), [0, 1, 3]),
        ([0, 3], [0, 3]),
        ([3, -4, 1, 1], [3, 0, 1, 1]),
        (np.array([2, 0], dtype=np.int32), [2, 0]),
        (np.array([2, 0], dtype=np.uint64), [2, 0]),
        (GraphArray.from_list([1, 2]), [1, 2]),
        (GraphArray.from_list([True, None, False, True]), [0, 3]),  # null: not chosen
    ]:
        taken = a[index]
        assert isinstance(taken, GraphArray)
        assert taken.to_list() == [expected[i] for i in chosen]
        assert taken.null_count == sum(expected[i] is None for i in chosen)
        if any(expected[i] is not None for i in chosen):
            assert taken.dtype == kind
    if kind == "mixed":
        # each value keeps its own kind: int8 and float32 values stay so
        back = a[[0, 2, 0]]
        assert [type(v) for v in back.to_list()] == [int, float, int]
        assert back[[1]].to_list() == [float(np.float32(2.5))]


@pytest.mark.parametrize("kind", ["int8", "float32", "str", "bytes", "mixed"])
def test_empty_selections_keep_the_kind(kind):
    a = GraphArray.from_list(KINDS[kind])
    for index in ([], np.array([], dtype=np.int64), np.zeros(4, dtype=bool)):
        empty = a[index]
        assert isinstance(empty, GraphArray)
        assert len(empty) == 0
        assert empty.dtype == kind  # as a[0:0] does
        assert empty.dtype == a[0:0].dtype


def test_selecting_only_nulls_gives_a_null_array_as_slicing_does():
    for values in ([1, None, 3], ["a", None], [1, None, "a"]):
        a = GraphArray.from_list(values)
        assert a[[1]].dtype == "null" == a[1:2].dtype
        assert a[[1]].to_list() == [None]


def test_comparison_masks_leave_nulls_out():
    a = GraphArray.from_list([0.1, None, 0.9, 0.7])
    assert a[a > 0.5].to_list() == [0.9, 0.7]
    assert a[a < 0.5].to_list() == [0.1]
    s = GraphArray.from_list(["a", None, "b"])
    assert s[s != "a"].to_list() == ["b"]
    with pytest.raises(IndexError, match="nulls"):
        a[np.ma.MaskedArray([0, 1], mask=[False, True])]


def test_selection_is_a_snapshot_of_its_own():
    g = gr.Graph()
    for i in range(5):
        g.add_node(i, x=float(i))
    a = g.node_array("x")
    taken = a[a > 1.5]
    g.set_node_attr(3, "x", 100.0)
    g.close()
    del a
    assert taken.to_list() == [2.0, 3.0, 4.0]
    view = taken.to_numpy()
    assert not view.flags.writeable and view.tolist() == [2.0, 3.0, 4.0]


def test_pandas_masks_and_positions_index_too():
    a = GraphArray.from_list([1.5, 2.5, 3.5])
    series = pd.Series([1.0, 3.0, 2.0])
    assert a[series > 1.5].to_list() == [2.5, 3.5]
    assert a[pd.Index([2, 0])].to_list() == [3.5, 1.5]


def test_wrong_length_masks_and_out_of_range_integers_raise_index_error():
    a = GraphArray.from_list([1, 2, 3])
    with pytest.raises(IndexError, match="boolean mask of length 2"):
        a[[True, False]]
    with pytest.raises(IndexError, match="boolean mask of length 4"):
        a[np.ones(4, dtype=bool)]
    for index in ([0, 3], [-4], np.array([5]), np.array([3], dtype=np.uint8), [2**70]):
        with pytest.raises(IndexError, match="out of range for length 3"):
            a[index]
    with pytest.raises(IndexError, match="1 dimension"):
        a[np.array([[0, 1]])]
    with pytest.raises(IndexError, match="nulls"):
        a[GraphArray.from_list([0, None])]
    empty = GraphArray.from_list([])
    with pytest.raises(IndexError):
        empty[[0]]
    assert empty[[]].to_list() == []


def test_other_sequences_as_index_raise_type_error():
    a = GraphArray.from_list([1, 2, 3])
    for index in ([0.5], ["a"], np.array([1.0]), [None]):
        with pytest.raises(TypeError, match="GraphArray indices"):
            a[index]


def test_scalar_indexing_and_slicing_are_unchanged():
    a = GraphArray.from_list([10, 20, 30])
    assert a[np.array(1)] == 20  # a 0-d array is an integer index
    assert a[-1] == 30
    assert a[::2].to_list() == [10, 30]
    with pytest.raises(IndexError):
        a[3]
    with pytest.raises(TypeError):
        a[True]


# ----- NodeMap ----------------------------------------------------------------------------


@pytest.fixture
def mixed_keys(graph):
    graph.add_edge(1, 2)
    graph.add_edge(2, "x")
    graph.add_edge("x", -(2**63))
    graph.add_node(5)
    return graph


def test_asarray_of_a_nodemap_is_its_values_in_key_order(mixed_keys):
    degrees = mixed_keys.degrees()
    values = np.asarray(degrees)
    assert values.dtype == np.int64
    assert values.tolist() == [degrees[k] for k in degrees] == [1, 2, 2, 1, 0]
    assert np.shares_memory(values, degrees.to_numpy())
    pr = mixed_keys.pagerank()
    assert np.asarray(pr).tolist() == list(pr.values())
    assert np.asarray(pr, dtype=np.float32).dtype == np.float32
    assert np.sum(np.asarray(pr)) == pytest.approx(1.0)
    assert np.sum(pr) == pytest.approx(1.0)  # numpy functions read it as its values
    assert np.max(degrees) == 2 and np.mean(degrees) == pytest.approx(6 / 5)


def test_keys_array(mixed_keys, digraph):
    keys = mixed_keys.degrees().keys_array()
    assert keys.dtype == object
    assert keys.tolist() == [1, 2, "x", -(2**63), 5]
    digraph.add_edge(3, -(2**63))
    digraph.add_edge(2**63 - 1, 3)
    int_keys = digraph.pagerank().keys_array()
    assert int_keys.dtype == np.int64
    assert int_keys.tolist() == [3, -(2**63), 2**63 - 1]
    int_keys[0] = 0  # a copy of the caller's own
    assert list(digraph.pagerank()) == [3, -(2**63), 2**63 - 1]
    with gr.Graph() as empty:
        none = empty.degrees().keys_array()
    assert none.dtype == np.int64 and len(none) == 0


def test_keys_array_after_the_graph_is_closed(mixed_keys):
    degrees = mixed_keys.degrees()
    mixed_keys.close()
    assert degrees.keys_array().tolist() == [1, 2, "x", -(2**63), 5]
    assert np.asarray(degrees).tolist() == [1, 2, 2, 1, 0]
