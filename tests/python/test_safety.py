"""Safety findings of issue 10, each as it was found: closing a graph while other threads
use it, copies sharing a handle, errors lost in the worker thread, half-imported pandas,
loose argument types and keys that cannot be text. Scenarios that crashed the process run
in a child process, so that a regression fails the test instead of killing the suite."""

from __future__ import annotations

import copy
import os
import threading
import time
import warnings

import numpy as np
import pytest

import groggy as gr
from groggy import _runtime

# ----- 1. close() while calls are running --------------------------------------------------


def test_close_while_other_threads_run_calls_never_crashes(run_python):
    out = run_python(
        """
        import threading, time
        import numpy as np
        import groggy as gr

        rng = np.random.default_rng(7)
        unexpected = []
        for round_ in range(25):
            g = gr.Graph()
            g.add_edges_from_arrays(rng.integers(0, 2000, 12000), rng.integers(0, 2000, 12000))
            g.add_node(0, x=1)
            calls = [
                g.copy,
                g.pagerank,
                lambda: g.filter_nodes(lambda key, attrs: key % 2 == 0),
                lambda: g.filter_nodes("x > 0"),
                lambda: g.node_array("x"),
                lambda: g.bfs(0),
            ]

            def hammer(call):
                while True:
                    try:
                        call()
                    except gr.InvalidOperationError as err:
                        if "closed" not in str(err):
                            unexpected.append(repr(err))
                        return
                    except Exception as err:
                        unexpected.append(repr(err))
                        return

            threads = [threading.Thread(target=hammer, args=(c,)) for c in calls]
            for t in threads:
                t.start()
            time.sleep(0.01 * (round_ % 5))
            g.close()
            for t in threads:
                t.join(30)
                assert not t.is_alive()
        print("ok", unexpected)
        """
    )
    assert out.strip() == "ok []"


def test_a_predicate_closing_its_graph_on_another_thread_neither_crashes_nor_deadlocks(
    run_python,
):
    out = run_python(
        """
        import threading
        import groggy as gr

        g = gr.Graph()
        for i in range(50):
            g.add_node(i, x=i)
        seen = []

        def pred(key, attrs):
            seen.append(key)
            if key == 3:
                closer = threading.Thread(target=g.close)
                closer.start()
                closer.join(10)
                assert not closer.is_alive(), "close() blocked"
            return attrs["x"] % 2 == 0

        kept = g.filter_nodes(pred)
        try:
            g.node_count
        except gr.InvalidOperationError as err:
            print(len(kept), len(seen), g.closed, type(err).__name__)
        """
    )
    # The running filter finishes on the graph it started with; then the graph is gone.
    assert out.strip() == "25 50 True InvalidOperationError"


def test_closing_from_inside_its_own_predicate_defers_the_free(graph):
    for i in range(10):
        graph.add_node(i)

    def pred(key, attrs):
        if key == 2:
            graph.close()
        return True

    assert graph.filter_nodes(pred) == list(range(10))
    assert graph.closed
    with pytest.raises(gr.InvalidOperationError, match="node_count: the graph is closed"):
        _ = graph.node_count


def test_calls_after_close_name_their_operation(graph):
    graph.add_edge(1, 2)
    graph.close()
    graph.close()  # twice is fine
    for call, op in [
        (lambda: graph.add_node(3), "add_node"),
        (lambda: graph.pagerank(), "pagerank"),
        (lambda: graph.copy(), "copy"),
        (lambda: graph.filter_nodes(lambda k, a: True), "filter_nodes"),
    ]:
        with pytest.raises(gr.InvalidOperationError) as info:
            call()
        assert str(info.value) == f"{op}: the graph is closed"
        assert info.value.operation == op


# ----- 2. copies ---------------------------------------------------------------------------


@pytest.mark.parametrize("make_copy", [copy.copy, copy.deepcopy], ids=["copy", "deepcopy"])
def test_copies_are_independent_graphs(populated, take_snapshot, make_copy):
    before = take_snapshot(populated)
    other = make_copy(populated)
    assert take_snapshot(other) == before
    other.add_node("only in the copy")
    other.close()
    assert not populated.closed
    assert take_snapshot(populated) == before
    populated.add_node("only in the original")
    assert "only in the original" in populated


