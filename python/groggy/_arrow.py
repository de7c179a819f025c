"""The Arrow PyCapsule interface: a GraphArray handed to pyarrow, polars, DuckDB (any
reader of ``__arrow_c_array__``) as the standard C structs ``gr_array_export_arrow``
fills, in the capsules the interface names (``"arrow_schema"``, ``"arrow_array"``).

Each struct lives in memory the capsule owns; a reader that takes the data moves the
struct out (its ``release`` becomes NULL), and the capsule's destructor releases what was
not taken, then frees the struct. Numeric values are never copied: the exported struct
keeps the engine's array alive until the reader releases it. No Arrow library is needed
to make the capsules.
"""

from __future__ import annotations

import ctypes
from typing import Any

from ._errors import check
from ._native import ffi, lib

_SCHEMA = b"arrow_schema"
_ARRAY = b"arrow_array"

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


def _struct(kind: str) -> tuple[Any, int]:
    """Zeroed memory for one struct (``release`` NULL), owned by no Python object."""
    size = ffi.sizeof(f"struct {kind}")
    address = _api.PyMem_RawMalloc(size)
    if not address:
        raise MemoryError(f"no memory for a struct {kind}")
    ctypes.memset(address, 0, size)
    return ffi.cast(f"struct {kind} *", address), address


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
    schema_capsule = _api.PyCapsule_New(
        schema_address, _SCHEMA, ctypes.cast(_DESTROY_SCHEMA, ctypes.c_void_p)
    )
    array_capsule = _api.PyCapsule_New(
        array_address, _ARRAY, ctypes.cast(_DESTROY_ARRAY, ctypes.c_void_p)
    )
    return schema_capsule, array_capsule
