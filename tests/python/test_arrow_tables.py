"""Node and edge tables as Arrow streams (``node_table(format="arrow")``), read by
pyarrow, polars and DuckDB without copying the engine's buffers; ``gr.from_arrow`` and
``GraphArray.from_arrow`` reading Arrow data from each of them; Parquet files through
pyarrow. Every kind of attribute, nulls as absent values, and refusals that say why."""

from __future__ import annotations

import gc
import sys

import duckdb
import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import groggy as gr
from groggy import GraphArray

#: One attribute of every kind the engine stores, with its Arrow type.
KINDS = {
    "b": (np.array([True, False]), pa.bool_()),
    "i8": (np.array([-1, 2], dtype="int8"), pa.int8()),
    "i16": (np.array([-300, 2], dtype="int16"), pa.int16()),
    "i32": (np.array([70000, 2], dtype="int32"), pa.int32()),
    "i64": (np.array([2**40, -2], dtype="int64"), pa.int64()),
    "f32": (np.array([0.5, 1.5], dtype="float32"), pa.float32()),
    "f64": (np.array([0.25, float("inf")]), pa.float64()),
    "s": (["héllo", ""], pa.large_string()),
    "y": ([b"\x00\xff", b""], pa.large_binary()),
}


def every_kind(directed: bool = True) -> gr.Graph:
    """Edges 1 -> 2 and 2 -> 3 with an attribute of every kind, node 9 alone, and
    attributes some nodes and edges lack."""
    g = gr.Graph(directed=directed)
    g.add_edge(1, 2)
    g.add_edge(2, 3)
    g.add_node(9)
    for name, (values, _) in KINDS.items():
        g.set_edge_array(
            name,
            GraphArray.from_numpy(values)
            if isinstance(values, np.ndarray)
            else GraphArray.from_list(values),
        )
    g.set_node_attr(9, "color", "red")
    g.set_node_attr(1, "size", 3)
    g.set_edge_attr(1, 2, "note", "only here")
    return g


def same_graph(a: gr.Graph, b: gr.Graph) -> None:
    assert a.is_directed() == b.is_directed()
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))
    for name in a.edge_attr_names():
        assert b.edge_array(name).dtype == a.edge_array(name).dtype, name
    for name in a.node_attr_names():
        assert b.node_array(name).dtype == a.node_array(name).dtype, name


# ----- tables out ---------------------------------------------------------------------------


def test_pyarrow_reads_every_kind_with_absent_values_as_nulls():
    g = every_kind()
    edges = pa.table(g.edge_table(format="arrow"))
    assert edges.column_names == ["source", "target", *KINDS, "note"]
    for name, (values, arrow_type) in KINDS.items():
        assert edges.schema.field(name).type == arrow_type
        assert edges[name].to_pylist() == list(values)
    assert edges["source"].to_pylist() == [1, 2]
    assert edges["note"].to_pylist() == ["only here", None]
    nodes = pa.table(g.node_table(format="arrow"))
    assert nodes.column_names == ["key", "color", "size"] or nodes.column_names == [
        "key",
        "size",
        "color",
    ]
    assert nodes["key"].to_pylist() == [1, 2, 3, 9]
    assert nodes["color"].to_pylist() == [None, None, None, "red"]


def test_the_table_and_node_array_share_their_buffers():
    g = gr.Graph()
    g.add_edges_from_arrays(np.arange(1000), np.arange(1, 1001), w=np.arange(1000) * 0.5)
    held = g.edge_array("w")
    column = pa.table(g.edge_table(format="arrow"))["w"].chunk(0)
    # The table's buffer is the array the graph handed out: no copy between them.
    assert column.buffers()[1].address == np.asarray(held).ctypes.data
    # Another read while the array is held shares it too; a change makes a new one.
    again = pa.table(g.edge_table(format="arrow"))["w"].chunk(0)
    assert again.buffers()[1].address == column.buffers()[1].address
    g.set_edge_attr(0, 1, "w", 7.0)
    changed = pa.table(g.edge_table(format="arrow"))["w"].chunk(0)
    assert changed[0].as_py() == 7.0 and column[0].as_py() == 0.0


def test_key_columns_are_the_engines_int64s_or_large_strings():
    g = gr.Graph()
    g.add_edge("a", "b")
    table = pa.table(g.edge_table(format="arrow"))
    assert table.schema.field("source").type == pa.large_string()
    assert table["target"].to_pylist() == ["b"]


def test_the_batch_outlives_the_graph():
    g = every_kind()
    table = pa.table(g.edge_table(format="arrow"))
    g.close()
    del g
    gc.collect()
    assert table["s"].to_pylist() == ["héllo", ""]


