"""Conversions between Python values and the C ABI's keys, attribute values and key lists.

Only conversion lives here; every loop over the graph's nodes or edges runs in Rust.
"""

from __future__ import annotations

import itertools
import numbers
import threading

from ._native import NULL, ffi, lib
from ._optional import imported

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

# Kind bytes of a key list (bound once: the loops below read them per key).
_KEY_INT, _KEY_STR = lib.GR_KEY_INT, lib.GR_KEY_STR


class _Scratch(threading.local):
    """Per-thread output buffers, so a call does not allocate them (and threads never
    share them)."""

    def __init__(self):
        self.found = ffi.new("bool *")
        self.size = ffi.new("size_t *")
        self.size2 = ffi.new("size_t *")
        self.value = ffi.new("gr_attr_value *")
        self.keys = ffi.new("gr_keys **")
        self.keys2 = ffi.new("gr_keys **")
        self.map = ffi.new("gr_attr_map **")
        self.strings = ffi.new("gr_string_list **")
        self.graph = ffi.new("gr_graph **")
        self.array = ffi.new("gr_array **")
        self.ints = ffi.new("const int64_t **")
        self.kinds = ffi.new("const uint8_t **")
        self.str_data = ffi.new("const uint8_t **")
        self.str_offsets = ffi.new("const size_t **")
        self.bufs = ffi.new("const gr_buf **")
        self.values = ffi.new("const gr_attr_value **")
        self.kind = ffi.new("gr_attr_tag *")
        self.data = ffi.new("const void **")


scratch = _Scratch()


# ----- keys -------------------------------------------------------------------------------


class UnencodableKeyError(ValueError):
    """A str key that cannot be UTF-8 (it holds a lone surrogate): no graph can hold it."""


def _unencodable(key: str) -> str:
    return f"node key {key!r} is not valid text (it holds a lone surrogate)"


def _odd_key(key):
    """Normalises a key that is not exactly ``int`` or ``str``."""
    if isinstance(key, bool):
        raise TypeError(f"node keys must be int or str, not bool ({key!r})")
    if isinstance(key, str):
        return str(key)
    if isinstance(key, numbers.Integral):
        value = int(key)
        if not INT64_MIN <= value <= INT64_MAX:
            raise OverflowError(f"node key {value} does not fit in int64")
        return value
    raise TypeError(f"node keys must be int or str, not {type(key).__name__} ({key!r})")


def normalize_key(key):
    """The key as a plain ``int`` or ``str``; ``TypeError`` or ``OverflowError`` otherwise."""
    t = type(key)
    if t is int:
        if not INT64_MIN <= key <= INT64_MAX:
            raise OverflowError(f"node key {key} does not fit in int64")
        return key
    if t is str:
        return key
    return _odd_key(key)


def key_args(key, op: str = "graph"):
    """``(key_int, key_str, key_len)`` for the C ABI: key_str is NULL for an int key.
    Errors name the operation ``op`` and the offending key."""
    t = type(key)
    if t is int:
        if INT64_MIN <= key <= INT64_MAX:
            return key, NULL, 0
        raise OverflowError(f"{op}: node key {key} does not fit in int64")
    if t is str:
        try:
            b = key.encode("utf-8")
        except UnicodeEncodeError:
            raise UnencodableKeyError(f"{op}: {_unencodable(key)}") from None
        return 0, b, len(b)
    try:
        key = _odd_key(key)
    except (TypeError, OverflowError) as err:
        raise type(err)(f"{op}: {err}") from None
    return key_args(key, op)


class KeyArray:
    """A list of keys laid out as the C ABI's key arrays. ``args`` is the 5-tuple
    ``(kinds, ints, str_data, str_data_len, str_offsets)``; keep the object alive until the
    call returns. A bad key's error names the operation ``op``, and when the keys are a
    column of a table (``column`` says which, e.g. ``"column 'source'"``), its row."""

    __slots__ = ("_keep", "args", "n")

    def __init__(self, keys, op: str, column: str | None = None):
        ints: list = []
        try:
            self._lay_out(keys, ints)
        except (TypeError, OverflowError, UnencodableKeyError) as err:
            if column is None:
                raise type(err)(f"{op}: {err}") from None
            raise _bad_key_in_column(err, keys, len(ints), op, column) from None

    def _lay_out(self, keys, ints: list) -> None:
        kinds = bytearray()
        chunks = []
        offsets = [0]
        pos = 0
        has_str = False
        for key in keys:
            t = type(key)
            if t is not int and t is not str:
                key = _odd_key(key)
                t = type(key)
            if t is int:
                if not INT64_MIN <= key <= INT64_MAX:
                    raise OverflowError(f"node key {key} does not fit in int64")
                ints.append(key)
                kinds.append(_KEY_INT)
            else:
                try:
                    b = key.encode("utf-8")
                except UnicodeEncodeError:
                    raise UnencodableKeyError(_unencodable(key)) from None
                ints.append(0)
                kinds.append(_KEY_STR)
                chunks.append(b)
                pos += len(b)
                has_str = True
            offsets.append(pos)
        self.n = len(ints)
        c_ints = ffi.new("int64_t[]", ints) if ints else NULL
        if not has_str:
            self._keep = (c_ints,)
            self.args = (NULL, c_ints, NULL, 0, NULL)
            return
        data = b"".join(chunks)
        c_kinds = ffi.from_buffer("uint8_t[]", kinds)
        c_data = ffi.from_buffer("uint8_t[]", data) if data else NULL
        c_offsets = ffi.new("size_t[]", offsets)
        self._keep = (c_ints, kinds, c_kinds, data, c_data, c_offsets)
        self.args = (c_kinds, c_ints, c_data, len(data), c_offsets)


