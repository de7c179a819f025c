"""The demo (``python -m groggy demo``) and the bundled karate club dataset."""

import os
import subprocess
import sys
from pathlib import Path

import networkx as nx

import groggy as gr
import groggy.datasets


def run_groggy(*args):
    env = dict(os.environ)
    package_root = str(Path(gr.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "groggy", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_demo_runs_and_prints_the_summary():
    result = run_groggy("demo")
    assert result.returncode == 0, result.stderr
    assert "34 members, 78 friendships" in result.stdout
    assert "karate" in result.stdout.lower()
    assert result.stderr == ""


def test_demo_names_the_most_connected_members():
    result = run_groggy("demo")
    assert result.returncode == 0, result.stderr
    G = nx.karate_club_graph()
    hub = max(G.nodes, key=G.degree)
    assert f"member {hub} ({G.degree(hub)} friends)" in result.stdout


def test_command_line_without_subcommand_fails():
    result = run_groggy()
    assert result.returncode != 0


def test_karate_club():
    g = groggy.datasets.karate_club()
    assert isinstance(g, gr.Graph)
    assert g.directed is False
    assert g.node_count == 34
    assert g.edge_count == 78
    assert list(g.nodes) == list(range(34))
    assert "club" in g.node_attr_names()
    clubs = {g.get_node_attr(n, "club") for n in g.nodes}
    assert clubs == {"Mr. Hi", "Officer"}
    g.close()


def test_karate_club_matches_networkx():
    g = groggy.datasets.karate_club()
    G = nx.karate_club_graph()
    assert list(g.nodes) == list(G.nodes)
    assert {frozenset(e) for e in g.edges} == {frozenset(e) for e in G.edges}
    assert g.degrees() == dict(G.degree)
    for n in G.nodes:
        assert g.nodes[n]["club"] == G.nodes[n]["club"]
    g.close()


def test_karate_club_gives_a_new_graph_each_time():
    a = groggy.datasets.karate_club()
    b = groggy.datasets.karate_club()
    a.remove_node(0)
    assert b.node_count == 34
    a.close()
    b.close()