def test_each_stream_is_fresh_and_reads_the_graph_then():
    g = every_kind()
    t = g.node_table(format="arrow")
    first, second = t.__arrow_c_stream__(), t.__arrow_c_stream__()
    assert first is not second
    assert pa.RecordBatchReader._import_from_c_capsule(second).read_all().num_rows == 4
    g.add_node(10)
    assert pa.table(t).num_rows == 5 and len(t) == 5
    assert "ArrowTable of 5 nodes" in repr(t)


def test_polars_reads_the_tables():
    g = every_kind()
    df = pl.DataFrame(g.edge_table(format="arrow"))
    assert df.columns == ["source", "target", *KINDS, "note"]
    assert df["i16"].to_list() == [-300, 2] and df["i16"].dtype == pl.Int16
    assert df["note"].to_list() == ["only here", None]


def test_duckdb_queries_the_tables():
    g = every_kind()
    t = g.edge_table(format="arrow")  # noqa: F841 (DuckDB finds it by name)
    assert duckdb.sql("select count(*) from t").fetchall() == [(2,)]
    assert duckdb.sql("select source, i32 from t where i32 > 10").fetchall() == [(1, 70000)]


def test_attributes_named_like_key_columns_are_renamed():
    g = gr.Graph()
    g.add_node(1, key="k")
    g.add_edge(1, 2, source="s")
    assert pa.table(g.node_table(format="arrow")).column_names == ["key", "key_attr"]
    assert g.edge_table(format="arrow").column_names == ["source", "target", "source_attr"]


def test_tables_without_an_arrow_type_are_refused():
    g = gr.Graph()
    g.add_node(1, x=1)
    g.add_node("a", x=0.5)
    with pytest.raises(gr.InvalidOperationError, match="node keys are of both kinds"):
        pa.table(g.node_table(format="arrow"))
    g.remove_node("a")
    g.add_node(2, x="two")
    with pytest.raises(gr.InvalidOperationError, match="attribute 'x' holds values of mixed"):
        pa.table(g.node_table(format="arrow"))
    with pytest.raises(ValueError, match="format must be None"):
        g.node_table(format="parquet")


def test_an_empty_graph_has_empty_tables():
    g = gr.Graph()
    assert pa.table(g.node_table(format="arrow")).num_rows == 0
    assert pa.table(g.edge_table(format="arrow")).column_names == ["source", "target"]


# ----- tables in ----------------------------------------------------------------------------


@pytest.mark.parametrize("directed", [False, True])
def test_tables_round_trip_through_from_arrow(directed):
    g = every_kind(directed)
    h = gr.from_arrow(g.edge_table(format="arrow"), g.node_table(format="arrow"), directed=directed)
    same_graph(g, h)


@pytest.mark.parametrize(
    "convert",
    [
        pytest.param(lambda t: pa.table(t), id="pyarrow Table"),
        pytest.param(lambda t: pa.table(t).to_batches()[0], id="pyarrow RecordBatch"),
        pytest.param(lambda t: pl.DataFrame(t), id="polars"),
        pytest.param(lambda t: duckdb.sql("select * from t"), id="duckdb"),
    ],
)
def test_from_arrow_reads_every_producer(convert):
    g = every_kind()
    t = g.edge_table(format="arrow")  # noqa: F841 (DuckDB finds it by name)
    h = gr.from_arrow(convert(g.edge_table(format="arrow")), directed=True)
    assert list(h.edges(data=True)) == list(g.edges(data=True))


def test_from_arrow_reads_string_keys_from_views_and_dictionaries():
    df = pl.DataFrame({"a": ["x", "y"], "b": ["y", "z"], "w": [1, 2]})
    g = gr.from_arrow(df, source="a", target="b")
    assert list(g.edges(data=True)) == [("x", "y", {"w": 1}), ("y", "z", {"w": 2})]
    table = pa.table({"source": pa.array(["p", "q"]).dictionary_encode(), "target": ["q", "r"]})
    assert list(gr.from_arrow(table).edges()) == [("p", "q"), ("q", "r")]


def test_nodes_come_first_in_their_order_with_isolated_nodes():
    nodes = pa.table({"key": [5, 4, 3], "label": ["five", None, "three"]})
    edges = pa.table({"source": [3], "target": [6]})
    g = gr.from_arrow(edges, nodes)
    assert list(g.nodes(data=True)) == [
        (5, {"label": "five"}),
        (4, {}),
        (3, {"label": "three"}),
        (6, {}),
    ]


