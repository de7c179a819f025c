"""The native library: finds it, opens it and declares its C API to cffi (ABI mode).

The declarations are read from the same header C users compile against
(``include/groggy.h``, shipped inside the package as ``groggy.h``), so they cannot drift.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import cffi

#: ABI versions this package knows how to talk to.
KNOWN_ABI_VERSIONS = frozenset({2})

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_DIR = _PACKAGE_DIR.parent.parent


def _library_file_name() -> str:
    if sys.platform == "darwin":
        return "libgroggy.dylib"
    if sys.platform == "win32":
        return "groggy.dll"
    return "libgroggy.so"


def _candidate_libraries() -> list[Path]:
    """Where the library may be, in order: $GROGGY_LIBRARY, the package, the build tree."""
    name = _library_file_name()
    candidates = []
    env = os.environ.get("GROGGY_LIBRARY")
    if env:
        candidates.append(Path(env))
    candidates.append(_PACKAGE_DIR / name)
    # In a source checkout, the most recently built of the release and debug libraries.
    built = [_REPO_DIR / "target" / profile / name for profile in ("release", "debug")]
    built.sort(key=lambda p: p.stat().st_mtime if p.is_file() else 0, reverse=True)
    return candidates + built


def _find_library() -> Path:
    env = os.environ.get("GROGGY_LIBRARY")
    if env and not Path(env).is_file():
        raise ImportError(f"GROGGY_LIBRARY={env!r} is not a file")
    for path in _candidate_libraries():
        if path.is_file():
            return path
    searched = ", ".join(str(p) for p in _candidate_libraries())
    raise ImportError(f"groggy: native library not found (searched {searched})")


def _find_header() -> Path:
    for path in (_PACKAGE_DIR / "groggy.h", _REPO_DIR / "include" / "groggy.h"):
        if path.is_file():
            return path
    raise ImportError("groggy: groggy.h not found next to the package or in include/")


_INT_DEFINE = re.compile(r"#define\s+(GR_\w+)\s+(-?\d+)\s*$")


def cdef_source(header: str) -> str:
    """The header as cffi's ``cdef`` reads it: C++ guards, includes and non-integer
    macros removed; integer ``GR_*`` macros kept (cffi turns them into constants)."""
    out = []
    skipping_cplusplus = 0
    for line in header.splitlines():
        stripped = line.strip()
        if skipping_cplusplus:
            if stripped.startswith("#if"):
                skipping_cplusplus += 1
            elif stripped.startswith("#endif"):
                skipping_cplusplus -= 1
            continue
        if stripped.startswith("#ifdef __cplusplus"):
            skipping_cplusplus = 1
            continue
        if stripped.startswith("#"):
            match = _INT_DEFINE.match(stripped)
            if match:
                out.append(f"#define {match.group(1)} {match.group(2)}")
            continue
        out.append(line)
    return "\n".join(out)


def _open():
    ffi = cffi.FFI()
    ffi.cdef(cdef_source(_find_header().read_text(encoding="utf-8")))
    path = _find_library()
    flags = ffi.RTLD_NOW | getattr(ffi, "RTLD_NODELETE", getattr(os, "RTLD_NODELETE", 0))
    lib = ffi.dlopen(str(path), flags)
    abi = lib.gr_abi_version()
    if abi not in KNOWN_ABI_VERSIONS:
        raise ImportError(
            f"groggy: {path} implements ABI version {abi}, "
            f"this package knows {sorted(KNOWN_ABI_VERSIONS)}"
        )
    return ffi, lib, path


ffi, lib, library_path = _open()
NULL = ffi.NULL
