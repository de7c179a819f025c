"""Writing a Graph to files: the native format (``save``), edge lists
(``write_edgelist``) and CSV tables (``write_csv``), all written in Rust and replaced
atomically."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._args import path_bytes
from ._csv import csv_options
from ._native import NULL, lib
from ._types import PathLike

if TYPE_CHECKING:
    from .graph import Graph


class FilesMixin:
    """``save``, ``write_edgelist`` and ``write_csv`` of ``Graph``."""

    __slots__ = ()

    def save(self: Graph, path: PathLike) -> None:
        """Saves the graph in the native format (every node, edge and attribute exactly).
        The previous file is replaced atomically, so an error never damages it; a symlink's
        target is replaced (the link stays), its permission bits are kept, and a target that
        is not a regular file (device, FIFO, socket, folder) raises ``GroggyIOError`` and is
        left as it is."""
        path_b = path_bytes(path)
        self._check(lib.gr_graph_save(self._handle, path_b, len(path_b)))

    def write_edgelist(self: Graph, path: PathLike, delimiter: str = " ") -> None:
        """Writes ``u v [weight]`` lines that ``read_edgelist`` reads back to the same
        nodes (in order; nodes without edges on ``# groggy: node KEY`` lines) and edges
        with their weights, of the same dtype (a ``# groggy: weight=KIND`` line for any but
        float64; mixed weights read back as float64); other attributes are not written.
        ``InvalidArgumentError`` when an edge list cannot hold the graph faithfully (a key
        with whitespace or the delimiter, int and string keys mixed, a weight that is not a
        number). Replaced atomically, as ``save`` replaces its file."""
        if not isinstance(delimiter, str) or len(delimiter) != 1:
            raise ValueError(f"write_edgelist: delimiter must be one character, not {delimiter!r}")
        path_b = path_bytes(path)
        self._check(lib.gr_graph_write_edgelist(self._handle, path_b, len(path_b), ord(delimiter)))

    def write_csv(
        self: Graph,
        edges: PathLike,
        nodes: PathLike | None = None,
        *,
        delimiter: str = ",",
        source: str = "source",
        target: str = "target",
        key: str = "key",
    ) -> None:
        """Writes CSV tables that ``read_csv`` (with the same names, delimiter and
        ``directed``) reads back to the same graph: ``edges`` gets ``source``, ``target``
        and every edge attribute, one row per edge in order; ``nodes`` gets ``key`` and
        every node attribute, one row per node in order (isolated nodes included).
        Strings and string keys are always quoted (so ``"1"`` reads back as a string),
        numbers and bools never; floats keep a ``.`` or an exponent (``1.0``, ``NaN``,
        ``inf``) and their exact value; an absent attribute is an empty field.

        ``InvalidArgumentError``, before any file is written, for what the tables cannot
        hold exactly: a ``None`` (Null) value (an empty field reads back as absent), an
        attribute of another dtype than int64, float64, bool or str (int32, float32,
        bytes, mixed), int and string keys mixed, an attribute named like a key column;
        and, when ``nodes`` is None, node attributes or nodes the edges do not give in
        order (isolated nodes). ``save`` keeps everything. Each file is replaced
        atomically, as ``save`` replaces its file."""
        # `_bufs` holds what the options' name pointers lead to, until the call returns.
        opts, _bufs = csv_options("write_csv", source, target, key, delimiter)
        edges_b = path_bytes(edges)
        if nodes is None:
            status = lib.gr_graph_write_csv(self._handle, edges_b, len(edges_b), NULL, 0, opts)
        else:
            nodes_b = path_bytes(nodes)
            status = lib.gr_graph_write_csv(
                self._handle, edges_b, len(edges_b), nodes_b, len(nodes_b), opts
            )
        self._check(status)
