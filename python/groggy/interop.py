"""Conversions to and from networkx and pandas. Neither is needed to import groggy; each
is imported when its conversion is used."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._convert import attribute_dicts
from .graph import Graph

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd


def from_networkx(G: nx.Graph) -> Graph:
    """A Graph with the nodes, edges, attributes and directedness of the networkx graph
    ``G``, in its order. Node keys must be int or str; multigraphs are not supported."""
    if G.is_multigraph():
        raise TypeError("from_networkx: multigraphs are not supported; convert to nx.Graph first")
    g = Graph(directed=G.is_directed())
    g.add_nodes([(key, dict(attrs)) for key, attrs in G.nodes(data=True)])
    g.add_edges([(u, v, dict(attrs)) for u, v, attrs in G.edges(data=True)])
    return g


def to_networkx(g: Graph) -> nx.Graph:
    """A networkx Graph (DiGraph when directed) equal to ``g``, attributes included."""
    import networkx as nx

    G = nx.DiGraph() if g.directed else nx.Graph()
    keys = g._node_keys()
    node_attrs = attribute_dicts(len(keys), g.node_attr_names(), g.node_array, g._node_presence)
    G.add_nodes_from(zip(keys, node_attrs))
    pairs = g._edge_pairs()
    edge_attrs = attribute_dicts(len(pairs), g.edge_attr_names(), g.edge_array, g._edge_presence)
    G.add_edges_from((u, v, d) for (u, v), d in zip(pairs, edge_attrs))
    return G


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
    g.add_edges_from_arrays(
        _keys_of(df[source]), _keys_of(df[target]), **{str(n): df[n] for n in names}
    )
    return g


def _keys_of(column: Any) -> Any:
    """A DataFrame column of keys as numpy int64 when it holds ints, else as a list."""
    if column.dtype.kind in "iu":
        return column.to_numpy()
    return column.tolist()
