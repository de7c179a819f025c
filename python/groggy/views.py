"""Live views of a graph, in the manner of networkx's: ``g.nodes``, ``g.edges``, the
attribute mappings of one node or edge, and ``g[u]`` / ``g.adj`` / ``g.succ`` / ``g.pred``.
They read the graph each time they are used and write through to it; after ``close()``
every use raises ``InvalidOperationError``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping, Set
from typing import TYPE_CHECKING, Any

from ._convert import UnencodableKeyError, normalize_key
from ._errors import EdgeNotFoundError, NodeNotFoundError
from ._native import lib
from ._types import KeyLike, NodeKey

if TYPE_CHECKING:
    from .graph import Graph


class NodeView(Set):
    """``g.nodes``: iterate keys in insertion order, ``len``, ``in``, ``g.nodes[key]`` -> the
    node's attributes as a live mutable mapping. ``g.nodes(data=True)`` lists
    ``(key, attrs)`` pairs."""

    __slots__ = ("_graph",)

    def __init__(self, graph: Graph) -> None:
        self._graph = graph

    @classmethod
    def _from_iterable(cls, iterable) -> set:
        # Set operators (`&`, `|`, `-`) give plain sets, as networkx's views do.
        return set(iterable)

    def __len__(self) -> int:
        return self._graph.node_count

    def __iter__(self) -> Iterator[NodeKey]:
        return iter(self._graph._node_keys())

    def __contains__(self, key: object) -> bool:
        return key in self._graph

    def __getitem__(self, key: KeyLike) -> NodeAttrs:
        return node_attrs(self._graph, key)

    def __call__(self, data: bool | str = False, default: Any = None) -> list[Any]:
        """Keys; with ``data=True`` ``(key, attrs)`` pairs; with ``data="name"``
        ``(key, value)`` pairs, ``default`` for nodes without that attribute."""
        g = self._graph
        keys = g._node_keys()
        if isinstance(data, str):
            values = _column(g.node_array, g._node_presence, data, default, len(keys))
            return list(zip(keys, values))
        if not data:
            return keys
        return [(k, NodeAttrs(g, k)) for k in keys]

    def __repr__(self) -> str:
        return f"NodeView({self._graph._node_keys()!r})"


class EdgeView(Set):
    """``g.edges``: iterate ``(u, v)`` in insertion order, ``len``, ``(u, v) in``,
    ``g.edges[u, v]`` -> the edge's attributes as a live mutable mapping.
    ``g.edges(data=True)`` lists ``(u, v, attrs)`` triples."""

    __slots__ = ("_graph",)

    def __init__(self, graph: Graph) -> None:
        self._graph = graph

    @classmethod
    def _from_iterable(cls, iterable) -> set:
        return set(iterable)

    def __len__(self) -> int:
        return self._graph.edge_count

    def __iter__(self) -> Iterator[tuple[NodeKey, NodeKey]]:
        return iter(self._graph._edge_pairs())

    def __contains__(self, edge: object) -> bool:
        try:
            u, v = edge
            normalize_key(u)
            normalize_key(v)
        except (TypeError, ValueError, OverflowError):
            return False  # not a pair of keys
        try:
            return self._graph.has_edge(u, v)
        except UnencodableKeyError:
            return False  # text no graph can hold

    def __getitem__(self, edge: tuple[KeyLike, KeyLike]) -> EdgeAttrs:
        u, v = edge
        return edge_attrs(self._graph, u, v)

    def __call__(self, data: bool | str = False, default: Any = None) -> list[Any]:
        """``(u, v)`` pairs; with ``data=True`` ``(u, v, attrs)``; with ``data="name"``
        ``(u, v, value)``, ``default`` for edges without that attribute."""
        g = self._graph
        pairs = g._edge_pairs()
        if isinstance(data, str):
            values = _column(g.edge_array, g._edge_presence, data, default, len(pairs))
            return [(u, v, x) for (u, v), x in zip(pairs, values)]
        if not data:
            return pairs
        return [(u, v, EdgeAttrs(g, u, v)) for u, v in pairs]

    def __repr__(self) -> str:
        return f"EdgeView({self._graph._edge_pairs()!r})"


# ----- attribute mappings ------------------------------------------------------------------

_ABSENT = object()


class _AttrMap(MutableMapping):
    """The attributes of one element, read and written through the engine each time: a
    write goes to the graph with the usual conversions and errors. Equal to a dict with
    the same items, and shown like one."""

    __slots__ = ()

    def _read(self) -> dict:
        raise NotImplementedError  # defined by each subclass

    def _what(self) -> str:
        raise NotImplementedError

    def _remove(self, name: str) -> None:
        raise NotImplementedError

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())

    def __contains__(self, name) -> bool:
        return self.get(name, _ABSENT) is not _ABSENT

    def __eq__(self, other) -> bool:
        if isinstance(other, Mapping):
            return self._read() == dict(other.items())
        return NotImplemented

    __hash__ = None  # mutable, as a dict

    def __repr__(self) -> str:
        return repr(self._read())

    def copy(self) -> dict:
        """The attributes now, as a plain dict (as ``dict.copy``)."""
        return self._read()

    def setdefault(self, name: str, default: Any = None) -> Any:
        """The attribute ``name``; when absent, first sets it to ``default`` (as
        ``dict.setdefault``)."""
        value = self.get(name, _ABSENT)
        if value is _ABSENT:
            self[name] = default
            return default
        return value

    def __delitem__(self, name: str) -> None:
        """Removes the attribute: afterwards the element does not have it (absent, not
        ``None``); ``KeyError`` when it does not have it, as a dict."""
        self._remove(name)

    def pop(self, name: str, default: Any = _ABSENT) -> Any:
        """As ``dict.pop``. A missing element (or a closed graph) raises even with a default:
        that is not a missing attribute."""
        value = self.get(name, _ABSENT)
        if value is _ABSENT:
            if default is _ABSENT:
                self._remove(name)  # raises the engine's KeyError naming the element
            return default
        self._remove(name)
        return value

    def popitem(self) -> tuple[str, Any]:
        """As ``dict.popitem``: removes and returns the last attribute (in the mapping's
        order); ``KeyError`` when there is none."""
        attrs = self._read()
        if not attrs:
            raise KeyError(f"popitem(): {self._what()} has no attributes")
        name, value = attrs.popitem()
        self._remove(name)
        return name, value

    def clear(self) -> None:
        """Removes every attribute of the element (which stays in the graph). A missing
        element raises: the inherited loop would stop at its ``KeyError`` silently."""
        for name in self._read():
            self._remove(name)


class NodeAttrs(_AttrMap):
    """``g.nodes[key]``: the attributes of one node, a live mutable mapping."""

    __slots__ = ("_graph", "_key")

    def __init__(self, graph: Graph, key: KeyLike) -> None:
        self._graph = graph
        self._key = key

    def _what(self) -> str:
        return f"node {self._key!r}"

    def _op(self) -> str:
        """How a write names itself in an error: ``nodes[3]``."""
        return f"nodes[{self._key!r}]"

    def _read(self) -> dict:
        return self._graph._node_attrs(self._key)

    def __getitem__(self, name: str) -> Any:
        return self._graph.get_node_attr(self._key, name)

    def get(self, name: str, default: Any = None) -> Any:
        """The attribute ``name``, or ``default`` when the node lacks it."""
        return self._graph.get_node_attr(self._key, name, default)

    def __setitem__(self, name: str, value: Any) -> None:
        self._graph._set_node_attr(self._key, name, value, self._op)

    def _remove(self, name: str) -> None:
        self._graph.remove_node_attr(self._key, name)

    def update(self, other: Any = (), /, **kwargs: Any) -> None:
        """Sets several attributes in one engine call: all of them, or none on a bad value."""
        attrs = _attr_dict(other, kwargs, "update")
        if attrs:
            self._graph._update_node(self._key, attrs, lambda: f"{self._op()}.update")


class EdgeAttrs(_AttrMap):
    """``g.edges[u, v]`` and ``g[u][v]``: the attributes of one edge, a live mutable
    mapping."""

    __slots__ = ("_graph", "_u", "_v")

    def __init__(self, graph: Graph, u: KeyLike, v: KeyLike) -> None:
        self._graph = graph
        self._u = u
        self._v = v

    def _what(self) -> str:
        return f"edge ({self._u!r}, {self._v!r})"

    def _op(self) -> str:
        """How a write names itself in an error: ``edges[1, 2]``."""
        return f"edges[{self._u!r}, {self._v!r}]"

    def _read(self) -> dict:
        return self._graph._edge_attrs(self._u, self._v)

    def __getitem__(self, name: str) -> Any:
        return self._graph.get_edge_attr(self._u, self._v, name)

    def get(self, name: str, default: Any = None) -> Any:
        """The attribute ``name``, or ``default`` when the edge lacks it."""
        return self._graph.get_edge_attr(self._u, self._v, name, default)

    def __setitem__(self, name: str, value: Any) -> None:
        self._graph._set_edge_attr(self._u, self._v, name, value, self._op)

    def _remove(self, name: str) -> None:
        self._graph.remove_edge_attr(self._u, self._v, name)

    def update(self, other: Any = (), /, **kwargs: Any) -> None:
        """Sets several attributes in one engine call: all of them, or none on a bad value."""
        attrs = _attr_dict(other, kwargs, "update")
        if attrs:
            self._graph._update_edge(self._u, self._v, attrs, lambda: f"{self._op()}.update")


def _attr_dict(other, kwargs: dict, op: str) -> dict:
    """``dict.update``'s arguments as one dict (a mapping or ``(name, value)`` pairs)."""
    attrs = dict(other.items()) if isinstance(other, Mapping) else dict(other)
    attrs.update(kwargs)
    for name in attrs:
        if not isinstance(name, str):
            raise TypeError(f"{op}: attribute names must be str, not {type(name).__name__}")
    return attrs


