"""Conversions to and from networkx and pandas. Neither is needed to import groggy; each
is imported when its conversion is used."""

from __future__ import annotations

from itertools import islice, repeat
from operator import lt
from typing import TYPE_CHECKING, Any

from .graph import Graph

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd


def from_networkx(G: nx.Graph) -> Graph:
    """A Graph with the nodes, edges, attributes and directedness of the networkx graph
    ``G``, nodes in its order. Every node's neighbours (and a DiGraph's predecessors) come
    in networkx's order, so traversals visit nodes as networkx's do; the edges come in
    ``G.edges`` order when that order gives every node its neighbour order, else in an
    order that does. Node keys must be int or str; multigraphs are not supported."""
    if G.is_multigraph():
        raise TypeError("from_networkx: multigraphs are not supported; convert to nx.Graph first")
    g = Graph(directed=G.is_directed())
    g._add_nodes([(key, dict(attrs)) for key, attrs in G.nodes(data=True)], "from_networkx")
    edges = _edges_in_adjacency_order(G)
    if edges is None:
        edges = [(u, v, dict(attrs)) for u, v, attrs in G.edges(data=True)]
    g._add_edges(edges, "from_networkx")
    return g


def _edges_in_adjacency_order(G) -> list | None:
    """``G``'s edges as ``(u, v, attrs)`` in an order whose insertion gives every node its
    neighbours in ``G.adj`` order (and a DiGraph's nodes their predecessors in ``G.pred``
    order), as the engine keeps each node's edges in insertion order; ``None`` when
    ``G.edges`` order does that already.

    networkx's orders all come from one sequence of insertions (and removals), so such an
    order exists: it is a merge of the per-node orders (Kahn's algorithm: an edge is placed
    once it heads the remaining list of each of its ends). For an adjacency edited by hand
    so that none exists, the first node (in ``G`` order) whose list is stuck gives up its
    head edge to break the cycle. O(n + m)."""
    keys = list(G)
    # The raw dicts where G has them: reading through networkx's views costs a call per item.
    adjacency = _per_node(G, "_adj", "adj", keys)
    out = _index_lists(adjacency, keys)
    into = _index_lists(_per_node(G, "_pred", "pred", keys), keys) if G.is_directed() else None
    if _edges_order_fits(out, into):
        return None
    data = [list(nbrs.values()) for nbrs in adjacency]
    if not all(all(map(isinstance, attrs, repeat(dict))) for attrs in data):
        data = [list(map(dict, attrs)) for attrs in data]  # mappings that add_edges refuses
    for lists in (out, into or ()):
        for nbrs in lists:
            nbrs.append(-1)  # sentinel: the end of the list
    if into is None:
        edges = _merge_undirected(keys, out, data)
    else:
        edges = _merge_directed(keys, out, into, data)
    return edges


def _per_node(G, raw: str, public: str, keys: list) -> list:
    """The neighbour mapping of each node of ``G``, in ``keys`` order."""
    mapping = getattr(G, raw) if hasattr(G, raw) else getattr(G, public)
    return [mapping[n] for n in keys]


def _index_lists(per_node: list, keys: list) -> list:
    """Each neighbour mapping as a list of node indices (positions in ``keys``)."""
    at = dict(zip(keys, range(len(keys)))).__getitem__
    try:
        return [list(map(at, nbrs)) for nbrs in per_node]
    except KeyError as err:
        raise ValueError(f"from_networkx: G's adjacency names a node not in G: {err}") from None


def _edges_order_fits(out: list, into) -> bool:
    """Whether ``G.edges`` order gives every node its order. It lists, node by node, the
    edges to nodes not listed yet (undirected) or the successors (directed): so each
    node's list must start with its earlier neighbours in ``G`` order and hold no other
    earlier one (undirected), and each predecessor list must be in ``G`` order (directed).
    Node indices stand for ``G`` order; the scans run in C."""
    if into is not None:
        return all(all(map(lt, p, islice(p, 1, None))) for p in into)
    for node, nbrs in enumerate(out):
        earlier = sum(map(lt, nbrs, repeat(node)))
        if earlier and not (
            nbrs[earlier - 1] < node and all(map(lt, nbrs, islice(nbrs, 1, earlier)))
        ):
            return False
    return True


