"""The networkx names of ``Graph``, with networkx's semantics: a networkx habit either works
as there or fails loudly. Each member is a thin layer over the engine's calls (batches go to
the bulk calls in one crossing); nothing here walks the graph."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Callable

from ._convert import UnencodableKeyError, attr_list, attribute_dicts, key_args, normalize_key
from ._errors import EdgeNotFoundError, NodeNotFoundError
from ._native import lib
from ._types import Attrs, KeyLike, NodeKey
from .views import AdjacencyView, EdgeAttrs, NeighborView, neighbor_view

if TYPE_CHECKING:
    import networkx as nx

    from .graph import Graph

_Pair = tuple[NodeKey, NodeKey]

# What a key that no graph can hold raises: such a key is simply not in the graph.
_NOT_A_KEY = (TypeError, OverflowError, UnencodableKeyError)


class NetworkxMixin:
    """networkx's names on ``Graph`` (see ``PYTHON_API.md``, "Python habits")."""

    __slots__ = ()

    # ----- sizes and kind ----------------------------------------------------------------------

    def number_of_nodes(self: Graph) -> int:
        """The number of nodes, as networkx's ``number_of_nodes()``."""
        return self.node_count

    def number_of_edges(self: Graph, u: KeyLike | None = None, v: KeyLike | None = None) -> int:
        """All edges; with ``u`` and ``v``, 1 when the edge ``(u, v)`` exists, else 0
        (``NodeNotFoundError`` when ``u`` is not a node, as networkx's ``KeyError``)."""
        if u is None:
            return self.edge_count
        self._require_node(u)
        hash(v)  # an unhashable v is a TypeError in networkx too
        try:
            return int(self.has_edge(u, v))
        except _NOT_A_KEY:
            return 0

    def is_directed(self: Graph) -> bool:
        """Whether the graph is directed (the ``directed`` property, as networkx's method)."""
        return self.directed

    def is_multigraph(self: Graph) -> bool:
        """Always False: at most one edge joins two nodes."""
        return False

    def _require_node(self: Graph, key: KeyLike) -> None:
        if not self.has_node(key):
            self._node_attrs(key)  # raises the engine's NodeNotFoundError

    # ----- adding and removing -----------------------------------------------------------------

    def add_nodes_from(self: Graph, nodes_for_adding: Iterable[Any], /, **attr: Any) -> None:
        """As networkx: items are keys or ``(key, attrs)`` pairs; ``attr`` is given to every
        node, an item's own attributes win. Existing nodes keep their other attributes.
        One engine call, all or nothing."""
        items: list[Any] = []
        for n in nodes_for_adding:
            if isinstance(n, (tuple, list)) and len(n) == 2 and isinstance(n[1], Mapping):
                items.append((n[0], {**attr, **n[1]}))
            elif isinstance(n, (tuple, list, dict, set)):
                raise TypeError(
                    f"add_nodes_from: {n!r} is neither a node key nor a (key, attrs) pair"
                )
            else:
                items.append((n, dict(attr)) if attr else n)
        self._add_nodes(items, "add_nodes_from")

    def add_edges_from(self: Graph, ebunch_to_add: Iterable[Any], /, **attr: Any) -> None:
        """As networkx: items are ``(u, v)`` or ``(u, v, attrs)``; ``attr`` is given to every
        edge, an item's own attributes win. Missing endpoints are created; existing edges
        keep their other attributes. One engine call, all or nothing."""
        items: list[Any] = []
        for e in ebunch_to_add:
            size = len(e)
            if size == 3:
                u, v, data = e
                if not isinstance(data, Mapping):
                    raise TypeError(f"add_edges_from: attributes of {e!r} are not a mapping")
                items.append((u, v, {**attr, **data}))
            elif size == 2:
                u, v = e
                items.append((u, v, dict(attr)) if attr else (u, v))
            else:
                raise TypeError(f"add_edges_from: edge {e!r} must be a 2-tuple or 3-tuple")
        self._add_edges(items, "add_edges_from")

    def remove_nodes_from(self: Graph, nodes: Iterable[Any]) -> None:
        """Removes each node and its edges; nodes not in the graph are ignored."""
        for n in list(nodes):
            hash(n)  # an unhashable item is a TypeError in networkx too
            try:
                self.remove_node(n)
            except (NodeNotFoundError, *_NOT_A_KEY):
                pass

    def remove_edges_from(self: Graph, ebunch: Iterable[Any]) -> None:
        """Removes each ``(u, v)`` (or ``(u, v, data)``) edge; missing ones are ignored."""
        for e in list(ebunch):
            u, v = e[:2]
            try:
                self.remove_edge(u, v)
            except (NodeNotFoundError, EdgeNotFoundError, *_NOT_A_KEY):
                pass

    # ----- adjacency ---------------------------------------------------------------------------

    def __getitem__(self: Graph, key: KeyLike) -> NeighborView:
        """``g[u]``: neighbour -> attributes of the edge to it (successors when directed)."""
        return neighbor_view(self, key)

    @property
    def adj(self: Graph) -> AdjacencyView:
        """node -> ``g[node]``."""
        return AdjacencyView(self)

    @property
    def succ(self: Graph) -> AdjacencyView:
        """node -> its successors' edge attributes (the same as ``adj``)."""
        return AdjacencyView(self)

    @property
    def pred(self: Graph) -> AdjacencyView:
        """node -> its predecessors' edge attributes (``adj`` when undirected)."""
        return AdjacencyView(self, reverse=True)

    def has_successor(self: Graph, u: KeyLike, v: KeyLike) -> bool:
        """Whether the edge ``(u, v)`` exists (False when either is not a node)."""
        try:
            return self.has_edge(u, v)
        except _NOT_A_KEY:
            return False

    def has_predecessor(self: Graph, u: KeyLike, v: KeyLike) -> bool:
        """Whether the edge ``(v, u)`` exists (False when either is not a node)."""
        try:
            return self.has_edge(v, u)
        except _NOT_A_KEY:
            return False

    def nbunch_iter(self: Graph, nbunch: Any = None) -> Iterator[NodeKey]:
        """As networkx: every node for None, ``[nbunch]`` for a node, else the items of
        ``nbunch`` that are nodes, in its order."""
        if nbunch is None:
            return iter(self._node_keys())
        if nbunch in self:
            return iter([normalize_key(nbunch)])
        try:
            items = iter(nbunch)
        except TypeError:
            if isinstance(nbunch, int):
                self._require_node(nbunch)  # the engine's NodeNotFoundError
            raise TypeError(
                f"nbunch_iter: {nbunch!r} is not a node nor a sequence of nodes"
            ) from None
        bunch: list[NodeKey] = []
        for n in items:
            hash(n)  # an unhashable item is an error in networkx too
            if n in self:
                bunch.append(normalize_key(n))
        return iter(bunch)

    def out_edges(
        self: Graph, nbunch: Any = None, data: bool | str = False, default: Any = None
    ) -> list[Any]:
        """As networkx's ``DiGraph.out_edges``: ``(u, v)`` for the edges leaving the nodes
        of ``nbunch`` (all when None), by node then successor; ``data=True`` adds the
        attribute mapping, ``data="name"`` that attribute (``default`` where absent)."""
        pairs = [(u, v) for u in self.nbunch_iter(nbunch) for v in self.successors(u)]
        return self._edge_data(pairs, data, default)

    def in_edges(
        self: Graph, nbunch: Any = None, data: bool | str = False, default: Any = None
    ) -> list[Any]:
        """As networkx's ``DiGraph.in_edges``: ``(u, v)`` for the edges entering the nodes
        of ``nbunch``, by node then predecessor; ``data`` as in ``out_edges``."""
        pairs = [(u, v) for v in self.nbunch_iter(nbunch) for u in self.predecessors(v)]
        return self._edge_data(pairs, data, default)

    def _edge_data(
        self: Graph, pairs: list[tuple[NodeKey, NodeKey]], data: bool | str, default: Any
    ) -> list[Any]:
        if data is False:
            return pairs
        if data is True:
            return [(u, v, EdgeAttrs(self, u, v)) for u, v in pairs]
        return [(u, v, self.get_edge_attr(u, v, data, default)) for u, v in pairs]

    # ----- conversions -------------------------------------------------------------------------

    def to_directed(self: Graph) -> Graph:
        """A new directed Graph, as networkx's ``to_directed()``: a copy when directed;
        else each edge both ways, with the nodes' and edges' attributes."""
        if self.directed:
            return self.copy()
        return self._converted(True, lambda pairs: pairs + [(v, u) for u, v in pairs])

    def to_undirected(self: Graph, reciprocal: bool = False) -> Graph:
        """A new undirected Graph, as networkx's ``to_undirected()``: a copy when
        undirected; else one edge per pair of nodes joined either way (with
        ``reciprocal=True``, only pairs joined both ways). Where both ways exist, their
        attributes are merged in networkx's order (by source node, later wins)."""
        if not self.directed:
            return self.copy()

        def edges(pairs: list[_Pair]) -> list[_Pair]:
            position = {k: i for i, k in enumerate(self._node_keys())}
            ordered = sorted(pairs, key=lambda e: position[e[0]])  # stable: adjacency order
            if reciprocal:
                present = set(pairs)
                ordered = [(u, v) for u, v in ordered if (v, u) in present]
            return ordered

        return self._converted(False, edges)

    def to_networkx(self: Graph) -> nx.Graph:
        """A ``networkx.Graph`` (or ``DiGraph``) with the same nodes, edges and attributes,
        in the same order."""
        import networkx as nx

        G = nx.DiGraph() if self.directed else nx.Graph()
        keys, node_dicts, pairs, edge_dicts = self._with_attribute_dicts()
        G.add_nodes_from(zip(keys, node_dicts))
        G.add_edges_from((u, v, d) for (u, v), d in zip(pairs, edge_dicts))
        return G

    def _with_attribute_dicts(
        self: Graph,
    ) -> tuple[list[NodeKey], list[dict[str, Any]], list[_Pair], list[dict[str, Any]]]:
        """The node keys and edge pairs, in graph order, each with its attribute dict."""
        keys = self._node_keys()
        names = self.node_attr_names()
        node_dicts = attribute_dicts(len(keys), names, self.node_array, self._node_presence)
        pairs = self._edge_pairs()
        names = self.edge_attr_names()
        edge_dicts = attribute_dicts(len(pairs), names, self.edge_array, self._edge_presence)
        return keys, node_dicts, pairs, edge_dicts

    def _converted(
        self: Graph, directed: bool, edge_order: Callable[[list[_Pair]], list[_Pair]]
    ) -> Graph:
        """A new Graph with this one's nodes and attributes and the edges ``edge_order``
        gives for this one's edge pairs (with their attributes): two bulk calls."""
        g = type(self)(directed=directed)
        keys, node_dicts, pairs, edge_dicts = self._with_attribute_dicts()
        g.add_nodes(list(zip(keys, node_dicts)))
        by_pair = dict(zip(pairs, edge_dicts))
        # In an undirected graph (v, u) is the edge (u, v).
        g.add_edges(
            [(u, v, by_pair.get((u, v)) or by_pair.get((v, u), {})) for u, v in edge_order(pairs)]
        )
        return g

    # ----- writes of the attribute views ---------------------------------------------------------

    def _update_node(self: Graph, key: KeyLike, attrs: Attrs, op: Any) -> None:
        """Sets ``attrs`` on an existing node in one call (all of them or none); a bad
        value's error names the operation ``op`` (a str or a callable giving it)."""
        self._require_node(key)
        names, values, count, _keep = attr_list(attrs, op)
        self._check(
            lib.gr_graph_add_node(self._handle, *key_args(key, "update"), names, values, count)
        )

    def _update_edge(self: Graph, u: KeyLike, v: KeyLike, attrs: Attrs, op: Any) -> None:
        """Sets ``attrs`` on an existing edge in one call (all of them or none), as
        ``_update_node``."""
        if not self.has_edge(u, v):
            self._edge_attrs(u, v)  # raises the engine's error for the missing edge
        names, values, count, _keep = attr_list(attrs, op)
        self._check(
            lib.gr_graph_add_edge(
                self._handle, *key_args(u, "update"), *key_args(v, "update"), names, values, count
            )
        )
