"""Parquet files through pyarrow (needed only here): ``g.write_parquet(folder)`` writes
the node and edge tables as ``nodes.parquet`` and ``edges.parquet``, which
``gr.read_parquet`` (in ``interop``, beside ``from_arrow``) reads back. Arrow types
round-trip, so attribute kinds do."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ._errors import GroggyFileNotFoundError, GroggyIOError
from ._types import PathLike

if TYPE_CHECKING:
    from .graph import Graph

NODES_FILE = "nodes.parquet"
EDGES_FILE = "edges.parquet"


def pyarrow_modules(op: str) -> tuple[ModuleType, ModuleType]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as err:
        raise ImportError(f"{op} needs pyarrow (pip install pyarrow)") from err
    return pyarrow, pyarrow.parquet


def _write_atomically(pq: ModuleType, table: Any, path: Path) -> None:
    """Writes ``table`` to ``path`` through a temporary file in the same folder, so that
    an error never leaves a half-written file under the name."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


class ParquetMixin:
    """``write_parquet`` of ``Graph``."""

    __slots__ = ()

    def write_parquet(self: Graph, folder: PathLike) -> None:
        """Writes the graph to the folder ``folder`` (made if missing) as ``nodes.parquet``
        (``key``, then the node attributes) and ``edges.parquet`` (``source``, ``target``,
        then the edge attributes), each replaced atomically; absent attributes are nulls.
        ``read_parquet(folder)`` reads back the same nodes, edges and attribute kinds
        (directedness is an argument of ``read_parquet``). Keys of both kinds, or an
        attribute of mixed kinds, raise ``InvalidOperationError`` (Arrow has no type for
        them) before anything is written. Needs pyarrow."""
        pa, pq = pyarrow_modules("write_parquet")
        nodes = pa.table(self.node_table(format="arrow"))
        edges = pa.table(self.edge_table(format="arrow"))
        path = Path(os.fspath(folder))
        path.mkdir(parents=True, exist_ok=True)
        _write_atomically(pq, nodes, path / NODES_FILE)
        _write_atomically(pq, edges, path / EDGES_FILE)


def read_table(pa: ModuleType, pq: ModuleType, path: Path) -> Any:
    """The Parquet file ``path`` as a pyarrow Table; errors name the file."""
    if not path.is_file():
        raise GroggyFileNotFoundError(
            f"read_parquet: {path}: no such file", operation="read_parquet"
        )
    try:
        return pq.read_table(path)
    except (pa.ArrowException, OSError) as err:
        raise GroggyIOError(f"read_parquet: {path}: {err}", operation="read_parquet") from err
