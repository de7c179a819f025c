"""`make bench-scale`: R-MAT graphs of scales 22, 23 and 24 (67M, 134M and 268M input
edges) loaded from numpy, then PageRank, BFS and weak components, by groggy and by each
peer that fits in this machine's memory; time and peak memory per input edge.

Each library runs each scale in its own process, one thread. A library is not started
on a scale its peak at the previous scale, grown in proportion, would not fit in (the
table says how much it would need), and a process whose memory passes
`MEMORY_SHARE` of the machine's is stopped. Not part of `make test`: the largest scale
takes many minutes and most of the machine's memory.

    python scale.py [--scales 22 23 24] [--libraries groggy igraph ...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psutil

from graphs import CACHE
from libraries import (
    build_groggy,
    build_igraph,
    build_networkit,
    build_rustworkx,
    groggy_pagerank,
    networkit_pagerank,
    scipy_components,
    scipy_matrix,
    scipy_pagerank,
)
from rmat import rmat_edges

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
LIBRARIES = ("groggy", "igraph", "networkit", "rustworkx", "scipy")
#: A process past this share of the machine's memory is stopped (the rest is the
#: system's and the parent's).
MEMORY_SHARE = 0.92


def edges_file(scale: int) -> Path:
    return CACHE / f"rmat-{scale}.npy"


def ensure_edges(scale: int) -> None:
    """Generates the scale's edges once, as one (2, m) int64 array on disk."""
    path = edges_file(scale)
    if path.exists():
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    sources, targets = rmat_edges(scale)
    partial = path.with_suffix(".partial.npy")
    np.save(partial, np.stack([sources, targets]))
    partial.rename(path)


# ----- one library on one scale, in a child process ------------------------------------------


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def run_groggy(s, t, n):
    g, build = timed(lambda: build_groggy(s, t, n))
    _, pagerank = timed(lambda: groggy_pagerank(g))
    _, bfs = timed(lambda: g.bfs(int(s[0])))
    _, components = timed(g.component_labels)
    return g, {"build": build, "pagerank": pagerank, "bfs": bfs, "components": components}


def run_igraph(s, t, n):
    g, build = timed(lambda: build_igraph(s, t, n))
    _, pagerank = timed(g.pagerank)  # PRPACK: a direct solve
    _, bfs = timed(lambda: g.bfs(int(s[0])))
    _, components = timed(lambda: g.connected_components(mode="weak").membership)
    return g, {"build": build, "pagerank": pagerank, "bfs": bfs, "components": components}


def run_networkit(s, t, n):
    import networkit as nk

    g, build = timed(lambda: build_networkit(s, t, n))
    _, pagerank = timed(lambda: networkit_pagerank((g,)))
    _, bfs = timed(lambda: nk.distance.BFS(g, int(s[0]), False).run())
    _, components = timed(
        lambda: nk.components.WeaklyConnectedComponents(g).run().getPartition().getVector()
    )
    return g, {"build": build, "pagerank": pagerank, "bfs": bfs, "components": components}


def run_rustworkx(s, t, n):
    import rustworkx as rx

    # Keeping duplicates: rustworkx's own folding of them takes minutes from scale 20 on.
    g, build = timed(lambda: build_rustworkx(s, t, n, multigraph=True))
    _, pagerank = timed(lambda: rx.pagerank(g, tol=1e-6 / n, max_iter=1000))
    _, bfs = timed(lambda: rx.bfs_successors(g, int(s[0])))
    _, components = timed(lambda: rx.weakly_connected_components(g))
    return g, {"build": build, "pagerank": pagerank, "bfs": bfs, "components": components}


def run_scipy(s, t, n):
    import scipy.sparse.csgraph as csgraph

    a, build = timed(lambda: scipy_matrix(s, t, n))
    _, pagerank = timed(lambda: scipy_pagerank(a))
    _, bfs = timed(lambda: csgraph.breadth_first_order(a, int(s[0]), return_predecessors=False))
    _, components = timed(lambda: scipy_components(a))
    return a, {"build": build, "pagerank": pagerank, "bfs": bfs, "components": components}


def child(library: str, scale: int) -> None:
    both = np.load(edges_file(scale))
    s, t = both[0], both[1]
    n = 1 << scale
    # The library is imported before the baseline: its code is not the graph's memory.
    __import__({"scipy": "scipy.sparse.csgraph"}.get(library, library))
    before = psutil.Process().memory_info().rss
    graph, seconds = globals()[f"run_{library}"](s, t, n)
    held = psutil.Process().memory_info().rss - before
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    del graph
    print(json.dumps({"seconds": seconds, "held": held, "peak": peak, "edges": len(s)}))


# ----- the parent: every library on every scale, watched -------------------------------------


def watched(library: str, scale: int, limit: int, timeout: float) -> dict:
    """Runs `child` for one library and scale; stops it past `limit` bytes of memory."""
    env = dict(os.environ, RAYON_NUM_THREADS="1", OMP_NUM_THREADS="1")
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", library, str(scale)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=HERE,
    )
    watch = psutil.Process(process.pid)
    start = time.monotonic()
    stopped = None
    while process.poll() is None:
        try:
            rss = watch.memory_info().rss
        except psutil.NoSuchProcess:
            break
        if rss > limit:
            stopped = f"stopped past {limit / 2**30:.1f} GiB of memory"
        elif time.monotonic() - start > timeout:
            stopped = f"stopped after {timeout:.0f} s"
        if stopped:
            process.kill()
            break
        time.sleep(0.2)
    out, err = process.communicate()
    if stopped:
        return {"error": stopped}
    if process.returncode != 0:
        return {"error": (err.strip().splitlines() or ["failed"])[-1][:120]}
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="*", default=[22, 23, 24])
    parser.add_argument("--libraries", nargs="*", default=list(LIBRARIES))
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return

    limit = int(psutil.virtual_memory().total * MEMORY_SHARE)
    report: dict = {}
    last_peak: dict[str, float | None] = {}  # peak bytes per edge at the previous scale
    for scale in args.scales:
        ensure_edges(scale)
        m = 16 << scale
        print(f"\nR-MAT scale {scale}: {m:,} input edges, {1 << scale:,} node ids")
        print(
            f"  {'library':<12}{'build':>9}{'pagerank':>10}{'bfs':>9}{'components':>12}"
            f"{'held B/edge':>13}{'peak B/edge':>13}"
        )
        for library in args.libraries:
            # The edges themselves (16 B/edge) are in the process too.
            need = m * ((last_peak.get(library) or 0.0) + 16)
            if last_peak.get(library) is None and library in last_peak:
                result = {"error": "not started: it failed on a smaller scale"}
            elif need > limit:
                result = {"error": f"not started: would need about {need / 2**30:.0f} GiB"}
            else:
                result = watched(library, scale, limit, args.timeout)
            report.setdefault(str(scale), {})[library] = result
            if "error" in result:
                print(f"  {library:<12}  {result['error']}")
                if not result["error"].startswith("not started"):
                    last_peak[library] = None  # failed or stopped: not tried larger
                continue
            sec = result["seconds"]
            per_edge = result["peak"] / result["edges"]
            last_peak[library] = per_edge
            print(
                f"  {library:<12}{sec['build']:>9.2f}{sec['pagerank']:>10.2f}{sec['bfs']:>9.2f}"
                f"{sec['components']:>12.2f}{result['held'] / result['edges']:>13.1f}"
                f"{per_edge:>13.1f}"
            )
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "scale.json").write_text(json.dumps(report, indent=2))
    print(f"\nwritten: {RESULTS / 'scale.json'}")


if __name__ == "__main__":
    main()
