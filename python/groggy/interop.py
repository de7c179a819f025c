"""Conversions to and from networkx and pandas. Neither is needed to import groggy; each
is imported when its conversion is used."""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING, Any

from ._networkx_lists import networkx_lists
from .graph import Graph

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


def _keys_of(column: Any) -> Any:
    """A DataFrame column of keys as numpy int64 when it holds ints, else as a list."""
    if column.dtype.kind in "iu":
        return column.to_numpy()
    return column.tolist()
