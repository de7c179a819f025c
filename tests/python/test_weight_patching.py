"""A weighted algorithm lays out the weight column like the snapshot's entries; after the
graph grows, the next snapshot patches that layout instead of laying it out again, unless
an earlier edge's attribute was written since. Either way the answers must be exactly
those of a graph built fresh from the same edges and weights."""

import numpy as np
import pytest

import groggy as gr


def weighted(directed: bool, seed: int, n: int = 150, m: int = 800) -> gr.Graph:
    rng = np.random.default_rng(seed)
    g = gr.Graph(directed=directed)
    g.add_nodes_from_arrays(np.arange(n, dtype=np.int64))
    g.add_edges_from_arrays(
        rng.integers(0, n, m), rng.integers(0, n, m), w=rng.uniform(0.1, 5.0, m)
    )
    return g


def rebuilt(g: gr.Graph) -> gr.Graph:
    fresh = gr.Graph(directed=g.is_directed())
    fresh.add_nodes_from(g.nodes)
    for u, v, data in g.edges(data=True):
        fresh.add_edge(u, v, **data)
    return fresh


def answers(g: gr.Graph) -> tuple:
    return (
        dict(g.shortest_path_lengths(0, weight="w")),
        dict(g.pagerank(weight="w", tol=1e-12, max_iter=500)),
    )


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize(
    "change", ["new weighted edges", "new edges without weight", "earlier edge reweighted"]
)
def test_weighted_answers_after_growth_equal_a_fresh_graph(directed, change):
    g = weighted(directed, 5)
    answers(g)  # lays the weights out
    rng = np.random.default_rng(9)
    for round_ in range(3):
        sources, targets = rng.integers(0, 160, 40), rng.integers(0, 160, 40)
        if change == "new weighted edges":
            g.add_edges_from_arrays(sources, targets, w=rng.uniform(0.1, 5.0, 40))
        elif change == "new edges without weight":
            g.add_edges_from_arrays(sources, targets)
        else:
            u, v = next(iter(g.edges()))
            g.set_edge_attr(u, v, "w", 0.01 * (round_ + 1))
            g.add_edges_from_arrays(sources, targets, w=rng.uniform(0.1, 5.0, 40))
        assert answers(g) == answers(rebuilt(g))
