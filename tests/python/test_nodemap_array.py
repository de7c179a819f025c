"""NodeMap as a view of a GraphArray: g.degrees() has .array aligned with its keys,
to_numpy, to_pandas (a Series indexed by key), top(k), and compares equal to a dict."""

import gc
import gzip
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import groggy as gr

DATA = Path(__file__).resolve().parents[2] / "python" / "groggy" / "data"


@pytest.fixture(scope="module")
def grqc():
    """ca-GrQc loaded with add_edges_from_arrays, and the same graph in networkx."""
    pairs = []
    with gzip.open(DATA / "ca-GrQc.txt.gz", "rt") as f:
        for line in f:
            if not line.startswith("#") and line.strip():
                u, v = line.split()
                pairs.append((int(u), int(v)))
    src, dst = np.array(pairs, dtype=np.int64).T
    g = gr.Graph()
    g.add_edges_from_arrays(src, dst)
    yield g, nx.Graph(pairs)
    g.close()


@pytest.fixture
def small(digraph):
    digraph.add_edges([(1, 2), (2, 3), ("a", 1), (1, 1), (3, "b"), ("b", 2)])
    digraph.add_node("iso")
    digraph.add_node(-5)
    return digraph


def expected_degrees(g):
    return {k: g.degree(k) for k in g.nodes}


def test_degrees_is_a_read_only_mapping(small):
    m = small.degrees()
    assert isinstance(m, gr.NodeMap)
    assert list(m) == list(small.nodes)
    assert len(m) == small.node_count
    assert m == expected_degrees(small)
    assert dict(m) == expected_degrees(small)
    assert m.to_dict() == expected_degrees(small)
    assert list(m.items()) == list(expected_degrees(small).items())
    assert m[1] == 4  # 1->2, a->1, and the self-loop in and out
    assert m["iso"] == 0
    with pytest.raises(KeyError):
        m["missing"]
    with pytest.raises(TypeError):
        m[1] = 3


def test_array_is_aligned_with_keys(small):
    m = small.degrees()
    a = m.array
    assert isinstance(a, gr.GraphArray)
    assert len(a) == len(m)
    assert a.dtype == "int64"
    assert a.null_count == 0
    assert a.to_list() == [m[k] for k in m]
    assert a.to_list() == [small.degree(k) for k in small.nodes]
    assert a.sum() == 2 * small.edge_count
    assert a.max() == max(m.values())


def test_array_order_after_removals(small):
    small.remove_node(2)
    small.add_edge("late", 1)
    m = small.degrees()
    assert list(m) == list(small.nodes)
    assert m.array.to_list() == [small.degree(k) for k in small.nodes]
    assert m == expected_degrees(small)


def test_to_numpy(small):
    m = small.degrees()
    out = m.to_numpy()
    assert isinstance(out, np.ndarray)
    assert out.dtype == np.int64
    assert out.tolist() == m.array.to_list()
    assert not out.flags.writeable
    assert np.shares_memory(out, m.array.to_numpy())


def test_to_numpy_outlives_the_map_and_graph():
    g = gr.Graph()
    g.add_edges_from_arrays(np.arange(1000), np.arange(1, 1001))
    m = g.degrees()
    out = m.to_numpy()
    expected = [1, *([2] * 999), 1]
    del m
    g.add_edges_from_arrays(np.zeros(100, dtype=np.int64), np.arange(2, 102))
    g.close()
    gc.collect()
    assert out.tolist() == expected


def test_to_pandas_is_indexed_by_key(small):
    m = small.degrees()
    s = m.to_pandas()
    assert isinstance(s, pd.Series)
    assert s.index.tolist() == list(m)
    assert s.tolist() == m.array.to_list()
    assert s.dtype == np.int64
    assert s.loc[1] == m[1]
    assert s.loc["iso"] == 0
    assert s.to_dict() == m.to_dict()
    # the keys keep their kind in the index
    assert [type(k) for k in s.index] == [type(k) for k in m]


def test_to_pandas_does_not_disturb_the_array_series(small):
    m = small.degrees()
    s = m.to_pandas()
    assert m.array.to_pandas().index.tolist() == list(range(len(m)))
    assert s.index.tolist() == list(m)


def test_top(small):
    m = small.degrees()
    ranked = sorted(m.items(), key=lambda kv: kv[1], reverse=True)  # stable: node order
    for k in range(len(m) + 3):
        assert m.top(k) == ranked[:k]
    assert m.top(0) == []
    assert m.top(1) == [(1, 4)]


def test_equality_with_dicts_and_maps(small):
    m = small.degrees()
    d = expected_degrees(small)
    assert m == d
    assert d == m
    assert m == small.degrees()
    assert m != {**d, 1: 99}
    assert m != {k: v for k, v in d.items() if k != 1}
    assert m != {**d, "extra": 0}
    assert m != list(d.items())


def test_degrees_of_an_empty_graph(graph):
    m = graph.degrees()
    assert len(m) == 0
    assert m == {}
    assert m.array.to_list() == []
    assert m.to_numpy().shape == (0,)
    assert len(m.to_pandas()) == 0
    assert m.top(3) == []


def test_degrees_is_a_snapshot(small):
    m = small.degrees()
    before = m.to_dict()
    view = m.to_numpy()
    small.add_edge(1, "new")
    small.remove_node(3)
    assert m.to_dict() == before
    assert view.tolist() == list(before.values())
    assert m.array.to_list() == list(before.values())


def test_degrees_match_networkx_on_ca_grqc(grqc):
    g, G = grqc
    m = g.degrees()
    assert len(m) == 5242
    assert list(m) == list(G.nodes)
    assert m == dict(G.degree())
    assert m.to_numpy().tolist() == [d for _, d in G.degree()]
    assert m.array.sum() == sum(d for _, d in G.degree())
    ranked = sorted(G.degree(), key=lambda kv: kv[1], reverse=True)
    assert m.top(10) == ranked[:10]
    s = m.to_pandas()
    assert s.index.tolist() == list(G.nodes)
    assert s.equals(pd.Series(dict(G.degree()), dtype=np.int64))
