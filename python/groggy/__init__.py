"""groggy: a fast, thread-friendly graph engine (Rust, behind a stable C ABI).

>>> import groggy as gr
>>> g = gr.Graph()
>>> g.add_edge("alice", "bob", weight=2.0)
>>> sorted(g.nodes)
['alice', 'bob']
"""

from . import datasets, generators
from ._errors import (
    AlgorithmError,
    AttributeNotFoundError,
    CallbackError,
    CancelledError,
    EdgeNotFoundError,
    GroggyError,
    GroggyIOError,
    GroggyMemoryError,
    InternalError,
    InvalidArgumentError,
    InvalidOperationError,
    NodeNotFoundError,
    NoPathError,
)
from ._errors import check as _check
from ._native import ffi as _ffi
from ._native import lib as _lib
from ._types import KeyLike, NodeKey
from .array import GraphArray
from .files import load, read_csv, read_edgelist
from .graph import Graph
from .interop import from_arrow, from_networkx, from_pandas_edgelist, read_parquet
from .markup import read_gml, read_graphml
from .nodemap import NodeMap
from .pool import MemoryPool
from .profiler import Profiler
from .views import EdgeView, NodeView

__version__ = _ffi.string(_lib.gr_version()).decode()


def memory_stats() -> dict[str, int]:
    """The whole library's allocations: ``total_allocated`` (bytes allocated since it was
    loaded), ``current`` (bytes held now) and ``peak_usage`` (the most held at once)."""
    total, current, peak = (_ffi.new("uint64_t *") for _ in range(3))
    _check(_lib.gr_memory_stats(total, current, peak))
    return {"total_allocated": total[0], "current": current[0], "peak_usage": peak[0]}


abi_version = _lib.gr_abi_version()

__all__ = [
    "AlgorithmError",
    "AttributeNotFoundError",
    "CallbackError",
    "CancelledError",
    "EdgeNotFoundError",
    "EdgeView",
    "Graph",
    "GraphArray",
    "GroggyError",
    "GroggyIOError",
    "GroggyMemoryError",
    "InternalError",
    "InvalidArgumentError",
    "InvalidOperationError",
    "KeyLike",
    "MemoryPool",
    "NoPathError",
    "NodeKey",
    "NodeMap",
    "NodeNotFoundError",
    "NodeView",
    "Profiler",
    "abi_version",
    "datasets",
    "generators",
    "from_networkx",
    "load",
    "read_csv",
    "read_edgelist",
    "read_gml",
    "read_graphml",
    "memory_stats",
    "from_pandas_edgelist",
    "from_arrow",
    "read_parquet",
]
