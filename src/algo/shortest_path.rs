//! Shortest paths from one source: breadth-first search when unweighted, Dijkstra with a
//! weight column (a negative or NaN weight is an error). Dijkstra settles nodes in the
//! order networkx's does (its heap breaks ties by push order) and keeps a node's parent
//! unless a strictly shorter path turns up, as networkx's `_dijkstra_multisource`: so the
//! paths are networkx's.

use super::bfs::{levels, tree};
use super::prefetch::prefetch_entries;
use super::radix_heap::RadixHeap;
use super::search_tree::PathTree;
use super::{input, keys_of, NodeValues};
use crate::core::fallible::{collected, filled, with_capacity};
use crate::core::{
    Array, Csr, EntryWeights, GraphError, GraphResult, KeyList, KeyRef, SharedGraph,
};
use crate::core::{Cancel, CHECK_EVERY};

const NO_PARENT: u32 = u32::MAX;

/// A non-negative distance as an integer with the same order: for non-negative floats
/// the IEEE-754 bit patterns sort like the numbers, and integers compare faster.
fn order_key(distance: f64) -> u64 {
    distance.to_bits()
}

/// Where a Dijkstra search stops and what it keeps besides the settle order and lengths.
#[derive(Clone, Copy)]
struct Goal {
    /// Stop once this node is settled.
    stop_at: Option<u32>,
    /// Follow no edge that makes a path longer than this (networkx's `cutoff`: such a
    /// path is not even a candidate). `INFINITY`: no cutoff; never NaN.
    cutoff: f64,
    /// Keep every node's parent and the order in which nodes were first reached.
    tree: bool,
}

impl Goal {
    const ALL: Goal = Goal {
        stop_at: None,
        cutoff: f64::INFINITY,
        tree: false,
    };
}

/// What a Dijkstra search found.
struct Settled {
    /// Nodes in settle order, with their distances.
    order: Vec<u32>,
    lengths: Vec<f64>,
    /// Each node's parent on its path, by compact id (`NO_PARENT` for the source and the
    /// nodes not reached); empty unless the goal has `stop_at` or `tree`.
    parent: Vec<u32>,
    /// Nodes in the order they were first reached (the source first); empty unless the
    /// goal has `tree`.
    reached: Vec<u32>,
}

/// Dijkstra from `source` towards `goal`. A negative or NaN weight on an edge it follows
/// is an error.
fn dijkstra(
    csr: &Csr,
    weights: &EntryWeights,
    source: u32,
    goal: Goal,
    cancel: &Cancel,
) -> GraphResult<Settled> {
    match weights.least_if_non_negative() {
        Some(least) => search::<false>(csr, weights, least, source, goal, cancel),
        None => search::<true>(csr, weights, 0.0, source, goal, cancel),
    }
}

