"""The networkx backend suite: unchanged networkx calls on a networkx ``DiGraph``, answered
by networkx and by groggy (``backend="groggy"``), and the conversion of that graph against
``nx.to_scipy_sparse_array``. The issue's targets, on soc-Slashdot0902 held as a networkx
``DiGraph`` (edges added in the file's order), one thread.

``BACKEND[op]`` maps a library to an ``Op`` as in ``libraries.py``. groggy's "first call"
clears the graph's conversion cache before every run, so each run converts the graph as a
program's first call does; "cached" runs on the conversion networkx keeps in
``G.__networkx_cache__`` (made in setup). Both answer with networkx's stopping rules and
return networkx's types (dicts), as networkx does.
"""

from __future__ import annotations

import warnings

from libraries import ALGORITHM_REPEATS, Op

GRAPH = "soc-Slashdot0902"
SAMPLES = 256
SEED = 1


def _digraph(s, t, n):
    import networkx as nx

    G = nx.DiGraph()
    G.add_edges_from(zip(s.tolist(), t.tolist()))
    return G


def _networkx(call) -> Op:
    return Op(_digraph, call, ALGORITHM_REPEATS)


def _groggy_first(call) -> Op:
    def run(G):
        G.__networkx_cache__.clear()
        return call(G, backend="groggy")

    return Op(_digraph, run, ALGORITHM_REPEATS)


def _groggy_cached(call) -> Op:
    def setup(s, t, n):
        import networkx as nx

        # networkx warns once per call that it uses its cache: that is what is measured.
        nx.config.warnings_to_ignore.add("cache")
        G = _digraph(s, t, n)
        call(G, backend="groggy")
        return G

    return Op(setup, lambda G: call(G, backend="groggy"), ALGORITHM_REPEATS)


def _pagerank(G, **kw):
    import networkx as nx

    return nx.pagerank(G, **kw)


def _betweenness(G, **kw):
    import networkx as nx

    return nx.betweenness_centrality(G, k=SAMPLES, seed=SEED, **kw)


def _to_scipy(G):
    import networkx as nx

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return nx.to_scipy_sparse_array(G)


def _convert(G):
    from groggy.nx_backend.interface import BackendInterface

    # What networkx asks for a call that weighs edges by "weight" (to_scipy_sparse_array
    # reads that attribute too).
    return BackendInterface.convert_from_nx(G, edge_attrs={"weight": 1}, name="pagerank")


BACKEND = {
    "nx.pagerank": {
        "networkx": _networkx(_pagerank),
        "groggy (first call)": _groggy_first(_pagerank),
        "groggy (cached)": _groggy_cached(_pagerank),
    },
    f"nx.betweenness_centrality k={SAMPLES}": {
        "networkx": _networkx(_betweenness),
        "groggy (first call)": _groggy_first(_betweenness),
        "groggy (cached)": _groggy_cached(_betweenness),
    },
    "conversion": {
        "networkx (to_scipy_sparse_array)": _networkx(_to_scipy),
        "groggy (convert_from_nx)": Op(_digraph, _convert, ALGORITHM_REPEATS),
    },
}

#: What each operation's target compares: (groggy row, reference row, least ratio).
TARGETS = {
    "nx.pagerank": [
        ("groggy (first call)", "networkx", 1.0),
        ("groggy (cached)", "networkx", 50.0),
    ],
    f"nx.betweenness_centrality k={SAMPLES}": [("groggy (cached)", "networkx", 20.0)],
    "conversion": [("groggy (convert_from_nx)", "networkx (to_scipy_sparse_array)", 1.0)],
}


def target_lines(report: dict) -> list[str]:
    """One line per target: both times, the ratio, and whether it holds."""
    lines = []
    for operation, targets in TARGETS.items():
        results = report.get(operation, {})
        for mine, theirs, least in targets:
            a, b = results.get(mine, {}), results.get(theirs, {})
            if "seconds" not in a or "seconds" not in b:
                lines.append(f"{operation}: {mine} vs {theirs}: not measured")
                continue
            ratio = b["seconds"] / a["seconds"]
            verdict = "ok" if ratio >= least else "MISSED"
            lines.append(
                f"{operation:<40} {mine:<26} {a['seconds']:9.4f} s  {theirs} "
                f"{b['seconds']:9.4f} s  {ratio:7.1f}x (target {least:g}x)  {verdict}"
            )
    return lines
