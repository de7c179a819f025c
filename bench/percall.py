"""Per-call cost from Python: groggy against networkx (and rustworkx when installed), in one
run, on the same keys. Prints a table of nanoseconds per call and the ratio to groggy, and
writes bench/results/percall.json.

    python bench/percall.py [--n 200000]
"""

from __future__ import annotations

import argparse
import json
import platform
import timeit
from pathlib import Path

import groggy as gr

RESULTS = Path(__file__).resolve().parent / "results"


def per_call_ns(fn, calls: int, repeat: int = 5) -> float:
    """Best of `repeat` runs of `fn` (which makes `calls` calls), in ns per call."""
    return min(timeit.repeat(fn, number=1, repeat=repeat)) / calls * 1e9


def groggy_cases(n: int):
    keys = list(range(n))

    def add_node():
        g = gr.Graph()
        add = g.add_node
        for k in keys:
            add(k)

    g = gr.Graph()
    g.add_nodes((k, {"x": k}) for k in keys)

    def has_node():
        has = g.has_node
        for k in keys:
            has(k)

    def get_node_attr():
        get = g.get_node_attr
        for k in keys:
            get(k, "x")

    profiled = gr.Graph(profiling=True)
    profiled.add_nodes(keys)

    def has_node_profiled():
        has = profiled.has_node
        for k in keys:
            has(k)

    return {
        "add_node": add_node,
        "has_node": has_node,
        "get_node_attr": get_node_attr,
        "has_node (profiling on)": has_node_profiled,
    }


def networkx_cases(n: int):
    import networkx as nx

    keys = list(range(n))

    def add_node():
        g = nx.Graph()
        add = g.add_node
        for k in keys:
            add(k)

    g = nx.Graph()
    g.add_nodes_from((k, {"x": k}) for k in keys)

    def has_node():
        has = g.has_node
        for k in keys:
            has(k)

    def get_node_attr():
        nodes = g.nodes
        for k in keys:
            nodes[k]["x"]

    return {"add_node": add_node, "has_node": has_node, "get_node_attr": get_node_attr}


def rustworkx_cases(n: int):
    import rustworkx as rx

    keys = list(range(n))

    def add_node():
        g = rx.PyGraph()
        add = g.add_node
        for k in keys:
            add(k)

    g = rx.PyGraph()
    g.add_nodes_from([{"x": k} for k in keys])

    def has_node():
        has = g.has_node
        for k in keys:
            has(k)

    def get_node_attr():
        for k in keys:
            g[k]["x"]

    return {"add_node": add_node, "has_node": has_node, "get_node_attr": get_node_attr}


def measure_all(calls: int) -> dict:
    """ns per call for every library installed, and each one's ratio to groggy."""
    cases = {"groggy": groggy_cases, "networkx": networkx_cases, "rustworkx": rustworkx_cases}
    results: dict = {}
    for name, make in cases.items():
        try:
            fns = make(calls)
        except ImportError:
            continue
        results[name] = {op: per_call_ns(fn, calls) for op, fn in fns.items()}
    ratios = {
        op: {lib: results[lib][op] / results["groggy"][op] for lib in results if op in results[lib]}
        for op in results["groggy"]
    }
    return {"ns": results, "ratios": ratios}


def print_percall(per_call: dict, calls: int) -> None:
    results = per_call["ns"]
    print(f"\nPer-call cost from Python in ns (best of 5, {calls} calls); ratio = lib / groggy")
    print(f"{'operation':<24}" + "".join(f"{lib:>22}" for lib in results))
    for op in results["groggy"]:
        base = results["groggy"][op]
        cells = "".join(
            f"{results[lib][op]:>12.0f} ({results[lib][op] / base:4.2f}x)"
            if op in results[lib]
            else f"{'-':>22}"
            for lib in results
        )
        print(f"{op:<24}{cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000, help="calls per measurement")
    args = parser.parse_args()
    per_call = measure_all(args.n)
    print_percall(per_call, args.n)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "percall.json"
    meta = {"python": platform.python_version(), "machine": platform.machine(), "calls": args.n}
    out.write_text(json.dumps({"meta": meta, **per_call}, indent=2))
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main()