/// `dijkstra`, settling nodes in batches: once the nearest unsettled node is at distance
/// `d`, every node nearer than `d + least` (no edge is lighter than `least`) is final, so
/// they are taken from the heap together and their edges followed one node after another
/// in the same order as one at a time, with the same result; but their memory reads no
/// longer wait on each other. `CHECK_WEIGHTS` checks each weight followed (the loop is
/// leaner without, for columns known to hold no negative or NaN weight).
fn search<const CHECK_WEIGHTS: bool>(
    csr: &Csr,
    weights: &EntryWeights,
    least: f64,
    source: u32,
    goal: Goal,
    cancel: &Cancel,
) -> GraphResult<Settled> {
    let n = csr.node_count();
    let mut dist = filled(n, f64::INFINITY)?;
    // One bit per node, small enough to stay in cache, unlike `dist`.
    let mut settled = filled(n.div_ceil(64), 0u64)?;
    // Parents are needed only to rebuild paths.
    let keep_parents = goal.stop_at.is_some() || goal.tree;
    let mut parent = filled(if keep_parents { n } else { 0 }, NO_PARENT)?;
    let mut reached = Vec::new();
    if goal.tree {
        reached = with_capacity(n)?;
        reached.push(source);
    }
    let (mut order, mut lengths) = (Vec::new(), Vec::new());
    let mut heap = RadixHeap::new();
    let mut batch = Vec::new();
    dist[source as usize] = 0.0;
    heap.push(order_key(0.0), source);
    while let Some((key, _)) = heap.peek() {
        // Rounding is monotone, so no later candidate `d + w` rounds to less than this,
        // and a node pushed at it before now pops before any pushed at it later.
        let bound = order_key(f64::from_bits(key) + least);
        batch.clear();
        while let Some((key, u)) = heap.pop_at_most(bound) {
            let (word, bit) = (u as usize / 64, 1u64 << (u % 64));
            if settled[word] & bit == 0 {
                // Not a stale entry (one pushed before `u` was found nearer).
                settled[word] |= bit;
                batch.push((f64::from_bits(key), u));
            }
        }
        for (i, &(d, u)) in batch.iter().enumerate() {
            prefetch_entries(&csr.out, &batch, i, |&(_, u)| u, Some(&weights.out));
            order.push(u);
            lengths.push(d);
            if order.len() % CHECK_EVERY == 0 {
                cancel.check()?;
            }
            if Some(u) == goal.stop_at {
                return Ok(Settled {
                    order,
                    lengths,
                    parent,
                    reached,
                });
            }
            let range = csr.out.offsets[u as usize]..csr.out.offsets[u as usize + 1];
            for (&v, &w) in csr.out.nodes[range.clone()].iter().zip(&weights.out[range]) {
                if CHECK_WEIGHTS && (w.is_nan() || w < 0.0) {
                    return Err(GraphError::Algorithm(format!(
                        "negative or NaN weight {w} on an edge from {} to {}",
                        csr.keys().get(u as usize),
                        csr.keys().get(v as usize)
                    )));
                }
                let candidate = d + w;
                // Only a strictly shorter path replaces the one found first, as in
                // networkx; a path beyond the cutoff (never NaN) is no candidate at all.
                if candidate < dist[v as usize] && candidate <= goal.cutoff {
                    if goal.tree && dist[v as usize] == f64::INFINITY {
                        reached.push(v);
                    }
                    dist[v as usize] = candidate;
                    if let Some(p) = parent.get_mut(v as usize) {
                        *p = u;
                    }
                    heap.push(order_key(candidate), v);
                }
            }
        }
    }
    Ok(Settled {
        order,
        lengths,
        parent,
        reached,
    })
}

/// Breadth-first parents from `source`, stopping once `target` is reached.
fn bfs_parents(csr: &Csr, source: u32, target: u32, cancel: &Cancel) -> GraphResult<Vec<u32>> {
    let mut parent = filled(csr.node_count(), NO_PARENT)?;
    parent[source as usize] = source;
    let mut queue = vec![source];
    let mut head = 0;
    while head < queue.len() && parent[target as usize] == NO_PARENT {
        if head % CHECK_EVERY == 0 {
            cancel.check()?;
        }
        let u = queue[head];
        head += 1;
        for &v in csr.out.neighbors(u) {
            if parent[v as usize] == NO_PARENT {
                parent[v as usize] = u;
                queue.push(v);
            }
        }
    }
    Ok(parent)
}

/// A shortest path from `source` to `target` (fewest edges, or least total weight with a
/// weight column), as the keys along it. `NoPath` when `target` cannot be reached.
pub fn shortest_path(
    graph: &SharedGraph,
    source: KeyRef<'_>,
    target: KeyRef<'_>,
    weight: Option<&str>,
    cancel: &Cancel,
) -> GraphResult<KeyList> {
    let input = input::take(graph, &[source, target], weight, cancel)?;
    let (csr, s, t) = (&input.csr, input.nodes[0], input.nodes[1]);
    let parent = match &input.weights {
        None => bfs_parents(csr, s, t, cancel)?,
        Some(w) => {
            let goal = Goal {
                stop_at: Some(t),
                ..Goal::ALL
            };
            let mut parent = dijkstra(csr, w, s, goal, cancel)?.parent;
            parent[s as usize] = s;
            parent
        }
    };
    if parent[t as usize] == NO_PARENT {
        return Err(GraphError::NoPath(format!(
            "no path from {source} to {target}"
        )));
    }
    let mut path = vec![t];
    while *path.last().expect("starts with the target") != s {
        path.push(parent[*path.last().expect("non-empty") as usize]);
    }
    path.reverse();
    keys_of(csr.keys(), &path)
}

