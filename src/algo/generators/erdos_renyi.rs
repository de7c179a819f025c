//! G(n, p): every possible edge present with probability `p`, drawn by Batagelj and
//! Brandes' geometric skips (the method of networkx's `fast_gnp_random_graph`), in time
//! proportional to the nodes and edges made rather than to the n² pairs.
//!
//! The pairs are numbered `0..N` (row by row: `(v, w)` with `w < v` for an undirected graph,
//! `(u, v)` with `v != u` for a directed one). The gap before the next present pair is
//! geometric, and memoryless, so the numbering can be cut into fixed blocks that are walked
//! independently, in parallel, each with its own random stream: the graph depends on the
//! seed alone.

use super::assemble::{graph_of, in_blocks, push, Pair};
use super::classic::all_pairs;
use super::{node_count, probability};
use crate::algo::random::{seed_or_random, Rng};
use crate::core::{Cancel, GraphCore, GraphError, GraphResult, MAX_INDICES};

/// About this many edges are drawn per block: enough to make a block's overhead small,
/// few enough to check the token every fraction of a millisecond.
const EDGES_PER_BLOCK: f64 = 65536.0;

/// networkx's `erdos_renyi_graph(n, p, seed, directed)` (G(n, p)): `n` nodes, each of the
/// `n(n-1)/2` pairs (`n(n-1)` ordered pairs when directed) joined with probability `p`.
/// `p` outside [0, 1] or a negative `n` is `InvalidArgument`.
pub fn erdos_renyi(
    n: i64,
    p: f64,
    directed: bool,
    seed: Option<u64>,
    cancel: &Cancel,
) -> GraphResult<GraphCore> {
    let n = node_count(n, "n")?;
    let p = probability(p, "p")?;
    let seed = seed_or_random(seed);
    if p == 1.0 {
        return graph_of(n, directed, all_pairs(n, directed, cancel)?, cancel);
    }
    if p == 0.0 || n < 2 {
        cancel.check()?;
        return graph_of(n, directed, Vec::new(), cancel);
    }
    let possible = Numbering::new(n as u64, directed).pairs() as f64;
    if possible * p > 1.01 * MAX_INDICES as f64 {
        // Surely more edges than a graph holds: refused before drawing them.
        return Err(GraphError::OutOfMemory(format!(
            "about {:.3e} edges: a graph holds at most {MAX_INDICES} edge indices",
            possible * p
        )));
    }
    let pairs = skipping(n as u64, p, directed, seed, EDGES_PER_BLOCK, cancel)?;
    graph_of(n, directed, pairs, cancel)
}

/// The present pairs of G(n, p) for `0 < p < 1` and `n >= 2`, in blocks of pair numbers
/// holding about `edges_per_block` edges each.
fn skipping(
    n: u64,
    p: f64,
    directed: bool,
    seed: u64,
    edges_per_block: f64,
    cancel: &Cancel,
) -> GraphResult<Vec<Pair>> {
    let numbering = Numbering::new(n, directed);
    let total = numbering.pairs();
    // Pairs per block: a function of n and p only, never of the thread count.
    let span = ((edges_per_block / p) as u64).clamp(1, total);
    let blocks = total.div_ceil(span);
    let log_q = (-p).ln_1p(); // ln(1 - p) < 0
    in_blocks(blocks as usize, cancel, |b| {
        let start = b as u64 * span;
        let end = total.min(start + span);
        let mut rng = Rng::stream(seed, b as u64);
        let mut found = Vec::new();
        let mut next = start;
        loop {
            // Pairs skipped before the next present one: geometric, P(k) = (1-p)^k p.
            let r = rng.next_f64();
            let skip = ((-r).ln_1p() / log_q) as u64; // saturates for huge gaps
            next = next.saturating_add(skip);
            if next >= end {
                break;
            }
            push(&mut found, numbering.pair(next))?;
            next += 1;
        }
        Ok(found)
    })
}

/// The numbering of the possible edges of a graph of `n` nodes.
struct Numbering {
    n: u64,
    directed: bool,
}

impl Numbering {
    fn new(n: u64, directed: bool) -> Numbering {
        Numbering { n, directed }
    }

    fn pairs(&self) -> u64 {
        let ordered = self.n * (self.n - 1);
        if self.directed {
            ordered
        } else {
            ordered / 2
        }
    }

    /// Pair number `k`: undirected `(v, w)`, `w < v`, numbered `v(v-1)/2 + w` (networkx's
    /// order and orientation); directed `(u, v)`, `v != u`, numbered `u(n-1) + v - [v > u]`.
    fn pair(&self, k: u64) -> Pair {
        if self.directed {
            let (u, j) = (k / (self.n - 1), k % (self.n - 1));
            let v = if j >= u { j + 1 } else { j };
            [u as u32, v as u32]
        } else {
            let v = row_of(k);
            [v as u32, (k - row_start(v)) as u32]
        }
    }
}