def node_attrs(graph: Graph, key) -> NodeAttrs:
    """The attribute mapping of node ``key``; the engine's ``NodeNotFoundError`` when there
    is no such node (and ``TypeError`` / ``OverflowError`` for a bad key) at once."""
    key = normalize_key(key) if type(key) not in (int, str) else key
    if not _has_node(graph, key, "node_attrs"):
        graph._node_attrs(key)  # raises the engine's error for the missing node
    return NodeAttrs(graph, key)


def _has_node(graph: Graph, key, op: str) -> bool:
    """``graph.has_node(key)``; a str key no graph can hold (a lone surrogate) is a missing
    node, ``NodeNotFoundError`` (a ``KeyError``) as for any other."""
    try:
        return graph.has_node(key)
    except UnencodableKeyError:
        raise NodeNotFoundError(
            f"{op}: node {key!r} not found",
            code=lib.GR_STATUS_NODE_NOT_FOUND,
            operation=op,
        ) from None


def edge_attrs(graph: Graph, u, v) -> EdgeAttrs:
    """The attribute mapping of the edge ``(u, v)``; the engine's error when it is missing."""
    u, v = normalize_key(u), normalize_key(v)
    try:
        present = graph.has_edge(u, v)
    except UnencodableKeyError:  # text no graph can hold: a missing edge like any other
        raise EdgeNotFoundError(
            f"edge_attrs: edge ({u!r}, {v!r}) not found",
            code=lib.GR_STATUS_EDGE_NOT_FOUND,
            operation="edge_attrs",
        ) from None
    if not present:
        graph._edge_attrs(u, v)  # raises the engine's error for the missing edge
    return EdgeAttrs(graph, u, v)


