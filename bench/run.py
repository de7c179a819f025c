"""``make bench``: groggy against igraph, rustworkx, networkit and networkx in one run.

For every graph and operation, each library runs in its own process (so memory figures are
its own) on the same numpy edge arrays. Prints a table of seconds, ratio to groggy and
memory, plus the per-call costs of single operations from Python, then writes
``bench/results/bench.json`` and a plot of the ratios, ``bench/results/bench.png``.

    python bench/run.py                     # R-MAT scales 16, 18, 20 and the datasets
    python bench/run.py --scales 16 --no-datasets
    python bench/run.py --suite analyses    # centralities, communities, ... (bench/analyses.py)
    python bench/run.py --suite nx-backend  # networkx calls answered by groggy (nx_backend.py)
    python bench/run.py --suite interchange # CSV, GraphML and Arrow (interchange.py)
    python bench/targets.py                 # the analyses' targets, from the last run
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

from analyses import ANALYSES, GENERATORS, GRAPHS, THREAD_SCALED
from graphs import available_datasets, edge_list_file, edges
from interchange import GRAPH_OF as INTERCHANGE_GRAPHS
from interchange import INTERCHANGE
from interchange import target_lines as interchange_target_lines
from libraries import OPERATIONS, PEERS
from nx_backend import BACKEND
from nx_backend import GRAPH as BACKEND_GRAPH
from nx_backend import target_lines as backend_target_lines
from targets import lines as target_lines

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
#: Datasets large enough to be worth timing.
LARGE_DATASETS = ("soc-Slashdot0902", "uk-2007-05-100000", "cnr-2000")


@functools.cache
def installed(library: str) -> bool:
    module = library.split()[0]
    code = f"import {module}"
    return subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


FILE_OPERATIONS = ("read edge list", "save native", "load native")


def run_worker(operation: str, library: str, graph: str, timeout: float, threads: int) -> dict:
    cmd = [sys.executable, str(HERE / "worker.py"), operation, library, graph]
    # Algorithms run single-threaded (every library), unless a thread count is asked for.
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    if operation in FILE_OPERATIONS:
        env["GROGGY_BENCH_TEXT"] = str(edge_list_file(graph))
    try:
        out = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, check=True, env=env
        )
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s"}
    except subprocess.CalledProcessError as err:
        last = (err.stderr.strip().splitlines() or ["failed"])[-1]
        return {"error": last[:80]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def fmt_bytes_per_edge(result: dict, key: str) -> str:
    if "error" in result:
        return "-"
    return f"{result[key] / max(result['edges_in'], 1):6.1f}"


def fmt_iterations(result: dict) -> str:
    """The iterations an iterative algorithm made, and the time per iteration."""
    if "iterations" not in result:
        return ""
    k = result["iterations"]
    return f"  {k} iterations, {result['seconds'] / k * 1e3:.1f} ms each"


def print_table(graph: str, operation: str, results: dict) -> None:
    base = results.get("groggy", {}).get("seconds")
    print(f"\n{operation} on {graph}")
    print(
        f"  {'library':<34}{'seconds':>10}{'vs groggy':>11}{'held B/edge':>13}{'peak B/edge':>13}"
    )
    for library, r in results.items():
        if "error" in r:
            print(f"  {library:<34}{'':>10}{'':>11}  ({r['error']})")
            continue
        ratio = f"{r['seconds'] / base:9.2f}x" if base else "-"
        print(
            f"  {library:<34}{r['seconds']:>10.3f}{ratio:>11}"
            f"{fmt_bytes_per_edge(r, 'held_bytes'):>13}{fmt_bytes_per_edge(r, 'peak_bytes'):>13}"
            f"{fmt_iterations(r)}"
        )
    peers = {k: v for k, v in results.items() if k.split()[0] in PEERS and "error" not in v}
    if base and peers:
        fastest = min(peers, key=lambda k: peers[k]["seconds"])
        leanest = min(peers, key=lambda k: peers[k]["held_bytes"])
        g = results["groggy"]
        print(
            f"  groggy is {peers[fastest]['seconds'] / base:.1f}x faster than the fastest peer "
            f"({fastest}); holds {g['held_bytes'] / g['edges_in']:.1f} B/edge vs "
            f"{peers[leanest]['held_bytes'] / peers[leanest]['edges_in']:.1f} for the leanest "
            f"({leanest}); peak/held {g['peak_bytes'] / max(g['held_bytes'], 1):.2f}"
        )


def print_times(title: str, results: dict) -> None:
    """Seconds and ratios only (the analyses suite): memory is the main suite's subject."""
    mine = next((k for k in results if k.split()[0] == "groggy"), "groggy")
    base = results.get(mine, {}).get("seconds")
    print(f"\n{title}")
    print(f"  {'library':<45}{'seconds':>10}{'vs groggy':>11}")
    for library, r in results.items():
        if "error" in r:
            print(f"  {library:<45}{'':>10}{'':>11}  ({r['error']})")
            continue
        ratio = f"{r['seconds'] / base:9.2f}x" if base else "-"
        seconds = f"{r['seconds']:10.3f}" if r["seconds"] >= 0.01 else f"{r['seconds']:10.2e}"
        print(f"  {library:<45}{seconds}{ratio:>11}")
    peers = {k: v for k, v in results.items() if k.split()[0] in PEERS and "seconds" in v}
    if base and peers:
        fastest = min(peers, key=lambda k: peers[k]["seconds"])
        print(f"  fastest peer {fastest}: groggy {peers[fastest]['seconds'] / base:.2f}x faster")
    two = results.get("groggy (2 threads)", {}).get("seconds")
    if base and two:
        print(f"  groggy on 2 threads: {base / two:.2f}x its one-thread speed")


