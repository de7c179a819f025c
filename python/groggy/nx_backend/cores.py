"""networkx's core numbers and k-cores on groggy."""

from __future__ import annotations

import numbers
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import networkx as nx

from .._errors import InvalidOperationError
from .registry import Verdict, implements

if TYPE_CHECKING:
    from ..graph import Graph


@contextmanager
def _no_self_loops() -> Iterator[None]:
    # The one refusal of the engine's core numbers: a graph with a self-loop.
    try:
        yield
    except InvalidOperationError:
        raise nx.NetworkXNotImplemented(
            "Input graph has self loops which is not permitted; "
            "Consider using G.remove_edges_from(nx.selfloop_edges(G))."
        ) from None


@implements("core_number")
def core_number(G: Graph) -> dict[Any, int]:
    with _no_self_loops():
        return G.core_number().to_dict()


def _k_core_check(a: Mapping[str, Any]) -> Verdict:
    k, G = a["k"], a["G"]
    if a["core_number"] is not None:
        return "groggy computes the core numbers itself (no core_number)"
    if k is not None and (isinstance(k, bool) or not isinstance(k, numbers.Integral)):
        return "groggy takes an int k"
    if k is None and len(G) == 0:
        return "networkx fails on the empty graph (max of no core numbers)"
    if getattr(G, "graph", None):
        return "groggy graphs carry no graph attributes (networkx copies G.graph)"
    return True


@implements("k_core", check=_k_core_check)
def k_core(G: Graph, k: int | None = None, core_number: Mapping[Any, int] | None = None) -> Graph:
    with _no_self_loops():
        return G.k_core(k)
