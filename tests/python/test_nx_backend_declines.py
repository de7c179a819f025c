"""Calls groggy cannot answer as networkx does are declined (``can_run``): with
``backend_priority`` networkx answers them (groggy's count stays), with
``backend="groggy"`` networkx says groggy does not implement them."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

import groggy as gr
from groggy.nx_backend import calls


def karate():
    return nx.karate_club_graph()


def digraph():
    return nx.DiGraph([(0, 1), (1, 2), (2, 0), (2, 3)])


#: (function, graph, positional arguments after G, keywords): calls that run in networkx.
DECLINED = [
    ("pagerank", karate, (), {"nstart": dict.fromkeys(range(34), 1)}),
    ("pagerank", karate, (), {"dangling": {0: 1}}),
    ("pagerank", karate, (), {"weight": lambda u, v, d: 1}),
    ("pagerank", karate, (), {"personalization": {0: -1, 1: 2}}),
    ("dfs_preorder_nodes", karate, (0,), {"sort_neighbors": sorted}),
    ("dfs_edges", karate, (), {"sort_neighbors": sorted}),
    ("bfs_edges", karate, (0,), {"sort_neighbors": sorted}),
    ("shortest_path_length", karate, (0, 33), {"weight": "weight", "method": "bellman-ford"}),
    ("shortest_path_length", digraph, (), {"target": 3}),
    ("shortest_path", karate, (0, 33), {"weight": "weight"}),
    ("shortest_path", digraph, (), {"target": 3}),
    ("edge_betweenness_centrality", karate, (), {"k": 5, "seed": np.random.RandomState(1)}),
    ("closeness_centrality", karate, (), {"u": 0}),
    ("harmonic_centrality", karate, (), {"nbunch": [0, 1]}),
    ("harmonic_centrality", karate, (), {"sources": [0, 1]}),
    ("eigenvector_centrality", karate, (), {"nstart": dict.fromkeys(range(34), 1)}),
    ("katz_centrality", karate, (), {"nstart": dict.fromkeys(range(34), 1)}),
    ("louvain_communities", karate, (), {"seed": 1}),
    ("louvain_communities", karate, (), {"max_level": 1}),
    ("asyn_lpa_communities", karate, (), {"seed": 1}),
    ("k_core", karate, (), {}),  # G.graph holds the name, which networkx copies
    ("k_core", karate, (), {"core_number": nx.core_number(karate())}),
    ("minimum_spanning_edges", karate, (), {"algorithm": "prim"}),
    ("minimum_spanning_edges", karate, (), {"ignore_nan": True}),
    ("minimum_spanning_tree", karate, (), {}),  # G.graph again
    ("pagerank", lambda: nx.MultiGraph([(0, 1), (0, 1)]), (), {}),
]

DECLINED_GENERATORS = [
    ("path_graph", (4,), {"create_using": nx.DiGraph}),
    ("path_graph", ([3, 1, 2],), {}),
    ("cycle_graph", ("abc",), {}),
    ("star_graph", (True,), {}),
]


def function(name):
    return getattr(nx, name, None) or getattr(nx.community, name)


def _id(case):
    name, _, args, kwargs = case
    return f"{name}-{args}-{sorted(kwargs)}"


@pytest.mark.parametrize(("name", "graph", "args", "kwargs"), DECLINED, ids=map(_id, DECLINED))
def test_networkx_answers_what_groggy_declines(nx_backend, name, graph, args, kwargs):
    f = function(name)
    before = calls[name]
    # (networkx's harmonic centrality calls shortest_path_length, which groggy answers
    # from the cache of the converted graph after the first time: fine, not a warning.)
    with nx.config.backend_priority(algos=["groggy"]), nx.config(warnings_to_ignore={"cache"}):
        got = f(graph(), *args, **kwargs)
        if not isinstance(got, (dict, list, tuple, int, float, nx.Graph)):
            got = list(got)
    assert calls[name] == before
    assert not isinstance(got, gr.Graph)
    with pytest.raises(NotImplementedError):
        result = f(graph(), *args, **kwargs, backend="groggy")
        list(result)  # (generators)


@pytest.mark.parametrize(("name", "args", "kwargs"), DECLINED_GENERATORS)
def test_networkx_builds_the_graphs_groggy_declines(nx_backend, name, args, kwargs):
    before = calls[name]
    with nx.config.backend_priority(generators=["groggy"]):
        G = function(name)(*args, **kwargs)
    assert isinstance(G, nx.Graph)
    assert calls[name] == before


def test_a_declined_call_on_a_groggy_graph_falls_back_to_networkx(nx_backend):
    g = gr.generators.karate_club_graph()
    with nx.config(fallback_to_nx=True):
        got = nx.closeness_centrality(g, u=0)
    assert got == nx.closeness_centrality(g.to_networkx(), u=0)


#: Calls declined once groggy sees the graph (a weight networkx reads its own way): they
#: raise NotImplementedError inside the backend, which networkx takes as "answer it".
LATE = [
    ("betweenness_centrality", nx.Graph([(0, 1, {"weight": 0}), (1, 2, {"weight": 1})]), ()),
    ("edge_betweenness_centrality", nx.Graph([(0, 1, {"weight": 0}), (1, 2)]), ()),
    ("dijkstra_path_length", nx.DiGraph([(0, 1, {"weight": -1}), (1, 2, {"weight": 1})]), (0, 2)),
    ("single_source_dijkstra_path_length", nx.DiGraph([(0, 1, {"weight": -1})]), (0,)),
]


@pytest.mark.parametrize(("name", "G", "args"), LATE, ids=[c[0] for c in LATE])
def test_weights_groggy_reads_otherwise_are_left_to_networkx(nx_backend, name, G, args):
    f = function(name)
    want = f(G, *args, weight="weight", backend="networkx")
    with pytest.raises(NotImplementedError):
        f(G, *args, weight="weight", backend="groggy")
    with nx.config.backend_priority(algos=["groggy"]), nx.config(warnings_to_ignore={"cache"}):
        assert f(G, *args, weight="weight") == want


def test_lengths_over_mixed_weights_are_equal_but_floats():
    # A documented difference: networkx adds int and float weights as Python numbers, so a
    # node reached over int weights only has an int length; groggy's lengths are floats
    # as soon as one weight is (the types of single paths, dijkstra_path_length, are
    # exact).
    G = nx.Graph([(0, 1, {"weight": 1}), (1, 2, {"weight": 0.5})])
    got = nx.single_source_dijkstra_path_length(G, 0, backend="groggy")
    want = nx.single_source_dijkstra_path_length(G, 0, backend="networkx")
    assert got == want == {0: 0, 1: 1, 2: 1.5}
    assert type(want[1]) is int and type(got[1]) is float
    with nx.config(warnings_to_ignore={"cache"}):
        assert type(nx.dijkstra_path_length(G, 0, 1, backend="groggy")) is int
