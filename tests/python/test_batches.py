"""Batches (add_nodes, add_edges): every item form, the same result as one-at-a-time adds
(a later duplicate updates an earlier one), and all or nothing when any item is bad."""

import random

import numpy as np
import pytest

import groggy as gr

# ----- item forms ----------------------------------------------------------------------------


def test_add_nodes_accepts_keys_pairs_and_dicts(graph):
    graph.add_nodes(
        [
            1,
            "a",
            (2, {"x": 1}),
            ("b", {}),
            {"id": 3, "attrs": {"y": "z"}},
            {"id": "c"},
            {"id": 4, "attrs": {}},
        ]
    )
    assert graph.nodes(data=True) == [
        (1, {}),
        ("a", {}),
        (2, {"x": 1}),
        ("b", {}),
        (3, {"y": "z"}),
        ("c", {}),
        (4, {}),
    ]


def test_add_nodes_accepts_any_iterable(graph):
    graph.add_nodes(range(3))
    graph.add_nodes(k for k in ["x", "y"])
    graph.add_nodes(iter([(10, {"a": 1})]))
    graph.add_nodes({"set-member"})
    assert list(graph.nodes) == [0, 1, 2, "x", "y", 10, "set-member"]


def test_empty_batches_change_nothing(populated, take_snapshot):
    before = take_snapshot(populated)
    populated.add_nodes([])
    populated.add_edges([])
    populated.add_nodes(iter(()))
    assert take_snapshot(populated) == before


def test_add_edges_accepts_pairs_and_triples(any_graph):
    g = any_graph
    g.add_edges([(1, 2), [2, 3], (3, "x", {"w": 1.5}), ["x", 1, {"w": 2}]])
    assert g.edges(data=True) == [
        (1, 2, {}),
        (2, 3, {}),
        (3, "x", {"w": 1.5}),
        ("x", 1, {"w": 2}),
    ]
    assert list(g.nodes) == [1, 2, 3, "x"]


def test_add_edges_creates_endpoints_in_order(graph):
    graph.add_node("existing")
    graph.add_edges([("new1", "existing"), ("existing", "new2"), ("new3", "new3")])
    assert list(graph.nodes) == ["existing", "new1", "new2", "new3"]


def test_add_edges_accepts_a_generator(graph):
    graph.add_edges((i, i + 1) for i in range(5))
    assert list(graph.edges) == [(i, i + 1) for i in range(5)]


def test_batches_mix_int_and_str_keys(graph):
    graph.add_nodes([1, "1", (2, {"k": "int"}), ("2", {"k": "str"})])
    graph.add_edges([(1, "1"), ("1", 2, {"w": 1})])
    assert graph.nodes(data=True) == [(1, {}), ("1", {}), (2, {"k": "int"}), ("2", {"k": "str"})]
    assert graph.edges(data=True) == [(1, "1", {}), ("1", 2, {"w": 1})]


# ----- duplicates ------------------------------------------------------------------------


def test_later_duplicate_node_updates_earlier(graph):
    graph.add_nodes([(1, {"a": 1, "b": 1}), 2, (1, {"b": 2, "c": 3}), {"id": 2, "attrs": {"d": 4}}])
    assert graph.nodes(data=True) == [(1, {"a": 1, "b": 2, "c": 3}), (2, {"d": 4})]


def test_batch_updates_existing_nodes(graph):
    graph.add_node(1, a=1)
    graph.add_nodes([(1, {"a": 2, "b": 3}), 1])
    assert graph.nodes(data=True) == [(1, {"a": 2, "b": 3})]


def test_later_duplicate_edge_updates_earlier(digraph):
    digraph.add_edges([(1, 2, {"w": 1, "x": "a"}), (2, 1, {"w": 5}), (1, 2, {"w": 2})])
    assert digraph.edges(data=True) == [(1, 2, {"w": 2, "x": "a"}), (2, 1, {"w": 5})]
    assert digraph.edge_count == 2


def test_reversed_duplicate_updates_the_undirected_edge(graph):
    graph.add_edges([(1, 2, {"w": 1, "x": "a"}), (2, 1, {"w": 2}), (2, 1)])
    assert graph.edges(data=True) == [(1, 2, {"w": 2, "x": "a"})]
    assert graph.edge_count == 1


