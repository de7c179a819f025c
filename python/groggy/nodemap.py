"""``NodeMap``: a read-only mapping from node key to a value, returned by per-node results
such as ``Graph.degrees()``. The values live in a GraphArray."""

from __future__ import annotations

import heapq
from collections.abc import ItemsView, Iterator, Mapping, ValuesView

from ._args import SIZE_MAX, int_arg
from ._convert import KeyArray, UnencodableKeyError, key_args, normalize_key, read_keys, scratch
from ._errors import check
from ._native import NULL, ffi, lib
from .array import GraphArray

_NUMERIC = {"bool", "int8", "int16", "int32", "int64", "float32", "float64"}


class NodeMap(Mapping):
    """Node key -> value, in the graph's node order, backed by a GraphArray (``m.array``).
    Compares equal to a dict with the same items. Keys are looked up in the engine, so no
    Python dict (nor list of keys) is built until iteration or ``to_dict()`` asks for it.
    ``np.asarray(m)`` is the values in key order, ``m.keys_array()`` the keys; it pickles
    with its keys' kinds and its values' dtype."""

    __slots__ = ("_array", "_handle", "_key_list", "_values")

    def __init__(self, keys, array: GraphArray):
        """``keys``: a ``gr_keys`` handle aligned with ``array``, which the map owns from
        now on (freed with it)."""
        self._handle = ffi.gc(keys, lib.gr_keys_free)
        self._array = array
        self._key_list = None
        self._values = None

    @classmethod
    def _from_keys(cls, keys, array: GraphArray) -> NodeMap:
        """A map of distinct node keys (ints and strs) to the values of ``array``, in
        that order."""
        keys = list(keys)
        if not isinstance(array, GraphArray) or len(keys) != len(array):
            raise ValueError("NodeMap: expected a GraphArray with one value per key")
        return cls(_keys_handle(keys), array)

    def __reduce__(self):
        # Keys and values as their own data: the graph the map came from is not needed.
        return (NodeMap._from_keys, (self._keys, self._array))

    @property
    def _keys(self) -> list:
        if self._key_list is None:
            self._key_list = read_keys(self._handle)
        return self._key_list

    @property
    def array(self) -> GraphArray:
        """The values, aligned with the keys."""
        return self._array

    def _value_list(self) -> list:
        if self._values is None:
            self._values = self._array.to_list()
        return self._values

    def __getitem__(self, key):
        if type(key) is not str:
            # numpy ints count as ints; bool, float: TypeError; beyond int64: OverflowError
            key = normalize_key(key)
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

    def __iter__(self) -> Iterator:
        return iter(self._keys)

    def __contains__(self, key) -> bool:
        try:
            self[key]
        except (KeyError, TypeError, OverflowError):
            return False  # as `key in g`: a key of another type is simply not there
        return True

    def items(self):
        """A set-like view of ``(key, value)`` pairs, as ``dict.items()``."""
        return _ItemsView(self)

    def values(self):
        """A view of the values, in node order."""
        return _ValuesView(self)

    def to_dict(self) -> dict:
        return dict(zip(self._keys, self._value_list()))

    def top(self, k: int) -> list:
        """The ``k`` largest ``(key, value)`` pairs, largest first (ties in node order),
        selected in the engine for numeric values."""
        k = int_arg(k, "k", "top", maximum=SIZE_MAX)
        if self._array.dtype in _NUMERIC:
            out = ffi.new("gr_array **")
            check(lib.gr_array_top_k(self._array._handle, k, out))
            order = GraphArray._wrap(out[0]).to_list()
        else:
            values = self._value_list()
            order = heapq.nlargest(k, range(len(values)), key=values.__getitem__)
        return [(self._keys[i], self._array[i]) for i in order]

    def keys_array(self):
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

    def __array__(self, dtype=None, copy=None):
        """``np.asarray(m)``: the values in key order, as ``np.asarray(m.array)``."""
        return self._array.__array__(dtype, copy)

    def to_numpy(self):
        """The values as numpy (a read-only view of the engine's memory for numbers)."""
        return self._array.to_numpy()

    def to_pandas(self):
        """A ``pandas.Series`` of the values indexed by node key."""
        import pandas as pd

        series = self._array.to_pandas().copy()
        series.index = pd.Index(self._keys, dtype=object)
        return series

    def __eq__(self, other) -> bool:
        # Equal items make equal mappings, whatever their order (as for dicts).
        if isinstance(other, NodeMap):
            if self._keys == other._keys:
                return self._value_list() == other._value_list()
            return len(self) == len(other) and self.to_dict() == other.to_dict()
        if isinstance(other, Mapping):
            return len(self) == len(other) and self.to_dict() == dict(other.items())
        return NotImplemented

    __hash__ = None

    def __repr__(self) -> str:
        values = self._value_list()
        shown = ", ".join(f"{k!r}: {v!r}" for k, v in zip(self._keys[:10], values[:10]))
        more = ", ..." if len(self._keys) > 10 else ""
        return f"NodeMap({{{shown}{more}}})"


def _keys_handle(keys: list):
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


class _ItemsView(ItemsView):
    """``items()`` iterating keys and values side by side (no lookup per key)."""

    def __iter__(self):
        m = self._mapping
        return iter(zip(m._keys, m._value_list()))


class _ValuesView(ValuesView):
    """``values()`` iterating the values directly."""

    def __iter__(self):
        return iter(self._mapping._value_list())