# ----- 3. errors in the worker thread ------------------------------------------------------


@pytest.fixture(scope="module")
def large():
    """A graph big enough for one pass of an algorithm to run on a worker."""
    rng = np.random.default_rng(3)
    g = gr.Graph()
    g.add_edges_from_arrays(rng.integers(0, 300_000, 900_000), rng.integers(0, 300_000, 900_000))
    assert g.node_count + g.edge_count >= _runtime.RUN_HERE_BELOW
    yield g
    g.close()


def test_out_of_range_arguments_on_a_large_graph_raise_overflow(large):
    large.neighbors(5)
    with pytest.raises(OverflowError, match="bfs: depth_limit"):
        large.bfs(0, depth_limit=2**70)
    with pytest.raises(OverflowError, match="dfs: depth_limit"):
        large.dfs(0, depth_limit=2**70)
    with pytest.raises(OverflowError, match="pagerank: max_iter"):
        large.pagerank(max_iter=2**70)
    assert large.bfs(0, depth_limit=1)[0] == 0


def test_an_exception_in_the_worker_reaches_the_caller_unchanged():
    raised = ValueError("raised in the worker")

    def call(cancel):
        raise raised

    with pytest.raises(ValueError) as info:
        _runtime.run_interruptible(call, "groggy-test")
    assert info.value is raised


def test_a_failed_status_in_the_worker_is_the_engines_error(large):
    with pytest.raises(gr.AlgorithmError, match="pagerank: did not converge within 1 iteration"):
        large.pagerank(max_iter=1)
    with pytest.raises(gr.NodeNotFoundError, match="bfs: node 'nope' not found"):
        large.bfs("nope")


def test_an_interrupted_call_returns_only_after_its_worker_stopped():
    release = threading.Event()
    finished = []

    def call(cancel):
        release.wait(5)
        finished.append(True)
        return 0

    def interrupt_soon():
        import _thread

        _thread.interrupt_main()
        # Released only after the Ctrl-C (on a loaded machine a timer of its own could fire
        # first, and the call would end uninterrupted).
        threading.Timer(0.4, release.set).start()

    timer = threading.Timer(0.1, interrupt_soon)
    timer.start()
    # The token is triggered on Ctrl-C; this call ignores it, so the wait lasts until it is
    # released: the KeyboardInterrupt must not come before the worker is done.
    with pytest.raises(KeyboardInterrupt):
        _runtime.run_interruptible(call, "groggy-test")
    assert finished == [True]


def interrupt_main_after(seconds: float) -> threading.Timer:
    import _thread

    timer = threading.Timer(seconds, _thread.interrupt_main)
    timer.start()
    return timer


def test_a_call_that_succeeded_as_ctrl_c_came_releases_its_outputs():
    discarded = []

    def call(cancel):
        import _thread

        _thread.interrupt_main()  # Ctrl-C while the call runs; the call finishes anyway
        time.sleep(0.2)
        return 0

    with pytest.raises(KeyboardInterrupt):
        _runtime.run_interruptible(call, "groggy-test", lambda: discarded.append(True))
    assert discarded == [True]


def test_a_second_ctrl_c_gives_up_on_a_worker_stuck_in_the_system():
    release, discarded = threading.Event(), []

    def call(cancel):
        release.wait(30)  # deaf to the cancel token, as a blocked open() is
        return 0

    timers = [interrupt_main_after(0.1), interrupt_main_after(0.4)]
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        _runtime.run_interruptible(call, "groggy-stuck", lambda: discarded.append(True))
    assert time.monotonic() - started < 5
    for timer in timers:
        timer.join()
    # The worker finishes later and releases its own outputs, once.
    release.set()
    for t in threading.enumerate():
        if t.name == "groggy-stuck":
            t.join(5)
    assert discarded == [True]


