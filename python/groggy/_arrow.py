"""The Arrow PyCapsule interface: arrays and tables handed to pyarrow, polars, DuckDB (any
reader of ``__arrow_c_array__`` or ``__arrow_c_stream__``) as the standard C structs the
library fills, in the capsules the interface names (``"arrow_schema"``, ``"arrow_array"``,
``"arrow_array_stream"``), and the structs inside other libraries' capsules handed to the
library's readers.

Each struct lives in memory the capsule owns; a reader that takes the data moves the
struct out (its ``release`` becomes NULL), and the capsule's destructor releases what was
not taken, then frees the struct. Numeric values are never copied: the exported struct
keeps the engine's array alive until the reader releases it. No Arrow library is needed
to make the capsules.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

from ._errors import check
from ._native import NULL, ffi, lib

_SCHEMA = b"arrow_schema"
_ARRAY = b"arrow_array"
_STREAM = b"arrow_array_stream"

_api = ctypes.pythonapi
_api.PyCapsule_New.restype = ctypes.py_object
_api.PyCapsule_New.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]
# The destructor receives the capsule while it is being freed: read it as a plain pointer
# (a Python object made of it would revive it).
_get_pointer = ctypes.PYFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p)(
    ("PyCapsule_GetPointer", _api)
)
_api.PyMem_RawMalloc.restype = ctypes.c_void_p
_api.PyMem_RawMalloc.argtypes = [ctypes.c_size_t]
_api.PyMem_RawFree.argtypes = [ctypes.c_void_p]

# Another library's capsule, read while it is alive.
_pointer_of = ctypes.PYFUNCTYPE(ctypes.c_void_p, ctypes.py_object, ctypes.c_char_p)(
    ("PyCapsule_GetPointer", _api)
)

_DESTRUCTOR = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


def _destructor(kind: str, name: bytes) -> Any:
    """A capsule destructor for a ``struct ArrowSchema`` or ``struct ArrowArray``."""

    def destroy(capsule: int) -> None:
        address = _get_pointer(capsule, name)
        if not address:
            return
        struct = ffi.cast(f"struct {kind} *", address)
        if struct.release != ffi.NULL:  # not moved out by a reader
            struct.release(struct)
        _api.PyMem_RawFree(address)

    return _DESTRUCTOR(destroy)


# Module-level: the destructors must outlive every capsule.
_DESTROY_SCHEMA = _destructor("ArrowSchema", _SCHEMA)
_DESTROY_ARRAY = _destructor("ArrowArray", _ARRAY)
_DESTROY_STREAM = _destructor("ArrowArrayStream", _STREAM)


def _struct(kind: str) -> tuple[Any, int]:
    """Zeroed memory for one struct (``release`` NULL), owned by no Python object."""
    size = ffi.sizeof(f"struct {kind}")
    address = _api.PyMem_RawMalloc(size)
    if not address:
        raise MemoryError(f"no memory for a struct {kind}")
    ctypes.memset(address, 0, size)
    return ffi.cast(f"struct {kind} *", address), address


def _capsule(address: int, name: bytes, destructor: Any) -> Any:
    return _api.PyCapsule_New(address, name, ctypes.cast(destructor, ctypes.c_void_p))


def array_capsules(handle: Any) -> tuple[Any, Any]:
    """The ``(schema, array)`` capsules of the ``gr_array`` ``handle``."""
    schema, schema_address = _struct("ArrowSchema")
    array, array_address = _struct("ArrowArray")
    try:
        check(lib.gr_array_export_arrow(handle, array, schema))
    except BaseException:
        _api.PyMem_RawFree(schema_address)
        _api.PyMem_RawFree(array_address)
        raise
    return (
        _capsule(schema_address, _SCHEMA, _DESTROY_SCHEMA),
        _capsule(array_address, _ARRAY, _DESTROY_ARRAY),
    )


def stream_capsule(fill: Callable[[Any], int]) -> Any:
    """The capsule of a ``struct ArrowArrayStream`` that ``fill(stream)`` fills (a C call
    returning a status)."""
    stream, address = _struct("ArrowArrayStream")
    try:
        check(fill(stream))
    except BaseException:
        _api.PyMem_RawFree(address)
        raise
    return _capsule(address, _STREAM, _DESTROY_STREAM)


class ArrowSource:
    """The C structs of an Arrow table or array another library hands out, for one call:
    ``stream`` (NULL when it is a single batch), else ``array`` with ``schema``. The
    capsules are kept, so the structs live (and are released) with this object."""

    __slots__ = ("_capsules", "array", "schema", "stream")

    def __init__(self, data: Any, what: str, *, table: bool = True) -> None:
        self.stream = self.array = self.schema = NULL
        if table and hasattr(data, "__arrow_c_stream__"):
            capsule = data.__arrow_c_stream__()
            self._capsules: tuple[Any, ...] = (capsule,)
            self.stream = ffi.cast("struct ArrowArrayStream *", _pointer_of(capsule, _STREAM))
        elif hasattr(data, "__arrow_c_array__"):
            schema_capsule, array_capsule = data.__arrow_c_array__()
            self._capsules = (schema_capsule, array_capsule)
            self.schema = ffi.cast("struct ArrowSchema *", _pointer_of(schema_capsule, _SCHEMA))
            self.array = ffi.cast("struct ArrowArray *", _pointer_of(array_capsule, _ARRAY))
        else:
            protocols = "__arrow_c_stream__ or __arrow_c_array__" if table else "__arrow_c_array__"
            raise TypeError(
                f"{what}: expected Arrow data (an object with {protocols}), "
                f"not {type(data).__name__}"
            )
