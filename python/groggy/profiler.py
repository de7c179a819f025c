"""``Profiler``: times one Python-level operation."""

from __future__ import annotations

import time


class Profiler:
    """``Profiler().profile_operation(fn)`` runs ``fn()`` and returns
    ``{"duration_ms": ..., "result": ...}``."""

    def profile_operation(self, fn, *args, **kwargs) -> dict:
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        return {"duration_ms": (time.perf_counter() - start) * 1e3, "result": result}
