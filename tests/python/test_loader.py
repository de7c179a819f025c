"""The loader: GROGGY_LIBRARY, refusing unknown ABI versions, reading the header for cffi."""

import os
import shutil
import subprocess
import sys

import pytest

import groggy
from groggy import _native


def import_groggy_with(library: str):
    env = dict(os.environ, GROGGY_LIBRARY=library)
    return subprocess.run(
        [sys.executable, "-c", "import groggy"],
        env=env,
        capture_output=True,
        text=True,
        cwd="/",
    )


def test_groggy_library_env_var_must_name_a_file(tmp_path):
    result = import_groggy_with(str(tmp_path / "missing.so"))
    assert result.returncode != 0
    assert "ImportError" in result.stderr
    assert "GROGGY_LIBRARY" in result.stderr


@pytest.mark.parametrize("abi", [1, 3, 999])
def test_other_abi_versions_are_refused(tmp_path, abi):
    source = tmp_path / "fake.c"
    source.write_text(f"unsigned int gr_abi_version(void) {{ return {abi}; }}\n")
    library = tmp_path / "libfake.so"
    # The compiler is not under test: under tests/python/asan.sh it would inherit the
    # preloaded AddressSanitizer runtime and fail on its own leaks.
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    subprocess.run(["cc", "-shared", "-fPIC", str(source), "-o", str(library)], check=True, env=env)
    result = import_groggy_with(str(library))
    assert result.returncode != 0
    assert "ImportError" in result.stderr
    assert f"implements ABI version {abi}, this package knows [2]" in result.stderr


def test_groggy_library_env_var_is_used(tmp_path):
    copy = tmp_path / "libgroggy-copy.so"
    shutil.copy2(_native.library_path, copy)
    env = dict(os.environ, GROGGY_LIBRARY=str(copy))
    out = subprocess.run(
        [sys.executable, "-c", "import groggy._native as n; print(n.library_path)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    )
    assert out.stdout.strip() == str(copy)


def test_cdef_keeps_integer_macros_and_drops_the_rest():
    header = "\n".join(
        [
            "#include <stdint.h>",
            '#define GR_VERSION_STRING "1.2.3"',
            "#define GR_ABI_VERSION 2",
            "#ifdef __cplusplus",
            'extern "C" {',
            "#endif",
            "int32_t gr_abi_version(void);",
            "#ifdef __cplusplus",
            "}",
            "#endif",
        ]
    )
    cdef = _native.cdef_source(header)
    assert "#define GR_ABI_VERSION 2" in cdef
    assert "GR_VERSION_STRING" not in cdef
    assert "extern" not in cdef and "#include" not in cdef
    assert "int32_t gr_abi_version(void);" in cdef


def test_numpy_is_not_needed_to_import_groggy():
    code = (
        "import sys; sys.modules['numpy'] = None; sys.modules['pandas'] = None\n"
        "import groggy as gr\n"
        "g = gr.Graph(); g.add_node(1, x=2); print(g.get_node_attr(1, 'x'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/"
    )
    assert out.stdout.strip() == "2"


def test_version_matches_library():
    assert groggy.__version__ == _native.ffi.string(_native.lib.gr_version()).decode()
    assert groggy.abi_version in _native.KNOWN_ABI_VERSIONS
