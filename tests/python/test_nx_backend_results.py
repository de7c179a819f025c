"""Every function groggy registers as a networkx backend gives networkx's result: the same
types, the same orders, equal numbers; and the call really ran in groggy (its count rose),
not in networkx by a silent fallback."""

from __future__ import annotations

import math
import types

import networkx as nx
import pytest

import groggy as gr
from groggy.nx_backend import calls
from groggy.nx_backend.registry import IMPLEMENTATIONS


def undirected() -> nx.Graph:
    """Int weights (one edge without), a triangle, a self-loop, two components and an
    isolated node."""
    G = nx.Graph()
    G.add_edges_from(
        [
            (0, 1, {"weight": 2}),
            (1, 2, {"weight": 1}),
            (2, 0, {"weight": 4}),
            (2, 3, {"weight": 1}),
            (3, 4, {"weight": 3}),
            (4, 5),
            (5, 3, {"weight": 2}),
            (4, 4, {"weight": 1}),
            (6, 7, {"weight": 5}),
        ]
    )
    G.add_node(8)
    return G


def simple() -> nx.Graph:
    """``undirected`` without the self-loop (cores refuse self-loops)."""
    G = undirected()
    G.remove_edge(4, 4)
    return G


def strs() -> nx.Graph:
    """str keys, float weights, neighbour orders that are not ``G.edges`` order."""
    G = nx.Graph()
    G.add_nodes_from(["e", "d", "c", "b", "a"])
    for u, v, w in [("a", "b", 0.5), ("c", "a", 1.5), ("d", "b", 0.25), ("e", "c", 2.0)]:
        G.add_edge(u, v, weight=w)
    G.add_edge("d", "e", weight=0.75)
    G.add_edge("b", "c", weight=1.0)
    return G


def digraph() -> nx.DiGraph:
    """Directed, with cycles, a source node, and float weights."""
    G = nx.DiGraph()
    G.add_weighted_edges_from(
        [(0, 1, 1.5), (1, 2, 0.5), (2, 0, 2.0), (2, 3, 1.0), (3, 4, 0.5), (4, 3, 3.0), (1, 4, 4.0)]
    )
    G.add_edge(5, 0, weight=1.0)
    return G


def dag() -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_nodes_from([9, 8])
    G.add_weighted_edges_from([(5, 1, 2), (3, 1, 1), (1, 2, 3), (3, 4, 1), (8, 4, 2), (4, 2, 1)])
    return G


def cycles() -> nx.DiGraph:
    """Strongly connected components that Tarjan's search completes out of node order."""
    G = nx.DiGraph([(3, 1), (1, 2), (2, 1), (2, 4), (4, 5), (5, 4), (6, 6), (7, 3), (5, 2)])
    G.add_edges_from([("a", "b"), ("b", "a"), (7, "a")])
    return G


GRAPHS = {
    "undirected": undirected,
    "simple": simple,
    "karate": nx.karate_club_graph,
    "strs": strs,
    "digraph": digraph,
    "dag": dag,
    "cycles": cycles,
}
UNDIRECTED = ["undirected", "karate", "strs"]
DIRECTED = ["digraph", "dag"]
ALL = UNDIRECTED + DIRECTED


def no_args(G):
    return (), {}


def first(G):
    return (next(iter(G)),), {}


def reached(G):
    """The first node and the last node a breadth-first search from it reaches."""
    source = next(iter(G))
    return source, list(nx.bfs_tree(G, source))[-1]


def first_last(G):
    return reached(G), {}


def named(make, name):
    make.__name__ = name
    return make


def kw(**kwargs):
    return named(lambda G: ((), kwargs), repr(kwargs))


def with_first(**kwargs):
    return named(lambda G: ((next(iter(G)),), kwargs), f"first-{kwargs!r}")


def with_first_last(**kwargs):
    return named(lambda G: (reached(G), kwargs), f"first-last-{kwargs!r}")


def personalization(G):
    nodes = list(G)
    return (), {"personalization": {nodes[0]: 1, nodes[-1]: 3, "not a node": 5}}


