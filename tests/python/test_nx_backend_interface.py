"""groggy as networkx sees it: the entry points (reading them never loads groggy's native
library), the interface networkx calls (signatures, conversions, the cache of converted
graphs), groggy graphs given to networkx, and backend priority from the environment."""

from __future__ import annotations

import inspect
import random
import types
from pathlib import Path

import networkx as nx
import pytest
from networkx.utils.backends import _registered_algorithms

import _groggy_nx
import groggy as gr
import groggy.nx_backend as nx_backend_package
from groggy.nx_backend import calls, convert
from groggy.nx_backend.interface import BackendInterface
from groggy.nx_backend.registry import IMPLEMENTATIONS
from groggy.nx_backend.xfails import XFAILS, on_start_tests

# ----- registration ------------------------------------------------------------------------


def test_importing_networkx_does_not_import_groggy(run_python, nx_backend):
    out = run_python(
        """
        import sys
        import networkx as nx
        from networkx.utils import backends
        loaded = sorted(m for m in sys.modules if m == "groggy" or m.startswith("groggy."))
        print(loaded, "groggy" in backends.backend_info, "groggy" in backends.backends)
        print(nx.config.backends.groggy.min_size_for_auto)
        """
    )
    assert out.split("\n")[:2] == ["[] True True", "0"]


def test_backend_info_reads_only_the_standard_library(run_python):
    out = run_python(
        """
        import sys
        before = set(sys.modules)
        import _groggy_nx
        info = _groggy_nx.get_info()
        added = {m.split(".")[0] for m in set(sys.modules) - before} - {"_groggy_nx"}
        print(sorted(added - set(sys.stdlib_module_names)), type(info["functions"]).__name__)
        """
    )
    assert out.strip() == "[] dict"


def test_networkx_is_told_exactly_what_groggy_implements(nx_backend):
    info = _groggy_nx.get_info()
    assert set(info["functions"]) == set(IMPLEMENTATIONS)
    assert info["backend_name"] == "groggy"
    assert all(isinstance(v, dict) for v in info["functions"].values())
    for name in IMPLEMENTATIONS:
        assert name in _registered_algorithms, f"{name} is not a networkx function"
        assert "groggy" in _registered_algorithms[name].backends


def test_the_backend_has_an_attribute_for_each_function_and_no_other(nx_backend):
    for name in _registered_algorithms:
        assert hasattr(nx_backend, name) == (name in IMPLEMENTATIONS), name
    for method in ("convert_from_nx", "convert_to_nx", "can_run", "should_run", "on_start_tests"):
        assert callable(getattr(nx_backend, method))


def test_the_package_refuses_a_list_that_differs_from_its_implementations(monkeypatch):
    monkeypatch.setattr(nx_backend_package, "FUNCTIONS", {**_groggy_nx.FUNCTIONS, "diameter": {}})
    with pytest.raises(ImportError, match="listed only \\['diameter'\\]"):
        nx_backend_package._check_registry()
    monkeypatch.setattr(nx_backend_package, "FUNCTIONS", {})
    with pytest.raises(ImportError, match="implemented only"):
        nx_backend_package._check_registry()


def _parameters(signature):
    return [(p.name, p.kind, p.default) for p in signature.parameters.values()]


@pytest.mark.parametrize("name", sorted(IMPLEMENTATIONS))
def test_signatures_are_networkxs(name):
    theirs = inspect.signature(_registered_algorithms[name])
    theirs = theirs.replace(
        parameters=[
            p for p in theirs.parameters.values() if p.name not in ("backend", "backend_kwargs")
        ]
    )
    assert _parameters(inspect.signature(IMPLEMENTATIONS[name])) == _parameters(theirs)


def test_groggy_graphs_name_their_backend():
    assert gr.Graph.__networkx_backend__ == "groggy"
    with gr.Graph() as g:
        assert g.__networkx_backend__ == "groggy"
        assert not hasattr(g, "__networkx_cache__")  # (no cache of conversions to networkx)


# ----- conversion --------------------------------------------------------------------------


def weighted():
    G = nx.Graph(name="g")
    G.add_node("a", color="red", size=3)
    G.add_node("b")
    G.add_edge("b", "a", w=2.5, label="x")
    G.add_edge("a", "c")
    G.add_edge("c", "b", w=1)
    return G


