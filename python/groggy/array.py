"""``GraphArray``: an immutable typed column (a copy of an attribute column, or a result),
held in the engine's memory and shown to numpy without copies."""

from __future__ import annotations

import operator
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

from . import _numpy_protocols
from ._array_state import (
    FIXED,
    KIND_NAMES,
    array_from_state,
    buffer_array,
    mixed_array,
    state,
    tagged_values,
)
from ._arrow import ArrowSource, array_capsules
from ._convert import fill_value, in_context, scratch, take_owned_value
from ._errors import check
from ._handle import NativeHandle
from ._native import NULL, ffi, lib
from ._optional import imported

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

_TAG_BY_NUMPY = {numpy_name: tag for tag, (_, numpy_name, _) in FIXED.items()}
# numpy dtypes stored after an exact widening (the engine has no unsigned or half kinds).
_WIDEN = {"uint8": "int16", "uint16": "int32", "uint32": "int64", "float16": "float32"}

_PANDAS_NULLABLE = {
    "bool": "boolean",
    "int8": "Int8",
    "int16": "Int16",
    "int32": "Int32",
    "int64": "Int64",
    "float32": "Float32",
    "float64": "Float64",
}


class GraphArray(NativeHandle):
    """An immutable column of values: ``len``, iteration, ``a[i]``, ``a[start:stop:step]``,
    ``a[mask]`` and ``a[[i, j]]`` (GraphArrays), ``dtype``, ``null_count``, ``to_list()``,
    ``to_numpy()`` (a read-only view of the engine's memory for numeric and bool columns),
    ``to_pandas()`` and aggregates computed in the engine. Later changes to the graph never
    change it. numpy takes it as an array: ``np.asarray(a)``, ``np.sum(a)``,
    ``np.median(a)``, ..., ``a > 0.5``, ``a * 2`` (numpy arrays, masked where nulls are;
    reductions skip nulls as numpy.ma does). It pickles with its dtype and nulls."""

    __slots__ = ("_data", "_kind", "_len", "_null_count", "_pandas", "_valid")
    _free = lib.gr_array_free

    def __init__(self, *args: object, **kwargs: object) -> None:
        """Not for direct use: a GraphArray comes from a graph (``node_array``, results) or
        from ``GraphArray.from_numpy`` / ``GraphArray.from_list``."""
        raise TypeError("GraphArray is made by the graph or by GraphArray.from_numpy / from_list")

    @classmethod
    def _wrap(cls, handle: Any) -> GraphArray:
        """Takes ownership of a fresh ``gr_array`` handle."""
        self = cls._adopt(handle)
        s = scratch
        check(lib.gr_array_info(handle, s.size, s.kind, s.data))
        self._len, self._kind, self._data = s.size[0], s.kind[0], s.data[0]
        check(lib.gr_array_validity(handle, s.kinds, s.size))
        self._valid, self._null_count = s.kinds[0], s.size[0]
        self._pandas = None
        return self

    # ----- construction ------------------------------------------------------------------

    @classmethod
    def from_list(cls, values: Iterable[Any]) -> GraphArray:
        """An array of Python values (``None`` is null). Values of one kind make a typed
        array; several kinds make a ``"mixed"`` one.

        Examples:
            >>> GraphArray.from_list([1, None, 3]).dtype
            'int64'
        """
        try:
            return cls._of_values(list(values))
        except ValueAt as at:
            raise in_context(at.error, "GraphArray.from_list", f"item {at.row}") from None

    @classmethod
    def _of_values(cls, values: list[Any]) -> GraphArray:
        """``from_list``; a value that cannot be stored raises ``ValueAt``."""
        packed = _packed(values)
        if packed is not None:
            out = scratch.array
            tag, buffer = packed
            check(lib.gr_array_new(tag, ffi.from_buffer(buffer), NULL, len(buffer), out))
            return cls._wrap(out[0])
        n = len(values)
        keep: list = []
        cvalues = ffi.new("gr_attr_value[]", n) if n else NULL
        i = 0
        try:
            for i, value in enumerate(values):
                fill_value(cvalues[i], value, keep)
        except (TypeError, OverflowError) as err:
            raise ValueAt(i, err) from None
        out = scratch.array
        check(lib.gr_array_new(lib.GR_ATTR_MIXED, cvalues, NULL, n, out))
        return cls._wrap(out[0])

    @classmethod
    def from_arrow(cls, array: Any) -> GraphArray:
        """A copy of an Arrow array: anything with ``__arrow_c_array__`` (a pyarrow Array,
        a ``GraphArray``). Nulls stay nulls; unsigned integers widen to the next signed
        kind (uint64 values past int64 raise ``InvalidArgumentError``); strings and binary
        with any offsets, views and dictionary-encoded columns read as their values.
        Other Arrow types raise ``InvalidArgumentError`` naming their format."""
        data = ArrowSource(array, "GraphArray.from_arrow", table=False)
        out = scratch.array
        check(lib.gr_array_from_arrow(data.array, data.schema, out))
        return cls._wrap(out[0])

    @classmethod
    def from_numpy(cls, array: npt.ArrayLike) -> GraphArray:
        """An array of a one-dimensional numpy array (a masked array's mask makes nulls).
        Numeric and bool dtypes are read in place; unsigned and half-precision dtypes
        widen exactly; strings and objects go value by value."""
        try:
            return cls._of_numpy(array)
        except ValueAt as at:
            raise in_context(at.error, "GraphArray.from_numpy", f"item {at.row}") from None

    @classmethod
    def _of_numpy(cls, array) -> GraphArray:
        """``from_numpy``; a value that cannot be stored raises ``ValueAt``."""
        import numpy as np

        mask = None
        if isinstance(array, np.ma.MaskedArray):
            mask = np.ma.getmaskarray(array)
            array = np.ma.getdata(array)
        array = np.asarray(array)
        if array.ndim != 1:
            raise ValueError(f"GraphArray.from_numpy: expected 1 dimension, got {array.ndim}")
        name = array.dtype.name
        if name not in _TAG_BY_NUMPY and name not in _WIDEN and name != "uint64":
            if array.dtype.kind in "OUSb":
                values = array.tolist()
                if mask is not None:
                    values = [None if m else v for v, m in zip(values, mask.tolist())]
                return cls._of_values(values)
            raise TypeError(
                f"Cannot convert numpy dtype {array.dtype} to a GraphArray (supported: bool, "
                "int, uint, float, str, bytes and object dtypes)"
            )
        array = _native_numeric(array, mask)
        valid = None if mask is None or not mask.any() else np.ascontiguousarray(~mask)
        data = ffi.from_buffer(array) if len(array) else NULL
        cvalid = ffi.from_buffer(valid) if valid is not None and len(valid) else NULL
        out = scratch.array
        check(lib.gr_array_new(_TAG_BY_NUMPY[array.dtype.name], data, cvalid, len(array), out))
        return cls._wrap(out[0])

    # ----- sequence ----------------------------------------------------------------------

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[Any]:
        return iter(self.to_list())

    @overload
    def __getitem__(
        self, index: slice | Sequence[int] | Sequence[bool] | npt.NDArray[Any] | GraphArray
    ) -> GraphArray: ...
    @overload
    def __getitem__(self, index: int | np.integer[Any]) -> Any: ...
    def __getitem__(self, index: Any) -> Any:
        """``a[i]`` (a value, negative ``i`` from the end), ``a[start:stop:step]``,
        ``a[mask]`` (booleans, nulls counting as False) or ``a[[i, j]]`` (GraphArrays)."""
        if isinstance(index, slice):
            start, stop, step = index.indices(self._len)
            count = len(range(start, stop, step))
            if count <= 1:
                # Where nothing or one value is taken, start and step may lie outside
                # what the engine's unsigned start and pointer-sized step can hold.
                start, step = (start if count else 0), 1
            out = scratch.array
            check(lib.gr_array_slice(self._handle, start, count, step, out))
            return GraphArray._wrap(out[0])
        if isinstance(index, bool):
            raise TypeError("GraphArray indices must be integers or slices, not bool")
        if isinstance(index, list) or _is_array_like(index):
            return self._take(_numpy_protocols.positions(index, self._len))
        try:
            i = operator.index(index)
        except TypeError:
            raise TypeError(
                "GraphArray indices must be integers, slices, boolean masks or integer "
                f"sequences, not {type(index).__name__}"
            ) from None
        n = self._len
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"GraphArray index {index} out of range for length {n}")
        fixed = FIXED.get(self._kind)
        if fixed is not None and self._null_count == 0:
            return ffi.cast(fixed[0] + " *", self._data)[i]
        value = scratch.value
        check(lib.gr_array_get(self._handle, i, value))
        return take_owned_value(value)

    def _take(self, positions: Any) -> GraphArray:
        """The values at ``positions`` (valid int64 positions, a numpy array), kind and
        nulls kept."""
        import numpy as np

        n = len(positions)
        kind = self._kind
        if kind in FIXED:
            data = np.ascontiguousarray(self._numpy_view()[positions])
            valid = None
            if self._null_count:
                flags = np.frombuffer(ffi.buffer(self._valid, self._len), dtype=np.uint8)
                valid = np.ascontiguousarray(flags[positions])
            cdata = ffi.from_buffer(data) if n else NULL
            cvalid = ffi.from_buffer(valid) if valid is not None and n else NULL
            out = scratch.array
            check(lib.gr_array_new(kind, cdata, cvalid, n, out))
            return GraphArray._wrap(out[0])
        chosen = positions.tolist()
        if kind == lib.GR_ATTR_MIXED:
            return GraphArray._wrap(mixed_array(tagged_values(self, chosen)))
        if kind == lib.GR_ATTR_NULL:
            out = scratch.array
            check(lib.gr_array_new(kind, NULL, NULL, n, out))
            return GraphArray._wrap(out[0])
        values = self.to_list()
        return GraphArray._wrap(buffer_array(kind, [values[i] for i in chosen]))

    @property
    def dtype(self) -> str:
        """``"int8"`` ... ``"int64"``, ``"float32"``, ``"float64"``, ``"bool"``, ``"str"``,
        ``"bytes"``, ``"mixed"`` or ``"null"``."""
        return KIND_NAMES[self._kind]

    @property
    def null_count(self) -> int:
        """How many values are null (``None``)."""
        return self._null_count

    def _validity(self) -> list[bool] | None:
        if self._null_count == 0:
            return None
        return ffi.unpack(ffi.cast("bool *", self._valid), self._len)

    def to_list(self) -> list[Any]:
        """The values as Python objects, ``None`` for nulls."""
        n = self._len
        if n == 0:
            return []
        kind = self._kind
        if kind == lib.GR_ATTR_NULL:
            return [None] * n
        fixed = FIXED.get(kind)
        if fixed is not None:
            values = ffi.unpack(ffi.cast(fixed[0] + " *", self._data), n)
        elif kind in (lib.GR_ATTR_STRING, lib.GR_ATTR_BYTES):
            values = self._buffer_values()
        else:
            return [self[i] for i in range(n)]
        valid = self._validity()
        if valid is None:
            return values
        return [v if ok else None for v, ok in zip(values, valid)]

    def _buffer_values(self) -> list[Any]:
        s = scratch
        check(lib.gr_array_buffers(self._handle, s.str_data, s.size, s.str_offsets))
        total = s.size[0]
        data = ffi.buffer(s.str_data[0], total)[:] if total else b""
        offsets = ffi.unpack(s.str_offsets[0], self._len + 1)
        chunks = [data[offsets[i] : offsets[i + 1]] for i in range(self._len)]
        if self._kind == lib.GR_ATTR_BYTES:
            return chunks
        return [c.decode("utf-8") for c in chunks]

    # ----- numpy and pandas --------------------------------------------------------------

    def _numpy_view(self) -> npt.NDArray[Any]:
        """A read-only numpy view of the fixed-width values, sharing the engine's memory.
        The view's base keeps the values alive after this GraphArray is gone."""
        import numpy as np

        _, dtype, size = FIXED[self._kind]
        if self._len == 0:
            view = np.empty(0, dtype=dtype)
        else:
            # A pointer whose destructor only drops the reference to the handle, so the
            # buffer (and any numpy array over it) keeps the values alive.
            owner = ffi.gc(ffi.cast("char *", self._data), _keep_alive(self._handle))
            # A read-only memoryview: numpy then refuses to make the view writeable.
            memory = memoryview(ffi.buffer(owner, self._len * size)).toreadonly()
            view = np.frombuffer(memory, dtype=dtype)
        view.flags.writeable = False
        return view

    def to_numpy(self) -> npt.NDArray[Any]:
        """Numeric and bool columns without nulls: a read-only view of the engine's memory
        (no copy). With nulls: a ``numpy.ma.MaskedArray`` over that view. Strings, bytes,
        mixed and null columns: object arrays (``None`` for nulls)."""
        import numpy as np

        if self._kind in FIXED:
            view = self._numpy_view()
            if self._null_count == 0:
                return view
            valid = np.frombuffer(ffi.buffer(self._valid, self._len), dtype=bool)
            return np.ma.MaskedArray(view, mask=~valid)
        out = np.empty(self._len, dtype=object)
        out[:] = self.to_list()
        return out

    def to_pandas(self) -> pd.Series:
        """A ``pandas.Series``, built once and cached: numpy dtypes without nulls, pandas'
        nullable dtypes (``Int64``, ``Float64``, ``boolean``, ...) with nulls, ``object``
        for strings, bytes and mixed values."""
        if self._pandas is None or not _intact(*self._pandas):
            series = _to_pandas(self)
            self._pandas = (series, series.index, _values_of(series))
        return self._pandas[0]

    def __arrow_c_array__(self, requested_schema: Any = None) -> tuple[Any, Any]:
        """The Arrow PyCapsule interface: ``pyarrow.array(a)``, ``polars.Series(a)`` and
        other Arrow readers take the values without a copy of numeric buffers (the
        validity bitmap and booleans are laid out for Arrow; strings and bytes are
        ``large_string`` and ``large_binary``). ``requested_schema`` is not honoured (the
        interface lets a producer ignore it). A mixed array raises
        ``InvalidOperationError``: it has no Arrow type."""
        return array_capsules(self._handle)

    def __array__(
        self, dtype: npt.DTypeLike | None = None, copy: bool | None = None
    ) -> npt.NDArray[Any]:
        """numpy 2's protocol. Numeric and bool columns without nulls: the read-only view
        of the engine's memory when ``dtype`` is theirs (or None) and ``copy`` is not
        True. Anything else is a copy (``copy=False`` then raises ``ValueError``), nulls
        being ``None`` in an object array (``NaN`` once cast to a float ``dtype``)."""
        import numpy as np

        if self._kind in FIXED and self._null_count == 0:
            values = self._numpy_view()
            if dtype is None or np.dtype(dtype) == values.dtype:
                return values.copy() if copy else values
            reason = f"{values.dtype} values as {np.dtype(dtype)}"
        else:
            values = np.empty(self._len, dtype=object)
            values[:] = self.to_list()
            reason = "nulls" if self._null_count else f"{self.dtype} values"
        if copy is False:
            raise ValueError(
                f"GraphArray.__array__: copy=False, but {reason} need a copy "
                "(use np.asarray(a), which copies only when needed)"
            )
        return values if dtype is None else values.astype(dtype)

    def _for_numpy(self) -> npt.NDArray[Any]:
        """What numpy computes on (ufuncs, operators, functions): the read-only view of
        the values, a ``numpy.ma.MaskedArray`` where there are nulls (so reductions skip
        them and results are masked there), object arrays for strings, bytes and mixed
        values (masked empty strings or bytes standing in for nulls)."""
        import numpy as np

        if self._kind in FIXED:
            return self.to_numpy()
        values = self.to_list()
        if self._null_count:
            filler = {lib.GR_ATTR_STRING: "", lib.GR_ATTR_BYTES: b""}.get(self._kind)
            mask = np.array([v is None for v in values], dtype=bool)
            values = [filler if v is None else v for v in values]
        objects = np.empty(self._len, dtype=object)
        objects[:] = values
        objects.flags.writeable = False
        if self._null_count == 0:
            return objects
        return np.ma.MaskedArray(objects, mask=mask)

    def __array_ufunc__(self, ufunc: np.ufunc, method: str, *inputs: Any, **kwargs: Any) -> Any:
        """``a > 0.5``, ``a * 2``, ``np.log(a)``, ...: a numpy array, masked where nulls
        are."""
        return _numpy_protocols.array_ufunc(ufunc, method, inputs, kwargs)

    def __array_function__(
        self,
        func: Callable[..., Any],
        types: Collection[type],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Any:
        """``np.sum(a)``, ``np.median(a)``, ``np.std(a, ddof=1)``, ... with numpy's
        keywords, computed by numpy; nulls skipped as numpy.ma skips masked values
        (a result over nulls only is ``numpy.ma.masked``)."""
        return _numpy_protocols.array_function(func, types, args, kwargs)

    if TYPE_CHECKING:
        # The operators ``_numpy_protocols.add_operators`` installs, as type checkers see
        # them: each returns what numpy returns for the same operands.
        def __lt__(self, other: Any) -> npt.NDArray[Any]: ...
        def __le__(self, other: Any) -> npt.NDArray[Any]: ...
        def __gt__(self, other: Any) -> npt.NDArray[Any]: ...
        def __ge__(self, other: Any) -> npt.NDArray[Any]: ...
        def __eq__(self, other: Any) -> npt.NDArray[Any]: ...  # type: ignore[override]
        def __ne__(self, other: Any) -> npt.NDArray[Any]: ...  # type: ignore[override]
        def __add__(self, other: Any) -> npt.NDArray[Any]: ...
        def __radd__(self, other: Any) -> npt.NDArray[Any]: ...
        def __sub__(self, other: Any) -> npt.NDArray[Any]: ...
        def __rsub__(self, other: Any) -> npt.NDArray[Any]: ...
        def __mul__(self, other: Any) -> npt.NDArray[Any]: ...
        def __rmul__(self, other: Any) -> npt.NDArray[Any]: ...
        def __truediv__(self, other: Any) -> npt.NDArray[Any]: ...
        def __rtruediv__(self, other: Any) -> npt.NDArray[Any]: ...
        def __neg__(self) -> npt.NDArray[Any]: ...

    __hash__ = None  # type: ignore[assignment]  # `==` compares elementwise, as numpy's

    # ----- pickling ----------------------------------------------------------------------

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # The values as plain bytes and lists: unpickling needs neither numpy nor the graph.
        return (_array_from_pickle, state(self))

    # ----- aggregates --------------------------------------------------------------------

    def sum(self) -> Any:
        """Sum of the non-null values, NaN skipped as pandas does (an ``int`` for integer
        and bool columns; a mixed column of numbers sums like pandas' object column)."""
        value = scratch.value
        check(lib.gr_array_sum(self._handle, value))
        return take_owned_value(value)

    def mean(self) -> float | None:
        """Mean of the non-null values (NaN skipped); ``None`` when there are none."""
        out, found = ffi.new("double *"), scratch.found
        check(lib.gr_array_mean(self._handle, out, found))
        return out[0] if found[0] else None

    def min(self) -> Any:
        """Smallest non-null value (NaN skipped); ``None`` when there is none."""
        return self._extreme(lib.gr_array_min)

    def max(self) -> Any:
        """Largest non-null value (NaN skipped); ``None`` when there is none."""
        return self._extreme(lib.gr_array_max)

    def _extreme(self, function: Any) -> Any:
        value, found = scratch.value, scratch.found
        check(function(self._handle, value, found))
        return take_owned_value(value) if found[0] else None

    def __repr__(self) -> str:
        shown = self[:10].to_list() if self._len > 10 else self.to_list()
        more = ", ..." if self._len > 10 else ""
        body = ", ".join(repr(v) for v in shown)
        return f"GraphArray([{body}{more}], dtype={self.dtype!r}, len={self._len})"


_numpy_protocols.add_operators(GraphArray)


def _array_from_pickle(dtype: str, n: int, payload: Any, valid: Any, byteorder: str) -> GraphArray:
    """The GraphArray a pickle holds (see ``GraphArray.__reduce__``)."""
    return GraphArray._wrap(array_from_state(dtype, n, payload, valid, byteorder))


def _is_array_like(value: object) -> bool:
    """A numpy array (not 0-d: that is an integer index), GraphArray, pandas Series or
    anything else numpy takes through ``__array__``."""
    if not hasattr(type(value), "__array__"):
        return False
    np = imported("numpy")
    return np is not None and getattr(value, "ndim", 1) > 0


def _keep_alive(handle: Any) -> Callable[[Any], None]:
    def release(_pointer: Any, handle: Any = handle) -> None:
        del handle

    return release


class ValueAt(Exception):
    """A value of a column that cannot be stored: its position ``row`` and the ``error``
    (``TypeError`` or ``OverflowError``) to raise once the caller named the column."""

    def __init__(self, row: int, error: Exception):
        super().__init__(row, error)
        self.row = row
        self.error = error


def _native_numeric(array: Any, mask: Any) -> Any:
    """The numeric numpy array as the engine stores it: widened where the engine has no
    such kind, in native byte order, contiguous."""
    import numpy as np

    name = array.dtype.name
    if name == "uint64":
        values = array if mask is None else array[~mask]
        if values.size and int(values.max()) > np.iinfo(np.int64).max:
            too_big = array > np.iinfo(np.int64).max
            if mask is not None:
                too_big &= ~mask
            row = int(np.argmax(too_big))
            error = OverflowError(f"uint64 value {int(array[row])} does not fit in int64")
            raise ValueAt(row, error)
        array = array.astype(np.int64)
    elif name in _WIDEN:
        array = array.astype(_WIDEN[name])
    if not array.dtype.isnative:
        array = array.astype(array.dtype.newbyteorder("="))
    return np.ascontiguousarray(array)


def _values_of(series: Any) -> Any:
    """What holds a Series' values: its extension array, or its numpy array."""
    values = series.array
    return values if not hasattr(values, "_ndarray") else series.to_numpy()


def _intact(series: Any, index: Any, values: Any) -> bool:
    """Whether the cached Series is still as it was made. Its values are read-only, but
    pandas can still swap them or its index in place (``sort_values(inplace=True)``,
    ``drop(inplace=True)``, an enlarging ``s[n] = x``, ``s.index = ...``, ``s.name = ...``):
    then it is made again rather than handed out differing from the array."""
    import numpy as np

    if series.name is not None or series.index is not index or index.name is not None:
        return False
    now = series.array
    if now is values:
        return True
    return isinstance(values, np.ndarray) and np.shares_memory(series.to_numpy(), values)


def _to_pandas(array: GraphArray) -> pd.Series:
    """The column as a read-only Series: it is cached and handed out again, so a user's
    write must fail rather than make it differ from the array (``ValueError``)."""
    import numpy as np
    import pandas as pd

    if array._kind in FIXED:
        values = array._numpy_view()  # read-only engine memory: no copy, no writes
        if array.null_count == 0:
            return pd.Series(values, copy=False)
        valid = np.frombuffer(ffi.buffer(array._valid, len(array)), dtype=bool)
        nullable = _PANDAS_NULLABLE[values.dtype.name]
        column = pd.array(values, dtype=nullable).copy()
        column[~valid] = pd.NA
        column._data.flags.writeable = False
        column._mask.flags.writeable = False
        return pd.Series(column, copy=False)
    objects = np.empty(len(array), dtype=object)
    objects[:] = array.to_list()
    objects.flags.writeable = False
    return pd.Series(objects, dtype=object, copy=False)


#: Python types whose lists pack into one C array each, with the engine's kind for them.
_PACKED = {float: ("d", lib.GR_ATTR_FLOAT64), int: ("q", lib.GR_ATTR_INT64)}


def _packed(values: list[Any]) -> tuple[int, array] | None:
    """A list of floats only, or of ints only that fit in int64, as ``(kind, C array)``:
    packed in C, without a Python step per value (what the engine would infer from the
    values one by one). None for anything else, and for an empty list."""
    if not values:
        return None
    kinds = set(map(type, values))
    if len(kinds) != 1:
        return None
    packing = _PACKED.get(kinds.pop())
    if packing is None:
        return None
    code, tag = packing
    try:
        return tag, array(code, values)
    except OverflowError:  # an int past int64: the value-by-value path names it
        return None


def as_graph_array(
    values: Any, op: str, name: str, where: Callable[[int, str], str] | None = None
) -> GraphArray:
    """Values of the column ``name`` (GraphArray, numpy array, pandas Series, list, ...) as
    a GraphArray; a value that cannot be stored is an error naming the operation ``op``
    and where the value is: ``where(row, name)`` when given, else the row and the column."""
    try:
        return _as_graph_array(values)
    except ValueAt as at:
        place = where(at.row, name) if where else f"row {at.row} of column {name!r}"
        raise in_context(at.error, op, place) from None
    except (TypeError, OverflowError) as err:  # the column as a whole (its dtype, its type)
        raise in_context(err, op, f"column {name!r}") from None


def _as_graph_array(values: Any) -> GraphArray:
    if isinstance(values, GraphArray):
        return values
    pd = imported("pandas")
    pandas_types = () if pd is None else (pd.Series, pd.Index, pd.api.extensions.ExtensionArray)
    if pandas_types and isinstance(values, pandas_types):
        return _from_pandas(values)
    np = imported("numpy")
    if np is not None and isinstance(values, np.ndarray):
        return GraphArray._of_numpy(values)
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(f"a column must be a sequence of values, not {type(values).__name__}")
    return GraphArray._of_values(list(values))


def _from_pandas(values: Any) -> GraphArray:
    import numpy as np
    import pandas as pd

    series = pd.Series(values) if not isinstance(values, pd.Series) else values
    mask = series.isna().to_numpy()
    dtype = series.dtype
    if isinstance(dtype, pd.api.extensions.ExtensionDtype) and dtype.kind in "iufb":
        numpy_dtype = np.dtype(dtype.numpy_dtype)
        data = series.to_numpy(dtype=numpy_dtype, na_value=numpy_dtype.type(0))
        return GraphArray._of_numpy(np.ma.MaskedArray(data, mask=mask))
    if dtype.kind in "iufb":
        return GraphArray._of_numpy(series.to_numpy())
    values = [None if m else v for v, m in zip(series.tolist(), mask.tolist())]
    return GraphArray._of_values(values)
