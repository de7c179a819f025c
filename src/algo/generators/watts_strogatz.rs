//! Watts–Strogatz small worlds, networkx's model step for step: a ring where each node is
//! joined to its `k / 2` nearest neighbours on each side, then each ring edge `(u, u + j)`
//! (by distance `j`, then by node) is rewired with probability `p` to `(u, w)`, `w` uniform
//! among the nodes that are neither `u` nor already its neighbours (a node already joined
//! to all others keeps its edge). `n · (k / 2)` edges.

use super::assemble::{graph_of, Pair};
use super::classic::all_pairs;
use super::{edge_count, node_count, non_negative, probability};
use crate::algo::random::{seed_or_random, Rng};
use crate::core::fallible::with_capacity;
use crate::core::{Cancel, GraphCore, GraphError, GraphResult, CHECK_EVERY};

/// networkx's `watts_strogatz_graph(n, k, p, seed)`. `k > n` (as networkx), a negative
/// `k` or `n`, or `p` outside [0, 1] is `InvalidArgument`; `k == n` gives the complete
/// graph.
pub fn watts_strogatz(
    n: i64,
    k: i64,
    p: f64,
    seed: Option<u64>,
    cancel: &Cancel,
) -> GraphResult<GraphCore> {
    let nodes = node_count(n, "n")?;
    let k = non_negative(k, "k")?;
    let p = probability(p, "p")?;
    if k > nodes {
        return Err(GraphError::InvalidArgument(format!(
            "k>n, choose smaller k or larger n (k = {k}, n = {n})"
        )));
    }
    if k == nodes {
        return graph_of(nodes, false, all_pairs(nodes, false, cancel)?, cancel);
    }
    // Refused before anything is allocated when a graph could not hold the edges.
    let edges = edge_count(nodes as u128 * (k / 2) as u128)?;
    let mut rng = Rng::new(seed_or_random(seed));
    let half = (k / 2) as u32;
    let n = nodes as u32;
    // Neighbours of each node; degrees stay near k, so lists searched linearly are fast.
    let mut adj: Vec<Vec<u32>> = with_capacity(nodes)?;
    for _ in 0..nodes {
        adj.push(with_capacity(k)?);
    }
    for j in 1..=half {
        for u in 0..n {
            let v = (u + j) % n;
            adj[u as usize].push(v);
            adj[v as usize].push(u);
        }
    }
    for j in 1..=half {
        cancel.check()?;
        for u in 0..n {
            if u as usize % CHECK_EVERY == 0 {
                cancel.check()?;
            }
            if rng.next_f64() >= p {
                continue;
            }
            let v = (u + j) % n;
            let mut w = rng.below(nodes as u64) as u32;
            let mut skipped = false;
            while w == u || adj[u as usize].contains(&w) {
                w = rng.below(nodes as u64) as u32;
                if adj[u as usize].len() >= nodes - 1 {
                    skipped = true;
                    break;
                }
            }
            if !skipped {
                // `w` gains a neighbour, which may take its list past `k`.
                adj[w as usize].try_reserve(1)?;
                unlink(&mut adj[u as usize], v);
                unlink(&mut adj[v as usize], u);
                adj[u as usize].push(w);
                adj[w as usize].push(u);
            }
        }
    }
    let mut pairs: Vec<Pair> = with_capacity(edges)?;
    for (u, list) in adj.iter().enumerate() {
        let u = u as u32;
        pairs.extend(list.iter().filter(|&&v| u < v).map(|&v| [u, v]));
    }
    graph_of(nodes, false, pairs, cancel)
}

fn unlink(list: &mut Vec<u32>, v: u32) {
    let at = list.iter().position(|&x| x == v);
    list.swap_remove(at.expect("a ring edge is rewired once, from its first endpoint"));
}

#[cfg(test)]
mod tests {
    use super::super::classic::tests::edges;
    use super::*;

    #[test]
    fn p_zero_is_the_ring_and_counts_hold() {
        let c = Cancel::new();
        let ring = watts_strogatz(6, 4, 0.0, Some(1), &c).unwrap();
        let mut e: Vec<(i64, i64)> = edges(&ring)
            .into_iter()
            .map(|(u, v)| (u.min(v), u.max(v)))
            .collect();
        e.sort_unstable();
        let expected = [
            (0, 1),
            (0, 2),
            (0, 4),
            (0, 5),
            (1, 2),
            (1, 3),
            (1, 5),
            (2, 3),
            (2, 4),
            (3, 4),
            (3, 5),
            (4, 5),
        ];
        assert_eq!(e, expected);
        for (n, k, p) in [(1000, 6, 0.2), (1000, 7, 1.0), (50, 4, 0.5), (10, 0, 0.5)] {
            let g = watts_strogatz(n, k, p, Some(2), &c).unwrap();
            assert_eq!(g.edge_count() as i64, n * (k / 2), "{n} {k} {p}");
            let degrees = g.degrees().unwrap();
            assert_eq!(degrees.iter().sum::<i64>(), 2 * n * (k / 2));
            if p == 0.0 || k == 0 {
                assert!(degrees.iter().all(|&d| d == k / 2 * 2));
            }
            assert!(edges(&g).iter().all(|(u, v)| u != v));
        }
        assert_eq!(
            watts_strogatz(5, 5, 0.3, None, &c).unwrap().edge_count(),
            10
        );
        let a = edges(&watts_strogatz(200, 4, 0.3, Some(8), &c).unwrap());
        assert_eq!(a, edges(&watts_strogatz(200, 4, 0.3, Some(8), &c).unwrap()));
    }

    #[test]
    fn more_edges_than_a_graph_holds_are_out_of_memory() {
        // 100000 * (99999 / 2) edges: refused before any allocation (this aborted the
        // process once, allocating 40 GB of neighbour lists infallibly).
        let c = Cancel::new();
        let huge = watts_strogatz(100_000, 99_999, 0.1, Some(1), &c);
        assert!(matches!(huge, Err(GraphError::OutOfMemory(_))));
    }

    #[test]
    fn bad_arguments_are_invalid() {
        let c = Cancel::new();
        for (n, k, p) in [(5, 6, 0.1), (5, -2, 0.1), (5, 2, 1.5), (-1, 0, 0.1)] {
            let bad = watts_strogatz(n, k, p, None, &c);
            assert!(
                matches!(bad, Err(GraphError::InvalidArgument(_))),
                "{n} {k} {p}"
            );
        }
    }
}
