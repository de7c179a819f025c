"""groggy.spark against groggy on one machine, in Spark's local mode: PageRank within
1e-9 per node, components identical as a partition (labelled by their smallest id),
BFS distances identical; with 1, 2 and 8 input partitions, duplicate edges, self-loops,
string ids; and bad input refused with an error naming what is wrong."""

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import groggy as gr

pytestmark = pytest.mark.spark

if shutil.which("java") is None:
    pytest.skip(
        "groggy.spark needs Java, which this machine does not have", allow_module_level=True
    )

import pyarrow as pa  # noqa: E402 (after the skip: nothing to import without Java)
import pyspark.sql as pyspark_sql  # noqa: E402

import groggy.spark as gs  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def spark():
    # Workers run this Python, which has groggy (and its library) as the driver does.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("groggy-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def frame(spark, sources, targets, partitions, **columns):
    table = pa.table({"src": sources, "dst": targets, **columns})
    return spark.createDataFrame(table).repartition(partitions)


def email_edges() -> tuple[np.ndarray, np.ndarray]:
    with gzip.open(DATA / "email-Eu-core.txt.gz", "rt") as f:
        pairs = np.loadtxt(f, dtype=np.int64, comments="#")
    return pairs[:, 0], pairs[:, 1]


def generated_edges(seed=7, n=20_000, m=100_000) -> tuple[np.ndarray, np.ndarray]:
    """10^5 edges with duplicates and self-loops on purpose, and a sparse tail of nodes
    (many components)."""
    rng = np.random.default_rng(seed)
    sources = rng.integers(0, n, m, dtype=np.int64)
    targets = (sources + rng.integers(1, 40, m)) % n  # mostly local: several components
    targets[::97] = sources[::97]  # self-loops
    sources = np.concatenate([sources, sources[:500], [n + 5, n + 7]])  # duplicates, a pair
    targets = np.concatenate([targets, targets[:500], [n + 7, n + 5]])
    return sources, targets


def local_graph(sources, targets, directed=True, **columns) -> gr.Graph:
    return gr.from_arrow(
        pa.table({"source": sources, "target": targets, **columns}), directed=directed
    )


def by_id(df, column):
    return {row["id"]: row[column] for row in df.collect()}


def assert_scores_equal(got: dict, expected, tol=1e-9):
    assert set(got) == set(expected)
    worst = max(abs(got[k] - v) for k, v in expected.items())
    assert worst < tol, worst


def partition_of(labels: dict) -> set:
    groups: dict = {}
    for node, label in labels.items():
        groups.setdefault(label, set()).add(node)
    assert all(label == min(members) for label, members in groups.items())
    return {frozenset(members) for members in groups.values()}


def test_pagerank_equals_graph_pagerank_on_a_dataset(spark):
    s, t = email_edges()
    stats: dict = {}
    got = by_id(gs.pagerank(frame(spark, s, t, 2), stats=stats), "pagerank")
    assert_scores_equal(got, local_graph(s, t).pagerank())
    assert 2 <= stats["iterations"] <= 100


def test_weighted_pagerank_with_duplicates_self_loops_and_missing_weights(spark):
    s, t = generated_edges()
    weights = 1.0 + (np.arange(len(s)) % 7).astype(float)
    # A null weight: the edge keeps an earlier row's weight, or weighs 1.0.
    weights = pa.array(weights, mask=np.arange(len(s)) % 11 == 0)
    edges = frame(spark, s, t, 8, w=weights)
    got = by_id(gs.pagerank(edges, weight="w"), "pagerank")
    # The graph of the table in its order after repartitioning (the last weight wins).
    assert_scores_equal(got, gs.from_spark(edges).pagerank(weight="w"))


