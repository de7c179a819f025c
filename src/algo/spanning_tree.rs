//! Minimum spanning trees (forests) of undirected graphs: Kruskal's method with
//! networkx's tie-breaking, so that the same edges come out in the same order.
//!
//! networkx lists the edges as `G.edges(data=True)` does (each node in node order with
//! its neighbours in adjacency order, an edge once, from the end that comes first), sorts
//! them stably by weight and keeps each edge that joins two trees. The snapshot lists the
//! same: node `u`'s entries to nodes `v >= u`.

use std::sync::Arc;

use super::filter_kruskal::{filter_kruskal, KeyedEdge};
use crate::core::fallible::{filled, with_capacity};
use crate::core::{
    Cancel, Csr, EntryWeights, GraphCore, GraphError, GraphResult, KeyList, KeyRef, SharedGraph,
};

/// The weight name that means "unweighted" when no edge has it: networkx's default.
pub const DEFAULT_WEIGHT: &str = "weight";

/// How the tree is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanningAlgorithm {
    Kruskal,
}

/// The edges of a spanning forest, in the order found: `sources[i]`-`targets[i]`.
#[derive(Debug)]
pub struct EdgeKeys {
    pub sources: KeyList,
    pub targets: KeyList,
}

/// The edges of a minimum spanning forest, as networkx's `minimum_spanning_edges`
/// yields them. `weight`: an edge column (edges without a value weigh 1.0); the name
/// `"weight"` when no edge has it, or `None`, means every edge weighs 1; another name no
/// edge has is `InvalidArgument`, as is a NaN weight (networkx raises `ValueError`).
/// Directed graphs are `InvalidOperation`.
pub fn minimum_spanning_edges(
    graph: &SharedGraph,
    weight: Option<&str>,
    algorithm: SpanningAlgorithm,
    cancel: &Cancel,
) -> GraphResult<EdgeKeys> {
    let (csr, weights) = take(graph, weight, cancel)?;
    let edges = forest(&csr, weights.as_deref(), algorithm, cancel)?;
    let keys = csr.keys();
    Ok(EdgeKeys {
        sources: KeyList::try_collect(edges.iter().map(|e| keys.get(e[0] as usize)), edges.len())?,
        targets: KeyList::try_collect(edges.iter().map(|e| keys.get(e[1] as usize)), edges.len())?,
    })
}

/// networkx's `minimum_spanning_tree`: a new graph (same pool) with every node and its
/// attributes, in node order, and the forest's edges with their attributes, in the
/// order found. As `minimum_spanning_edges` for the arguments. The tree is found on a
/// snapshot; an edge of it removed from the graph before the tree is built from the graph
/// is `EdgeNotFound`.
pub fn minimum_spanning_tree(
    graph: &SharedGraph,
    weight: Option<&str>,
    algorithm: SpanningAlgorithm,
    cancel: &Cancel,
) -> GraphResult<GraphCore> {
    let (csr, weights) = take(graph, weight, cancel)?;
    let edges = forest(&csr, weights.as_deref(), algorithm, cancel)?;
    let guard = graph.read();
    let _scope = guard.pool().map(|p| p.scope());
    if let Some(listed) = edges_by_index(&csr, &guard, &edges)? {
        return guard.spanning_subgraph_of(&listed);
    }
    let keys = csr.keys();
    let pairs: Vec<(KeyRef<'_>, KeyRef<'_>)> = edges
        .iter()
        .map(|e| (keys.get(e[0] as usize), keys.get(e[1] as usize)))
        .collect();
    guard.spanning_subgraph(&pairs)
}

/// The forest's edges as `(edge, [u, v])` graph indices, read from the snapshot's rows
/// (no search of the graph's edges); None when the graph changed since the snapshot.
#[allow(clippy::type_complexity)]
fn edges_by_index(
    csr: &Csr,
    graph: &GraphCore,
    edges: &[[u32; 2]],
) -> GraphResult<Option<Vec<(u32, [u32; 2])>>> {
    if graph.generation() != csr.generation() {
        return Ok(None);
    }
    let mut listed = with_capacity(edges.len())?;
    for &[u, v] in edges {
        let Some(e) = csr.edge_between(graph, u, v) else {
            return Ok(None);
        };
        listed.push((e, [u, v].map(|c| csr.node_index(c))));
    }
    Ok(Some(listed))
}

