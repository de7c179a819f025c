"""Shared fixtures for the Python test suite."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import groggy as gr


def snapshot(g):
    """Everything observable about a graph, for before/after comparisons."""
    return {
        "directed": g.directed,
        "node_count": g.node_count,
        "edge_count": g.edge_count,
        # Plain dicts: the views' attribute mappings are live (they read the graph later).
        "nodes": [(k, dict(d)) for k, d in g.nodes(data=True)],
        "edges": [(u, v, dict(d)) for u, v, d in g.edges(data=True)],
        "node_attr_names": g.node_attr_names(),
        "edge_attr_names": g.edge_attr_names(),
        "degrees": g.degrees().items(),
    }


@pytest.fixture
def graph():
    """A fresh undirected graph, closed after the test."""
    with gr.Graph() as g:
        yield g


@pytest.fixture
def digraph():
    """A fresh directed graph, closed after the test."""
    with gr.Graph(directed=True) as g:
        yield g


@pytest.fixture(params=[False, True], ids=["undirected", "directed"])
def any_graph(request):
    """A fresh graph, once undirected and once directed."""
    with gr.Graph(directed=request.param) as g:
        yield g


@pytest.fixture
def take_snapshot():
    """The ``snapshot`` function, for tests that compare a graph before and after."""
    return snapshot


@pytest.fixture
def populated():
    """An undirected graph with int and str keys, node and edge attributes of several
    kinds, a self-loop and a removal, so that it is not a trivial state."""
    with gr.Graph() as g:
        g.add_node(1, name="one", weight=1.5)
        g.add_node("1", name="string one")
        g.add_nodes([2, (3, {"flag": True}), {"id": "x", "attrs": {"blob": b"\x00\x01"}}])
        g.add_edge(1, 2, w=1.0)
        g.add_edge(2, 3, w=2.0, label="b")
        g.add_edge("x", "x", loop=True)
        g.add_edge("1", 3)
        g.add_node(99)
        g.remove_node(99)
        yield g


@pytest.fixture
def run_python():
    """``run_python(script, timeout=120)``: runs ``script`` in a fresh interpreter that
    imports this same groggy, asserts it exited 0, and returns its stdout. For scenarios
    that once crashed the process: a regression fails the test, not the whole run."""

    def run(script: str, timeout: float = 120) -> str:
        env = dict(os.environ)
        package_root = str(Path(gr.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        result = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(script)],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
        )
        assert result.returncode == 0, (result.returncode, result.stdout, result.stderr[-3000:])
        return result.stdout

    return run


NX_BACKEND_HINT = (
    "networkx does not see groggy's entry points (networkx.backends, networkx.backend_info): "
    "install the wheel (make py-install) or, with PYTHONPATH=python, write them into "
    "python/groggy.egg-info (make egg-info)"
)


@pytest.fixture(scope="session")
def nx_backend():
    """groggy's networkx backend as networkx loads it. Fails (does not skip) when networkx
    does not see groggy's entry points: the backend tests would otherwise pass vacuously."""
    from networkx.utils import backends

    assert "groggy" in backends.backends, NX_BACKEND_HINT
    assert "groggy" in backends.backend_info, NX_BACKEND_HINT
    return backends._load_backend("groggy")
