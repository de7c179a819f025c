"""Builds the wheel: compiles the Rust library with cargo and puts it, stripped, with the
header that describes it, inside the `groggy` package. The package has no CPython extension
module (the library is opened with cffi in ABI mode), so the wheel is tagged
py3-none-<platform> and serves every CPython 3 version and PyPy. `make dist` then gives it
its manylinux tag with auditwheel.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools < 70.1
    from wheel.bdist_wheel import bdist_wheel

ROOT = Path(__file__).resolve().parent


def _cargo_version() -> str:
    """The version of `[package]` in Cargo.toml, the one place it is written (read with a
    regular expression: tomllib needs Python 3.11)."""
    text = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    package = re.search(r"^\[package\]$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    version = package and re.search(r'^version\s*=\s*"([^"]+)"', package.group(1), re.M)
    if not version:
        raise SystemExit("setup.py: no version in the [package] table of Cargo.toml")
    return version.group(1)


def _library_name() -> str:
    if sys.platform == "darwin":
        return "libgroggy.dylib"
    if sys.platform == "win32":
        return "groggy.dll"
    return "libgroggy.so"


def _cargo_target() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


class BuildWithCargo(build_py):
    def run(self):
        super().run()
        target = _cargo_target()
        cargo = os.environ.get("CARGO", "cargo")
        subprocess.run([cargo, "build", "--release", "--lib"], cwd=ROOT, check=True)
        package = Path(self.build_lib) / "groggy"
        package.mkdir(parents=True, exist_ok=True)
        library = package / _library_name()
        shutil.copy2(target / "release" / _library_name(), library)
        _strip(library)
        shutil.copy2(ROOT / "include" / "groggy.h", package / "groggy.h")


def _strip(library: Path) -> None:
    """Drops the debug info the release profile keeps for profiling (about nine tenths of
    the file); the exported `gr_*` symbols stay. `strip` comes with the linker cargo uses."""
    if sys.platform.startswith("linux"):
        subprocess.run(["strip", "--strip-unneeded", str(library)], check=True)
    elif sys.platform == "darwin":
        subprocess.run(["strip", "-x", str(library)], check=True)


class BinaryDistribution(Distribution):
    """Carries a native library, so it is installed as platform-specific."""

    def has_ext_modules(self):
        return True


class PlatformWheel(bdist_wheel):
    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", _manylinux(platform)


def _manylinux(platform: str) -> str:
    """`linux_<arch>` becomes `manylinux_2_<N>_<arch>` (PEP 600), N the newest glibc symbol
    version the library needs: the only system library it links is glibc, so that is the
    whole requirement, and pip installs the wheel from an index on any glibc >= 2.N.
    `make dist` checks the result with auditwheel. Without objdump the tag stays as is."""
    if not platform.startswith("linux_") or shutil.which("objdump") is None:
        return platform
    library = _cargo_target() / "release" / _library_name()
    symbols = subprocess.run(
        ["objdump", "-T", str(library)], check=True, capture_output=True, text=True
    ).stdout
    minors = [int(m) for m in re.findall(r"\(GLIBC_2\.(\d+)", symbols)]
    if not minors:
        return platform
    return f"manylinux_2_{max(minors)}_{platform[len('linux_') :]}"


setup(
    version=_cargo_version(),
    distclass=BinaryDistribution,
    cmdclass={"build_py": BuildWithCargo, "bdist_wheel": PlatformWheel},
)
