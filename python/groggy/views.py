"""Live views of a graph's nodes and edges, in the manner of networkx's ``G.nodes`` and
``G.edges``: they read the graph each time they are used."""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import TYPE_CHECKING

from ._convert import normalize_key

if TYPE_CHECKING:
    from .graph import Graph


class NodeView(Set):
    """``g.nodes``: iterate keys in insertion order, ``len``, ``in``, ``g.nodes[key]`` -> a
    dict of that node's attributes. ``g.nodes(data=True)`` lists ``(key, attrs)`` pairs."""

    __slots__ = ("_graph",)

    def __init__(self, graph: Graph):
        self._graph = graph

    @classmethod
    def _from_iterable(cls, iterable) -> set:
        # Set operators (`&`, `|`, `-`) give plain sets, as networkx's views do.
        return set(iterable)

    def __len__(self) -> int:
        return self._graph.node_count

    def __iter__(self) -> Iterator:
        return iter(self._graph._node_keys())

    def __contains__(self, key) -> bool:
        return key in self._graph

    def __getitem__(self, key) -> dict:
        return self._graph._node_attrs(key)

    def __call__(self, data: bool | str = False, default=None) -> list:
        """Keys; with ``data=True`` ``(key, attrs)`` pairs; with ``data="name"``
        ``(key, value)`` pairs, ``default`` for nodes without that attribute."""
        g = self._graph
        keys = g._node_keys()
        if isinstance(data, str):
            values = _column(g.node_array, g._node_presence, data, default, len(keys))
            return list(zip(keys, values))
        if not data:
            return keys
        return [(k, g._node_attrs(k)) for k in keys]

    def __repr__(self) -> str:
        return f"NodeView({self._graph._node_keys()!r})"


class EdgeView(Set):
    """``g.edges``: iterate ``(u, v)`` in insertion order, ``len``, ``(u, v) in``,
    ``g.edges[u, v]`` -> a dict of that edge's attributes. ``g.edges(data=True)`` lists
    ``(u, v, attrs)`` triples."""

    __slots__ = ("_graph",)

    def __init__(self, graph: Graph):
        self._graph = graph

    @classmethod
    def _from_iterable(cls, iterable) -> set:
        return set(iterable)

    def __len__(self) -> int:
        return self._graph.edge_count

    def __iter__(self) -> Iterator:
        return iter(self._graph._edge_pairs())

    def __contains__(self, edge) -> bool:
        try:
            u, v = edge
            normalize_key(u)
            normalize_key(v)
        except (TypeError, ValueError, OverflowError):
            return False
        return self._graph.has_edge(u, v)

    def __getitem__(self, edge) -> dict:
        u, v = edge
        return self._graph._edge_attrs(u, v)

    def __call__(self, data: bool | str = False, default=None) -> list:
        """``(u, v)`` pairs; with ``data=True`` ``(u, v, attrs)``; with ``data="name"``
        ``(u, v, value)``, ``default`` for edges without that attribute."""
        g = self._graph
        pairs = g._edge_pairs()
        if isinstance(data, str):
            values = _column(g.edge_array, g._edge_presence, data, default, len(pairs))
            return [(u, v, x) for (u, v), x in zip(pairs, values)]
        if not data:
            return pairs
        return [(u, v, g._edge_attrs(u, v)) for u, v in pairs]

    def __repr__(self) -> str:
        return f"EdgeView({self._graph._edge_pairs()!r})"


def _column(read, presence, name: str, default, count: int) -> list:
    """The values of attribute ``name`` in graph order (one column read, not one call per
    item), with ``default`` where an item lacks it, as networkx's ``data="name"``."""
    try:
        values = read(name).to_list()
    except KeyError:  # no item has it
        return [default] * count
    if default is None:  # absent and null both read as None
        return values
    return [x if there else default for x, there in zip(values, presence(name))]
