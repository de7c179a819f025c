"""Reading files into a Graph: edge lists and CSV tables (parsed in Rust) and the native
format (``load``); ``Graph.save``, ``write_edgelist`` and ``write_csv`` are in ``saving``.
Long loads run in a worker thread so Ctrl-C stops them promptly."""

from __future__ import annotations

import sys
import time
from typing import Any, Callable, Union

from ._args import bool_arg, path_bytes
from ._callbacks import StoredError
from ._csv import csv_options
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
    opts = ffi.new("gr_edgelist_options *")
    check(lib.gr_edgelist_options_init(opts, lib.GR_EDGELIST_OPTIONS_VERSION))
    c_comments = ffi.new("char[]", comments_b)
    opts.directed, opts.header = directed, header
    opts.comments, opts.comments_len = c_comments, len(comments_b)
    opts.delimiter, opts.keys = delim, _KEYS[keys]
    return _read_graph(
        opts,
        progress,
        lambda cancel, out: lib.gr_graph_read_edgelist(path_b, len(path_b), opts, cancel, out),
        keep=(c_comments,),
    )


def read_csv(
    edges: PathLike,
    nodes: PathLike | None = None,
    source: str = "source",
    target: str = "target",
    delimiter: str = ",",
    directed: bool = False,
    progress: Progress = False,
    *,
    key: str = "key",
) -> Graph:
    """A Graph of CSV tables with attributes, parsed in Rust: ``edges`` has a header
    naming its columns, among them ``source`` and ``target`` (the node keys), every other
    column an edge attribute; ``nodes`` (optional) has the column ``key`` and node
    attributes. Nodes come in the nodes file's order, then the endpoints the edges add.

    RFC 4180: ``delimiter`` (one ASCII character) between fields, LF or CRLF, double
    quotes around a field holding the delimiter, a quote (doubled) or a line break;
    UTF-8; gzip is recognised by its content; blank lines are skipped. Types are inferred
    per column over its non-empty fields: a quoted field is always text (a ``str``
    column); else int64 when every field is an integer, float64 when every field is a
    number (``1.5``, ``1e-3``, ``NaN``, ``inf``), bool when every field is
    ``true``/``false`` (also ``True``/``TRUE``/``False``/``FALSE``), else str. An empty
    field means the attribute is absent. Keys are ints when every key in both files is an
    unquoted int64, else strings for all. A repeated row updates the earlier one, as
    ``add_node``/``add_edge`` would.

    A malformed file raises ``GroggyIOError`` naming ``file:line:column`` (the column a
    1-based byte offset): no header, a missing key column, a row with more or fewer fields
    than the header, a stray or unbalanced quote, an empty key, text that is not UTF-8, an
    integer beyond int64 or number beyond float64 in a column of numbers. ``progress=True``
    shows a progress bar on a terminal; a callable gets ``(bytes_done, bytes_total)`` of
    both files. Ctrl-C stops the read."""
    directed = bool_arg(directed, "directed", "read_csv")
    opts, keep = csv_options("read_csv", source, target, key, delimiter)
    edges_b = path_bytes(edges)
    nodes_b = None if nodes is None else path_bytes(nodes)
    opts.directed = directed

    def read(cancel: Any, out: Any) -> int:
        nodes_arg = NULL if nodes_b is None else nodes_b
        nodes_len = 0 if nodes_b is None else len(nodes_b)
        return lib.gr_graph_read_csv(edges_b, len(edges_b), nodes_arg, nodes_len, opts, cancel, out)

    return _read_graph(opts, progress, read, keep=keep)


def _read_graph(
    opts: Any, progress: Progress, call: Callable[[Any, Any], int], keep: tuple
) -> Graph:
    """Runs ``call(cancel, out)``, a read into a new graph, in a worker thread (so Ctrl-C
    stops it), with ``opts.progress`` telling ``progress``; ``keep`` holds what the
    options' pointers lead to."""
    bar = _ProgressBar("reading") if progress is True else None
    report = progress if callable(progress) else bar
    # A failing progress callback stops the read; its exception is re-raised below.
    failure = StoredError()

    def on_progress(_user_data: Any, done: int, total: int) -> None:
        report(done, total)

    c_progress = (
        ffi.callback("gr_progress_callback", failure.guard(on_progress)) if report else NULL
    )
    opts.progress = c_progress
    out = ffi.new("gr_graph **")

    def read(cancel: Any) -> int:
        # The struct holds bare pointers: the call keeps what they point to alive, also in
        # a worker thread that outlives this function after a second Ctrl-C.
        _ = (keep, c_progress)
        return call(cancel, out)

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
