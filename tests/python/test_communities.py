"""Communities checked against networkx: modularity (within 1e-12), the semi-synchronous
label propagation (the same partition), the asynchronous one (valid and reproducible), and
Louvain (its modularity on three SNAP graphs at least networkx's, and reproducible on any
thread count); the weight rules, bad arguments, cancellation and closed graphs."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest

import groggy as gr
from groggy._native import lib
from groggy._runtime import CancelToken
from groggy.datasets import ca_grqc, karate_club

TESTS_DATA = Path(__file__).resolve().parents[1] / "data"

# networkx's mean modularity over `nx.community.louvain_communities(G, seed=s)` for s in
# 0..4 (resolution 1, threshold 1e-7, weight "weight", no edge weighted), G read with
# `nx.read_edgelist(gzip.open(path, "rt"), nodetype=int)` from tests/data; computed once
# with networkx 3 (it takes about 6 minutes), each modularity by nx.community.modularity.
NX_LOUVAIN_MEAN = {
    "facebook_combined": 0.834742694177689,
    "ca-CondMat": 0.7318753990691013,
    "email-Enron": 0.6108465367031836,
}


def partition(groups):
    return {frozenset(g) for g in groups}


def as_groggy(G):
    return gr.from_networkx(G)


def random_graph(seed, directed=False, n=80, m=200, loops=4, isolated=5, keys=int):
    """A seeded gnm graph with self-loops, isolated nodes and a weight "w" on most edges."""
    rng = random.Random(seed)
    G = nx.gnm_random_graph(n, m, seed=seed, directed=directed)
    for u in rng.sample(range(n), loops):
        G.add_edge(u, u)
    G.add_nodes_from(range(n, n + isolated))
    for _, _, d in G.edges(data=True):
        if rng.random() < 0.8:
            d["w"] = round(rng.uniform(0.1, 5.0), 3)
    if keys is str:
        G = nx.relabel_nodes(G, {u: f"n{u}" for u in G})
    return G


# ----- modularity --------------------------------------------------------------------------


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("keys", [int, str])
def test_modularity_equals_networkx(directed, keys):
    for seed in range(4):
        G = random_graph(seed, directed=directed, keys=keys)
        g = as_groggy(G)
        rng = random.Random(seed)
        nodes = list(G)
        rng.shuffle(nodes)
        k = rng.randrange(1, 12)
        parts = [set(nodes[i::k]) for i in range(k)]
        parts.append(set())  # an empty community changes nothing
        for weight in ("w", None, "weight"):
            for resolution in (1.0, 0.3, 2.5):
                expected = nx.community.modularity(G, parts, weight=weight, resolution=resolution)
                got = g.modularity(parts, weight=weight, resolution=resolution)
                assert got == pytest.approx(expected, abs=1e-12), (seed, weight, resolution)
        g.close()


def test_modularity_on_snap_graphs():
    g = ca_grqc()
    G = g.to_networkx()
    parts = list(nx.community.label_propagation_communities(G))
    assert g.modularity(parts) == pytest.approx(nx.community.modularity(G, parts), abs=1e-12)
    k = karate_club()
    K = nx.karate_club_graph()
    parts = nx.community.louvain_communities(K, seed=1)
    # groggy's karate club has no weights: networkx's unweighted modularity.
    assert k.modularity(parts) == pytest.approx(
        nx.community.modularity(K, parts, weight=None), abs=1e-12
    )


def test_modularity_needs_a_partition():
    g = gr.Graph()
    g.add_edges_from([(1, 2), (2, 3), ("a", 3)])
    for parts in ([{1, 2}, {3}], [{1, 2, 3, "a"}, {3}], [{1, 2, 3, "a", 9}], [{1, 2}, [3, 3, "a"]]):
        with pytest.raises(gr.InvalidArgumentError, match="not a partition"):
            g.modularity(parts)
    assert g.modularity([{1, 2, 3, "a"}]) == pytest.approx(0.0, abs=1e-15)
    for bad in (5, "ab", [1, 2], None):
        with pytest.raises(TypeError):
            g.modularity(bad)
    with pytest.raises(TypeError):
        g.modularity([{1, 2, 3, "a"}], resolution="1")
    with pytest.raises(TypeError):
        g.modularity([{1, 2, 3, "a"}], weight=3)
    with pytest.raises(gr.InvalidArgumentError, match="no edge attribute 'w'"):
        g.modularity([{1, 2, 3, "a"}], weight="w")
    with pytest.raises(gr.AlgorithmError, match="undefined"):
        gr.Graph().modularity([])


# ----- label propagation ------------------------------------------------------------------


def test_label_propagation_equals_networkx():
    graphs = [karate_club(), ca_grqc()]
    graphs += [as_groggy(random_graph(s, n=150, m=s * 60 + 150)) for s in range(6)]
    graphs += [as_groggy(random_graph(7, keys=str))]
    for g in graphs:
        G = g.to_networkx()
        expected = partition(nx.community.label_propagation_communities(G))
        found = g.label_propagation_communities()
        assert partition(found) == expected
        assert [len(c) for c in found] == sorted((len(c) for c in found), reverse=True)
        g.close()


def test_label_propagation_refuses_directed_graphs():
    g = gr.Graph(directed=True)
    g.add_edge(1, 2)
    with pytest.raises(gr.InvalidOperationError):
        g.label_propagation_communities()


def most_frequent(G, labels, node, weight):
    counts = defaultdict(float)
    for _, v, w in G.edges(node, data=weight, default=1):
        counts[labels[v]] += w if weight else 1
    top = max(counts.values())
    return {label for label, c in counts.items() if c == top}


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weight", [None, "w"])
def test_asyn_lpa_converges_to_most_frequent_labels(directed, weight):
    for seed in range(3):
        G = random_graph(seed, directed=directed, n=120, m=400)
        g = as_groggy(G)
        found = g.asyn_lpa_communities(weight=weight, seed=seed)
        assert partition(found) == partition(g.asyn_lpa_communities(weight=weight, seed=seed))
        assert sum(len(c) for c in found) == len(G)
        labels = {u: i for i, c in enumerate(found) for u in c}
        for u in G:
            if G[u]:
                assert labels[u] in most_frequent(G, labels, u, weight), (seed, u)
        g.close()


def test_asyn_lpa_arguments():
    g = karate_club()
    with pytest.raises(gr.InvalidArgumentError, match="no edge attribute 'weight'"):
        g.asyn_lpa_communities(weight="weight")
    with pytest.raises(TypeError):
        g.asyn_lpa_communities(seed=1.5)
    with pytest.raises(TypeError):
        g.asyn_lpa_communities(weight=1)
    assert partition(g.asyn_lpa_communities(seed=random.Random(4))) == partition(
        g.asyn_lpa_communities(seed=random.Random(4))
    )


# ----- Louvain -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(NX_LOUVAIN_MEAN))
def test_louvain_modularity_at_least_networkx(name):
    g = gr.read_edgelist(TESTS_DATA / f"{name}.txt.gz", directed=False)
    values = []
    for seed in range(5):
        found = g.louvain_communities(seed=seed)
        assert sum(len(c) for c in found) == g.number_of_nodes()
        values.append(g.modularity(found))
    assert sum(values) / 5 >= NX_LOUVAIN_MEAN[name] - 0.002, values
    g.close()


def test_louvain_on_random_graphs_is_a_good_partition():
    for directed in (False, True):
        for seed in range(3):
            G = random_graph(seed, directed=directed, n=150, m=500)
            g = as_groggy(G)
            for weight in ("w", None):
                for resolution in (1.0, 0.5, 2.0):
                    found = g.louvain_communities(weight=weight, resolution=resolution, seed=seed)
                    assert partition(found) == partition(
                        g.louvain_communities(weight=weight, resolution=resolution, seed=seed)
                    )
                    ours = nx.community.modularity(G, found, weight=weight, resolution=resolution)
                    theirs = nx.community.modularity(
                        G,
                        nx.community.louvain_communities(
                            G, weight=weight, resolution=resolution, seed=seed
                        ),
                        weight=weight,
                        resolution=resolution,
                    )
                    assert ours >= theirs - 0.03, (directed, seed, weight, resolution)
            g.close()


def test_louvain_same_seed_on_one_and_two_threads():
    script = textwrap.dedent(
        f"""
        import groggy as gr
        g = gr.read_edgelist({str(TESTS_DATA / "facebook_combined.txt.gz")!r})
        print(sorted(sorted(c) for c in g.louvain_communities(seed=42)))
        """
    )
    outputs = []
    for threads in ("1", "2"):
        env = dict(os.environ, RAYON_NUM_THREADS=threads)
        run = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]


def test_louvain_weight_rules():
    g = gr.Graph()
    g.add_edges_from([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    # The default "weight" is absent: unweighted, the same as weight=None.
    assert partition(g.louvain_communities(seed=1)) == partition(
        g.louvain_communities(weight=None, seed=1)
    )
    assert partition(g.louvain_communities(seed=1)) == {frozenset({0, 1, 2}), frozenset({3, 4, 5})}
    with pytest.raises(gr.InvalidArgumentError, match="no edge attribute 'w'"):
        g.louvain_communities(weight="w")
    # Once present, "weight" counts: a heavy bridge pulls its ends together (as networkx).
    for u, v in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)]:
        g.edges[u, v]["weight"] = 0.01
    g.edges[2, 3]["weight"] = 100.0
    G = g.to_networkx()
    expected = partition(nx.community.louvain_communities(G, seed=1))
    assert partition(g.louvain_communities(seed=1)) == expected
    assert g.modularity(g.louvain_communities(seed=1)) == pytest.approx(
        nx.community.modularity(G, expected), abs=1e-12
    )


def test_louvain_bad_arguments_change_nothing():
    g = karate_club()
    before = (g.number_of_nodes(), g.number_of_edges())
    for kwargs in ({"resolution": "1"}, {"threshold": None}, {"seed": 1.5}, {"weight": 2}):
        with pytest.raises(TypeError):
            g.louvain_communities(**kwargs)
    with pytest.raises(OverflowError):
        g.louvain_communities(seed=2**64)
    for kwargs in ({"resolution": float("nan")}, {"threshold": float("nan")}):
        with pytest.raises(gr.InvalidArgumentError):
            g.louvain_communities(**kwargs)
    assert (g.number_of_nodes(), g.number_of_edges()) == before
    assert len(g.louvain_communities(resolution=0.01, seed=0)) == 1
    # No edges: every node alone.
    h = gr.Graph(directed=True)
    h.add_nodes_from([3, "x"])
    assert partition(h.louvain_communities()) == {frozenset({3}), frozenset({"x"})}


# ----- cancellation and closed graphs -----------------------------------------------------


def test_a_triggered_token_cancels():
    g = karate_club()
    token = CancelToken()
    token.trigger()
    for function in (
        lib.gr_graph_label_propagation_communities,
        lambda ptr, cancel, k, s: lib.gr_graph_louvain_communities(
            ptr, gr._native.NULL, cancel, k, s
        ),
        lambda ptr, cancel, k, s: lib.gr_graph_asyn_lpa_communities(
            ptr, gr._native.NULL, 0, True, 1, cancel, k, s
        ),
    ):
        with pytest.raises(gr.CancelledError):
            g._communities(function, token=token)


def test_closed_graph():
    g = karate_club()
    parts = g.label_propagation_communities()
    g.close()
    for call in (
        g.louvain_communities,
        g.label_propagation_communities,
        g.asyn_lpa_communities,
        lambda: g.modularity(parts),
    ):
        with pytest.raises(gr.InvalidOperationError):
            call()