def edge_data(g):
    return {(u, v): dict(d) for u, v, d in g.edges(data=True)}


def test_conversion_copies_only_what_is_asked():
    G = weighted()
    g = convert.convert_from_nx(G)
    assert list(g.nodes) == list(G) and g.directed is False
    # (edges as G.edges gives them: from the end that comes first in G)
    assert edge_data(g) == {("a", "b"): {}, ("a", "c"): {}, ("b", "c"): {}}
    assert g.node_attr_names() == []
    g = convert.convert_from_nx(G, edge_attrs={"w": None})
    assert edge_data(g) == {("a", "b"): {"w": 2.5}, ("a", "c"): {}, ("b", "c"): {"w": 1}}
    g = convert.convert_from_nx(G, edge_attrs={"w": 1, "other": 0})
    assert edge_data(g) == {
        ("a", "b"): {"w": 2.5, "other": 0},
        ("a", "c"): {"w": 1, "other": 0},
        ("b", "c"): {"w": 1, "other": 0},
    }
    g = convert.convert_from_nx(G, preserve_edge_attrs=True, node_attrs={"size": None})
    assert edge_data(g) == {
        ("a", "b"): {"w": 2.5, "label": "x"},
        ("a", "c"): {},
        ("b", "c"): {"w": 1},
    }
    assert dict(g.nodes(data=True)) == {"a": {"size": 3}, "b": {}, "c": {}}
    g = convert.convert_from_nx(G, preserve_node_attrs=True, preserve_graph_attrs=True)
    assert dict(g.nodes(data=True)) == {"a": {"color": "red", "size": 3}, "b": {}, "c": {}}
    g = convert.convert_from_nx(G, preserve_all_attrs=True)  # (networkx 3.1 and older)
    assert g.to_networkx()._adj == G._adj and g.to_networkx()._node == G._node
    g = convert.convert_from_nx(G, weight="w")  # (networkx 3.1 and older)
    assert edge_data(g)[("a", "c")] == {"w": 1}


def test_a_weight_no_edge_has_is_no_column():
    # networkx weighs every edge 1 (its default) where no edge has the attribute: groggy
    # reads no column as hops, the fast path; another default is kept as a column.
    G = nx.DiGraph([(0, 1), (1, 2)])
    assert convert.convert_from_nx(G, edge_attrs={"weight": 1}).edge_attr_names() == []
    assert convert.convert_from_nx(G, edge_attrs={"weight": None}).edge_attr_names() == []
    g = convert.convert_from_nx(G, edge_attrs={"weight": 2.0})
    assert g.edge_array("weight").to_list() == [2.0, 2.0]
    G.add_edge(2, 3, weight=5)
    g = convert.convert_from_nx(G, edge_attrs={"weight": 1})
    assert g.edge_array("weight").to_list() == [1, 1, 5]


def shuffled_digraph():
    """Neighbour and predecessor orders that are not the order of ``G.edges``."""
    edges = [(u, v) for u in range(12) for v in range(12) if (u * 7 + v * 3) % 5 == 0]
    random.Random(3).shuffle(edges)
    G = nx.DiGraph(edges)
    G.remove_node(4)
    G.add_edge(4, 0)
    return G


@pytest.mark.parametrize("G", [shuffled_digraph(), shuffled_digraph().to_undirected()])
def test_conversion_keeps_every_neighbour_order(G):
    g = convert.convert_from_nx(G)
    assert list(g.nodes) == list(G)
    for n in G:
        assert g.successors(n) == list(G.adj[n])
        assert g.predecessors(n) == list(G.pred[n] if G.is_directed() else G.adj[n])


def test_conversion_reads_views():
    G = shuffled_digraph()
    view = nx.reverse_view(G)
    g = convert.convert_from_nx(view)
    assert all(g.successors(n) == list(view.adj[n]) for n in view)
    sub = G.subgraph([0, 1, 2, 3, 5])
    g = convert.convert_from_nx(sub)
    assert sorted(g.edges) == sorted(sub.edges)


class Key:
    def __hash__(self):
        return 1


