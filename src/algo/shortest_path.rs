//! Shortest paths from one source: breadth-first search when unweighted, Dijkstra with a
//! weight column (a negative or NaN weight is an error).

use super::bfs::levels;
use super::prefetch::prefetch_entries;
use super::radix_heap::RadixHeap;
use super::{input, keys_of, NodeValues};
use crate::core::fallible::filled;
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

/// Dijkstra from `source`: settle order, distances of settled nodes, and each node's
/// parent. Stops early once `stop_at` is settled. A negative or NaN weight on an edge it
/// follows is an error.
fn dijkstra(
    csr: &Csr,
    weights: &EntryWeights,
    source: u32,
    stop_at: Option<u32>,
    cancel: &Cancel,
) -> GraphResult<(Vec<u32>, Vec<f64>, Vec<u32>)> {
    match weights.least_if_non_negative() {
        Some(least) => search::<false>(csr, weights, least, source, stop_at, cancel),
        None => search::<true>(csr, weights, 0.0, source, stop_at, cancel),
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
    stop_at: Option<u32>,
    cancel: &Cancel,
) -> GraphResult<(Vec<u32>, Vec<f64>, Vec<u32>)> {
    let n = csr.node_count();
    let mut dist = filled(n, f64::INFINITY)?;
    // One bit per node, small enough to stay in cache, unlike `dist`.
    let mut settled = filled(n.div_ceil(64), 0u64)?;
    // Parents are needed only to rebuild a path to `stop_at`.
    let mut parent = filled(if stop_at.is_some() { n } else { 0 }, NO_PARENT)?;
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
            if Some(u) == stop_at {
                return Ok((order, lengths, parent));
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
                if candidate < dist[v as usize] {
                    dist[v as usize] = candidate;
                    if let Some(p) = parent.get_mut(v as usize) {
                        *p = u;
                    }
                    heap.push(order_key(candidate), v);
                }
            }
        }
    }
    Ok((order, lengths, parent))
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
            let mut parent = dijkstra(csr, w, s, Some(t), cancel)?.2;
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
            let (order, dist, _) = dijkstra(csr, w, s, None, cancel)?;
            (order, Array::from_f64(dist))
        }
    };
    Ok(NodeValues {
        keys: std::sync::Arc::new(keys_of(csr.keys(), &order)?),
        values,
    })
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

    /// Dijkstra as networkx runs it: a binary heap of (distance, push count, node), one
    /// node settled at a time.
    fn reference(csr: &Csr, weights: &EntryWeights, source: u32) -> (Vec<u32>, Vec<f64>) {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        let mut dist = vec![f64::INFINITY; csr.node_count()];
        let mut done = vec![false; csr.node_count()];
        let mut heap = BinaryHeap::new();
        let (mut order, mut lengths, mut pushes) = (Vec::new(), Vec::new(), 0u64);
        dist[source as usize] = 0.0;
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
                if d + w < dist[v as usize] {
                    dist[v as usize] = d + w;
                    pushes += 1;
                    heap.push(Reverse((order_key(d + w), pushes, v)));
                }
            }
        }
        (order, lengths)
    }

    proptest::proptest! {
        /// Settling in batches gives the same order, lengths and paths as one node at a
        /// time, with ties (equal weights), zero weights and sums that round.
        #[test]
        fn batched_dijkstra_settles_like_networkx(
            directed in proptest::bool::ANY,
            edges in proptest::collection::vec(
                (0i64..30, 0i64..30, proptest::sample::select(
                    vec![0.0, 0.1, 0.2, 0.3, 0.5, 1.0, 1.0, 2.0, 3.0, 7.25])),
                1..120,
            ),
            least_is_zero in proptest::bool::ANY,
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
                let (order, lengths, _) = dijkstra(&csr, &weights, source, None, &never).unwrap();
                proptest::prop_assert_eq!((order.clone(), lengths.clone()),
                    reference(&csr, &weights, source));
                // Stopping at a node gives a path of exactly its length.
                let (&target, &length) = (order.last().unwrap(), lengths.last().unwrap());
                let parent = dijkstra(&csr, &weights, source, Some(target), &never).unwrap().2;
                let (mut at, mut total) = (target, 0.0);
                while at != source {
                    let p = parent[at as usize];
                    let range = csr.out.offsets[p as usize]..csr.out.offsets[p as usize + 1];
                    total += csr.out.nodes[range.clone()]
                        .iter()
                        .zip(&weights.out[range])
                        .filter(|&(&v, _)| v == at)
                        .map(|(_, &w)| w)
                        .fold(f64::INFINITY, f64::min);
                    at = p;
                }
                proptest::prop_assert!((total - length).abs() <= 1e-9 * length.max(1.0));
            }
        }
    }
}