/// The length of a shortest path from `source` to every node it reaches, in visit order:
/// hop counts (int64) when unweighted, total weights (float64) with a weight column.
pub fn shortest_path_lengths(
    graph: &SharedGraph,
    source: KeyRef<'_>,
    weight: Option<&str>,
    cancel: &Cancel,
) -> GraphResult<NodeValues> {
    let input = input::take(graph, &[source], weight, cancel)?;
    let (csr, s) = (&input.csr, input.nodes[0]);
    let (order, values) = match &input.weights {
        None => {
            let (order, hops) = levels(csr, s, None, cancel)?;
            (order, Array::from_i64(hops))
        }
        Some(w) => {
            let settled = dijkstra(csr, w, s, Goal::ALL, cancel)?;
            (settled.order, Array::from_f64(settled.lengths))
        }
    };
    Ok(NodeValues {
        keys: std::sync::Arc::new(keys_of(csr.keys(), &order)?),
        values,
    })
}

/// Shortest paths from `source` to every node it reaches, as networkx's
/// `single_source_dijkstra` (and, unweighted, `single_source_shortest_path`) finds them:
/// nodes in settle order with their parents and lengths, and in the order first reached
/// (the order of networkx's dict of paths). A path longer than `cutoff` is not followed
/// (`None`, or NaN as in networkx: no cutoff); the source is always reached. Without a
/// weight every edge weighs 1 (a breadth-first search: lengths are hop counts).
pub fn shortest_path_tree(
    graph: &SharedGraph,
    source: KeyRef<'_>,
    weight: Option<&str>,
    cutoff: Option<f64>,
    cancel: &Cancel,
) -> GraphResult<PathTree> {
    let input = input::take(graph, &[source], weight, cancel)?;
    let (csr, s, keys) = (&input.csr, input.nodes[0], input.csr.keys());
    let cutoff = cutoff.filter(|c| !c.is_nan());
    match &input.weights {
        None => {
            // Hop counts are whole numbers: within the cutoff up to its floor (a negative
            // one keeps the source alone; a float cast saturates, so infinity is no limit).
            let limit = cutoff.map(|c| c.max(0.0).floor() as usize);
            let walk = tree(csr, &csr.out, s, limit, cancel)?;
            // A breadth-first search settles nodes in the order it reaches them.
            Ok(PathTree {
                nodes: keys_of(keys, &walk.order)?,
                parents: keys_of(keys, &walk.parents)?,
                lengths: Array::from_i64(walk.hops),
                reached: keys_of(keys, &walk.order)?,
            })
        }
        Some(w) => {
            let goal = Goal {
                cutoff: cutoff.unwrap_or(f64::INFINITY),
                tree: true,
                ..Goal::ALL
            };
            let mut settled = dijkstra(csr, w, s, goal, cancel)?;
            settled.parent[s as usize] = s;
            let parents = collected(settled.order.iter().map(|&v| settled.parent[v as usize]))?;
            Ok(PathTree {
                nodes: keys_of(keys, &settled.order)?,
                parents: keys_of(keys, &parents)?,
                lengths: Array::from_f64(settled.lengths),
                reached: keys_of(keys, &settled.reached)?,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{AttrValue, GraphCore, NodeKey};

    fn weighted() -> SharedGraph {
        let mut g = GraphCore::new(false);
        for (u, v, w) in [(1, 2, 1.0), (2, 3, 1.0), (1, 3, 5.0), (3, 4, 0.5)] {
            g.add_edge(
                KeyRef::Int(u),
                KeyRef::Int(v),
                &[("w", AttrValue::Float64(w))],
            )
            .unwrap();
        }
        g.add_node(KeyRef::Int(9), &[]).unwrap();
        SharedGraph::new(g)
    }

    fn keys(list: &KeyList) -> Vec<NodeKey> {
        (0..list.len())
            .map(|i| list.get(i).to_owned_key())
            .collect()
    }

    #[test]
    fn weighted_and_unweighted_paths() {
        let g = weighted();
        let c = Cancel::new();
        let hops = shortest_path(&g, 1.into(), 4.into(), None, &c).unwrap();
        assert_eq!(keys(&hops), vec![1.into(), 3.into(), 4.into()]);
        let light = shortest_path(&g, 1.into(), 4.into(), Some("w"), &c).unwrap();
        assert_eq!(keys(&light), vec![1.into(), 2.into(), 3.into(), 4.into()]);
        assert!(matches!(
            shortest_path(&g, 1.into(), 9.into(), None, &c),
            Err(GraphError::NoPath(_))
        ));
        let lengths = shortest_path_lengths(&g, 1.into(), Some("w"), &c).unwrap();
        assert_eq!(lengths.values.get(3), AttrValue::Float64(2.5));
        assert_eq!(lengths.keys.len(), 4);
    }

    #[test]
    fn negative_weights_are_an_error() {
        let g = weighted();
        g.write()
            .unwrap()
            .set_edge_attr(2.into(), 3.into(), "w", AttrValue::Float64(-1.0))
            .unwrap();
        assert!(matches!(
            shortest_path_lengths(&g, 1.into(), Some("w"), &Cancel::new()),
            Err(GraphError::Algorithm(_))
        ));
    }

    /// Dijkstra as networkx's `_dijkstra_multisource` runs it: a binary heap of
    /// (distance, push count, node), one node settled at a time, a candidate beyond
    /// `cutoff` skipped, a parent replaced only by a strictly shorter path. Gives the
    /// settle order, lengths, parents (by node) and the order nodes were first reached.
    fn reference(
        csr: &Csr,
        weights: &EntryWeights,
        source: u32,
        cutoff: f64,
    ) -> (Vec<u32>, Vec<f64>, Vec<u32>, Vec<u32>) {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        let n = csr.node_count();
        let mut seen = vec![f64::INFINITY; n];
        let mut done = vec![false; n];
        let mut parent = vec![NO_PARENT; n];
        let mut heap = BinaryHeap::new();
        let (mut order, mut lengths, mut pushes) = (Vec::new(), Vec::new(), 0u64);
        let mut reached = vec![source];
        seen[source as usize] = 0.0;
        heap.push(Reverse((order_key(0.0), pushes, source)));
        while let Some(Reverse((key, _, u))) = heap.pop() {
            if std::mem::replace(&mut done[u as usize], true) {
                continue;
            }
            let d = f64::from_bits(key);
            order.push(u);
            lengths.push(d);
            let range = csr.out.offsets[u as usize]..csr.out.offsets[u as usize + 1];
            for (&v, &w) in csr.out.nodes[range.clone()].iter().zip(&weights.out[range]) {
                let vu = d + w;
                if vu > cutoff || done[v as usize] {
                    continue;
                }
                if seen[v as usize] == f64::INFINITY || vu < seen[v as usize] {
                    if seen[v as usize] == f64::INFINITY {
                        reached.push(v);
                    }
                    seen[v as usize] = vu;
                    parent[v as usize] = u;
                    pushes += 1;
                    heap.push(Reverse((order_key(vu), pushes, v)));
                }
            }
        }
        (order, lengths, parent, reached)
    }

    proptest::proptest! {
        /// Settling in batches gives the same order, lengths, paths and first-reach
        /// order as networkx's one node at a time, with ties (equal weights), zero
        /// weights, sums that round and cutoffs.
        #[test]
        fn batched_dijkstra_settles_like_networkx(
            directed in proptest::bool::ANY,
            edges in proptest::collection::vec(
                (0i64..30, 0i64..30, proptest::sample::select(
                    vec![0.0, 0.1, 0.2, 0.3, 0.5, 1.0, 1.0, 2.0, 3.0, 7.25])),
                1..120,
            ),
            least_is_zero in proptest::bool::ANY,
            cutoff in proptest::sample::select(vec![f64::INFINITY, 0.0, 0.3, 1.0, 2.5, 4.0]),
        ) {
            let mut g = GraphCore::new(directed);
            for &(u, v, w) in &edges {
                let w = if least_is_zero { w } else { w + 0.1 };
                g.add_edge(u.into(), v.into(), &[("w", AttrValue::Float64(w))]).unwrap();
            }
            let csr = Csr::build(&g, &Cancel::new()).unwrap();
            let weights = csr.entry_weights(&g, "w").unwrap();
            let never = Cancel::new();
            for source in 0..csr.node_count() as u32 {
                let (want_order, want_lengths, want_parent, want_reached) =
                    reference(&csr, &weights, source, cutoff);
                let goal = Goal { cutoff, tree: true, ..Goal::ALL };
                let got = dijkstra(&csr, &weights, source, goal, &never).unwrap();
                proptest::prop_assert_eq!(&got.order, &want_order);
                proptest::prop_assert_eq!(&got.lengths, &want_lengths);
                proptest::prop_assert_eq!(&got.parent, &want_parent);
                proptest::prop_assert_eq!(&got.reached, &want_reached);
                let plain = dijkstra(&csr, &weights, source, Goal::ALL, &never).unwrap();
                if cutoff == f64::INFINITY {
                    proptest::prop_assert_eq!(&plain.order, &want_order);
                }
                // Stopping at a node gives the same path as the whole search.
                let target = *plain.order.last().unwrap();
                let stop = Goal { stop_at: Some(target), ..Goal::ALL };
                let parent = dijkstra(&csr, &weights, source, stop, &never).unwrap().parent;
                let whole = dijkstra(&csr, &weights, source, Goal { tree: true, ..Goal::ALL }, &never)
                    .unwrap()
                    .parent;
                let mut at = target;
                while at != source {
                    proptest::prop_assert_eq!(parent[at as usize], whole[at as usize]);
                    at = parent[at as usize];
                }
            }
        }
    }

    #[test]
    fn path_trees_weighted_and_unweighted() {
        let g = weighted();
        let c = Cancel::new();
        let ints = |v: &[i64]| v.iter().map(|&i| NodeKey::Int(i)).collect::<Vec<_>>();
        // Unweighted: breadth-first, 3 reached from 1 directly.
        let t = shortest_path_tree(&g, 1.into(), None, None, &c).unwrap();
        assert_eq!(keys(&t.nodes), ints(&[1, 2, 3, 4]));
        assert_eq!(keys(&t.parents), ints(&[1, 1, 1, 3]));
        assert_eq!(keys(&t.reached), ints(&[1, 2, 3, 4]));
        assert_eq!(t.lengths.get(3), AttrValue::Int64(2));
        let t = shortest_path_tree(&g, 1.into(), None, Some(1.5), &c).unwrap();
        assert_eq!(keys(&t.nodes), ints(&[1, 2, 3]));
        let t = shortest_path_tree(&g, 1.into(), None, Some(-1.0), &c).unwrap();
        assert_eq!(keys(&t.nodes), ints(&[1]));
        // Weighted: 3 is reached first from 1 (5.0), then nearer through 2 (2.0).
        let t = shortest_path_tree(&g, 1.into(), Some("w"), None, &c).unwrap();
        assert_eq!(keys(&t.nodes), ints(&[1, 2, 3, 4]));
        assert_eq!(keys(&t.parents), ints(&[1, 1, 2, 3]));
        assert_eq!(keys(&t.reached), ints(&[1, 2, 3, 4]));
        assert_eq!(t.lengths.get(3), AttrValue::Float64(2.5));
        // Within 2.0: 4 (2.5) is not followed; NaN is no cutoff.
        let t = shortest_path_tree(&g, 1.into(), Some("w"), Some(2.0), &c).unwrap();
        assert_eq!(keys(&t.nodes), ints(&[1, 2, 3]));
        let t = shortest_path_tree(&g, 1.into(), Some("w"), Some(f64::NAN), &c).unwrap();
        assert_eq!(keys(&t.nodes).len(), 4);
        // From 3, node 1 is reached directly (5.0) before 4 and 2 settle, then settled
        // through 2 (2.0): first reached third, settled last.
        let t = shortest_path_tree(&g, 3.into(), Some("w"), None, &c).unwrap();
        assert_eq!(keys(&t.nodes), ints(&[3, 4, 2, 1]));
        assert_eq!(keys(&t.reached), ints(&[3, 2, 1, 4]));
        assert_eq!(keys(&t.parents), ints(&[3, 3, 3, 2]));
    }
}
