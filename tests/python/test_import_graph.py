"""The package's modules import each other in one direction: the graph of their imports
(at module level and inside functions alike; only imports for type checkers are left out)
has no circle, and every module imports alone in a fresh interpreter."""

import ast
import subprocess
import sys
from pathlib import Path

import groggy

PACKAGE = Path(groggy.__file__).resolve().parent


def _is_type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports_of(path: Path) -> set[str]:
    """The groggy modules a module imports, by name (``graph``, ``_convert``...)."""
    found = set()
    todo = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while todo:
        node = todo.pop()
        if _is_type_checking_block(node):
            todo.extend(node.orelse)
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        todo.extend(ast.iter_child_nodes(node))
    return found


def function_level_imports(path: Path) -> list[str]:
    """The groggy modules a module imports inside a function (not for type checkers)."""
    found = []
    for func in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found.append(f"{func.name}: from .{node.module or ''}")
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    return {m: imports_of(PACKAGE / f"{m}.py") & modules for m in modules}


def find_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of the graph as a list of modules, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        path.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return [*path[path.index(n) :], n]
            if n not in state and (circle := visit(n)):
                return circle
        path.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (circle := visit(m)):
            return circle
    return None


def test_the_finder_sees_a_circle():
    assert find_circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_circle({"a": {"b"}, "b": set()}) is None


def test_the_package_imports_in_one_direction():
    graph = import_graph()
    assert "graph" in graph and "interop" in graph["__init__"]
    circle = find_circle(graph)
    assert circle is None, " -> ".join(circle)


def test_groggy_modules_are_imported_at_module_level():
    # An import inside a function would only hide a circle (optional packages such as
    # numpy, pandas and networkx are still imported where they are needed).
    found = {p.name: function_level_imports(p) for p in sorted(PACKAGE.glob("*.py"))}
    found = {name: imports for name, imports in found.items() if imports}
    assert not found


def test_every_module_imports_alone():
    for module in sorted(p.stem for p in PACKAGE.glob("*.py")):
        name = "groggy" if module == "__init__" else f"groggy.{module}"
        done = subprocess.run(
            [sys.executable, "-c", f"import {name}"], capture_output=True, text=True
        )
        assert done.returncode == 0, (name, done.stderr[-2000:])
