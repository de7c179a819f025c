"""``add_nodes_from_arrays``: nodes with attribute columns in one call, numpy int64 keys
read in place, str keys from lists, updates of existing nodes, and bad batches that raise
and change nothing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import groggy as gr


def test_numpy_keys_and_columns_in_one_call():
    g = gr.Graph()
    g.add_nodes_from_arrays(
        np.array([5, 3, 9], dtype=np.int64),
        age=np.array([50, 30, 90]),
        score=np.array([0.5, 0.25, 1.0], dtype=np.float32),
        name=["e", "c", None],
    )
    assert list(g.nodes) == [5, 3, 9]
    assert g.node_array("age").to_list() == [50, 30, 90]
    assert g.node_array("score").dtype == "float32"
    assert g.nodes[9] == {"age": 90, "score": 1.0, "name": None}


def test_keys_of_any_kind_and_updates_keep_the_order():
    g = gr.Graph(directed=True)
    g.add_edge("b", 1)
    g.add_nodes_from_arrays(["a", 1, "b"], w=[1.0, 2.0, 3.0])
    assert list(g.nodes) == ["b", 1, "a"]
    assert g.nodes["b"] == {"w": 3.0} and g.nodes[1] == {"w": 2.0}
    g.add_nodes_from_arrays(pd.Series([1, 2], dtype="uint32"))
    assert list(g.nodes) == ["b", 1, "a", 2]
    assert g.nodes[1] == {"w": 2.0}, "a key without columns keeps its attributes"


def test_a_large_batch_matches_one_at_a_time():
    rng = np.random.default_rng(3)
    keys = rng.permutation(10_000)
    values = rng.random(10_000)
    bulk, single = gr.Graph(), gr.Graph()
    bulk.add_nodes_from_arrays(keys, x=values)
    for k, v in zip(keys.tolist(), values.tolist()):
        single.add_node(k, x=v)
    assert list(bulk.nodes(data=True)) == list(single.nodes(data=True))


def test_bad_batches_raise_and_change_nothing():
    g = gr.Graph()
    g.add_node(7, x=1)
    before = list(g.nodes(data=True))
    with pytest.raises(gr.InvalidArgumentError):
        g.add_nodes_from_arrays(np.array([1, 2]), x=[1, 2, 3])
    with pytest.raises(OverflowError, match="does not fit in int64"):
        g.add_nodes_from_arrays(np.array([2**63], dtype=np.uint64))
    with pytest.raises(ValueError, match="1-dimensional"):
        g.add_nodes_from_arrays(np.zeros((2, 2), dtype=np.int64))
    with pytest.raises(TypeError):
        g.add_nodes_from_arrays([1.5])
    assert list(g.nodes(data=True)) == before
    g.add_nodes_from_arrays(np.array([], dtype=np.int64))
    assert list(g.nodes(data=True)) == before
