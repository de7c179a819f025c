"""The options struct of the CSV calls, shared by ``read_csv`` (files) and
``Graph.write_csv`` (saving)."""

from __future__ import annotations

from typing import Any

from ._errors import check
from ._native import ffi, lib


def csv_options(op: str, source: str, target: str, key: str, delimiter: str) -> tuple[Any, tuple]:
    """A ``gr_csv_options`` with these column names and delimiter, and the buffers its
    pointers lead to (to keep alive as long as the struct is used). ``TypeError`` for a
    name that is not a str, ``ValueError`` for a delimiter that is not one character (the
    library checks the rest)."""
    for name, value in (("source", source), ("target", target), ("key", key)):
        if not isinstance(value, str):
            raise TypeError(f"{op}: {name} must be a str, not {type(value).__name__}")
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise ValueError(f"{op}: delimiter must be one character, not {delimiter!r}")
    opts = ffi.new("gr_csv_options *")
    check(lib.gr_csv_options_init(opts, lib.GR_CSV_OPTIONS_VERSION))
    bufs = tuple(ffi.new("char[]", n.encode("utf-8")) for n in (source, target, key))
    opts.source, opts.source_len = bufs[0], len(source.encode("utf-8"))
    opts.target, opts.target_len = bufs[1], len(target.encode("utf-8"))
    opts.key, opts.key_len = bufs[2], len(key.encode("utf-8"))
    opts.delimiter = ord(delimiter)
    return opts, bufs
