"""Reading files into a Graph: edge lists (parsed in Rust) and the native format
(``load``); ``Graph.save`` and ``write_edgelist`` are in ``saving``. Long loads run in a
worker thread so Ctrl-C stops them promptly."""

from __future__ import annotations

import sys
import time
from typing import Any, Callable, Union

from ._args import bool_arg, path_bytes
from ._callbacks import StoredError
from ._errors import check, error_from_status
from ._native import NULL, ffi, lib
from ._runtime import run_interruptible
from ._types import PathLike
from .graph import Graph

#: ``progress=`` of the readers: ``True`` for a bar on a terminal, or a callable that gets
#: ``(bytes_done, bytes_total)``.
Progress = Union[bool, Callable[[int, int], object]]

_KEYS = {
    "auto": lib.GR_EDGELIST_KEYS_AUTO,
    "int": lib.GR_EDGELIST_KEYS_INT,
    "str": lib.GR_EDGELIST_KEYS_STR,
}


class _ProgressBar:
    """A one-line progress bar on stderr (only on a terminal), shown once a load has run
    for about a second."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.start = time.monotonic()
        self.shown = False
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.tty or (not self.shown and time.monotonic() - self.start < 1.0):
            return
        self.shown = True
        fraction = done / total if total else 1.0
        filled = int(30 * fraction)
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


def read_edgelist(
    path: PathLike,
    directed: bool = False,
    comments: str = "#",
    delimiter: str | None = None,
    keys: str = "auto",
    header: bool = False,
    progress: Progress = False,
) -> Graph:
    """A Graph of the edges in a text file of ``u v [weight]`` lines, parsed in Rust.

    Fields are separated by whitespace, or by ``delimiter``; lines starting with
    ``comments`` and blank lines are skipped, and the first other line too with
    ``header=True``; gzip is recognised by its content; LF and CRLF are accepted. A third
    column becomes the edge attribute ``weight``: float64, or the type a
    ``# groggy: weight=KIND`` line (written by ``write_edgelist``) names. ``keys="auto"``
    gives int keys when every key parses as an int64, else string keys; ``"int"`` and
    ``"str"`` force a kind. ``progress=True`` shows a progress bar on a terminal; a callable
    gets ``(bytes_done, bytes_total)``. A malformed line, or one longer than 16 MiB, raises
    ``GroggyIOError`` naming the file and line; keys that do not fit in memory raise
    ``GroggyMemoryError``. Ctrl-C stops the read, also inside one long line."""
    directed = bool_arg(directed, "directed", "read_edgelist")
    header = bool_arg(header, "header", "read_edgelist")
    if keys not in _KEYS:
        raise ValueError(f"read_edgelist: keys must be 'auto', 'int' or 'str', not {keys!r}")
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1):
        raise ValueError(f"read_edgelist: delimiter must be one character, not {delimiter!r}")
    if not isinstance(comments, str):
        raise TypeError("read_edgelist: comments must be a str")
    path_b = path_bytes(path)
    comments_b = comments.encode("utf-8")
    delim = -1 if delimiter is None else ord(delimiter)
    bar = _ProgressBar("reading") if progress is True else None
    report = progress if callable(progress) else bar
    # A failing progress callback stops the read; its exception is re-raised below.
    failure = StoredError()

    def on_progress(_user_data: Any, done: int, total: int) -> None:
        report(done, total)

    c_progress = (
        ffi.callback("gr_progress_callback", failure.guard(on_progress)) if report else NULL
    )
    opts = ffi.new("gr_edgelist_options *")
    check(lib.gr_edgelist_options_init(opts, lib.GR_EDGELIST_OPTIONS_VERSION))
    c_comments = ffi.new("char[]", comments_b)
    opts.directed, opts.header = directed, header
    opts.comments, opts.comments_len = c_comments, len(comments_b)
    opts.delimiter, opts.keys = delim, _KEYS[keys]
    opts.progress = c_progress
    out = ffi.new("gr_graph **")

    def read(cancel: Any) -> int:
        # The struct holds bare pointers: the call keeps what they point to alive, also in
        # a worker thread that outlives this function after a second Ctrl-C.
        _ = (c_comments, c_progress)
        return lib.gr_graph_read_edgelist(path_b, len(path_b), opts, cancel, out)

    try:
        run_interruptible(read, "groggy-io", lambda: lib.gr_graph_free(out[0]))
        graph = Graph._adopt(out[0])
    except BaseException:
        if failure.error is None:
            raise
        # The callback's exception replaces the status error it caused: raised below,
        # outside this block, so it does not show the status error as its context.
    finally:
        if bar is not None:
            bar.close()
    failure.reraise()
    return graph


def load(path: PathLike) -> Graph:
    """A Graph saved with ``Graph.save``. A missing, truncated, corrupted or newer-version
    file raises ``GroggyIOError`` saying which; nothing in the file is ever executed."""
    path_b = path_bytes(path)
    out = ffi.new("gr_graph **")
    run_interruptible(
        lambda cancel: lib.gr_graph_load(path_b, len(path_b), out),
        "groggy-io",
        lambda: lib.gr_graph_free(out[0]),
    )
    return Graph._adopt(out[0])


def is_native_file(path: PathLike) -> bool:
    """Whether ``path`` holds a graph in the native format (by its magic number)."""
    path_b = path_bytes(path)
    out = ffi.new("bool *")
    status = lib.gr_file_is_native(path_b, len(path_b), out)
    if status:
        raise error_from_status(status)
    return bool(out[0])
