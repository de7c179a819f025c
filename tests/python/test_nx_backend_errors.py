"""groggy raises what networkx raises (the same class, the same message) where a call
fails: missing nodes, no path, no convergence, a cycle, a null graph, a self-loop, a bad
partition; and a function that networkx writes as a generator raises only when iterated."""

from __future__ import annotations

import types

import networkx as nx
import pytest

from groggy.nx_backend import calls


def path():
    G = nx.path_graph(4)
    G.add_node(9)
    return G


def cycle():
    return nx.DiGraph([(0, 1), (1, 2), (2, 0)])


def self_loop():
    return nx.Graph([(0, 0), (0, 1)])


def nan_weight():
    return nx.Graph([(0, 1, {"weight": float("nan")}), (1, 2, {"weight": 1.0})])


#: (function, graph, positional arguments after G, keywords).
FAILING = [
    ("bfs_layers", path, (99,), {}),
    ("bfs_layers", path, ([99],), {}),
    ("bfs_layers", path, ([0, 99],), {}),
    ("strongly_connected_components", cycle, (), {}),  # (no error: a sanity check)
    ("descendants_at_distance", path, (99, 1), {}),
    ("descendants", path, (99,), {}),
    ("dfs_preorder_nodes", path, (99,), {}),
    ("dfs_preorder_nodes", cycle, (99,), {}),
    ("bfs_edges", path, (99,), {}),
    ("bfs_edges", cycle, (99,), {"reverse": True}),
    ("bfs_tree", path, (99,), {}),
    ("bfs_tree", cycle, (99,), {}),
    ("bfs_predecessors", path, (99,), {}),
    ("bfs_successors", cycle, (99,), {}),
    ("dfs_edges", path, (99,), {}),
    ("dfs_edges", cycle, (99,), {}),
    ("dfs_tree", path, (99,), {}),
    ("dfs_predecessors", cycle, (99,), {}),
    ("dfs_successors", path, (99,), {}),
    ("dfs_postorder_nodes", cycle, (99,), {}),
    ("single_source_shortest_path", path, (99,), {}),
    ("all_pairs_shortest_path", path, (), {}),  # (no error: a sanity check)
    ("single_source_dijkstra_path", path, (99,), {}),
    ("single_source_dijkstra", path, (99,), {}),
    ("bidirectional_shortest_path", path, (0, 9), {}),
    ("bidirectional_shortest_path", path, (99, 0), {}),
    ("bidirectional_shortest_path", path, (0, 99), {}),
    ("shortest_path", path, (0, 9), {}),
    ("shortest_path", path, (99,), {}),
    ("shortest_path", path, (99,), {"weight": "weight"}),
    ("shortest_path", path, (), {"target": 99}),
    ("shortest_path", path, (0,), {"method": "magic"}),
    ("betweenness_centrality", path, (), {"k": 6, "seed": 1}),
    ("edge_betweenness_centrality", path, (), {"k": -1, "seed": 1}),
    ("single_source_shortest_path_length", path, (99,), {}),
    ("all_pairs_shortest_path_length", path, (), {}),  # (no error: a sanity check)
    ("shortest_path_length", path, (0, 9), {}),
    ("shortest_path_length", path, (99, 0), {}),
    ("shortest_path_length", path, (0, 99), {}),
    ("shortest_path_length", path, (99,), {}),
    ("shortest_path_length", path, (), {"target": 99}),
    ("shortest_path_length", path, (0, 9), {"weight": "weight"}),
    ("shortest_path_length", path, (99, 0), {"weight": "weight"}),
    ("shortest_path_length", path, (0, 99), {"weight": "weight"}),
    ("shortest_path_length", path, (0, 1), {"method": "magic"}),
    ("dijkstra_path", path, (0, 9), {}),
    ("dijkstra_path", path, (99, 0), {}),
    ("dijkstra_path", path, (0, 99), {}),
    ("dijkstra_path_length", path, (0, 9), {}),
    ("dijkstra_path_length", path, (99, 99), {}),
    ("dijkstra_path_length", path, (0, 99), {}),
    ("single_source_dijkstra", path, (0, 9), {}),
    ("single_source_dijkstra", path, (0, 3), {"cutoff": 2}),
    ("single_source_dijkstra", path, (99, 0), {}),
    ("single_source_dijkstra_path_length", path, (99,), {}),
    ("has_path", path, (99, 0), {}),
    ("has_path", path, (0, 99), {}),
    ("has_path", path, (0, 9), {}),  # (no error: False)
    ("node_connected_component", path, (99,), {}),
    ("is_connected", nx.Graph, (), {}),
    ("is_strongly_connected", nx.DiGraph, (), {}),
    ("is_weakly_connected", nx.DiGraph, (), {}),
    ("is_connected", cycle, (), {}),
    ("topological_sort", path, (), {}),
    ("topological_sort", cycle, (), {}),
    ("core_number", self_loop, (), {}),
    ("k_core", self_loop, (), {}),
    ("minimum_spanning_tree", cycle, (), {}),
    ("minimum_spanning_edges", path, (), {"algorithm": "magic"}),
    ("minimum_spanning_tree", path, (), {"algorithm": "magic"}),
    ("minimum_spanning_edges", nan_weight, (), {}),
    ("minimum_spanning_tree", nan_weight, (), {}),
    ("eigenvector_centrality", nx.Graph, (), {}),
    ("pagerank", path, (), {"max_iter": 1}),
    ("eigenvector_centrality", path, (), {"max_iter": 1}),
    ("katz_centrality", path, (), {"max_iter": 1}),
    ("katz_centrality", path, (), {"beta": {0: 1}}),
    ("pagerank", path, (), {"personalization": {0: 0, 99: 1}}),
    ("average_clustering", nx.Graph, (), {}),
    ("modularity", path, ([{0, 1}],), {}),
    ("triangles", path, (99,), {}),
    ("triangles", path, ([[0]],), {}),
    ("clustering", path, (99,), {}),
    ("in_degree_centrality", path, (), {}),
    ("label_propagation_communities", cycle, (), {}),
]

