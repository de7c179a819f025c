"""groggy's main API as typed code: ``make typecheck`` runs ``mypy --strict`` over this file
(every value below has a precise type, none is ``Any`` where groggy knows better), and
tests/python/test_documentation.py runs it, so it stays true."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

import groggy as gr
from groggy.datasets import karate_club

if TYPE_CHECKING:
    from typing_extensions import assert_type
else:

    def assert_type(value: object, _type: object) -> object:
        return value


def build() -> gr.Graph:
    g = gr.Graph(directed=False)
    g.add_node("alice", age=30, score=1.5)
    g.add_edge("alice", "bob", weight=2.0)
    g.add_edges([("bob", "carol"), ("carol", "alice", {"weight": 0.5})])
    g.add_nodes([7, ("dave", {"age": 41})])
    g.add_nodes_from(["erin"], age=29)
    g.add_edges_from_arrays(np.array([7, 8]), np.array([8, 9]), weight=[1.0, 3.0])
    g.set_node_attr("bob", "age", 25)
    assert_type(g.get_node_attr("alice", "age"), Any)
    assert_type(g.nodes["alice"], gr.views.NodeAttrs)
    neighbours: list[gr.NodeKey] = g.neighbors("alice")
    assert "bob" in neighbours
    degree: int = g.degree("alice")
    weighted: float = g.degree("alice", weight="weight")
    assert (degree, weighted) == (2, 2.5)
    assert_type(g.node_count, int)
    keys: list[gr.NodeKey] = list(g.nodes)
    pairs: list[tuple[gr.NodeKey, gr.NodeKey]] = list(g.edges)
    assert keys[0] == "alice" and pairs[0] == ("alice", "bob")
    g.edges["alice", "bob"]["weight"] = 2.0
    assert_type(g["alice"]["bob"], gr.views.EdgeAttrs)
    return g


def algorithms(g: gr.Graph) -> None:
    pr = g.pagerank(alpha=0.9)
    assert_type(pr, gr.NodeMap[float])
    best: list[tuple[gr.NodeKey, float]] = pr.top(2)
    assert len(best) == 2
    score: float = pr["alice"]
    assert 0 < score < 1
    degrees = g.degrees()
    assert_type(degrees, gr.NodeMap[int])
    assert degrees.to_dict()["alice"] == 2
    labels: gr.NodeMap[int] = g.component_labels()
    assert labels["alice"] == labels["bob"]
    path: list[gr.NodeKey] = g.shortest_path("alice", "carol", weight="weight")
    assert path == ["alice", "carol"]
    components: list[list[gr.NodeKey]] = g.connected_components()
    assert len(components) == 4
    centrality = g.degree_centrality()
    assert_type(centrality, gr.NodeMap[float])
    katz: gr.NodeMap[float] = g.katz_centrality(alpha=0.05, weight="weight")
    assert katz["alice"] > 0
    hubs, authorities = g.hits()
    assert_type(hubs, gr.NodeMap[float])
    assert_type(authorities, gr.NodeMap[float])
    found: bool = g.has_path("alice", "carol")
    count: int = g.number_connected_components()
    assert found and count == 4 and not g.is_connected()
    kept: list[gr.NodeKey] = g.filter_nodes(lambda key, attrs: attrs.get("age", 0) > 28)
    assert kept == ["alice", "dave", "erin"]
    asynchronous = asyncio.run(g.async_pagerank(alpha=0.9))
    assert_type(asynchronous, gr.NodeMap[float])
    assert asynchronous == pr


def structure(g: gr.Graph) -> None:
    triangles = g.triangles()
    assert_type(triangles, gr.NodeMap[int])
    assert triangles["alice"] == 1
    coefficient: float = g.clustering(weight="weight")["alice"]
    assert 0 < coefficient <= 1
    assert 0 < g.average_clustering() <= g.transitivity() * 10
    cores: gr.NodeMap[int] = g.core_number()
    core: gr.Graph = g.k_core()
    assert cores["alice"] == 2 and core.node_count == 3
    edges: list[tuple[Any, ...]] = list(g.minimum_spanning_edges(data=False))
    tree: gr.Graph = g.minimum_spanning_tree()
    assert tree.edge_count == len(edges)
    tasks = gr.Graph(directed=True)
    tasks.add_edges([("a", "b"), ("b", "c")])
    order: list[gr.NodeKey] = tasks.topological_sort()
    assert tasks.is_directed_acyclic_graph() and order == ["a", "b", "c"]


def arrays(g: gr.Graph) -> None:
    ages = g.node_array("age")
    assert_type(ages, gr.GraphArray)
    assert_type(ages[1:3], gr.GraphArray)
    first: Any = ages[0]
    assert first == 30
    values: npt.NDArray[Any] = ages.to_numpy()
    assert len(values) == g.node_count
    mask: npt.NDArray[Any] = ages > 28
    assert_type(ages[mask], gr.GraphArray)
    mean: float | None = ages.mean()
    assert mean is not None
    made = gr.GraphArray.from_list([1, None, 3])
    assert made.dtype == "int64" and made.null_count == 1


def files(g: gr.Graph, folder: Path) -> None:
    g.save(folder / "g.groggy")
    assert_type(gr.load(folder / "g.groggy"), gr.Graph)
    g.write_edgelist(folder / "g.txt")
    back = gr.read_edgelist(folder / "g.txt", keys="auto")
    assert_type(back, gr.Graph)
    assert back.edge_count == g.edge_count
    g.write_csv(folder / "edges.csv", folder / "nodes.csv")
    table = gr.read_csv(folder / "edges.csv", folder / "nodes.csv", directed=g.directed)
    assert_type(table, gr.Graph)


def services() -> None:
    pool = gr.MemoryPool(limit_bytes=10_000_000)
    with gr.Graph(pool=pool) as h:
        h.add_edges([(1, 2), (2, 3)])
        usage: int | None = pool.stats()["pool_usage"]
        assert usage
    stats: dict[str, int] = gr.memory_stats()
    assert stats["current"] > 0
    timed = gr.Profiler().profile_operation(karate_club().pagerank)
    assert timed["duration_ms"] >= 0
    try:
        karate_club().remove_node("nobody")
    except gr.NodeNotFoundError as err:
        assert err.operation == "remove_node"


def main() -> None:
    g = build()
    algorithms(g)
    structure(g)
    arrays(g)
    with tempfile.TemporaryDirectory() as folder:
        files(karate_club(), Path(folder))  # int keys only: an edge list can hold them
    services()


if __name__ == "__main__":
    main()
