"""Writing a Graph to files: the native format (``save``) and edge lists
(``write_edgelist``), both written in Rust and replaced atomically."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._args import path_bytes
from ._native import lib
from ._types import PathLike

if TYPE_CHECKING:
    from .graph import Graph


class FilesMixin:
    """``save`` and ``write_edgelist`` of ``Graph``."""

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