def test_unsigned_integers_widen_and_too_large_ones_are_refused():
    edges = pa.table(
        {
            "source": pa.array([1], pa.uint64()),
            "target": pa.array([2], pa.uint32()),
            "u8": pa.array([255], pa.uint8()),
        }
    )
    g = gr.from_arrow(edges)
    assert g.edge_array("u8").dtype == "int16" and g.get_edge_attr(1, 2, "u8") == 255
    big = pa.table({"source": pa.array([2**63], pa.uint64()), "target": [1]})
    with pytest.raises(gr.InvalidArgumentError, match="does not fit an int64"):
        gr.from_arrow(big)


def test_bad_tables_say_what_is_wrong():
    with pytest.raises(gr.InvalidArgumentError, match="no source column 'source'"):
        gr.from_arrow(pa.table({"u": [1], "target": [2]}))
    with pytest.raises(gr.InvalidArgumentError, match="has a null at row 1"):
        gr.from_arrow(pa.table({"source": [1, None], "target": [2, 3]}))
    with pytest.raises(gr.InvalidArgumentError, match="keys are integers or strings"):
        gr.from_arrow(pa.table({"source": [1.5], "target": [2.5]}))
    with pytest.raises(gr.InvalidArgumentError, match="Arrow type 'tdD' is not read"):
        gr.from_arrow(pa.table({"source": [1], "target": [2], "day": pa.array([0], pa.date32())}))
    with pytest.raises(gr.InvalidArgumentError, match="not a table"):
        gr.from_arrow(pa.array([1, 2]))
    with pytest.raises(TypeError, match="expected Arrow data"):
        gr.from_arrow([(1, 2)])
    with pytest.raises(TypeError, match="column name"):
        gr.from_arrow(pa.table({"source": [1], "target": [2]}), source=0)


def test_graph_array_from_arrow_copies_any_array():
    assert GraphArray.from_arrow(pa.array([1, None, 3], pa.uint16())).dtype == "int32"
    sliced = pa.array(["a", "b", None, "d"], pa.string_view()).slice(1, 3)
    assert GraphArray.from_arrow(sliced).to_list() == ["b", None, "d"]
    codes = pa.array(["x", None, "x", "y"]).dictionary_encode()
    assert GraphArray.from_arrow(codes).to_list() == ["x", None, "x", "y"]
    a = GraphArray.from_list([True, None, False])
    assert GraphArray.from_arrow(a).to_list() == [True, None, False]
    with pytest.raises(TypeError, match="__arrow_c_array__"):
        GraphArray.from_arrow(pa.chunked_array([[1]]))


# ----- Parquet ------------------------------------------------------------------------------


def test_parquet_round_trips_every_kind(tmp_path):
    g = every_kind()
    g.write_parquet(tmp_path / "g")
    assert sorted(p.name for p in (tmp_path / "g").iterdir()) == ["edges.parquet", "nodes.parquet"]
    same_graph(g, gr.read_parquet(tmp_path / "g", directed=True))
    # The files are plain Parquet: pyarrow reads the same columns.
    assert pq.read_table(tmp_path / "g" / "edges.parquet")["i8"].type == pa.int8()


def test_read_parquet_takes_an_edges_file_and_a_nodes_file(tmp_path):
    pq.write_table(pa.table({"a": ["x"], "b": ["y"]}), tmp_path / "e.parquet")
    pq.write_table(pa.table({"key": ["z", "x"]}), tmp_path / "n.parquet")
    g = gr.read_parquet(
        tmp_path / "e.parquet", nodes=tmp_path / "n.parquet", source="a", target="b"
    )
    assert list(g.nodes()) == ["z", "x", "y"] and list(g.edges()) == [("x", "y")]


@pytest.mark.cxx_exceptions
def test_a_damaged_parquet_file_is_named(tmp_path):
    (tmp_path / "bad.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(gr.GroggyIOError, match=r"bad\.parquet"):
        gr.read_parquet(tmp_path / "bad.parquet")


def test_parquet_errors_name_the_file(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"edges\.parquet"):
        gr.read_parquet(tmp_path)
    g = gr.Graph()
    g.add_node(1)
    g.add_node("a")
    with pytest.raises(gr.InvalidOperationError):
        g.write_parquet(tmp_path / "out")
    assert not (tmp_path / "out" / "nodes.parquet").exists()


def test_parquet_without_pyarrow_names_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ImportError, match="pyarrow"):
        gr.Graph().write_parquet(tmp_path)
    with pytest.raises(ImportError, match="pyarrow"):
        gr.read_parquet(tmp_path)
