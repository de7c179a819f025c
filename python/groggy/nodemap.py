"""``NodeMap``: a read-only mapping from node key to a value, returned by per-node results
such as ``Graph.degrees()``. The values live in a GraphArray."""

from __future__ import annotations

import heapq
from collections.abc import ItemsView, Iterable, Iterator, Mapping, ValuesView
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._args import SIZE_MAX, int_arg
from ._convert import KeyArray, UnencodableKeyError, key_args, normalize_key, read_keys, scratch
from ._errors import check
from ._handle import NativeHandle
from ._native import NULL, ffi, lib
from ._types import NodeKey
from .array import GraphArray

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

#: The type of a NodeMap's values (``float`` for PageRank, ``int`` for degrees, ...).
V = TypeVar("V")

_NUMERIC = {"bool", "int8", "int16", "int32", "int64", "float32", "float64"}


#: Lookups a NodeMap sends to the engine before it builds a dict of its items for the rest.
ENGINE_LOOKUPS = 32


class NodeMap(Mapping[NodeKey, V], Generic[V], NativeHandle):
    """Node key -> value, in the graph's node order, backed by a GraphArray (``m.array``).
    Compares equal to a dict with the same items. Keys are looked up in the engine, so no
    Python dict (nor list of keys) is built until iteration or ``to_dict()`` asks for it,
    or until many lookups (``ENGINE_LOOKUPS``) make one dict cheaper than more calls.
    ``np.asarray(m)`` is the values in key order, ``m.keys_array()`` the keys; it pickles
    with its keys' kinds and its values' dtype."""

    __slots__ = ("_array", "_index", "_key_list", "_lookups", "_values")
    _free = lib.gr_keys_free

    def __init__(self, keys: Any, array: GraphArray) -> None:
        """``keys``: a ``gr_keys`` handle aligned with ``array``, which the map owns from
        now on (freed with it)."""
        self._own(keys)
        self._array = array
        self._key_list = None
        self._values = None
        self._index: dict[NodeKey, V] | None = None
        self._lookups = 0

    @classmethod
    def _from_keys(cls, keys: Iterable[NodeKey], array: GraphArray) -> NodeMap[Any]:
        """A map of distinct node keys (ints and strs) to the values of ``array``, in
        that order."""
        keys = list(keys)
        if not isinstance(array, GraphArray) or len(keys) != len(array):
            raise ValueError("NodeMap: expected a GraphArray with one value per key")
        return cls(_keys_handle(keys), array)

    def __reduce__(self) -> tuple[Any, tuple[list[NodeKey], GraphArray]]:
        # Keys and values as their own data: the graph the map came from is not needed.
        return (NodeMap._from_keys, (self._keys, self._array))

    @property
    def _keys(self) -> list[NodeKey]:
        if self._key_list is None:
            self._key_list = read_keys(self._handle)
        return self._key_list

    @property
    def array(self) -> GraphArray:
        """The values, aligned with the keys."""
        return self._array

    def _value_list(self) -> list[V]:
        if self._values is None:
            self._values = self._array.to_list()
        return self._values

    def __getitem__(self, key: object) -> V:
        if type(key) is not str:
            # numpy ints count as ints; bool, float: TypeError; beyond int64: OverflowError
            key = normalize_key(key)
        index = self._index
        if index is not None:
            return index[key]
        self._lookups += 1
        if self._lookups > ENGINE_LOOKUPS:
            # Many lookups (``dict(m)``, a loop over the keys): one dict answers the rest
            # for less than a call into the engine each.
            self._index = index = self.to_dict()
            return index[key]
        s = scratch
        try:
            args = key_args(key, "NodeMap")
        except UnencodableKeyError:
            raise KeyError(key) from None
        check(lib.gr_keys_find(self._handle, *args, s.size, s.found))
        if not s.found[0]:
            raise KeyError(key)
        return self._array[s.size[0]]

    def __len__(self) -> int:
        return len(self._array)

    def __iter__(self) -> Iterator[NodeKey]:
        return iter(self._keys)

    def __contains__(self, key: object) -> bool:
        try:
            self[key]
        except (KeyError, TypeError, OverflowError):
            return False  # as `key in g`: a key of another type is simply not there
        return True

    def items(self) -> ItemsView[NodeKey, V]:
        """A set-like view of ``(key, value)`` pairs, as ``dict.items()``."""
        return _ItemsView(self)

    def values(self) -> ValuesView[V]:
        """A view of the values, in node order."""
        return _ValuesView(self)

    def to_dict(self) -> dict[NodeKey, V]:
        """The items as a plain dict (built now, in node order)."""
        return dict(zip(self._keys, self._value_list()))

    def top(self, k: int) -> list[tuple[NodeKey, V]]:
        """The ``k`` largest ``(key, value)`` pairs, largest first (ties in node order),
        selected in the engine for numeric values.

        Examples:
            >>> from groggy.datasets import karate_club
            >>> karate_club().degrees().top(2)
            [(33, 17), (0, 16)]
        """
        k = int_arg(k, "k", "top", maximum=SIZE_MAX)
        if self._array.dtype in _NUMERIC:
            out = ffi.new("gr_array **")
            check(lib.gr_array_top_k(self._array._handle, k, out))
            order = GraphArray._wrap(out[0]).to_list()
        else:
            values = self._value_list()
            order = heapq.nlargest(k, range(len(values)), key=values.__getitem__)
        return [(self._keys[i], self._array[i]) for i in order]

    def keys_array(self) -> npt.NDArray[Any]:
        """The keys as a numpy array, in order: ``int64`` when every key is an int, else
        ``object`` (ints and strs)."""
        import numpy as np

        s = scratch
        check(lib.gr_keys_view(self._handle, s.size, s.ints, s.kinds, s.str_data, s.str_offsets))
        n = s.size[0]
        if s.kinds[0] == NULL:
            if n == 0:
                return np.empty(0, dtype=np.int64)
            return np.frombuffer(ffi.buffer(s.ints[0], 8 * n), dtype=np.int64).copy()
        keys = np.empty(n, dtype=object)
        keys[:] = self._keys
        return keys

    def __arrow_c_array__(self, requested_schema: Any = None) -> tuple[Any, Any]:
        """The Arrow PyCapsule interface for the values, in key order (as
        ``m.array.__arrow_c_array__``): ``pyarrow.array(m)`` reads them without a copy."""
        return self._array.__arrow_c_array__(requested_schema)

    def __array__(
        self, dtype: npt.DTypeLike | None = None, copy: bool | None = None
    ) -> npt.NDArray[Any]:
        """``np.asarray(m)``: the values in key order, as ``np.asarray(m.array)``."""
        return self._array.__array__(dtype, copy)

    def to_numpy(self) -> npt.NDArray[Any]:
        """The values as numpy (a read-only view of the engine's memory for numbers)."""
        return self._array.to_numpy()

    def to_pandas(self) -> pd.Series:
        """A ``pandas.Series`` of the values indexed by node key."""
        import pandas as pd

        series = self._array.to_pandas().copy()
        series.index = pd.Index(self._keys, dtype=object)
        return series

    def __eq__(self, other: object) -> bool:
        # Equal items make equal mappings, whatever their order (as for dicts).
        if isinstance(other, NodeMap):
            if self._keys == other._keys:
                return self._value_list() == other._value_list()
            return len(self) == len(other) and self.to_dict() == other.to_dict()
        if isinstance(other, Mapping):
            return len(self) == len(other) and self.to_dict() == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # compares by value, as a dict

    def __repr__(self) -> str:
        values = self._value_list()
        shown = ", ".join(f"{k!r}: {v!r}" for k, v in zip(self._keys[:10], values[:10]))
        more = ", ..." if len(self._keys) > 10 else ""
        return f"NodeMap({{{shown}{more}}})"


