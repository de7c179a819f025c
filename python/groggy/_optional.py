"""Optional packages (numpy, pandas) seen only once another thread has finished importing
them: groggy never imports them just to test a value's type."""

from __future__ import annotations

import sys
from types import ModuleType


def imported(name: str) -> ModuleType | None:
    """The module ``name`` when it is imported and done initialising, else None.

    While another thread is still running a module's import, ``sys.modules`` already holds
    the half-made module (its ``__spec__._initializing`` is set), and reading its names
    raises ``AttributeError``. A value of one of its types cannot exist before its import
    is done, so such a module is treated as not imported yet."""
    module = sys.modules.get(name)
    if module is None:
        return None
    if getattr(getattr(module, "__spec__", None), "_initializing", False):
        return None
    return module
