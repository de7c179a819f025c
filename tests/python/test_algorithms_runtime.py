"""Algorithms as a runtime service: NodeMap results, Ctrl-C during a long computation,
async_pagerank (the event loop keeps running, cancelling stops the engine), parallel
readers on one shared graph, a writer alongside them, and the demo."""

from __future__ import annotations

import asyncio
import gzip
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import groggy as gr

DATA = Path(__file__).resolve().parents[2] / "python" / "groggy" / "data"

#: How long an uninterrupted "endless" PageRank would run at most (seconds): long enough
#: that only an interruption ends it early, bounded so that a failure does not hang.
ENDLESS_SECONDS = 20.0
#: The same for the small-graph case (kept short: it is the cost of a failure).
SMALL_ENDLESS_SECONDS = 2.0
#: Allowed time from the signal (or task.cancel()) to the exception.
LATENCY = 0.5


def rmat_edges(scale=18, m=2_000_000, seed=42, a=0.57, b=0.19, c=0.19):
    """An R-MAT-like directed edge list (skewed degrees, some duplicates) of ``m`` arcs on
    up to ``2**scale`` nodes."""
    rng = np.random.default_rng(seed)
    sources = np.zeros(m, dtype=np.int64)
    targets = np.zeros(m, dtype=np.int64)
    for bit in range(scale):
        r = rng.random(m)
        down = r >= a + b
        right = ((r >= a) & (r < a + b)) | (r >= a + b + c)
        sources |= down.astype(np.int64) << bit
        targets |= right.astype(np.int64) << bit
    return sources, targets


@pytest.fixture(scope="module")
def big():
    """A directed graph of about 150k nodes and 1.9M edges."""
    sources, targets = rmat_edges()
    g = gr.Graph(directed=True)
    g.add_edges_from_arrays(sources, targets)
    assert g.edge_count > 1_500_000
    yield g
    g.close()


@pytest.fixture(scope="module")
def reference(big):
    """Single-threaded results on ``big``."""
    start = next(iter(big.nodes))
    return {
        "source": start,
        "pagerank": big.pagerank(),
        "bfs": big.bfs(start),
        "components": big.connected_components(),
    }


@pytest.fixture(scope="module")
def endless_iterations(big):
    """A max_iter for ``pagerank(tol=0)`` on ``big`` that keeps it busy for about
    ENDLESS_SECONDS (at most 10**6): measured, since builds differ in speed."""
    start = time.perf_counter()
    with pytest.raises(gr.AlgorithmError):
        big.pagerank(tol=0.0, max_iter=20)
    per_iteration = (time.perf_counter() - start) / 20
    return max(200, min(10**6, int(ENDLESS_SECONDS / per_iteration)))


# ----- NodeMap -----------------------------------------------------------------------------


def karate_pair():
    G = nx.karate_club_graph()
    g = gr.from_networkx(G)
    return g, G


def test_nodemap_is_a_read_only_mapping():
    g, G = karate_pair()
    pr = g.pagerank()
    assert isinstance(pr, Mapping)
    assert isinstance(pr, gr.NodeMap)
    assert len(pr) == 34
    assert list(pr) == list(G.nodes)
    assert list(pr.keys()) == list(G.nodes)
    assert 0 in pr and 33 in pr
    assert 34 not in pr and "0" not in pr and None not in pr
    with pytest.raises(KeyError):
        pr[34]
    assert pr.get(34) is None
    assert pr.get(34, -1.0) == -1.0
    assert pr.get(0) == pr[0]
    assert isinstance(pr[0], float)
    assert [k for k, _ in pr.items()] == list(G.nodes)
    assert [v for _, v in pr.items()] == list(pr.values())
    assert sum(pr.values()) == pytest.approx(1.0)
    with pytest.raises(TypeError):
        pr[0] = 1.0
    with pytest.raises(TypeError):
        del pr[0]
    with pytest.raises(TypeError):
        hash(pr)
    g.close()


