"""filter_nodes / filter_edges: Python predicates called by the engine through a C callback
(keys, attribute dicts, graph order, the stored-exception pattern, mutation from inside a
predicate, reads from inside it, other threads writing meanwhile), and query strings
evaluated in Rust (checked against the equivalent Python predicate on random graphs, plus
malformed queries)."""

from __future__ import annotations

import math
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import groggy as gr

# A graph that a deadlocked thread may still be using is never freed (freeing it under a
# blocked thread would turn a failing test into a crash).
_LEAKED: list = []

WATCHDOG_SECONDS = 20.0


def run_with_watchdog(fn, *keep_alive, timeout=WATCHDOG_SECONDS):
    """Runs ``fn()`` in a daemon thread; a deadlock fails the test instead of hanging it."""
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = fn()
        except BaseException as err:
            outcome["error"] = err

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        _LEAKED.extend(keep_alive)
        pytest.fail(f"deadlock: no result after {timeout} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def subprocess_env() -> dict:
    env = dict(os.environ)
    package_root = str(Path(gr.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    return env


def graph_state(g) -> dict:
    return {
        "nodes": [(k, g.nodes[k]) for k in g.nodes],
        "edges": [(u, v, g.edges[u, v]) for u, v in g.edges],
        "node_names": g.node_attr_names(),
        "edge_names": g.edge_attr_names(),
    }


# ----- callables: what the predicate sees ----------------------------------------------------

NODE_ATTRS = {
    1: {
        "none": None,
        "flag": True,
        "big": 2**63 - 1,
        "small": -(2**63),
        "f": 1.5,
        "s": "héllo\0 wörld",
        "empty": "",
        "blob": b"\x00\xffz",
        "i8": np.int8(-128),
        "i16": np.int16(32767),
        "i32": np.int32(-7),
        "i64": np.int64(12),
        "f32": np.float32(0.1),
        "f64": np.float64(-0.0),
        "u8": np.uint8(255),
        "b_": np.bool_(False),
    },
    "1": {"flag": False, "s": "string one"},
    "": {"none": None},
    "日本": {"f": float("inf")},
    -5: {},
    2**63 - 1: {"big": 0},
}

# Each value as it comes back to Python: (type, value).
EXPECTED_BACK = {
    "none": (type(None), None),
    "flag": (bool, True),
    "big": (int, 2**63 - 1),
    "small": (int, -(2**63)),
    "f": (float, 1.5),
    "s": (str, "héllo\0 wörld"),
    "empty": (str, ""),
    "blob": (bytes, b"\x00\xffz"),
    "i8": (int, -128),
    "i16": (int, 32767),
    "i32": (int, -7),
    "i64": (int, 12),
    "f32": (float, float(np.float32(0.1))),
    "f64": (float, -0.0),
    "u8": (int, 255),
    "b_": (bool, False),
}


def build_keyed_graph(directed: bool):
    g = gr.Graph(directed=directed)
    for key, attrs in NODE_ATTRS.items():
        g.add_node(key, **attrs)
    g.add_edge(1, "1", w=2.0, label="a", blob=b"e", n=None)
    g.add_edge("1", "", flag=True)
    g.add_edge("日本", -5, i8=np.int8(3), f32=np.float32(2.5))
    g.add_edge(-5, 1)
    g.add_edge(2**63 - 1, 2**63 - 1, loop=1)
    return g


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_node_predicate_sees_every_key_and_attribute_kind(directed):
    with build_keyed_graph(directed) as g:
        seen = []

        def pred(key, attrs):
            seen.append((key, attrs))
            return True

        assert g.filter_nodes(pred) == list(g.nodes)
        assert [k for k, _ in seen] == [1, "1", "", "日本", -5, 2**63 - 1]
        for key, attrs in seen:
            assert type(attrs) is dict
            assert attrs == g.nodes[key]
            assert list(attrs) == list(g.nodes[key])
        # Keys keep their kind: 1 and "1" are different nodes.
        assert type(seen[0][0]) is int and type(seen[1][0]) is str
        first = seen[0][1]
        assert set(first) == set(EXPECTED_BACK)
        for name, (kind, value) in EXPECTED_BACK.items():
            assert type(first[name]) is kind, name
            assert first[name] == value, name
        assert math.copysign(1.0, first["f64"]) == -1.0
        # Null attributes are present as None, absent ones are missing.
        assert seen[2][1] == {"none": None}
        assert seen[4][1] == {}
        assert seen[3][1] == {"f": float("inf")}


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_edge_predicate_sees_endpoints_and_attributes(directed):
    with build_keyed_graph(directed) as g:
        seen = []

        def pred(u, v, attrs):
            seen.append((u, v, attrs))
            return True

        kept = g.filter_edges(pred)
        assert kept == list(g.edges)
        assert [(u, v) for u, v, _ in seen] == list(g.edges)
        assert [(u, v) for u, v, _ in seen] == [
            (1, "1"),
            ("1", ""),
            ("日本", -5),
            (-5, 1),
            (2**63 - 1, 2**63 - 1),
        ]
        for u, v, attrs in seen:
            assert attrs == g.edges[u, v]
        assert seen[0][2] == {"w": 2.0, "label": "a", "blob": b"e", "n": None}
        assert type(seen[0][2]["blob"]) is bytes
        assert seen[2][2] == {"i8": 3, "f32": 2.5}
        assert seen[3][2] == {}
        assert all(isinstance(e, tuple) and len(e) == 2 for e in kept)


def test_results_follow_graph_order_after_removals():
    with gr.Graph() as g:
        for k in [5, "b", 3, "a", 9, 1]:
            g.add_node(k, v=len(str(k)))
        g.remove_node(3)
        g.add_node(3, v=1)  # re-added: now last
        g.add_node(5, v=7)  # an update keeps its place
        assert list(g.nodes) == [5, "b", "a", 9, 1, 3]
        assert g.filter_nodes(lambda k, a: True) == [5, "b", "a", 9, 1, 3]
        assert g.filter_nodes(lambda k, a: a["v"] == 1) == ["b", "a", 9, 1, 3]
        assert g.filter_nodes("v == 1") == ["b", "a", 9, 1, 3]
        assert g.filter_nodes(lambda k, a: False) == []
        for u, v in [(9, 1), ("a", 5), (1, "b"), (3, 9), (5, 9)]:
            g.add_edge(u, v, w=float(len(str(u))))
        g.remove_edge("a", 5)
        g.add_edge(5, "a", w=1.0)
        assert g.filter_edges(lambda u, v, a: True) == list(g.edges)
        assert g.filter_edges(lambda u, v, a: a["w"] == 1.0) == [
            e for e in g.edges if g.edges[e]["w"] == 1.0
        ]
        assert g.filter_edges("w == 1.0") == [e for e in g.edges if g.edges[e]["w"] == 1.0]


def test_empty_graph():
    with gr.Graph() as g:
        calls = []
        assert g.filter_nodes(lambda k, a: calls.append(k) or True) == []
        assert g.filter_edges(lambda u, v, a: calls.append(u) or True) == []
        assert calls == []
        assert g.filter_nodes("x == 1") == []
        assert g.filter_edges("NOT x == 1") == []


def test_return_values_are_taken_for_their_truth():
    with gr.Graph() as g:
        g.add_nodes(range(8))
        answers = {0: 1, 1: 0, 2: "x", 3: "", 4: [0], 5: None, 6: np.bool_(True), 7: 0.0}
        assert g.filter_nodes(lambda k, a: answers[k]) == [0, 2, 4, 6]

        class Bad:
            def __bool__(self):
                raise ZeroDivisionError("no truth")

        with pytest.raises(ZeroDivisionError, match="no truth"):
            g.filter_nodes(lambda k, a: Bad())


# ----- exceptions from predicates ------------------------------------------------------------


class PredicateFailed(Exception):
    pass


@pytest.mark.parametrize("edges", [False, True], ids=["nodes", "edges"])
def test_exception_is_reraised_as_the_same_object_and_stops_the_filter(edges):
    with gr.Graph() as g:
        for i in range(10):
            g.add_edge(i, i + 1, w=i)
        err = PredicateFailed("third call")
        calls = []

        def pred(*args):
            calls.append(args[:-1])
            if len(calls) == 3:
                raise err
            return True

        with pytest.raises(PredicateFailed) as excinfo:
            if edges:
                g.filter_edges(pred)
            else:
                g.filter_nodes(pred)
        assert excinfo.value is err
        assert len(calls) == 3
        # The traceback goes through the predicate.
        assert any(entry.name == "pred" for entry in excinfo.traceback)
        # The graph works afterwards, writes included.
        g.add_node("after")
        assert g.filter_nodes(lambda k, a: k == "after") == ["after"]


@pytest.mark.parametrize("exc_type", [KeyboardInterrupt, SystemExit, GeneratorExit])
@pytest.mark.parametrize("edges", [False, True], ids=["nodes", "edges"])
def test_base_exceptions_propagate(exc_type, edges):
    with gr.Graph() as g:
        for i in range(6):
            g.add_edge(i, i + 1)
        err = exc_type()
        calls = []

        def pred(*args):
            calls.append(1)
            if len(calls) == 2:
                raise err
            return True

        with pytest.raises(exc_type) as excinfo:
            if edges:
                g.filter_edges(pred)
            else:
                g.filter_nodes(pred)
        assert excinfo.value is err
        assert len(calls) == 2


def test_groggy_errors_raised_by_the_predicate_pass_through_unchanged():
    with gr.Graph() as g:
        g.add_nodes([1, 2, 3])
        err = gr.NodeNotFoundError("mine: node 9 not found", code=1, operation="mine")

        def pred(key, attrs):
            raise err

        with pytest.raises(gr.NodeNotFoundError) as excinfo:
            g.filter_nodes(pred)
        assert excinfo.value is err
        assert excinfo.value.operation == "mine"
        # A predicate's failed lookup (a real engine error) also comes out as itself.
        captured = []

        def lookup(key, attrs):
            try:
                g.degree("missing")
            except gr.NodeNotFoundError as e:
                captured.append(e)
                raise
            return True

        with pytest.raises(gr.NodeNotFoundError) as excinfo:
            g.filter_nodes(lookup)
        assert excinfo.value is captured[0]
        assert str(excinfo.value) == "degree: node 'missing' not found"


def test_exception_from_a_nested_filter_reaches_the_outer_caller():
    with gr.Graph() as g:
        g.add_nodes(range(5))
        err = PredicateFailed("inner")
        outer_calls = []

        def inner(key, attrs):
            raise err

        def outer(key, attrs):
            outer_calls.append(key)
            return bool(g.filter_nodes(inner))

        with pytest.raises(PredicateFailed) as excinfo:
            g.filter_nodes(outer)
        assert excinfo.value is err
        assert outer_calls == [0]


def test_exception_state_does_not_leak_into_the_next_filter():
    with gr.Graph() as g:
        g.add_nodes([1, 2])
        with pytest.raises(PredicateFailed):
            g.filter_nodes(lambda k, a: (_ for _ in ()).throw(PredicateFailed()))
        assert g.filter_nodes(lambda k, a: True) == [1, 2]
        assert g.filter_edges(lambda u, v, a: True) == []


# ----- mutation from inside a predicate ------------------------------------------------------


def _mutations(g, other_key):
    """Every way to change ``g``, each as (name, call)."""
    return [
        ("add_node", lambda: g.add_node(other_key)),
        ("add_node attrs", lambda: g.add_node(1, x=99)),
        ("add_nodes", lambda: g.add_nodes([other_key, "z"])),
        ("remove_node", lambda: g.remove_node(1)),
        ("add_edge", lambda: g.add_edge(1, other_key)),
        ("add_edge update", lambda: g.add_edge(1, 2, w=100.0)),
        ("add_edges", lambda: g.add_edges([(1, other_key)])),
        ("add_edges_from_arrays", lambda: g.add_edges_from_arrays([1], [other_key])),
        ("remove_edge", lambda: g.remove_edge(1, 2)),
        ("set_node_attr", lambda: g.set_node_attr(1, "x", 5)),
        ("set_edge_attr", lambda: g.set_edge_attr(1, 2, "w", 5.0)),
        ("remove_node_attr", lambda: g.remove_node_attr(1, "x")),
        ("remove_edge_attr", lambda: g.remove_edge_attr(1, 2, "w")),
        ("del nodes[n][x]", lambda: g.nodes[1].__delitem__("x")),
        ("del edges[u, v][w]", lambda: g.edges[1, 2].__delitem__("w")),
        ("nodes[n].pop", lambda: g.nodes[1].pop("x")),
        ("edges[u, v].popitem", lambda: g.edges[1, 2].popitem()),
        ("nodes[n].clear", lambda: g.nodes[1].clear()),
        ("set_node_array", lambda: g.set_node_array("x", list(range(g.node_count)))),
        ("set_edge_array", lambda: g.set_edge_array("w", [0.0] * g.edge_count)),
        ("clear", lambda: g.clear()),
    ]


def _mutation_graph():
    g = gr.Graph()
    g.add_node(1, x=1)
    g.add_node(2, x=2)
    g.add_node("s", x=None)
    g.add_edge(1, 2, w=1.0)
    g.add_edge(2, "s", w=2.0)
    return g


@pytest.mark.parametrize("edges", [False, True], ids=["nodes", "edges"])
def test_mutation_inside_predicate_raises_invalid_operation_inside(edges):
    g = _mutation_graph()
    before = graph_state(g)
    caught: list = []
    other = 1000

    def attempt_all():
        for name, call in _mutations(g, other):
            try:
                call()
            except gr.InvalidOperationError as err:
                caught.append((name, err))
            except BaseException as err:  # recorded, checked below
                caught.append((name, err))
            else:
                caught.append((name, None))

    def node_pred(key, attrs):
        attempt_all()
        return True

    def edge_pred(u, v, attrs):
        attempt_all()
        return True

    if edges:
        result = run_with_watchdog(lambda: g.filter_edges(edge_pred), g)
        assert result == [(1, 2), (2, "s")]
        calls = 2
    else:
        result = run_with_watchdog(lambda: g.filter_nodes(node_pred), g)
        assert result == [1, 2, "s"]
        calls = 3
    assert len(caught) == calls * len(_mutations(g, other))
    for name, err in caught:
        assert isinstance(err, gr.InvalidOperationError), (name, err)
        assert isinstance(err, ValueError)
        assert err.code == gr._lib.GR_STATUS_INVALID_OPERATION
        assert err.operation, name
        assert str(err).startswith(err.operation + ": "), (name, str(err))
        assert "callback" in str(err), (name, str(err))
    assert graph_state(g) == before
    # Once the filter is over, the same thread may write again.
    g.add_node(other)
    assert other in g
    g.close()


def test_uncaught_mutation_error_comes_out_of_the_filter():
    g = _mutation_graph()
    before = graph_state(g)
    raised = []
    calls = []

    def pred(key, attrs):
        calls.append(key)
        try:
            g.add_node("new")
        except gr.InvalidOperationError as err:
            raised.append(err)
            raise
        return True

    with pytest.raises(gr.InvalidOperationError) as excinfo:
        run_with_watchdog(lambda: g.filter_nodes(pred), g)
    assert excinfo.value is raised[0]
    assert excinfo.value.operation == "add_node"
    assert str(excinfo.value) == (
        "add_node: the graph cannot be changed from inside a callback running over it"
    )
    assert calls == [1]
    assert graph_state(g) == before

    def edge_pred(u, v, attrs):
        g.remove_edge(u, v)
        return True

    with pytest.raises(gr.InvalidOperationError) as excinfo:
        run_with_watchdog(lambda: g.filter_edges(edge_pred), g)
    assert excinfo.value.operation == "remove_edge"
    assert graph_state(g) == before
    g.close()


def test_mutation_in_a_nested_filter_over_another_graph_still_fails():
    g = _mutation_graph()
    h = gr.Graph()
    h.add_nodes(["h1", "h2"])
    errors = []

    def inner(key, attrs):
        try:
            g.add_node("from-inner")  # g's filter is still running on this thread
        except gr.InvalidOperationError as err:
            errors.append(err)
        h.set_node_attr(key, "seen", True)  # h's own filter is running: fails too
        return True

    def outer(key, attrs):
        try:
            return bool(h.filter_nodes(inner))
        except gr.InvalidOperationError as err:
            errors.append(err)
            return True

    assert run_with_watchdog(lambda: g.filter_nodes(outer), g, h) == [1, 2, "s"]
    assert [e.operation for e in errors] == ["add_node", "set_node_attr"] * 3
    assert "from-inner" not in g
    assert h.node_attr_names() == []
    g.close()
    h.close()


def test_writing_another_graph_inside_a_predicate_works():
    g = _mutation_graph()
    h = gr.Graph()

    def pred(key, attrs):
        h.add_node(key, **{k: v for k, v in attrs.items() if v is not None})
        if h.node_count > 1:
            h.add_edge(key, 1)
        return True

    assert run_with_watchdog(lambda: g.filter_nodes(pred), g, h) == [1, 2, "s"]
    assert list(h.nodes) == [1, 2, "s"]
    assert h.nodes[2] == {"x": 2}
    assert h.edge_count == 2
    g.close()
    h.close()


MUTATION_SCRIPT = r"""
import groggy as gr
g = gr.Graph()
for i in range(20):
    g.add_node(i, x=i)
g.add_edge(0, 1)
results = []
def pred(key, attrs):
    try:
        g.add_node(1000 + key)
        results.append("no error")
    except gr.InvalidOperationError:
        results.append("InvalidOperationError")
    try:
        g.remove_node(key)
    except gr.InvalidOperationError:
        results.append("InvalidOperationError")
    return True
kept = g.filter_nodes(pred)
def epred(u, v, attrs):
    try:
        g.clear()
    except gr.InvalidOperationError:
        results.append("InvalidOperationError")
    return True
kept_edges = g.filter_edges(epred)
print(len(kept), len(kept_edges), g.node_count, g.edge_count, sorted(set(results)), len(results))
"""


def test_mutation_inside_predicate_never_deadlocks_in_a_fresh_process():
    result = subprocess.run(
        [sys.executable, "-c", MUTATION_SCRIPT],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "20 1 20 1 ['InvalidOperationError'] 41"


CLOSE_SCRIPT = r"""
import groggy as gr
g = gr.Graph()
for i in range(50):
    g.add_node(i, x=i)
outcome = []
def pred(key, attrs):
    if key == 3:
        try:
            g.close()
            outcome.append("closed")
        except gr.InvalidOperationError:
            outcome.append("refused")
    return True
try:
    kept = g.filter_nodes(pred)
    outcome.append(len(kept))
except gr.GroggyError as err:
    outcome.append(type(err).__name__)
print("done", outcome)
"""


def test_closing_the_graph_inside_its_own_predicate_is_safe():
    # Closing frees the native graph; from inside a predicate running over it, that must not
    # free it under the running filter (refused, or deferred until the filter returns).
    result = subprocess.run(
        [sys.executable, "-c", CLOSE_SCRIPT],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=60,
    )
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    # Refused (the filter then sees all 50 nodes), or deferred (all 50 nodes, then closed),
    # or the filter reports the closed graph; never a partial result from freed memory.
    assert result.stdout.strip() in {
        "done ['refused', 50]",
        "done ['closed', 50]",
        "done ['closed', 'InvalidOperationError']",
    }, result.stdout


# ----- reading the graph from inside a predicate ---------------------------------------------


def test_reading_the_graph_inside_a_predicate_works():
    with gr.Graph() as g:
        for i in range(6):
            g.add_node(i, age=20 + 5 * i, club="Blue" if i % 2 else "Red")
        for i in range(5):
            g.add_edge(i, i + 1, w=float(i))
        g.add_edge(0, 5, w=9.0)
        expected_pr = g.pagerank()
        reads = []

        def pred(key, attrs):
            assert g.has_node(key)
            assert key in g
            assert g.degree(key) == len(g.neighbors(key))
            assert g.get_node_attr(key, "age") == attrs["age"]
            assert g.get_node_attr(key, "missing", "dflt") == "dflt"
            assert g.nodes[key] == attrs
            assert len(g) == 6 and g.edge_count == 6
            assert g.node_array("age").to_list()[key] == attrs["age"]
            assert g.pagerank() == expected_pr
            # Nested filters over the same graph: a callable and a query.
            same_club = g.filter_nodes(lambda k, a: a["club"] == attrs["club"])
            assert same_club == g.filter_nodes(f"club == '{attrs['club']}'")
            older = g.filter_nodes(f"age > {attrs['age']}")
            edges_here = g.filter_edges(lambda u, v, a: key in (u, v))
            reads.append((key, len(same_club), len(older), len(edges_here)))
            with g.copy() as c:
                assert c.node_count == 6
            return g.degree(key) >= 2

        kept = run_with_watchdog(lambda: g.filter_nodes(pred), g)
        assert kept == [0, 1, 2, 3, 4, 5]
        assert [r[0] for r in reads] == [0, 1, 2, 3, 4, 5]
        assert [r[1] for r in reads] == [3] * 6
        assert [r[2] for r in reads] == [5, 4, 3, 2, 1, 0]
        assert [r[3] for r in reads] == [2, 2, 2, 2, 2, 2]

        def edge_pred(u, v, attrs):
            return g.get_edge_attr(u, v, "w") == attrs["w"] and g.has_edge(u, v) and u < 3

        assert run_with_watchdog(lambda: g.filter_edges(edge_pred), g) == [
            (0, 1),
            (1, 2),
            (2, 3),
            (0, 5),
        ]


# ----- other threads writing while a predicate runs ------------------------------------------


def test_another_thread_writes_while_the_predicate_waits():
    g = gr.Graph()
    for i in range(10):
        g.add_node(i, x=i)
    writer_done = threading.Event()
    writer_errors: list = []
    seen: list = []

    def writer():
        try:
            g.remove_node(5)  # not reached yet: skipped by the filter
            g.add_node(1000, x=1000)  # added after the filter started: not visited
            g.set_node_attr(7, "y", "new")  # seen as it is when reached
            g.add_edge(8, 9, w=1.0)
        except BaseException as err:
            writer_errors.append(err)
        finally:
            writer_done.set()

    def pred(key, attrs):
        seen.append((key, attrs))
        if key == 0:
            threading.Thread(target=writer).start()
            assert writer_done.wait(WATCHDOG_SECONDS), "the writer is blocked by the filter"
        return True

    kept = run_with_watchdog(lambda: g.filter_nodes(pred), g)
    assert writer_errors == []
    assert kept == [0, 1, 2, 3, 4, 6, 7, 8, 9]
    assert dict(seen)[7] == {"x": 7, "y": "new"}
    assert 5 not in g and 1000 in g and g.has_edge(8, 9)
    g.close()


def test_threads_filter_and_write_at_once_without_deadlock():
    g = gr.Graph()
    for i in range(40):
        g.add_node(i, x=i)
    for i in range(39):
        g.add_edge(i, i + 1, w=float(i))
    errors: list = []
    results: list = []
    barrier = threading.Barrier(6)

    def filterer(t):
        try:
            barrier.wait()
            for _ in range(3):

                def pred(key, attrs):
                    time.sleep(0.0005)
                    g.has_node(key)
                    return isinstance(key, int) and key % 2 == t % 2

                nodes = g.filter_nodes(pred)
                edges = g.filter_edges(lambda u, v, a: time.sleep(0.0002) or True)
                query = g.filter_nodes("x >= 0")
                results.append((t, nodes, edges, query))
        except BaseException as err:
            errors.append(err)

    def writer(w):
        try:
            barrier.wait()
            for i in range(150):
                key = f"w{w}-{i}"
                g.add_node(key, x=-1)
                g.add_edge(key, i % 40, w=1.0)
                if i % 10 == 0:
                    g.set_node_attr(i % 40, "touched", w)
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=filterer, args=(t,)) for t in range(4)]
    threads += [threading.Thread(target=writer, args=(w,)) for w in range(2)]

    def run_all():
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    run_with_watchdog(run_all, g)
    assert errors == []
    assert len(results) == 12
    for t, nodes, edges, query in results:
        assert nodes == [k for k in range(40) if k % 2 == t % 2]
        assert query == list(range(40))
        assert edges[:39] == [(i, i + 1) for i in range(39)]
        assert len(edges) == len(set(edges))
    assert g.node_count == 40 + 300
    g.close()


# ----- queries: hand-picked semantics -------------------------------------------------------


@pytest.fixture
def people():
    with gr.Graph() as g:
        g.add_node("ann", age=35, club="Blue", score=1.5, active=True)
        g.add_node("bob", age=25, club="Red", score=None, active=False)
        g.add_node("cat", age=None, club="Blue", active=True)
        g.add_node("dan", club="Green", score=-2.5)
        g.add_node("eve", age=41, club="Red", score=0.5, active=None)
        g.add_node(7, age=30.5, club="blue", score=3)
        g.add_edge("ann", "bob", w=1.0, kind="friend")
        g.add_edge("bob", "cat", w=None, kind="foe")
        g.add_edge("cat", "dan", kind="friend")
        g.add_edge("eve", 7, w=-1, kind=None)
        yield g


QUERY_CASES = [
    ("age > 30", ["ann", "eve", 7]),
    ("age > 30 AND club == 'Blue'", ["ann"]),
    ("age >= 35", ["ann", "eve"]),
    ("age < 30.5", ["bob"]),
    ("age <= 30.5", ["bob", 7]),
    ("age == 35", ["ann"]),
    ("age == 35.0", ["ann"]),
    ("age != 35", ["bob", "eve", 7]),
    ("30 < age", ["ann", "eve", 7]),
    ("35 == age", ["ann"]),
    # Nulls and absent values never match; NOT negates (two-valued logic).
    ("NOT age > 30", ["bob", "cat", "dan"]),
    ("NOT age != 35", ["ann", "cat", "dan"]),
    ("NOT (age > 30 OR age <= 30)", ["cat", "dan"]),
    ("has(age)", ["ann", "bob", "cat", "eve", 7]),
    ("NOT has(age)", ["dan"]),
    ("has(score) AND NOT score > 0", ["bob", "dan"]),
    ("has(`score`)", ["ann", "bob", "dan", "eve", 7]),
    ("has('score')", ["ann", "bob", "dan", "eve", 7]),
    ("has(nothing)", []),
    ("nothing == 1", []),
    ("NOT nothing == 1", ["ann", "bob", "cat", "dan", "eve", 7]),
    # Kinds: strings with strings (case-sensitive, bytewise), bools with booleans.
    ("club == 'Blue'", ["ann", "cat"]),
    ('club == "blue"', [7]),
    ("club < 'Green'", ["ann", "cat"]),
    ("club >= 'R'", ["bob", "eve", 7]),
    ("active == true", ["ann", "cat"]),
    ("active != TRUE", ["bob"]),
    ("active < true", ["bob"]),
    ("active == 1", []),
    ("age == 'x'", []),
    ("club != 5", []),
    ("score > -3", ["ann", "dan", "eve", 7]),
    ("score == -2.5", ["dan"]),
    ("score < -2.4", ["dan"]),
    ("score >= +3", [7]),
    ("score < .6", ["dan", "eve"]),
    ("score > 2.5e-1", ["ann", "eve", 7]),
    ("score >= 3E0", [7]),
    ("score == 3", [7]),
    ("score < 1e999", ["ann", "dan", "eve", 7]),
    ("score > -1e999", ["ann", "dan", "eve", 7]),
    # Precedence: NOT over AND over OR; parentheses override.
    ("club == 'Red' OR club == 'Blue' AND age > 30", ["ann", "bob", "eve"]),
    ("(club == 'Red' OR club == 'Blue') AND age > 30", ["ann", "eve"]),
    ("club == 'Blue' AND age > 30 OR club == 'Red'", ["ann", "bob", "eve"]),
    ("club == 'Blue' AND (age > 30 OR club == 'Red')", ["ann"]),
    ("NOT club == 'Red' AND has(score)", ["ann", "dan", 7]),
    ("NOT (club == 'Red' AND has(score))", ["ann", "cat", "dan", 7]),
    ("NOT NOT age > 30", ["ann", "eve", 7]),
    ("((((age > 40))))", ["eve"]),
    ("age > 20 AND age < 40 AND club != 'Red' AND NOT active == false", ["ann", 7]),
    ("age > 40 OR age < 30 OR club == 'Green'", ["bob", "dan", "eve"]),
    # Keywords in any case; whitespace anywhere.
    ("age>30 and club=='Blue'", ["ann"]),
    ("not age > 30 Or HAS(score) aNd score>1", ["ann", "bob", "cat", "dan", 7]),
    ("\tage\n>\r30  ", ["ann", "eve", 7]),
    ("active == False", ["bob"]),
    ("active == fAlSe OR active == TRUE", ["ann", "bob", "cat"]),
]


@pytest.mark.parametrize(("query", "expected"), QUERY_CASES, ids=[q for q, _ in QUERY_CASES])
def test_query_semantics(people, query, expected):
    assert people.filter_nodes(query) == expected
    # The same result as the equivalent Python predicate.
    assert people.filter_nodes(lambda k, a: k in expected) == expected


EDGE_QUERY_CASES = [
    ("w > 0", [("ann", "bob")]),
    ("w == -1", [("eve", 7)]),
    ("NOT w > 0", [("bob", "cat"), ("cat", "dan"), ("eve", 7)]),
    ("has(w)", [("ann", "bob"), ("bob", "cat"), ("eve", 7)]),
    ("kind == 'friend'", [("ann", "bob"), ("cat", "dan")]),
    ("kind != 'friend'", [("bob", "cat")]),
    ("NOT kind != 'friend'", [("ann", "bob"), ("cat", "dan"), ("eve", 7)]),
    ("kind == 'friend' AND NOT has(w) OR w < 0", [("cat", "dan"), ("eve", 7)]),
]


@pytest.mark.parametrize(
    ("query", "expected"), EDGE_QUERY_CASES, ids=[q for q, _ in EDGE_QUERY_CASES]
)
def test_edge_query_semantics(people, query, expected):
    assert people.filter_edges(query) == expected


def test_quoted_strings_escapes_and_backtick_names():
    with gr.Graph() as g:
        tricky = 'it\'s "q" \\ \n\té\0end'
        g.add_node(1, **{"name": tricky, "my col": 1, "and": 2, "we`ird": 3, "é": 4})
        g.add_node(2, **{"name": "plain", "my col": 2, "and": 3, "has": 5})
        g.add_node(3, name="é")
        assert g.filter_nodes("name == 'it\\'s \"q\" \\\\ \\n\\té\\0end'") == [1]
        assert g.filter_nodes('name == "it\'s \\"q\\" \\\\ \\n\\t\\u{e9}\\0end"') == [1]
        assert g.filter_nodes("name == '\\u00e9'") == [3]
        assert g.filter_nodes("name == '\\u{E9}' OR name == 'plain'") == [2, 3]
        assert g.filter_nodes("name == 'é'") == [3]
        assert g.filter_nodes('name == ""') == []
        assert g.filter_nodes("`my col` == 1") == [1]
        assert g.filter_nodes("`my col` >= 1 AND `and` == 3") == [2]
        assert g.filter_nodes("`we\\`ird` == 3") == [1]
        assert g.filter_nodes("`é` == 4") == [1]
        assert g.filter_nodes("has(`my col`) AND NOT has(`é`)") == [2]
        # `has` is a plain name unless followed by '('.
        assert g.filter_nodes("has == 5") == [2]
        assert g.filter_nodes("`has` == 5 OR has(has)") == [2]


def test_int_and_float_comparisons_are_exact():
    with gr.Graph() as g:
        g.add_node("big", v=2**53 + 1)
        g.add_node("f", v=float(2**53))
        g.add_node("max", v=2**63 - 1)
        g.add_node("min", v=-(2**63))
        g.add_node("f32", v=np.float32(0.1))
        g.add_node("nan", v=float("nan"))
        g.add_node("i8", v=np.int8(-3))
        assert g.filter_nodes("v == 9007199254740993") == ["big"]
        assert g.filter_nodes("v > 9007199254740992.0 AND v < 1e18") == ["big"]
        assert g.filter_nodes("v == 9007199254740992") == ["f"]
        assert g.filter_nodes("v == 9223372036854775807") == ["max"]
        assert g.filter_nodes("v == -9223372036854775808") == ["min"]
        assert g.filter_nodes("v < 9223372036854775808") == ["big", "f", "max", "min", "f32", "i8"]
        assert g.filter_nodes("v == 0.1") == []  # float32 0.1 is not the float64 0.1
        assert g.filter_nodes("v > 0.1 AND v < 0.2") == ["f32"]
        assert g.filter_nodes("v == -3") == ["i8"]
        assert g.filter_nodes("v != 1") == ["big", "f", "max", "min", "f32", "nan", "i8"]
        assert g.filter_nodes("v >= -1e999") == ["big", "f", "max", "min", "f32", "i8"]
        assert g.filter_nodes("NOT w == 1") == list(g.nodes)  # no column w at all


# ----- queries against the equivalent Python predicate on random graphs ---------------------

OPS = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}
FLIPPED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}

