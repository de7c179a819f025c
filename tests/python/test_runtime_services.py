"""Runtime services: ``gr.Profiler``, ``Graph(profiling=True)`` with ``profile_stats()``,
``gr.memory_stats()``, and the context that errors carry (the operation, and the offending
value in the message)."""

from __future__ import annotations

import gc
import threading
import time

import pytest

import groggy as gr
from groggy._native import lib

# ----- gr.Profiler ---------------------------------------------------------------------------


def test_profile_operation_returns_duration_and_result():
    marker = object()
    out = gr.Profiler().profile_operation(lambda: marker)
    assert set(out) == {"duration_ms", "result"}
    assert out["result"] is marker
    assert isinstance(out["duration_ms"], float)
    assert 0.0 <= out["duration_ms"] < 1000.0


def test_profile_operation_measures_milliseconds():
    profiler = gr.Profiler()
    out = profiler.profile_operation(lambda: time.sleep(0.03))
    assert out["result"] is None
    assert 29.0 <= out["duration_ms"] < 5000.0
    # The same profiler can be used again.
    quick = profiler.profile_operation(lambda: 1 + 1)
    assert quick["result"] == 2
    assert quick["duration_ms"] < out["duration_ms"]


def test_profile_operation_passes_arguments_and_times_graph_work():
    with gr.Graph() as g:
        g.add_edges([(i, i + 1) for i in range(50)])
        out = gr.Profiler().profile_operation(g.pagerank, alpha=0.9)
        assert out["result"] == g.pagerank(alpha=0.9)
        out = gr.Profiler().profile_operation(g.shortest_path, 0, 5)
        assert out["result"] == [0, 1, 2, 3, 4, 5]
        assert out["duration_ms"] >= 0.0


def test_profile_operation_lets_exceptions_through():
    err = RuntimeError("boom")

    def fail():
        raise err

    with pytest.raises(RuntimeError) as excinfo:
        gr.Profiler().profile_operation(fail)
    assert excinfo.value is err
    with gr.Graph() as g, pytest.raises(gr.NodeNotFoundError):
        gr.Profiler().profile_operation(g.remove_node, "x")


# ----- Graph(profiling=True) -----------------------------------------------------------------


def test_profiling_is_off_by_default():
    with gr.Graph() as g:
        g.add_node(1)
        g.add_edge(1, 2)
        g.degree(1)
        g.filter_nodes(lambda k, a: True)
        assert g.profile_stats() == {}


def test_profile_stats_counts_every_operation_exactly():
    with gr.Graph(profiling=True) as g:
        assert g.profile_stats() == {}
        start = time.perf_counter()
        for i in range(7):
            g.add_node(i)  # int fast path
        g.add_node("s", label="x")  # the general path
        for _ in range(5):
            assert g.has_node(3)
        g.has_node("missing")
        for i in range(4):
            g.add_edge(i, i + 1, w=1.0)
        for _ in range(3):
            g.degree(2)
        g.set_node_attr(1, "x", 5)
        assert g.get_node_attr(1, "x") == 5
        assert g.filter_nodes("x == 5") == [1]
        assert g.filter_nodes(lambda k, a: k == "s") == ["s"]
        with pytest.raises(gr.NodeNotFoundError):
            g.remove_node("nope")  # failed calls count too
        wall_ms = (time.perf_counter() - start) * 1e3
        stats = g.profile_stats()
        assert {op: s["count"] for op, s in stats.items()} == {
            "add_node": 8,
            "has_node": 6,
            "add_edge": 4,
            "degree": 3,
            "set_node_attr": 1,
            "get_node_attr": 1,
            "filter_nodes": 2,
            "remove_node": 1,
        }
        for op, s in stats.items():
            assert set(s) == {"count", "total_ms", "max_ms"}, op
            assert type(s["count"]) is int
            assert isinstance(s["total_ms"], float) and isinstance(s["max_ms"], float)
            assert 0.0 <= s["max_ms"] <= s["total_ms"] <= wall_ms, (op, s, wall_ms)
            # The longest call is at least the mean.
            assert s["max_ms"] >= s["total_ms"] / s["count"] - 1e-9, (op, s)
        # Reading the figures is not itself an operation, and returns a fresh dict.
        stats["add_node"]["count"] = -1
        assert g.profile_stats()["add_node"]["count"] == 8
        assert "profile_stats" not in g.profile_stats()


