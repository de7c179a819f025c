"""What networkx learns about groggy's backend when it is imported.

networkx calls ``get_info()`` (entry point ``networkx.backend_info``) while ``import
networkx`` runs, before its algorithms exist. So this package imports only the standard
library: loading anything under ``groggy`` would open the native library for every
program that imports networkx. ``FUNCTIONS`` is the one list of the networkx functions
groggy answers; ``groggy.nx_backend`` checks at import that it implements exactly these.
"""

from __future__ import annotations

from typing import Any

#: Dispatch names (``nx.<function>.name``) -> what networkx adds to their docstrings. An
#: empty dict adds only "groggy" to the function's backends.
FUNCTIONS: dict[str, dict[str, str]] = {
    # link analysis
    "pagerank": {"additional_docs": "Runs in groggy unless `nstart` or `dangling` is given."},
    # traversal
    "bfs_edges": {"additional_docs": "Runs in groggy without `sort_neighbors`."},
    "bfs_layers": {},
    "bfs_predecessors": {"additional_docs": "Runs in groggy without `sort_neighbors`."},
    "bfs_successors": {"additional_docs": "Runs in groggy without `sort_neighbors`."},
    "bfs_tree": {"additional_docs": "Runs in groggy without `sort_neighbors`."},
    "descendants_at_distance": {},
    "dfs_edges": {"additional_docs": "Runs in groggy without `sort_neighbors`."},
    "dfs_postorder_nodes": {"additional_docs": "Runs in groggy without `sort_neighbors`."},
    "dfs_predecessors": {"additional_docs": "Runs in groggy without `sort_neighbors`."},
    "dfs_preorder_nodes": {"additional_docs": "Runs in groggy without `sort_neighbors`."},
    "dfs_successors": {"additional_docs": "Runs in groggy without `sort_neighbors`."},
    "dfs_tree": {"additional_docs": "Runs in groggy without `sort_neighbors`."},
    # DAGs
    "descendants": {},
    "is_directed_acyclic_graph": {},
    "topological_sort": {
        "additional_docs": "groggy sorts a copy: changing `G` while iterating is not detected."
    },
    # shortest paths
    "all_pairs_dijkstra": {},
    "all_pairs_dijkstra_path": {},
    "all_pairs_dijkstra_path_length": {},
    "all_pairs_shortest_path": {},
    "all_pairs_shortest_path_length": {},
    "bidirectional_shortest_path": {},
    "dijkstra_path": {},
    "dijkstra_path_length": {},
    "has_path": {},
    "shortest_path_length": {
        "additional_docs": "Runs in groggy except with `method='bellman-ford'` on weights, "
        "or a `target` without `source` on a directed graph."
    },
    "shortest_path": {
        "additional_docs": "Runs in groggy except with `weight` and both `source` and `target` "
        "(networkx's bidirectional Dijkstra), `method='bellman-ford'` on weights, or a "
        "`target` without `source` on a directed graph."
    },
    "single_source_dijkstra": {},
    "single_source_dijkstra_path": {},
    "single_source_dijkstra_path_length": {},
    "single_source_shortest_path": {},
    "single_source_shortest_path_length": {},
    # components
    "connected_components": {},
    "is_connected": {},
    "is_strongly_connected": {},
    "is_weakly_connected": {},
    "node_connected_component": {},
    "number_connected_components": {},
    "number_strongly_connected_components": {},
    "number_weakly_connected_components": {},
    "strongly_connected_components": {},
    "weakly_connected_components": {},
    # centrality
    "betweenness_centrality": {
        "additional_docs": "Runs in groggy for positive weights; with `k`, from the sample "
        "networkx draws from `seed`."
    },
    "closeness_centrality": {"additional_docs": "Runs in groggy for every node (`u=None`)."},
    "degree_centrality": {},
    "edge_betweenness_centrality": {
        "additional_docs": "Runs in groggy for positive weights; with `k`, from the sample "
        "networkx draws from `seed`."
    },
    "eigenvector_centrality": {"additional_docs": "Runs in groggy unless `nstart` is given."},
    "harmonic_centrality": {
        "additional_docs": "Runs in groggy for every node (`nbunch` and `sources` None)."
    },
    "in_degree_centrality": {},
    "katz_centrality": {"additional_docs": "Runs in groggy unless `nstart` is given."},
    "out_degree_centrality": {},
    # communities
    "asyn_lpa_communities": {
        "additional_docs": "Runs in groggy without a `seed` only: groggy draws its own "
        "random numbers, so a seeded call is left to networkx."
    },
    "label_propagation_communities": {},
    "louvain_communities": {
        "additional_docs": "Runs in groggy without a `seed` and `max_level` only: groggy "
        "draws its own random numbers, so a seeded call is left to networkx."
    },
    "modularity": {},
    # clustering and cores
    "average_clustering": {},
    "clustering": {},
    "core_number": {},
    "k_core": {
        "additional_docs": "Runs in groggy without `core_number` and when `G.graph` is empty."
    },
    "transitivity": {},
    "triangles": {},
    # spanning trees
    "minimum_spanning_edges": {
        "additional_docs": "Runs in groggy with `algorithm='kruskal'` and `ignore_nan=False`."
    },
    "minimum_spanning_tree": {
        "additional_docs": "Runs in groggy with `algorithm='kruskal'`, `ignore_nan=False` "
        "and an empty `G.graph`."
    },
    # generators
    "complete_graph": {"additional_docs": "Runs in groggy for an int `n`."},
    "cycle_graph": {"additional_docs": "Runs in groggy for an int `n`."},
    "path_graph": {"additional_docs": "Runs in groggy for an int `n`."},
    "star_graph": {"additional_docs": "Runs in groggy for an int `n`."},
}

#: The backend's settings, read as ``nx.config.backends.groggy.<name>``.
DEFAULT_CONFIG: dict[str, Any] = {
    # With NETWORKX_BACKEND_PRIORITY (automatic conversion), graphs with fewer nodes than
    # this stay in networkx: converting a tiny graph costs more than it saves.
    "min_size_for_auto": 0,
}


def get_info() -> dict[str, Any]:
    """The ``networkx.backend_info`` entry point: networkx's description of the backend."""
    return {
        "backend_name": "groggy",
        "project": "groggy",
        "package": "groggy",
        "short_summary": "A fast, thread-friendly graph engine in Rust.",
        "description": "Runs networkx functions on groggy's engine; results as networkx's.",
        "functions": {name: dict(info) for name, info in FUNCTIONS.items()},
        "default_config": dict(DEFAULT_CONFIG),
    }
