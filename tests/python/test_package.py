"""The package: version and ABI version agree with the header, and the public names exist."""

import re
from pathlib import Path

import groggy as gr
from groggy._native import ffi, lib

HEADER = Path(__file__).resolve().parents[2] / "include" / "groggy.h"


def header_define(name):
    text = HEADER.read_text(encoding="utf-8")
    match = re.search(rf"^#define {name} (.+)$", text, re.M)
    assert match, name
    return match.group(1).strip()


def test_version_matches_the_header():
    assert gr.__version__ == header_define("GR_VERSION").strip('"')
    assert gr.__version__ == ffi.string(lib.gr_version()).decode()


def test_version_parts_match_the_header():
    parts = [int(header_define(f"GR_VERSION_{p}")) for p in ("MAJOR", "MINOR", "PATCH")]
    assert gr.__version__ == ".".join(map(str, parts))


def test_abi_version():
    assert gr.abi_version == 1
    assert gr.abi_version == int(header_define("GR_ABI_VERSION"))
    assert lib.gr_abi_version() == 1


def test_public_names():
    for name in [
        "Graph",
        "NodeMap",
        "NodeView",
        "EdgeView",
        "GroggyError",
        "NodeNotFoundError",
        "EdgeNotFoundError",
        "InvalidOperationError",
        "InvalidArgumentError",
        "GroggyMemoryError",
        "AlgorithmError",
        "NoPathError",
        "GroggyIOError",
        "InternalError",
    ]:
        assert hasattr(gr, name), name
        assert name in gr.__all__, name
    for name in gr.__all__:
        assert hasattr(gr, name), name
