"""Memory pools: ``gr.MemoryPool(limit_bytes=None)``, ``Graph(pool=pool)``, ``pool.stats()``,
``g.memory_usage()`` and ``gr.memory_stats()``.

The contract (docs/PYTHON_API.md, "Runtime services", and the issue): several graphs may share
a pool; ``stats()`` gives ``total_allocated``, ``peak_usage``, ``pool_usage`` and ``limit``;
the figures are real (``pool_usage`` of a loaded SNAP graph is within 25% of the size of the
structures it holds); an operation that would take the pool over its limit raises
``GroggyMemoryError`` (a ``MemoryError``) naming the operation before changing anything, and
the graph stays usable; ``gr.memory_stats()`` reports the whole library's allocations.

Covered: stats keys and types; usage growing with adds and going back to zero once the graphs
are closed (also in a fresh process); ``pool_usage`` against ``g.memory_usage()`` and against
an estimate computed from the graph's sizes for ca-GrQc and wiki-Vote, before and after
attribute columns are added; values set one at a time; graphs sharing a pool adding up;
copies and subgraphs counting for the pool (and limited by it); monotonic ``total_allocated``
and ``peak_usage``; every mutating operation refused over the limit with the graph unchanged
and usable; accepted operations keeping the pool within its limit; an operation that fits
being accepted; limit 0; bad ``limit_bytes`` and ``pool`` arguments; a pool outliving its
Python handle; graphs without a pool unaffected; threads sharing limited and unlimited pools;
``gr.memory_stats()``.
"""

from __future__ import annotations

import gc
import gzip
import re
import subprocess
import sys
import threading
import time
from functools import cache
from pathlib import Path

import numpy as np
import pytest

import groggy as gr

DATA = Path(__file__).resolve().parents[2] / "python" / "groggy" / "data"
KIB = 1024
MIB = 1024 * 1024
STATS_KEYS = {"total_allocated", "peak_usage", "pool_usage", "limit"}

# Edge batches run on the library's worker threads, whose global structures are created on
# first use. Create them here, outside any pool, so that the in-process tests below see only
# what their own graphs hold (test_pool_usage_is_exactly_zero_once_its_graphs_are_freed
# checks the first-use case in a fresh process).
with gr.Graph() as _warm_up:
    _warm_up.add_edges([(0, 1), (1, 2)])


# ----- helpers -----------------------------------------------------------------------------


def usage(pool: gr.MemoryPool) -> int:
    return pool.stats()["pool_usage"]


def state(g: gr.Graph) -> dict:
    """Everything observable about a graph, attribute columns included."""
    return {
        "directed": g.directed,
        "nodes": [(k, dict(d)) for k, d in g.nodes(data=True)],
        "edges": [(u, v, dict(d)) for u, v, d in g.edges(data=True)],
        "node_attr_names": g.node_attr_names(),
        "edge_attr_names": g.edge_attr_names(),
        "degrees": list(g.degrees().items()),
        "node_columns": {n: g.node_array(n).to_list() for n in g.node_attr_names()},
        "edge_columns": {n: g.edge_array(n).to_list() for n in g.edge_attr_names()},
    }


def leave_room(pool: gr.MemoryPool, room: int) -> gr.Graph:
    """Fills a limited pool up to about ``room`` bytes below its limit with a ballast graph
    (one node holding one bytes value, which the pool counts exactly) and returns the
    ballast, which the caller keeps alive."""
    stats = pool.stats()
    free = stats["limit"] - stats["pool_usage"]
    assert free > room + 4 * KIB, (free, room)
    ballast = gr.Graph(pool=pool)
    ballast.add_node("ballast", blob=bytes(free - room - 1024))
    stats = pool.stats()
    left = stats["limit"] - stats["pool_usage"]
    assert room <= left <= room + 2 * KIB, (room, left)
    return ballast


def needed_bytes(err: BaseException) -> int:
    """The bound a refusal reports ("this needs up to N more bytes")."""
    match = re.search(r"needs up to (\d+) more bytes", str(err))
    assert match, str(err)
    return int(match.group(1))


@cache
def snap_edges(name: str) -> tuple[np.ndarray, np.ndarray]:
    with gzip.open(DATA / f"{name}.txt.gz", "rb") as f:
        pairs = np.loadtxt(f, dtype=np.int64, comments="#")
    return np.ascontiguousarray(pairs[:, 0]), np.ascontiguousarray(pairs[:, 1])


def structure_estimate(
    n: int,
    m: int,
    loops: int,
    directed: bool,
    max_key: int,
    columns: list[tuple[int, int, int]],
    laid_out: bool,
) -> int:
    """What a graph's structures need, computed from its sizes alone (64-bit layout):

    * per node: its key (an int or boxed-str enum, 24 bytes), an alive flag (1 byte) and the
      header of its incidence list (24 bytes; two lists when directed);
    * int keys that are small and non-negative (SNAP numbers its nodes) are found through a
      direct table of 4 bytes per key value up to the largest key;
    * per edge: its endpoints (2 x 4 bytes) and one 4-byte entry in the incidence list of
      each end (an undirected self-loop has one);
    * per attribute column ``(entities, element bytes, payload bytes)``: a presence byte and
      an element per entity, plus the string payload;
    * ``laid_out``: the snapshot rows a bulk load into a graph without edges lays out as it
      goes, held until the first algorithm takes them: a 4-byte entry per incidence and an
      8-byte offset per node, for each list.
    """
    lists = 2 if directed else 1
    nodes = n * (24 + 1 + 24 * lists) + 4 * (max_key + 1)
    incidences = 2 * m if directed else 2 * (m - loops) + loops
    edges = 8 * m + 4 * incidences
    attrs = sum(count * (1 + element) + payload for count, element, payload in columns)
    rows = 4 * incidences + 8 * (n + 1) * lists if laid_out else 0
    return nodes + edges + attrs + rows