COLUMNS = ["a", "b", "c", "my col", "not", "missing"]

INT_LITERALS = [
    ("0", 0),
    ("1", 1),
    ("-1", -1),
    ("+2", 2),
    ("3", 3),
    ("-128", -128),
    ("9007199254740993", 2**53 + 1),
    ("9223372036854775807", 2**63 - 1),
    ("-9223372036854775808", -(2**63)),
]
FLOAT_LITERALS = [
    ("0.5", 0.5),
    ("-1.5", -1.5),
    ("1.", 1.0),
    (".25", 0.25),
    ("-0.0", -0.0),
    ("0.1", 0.1),
    ("2.5e-1", 0.25),
    ("1E3", 1000.0),
    ("9007199254740992.0", 2.0**53),
    ("9223372036854775808", 2.0**63),
    ("1e999", math.inf),
    ("-1e999", -math.inf),
]
STRINGS = ["", "a", "ab", "b", "B", "é", "1", "it's", 'say "hi"', "back\\slash", "tab\there"]


def quote_string(text: str, rng: random.Random) -> str:
    quote = rng.choice("'\"")
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == quote:
            out.append("\\" + ch)
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) > 127 and rng.random() < 0.5:
            out.append(rng.choice([f"\\u{{{ord(ch):x}}}", f"\\u{ord(ch):04x}"]))
        else:
            out.append(ch)
    return quote + "".join(out) + quote


