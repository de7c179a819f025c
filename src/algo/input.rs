//! What an algorithm needs from the live graph, taken under one read lock: the snapshot,
//! the compact ids of the nodes it starts from, and edge weights.

use std::sync::Arc;

use crate::core::{Cancel, Csr, EntryWeights, GraphResult, KeyRef, SharedGraph};

pub(crate) struct Input {
    pub csr: Arc<Csr>,
    /// Compact ids of the requested nodes, in request order.
    pub nodes: Vec<u32>,
    /// Compact ids of the optional nodes (`None` for keys not in the graph).
    pub optional: Vec<Option<u32>>,
    /// Weights laid out like the snapshot's entries, when a weight column was named.
    pub weights: Option<Arc<EntryWeights>>,
}

/// Takes the snapshot, finds `nodes` (`NodeNotFound` if one is missing) and reads the
/// weight column, all under one read lock, which is released on return.
pub(crate) fn take(
    graph: &SharedGraph,
    nodes: &[KeyRef<'_>],
    weight: Option<&str>,
    cancel: &Cancel,
) -> GraphResult<Input> {
    take_with_optional(graph, nodes, &[], weight, cancel)
}

/// `take`, also finding `optional` nodes, which may be missing.
pub(crate) fn take_with_optional(
    graph: &SharedGraph,
    nodes: &[KeyRef<'_>],
    optional: &[KeyRef<'_>],
    weight: Option<&str>,
    cancel: &Cancel,
) -> GraphResult<Input> {
    take_inner(graph, nodes, optional, weight, false, cancel)
}

/// `take_with_optional` for a weight name that is only a default (networkx's
/// `weight="weight"` of Louvain and modularity): when no edge has that column the result
/// is unweighted (`weights` is `None`) instead of an error. The check and the read share
/// one lock.
pub(crate) fn take_default_weight(
    graph: &SharedGraph,
    optional: &[KeyRef<'_>],
    weight: &str,
    cancel: &Cancel,
) -> GraphResult<Input> {
    take_inner(graph, &[], optional, Some(weight), true, cancel)
}

fn take_inner(
    graph: &SharedGraph,
    nodes: &[KeyRef<'_>],
    optional: &[KeyRef<'_>],
    weight: Option<&str>,
    weight_may_be_absent: bool,
    cancel: &Cancel,
) -> GraphResult<Input> {
    let guard = graph.read();
    let weight = weight.filter(|w| !weight_may_be_absent || guard.has_edge_attr(w));
    let indices = nodes
        .iter()
        .map(|&k| guard.require_node(k))
        .collect::<GraphResult<Vec<u32>>>()?;
    // Bad arguments are reported first; then a token triggered before the call stops it
    // at once, however quick the call would be.
    cancel.check()?;
    let optional_indices: Vec<Option<u32>> =
        optional.iter().map(|&k| guard.node_index(k)).collect();
    let csr = graph.snapshot_of(&guard, cancel)?;
    let weights = weight.map(|w| csr.entry_weights(&guard, w)).transpose()?;
    drop(guard);
    let nodes = indices
        .iter()
        .map(|&n| csr.compact_id(n).expect("a live node is in the snapshot"))
        .collect();
    let optional = optional_indices
        .into_iter()
        .map(|i| i.and_then(|i| csr.compact_id(i)))
        .collect();
    Ok(Input {
        csr,
        nodes,
        optional,
        weights,
    })
}
