"""PageRank, eigenvector and Katz centrality on a graph whose node order scatters its most
read nodes run on rows the snapshot relabels for cache locality (nodes by out-degree);
their values must come back by the graph's own keys and order, equal to networkx's
iterations (here in numpy, as networkx takes minutes at this size), weighted and
personalized too, and after a change."""

import numpy as np
import pytest

import groggy as gr

N = 1 << 19  # past the size whose scores fit in a level-2 cache whatever the order


def scattered_edges() -> tuple[np.ndarray, np.ndarray]:
    """A path over every node, and a second edge out of every fourth node's image under
    a multiplication (scattered ids): the nodes read most are spread over the whole
    range. The path's last node is dangling."""
    path = np.arange(N - 1, dtype=np.int64)
    extra = np.arange(N // 4, dtype=np.int64)
    sources = np.concatenate([path, extra * 7919 % N])
    targets = np.concatenate([path + 1, extra * 31 % N])
    return sources, targets


def reference(sources, targets, weights=None, personalization=None, tol=1e-10):
    """networkx's PageRank iteration, in numpy."""
    w = np.ones(len(sources)) if weights is None else weights
    out_weight = np.bincount(sources, weights=w, minlength=N)
    p = np.full(N, 1.0 / N) if personalization is None else personalization / personalization.sum()
    x = np.full(N, 1.0 / N)
    dangling = out_weight == 0
    share = np.divide(w, out_weight[sources], out=np.zeros_like(w), where=out_weight[sources] != 0)
    for _ in range(1000):
        pulled = np.bincount(targets, weights=x[sources] * share, minlength=N)
        nxt = 0.85 * (pulled + x[dangling].sum() * p) + 0.15 * p
        done = np.abs(nxt - x).sum() < N * tol
        x = nxt
        if done:
            return x
    raise AssertionError("reference did not converge")


@pytest.fixture(scope="module")
def graph_and_edges():
    sources, targets = scattered_edges()
    weights = 1.0 + (np.arange(len(sources)) % 5)
    g = gr.Graph(directed=True)
    # Keys in reverse: the graph's order is not the key order, so results must follow it.
    g.add_nodes_from_arrays(np.arange(N - 1, -1, -1, dtype=np.int64))
    g.add_edges_from_arrays(sources, targets, weight=weights)
    return g, sources, targets, weights


def scores(result) -> np.ndarray:
    keys = np.array(list(result.keys()))
    assert np.array_equal(keys, np.arange(N - 1, -1, -1)), "results keep the graph's order"
    values = np.array(list(result.values()))
    return values[np.argsort(keys)]


def test_scores_equal_the_iteration_by_key(graph_and_edges):
    g, sources, targets, _ = graph_and_edges
    got = scores(g.pagerank(tol=1e-10))
    np.testing.assert_allclose(got, reference(sources, targets), rtol=1e-9, atol=0)


def test_weighted_and_personalized_scores_too(graph_and_edges):
    g, sources, targets, weights = graph_and_edges
    np.testing.assert_allclose(
        scores(g.pagerank(tol=1e-10, weight="weight")),
        reference(sources, targets, weights=weights),
        rtol=1e-9,
        atol=0,
    )
    favoured = {int(k): 1.0 + k % 3 for k in range(0, N, 1001)}
    p = np.zeros(N)
    p[list(favoured)] = list(favoured.values())
    np.testing.assert_allclose(
        scores(g.pagerank(tol=1e-10, personalization=favoured)),
        reference(sources, targets, personalization=p),
        rtol=1e-9,
        atol=0,
    )


def test_a_change_gives_the_changed_graphs_scores(graph_and_edges):
    g, sources, targets, _ = graph_and_edges
    g.pagerank()  # the snapshot relabels; the change below must not reuse its rows
    g.add_edge(0, 5)
    try:
        got = scores(g.pagerank(tol=1e-10))
        expected = reference(np.append(sources, 0), np.append(targets, 5))
        np.testing.assert_allclose(got, expected, rtol=1e-9, atol=0)
    finally:
        g.remove_edge(0, 5)


def pulled(sources, targets, x, weights=None):
    """Each node's sum of x over its in-neighbours (times the edge weights)."""
    w = np.ones(len(sources)) if weights is None else weights
    return np.bincount(targets, weights=x[sources] * w, minlength=N)


def test_eigenvector_centrality_equals_the_iteration(graph_and_edges):
    g, sources, targets, weights = graph_and_edges
    for weight, w in ((None, None), ("weight", weights)):
        x = np.full(N, 1.0 / N)
        for _ in range(1000):
            nxt = x + pulled(sources, targets, x, w)
            nxt /= np.linalg.norm(nxt)
            done = np.abs(nxt - x).sum() < N * 1e-9
            x = nxt
            if done:
                break
        got = scores(g.eigenvector_centrality(tol=1e-9, max_iter=1000, weight=weight))
        np.testing.assert_allclose(got, x, rtol=1e-7, atol=1e-15)


def test_katz_centrality_with_a_beta_per_node_equals_the_iteration(graph_and_edges):
    g, sources, targets, weights = graph_and_edges
    beta = 1.0 + np.arange(N) % 3
    x = np.zeros(N)
    for _ in range(1000):
        nxt = 0.1 * pulled(sources, targets, x, weights) + beta
        done = np.abs(nxt - x).sum() < N * 1e-10
        x = nxt
        if done:
            break
    x /= np.linalg.norm(x)
    by_key = dict(zip(range(N), beta.tolist()))
    got = scores(g.katz_centrality(alpha=0.1, beta=by_key, tol=1e-10, weight="weight"))
    np.testing.assert_allclose(got, x, rtol=1e-9, atol=0)