def assert_close(actual: int, expected: int, what: str, tolerance: float = 0.25) -> None:
    assert abs(actual - expected) <= tolerance * expected, (
        f"{what}: {actual} is {actual / expected:.1%} of {expected} "
        f"(allowed {1 - tolerance:.0%}..{1 + tolerance:.0%})"
    )


# ----- stats: shape, types, arguments ----------------------------------------------------------


def test_stats_keys_and_types():
    for pool, limit in [
        (gr.MemoryPool(), None),
        (gr.MemoryPool(None), None),
        (gr.MemoryPool(limit_bytes=None), None),
        (gr.MemoryPool(1_000_000), 1_000_000),
        (gr.MemoryPool(limit_bytes=4096), 4096),
        (gr.MemoryPool(np.int64(12345)), 12345),
        (gr.MemoryPool(2**63 - 1), 2**63 - 1),
    ]:
        stats = pool.stats()
        assert set(stats) == STATS_KEYS
        for key in ("total_allocated", "peak_usage", "pool_usage"):
            assert type(stats[key]) is int, key
            assert stats[key] == 0, (key, stats)  # a new pool holds nothing
        assert stats["limit"] == limit
        assert stats["limit"] is None or type(stats["limit"]) is int
        # A fresh dict each time.
        stats["pool_usage"] = -1
        assert pool.stats()["pool_usage"] == 0
        assert "MemoryPool" in repr(pool)


def test_stats_after_use_are_consistent_ints():
    pool = gr.MemoryPool(10 * MIB)
    with gr.Graph(pool=pool) as g:
        g.add_nodes([(f"k{i}", {"v": i}) for i in range(200)])
        stats = pool.stats()
        assert set(stats) == STATS_KEYS
        assert all(type(stats[k]) is int for k in STATS_KEYS)
        assert stats["limit"] == 10 * MIB
        assert 0 < stats["pool_usage"] <= stats["peak_usage"] <= stats["total_allocated"]
        assert str(stats["pool_usage"]) in repr(pool)


def test_an_empty_graph_holds_nothing():
    pool = gr.MemoryPool()
    with gr.Graph(pool=pool) as g, gr.Graph(directed=True, pool=pool) as d:
        assert g.memory_usage() == 0
        assert d.memory_usage() == 0
        assert usage(pool) == 0
    assert pool.stats() == {"total_allocated": 0, "peak_usage": 0, "pool_usage": 0, "limit": None}


@pytest.mark.parametrize("limit", [-1, -2, -(2**40), -(2**63)])
def test_negative_limit_is_a_value_error(limit):
    with pytest.raises(ValueError, match="limit_bytes"):
        gr.MemoryPool(limit)
    with pytest.raises(ValueError, match="limit_bytes"):
        gr.MemoryPool(limit_bytes=limit)


@pytest.mark.parametrize(
    "bad", [object(), 5, 0, "pool", {"limit": 1}, [], 1.5, True], ids=lambda b: type(b).__name__
)
def test_pool_must_be_a_memory_pool(bad):
    with pytest.raises(TypeError, match="MemoryPool"):
        gr.Graph(pool=bad)
    with pytest.raises(TypeError, match="MemoryPool"):
        gr.Graph(directed=True, pool=bad)


def test_a_graph_is_not_a_pool():
    with gr.Graph() as other, pytest.raises(TypeError, match="MemoryPool"):
        gr.Graph(pool=other)


def test_pool_none_is_a_graph_without_a_pool():
    pool = gr.MemoryPool(0)
    with gr.Graph(pool=None) as g:
        g.add_nodes(range(1000))
        assert g.node_count == 1000
    assert pool.stats()["total_allocated"] == 0


# ----- the figures follow the graphs -------------------------------------------------------------


def test_usage_grows_with_adds_and_returns_to_zero_after_close():
    pool = gr.MemoryPool()
    g = gr.Graph(pool=pool)
    history = [pool.stats()]
    for step in range(5):
        for i in range(100):
            key = f"s{step}-{i}"
            g.add_node(key, index=i, label=key * 3)
            before = usage(pool)
            if i:
                g.add_edge(f"s{step}-{i - 1}", key, w=float(i))
            assert usage(pool) >= before  # an add never shrinks the pool
        history.append(pool.stats())
    for a, b in zip(history, history[1:]):
        assert b["pool_usage"] > a["pool_usage"], (a, b)
        assert b["total_allocated"] > a["total_allocated"], (a, b)
        assert b["peak_usage"] >= b["pool_usage"]
    assert g.memory_usage() > 0
    assert_close(usage(pool), g.memory_usage(), "pool_usage vs memory_usage (single adds)")
    held = pool.stats()
    g.close()
    after = pool.stats()
    assert after["pool_usage"] == 0, after
    assert after["total_allocated"] == held["total_allocated"]
    assert after["peak_usage"] == held["peak_usage"]


def test_usage_returns_to_zero_when_a_graph_is_garbage_collected():
    pool = gr.MemoryPool()
    g = gr.Graph(pool=pool)
    g.add_nodes([(i, {"name": f"node-{i}"}) for i in range(2000)])
    assert usage(pool) > 2000 * 8
    del g
    gc.collect()
    assert usage(pool) == 0