/// The first number of row `v` (pairs `(v, 0..v)`).
fn row_start(v: u64) -> u64 {
    v * (v - 1) / 2
}

/// The row `v` holding pair number `k`: the largest `v >= 1` with `row_start(v) <= k`.
fn row_of(k: u64) -> u64 {
    let mut v = ((1.0 + (1.0 + 8.0 * k as f64).sqrt()) / 2.0) as u64;
    v = v.max(1);
    // The float estimate is off by at most one or two for k near 2^63.
    while row_start(v) > k {
        v -= 1;
    }
    while row_start(v + 1) <= k {
        v += 1;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::super::classic::tests::edges;
    use super::*;
    use crate::algo::test_graphs::on_threads;
    use std::collections::HashSet;

    #[test]
    fn the_numbering_covers_every_pair_once() {
        for directed in [false, true] {
            let numbering = Numbering::new(7, directed);
            let all: Vec<Pair> = (0..numbering.pairs()).map(|k| numbering.pair(k)).collect();
            let distinct: HashSet<Pair> = all.iter().copied().collect();
            assert_eq!(distinct.len(), all.len());
            assert_eq!(all.len(), if directed { 42 } else { 21 });
            assert!(all.iter().all(|&[u, v]| u != v && u < 7 && v < 7));
            if !directed {
                assert!(all.iter().all(|&[v, w]| w < v));
            }
        }
        for k in [0u64, 1, 2, 3, 1 << 40, (1 << 62) + 12345] {
            let v = row_of(k);
            assert!(row_start(v) <= k && k < row_start(v + 1), "{k}");
        }
    }

    #[test]
    fn same_seed_same_graph_and_extremes() {
        let c = Cancel::new();
        let a = erdos_renyi(300, 0.05, false, Some(3), &c).unwrap();
        let b = erdos_renyi(300, 0.05, false, Some(3), &c).unwrap();
        let other = erdos_renyi(300, 0.05, false, Some(4), &c).unwrap();
        assert_eq!(edges(&a), edges(&b));
        assert_ne!(edges(&a), edges(&other));
        assert_eq!(
            erdos_renyi(6, 1.0, false, None, &c).unwrap().edge_count(),
            15
        );
        assert_eq!(
            erdos_renyi(6, 1.0, true, None, &c).unwrap().edge_count(),
            30
        );
        let empty = erdos_renyi(6, 0.0, true, None, &c).unwrap();
        assert_eq!((empty.node_count(), empty.edge_count()), (6, 0));
        for p in [-0.1, 1.5, f64::NAN] {
            let bad = erdos_renyi(6, p, false, None, &c);
            assert!(matches!(bad, Err(GraphError::InvalidArgument(_))), "{p}");
        }
        let bad = erdos_renyi(-1, 0.5, false, None, &c);
        assert!(matches!(bad, Err(GraphError::InvalidArgument(_))));
        let huge = erdos_renyi(1 << 20, 0.5, false, None, &c);
        assert!(matches!(huge, Err(GraphError::OutOfMemory(_))));
    }

    #[test]
    fn edge_counts_are_binomial() {
        // Small blocks (a few edges each, so many of them), directed and not: the count is
        // within 5 sigma of its mean, pairs are distinct, none is a self-loop.
        let c = Cancel::new();
        for (n, p, directed) in [
            (2000u64, 0.01, false),
            (1500, 0.002, true),
            (40, 0.3, false),
        ] {
            let pairs = skipping(n, p, directed, 11, 5.0, &c).unwrap();
            let possible = Numbering::new(n, directed).pairs() as f64;
            let (mean, sd) = (possible * p, (possible * p * (1.0 - p)).sqrt());
            let m = pairs.len() as f64;
            assert!((m - mean).abs() < 5.0 * sd, "{m} vs {mean} ± {sd}");
            let distinct: HashSet<Pair> = pairs.iter().copied().collect();
            assert_eq!(distinct.len(), pairs.len());
            assert!(pairs.iter().all(|&[u, v]| u != v));
        }
    }

    #[test]
    fn the_graph_does_not_depend_on_the_thread_count() {
        let c = Cancel::new();
        let on = |threads: usize| {
            on_threads(threads, || skipping(3000, 0.01, true, 5, 50.0, &c).unwrap())
        };
        assert_eq!(on(1), on(3));
    }

    #[test]
    fn a_triggered_token_stops_it() {
        let c = Cancel::new();
        c.trigger();
        let stopped = erdos_renyi(1000, 0.1, false, None, &c);
        assert!(matches!(stopped, Err(GraphError::Cancelled)));
    }
}
