"""``Graph``: the Python face of a ``gr_graph`` handle."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NoReturn

from ._args import bool_arg
from ._convert import (
    INT64_MAX,
    INT64_MIN,
    KeyArray,
    SparseAttrs,
    UnencodableKeyError,
    attr_list,
    fill_value,
    in_context,
    key_args,
    normalize_key,
    scratch,
    take_attr_map,
    take_keys,
    take_owned_value,
    take_strings,
)
from ._errors import AttributeNotFoundError, error_from_status
from ._handle import NativeHandle
from ._native import NULL, ffi, lib
from ._types import MISSING, Attrs, KeyLike, NodeKey
from .algorithms import AlgorithmsMixin
from .array import GraphArray
from .centrality import CentralityMixin
from .clustering import ClusteringMixin
from .columns import ColumnsMixin
from .communities import CommunitiesMixin
from .connectivity import ConnectivityMixin
from .dag import DagMixin
from .degrees import DegreeView
from .filters import FiltersMixin
from .markup_writers import MarkupMixin
from .networkx_names import NetworkxMixin
from .nodemap import NodeMap
from .parquet import ParquetMixin
from .path_centrality import PathCentralityMixin
from .pool import MemoryPool
from .saving import FilesMixin
from .search_trees import SearchTreesMixin
from .views import EdgeView, NodeView

# The per-call fast paths, bound once (an attribute lookup on `lib` costs a dict lookup).
_add_node_int = lib.gr_graph_add_node_int
_has_node_int = lib.gr_graph_has_node_int
_get_node_attr = lib.gr_graph_get_node_attr


class Graph(
    ColumnsMixin,
    AlgorithmsMixin,
    CentralityMixin,
    ConnectivityMixin,
    PathCentralityMixin,
    SearchTreesMixin,
    ClusteringMixin,
    DagMixin,
    CommunitiesMixin,
    FiltersMixin,
    FilesMixin,
    ParquetMixin,
    MarkupMixin,
    NetworkxMixin,
    NativeHandle,
):
    """A directed or undirected graph with int or str node keys and typed attributes.

    Args:
        directed: whether edges have a direction (``add_edge(u, v)`` then joins ``u`` to
            ``v`` only).
        pool: a ``MemoryPool`` whose budget the graph's memory counts against (shared with
            the pool's other graphs); ``None``: the library's general memory.
        profiling: record per-operation counts and times, read with ``profile_stats()``.

    Node keys are ``int`` (within int64) or ``str``, and keep their kind: ``1`` and ``"1"``
    are two nodes. Every order (iteration, arrays, tables) is insertion order. A graph is
    safe to share between threads; ``close()`` (or a ``with`` block) frees its native
    memory at once.

    Examples:
        >>> g = Graph()
        >>> g.add_edge("alice", "bob", weight=2.0)
        >>> g.degree("alice")
        1
        >>> g["alice"]["bob"]["weight"]
        2.0
    """

    __slots__ = ("__weakref__",)
    _free = lib.gr_graph_free
    #: networkx dispatches its functions on a Graph to groggy's backend (functions groggy
    #: lacks run in networkx on a converted copy when ``nx.config.fallback_to_nx`` is on).
    __networkx_backend__ = "groggy"

    def __init__(
        self, directed: bool = False, *, pool: MemoryPool | None = None, profiling: bool = False
    ) -> None:
        directed = bool_arg(directed, "directed", "Graph")
        profiling = bool_arg(profiling, "profiling", "Graph")
        out = scratch.graph
        if pool is None:
            self._check(lib.gr_graph_new(directed, out))
        else:
            if not isinstance(pool, MemoryPool):
                raise TypeError(f"pool must be a groggy.MemoryPool, not {type(pool).__name__}")
            self._check(lib.gr_graph_new_in_pool(directed, pool._handle, out))
        self._own(out[0])
        if profiling:
            self._check(lib.gr_graph_set_profiling(self._handle, True))

    def memory_usage(self) -> int:
        """Bytes the graph's structures hold now (nodes, edges, keys, attributes)."""
        out = scratch.size
        self._check(lib.gr_graph_memory_usage(self._handle, out))
        return out[0]

    def profile_stats(self) -> dict[str, dict[str, float]]:
        """With ``Graph(profiling=True)``: per operation that crossed into the engine,
        ``{"count", "total_ms", "max_ms"}``. Empty when profiling is off."""
        names = ffi.new("gr_string_list **")
        arrays = [ffi.new("gr_array **") for _ in range(3)]
        self._check(lib.gr_graph_profile_stats(self._handle, names, *arrays))
        ops = take_strings(names[0])
        counts, total, longest = (GraphArray._wrap(a[0]).to_list() for a in arrays)
        return {
            op: {"count": c, "total_ms": t / 1e6, "max_ms": m / 1e6}
            for op, c, t, m in zip(ops, counts, total, longest)
        }

    # ----- errors and lifetime -------------------------------------------------------------

    def _check(self, status: int) -> None:
        if status:
            self._raise(status)

    def _raise(self, status: int) -> NoReturn:
        raise error_from_status(status)

    def close(self) -> None:
        """Frees the native graph: now, or, when calls on it are still running (on other
        threads, or the callback this is called from), as soon as the last of them returns.
        Never waits. Later use raises ``InvalidOperationError``; closing twice is fine."""
        lib.gr_graph_close(self._handle)

    @property
    def closed(self) -> bool:
        """Whether ``close()`` was called."""
        out = scratch.found
        self._check(lib.gr_graph_is_closed(self._handle, out))
        return bool(out[0])

    def __copy__(self) -> Graph:
        return self.copy()

    def __deepcopy__(self, memo: object) -> Graph:
        return self.copy()

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        # Pickled as the native format's bytes, made in memory: lossless for every type.
        out = ffi.new("gr_buffer **")
        self._check(lib.gr_graph_save_buffer(self._handle, out))
        buffer = ffi.gc(out[0], lib.gr_buffer_free)
        data, size = ffi.new("const uint8_t **"), scratch.size
        self._check(lib.gr_buffer_data(buffer, data, size))
        return (_graph_from_native_bytes, (bytes(ffi.buffer(data[0], size[0])),))

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        if self.closed:
            return "<groggy.Graph (closed)>"
        kind = "directed" if self.directed else "undirected"
        return f"<groggy.Graph {kind}, {self.node_count} nodes, {self.edge_count} edges>"

    # ----- sizes -----------------------------------------------------------------------------

    @property
    def directed(self) -> bool:
        """Whether the graph is directed (fixed when it is made)."""
        out = scratch.found
        self._check(lib.gr_graph_is_directed(self._handle, out))
        return bool(out[0])

    @property
    def node_count(self) -> int:
        """The number of nodes (also ``len(g)``)."""
        out = scratch.size
        self._check(lib.gr_graph_node_count(self._handle, out))
        return out[0]

    @property
    def edge_count(self) -> int:
        """The number of edges."""
        out = scratch.size
        self._check(lib.gr_graph_edge_count(self._handle, out))
        return out[0]

    def __len__(self) -> int:
        return self.node_count

    def __contains__(self, key: object) -> bool:
        try:
            return self.has_node(key)
        except (TypeError, OverflowError, UnencodableKeyError):
            return False

    def __iter__(self) -> Iterator[NodeKey]:
        return iter(self.nodes)

    # ----- nodes -------------------------------------------------------------------------------

    def add_node(self, key: KeyLike, /, **attrs: Any) -> None:
        """Adds a node, or updates the attributes of an existing one (attributes not named
        keep their values).

        Examples:
            >>> g = Graph()
            >>> g.add_node("alice", age=30)
            >>> g.nodes["alice"]
            {'age': 30}
        """
        if type(key) is int and not attrs:
            # The hot path of one-at-a-time adds: cffi itself refuses ints beyond int64.
            try:
                status = _add_node_int(self._handle, key)
            except OverflowError:
                key_args(key, "add_node")  # raises the error that names the operation
                raise
            if status:
                self._raise(status)
            return
        k, s, n = key_args(key, "add_node")
        if attrs:
            names, values, count, _keep = attr_list(attrs, "add_node")
            status = lib.gr_graph_add_node(self._handle, k, s, n, names, values, count)
        else:
            status = lib.gr_graph_add_node(self._handle, k, s, n, NULL, NULL, 0)
        if status:
            self._raise(status)

    def add_nodes(self, items: Iterable[Any]) -> None:
        """Adds many nodes in one call. Items are keys, ``(key, attrs)`` pairs or
        ``{"id": key, "attrs": {...}}`` dicts; a later duplicate updates an earlier one.
        All or nothing: on any bad item it raises and the graph is unchanged."""
        self._add_nodes(items, "add_nodes")

    def _add_nodes(self, items: Iterable[Any], op: str) -> None:
        """``add_nodes``, its errors naming the operation ``op``."""
        keys = []
        attrs = []
        for i, item in enumerate(items):
            if isinstance(item, tuple):
                if len(item) != 2 or not isinstance(item[1], dict):
                    raise TypeError(f"{op}: item {i} is not a (key, attrs) pair: {item!r}")
                keys.append(item[0])
                attrs.append((i, item[1]))
            elif isinstance(item, dict):
                if "id" not in item:
                    raise TypeError(f"{op}: item {i} has no 'id': {item!r}")
                keys.append(item["id"])
                item_attrs = item.get("attrs") or {}
                if not isinstance(item_attrs, dict):
                    raise TypeError(f"{op}: 'attrs' of item {i} is not a dict")
                attrs.append((i, item_attrs))
            else:
                keys.append(item)
        key_array = KeyArray(keys, op)
        sparse = SparseAttrs(attrs, op, lambda i: f"node {normalize_key(keys[i])!r}")
        self._check(
            lib.gr_graph_add_nodes(self._handle, *key_array.args, key_array.n, *sparse.args)
        )

    def remove_node(self, key: KeyLike) -> None:
        """Removes a node and its edges; ``NodeNotFoundError`` when it is not there."""
        status = lib.gr_graph_remove_node(self._handle, *key_args(key, "remove_node"))
        if status:
            self._raise(status)

    def has_node(self, key: KeyLike) -> bool:
        """Whether ``key`` is a node (``key in g`` also answers False for a key of a type
        no graph holds, where this raises ``TypeError``)."""
        out = scratch.found
        if type(key) is int:
            try:
                status = _has_node_int(self._handle, key, out)
            except OverflowError:
                key_args(key, "has_node")  # raises the error that names the operation
                raise
        else:
            status = lib.gr_graph_has_node(self._handle, *key_args(key, "has_node"), out)
        if status:
            self._raise(status)
        return out[0]

    def _node_list(self, function: Any, key: KeyLike, op: str) -> list[NodeKey]:
        out = scratch.keys
        self._check(function(self._handle, *key_args(key, op), out))
        return take_keys(out[0])

    def neighbors(self, key: KeyLike) -> list[NodeKey]:
        """Neighbours in edge order (for directed graphs, the successors)."""
        return self._node_list(lib.gr_graph_neighbors, key, "neighbors")

    def successors(self, key: KeyLike) -> list[NodeKey]:
        """The nodes an edge from ``key`` leads to, in edge order (the neighbours when
        undirected)."""
        return self._node_list(lib.gr_graph_successors, key, "successors")

    def predecessors(self, key: KeyLike) -> list[NodeKey]:
        """The nodes with an edge to ``key``, in edge order (the neighbours when
        undirected)."""
        return self._node_list(lib.gr_graph_predecessors, key, "predecessors")

    def _count(self, function: Any, key: KeyLike, op: str) -> int:
        out = scratch.size
        self._check(function(self._handle, *key_args(key, op), out))
        return out[0]

    def _degree(self, key) -> int:
        return self._count(lib.gr_graph_degree, key, "degree")

    def _in_degree(self, key) -> int:
        return self._count(lib.gr_graph_in_degree, key, "in_degree")

    def _out_degree(self, key) -> int:
        return self._count(lib.gr_graph_out_degree, key, "out_degree")

    @property
    def degree(self) -> DegreeView:
        """As networkx's ``G.degree``: ``g.degree(key)`` and ``g.degree[key]`` give one
        node's degree (in + out for directed graphs; a self-loop counts twice when
        undirected), ``g.degree()`` / ``g.degree(nbunch)`` ``(key, degree)`` pairs,
        ``weight="name"`` sums that edge attribute (1 where absent)."""
        return DegreeView(self, "degree")

    @property
    def in_degree(self) -> DegreeView:
        """As ``degree``, counting the edges entering each node (all of them when undirected)."""
        return DegreeView(self, "in_degree")

    @property
    def out_degree(self) -> DegreeView:
        """As ``degree``, counting the edges leaving each node (all of them when undirected)."""
        return DegreeView(self, "out_degree")

    def degrees(self) -> NodeMap[int]:
        """The degree of every node, as a NodeMap in node order."""
        keys_out, array_out = scratch.keys, scratch.array
        self._check(lib.gr_graph_degrees(self._handle, keys_out, array_out))
        return NodeMap(keys_out[0], GraphArray._wrap(array_out[0]))

    @property
    def nodes(self) -> NodeView:
        """The nodes: iterate keys, ``len``, ``in``, ``g.nodes[key]`` -> attributes."""
        return NodeView(self)

    def _node_keys(self) -> list[NodeKey]:
        out = scratch.keys
        self._check(lib.gr_graph_nodes(self._handle, out))
        return take_keys(out[0])

    def _node_attrs(self, key: KeyLike) -> Attrs:
        out = scratch.map
        self._check(lib.gr_graph_node_attrs(self._handle, *key_args(key, "nodes"), out))
        return take_attr_map(out[0])

    # ----- edges -------------------------------------------------------------------------------

    def add_edge(self, u: KeyLike, v: KeyLike, /, **attrs: Any) -> None:
        """Adds an edge, creating missing endpoints; on an existing edge updates its
        attributes (at most one edge joins two nodes).

        Examples:
            >>> g = Graph()
            >>> g.add_edge("alice", "bob", weight=2.0)
            >>> g.edges["alice", "bob"]
            {'weight': 2.0}
        """
        uk, us, un = key_args(u, "add_edge")
        vk, vs, vn = key_args(v, "add_edge")
        if attrs:
            names, values, count, _keep = attr_list(attrs, "add_edge")
            status = lib.gr_graph_add_edge(
                self._handle, uk, us, un, vk, vs, vn, names, values, count
            )
        else:
            status = lib.gr_graph_add_edge(self._handle, uk, us, un, vk, vs, vn, NULL, NULL, 0)
        if status:
            self._raise(status)

    def add_edges(self, items: Iterable[Any]) -> None:
        """Adds many edges in one call: ``(u, v)`` or ``(u, v, attrs)`` items; a later
        duplicate updates an earlier one. All or nothing."""
        self._add_edges(items, "add_edges")

    def _add_edges(self, items: Iterable[Any], op: str) -> None:
        """``add_edges``, its errors naming the operation ``op``."""
        sources = []
        targets = []
        attrs = []
        for i, item in enumerate(items):
            size = len(item) if isinstance(item, (tuple, list)) else -1
            if size == 2:
                u, v = item
            elif size == 3:
                u, v, item_attrs = item
                if not isinstance(item_attrs, dict):
                    raise TypeError(f"{op}: attrs of item {i} is not a dict")
                attrs.append((i, item_attrs))
            else:
                raise TypeError(f"{op}: item {i} is not (u, v) or (u, v, attrs): {item!r}")
            sources.append(u)
            targets.append(v)
        src = KeyArray(sources, op)
        dst = KeyArray(targets, op)
        sparse = SparseAttrs(
            attrs,
            op,
            lambda i: f"edge ({normalize_key(sources[i])!r}, {normalize_key(targets[i])!r})",
        )
        self._check(lib.gr_graph_add_edges(self._handle, *src.args, *dst.args, src.n, *sparse.args))

    def remove_edge(self, u: KeyLike, v: KeyLike) -> None:
        """Removes the edge ``(u, v)``; ``EdgeNotFoundError`` when it is not there
        (``NodeNotFoundError`` when an endpoint is not a node)."""
        status = lib.gr_graph_remove_edge(
            self._handle, *key_args(u, "remove_edge"), *key_args(v, "remove_edge")
        )
        if status:
            self._raise(status)

    def has_edge(self, u: KeyLike, v: KeyLike) -> bool:
        """Whether the edge ``(u, v)`` exists (either way round when undirected)."""
        out = scratch.found
        status = lib.gr_graph_has_edge(
            self._handle, *key_args(u, "has_edge"), *key_args(v, "has_edge"), out
        )
        if status:
            self._raise(status)
        return out[0]

    @property
    def edges(self) -> EdgeView:
        """The edges: iterate ``(u, v)``, ``len``, ``in``, ``g.edges[u, v]`` -> attributes."""
        return EdgeView(self)

    def _edge_pairs(self) -> list[tuple[NodeKey, NodeKey]]:
        s, t = scratch.keys, scratch.keys2
        self._check(lib.gr_graph_edges(self._handle, s, t))
        sources, targets = s[0], t[0]
        return list(zip(take_keys(sources), take_keys(targets)))

    def _edge_attrs(self, u: KeyLike, v: KeyLike) -> Attrs:
        out = scratch.map
        self._check(
            lib.gr_graph_edge_attrs(self._handle, *key_args(u, "edges"), *key_args(v, "edges"), out)
        )
        return take_attr_map(out[0])

    # ----- attributes --------------------------------------------------------------------------

    def get_node_attr(self, key: KeyLike, name: str, default: Any = MISSING) -> Any:
        """The attribute ``name`` of a node: ``default`` when the node lacks it, or without
        a default ``AttributeNotFoundError`` (a ``KeyError``). An attribute set to ``None``
        exists and reads as ``None``. ``NodeNotFoundError`` when ``key`` is not a node."""
        # The hot path of per-item reads, written out: int key, no helper calls.
        b = name.encode("utf-8") if type(name) is str else _name_bytes(name)
        s = scratch
        out, found = s.value, s.found
        if type(key) is int and INT64_MIN <= key <= INT64_MAX:
            status = _get_node_attr(self._handle, key, NULL, 0, b, len(b), out, found)
        else:
            status = _get_node_attr(
                self._handle, *key_args(key, "get_node_attr"), b, len(b), out, found
            )
        if status:
            self._raise(status)
        if found[0]:
            return take_owned_value(out)
        if default is MISSING:
            raise AttributeNotFoundError(
                f"get_node_attr: node {key!r} has no attribute {name!r}",
                code=lib.GR_STATUS_ATTRIBUTE_NOT_FOUND,
                operation="get_node_attr",
            )
        return default

    def set_node_attr(self, key: KeyLike, name: str, value: Any) -> None:
        """Sets the attribute ``name`` of an existing node (``None`` stores a null).
        ``TypeError`` for a value of an unsupported type."""
        args = key_args(key, "set_node_attr")
        self._set_attr(lib.gr_graph_set_node_attr, args, name, value, "set_node_attr")

    def remove_node_attr(self, key: KeyLike, name: str) -> None:
        """Removes the attribute ``name`` of a node: afterwards the node does not have it
        (absent, not ``None``). ``KeyError`` (``AttributeNotFoundError``) when it does not
        have it, as ``del G.nodes[key][name]`` in networkx."""
        b = _name_bytes(name)
        args = key_args(key, "remove_node_attr")
        self._check(lib.gr_graph_remove_node_attr(self._handle, *args, b, len(b)))

    def get_edge_attr(self, u: KeyLike, v: KeyLike, name: str, default: Any = MISSING) -> Any:
        """The attribute ``name`` of the edge ``(u, v)``: ``default`` when the edge lacks
        it, or without a default ``AttributeNotFoundError`` (a ``KeyError``)."""
        value, found = self._get_attr(
            lib.gr_graph_get_edge_attr,
            key_args(u, "get_edge_attr") + key_args(v, "get_edge_attr"),
            name,
        )
        if found:
            return value
        if default is MISSING:
            raise AttributeNotFoundError(
                f"get_edge_attr: edge ({u!r}, {v!r}) has no attribute {name!r}",
                code=lib.GR_STATUS_ATTRIBUTE_NOT_FOUND,
                operation="get_edge_attr",
            )
        return default

    def set_edge_attr(self, u: KeyLike, v: KeyLike, name: str, value: Any) -> None:
        """Sets the attribute ``name`` of an existing edge (``None`` stores a null)."""
        self._set_attr(
            lib.gr_graph_set_edge_attr,
            key_args(u, "set_edge_attr") + key_args(v, "set_edge_attr"),
            name,
            value,
            "set_edge_attr",
        )

    def remove_edge_attr(self, u: KeyLike, v: KeyLike, name: str) -> None:
        """Removes the attribute ``name`` of the edge ``(u, v)``, as ``remove_node_attr``."""
        b = _name_bytes(name)
        args = key_args(u, "remove_edge_attr") + key_args(v, "remove_edge_attr")
        self._check(lib.gr_graph_remove_edge_attr(self._handle, *args, b, len(b)))

    def _get_attr(self, function: Any, keys: tuple[Any, ...], name: str) -> tuple[Any, bool]:
        b = _name_bytes(name)
        out, found = scratch.value, scratch.found
        status = function(self._handle, *keys, b, len(b), out, found)
        if status:
            self._raise(status)
        if not found[0]:
            return None, False
        return take_owned_value(out), True

    def _set_attr(
        self, function: Any, keys: tuple[Any, ...], name: str, value: Any, op: Any
    ) -> None:
        b = _name_bytes(name)
        keep: list = []
        cval = ffi.new("gr_attr_value *")
        try:
            fill_value(cval, value, keep)
        except (TypeError, OverflowError) as err:
            raise in_context(err, op, f"attribute {name!r}") from None
        self._check(function(self._handle, *keys, b, len(b), cval))

    def _set_node_attr(self, key: KeyLike, name: str, value: Any, op: Any) -> None:
        """``set_node_attr``, a bad value's error naming the operation ``op`` (a str, or a
        callable that gives it: the views name themselves only once a write failed)."""
        self._set_attr(lib.gr_graph_set_node_attr, key_args(key, "set_node_attr"), name, value, op)

    def _set_edge_attr(self, u: KeyLike, v: KeyLike, name: str, value: Any, op: Any) -> None:
        """``set_edge_attr``, a bad value's error naming ``op`` as ``_set_node_attr``."""
        self._set_attr(
            lib.gr_graph_set_edge_attr,
            key_args(u, "set_edge_attr") + key_args(v, "set_edge_attr"),
            name,
            value,
            op,
        )

    def node_attr_names(self) -> list[str]:
        """Names of the node attributes at least one node has."""
        out = scratch.strings
        self._check(lib.gr_graph_node_attr_names(self._handle, out))
        return take_strings(out[0])

    def edge_attr_names(self) -> list[str]:
        """Names of the edge attributes at least one edge has."""
        out = scratch.strings
        self._check(lib.gr_graph_edge_attr_names(self._handle, out))
        return take_strings(out[0])

    # ----- whole graph -------------------------------------------------------------------------

    def copy(self) -> Graph:
        """A deep copy."""
        out = scratch.graph
        self._check(lib.gr_graph_copy(self._handle, out))
        return Graph._adopt(out[0])

    def subgraph(self, keys: Iterable[KeyLike]) -> Graph:
        """The subgraph induced by ``keys`` (keys not in the graph are ignored), as a new
        Graph with the attributes of its nodes and edges."""
        key_array = KeyArray(keys, "subgraph")
        out = scratch.graph
        self._check(lib.gr_graph_subgraph(self._handle, *key_array.args, key_array.n, out))
        return Graph._adopt(out[0])

    def clear(self) -> None:
        """Removes every node, edge and attribute."""
        self._check(lib.gr_graph_clear(self._handle))


def _name_bytes(name: object) -> bytes:
    if type(name) is not str:
        if not isinstance(name, str):
            raise TypeError(f"attribute names must be str, not {type(name).__name__}")
    return name.encode("utf-8")


__all__ = ["Graph"]


def _graph_from_native_bytes(data: bytes) -> Graph:
    """The graph a pickle holds (see ``Graph.__reduce__``)."""
    out = scratch.graph
    status = lib.gr_graph_load_buffer(ffi.from_buffer("uint8_t[]", data), len(data), out)
    if status:
        raise error_from_status(status)
    return Graph._adopt(out[0])