def test_clear_gives_the_memory_back_and_the_graph_stays_in_the_pool():
    pool = gr.MemoryPool()
    with gr.Graph(pool=pool) as g:
        g.add_nodes([(f"k{i}", {"a": i, "s": "x" * 50}) for i in range(1000)])
        assert usage(pool) > 1000 * 50
        g.clear()
        assert g.node_count == 0
        assert usage(pool) == 0
        assert g.memory_usage() == 0
        g.add_nodes([(f"k{i}", {"a": i}) for i in range(500)])
        assert usage(pool) > 500 * 8  # still counted for the pool after clear()


def test_batches_count_and_give_back_their_memory():
    pool = gr.MemoryPool()
    with gr.Graph(directed=True, pool=pool) as g:
        g.add_nodes([(i, {"a": i}) for i in range(3000)])
        after_nodes = usage(pool)
        assert after_nodes > 3000 * 8
        g.add_edges([(i, (i * 7) % 3000, {"w": 1.0}) for i in range(3000)])
        after_edges = usage(pool)
        # at least the endpoints of 3000 edges and the float column
        assert after_edges - after_nodes >= 3000 * (8 + 8)
        g.add_edges_from_arrays(np.arange(3000, 6000), np.arange(3001, 6001), w=np.ones(3000))
        after_arrays = usage(pool)
        assert after_arrays - after_edges >= 3000 * (8 + 8)
        g.set_node_array("label", [f"label-{k}" for k in g.nodes])
        assert usage(pool) - after_arrays >= g.node_count * 8
        g.set_edge_array("x", np.arange(g.edge_count, dtype=np.int64))
    # Only what the library's worker threads create for themselves, if anything.
    assert usage(pool) <= 4 * KIB, pool.stats()


def test_pool_usage_is_exactly_zero_once_its_graphs_are_freed():
    # In a fresh process the first edge batch in a pool also creates the worker threads'
    # global structures: they are not the graph's, and must not stay counted for the pool.
    code = (
        "import groggy as gr\n"
        "pool = gr.MemoryPool()\n"
        "for r in range(100):\n"
        "    with gr.Graph(pool=pool) as g:\n"
        "        g.add_edges([(i, i + 1) for i in range(10)])\n"
        "print(pool.stats()['pool_usage'])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert int(out.stdout.strip()) == 0, (
        f"a pool whose graphs are all gone still counts {out.stdout.strip()} bytes"
    )


# ----- real graphs: the figures are real ---------------------------------------------------------


@pytest.mark.parametrize(("name", "directed"), [("ca-GrQc", False), ("wiki-Vote", True)])
def test_pool_usage_matches_the_structures_of_a_snap_graph(name, directed):
    sources, targets = snap_edges(name)
    pool = gr.MemoryPool()
    with gr.Graph(directed=directed, pool=pool) as g:
        g.add_edges_from_arrays(sources, targets)
        n, m = g.node_count, g.edge_count
        assert (n, m) == {"ca-GrQc": (5242, 14496), "wiki-Vote": (7115, 103689)}[name]
        loops = int(np.unique(sources[sources == targets]).size)
        max_key = int(max(sources.max(), targets.max()))

        topology = structure_estimate(n, m, loops, directed, max_key, [], laid_out=True)
        failures = []
        for what, actual, expected in [
            ("memory_usage vs estimate, topology", g.memory_usage(), topology),
            ("pool_usage vs memory_usage, topology", usage(pool), g.memory_usage()),
            ("pool_usage vs estimate, topology", usage(pool), topology),
        ]:
            try:
                assert_close(actual, expected, what)
            except AssertionError as err:
                failures.append(str(err))

        names = [f"node-{k}" for k in g.nodes]
        g.set_node_array("name", names)
        g.set_node_array("degree", g.degrees().to_numpy().astype(np.int64))
        g.set_edge_array("weight", np.linspace(0.0, 1.0, m))
        columns = [(n, 16, sum(map(len, names))), (n, 8, 0), (m, 8, 0)]
        full = structure_estimate(n, m, loops, directed, max_key, columns, laid_out=True)
        for what, actual, expected in [
            ("memory_usage vs estimate, with attributes", g.memory_usage(), full),
            ("pool_usage vs memory_usage, with attributes", usage(pool), g.memory_usage()),
            ("pool_usage vs estimate, with attributes", usage(pool), full),
        ]:
            try:
                assert_close(actual, expected, what)
            except AssertionError as err:
                failures.append(str(err))
        assert not failures, "\n".join(failures)
        assert pool.stats()["peak_usage"] >= usage(pool)
    assert usage(pool) <= 4 * KIB


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_edges_added_in_a_batch_count_for_the_pool(directed):
    # Many edges on few nodes, so that the incidence lists (4 bytes per edge end) are a
    # large part of what the graph holds.
    rng = np.random.default_rng(7)
    pairs = [(int(u), int(v)) for u, v in rng.integers(0, 1000, size=(30_000, 2))]
    one, batch = gr.MemoryPool(), gr.MemoryPool()
    with gr.Graph(directed=directed, pool=one) as a, gr.Graph(directed=directed, pool=batch) as b:
        a.add_nodes(range(1000))
        b.add_nodes(range(1000))
        for u, v in pairs:
            a.add_edge(u, v)
        b.add_edges(pairs)
        assert a.edge_count == b.edge_count > 25_000
        assert_close(usage(one), a.memory_usage(), "one at a time: pool_usage vs memory_usage")
        assert_close(usage(batch), b.memory_usage(), "batch: pool_usage vs memory_usage")


