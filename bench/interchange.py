"""The interchange suite: reading tables and markup files, and handing columns to Arrow,
against the usual way of doing the same in Python. The issue's targets, one thread:

- ``read_csv`` of soc-Slashdot0902's edges with two attribute columns (a float weight and
  an int time), against ``pandas.read_csv`` + ``from_pandas_edgelist`` and
  ``pyarrow.csv.read_csv`` + ``gr.from_arrow``: each builds the same directed graph with
  both attributes (pyarrow's reader is limited to one thread, as the others are);
- ``read_graphml`` against ``networkx.read_graphml`` on one file (email-Enron with a
  weight per edge, written by networkx);
- a 16M-value float64 column handed to pyarrow (``pyarrow.array``), against pyarrow's own
  zero-copy view of a numpy array.

The files are written once into ``bench/results/files`` (outside the timed runs) and
reused. ``INTERCHANGE[op]`` maps a library to an ``Op`` as in ``libraries.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from libraries import ALGORITHM_REPEATS, Op

FILES = Path(__file__).resolve().parent / "results" / "files"
CSV_GRAPH = "soc-Slashdot0902"
GRAPHML_GRAPH = "email-Enron"
EXPORT_VALUES = 16 * 1024 * 1024
#: The operations and the graph each reads ("-": none).
GRAPH_OF = {
    "read_csv": CSV_GRAPH,
    "read_graphml": GRAPHML_GRAPH,
    "arrow export (16M float64)": "-",
}


def _written(name: str, write) -> Path:
    """The file ``name`` in FILES, written by ``write(path)`` unless it is there."""
    path = FILES / name
    if not path.exists():
        FILES.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{name}.{os.getpid()}")
        write(partial)
        os.replace(partial, path)
    return path


def _csv_file(s, t, n) -> Path:
    def write(path: Path) -> None:
        import pandas as pd

        rng = np.random.default_rng(7)
        weight = rng.random(len(s)).round(6)
        time = rng.integers(0, 10**9, len(s))
        table = {"source": s, "target": t, "weight": weight, "time": time}
        pd.DataFrame(table).to_csv(path, index=False)

    return _written(f"{CSV_GRAPH}.csv", write)


def _graphml_file(s, t, n) -> Path:
    def write(path: Path) -> None:
        import networkx as nx

        G = nx.DiGraph()
        weight = np.random.default_rng(7).random(len(s)).round(6)
        G.add_weighted_edges_from(zip(s.tolist(), t.tolist(), weight.tolist()))
        nx.write_graphml(G, path)

    return _written(f"{GRAPHML_GRAPH}.graphml", write)


def _importing(*modules: str):
    """A setup that imports ``modules`` before the timed runs (imports are not the work
    measured), then makes the input as ``make`` does."""

    def setup_with(make):
        def setup(s, t, n):
            import importlib

            for module in modules:
                importlib.import_module(module)
            return make(s, t, n)

        return setup

    return setup_with


def _groggy_csv(path):
    import groggy as gr

    return gr.read_csv(path, directed=True)


def _pandas_csv(path):
    import pandas as pd

    import groggy as gr

    df = pd.read_csv(path)
    return gr.from_pandas_edgelist(df, edge_attr=True, directed=True)


def _pyarrow_csv(path):
    import pyarrow.csv

    import groggy as gr

    one_thread = pyarrow.csv.ReadOptions(use_threads=False)
    return gr.from_arrow(pyarrow.csv.read_csv(path, read_options=one_thread), directed=True)


def _groggy_graphml(path):
    import groggy as gr

    return gr.read_graphml(path)


def _networkx_graphml(path):
    import networkx as nx

    return nx.read_graphml(path)


def _column(s, t, n):
    return np.random.default_rng(7).random(EXPORT_VALUES)


def _groggy_column(s, t, n):
    from groggy import GraphArray

    return GraphArray.from_numpy(_column(s, t, n))


def _to_pyarrow(column):
    import pyarrow as pa

    return pa.array(column)


_GROGGY = _importing("groggy")
_PANDAS = _importing("groggy", "pandas")
_PYARROW = _importing("groggy", "pyarrow", "pyarrow.csv")
_NETWORKX = _importing("networkx")
#: File reads leave the state as they found it: best of ALGORITHM_REPEATS, the file in the
#: page cache for every library alike.
INTERCHANGE = {
    "read_csv": {
        "groggy (read_csv)": Op(_GROGGY(_csv_file), _groggy_csv, ALGORITHM_REPEATS),
        "pandas (read_csv + from_pandas_edgelist)": Op(
            _PANDAS(_csv_file), _pandas_csv, ALGORITHM_REPEATS
        ),
        "pyarrow (csv.read_csv + from_arrow)": Op(
            _PYARROW(_csv_file), _pyarrow_csv, ALGORITHM_REPEATS
        ),
    },
    "read_graphml": {
        "groggy (read_graphml)": Op(_GROGGY(_graphml_file), _groggy_graphml, ALGORITHM_REPEATS),
        "networkx (read_graphml)": Op(_NETWORKX(_graphml_file), _networkx_graphml),
    },
    "arrow export (16M float64)": {
        "groggy (pyarrow.array of a GraphArray)": Op(
            _importing("pyarrow")(_groggy_column), _to_pyarrow, ALGORITHM_REPEATS
        ),
        "pyarrow (pyarrow.array of numpy)": Op(
            _importing("pyarrow")(_column), _to_pyarrow, ALGORITHM_REPEATS
        ),
    },
}

#: What each operation's target compares: (groggy row, reference row, least ratio), or
#: (groggy row, None, most seconds) for an absolute bound.
TARGETS = {
    "read_csv": [
        ("groggy (read_csv)", "pandas (read_csv + from_pandas_edgelist)", 2.0),
        ("groggy (read_csv)", "pyarrow (csv.read_csv + from_arrow)", 1.0),
    ],
    "read_graphml": [("groggy (read_graphml)", "networkx (read_graphml)", 10.0)],
    "arrow export (16M float64)": [("groggy (pyarrow.array of a GraphArray)", None, 0.001)],
}


def target_lines(report: dict) -> list[str]:
    """One line per target: the times, the ratio or bound, and whether it holds."""
    lines = []
    for operation, targets in TARGETS.items():
        results = report.get(operation, {})
        for mine, theirs, bound in targets:
            a = results.get(mine, {})
            b = results.get(theirs, {}) if theirs else {}
            if "seconds" not in a or (theirs and "seconds" not in b):
                lines.append(f"{operation}: {mine} vs {theirs}: not measured")
                continue
            if theirs is None:
                verdict = "ok" if a["seconds"] <= bound else "MISSED"
                lines.append(
                    f"{operation:<28} {mine:<40} {a['seconds'] * 1e3:9.4f} ms "
                    f"(target under {bound * 1e3:g} ms)  {verdict}"
                )
                continue
            ratio = b["seconds"] / a["seconds"]
            verdict = "ok" if ratio >= bound else "MISSED"
            lines.append(
                f"{operation:<28} {mine:<22} {a['seconds']:8.3f} s  {theirs} "
                f"{b['seconds']:8.3f} s  {ratio:6.2f}x (target {bound:g}x)  {verdict}"
            )
    return lines
