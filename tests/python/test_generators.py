"""gr.generators against networkx: the classic shapes edge for edge, the random models by
their counts and degree distributions; the same seed gives the same graph, also on 1 and 2
threads; bad arguments raise as documented."""

from __future__ import annotations

import math
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

import groggy as gr
from groggy._errors import check
from groggy._native import ffi, lib
from groggy._runtime import CancelToken

G = gr.generators
ROOT = Path(__file__).resolve().parents[2]


def edge_set(g):
    """Edges as a set of pairs (frozensets when undirected; a self-loop is a 1-set)."""
    directed = g.is_directed() if isinstance(g, nx.Graph) else g.directed
    if directed:
        return set(g.edges())
    return {frozenset(e) for e in g.edges()}


def edges_of(g):
    return list(g.edges)


def nx_of(g):
    """The groggy graph as a networkx graph (nodes in order, edges as listed)."""
    h = nx.DiGraph() if g.directed else nx.Graph()
    h.add_nodes_from(g.nodes)
    h.add_edges_from(g.edges)
    return h


# ----- exact shapes ---------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7])
def test_classic_shapes_are_networkxs(n):
    for ours, theirs in [
        (G.complete_graph, nx.complete_graph),
        (G.path_graph, nx.path_graph),
        (G.cycle_graph, nx.cycle_graph),
    ]:
        g, h = ours(n), theirs(n)
        assert list(g.nodes) == list(h.nodes) == list(range(n))
        assert not g.directed
        assert edge_set(g) == edge_set(h), ours.__name__
        assert g.edge_count == h.number_of_edges()
    g, h = G.star_graph(n), nx.star_graph(n)
    assert list(g.nodes) == list(range(n + 1)) == list(h.nodes)
    assert edge_set(g) == edge_set(h)


@pytest.mark.parametrize("m, n", [(0, 0), (0, 3), (1, 1), (1, 4), (3, 1), (3, 4), (5, 7)])
def test_grid_keys_are_row_times_width_plus_column(m, n):
    g, h = G.grid_2d_graph(m, n), nx.grid_2d_graph(m, n)
    assert list(g.nodes) == [i * n + j for i, j in h.nodes] == list(range(m * n))
    assert edge_set(g) == {frozenset(i * n + j for i, j in e) for e in h.edges}


def test_karate_club_is_networkxs_with_the_clubs():
    g, h = G.karate_club_graph(), nx.karate_club_graph()
    assert list(g.nodes) == list(h.nodes)
    assert edge_set(g) == edge_set(h)
    assert {k: d["club"] for k, d in g.nodes(data=True)} == dict(h.nodes(data="club"))


# ----- G(n, p) ----------------------------------------------------------------------------


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("n, p", [(2000, 0.004), (300, 0.2), (50, 0.9)])
def test_gnp_edge_count_is_binomial(n, p, directed):
    g = G.erdos_renyi_graph(n, p, seed=5, directed=directed)
    assert g.directed is directed
    assert list(g.nodes) == list(range(n))
    pairs = n * (n - 1) / (1 if directed else 2)
    mean, sd = pairs * p, math.sqrt(pairs * p * (1 - p))
    assert abs(g.edge_count - mean) < 5 * sd
    assert all(u != v for u, v in g.edges)


def test_gnp_degrees_are_binomial():
    n, p = 3000, 0.005
    degrees = np.array(list(dict(G.erdos_renyi_graph(n, p, seed=1).degree).values()))
    expected = (n - 1) * p
    assert abs(degrees.mean() - expected) < 5 * math.sqrt(expected / n)
    assert abs(degrees.var() - expected * (1 - p)) < 0.15 * expected


def test_gnp_extremes_and_seeds():
    assert G.erdos_renyi_graph(6, 0.0).edge_count == 0
    assert edge_set(G.erdos_renyi_graph(6, 1.0)) == edge_set(nx.complete_graph(6))
    assert G.erdos_renyi_graph(6, 1, directed=True).edge_count == 30
    assert G.erdos_renyi_graph(0, 0.5).node_count == 0
    a = edges_of(G.erdos_renyi_graph(500, 0.02, seed=3))
    assert a == edges_of(G.erdos_renyi_graph(500, 0.02, seed=3))
    assert a != edges_of(G.erdos_renyi_graph(500, 0.02, seed=4))
    assert a != edges_of(G.erdos_renyi_graph(500, 0.02))  # a fresh seed