def test_profile_stats_counts_only_the_calls_made():
    """An algorithm shows once, without the size queries the bindings make for
    themselves (deciding whether to compute on a worker thread)."""
    with gr.Graph(profiling=True) as g:
        g.add_edges([(1, 2), (2, 3)])
        g.pagerank()
        g.shortest_path_lengths(1)
        g.connected_components()
        assert {op: s["count"] for op, s in g.profile_stats().items()} == {
            "add_edges": 1,
            "pagerank": 1,
            "shortest_path_lengths": 1,
            "connected_components": 1,
        }


def test_profile_times_are_in_milliseconds():
    with gr.Graph(profiling=True) as g:
        g.add_nodes([1, 2, 3])
        g.filter_nodes(lambda k, a: time.sleep(0.01) or True)  # >= 30 ms
        g.filter_nodes(lambda k, a: time.sleep(0.02) or True)  # >= 60 ms
        s = g.profile_stats()["filter_nodes"]
        assert s["count"] == 2
        assert s["max_ms"] >= 59.0
        assert s["total_ms"] >= 89.0
        assert s["max_ms"] < s["total_ms"] < 10_000.0
        assert g.profile_stats()["add_nodes"]["count"] == 1


def test_profiling_does_not_change_results():
    edges = [(i, (i * 7 + 3) % 30) for i in range(30)] + [(i, i + 1) for i in range(29)]
    with gr.Graph() as plain, gr.Graph(profiling=True) as profiled:
        plain.add_edges(edges)
        profiled.add_edges(edges)
        assert profiled.pagerank() == plain.pagerank()
        assert profiled.connected_components() == plain.connected_components()
        assert profiled.bfs(0) == plain.bfs(0)
        assert profiled.profile_stats()["pagerank"]["count"] == 1


def test_profiles_belong_to_their_graph():
    with gr.Graph(profiling=True) as a, gr.Graph(profiling=True) as b, gr.Graph() as c:
        a.add_node(1)
        a.add_node(2)
        b.add_edge("x", "y")
        c.add_node(3)
        c.degree(3)
        assert {op: s["count"] for op, s in a.profile_stats().items()} == {"add_node": 2}
        assert {op: s["count"] for op, s in b.profile_stats().items()} == {"add_edge": 1}
        assert c.profile_stats() == {}


def test_profiling_counts_calls_from_many_threads():
    with gr.Graph(profiling=True) as g:
        g.add_nodes(range(10))
        errors: list = []
        barrier = threading.Barrier(4)

        def worker():
            try:
                barrier.wait()
                for i in range(250):
                    g.has_node(i % 10)
            except BaseException as err:
                errors.append(err)

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert errors == []
        assert g.profile_stats()["has_node"]["count"] == 1000


def test_profile_stats_of_a_closed_graph():
    g = gr.Graph(profiling=True)
    g.add_node(1)
    g.close()
    with pytest.raises(gr.InvalidOperationError) as excinfo:
        g.profile_stats()
    assert excinfo.value.operation == "profile_stats"


def test_operations_called_from_inside_a_predicate_are_counted():
    # "Per operation crossing the ABI": a read made by a predicate crosses the ABI too.
    with gr.Graph(profiling=True) as g:
        g.add_nodes([1, 2, 3])
        g.filter_nodes(lambda k, a: g.has_node(k))
        counts = {op: s["count"] for op, s in g.profile_stats().items()}
        assert counts == {"add_nodes": 1, "filter_nodes": 1, "has_node": 3}


def test_a_predicate_reading_a_profiled_graph_does_not_move_the_outer_call_into_its_profile():
    # Regression guard: the outer call's time must go to the outer graph's profile only.
    with gr.Graph() as plain, gr.Graph(profiling=True) as watched:
        plain.add_nodes([1, 2, 3])
        watched.add_nodes([1, 2, 3])
        plain.filter_nodes(lambda k, a: watched.has_node(k))
        assert "filter_nodes" not in watched.profile_stats()
        assert plain.profile_stats() == {}

    with gr.Graph(profiling=True) as outer, gr.Graph(profiling=True) as inner:
        outer.add_nodes([1, 2])
        inner.add_nodes([1])
        outer.filter_nodes(lambda k, a: inner.has_node(k))
        assert outer.profile_stats()["filter_nodes"]["count"] == 1
        assert "filter_nodes" not in inner.profile_stats()