def test_pagerank_of_a_small_graph_in_one_partition_and_its_plan_stays_short(spark):
    # 3 is dangling, 4 only has a self-loop.
    s, t = [1, 1, 2, 2, 4], [2, 3, 1, 3, 4]
    result = gs.pagerank(frame(spark, s, t, 1), alpha=0.5, tol=1e-8)
    assert_scores_equal(by_id(result, "pagerank"), local_graph(s, t).pagerank(alpha=0.5, tol=1e-8))
    # The result is read from the last kept iteration, not from a plan of every iteration.
    plan = result._jdf.queryExecution().logical().toString()
    assert "Join" not in plan and "Aggregate" not in plan, plan
    with pytest.raises(gr.AlgorithmError, match="did not converge within 2 iterations"):
        gs.pagerank(frame(spark, s, t, 1), tol=1e-12, max_iter=2)


@pytest.mark.parametrize("partitions", [1, 2, 8])
def test_components_equal_graph_components(spark, partitions):
    s, t = generated_edges(seed=partitions)
    stats: dict = {}
    labels = by_id(
        gs.connected_components(frame(spark, s, t, partitions), stats=stats), "component"
    )
    expected = {frozenset(c) for c in local_graph(s, t, directed=False).connected_components()}
    assert partition_of(labels) == expected
    assert 1 <= stats["rounds"] <= 2 * np.log2(len(labels))


def test_components_of_string_ids_across_partitions(spark):
    s = ["a", "c", "e", "x", "b", "q"]
    t = ["b", "d", "a", "x", "d", "r"]
    labels = by_id(gs.connected_components(frame(spark, s, t, 3)), "component")
    assert labels == {
        "a": "a",
        "b": "a",
        "c": "a",
        "d": "a",
        "e": "a",
        "x": "x",
        "q": "q",
        "r": "q",
    }
    # Most of 8 partitions of one edge are empty.
    assert by_id(gs.connected_components(frame(spark, [1], [2], 8)), "component") == {1: 1, 2: 1}


def test_components_of_a_dataset(spark):
    with gzip.open(DATA / "facebook_combined.txt.gz", "rt") as f:
        pairs = np.loadtxt(f, dtype=np.int64)
    # A long path in reversed id order needs several merge rounds.
    path = np.arange(5000, 4700, -1, dtype=np.int64)
    s = np.concatenate([pairs[:, 0], path[:-1] + 10_000])
    t = np.concatenate([pairs[:, 1], path[1:] + 10_000])
    stats: dict = {}
    labels = by_id(gs.connected_components(frame(spark, s, t, 8), stats=stats), "component")
    expected = {frozenset(c) for c in local_graph(s, t, directed=False).connected_components()}
    assert partition_of(labels) == expected
    assert len(expected) == 2 and stats["rounds"] <= 2 * np.log2(len(labels))
    assert 0 < stats["local_edges"] <= 8 * len(labels)


def test_bfs_distances_equal_shortest_path_lengths(spark):
    s, t = email_edges()
    edges = frame(spark, s, t, 2)
    g = local_graph(s, t)
    assert by_id(gs.bfs_distances(edges, 0), "distance") == dict(g.shortest_path_lengths(0))
    near = by_id(gs.bfs_distances(edges, 0, max_depth=1), "distance")
    assert near == {k: d for k, d in g.shortest_path_lengths(0).items() if d <= 1}
    assert by_id(gs.bfs_distances(edges, 0, max_depth=0), "distance") == {0: 0}


def test_bfs_follows_direction_and_skips_unreached_nodes(spark):
    s, t = generated_edges()
    edges = frame(spark, s, t, 8)
    g = local_graph(s, t)
    source = int(s[3])
    assert by_id(gs.bfs_distances(edges, source, max_depth=3), "distance") == {
        k: d for k, d in g.shortest_path_lengths(source).items() if d <= 3
    }
    # Only reached by edges into it: nothing beyond the source.
    assert by_id(gs.bfs_distances(frame(spark, [1, 2], [3, 3], 1), 3), "distance") == {3: 0}