def random_literal(rng: random.Random, column_kind: str = "mixed"):
    kind = rng.random()
    if rng.random() < 0.6:  # mostly a literal of the column's own kind, so that some match
        kind = {"int": 0.0, "int8": 0.0, "float": 0.5, "str": 0.7, "bool": 0.9}.get(
            column_kind, kind
        )
    if kind < 0.35:
        return rng.choice(INT_LITERALS)
    if kind < 0.65:
        return rng.choice(FLOAT_LITERALS)
    if kind < 0.85:
        text = rng.choice(STRINGS)
        return quote_string(text, rng), text
    value = rng.random() < 0.5
    word = "true" if value else "false"
    return "".join(c.upper() if rng.random() < 0.3 else c for c in word), value


def random_expr(rng: random.Random, kinds: dict, depth: int = 0):
    roll = rng.random()
    if depth >= 3 or roll < 0.45:
        name = rng.choice(COLUMNS)
        if rng.random() < 0.15:
            return ("has", name)
        text, value = random_literal(rng, kinds.get(name, "mixed"))
        return ("cmp", name, rng.choice(list(OPS)), text, value, rng.random() < 0.2)
    if roll < 0.6:
        return ("not", random_expr(rng, kinds, depth + 1))
    kind = "and" if roll < 0.8 else "or"
    return (kind, [random_expr(rng, kinds, depth + 1) for _ in range(rng.randint(2, 3))])