@pytest.mark.parametrize("edge", [False, True], ids=["node", "edge"])
def test_a_value_set_one_at_a_time_counts_for_the_pool(edge):
    pool = gr.MemoryPool()
    with gr.Graph(pool=pool) as g:
        g.add_edge("a", "b")
        before, mem_before = usage(pool), g.memory_usage()
        if edge:
            g.set_edge_attr("a", "b", "blob", bytes(MIB))
            g.set_edge_attr("a", "b", "text", "x" * MIB)
        else:
            g.set_node_attr("a", "blob", bytes(MIB))
            g.set_node_attr("a", "text", "x" * MIB)
        assert g.memory_usage() - mem_before >= 2 * MIB
        assert usage(pool) - before >= 2 * MIB, (
            f"two 1 MiB values stored, but the pool grew by {usage(pool) - before} bytes"
        )


def test_values_given_with_adds_count_for_the_pool():
    pool = gr.MemoryPool()
    with gr.Graph(pool=pool) as g:
        g.add_node("a", blob=bytes(MIB))
        assert usage(pool) >= MIB
        g.add_edge("a", "b", text="y" * MIB)
        assert usage(pool) >= 2 * MIB
        g.add_nodes([("c", {"blob": bytes(MIB)})])
        assert usage(pool) >= 3 * MIB
        assert_close(usage(pool), g.memory_usage(), "pool_usage vs memory_usage", 0.05)
    assert usage(pool) == 0


# ----- sharing a pool ------------------------------------------------------------------------


def build_a(g):
    g.add_nodes([(f"a{i}", {"x": i, "s": "v" * (i % 40)}) for i in range(1500)])
    for i in range(1499):
        g.add_edge(f"a{i}", f"a{i + 1}", w=0.5)


def build_b(g):
    for i in range(800):
        g.add_node(i, y=float(i))
        g.add_edge(i, (i * 13) % 800)


def test_graphs_sharing_a_pool_add_up():
    alone_a, alone_b, shared = gr.MemoryPool(), gr.MemoryPool(), gr.MemoryPool()
    with gr.Graph(pool=alone_a) as a, gr.Graph(directed=True, pool=alone_b) as b:
        build_a(a)
        build_b(b)
        ua, ub = usage(alone_a), usage(alone_b)
        assert ua > 0 and ub > 0
    a2 = gr.Graph(pool=shared)
    b2 = gr.Graph(directed=True, pool=shared)
    build_a(a2)
    build_b(b2)
    # The same structures, built the same way, hold the same bytes.
    assert usage(shared) == ua + ub, (usage(shared), ua, ub)
    stats = shared.stats()
    assert stats["total_allocated"] >= ua + ub and stats["peak_usage"] >= ua + ub
    b2.close()
    assert usage(shared) == ua
    a2.close()
    assert usage(shared) == 0
    assert alone_a.stats()["pool_usage"] == 0 and alone_b.stats()["pool_usage"] == 0


def test_pools_are_independent():
    p, q = gr.MemoryPool(), gr.MemoryPool()
    with gr.Graph(pool=p) as g:
        g.add_nodes(range(1000))
        assert usage(p) > 0
        assert q.stats() == {"total_allocated": 0, "peak_usage": 0, "pool_usage": 0, "limit": None}
        with gr.Graph(pool=q) as h:
            before = p.stats()
            h.add_nodes(range(10))
            assert p.stats() == before
            assert usage(q) > 0


# ----- copies and subgraphs --------------------------------------------------------------------


def test_copy_counts_for_the_pool():
    pool = gr.MemoryPool()
    with gr.Graph(pool=pool) as g:
        build_a(g)
        before = usage(pool)
        c = g.copy()
        grown = usage(pool) - before
        assert_close(grown, c.memory_usage(), "copy: pool growth vs memory_usage", 0.25)
        assert 0 < grown <= before  # what the original holds, less its spare capacity
        # The copy stays in the pool: what it adds counts there too.
        mid = usage(pool)
        c.add_nodes([(f"c{i}", {"x": i}) for i in range(1000)])
        assert usage(pool) > mid
        g.close()
        assert_close(usage(pool), c.memory_usage(), "copy alone: pool vs memory_usage", 0.25)
        c.close()
    assert usage(pool) == 0


def test_subgraph_counts_for_the_pool():
    pool = gr.MemoryPool()
    with gr.Graph(pool=pool) as g:
        build_a(g)
        before = usage(pool)
        s = g.subgraph([f"a{i}" for i in range(0, 1500, 2)] + ["not-there"])
        assert s.node_count == 750
        grown = usage(pool) - before
        assert grown > 0
        assert_close(grown, s.memory_usage(), "subgraph: pool growth vs memory_usage", 0.25)
        mid = usage(pool)
        s.add_node("extra", blob=bytes(100_000))
        assert usage(pool) - mid >= 100_000
        s.close()
        assert usage(pool) == before


def test_copy_of_a_limited_graph_is_limited_too():
    pool = gr.MemoryPool(4 * MIB)
    with gr.Graph(pool=pool) as g:
        build_a(g)
        c = g.copy()
        ballast = leave_room(pool, 64 * KIB)
        before = state(c)
        with pytest.raises(gr.GroggyMemoryError) as excinfo:
            c.add_node("big", blob=bytes(MIB))
        assert excinfo.value.operation == "add_node"
        assert state(c) == before
        c.add_node("small")
        assert c.has_node("small") and not g.has_node("small")
        ballast.close()
        c.close()


# ----- figures over time ----------------------------------------------------------------------


