"""networkx's degree views: ``g.degree``, ``g.in_degree``, ``g.out_degree``. Counts come from
the engine; the weighted degrees of all nodes sum one read of the edge list and of the
weight column (no call per edge). After
``close()`` every use raises ``InvalidOperationError``."""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    from ._types import KeyLike, NodeKey
    from .graph import Graph


class DegreeView:
    """``g.degree``, ``g.in_degree``, ``g.out_degree``, as networkx's degree views:
    ``view[n]`` and ``view(n)`` give one node's degree, ``view()`` / ``view(nbunch)`` an
    iterable of ``(key, degree)`` pairs (so ``dict(view)`` works), ``len`` the node count.
    ``weight="name"`` sums that edge attribute instead, 1 for an edge without it."""

    __slots__ = ("_graph", "_kind", "_nbunch", "_weight")

    def __init__(
        self,
        graph: Graph,
        kind: str,
        nbunch: list[NodeKey] | None = None,
        weight: str | None = None,
    ) -> None:
        self._graph = graph
        self._kind = kind  # "degree", "in_degree" or "out_degree"
        self._nbunch = nbunch
        self._weight = weight

    @overload
    def __call__(self, nbunch: None = None, weight: str | None = None) -> DegreeView: ...
    @overload
    def __call__(self, nbunch: KeyLike, weight: None = None) -> int: ...  # type: ignore[overload-overlap]
    @overload
    def __call__(self, nbunch: KeyLike, weight: str) -> float: ...  # type: ignore[overload-overlap]
    @overload
    def __call__(self, nbunch: Iterable[Any], weight: str | None = None) -> DegreeView: ...
    def __call__(self, nbunch: Any = None, weight: str | None = None) -> Any:
        """``view(key)``: that node's degree; ``view()`` / ``view(nbunch)``: a view of
        ``(key, degree)`` pairs for every node or those of ``nbunch``. With ``weight``, the
        sum of that edge attribute (1 where an edge lacks it) instead of the count."""
        if nbunch is None:
            if weight == self._weight:
                return self
            return DegreeView(self._graph, self._kind, None, weight)
        if _is_single_key(nbunch):
            return self._one(nbunch, weight)
        return DegreeView(self._graph, self._kind, list(self._graph.nbunch_iter(nbunch)), weight)

    def __getitem__(self, key: KeyLike) -> Any:
        return self._one(key, self._weight)

    def __len__(self) -> int:
        if self._nbunch is None:
            return self._graph.node_count
        return len(self._nbunch)

    def __iter__(self) -> Iterator[tuple[NodeKey, Any]]:
        return iter(self._pairs())

    def __repr__(self) -> str:
        name = {"degree": "DegreeView", "in_degree": "InDegreeView"}.get(self._kind)
        return f"{name or 'OutDegreeView'}({dict(self._pairs())!r})"

    def _count_function(self) -> Any:
        g = self._graph
        return {"degree": g._degree, "in_degree": g._in_degree, "out_degree": g._out_degree}[
            self._kind
        ]

    def _one(self, key: KeyLike, weight: str | None) -> Any:
        if weight is None:
            return self._count_function()(key)
        return _weighted_degree(self._graph, key, self._kind, weight)

    def _pairs(self) -> list[tuple[NodeKey, Any]]:
        g = self._graph
        if self._weight is not None:
            if self._nbunch is None:
                return list(_weighted_degrees(g, self._kind, self._weight).items())
            return [(k, _weighted_degree(g, k, self._kind, self._weight)) for k in self._nbunch]
        if self._nbunch is None and (self._kind == "degree" or not g.directed):
            return list(g.degrees().items())  # one engine call
        keys = g._node_keys() if self._nbunch is None else self._nbunch
        count = self._count_function()
        return [(k, count(k)) for k in keys]


def _is_single_key(nbunch: object) -> bool:
    """Whether ``g.degree(x)`` means one node: anything but an iterable of keys (a str or
    bytes is one key, as are numbers and the types the engine refuses)."""
    if isinstance(nbunch, (str, bytes, bytearray, memoryview)):
        return True
    try:
        iter(nbunch)
    except TypeError:
        return True
    return False


def _edge_weight(value: Any, name: str, u: NodeKey, v: NodeKey, op: str) -> float:
    if isinstance(value, numbers.Number):
        return value
    raise TypeError(
        f"{op}: the attribute {name!r} of edge ({u!r}, {v!r}) is not a number: {value!r}"
    )


def _weighted_degree(g: Graph, key: KeyLike, kind: str, weight: str) -> float:
    """One node's degree as the sum of ``weight`` over its edges (1 where absent), counted
    as networkx does: in + out when directed, a self-loop twice when undirected."""
    total: float = 0
    if kind != "in_degree" or not g.directed:
        for other in g.successors(key):
            w = _edge_weight(g.get_edge_attr(key, other, weight, 1), weight, key, other, kind)
            # An undirected self-loop counts twice, as in networkx.
            total += w + w if other == key and not g.directed else w
    if g.directed and kind != "out_degree":
        for other in g.predecessors(key):
            total += _edge_weight(g.get_edge_attr(other, key, weight, 1), weight, other, key, kind)
    return total


def _weighted_degrees(g: Graph, kind: str, weight: str) -> dict[NodeKey, float]:
    """Every node's weighted degree in node order, from one read of the edge list and of
    the weight column (no call per edge)."""
    totals = dict.fromkeys(g._node_keys(), 0)
    pairs = g._edge_pairs()
    try:
        values = g.edge_array(weight).to_list()
        present = g._edge_presence(weight)
    except KeyError:  # no edge has it: every edge weighs 1
        values, present = [1] * len(pairs), [False] * len(pairs)
    directed = g.directed
    for (u, v), value, there in zip(pairs, values, present):
        w = _edge_weight(value, weight, u, v, kind) if there else 1
        if not directed or kind != "in_degree":
            totals[u] += w
        if not directed or kind != "out_degree":
            totals[v] += w
    return totals