def _merge_undirected(keys: list, nbrs: list, data: list) -> list:
    """The edges of an undirected graph from each node's neighbour list (node indices,
    ending in -1) and the attributes alongside, merged as ``_edges_in_adjacency_order``
    says. An edge is ``(u, v)`` with ``u`` first in ``G`` order, as ``G.edges`` has it."""
    head = [0] * len(keys)  # where each list's entries not placed yet start
    edges: list = []
    place = edges.append
    todo: list = []
    push, pop = todo.append, todo.pop

    def force(a: int) -> None:
        b = nbrs[a][head[a]]
        _unlist(nbrs[b], data[b], a, head[b])
        i = head[a]
        place((keys[a], keys[b], data[a][i]) if a <= b else (keys[b], keys[a], data[a][i]))
        head[a] = i + 1

    # An edge becomes ready only when one of its ends moves on: each node is looked at
    # once, then again each time its list moves on (a loop here, a push there).
    for start in _starts(nbrs, head, force):
        push(start)
        while todo:
            a = pop()
            mine = nbrs[a]
            i = head[a]
            b = mine[i]
            while b >= 0:
                if b != a:  # (a self-loop is in one list only: ready when it heads it)
                    theirs = nbrs[b]
                    j = head[b]
                    if theirs[j] != a:
                        break  # b has edges to place first
                    head[b] = j + 1
                    c = theirs[j + 1]
                    if c >= 0 and (c == b or nbrs[c][head[c]] == b):
                        push(b)  # its next edge is ready
                place((keys[a], keys[b], data[a][i]) if a <= b else (keys[b], keys[a], data[a][i]))
                i += 1
                b = mine[i]
            head[a] = i
    return edges


def _merge_directed(keys: list, succ: list, pred: list, data: list) -> list:
    """As ``_merge_undirected`` for a directed graph: an edge is ready when it heads both
    its source's successor list and its target's predecessor list."""
    out_head = [0] * len(keys)
    in_head = [0] * len(keys)
    edges: list = []
    place = edges.append
    todo: list = []
    push, pop = todo.append, todo.pop

    def force(a: int) -> None:
        b = succ[a][out_head[a]]
        _unlist(pred[b], None, a, in_head[b])
        place((keys[a], keys[b], data[a][out_head[a]]))
        out_head[a] += 1

    for start in _starts(succ, out_head, force):
        push(start)
        while todo:
            a = pop()
            mine = succ[a]
            i = out_head[a]
            b = mine[i]
            while b >= 0:
                theirs = pred[b]
                j = in_head[b]
                if theirs[j] != a:
                    break  # b has predecessors to place first
                in_head[b] = j + 1
                w = theirs[j + 1]
                if w >= 0 and succ[w][out_head[w]] == b:
                    push(w)  # its edge to b is ready
                place((keys[a], keys[b], data[a][i]))
                i += 1
                b = mine[i]
            out_head[a] = i
    return edges


def _starts(lists: list, head: list, force):
    """The nodes a merge starts from: every node in ``G`` order, then, while some list is
    stuck behind a cycle of orders (only in an adjacency edited by hand), the first stuck
    node after ``force`` placed its head edge."""
    yield from range(len(lists))
    for a, mine in enumerate(lists):
        while mine[head[a]] >= 0:
            force(a)
            yield a


def _unlist(nbrs: list, data, node: int, start: int) -> None:
    """Takes ``node`` out of the part of a neighbour list from ``start`` on (and its
    attributes out of ``data`` alongside); an adjacency edited by hand may list an edge at
    one end only."""
    try:
        i = nbrs.index(node, start)
    except ValueError:
        return
    del nbrs[i]
    if data is not None:
        del data[i]


def from_pandas_edgelist(
    df: pd.DataFrame,
    source: Any = "source",
    target: Any = "target",
    edge_attr: Any = None,
    directed: bool = False,
) -> Graph:
    """A Graph of the edges in a DataFrame, as ``networkx.from_pandas_edgelist``:
    ``edge_attr`` is None (no attributes), True (every other column), a column name, or a
    list of names. The columns are loaded in one call into the engine."""
    if edge_attr is True:
        names = [c for c in df.columns if c not in (source, target)]
    elif edge_attr is None or edge_attr is False:
        names = []
    elif isinstance(edge_attr, (list, tuple)):
        names = list(edge_attr)
    else:
        names = [edge_attr]
    missing = [c for c in [source, target, *names] if c not in df.columns]
    if missing:
        raise KeyError(f"from_pandas_edgelist: no column {missing[0]!r} in the DataFrame")
    g = Graph(directed=directed)
    g._add_edges_from_arrays(
        _keys_of(df[source]),
        _keys_of(df[target]),
        {str(n): df[n] for n in names},
        "from_pandas_edgelist",
        (f"column {source!r}", f"column {target!r}"),
    )
    return g


def _keys_of(column: Any) -> Any:
    """A DataFrame column of keys as numpy int64 when it holds ints, else as a list."""
    if column.dtype.kind in "iu":
        return column.to_numpy()
    return column.tolist()