def test_peak_and_total_are_monotonic():
    pool = gr.MemoryPool()
    seen = [pool.stats()]

    def record():
        stats = pool.stats()
        last = seen[-1]
        assert stats["total_allocated"] >= last["total_allocated"], (last, stats)
        assert stats["peak_usage"] >= last["peak_usage"], (last, stats)
        assert stats["peak_usage"] >= stats["pool_usage"], stats
        assert stats["total_allocated"] >= stats["peak_usage"], stats
        seen.append(stats)

    g = gr.Graph(pool=pool)
    h = gr.Graph(directed=True, pool=pool)
    for r in range(6):
        g.add_nodes([(f"r{r}-{i}", {"v": i}) for i in range(300)])
        record()
        h.add_edges([(r * 1000 + i, r * 1000 + i + 1) for i in range(300)])
        record()
        c = g.copy()
        record()
        c.close()
        record()
        for i in range(0, 300, 3):
            g.remove_node(f"r{r}-{i}")
        record()
        g.set_node_array("w", np.arange(g.node_count, dtype=np.float64))
        record()
        if r % 2:
            h.clear()
            record()
    g.close()
    record()
    h.close()
    record()
    assert seen[-1]["pool_usage"] <= 4 * KIB
    assert seen[-1]["peak_usage"] == max(s["peak_usage"] for s in seen)
    assert seen[-1]["total_allocated"] > seen[-1]["peak_usage"]


def test_pool_figures_are_part_of_the_library_figures():
    gc.collect()
    pool = gr.MemoryPool()
    lib_before = gr.memory_stats()
    with gr.Graph(pool=pool) as g:
        g.add_nodes([(f"k{i}", {"text": "t" * 100}) for i in range(3000)])
        lib_after = gr.memory_stats()
        stats = pool.stats()
        assert (
            lib_after["total_allocated"] - lib_before["total_allocated"]
            >= (stats["total_allocated"])
        )
        assert lib_after["current"] >= stats["pool_usage"]
        assert lib_after["peak_usage"] >= stats["peak_usage"]


# ----- limits: every operation refused over the limit, nothing changed ----------------------------


def limited_graph(pool: gr.MemoryPool) -> gr.Graph:
    """A small graph (about 110 KB, mostly text) with int and str keys and attributes."""
    g = gr.Graph(pool=pool)
    g.add_nodes([(i, {"label": f"n{i}", "text": "t" * 2000}) for i in range(50)])
    g.add_node("s", flag=True)
    g.add_edges([(i, i + 1, {"w": float(i)}) for i in range(49)])
    g.add_edge("s", 0, kind="x")
    return g


def big_str_keys(n):
    return [f"key-{i:08d}" for i in range(n)]


LIMITED_OPS = [
    ("add_node", "str key", lambda g: g.add_node("k" * MIB)),
    ("add_node", "new node, attrs", lambda g: g.add_node(1000, blob=bytes(MIB))),
    ("add_node", "existing node, attrs", lambda g: g.add_node(0, text="x" * MIB)),
    ("add_edge", "str endpoint", lambda g: g.add_edge(0, "k" * MIB)),
    ("add_edge", "new edge, attrs", lambda g: g.add_edge(0, 5, blob=bytes(MIB))),
    ("add_edge", "existing edge, attrs", lambda g: g.add_edge(0, 1, blob=bytes(MIB))),
    ("add_nodes", "int keys", lambda g: g.add_nodes(range(1000, 101_000))),
    ("add_nodes", "str keys", lambda g: g.add_nodes(big_str_keys(50_000))),
    (
        "add_nodes",
        "existing nodes, attrs",
        lambda g: g.add_nodes([(i, {"text": "x" * 30_000}) for i in range(50)]),
    ),
    ("add_edges", "new nodes", lambda g: g.add_edges([(i, i + 1) for i in range(1000, 51_000)])),
    ("add_edges", "existing edge, attrs", lambda g: g.add_edges([(0, 1, {"blob": bytes(MIB)})])),
    (
        "add_edges_from_arrays",
        "int64 arrays",
        lambda g: g.add_edges_from_arrays(np.arange(1000, 101_000), np.arange(1001, 101_001)),
    ),
    (
        "add_edges_from_arrays",
        "str keys",
        lambda g: g.add_edges_from_arrays(big_str_keys(40_000), big_str_keys(40_001)[1:]),
    ),
    (
        "add_edges_from_arrays",
        "existing edges, column",
        lambda g: g.add_edges_from_arrays(
            np.arange(49), np.arange(1, 50), note=["x" * 30_000] * 49
        ),
    ),
    ("set_node_attr", "new column", lambda g: g.set_node_attr(0, "blob", bytes(MIB))),
    ("set_node_attr", "existing column", lambda g: g.set_node_attr(0, "text", "x" * MIB)),
    ("set_edge_attr", "new column", lambda g: g.set_edge_attr(0, 1, "blob", bytes(MIB))),
    ("set_edge_attr", "existing column", lambda g: g.set_edge_attr(0, 1, "w", "x" * MIB)),
    (
        "set_node_array",
        "new column",
        lambda g: g.set_node_array("big", ["x" * 30_000] * g.node_count),
    ),
    (
        "set_node_array",
        "existing column",
        lambda g: g.set_node_array("text", ["y" * 30_000] * g.node_count),
    ),
    (
        "set_edge_array",
        "new column",
        lambda g: g.set_edge_array("big", [bytes(30_000)] * g.edge_count),
    ),
    (
        "set_edge_array",
        "existing column",
        lambda g: g.set_edge_array("w", [bytes(30_000)] * g.edge_count),
    ),
    ("copy", "whole graph", lambda g: g.copy()),
    ("subgraph", "every node", lambda g: g.subgraph(list(g.nodes))),
]


