"""A graph's node and edge tables for Arrow readers: ``g.node_table(format="arrow")`` and
``g.edge_table(format="arrow")`` return an ``ArrowTable``, which pyarrow, polars, DuckDB
and any reader of the Arrow PyCapsule stream interface take without a copy of the
engine's column buffers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._arrow import stream_capsule
from ._convert import fill_name
from ._native import ffi, lib

if TYPE_CHECKING:
    from .graph import Graph

#: The key columns of each table, before the attributes.
KEY_COLUMNS = {"nodes": ("key",), "edges": ("source", "target")}


def column_name(name: str, taken: dict[str, Any] | list[str]) -> str:
    """``name``, or when a key column (or an earlier renamed attribute) holds it,
    ``name_attr`` (then ``name_attr2``, ...): the key columns are never overwritten."""
    if name not in taken:
        return name
    candidate, n = f"{name}_attr", 1
    while candidate in taken:
        n += 1
        candidate = f"{name}_attr{n}"
    return candidate


def _buffers(names: list[str], keep: list) -> Any:
    bufs = ffi.new("gr_buf[]", max(len(names), 1))
    for i, name in enumerate(names):
        fill_name(bufs[i], name, keep)
    return bufs


class ArrowTable:
    """The nodes (``key``, then one column per node attribute) or edges (``source``,
    ``target``, then one per edge attribute) of a graph as an Arrow table: pass it to
    ``pyarrow.table``, ``polars.DataFrame`` or ``duckdb.sql("select ... from t")``.
    Attributes named like a key column are renamed as in ``node_table()`` (``key_attr``).

    Each ``__arrow_c_stream__`` call reads the graph as it is then, into a fresh stream
    of one record batch: keys as int64 (every key an int) or large UTF-8 (every key a
    string), attributes typed as ``GraphArray`` exports them, absent values as nulls.
    A graph whose keys are of both kinds, or with an attribute of mixed kinds, has no
    Arrow table: reading it raises ``InvalidOperationError``."""

    __slots__ = ("_graph", "_what")

    def __init__(self, graph: Graph, what: str) -> None:
        self._graph = graph
        self._what = what

    def _attrs(self) -> list[str]:
        g = self._graph
        return g.node_attr_names() if self._what == "nodes" else g.edge_attr_names()

    @property
    def column_names(self) -> list[str]:
        """The table's column names: the key columns, then the attributes (renamed where
        they would take a key column's name)."""
        names = list(KEY_COLUMNS[self._what])
        for attr in self._attrs():
            names.append(column_name(attr, names))
        return names

    @property
    def num_rows(self) -> int:
        """The number of nodes or edges."""
        g = self._graph
        return g.node_count if self._what == "nodes" else g.edge_count

    def __len__(self) -> int:
        return self.num_rows

    def __repr__(self) -> str:
        return f"<groggy ArrowTable of {self.num_rows} {self._what}: {self.column_names}>"

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        """The Arrow PyCapsule stream interface: a capsule of a fresh
        ``struct ArrowArrayStream`` (``requested_schema`` is not used: the table has one
        layout)."""
        attrs = self._attrs()
        fields = self.column_names
        keep: list = []
        attr_bufs, field_bufs = _buffers(attrs, keep), _buffers(fields, keep)
        table = (
            lib.gr_graph_node_table_arrow
            if self._what == "nodes"
            else lib.gr_graph_edge_table_arrow
        )
        handle = self._graph._handle
        return stream_capsule(
            lambda stream: table(handle, attr_bufs, len(attrs), field_bufs, len(fields), stream)
        )
