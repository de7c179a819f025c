"""A query filter evaluated in Rust against the same filter as a Python predicate (called
through a C callback once per node), on a graph of one million nodes.

    python bench/filters.py [--nodes 1000000]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import groggy as gr

QUERY = "age > 30 AND club == 'Blue'"


def predicate(_key, attrs) -> bool:
    age = attrs.get("age")
    return age is not None and age > 30 and attrs.get("club") == "Blue"


def measure(nodes: int) -> dict:
    rng = np.random.default_rng(3)
    g = gr.Graph()
    g.add_nodes(range(nodes))
    g.set_node_array("age", rng.integers(0, 80, nodes))
    g.set_node_array("club", rng.choice(["Blue", "Red", "Green"], nodes).tolist())
    start = time.perf_counter()
    by_query = g.filter_nodes(QUERY)
    query_s = time.perf_counter() - start
    start = time.perf_counter()
    by_predicate = g.filter_nodes(predicate)
    predicate_s = time.perf_counter() - start
    assert by_query == by_predicate
    return {
        "nodes": nodes,
        "matches": len(by_query),
        "query_s": query_s,
        "predicate_s": predicate_s,
    }


def print_filters(result: dict) -> None:
    print(
        f"\nfilter_nodes on {result['nodes']} nodes ({result['matches']} match): "
        f"query {result['query_s'] * 1e3:.1f} ms, Python predicate "
        f"{result['predicate_s'] * 1e3:.0f} ms "
        f"({result['predicate_s'] / result['query_s']:.0f}x slower)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1_000_000)
    print_filters(measure(parser.parse_args().nodes))


if __name__ == "__main__":
    main()