@pytest.mark.parametrize(
    ("operation", "call"),
    [(op, call) for op, _, call in LIMITED_OPS],
    ids=[f"{op}-{what}" for op, what, _ in LIMITED_OPS],
)
def test_an_operation_over_the_limit_is_refused_and_changes_nothing(operation, call):
    pool = gr.MemoryPool(8 * MIB)
    g = limited_graph(pool)
    ballast = leave_room(pool, 64 * KIB)
    assert g.memory_usage() > 64 * KIB  # so that a copy cannot fit
    before = state(g)
    held, mem = usage(pool), g.memory_usage()

    with pytest.raises(gr.GroggyMemoryError) as excinfo:
        call(g)
    err = excinfo.value
    assert isinstance(err, MemoryError)
    assert isinstance(err, gr.GroggyError)
    assert err.operation == operation
    assert str(err).startswith(f"{operation}: "), str(err)
    assert "memory" in str(err).lower()
    assert needed_bytes(err) > 64 * KIB

    # Nothing changed: not the graph, not what it holds, not the pool.
    assert state(g) == before
    assert g.memory_usage() == mem
    assert usage(pool) == held
    assert not g.has_node(1000) and not g.has_node("k" * MIB)

    # Still usable: small changes that fit go through.
    g.add_node("small", v=1)
    g.add_edge("small", 0, w=2.5)
    g.set_node_attr(3, "label", "three")
    assert g.get_node_attr("small", "v") == 1
    assert g.get_edge_attr("small", 0, "w") == 2.5
    assert g.node_count == len(before["nodes"]) + 1
    assert g.shortest_path("small", 5) == ["small", 0, 1, 2, 3, 4, 5]
    assert usage(pool) <= pool.stats()["limit"]
    ballast.close()
    g.close()
    assert usage(pool) <= 4 * KIB


