"""Constants come from the header, once: Python's tables cover every tag, status and mode
the header defines, with the header's values, and the package writes no number where a
constant belongs."""

import ast
import re
from pathlib import Path

import pytest

from groggy import _array_state, _convert, _errors, files
from groggy._native import ffi, lib

REPO = Path(__file__).resolve().parents[2]
HEADER = (REPO / "include" / "groggy.h").read_text(encoding="utf-8")
PACKAGE = REPO / "python" / "groggy"


def header_constants(prefix: str) -> dict[str, int]:
    """The integer macros of the header whose names start with ``prefix``."""
    found = re.findall(rf"^#define ({prefix}\w*) (-?\d+)$", HEADER, re.M)
    assert found, prefix
    return {name: int(value) for name, value in found}


@pytest.mark.parametrize(
    "prefix",
    ["GR_ATTR_", "GR_STATUS_", "GR_KEY_", "GR_EDGELIST_KEYS_", "GR_ABI_VERSION", "GR_VERSION_"],
)
def test_cffi_takes_the_header_values(prefix):
    for name, value in header_constants(prefix).items():
        assert getattr(lib, name) == value, name


def test_kind_names_cover_every_attr_tag():
    tags = header_constants("GR_ATTR_")
    assert set(_array_state.KIND_NAMES) == set(tags.values())
    assert len(set(_array_state.KIND_NAMES.values())) == len(tags)
    assert _array_state.TAG_BY_NAME == {v: k for k, v in _array_state.KIND_NAMES.items()}


def test_every_value_tag_reads_back():
    # Every tag a single value can carry (all but the arrays' GR_ATTR_MIXED) is known to
    # read_value; an unknown one would raise ValueError.
    cval = ffi.new("gr_attr_value *")
    expected = {"GR_ATTR_NULL": None, "GR_ATTR_STRING": "", "GR_ATTR_BYTES": b""}
    for name, tag in header_constants("GR_ATTR_").items():
        if name == "GR_ATTR_MIXED":
            continue
        cval.tag = tag
        cval.data.i64 = 0
        cval.data.buf.ptr, cval.data.buf.len = ffi.NULL, 0
        assert _convert.read_value(cval) == expected.get(name, 0), name


def test_exception_table_covers_every_status():
    statuses = header_constants("GR_STATUS_")
    failures = {code for name, code in statuses.items() if name != "GR_STATUS_OK"}
    assert set(_errors.EXCEPTION_BY_STATUS) == failures
    assert statuses["GR_STATUS_OK"] not in _errors.EXCEPTION_BY_STATUS


def test_edgelist_key_modes_cover_the_header():
    assert sorted(files._KEYS.values()) == sorted(header_constants("GR_EDGELIST_KEYS_").values())


def test_key_kinds_come_from_the_header():
    kinds = header_constants("GR_KEY_")
    assert {_convert._KEY_INT, _convert._KEY_STR} == set(kinds.values())
    assert (_convert._KEY_INT, _convert._KEY_STR) == (kinds["GR_KEY_INT"], kinds["GR_KEY_STR"])


# Names that hold a tag, kind, status, code or mode: a number next to one of them stands
# where a constant of the header belongs.
_CONSTANT_NAME = re.compile(r"(^|_)(tag|kind|status|code|mode)s?$", re.I)


def _name_of(node) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        return _name_of(node.value)
    return ""


def _is_int(node) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int)
        and not isinstance(node.value, bool)
    )


def suspicious_literals(source: str) -> list[int]:
    """Line numbers where an int literal is compared with, assigned to, appended to or
    passed as a tag, kind, status, code or mode."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            named = any(_CONSTANT_NAME.search(_name_of(o)) for o in operands)
            if named and any(_is_int(o) for o in operands):
                lines.append(node.lineno)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if _is_int(node.value) and any(_CONSTANT_NAME.search(_name_of(t)) for t in targets):
                lines.append(node.lineno)
        elif isinstance(node, ast.Call):
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "append"
                and _CONSTANT_NAME.search(_name_of(func.value))
                and any(_is_int(a) for a in node.args)
            ):
                lines.append(node.lineno)
            for kw in node.keywords:
                if kw.arg and _CONSTANT_NAME.search(kw.arg) and _is_int(kw.value):
                    lines.append(node.lineno)
    return sorted(lines)


def test_the_scanner_finds_literal_tags_kinds_and_statuses():
    source = "\n".join(
        [
            "kinds.append(0)",  # 1
            "x = ints[i] if kinds[i] == 0 else s",  # 2
            "cval.tag = 5",  # 3
            "if status != 0: pass",  # 4
            "err = E('m', code=7)",  # 5
            "kinds.append(lib.GR_KEY_INT)",
            "if kind == lib.GR_ATTR_NULL: pass",
            "if n == 0: pass",
            "status = lib.gr_version()",
        ]
    )
    assert suspicious_literals(source) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_the_package_writes_no_literal_constants(path):
    assert suspicious_literals(path.read_text(encoding="utf-8")) == [], path.name
