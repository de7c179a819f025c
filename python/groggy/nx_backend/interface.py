"""The backend object networkx loads (entry point ``networkx.backends``): the interface its
dispatcher calls (conversions, ``can_run``, ``should_run``, ``on_start_tests``) and, as
attributes, the implementations of the registry. A class rather than a module, so that no
helper imported here can pass for a networkx function."""

from __future__ import annotations

from typing import Any

import networkx as nx

from . import convert, xfails
from .registry import CHECKS, IMPLEMENTATIONS, SIGNATURES, Verdict


class BackendInterface:
    """What networkx calls on the ``groggy`` backend."""

    convert_from_nx = staticmethod(convert.convert_from_nx)
    convert_to_nx = staticmethod(convert.convert_to_nx)
    on_start_tests = staticmethod(xfails.on_start_tests)

    @staticmethod
    def can_run(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Verdict:
        """Whether groggy answers this call exactly as networkx would (else why not):
        the arguments as the caller gave them, before any conversion."""
        if name not in IMPLEMENTATIONS:
            return f"groggy does not implement {name}"
        try:
            bound = SIGNATURES[name].bind(*args, **kwargs)
        except TypeError as err:
            return f"the arguments are not networkx's: {err}"  # networkx raises the error
        bound.apply_defaults()
        arguments = bound.arguments
        G = arguments.get("G")
        if G is not None and G.is_multigraph():
            return "groggy graphs are not multigraphs"
        check = CHECKS.get(name)
        return True if check is None else check(arguments)

    @staticmethod
    def should_run(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Verdict:
        """Whether converting a networkx graph to groggy pays for this call (asked only
        when networkx converts on its own, through ``backend_priority``)."""
        G = args[0] if args else kwargs.get("G")
        config = getattr(nx.config.backends, "groggy", None)
        least: int = getattr(config, "min_size_for_auto", 0) or 0
        if isinstance(G, nx.Graph) and len(G) < least:
            return f"graphs under {least} nodes stay in networkx (min_size_for_auto)"
        return True


for _name, _implementation in IMPLEMENTATIONS.items():
    setattr(BackendInterface, _name, staticmethod(_implementation))

backend = BackendInterface()
