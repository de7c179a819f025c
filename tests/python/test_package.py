"""The package: version and ABI version agree with the header, and the public names exist."""

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import groggy as gr
from groggy._native import ffi, lib

REPO = Path(__file__).resolve().parents[2]
HEADER = REPO / "include" / "groggy.h"


def header_define(name):
    text = HEADER.read_text(encoding="utf-8")
    match = re.search(rf"^#define {name} (.+)$", text, re.M)
    assert match, name
    return match.group(1).strip()


def cargo_version():
    """The version in Cargo.toml, the one place it is written."""
    text = (REPO / "Cargo.toml").read_text(encoding="utf-8")
    package = re.search(r"^\[package\]$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    assert package, "Cargo.toml has no [package] table"
    match = re.search(r'^version\s*=\s*"([^"]+)"', package.group(1), re.M)
    assert match, "Cargo.toml's [package] has no version"
    return match.group(1)


def test_version_matches_the_header():
    assert gr.__version__ == header_define("GR_VERSION_STRING").strip('"')
    assert gr.__version__ == ffi.string(lib.gr_version()).decode()


def test_version_is_cargo_tomls_everywhere():
    assert gr.__version__ == cargo_version()
    assert gr.__version__ == importlib.metadata.version("groggy")


def test_setup_py_reads_the_version_from_cargo_toml():
    result = subprocess.run(
        [sys.executable, "setup.py", "--version"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == cargo_version()


def test_version_parts_match_the_header():
    parts = [int(header_define(f"GR_VERSION_{p}")) for p in ("MAJOR", "MINOR", "PATCH")]
    assert gr.__version__ == ".".join(map(str, parts))


def test_abi_version():
    assert gr.abi_version == 2
    assert gr.abi_version == int(header_define("GR_ABI_VERSION"))
    assert lib.gr_abi_version() == 2


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
