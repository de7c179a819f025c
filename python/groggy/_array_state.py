"""A GraphArray's values as plain Python data and back: what pickling ships and what a
selection (``a[mask]``, ``a[[i, j]]``) of strings, bytes and mixed values is rebuilt from.
Every kind comes back as it was: ``int8`` stays ``int8``, a mixed array stays mixed with
each value's own kind, nulls stay in place. Nothing here needs numpy."""

from __future__ import annotations

import sys

from ._convert import fill_value, scratch, take_owned_value
from ._errors import check
from ._native import NULL, ffi, lib

KIND_NAMES = {
    lib.GR_ATTR_NULL: "null",
    lib.GR_ATTR_BOOL: "bool",
    lib.GR_ATTR_INT8: "int8",
    lib.GR_ATTR_INT16: "int16",
    lib.GR_ATTR_INT32: "int32",
    lib.GR_ATTR_INT64: "int64",
    lib.GR_ATTR_FLOAT32: "float32",
    lib.GR_ATTR_FLOAT64: "float64",
    lib.GR_ATTR_STRING: "str",
    lib.GR_ATTR_BYTES: "bytes",
    lib.GR_ATTR_MIXED: "mixed",
}
TAG_BY_NAME = {name: tag for tag, name in KIND_NAMES.items()}

# Fixed-width kinds: (C type, numpy dtype name, item size).
FIXED = {
    lib.GR_ATTR_BOOL: ("bool", "bool", 1),
    lib.GR_ATTR_INT8: ("int8_t", "int8", 1),
    lib.GR_ATTR_INT16: ("int16_t", "int16", 2),
    lib.GR_ATTR_INT32: ("int32_t", "int32", 4),
    lib.GR_ATTR_INT64: ("int64_t", "int64", 8),
    lib.GR_ATTR_FLOAT32: ("float", "float32", 4),
    lib.GR_ATTR_FLOAT64: ("double", "float64", 8),
}

# The field of `gr_attr_data` a narrow kind lives in: a mixed array's values keep their kind.
_NARROW_FIELD = {
    lib.GR_ATTR_INT8: "i8",
    lib.GR_ATTR_INT16: "i16",
    lib.GR_ATTR_INT32: "i32",
    lib.GR_ATTR_FLOAT32: "f32",
}
_BUFFER_TYPES = {lib.GR_ATTR_STRING: str, lib.GR_ATTR_BYTES: bytes}


def state(array) -> tuple:
    """``(dtype name, length, payload, validity, byte order)`` of a GraphArray: the raw
    values as bytes for fixed-width kinds (validity: one byte per value, or None), the
    values (None for nulls) for strings and bytes, ``(tag, value)`` pairs for mixed."""
    kind, n = array._kind, array._len
    valid = None
    if kind in FIXED:
        payload = ffi.buffer(array._data, n * FIXED[kind][2])[:] if n else b""
        if array._null_count:
            valid = ffi.buffer(array._valid, n)[:]
    elif kind in _BUFFER_TYPES:
        payload = array.to_list()
    elif kind == lib.GR_ATTR_MIXED:
        payload = tagged_values(array)
    else:
        payload = None
    return KIND_NAMES[kind], n, payload, valid, sys.byteorder


def tagged_values(array, positions=None) -> list:
    """A mixed array's values (those at ``positions``, else all) as ``(tag, value)``
    pairs: the tag keeps ``int8`` ... ``float32`` values apart from the ``int``/``float``
    they read back as."""
    value = scratch.value
    out = []
    for i in range(array._len) if positions is None else positions:
        check(lib.gr_array_get(array._handle, i, value))
        tag = value.tag
        out.append((tag, take_owned_value(value)))
    return out


def array_from_state(dtype, n, payload, valid, byteorder):
    """A fresh ``gr_array`` handle from what ``state`` gave. Data that does not fit the
    dtype (a damaged or forged pickle) raises ``ValueError`` before the engine reads it."""
    tag = TAG_BY_NAME.get(dtype) if isinstance(dtype, str) else None
    if tag is None:
        raise ValueError(f"GraphArray pickle: unknown dtype {dtype!r}")
    if type(n) is not int or n < 0:
        raise ValueError(f"GraphArray pickle: bad length {n!r}")
    if tag in FIXED:
        return _fixed_from_state(tag, n, payload, valid, byteorder)
    if valid is not None:
        raise ValueError(f"GraphArray pickle: a {dtype} array carries its nulls as None")
    if tag == lib.GR_ATTR_NULL:
        if payload is not None:
            raise ValueError("GraphArray pickle: a null array has no values")
        return _new(lib.GR_ATTR_NULL, NULL, NULL, n)
    if not isinstance(payload, list) or len(payload) != n:
        raise ValueError(f"GraphArray pickle: expected {n} {dtype} values")
    if tag == lib.GR_ATTR_MIXED:
        return mixed_array(payload)
    return buffer_array(tag, payload)