PRECEDENCE = {"or": 1, "and": 2, "not": 3, "cmp": 4, "has": 4}


def keyword(word: str, rng: random.Random) -> str:
    return rng.choice([word.upper(), word.lower(), word.capitalize()])


def name_text(name: str, rng: random.Random) -> str:
    if name in ("my col", "not") or rng.random() < 0.1:
        return "`" + name + "`"
    return name


def render(expr, rng: random.Random, min_prec: int = 0) -> str:
    kind = expr[0]
    if kind == "has":
        inner = name_text(expr[1], rng)
        text = f"{rng.choice(['has', 'HAS', 'Has'])}({inner})"
    elif kind == "cmp":
        _, name, op, lit_text, _, flipped = expr
        if flipped:
            text = f"{lit_text} {FLIPPED[op]} {name_text(name, rng)}"
        else:
            text = f"{name_text(name, rng)} {op} {lit_text}"
    elif kind == "not":
        text = f"{keyword('not', rng)} {render(expr[1], rng, 3)}"
    else:
        child_prec = 1 if kind == "or" else 2
        joiner = f" {keyword(kind, rng)} "
        text = joiner.join(render(e, rng, child_prec + (kind == "and")) for e in expr[1])
    if PRECEDENCE[kind] < min_prec or rng.random() < 0.1:
        text = f"({text})"
    return text


