//! G(n, m): `m` edges chosen uniformly among all possible ones, as networkx's
//! `gnm_random_graph` (which draws random pairs and rejects repeats until it has `m`).
//!
//! The same rejection, in rounds: a round draws as many random pairs as edges are still
//! missing, sorts them, and keeps those not drawn before. A round never yields more new
//! edges than missing, so the edge set is exactly what drawing one pair at a time gives,
//! without a hash set. Past half of all pairs the complement is drawn instead (the pairs to
//! leave out), which keeps the rounds few.

use super::assemble::graph_of;
use super::classic::all_pairs;
use super::{edge_count, node_count, non_negative};
use crate::algo::random::{seed_or_random, Rng};
use crate::core::fallible::with_capacity;
use crate::core::{Cancel, GraphCore, GraphResult, CHECK_EVERY};

/// networkx's `gnm_random_graph(n, m, seed, directed)`: `n` nodes and `m` distinct random
/// edges (no self-loops); `m` at or above the number of possible edges gives the complete
/// graph. A negative `n` or `m` is `InvalidArgument`.
pub fn gnm(
    n: i64,
    m: i64,
    directed: bool,
    seed: Option<u64>,
    cancel: &Cancel,
) -> GraphResult<GraphCore> {
    let n = node_count(n, "n")?;
    let m = non_negative(m, "m")? as u128;
    let mut rng = Rng::new(seed_or_random(seed));
    let ordered = n as u128 * (n as u128).saturating_sub(1);
    let possible = if directed { ordered } else { ordered / 2 };
    if m >= possible {
        return graph_of(n, directed, all_pairs(n, directed, cancel)?, cancel);
    }
    let edges = edge_count(m)?; // refused before drawing anything when it cannot fit
    let n64 = n as u64;
    // A pair as one number: `u * n + v`, with `u > v` when undirected.
    let draw = |rng: &mut Rng| loop {
        let (u, v) = (rng.below(n64), rng.below(n64));
        if u != v {
            let (u, v) = if directed || u > v { (u, v) } else { (v, u) };
            return u * n64 + v;
        }
    };
    let pairs = if m * 2 <= possible {
        let chosen = distinct_draws(edges, &mut rng, draw, cancel)?;
        let mut pairs = with_capacity(chosen.len())?;
        pairs.extend(chosen.iter().map(|&k| [(k / n64) as u32, (k % n64) as u32]));
        pairs
    } else {
        let left_out = distinct_draws((possible - m) as usize, &mut rng, draw, cancel)?;
        let mut pairs = with_capacity(edges)?;
        let mut skip = left_out.iter().peekable();
        for u in 0..n64 {
            if u as usize % CHECK_EVERY == 0 {
                cancel.check()?;
            }
            let row = if directed { 0..n64 } else { 0..u };
            for v in row.filter(|&v| v != u) {
                if skip.next_if_eq(&&(u * n64 + v)).is_none() {
                    pairs.push([u as u32, v as u32]);
                }
            }
        }
        pairs
    };
    graph_of(n, directed, pairs, cancel)
}

/// `count` distinct values of `draw`, sorted: the first `count` distinct values of the
/// sequence of draws.
fn distinct_draws(
    count: usize,
    rng: &mut Rng,
    draw: impl Fn(&mut Rng) -> u64,
    cancel: &Cancel,
) -> GraphResult<Vec<u64>> {
    let mut chosen: Vec<u64> = Vec::new();
    let mut round: Vec<u64> = with_capacity(count)?;
    let mut merged: Vec<u64> = Vec::new();
    while chosen.len() < count {
        cancel.check()?;
        round.clear();
        for i in 0..count - chosen.len() {
            if i % CHECK_EVERY == 0 {
                cancel.check()?;
            }
            round.push(draw(rng));
        }
        round.sort_unstable();
        round.dedup();
        // Merge, keeping the values not chosen before.
        merged.clear();
        merged.try_reserve(chosen.len() + round.len())?;
        let (mut i, mut j) = (0, 0);
        while i < chosen.len() || j < round.len() {
            if j == round.len() || (i < chosen.len() && chosen[i] < round[j]) {
                merged.push(chosen[i]);
                i += 1;
            } else {
                if i < chosen.len() && chosen[i] == round[j] {
                    i += 1; // already chosen: the same value once
                }
                merged.push(round[j]);
                j += 1;
            }
        }
        std::mem::swap(&mut chosen, &mut merged);
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::super::classic::tests::edges;
    use super::*;
    use crate::core::GraphError;
    use std::collections::HashSet;

    #[test]
    fn exactly_m_distinct_edges() {
        let c = Cancel::new();
        for directed in [false, true] {
            for (n, m) in [
                (50, 100),
                (20, 150),
                (10, 44),
                (10, 45),
                (10, 200),
                (1, 3),
                (0, 0),
            ] {
                let g = gnm(n, m, directed, Some(9), &c).unwrap();
                let possible = n * (n - 1).max(0) / if directed { 1 } else { 2 };
                assert_eq!(g.node_count() as i64, n);
                assert_eq!(g.edge_count() as i64, m.min(possible), "{n} {m} {directed}");
                let e = edges(&g);
                assert!(e.iter().all(|(u, v)| u != v));
                let distinct: HashSet<(i64, i64)> = e
                    .iter()
                    .map(|&(u, v)| {
                        if directed {
                            (u, v)
                        } else {
                            (u.min(v), u.max(v))
                        }
                    })
                    .collect();
                assert_eq!(distinct.len(), e.len());
            }
        }
        let a = edges(&gnm(100, 300, false, Some(1), &c).unwrap());
        assert_eq!(a, edges(&gnm(100, 300, false, Some(1), &c).unwrap()));
        assert_ne!(a, edges(&gnm(100, 300, false, Some(2), &c).unwrap()));
        assert!(matches!(
            gnm(5, -1, false, None, &c),
            Err(GraphError::InvalidArgument(_))
        ));
        assert!(matches!(
            gnm(-5, 1, false, None, &c),
            Err(GraphError::InvalidArgument(_))
        ));
    }

    #[test]
    fn every_pair_is_equally_likely() {
        // 4 nodes, 2 of the 6 pairs, 6000 graphs: each pair about 2000 times.
        let c = Cancel::new();
        let mut seen = std::collections::HashMap::new();
        for seed in 0..6000 {
            for (u, v) in edges(&gnm(4, 2, false, Some(seed), &c).unwrap()) {
                *seen.entry((u.min(v), u.max(v))).or_insert(0) += 1;
            }
        }
        assert_eq!(seen.len(), 6);
        assert!(
            seen.values().all(|&k| (1750..2250).contains(&k)),
            "{seen:?}"
        );
    }
}
