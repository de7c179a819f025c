//! Node order for cache locality, for algorithms that pull along incoming edges every
//! iteration (PageRank): each entry reads a score of the node at its other end, so the
//! scores read most often (those of nodes with the most outgoing edges) should share cache
//! lines. When a graph's own order scatters them (random ids, as generators and hashed
//! keys give), the snapshot makes a relabelled copy of its pull rows, nodes by descending
//! out-degree; when the graph's order already packs them (crawl orders, small graphs) it
//! does not, as relabelling would then cost a pass over the edges and memory for nothing.
//!
//! Measured with scipy's SpMV at R-MAT scale 20 with random ids, the relabelled rows take
//! 0.65x the time; on cnr-2000 and uk-2007-05-100000 (crawl orders) it gains within noise.

use std::sync::Arc;

use parking_lot::Mutex;

use super::{fill_rows, Adjacency, Csr, PREFETCH_NODES_AHEAD};
use crate::core::cancel::Cancel;
use crate::core::error::GraphResult;
use crate::core::fallible::{filled, with_capacity};
use crate::core::prefetch::prefetch;

/// Scores of this many nodes (8-byte floats) fill a 1 MiB level-2 cache: the hot set an
/// iteration should find there.
const HOT_NODES: usize = 1 << 17;
/// 8-byte scores per 64-byte cache line.
const NODES_PER_LINE: usize = 8;
/// Relabel when the hot set's scores spread over at least this many times the lines they
/// would fill packed (random ids on 2^20 nodes: 5.2; cnr-2000: 1.6).
const SPREAD_WORTH_RELABELLING: usize = 3;

/// A snapshot's pull rows with nodes relabelled by descending out-degree.
#[derive(Debug)]
pub struct PullOrder {
    /// The compact id of each new id (ties keep compact order).
    pub order: Vec<u32>,
    /// Row `r` lists the entries of the snapshot's incoming row `order[r]` (every entry
    /// when undirected), in the same order, each by its node's new id.
    pub inp: Adjacency,
}

/// What a snapshot knows of its pull order: not looked at yet, not worth it, or made.
#[derive(Debug, Default)]
pub(super) struct PullOrderCache(Mutex<Option<Option<Arc<PullOrder>>>>);

impl Csr {
    /// The pull rows relabelled for locality, if this snapshot's node order scatters its
    /// most read nodes; made on first use and kept with the snapshot.
    pub fn pull_order(&self, cancel: &Cancel) -> GraphResult<Option<Arc<PullOrder>>> {
        let mut cached = self.pull_order.0.lock();
        if let Some(known) = &*cached {
            return Ok(known.clone());
        }
        let made = if self.node_count() <= HOT_NODES {
            None // every score fits in the cache whatever the order
        } else {
            let order = by_out_degree(&self.out)?;
            match scatters_hot_nodes(&order)? {
                true => Some(Arc::new(PullOrder::relabel(self.inp(), order, cancel)?)),
                false => None,
            }
        };
        *cached = Some(made.clone());
        Ok(made)
    }
}

impl PullOrder {
    /// `rows` relabelled by `order` (new id -> compact id).
    pub fn relabel(rows: &Adjacency, order: Vec<u32>, cancel: &Cancel) -> GraphResult<PullOrder> {
        let n = order.len();
        let mut new_id = filled(n, 0u32)?;
        for (r, &c) in order.iter().enumerate() {
            new_id[c as usize] = r as u32;
        }
        let mut offsets = with_capacity(n + 1)?;
        offsets.push(0);
        let mut total = 0;
        for &c in &order {
            total += rows.degree(c);
            offsets.push(total);
        }
        let mut nodes = filled(total, 0u32)?;
        let ahead = |coming: &[u32]| {
            // Rows are read out of order: ask for the row a few nodes on, and for where
            // the rows further on start.
            if let Some(&c) = coming.get(PREFETCH_NODES_AHEAD) {
                prefetch(rows.nodes.as_ptr().wrapping_add(rows.offsets[c as usize]));
            }
            if let Some(&c) = coming.get(2 * PREFETCH_NODES_AHEAD) {
                prefetch(rows.offsets.as_ptr().wrapping_add(c as usize));
            }
        };
        fill_rows(&offsets, &order, &mut nodes, cancel, ahead, |c, slots| {
            debug_assert_eq!(slots.len(), rows.degree(c));
            for (slot, &u) in slots.iter_mut().zip(rows.neighbors(c)) {
                *slot = new_id[u as usize];
            }
        });
        cancel.check()?;
        Ok(PullOrder {
            order,
            inp: Adjacency { offsets, nodes },
        })
    }
}