def test_an_operation_that_fits_is_accepted():
    # 1.5 MiB of room: each of these stores about 1 MiB, and must go through.
    cases = [
        ("add_node", lambda g: g.add_node("n", blob=bytes(MIB))),
        ("add_edge", lambda g: g.add_edge(0, 1, blob=bytes(MIB))),
        ("add_nodes", lambda g: g.add_nodes([("n", {"blob": bytes(MIB)})])),
        ("set_node_array", lambda g: g.set_node_array("big", [bytes(MIB // 50)] * 50)),
        ("set_node_attr", lambda g: g.set_node_attr(0, "blob", bytes(MIB))),
        ("set_edge_attr", lambda g: g.set_edge_attr(0, 1, "blob", bytes(MIB))),
    ]
    refused = []
    for _, call in cases:
        pool = gr.MemoryPool(8 * MIB)
        g = gr.Graph(pool=pool)
        g.add_nodes(range(50))
        g.add_edges([(i, i + 1) for i in range(49)])
        ballast = leave_room(pool, 3 * MIB // 2)
        try:
            call(g)
        except gr.GroggyMemoryError as err:
            refused.append(str(err))
        assert usage(pool) <= pool.stats()["limit"]
        ballast.close()
        g.close()
    assert not refused, "refused with 1.5 MiB of room for about 1 MiB:\n" + "\n".join(refused)


def int_column_graph(pool, n=20_000):
    g = gr.Graph(pool=pool)
    g.add_nodes(range(n))
    g.set_node_array("x", np.arange(n, dtype=np.int64))
    return g


def empty_graph(pool):
    return gr.Graph(pool=pool)


# (name, the graph to build in the pool, room left in the pool, the operation)
ACCEPTED_OR_REFUSED = [
    ("add_nodes int keys", empty_graph, 75_000, lambda g: g.add_nodes(range(1000))),
    ("add_nodes int keys, many", empty_graph, 1_500_000, lambda g: g.add_nodes(range(19_000))),
    ("add_nodes str keys", empty_graph, 400 * KIB, lambda g: g.add_nodes(big_str_keys(5000))),
    ("add_edges", empty_graph, 400 * KIB, lambda g: g.add_edges([(i, i + 1) for i in range(5000)])),
    (
        "set_node_attr changes a column's kind",
        int_column_graph,
        64 * KIB,
        lambda g: g.set_node_attr(0, "x", "s"),
    ),
    (
        "add_node changes a column's kind",
        int_column_graph,
        64 * KIB,
        lambda g: g.add_node(5, x=1.5),
    ),
    (
        "set_node_array changes a column's kind",
        int_column_graph,
        64 * KIB,
        lambda g: g.set_node_array("x", ["s"] * g.node_count),
    ),
]


@pytest.mark.parametrize(
    ("build", "room", "call"),
    [(build, room, call) for _, build, room, call in ACCEPTED_OR_REFUSED],
    ids=[name for name, *_ in ACCEPTED_OR_REFUSED],
)
def test_an_accepted_operation_keeps_the_pool_within_its_limit(build, room, call):
    pool = gr.MemoryPool(16 * MIB)
    g = build(pool)
    ballast = leave_room(pool, room)
    before = state(g)
    try:
        call(g)
    except gr.GroggyMemoryError:
        assert state(g) == before  # refused: fine, if nothing changed
    else:
        stats = pool.stats()
        assert stats["pool_usage"] <= stats["limit"], (
            f"accepted, and the pool now holds {stats['pool_usage'] - stats['limit']} bytes "
            f"over its limit (graph: {g.memory_usage()} bytes)"
        )
    ballast.close()
    g.close()


def test_a_refused_operation_does_not_take_the_pool_over_its_limit():
    # Refusing must not itself fill the pool: what the check allocates is not the pool's.
    zero = gr.MemoryPool(0)
    with gr.Graph(pool=zero) as g:
        for call in (
            lambda: g.add_node(1),
            lambda: g.add_node("a", x=1),
            lambda: g.add_nodes(range(10_000)),
            lambda: g.add_edges([(i, i + 1) for i in range(10_000)]),
        ):
            with pytest.raises(gr.GroggyMemoryError):
                call()
        assert zero.stats()["pool_usage"] == 0
        assert zero.stats()["peak_usage"] == 0, zero.stats()

    pool = gr.MemoryPool(4 * MIB)
    g = limited_graph(pool)
    ballast = leave_room(pool, 64 * KIB)
    for call in (
        lambda: g.add_nodes(range(1000, 101_000)),
        lambda: g.add_edges([(i, i + 1) for i in range(1000, 51_000)]),
        lambda: g.set_node_attr(0, "blob", bytes(2 * MIB)),
    ):
        with pytest.raises(gr.GroggyMemoryError) as excinfo:
            call()
        stats = pool.stats()
        assert stats["peak_usage"] <= stats["limit"], (str(excinfo.value), stats)
    ballast.close()
    g.close()


def test_limit_zero():
    pool = gr.MemoryPool(0)
    assert pool.stats()["limit"] == 0  # 0 is a limit, not "no limit"
    g = gr.Graph(pool=pool)
    d = gr.Graph(directed=True, pool=pool)
    refusals = [
        ("add_node", lambda: g.add_node(1)),
        ("add_node", lambda: g.add_node("a", x=1)),
        ("add_edge", lambda: g.add_edge(1, 2)),
        ("add_edge", lambda: d.add_edge("a", "b")),
        ("add_nodes", lambda: g.add_nodes([1, 2, 3])),
        ("add_edges", lambda: d.add_edges([(1, 2)])),
        ("add_edges_from_arrays", lambda: g.add_edges_from_arrays(np.arange(3), np.arange(1, 4))),
    ]
    for operation, call in refusals:
        with pytest.raises(gr.GroggyMemoryError) as excinfo:
            call()
        assert excinfo.value.operation == operation
        assert isinstance(excinfo.value, MemoryError)
    # What needs no memory works: reads, empty batches, copies of the empty graph.
    assert (g.node_count, g.edge_count, list(g.nodes), d.edge_count) == (0, 0, [], 0)
    assert 1 not in g
    g.add_nodes([])
    g.add_edges([])
    g.add_edges_from_arrays(np.array([], dtype=np.int64), np.array([], dtype=np.int64))
    g.set_node_array("x", [])
    g.clear()
    with g.copy() as c:
        assert c.node_count == 0
    with g.subgraph([1, 2]) as s:
        assert s.node_count == 0
    assert g.pagerank() == {}
    with pytest.raises(gr.NodeNotFoundError):
        g.remove_node(1)
    assert pool.stats()["pool_usage"] == 0
    g.close()
    d.close()
    assert pool.stats()["pool_usage"] == 0


def test_the_pool_outlives_its_python_handle():
    pool = gr.MemoryPool(2 * MIB)
    g = gr.Graph(pool=pool)
    g.add_nodes(range(100))
    del pool
    gc.collect()
    # The graph keeps the pool (and its limit) alive.
    with pytest.raises(gr.GroggyMemoryError):
        g.add_node("big", blob=bytes(4 * MIB))
    assert g.node_count == 100
    g.add_node("small", blob=bytes(1000))
    c = g.copy()
    with pytest.raises(gr.GroggyMemoryError):
        c.add_node("big", blob=bytes(4 * MIB))
    c.close()
    g.close()


# ----- graphs without a pool ------------------------------------------------------------------


def test_graphs_without_a_pool_are_unaffected_by_pools():
    full = gr.MemoryPool(0)
    limited = gr.MemoryPool(256 * KIB)
    in_pool = gr.Graph(pool=limited)
    in_pool.add_nodes(range(100))
    figures = (full.stats(), limited.stats())
    with gr.Graph() as free, gr.Graph(directed=True) as free_d:
        # Interleaved with work on pooled graphs, on the same thread.
        for r in range(3):
            free.add_nodes([(f"r{r}-{i}", {"blob": bytes(1000)}) for i in range(500)])
            free_d.add_edges_from_arrays(np.arange(20_000) + r, np.arange(20_000) + r + 1)
            free.set_node_attr(f"r{r}-0", "big", bytes(MIB))
            free.set_node_array("n", np.arange(free.node_count))
            with free.copy() as c, free.subgraph([f"r{r}-{i}" for i in range(100)]) as s:
                assert c.node_count == free.node_count and s.node_count == 100
            in_pool.add_node(f"p{r}")
            figures = (full.stats(), limited.stats())
        assert free.node_count == 1500 and free_d.edge_count == 20_002
        assert free.memory_usage() > 3 * MIB
    assert full.stats() == figures[0]
    assert limited.stats() == figures[1]
    assert limited.stats()["pool_usage"] < 256 * KIB
    in_pool.close()


def test_a_graph_without_a_pool_is_not_limited_while_a_pool_is_full():
    pool = gr.MemoryPool(64 * KIB)
    with gr.Graph(pool=pool) as pooled, gr.Graph() as free:
        with pytest.raises(gr.GroggyMemoryError):
            pooled.add_nodes(range(100_000))
        figures = pool.stats()
        free.add_nodes(range(100_000))
        free.add_node("x", blob=bytes(MIB))
        assert free.node_count == 100_001
        assert pool.stats() == figures


# ----- threads ------------------------------------------------------------------------------


THREADS = 4
OP_BOUND = 32 * KIB  # no single operation below may need more (checked on each refusal)


def test_threads_share_a_limited_pool():
    limit = 3 * MIB
    pool = gr.MemoryPool(limit)
    shared = gr.Graph(pool=pool)
    graphs: list = [shared]
    lock = threading.Lock()
    errors: list = []
    bounds: list = []
    samples: list = []
    stop = threading.Event()
    barrier = threading.Barrier(THREADS + 1)

    def worker(t):
        try:
            barrier.wait()
            g = gr.Graph(pool=pool)
            with lock:
                graphs.append(g)
            refused = 0
            i = 0
            while refused < 25 and i < 20_000:
                i += 1
                if i % 100 == 0:  # graphs stay small, so that every operation is small
                    g = gr.Graph(pool=pool)
                    with lock:
                        graphs.append(g)
                try:
                    if i % 7 == 0:
                        g.add_edges([(f"t{t}-{i}-{j}", f"t{t}-{i}-{j + 1}") for j in range(10)])
                    elif i % 11 == 0 and shared.node_count < 90:
                        shared.add_node(f"t{t}-{i}", v=i)
                    else:
                        g.add_edge(f"t{t}-{i}", f"t{t}-{i + 1}", w=1.0)
                except gr.GroggyMemoryError as err:
                    refused += 1
                    bounds.append(needed_bytes(err))
        except BaseException as err:
            errors.append(err)

    def monitor():
        barrier.wait()
        while not stop.is_set():
            samples.append(pool.stats())

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    watcher = threading.Thread(target=monitor)
    watcher.start()
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    stop.set()
    watcher.join(10)
    assert errors == []
    assert bounds, "the pool never filled up"
    assert max(bounds) <= OP_BOUND
    slack = THREADS * OP_BOUND
    assert samples
    assert max(s["pool_usage"] for s in samples) <= limit + slack
    final = pool.stats()
    assert final["pool_usage"] <= limit + slack, final
    assert final["peak_usage"] <= limit + slack, final
    assert final["pool_usage"] >= limit - slack  # it did fill up
    assert final["peak_usage"] >= final["pool_usage"]
    # Every graph is intact and usable.
    for g in graphs:
        nodes = list(g.nodes)
        assert len(nodes) == g.node_count == len(set(nodes))
    for g in graphs:
        g.close()
    assert pool.stats()["pool_usage"] <= 4 * KIB


def test_stats_read_while_threads_allocate_are_consistent():
    # One stats() call is one reading: its peak is never below its usage. (A race: this
    # samples for up to about 3 s and stops at the first inconsistent reading.)
    deadline = time.monotonic() + 3.0
    torn: list = []
    readings = 0
    while not torn and time.monotonic() < deadline:
        pool = gr.MemoryPool()
        graphs = [gr.Graph(pool=pool) for _ in range(3)]

        def grow(g):
            for i in range(5000):
                g.add_node(f"k{i}", s="x" * 100)  # every add takes the pool to a new peak

        threads = [threading.Thread(target=grow, args=(g,)) for g in graphs]
        for th in threads:
            th.start()
        while any(th.is_alive() for th in threads):
            stats = pool.stats()
            readings += 1
            if stats["peak_usage"] < stats["pool_usage"]:
                torn.append(stats)
        for th in threads:
            th.join()
        for g in graphs:
            g.close()
    assert not torn, f"after {readings} readings: peak_usage < pool_usage in {torn[0]}"


def test_threads_share_an_unlimited_pool_exactly():
    def build(t, g):
        for i in range(400):
            g.add_node(f"t{t}-{i}", v=i, s="x" * (i % 17))
            if i:
                g.add_edge(f"t{t}-{i - 1}", f"t{t}-{i}", w=float(i))

    sequential = gr.MemoryPool()
    graphs = [gr.Graph(pool=sequential) for _ in range(THREADS)]
    for t, g in enumerate(graphs):
        build(t, g)
    expected = usage(sequential)
    for g in graphs:
        g.close()

    pool = gr.MemoryPool()
    graphs = [gr.Graph(pool=pool) for _ in range(THREADS)]
    errors: list = []
    barrier = threading.Barrier(THREADS)

    def worker(t):
        try:
            barrier.wait()
            build(t, graphs[t])
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert errors == []
    assert usage(pool) == expected
    for g in graphs:
        g.close()
    assert usage(pool) == 0


# ----- gr.memory_stats() ---------------------------------------------------------------------


def test_memory_stats_keys_and_monotonic_total():
    pool = gr.MemoryPool()
    last = gr.memory_stats()
    assert set(last) == {"total_allocated", "current", "peak_usage"}
    graphs = []
    for r in range(10):
        g = gr.Graph(pool=pool if r % 2 else None)
        g.add_nodes([(i, {"s": "x" * 20}) for i in range(r * 200)])
        graphs.append(g)
        if r % 3 == 0:
            graphs.pop(0).close()
        now = gr.memory_stats()
        assert all(type(v) is int for v in now.values())
        assert now["total_allocated"] >= last["total_allocated"]
        assert now["peak_usage"] >= last["peak_usage"]
        assert now["current"] <= now["peak_usage"] <= now["total_allocated"]
        assert now["current"] >= usage(pool)
        last = now
    for g in graphs:
        g.close()
    assert gr.memory_stats()["total_allocated"] >= last["total_allocated"]
