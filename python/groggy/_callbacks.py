"""``StoredError``: an exception carried out of a place that cannot raise it (a cffi
callback, where cffi would only print it; a worker thread) to the caller, who raises the
same object."""

from __future__ import annotations

from typing import Any, Callable

from ._native import lib


class StoredError:
    """The first exception ``keep`` was given, until ``reraise`` raises it. ``guard`` turns
    a Python function into the body of a C callback that reports failure with a status."""

    __slots__ = ("error",)

    def __init__(self) -> None:
        self.error: BaseException | None = None

    def keep(self, error: BaseException) -> None:
        """Stores ``error`` unless one is stored already: the first one is what stopped
        the call."""
        if self.error is None:
            self.error = error

    def guard(self, function: Callable[..., object]) -> Callable[..., int]:
        """``function`` as a C callback: it returns ``GR_STATUS_OK``, or, when
        ``function`` raises (``KeyboardInterrupt`` included), keeps the exception and
        returns ``GR_STATUS_CALLBACK``, which stops the engine's call."""
        ok: int = lib.GR_STATUS_OK
        failed: int = lib.GR_STATUS_CALLBACK

        def callback(*args: Any) -> int:
            try:
                function(*args)
            except BaseException as err:  # re-raised by the caller after the C call
                self.keep(err)
                return failed
            return ok

        return callback

    def reraise(self) -> None:
        """Raises the stored exception (the very object), if there is one, and forgets it.
        Called outside any ``except`` block, so the exception keeps its own context and
        cause."""
        error, self.error = self.error, None
        if error is not None:
            try:
                raise error
            finally:
                error = None  # no reference cycle through the traceback