def test_seed_from_a_random_generator_is_one_draw():
    r1, r2 = random.Random(9), random.Random(9)
    assert edges_of(G.gnm_random_graph(50, 80, seed=r1)) == edges_of(
        G.gnm_random_graph(50, 80, seed=r2)
    )


# ----- G(n, m) ----------------------------------------------------------------------------


@pytest.mark.parametrize("directed", [False, True])
def test_gnm_has_m_distinct_edges(directed):
    for n, m in [(100, 300), (20, 150), (10, 44), (10, 1000), (1, 5), (0, 0)]:
        g = G.gnm_random_graph(n, m, seed=2, directed=directed)
        h = nx.gnm_random_graph(n, m, seed=2, directed=directed)
        assert g.node_count == h.number_of_nodes()
        assert g.edge_count == h.number_of_edges()
        assert all(u != v for u, v in g.edges)
    degrees = np.array(list(dict(G.gnm_random_graph(2000, 10000, seed=1).degree).values()))
    assert degrees.mean() == 10.0
    assert abs(degrees.var() - 10.0) < 1.5  # about binomial


# ----- Barabási-Albert and Watts-Strogatz -----------------------------------------------


def test_barabasi_albert_counts_and_degrees_like_networkx():
    n, m = 3000, 3
    g = G.barabasi_albert_graph(n, m, seed=1)
    h = nx.barabasi_albert_graph(n, m, seed=1)
    assert g.node_count == n and g.edge_count == m * (n - m) == h.number_of_edges()
    ours = np.array([d for _, d in sorted(dict(g.degree).items())])
    theirs = np.array([d for _, d in sorted(h.degree)])
    assert ours[m + 1 :].min() >= m
    # The share of nodes with the least degree and the tail agree with networkx's model.
    assert abs((ours == m).mean() - (theirs == m).mean()) < 0.05
    assert abs((ours >= 4 * m).mean() - (theirs >= 4 * m).mean()) < 0.05
    assert ours.max() > 10 * 2 * m
    assert edges_of(g) == edges_of(G.barabasi_albert_graph(n, m, seed=1))
    assert edge_set(G.barabasi_albert_graph(2, 1, seed=3)) == {frozenset((0, 1))}