def test_batch_updates_existing_edges(graph):
    graph.add_edge("a", "b", w=1)
    graph.add_edges([("b", "a", {"w": 9}), ("a", "b", {"z": 1})])
    assert graph.edges(data=True) == [("a", "b", {"w": 9, "z": 1})]


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_batches_equal_one_at_a_time(directed, take_snapshot):
    rng = random.Random(1234)
    keys = list(range(15)) + [f"s{i}" for i in range(10)]
    node_items = []
    for _ in range(60):
        key = rng.choice(keys)
        form = rng.randrange(3)
        attrs = {rng.choice("abc"): rng.choice([1, "x", 2.5, None, b"b", True])}
        if form == 0:
            node_items.append(key)
        elif form == 1:
            node_items.append((key, attrs))
        else:
            node_items.append({"id": key, "attrs": attrs})
    edge_items = []
    for _ in range(80):
        u, v = rng.choice(keys), rng.choice(keys)
        if rng.random() < 0.5:
            edge_items.append((u, v))
        else:
            edge_items.append((u, v, {rng.choice("wxy"): rng.choice([1, "e", 0.5, None])}))

    with gr.Graph(directed=directed) as batched, gr.Graph(directed=directed) as single:
        batched.add_nodes(node_items)
        batched.add_edges(edge_items)
        for item in node_items:
            if isinstance(item, tuple):
                single.add_node(item[0], **item[1])
            elif isinstance(item, dict):
                single.add_node(item["id"], **item["attrs"])
            else:
                single.add_node(item)
        for item in edge_items:
            attrs = item[2] if len(item) == 3 else {}
            single.add_edge(item[0], item[1], **attrs)
        assert take_snapshot(batched) == take_snapshot(single)


# ----- all or nothing ---------------------------------------------------------------------


class Opaque:
    pass


BAD_NODE_BATCHES = [
    ("bad-key-float", [10, 11, 1.5], TypeError),
    ("bad-key-bool", [10, True], TypeError),
    ("bad-key-none", [(10, {"a": 1}), None], TypeError),
    ("bad-key-in-pair", [10, (1.5, {"a": 1})], TypeError),
    ("bad-key-in-dict", [10, {"id": None, "attrs": {}}], TypeError),
    ("key-too-big", [10, 2**63], OverflowError),
    ("key-too-small", [10, -(2**63) - 1], OverflowError),
    ("key-uint64-too-big", [10, np.uint64(2**64 - 1)], OverflowError),
    ("bad-value-list", [10, (11, {"a": [1, 2]})], TypeError),
    ("bad-value-object", [(1, {"name": "changed"}), (11, {"a": Opaque()})], TypeError),
    ("bad-value-in-dict", [10, {"id": 11, "attrs": {"a": {"nested": 1}}}], TypeError),
    ("bad-value-complex", [(1, {"weight": 9.0}), (11, {"a": 1j})], TypeError),
    ("value-too-big", [(10, {"a": 1}), (11, {"a": 2**63})], OverflowError),
    ("value-uint64-too-big", [(10, {"a": np.uint64(2**63)})], OverflowError),
    ("bad-attr-name", [10, (11, {5: "x"})], TypeError),
    ("pair-too-short", [10, (11,)], TypeError),
    ("pair-too-long", [10, (11, {}, {})], TypeError),
    ("pair-attrs-not-dict", [10, (11, [("a", 1)])], TypeError),
    ("dict-without-id", [10, {"attrs": {"a": 1}}], TypeError),
    ("dict-attrs-not-dict", [10, {"id": 11, "attrs": [1]}], TypeError),
]


@pytest.mark.parametrize(
    ("items", "error"), [c[1:] for c in BAD_NODE_BATCHES], ids=[c[0] for c in BAD_NODE_BATCHES]
)
def test_bad_node_batch_changes_nothing(populated, take_snapshot, items, error):
    before = take_snapshot(populated)
    with pytest.raises(error):
        populated.add_nodes(items)
    assert take_snapshot(populated) == before
    assert 10 not in populated
    assert 11 not in populated