# ----- adjacency -----------------------------------------------------------------------------


class AdjacencyView(Mapping):
    """``g.adj`` / ``g.succ`` / ``g.pred``: node -> its neighbour mapping, as networkx's
    ``AdjacencyView``. ``reverse`` gives the predecessors of a directed graph."""

    __slots__ = ("_graph", "_reverse")

    def __init__(self, graph: Graph, reverse: bool = False) -> None:
        self._graph = graph
        self._reverse = reverse

    def __getitem__(self, key: KeyLike) -> NeighborView:
        return neighbor_view(self._graph, key, self._reverse)

    def __iter__(self) -> Iterator[NodeKey]:
        return iter(self._graph._node_keys())

    def __len__(self) -> int:
        return self._graph.node_count

    def __contains__(self, key) -> bool:
        return key in self._graph

    def __repr__(self) -> str:
        return f"AdjacencyView({ {k: dict(v) for k, v in self.items()}!r})"


class NeighborView(Mapping):
    """``g[u]`` (and ``g.adj[u]``, ``g.succ[u]``, ``g.pred[u]``): neighbour -> the attribute
    mapping of the edge between them, read from the graph each time."""

    __slots__ = ("_graph", "_key", "_reverse")

    def __init__(self, graph: Graph, key: NodeKey, reverse: bool) -> None:
        self._graph = graph
        self._key = key
        self._reverse = reverse

    def _keys(self) -> list:
        g = self._graph
        return g.predecessors(self._key) if self._reverse else g.successors(self._key)

    def _edge(self, other) -> tuple:
        return (other, self._key) if self._reverse else (self._key, other)

    def __getitem__(self, other: KeyLike) -> EdgeAttrs:
        u, v = self._edge(other)
        return edge_attrs(self._graph, u, v)

    def __iter__(self) -> Iterator[NodeKey]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())

    def __contains__(self, other) -> bool:
        u, v = self._edge(other)
        try:
            return self._graph.has_edge(u, v)
        except (TypeError, OverflowError, UnencodableKeyError):
            return False  # not a key: no graph holds it (a closed graph still raises)

    def __repr__(self) -> str:
        return repr({k: dict(v) for k, v in self.items()})


def neighbor_view(graph: Graph, key, reverse: bool = False) -> NeighborView:
    """``g[key]``: the engine's ``NodeNotFoundError`` at once when the node is missing."""
    key = normalize_key(key)
    if not _has_node(graph, key, "adjacency"):
        graph._node_attrs(key)  # raises the engine's error for the missing node
    return NeighborView(graph, key, reverse and graph.directed)


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