def test_nodemap_views_are_set_like():
    # keys() and items() of a Mapping are set-like views (as a dict's are).
    g, G = karate_pair()
    pr = g.pagerank()
    assert len(pr.values()) == 34
    assert list(pr.keys()) == list(G.nodes)
    assert pr.keys() == set(G.nodes)
    assert pr.keys() & {0, 33, 99} == {0, 33}
    assert pr.keys() - set(range(1, 34)) == {0}
    assert pr.items() == pr.to_dict().items()
    assert (0, pr[0]) in pr.items()
    g.close()


def test_nodemap_equality_with_dicts():
    g, _ = karate_pair()
    pr = g.pagerank()
    as_dict = pr.to_dict()
    assert isinstance(as_dict, dict)
    assert pr == as_dict
    assert as_dict == pr
    assert pr == dict(reversed(list(as_dict.items())))  # order does not matter for ==
    changed = dict(as_dict)
    changed[0] += 1e-3
    assert pr != changed
    fewer = dict(as_dict)
    del fewer[33]
    assert pr != fewer
    assert pr != {**as_dict, "extra": 0.0}
    assert pr == g.pagerank()
    assert pr != [1, 2]
    assert gr.Graph().pagerank() == {}
    g.close()


def test_nodemaps_with_the_same_items_are_equal():
    # Two graphs with the same nodes and edges, nodes added in another order: the results
    # hold the same items, so as Mappings (and as dicts) they are equal.
    a = gr.Graph()
    a.add_nodes([1, 2])
    a.add_edge(1, 2)
    b = gr.Graph()
    b.add_nodes([2, 1])
    b.add_edge(1, 2)
    pa, pb = a.pagerank(), b.pagerank()
    assert pa.to_dict() == pb.to_dict()
    assert pa == pb.to_dict() and pb == pa.to_dict()
    assert pa == pb
    assert a.degrees() == b.degrees()
    assert not (a.degrees() != b.degrees())
    a.close()
    b.close()


def test_nodemap_top():
    g, G = karate_pair()
    pr = g.pagerank()
    expected = sorted(pr.items(), key=lambda kv: kv[1], reverse=True)
    assert pr.top(5) == expected[:5]
    assert pr.top(1)[0][0] == max(G.nodes, key=lambda n: pr[n])
    assert pr.top(0) == []
    assert pr.top(100) == expected
    top = pr.top(34)
    assert [v for _, v in top] == sorted(pr.values(), reverse=True)
    degrees = g.degrees()
    assert degrees.top(2) == [(33, 17), (0, 16)]
    g.close()


def test_nodemap_to_numpy_and_array():
    g, _ = karate_pair()
    pr = g.pagerank()
    values = pr.to_numpy()
    assert isinstance(values, np.ndarray)
    assert values.dtype == np.float64
    assert values.shape == (34,)
    assert values.tolist() == list(pr.values())
    assert not values.flags.writeable
    with pytest.raises(ValueError):
        values[0] = 1.0
    array = pr.array
    assert isinstance(array, gr.GraphArray)
    assert array.dtype == "float64"
    assert len(array) == 34
    assert array.to_list() == list(pr.values())
    assert array[0] == pr[0]
    assert array.sum() == pytest.approx(1.0)
    assert array.max() == pr.top(1)[0][1]
    labels = g.component_labels()
    assert labels.array.dtype == "int64"
    assert labels.to_numpy().dtype == np.int64
    hops = g.shortest_path_lengths(0)
    assert hops.array.dtype == "int64"
    assert g.shortest_path_lengths(0, weight="weight").array.dtype == "float64"
    g.close()


def test_nodemap_to_pandas():
    g = gr.Graph(directed=True)
    g.add_edges([("a", "b"), ("b", 1), (1, "a"), ("1", "a")])
    pr = g.pagerank()
    series = pr.to_pandas()
    assert isinstance(series, pd.Series)
    assert list(series.index) == ["a", "b", 1, "1"]
    assert series.tolist() == list(pr.values())
    assert series["a"] == pr["a"]
    assert series[1] == pr[1] and series["1"] == pr["1"]
    assert series.dtype == np.float64
    g.close()


