"""Connectivity questions about ``Graph``, answered as networkx answers them, one engine
call each (no component lists cross into Python). Mixed into ``Graph``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ._convert import key_args
from ._native import ffi, lib

if TYPE_CHECKING:
    from ._types import KeyLike
    from .graph import Graph


class ConnectivityMixin:
    """``has_path``, ``is_connected``, ``number_connected_components`` and
    ``is_strongly_connected`` of ``Graph``."""

    __slots__ = ()

    def _answer(self: Graph, function: Callable[..., int], kind: str = "bool *") -> Any:
        answer = ffi.new(kind)
        ptr = self._handle
        self._run(lambda cancel: function(ptr, cancel, answer))
        return answer[0]

    def has_path(self: Graph, u: KeyLike, v: KeyLike) -> bool:
        """Whether a path leads from ``u`` to ``v`` (following edge directions when
        directed); a node reaches itself. ``NodeNotFoundError`` if either is missing.

        Examples:
            >>> from groggy.datasets import karate_club
            >>> karate_club().has_path(0, 33)
            True
        """
        a, b = key_args(u, "has_path"), key_args(v, "has_path")
        found = ffi.new("bool *")
        ptr = self._handle
        self._run(lambda cancel: lib.gr_graph_has_path(ptr, *a, *b, cancel, found))
        return bool(found[0])

    def is_connected(self: Graph) -> bool:
        """Whether an undirected graph is connected. ``InvalidOperationError`` on a
        directed graph (see ``is_strongly_connected``) or one without nodes, as networkx."""
        return bool(self._answer(lib.gr_graph_is_connected))

    def number_connected_components(self: Graph) -> int:
        """How many connected components an undirected graph has (0 without nodes).
        ``InvalidOperationError`` on a directed graph, as networkx
        (``len(g.connected_components())`` counts weak components)."""
        return int(self._answer(lib.gr_graph_number_connected_components, "size_t *"))

    def is_strongly_connected(self: Graph) -> bool:
        """Whether a directed graph is strongly connected. ``InvalidOperationError`` on an
        undirected graph or one without nodes, as networkx."""
        return bool(self._answer(lib.gr_graph_is_strongly_connected))