def test_ctrl_c_twice_ends_a_read_of_a_fifo_nobody_writes(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    timers = [interrupt_main_after(0.2), interrupt_main_after(0.6)]
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        gr.read_edgelist(fifo)
    assert time.monotonic() - started < 5
    for timer in timers:
        timer.join()
    # Let the stuck open() return: a writer that closes at once (the read sees an empty file).
    with open(fifo, "wb"):
        pass
    for t in threading.enumerate():
        if t.name == "groggy-io":
            t.join(5)
            assert not t.is_alive()


# ----- 9. pandas imported on another thread ------------------------------------------------


def test_bulk_calls_while_another_thread_imports_pandas(run_python):
    out = run_python(
        """
        import sys, threading
        import numpy as np
        import groggy as gr
        assert "pandas" not in sys.modules

        errors, done = [], threading.Event()
        g = gr.Graph()
        src = np.arange(100, dtype=np.int64)

        def load():
            while not done.is_set():
                try:
                    g.add_edges_from_arrays(src, src[::-1], w=src.astype(np.float64))
                    g.set_node_array("x", np.arange(g.node_count, dtype=np.int64))
                except Exception as err:
                    errors.append(repr(err))
                    return

        workers = [threading.Thread(target=load) for _ in range(2)]
        for w in workers:
            w.start()
        import pandas
        done.set()
        for w in workers:
            w.join()
        print("errors", errors[:1])
        """
    )
    assert out.strip() == "errors []"


# ----- 10. loose argument types ------------------------------------------------------------


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda g: g.pagerank(alpha="0.5"), TypeError),
        (lambda g: g.pagerank(alpha=True), TypeError),
        (lambda g: g.pagerank(tol="1e-6"), TypeError),
        (lambda g: g.pagerank(max_iter=1.5), TypeError),
        (lambda g: g.pagerank(max_iter=True), TypeError),
        (lambda g: g.pagerank(max_iter="10"), TypeError),
        (lambda g: g.pagerank(max_iter=-1), ValueError),
        (lambda g: g.pagerank(personalization=[1, 2]), TypeError),
        (lambda g: g.pagerank(personalization={1: "x"}), TypeError),
        (lambda g: g.bfs(1, depth_limit=True), TypeError),
        (lambda g: g.bfs(1, depth_limit="2"), TypeError),
        (lambda g: g.bfs(1, depth_limit=2.0), TypeError),
        (lambda g: g.dfs(1, depth_limit=-1), ValueError),
        (lambda g: g.add_edges_from_arrays("ab", "cd"), TypeError),
        (lambda g: g.add_edges_from_arrays(b"ab", b"cd"), TypeError),
        (lambda g: g.add_edges_from_arrays(1, 2), TypeError),
    ],
)
def test_loose_arguments_are_refused(call, error):
    g = gr.Graph()
    g.add_edge(1, 2)
    with pytest.raises(error):
        call(g)
    assert (g.node_count, g.edge_count) == (2, 1)


def test_numpy_integers_and_floats_are_taken_as_numbers():
    g = gr.Graph()
    g.add_edge(1, 2)
    assert len(g.pagerank(alpha=np.float64(0.5), max_iter=np.int64(50), tol=np.float32(1e-6)))
    assert g.bfs(1, depth_limit=np.int32(1)) == [1, 2]


@pytest.mark.parametrize("limit", [1.5, "100", True])
def test_memory_pool_limit_must_be_an_int(limit):
    with pytest.raises(TypeError, match="MemoryPool: limit_bytes"):
        gr.MemoryPool(limit)


def test_memory_pool_limit_range():
    with pytest.raises(ValueError):
        gr.MemoryPool(-1)
    with pytest.raises(OverflowError):
        gr.MemoryPool(2**63)
    assert gr.MemoryPool(np.int64(1000)).stats()["limit"] == 1000


# ----- keys that cannot be text ------------------------------------------------------------


def test_lone_surrogate_keys():
    lone = "\udcff.groggy"
    g = gr.Graph()
    g.add_node("a")
    assert lone not in g
    assert (lone in g.nodes) is False
    with pytest.raises(ValueError, match=r"add_node: node key .* lone surrogate"):
        g.add_node(lone)
    with pytest.raises(ValueError, match=r"add_nodes: node key .* lone surrogate"):
        g.add_nodes(["b", lone])
    assert list(g.nodes) == ["a"]
    ranks = g.pagerank()
    assert lone not in ranks
    with pytest.raises(KeyError):
        ranks[lone]
    assert ranks.get(lone) is None