# ----- gr.memory_stats() ---------------------------------------------------------------------


def test_memory_stats_shape():
    stats = gr.memory_stats()
    assert set(stats) == {"total_allocated", "current", "peak_usage"}
    for name, value in stats.items():
        assert type(value) is int, name
        assert value >= 0, name
    assert stats["current"] <= stats["peak_usage"] <= stats["total_allocated"]


def test_memory_stats_follow_a_graph_being_built_and_freed():
    gc.collect()
    before = gr.memory_stats()
    g = gr.Graph()
    g.add_nodes([(f"node-{i}", {"label": "x" * 24, "v": i}) for i in range(20_000)])
    g.add_edges([(f"node-{i}", f"node-{i + 1}") for i in range(19_999)])
    built = gr.memory_stats()
    grown = built["current"] - before["current"]
    assert grown >= 20_000 * 24, (before, built)
    assert built["total_allocated"] - before["total_allocated"] >= grown
    assert built["peak_usage"] >= built["current"]
    assert built["peak_usage"] >= before["peak_usage"]
    g.close()
    gc.collect()
    freed = gr.memory_stats()
    assert freed["current"] <= built["current"] - grown // 2, (built, freed)
    assert freed["total_allocated"] >= built["total_allocated"]  # never goes down
    assert freed["peak_usage"] >= built["peak_usage"]  # nor does the peak
    assert freed["peak_usage"] >= built["current"]


def test_memory_total_is_monotonic_across_many_calls():
    last = gr.memory_stats()
    graphs = []
    for round_ in range(20):
        g = gr.Graph()
        g.add_nodes(range(round_ * 100))
        graphs.append(g)
        if round_ % 3 == 0:
            graphs.pop(0).close()
        now = gr.memory_stats()
        assert now["total_allocated"] >= last["total_allocated"]
        assert now["peak_usage"] >= last["peak_usage"]
        assert now["current"] <= now["peak_usage"] <= now["total_allocated"]
        last = now
    for g in graphs:
        g.close()


def test_memory_stats_from_threads():
    errors: list = []

    def worker():
        try:
            last = 0
            for i in range(50):
                with gr.Graph() as g:
                    g.add_nodes(range(i * 10))
                    stats = gr.memory_stats()
                assert stats["total_allocated"] >= last
                assert stats["current"] <= stats["peak_usage"]
                last = stats["total_allocated"]
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []


# ----- error context -------------------------------------------------------------------------


@pytest.fixture
def g():
    with gr.Graph(directed=True) as graph:
        graph.add_edge("a", "b", w=1.0)
        graph.add_node(1, age=3)
        graph.add_node("it's")
        yield graph


