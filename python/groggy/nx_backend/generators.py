"""networkx's classic generators on groggy (complete, path, cycle and star graphs): the
same nodes, edges and neighbour orders, as a groggy Graph (networkx's rule for a backend's
generators)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import generators
from ..graph import Graph
from .registry import Verdict, implements


def _check(a: Mapping[str, Any]) -> Verdict:
    if a["create_using"] is not None:
        return "groggy makes its own graphs (no create_using)"
    if type(a["n"]) is not int or a["n"] < 0:
        return "groggy takes a number of nodes (networkx also takes nodes, or refuses n < 0)"
    return True


@implements("complete_graph", check=_check)
def complete_graph(n: int, create_using: Any = None) -> Graph:
    return generators.complete_graph(n)


@implements("path_graph", check=_check)
def path_graph(n: int, create_using: Any = None) -> Graph:
    return generators.path_graph(n)


@implements("cycle_graph", check=_check)
def cycle_graph(n: int, create_using: Any = None) -> Graph:
    return generators.cycle_graph(n)


@implements("star_graph", check=_check)
def star_graph(n: int, create_using: Any = None) -> Graph:
    return generators.star_graph(n)
