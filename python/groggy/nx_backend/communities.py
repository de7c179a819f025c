"""networkx's community functions on groggy: Louvain, label propagation (both kinds) and
modularity.

groggy's Louvain and asynchronous label propagation draw their own random numbers, so a
seed gives other communities than networkx's for that seed. A seeded call is therefore
left to networkx; without a seed networkx's answer is a random draw too, and groggy's is
one of the same process. The semi-synchronous label propagation is deterministic and
gives networkx's communities, put in networkx's order (by first node)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from networkx.algorithms.community.quality import NotAPartition

from .._errors import InvalidArgumentError
from .registry import Verdict, implements
from .weights import weight_name

if TYPE_CHECKING:
    from ..graph import Graph


def _unseeded(a: Mapping[str, Any]) -> Verdict:
    # networkx's @py_random_state turns seed=None into the random module's own generator.
    if a["seed"] is not random._inst:
        return "groggy draws its own random numbers: a seeded call is networkx's"
    if callable(a["weight"]):
        return "weight is a function"
    return True


def _by_first_node(G: Graph, groups: Iterable[set[Any]]) -> list[set[Any]]:
    """Communities in networkx's order: by their first node in graph order."""
    position = {key: i for i, key in enumerate(G.nodes)}
    return sorted(groups, key=lambda group: min(map(position.__getitem__, group)))


def _louvain_check(a: Mapping[str, Any]) -> Verdict:
    if a["max_level"] is not None:
        return "groggy runs every level (no max_level)"
    return _unseeded(a)


@implements("louvain_communities", check=_louvain_check)
def louvain_communities(
    G: Graph,
    weight: str | None = "weight",
    resolution: float = 1,
    threshold: float = 1e-07,
    max_level: int | None = None,
    seed: Any = None,
) -> list[set[Any]]:
    return G.louvain_communities(
        weight=weight_name(G, weight), resolution=resolution, threshold=threshold, seed=seed
    )


@implements("label_propagation_communities")
def label_propagation_communities(G: Graph) -> Any:
    communities = _by_first_node(G, G.label_propagation_communities())
    return dict(enumerate(communities)).values()  # networkx's type: dict_values


@implements("asyn_lpa_communities", check=_unseeded)
def asyn_lpa_communities(
    G: Graph, weight: str | None = None, seed: Any = None
) -> Iterator[set[Any]]:
    yield from _by_first_node(G, G.asyn_lpa_communities(weight=weight_name(G, weight), seed=seed))


def _modularity_check(a: Mapping[str, Any]) -> Verdict:
    if callable(a["weight"]):
        return "weight is a function"
    return True


@implements("modularity", check=_modularity_check)
def modularity(
    G: Graph, communities: Any, weight: str | None = "weight", resolution: float = 1
) -> float:
    if not isinstance(communities, list):
        communities = list(communities)
    name = weight_name(G, weight)
    try:
        return G.modularity(communities, weight=name, resolution=resolution)
    except (InvalidArgumentError, TypeError, OverflowError) as err:
        raise NotAPartition(G, communities) from err