def test_nodemap_is_a_snapshot():
    g = gr.Graph()
    g.add_edges([(1, 2), (2, 3)])
    pr = g.pagerank()
    before = pr.to_dict()
    g.add_edge(3, 4)
    g.remove_node(1)
    assert pr == before
    assert 1 in pr and 4 not in pr
    g.close()


def test_results_on_a_closed_graph():
    g = gr.Graph()
    g.add_edge(1, 2)
    pr = g.pagerank()
    g.close()
    assert pr[1] == pytest.approx(0.5)
    for call in (
        g.pagerank,
        g.connected_components,
        g.component_labels,
        lambda: g.bfs(1),
        lambda: g.shortest_path(1, 2),
    ):
        with pytest.raises(gr.InvalidOperationError):
            call()


# ----- Ctrl-C ------------------------------------------------------------------------------


def ctrl_c_latency(call, delay=0.3):
    """Runs ``call()`` while a timer thread sends SIGINT after ``delay`` seconds; the call
    must raise KeyboardInterrupt. Returns the time from the signal to the exception."""
    sent = {}

    def interrupt():
        sent["at"] = time.perf_counter()
        os.kill(os.getpid(), signal.SIGINT)

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(delay, interrupt)
    try:
        started = time.perf_counter()
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            call()
        caught = time.perf_counter()
    finally:
        timer.cancel()
        timer.join()
        signal.signal(signal.SIGINT, previous)
    assert "at" in sent, "the call ended before the signal was sent"
    latency = caught - sent["at"]
    print(f"\nCtrl-C latency: {latency * 1000:.1f} ms (total {caught - started:.3f} s)")
    return latency


def test_ctrl_c_interrupts_a_long_pagerank(big, reference, endless_iterations):
    nodes, edges = big.node_count, big.edge_count
    latency = ctrl_c_latency(lambda: big.pagerank(tol=0.0, max_iter=endless_iterations))
    assert latency < LATENCY, f"KeyboardInterrupt came {latency:.3f} s after SIGINT"
    # The engine stopped: no algorithm thread is left running.
    assert not [t for t in threading.enumerate() if t.name == "groggy-algorithm" and t.is_alive()]
    # The graph is intact and usable.
    assert (big.node_count, big.edge_count) == (nodes, edges)
    assert big.pagerank() == reference["pagerank"]
    assert big.bfs(reference["source"]) == reference["bfs"]


def test_ctrl_c_interrupts_a_long_pagerank_on_a_small_graph():
    # ca-GrQc has 5,242 nodes and 14,496 edges, but 10**4 iterations still take seconds:
    # a long computation, whatever the size of the graph.
    g = gr.Graph()
    with gzip.open(DATA / "ca-GrQc.txt.gz", "rt") as f:
        pairs = np.array([line.split() for line in f if not line.startswith("#")], dtype=np.int64)
    g.add_edges_from_arrays(pairs[:, 0].copy(), pairs[:, 1].copy())
    assert (g.node_count, g.edge_count) == (5242, 14496)
    g.pagerank()  # the snapshot is taken; now time the iterations alone
    started = time.perf_counter()
    with pytest.raises(gr.AlgorithmError):
        g.pagerank(tol=0.0, max_iter=500)
    per_iteration = (time.perf_counter() - started) / 500
    iterations = max(1000, int(SMALL_ENDLESS_SECONDS / per_iteration))
    latency = ctrl_c_latency(lambda: g.pagerank(tol=0.0, max_iter=iterations))
    assert latency < LATENCY, f"KeyboardInterrupt came {latency:.3f} s after SIGINT"
    assert len(g.pagerank()) == 5242
    g.close()


