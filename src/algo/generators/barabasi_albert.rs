//! Barabási–Albert preferential attachment, networkx's model: start from a star of `m + 1`
//! nodes (centre 0), then join each new node to `m` distinct existing nodes, each picked
//! with probability proportional to its degree. `m·(n − m)` edges.
//!
//! Sequential by nature (each node's choice depends on the degrees before it), and cheap:
//! a list holding every node once per incident edge makes a degree-proportional pick one
//! uniform draw.

use super::assemble::graph_of;
use super::{edge_count, node_count, non_negative};
use crate::algo::random::{seed_or_random, Rng};
use crate::core::fallible::{filled, with_capacity};
use crate::core::{Cancel, GraphCore, GraphError, GraphResult, CHECK_EVERY};

/// networkx's `barabasi_albert_graph(n, m, seed)`. `m < 1` or `m >= n` is
/// `InvalidArgument`, as networkx refuses them.
pub fn barabasi_albert(
    n: i64,
    m: i64,
    seed: Option<u64>,
    cancel: &Cancel,
) -> GraphResult<GraphCore> {
    let nodes = node_count(n, "n")?;
    if m < 1 || m >= n {
        return Err(GraphError::InvalidArgument(format!(
            "Barabási–Albert network must have m >= 1 and m < n, m = {m}, n = {n}"
        )));
    }
    let m = non_negative(m, "m")?;
    let edges = edge_count(m as u128 * (nodes - m) as u128)?;
    let mut rng = Rng::new(seed_or_random(seed));
    let mut pairs = with_capacity(edges)?;
    // Each node once per incident edge: picking a uniform entry is picking a node with
    // probability proportional to its degree.
    let mut repeated: Vec<u32> = with_capacity(2 * edges)?;
    for leaf in 1..=m as u32 {
        pairs.push([0, leaf]);
        repeated.push(0);
    }
    repeated.extend(1..=m as u32);
    // `picked[v] == source` marks `v` as already among the targets of `source`.
    let mut picked = filled(nodes, u32::MAX)?;
    let mut targets = with_capacity(m)?;
    for source in m as u32 + 1..nodes as u32 {
        if source as usize % CHECK_EVERY == 0 {
            cancel.check()?;
        }
        targets.clear();
        while targets.len() < m {
            let t = repeated[rng.below(repeated.len() as u64) as usize];
            if picked[t as usize] != source {
                picked[t as usize] = source;
                targets.push(t);
            }
        }
        for &t in &targets {
            pairs.push([source, t]);
            repeated.push(t);
        }
        repeated.extend(std::iter::repeat_n(source, m));
    }
    graph_of(nodes, false, pairs, cancel)
}

#[cfg(test)]
mod tests {
    use super::super::classic::tests::edges;
    use super::*;

    #[test]
    fn counts_and_degrees() {
        let c = Cancel::new();
        let (n, m) = (2000, 3);
        let g = barabasi_albert(n, m, Some(4), &c).unwrap();
        assert_eq!(g.node_count(), 2000);
        assert_eq!(g.edge_count() as i64, m * (n - m));
        let degrees = g.degrees().unwrap();
        // Every node after the star has at least m edges; preferential attachment makes
        // hubs far above the mean of about 2m.
        assert!(degrees[m as usize + 1..].iter().all(|&d| d >= m));
        assert!(*degrees.iter().max().unwrap() > 10 * 2 * m);
        assert_eq!(
            edges(&g),
            edges(&barabasi_albert(n, m, Some(4), &c).unwrap())
        );
        let small = barabasi_albert(2, 1, Some(1), &c).unwrap();
        assert_eq!(edges(&small), [(0, 1)]);
    }

    #[test]
    fn bad_m_is_invalid() {
        let c = Cancel::new();
        for (n, m) in [(5, 5), (5, 0), (5, -1), (-1, 1), (0, 0)] {
            let bad = barabasi_albert(n, m, None, &c);
            assert!(
                matches!(bad, Err(GraphError::InvalidArgument(_))),
                "{n} {m}"
            );
        }
    }
}