def _keys_handle(keys: list[NodeKey]) -> Any:
    """A ``gr_keys`` handle holding ``keys`` in order. The C interface makes key lists only
    out of graphs, so the keys go through a scratch graph (its node order is the order of
    insertion); repeated keys would collapse there, so they are refused."""
    key_array = KeyArray(keys, "NodeMap")
    out = scratch.graph
    check(lib.gr_graph_new(False, out))
    graph = out[0]
    try:
        check(lib.gr_graph_add_nodes(graph, *key_array.args, key_array.n, *_NO_ATTRS))
        keys_out = ffi.new("gr_keys **")
        check(lib.gr_graph_nodes(graph, keys_out))
    finally:
        lib.gr_graph_free(graph)
    handle = ffi.gc(keys_out[0], lib.gr_keys_free)
    s = scratch
    check(lib.gr_keys_view(handle, s.size, s.ints, s.kinds, s.str_data, s.str_offsets))
    if s.size[0] != len(keys):
        raise ValueError("NodeMap: the keys repeat")
    ffi.gc(handle, None)  # the caller's NodeMap takes the handle over
    return keys_out[0]


_NO_ATTRS = (NULL, 0, NULL, NULL, NULL, 0)


class _ItemsView(ItemsView[NodeKey, V]):
    """``items()`` iterating keys and values side by side (no lookup per key)."""

    def __iter__(self) -> Iterator[tuple[NodeKey, V]]:
        m: NodeMap[V] = self._mapping  # type: ignore[attr-defined]
        return iter(zip(m._keys, m._value_list()))


class _ValuesView(ValuesView[V]):
    """``values()`` iterating the values directly."""

    def __iter__(self) -> Iterator[V]:
        m: NodeMap[V] = self._mapping  # type: ignore[attr-defined]
        return iter(m._value_list())
