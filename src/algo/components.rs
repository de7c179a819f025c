//! Connected components (weak components when directed), by union-find over the edges,
//! numbered largest first.

use super::disjoint_sets::DisjointSets;
use super::{input, NodeGroups, NodeValues};
use crate::core::fallible::{collected, filled};
use crate::core::{Array, Csr, GraphResult, KeyList, SharedGraph};
use crate::core::{Cancel, CHECK_EVERY};

/// The components of a graph, largest first (ties: the one whose first node comes first),
/// each listing its nodes in node order.
pub fn connected_components(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<NodeGroups> {
    let input = input::take(graph, &[], None, cancel)?;
    let raw = weak_labels(&input.csr, cancel)?;
    Ok(rank_groups(&input.csr, &raw)?.1)
}

/// Each node's component number, as numbered by `connected_components`.
pub fn component_labels(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<NodeValues> {
    let input = input::take(graph, &[], None, cancel)?;
    let raw = weak_labels(&input.csr, cancel)?;
    let (labels, _) = rank_groups(&input.csr, &raw)?;
    Ok(NodeValues {
        keys: input.csr.keys().clone(),
        values: Array::from_i64(labels),
    })
}

/// A representative per node: nodes share one exactly when an undirected path joins them.
fn weak_labels(csr: &Csr, cancel: &Cancel) -> GraphResult<Vec<u32>> {
    let n = csr.node_count();
    let mut sets = DisjointSets::new(n)?;
    for u in 0..n as u32 {
        if u as usize % CHECK_EVERY == 0 {
            cancel.check()?;
        }
        for &v in csr.out.neighbors(u) {
            sets.union(u, v);
        }
    }
    Ok(collected((0..n as u32).map(|u| sets.find(u)))?)
}

/// Numbers the groups of `raw` (any label per node) largest first, ties by first node;
/// returns each node's number and the groups' nodes.
pub(crate) fn rank_groups(csr: &Csr, raw: &[u32]) -> GraphResult<(Vec<i64>, NodeGroups)> {
    let n = raw.len();
    // Dense group ids in order of first appearance.
    let mut dense = filled(n, u32::MAX)?;
    let mut sizes: Vec<usize> = Vec::new();
    let ids = collected(raw.iter().map(|&r| {
        if dense[r as usize] == u32::MAX {
            dense[r as usize] = sizes.len() as u32;
            sizes.push(0);
        }
        let id = dense[r as usize];
        sizes[id as usize] += 1;
        id
    }))?;
    drop(dense);
    let mut order = collected(0..sizes.len() as u32)?;
    order.sort_by_key(|&g| (std::cmp::Reverse(sizes[g as usize]), g));
    let mut rank = filled(sizes.len(), 0u32)?;
    for (r, &g) in order.iter().enumerate() {
        rank[g as usize] = r as u32;
    }
    let labels = collected(ids.iter().map(|&g| rank[g as usize] as i64))?;
    // Nodes grouped by rank, in node order within a group (a counting sort).
    let mut start = filled(sizes.len() + 1, 0usize)?;
    for (r, &g) in order.iter().enumerate() {
        start[r + 1] = start[r] + sizes[g as usize];
    }
    let mut grouped = filled(n, 0u32)?;
    for (c, &label) in labels.iter().enumerate() {
        grouped[start[label as usize]] = c as u32;
        start[label as usize] += 1;
    }
    let keys = KeyList::try_collect(grouped.iter().map(|&c| csr.keys().get(c as usize)), n)?;
    let sizes = collected(order.iter().map(|&g| sizes[g as usize] as i64))?;
    Ok((labels, NodeGroups { keys, sizes }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{AttrValue, GraphCore, KeyRef};

    #[test]
    fn components_are_weak_and_largest_first() {
        let mut g = GraphCore::new(true);
        for (u, v) in [(5, 6), (1, 2), (3, 2), (2, 4)] {
            g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[]).unwrap();
        }
        g.add_node(KeyRef::Int(7), &[]).unwrap();
        let shared = SharedGraph::new(g);
        let groups = connected_components(&shared, &Cancel::new()).unwrap();
        assert_eq!(groups.sizes, vec![4, 2, 1]);
        assert_eq!(groups.keys.get(0), KeyRef::Int(1));
        assert_eq!(groups.keys.get(4), KeyRef::Int(5));
        let labels = component_labels(&shared, &Cancel::new()).unwrap();
        assert_eq!(labels.values.get(0), AttrValue::Int64(1)); // node 5
        assert_eq!(labels.values.get(2), AttrValue::Int64(0)); // node 1
    }
}
