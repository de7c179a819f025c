"""Shortest-path centralities (betweenness of nodes and edges, closeness, harmonic) checked
against networkx within 1e-9: on karate, a part of ca-GrQc, email-Eu-core (directed) and
seeded random graphs, directed and undirected, weighted (floats and ints, some edges
without a weight) and not, with int and str keys, isolated nodes and self-loops. Sampled
betweenness: the same seed gives the same values, on one thread or two, and they are
networkx's scaling of the sources the seed draws."""

from __future__ import annotations

import gzip
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from networkx.algorithms.centrality.betweenness import (
    _accumulate_basic,
    _accumulate_edges,
    _accumulate_endpoints,
    _rescale,
    _single_source_shortest_path_basic,
)

import groggy as gr
from groggy._errors import check
from groggy._native import NULL, ffi, lib
from groggy._runtime import CancelToken

ROOT = Path(__file__).resolve().parents[2]
TOL = 1e-9


def read_snap(path):
    with gzip.open(path, "rt") as f:
        return [tuple(map(int, line.split())) for line in f if line.strip() and line[0] != "#"]


def pair_weight(u, v):
    """A weight per unordered pair, or None for about one pair in seven (weighs 1)."""
    a, b = sorted((hash(u) % 10_007, hash(v) % 10_007))
    h = (a * 1_000_003 + b * 7919) % 1009
    return None if h % 7 == 0 else 0.25 + (h % 97) / 10.0


def both(directed, edges, nodes=(), weighted=False):
    """The same graph in groggy and networkx, built by the same calls."""
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(nodes)
    for u, v in edges:
        w = pair_weight(u, v) if weighted else None
        G.add_edge(u, v, **({} if w is None else {"w": w}))
    return gr.from_networkx(G), G


def assert_close(got, want):
    got = dict(got.items())
    assert got.keys() == want.keys()
    for key, value in want.items():
        assert got[key] == pytest.approx(value, rel=TOL, abs=TOL, nan_ok=True), key


def check_all(g, G, weighted):
    """Every measure with a few combinations of its options (each option is varied)."""
    w = "w" if weighted else None
    for normalized, endpoints in ((True, False), (False, True)):
        assert_close(
            g.betweenness_centrality(normalized=normalized, weight=w, endpoints=endpoints),
            nx.betweenness_centrality(G, normalized=normalized, weight=w, endpoints=endpoints),
        )
    normalized = G.number_of_nodes() % 2 == 0
    got = g.edge_betweenness_centrality(normalized=normalized, weight=w)
    want = nx.edge_betweenness_centrality(G, normalized=normalized, weight=w)
    assert list(got) == list(want)  # networkx's keys, in its order
    assert_close(got, want)
    improved = G.number_of_edges() % 2 == 0
    assert_close(
        g.closeness_centrality(weight=w, wf_improved=improved),
        nx.closeness_centrality(G, distance=w, wf_improved=improved),
    )
    assert_close(g.harmonic_centrality(weight=w), nx.harmonic_centrality(G, distance=w))


# ----- the graphs --------------------------------------------------------------------------


@pytest.mark.parametrize("weighted", [False, True])
def test_karate(weighted):
    G = nx.karate_club_graph()
    if weighted:
        for _, _, d in G.edges(data=True):
            d["w"] = d["weight"]
    check_all(gr.from_networkx(G), G, weighted)


@pytest.mark.parametrize("weighted", [False, True])
def test_a_part_of_ca_grqc(weighted):
    edges = read_snap(ROOT / "python" / "groggy" / "data" / "ca-GrQc.txt.gz")
    nodes = list(dict.fromkeys(v for e in edges for v in e))[:200]
    keep = set(nodes)
    g, G = both(False, [(u, v) for u, v in edges if u in keep and v in keep], nodes, weighted)
    assert G.number_of_nodes() == 200 and nx.number_connected_components(G) > 1
    check_all(g, G, weighted)


@pytest.fixture(scope="module")
def email():
    edges = read_snap(ROOT / "tests" / "data" / "email-Eu-core.txt.gz")
    return both(True, edges, weighted=True)


def test_email_eu_core_part(email):
    """Every measure, exactly, on the graph the first 120 nodes make (networkx's
    betweenness on the whole graph takes half a minute)."""
    _, G = email
    H = G.subgraph(list(G)[:120]).copy()
    check_all(gr.from_networkx(H), H, weighted=False)
    check_all(gr.from_networkx(H), H, weighted=True)


