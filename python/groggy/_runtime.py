"""Running engine calls: long ones on a worker thread, so that Ctrl-C reaches the caller at
once, with every error (the engine's, or Python's while making the call) reaching the caller
unchanged, and no worker ever left running behind a returned call."""

from __future__ import annotations

import threading

from ._errors import check, error_from_status
from ._native import NULL, ffi, lib

#: How often the waiting thread wakes up to let signals in (seconds).
_POLL = 0.05


class CancelToken:
    """A ``gr_cancel`` handle: ``trigger()`` stops the calls running with it."""

    __slots__ = ("_handle",)

    def __init__(self):
        out = ffi.new("gr_cancel **")
        check(lib.gr_cancel_new(out))
        self._handle = ffi.gc(out[0], lib.gr_cancel_free)

    def trigger(self) -> None:
        lib.gr_cancel_trigger(self._handle)


def run_here(call, token: CancelToken | None = None) -> int:
    """Runs ``call(cancel)`` on this thread and returns its status (``token`` may stop it)."""
    return call(NULL if token is None else token._handle)


def run_interruptible(call, name: str) -> None:
    """Runs ``call(cancel)`` (which returns a status) on a worker thread named ``name`` while
    this thread waits. On Ctrl-C (or any exception) while waiting, the call is cancelled and
    this returns only after the worker has stopped, then re-raises. Raises what the worker
    raised, or the error of a failed status, built on the worker's thread (the engine's
    message is thread-local). Outputs of the call are only to be read when this returns."""
    token = CancelToken()
    outcome: dict = {}
    # Waited on instead of Thread.join: a join cut short by Ctrl-C can mark the thread as
    # stopped while it still runs, and a later join then returns at once.
    done = threading.Event()

    def work():
        try:
            status = call(token._handle)
            if status:
                outcome["error"] = error_from_status(status)
        except BaseException as err:  # re-raised on the calling thread
            outcome["error"] = err
        finally:
            done.set()

    worker = threading.Thread(target=work, name=name, daemon=True)
    worker.start()
    try:
        while not done.wait(_POLL):
            pass
    except BaseException:
        token.trigger()
        _wait_despite_interrupts(done)
        raise
    error = outcome.get("error")
    if error is not None:
        try:
            raise error
        finally:
            error = None  # no reference cycle through the traceback


def _wait_despite_interrupts(done: threading.Event) -> None:
    """Waits for a cancelled call to end; a second Ctrl-C does not cut the wait short (the
    call stops within milliseconds once cancelled)."""
    while True:
        try:
            done.wait()
            return
        except KeyboardInterrupt:
            continue