def _bad_key_in_column(err, keys, row: int, op: str, column: str) -> Exception:
    """The error for the bad key at ``row`` of a column of keys, naming the row. A missing
    value (NaN, None) turns a pandas column of int keys into floats: when the bad key is
    such a float and the column holds a missing value, the first missing value is the
    cause, and the error names it."""
    key = keys[row]
    if type(key) is float and key.is_integer():
        for i, other in enumerate(keys):
            if _is_missing(other):
                row, err = i, TypeError(f"node keys must be int or str, not {_kind(other)}")
                break
    return type(err)(f"{op}: row {row} of {column}: {err}")


def _is_missing(value) -> bool:
    """None, NaN (float or numpy) or pandas' NA / NaT."""
    if value is None:
        return True
    try:
        return bool(value != value) or type(value).__name__ in ("NAType", "NaTType")
    except (TypeError, ValueError):  # pandas' NA refuses bool(); an array refuses too
        return type(value).__name__ in ("NAType", "NaTType")


def _kind(value) -> str:
    return f"{type_name(value)} ({value!r})"


def take_keys(handle) -> list:
    """The keys of a ``gr_keys`` handle as a list; frees the handle."""
    try:
        return read_keys(handle)
    finally:
        lib.gr_keys_free(handle)


def read_keys(handle) -> list:
    """The keys of a ``gr_keys`` handle as a list."""
    s = scratch
    lib.gr_keys_view(handle, s.size, s.ints, s.kinds, s.str_data, s.str_offsets)
    n = s.size[0]
    if n == 0:
        return []
    ints = ffi.unpack(s.ints[0], n)
    if s.kinds[0] == NULL:
        return ints
    kinds = ffi.unpack(s.kinds[0], n)
    offsets = ffi.unpack(s.str_offsets[0], n + 1)
    data = ffi.buffer(s.str_data[0], offsets[-1])[:] if offsets[-1] else b""
    return [
        ints[i] if kinds[i] == _KEY_INT else data[offsets[i] : offsets[i + 1]].decode("utf-8")
        for i in range(n)
    ]


# ----- attribute values ---------------------------------------------------------------------

_NUMPY_INT_TAGS = {
    "int8": lib.GR_ATTR_INT8,
    "int16": lib.GR_ATTR_INT16,
    "int32": lib.GR_ATTR_INT32,
    "int64": lib.GR_ATTR_INT64,
    # unsigned kinds widen exactly to the next signed width
    "uint8": lib.GR_ATTR_INT16,
    "uint16": lib.GR_ATTR_INT32,
    "uint32": lib.GR_ATTR_INT64,
    "uint64": lib.GR_ATTR_INT64,
}
_TAG_FIELD = {
    lib.GR_ATTR_INT8: "i8",
    lib.GR_ATTR_INT16: "i16",
    lib.GR_ATTR_INT32: "i32",
    lib.GR_ATTR_INT64: "i64",
}


def _fill_buffer(cval, tag, data: bytes, keep: list) -> None:
    cval.tag = tag
    cval.data.buf.len = len(data)
    if data:
        cbuf = ffi.from_buffer("uint8_t[]", data)
        keep.append(cbuf)
        cval.data.buf.ptr = cbuf
    else:
        cval.data.buf.ptr = NULL


def _fill_numpy(cval, value) -> bool:
    """Fills a numpy scalar; False when ``value`` is not one groggy knows (arrays included)."""
    np = imported("numpy")  # a numpy value implies numpy is imported already
    if np is None or not isinstance(value, np.generic):
        return False
    name = value.dtype.name
    if name == "bool":
        cval.tag = lib.GR_ATTR_BOOL
        cval.data.b = bool(value)
    elif name in _NUMPY_INT_TAGS:
        number = int(value)
        if name == "uint64" and number > INT64_MAX:
            raise OverflowError(f"uint64 value {number} does not fit in int64")
        cval.tag = _NUMPY_INT_TAGS[name]
        setattr(cval.data, _TAG_FIELD[cval.tag], number)
    elif name in ("float16", "float32"):
        cval.tag = lib.GR_ATTR_FLOAT32
        cval.data.f32 = float(value)
    elif name == "float64":
        cval.tag = lib.GR_ATTR_FLOAT64
        cval.data.f64 = float(value)
    else:
        return False
    return True


