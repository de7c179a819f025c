"""``NodeMap``: a read-only mapping from node key to a value, returned by per-node results
such as ``Graph.degrees()``."""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping

from ._convert import scratch
from ._errors import check
from ._native import ffi, lib

_FIXED_WIDTH_C_TYPES = {
    lib.GR_ATTR_INT64: "int64_t *",
    lib.GR_ATTR_FLOAT64: "double *",
}


class NodeMap(Mapping):
    """Node key -> value, in the graph's node order. Compares equal to a dict with the
    same items. The key index for ``m[key]`` is built on first lookup."""

    __slots__ = ("_index", "_keys", "_values")

    def __init__(self, keys: list, values: list):
        if len(keys) != len(values):
            raise ValueError("NodeMap: keys and values differ in length")
        self._keys = keys
        self._values = values
        self._index = None

    @classmethod
    def _from_native(cls, keys: list, array) -> NodeMap:
        """Takes ownership of a ``gr_array`` of int64 or float64 values aligned with keys."""
        try:
            s = scratch
            check(lib.gr_array_info(array, s.size, s.kind, s.data))
            n, kind = s.size[0], s.kind[0]
            c_type = _FIXED_WIDTH_C_TYPES[kind]
            values = ffi.unpack(ffi.cast(c_type, s.data[0]), n) if n else []
        finally:
            lib.gr_array_free(array)
        return cls(keys, values)

    def __getitem__(self, key):
        if self._index is None:
            self._index = {k: i for i, k in enumerate(self._keys)}
        return self._values[self._index[key]]

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator:
        return iter(self._keys)

    def __contains__(self, key) -> bool:
        try:
            self[key]
        except (KeyError, TypeError):
            return False
        return True

    def items(self):
        return list(zip(self._keys, self._values))

    def values(self):
        return list(self._values)

    def keys(self):
        return list(self._keys)

    def to_dict(self) -> dict:
        return dict(zip(self._keys, self._values))

    def to_list(self) -> list:
        return list(self._values)

    def top(self, k: int) -> list:
        """The ``k`` largest ``(key, value)`` pairs, largest first (ties in node order)."""
        order = heapq.nlargest(k, range(len(self._values)), key=self._values.__getitem__)
        return [(self._keys[i], self._values[i]) for i in order]

    def to_numpy(self):
        import numpy as np

        return np.asarray(self._values)

    def to_pandas(self):
        import pandas as pd

        return pd.Series(self._values, index=pd.Index(self._keys, dtype=object))

    def __eq__(self, other) -> bool:
        if isinstance(other, NodeMap):
            return self._keys == other._keys and self._values == other._values
        if isinstance(other, Mapping):
            return len(self) == len(other) and self.to_dict() == dict(other.items())
        return NotImplemented

    __hash__ = None

    def __repr__(self) -> str:
        shown = ", ".join(f"{k!r}: {v!r}" for k, v in zip(self._keys[:10], self._values[:10]))
        more = ", ..." if len(self._keys) > 10 else ""
        return f"NodeMap({{{shown}{more}}})"