def earlier_analyses() -> dict:
    """The last analyses report written, for the libraries a run leaves out."""
    path = RESULTS / "analyses.json"
    return json.loads(path.read_text())["analyses"] if path.exists() else {}


def analyses_suite(args) -> dict:
    """Every analysis on its graphs, every library on one thread (groggy also on two where
    the issue sets a parallel target), then the generators. With ``--libraries``, the
    others' results are those of the last report (to measure again after a change)."""
    earlier = earlier_analyses() if args.libraries else {}
    report: dict = dict(earlier)  # what this run measures again replaces its entry

    def run(operation: str, library: str, graph: str, threads: int, key: str) -> dict:
        if args.libraries and library.split()[0] not in args.libraries:
            return earlier.get(key, {}).get(library, {"error": "not measured"})
        return run_worker(operation, library.split(" (2 threads)")[0], graph, args.timeout, threads)

    available = set(available_datasets())
    for operation, entries in ANALYSES.items():
        if args.operations and operation not in args.operations:
            continue
        for graph in GRAPHS[operation]:
            if not graph.startswith("rmat-") and graph not in available:
                continue
            sources, _ = edges(graph)
            key = f"{operation} {graph}"
            results = {}
            for library in entries(graph):
                if not installed(library):
                    continue
                if library.startswith("networkx") and len(sources) > args.networkx_analyses_max:
                    results[library] = {"error": f"skipped above {args.networkx_analyses_max}"}
                    continue
                results[library] = run(operation, library, graph, 1, key)
            if operation in THREAD_SCALED:
                results["groggy (2 threads)"] = run(operation, "groggy (2 threads)", graph, 2, key)
            print_times(f"{operation} on {graph}", results)
            report[key] = results
    for operation, entries in GENERATORS.items():
        if args.operations and operation not in args.operations:
            continue
        results = {
            library: run(operation, library, "-", 1, operation)
            for library in entries
            if installed(library)
        }
        print_times(operation, results)
        report[operation] = results
    return report


def nx_backend_suite(args) -> dict:
    """networkx's calls on a networkx DiGraph, by networkx and by groggy as its backend,
    one thread, each library in its own process."""
    if BACKEND_GRAPH not in available_datasets():
        raise SystemExit(f"the nx-backend suite needs the dataset {BACKEND_GRAPH}")
    edges(BACKEND_GRAPH)  # read (and cache) once, before the timed processes
    report = {}
    for operation, libraries in BACKEND.items():
        results = {
            library: run_worker(operation, library, BACKEND_GRAPH, args.timeout, 1)
            for library in libraries
        }
        print_times(f"{operation} on {BACKEND_GRAPH} (a networkx DiGraph)", results)
        report[operation] = results
    return report


def interchange_suite(args) -> dict:
    """Reading tables and markup files, and handing a column to Arrow: groggy against the
    usual Python ways, one thread, each in its own process."""
    report = {}
    for operation, libraries in INTERCHANGE.items():
        graph = INTERCHANGE_GRAPHS[operation]
        if graph != "-" and graph not in available_datasets():
            print(f"{operation}: the dataset {graph} is not there, left out")
            continue
        if graph != "-":
            edges(graph)  # read (and cache) once, before the timed processes
        results = {
            library: run_worker(operation, library, graph, args.timeout, 1) for library in libraries
        }
        print_times(f"{operation} ({graph if graph != '-' else 'no graph'})", results)
        report[operation] = results
    return report