def partition(G):
    nodes = list(G)
    return ([set(nodes[: len(nodes) // 2]), set(nodes[len(nodes) // 2 :])],), {}


#: (function, graphs, arguments for a graph) for every registered function; each runs in
#: groggy on each graph.
CASES = [
    ("pagerank", ALL, no_args),
    ("pagerank", ALL, kw(alpha=0.7, weight=None, tol=1e-10)),
    ("pagerank", ALL, personalization),
    ("bfs_layers", ALL, first),
    ("bfs_layers", ALL, lambda G: ((list(G)[::-3],), {})),
    ("bfs_layers", ALL, lambda G: ((tuple(list(G)[:2]),), {})),
    ("bfs_edges", ALL, first),
    ("bfs_edges", ALL, with_first(depth_limit=1)),
    ("bfs_edges", ALL, with_first(depth_limit=1.5)),
    ("bfs_edges", ALL, with_first(depth_limit=0)),
    ("bfs_edges", ALL, with_first(reverse=True)),
    ("bfs_tree", ALL, first),
    ("bfs_tree", ALL, with_first(reverse=True, depth_limit=2)),
    ("bfs_predecessors", ALL, first),
    ("bfs_predecessors", ALL, with_first(depth_limit=1)),
    ("bfs_successors", ALL, first),
    ("bfs_successors", ALL, with_first(depth_limit=0)),
    ("descendants_at_distance", ALL, lambda G: ((next(iter(G)), 2), {})),
    ("dfs_edges", ALL, no_args),
    ("dfs_edges", ALL, first),
    ("dfs_edges", ALL, kw(depth_limit=2)),
    ("dfs_edges", ALL, with_first(depth_limit=-1)),
    ("dfs_tree", ALL, no_args),
    ("dfs_tree", ALL, with_first(depth_limit=2.5)),
    ("dfs_predecessors", ALL, no_args),
    ("dfs_predecessors", ALL, first),
    ("dfs_successors", ALL, no_args),
    ("dfs_successors", ALL, with_first(depth_limit=1)),
    ("dfs_preorder_nodes", ALL, no_args),
    ("dfs_preorder_nodes", ALL, first),
    ("dfs_preorder_nodes", ALL, with_first(depth_limit=2)),
    ("dfs_preorder_nodes", ALL, with_first(depth_limit=0)),
    ("dfs_postorder_nodes", ALL, no_args),
    ("dfs_postorder_nodes", ALL, first),
    ("dfs_postorder_nodes", ALL, kw(depth_limit=2)),
    ("dfs_postorder_nodes", ALL, with_first(depth_limit=0)),
    ("descendants", ALL, first),
    ("is_directed_acyclic_graph", ALL, no_args),
    ("topological_sort", ["dag"], no_args),
    ("single_source_shortest_path", ALL, first),
    ("single_source_shortest_path", ALL, with_first(cutoff=1)),
    ("single_source_shortest_path", ALL, with_first(cutoff=1.5)),
    ("single_source_shortest_path", ALL, with_first(cutoff=0)),
    ("all_pairs_shortest_path", ALL, no_args),
    ("all_pairs_shortest_path", ALL, kw(cutoff=1)),
    ("single_source_dijkstra_path", ALL, first),
    ("single_source_dijkstra_path", ALL, with_first(cutoff=3)),
    ("single_source_dijkstra_path", ALL, with_first(weight="no such attribute")),
    ("all_pairs_dijkstra_path", ALL, no_args),
    ("all_pairs_dijkstra", ALL, no_args),
    ("all_pairs_dijkstra", ALL, kw(cutoff=2.5)),
    ("single_source_dijkstra", ALL, first),
    ("single_source_dijkstra", ALL, with_first(cutoff=2)),
    ("bidirectional_shortest_path", ALL, first_last),
    ("bidirectional_shortest_path", ["karate"], lambda G: ((0, 26), {})),
    ("shortest_path", ALL, first_last),
    ("shortest_path", ALL, no_args),
    ("shortest_path", ALL, kw(weight="weight")),
    ("shortest_path", ALL, first),
    ("shortest_path", ALL, with_first(weight="weight")),
    ("shortest_path", UNDIRECTED, lambda G: ((), {"target": next(iter(G))})),
    ("shortest_path", UNDIRECTED, lambda G: ((), {"target": next(iter(G)), "weight": "weight"})),
    ("single_source_shortest_path_length", ALL, first),
    ("single_source_shortest_path_length", ALL, with_first(cutoff=1)),
    ("all_pairs_shortest_path_length", ALL, no_args),
    ("all_pairs_shortest_path_length", ALL, kw(cutoff=1.5)),
    ("single_source_dijkstra_path_length", ALL, first),
    ("single_source_dijkstra_path_length", ALL, with_first(cutoff=3)),
    ("single_source_dijkstra_path_length", ALL, with_first(weight="no such attribute")),
    ("all_pairs_dijkstra_path_length", ALL, no_args),
    ("dijkstra_path", ALL, first_last),
    ("dijkstra_path_length", ALL, first_last),
    ("single_source_dijkstra", ALL, lambda G: ((reached(G)[0],), {"target": reached(G)[1]})),
    ("shortest_path_length", ALL, no_args),
    ("shortest_path_length", ALL, first),
    ("shortest_path_length", ALL, first_last),
    ("shortest_path_length", ALL, kw(weight="weight")),
    ("shortest_path_length", ALL, with_first(weight="weight")),
    ("shortest_path_length", ALL, with_first_last(weight="weight")),
    ("shortest_path_length", UNDIRECTED, lambda G: ((), {"target": next(iter(G))})),
    ("has_path", ALL, first_last),
    ("connected_components", UNDIRECTED, no_args),
    ("number_connected_components", UNDIRECTED, no_args),
    ("is_connected", UNDIRECTED, no_args),
    ("node_connected_component", UNDIRECTED, first),
    ("weakly_connected_components", DIRECTED, no_args),
    ("number_weakly_connected_components", DIRECTED, no_args),
    ("is_weakly_connected", DIRECTED, no_args),
    ("strongly_connected_components", [*DIRECTED, "cycles"], no_args),
    ("number_strongly_connected_components", DIRECTED, no_args),
    ("is_strongly_connected", DIRECTED, no_args),
    ("degree_centrality", ALL, no_args),
    ("in_degree_centrality", DIRECTED, no_args),
    ("out_degree_centrality", DIRECTED, no_args),
    ("eigenvector_centrality", ["karate", "strs", "digraph"], kw(max_iter=1000)),
    ("eigenvector_centrality", ["karate", "strs"], kw(weight="weight")),
    ("katz_centrality", ALL, no_args),
    ("katz_centrality", ALL, kw(alpha=0.01, weight="weight", normalized=False)),
    ("katz_centrality", ALL, lambda G: ((), {"alpha": 0.05, "beta": dict.fromkeys(G, 2)})),
    ("betweenness_centrality", ALL, no_args),
    ("betweenness_centrality", ALL, kw(weight="weight", endpoints=True, normalized=False)),
    ("betweenness_centrality", ALL, kw(k=3, seed=1)),
    ("betweenness_centrality", ALL, kw(k=1, seed=7, endpoints=True)),
    ("betweenness_centrality", ALL, kw(k=4, seed=2, normalized=False, weight="weight")),
    ("betweenness_centrality", ALL, lambda G: ((), {"k": len(G), "seed": 3})),
    ("edge_betweenness_centrality", ALL, no_args),
    ("edge_betweenness_centrality", ALL, kw(weight="weight", normalized=False)),
    ("edge_betweenness_centrality", ALL, kw(k=3, seed=1)),
    ("edge_betweenness_centrality", ALL, lambda G: ((), {"k": len(G), "seed": 3})),
    ("closeness_centrality", ALL, no_args),
    ("closeness_centrality", ALL, kw(distance="weight", wf_improved=False)),
    ("harmonic_centrality", ALL, no_args),
    ("harmonic_centrality", ALL, kw(distance="weight")),
    ("louvain_communities", ALL, no_args),
    ("label_propagation_communities", UNDIRECTED, no_args),
    ("asyn_lpa_communities", ALL, no_args),
    ("modularity", ALL, partition),
    ("triangles", UNDIRECTED, no_args),
    ("triangles", UNDIRECTED, first),
    ("triangles", UNDIRECTED, lambda G: (([*list(G)[::-2], "not a node"],), {})),
    ("clustering", ALL, no_args),
    ("clustering", ALL, kw(weight="weight")),
    ("clustering", ALL, first),
    ("average_clustering", ALL, no_args),
    ("average_clustering", ALL[:-1], kw(weight="weight", count_zeros=False)),
    ("average_clustering", ALL, lambda G: ((list(G)[:3],), {})),
    ("transitivity", ALL, no_args),
    ("core_number", ["simple", "karate", "strs", "digraph"], no_args),
    ("k_core", ["simple", "strs", "digraph"], no_args),
    ("k_core", ["simple", "strs", "digraph"], kw(k=2)),
    ("minimum_spanning_edges", UNDIRECTED, no_args),
    ("minimum_spanning_edges", UNDIRECTED, kw(data=False, weight=None)),
    ("minimum_spanning_tree", ["undirected", "strs"], no_args),
]

#: Generators: (function, arguments).
GENERATOR_CASES = [
    (name, n)
    for name in ("complete_graph", "path_graph", "cycle_graph", "star_graph")
    for n in (0, 1, 2, 5)
]

#: The communities of a random draw: compared as partitions, not as networkx's draw.
RANDOM = {"louvain_communities", "asyn_lpa_communities"}


def same(got, want, where="result"):
    """``got`` is ``want``: the same types and orders all the way down; floats equal to
    within rounding."""
    if isinstance(want, types.GeneratorType):
        assert isinstance(got, types.GeneratorType), f"{where}: {type(got)}"
        got, want = list(got), list(want)
    assert type(got) is type(want), f"{where}: {type(got).__name__} != {type(want).__name__}"
    if isinstance(want, dict):
        assert list(got) == list(want), f"{where}: keys (or their order) differ"
        for key in want:
            same(got[key], want[key], f"{where}[{key!r}]")
    elif isinstance(want, (list, tuple)) or type(want).__name__ == "dict_values":
        got, want = list(got), list(want)
        assert len(got) == len(want), f"{where}: {got} != {want}"
        for i, (a, b) in enumerate(zip(got, want)):
            same(a, b, f"{where}[{i}]")
    elif isinstance(want, float):
        assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12), f"{where}: {got} != {want}"
    else:
        assert got == want, f"{where}: {got!r} != {want!r}"


def same_graph(got, want, ordered):
    """A groggy Graph result as networkx's graph result (networkx's own comparison of
    backend graphs; ``ordered``: also the node and neighbour orders)."""
    assert isinstance(got, gr.Graph), type(got)
    H = got.to_networkx()
    assert H.is_directed() == want.is_directed()
    assert H.graph == want.graph
    assert H._node == want._node
    assert H._adj == want._adj
    if ordered:
        assert list(H) == list(want)
        assert all(list(H[n]) == list(want[n]) for n in want)


def as_partition(communities):
    return {frozenset(c) for c in communities}


def ids(case):
    name, _, make = case
    return f"{name}-{make.__name__}"


def run_both(name, args, kwargs):
    """networkx's result, then groggy's (which must have run in groggy)."""
    function = getattr(nx, name, None) or getattr(nx.community, name)
    want = function(*args, **kwargs, backend="networkx")
    before = calls[name]
    got = function(*args, **kwargs, backend="groggy")
    assert calls[name] == before + 1, f"{name} did not run in groggy"
    return got, want


@pytest.mark.parametrize(("name", "graphs", "make"), CASES, ids=[ids(c) for c in CASES])
def test_groggy_gives_networkxs_result(nx_backend, name, graphs, make):
    for graph in graphs:
        G = GRAPHS[graph]()
        args, kwargs = make(G)
        got, want = run_both(name, (G, *args), kwargs)
        if name in RANDOM:
            got, want = list(got), list(want)
            assert all(type(c) is set for c in got)
            assert set().union(*got) == set().union(*want) == set(G)
            assert sum(map(len, got)) == len(G)
        elif isinstance(want, nx.Graph):
            same_graph(got, want, ordered=name == "minimum_spanning_tree")
        else:
            same(got, want, f"{name} on {graph}")


@pytest.mark.parametrize(("name", "n"), GENERATOR_CASES)
def test_generators_give_networkxs_graph(nx_backend, name, n):
    got, want = run_both(name, (n,), {})
    same_graph(got, want, ordered=True)


def test_every_registered_function_has_a_case(nx_backend):
    covered = {c[0] for c in CASES} | {c[0] for c in GENERATOR_CASES}
    assert covered == set(IMPLEMENTATIONS)


def test_a_groggy_graph_given_to_networkx_runs_in_groggy(nx_backend):
    G = undirected()
    g = gr.from_networkx(G)
    before = calls["pagerank"]
    same(nx.pagerank(g), nx.pagerank(G))
    assert calls["pagerank"] == before + 1
    before = calls["dijkstra_path"]
    assert nx.dijkstra_path(g, 0, 5) == nx.dijkstra_path(G, 0, 5)
    assert calls["dijkstra_path"] == before + 1


def test_backend_priority_runs_unchanged_code_in_groggy(nx_backend):
    G = digraph()
    want = nx.pagerank(G)
    before = calls["pagerank"], calls["path_graph"]
    with nx.config.backend_priority(algos=["groggy"], generators=["groggy"]):
        got = nx.pagerank(G)
        path = nx.path_graph(3)
    assert (calls["pagerank"], calls["path_graph"]) == (before[0] + 1, before[1] + 1)
    same(got, want)
    assert isinstance(path, gr.Graph)