def kind_of(value):
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "num"
    if isinstance(value, str):
        return "str"
    return "other"


_ABSENT = object()


def evaluate(expr, attrs: dict) -> bool:
    kind = expr[0]
    if kind == "has":
        return expr[1] in attrs
    if kind == "cmp":
        _, name, op, _, lit, _ = expr
        value = attrs.get(name, _ABSENT)
        if value is _ABSENT or value is None:
            return False
        if kind_of(value) != kind_of(lit) or kind_of(value) == "other":
            return False
        return OPS[op](value, lit)
    if kind == "not":
        return not evaluate(expr[1], attrs)
    if kind == "and":
        return all(evaluate(e, attrs) for e in expr[1])
    return any(evaluate(e, attrs) for e in expr[1])


def random_value(kind: str, rng: random.Random):
    if kind == "mixed":
        kind = rng.choice(["int", "float", "str", "bool", "bytes", "int8", "float32"])
    if kind == "int":
        return rng.choice([-3, -1, 0, 1, 2, 3, 2**53 + 1, 2**63 - 1, -(2**63), -128])
    if kind == "int8":
        return np.int8(rng.randint(-3, 3))
    if kind == "float":
        return rng.choice(
            [-1.5, -0.0, 0.0, 0.1, 0.25, 0.5, 1.0, 3.0, 2.0**53, math.nan, math.inf, -math.inf]
        )
    if kind == "float32":
        return np.float32(rng.choice([0.1, 0.25, -1.5, 3.0]))
    if kind == "str":
        return rng.choice(STRINGS)
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "bytes":
        return b"a"
    return None  # "null": a column of nulls only