BAD_EDGE_BATCHES = [
    ("bad-key-float", [(10, 11), (12, 1.5)], TypeError),
    ("bad-key-bool", [(10, 11), (True, 12)], TypeError),
    ("bad-key-none", [(10, 11, {"w": 1}), (None, 12)], TypeError),
    ("bad-key-tuple", [(10, 11), ((1, 2), 12)], TypeError),
    ("key-too-big", [(10, 11), (12, 2**63)], OverflowError),
    ("key-too-small", [(10, 11), (-(2**63) - 1, 12)], OverflowError),
    ("bad-value-list", [(10, 11), (12, 13, {"w": [1]})], TypeError),
    ("bad-value-object", [(1, 2, {"w": 100.0}), (12, 13, {"w": Opaque()})], TypeError),
    ("value-too-big", [(1, 2, {"w": 5.0}), (12, 13, {"w": 2**64})], OverflowError),
    ("bad-attr-name", [(10, 11), (12, 13, {None: 1})], TypeError),
    ("item-too-short", [(10, 11), (12,)], TypeError),
    ("item-too-long", [(10, 11), (12, 13, {}, 14)], TypeError),
    ("item-not-a-sequence", [(10, 11), 12], TypeError),
    ("item-is-a-string", [(10, 11), "ab"], TypeError),
    ("item-is-none", [(10, 11), None], TypeError),
    ("attrs-not-dict", [(10, 11), (12, 13, 1.0)], TypeError),
    ("attrs-none", [(10, 11), (12, 13, None)], TypeError),
]


@pytest.mark.parametrize(
    ("items", "error"), [c[1:] for c in BAD_EDGE_BATCHES], ids=[c[0] for c in BAD_EDGE_BATCHES]
)
def test_bad_edge_batch_changes_nothing(populated, take_snapshot, items, error):
    before = take_snapshot(populated)
    with pytest.raises(error):
        populated.add_edges(items)
    assert take_snapshot(populated) == before
    for key in (10, 11, 12, 13):
        assert key not in populated


def test_bad_item_at_the_end_of_a_long_batch_changes_nothing(populated, take_snapshot):
    before = take_snapshot(populated)
    items = [(i, {"a": i}) for i in range(1000, 6000)] + [(6000, {"a": object()})]
    with pytest.raises(TypeError):
        populated.add_nodes(items)
    edges = [(i, i + 1, {"w": float(i)}) for i in range(1000, 6000)] + [(1, 2**70)]
    with pytest.raises(OverflowError):
        populated.add_edges(edges)
    assert take_snapshot(populated) == before


def test_bad_batch_on_empty_graph_leaves_it_empty(any_graph, take_snapshot):
    before = take_snapshot(any_graph)
    with pytest.raises(TypeError):
        any_graph.add_nodes([1, 2, 3, [4]])
    with pytest.raises(TypeError):
        any_graph.add_edges([(1, 2), (2, 3, {"a": {}})])
    assert take_snapshot(any_graph) == before
    assert len(any_graph) == 0


def test_a_generator_batch_that_raises_changes_nothing(populated, take_snapshot):
    before = take_snapshot(populated)

    def items():
        yield 10
        yield (11, {"a": 1})
        raise RuntimeError("producer failed")

    with pytest.raises(RuntimeError, match="producer failed"):
        populated.add_nodes(items())

    def edges():
        yield (10, 11)
        raise RuntimeError("producer failed")

    with pytest.raises(RuntimeError, match="producer failed"):
        populated.add_edges(edges())
    assert take_snapshot(populated) == before


def test_graph_still_works_after_a_failed_batch(graph):
    with pytest.raises(TypeError):
        graph.add_nodes([1, (2, {"a": [1]})])
    graph.add_nodes([1, (2, {"a": 1})])
    graph.add_edges([(1, 2, {"w": 1})])
    assert graph.nodes(data=True) == [(1, {}), (2, {"a": 1})]
    assert graph.edges(data=True) == [(1, 2, {"w": 1})]


def test_large_batches(graph):
    n = 20_000
    graph.add_nodes((i, {"v": i}) for i in range(n))
    graph.add_edges((i, (i + 1) % n, {"w": 1.0}) for i in range(n))
    assert graph.node_count == n
    assert graph.edge_count == n
    assert graph.get_node_attr(n - 1, "v") == n - 1
    assert graph.edges[n - 1, 0] == {"w": 1.0}
    assert set(graph.degrees().values()) == {2}
