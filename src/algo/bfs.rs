//! Breadth-first search: visit order (networkx's `bfs_edges` order, source first) and
//! distances in hops.

use super::prefetch::prefetch_entries;
use super::{input, keys_of};
use crate::core::fallible::{filled, with_capacity};
use crate::core::{Cancel, CHECK_EVERY};
use crate::core::{Csr, GraphResult, KeyList, KeyRef, SharedGraph};

/// Nodes reached from `source` in breadth-first order, up to `depth_limit` hops (all when
/// `None`; 0 gives the source alone). Neighbours are taken in edge order (successors when
/// directed).
pub fn bfs(
    graph: &SharedGraph,
    source: KeyRef<'_>,
    depth_limit: Option<usize>,
    cancel: &Cancel,
) -> GraphResult<KeyList> {
    let input = input::take(graph, &[source], None, cancel)?;
    let (order, _) = levels(&input.csr, input.nodes[0], depth_limit, cancel)?;
    keys_of(input.csr.keys(), &order)
}

/// Breadth-first visit order from `source` and the hop count of each visited node.
pub(crate) fn levels(
    csr: &Csr,
    source: u32,
    depth_limit: Option<usize>,
    cancel: &Cancel,
) -> GraphResult<(Vec<u32>, Vec<i64>)> {
    let limit = depth_limit.unwrap_or(usize::MAX);
    let mut seen = filled(csr.node_count(), false)?;
    seen[source as usize] = true;
    // `order` doubles as the queue: nodes of one level, then the next.
    // Room for every node up front (reserved fallibly, like every per-node buffer).
    let mut order = with_capacity(csr.node_count())?;
    let mut depth = with_capacity(csr.node_count())?;
    order.push(source);
    depth.push(0i64);
    let (mut head, mut level) = (0, 0usize);
    while head < order.len() && level < limit {
        let level_end = order.len();
        level += 1;
        while head < level_end {
            if head % CHECK_EVERY == 0 {
                cancel.check()?;
            }
            prefetch_entries(&csr.out, &order, head, |&u| u, None);
            for &v in csr.out.neighbors(order[head]) {
                if !seen[v as usize] {
                    seen[v as usize] = true;
                    order.push(v);
                    depth.push(level as i64);
                }
            }
            head += 1;
        }
    }
    Ok((order, depth))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{GraphCore, NodeKey};

    #[test]
    fn visits_level_by_level_in_edge_order() {
        let mut g = GraphCore::new(true);
        for (u, v) in [(0, 2), (0, 1), (1, 3), (2, 3), (3, 4)] {
            g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[]).unwrap();
        }
        let shared = SharedGraph::new(g);
        let order = |limit| {
            bfs(&shared, KeyRef::Int(0), limit, &Cancel::new())
                .unwrap()
                .to_node_keys()
        };
        let ints = |v: &[i64]| v.iter().map(|&i| NodeKey::Int(i)).collect::<Vec<_>>();
        assert_eq!(order(None), ints(&[0, 2, 1, 3, 4]));
        assert_eq!(order(Some(1)), ints(&[0, 2, 1]));
        assert_eq!(order(Some(0)), ints(&[0]));
    }
}
