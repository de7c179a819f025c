"""A bulk load into a graph without edges lays out the snapshot as it goes: the first
algorithm after it takes those rows instead of building a snapshot. Its results must be
exactly those of a graph built edge by edge (which lays nothing out), before and after
later changes; and the rows count in ``memory_usage`` only until an algorithm takes them.
"""

import numpy as np
import pytest

import groggy as gr


def random_pairs(seed: int, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    sources = rng.integers(0, n, m, dtype=np.int64)
    targets = rng.integers(0, n, m, dtype=np.int64)
    # Duplicates and self-loops on purpose: the load keeps one edge per pair.
    return np.concatenate([sources, sources[:50], [3, 3]]), np.concatenate(
        [targets, targets[:50], [3, 3]]
    )


def loaded(directed: bool, sources, targets, n: int) -> gr.Graph:
    g = gr.Graph(directed=directed)
    g.add_nodes_from_arrays(np.arange(n, dtype=np.int64))
    g.add_edges_from_arrays(sources, targets)
    return g


def one_by_one(directed: bool, sources, targets, n: int) -> gr.Graph:
    g = gr.Graph(directed=directed)
    for k in range(n):
        g.add_node(k)
    for u, v in zip(sources.tolist(), targets.tolist()):
        g.add_edge(u, v)
    return g


def answers(g: gr.Graph, source: int) -> tuple:
    return (
        g.bfs(source),
        dict(g.shortest_path_lengths(source)),
        sorted(sorted(map(str, c)) for c in g.connected_components()),
        dict(g.pagerank(tol=1e-12, max_iter=500)),
        list(g.edges()),
    )


@pytest.mark.parametrize("directed", [True, False])
def test_first_algorithm_after_a_load_answers_as_a_graph_built_edge_by_edge(directed):
    n = 300
    sources, targets = random_pairs(7, n, 2_000)
    g = loaded(directed, sources, targets, n)
    expected = one_by_one(directed, sources, targets, n)
    assert g.number_of_edges() == expected.number_of_edges()
    assert answers(g, 3) == answers(expected, 3)


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("change", ["edge", "node", "attribute", "removal", "second load"])
def test_changes_between_the_load_and_the_first_algorithm(directed, change):
    n = 200
    sources, targets = random_pairs(11, n, 1_000)
    graphs = [loaded(directed, sources, targets, n), one_by_one(directed, sources, targets, n)]
    for g in graphs:
        if change == "edge":
            g.add_edge(5, 199)
            g.add_edge(199, 5)
        elif change == "node":
            g.add_node("late")
            g.add_edge("late", 0)
        elif change == "attribute":
            g.set_node_attr(0, "x", 1)
        elif change == "removal":
            g.remove_node(int(sources[0]))
        else:
            g.add_edges_from_arrays(np.array([1, 2, 250]), np.array([2, 250, 1]))
    assert answers(graphs[0], 5) == answers(graphs[1], 5)


def test_the_rows_count_until_the_first_algorithm_takes_them():
    n, m = 1_000, 20_000
    sources, targets = random_pairs(3, n, m)
    g = gr.Graph(directed=True)
    g.add_nodes_from_arrays(np.arange(n, dtype=np.int64))
    before = g.memory_usage()
    g.add_edges_from_arrays(sources, targets)
    with_rows = g.memory_usage()
    g.bfs(0)
    after = g.memory_usage()
    edges = g.number_of_edges()
    # Directed: an outgoing and an incoming row entry per edge (4 bytes each) and an
    # offset per node and side.
    rows = 2 * 4 * edges + 2 * 8 * (n + 1)
    assert with_rows - after == rows
    assert after - before >= 16 * edges  # endpoints and incidence lists stay
