"""groggy as a networkx backend: ``nx.pagerank(G, backend="groggy")``, or any networkx code
under ``NETWORKX_BACKEND_PRIORITY=groggy``, or a ``groggy.Graph`` given to networkx.

networkx loads ``backend`` (entry point ``networkx.backends``) the first time it dispatches
to groggy. Each module here implements one family of networkx functions, with networkx's
signatures, results and exceptions (``registry.implements``); ``interface`` is the object
networkx calls. The names networkx is told about at import (``_groggy_nx.FUNCTIONS``) and
the implementations must be the same: checked here, when the backend is loaded.
"""

from __future__ import annotations

from _groggy_nx import FUNCTIONS

from . import (  # noqa: F401 (each registers its functions)
    breadth_first,
    centrality,
    clustering,
    communities,
    components,
    cores,
    dag,
    depth_first,
    generators,
    link_analysis,
    paths,
    shortest_paths,
    spanning_trees,
    traversal,
)
from .interface import BackendInterface, backend
from .registry import IMPLEMENTATIONS, calls


def _check_registry() -> None:
    listed, implemented = set(FUNCTIONS), set(IMPLEMENTATIONS)
    if listed != implemented:
        raise ImportError(
            "groggy.nx_backend: _groggy_nx.FUNCTIONS and the implementations differ: "
            f"listed only {sorted(listed - implemented)}, "
            f"implemented only {sorted(implemented - listed)}"
        )


_check_registry()

__all__ = ["BackendInterface", "backend", "calls"]