@pytest.mark.parametrize(
    ("G", "kwargs"),
    [
        (nx.MultiGraph([(0, 1)]), {}),
        (nx.Graph([((0, 1), (1, 2))]), {}),
        (nx.Graph([(0, 1.5)]), {}),
        (nx.Graph([(True, 2)]), {}),
        (nx.Graph([(Key(), 2)]), {}),
        (nx.Graph([(0, 2**63)]), {}),
        (nx.Graph([(0, "\ud800")]), {}),
        (nx.Graph([(0, 1, {"w": [1, 2]})]), {"preserve_edge_attrs": True}),
        (nx.Graph([(0, 1, {3: 1})]), {"preserve_edge_attrs": True}),
        (nx.Graph([(0, 1, {"w": None})]), {"edge_attrs": {"w": 1}}),
        (nx.Graph([(0, 1)]).nodes, {}),
        ([(0, 1)], {}),
    ],
)
def test_what_groggy_cannot_hold_is_not_implemented(G, kwargs):
    with pytest.raises(NotImplementedError):
        convert.convert_from_nx(G, **kwargs)


def test_a_graph_groggy_cannot_hold_is_left_to_networkx(nx_backend):
    G = nx.Graph([((0, 0), (0, 1)), ((0, 1), (1, 1))])
    with pytest.raises(NotImplementedError):
        nx.pagerank(G, backend="groggy")
    before = calls["pagerank"]
    # (networkx remembers that the conversion failed: a cache hit, no second attempt)
    with nx.config.backend_priority(algos=["groggy"]), nx.config(warnings_to_ignore={"cache"}):
        assert nx.pagerank(G) == nx.pagerank(G, backend="networkx")
    assert calls["pagerank"] == before


def test_convert_to_nx_gives_networkx_graphs_and_leaves_results():
    g = gr.Graph(directed=True)
    g.add_edge(1, 2, w=3)
    G = convert.convert_to_nx(g)
    assert isinstance(G, nx.DiGraph) and list(G.edges(data=True)) == [(1, 2, {"w": 3})]
    result = {1: 0.5}
    assert convert.convert_to_nx(result) is result
    assert convert.convert_to_nx(result, name="pagerank") is result


# ----- the cache of converted graphs ---------------------------------------------------------


@pytest.fixture
def conversions(monkeypatch):
    """The graphs networkx converts to groggy from now on, counted."""
    done = []

    def counted(graph, **kwargs):
        done.append(kwargs["name"])
        return convert.convert_from_nx(graph, **kwargs)

    monkeypatch.setattr(BackendInterface, "convert_from_nx", staticmethod(counted))
    return done


def test_a_graph_is_converted_once_until_it_changes(nx_backend, conversions):
    G = nx.karate_club_graph()
    with nx.config(cache_converted_graphs=True, warnings_to_ignore={"cache"}):
        first = nx.pagerank(G, backend="groggy")
        assert nx.pagerank(G, backend="groggy") == first
        length = nx.dijkstra_path_length(G, 0, 33, backend="groggy")
        assert length == nx.dijkstra_path_length(G, 0, 33, backend="networkx")
        assert conversions == ["pagerank"]  # the same attributes: the cached graph serves
        nx.betweenness_centrality(G, backend="groggy")  # fewer attributes: it serves too
        assert conversions == ["pagerank"]
        nx.closeness_centrality(G, distance="other", backend="groggy")  # another attribute
        assert conversions == ["pagerank", "closeness_centrality"]
        G.add_edge(0, 9, weight=100)
        changed = nx.pagerank(G, backend="groggy")
        assert conversions == ["pagerank", "closeness_centrality", "pagerank"]
    assert changed == pytest.approx(nx.pagerank(G, backend="networkx"), rel=1e-9)
    assert changed != pytest.approx(first)


def test_without_the_cache_every_call_converts(nx_backend, conversions):
    G = nx.path_graph(5)
    with nx.config(cache_converted_graphs=False):
        nx.pagerank(G, backend="groggy")
        nx.pagerank(G, backend="groggy")
    assert conversions == ["pagerank", "pagerank"]


# ----- groggy graphs in networkx -------------------------------------------------------------