/// Compact ids by descending out-degree, ties in compact order (a counting sort).
fn by_out_degree(out: &Adjacency) -> GraphResult<Vec<u32>> {
    let n = out.offsets.len() - 1;
    let most = (0..n as u32).map(|c| out.degree(c)).max().unwrap_or(0);
    // Nodes of out-degree d go from slot `starts[most - d]` on.
    let mut starts = filled(most + 2, 0usize)?;
    for c in 0..n as u32 {
        starts[most - out.degree(c) + 1] += 1;
    }
    for d in 1..starts.len() {
        starts[d] += starts[d - 1];
    }
    let mut order = filled(n, 0u32)?;
    for c in 0..n as u32 {
        let slot = &mut starts[most - out.degree(c)];
        order[*slot] = c;
        *slot += 1;
    }
    Ok(order)
}

/// Whether the `HOT_NODES` most read nodes (the first of `order`) spread over enough more
/// cache lines in compact order than they would fill packed.
fn scatters_hot_nodes(order: &[u32]) -> GraphResult<bool> {
    if order.len() <= HOT_NODES {
        return Ok(false); // every score fits in the cache whatever the order
    }
    let mut touched = filled(order.len().div_ceil(NODES_PER_LINE), false)?;
    let mut lines = 0;
    for &c in &order[..HOT_NODES] {
        let line = &mut touched[c as usize / NODES_PER_LINE];
        lines += usize::from(!*line);
        *line = true;
    }
    Ok(lines >= SPREAD_WORTH_RELABELLING * HOT_NODES / NODES_PER_LINE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lists: &[&[u32]]) -> Adjacency {
        let mut offsets = vec![0];
        let mut nodes = Vec::new();
        for list in lists {
            nodes.extend_from_slice(list);
            offsets.push(nodes.len());
        }
        Adjacency { offsets, nodes }
    }

    #[test]
    fn nodes_go_by_descending_out_degree_ties_in_order() {
        let out = rows(&[&[1], &[0, 2, 3], &[], &[0, 1, 2], &[0]]);
        assert_eq!(by_out_degree(&out).unwrap(), vec![1, 3, 0, 4, 2]);
    }

    #[test]
    fn relabelled_rows_keep_each_rows_entries_in_order() {
        let inp = rows(&[&[2, 1], &[], &[0, 0, 1]]);
        let relabelled = PullOrder::relabel(&inp, vec![2, 0, 1], &Cancel::new()).unwrap();
        // New ids: 2 -> 0, 0 -> 1, 1 -> 2.
        assert_eq!(relabelled.inp.offsets, vec![0, 3, 5, 5]);
        assert_eq!(relabelled.inp.nodes, vec![1, 1, 2, 0, 2]);
        let cancel = Cancel::new();
        cancel.trigger();
        assert!(PullOrder::relabel(&inp, vec![2, 0, 1], &cancel).is_err());
    }

    #[test]
    fn only_scattered_hot_sets_past_the_cache_are_relabelled() {
        let n = 8 * HOT_NODES;
        let packed: Vec<u32> = (0..n as u32).collect();
        assert!(!scatters_hot_nodes(&packed).unwrap());
        // Every hot node on a line of its own (only the hot ones matter).
        let spread: Vec<u32> = (0..n as u32).map(|i| (i * 8) % n as u32).collect();
        assert!(scatters_hot_nodes(&spread).unwrap());
        assert!(!scatters_hot_nodes(&spread[..HOT_NODES]).unwrap());
    }
}