SUPPORTED_VALUES = "None, bool, int, float, str, bytes, numpy scalars of those kinds"


def type_name(value) -> str:
    """The type of ``value`` as a user would write it: ``int``, ``datetime.date``,
    ``numpy.ndarray``, ``pandas.Timestamp`` (the module up to its first private part)."""
    t = type(value)
    module = t.__module__
    if module == "builtins":
        return t.__qualname__
    parts = module.split(".")
    public = [parts[0], *itertools.takewhile(lambda p: not p.startswith("_"), parts[1:])]
    return f"{'.'.join(public)}.{t.__qualname__}"


def in_context(err: Exception, op, *places: str) -> Exception:
    """A conversion error (``TypeError`` or ``OverflowError``) as the same kind of error
    naming the operation and where the value was: ``"add_node: attribute 'when': ..."``.
    Built only once an error was raised, so the paths that succeed pay nothing for it;
    ``op`` may be a callable that gives the name, for names that take work to make."""
    where = f"{', '.join(places)}: " if places else ""
    return type(err)(f"{op() if callable(op) else op}: {where}{err}")


def fill_value(cval, value, keep: list) -> None:
    """Writes ``value`` into the ``gr_attr_value`` ``cval``. Buffers the value points to
    are appended to ``keep``, which must outlive the C call. An unsupported value is a
    ``TypeError`` and an int beyond int64 an ``OverflowError``; the callers name where."""
    t = type(value)
    if value is None:
        cval.tag = lib.GR_ATTR_NULL
    elif t is bool:
        cval.tag = lib.GR_ATTR_BOOL
        cval.data.b = value
    elif t is int:
        if not INT64_MIN <= value <= INT64_MAX:
            raise OverflowError(f"int value {value} does not fit in int64")
        cval.tag = lib.GR_ATTR_INT64
        cval.data.i64 = value
    elif t is float:
        cval.tag = lib.GR_ATTR_FLOAT64
        cval.data.f64 = value
    elif t is str:
        _fill_buffer(cval, lib.GR_ATTR_STRING, value.encode("utf-8"), keep)
    elif t is bytes:
        _fill_buffer(cval, lib.GR_ATTR_BYTES, value, keep)
    elif _fill_numpy(cval, value):
        pass
    elif isinstance(value, (bytes, bytearray, memoryview)):
        _fill_buffer(cval, lib.GR_ATTR_BYTES, bytes(value), keep)
    elif isinstance(value, bool):
        fill_value(cval, bool(value), keep)
    elif isinstance(value, str):
        fill_value(cval, str(value), keep)
    elif isinstance(value, int):
        fill_value(cval, int(value), keep)
    elif isinstance(value, float):
        fill_value(cval, float(value), keep)
    else:
        raise TypeError(
            f"Cannot convert {type_name(value)} to AttrValue (supported: {SUPPORTED_VALUES})"
        )


# Tags bound once: reading `lib.GR_ATTR_*` costs a lookup per use.
_NULL, _BOOL, _I8, _I16, _I32, _I64, _F32, _F64, _STR, _BYTES = (
    lib.GR_ATTR_NULL,
    lib.GR_ATTR_BOOL,
    lib.GR_ATTR_INT8,
    lib.GR_ATTR_INT16,
    lib.GR_ATTR_INT32,
    lib.GR_ATTR_INT64,
    lib.GR_ATTR_FLOAT32,
    lib.GR_ATTR_FLOAT64,
    lib.GR_ATTR_STRING,
    lib.GR_ATTR_BYTES,
)


def read_value(cval):
    """The Python value of a ``gr_attr_value``."""
    tag = cval.tag
    if tag == _I64:
        return cval.data.i64
    if tag == _F64:
        return cval.data.f64
    if tag == _STR:
        buf = cval.data.buf
        return ffi.buffer(buf.ptr, buf.len)[:].decode("utf-8") if buf.len else ""
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return bool(cval.data.b)
    if tag == _BYTES:
        buf = cval.data.buf
        return ffi.buffer(buf.ptr, buf.len)[:] if buf.len else b""
    if tag == _F32:
        return cval.data.f32
    if tag == _I32:
        return cval.data.i32
    if tag == _I16:
        return cval.data.i16
    if tag == _I8:
        return cval.data.i8
    raise ValueError(f"unknown attribute tag {tag}")


