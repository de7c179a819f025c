"""The Arrow PyCapsule interface of GraphArray and NodeMap (``__arrow_c_array__``), read by
pyarrow and polars: every kind with its nulls, numeric buffers shared with the engine (no
copy), values that outlive the GraphArray, and refusals that say why."""

from __future__ import annotations

import gc

import numpy as np
import pyarrow as pa
import pytest

import groggy as gr
from groggy import GraphArray

KINDS = [
    ([1, None, -3], pa.int64()),
    ([0.5, None, float("inf")], pa.float64()),
    (["x", None, "héllo", ""], pa.large_string()),
    ([b"a", None, b""], pa.large_binary()),
    ([True, False, None], pa.bool_()),
    ([None, None], pa.null()),
    ([], pa.null()),
]


@pytest.mark.parametrize(("values", "arrow_type"), KINDS)
def test_every_kind_reads_back_value_for_value(values, arrow_type):
    got = pa.array(GraphArray.from_list(values))
    assert got.type == arrow_type
    assert got.to_pylist() == values
    assert got.null_count == sum(v is None for v in values)


@pytest.mark.parametrize("dtype", ["int8", "int16", "int32", "int64", "float32", "float64"])
def test_numeric_buffers_are_the_engines(dtype):
    a = GraphArray.from_numpy(np.arange(100).astype(dtype))
    got = pa.array(a)
    assert got.type == pa.from_numpy_dtype(np.dtype(dtype))
    # The Arrow buffer is the memory numpy's read-only view shows: nothing was copied.
    assert got.buffers()[1].address == np.asarray(a).ctypes.data
    assert got.to_numpy().tolist() == list(range(100))


def test_the_values_outlive_the_array_until_arrow_releases_them():
    a = GraphArray.from_numpy(np.arange(100_000, dtype=np.float64) / 4)
    got = pa.array(a)
    del a
    gc.collect()
    assert got[99_999].as_py() == 99_999 / 4
    # Capsules nobody reads release the export when they are dropped.
    for _ in range(100):
        GraphArray.from_list([1, 2, 3]).__arrow_c_array__()
    gc.collect()


def test_a_node_map_exports_its_values_in_key_order():
    g = gr.Graph()
    g.add_edges([("a", "b"), ("b", "c")])
    scores = g.degree_centrality()
    assert pa.array(scores).to_pylist() == list(scores.values())
    assert pa.array(scores).to_pylist() == [0.5, 1.0, 0.5]


def test_a_mixed_array_has_no_arrow_type():
    with pytest.raises(gr.InvalidOperationError, match="mixed kinds, which have no Arrow type"):
        pa.array(GraphArray.from_list([1, "a"]))


def test_polars_reads_the_capsules():
    import polars as pl

    series = pl.Series(GraphArray.from_list([1, None, 3]))
    assert series.to_list() == [1, None, 3]
    assert series.dtype == pl.Int64