# (call, exception class, exact message)
ENGINE_ERRORS = [
    (lambda g: g.remove_node("x"), gr.NodeNotFoundError, "remove_node: node 'x' not found"),
    (lambda g: g.remove_node(42), gr.NodeNotFoundError, "remove_node: node 42 not found"),
    (lambda g: g.remove_node("1"), gr.NodeNotFoundError, "remove_node: node '1' not found"),
    (lambda g: g.remove_node("q'"), gr.NodeNotFoundError, 'remove_node: node "q\'" not found'),
    (
        lambda g: g.remove_edge("a", "x"),
        gr.EdgeNotFoundError,
        "remove_edge: edge ('a', 'x') not found",
    ),
    (
        lambda g: g.remove_edge("b", "a"),
        gr.EdgeNotFoundError,
        "remove_edge: edge ('b', 'a') not found",
    ),
    (lambda g: g.degree("x"), gr.NodeNotFoundError, "degree: node 'x' not found"),
    (lambda g: g.in_degree(-7), gr.NodeNotFoundError, "in_degree: node -7 not found"),
    (lambda g: g.neighbors("x"), gr.NodeNotFoundError, "neighbors: node 'x' not found"),
    (lambda g: g.successors("q"), gr.NodeNotFoundError, "successors: node 'q' not found"),
    (lambda g: g.predecessors("q"), gr.NodeNotFoundError, "predecessors: node 'q' not found"),
    (
        lambda g: g.get_node_attr("x", "w"),
        gr.NodeNotFoundError,
        "get_node_attr: node 'x' not found",
    ),
    (
        lambda g: g.set_node_attr("x", "w", 1),
        gr.NodeNotFoundError,
        "set_node_attr: node 'x' not found",
    ),
    (
        lambda g: g.get_edge_attr("a", "x", "w"),
        gr.EdgeNotFoundError,
        "get_edge_attr: edge ('a', 'x') not found",
    ),
    (
        lambda g: g.set_edge_attr("b", "a", "w", 1),
        gr.EdgeNotFoundError,
        "set_edge_attr: edge ('b', 'a') not found",
    ),
    (lambda g: g.nodes["x"], gr.NodeNotFoundError, "node_attrs: node 'x' not found"),
    (lambda g: g.edges["a", 1], gr.EdgeNotFoundError, "edge_attrs: edge ('a', 1) not found"),
    (
        lambda g: g.pagerank(alpha=1.5),
        gr.InvalidArgumentError,
        "pagerank: alpha must be in (0, 1), got 1.5",
    ),
    (
        lambda g: g.pagerank(alpha=0),
        gr.InvalidArgumentError,
        "pagerank: alpha must be in (0, 1), got 0",
    ),
    (
        lambda g: g.pagerank(tol=-1),
        gr.InvalidArgumentError,
        "pagerank: tol must be a number >= 0, got -1",
    ),
    (lambda g: g.shortest_path("a", 1), gr.NoPathError, "shortest_path: no path from 'a' to 1"),
    (
        lambda g: g.shortest_path("a", "x"),
        gr.NodeNotFoundError,
        "shortest_path: node 'x' not found",
    ),
    (lambda g: g.bfs("x"), gr.NodeNotFoundError, "bfs: node 'x' not found"),
    (lambda g: g.dfs(99), gr.NodeNotFoundError, "dfs: node 99 not found"),
    (
        lambda g: g.shortest_path_lengths("x"),
        gr.NodeNotFoundError,
        "shortest_path_lengths: node 'x' not found",
    ),
    (
        lambda g: g.node_array("nope"),
        gr.AttributeNotFoundError,
        "node_array: no attribute 'nope' on nodes",
    ),
    (
        lambda g: g.edge_array("nope"),
        gr.AttributeNotFoundError,
        "edge_array: no attribute 'nope' on edges",
    ),
    (
        lambda g: g.set_node_array("x", [1]),
        gr.InvalidArgumentError,
        "set_node_array: 1 values for 4 nodes",
    ),
    (
        lambda g: g.filter_nodes("age >"),
        gr.InvalidArgumentError,
        "filter_nodes: expected a value (string, number, true or false) after '>', but the "
        "query ends at position 5 in query:\nage >\n     ^",
    ),
]


@pytest.mark.parametrize(
    ("call", "cls", "message"), ENGINE_ERRORS, ids=[m.split(":")[0] for _, _, m in ENGINE_ERRORS]
)
def test_engine_errors_name_the_operation_and_the_value(g, call, cls, message):
    with pytest.raises(cls) as excinfo:
        call(g)
    err = excinfo.value
    assert isinstance(err, gr.GroggyError)
    assert str(err) == message
    operation = message.split(": ", 1)[0]
    assert err.operation == operation
    assert err.code is not None and err.code != lib.GR_STATUS_OK
    assert gr._errors.EXCEPTION_BY_STATUS[err.code] is cls


def test_pagerank_without_convergence_names_the_operation(g):
    with pytest.raises(gr.AlgorithmError) as excinfo:
        g.pagerank(max_iter=1, tol=1e-30)
    assert excinfo.value.operation == "pagerank"
    assert str(excinfo.value).startswith("pagerank: ")
    assert "converge" in str(excinfo.value)
    assert "1 iteration" in str(excinfo.value)