/// The snapshot and the weights, taken under one read lock.
fn take(
    graph: &SharedGraph,
    weight: Option<&str>,
    cancel: &Cancel,
) -> GraphResult<(Arc<Csr>, Option<Arc<EntryWeights>>)> {
    let guard = graph.read();
    cancel.check()?;
    let csr = graph.snapshot_of(&guard, cancel)?;
    if csr.is_directed() {
        return Err(GraphError::InvalidOperation(
            "spanning trees are not defined for directed graphs (as networkx)".into(),
        ));
    }
    let weights = match weight {
        Some(w) if w == DEFAULT_WEIGHT && !guard.has_edge_attr(w) => None,
        Some(w) => Some(csr.entry_weights(&guard, w)?),
        None => None,
    };
    Ok((csr, weights))
}

/// The forest's edges as compact-id pairs, in the order the algorithm finds them.
fn forest(
    csr: &Csr,
    weights: Option<&EntryWeights>,
    algorithm: SpanningAlgorithm,
    cancel: &Cancel,
) -> GraphResult<Vec<[u32; 2]>> {
    match algorithm {
        SpanningAlgorithm::Kruskal => kruskal(csr, weights, cancel),
    }
}

/// Kruskal's method with networkx's edge order and stable sort (`filter_kruskal`).
fn kruskal(
    csr: &Csr,
    weights: Option<&EntryWeights>,
    cancel: &Cancel,
) -> GraphResult<Vec<[u32; 2]>> {
    let n = csr.node_count();
    // (weight, u, v) in networkx's edge order.
    let count = (0..n as u32)
        .map(|u| csr.out.neighbors(u).iter().filter(|&&v| v >= u).count())
        .sum();
    let mut edges: Vec<KeyedEdge> = with_capacity(count)?;
    for u in 0..n as u32 {
        let range = csr.out.offsets[u as usize]..csr.out.offsets[u as usize + 1];
        for e in range {
            let v = csr.out.nodes[e];
            if v >= u {
                let w = weights.map_or(1.0, |w| w.out[e]);
                if w.is_nan() {
                    return Err(GraphError::InvalidArgument(format!(
                        "the edge ({}, {}) weighs NaN",
                        csr.keys().get(u as usize),
                        csr.keys().get(v as usize)
                    )));
                }
                edges.push((order_key(w), u, v));
            }
        }
    }
    cancel.check()?;
    // Sorted stably, as Python's sort (no NaN is left to compare); without weights every
    // key is the same and the order is networkx's already.
    let sort = |run: &mut Vec<KeyedEdge>| match weights {
        Some(_) => radix_sort(run, cancel),
        None => Ok(()),
    };
    filter_kruskal(edges, n, sort, cancel)
}

/// Sorts by key, stably: least significant digit first, 11 bits at a time, skipping the
/// digits every key shares (weights often differ in a few high bits only).
fn radix_sort(edges: &mut Vec<KeyedEdge>, cancel: &Cancel) -> GraphResult<()> {
    const BITS: u32 = 11;
    const BUCKETS: usize = 1 << BITS;
    let len = edges.len();
    let mut spare = filled(len, (0u64, 0u32, 0u32))?;
    let mut shift = 0;
    while shift < 64 {
        cancel.check()?;
        let digit = |key: u64| ((key >> shift) as usize) & (BUCKETS - 1);
        let mut start = [0usize; BUCKETS];
        for e in edges.iter() {
            start[digit(e.0)] += 1;
        }
        if !start.contains(&len) {
            let mut total = 0;
            for slot in start.iter_mut() {
                let count = *slot;
                *slot = total;
                total += count;
            }
            for &e in edges.iter() {
                let d = digit(e.0);
                spare[start[d]] = e;
                start[d] += 1;
            }
            std::mem::swap(edges, &mut spare);
        }
        shift += BITS;
    }
    Ok(())
}

