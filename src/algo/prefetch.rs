//! Software prefetching for searches that know which nodes they will expand next (a BFS
//! queue, a batch of settled Dijkstra nodes, a settle order walked backwards). Each expansion reads a node's offsets, then
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
    let far = queue.get(i + AHEAD).map(&node);
    let near = queue.get(i + AHEAD / 2).map(&node);
    prefetch_rows(adjacency, far, near, weights);
}

/// As `prefetch_entries` for a walk down `queue` (from its end): prefetches for
/// `queue[i - AHEAD]` and `queue[i - AHEAD / 2]`.
#[inline(always)]
pub(crate) fn prefetch_entries_before(
    adjacency: &Adjacency,
    queue: &[u32],
    i: usize,
    weights: Option<&[f64]>,
) {
    let far = i.checked_sub(AHEAD).map(|j| queue[j]);
    let near = i.checked_sub(AHEAD / 2).map(|j| queue[j]);
    prefetch_rows(adjacency, far, near, weights);
}

/// Prefetches the offsets of node `far` and the entries (and weights) of node `near`.
#[inline(always)]
fn prefetch_rows(
    adjacency: &Adjacency,
    far: Option<u32>,
    near: Option<u32>,
    weights: Option<&[f64]>,
) {
    if let Some(far) = far {
        prefetch(&adjacency.offsets[far as usize]);
    }
    if let Some(near) = near {
        let start = adjacency.offsets[near as usize];
        prefetch(adjacency.nodes.as_ptr().wrapping_add(start));
        if let Some(weights) = weights {
            prefetch(weights.as_ptr().wrapping_add(start));
        }
    }
}