def test_strongly_connected_components_on_an_undirected_graph():
    with gr.Graph() as und:
        und.add_edge(1, 2)
        with pytest.raises(gr.InvalidOperationError) as excinfo:
            und.strongly_connected_components()
    assert excinfo.value.operation == "strongly_connected_components"
    assert str(excinfo.value).startswith("strongly_connected_components: ")


CLOSED_GRAPH_CALLS = [
    (lambda g: g.add_edge("x", "y"), "add_edge"),
    (lambda g: g.add_node(1), "add_node"),
    (lambda g: g.add_node("s", a=1), "add_node"),
    (lambda g: g.remove_node(1), "remove_node"),
    (lambda g: g.degree(1), "degree"),
    (lambda g: g.node_count, "node_count"),
    (lambda g: g.filter_nodes("a == 1"), "filter_nodes"),
    (lambda g: g.filter_edges(lambda u, v, a: True), "filter_edges"),
    (lambda g: g.pagerank(), "pagerank"),
    (lambda g: g.bfs(1), "bfs"),
    (lambda g: g.connected_components(), "connected_components"),
]


@pytest.mark.parametrize(
    ("call", "op"),
    CLOSED_GRAPH_CALLS,
    ids=[f"{i}-{op}" for i, (_, op) in enumerate(CLOSED_GRAPH_CALLS)],
)
def test_closed_graph_errors_name_the_operation(call, op):
    g = gr.Graph()
    g.add_edge(1, 2)
    g.close()
    with pytest.raises(gr.InvalidOperationError) as excinfo:
        call(g)
    assert str(excinfo.value) == f"{op}: the graph is closed"
    assert excinfo.value.operation == op


IN_CALLBACK = "the graph cannot be changed from inside a callback running over it"


def test_mutation_from_a_callback_names_the_operation():
    with gr.Graph() as g:
        g.add_nodes([1, 2])
        seen = []

        def pred(key, attrs):
            for call in (lambda: g.add_edge(key, "x"), lambda: g.set_node_attr(key, "a", 1)):
                try:
                    call()
                except gr.InvalidOperationError as err:
                    seen.append((err.operation, str(err)))
            return True

        g.filter_nodes(pred)
        assert (
            seen
            == [
                ("add_edge", "add_edge: " + IN_CALLBACK),
                ("set_node_attr", "set_node_attr: " + IN_CALLBACK),
            ]
            * 2
        )


def test_error_messages_do_not_mix_between_threads():
    with gr.Graph() as g:
        errors: list = []
        wrong: list = []
        barrier = threading.Barrier(4)

        def worker(t):
            try:
                barrier.wait()
                for i in range(300):
                    key = f"t{t}-{i}"
                    try:
                        g.remove_node(key)
                    except gr.NodeNotFoundError as err:
                        if str(err) != f"remove_node: node '{key}' not found":
                            wrong.append(str(err))
                    try:
                        g.degree(t * 1000 + i)
                    except gr.NodeNotFoundError as err:
                        if err.operation != "degree" or str(t * 1000 + i) not in str(err):
                            wrong.append(str(err))
            except BaseException as err:
                errors.append(err)

        threads = [threading.Thread(target=worker, args=(t,)) for t in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert errors == []
        assert wrong == []


KEY_ARGUMENT_ERRORS = [
    (lambda g: g.add_node(2**64), OverflowError, "add_node", "18446744073709551616"),
    (lambda g: g.add_edge(1.5, 2), TypeError, "add_edge", "1.5"),
    (lambda g: g.remove_node(None), TypeError, "remove_node", "None"),
    (lambda g: g.degree(True), TypeError, "degree", "True"),
]


@pytest.mark.parametrize(
    ("call", "cls", "operation", "value"),
    KEY_ARGUMENT_ERRORS,
    ids=[op for _, _, op, _ in KEY_ARGUMENT_ERRORS],
)
def test_bad_key_errors_name_the_operation_and_the_value(g, call, cls, operation, value):
    # "Every error message names the operation and the offending value": bad keys too.
    with pytest.raises(cls) as excinfo:
        call(g)
    message = str(excinfo.value)
    assert operation in message, message
    assert value in message, message
