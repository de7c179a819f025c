"""``NativeHandle``: the base of the objects that own one native handle (``Graph``,
``GraphArray``, ``NodeMap``, ``MemoryPool``, the cancel token). The handle is registered
with ``ffi.gc`` as soon as it is taken, so the library frees it exactly once, when the
object goes, whatever raises in between."""

from __future__ import annotations

from typing import Any, Callable, ClassVar, TypeVar

from ._native import ffi

_T = TypeVar("_T", bound="NativeHandle")


class NativeHandle:
    """Owns ``_handle``, a native handle freed by the class's ``_free`` (the library's
    ``gr_*_free`` for that handle type) when the object is collected. Subclasses pass
    ``_handle`` to the library's calls; the object itself never hands it out."""

    __slots__ = ("_handle",)

    #: The library function that frees this class's handles (set by each subclass).
    _free: ClassVar[Callable[[Any], None]]

    def _own(self, handle: Any) -> None:
        """Takes over a handle the library just made: from now on it is freed with this
        object. Called once, before anything else can fail."""
        self._handle = ffi.gc(handle, type(self)._free)

    @classmethod
    def _adopt(cls: type[_T], handle: Any) -> _T:
        """A new object owning ``handle``, made without running ``__init__`` (for handles
        the library made as a result rather than through the class's constructor)."""
        self = object.__new__(cls)
        self._own(handle)
        return self
