//! Breadth-first search: visit order (networkx's `bfs_edges` order, source first),
//! distances in hops, and the search tree (the edge each node was reached by).

use super::prefetch::prefetch_entries;
use super::search_tree::{SearchOptions, SearchTree};
use super::{input, keys_of, NodeGroups};
use crate::core::fallible::{filled, with_capacity};
use crate::core::{Adjacency, Cancel, CHECK_EVERY};
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

/// The breadth-first search tree from `source`, as networkx's `bfs_edges` (its
/// `generic_bfs_edges`) walks it: the source, then each node's neighbours not reached yet,
/// in edge order, level by level, each with the node it was reached from. Neighbours are
/// successors when directed, or predecessors with `options.reverse`; the search stops
/// `options.depth_limit` edges away from the source.
pub fn bfs_tree(
    graph: &SharedGraph,
    source: KeyRef<'_>,
    options: &SearchOptions,
    cancel: &Cancel,
) -> GraphResult<SearchTree> {
    let input = input::take(graph, &[source], None, cancel)?;
    let csr = &input.csr;
    let adjacency = if options.reverse { csr.inp() } else { &csr.out };
    let walk = tree(csr, adjacency, input.nodes[0], options.depth_limit, cancel)?;
    SearchTree::of(csr.keys(), &walk.order, &walk.parents, &[])
}

/// The layers of a breadth-first search from all of `sources` at once, as networkx's
/// `bfs_layers`: layer 0 holds the sources (in the order given, a repeated one once), each
/// next layer the successors of the one before that no layer holds yet, in edge order.
/// `keys` lists layer 0, then layer 1, ...; `sizes` how many nodes each holds.
/// `NodeNotFound` for a source not in the graph.
pub fn bfs_layers(
    graph: &SharedGraph,
    sources: &[KeyRef<'_>],
    cancel: &Cancel,
) -> GraphResult<NodeGroups> {
    let input = input::take(graph, sources, None, cancel)?;
    let csr = &input.csr;
    let mut seen = filled(csr.node_count(), false)?;
    let mut order = with_capacity(csr.node_count())?;
    for &s in &input.nodes {
        if !std::mem::replace(&mut seen[s as usize], true) {
            order.push(s);
        }
    }
    let (mut head, mut sizes) = (0, Vec::new());
    while head < order.len() {
        let layer_end = order.len();
        sizes.push((layer_end - head) as i64);
        while head < layer_end {
            if head % CHECK_EVERY == 0 {
                cancel.check()?;
            }
            prefetch_entries(&csr.out, &order, head, |&u| u, None);
            for &v in csr.out.neighbors(order[head]) {
                if !std::mem::replace(&mut seen[v as usize], true) {
                    order.push(v);
                }
            }
            head += 1;
        }
    }
    Ok(NodeGroups {
        keys: keys_of(csr.keys(), &order)?,
        sizes,
    })
}

/// A breadth-first walk: nodes in visit order, with each one's parent and hop count.
pub(crate) struct Walk {
    pub order: Vec<u32>,
    pub parents: Vec<u32>,
    pub hops: Vec<i64>,
}

/// The breadth-first walk from `source` along `adjacency` (`csr.out`, or `csr.inp()`
/// backwards), up to `depth_limit` hops.
pub(crate) fn tree(
    csr: &Csr,
    adjacency: &Adjacency,
    source: u32,
    depth_limit: Option<usize>,
    cancel: &Cancel,
) -> GraphResult<Walk> {
    let limit = depth_limit.unwrap_or(usize::MAX);
    let n = csr.node_count();
    let mut seen = filled(n, false)?;
    seen[source as usize] = true;
    let (mut order, mut parents, mut hops) =
        (with_capacity(n)?, with_capacity(n)?, with_capacity(n)?);
    order.push(source);
    parents.push(source);
    hops.push(0i64);
    let (mut head, mut level) = (0, 0usize);
    while head < order.len() && level < limit {
        let level_end = order.len();
        level += 1;
        while head < level_end {
            if head % CHECK_EVERY == 0 {
                cancel.check()?;
            }
            prefetch_entries(adjacency, &order, head, |&u| u, None);
            let u = order[head];
            for &v in adjacency.neighbors(u) {
                if !seen[v as usize] {
                    seen[v as usize] = true;
                    order.push(v);
                    parents.push(u);
                    hops.push(level as i64);
                }
            }
            head += 1;
        }
    }
    Ok(Walk {
        order,
        parents,
        hops,
    })
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

    #[test]
    fn the_tree_says_which_node_reached_each() {
        // 0 -> 2, 0 -> 1, 1 -> 3, 2 -> 3, 3 -> 4, 5 -> 3, 4 -> 0.
        let mut g = GraphCore::new(true);
        for (u, v) in [(0, 2), (0, 1), (1, 3), (2, 3), (3, 4), (5, 3), (4, 0)] {
            g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[]).unwrap();
        }
        let shared = SharedGraph::new(g);
        let ints = |v: &[i64]| v.iter().map(|&i| NodeKey::Int(i)).collect::<Vec<_>>();
        let run = |source, depth_limit, reverse| {
            let options = SearchOptions {
                depth_limit,
                reverse,
            };
            let t = bfs_tree(&shared, KeyRef::Int(source), &options, &Cancel::new()).unwrap();
            assert!(t.postorder.is_empty());
            (t.nodes.to_node_keys(), t.parents.to_node_keys())
        };
        // 3 is reached from 2, the first node of its level to have it as a neighbour.
        assert_eq!(
            run(0, None, false),
            (ints(&[0, 2, 1, 3, 4]), ints(&[0, 0, 0, 2, 3]))
        );
        assert_eq!(run(0, Some(1), false), (ints(&[0, 2, 1]), ints(&[0, 0, 0])));
        assert_eq!(run(0, Some(0), false), (ints(&[0]), ints(&[0])));
        // Backwards: into 3 come 1, 2 and 5 (in edge order), into 1 and 2 comes 0.
        assert_eq!(
            run(3, None, true),
            (ints(&[3, 1, 2, 5, 0, 4]), ints(&[3, 3, 3, 3, 1, 0]))
        );
        assert!(matches!(
            bfs_tree(
                &shared,
                KeyRef::Int(9),
                &SearchOptions::default(),
                &Cancel::new()
            ),
            Err(crate::core::GraphError::NodeNotFound(_))
        ));
    }
}
