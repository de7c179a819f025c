"""The filter side of ``Graph``: the nodes or edges a predicate keeps. A predicate is a
Python callable, called by the engine through a C callback, or a query string evaluated
in the engine over the attribute columns. Mixed into ``Graph``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Union

from ._callbacks import StoredError
from ._convert import key_from_args, read_attr_map, take_keys
from ._native import ffi, lib
from ._types import Attrs, NodeKey

if TYPE_CHECKING:
    from .graph import Graph

#: What ``filter_nodes`` takes: ``(key, attrs) -> bool`` or a query string.
NodePredicate = Union[str, Callable[[NodeKey, Attrs], object]]
#: What ``filter_edges`` takes: ``(u, v, attrs) -> bool`` or a query string.
EdgePredicate = Union[str, Callable[[NodeKey, NodeKey, Attrs], object]]


class _Predicate:
    """A Python predicate as a C callback. An exception raised by the predicate stops the
    filter and is kept in ``failure``; the caller re-raises the same exception object
    (cffi would only print it)."""

    def __init__(self, pred: Callable[..., object], edges: bool) -> None:
        self.pred = pred
        self.failure = StoredError()
        if edges:
            self.c_callback = ffi.callback("gr_edge_predicate", self.failure.guard(self._edge))
        else:
            self.c_callback = ffi.callback("gr_node_predicate", self.failure.guard(self._node))

    def _node(
        self, _user_data: Any, key_int: int, key_str: Any, key_len: int, attrs: Any, out_keep: Any
    ) -> None:
        key = key_from_args(key_int, key_str, key_len)
        out_keep[0] = bool(self.pred(key, read_attr_map(attrs)))

    def _edge(
        self,
        _user_data: Any,
        ui: int,
        us: Any,
        ul: int,
        vi: int,
        vs: Any,
        vl: int,
        attrs: Any,
        out_keep: Any,
    ) -> None:
        u = key_from_args(ui, us, ul)
        v = key_from_args(vi, vs, vl)
        out_keep[0] = bool(self.pred(u, v, read_attr_map(attrs)))


class FiltersMixin:
    """``filter_nodes`` and ``filter_edges`` of ``Graph``."""

    __slots__ = ()

    def filter_nodes(self: Graph, pred: NodePredicate) -> list[NodeKey]:
        """Keys of the nodes ``pred`` keeps, in node order. ``pred`` is a callable
        ``(key, attrs) -> bool`` or a query string such as ``"age > 30 AND club == 'Blue'"``
        (evaluated in the engine; a comparison with a missing or null value is false).

        Queries have ``== != < <= > >=``, ``AND``, ``OR``, ``NOT``, parentheses, string,
        int, float and ``true``/``false`` literals and ``has(name)``; a malformed query is
        an ``InvalidArgumentError`` showing the position. A callable's exception comes out
        as the same object; changing the graph inside it raises ``InvalidOperationError``.

        Examples:
            >>> from groggy.datasets import karate_club
            >>> karate_club().filter_nodes("club == 'Officer'")[:3]
            [9, 14, 15]
        """
        if isinstance(pred, str):
            return self._filter_nodes_query(pred)
        if not callable(pred):
            raise TypeError(f"filter_nodes: expected a callable or a query string, not {pred!r}")
        predicate = _Predicate(pred, edges=False)
        out = ffi.new("gr_keys **")
        status = lib.gr_graph_filter_nodes(self._handle, predicate.c_callback, ffi.NULL, out)
        predicate.failure.reraise()
        self._check(status)
        return take_keys(out[0])

    def filter_edges(self: Graph, pred: EdgePredicate) -> list[tuple[NodeKey, NodeKey]]:
        """``(u, v)`` of the edges ``pred`` keeps, in edge order. ``pred`` is a callable
        ``(u, v, attrs) -> bool`` or a query string over edge attributes."""
        if isinstance(pred, str):
            return self._filter_edges_query(pred)
        if not callable(pred):
            raise TypeError(f"filter_edges: expected a callable or a query string, not {pred!r}")
        predicate = _Predicate(pred, edges=True)
        sources, targets = ffi.new("gr_keys **"), ffi.new("gr_keys **")
        status = lib.gr_graph_filter_edges(
            self._handle, predicate.c_callback, ffi.NULL, sources, targets
        )
        predicate.failure.reraise()
        self._check(status)
        return list(zip(take_keys(sources[0]), take_keys(targets[0])))

    def _filter_nodes_query(self: Graph, query: str) -> list[NodeKey]:
        out = ffi.new("gr_keys **")
        b = query.encode("utf-8")
        self._check(lib.gr_graph_filter_nodes_query(self._handle, b, len(b), out))
        return take_keys(out[0])

    def _filter_edges_query(self: Graph, query: str) -> list[tuple[NodeKey, NodeKey]]:
        sources, targets = ffi.new("gr_keys **"), ffi.new("gr_keys **")
        b = query.encode("utf-8")
        self._check(lib.gr_graph_filter_edges_query(self._handle, b, len(b), sources, targets))
        return list(zip(take_keys(sources[0]), take_keys(targets[0])))
