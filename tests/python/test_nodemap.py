"""NodeMap, as returned by ``degrees()``: a read-only Mapping from node key to value that
compares equal to a dict, with ``to_dict``, ``items``, ``top(k)``, ``len`` and iteration."""

from collections.abc import Mapping

import pytest

import groggy as gr


@pytest.fixture
def star(graph):
    """Hub "h" with 4 leaves, a pair 1-2, an isolated node "i" and a self-loop on 2."""
    graph.add_edges([("h", "a"), ("h", "b"), ("h", "c"), ("h", "d"), (1, 2), (2, 2)])
    graph.add_node("i")
    return graph


def test_node_map_is_a_mapping(star):
    d = star.degrees()
    assert isinstance(d, gr.NodeMap)
    assert isinstance(d, Mapping)


def test_node_map_lookup(star):
    d = star.degrees()
    assert d["h"] == 4
    assert d["a"] == 1
    assert d[1] == 1
    assert d[2] == 3
    assert d["i"] == 0
    assert all(type(v) is int for v in d.values())


def test_node_map_missing_key(star):
    d = star.degrees()
    with pytest.raises(KeyError):
        d["missing"]
    with pytest.raises(KeyError):
        d["1"]
    assert d.get("missing") is None
    assert d.get("missing", -1) == -1
    assert "missing" not in d
    assert "h" in d
    assert 1 in d
    assert "1" not in d


def test_node_map_len_and_iteration(star):
    d = star.degrees()
    order = ["h", "a", "b", "c", "d", 1, 2, "i"]
    assert len(d) == 8
    assert list(d) == order
    assert list(d.keys()) == order
    assert list(d.values()) == [4, 1, 1, 1, 1, 1, 3, 0]


def test_node_map_items(star):
    d = star.degrees()
    assert list(d.items()) == [
        ("h", 4),
        ("a", 1),
        ("b", 1),
        ("c", 1),
        ("d", 1),
        (1, 1),
        (2, 3),
        ("i", 0),
    ]


def test_node_map_equals_a_dict(star):
    d = star.degrees()
    expected = {"h": 4, "a": 1, "b": 1, "c": 1, "d": 1, 1: 1, 2: 3, "i": 0}
    assert d == expected
    assert expected == d
    assert not (d != expected)
    assert d != {**expected, "h": 5}
    assert d != {k: v for k, v in expected.items() if k != "i"}
    assert d != {**expected, "extra": 0}
    assert d != [("h", 4)]


def test_node_map_to_dict(star):
    d = star.degrees()
    out = d.to_dict()
    assert type(out) is dict
    assert out == {"h": 4, "a": 1, "b": 1, "c": 1, "d": 1, 1: 1, 2: 3, "i": 0}
    assert list(out) == list(d)
    assert dict(d) == out


def test_node_map_top(star):
    d = star.degrees()
    assert d.top(1) == [("h", 4)]
    assert d.top(2) == [("h", 4), (2, 3)]
    top3 = d.top(3)
    assert top3[:2] == [("h", 4), (2, 3)]
    assert top3[2][1] == 1
    assert d.top(0) == []
    everything = d.top(100)
    assert len(everything) == len(d)
    assert [v for _, v in everything] == sorted(d.values(), reverse=True)
    assert sorted(everything, key=repr) == sorted(d.items(), key=repr)


def test_node_map_top_breaks_ties_in_node_order(star):
    d = star.degrees()
    assert d.top(6)[2:] == [("a", 1), ("b", 1), ("c", 1), ("d", 1)]


def test_node_map_is_read_only(star):
    d = star.degrees()
    with pytest.raises(TypeError):
        d["h"] = 0
    with pytest.raises(TypeError):
        del d["h"]
    assert d["h"] == 4


def test_node_map_is_a_snapshot(star):
    d = star.degrees()
    star.add_edge("h", "e")
    star.remove_node("a")
    assert d["h"] == 4
    assert "a" in d
    assert "e" not in d
    assert star.degrees()["h"] == 4


def test_empty_node_map(graph):
    d = graph.degrees()
    assert len(d) == 0
    assert list(d) == []
    assert d == {}
    assert d.to_dict() == {}
    assert d.top(3) == []


def test_node_map_of_directed_graph(digraph):
    digraph.add_edges([(1, 2), (1, 3), (3, 1), (2, 2)])
    assert digraph.degrees() == {1: 3, 2: 3, 3: 2}


def test_lookup_follows_the_key_rules():
    import numpy as np

    g = gr.Graph()
    g.add_edges([(1, 2), (2, "a")])
    pr = g.pagerank()
    assert pr[np.int64(1)] == pr[1]  # numpy ints are ints
    for bad in (True, 1.0, None):
        with pytest.raises(TypeError):
            pr[bad]
        assert bad not in pr  # as `bad in g`: not there
    with pytest.raises(KeyError):
        pr["1"]  # keys keep their kind
    with pytest.raises(OverflowError):
        pr[2**70]
    assert 2**70 not in pr


def test_lookups_are_answered_by_the_engine_without_python_keys():
    g = gr.Graph(directed=True)
    g.add_edges([(i, (i * 7) % 500) for i in range(500)] + [("s", 3)])
    pr = g.pagerank()
    assert pr[3] > 0
    assert pr["s"] > 0 and 499 in pr and "499" not in pr
    with pytest.raises(KeyError):
        pr[500]
    assert pr._key_list is None  # no list of keys, no dict: the contract's promise
    assert dict(pr.items())[3] == pr[3]  # iteration makes the keys, and agrees
    assert pr._key_list is not None
    degrees = g.degrees()
    assert degrees["s"] == 1 and degrees[3] == g.degree(3)


def test_lookups_answer_the_same_before_and_after_the_map_builds_its_dict():
    # The first ENGINE_LOOKUPS lookups go to the engine, the rest to a dict built then:
    # the same values and the same errors either way.
    import numpy as np

    from groggy.nodemap import ENGINE_LOOKUPS

    g = gr.Graph()
    g.add_edges([(i, i + 1) for i in range(3 * ENGINE_LOOKUPS)] + [("a", 0)])
    m = g.degree_centrality()
    want = m.to_dict()

    def answers():
        out = [m[k] for k in (0, 5, "a", np.int64(7))]
        for bad, error in ((True, TypeError), (1.5, TypeError), ("b", KeyError), (-9, KeyError)):
            with pytest.raises(error):
                m[bad]
        out.append(("a" in m, 5 in m, "zz" in m, True in m))
        return out

    before = answers()
    assert m._index is None
    assert dict(m) == want  # many lookups: the dict is built
    assert m._index is not None
    assert answers() == before
