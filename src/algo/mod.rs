//! Algorithms. Each runs on an immutable CSR snapshot (`core::Csr`) taken under the
//! graph's read lock, then computes without any lock, checking its `Cancel` token every
//! few milliseconds. Results come back in compact-id (node) order with the snapshot's keys.

mod bfs;
mod bidirectional;
mod centrality;
mod clustering;
mod communities;
mod components;
mod connectivity;
mod dag;
mod dfs;
mod disjoint_sets;
mod filter_kruskal;
pub mod generators;
mod input;
mod pagerank;
mod path_centrality;
mod prefetch;
mod pull_rows;
mod radix_heap;
pub mod random;
mod scc;
mod search_tree;
mod shortest_path;
mod spanning_tree;
#[cfg(test)]
mod test_graphs;

pub use crate::core::Cancel;
pub use bfs::{bfs, bfs_layers, bfs_tree};
pub use bidirectional::bidirectional_shortest_path;
pub use centrality::{
    degree_centrality, eigenvector_centrality, hits, in_degree_centrality, katz_centrality,
    out_degree_centrality, EigenvectorOptions, HitsOptions, HitsValues, KatzOptions,
};
pub use clustering::{
    average_clustering, clustering, core_number, k_core, transitivity, triangles,
};
pub use communities::{
    asyn_lpa_communities, label_propagation_communities, louvain_communities, modularity,
    LouvainOptions, Weight,
};
pub use components::{component_labels, connected_components};
pub use connectivity::{
    has_path, is_connected, is_strongly_connected, number_connected_components,
};
pub use dag::{is_directed_acyclic_graph, topological_sort};
pub use dfs::{dfs, dfs_tree};
pub use pagerank::{pagerank, PageRankOptions};
pub use path_centrality::{
    betweenness_centrality, closeness_centrality, edge_betweenness_centrality, harmonic_centrality,
    BetweennessOptions, EdgeValues,
};
pub use scc::{strongly_connected_components, strongly_connected_components_found};
pub use search_tree::{PathTree, SearchOptions, SearchTree};
pub use shortest_path::{shortest_path, shortest_path_lengths, shortest_path_tree};
pub use spanning_tree::{
    minimum_spanning_edges, minimum_spanning_tree, EdgeKeys, SpanningAlgorithm, DEFAULT_WEIGHT,
};

use std::sync::Arc;

use crate::core::{Array, GraphResult, KeyList};

/// A value per node, aligned with `keys`.
#[derive(Debug)]
pub struct NodeValues {
    pub keys: Arc<KeyList>,
    pub values: Array,
}

/// Groups of nodes (components, layers), in the order the function giving them states
/// (components largest first, unless said otherwise): `keys` lists the nodes of group 0,
/// then of group 1, ..., and `sizes[i]` says how many belong to group `i`.
#[derive(Debug)]
pub struct NodeGroups {
    pub keys: KeyList,
    pub sizes: Vec<i64>,
}

/// The keys of compact ids, in that order.
fn keys_of(keys: &KeyList, ids: &[u32]) -> GraphResult<KeyList> {
    let list = ids.iter().map(|&c| keys.get(c as usize));
    Ok(KeyList::try_collect(list, ids.len())?)
}
