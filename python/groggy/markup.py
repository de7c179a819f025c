"""Reading GraphML and GML files into a Graph (parsed in Rust); ``Graph.write_graphml`` and
``write_gml`` are in ``markup_writers``. Reads run in a worker thread so Ctrl-C stops them
promptly."""

from __future__ import annotations

from typing import Any

from ._args import path_bytes
from ._native import ffi, lib
from ._runtime import run_interruptible
from ._types import PathLike
from .graph import Graph


def _read(reader: Any, path: PathLike) -> Graph:
    path_b = path_bytes(path)
    out = ffi.new("gr_graph **")
    run_interruptible(
        lambda cancel: reader(path_b, len(path_b), cancel, out),
        "groggy-io",
        lambda: lib.gr_graph_free(out[0]),
    )
    return Graph._adopt(out[0])


def read_graphml(path: PathLike) -> Graph:
    """A Graph of a GraphML file (as networkx, igraph, Gephi and yEd write it; gzip is
    recognised by its content). Directed as its ``edgedefault`` says. Node ids become int
    keys when every id is an integer written plainly (``"0"``, ``"-12"``: networkx's int
    nodes) or the file was written by ``write_graphml`` from int keys, else str keys.
    Attributes are typed by their ``<key>``: boolean -> bool, int -> int32, long -> int64,
    float -> float32, double -> float64, string -> str; ``<default>`` values fill in, and a
    node or edge without a value does not have the attribute. Entities are never expanded
    and nothing outside the file is read (a DOCTYPE declaring entities is refused). A
    malformed file raises ``GroggyIOError`` naming ``file:line:column``."""
    return _read(lib.gr_graph_read_graphml, path)


def read_gml(path: PathLike) -> Graph:
    """A Graph of a GML file (as networkx and igraph write it; gzip is recognised by its
    content). Directed when the graph says ``directed 1``. A node's key is its ``label``
    when it has one (an integer label gives an int key, a string a str key), else its
    ``id``. Other scalar values of nodes and edges become attributes (integers int64, reals
    float64, strings str, unless the ``# groggy:`` comments ``write_gml`` writes name the
    kind); lists such as ``graphics`` are skipped. A malformed file raises
    ``GroggyIOError`` naming ``file:line:column``."""
    return _read(lib.gr_graph_read_gml, path)
