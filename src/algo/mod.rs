//! Algorithms. Each runs on an immutable CSR snapshot (`core::Csr`) taken under the
//! graph's read lock, then computes without any lock, checking its `Cancel` token every
//! few milliseconds. Results come back in compact-id (node) order with the snapshot's keys.

mod bfs;
mod components;
mod dfs;
pub mod generators;
mod input;
mod pagerank;
mod prefetch;
mod radix_heap;
pub mod random;
mod scc;
mod shortest_path;

pub use crate::core::Cancel;
pub use bfs::bfs;
pub use components::{component_labels, connected_components};
pub use dfs::dfs;
pub use pagerank::{pagerank, PageRankOptions};
pub use scc::strongly_connected_components;
pub use shortest_path::{shortest_path, shortest_path_lengths};

use std::sync::Arc;

use crate::core::{Array, GraphResult, KeyList};

/// A value per node, aligned with `keys`.
#[derive(Debug)]
pub struct NodeValues {
    pub keys: Arc<KeyList>,
    pub values: Array,
}

/// Groups of nodes (components), largest first: `keys` lists the nodes of group 0, then of
/// group 1, ..., each in node order, and `sizes[i]` says how many belong to group `i`.
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
