"""Runs one benchmarked operation of one library on one graph, in a fresh process so that
its memory figures are its own, and prints one JSON line:
``{"seconds", "held_bytes", "peak_bytes", "edges_in"}``. Memory is RSS growth over the
process after the input arrays were loaded: ``held`` after the operation, ``peak`` at most
(both of the first run). Operations that can run again on the same state (algorithms)
are timed best of ``op.repeats`` runs (one run when the first takes over
``SINGLE_RUN_ABOVE`` seconds).

    python bench/worker.py OPERATION LIBRARY GRAPH

GRAPH is ``-`` for operations without an input graph (the generators).
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time

import numpy as np
import psutil

from analyses import ANALYSES, GENERATORS
from graphs import edges, node_id_bound
from interchange import INTERCHANGE
from libraries import OPERATIONS
from nx_backend import BACKEND

#: Seconds above which the first run is the measurement (not repeated).
SINGLE_RUN_ABOVE = 5.0
#: A repeated operation whose first run is quicker than this (seconds) is run until its
#: runs add up to about SHORT_RUNS_TOTAL seconds, at most MOST_RUNS times: one page fault
#: or scheduler tick is a large share of a sub-millisecond run, so best of three is noise.
SHORT_RUN_BELOW = 0.01
SHORT_RUNS_TOTAL = 0.2
MOST_RUNS = 100


def runs_for(op, first_seconds: float) -> int:
    """How many times to run ``op`` in all, given how long its first run took."""
    if op.repeats <= 1 or first_seconds >= SINGLE_RUN_ABOVE:
        return 1
    if first_seconds >= SHORT_RUN_BELOW:
        return op.repeats
    return max(op.repeats, min(MOST_RUNS, int(SHORT_RUNS_TOTAL / max(first_seconds, 1e-6))))


def find_op(operation: str, library: str, graph: str):
    if operation in ANALYSES:
        return ANALYSES[operation](graph)[library]
    if operation in GENERATORS:
        return GENERATORS[operation][library]
    if operation in BACKEND:
        return BACKEND[operation][library]
    if operation in INTERCHANGE:
        return INTERCHANGE[operation][library]
    return OPERATIONS[operation][library]


def main() -> None:
    operation, library, graph = sys.argv[1:4]
    if graph == "-":
        sources = targets = np.zeros(0, dtype=np.int64)
    else:
        sources, targets = edges(graph)
    n = node_id_bound(sources, targets)
    op = find_op(operation, library, graph)
    state = op.setup(sources, targets, n)
    gc.collect()
    process = psutil.Process()
    before = process.memory_info().rss
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start = time.perf_counter()
    result = op.run(state)
    seconds = time.perf_counter() - start
    held = process.memory_info().rss - before
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    # Memory is the first run's; time is the best run's. A long run is not one scheduler
    # hiccup: it is not repeated (a peer's exact betweenness can take minutes).
    for _ in range(runs_for(op, seconds) - 1):
        del result
        start = time.perf_counter()
        result = op.run(state)
        seconds = min(seconds, time.perf_counter() - start)
    # The peak is over the whole process; count only what rose above the baseline.
    peak_growth = max(peak - max(before, peak_before), held) if peak > before else held
    record = {
        "seconds": seconds,
        "held_bytes": held,
        "peak_bytes": peak_growth,
        "edges_in": len(sources),
    }
    if getattr(op, "iterations", None) is not None:
        record["iterations"] = int(op.iterations(state, result))
    print(json.dumps(record))
    del result, state


if __name__ == "__main__":
    main()