def random_graph(rng: random.Random):
    g = gr.Graph(directed=rng.random() < 0.5)
    n = rng.randint(0, 25)
    keys = [rng.choice([i, f"k{i}"]) for i in range(n)]
    kinds = {
        name: rng.choice(["int", "float", "str", "bool", "bytes", "mixed", "int8", "null"])
        for name in COLUMNS[:-1]
    }

    def attrs():
        out = {}
        for name, kind in kinds.items():
            roll = rng.random()
            if roll < 0.2:
                continue  # absent
            out[name] = None if roll < 0.3 else random_value(kind, rng)
        return out

    for key in keys:
        g.add_node(key, **attrs())
    for _ in range(n * 2 if n > 1 else 0):
        u, v = rng.choice(keys), rng.choice(keys)
        g.add_edge(u, v, **attrs())
    for key in keys:
        if rng.random() < 0.1 and key in g:
            g.remove_node(key)
    return g, kinds


def test_queries_match_the_equivalent_python_predicate_on_random_graphs():
    rng = random.Random(20240611)
    checked = 0
    outcomes = {"none": 0, "some": 0, "all": 0}
    for graph_round in range(12):
        g, kinds = random_graph(rng)
        with g:
            for _ in range(40):
                expr = random_expr(rng, kinds)
                query = render(expr, rng)
                want_nodes = g.filter_nodes(lambda k, a, e=expr: evaluate(e, a))
                want_edges = g.filter_edges(lambda u, v, a, e=expr: evaluate(e, a))
                got_nodes = g.filter_nodes(query)
                got_edges = g.filter_edges(query)
                assert got_nodes == want_nodes, (graph_round, query)
                assert got_edges == want_edges, (graph_round, query)
                checked += 1
                if g.node_count:
                    share = len(got_nodes) / g.node_count
                    outcomes["none" if share == 0 else "all" if share == 1 else "some"] += 1
    assert checked == 480
    # The random queries are not all trivially empty or full.
    assert min(outcomes.values()) >= 40, outcomes


