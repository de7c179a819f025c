"""Builds the wheel: compiles the Rust library with cargo and puts it, with the header that
describes it, inside the `groggy` package. The package has no CPython extension module
(the library is opened with cffi in ABI mode), so the wheel is tagged py3-none-<platform>
and serves every CPython 3 version and PyPy.
"""

import os
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


def _library_name() -> str:
    if sys.platform == "darwin":
        return "libgroggy.dylib"
    if sys.platform == "win32":
        return "groggy.dll"
    return "libgroggy.so"


class BuildWithCargo(build_py):
    def run(self):
        super().run()
        target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        cargo = os.environ.get("CARGO", "cargo")
        subprocess.run([cargo, "build", "--release", "--lib"], cwd=ROOT, check=True)
        package = Path(self.build_lib) / "groggy"
        package.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target / "release" / _library_name(), package / _library_name())
        shutil.copy2(ROOT / "include" / "groggy.h", package / "groggy.h")


class BinaryDistribution(Distribution):
    """Carries a native library, so it is installed as platform-specific."""

    def has_ext_modules(self):
        return True


class PlatformWheel(bdist_wheel):
    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(
    distclass=BinaryDistribution,
    cmdclass={"build_py": BuildWithCargo, "bdist_wheel": PlatformWheel},
)
