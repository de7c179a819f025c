"""``MemoryPool``: a memory budget graphs share."""

from __future__ import annotations

from ._args import int_arg
from ._errors import check
from ._handle import NativeHandle
from ._native import ffi, lib


class MemoryPool(NativeHandle):
    """A memory pool for ``Graph(pool=pool)``; several graphs may share one. With a
    ``limit_bytes``, an operation that could take the pool's graphs over it raises
    ``GroggyMemoryError`` and changes nothing."""

    __slots__ = {
        "limit_bytes": "The limit given to the constructor, in bytes (``None``: no limit).",
    }
    _free = lib.gr_pool_free

    def __init__(self, limit_bytes: int | None = None) -> None:
        if limit_bytes is not None:
            limit_bytes = int_arg(limit_bytes, "limit_bytes", "MemoryPool")
        out = ffi.new("gr_pool **")
        check(lib.gr_pool_new(-1 if limit_bytes is None else limit_bytes, out))
        self._own(out[0])
        self.limit_bytes = limit_bytes

    def stats(self) -> dict[str, int | None]:
        """``total_allocated`` (bytes allocated for the pool's graphs in all),
        ``peak_usage`` (the most held at once), ``pool_usage`` (held now) and ``limit``
        (``None`` when unlimited)."""
        total, peak, usage = (ffi.new("uint64_t *") for _ in range(3))
        limit = ffi.new("int64_t *")
        check(lib.gr_pool_stats(self._handle, total, peak, usage, limit))
        return {
            "total_allocated": total[0],
            "peak_usage": peak[0],
            "pool_usage": usage[0],
            "limit": None if limit[0] < 0 else limit[0],
        }

    def __repr__(self) -> str:
        s = self.stats()
        return f"<groggy.MemoryPool {s['pool_usage']} bytes used, limit {s['limit']}>"