def take_owned_value(cval):
    """Reads a value the library wrote out as owned, then releases its buffer."""
    tag = cval.tag
    if tag != _STR and tag != _BYTES:
        return read_value(cval)
    try:
        return read_value(cval)
    finally:
        lib.gr_attr_value_release(cval)


def attr_list(attrs: dict, op: str):
    """``(names, values, n, keep)`` for a call taking one item's attributes; a value that
    cannot be converted is an error naming the operation ``op`` and the attribute."""
    n = len(attrs)
    if n == 0:
        return NULL, NULL, 0, None
    names = ffi.new("gr_buf[]", n)
    values = ffi.new("gr_attr_value[]", n)
    keep = [names, values]
    for i, (name, value) in enumerate(attrs.items()):
        fill_name(names[i], name, keep)
        try:
            fill_value(values[i], value, keep)
        except (TypeError, OverflowError) as err:
            raise in_context(err, op, f"attribute {name!r}") from None
    return names, values, n, keep


def fill_name(cbuf, name, keep: list) -> None:
    if type(name) is not str:
        if not isinstance(name, str):
            raise TypeError(f"attribute names must be str, not {type(name).__name__}")
        name = str(name)
    data = name.encode("utf-8")
    cbuf.len = len(data)
    if data:
        c = ffi.from_buffer("uint8_t[]", data)
        keep.append(c)
        cbuf.ptr = c
    else:
        cbuf.ptr = NULL


class SparseAttrs:
    """The attributes of a batch in the ABI's sparse form. ``args`` is the 6-tuple
    ``(names, n_names, entry_items, entry_names, entry_values, n_entries)``."""

    __slots__ = ("_keep", "args")

    def __init__(self, per_item, op: str, what):
        """``per_item``: an iterable of ``(item_index, attrs_dict)``. A value that cannot be
        converted is an error naming the operation ``op``, the item (``what(item_index)``,
        e.g. ``"node 3"``) and the attribute."""
        name_ids: dict = {}
        items = []
        ids = []
        values = []
        for item, attrs in per_item:
            for name, value in attrs.items():
                if name not in name_ids:
                    name_ids[name] = len(name_ids)
                items.append(item)
                ids.append(name_ids[name])
                values.append(value)
        keep: list = []
        if not values:
            self._keep = keep
            self.args = (NULL, 0, NULL, NULL, NULL, 0)
            return
        c_names = ffi.new("gr_buf[]", len(name_ids))
        for name, i in name_ids.items():
            fill_name(c_names[i], name, keep)
        c_values = ffi.new("gr_attr_value[]", len(values))
        j = 0
        try:
            for j, value in enumerate(values):
                fill_value(c_values[j], value, keep)
        except (TypeError, OverflowError) as err:
            name = next(n for n, i in name_ids.items() if i == ids[j])
            raise in_context(err, op, what(items[j]), f"attribute {name!r}") from None
        c_items = ffi.new("uint32_t[]", items)
        c_ids = ffi.new("uint32_t[]", ids)
        keep += [c_names, c_values, c_items, c_ids]
        self._keep = keep
        self.args = (c_names, len(name_ids), c_items, c_ids, c_values, len(values))


def read_attr_map(handle) -> dict:
    """The entries of a ``gr_attr_map`` handle as a dict (the handle stays the caller's)."""
    s = scratch
    lib.gr_attr_map_entries(handle, s.size, s.bufs, s.values)
    n = s.size[0]
    names, values = s.bufs[0], s.values[0]
    return {
        (ffi.buffer(names[i].ptr, names[i].len)[:].decode("utf-8") if names[i].len else ""): (
            read_value(values[i])
        )
        for i in range(n)
    }


def take_attr_map(handle) -> dict:
    """The entries of a ``gr_attr_map`` handle as a dict; frees the handle."""
    try:
        return read_attr_map(handle)
    finally:
        lib.gr_attr_map_free(handle)


def key_from_args(key_int, key_str, key_len):
    """A key passed by the library as ``(int, str pointer, length)``."""
    if key_str == NULL:
        return key_int
    return ffi.buffer(key_str, key_len)[:].decode("utf-8") if key_len else ""


def take_strings(handle) -> list:
    """The strings of a ``gr_string_list`` handle; frees the handle."""
    try:
        s = scratch
        lib.gr_string_list_entries(handle, s.size, s.bufs)
        items = s.bufs[0]
        return [
            ffi.buffer(items[i].ptr, items[i].len)[:].decode("utf-8") if items[i].len else ""
            for i in range(s.size[0])
        ]
    finally:
        lib.gr_string_list_free(handle)


def attribute_dicts(count: int, names: list, values_of, presence_of) -> list:
    """One dict per entity from whole columns, holding only the attributes it has."""
    dicts = [{} for _ in range(count)]
    for name in names:
        values = values_of(name).to_list()
        for d, value, present in zip(dicts, values, presence_of(name)):
            if present:
                d[name] = value
    return dicts
