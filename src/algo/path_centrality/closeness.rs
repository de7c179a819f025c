//! Closeness and harmonic centrality, as networkx defines them: both measure a node by
//! the distances that reach it, so on a directed graph the search from each node follows
//! edges backwards (networkx reverses the graph for closeness, and sums `1 / d(v, u)` for
//! harmonic centrality of `u`).

use std::sync::Arc;

use super::search::{Edges, Scratch};
use super::{per_node, take, ScratchPool};
use crate::algo::NodeValues;
use crate::core::{Array, Cancel, GraphResult, SharedGraph};

/// The nodes a search reached with their distances, in settle order (the source first).
fn distances(scratch: &Scratch) -> impl Iterator<Item = f64> + '_ {
    scratch
        .order
        .iter()
        .map(move |&v| match scratch.hops.get(v as usize) {
            Some(&h) => f64::from(h),
            None => scratch.dist[v as usize],
        })
}

/// `value(scratch after a search from u)` for every node `u`, searching backwards.
fn by_incoming_distances(
    graph: &SharedGraph,
    weight: Option<&str>,
    cancel: &Cancel,
    value: impl Fn(&Scratch, usize) -> f64 + Sync,
) -> GraphResult<NodeValues> {
    let input = take(graph, weight, cancel)?;
    let csr = &input.csr;
    let n = csr.node_count();
    let backward = Edges {
        adjacency: csr.inp(),
        weights: input.weights.as_deref().map(|w| w.inp()),
    };
    let pool = ScratchPool::new(n, backward.weights.is_some(), false);
    let values = per_node(&pool, n, |scratch, u| {
        cancel.check()?;
        scratch.search::<false>(backward, u, cancel)?;
        Ok(value(scratch, n))
    })?;
    Ok(NodeValues {
        keys: Arc::clone(csr.keys()),
        values: Array::from_f64(values),
    })
}

/// Closeness centrality: `(r - 1) / Σ d` over the `r` nodes that reach a node, times
/// `(r - 1) / (n - 1)` when `wf_improved` (Wasserman and Faust's scaling for graphs that
/// are not connected); 0 when nothing reaches it.
pub fn closeness_centrality(
    graph: &SharedGraph,
    weight: Option<&str>,
    wf_improved: bool,
    cancel: &Cancel,
) -> GraphResult<NodeValues> {
    let weighted = weight.is_some();
    by_incoming_distances(graph, weight, cancel, |scratch, n| {
        // Hop counts summed as integers, as networkx sums them (exactly).
        let total = if weighted {
            distances(scratch).sum::<f64>()
        } else {
            scratch
                .order
                .iter()
                .map(|&v| u64::from(scratch.hops[v as usize]))
                .sum::<u64>() as f64
        };
        let reached = scratch.order.len() as f64;
        if !(total > 0.0 && n > 1) {
            return 0.0;
        }
        let mut closeness = (reached - 1.0) / total;
        if wf_improved {
            closeness *= (reached - 1.0) / (n as f64 - 1.0);
        }
        closeness
    })
}

/// Harmonic centrality: `Σ 1 / d(v, u)` over the nodes `v` that reach `u` at a distance
/// above 0.
pub fn harmonic_centrality(
    graph: &SharedGraph,
    weight: Option<&str>,
    cancel: &Cancel,
) -> GraphResult<NodeValues> {
    by_incoming_distances(graph, weight, cancel, |scratch, _| {
        distances(scratch)
            .filter(|&d| d != 0.0)
            .map(|d| 1.0 / d)
            .sum()
    })
}
