"""Writing a Graph as GraphML or GML (``write_graphml``, ``write_gml``), in Rust, replaced
atomically."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._args import path_bytes
from ._native import lib
from ._types import PathLike

if TYPE_CHECKING:
    from .graph import Graph


class MarkupMixin:
    """``write_graphml`` and ``write_gml`` of ``Graph``."""

    __slots__ = ()

    def write_graphml(self: Graph, path: PathLike) -> None:
        """Writes the graph as GraphML that ``read_graphml`` reads back to the same graph
        (nodes and edges in order, attribute dtypes and values; absent stays absent) and
        that networkx and igraph read. ``InvalidArgumentError``, and no file written, for
        what GraphML cannot hold exactly: int and str keys in one graph, a None or bytes
        value, an attribute of mixed types, a control character. Replaced atomically, as
        ``save`` replaces its file."""
        path_b = path_bytes(path)
        self._check(lib.gr_graph_write_graphml(self._handle, path_b, len(path_b)))

    def write_gml(self: Graph, path: PathLike) -> None:
        """Writes the graph as GML that ``read_gml`` reads back to the same graph and that
        networkx and igraph read: each node with an integer ``id`` and its key as ``label``
        (a GML integer for an int key, a string for a str key, so networkx reads int nodes
        back as ints). ``InvalidArgumentError``, and no file written, for an attribute name
        that is not a GML key (a letter, then letters, digits, ``_``) or is ``id``/``label``
        (nodes) or ``source``/``target`` (edges), a None or bytes value, or a mixed column
        holding a value other than int, float or str. Replaced atomically."""
        path_b = path_bytes(path)
        self._check(lib.gr_graph_write_gml(self._handle, path_b, len(path_b)))
