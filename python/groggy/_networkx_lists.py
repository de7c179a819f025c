"""A networkx graph's adjacency as the engine's neighbour lists: every node's neighbours
by node position, in networkx's order (``G.adj``, and a DiGraph's predecessors in
``G.pred`` order). ``Graph._add_adjacency`` loads them in one call and the engine keeps
both orders, so traversals visit nodes as networkx's do. What ``from_networkx`` and the
networkx backend's conversion load."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate, chain
from operator import methodcaller
from typing import Any, NamedTuple

from .columns import NeighbourLists, position_array


class NetworkxLists(NamedTuple):
    """A networkx graph's nodes (in ``G`` order), its neighbour lists (``out``: ``G.adj``;
    ``into``: a DiGraph's ``G.pred``, else None) and the attribute mapping of each ``out``
    entry (an undirected edge's at both its ends)."""

    keys: list
    out: NeighbourLists
    into: NeighbourLists | None
    data: list

    def ends(self, entry: int) -> tuple[Any, Any]:
        """The keys of the edge of ``out`` entry ``entry``: its node's and its neighbour's."""
        node = bisect_right(self.out.offsets, entry) - 1
        return self.keys[node], self.keys[self.out.neighbours[entry]]

    def where(self, entry: int, attribute: str) -> str:
        """Where a value of an ``out`` entry is, for errors."""
        return f"edge {self.ends(entry)!r}, attribute {attribute!r}"


def networkx_lists(G: Any) -> NetworkxLists:
    """The lists of ``G``, built by C-level iteration over its adjacency (no Python step
    per edge). A ``ValueError`` when the adjacency names a node not in ``G``."""
    keys = list(G)
    position = dict(zip(keys, range(len(keys)))).__getitem__
    # The raw dicts where G has them: reading through networkx's views costs a call per item.
    adjacency = _per_node(G, "_adj", "adj", keys)
    out = _lists(adjacency, position)
    into = _lists(_per_node(G, "_pred", "pred", keys), position) if G.is_directed() else None
    data = list(chain.from_iterable(map(methodcaller("values"), adjacency)))
    return NetworkxLists(keys, out, into, data)


def _per_node(G: Any, raw: str, public: str, keys: list) -> list:
    """The neighbour mapping of each node of ``G``, in ``keys`` order."""
    mapping = getattr(G, raw) if hasattr(G, raw) else getattr(G, public)
    return [mapping[n] for n in keys]


def _lists(per_node: list, position: Any) -> NeighbourLists:
    """Neighbour mappings as lists of node positions (``position`` maps a key to it)."""
    offsets = list(accumulate(map(len, per_node), initial=0))
    try:
        neighbours = position_array(map(position, chain.from_iterable(per_node)))
    except KeyError as err:
        raise ValueError(f"from_networkx: G's adjacency names a node not in G: {err}") from None
    return NeighbourLists(offsets, neighbours)