def distances_in(G, weighted):
    """All incoming distances by scipy (rows: the node reached), with networkx's node order."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import shortest_path

    index = {v: i for i, v in enumerate(G)}
    rows, cols, data = [], [], []
    for u, v, d in G.edges(data=True):
        if u != v:
            rows.append(index[v])  # reversed: a row's search follows edges into it
            cols.append(index[u])
            data.append(d.get("w", 1.0) if weighted else 1.0)
    n = len(index)
    matrix = csr_matrix((data, (rows, cols)), shape=(n, n))
    return shortest_path(matrix, directed=G.is_directed(), unweighted=not weighted)


@pytest.mark.parametrize("weighted", [False, True])
def test_email_eu_core_closeness_and_harmonic(email, weighted):
    """On the whole graph, against networkx's formulas over scipy's distances."""
    g, G = email
    n = len(G)
    dist = distances_in(G, weighted)
    w = "w" if weighted else None
    # Weighted, only harmonic centrality (each is a thousand Dijkstra searches).
    closeness = g.closeness_centrality(weight=w) if not weighted else None
    harmonic = g.harmonic_centrality(weight=w)
    finite = np.isfinite(dist)
    total = np.where(finite, dist, 0.0).sum(axis=1)
    reached = finite.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        want_c = np.where(total > 0, (reached - 1) / total * ((reached - 1) / (n - 1)), 0.0)
        want_h = np.where(finite & (dist > 0), 1 / dist, 0.0).sum(axis=1)
    got_h = np.array([harmonic[v] for v in G])
    np.testing.assert_allclose(got_h, want_h, rtol=TOL, atol=TOL)
    assert (want_c > 0).sum() > 900
    if closeness is not None:
        got_c = np.array([closeness[v] for v in G])
        np.testing.assert_allclose(got_c, want_c, rtol=TOL, atol=TOL)


class Rng:
    """The engine's seeded generator (xoshiro256** seeded by SplitMix64) and its sample,
    to know which sources a seed draws."""

    M = 2**64 - 1

    def __init__(self, seed):
        self.s, state = [], seed
        for _ in range(4):
            state = (state + 0x9E3779B97F4A7C15) & self.M
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.M
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.M
            self.s.append(z ^ (z >> 31))

    def rotl(self, x, k):
        return ((x << k) | (x >> (64 - k))) & self.M

    def next(self):
        s = self.s
        result = (self.rotl((s[1] * 5) & self.M, 7) * 9) & self.M
        t = (s[1] << 17) & self.M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self.rotl(s[3], 45)
        return result

    def below(self, n):
        threshold = (2**64 - n) % n
        while True:
            m = self.next() * n
            if m & self.M >= threshold:
                return m >> 64

    def sample(self, n, k):
        items = list(range(n))
        for i in range(k):
            j = i + self.below(n - i)
            items[i], items[j] = items[j], items[i]
        return items[:k]


@pytest.mark.parametrize("endpoints", [False, True])
def test_sampled_betweenness_is_networkx_scaling_of_the_drawn_sources(email, endpoints):
    g, G = email
    k, seed = 40, 2024
    nodes = list(G)
    sources = [nodes[i] for i in Rng(seed).sample(len(nodes), k)]
    b = dict.fromkeys(G, 0.0)
    accumulate = _accumulate_endpoints if endpoints else _accumulate_basic
    for s in sources:
        S, P, sigma, _ = _single_source_shortest_path_basic(G, s)
        b, _ = accumulate(b, S, P, sigma, s)
    for normalized in (True, False):
        want = _rescale(
            dict(b),
            len(G),
            normalized=normalized,
            directed=True,
            endpoints=endpoints,
            sampled_nodes=sources,
        )
        got = g.betweenness_centrality(k=k, normalized=normalized, endpoints=endpoints, seed=seed)
        assert_close(got, want)


@pytest.mark.parametrize("directed", [True, False])
def test_sampled_edge_betweenness_is_networkx_scaling_of_the_drawn_sources(email, directed):
    g, G = email
    if not directed:
        G = G.to_undirected()
        g = gr.from_networkx(G)
    k, seed = 10, 77
    nodes = list(G)
    sources = [nodes[i] for i in Rng(seed).sample(len(nodes), k)]
    b = dict.fromkeys(G, 0.0)
    b.update(dict.fromkeys(G.edges(), 0.0))
    for s in sources:
        S, P, sigma, _ = _single_source_shortest_path_basic(G, s)
        b = _accumulate_edges(b, S, P, sigma, s)
    for v in G:
        del b[v]
    want = _rescale(b, len(G), normalized=True, directed=directed, sampled_nodes=sources)
    got = g.edge_betweenness_centrality(k=k, seed=seed)
    assert list(got) == list(want)
    assert_close(got, want)


def random_pair(directed, seed, str_keys=False, weights="float"):
    rng = random.Random(seed)
    G = nx.gnp_random_graph(60, 0.06, seed=seed, directed=directed)
    G.add_nodes_from(range(60, 64))  # isolated
    for v in rng.sample(range(60), 5):
        G.add_edge(v, v)  # self-loops
    for _, _, d in G.edges(data=True):
        if weights and rng.random() < 0.9:
            d["w"] = rng.uniform(0.1, 3.0) if weights == "float" else rng.randint(1, 4)
    if str_keys:
        G = nx.relabel_nodes(G, {v: f"n{v}" for v in G})
    return gr.from_networkx(G), G


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weights", [None, "float", "int"])
@pytest.mark.parametrize("str_keys", [False, True])
def test_random_graphs(directed, weights, str_keys):
    seed = 11 * directed + 3 * (weights == "int") + 5 * str_keys
    g, G = random_pair(directed, seed, str_keys, weights)
    check_all(g, G, weighted=weights is not None)


@pytest.mark.parametrize("directed", [False, True])
def test_tiny_graphs(directed):
    for nodes, edges in [([], []), ([1], []), ([1], [(1, 1)]), ([1, 2], []), ([], [(1, 2)])]:
        g, G = both(directed, edges, nodes)
        for normalized in (True, False):
            got = g.edge_betweenness_centrality(normalized=normalized)
            assert_close(got, nx.edge_betweenness_centrality(G, normalized=normalized))
            assert_close(
                g.closeness_centrality(wf_improved=normalized),
                nx.closeness_centrality(G, wf_improved=normalized),
            )
        check_all(g, G, weighted=False)
        # k equal to the number of nodes is the exact computation, as in networkx.
        if len(G):
            assert_close(
                g.betweenness_centrality(k=len(G), seed=1),
                nx.betweenness_centrality(G, k=len(G), seed=1),
            )


def test_zero_weights_count_each_shortest_path_once():
    """networkx's Dijkstra counts a path through a zero-weight edge more than once (it
    says 1.5 here); the one pair joined through node 1 gives it 1."""
    G = nx.Graph()
    G.add_edge(0, 1, w=0)
    G.add_edge(1, 2, w=1)
    g = gr.from_networkx(G)
    assert g.betweenness_centrality(weight="w", normalized=False) == {0: 0.0, 1: 1.0, 2: 0.0}
    assert g.edge_betweenness_centrality(weight="w", normalized=False) == {(0, 1): 2.0, (1, 2): 2.0}
    # Closeness and harmonic centrality agree with networkx there too.
    assert_close(g.closeness_centrality(weight="w"), nx.closeness_centrality(G, distance="w"))
    assert_close(g.harmonic_centrality(weight="w"), nx.harmonic_centrality(G, distance="w"))


# ----- sampling: reproducible on any thread count -------------------------------------------


def test_the_same_seed_gives_the_same_values():
    g, G = random_pair(False, 3)
    a = g.betweenness_centrality(k=20, seed=7)
    assert dict(a.items()) == dict(g.betweenness_centrality(k=20, seed=7).items())
    assert dict(a.items()) != dict(g.betweenness_centrality(k=20, seed=8).items())
    e = g.edge_betweenness_centrality(k=20, seed=7)
    assert e == g.edge_betweenness_centrality(k=20, seed=7)
    assert e.keys() == nx.edge_betweenness_centrality(G).keys()
    # A random.Random gives one draw of its state, as networkx draws from it.
    same = g.betweenness_centrality(k=20, seed=random.Random(5))
    assert dict(same.items()) == dict(g.betweenness_centrality(k=20, seed=random.Random(5)).items())


RUN_WITH_THREADS = textwrap.dedent(
    """
    import networkx as nx
    import groggy as gr
    G = nx.gnp_random_graph(300, 0.03, seed=4, directed=True)
    for u, v, d in G.edges(data=True):
        d["w"] = (u * 31 + v * 17) % 13 / 4 + 0.5
    g = gr.from_networkx(G)
    for w in (None, "w"):
        print(list(g.betweenness_centrality(k=60, seed=99, weight=w).values()))
        print(list(g.edge_betweenness_centrality(k=60, seed=99, weight=w).values()))
    print(list(g.betweenness_centrality().values()))
    """
)


def test_sampled_values_do_not_depend_on_the_thread_count():
    outputs = []
    for threads in ("1", "2"):
        env = dict(os.environ, RAYON_NUM_THREADS=threads)
        done = subprocess.run(
            [sys.executable, "-c", RUN_WITH_THREADS],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == 5


# ----- errors ------------------------------------------------------------------------------


def test_bad_arguments_raise_and_change_nothing():
    g, _ = random_pair(True, 1)
    g.set_edge_attr(*next(iter(g.edges())), "neg", -1.0)
    before = (g.node_count, g.edge_count)
    n = g.node_count
    for call, error in [
        (lambda: g.betweenness_centrality(k=0), gr.InvalidArgumentError),
        (lambda: g.betweenness_centrality(k=n + 1), gr.InvalidArgumentError),
        (lambda: g.edge_betweenness_centrality(k=n + 1), gr.InvalidArgumentError),
        (lambda: g.betweenness_centrality(k=-1), ValueError),
        (lambda: g.betweenness_centrality(k=2**70), OverflowError),
        (lambda: g.betweenness_centrality(k=1.5), TypeError),
        (lambda: g.betweenness_centrality(normalized="yes"), TypeError),
        (lambda: g.betweenness_centrality(endpoints=None), TypeError),
        (lambda: g.betweenness_centrality(seed="x"), TypeError),
        (lambda: g.betweenness_centrality(weight=3), TypeError),
        (lambda: g.betweenness_centrality(weight="nope"), gr.InvalidArgumentError),
        (lambda: g.closeness_centrality(weight="nope"), gr.InvalidArgumentError),
        (lambda: g.closeness_centrality(wf_improved=1), TypeError),
        (lambda: g.harmonic_centrality(weight=b"w"), TypeError),
        (lambda: g.betweenness_centrality(weight="neg"), gr.AlgorithmError),
        (lambda: g.edge_betweenness_centrality(weight="neg"), gr.AlgorithmError),
        (lambda: g.closeness_centrality(weight="neg"), gr.AlgorithmError),
        (lambda: g.harmonic_centrality(weight="neg"), gr.AlgorithmError),
    ]:
        with pytest.raises(error):
            call()
        assert (g.node_count, g.edge_count) == before


def test_a_triggered_token_cancels():
    g, _ = random_pair(False, 2)
    token = CancelToken()
    token.trigger()
    keys, values = ffi.new("gr_keys **"), ffi.new("gr_array **")
    targets = ffi.new("gr_keys **")
    for status in (
        lib.gr_graph_betweenness_centrality(g._handle, NULL, token._handle, keys, values),
        lib.gr_graph_edge_betweenness_centrality(
            g._handle, NULL, token._handle, keys, targets, values
        ),
        lib.gr_graph_closeness_centrality(g._handle, NULL, 0, True, token._handle, keys, values),
        lib.gr_graph_harmonic_centrality(g._handle, NULL, 0, token._handle, keys, values),
    ):
        with pytest.raises(gr.CancelledError):
            check(status)


def test_a_closed_graph():
    g, _ = random_pair(False, 2)
    g.close()
    for call in (
        g.betweenness_centrality,
        g.edge_betweenness_centrality,
        g.closeness_centrality,
        g.harmonic_centrality,
    ):
        with pytest.raises(gr.InvalidOperationError):
            call()


def interrupted_after(call, delay=0.3):
    """Sends SIGINT ``delay`` seconds into ``call()``, which must raise KeyboardInterrupt;
    returns the time from the signal to the exception."""
    sent = {}

    def interrupt():
        sent["at"] = time.perf_counter()
        os.kill(os.getpid(), signal.SIGINT)

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(delay, interrupt)
    try:
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            call()
        caught = time.perf_counter()
    finally:
        timer.cancel()
        timer.join()
        signal.signal(signal.SIGINT, previous)
    return caught - sent["at"]


def test_ctrl_c_interrupts_on_a_large_graph():
    edges = np.array(read_snap(ROOT / "tests" / "data" / "ca-CondMat.txt.gz"), dtype=np.int64)
    g = gr.Graph()
    g.add_edges_from_arrays(edges[:, 0], edges[:, 1])
    size = (g.node_count, g.edge_count)
    for call in (g.betweenness_centrality, g.closeness_centrality):
        assert interrupted_after(call) < 1.0
    assert not [t for t in threading.enumerate() if t.name == "groggy-algorithm" and t.is_alive()]
    assert (g.node_count, g.edge_count) == size
    g.close()
