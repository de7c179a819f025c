"""Pickling a Graph: through the native format in memory (gr_graph_save_buffer and
gr_graph_load_buffer), so that multiprocessing, joblib and Dask can ship graphs."""

from __future__ import annotations

import multiprocessing
import pickle

import networkx as nx
import numpy as np
import pytest

import groggy as gr


def rich_graph(directed: bool) -> gr.Graph:
    g = gr.Graph(directed=directed)
    g.add_node("s", name="text", blob=b"\x00\xff", flag=True, none=None)
    g.add_node(-(2**63), i8=np.int8(-5), f32=np.float32(0.1), u=np.uint32(7))
    g.add_node(1, mixed=1)
    g.add_node(2, mixed="two")
    g.add_edge("s", 1, weight=2.5)
    g.add_edge(1, 2, weight=float("nan"))
    g.add_edge(2, 2)
    g.add_node(99)
    g.remove_node(99)
    return g


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("protocol", [2, pickle.HIGHEST_PROTOCOL])
def test_pickle_round_trip_is_lossless(directed, protocol, take_snapshot):
    g = rich_graph(directed)
    back = pickle.loads(pickle.dumps(g, protocol=protocol))
    assert isinstance(back, gr.Graph)
    assert repr(take_snapshot(back)) == repr(take_snapshot(g))  # repr: NaN == NaN
    assert back.node_array("f32").dtype == "float32"
    assert back.node_array("i8").dtype == "int8"
    assert back.node_array("mixed").dtype == "mixed"
    back.add_node("new")  # an independent graph
    assert "new" not in g


def test_pickling_a_closed_graph_raises():
    g = gr.Graph()
    g.close()
    with pytest.raises(gr.InvalidOperationError, match="save_buffer: the graph is closed"):
        pickle.dumps(g)


def test_damaged_pickles_raise_instead_of_crashing():
    data = pickle.dumps(rich_graph(False))
    payload = pickle.loads(data).__reduce__()[1][0]
    loader = pickle.loads(data).__reduce__()[0]
    for cut in (0, 8, len(payload) // 2, len(payload) - 1):
        with pytest.raises(gr.GroggyIOError, match="load_buffer"):
            loader(payload[:cut])
    flipped = bytearray(payload)
    flipped[len(flipped) // 2] ^= 0xFF
    with pytest.raises(gr.GroggyIOError):
        loader(bytes(flipped))


def pagerank_of(g: gr.Graph) -> dict:
    """Runs in a worker process: the graph arrived by pickle."""
    return dict(g.pagerank())


def test_a_process_pool_receives_graphs_and_returns_pagerank():
    graphs = [gr.from_networkx(nx.gnp_random_graph(60, 0.1, seed=s)) for s in range(4)]
    expected = [dict(g.pagerank()) for g in graphs]
    # spawn: a fresh interpreter (forking a process that runs threads is unsafe)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(pagerank_of, graphs)
    assert results == expected