#: Messages that name networkx's graph object (groggy's differs): compared by class.
BY_CLASS_ONLY = {"modularity"}


def outcome(name, G, args, kwargs, backend):
    f = getattr(nx, name, None) or getattr(nx.community, name)
    try:
        result = f(G, *args, **kwargs, backend=backend)
        if isinstance(result, types.GeneratorType):
            result = list(result)
        return "result", result
    except Exception as err:
        return type(err), str(err)


def _id(case):
    name, graph, args, kwargs = case
    return f"{name}-{graph.__name__}-{args}-{kwargs}"


@pytest.mark.parametrize(("name", "graph", "args", "kwargs"), FAILING, ids=map(_id, FAILING))
def test_groggy_fails_as_networkx_does(nx_backend, name, graph, args, kwargs):
    want = outcome(name, graph(), args, kwargs, "networkx")
    got = outcome(name, graph(), args, kwargs, "groggy")
    if name in BY_CLASS_ONLY:
        assert got[0] is want[0]
    elif want[0] == "result":
        assert got == want
    else:
        assert got == want, f"groggy raised {got}, networkx {want}"


@pytest.mark.parametrize(
    ("name", "G"),
    [
        ("topological_sort", cycle()),
        ("topological_sort", nx.path_graph(3)),
        ("dfs_preorder_nodes", path()),
        ("dfs_postorder_nodes", path()),
        ("dfs_edges", cycle()),
        ("bfs_edges", path()),
        ("bfs_predecessors", cycle()),
        ("bfs_successors", path()),
        ("bfs_layers", path()),
        ("connected_components", nx.DiGraph()),
    ],
)
def test_generators_raise_when_iterated(nx_backend, name, G):
    args = {"bfs_layers": ([99],), "topological_sort": (), "connected_components": ()}.get(
        name, (99,)
    )
    f = getattr(nx, name)
    if G.is_directed() and name == "connected_components":
        with pytest.raises(nx.NetworkXNotImplemented):  # (networkx's own check)
            f(G, backend="groggy")
        return
    before = calls[name]
    result = f(G, *args, backend="groggy")  # no error yet
    assert isinstance(result, types.GeneratorType)
    assert calls[name] == before + 1
    with pytest.raises(nx.NetworkXException):
        list(result)


def test_dfs_yields_a_missing_source_before_it_fails_as_networkx(nx_backend):
    for backend in ("networkx", "groggy"):
        nodes = nx.dfs_preorder_nodes(path(), 99, backend=backend)
        assert next(nodes) == 99
        with pytest.raises(nx.NetworkXError, match=r"The node 99 is not in the graph\."):
            next(nodes)