def test_errors_on_a_large_graph_carry_their_messages(big, reference):
    # Large graphs run in a worker thread; the error must still be the engine's.
    with pytest.raises(gr.AlgorithmError) as info:
        big.pagerank(max_iter=2)
    assert str(info.value).startswith("pagerank: did not converge within 2 iterations")
    assert info.value.operation == "pagerank"
    with pytest.raises(gr.InvalidArgumentError) as info:
        big.pagerank(alpha=1.5)
    assert str(info.value) == "pagerank: alpha must be in (0, 1), got 1.5"
    with pytest.raises(gr.NodeNotFoundError) as info:
        big.bfs("missing")
    assert info.value.operation == "bfs"
    assert "missing" in str(info.value)
    source = reference["source"]
    unreachable = next(k for k in big.nodes if k != source and big.in_degree(k) == 0)
    with pytest.raises(gr.NoPathError) as info:
        big.shortest_path(source, unreachable)
    assert info.value.operation == "shortest_path"


# ----- async -------------------------------------------------------------------------------


def run_async(main, timeout=60):
    """Runs ``main()`` on a fresh event loop whose default executor has one thread (so a
    job submitted after a cancelled pagerank runs only once that pagerank has stopped)."""
    loop = asyncio.new_event_loop()
    executor = ThreadPoolExecutor(max_workers=1)
    loop.set_default_executor(executor)
    try:
        return loop.run_until_complete(asyncio.wait_for(main(), timeout))
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
        loop.close()


class Ticker:
    """An asyncio task that counts how often it gets to run."""

    def __init__(self):
        self.ticks = 0
        self._running = True
        self._task = asyncio.get_running_loop().create_task(self._tick())

    async def _tick(self):
        while self._running:
            await asyncio.sleep(0.002)
            self.ticks += 1

    async def stop(self):
        self._running = False
        await self._task


def test_async_pagerank_matches_pagerank(big, reference):
    async def main():
        ticker = Ticker()
        await asyncio.sleep(0)
        before = ticker.ticks
        result = await big.async_pagerank(tol=1e-12, max_iter=1000)
        during = ticker.ticks - before
        await ticker.stop()
        return result, during

    result, during = run_async(main)
    assert isinstance(result, gr.NodeMap)
    assert result == big.pagerank(tol=1e-12, max_iter=1000)
    assert during > 0
    assert run_async(big.async_pagerank) == reference["pagerank"]

    g, _ = karate_pair()

    async def small():
        return await g.async_pagerank(alpha=0.9, personalization={0: 1.0, 33: 2.0})

    assert run_async(small) == g.pagerank(alpha=0.9, personalization={0: 1.0, 33: 2.0})
    g.close()


def test_async_pagerank_keeps_the_loop_running(big):
    async def main():
        ticker = Ticker()
        await asyncio.sleep(0)
        before = ticker.ticks
        started = time.perf_counter()
        with pytest.raises(gr.AlgorithmError):
            await big.async_pagerank(tol=0.0, max_iter=150)
        elapsed = time.perf_counter() - started
        during = ticker.ticks - before
        await ticker.stop()
        return during, elapsed

    during, elapsed = run_async(main)
    assert during > 0
    # With a free loop the ticker runs about every 2 ms; demand a fair share of that.
    assert during >= min(10, elapsed / 0.002 / 4), (during, elapsed)


def test_async_pagerank_errors():
    g = gr.Graph()
    g.add_edge(1, 2)

    async def main():
        with pytest.raises(gr.InvalidArgumentError, match="alpha"):
            await g.async_pagerank(alpha=1.5)
        with pytest.raises(gr.InvalidArgumentError):
            await g.async_pagerank(personalization={"ghost": 1.0})
        return await g.async_pagerank()

    assert run_async(main) == {1: 0.5, 2: 0.5}
    g.close()


def test_async_pagerank_cancellation(big, reference, endless_iterations):
    async def main():
        task = asyncio.ensure_future(big.async_pagerank(tol=0.0, max_iter=endless_iterations))
        await asyncio.sleep(0.3)
        assert not task.done()
        task.cancel()
        cancelled = time.perf_counter()
        with pytest.raises(asyncio.CancelledError):
            await task
        latency = time.perf_counter() - cancelled
        # The single executor thread is free again only once the engine has stopped.
        loop = asyncio.get_running_loop()
        free = await asyncio.wait_for(loop.run_in_executor(None, lambda: "free"), 5)
        stopped = time.perf_counter() - cancelled
        return latency, stopped, free

    latency, stopped, free = run_async(main)
    print(f"\nasync cancel: {latency * 1000:.1f} ms to CancelledError, {stopped * 1000:.1f} ms")
    assert free == "free"
    assert latency < LATENCY
    assert stopped < LATENCY, f"the engine ran on for {stopped:.3f} s after cancel()"
    assert big.pagerank() == reference["pagerank"]


