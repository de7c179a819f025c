"""The analyses suite's targets, checked on its report: each analysis at least
``PEER_TARGET`` times faster than the fastest peer that has it (networkx for those only
networkx has; one thread each), the
parallel ones ``THREAD_TARGETS`` times faster on two threads than on one, and the
generators within ``GENERATOR_TARGET`` of loading the same edges with
``add_edges_from_arrays``. Prints one line per measurement with ``ok`` or ``MISSED``.

    python bench/targets.py [bench/results/analyses.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from libraries import PEERS

PEER_TARGET = 1.5
#: Two-thread speed-up wanted per analysis (the others have no parallel target).
THREAD_TARGETS = {
    "betweenness": 1.7,
    "betweenness k=256": 1.7,
    "closeness": 1.7,
    "triangles": 1.7,
    "louvain": 1.3,
}
GENERATOR_TARGET = 1.5
LOAD = "groggy add_edges_from_arrays (same edges)"


def seconds(result: dict) -> float | None:
    return result.get("seconds")


def verdict(met: bool) -> str:
    return "ok" if met else "MISSED"


def peer_line(key: str, results: dict) -> str | None:
    """groggy against the fastest peer of one analysis on one graph (networkx where no
    other peer has the analysis)."""
    base = seconds(results.get("groggy", {}))
    peers = {k: seconds(v) for k, v in results.items() if k.split()[0] in PEERS}
    if not peers:  # (networkx skipped on a large graph is not measured, not beaten)
        peers = {k: s for k, v in results.items() if k == "networkx" and (s := seconds(v))}
    timed = {k: s for k, s in peers.items() if s is not None}
    if base is None or not peers:
        return None
    if not timed:  # every peer failed or ran out of time
        return f"{key:<52}{base:>9.3f} s  no peer finished  ok"
    fastest = min(timed, key=timed.__getitem__)
    ratio = timed[fastest] / base
    return (
        f"{key:<52}{base:>9.3f} s  {fastest} {timed[fastest]:.3f} s  "
        f"{ratio:5.2f}x  {verdict(ratio >= PEER_TARGET)}"
    )


def thread_line(key: str, operation: str, results: dict) -> str | None:
    base = seconds(results.get("groggy", {}))
    two = seconds(results.get("groggy (2 threads)", {}))
    wanted = THREAD_TARGETS.get(operation)
    if base is None or two is None or wanted is None:
        return None
    speedup = base / two
    return f"{key + ' (2 threads)':<52}{two:>9.3f} s  {speedup:5.2f}x of one thread  " + verdict(
        speedup >= wanted
    )


def generator_line(key: str, results: dict) -> str | None:
    made, loaded = seconds(results.get("groggy", {})), seconds(results.get(LOAD, {}))
    if made is None or loaded is None:
        return None
    ratio = made / loaded
    return f"{key:<52}{made:>9.3f} s  load {loaded:.3f} s  {ratio:5.2f}x  " + verdict(
        ratio < GENERATOR_TARGET
    )


def lines(report: dict) -> list[str]:
    out = []
    for key, results in report.items():
        operation = key.rsplit(" ", 1)[0]
        if LOAD in results:
            out.append(generator_line(key, results))
            continue
        out.append(peer_line(key, results))
        out.append(thread_line(key, operation, results))
    return [line for line in out if line]


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "results"
    report = json.loads((path / "analyses.json" if path.is_dir() else path).read_text())
    print("\n".join(lines(report.get("analyses", report))))


if __name__ == "__main__":
    main()