def test_what_groggy_lacks_runs_in_networkx_on_a_converted_copy(nx_backend):
    g = gr.Graph()
    g.add_edges([(0, 1, {"w": 5}), (1, 2, {"w": 1}), (0, 3, {"w": 1}), (3, 2, {"w": 1})])
    G = g.to_networkx()
    with nx.config(fallback_to_nx=True):
        # Not implemented by groggy (bidirectional Dijkstra); weights come along.
        assert nx.shortest_path(g, 0, 2, weight="w") == [0, 3, 2]
        assert nx.average_shortest_path_length(g) == nx.average_shortest_path_length(G)
    with pytest.raises(NotImplementedError, match=r"not implemented by \['groggy'\]"):
        nx.average_shortest_path_length(g)


def test_groggy_graphs_stay_unchanged(nx_backend):
    G = nx.karate_club_graph()
    g = gr.from_networkx(G)
    before = sorted(g.edges(data=True), key=str)
    for name in IMPLEMENTATIONS:
        if name.endswith("_graph"):
            continue
        f = getattr(nx, name, None) or getattr(nx.community, name)
        params = inspect.signature(IMPLEMENTATIONS[name]).parameters
        args = [0] * sum(1 for p in list(params.values())[1:] if p.default is p.empty)
        if name == "modularity":
            args = [[set(range(17)), set(range(17, 34))]]
        try:
            result = f(g, *args)
            if isinstance(result, types.GeneratorType):
                list(result)
        except (nx.NetworkXException, NotImplementedError):
            pass  # (failing, or declined: what matters is that g did not change)
    assert sorted(g.edges(data=True), key=str) == before
    assert g.node_count == 34


# ----- priority from the environment, min_size_for_auto ----------------------------------------


def test_backend_priority_from_the_environment(run_python, nx_backend, monkeypatch):
    monkeypatch.setenv("NETWORKX_BACKEND_PRIORITY", "groggy")
    out = run_python(
        """
        import networkx as nx
        G = nx.karate_club_graph()
        scores = nx.pagerank(G)  # unchanged networkx code
        from groggy.nx_backend import calls
        theirs = nx.pagerank(G, backend="networkx")
        print(calls["pagerank"], all(abs(scores[n] - theirs[n]) < 1e-12 for n in G))
        """
    )
    assert out.split("\n")[0] == "1 True"


def test_min_size_for_auto_keeps_small_graphs_in_networkx(nx_backend):
    G = nx.path_graph(5)
    before = calls["pagerank"]
    with nx.config.backend_priority(algos=["groggy"]):
        nx.config.backends.groggy.min_size_for_auto = 10
        try:
            nx.pagerank(G)
            assert calls["pagerank"] == before
            assert nx_backend.should_run("pagerank", (G,), {}) is not True
        finally:
            nx.config.backends.groggy.min_size_for_auto = 0
        nx.pagerank(G)
    assert calls["pagerank"] == before + 1


# ----- networkx's test run -----------------------------------------------------------------


class FakeItem:
    def __init__(self, path, modpath, config):
        self.path, self.modpath, self.config, self.markers = Path(path), modpath, config, []

    def getmodpath(self):
        return self.modpath

    def add_marker(self, marker):
        self.markers.append(marker)


def test_on_start_tests_marks_the_listed_tests_strict_xfail():
    registered = []
    config = types.SimpleNamespace(
        pluginmanager=types.SimpleNamespace(register=lambda p, name: registered.append(name))
    )
    listed = next(iter(XFAILS))
    file, modpath = listed.split(":")
    items = [FakeItem(f"/x/{file}", modpath, config), FakeItem("/x/test_a.py", "test_b", config)]
    on_start_tests(items)
    (mark,) = items[0].markers
    assert mark.name == "xfail" and mark.kwargs == {"reason": XFAILS[listed], "strict": True}
    assert items[1].markers == []
    assert registered == ["groggy-nx-calls"]


def test_the_guide_lists_exactly_the_functions_groggy_answers():
    guide = (Path(__file__).parents[2] / "docs" / "guide" / "networkx-backend.md").read_text()
    table = guide.split("## What runs in groggy", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[2] for line in table.splitlines() if line.startswith("| ")][1:]
    listed = [name.strip(" `") for row in rows for name in row.split(",")]
    assert sorted(listed) == sorted(_groggy_nx.FUNCTIONS)