def test_watts_strogatz_ring_and_rewiring_like_networkx():
    assert edge_set(G.watts_strogatz_graph(20, 4, 0.0)) == edge_set(
        nx.watts_strogatz_graph(20, 4, 0.0)
    )
    assert edge_set(G.watts_strogatz_graph(5, 5, 0.5)) == edge_set(nx.complete_graph(5))
    n, k = 2000, 6
    for p in (0.05, 0.3, 1.0):
        g = G.watts_strogatz_graph(n, k, p, seed=4)
        assert g.edge_count == n * (k // 2)
        assert min(dict(g.degree).values()) >= k // 2
        ours = nx.average_clustering(nx_of(g))
        theirs = nx.average_clustering(nx.watts_strogatz_graph(n, k, p, seed=4))
        assert abs(ours - theirs) < 0.03, p
    assert G.watts_strogatz_graph(9, 3, 0.2, seed=1).edge_count == 9


# ----- R-MAT ------------------------------------------------------------------------------


def test_rmat_matches_the_benchmarks_generator():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from rmat import rmat_edges
    finally:
        sys.path.pop(0)
    scale = 12
    g = G.rmat_graph(scale, seed=1)
    assert g.directed and g.node_count == 2**scale
    assert list(g.nodes) == list(range(2**scale))
    src, dst = rmat_edges(scale, seed=1)
    pairs = np.unique(src * 2**scale + dst)
    # Distinct edges and self-loops in the same proportions as the numpy version's.
    assert abs(g.edge_count / len(pairs) - 1) < 0.02
    loops = sum(1 for u, v in g.edges if u == v)
    their_loops = np.count_nonzero(pairs // 2**scale == pairs % 2**scale)
    assert abs(loops - their_loops) < 5 * math.sqrt(their_loops) + 5
    ours = np.sort(np.array(list(dict(g.out_degree).values())))[::-1]
    theirs = np.sort(np.bincount(pairs // 2**scale, minlength=2**scale))[::-1]
    assert abs(ours[:10].sum() / theirs[:10].sum() - 1) < 0.15  # the same hubs' weight
    assert edges_of(g) == edges_of(G.rmat_graph(scale, seed=1))
    undirected = G.rmat_graph(scale, seed=1, directed=False)
    assert not undirected.directed and undirected.edge_count < g.edge_count
    assert G.rmat_graph(3, edge_factor=0).edge_count == 0


# ----- the same graph on any thread count ---------------------------------------------------


def test_same_seed_same_graph_on_one_and_two_threads():
    script = textwrap.dedent(
        """
        import hashlib
        import groggy as gr
        G = gr.generators
        for g in [G.erdos_renyi_graph(20000, 0.001, seed=8),
                  G.erdos_renyi_graph(5000, 0.004, seed=8, directed=True),
                  G.rmat_graph(13, seed=8)]:
            print(g.edge_count, hashlib.sha256(repr(list(g.edges)).encode()).hexdigest())
        """
    )
    outputs = []
    for threads in ("1", "2"):
        env = dict(os.environ, RAYON_NUM_THREADS=threads)
        package_root = str(Path(gr.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300
        )
        assert result.returncode == 0, result.stderr[-3000:]
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == 3


# ----- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: G.erdos_renyi_graph(-1, 0.5),
        lambda: G.erdos_renyi_graph(5, 1.5),
        lambda: G.erdos_renyi_graph(5, -0.1),
        lambda: G.erdos_renyi_graph(5, float("nan")),
        lambda: G.gnm_random_graph(-5, 1),
        lambda: G.gnm_random_graph(5, -1),
        lambda: G.barabasi_albert_graph(5, 5),
        lambda: G.barabasi_albert_graph(5, 0),
        lambda: G.watts_strogatz_graph(5, 6, 0.1),
        lambda: G.watts_strogatz_graph(5, 2, 1.5),
        lambda: G.rmat_graph(-1),
        lambda: G.rmat_graph(32),
        lambda: G.rmat_graph(4, a=0.9),
        lambda: G.rmat_graph(4, edge_factor=-1),
        lambda: G.complete_graph(-1),
        lambda: G.path_graph(-1),
        lambda: G.cycle_graph(-1),
        lambda: G.star_graph(-1),
        lambda: G.grid_2d_graph(-1, 2),
    ],
)
def test_bad_arguments_raise_invalid_argument(call):
    with pytest.raises(gr.InvalidArgumentError):
        call()


def test_networkx_refuses_the_same_sizes():
    for ours, theirs in [
        (lambda: G.path_graph(-1), lambda: nx.path_graph(-1)),
        (lambda: G.barabasi_albert_graph(5, 5), lambda: nx.barabasi_albert_graph(5, 5)),
        (lambda: G.watts_strogatz_graph(5, 6, 0.1), lambda: nx.watts_strogatz_graph(5, 6, 0.1)),
    ]:
        with pytest.raises(gr.InvalidArgumentError):
            ours()
        with pytest.raises(nx.NetworkXError):
            theirs()


def test_argument_types_and_ranges():
    with pytest.raises(TypeError):
        G.path_graph(3.0)
    with pytest.raises(TypeError):
        G.path_graph(True)
    with pytest.raises(TypeError):
        G.erdos_renyi_graph(5, "0.5")
    with pytest.raises(TypeError):
        G.erdos_renyi_graph(5, 0.5, seed="x")
    with pytest.raises(TypeError):
        G.erdos_renyi_graph(5, 0.5, directed="yes")
    with pytest.raises(OverflowError):
        G.path_graph(2**70)
    with pytest.raises(gr.GroggyMemoryError):
        G.complete_graph(2**20)  # more edges than a graph holds
    assert G.path_graph(np.int64(3)).edge_count == 2
    with pytest.raises(gr.InvalidArgumentError, match="path_graph"):
        G.path_graph(-1)


def test_a_triggered_token_cancels():
    token = CancelToken()
    token.trigger()
    out = ffi.new("gr_graph **")
    with pytest.raises(gr.CancelledError):
        check(lib.gr_generate_erdos_renyi(1000, 0.1, False, True, 1, token._handle, out))
    with pytest.raises(gr.CancelledError):
        check(lib.gr_generate_rmat(10, ffi.NULL, token._handle, out))