# ----- malformed queries ---------------------------------------------------------------------

MALFORMED = [
    # (query, position, a fragment of the message)
    ("age >", 5, "expected a value"),
    ("age = 30", 4, "unknown operator '='"),
    ("age > 30 AND )", 13, "unexpected ')'"),
    ("(age > 30", 0, "unclosed '('"),
    ("age > 30)", 8, "unmatched ')'"),
    ("club == 'Blue", 8, "unterminated string"),
    ("age > 30 AND", 12, "expected a condition after 'AND'"),
    ("OR age > 30", 0, "missing condition before 'OR'"),
    ("age > 1.2.3", 6, "bad number '1.2.3'"),
    ("age 30", 4, "expected a comparison operator"),
    ("has()", 4, "has() needs an attribute name"),
    ("has(age", 3, "unclosed '(' of has(...)"),
    ("age > 30 club == 'x'", 9, "unexpected 'club'"),
    ("é > 1", 0, "unexpected character 'é'"),
    ("name == 'a\\qb'", 10, "unknown escape"),
    ("age > 1 && age < 3", 8, "unknown operator '&&'"),
    ("> 5", 0, "missing attribute name before '>'"),
    ("`age > 5", 0, "unterminated attribute name"),
    ("1 == 2", 5, "expected an attribute name"),
    ("age > -", 6, "a sign must be followed by digits"),
    ("age > 12abc", 6, "bad number"),
    ("NOT", 3, "expected a condition after 'NOT'"),
    ("age > 1 ; drop", 8, "unexpected character ';'"),
    ("x == '\\u{110000}'", 6, "bad unicode escape"),
    ("(" * 300 + "a == 1" + ")" * 300, 256, "nests too deeply"),
]


