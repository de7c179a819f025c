"""The column side of ``Graph``: whole attribute columns as GraphArrays, loading edges from
arrays in one call, and pandas tables. Mixed into ``Graph``."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, overload

from ._convert import KeyArray, fill_name, scratch
from ._native import NULL, ffi, lib
from ._optional import imported
from ._types import NodeKey
from .array import GraphArray, as_graph_array
from .tables import ArrowTable, column_name

if TYPE_CHECKING:
    import pandas as pd

    from .graph import Graph


#: The ``array.array`` type code of ``uint32_t``: node positions as the ABI takes them.
_U32 = next(code for code in "IL" if array(code).itemsize == 4)


def position_array(positions: Iterable[int]) -> array:
    """Node positions packed as the ABI's ``uint32_t`` array."""
    return array(_U32, positions)


class NeighbourLists(NamedTuple):
    """Neighbour lists by node position, as ``gr_graph_add_adjacency`` takes them: the
    list of the node at position ``p`` is ``neighbours[offsets[p]:offsets[p + 1]]``."""

    offsets: list[int]
    neighbours: array


class NamedColumns:
    """Attribute columns as the ABI takes them: ``names``, ``handles``, ``n``."""

    __slots__ = ("_keep", "handles", "n", "names")

    def __init__(
        self, columns: dict[str, Any], op: str, where: Callable[[int, str], str] | None = None
    ) -> None:
        self.n = len(columns)
        if not columns:
            self.names = self.handles = NULL
            self._keep = ()
            return
        keep: list = []
        arrays = [as_graph_array(values, op, name, where) for name, values in columns.items()]
        self.names = ffi.new("gr_buf[]", self.n)
        for i, name in enumerate(columns):
            fill_name(self.names[i], name, keep)
        self.handles = ffi.new("gr_array *[]", [a._handle for a in arrays])
        self._keep = (keep, arrays)


def _int64_keys(keys: Any, op: str, column: str) -> Any:
    """``keys`` as a contiguous native int64 numpy array when it is a numpy integer array
    (read in place when it already is one), else None. Errors name the operation ``op``
    and, for a key, its row of ``column``."""
    np = imported("numpy")
    if np is None or not isinstance(keys, np.ndarray) or keys.dtype.kind not in "iu":
        return None
    if keys.ndim != 1:
        raise ValueError(f"{op}: keys must be 1-dimensional, not {keys.ndim}")
    if keys.dtype.kind == "u" and keys.size and int(keys.max()) > np.iinfo(np.int64).max:
        row = int(np.argmax(keys > np.iinfo(np.int64).max))
        raise OverflowError(
            f"{op}: row {row} of {column}: node key {int(keys[row])} does not fit in int64"
        )
    return np.ascontiguousarray(keys, dtype=np.int64)


def _key_list(keys: Any, name: str, op: str) -> list[Any]:
    """A column of node keys (numpy array, pandas Series or Index, list, any iterable) as a
    list; a string or bytes (which would iterate as characters) or a scalar is a
    ``TypeError``."""
    np = imported("numpy")
    if np is not None and isinstance(keys, np.ndarray):
        if keys.ndim != 1:
            raise ValueError(f"{op}: keys must be 1-dimensional, not {keys.ndim}")
        return keys.tolist()
    pd = imported("pandas")
    if pd is not None and isinstance(keys, (pd.Series, pd.Index)):
        return keys.tolist()
    if isinstance(keys, (str, bytes, bytearray, memoryview)) or not isinstance(keys, Iterable):
        raise TypeError(
            f"{op}: {name} must be an array or a list of node keys, not {type(keys).__name__}"
        )
    return list(keys)


def _lists_args(lists: NeighbourLists) -> tuple[Any, Any]:
    """The offsets and neighbours of ``lists`` as C arrays (kept alive by cffi while the
    returned objects are)."""
    neighbours = lists.neighbours
    c_neighbours = ffi.from_buffer("uint32_t[]", neighbours) if len(neighbours) else NULL
    return ffi.new("size_t[]", lists.offsets), c_neighbours


