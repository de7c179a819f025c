"""`make bench-spark`: PageRank and weak components of R-MAT scale 20 (16M edges) by
groggy.spark in Spark's local mode (2 cores), beside groggy on one machine (2 threads),
each in its own process: time and peak memory (the whole process tree: Spark's JVM and
its Python workers too).

Both do equal work: PageRank with the same stopping rule (networkx's, `tol=1e-6`) from
the same edges, components as one label per node. Spark reads the edges from Parquet, as
a Spark job would; groggy loads them from numpy. Not part of `make test`.

    python spark.py [--scale 20]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from graphs import CACHE, edges

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def parquet_of(scale: int) -> Path:
    """The R-MAT edges as a Parquet folder (columns src, dst), written once."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = CACHE / f"rmat-{scale}.parquet"
    if not folder.exists():
        sources, targets = edges(f"rmat-{scale}")
        folder.mkdir(parents=True)
        table = pa.table({"src": sources, "dst": targets})
        step = -(-table.num_rows // 8)
        for part in range(8):
            pq.write_table(table.slice(part * step, step), folder / f"part-{part}.parquet")
    return folder


class PeakMemory:
    """The largest summed RSS of this process and its descendants, sampled every 0.1 s."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(0.1)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_groggy(scale: int) -> dict:
    import groggy as gr

    sources, targets = edges(f"rmat-{scale}")
    memory = PeakMemory()
    start = time.perf_counter()
    g = gr.Graph(directed=True)
    g.add_edges_from_arrays(sources, targets)
    load = time.perf_counter() - start
    start = time.perf_counter()
    g.pagerank()
    pagerank = time.perf_counter() - start
    start = time.perf_counter()
    g.component_labels()
    components = time.perf_counter() - start
    return {
        "load": load,
        "pagerank": pagerank,
        "components": components,
        "peak": memory.stop(),
        "edges": g.number_of_edges(),
    }


def run_spark(scale: int) -> dict:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    import groggy.spark as gs

    folder = parquet_of(scale)
    memory = PeakMemory()
    start = time.perf_counter()
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "12g")
        .config("spark.sql.shuffle.partitions", "16")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - start
    frame = spark.read.parquet(str(folder))
    pagerank_stats: dict = {}
    start = time.perf_counter()
    gs.pagerank(frame, stats=pagerank_stats).write.format("noop").mode("overwrite").save()
    pagerank = time.perf_counter() - start
    components_stats: dict = {}
    start = time.perf_counter()
    labels = gs.connected_components(frame, stats=components_stats)
    labels.write.format("noop").mode("overwrite").save()
    components = time.perf_counter() - start
    spark.stop()
    return {
        "startup": startup,
        "pagerank": pagerank,
        "iterations": pagerank_stats["iterations"],
        "components": components,
        "rounds": components_stats["rounds"],
        "local_edges": components_stats["local_edges"],
        "peak": memory.stop(),
    }


def child(engine: str, scale: int) -> dict:
    """One engine's run in a process of its own (so peaks do not mix)."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", engine, "--scale", str(scale)],
        check=True,
        capture_output=True,
        text=True,
        cwd=HERE,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--child", choices=["groggy", "spark"])
    args = parser.parse_args()
    if args.child:
        run = run_groggy if args.child == "groggy" else run_spark
        print(json.dumps(run(args.scale)))
        return
    parquet_of(args.scale)
    local = child("groggy", args.scale)
    spark = child("spark", args.scale)
    gib = 1 << 30
    lines = [
        f"R-MAT scale {args.scale}: {local['edges']:,} edges; Spark local[2], groggy 2 threads",
        "",
        "| | groggy, one machine | groggy.spark, local[2] |",
        "|---|---:|---:|",
        f"| load / session start | {local['load']:.2f} s | {spark['startup']:.2f} s |",
        f"| PageRank ({spark['iterations']} iterations, networkx's rule) "
        f"| {local['pagerank']:.2f} s | {spark['pagerank']:.1f} s |",
        f"| weak components | {local['components']:.2f} s "
        f"| {spark['components']:.1f} s ({spark['rounds']} merge rounds, "
        f"{spark['local_edges']:,} edges after the per-partition step) |",
        f"| peak memory (process tree) | {local['peak'] / gib:.2f} GiB "
        f"| {spark['peak'] / gib:.2f} GiB |",
    ]
    text = "\n".join(lines)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"spark-{args.scale}.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
