//! Closeness and harmonic centrality, as networkx defines them: both measure a node by
//! the distances that reach it, so on a directed graph the search from each node follows
//! edges backwards (networkx reverses the graph for closeness, and sums `1 / d(v, u)` for
//! harmonic centrality of `u`).

use std::sync::Arc;

use super::leaves::{fold_leaves, NOT_FOLDED};
use super::search::{Edges, Scratch};
use super::{per_node, take, ScratchPool};
use crate::algo::NodeValues;
use crate::core::fallible::collected;
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

/// `value(scratch after a search from u)` for every node `u`, searching backwards. On an
/// undirected unweighted graph, a leaf's search is folded into its neighbour's (see
/// `leaves`): `leaf(scratch after a search from p)` is the value of every leaf of `p`.
fn by_incoming_distances(
    graph: &SharedGraph,
    weight: Option<&str>,
    cancel: &Cancel,
    value: impl Fn(&Scratch, usize) -> f64 + Sync,
    leaf: impl Fn(&Scratch, usize) -> f64 + Sync,
) -> GraphResult<NodeValues> {
    let input = take(graph, &[], weight, cancel)?;
    let csr = &input.csr;
    let n = csr.node_count();
    let backward = Edges {
        adjacency: csr.inp(),
        weights: input.weights.as_deref().map(|w| w.inp()),
    };
    let folded = (!csr.is_directed() && backward.weights.is_none()).then(|| fold_leaves(csr));
    let is_folded = |u: u32| {
        folded
            .as_ref()
            .is_some_and(|f| f.folded_into[u as usize] != NOT_FOLDED)
    };
    let pool = ScratchPool::new(n, backward.weights.is_some(), false);
    // Per node: its value and, when leaves are folded into its search, theirs.
    let found = per_node(&pool, n, |scratch, u| {
        cancel.check()?;
        if is_folded(u) {
            return Ok((0.0, 0.0));
        }
        scratch.search::<false>(backward, u, cancel)?;
        let has_leaves = folded.as_ref().is_some_and(|f| f.leaves[u as usize] > 0);
        let leaves = if has_leaves { leaf(scratch, n) } else { 0.0 };
        Ok((value(scratch, n), leaves))
    })?;
    let values = (0..n as u32).map(|u| match &folded {
        Some(f) if is_folded(u) => found[f.folded_into[u as usize] as usize].1,
        _ => found[u as usize].0,
    });
    Ok(NodeValues {
        keys: Arc::clone(csr.keys()),
        values: Array::from_f64(collected(values)?),
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
    // Hop counts summed as integers, as networkx sums them (exactly), a level at a time.
    let hop_sum = |scratch: &Scratch| -> u64 {
        let levels = scratch.level_sizes();
        levels
            .map(|(hops, nodes)| u64::from(hops) * nodes as u64)
            .sum()
    };
    let closeness = move |reached: f64, total: f64, n: usize| {
        if !(total > 0.0 && n > 1) {
            return 0.0;
        }
        let mut closeness = (reached - 1.0) / total;
        if wf_improved {
            closeness *= (reached - 1.0) / (n as f64 - 1.0);
        }
        closeness
    };
    by_incoming_distances(
        graph,
        weight,
        cancel,
        |scratch, n| {
            let total = if weighted {
                distances(scratch).sum::<f64>()
            } else {
                hop_sum(scratch) as f64
            };
            closeness(scratch.order.len() as f64, total, n)
        },
        // A leaf of `p` reaches what `p` reaches, each one hop further, and `p` in one:
        // `Σ d = Σ d_p + reached - 2` (`d_p` counts the leaf itself as 1).
        |scratch, n| {
            let reached = scratch.order.len();
            let total = hop_sum(scratch) + reached as u64 - 2;
            closeness(reached as f64, total as f64, n)
        },
    )
}

/// Harmonic centrality: `Σ 1 / d(v, u)` over the nodes `v` that reach `u` at a distance
/// above 0.
pub fn harmonic_centrality(
    graph: &SharedGraph,
    weight: Option<&str>,
    cancel: &Cancel,
) -> GraphResult<NodeValues> {
    // Unweighted, `1 / d` is the same for a whole level: one division per level.
    let reciprocals = |scratch: &Scratch, offset: f64| -> f64 {
        if weight.is_some() {
            let far = distances(scratch).filter(|&d| d != 0.0);
            far.map(|d| 1.0 / (d + offset)).sum()
        } else {
            let far = scratch.level_sizes().skip(1);
            far.map(|(hops, nodes)| nodes as f64 / (f64::from(hops) + offset))
                .sum()
        }
    };
    by_incoming_distances(
        graph,
        weight,
        cancel,
        |scratch, _| reciprocals(scratch, 0.0),
        // A leaf of `p`: 1 for `p`, and `1 / (d_p + 1)` for every other node `p` reaches
        // but the leaf itself (at `d_p = 1`).
        |scratch, _| 1.0 + reciprocals(scratch, 1.0) - 0.5,
    )
}
