"""The graphs the benchmarks run on, as numpy int64 edge arrays, cached on disk.

``rmat-S`` is a Graph500-style R-MAT graph of scale S (2**S node ids, 16 * 2**S edges);
any other name is a file of ``../shared/datasets`` (``cnr-2000``, ``soc-Slashdot0902``, ...)
when that folder is there.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

from rmat import rmat_edges

HERE = Path(__file__).resolve().parent
CACHE = HERE / "results" / "cache"
DATASETS = HERE.parent.parent / "shared" / "datasets"


def available_datasets() -> list[str]:
    if not DATASETS.is_dir():
        return []
    return sorted(p.name.removesuffix(".txt.gz") for p in DATASETS.glob("*.txt.gz"))


def _read_dataset(name: str) -> tuple[np.ndarray, np.ndarray, bool]:
    path = DATASETS / f"{name}.txt.gz"
    sources, targets = [], []
    with gzip.open(path, "rt") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.replace(",", " ").split()
            if not parts[0].lstrip("-").isdigit():
                continue  # a CSV header line
            sources.append(int(parts[0]))
            targets.append(int(parts[1]))
    return np.array(sources, dtype=np.int64), np.array(targets, dtype=np.int64), True


def edges(name: str) -> tuple[np.ndarray, np.ndarray]:
    """``(sources, targets)`` of a graph, generated or read once and then cached."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}.npz"
    if path.exists():
        with np.load(path) as z:
            return z["sources"], z["targets"]
    if name.startswith("rmat-"):
        sources, targets = rmat_edges(int(name.split("-")[1]))
    else:
        sources, targets, _ = _read_dataset(name)
    np.savez(path, sources=sources, targets=targets)
    return sources, targets


def node_id_bound(sources: np.ndarray, targets: np.ndarray) -> int:
    """One more than the largest node id (libraries with dense ids need it)."""
    return int(max(sources.max(initial=-1), targets.max(initial=-1))) + 1


def edge_list_file(name: str) -> Path:
    """The graph's edges as a text file of ``u v`` lines (written once, then cached)."""
    path = CACHE / f"{name}.txt"
    if not path.exists():
        sources, targets = edges(name)
        tmp = path.with_suffix(".tmp")
        np.savetxt(tmp, np.column_stack([sources, targets]), fmt="%d", delimiter=" ")
        tmp.replace(path)
    return path