def plot(all_results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    groups = []
    for key, results in all_results["operations"].items():
        base = results.get("groggy", {}).get("seconds")
        if base:
            groups.append(
                (key, {k: v["seconds"] / base for k, v in results.items() if "seconds" in v})
            )
    for op, per_lib in all_results.get("per_call_ns", {}).get("ratios", {}).items():
        groups.append((f"per call: {op}", per_lib))
    libraries = sorted({lib for _, r in groups for lib in r})
    fig, ax = plt.subplots(figsize=(max(8, 1.6 * len(groups)), 5))
    width = 0.8 / max(len(libraries), 1)
    for j, lib in enumerate(libraries):
        xs = [i + j * width for i, (_, r) in enumerate(groups) if lib in r]
        ys = [r[lib] for _, r in groups if lib in r]
        ax.bar(xs, ys, width, label=lib)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_yscale("log")
    ax.set_ylabel("time relative to groggy (higher = groggy faster)")
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(groups))])
    ax.set_xticklabels([g for g, _ in groups], rotation=30, ha="right", fontsize=8)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="*", default=[16, 18, 20])
    parser.add_argument("--no-datasets", action="store_true")
    parser.add_argument(
        "--networkx-max-edges", type=int, default=5_000_000, help="skip networkx above this"
    )
    parser.add_argument(
        "--networkx-read-max-edges",
        type=int,
        default=20_000_000,
        help="skip networkx's read_edgelist above this",
    )
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--calls", type=int, default=200_000, help="per-call measurements")
    parser.add_argument("--operations", nargs="*", help="only these operations")
    parser.add_argument("--filter-nodes", type=int, default=1_000_000)
    parser.add_argument(
        "--suite", choices=("main", "analyses", "nx-backend", "interchange"), default="main"
    )
    parser.add_argument(
        "--libraries",
        nargs="*",
        help="analyses suite: measure only these (the rest from the last report)",
    )
    parser.add_argument(
        "--networkx-analyses-max",
        type=int,
        default=250_000,
        help="analyses suite: skip networkx above this many edges",
    )
    args = parser.parse_args()

    if args.suite != "main":
        key, suite, targets = {
            "nx-backend": ("nx_backend", nx_backend_suite, backend_target_lines),
            "interchange": ("interchange", interchange_suite, interchange_target_lines),
            "analyses": ("analyses", analyses_suite, target_lines),
        }[args.suite]
        report = {key: suite(args)}
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"{key}.json").write_text(json.dumps(report, indent=2))
        print("\ntargets\n" + "\n".join(targets(report[key])))
        print(f"\nwritten: {RESULTS / f'{key}.json'}")
        return

    graphs = [f"rmat-{s}" for s in args.scales]
    if not args.no_datasets:
        graphs += [d for d in LARGE_DATASETS if d in available_datasets()]
    chosen = {
        op: libs for op, libs in OPERATIONS.items() if not args.operations or op in args.operations
    }
    libraries = {op: [lib for lib in libs if installed(lib)] for op, libs in chosen.items()}
    missing = sorted(
        {lib for libs in chosen.values() for lib in libs}
        - {lib for libs in libraries.values() for lib in libs}
    )
    if missing:
        print(f"not installed, left out: {', '.join(missing)}")

    report = {
        "meta": {"python": platform.python_version(), "machine": platform.machine()},
        "operations": {},
    }
    for graph in graphs:
        sources, _ = edges(graph)  # generate (or read) once, before the timed processes
        for operation, libs in libraries.items():
            results = {}
            for library in libs:
                limit = (
                    args.networkx_read_max_edges
                    if operation == "read edge list"
                    else args.networkx_max_edges
                )
                if library == "networkx" and len(sources) > limit:
                    results[library] = {"error": f"skipped above {args.networkx_max_edges} edges"}
                    continue
                threads = os.cpu_count() if operation in ("build", *FILE_OPERATIONS) else 1
                results[library] = run_worker(operation, library, graph, args.timeout, threads)
            if operation == "pagerank":
                two = run_worker(operation, "groggy", graph, args.timeout, 2)
                results["groggy (2 threads)"] = two
            print_table(graph, operation, results)
            report["operations"][f"{operation} {graph}"] = results

    from filters import measure as measure_filters
    from filters import print_filters
    from percall import measure_all, print_percall

    per_call = measure_all(args.calls)
    print_percall(per_call, args.calls)
    report["per_call_ns"] = per_call
    report["filters"] = measure_filters(args.filter_nodes)
    print_filters(report["filters"])

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "bench.json").write_text(json.dumps(report, indent=2))
    plot(report, RESULTS / "bench.png")
    print(f"\nwritten: {RESULTS / 'bench.json'}, {RESULTS / 'bench.png'}")


if __name__ == "__main__":
    main()
