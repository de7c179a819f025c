"""Edge weights as networkx reads them: an attribute name, an edge without it weighing 1.

groggy's engine weighs an edge without the attribute 1.0 too, but refuses a name that no
edge has, where networkx weighs every edge 1; such a name is read as no weight at all.
networkx adds the weights as Python numbers, so int weights give int lengths: results
computed in floats are given back as ints when the weights are all ints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..graph import Graph

#: Column types whose sums networkx keeps as ints (bools add as 0 and 1).
_INT_TYPES = ("int8", "int16", "int32", "int64", "bool")


def weight_name(g: Graph, weight: Any) -> str | None:
    """The edge attribute to weigh by: ``None`` for unweighted, also when no edge has it."""
    if weight is None or weight not in g.edge_attr_names():
        return None
    return weight


def int_weights(g: Graph, name: str | None) -> bool:
    """Whether lengths along the edge attribute ``name`` (``None``: hops) are ints in
    networkx."""
    return name is None or g.edge_array(name).dtype in _INT_TYPES


def as_lengths(values: dict[Any, Any], ints: bool) -> dict[Any, Any]:
    """Path lengths as networkx types them (``ints``: int weights or hops)."""
    if ints:
        return {k: int(v) for k, v in values.items()}
    return values