def _fixed_from_state(tag, n, payload, valid, byteorder):
    size = FIXED[tag][2]
    if not isinstance(payload, bytes) or len(payload) != n * size:
        raise ValueError(f"GraphArray pickle: expected {n * size} bytes of {KIND_NAMES[tag]}")
    if valid is not None and (not isinstance(valid, bytes) or len(valid) != n):
        raise ValueError(f"GraphArray pickle: expected {n} validity bytes")
    if byteorder not in ("little", "big"):
        raise ValueError(f"GraphArray pickle: unknown byte order {byteorder!r}")
    if byteorder != sys.byteorder:
        payload = swap_bytes(payload, size)
    data = ffi.from_buffer("uint8_t[]", payload) if n else NULL
    cvalid = ffi.from_buffer("uint8_t[]", valid) if valid is not None and n else NULL
    return _new(tag, data, cvalid, n)


def swap_bytes(data: bytes, size: int) -> bytes:
    """Values of ``size`` bytes each, in the other byte order."""
    if size == 1:
        return data
    out = bytearray(len(data))
    for k in range(size):
        out[k::size] = data[size - 1 - k :: size]
    return bytes(out)


def buffer_array(tag, values: list):
    """A string or bytes array (``None`` for nulls) built with that kind even when empty
    or all null, as a slice of such an array is."""
    n = len(values)
    expected = _BUFFER_TYPES[tag]
    bufs = ffi.new("gr_buf[]", n) if n else NULL
    valid = bytearray(n)
    keep = []
    for i, value in enumerate(values):
        if value is None:
            continue
        if type(value) is not expected:
            raise ValueError(
                f"GraphArray pickle: a {KIND_NAMES[tag]} array holds {type(value).__name__}"
            )
        data = value.encode("utf-8") if expected is str else value
        if data:
            cdata = ffi.from_buffer("uint8_t[]", data)
            keep.append(cdata)
            bufs[i].ptr = cdata
            bufs[i].len = len(data)
        valid[i] = 1
    cvalid = ffi.from_buffer("uint8_t[]", valid) if n and not all(valid) else NULL
    return _new(tag, bufs, cvalid, n)


def mixed_array(pairs: list):
    """A ``"mixed"`` array of ``(tag, value)`` pairs, each value keeping its kind. The
    engine types an array whose values share one kind, so such values get a value of
    two values of two kinds appended and sliced off again: a slice of a mixed array
    stays mixed. All nulls make a null array, as slicing them out of a mixed array does."""
    n = len(pairs)
    if not all(isinstance(item, tuple) and len(item) == 2 for item in pairs):
        raise ValueError("GraphArray pickle: mixed values come as (tag, value) pairs")
    if n and all(tag == lib.GR_ATTR_NULL for tag, _ in pairs):
        return _new(lib.GR_ATTR_NULL, NULL, NULL, n)
    values = ffi.new("gr_attr_value[]", n + 2)
    keep: list = []
    for i, (tag, value) in enumerate(pairs):
        _fill_tagged(values[i], tag, value, keep)
    fill_value(values[n], 0, keep)
    fill_value(values[n + 1], "", keep)
    whole = ffi.gc(_new(lib.GR_ATTR_MIXED, values, NULL, n + 2), lib.gr_array_free)
    out = scratch.array
    check(lib.gr_array_slice(whole, 0, n, 1, out))
    return out[0]


def _fill_tagged(cval, tag, value, keep: list) -> None:
    field = _NARROW_FIELD.get(tag)
    try:
        if field is None:
            fill_value(cval, value, keep)
            if cval.tag == tag:
                return
        elif type(value) is (float if field == "f32" else int):
            cval.tag = tag
            setattr(cval.data, field, value)  # cffi: OverflowError when it does not fit
            return
    except (TypeError, OverflowError):
        pass
    raise ValueError(f"GraphArray pickle: value {value!r} does not match its kind tag {tag!r}")


def _new(tag, data, valid, n):
    out = scratch.array
    check(lib.gr_array_new(tag, data, valid, n, out))
    return out[0]
