"""GraphML and GML with python-igraph: groggy reads what igraph writes, igraph reads what
groggy writes. A file of its own: importing igraph loads native libraries that the
AddressSanitizer run cannot host (tests/python/asan.sh leaves this file out)."""

from __future__ import annotations

import igraph as ig
import pytest

import groggy as gr


def ig_graph(directed: bool):
    G = ig.Graph(directed=directed)
    G.add_vertices(3)
    G.vs["name"] = ["a", "b", "c"]
    G.vs["v"] = [1.5, 2.0, 3.0]
    G.add_edges([(0, 1), (1, 2)])
    G.es["w"] = [0.5, 1.0]
    return G


@pytest.mark.parametrize("directed", [False, True])
def test_groggy_reads_igraph_files(tmp_path, directed):
    G = ig_graph(directed)
    G.write_graphml(str(tmp_path / "ig.graphml"))
    g = gr.read_graphml(tmp_path / "ig.graphml")
    assert g.directed == directed
    assert list(g.nodes) == ["n0", "n1", "n2"]
    assert dict(g.nodes["n1"]) == {"name": "b", "v": 2.0}
    assert g.get_edge_attr("n1", "n2", "w") == 1.0
    G.write_gml(str(tmp_path / "ig.gml"))
    g = gr.read_gml(tmp_path / "ig.gml")
    assert g.directed == directed
    assert list(g.nodes) == [0, 1, 2]  # no labels: the ids are the keys
    assert dict(g.nodes[1]) == {"name": "b", "v": 2.0}
    assert g.node_array("v").dtype == "float64"  # igraph writes 2.0 as 2
    assert g.get_edge_attr(1, 2, "w") == 1.0


@pytest.mark.parametrize("directed", [False, True])
def test_igraph_reads_what_groggy_writes(tmp_path, directed):
    g = gr.Graph(directed=directed)
    g.add_node("a", v=1.5, ok=True, name="x")
    g.add_edge("a", "b", w=0.5)
    g.write_graphml(tmp_path / "g.graphml")
    G = ig.Graph.Read_GraphML(str(tmp_path / "g.graphml"))
    assert G.is_directed() == directed
    assert G.vs["id"] == ["a", "b"]
    assert G.vs[0]["v"] == 1.5 and G.vs[0]["ok"] is True
    assert G.es[0]["w"] == 0.5
    g.write_gml(tmp_path / "g.gml")
    H = ig.Graph.Read_GML(str(tmp_path / "g.gml"))
    assert H.is_directed() == directed
    assert H.vs["label"] == ["a", "b"]
    assert H.vs[0]["v"] == 1.5
    assert H.es[0]["w"] == 0.5
