"""``Profiler``: times one Python-level operation."""

from __future__ import annotations

import time
from typing import Any, Callable


class Profiler:
    """``Profiler().profile_operation(fn)`` runs ``fn()`` and returns
    ``{"duration_ms": ..., "result": ...}``."""

    def profile_operation(
        self, fn: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> dict[str, Any]:
        """Runs ``fn(*args, **kwargs)`` and returns ``{"duration_ms": float, "result": ...}``
        (wall-clock time; an exception from ``fn`` propagates unchanged)."""
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        return {"duration_ms": (time.perf_counter() - start) * 1e3, "result": result}