@pytest.mark.parametrize("edges", [False, True], ids=["nodes", "edges"])
@pytest.mark.parametrize(("query", "position", "fragment"), MALFORMED, ids=range(len(MALFORMED)))
def test_malformed_query_raises_invalid_argument_with_position(
    people, edges, query, position, fragment
):
    op = "filter_edges" if edges else "filter_nodes"
    before = graph_state(people)
    with pytest.raises(gr.InvalidArgumentError) as excinfo:
        if edges:
            people.filter_edges(query)
        else:
            people.filter_nodes(query)
    err = excinfo.value
    message = str(err)
    assert isinstance(err, ValueError)
    assert err.operation == op
    assert err.code == gr._lib.GR_STATUS_INVALID_ARGUMENT
    assert message.startswith(op + ": "), message
    assert "position" in message
    assert f" at position {position} in query:" in message, message
    assert fragment in message, message
    # A caret under the offending character, on the line after the query.
    assert message.endswith("\n" + " " * position + "^"), message
    assert graph_state(people) == before


def test_empty_query_is_an_invalid_argument(people):
    for query in ["", "   ", "\n\t"]:
        with pytest.raises(gr.InvalidArgumentError) as excinfo:
            people.filter_nodes(query)
        assert excinfo.value.operation == "filter_nodes"
        assert "empty" in str(excinfo.value)
        with pytest.raises(gr.InvalidArgumentError) as excinfo:
            people.filter_edges(query)
        assert excinfo.value.operation == "filter_edges"


@pytest.mark.parametrize("pred", [5, None, b"age > 30", 1.5, ["age > 30"], object()])
def test_a_predicate_that_is_neither_callable_nor_str_is_a_type_error(people, pred):
    with pytest.raises(TypeError, match="filter_nodes"):
        people.filter_nodes(pred)
    with pytest.raises(TypeError, match="filter_edges"):
        people.filter_edges(pred)


def test_filters_on_a_closed_graph_raise_invalid_operation():
    g = gr.Graph()
    g.add_node(1)
    g.close()
    for call, op in [
        (lambda: g.filter_nodes(lambda k, a: True), "filter_nodes"),
        (lambda: g.filter_nodes("x == 1"), "filter_nodes"),
        (lambda: g.filter_edges(lambda u, v, a: True), "filter_edges"),
        (lambda: g.filter_edges("x == 1"), "filter_edges"),
    ]:
        with pytest.raises(gr.InvalidOperationError) as excinfo:
            call()
        assert excinfo.value.operation == op
        assert "closed" in str(excinfo.value)
