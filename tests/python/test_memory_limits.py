"""Memory limits hold: a graph in a ``MemoryPool(limit)`` never ends an accepted operation
with the pool over its limit (an operation that might take it over raises
``GroggyMemoryError`` and changes nothing), however small the limit; and running out of
address space in a large batch raises ``GroggyMemoryError`` (a ``MemoryError``) with the
graph unchanged, rather than aborting the process.

Covered: ``MemoryPool(300)`` and one ``add_node``; a random campaign of a few thousand
calls of every mutating operation (single and batch adds, attributes of every kind, whole
columns, removals, clear, copy, subgraph) on graphs in pools of random limits; a batch of
20 million edges (with a weight column) in a child process whose address space is limited
(``RLIMIT_AS``) to 250 MiB more than it uses: the batch needs several buffers of 160 MB.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import groggy as gr


def usage(pool: gr.MemoryPool) -> int:
    return pool.stats()["pool_usage"]


def test_a_300_byte_pool_holds_its_limit():
    for key in (1, "a", "a-longer-key"):
        pool = gr.MemoryPool(300)
        g = gr.Graph(pool=pool)
        try:
            g.add_node(key)
        except gr.GroggyMemoryError:
            assert g.node_count == 0
        assert usage(pool) <= 300, (key, pool.stats())
        g.close()


def random_value(rng: random.Random):
    return rng.choice(
        [
            None,
            True,
            rng.randrange(-(2**40), 2**40),
            rng.random(),
            "s" * rng.randrange(0, 60),
            bytes(rng.randrange(0, 40)),
        ]
    )


def random_key(rng: random.Random):
    if rng.random() < 0.7:
        return rng.randrange(0, 50)
    return rng.choice([-3, 10**6, "k" * rng.randrange(0, 20), f"n{rng.randrange(30)}"])


def random_call(rng: random.Random, g: gr.Graph, kept: list) -> None:
    name = rng.choice(["a", "w", "label", "x" * 30])
    op = rng.randrange(14)
    if op == 0:
        g.add_node(random_key(rng), **{name: random_value(rng)})
    elif op == 1:
        g.add_nodes(
            [(random_key(rng), {name: random_value(rng)}) for _ in range(rng.randrange(20))]
        )
    elif op == 2:
        g.add_edge(random_key(rng), random_key(rng), **{name: random_value(rng)})
    elif op == 3:
        g.add_edges(
            [(random_key(rng), random_key(rng), {name: random_value(rng)}) for _ in range(20)]
        )
    elif op == 4:
        n = rng.randrange(200)
        src = np.array([rng.randrange(60) for _ in range(n)], dtype=np.int64)
        dst = np.array([rng.randrange(60) for _ in range(n)], dtype=np.int64)
        columns = {name: np.arange(n, dtype=np.float64)} if rng.random() < 0.5 else {}
        g.add_edges_from_arrays(src, dst, **columns)
    elif op == 5 and g.node_count:
        g.set_node_attr(rng.choice(list(g.nodes())), name, random_value(rng))
    elif op == 6 and g.edge_count:
        u, v = rng.choice(list(g.edges()))
        g.set_edge_attr(u, v, name, random_value(rng))
    elif op == 7:
        value = random_value(rng)
        g.set_node_array(name, [value] * g.node_count)
    elif op == 8:
        g.set_edge_array(name, [random_value(rng) for _ in range(g.edge_count)])
    elif op == 9 and g.node_count:
        g.remove_node(rng.choice(list(g.nodes())))
    elif op == 10 and g.edge_count:
        g.remove_edge(*rng.choice(list(g.edges())))
    elif op == 11 and rng.random() < 0.2:
        g.clear()
    elif op == 12:
        kept.append(g.copy())
    elif op == 13:
        kept.append(g.subgraph([random_key(rng) for _ in range(20)]))


def test_a_random_campaign_never_ends_over_the_limit():
    rng = random.Random(20261203)
    calls = accepted = refused = 0
    while calls < 4000:
        limit = rng.choice([300, 2_000, 20_000, 200_000])
        pool = gr.MemoryPool(limit)
        g = gr.Graph(directed=rng.random() < 0.5, pool=pool)
        kept: list = []
        for _ in range(60):
            calls += 1
            try:
                random_call(rng, g, kept)
            except gr.GroggyMemoryError:
                refused += 1
                continue
            accepted += 1
            assert usage(pool) <= limit, (calls, pool.stats())
        for graph in [g, *kept]:
            graph.close()
        assert usage(pool) == 0
    assert accepted > 1000 and refused > 100, (accepted, refused)


CHILD = """
import os, resource, sys
import numpy as np
import groggy as gr

def vm_size():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024

n = int(sys.argv[1])
rng = np.random.default_rng(5)
src = rng.integers(0, 1 << 20, n, dtype=np.int64)
dst = rng.integers(0, 1 << 20, n, dtype=np.int64)
w = gr.GraphArray.from_numpy(np.ones(n))  # the caller's data, made before the limit
g = gr.Graph()
# Start the worker threads (their stacks and allocator arenas take address space) and
# fill the graph a little before measuring.
g.add_edges_from_arrays(src[:100_000], dst[:100_000])
before = (g.node_count, g.edge_count)
soft, hard = resource.getrlimit(resource.RLIMIT_AS)
limit = vm_size() + int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
try:
    g.add_edges_from_arrays(src, dst, w=w)
    print("added")
except gr.GroggyMemoryError as e:
    print("GroggyMemoryError", e)
resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
assert (g.node_count, g.edge_count) == before, ((g.node_count, g.edge_count), before)
g.add_edge(-1, -2)
assert g.edge_count == before[1] + 1 and g.has_edge(-2, -1)
assert len(g.connected_components()) >= 1
print("usable")
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
@pytest.mark.address_space_limit
def test_running_out_of_address_space_in_a_batch_raises():
    env = dict(os.environ)
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHILD), str(20_000_000), str(250 << 20)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, (child.returncode, child.stdout, child.stderr[-3000:])
    lines = child.stdout.splitlines()
    assert lines[0].startswith("GroggyMemoryError add_edges_from_arrays: out of memory"), lines
    assert lines[-1] == "usable"