# ----- 12. the cached pandas Series ----------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [[1, 2, 3], [1.5, None, 2.0], ["a", "b", None], [True, None], [1, "x"], [b"\x00", b"y"]],
)
def test_the_cached_series_cannot_be_changed(values):
    array = gr.GraphArray.from_list(values)
    series = array.to_pandas()
    before = series.tolist()
    with pytest.raises(ValueError, match="read-only"):
        series[0] = values[1]
    with pytest.raises(ValueError, match="read-only"):
        series.iloc[0] = values[1]
    try:  # the values as numpy: the Series' own memory (read-only) or a copy
        series.to_numpy()[0] = values[1]
    except ValueError:
        pass
    assert array.to_pandas() is series
    assert series.tolist() == before
    # A copy is the user's to change, and tables built from the columns stay writable.
    mine = series.copy()
    mine.iloc[0] = values[1]
    assert array.to_pandas().tolist() == before


@pytest.mark.parametrize(
    "k, error", [(True, TypeError), (1.5, TypeError), ("2", TypeError), (-1, ValueError)]
)
def test_nodemap_top_takes_an_int(k, error):
    g = gr.Graph()
    g.add_edge(1, 2)
    with pytest.raises(error, match="top: k"):
        g.pagerank().top(k)
    assert g.pagerank().top(np.int64(1)) == [(1, 0.5)]


@pytest.mark.parametrize(
    "call",
    [
        lambda: gr.Graph(directed="no"),
        lambda: gr.Graph(directed=1),
        lambda: gr.Graph(directed=None),
        lambda: gr.Graph(profiling="yes"),
        lambda: gr.read_edgelist("unused", directed="False"),
        lambda: gr.read_edgelist("unused", header=1),
    ],
)
def test_flags_must_be_bools(call):
    with pytest.raises(TypeError, match="must be True or False"):
        call()


def test_numpy_bools_are_bools():
    assert gr.Graph(directed=np.bool_(True)).directed is True


@pytest.mark.parametrize("values", [[3.0, None, 1.0], [3, 2, 1], ["b", "a", None]])
def test_a_cached_series_changed_in_place_is_made_again(values):
    array = gr.GraphArray.from_list(values)
    expected = array.to_pandas().tolist()
    changes = [
        lambda s: s.__setitem__(len(s) + 2, values[0]),  # enlarging
        lambda s: s.sort_values(inplace=True),
        lambda s: s.drop(0, inplace=True),
        lambda s: setattr(s, "index", [7, 8, 9]),
        lambda s: setattr(s, "name", "x"),
        lambda s: setattr(s.index, "name", "k"),
    ]
    for change in changes:
        series = array.to_pandas()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandas deprecates some `inplace=`
            change(series)
        again = array.to_pandas()
        assert again is not series
        assert again.tolist() == expected
        assert list(again.index) == list(range(len(values))) and again.name is None
        assert array.to_pandas() is again


def test_lone_surrogate_keys_in_views():
    lone = "\udcff"
    g = gr.Graph(directed=True)
    g.add_edge("a", "b", w=1)
    assert (lone, "a") not in g.edges
    assert ("a", lone) not in g.edges
    assert lone not in g.adj and lone not in g["a"]
    with pytest.raises(KeyError):
        g.nodes[lone]
    with pytest.raises(KeyError):
        g.edges["a", lone]
    with pytest.raises(KeyError):
        g[lone]
    assert g.nodes["a"] == {} and g.edges["a", "b"] == {"w": 1}


def test_membership_in_views_of_a_closed_graph_raises(graph):
    graph.add_edge(1, 2)
    adjacency = graph[1]
    graph.close()
    for check in (lambda: (1, 2) in graph.edges, lambda: 2 in adjacency):
        with pytest.raises(gr.InvalidOperationError, match="the graph is closed"):
            check()
