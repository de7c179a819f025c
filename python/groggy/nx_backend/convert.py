"""Graphs between networkx and groggy, as networkx's dispatcher asks for them.

``convert_from_nx`` copies what the called function reads (networkx says which attributes)
in one pass over the adjacency into the engine's bulk calls (one for the nodes, one for
the edges), keeping every node's neighbour order, so traversals visit nodes as networkx's
do. What groggy cannot hold raises ``NotImplementedError``, which makes networkx answer
the call itself (or try the next backend).
"""

from __future__ import annotations

from functools import partial
from itertools import chain
from operator import is_
from typing import Any

import networkx as nx

from .._convert import UnencodableKeyError
from .._networkx_lists import networkx_lists
from ..graph import Graph

_OP = "convert_from_nx"

#: What groggy raises for a key or a value it cannot hold.
_REFUSED = (TypeError, OverflowError, ValueError, UnencodableKeyError)


def convert_from_nx(
    graph: Any,
    *,
    edge_attrs: dict[str, Any] | None = None,
    node_attrs: dict[str, Any] | None = None,
    preserve_edge_attrs: bool = False,
    preserve_node_attrs: bool = False,
    preserve_graph_attrs: bool = False,
    preserve_all_attrs: bool = False,
    weight: str | None = None,
    name: str | None = None,
    graph_name: str | None = None,
) -> Graph:
    """A groggy Graph of the networkx graph ``graph`` for the call of networkx's ``name``.

    ``edge_attrs`` / ``node_attrs`` map each attribute to copy to its default (``None``:
    copy it where present; else it fills the gaps); ``preserve_*_attrs=True`` copies all.
    groggy graphs have no graph attributes: ``preserve_graph_attrs`` is accepted and
    ignored (functions whose result carries them are refused by ``can_run``).
    ``preserve_all_attrs`` and ``weight`` are what networkx 3.1 and older passed.
    """
    if not isinstance(graph, nx.Graph):
        raise NotImplementedError(f"groggy converts networkx graphs, not {type(graph).__name__}")
    if graph.is_multigraph():
        raise NotImplementedError("groggy graphs are not multigraphs")
    if preserve_all_attrs:
        preserve_edge_attrs = preserve_node_attrs = True
    if weight is not None and edge_attrs is None and not preserve_edge_attrs:
        edge_attrs = {weight: 1}
    try:
        lists = networkx_lists(graph)
    except ValueError as err:  # an adjacency edited by hand to name a node not in G
        raise NotImplementedError(str(err)) from err
    odd = next((k for k in lists.keys if type(k) is not int and type(k) is not str), _NONE)
    if odd is not _NONE:
        raise NotImplementedError(f"groggy node keys are int or str, not {type(odd).__name__}")
    if preserve_node_attrs:
        nodes: list[Any] = [(k, dict(d)) for k, d in graph.nodes(data=True)]
    elif node_attrs:
        nodes = [(k, _selected(d, node_attrs)) for k, d in graph.nodes(data=True)]
    else:
        nodes = lists.keys
    if preserve_edge_attrs:
        edge_attrs = dict.fromkeys(chain.from_iterable(lists.data))
    columns = _edge_columns(lists.data, edge_attrs or {})
    g = Graph(directed=graph.is_directed())
    try:
        g._add_nodes(nodes, _OP)
        g._add_adjacency(lists.out, lists.into, columns, _OP, lists.where)
    except _REFUSED as err:
        g.close()
        raise NotImplementedError(f"groggy cannot hold this graph: {err}") from err
    return g


_NONE = object()


def _edge_columns(data: list, wanted: dict[str, Any]) -> dict[str, list]:
    """The attributes ``wanted`` (name -> default) of the edges whose attribute mappings
    are ``data``, one list each (``None`` where an edge has no value). An attribute no edge
    has, with the default 1 or None, is left out: the engine weighs an edge without it 1,
    as networkx does with that default. A value of ``None`` is refused: networkx reads
    such a weight as "skip this edge" (Dijkstra) or fails, where groggy would read it as
    absent (weight 1)."""
    columns = {}
    for attr, default in wanted.items():
        values = [d.get(attr, _NONE) for d in data]
        if any(map(partial(is_, None), values)):
            raise NotImplementedError(f"groggy does not read a {attr!r} of None")
        if all(v is _NONE for v in values) and (default is None or _is_int_one(default)):
            continue
        columns[attr] = [default if v is _NONE else v for v in values]
    return columns


def _is_int_one(value: Any) -> bool:
    return type(value) is int and value == 1


def _selected(data: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    """The attributes ``wanted`` (name -> default) of one node or edge. A value of ``None``
    is refused: networkx reads such a weight as "skip this edge" (Dijkstra) or fails,
    where groggy would read it as absent (weight 1)."""
    out = {}
    for attr, default in wanted.items():
        if attr in data:
            value = data[attr]
            if value is None:
                raise NotImplementedError(f"groggy does not read a {attr!r} of None")
        elif default is not None:
            value = default
        else:
            continue
        out[attr] = value
    return out


def convert_to_nx(obj: Any, *, name: str | None = None) -> Any:
    """A groggy Graph as a networkx graph (nodes, edges, orders, attributes); anything
    else (a result) as it is."""
    if isinstance(obj, Graph):
        return obj.to_networkx()
    return obj
