"""networkx's PageRank on groggy (the same iteration and stopping rule as networkx's)."""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .errors import power_iteration
from .registry import Verdict, implements
from .weights import weight_name

if TYPE_CHECKING:
    from ..graph import Graph


def _pagerank_check(a: Mapping[str, Any]) -> Verdict:
    if a["nstart"] is not None or a["dangling"] is not None:
        return (
            "groggy starts from the uniform vector and spreads dangling nodes' rank as the "
            "personalization (no nstart or dangling)"
        )
    if callable(a["weight"]):
        return "weight is a function"
    if not (_plain_number(a["alpha"]) and 0 < a["alpha"] < 1):
        return "groggy takes alpha in (0, 1)"
    personalization = a["personalization"]
    if personalization is not None:
        if not isinstance(personalization, Mapping):
            return "personalization is not a mapping"
        if any(not _plain_number(v) or v < 0 for v in personalization.values()):
            return "groggy takes non-negative numbers as personalization"
    return True


def _plain_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


@implements("pagerank", check=_pagerank_check)
def pagerank(
    G: Graph,
    alpha: float = 0.85,
    personalization: Mapping[Any, float] | None = None,
    max_iter: int = 100,
    tol: float = 1e-06,
    nstart: Mapping[Any, float] | None = None,
    weight: str | None = "weight",
    dangling: Mapping[Any, float] | None = None,
) -> dict[Any, float]:
    if len(G) == 0:
        return {}
    if personalization is not None:
        # networkx reads personalization[n] for the nodes n of G: other keys do not count.
        personalization = {k: v for k, v in personalization.items() if k in G}
        if sum(personalization.values()) == 0:
            raise ZeroDivisionError
    with power_iteration(max_iter):
        scores = G.pagerank(
            alpha=alpha,
            max_iter=max_iter,
            tol=tol,
            weight=weight_name(G, weight),
            personalization=personalization,
        )
    return scores.to_dict()