class ColumnsMixin:
    """Whole-column operations of ``Graph``."""

    __slots__ = ()

    def _add_adjacency(
        self: Graph,
        out: NeighbourLists,
        into: NeighbourLists | None,
        columns: dict[str, Any],
        op: str,
        where: Callable[[int, str], str] | None = None,
    ) -> None:
        """Edges from each node (by position) to the neighbours of its ``out`` list, with
        one value per list entry in each column; every node keeps the order of its lists
        (``into``: a directed graph's predecessors). ``gr_graph_add_adjacency``; a bad
        value's error says where it is with ``where(entry, column)`` when given."""
        named = NamedColumns(columns, op, where)
        n_lists = len(out.offsets) - 1
        in_offsets, in_neighbours = _lists_args(into) if into is not None else (NULL, NULL)
        self._check(
            lib.gr_graph_add_adjacency(
                self._handle,
                n_lists,
                *_lists_args(out),
                len(out.neighbours),
                in_offsets,
                in_neighbours,
                len(into.neighbours) if into is not None else 0,
                named.names,
                named.handles,
                named.n,
            )
        )

    def add_edges_from_arrays(self: Graph, sources: Any, targets: Any, **columns: Any) -> None:
        """Adds edges ``sources[i] -> targets[i]`` in one call into the engine, with
        attribute columns (numpy arrays, pandas Series, GraphArrays or lists) of the same
        length. numpy int64 keys and numeric columns are read in place. All or nothing.

        Args:
            sources: the edges' first endpoints: a numpy integer array, or a list (or
                pandas Series, or any iterable) of int or str keys.
            targets: the edges' second endpoints, as many as ``sources``.
            **columns: attribute name -> one value per edge.

        Examples:
            >>> import numpy as np
            >>> g = Graph(directed=True)
            >>> g.add_edges_from_arrays(np.array([0, 1]), np.array([1, 2]), weight=[0.5, 2.0])
            >>> g.edge_array("weight").to_list()
            [0.5, 2.0]
        """
        self._add_edges_from_arrays(
            sources, targets, columns, "add_edges_from_arrays", ("sources", "targets")
        )

    def _add_edges_from_arrays(
        self: Graph,
        sources: Any,
        targets: Any,
        columns: dict[str, Any],
        op: str,
        key_columns: tuple[str, str],
    ) -> None:
        """``add_edges_from_arrays``, its errors naming the operation ``op`` and a bad
        key's row of ``key_columns`` (how the sources and the targets are called)."""
        named = NamedColumns(columns, op)
        src_name, dst_name = key_columns
        src, dst = _int64_keys(sources, op, src_name), _int64_keys(targets, op, dst_name)
        if src is not None and dst is not None:
            n = len(src)
            if len(dst) != n:
                raise ValueError(f"{op}: {n} sources but {len(dst)} targets")
            s = ffi.from_buffer("int64_t[]", src) if n else NULL
            t = ffi.from_buffer("int64_t[]", dst) if n else NULL
            self._check(
                lib.gr_graph_add_edges_int(
                    self._handle, s, t, n, named.names, named.handles, named.n
                )
            )
            return
        src_keys = KeyArray(_key_list(sources, "sources", op), op, src_name)
        dst_keys = KeyArray(_key_list(targets, "targets", op), op, dst_name)
        if src_keys.n != dst_keys.n:
            raise ValueError(f"{op}: {src_keys.n} sources but {dst_keys.n} targets")
        self._check(
            lib.gr_graph_add_edges_columns(
                self._handle,
                *src_keys.args,
                *dst_keys.args,
                src_keys.n,
                named.names,
                named.handles,
                named.n,
            )
        )

    def add_nodes_from_arrays(self: Graph, keys: Any, **columns: Any) -> None:
        """Adds (or updates) the nodes ``keys`` in one call into the engine, with attribute
        columns of the same length, as ``add_edges_from_arrays`` does for edges: numpy
        int64 keys and numeric columns are read in place; ``None`` in a column sets the
        attribute to null. New nodes come in ``keys`` order. All or nothing.

        Args:
            keys: a numpy integer array, or a list (or pandas Series, or any iterable) of
                int or str keys.
            **columns: attribute name -> one value per key.

        Examples:
            >>> import numpy as np
            >>> g = Graph()
            >>> g.add_nodes_from_arrays(np.array([3, 1, 2]), age=[30, 10, 20])
            >>> list(g.nodes), g.node_array("age").to_list()
            ([3, 1, 2], [30, 10, 20])
        """
        op = "add_nodes_from_arrays"
        named = NamedColumns(columns, op)
        ints = _int64_keys(keys, op, "keys")
        if ints is not None:
            n = len(ints)
            k = ffi.from_buffer("int64_t[]", ints) if n else NULL
            call = (NULL, k, NULL, 0, NULL, n)
        else:
            key_array = KeyArray(_key_list(keys, "keys", op), op, "keys")
            call = (*key_array.args, key_array.n)
        self._check(
            lib.gr_graph_add_nodes_columns(self._handle, *call, named.names, named.handles, named.n)
        )

    def _read_array(self: Graph, function: Any, name: str) -> GraphArray:
        b = _name_bytes(name)
        out = scratch.array
        self._check(function(self._handle, b, len(b), out))
        return GraphArray._wrap(out[0])

    def node_array(self: Graph, name: str) -> GraphArray:
        """The attribute ``name`` of every node, aligned with ``nodes`` order (``None``
        where a node lacks it): a snapshot, later changes to the graph do not change it.
        ``AttributeNotFoundError`` (a ``KeyError``) when no node has it."""
        return self._read_array(lib.gr_graph_node_array, name)

    def edge_array(self: Graph, name: str) -> GraphArray:
        """The attribute ``name`` of every edge, aligned with ``edges`` order (``None``
        where an edge lacks it); ``AttributeNotFoundError`` when no edge has it."""
        return self._read_array(lib.gr_graph_edge_array, name)

    def _node_presence(self: Graph, name: str) -> list[bool]:
        return self._read_array(lib.gr_graph_node_attr_presence, name).to_list()

    def _edge_presence(self: Graph, name: str) -> list[bool]:
        return self._read_array(lib.gr_graph_edge_attr_presence, name).to_list()

    def _write_array(self: Graph, function: Any, name: str, values: Any, op: str) -> None:
        b = _name_bytes(name)
        array = as_graph_array(values, op, name)
        self._check(function(self._handle, b, len(b), array._handle))

    def set_node_array(self: Graph, name: str, values: Any) -> None:
        """Sets the attribute ``name`` of every node, in ``nodes`` order, from a list, numpy
        array, pandas Series or GraphArray with one value per node (``None`` sets null)."""
        self._write_array(lib.gr_graph_set_node_array, name, values, "set_node_array")

    def set_edge_array(self: Graph, name: str, values: Any) -> None:
        """Sets the attribute ``name`` of every edge, in ``edges`` order, from one value
        per edge (as ``set_node_array``)."""
        self._write_array(lib.gr_graph_set_edge_array, name, values, "set_edge_array")

    @overload
    def node_table(self: Graph, format: None = None) -> pd.DataFrame: ...
    @overload
    def node_table(self: Graph, format: Literal["arrow"]) -> ArrowTable: ...
    def node_table(self: Graph, format: str | None = None) -> pd.DataFrame | ArrowTable:
        """The nodes as a table: a ``key`` column, then one column per node attribute (an
        attribute itself named ``key`` becomes the column ``key_attr``). A pandas DataFrame,
        or with ``format="arrow"`` an ``ArrowTable`` that pyarrow, polars and DuckDB read
        through the Arrow stream interface without a copy of the column buffers."""
        if _table_format(format, "node_table") == "arrow":
            return ArrowTable(self, "nodes")
        import pandas as pd

        columns = {"key": _key_series(self._node_keys())}
        for name in self.node_attr_names():
            columns[column_name(name, columns)] = self.node_array(name).to_pandas()
        return pd.DataFrame(columns)

    @overload
    def edge_table(self: Graph, format: None = None) -> pd.DataFrame: ...
    @overload
    def edge_table(self: Graph, format: Literal["arrow"]) -> ArrowTable: ...
    def edge_table(self: Graph, format: str | None = None) -> pd.DataFrame | ArrowTable:
        """The edges as a table: ``source`` and ``target`` columns, then one column per edge
        attribute (an attribute named ``source`` or ``target`` becomes ``source_attr`` or
        ``target_attr``). A pandas DataFrame, or with ``format="arrow"`` an
        ``ArrowTable`` (see ``node_table``)."""
        if _table_format(format, "edge_table") == "arrow":
            return ArrowTable(self, "edges")
        import pandas as pd

        pairs = self._edge_pairs()
        columns = {
            "source": _key_series([u for u, _ in pairs]),
            "target": _key_series([v for _, v in pairs]),
        }
        for name in self.edge_attr_names():
            columns[column_name(name, columns)] = self.edge_array(name).to_pandas()
        return pd.DataFrame(columns)


def _table_format(format: str | None, op: str) -> str | None:
    if format not in (None, "arrow"):
        raise ValueError(f"{op}: format must be None (pandas) or 'arrow', not {format!r}")
    return format


def _key_series(keys: list[NodeKey]) -> pd.Series:
    import pandas as pd

    if all(type(k) is int for k in keys):
        return pd.Series(keys, dtype="int64")
    return pd.Series(keys, dtype=object)


def _name_bytes(name: object) -> bytes:
    if not isinstance(name, str):
        raise TypeError(f"attribute names must be str, not {type(name).__name__}")
    return name.encode("utf-8")