/// A key whose integer order is the order of the weights (no NaN comes here): the sign
/// bit flipped for positive numbers, every bit for negative ones; -0 counts as 0, as
/// Python compares them.
fn order_key(w: f64) -> u64 {
    let bits = if w == 0.0 { 0 } else { w.to_bits() };
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::AttrValue;

    fn graph(directed: bool, edges: &[(i64, i64, f64)]) -> SharedGraph {
        let mut g = GraphCore::new(directed);
        for &(u, v, w) in edges {
            let attrs = [("weight", AttrValue::Float64(w))];
            g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &attrs).unwrap();
        }
        SharedGraph::new(g)
    }

    fn pairs(e: &EdgeKeys) -> Vec<(KeyRef<'_>, KeyRef<'_>)> {
        (0..e.sources.len())
            .map(|i| (e.sources.get(i), e.targets.get(i)))
            .collect()
    }

    #[test]
    fn radix_sort_is_a_stable_sort() {
        let mut rng = crate::algo::random::Rng::new(5);
        let weights = [-3.0, -0.0, 0.0, 0.5, 1.0, 1e9, 2.0, f64::INFINITY];
        let mut edges: Vec<(u64, u32, u32)> = (0..500)
            .map(|i| {
                let w = weights[rng.below(weights.len() as u64) as usize];
                (order_key(w), i, 0)
            })
            .collect();
        let mut want = edges.clone();
        want.sort_by_key(|e| e.0);
        radix_sort(&mut edges, &Cancel::new()).unwrap();
        assert_eq!(edges, want);
    }

    #[test]
    fn order_keys_sort_as_the_weights() {
        let weights = [
            f64::NEG_INFINITY,
            -2.5,
            -1e-300,
            -0.0,
            0.0,
            1e-300,
            1.0,
            3.5,
            f64::INFINITY,
        ];
        for pair in weights.windows(2) {
            let (a, b) = (order_key(pair[0]), order_key(pair[1]));
            assert!(if pair[0] == pair[1] { a == b } else { a < b }, "{pair:?}");
        }
    }

    #[test]
    fn kruskal_keeps_networkx_order_and_ties() {
        // networkx lists the edges (0, 1, 2), (0, 2, 1), (0, 3, 5), (1, 2, 1), (2, 3, 2),
        // (4, 4, 0); sorted stably by weight, Kruskal keeps (0, 2), (1, 2), (2, 3): of the
        // two edges of weight 1, (0, 2) comes first, listed from 0.
        let g = graph(
            false,
            &[
                (0, 1, 2.),
                (1, 2, 1.),
                (2, 0, 1.),
                (2, 3, 2.),
                (3, 0, 5.),
                (4, 4, 0.),
            ],
        );
        let kruskal = SpanningAlgorithm::Kruskal;
        let e = minimum_spanning_edges(&g, Some("weight"), kruskal, &Cancel::new()).unwrap();
        let want = [(0, 2), (1, 2), (2, 3)].map(|(u, v)| (KeyRef::Int(u), KeyRef::Int(v)));
        assert_eq!(pairs(&e), want);
        let t = minimum_spanning_tree(&g, Some("weight"), kruskal, &Cancel::new()).unwrap();
        assert_eq!((t.node_count(), t.edge_count()), (5, 3));
        let directed = graph(true, &[(0, 1, 1.)]);
        assert!(matches!(
            minimum_spanning_edges(&directed, None, kruskal, &Cancel::new()),
            Err(GraphError::InvalidOperation(_))
        ));
        let nan = graph(false, &[(0, 1, f64::NAN)]);
        assert!(minimum_spanning_edges(&nan, Some("weight"), kruskal, &Cancel::new()).is_err());
        assert!(minimum_spanning_edges(&g, Some("typo"), kruskal, &Cancel::new()).is_err());
        let plain = {
            let mut g = GraphCore::new(false);
            g.add_edge(KeyRef::Int(0), KeyRef::Int(1), &[]).unwrap();
            SharedGraph::new(g)
        };
        assert_eq!(
            minimum_spanning_edges(&plain, Some("weight"), kruskal, &Cancel::new())
                .unwrap()
                .sources
                .len(),
            1
        );
    }
}
