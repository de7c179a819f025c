"""The public API documents itself: every public name in ``groggy.__all__`` and every public
member of the public classes (those inherited from groggy's own mixins included) has a
docstring and annotations, so ``help()``, the generated API reference and type checkers
have something to show."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pydoc
import re
import runpy
import types
from pathlib import Path

import pytest

import groggy as gr
from groggy import datasets, degrees, generators, spark, views

# Public classes reached through the API rather than by name from ``groggy``.
REACHED_CLASSES = [
    views.NodeAttrs,
    views.EdgeAttrs,
    views.AdjacencyView,
    views.NeighborView,
    degrees.DegreeView,
]
# Dunder methods with behaviour of their own that users call directly.
PUBLIC_DUNDERS = ("__call__",)
# Callables whose signature a user reads: constructors too.
SIGNATURE_DUNDERS = ("__init__", "__call__")


def _is_groggy(obj) -> bool:
    return (getattr(obj, "__module__", None) or "").split(".")[0] == "groggy"


def public_classes() -> list[type]:
    exported = [getattr(gr, name) for name in gr.__all__]
    return [c for c in exported if inspect.isclass(c)] + REACHED_CLASSES


def public_functions() -> dict[str, types.FunctionType]:
    found = {}
    for name in gr.__all__:
        obj = getattr(gr, name)
        if inspect.isfunction(obj):
            found[f"groggy.{name}"] = obj
    for module in (datasets, generators, spark):
        short = module.__name__.split(".")[-1]
        for name, obj in vars(module).items():
            if not name.startswith("_") and inspect.isfunction(obj) and _is_groggy(obj):
                if obj.__module__.startswith(module.__name__):
                    found[f"groggy.{short}.{name}"] = obj
    return found


def own_members(cls: type, names_allowed=PUBLIC_DUNDERS) -> dict[str, object]:
    """Public members of ``cls`` defined by groggy's classes (``cls`` or a groggy base such
    as a mixin), keyed by qualified name, as found on the defining class."""
    members = {}
    for name in dir(cls):
        if name.startswith("_") and name not in names_allowed:
            continue
        owner = next((k for k in cls.__mro__ if name in vars(k)), None)
        if owner is None or not _is_groggy(owner):
            continue
        members[f"{cls.__name__}.{name}"] = vars(owner)[name]
    return members


def _doc(member) -> str | None:
    if isinstance(member, (staticmethod, classmethod)):
        member = member.__func__
    if isinstance(member, types.MemberDescriptorType):
        return inspect.getdoc(member)  # a slot: its text in the class's __slots__ dict
    return member.__doc__


def _function(member):
    """The function behind a method, property, classmethod or staticmethod, else None."""
    if isinstance(member, property):
        return member.fget
    if isinstance(member, (staticmethod, classmethod)):
        return member.__func__
    if inspect.isfunction(member):
        return member
    return None


def test_the_walk_finds_the_api():
    # Guards the test itself: it must look at the members it is about.
    graph_members = own_members(gr.Graph)
    for name in ("add_node", "pagerank", "filter_nodes", "save", "add_nodes_from", "degree"):
        assert f"Graph.{name}" in graph_members
    assert "GraphArray.to_numpy" in own_members(gr.GraphArray)
    assert "NodeMap.top" in own_members(gr.NodeMap)
    assert "DegreeView.__call__" in own_members(degrees.DegreeView)
    assert "groggy.read_edgelist" in public_functions()
    assert "groggy.datasets.karate_club" in public_functions()
    assert "groggy.generators.rmat_graph" in public_functions()
    assert "groggy.spark.connected_components" in public_functions()


def test_every_public_name_has_a_docstring():
    missing = [name for name, f in public_functions().items() if not _doc(f)]
    for cls in public_classes():
        if not cls.__doc__:
            missing.append(cls.__name__)
        missing += [name for name, m in own_members(cls).items() if not _doc(m)]
    assert not missing, f"{len(missing)} public members without a docstring: {missing}"


def test_every_public_callable_is_annotated():
    callables = dict(public_functions())
    for cls in public_classes():
        for name, member in own_members(cls, SIGNATURE_DUNDERS).items():
            function = _function(member)
            if function is not None:
                callables[name] = function
    missing = []
    for name, function in callables.items():
        signature = inspect.signature(function)
        params = list(signature.parameters.values())
        if params and params[0].name in ("self", "cls"):
            params = params[1:]
        missing += [f"{name}({p.name})" for p in params if p.annotation is p.empty]
        if signature.return_annotation is signature.empty:
            missing.append(f"{name} -> ?")
    assert not missing, f"{len(missing)} parameters or returns without annotations: {missing}"


@pytest.mark.parametrize(
    "method", [gr.Graph.get_node_attr, gr.Graph.get_edge_attr], ids=lambda m: m.__name__
)
def test_a_missing_default_reads_well_in_help(method):
    default = inspect.signature(method).parameters["default"].default
    assert repr(default) == "<missing>"
    text = pydoc.render_doc(method, renderer=pydoc.plaintext)
    assert "default: 'Any' = <missing>" in text or "default: Any = <missing>" in text
    assert "object at 0x" not in text


def test_async_pagerank_shows_pageranks_parameters():
    sync = inspect.signature(gr.Graph.pagerank)
    asynchronous = inspect.signature(gr.Graph.async_pagerank)
    assert list(asynchronous.parameters) == list(sync.parameters)
    for name, param in sync.parameters.items():
        assert asynchronous.parameters[name].default == param.default
    text = pydoc.render_doc(gr.Graph.async_pagerank, renderer=pydoc.plaintext)
    assert "alpha" in text and "personalization" in text and "*args" not in text


def test_the_typed_example_runs():
    # tests/typing/example.py is what `make typecheck` checks with mypy --strict; running it
    # keeps it true to what the API does.
    example = Path(__file__).resolve().parents[1] / "typing" / "example.py"
    namespace = runpy.run_path(str(example))
    namespace["main"]()


@pytest.mark.parametrize(
    "module",
    ["groggy", "graph", "algorithms", "array", "columns", "filters", "generators", "nodemap"],
)
def test_docstring_examples_run(module):
    name = "groggy" if module == "groggy" else f"groggy.{module}"
    mod = importlib.import_module(name)
    extra = {"Graph": gr.Graph, "GraphArray": gr.GraphArray, "gr": gr}
    result = doctest.testmod(mod, extraglobs=extra, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


# ----- the documentation site (docs/, built by `make docs`) ---------------------------------

ROOT = Path(__file__).resolve().parents[2]
GUIDE_PAGES = sorted((ROOT / "docs").rglob("*.md"))


def _documentation_files() -> list[Path]:
    theme = sorted((ROOT / "docs_theme").rglob("*.html"))
    package = sorted((ROOT / "python" / "groggy").glob("*.py"))
    return [*GUIDE_PAGES, *theme, *package, ROOT / "README.md", ROOT / "mkdocs.yml"]


def test_the_site_has_its_pages():
    names = {p.relative_to(ROOT / "docs").as_posix() for p in GUIDE_PAGES}
    assert {"index.md", "guide/getting-started.md", "guide/c-api.md", "api/graph.md"} <= names


def test_no_link_leaves_the_repository():
    # The docs are read offline and from a checkout: every link stays inside it.
    outside = []
    for path in _documentation_files():
        text = path.read_text(encoding="utf-8")
        outside += [f"{path.name}: {m}" for m in re.findall(r"\b(?:https?|ftp)://\S+", text)]
        if path.suffix != ".md":
            continue
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            file_part = target.split("#")[0]
            if not file_part:
                continue
            resolved = (path.parent / file_part).resolve()
            if ROOT not in resolved.parents or not resolved.exists():
                outside.append(f"{path.name}: {target}")
    assert not outside, outside


@pytest.mark.parametrize("page", GUIDE_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_guide_examples_run(page, monkeypatch, tmp_path):
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, str(page), "exec"), {"__name__": "__docs__"})
