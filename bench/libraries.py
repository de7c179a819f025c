"""What each library does for each benchmarked operation, from the same numpy arrays.

``OPERATIONS[op][library]`` is a function ``(sources, targets, n) -> result``; ``n`` is the
number of node ids. Every library builds the same simple directed graph (duplicate edges
merged), using its fastest way from numpy. Entries marked ``(keeps duplicates)`` use a
faster path that leaves parallel edges in, for reference. Later operations (algorithms)
add their entries here.
"""

from __future__ import annotations

import numpy as np


def build_groggy(sources, targets, n):
    import groggy as gr

    g = gr.Graph(directed=True)
    g.add_edges_from_arrays(sources, targets)
    return g


def build_igraph(sources, targets, n, simplify=True):
    import igraph as ig

    g = ig.Graph(n=n, edges=np.column_stack([sources, targets]), directed=True)
    if simplify:
        g.simplify(multiple=True, loops=False)
    return g


def build_rustworkx(sources, targets, n, multigraph=False):
    import rustworkx as rx

    g = rx.PyDiGraph(multigraph=multigraph)
    g.add_nodes_from(range(n))
    g.extend_from_edge_list(list(zip(sources.tolist(), targets.tolist())))
    return g


def build_networkit(sources, targets, n, check_multi_edge=True):
    import networkit as nk

    g = nk.Graph(n, directed=True)
    g.addEdges(
        (sources.astype(np.uint64), targets.astype(np.uint64)), checkMultiEdge=check_multi_edge
    )
    return g


def build_networkx(sources, targets, n):
    import networkx as nx

    g = nx.DiGraph()
    g.add_edges_from(zip(sources.tolist(), targets.tolist()))
    return g


OPERATIONS = {
    "build": {
        "groggy": build_groggy,
        "igraph": build_igraph,
        "rustworkx": build_rustworkx,
        "networkit": build_networkit,
        "networkx": build_networkx,
        "igraph (keeps duplicates)": lambda s, t, n: build_igraph(s, t, n, simplify=False),
        "networkit (keeps duplicates)": lambda s, t, n: build_networkit(
            s, t, n, check_multi_edge=False
        ),
        "rustworkx (keeps duplicates)": lambda s, t, n: build_rustworkx(s, t, n, multigraph=True),
    },
}

#: The libraries a target compares groggy with ("the fastest of igraph, networkit and
#: rustworkx"), their duplicate-keeping variants included.
PEERS = ("igraph", "rustworkx", "networkit")
