"""Every kind of object that borrows native memory, ended in every order: after each step,
every object still alive either works as before or raises InvalidOperationError (views of
a closed graph); none reads freed memory or another graph's data."""

import copy
import itertools
import pickle

import numpy as np
import pytest

import groggy as gr


class World:
    """A graph in a pool, its copies, and everything borrowed from each."""

    def __init__(self):
        self.pool = gr.MemoryPool()
        g = gr.Graph(directed=True, pool=self.pool)
        g.add_nodes([(1, {"x": 1.5}), (2, {"x": 2.5}), (3, {"x": 3.5})])
        g.add_edges([(1, 2, {"w": 2.0}), (2, 3, {"w": 3.0}), (3, 1, {"w": 4.0})])
        self.graphs = {
            "graph": g,
            "copy": copy.copy(g),
            "deepcopy": copy.deepcopy(g),
            "subgraph": g.subgraph([1, 2]),
            "unpickled": pickle.loads(pickle.dumps(g)),
        }
        # Views of each graph: they read it at each use.
        self.views = {
            name: (h.nodes, h.edges, h.nodes[1], h.edges[1, 2], h[1], h.degree, h.in_degree)
            for name, h in self.graphs.items()
        }
        # Snapshots: they must outlive every graph.
        self.array = g.node_array("x")
        self.numpy_view = self.array.to_numpy()
        self.pagerank = g.pagerank()
        self.pagerank_values = np.asarray(self.pagerank)
        self.expected_pagerank = dict(self.pagerank)
        self.closed = set()

    # ----- ways to end objects ---------------------------------------------------------

    def end(self, what):
        if what == "pool":
            self.pool = None  # the pool's graphs keep it alive
        elif what == "results":
            self.array = self.pagerank = None
        else:
            self.graphs[what].close()
            self.closed.add(what)

    # ----- touching everything still there ---------------------------------------------

    def touch_all(self):
        for name, h in self.graphs.items():
            if name in self.closed:
                self.expect_closed(h, self.views[name])
            else:
                self.expect_open(name, h, self.views[name])
        if self.pool is not None:
            assert self.pool.stats()["pool_usage"] >= 0
        if self.array is not None:
            assert self.array.to_list() == [1.5, 2.5, 3.5]
            assert self.array.sum() == 7.5
        if self.pagerank is not None:
            assert self.pagerank == self.expected_pagerank
            assert self.pagerank.top(1)[0][0] in (1, 2, 3)
        # numpy arrays taken from snapshots keep their memory alive on their own.
        assert self.numpy_view.tolist() == [1.5, 2.5, 3.5]
        assert self.pagerank_values.tolist() == list(self.expected_pagerank.values())

    @staticmethod
    def expect_open(name, h, views):
        nodes, edges, node_attrs, edge_attrs, adjacency, degree, in_degree = views
        size = 2 if name == "subgraph" else 3
        assert h.node_count == size
        assert h.edge_count == (1 if name == "subgraph" else 3)
        assert list(nodes) == list(range(1, size + 1))
        assert len(edges) == h.edge_count
        assert dict(node_attrs) == {"x": 1.5}
        assert dict(edge_attrs) == {"w": 2.0}
        assert dict(adjacency) == {2: {"w": 2.0}}
        assert degree[1] == (1 if name == "subgraph" else 2)
        assert in_degree[2] == 1
        assert h.get_node_attr(2, "x") == 2.5

    @staticmethod
    def expect_closed(h, views):
        uses = [lambda: h.node_count, lambda: h.pagerank(), lambda: h.nodes[1]]
        nodes, edges, node_attrs, edge_attrs, adjacency, degree, in_degree = views
        uses += [
            lambda: list(nodes),
            lambda: len(edges),
            lambda: dict(node_attrs),
            lambda: edge_attrs["w"],
            lambda: dict(adjacency),
            lambda: degree[1],
            lambda: list(in_degree),
        ]
        for use in uses:
            with pytest.raises(gr.InvalidOperationError):
                use()


# The deep copy and the unpickled graph stay open throughout: each step checks that they
# are untouched by what happens to the graph they came from.
ENDINGS = ["graph", "copy", "subgraph", "pool", "results"]


def test_every_order_of_ending_objects_leaves_the_others_sound():
    orders = list(itertools.permutations(ENDINGS))
    assert len(orders) == 120
    for order in orders:
        world = World()
        world.touch_all()
        for what in order:
            world.end(what)
            world.touch_all()
        for kept in ("deepcopy", "unpickled"):
            assert world.graphs[kept].edges(data=True) == [
                (1, 2, {"w": 2.0}),
                (2, 3, {"w": 3.0}),
                (3, 1, {"w": 4.0}),
            ]
