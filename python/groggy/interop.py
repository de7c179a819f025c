"""Conversions to and from networkx, pandas and Arrow. None of them is needed to import
groggy; each is imported when its conversion is used."""

from __future__ import annotations

import os
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._arrow import ArrowSource
from ._errors import check
from ._native import lib
from ._networkx_lists import networkx_lists
from ._types import PathLike
from .graph import Graph
from .parquet import EDGES_FILE, NODES_FILE, pyarrow_modules, read_table

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd


def from_networkx(G: nx.Graph) -> Graph:
    """A Graph with the nodes, edges, attributes and directedness of the networkx graph
    ``G``, nodes in its order. Every node's neighbours (and a DiGraph's predecessors) come
    in networkx's order, so traversals visit nodes as networkx's do; the edges come in
    ``G.edges`` order. Node keys must be int or str; multigraphs are not supported."""
    if G.is_multigraph():
        raise TypeError("from_networkx: multigraphs are not supported; convert to nx.Graph first")
    lists = networkx_lists(G)
    g = Graph(directed=G.is_directed())
    g._add_nodes([(key, dict(attrs)) for key, attrs in G.nodes(data=True)], "from_networkx")
    names = dict.fromkeys(chain.from_iterable(lists.data))
    columns = {name: [d.get(name) for d in lists.data] for name in names}
    g._add_adjacency(lists.out, lists.into, columns, "from_networkx", lists.where)
    # A column's None reads as "no value"; an attribute set to None is stored as a null.
    for name, values in columns.items():
        if None in values:
            for i, d in enumerate(lists.data):
                if name in d and d[name] is None:
                    u, v = lists.ends(i)
                    g._set_edge_attr(u, v, name, None, "from_networkx")
    return g


def from_pandas_edgelist(
    df: pd.DataFrame,
    source: Any = "source",
    target: Any = "target",
    edge_attr: Any = None,
    directed: bool = False,
) -> Graph:
    """A Graph of the edges in a DataFrame, as ``networkx.from_pandas_edgelist``:
    ``edge_attr`` is None (no attributes), True (every other column), a column name, or a
    list of names. The columns are loaded in one call into the engine."""
    if edge_attr is True:
        names = [c for c in df.columns if c not in (source, target)]
    elif edge_attr is None or edge_attr is False:
        names = []
    elif isinstance(edge_attr, (list, tuple)):
        names = list(edge_attr)
    else:
        names = [edge_attr]
    missing = [c for c in [source, target, *names] if c not in df.columns]
    if missing:
        raise KeyError(f"from_pandas_edgelist: no column {missing[0]!r} in the DataFrame")
    g = Graph(directed=directed)
    g._add_edges_from_arrays(
        _keys_of(df[source]),
        _keys_of(df[target]),
        {str(n): df[n] for n in names},
        "from_pandas_edgelist",
        (f"column {source!r}", f"column {target!r}"),
    )
    return g


def from_arrow(
    edges: Any,
    nodes: Any = None,
    source: str = "source",
    target: str = "target",
    directed: bool = False,
    key: str = "key",
) -> Graph:
    """A Graph of the edges in an Arrow table: anything with ``__arrow_c_stream__`` or
    ``__arrow_c_array__`` (a pyarrow Table or RecordBatch, a polars DataFrame, a DuckDB
    result, ``g.edge_table(format="arrow")``). The columns ``source`` and ``target`` hold
    the endpoint keys (integers or strings, no nulls); every other column becomes an edge
    attribute of its name, typed as Arrow types it (unsigned integers widen to the next
    signed kind; dictionary columns read as their values); a null leaves the edge without
    the attribute. ``nodes``, a table with a ``key`` column (named by ``key``) and node
    attributes, is loaded first, so the graph's nodes come in its order, isolated nodes
    included. The data is read in the engine through the Arrow C interfaces, all or
    nothing: a missing column, a null key or an Arrow type groggy does not hold raises
    ``InvalidArgumentError``."""
    g = Graph(directed=directed)
    if nodes is not None:
        data = ArrowSource(nodes, "from_arrow: nodes")
        name = _column_arg(key, "key")
        check(
            lib.gr_graph_add_nodes_arrow(
                g._handle, data.stream, data.array, data.schema, name, len(name)
            )
        )
    data = ArrowSource(edges, "from_arrow: edges")
    s, t = _column_arg(source, "source"), _column_arg(target, "target")
    check(
        lib.gr_graph_add_edges_arrow(
            g._handle, data.stream, data.array, data.schema, s, len(s), t, len(t)
        )
    )
    return g


def read_parquet(
    path: PathLike,
    nodes: PathLike | None = None,
    source: str = "source",
    target: str = "target",
    directed: bool = False,
) -> Graph:
    """A Graph of Parquet files: ``path`` is a folder holding ``edges.parquet`` (and,
    read first when there, ``nodes.parquet``, as ``write_parquet`` writes them) or an
    edges file, with ``nodes`` an optional nodes file (a ``key`` column, then node
    attributes). Columns as ``from_arrow`` reads them. A missing file, or one pyarrow
    cannot read, raises ``GroggyIOError`` naming it (a ``FileNotFoundError`` when
    missing). Needs pyarrow."""
    pa, pq = pyarrow_modules("read_parquet")
    edges_path = Path(os.fspath(path))
    nodes_path = None if nodes is None else Path(os.fspath(nodes))
    if edges_path.is_dir():
        if nodes_path is None and (edges_path / NODES_FILE).is_file():
            nodes_path = edges_path / NODES_FILE
        edges_path = edges_path / EDGES_FILE
    edge_table = read_table(pa, pq, edges_path)
    node_table = None if nodes_path is None else read_table(pa, pq, nodes_path)
    return from_arrow(edge_table, node_table, source, target, directed)


def _column_arg(name: Any, what: str) -> bytes:
    if not isinstance(name, str):
        raise TypeError(
            f"from_arrow: {what} must be a column name (str), not {type(name).__name__}"
        )
    return name.encode("utf-8")


def _keys_of(column: Any) -> Any:
    """A DataFrame column of keys as numpy int64 when it holds ints, else as a list."""
    if column.dtype.kind in "iu":
        return column.to_numpy()
    return column.tolist()
