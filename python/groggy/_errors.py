"""Exceptions, and the one table from status code to exception class.

Each class also derives from the builtin exception a Python user would catch
(``KeyError`` for a missing node, ``ValueError`` for a bad argument, ...).
"""

from __future__ import annotations

import errno
import os

from ._native import ffi, lib


class GroggyError(Exception):
    """Base class of every error raised by groggy.

    ``code`` is the C status code, ``operation`` the engine operation that failed.
    """

    def __init__(
        self, message: str = "", *, code: int | None = None, operation: str | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.operation = operation

    # KeyError quotes its message; show it plainly like every other error.
    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class NodeNotFoundError(GroggyError, KeyError):
    """A node key that is not in the graph."""


class EdgeNotFoundError(GroggyError, KeyError):
    """An edge that is not in the graph."""


class AttributeNotFoundError(GroggyError, KeyError):
    """An attribute (column) name that no node or edge has."""


class InvalidOperationError(GroggyError, ValueError):
    """An operation that makes no sense in this state (closed graph, mutation in a callback)."""


class InvalidArgumentError(GroggyError, ValueError):
    """A malformed argument the engine rejected."""


class GroggyMemoryError(GroggyError, MemoryError):
    """A memory limit or allocation failure; nothing was changed."""


class AlgorithmError(GroggyError, RuntimeError):
    """An algorithm could not finish (no convergence, bad weights)."""


class NoPathError(AlgorithmError):
    """No path joins the two nodes."""


class GroggyIOError(GroggyError, OSError, RuntimeError):
    """A file that is missing, unreadable, corrupt or of an unknown version."""


class GroggyFileNotFoundError(GroggyIOError, FileNotFoundError):
    """A ``GroggyIOError`` that ``except FileNotFoundError`` also catches."""


class GroggyPermissionError(GroggyIOError, PermissionError):
    """A ``GroggyIOError`` that ``except PermissionError`` also catches."""


class GroggyIsADirectoryError(GroggyIOError, IsADirectoryError):
    """A ``GroggyIOError`` that ``except IsADirectoryError`` also catches."""


# An I/O error the operating system reported comes with its errno
# (gr_last_error_os_code); these get the builtin subclass Python itself would raise.
_IO_CLASS_BY_ERRNO = {
    errno.ENOENT: GroggyFileNotFoundError,
    errno.EACCES: GroggyPermissionError,
    errno.EPERM: GroggyPermissionError,
    errno.EISDIR: GroggyIsADirectoryError,
}


class InternalError(GroggyError, RuntimeError):
    """A bug inside the engine, caught at the boundary."""


class CallbackError(GroggyError, RuntimeError):
    """A callback stopped an operation by reporting a failure."""


class CancelledError(GroggyError, KeyboardInterrupt):
    """A long operation was cancelled (by Ctrl-C or a cancellation handle)."""


# Status names (after the GR_STATUS_ prefix) to classes; the codes come from the header.
_CLASS_BY_STATUS_NAME = {
    "NODE_NOT_FOUND": NodeNotFoundError,
    "EDGE_NOT_FOUND": EdgeNotFoundError,
    "INVALID_OPERATION": InvalidOperationError,
    "INVALID_ARGUMENT": InvalidArgumentError,
    "OUT_OF_MEMORY": GroggyMemoryError,
    "ALGORITHM": AlgorithmError,
    "NO_PATH": NoPathError,
    "IO": GroggyIOError,
    "CANCELLED": CancelledError,
    "INTERNAL": InternalError,
    "ATTRIBUTE_NOT_FOUND": AttributeNotFoundError,
    "CALLBACK": CallbackError,
}

EXCEPTION_BY_STATUS = {
    getattr(lib, "GR_STATUS_" + name): cls for name, cls in _CLASS_BY_STATUS_NAME.items()
}


def last_error_message() -> str:
    return ffi.string(lib.gr_last_error_message()).decode("utf-8", "replace")


def last_error_operation() -> str | None:
    """The operation of this thread's last failure (``None`` when the engine names none)."""
    return ffi.string(lib.gr_last_error_operation()).decode("utf-8", "replace") or None


def error_from_status(status: int) -> GroggyError:
    """The exception for a failed call, built from this thread's last error: the message,
    and the operation and errno as the engine gives them (the message is never parsed)."""
    message = last_error_message()
    operation = last_error_operation()
    cls = EXCEPTION_BY_STATUS.get(status, InternalError)
    if cls is GroggyIOError:
        number = lib.gr_last_error_os_code()
        if number:
            error = _IO_CLASS_BY_ERRNO.get(number, GroggyIOError)(
                message, code=status, operation=operation
            )
            error.errno, error.strerror = number, os.strerror(number)
            return error
    return cls(message, code=status, operation=operation)


def check(status: int) -> None:
    """Raises the exception for a non-zero status."""
    if status:
        raise error_from_status(status)
