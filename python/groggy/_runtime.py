"""Running engine calls: long ones on a worker thread, so that Ctrl-C reaches the caller at
once, with every error (the engine's, or Python's while making the call) reaching the caller
unchanged, and no worker ever left running behind a returned call."""

from __future__ import annotations

import threading

from ._callbacks import StoredError
from ._errors import check, error_from_status
from ._handle import NativeHandle
from ._native import NULL, ffi, lib

#: How often the waiting thread wakes up to let signals in (seconds).
_POLL = 0.05

#: Calls expected to visit fewer nodes and edges than this run on the calling thread: a
#: pass of this size takes a few milliseconds, so Ctrl-C waits no longer than that, while a
#: worker thread costs about 0.2 ms to start and join, more than the quickest calls take.
RUN_HERE_BELOW = 1_000_000


class CancelToken(NativeHandle):
    """A ``gr_cancel`` handle: ``trigger()`` stops the calls running with it."""

    __slots__ = ()
    _free = lib.gr_cancel_free

    def __init__(self):
        out = ffi.new("gr_cancel **")
        check(lib.gr_cancel_new(out))
        self._own(out[0])

    def trigger(self) -> None:
        lib.gr_cancel_trigger(self._handle)


def run_here(call, token: CancelToken | None = None) -> int:
    """Runs ``call(cancel)`` on this thread and returns its status (``token`` may stop it)."""
    return call(NULL if token is None else token._handle)


def run_interruptible(call, name: str, discard=None) -> None:
    """Runs ``call(cancel)`` (which returns a status) on a worker thread named ``name`` while
    this thread waits. On Ctrl-C (or any exception) while waiting, the call is cancelled and
    this returns only after the worker has stopped, then re-raises; a second Ctrl-C while
    waiting gives up on a worker stuck in the operating system (a FIFO that nobody writes,
    say), which is left to finish on its own. Raises what the worker raised, or the error of
    a failed status, built on the worker's thread (the engine's message is thread-local).
    The call's outputs are only to be read when this returns; when it raises although the
    call succeeded, ``discard()`` (if given) releases them, exactly once."""
    token = CancelToken()
    # What the worker raised, or the error of its failed status.
    failure = StoredError()
    # Waited on instead of Thread.join: a join cut short by Ctrl-C can mark the thread as
    # stopped while it still runs, and a later join then returns at once.
    done = threading.Event()
    # Whether the caller gave up waiting; then the worker discards its own outputs.
    abandoned = [False]
    lock = threading.Lock()

    def work():
        try:
            status = call(token._handle)
            if status:
                failure.keep(error_from_status(status))
        except BaseException as err:  # re-raised on the calling thread
            failure.keep(err)
        finally:
            with lock:
                done.set()
                gave_up = abandoned[0]
            if gave_up and failure.error is None and discard is not None:
                discard()

    worker = threading.Thread(target=work, name=name, daemon=True)
    try:
        worker.start()  # inside: a Ctrl-C may land while start() waits for the thread
        while not done.wait(_POLL):
            pass
    except BaseException:
        if worker.ident is None:
            raise  # the thread never started
        token.trigger()
        _wait_despite_interrupts(done)
        with lock:
            finished = done.is_set()
            abandoned[0] = not finished
        if finished and failure.error is None and discard is not None:
            discard()
        raise
    failure.reraise()


def _wait_despite_interrupts(done: threading.Event) -> None:
    """Waits for a cancelled call to end (it stops within milliseconds once cancelled); a
    second Ctrl-C ends the wait."""
    try:
        while not done.wait(_POLL):  # polled: a signal then needs no syscall to interrupt
            pass
    except KeyboardInterrupt:
        pass
