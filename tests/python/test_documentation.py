"""The public API documents itself: every public name in ``groggy.__all__`` and every public
member of the public classes (those inherited from groggy's own mixins included) has a
docstring and annotations, so ``help()``, the generated API reference and type checkers
have something to show."""

from __future__ import annotations

import inspect
import pydoc
import runpy
import types
from pathlib import Path

import pytest

import groggy as gr
from groggy import datasets, degrees, views

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
    for name, obj in vars(datasets).items():
        if not name.startswith("_") and inspect.isfunction(obj) and _is_groggy(obj):
            if obj.__module__ == datasets.__name__:
                found[f"groggy.datasets.{name}"] = obj
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
