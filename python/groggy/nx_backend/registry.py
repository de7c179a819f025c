"""The one registry of the networkx functions groggy implements: each implementation with
networkx's signature, the check that says whether it can answer a given call, and a count
of the calls that really ran in groggy.

``implements(name)`` registers a function under its networkx dispatch name; the backend
class takes its attributes from here (``interface.py``), and ``_groggy_nx.FUNCTIONS`` (what
networkx reads at import) must list the same names (checked when the package loads).
"""

from __future__ import annotations

import functools
import inspect
from collections import Counter
from collections.abc import Mapping
from typing import Any, Callable, Union

#: A check's answer: True, or why groggy cannot answer the call (networkx logs it).
Verdict = Union[bool, str]
Check = Callable[[Mapping[str, Any]], Verdict]

#: name -> the function networkx calls (the implementation, counting its calls).
IMPLEMENTATIONS: dict[str, Callable[..., Any]] = {}
#: name -> the implementation's signature: networkx's, to bind the arguments can_run sees.
SIGNATURES: dict[str, inspect.Signature] = {}
#: name -> ``check(arguments)``, given every parameter (defaults applied) by name.
CHECKS: dict[str, Check] = {}
#: name -> how many calls returned a result computed in groggy (in this process).
calls: Counter[str] = Counter()


def implements(name: str, *, check: Check | None = None) -> Callable[[Callable], Callable]:
    """Registers the decorated function as groggy's implementation of networkx's ``name``.
    It must have networkx's parameters (names, order, defaults, keyword-only markers).
    ``check`` refuses the calls it cannot answer exactly as networkx would."""

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        if name in IMPLEMENTATIONS:
            raise RuntimeError(f"groggy.nx_backend: {name!r} is implemented twice")

        @functools.wraps(function)
        def counted(*args: Any, **kwargs: Any) -> Any:
            result = function(*args, **kwargs)
            calls[name] += 1
            return result

        IMPLEMENTATIONS[name] = counted
        SIGNATURES[name] = inspect.signature(function)
        if check is not None:
            CHECKS[name] = check
        return function

    return register