# ----- threads -----------------------------------------------------------------------------

READERS = 4


def run_threads(targets, timeout=90):
    """Starts daemon threads, waits for them with a watchdog; returns the errors."""
    errors = []

    def guarded(fn):
        def run():
            try:
                fn()
            except BaseException as err:
                errors.append(err)

        return run

    threads = [threading.Thread(target=guarded(t), daemon=True) for t in targets]
    for t in threads:
        t.start()
    deadline = time.monotonic() + timeout
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    hung = [t.name for t in threads if t.is_alive()]
    assert not hung, f"threads still running after {timeout} s (deadlock?): {hung}"
    return errors


def test_parallel_readers_get_the_single_threaded_results(big, reference):
    source = reference["source"]
    calls = [
        ("pagerank", lambda: big.pagerank()),
        ("bfs", lambda: big.bfs(source)),
        ("components", lambda: big.connected_components()),
    ]
    barrier = threading.Barrier(READERS)
    results = [[] for _ in range(READERS)]

    def reader(i):
        def run():
            barrier.wait(timeout=30)
            for r in range(2):
                for j in range(len(calls)):
                    name, call = calls[(i + j + r) % len(calls)]
                    results[i].append((name, call()))

        return run

    errors = run_threads([reader(i) for i in range(READERS)])
    assert errors == []
    for per_thread in results:
        assert len(per_thread) == 2 * len(calls)
        for name, value in per_thread:
            assert value == reference[name], name


def test_a_writer_alongside_parallel_readers(big, reference):
    g = big.copy()
    base_nodes, base_edges = g.node_count, g.edge_count
    source = reference["source"]
    added = 3000
    stop = threading.Event()
    barrier = threading.Barrier(READERS + 1)
    rounds = [0] * READERS

    def writer():
        barrier.wait(timeout=30)
        try:
            for i in range(added):
                key = 10**12 + i
                g.add_node(key, born=i)
                if i % 3 == 0:
                    g.add_edge(key, source)
        finally:
            stop.set()

    def reader(i):
        def run():
            barrier.wait(timeout=30)
            while not stop.is_set() or rounds[i] == 0:
                pr = g.pagerank()
                assert len(pr) >= base_nodes
                assert sum(pr.values()) == pytest.approx(1.0, abs=1e-6)
                order = g.bfs(source)
                assert order[0] == source and len(order) == len(set(order))
                comps = g.connected_components()
                sizes = [len(c) for c in comps]
                assert sizes == sorted(sizes, reverse=True)
                assert sum(sizes) >= base_nodes
                rounds[i] += 1

        return run

    errors = run_threads([writer] + [reader(i) for i in range(READERS)])
    assert errors == []
    assert all(r > 0 for r in rounds)
    assert g.node_count == base_nodes + added
    assert g.edge_count == base_edges + added // 3
    # Everything the writer added is seen by the next run.
    labels = g.component_labels()
    assert len(labels) == base_nodes + added
    assert labels[10**12] == labels[source]
    assert len(g.pagerank()) == base_nodes + added
    g.close()


def test_threads_on_a_small_graph_run_inline_and_agree():
    g, _ = karate_pair()
    expected = g.pagerank()
    out = []

    def reader():
        for _ in range(50):
            out.append(g.pagerank() == expected and g.bfs(0) == g.bfs(0))

    errors = run_threads([reader] * READERS, timeout=60)
    assert errors == []
    assert out == [True] * (50 * READERS)
    g.close()


# ----- the demo ----------------------------------------------------------------------------


def test_demo_exits_zero():
    env = dict(os.environ)
    package_root = str(Path(gr.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "groggy", "demo"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "karate" in result.stdout.lower()
