"""networkx's centralities on groggy: degree, eigenvector, Katz, betweenness (nodes and
edges), closeness and harmonic, with networkx's definitions, orders and number types."""

from __future__ import annotations

import numbers
import random
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from .errors import nonnegative_weights, power_iteration
from .registry import Verdict, implements
from .weights import weight_name

if TYPE_CHECKING:
    from ..graph import Graph


def _weight_check(a: Mapping[str, Any], name: str = "weight") -> Verdict:
    if callable(a[name]):
        return f"{name} is a function"
    return True


# ----- degree ----------------------------------------------------------------------------


def _degree(G: Graph, values: Any) -> dict[Any, Any]:
    # networkx gives the node of a one-node graph the int 1 (it divides by n - 1 only
    # when n > 1).
    if len(G) <= 1:
        return {n: 1 for n in G.nodes}
    return values().to_dict()


@implements("degree_centrality")
def degree_centrality(G: Graph) -> dict[Any, Any]:
    return _degree(G, G.degree_centrality)


@implements("in_degree_centrality")
def in_degree_centrality(G: Graph) -> dict[Any, Any]:
    return _degree(G, G.in_degree_centrality)


@implements("out_degree_centrality")
def out_degree_centrality(G: Graph) -> dict[Any, Any]:
    return _degree(G, G.out_degree_centrality)


# ----- spectral --------------------------------------------------------------------------


def _power_check(a: Mapping[str, Any]) -> Verdict:
    if a["nstart"] is not None:
        return "groggy starts from networkx's default vector (no nstart)"
    return _weight_check(a)


@implements("eigenvector_centrality", check=_power_check)
def eigenvector_centrality(
    G: Graph,
    max_iter: int = 100,
    tol: float = 1e-06,
    nstart: Mapping[Any, float] | None = None,
    weight: str | None = None,
) -> dict[Any, float]:
    if len(G) == 0:
        raise nx.NetworkXPointlessConcept("cannot compute centrality for the null graph")
    with power_iteration(max_iter):
        scores = G.eigenvector_centrality(max_iter=max_iter, tol=tol, weight=weight_name(G, weight))
    return scores.to_dict()


@implements("katz_centrality", check=_power_check)
def katz_centrality(
    G: Graph,
    alpha: float = 0.1,
    beta: float | Mapping[Any, float] = 1.0,
    max_iter: int = 1000,
    tol: float = 1e-06,
    nstart: Mapping[Any, float] | None = None,
    normalized: bool = True,
    weight: str | None = None,
) -> dict[Any, float]:
    if len(G) == 0:
        return {}
    try:
        beta = float(beta)  # type: ignore[arg-type]
    except (TypeError, ValueError, AttributeError) as err:
        if set(beta) != set(G.nodes):  # type: ignore[arg-type]
            raise nx.NetworkXError("beta dictionary must have a value for every node") from err
    with power_iteration(max_iter):
        scores = G.katz_centrality(
            alpha=alpha,
            beta=beta,
            max_iter=max_iter,
            tol=tol,
            normalized=bool(normalized),
            weight=weight_name(G, weight),
        )
    return scores.to_dict()


# ----- shortest paths --------------------------------------------------------------------


def _path_weight(G: Graph, weight: Any) -> str | None:
    """The weight as groggy takes it for path centralities, or ``NotImplementedError``
    where networkx's Dijkstra counts paths differently: through an edge of length 0
    (networkx may count such a path twice) or a negative one."""
    name = weight_name(G, weight)
    if name is not None:
        least = G.edge_array(name).min()
        if least is not None and not least > 0:
            raise NotImplementedError("groggy counts paths through weights of 0 differently")
    return name


def _betweenness_check(a: Mapping[str, Any]) -> Verdict:
    k, seed = a["k"], a["seed"]
    if k is not None:
        if isinstance(k, bool) or not isinstance(k, numbers.Integral):
            return "groggy takes an int k"
        if k == 0:
            return "networkx's scaling of no sources divides by zero"
        if not isinstance(seed, random.Random):
            # networkx hands None, ints and numpy Generators over as random.Random objects
            # (a Generator wrapped), whose sample is its own; a legacy numpy RandomState
            # comes wrapped in another interface, whose sample is a numpy array.
            return "groggy draws networkx's sample from a random.Random seed only"
    return _weight_check(a)


def _sample(G: Graph, k: int | None, seed: random.Random) -> list[Any] | None:
    """networkx's sources for ``k``: the sample it draws from ``seed`` (``None``: every
    node). Drawn as networkx draws it, so ``seed`` ends in the same state."""
    if k is None:
        return None
    return seed.sample(list(G.nodes), k)


@implements("betweenness_centrality", check=_betweenness_check)
def betweenness_centrality(
    G: Graph,
    k: int | None = None,
    normalized: bool = True,
    weight: str | None = None,
    endpoints: bool = False,
    seed: Any = None,
) -> dict[Any, float]:
    # Refusals first: a call networkx takes over must find the seed undrawn.
    name = _path_weight(G, weight)
    # networkx computes k equal to the number of nodes exactly, from every node.
    sources = _sample(G, None if k == len(G) else k, seed)
    with nonnegative_weights():
        scores = G.betweenness_centrality(
            normalized=bool(normalized), weight=name, endpoints=bool(endpoints), sources=sources
        )
    return scores.to_dict()


@implements("edge_betweenness_centrality", check=_betweenness_check)
def edge_betweenness_centrality(
    G: Graph,
    k: int | None = None,
    normalized: bool = True,
    weight: str | None = None,
    seed: Any = None,
) -> dict[tuple[Any, Any], float]:
    name = _path_weight(G, weight)
    sources = _sample(G, k, seed)
    with nonnegative_weights():
        return G.edge_betweenness_centrality(
            normalized=bool(normalized), weight=name, sources=sources
        )


def _closeness_check(a: Mapping[str, Any]) -> Verdict:
    if a["u"] is not None:
        return "groggy computes every node's closeness (networkx's one search for u is faster)"
    return _weight_check(a, "distance")


@implements("closeness_centrality", check=_closeness_check)
def closeness_centrality(
    G: Graph, u: Any = None, distance: str | None = None, wf_improved: bool = True
) -> dict[Any, float]:
    with nonnegative_weights():
        scores = G.closeness_centrality(
            weight=weight_name(G, distance), wf_improved=bool(wf_improved)
        )
    return scores.to_dict()


def _harmonic_check(a: Mapping[str, Any]) -> Verdict:
    if a["nbunch"] is not None or a["sources"] is not None:
        return "groggy computes every node's harmonic centrality from every node"
    return _weight_check(a, "distance")


@implements("harmonic_centrality", check=_harmonic_check)
def harmonic_centrality(
    G: Graph, nbunch: Any = None, distance: str | None = None, sources: Any = None
) -> dict[Any, float]:
    with nonnegative_weights():
        scores = G.harmonic_centrality(weight=weight_name(G, distance)).to_dict()
    # networkx fills a dict made from the set of the nodes (so in the set's order), from
    # int zeros that stay ints where no path arrives. The set is built item by item, as
    # networkx's (from a dict, Python would size it at once: another order).
    return {u: scores[u] or 0 for u in set(list(scores))}