def test_a_graph_goes_to_spark_and_back(spark):
    g = gr.Graph(directed=True)
    g.add_node("lonely", size=3)
    g.add_edge("a", "b", weight=2.5, kind="x")
    g.add_edge("b", "c", weight=1.0)
    sg = gs.to_spark(g, spark)
    assert sg.edges.columns == ["src", "dst", "weight", "kind"]
    assert sg.nodes.columns[0] == "id"
    back = gs.from_spark(sg)
    assert list(back.nodes) == list(g.nodes)
    assert list(back.edges(data=True)) == list(g.edges(data=True))
    assert back.get_node_attr("lonely", "size") == 3
    # Every function takes the SparkGraph as its edges.
    assert by_id(gs.bfs_distances(sg, "a"), "distance") == {"a": 0, "b": 1, "c": 2}
    assert not gs.from_spark(sg.edges, directed=False).is_directed()


def test_bad_input_is_refused_naming_what_is_wrong(spark):
    good = frame(spark, [1, 2], [2, 3], 1, w=["heavy", "light"])
    no_dst = good.select("src", "w")
    for call in (gs.pagerank, gs.connected_components, gs.from_spark):
        with pytest.raises(gr.InvalidArgumentError, match="no column 'dst'"):
            call(no_dst)
    with pytest.raises(gr.InvalidArgumentError, match="no column 'dst'"):
        gs.bfs_distances(no_dst, 1)
    with pytest.raises(gr.InvalidArgumentError, match="no column 'cost'"):
        gs.pagerank(good, weight="cost")
    with pytest.raises(gr.InvalidArgumentError, match="weight column 'w' must be numeric"):
        gs.pagerank(good, weight="w")
    nulls = spark.createDataFrame([(1, 2), (None, 3)], "src long, dst long")
    for call in (gs.pagerank, gs.connected_components, gs.from_spark):
        with pytest.raises(gr.InvalidArgumentError, match="null in src"):
            call(nulls)
    mixed = spark.createDataFrame([(1, "a")], "src long, dst string")
    with pytest.raises(gr.InvalidArgumentError, match="ids of one kind"):
        gs.connected_components(mixed)
    floats = spark.createDataFrame([(1.5, 2.0)], "src double, dst double")
    with pytest.raises(gr.InvalidArgumentError, match="integer or string ids"):
        gs.pagerank(floats)
    with pytest.raises(gr.InvalidArgumentError, match="source must be an integer"):
        gs.bfs_distances(good, "1")
    with pytest.raises(gr.NodeNotFoundError, match="source 9"):
        gs.bfs_distances(good, 9)
    with pytest.raises(gr.InvalidArgumentError, match="alpha"):
        gs.pagerank(good, alpha=1.0)
    with pytest.raises(TypeError, match="Spark DataFrame"):
        gs.pagerank([(1, 2)])
    # A column named "edges" is just a column.
    named = spark.createDataFrame([(1, 2, 5)], "src long, dst long, edges long")
    assert by_id(gs.bfs_distances(named, 1), "distance") == {1: 0, 2: 1}


def test_importing_it_without_pyspark_names_pyspark():
    code = "import sys; sys.modules['pyspark'] = None\nimport groggy.spark"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert out.returncode == 1
    assert "groggy.spark needs pyspark (pip install pyspark)" in out.stderr


def test_local_workers_run_the_drivers_python_unless_told_otherwise(spark, monkeypatch):
    # As a session made without PYSPARK_PYTHON has it: the first python3 on the PATH,
    # which need not have groggy (or pyarrow).
    monkeypatch.delenv("PYSPARK_PYTHON")
    context = spark.sparkContext
    monkeypatch.setattr(context, "pythonExec", "python3")
    labels = by_id(gs.connected_components(frame(spark, [1, 2], [2, 3], 2)), "component")
    assert labels == {1: 1, 2: 1, 3: 1}
    assert context.pythonExec == sys.executable
