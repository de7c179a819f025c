//! Software prefetching for searches that know which nodes they will expand next (a BFS
//! queue, a batch of settled Dijkstra nodes). Each expansion reads a node's offsets, then
//! its entries: two dependent cache misses on a large graph. Asking for them a few nodes
//! ahead lets those reads overlap instead of waiting one after another.

use crate::core::{prefetch, Adjacency};

/// How many nodes ahead the offsets are fetched; the entries are fetched half as far
/// ahead, when their offsets have arrived.
const AHEAD: usize = 16;

/// Prefetches for the expansion of `queue[i + AHEAD]` (its offsets) and of
/// `queue[i + AHEAD / 2]` (its entries, and its weights when given), where `node` reads
/// the node out of a queue item.
#[inline(always)]
pub(crate) fn prefetch_entries<T>(
    adjacency: &Adjacency,
    queue: &[T],
    i: usize,
    node: impl Fn(&T) -> u32,
    weights: Option<&[f64]>,
) {
    if let Some(far) = queue.get(i + AHEAD) {
        prefetch(&adjacency.offsets[node(far) as usize]);
    }
    if let Some(near) = queue.get(i + AHEAD / 2) {
        let start = adjacency.offsets[node(near) as usize];
        prefetch(adjacency.nodes.as_ptr().wrapping_add(start));
        if let Some(weights) = weights {
            prefetch(weights.as_ptr().wrapping_add(start));
        }
    }
}
