//! The deterministic shapes, with exactly networkx's nodes and edges (and its edge order).

use super::assemble::{graph_of, Pair};
use super::{edge_count, node_count};
use crate::core::fallible::with_capacity;
use crate::core::{Cancel, GraphCore, GraphResult, CHECK_EVERY};

/// Every pair of `0..n` once, `(i, j)` with `i < j` in lexicographic order (both ways,
/// `(i, j)` for every `i != j` row by row, when `directed`).
pub(super) fn all_pairs(n: usize, directed: bool, cancel: &Cancel) -> GraphResult<Vec<Pair>> {
    let ordered = n as u128 * (n as u128).saturating_sub(1);
    let count = edge_count(if directed { ordered } else { ordered / 2 })?;
    let mut pairs = with_capacity(count)?;
    for i in 0..n as u32 {
        if i as usize % CHECK_EVERY == 0 {
            cancel.check()?;
        }
        if directed {
            pairs.extend((0..n as u32).filter(|&j| j != i).map(|j| [i, j]));
        } else {
            pairs.extend((i + 1..n as u32).map(|j| [i, j]));
        }
    }
    Ok(pairs)
}

/// networkx's `complete_graph(n)`: `n` nodes, every pair joined.
pub fn complete(n: i64, cancel: &Cancel) -> GraphResult<GraphCore> {
    let n = node_count(n, "n")?;
    graph_of(n, false, all_pairs(n, false, cancel)?, cancel)
}

/// networkx's `path_graph(n)`: `0 - 1 - ... - n-1`.
pub fn path(n: i64, cancel: &Cancel) -> GraphResult<GraphCore> {
    let n = node_count(n, "n")?;
    cancel.check()?;
    let pairs = with_capacity(n.saturating_sub(1))?;
    graph_of(
        n,
        false,
        extend(pairs, (1..n as u32).map(|i| [i - 1, i])),
        cancel,
    )
}

/// networkx's `cycle_graph(n)`: the path closed by `(n-1, 0)` (one node: a self-loop;
/// two nodes: one edge).
pub fn cycle(n: i64, cancel: &Cancel) -> GraphResult<GraphCore> {
    let n = node_count(n, "n")?;
    cancel.check()?;
    let pairs = with_capacity(n)?;
    let closing = (n > 0).then(|| [n as u32 - 1, 0]);
    let edges = (1..n as u32).map(|i| [i - 1, i]).chain(closing);
    graph_of(n, false, extend(pairs, edges), cancel)
}

/// networkx's `star_graph(n)`: the centre 0 joined to each of `1..=n` (`n + 1` nodes).
pub fn star(n: i64, cancel: &Cancel) -> GraphResult<GraphCore> {
    let leaves = node_count(n, "n")?;
    let nodes = node_count(n.saturating_add(1), "n + 1")?;
    cancel.check()?;
    let pairs = with_capacity(leaves)?;
    graph_of(
        nodes,
        false,
        extend(pairs, (1..nodes as u32).map(|i| [0, i])),
        cancel,
    )
}

/// networkx's `grid_2d_graph(rows, cols)` with the node `(i, j)` as the int key
/// `i * cols + j`: each node joined to the one below and the one to the right.
pub fn grid_2d(rows: i64, cols: i64, cancel: &Cancel) -> GraphResult<GraphCore> {
    let (m, n) = (node_count(rows, "m")?, node_count(cols, "n")?);
    let nodes = node_count(
        i64::try_from(m as u128 * n as u128).unwrap_or(i64::MAX),
        "m * n",
    )?;
    let vertical = m.saturating_sub(1) as u128 * n as u128;
    let horizontal = m as u128 * n.saturating_sub(1) as u128;
    let mut pairs = with_capacity(edge_count(vertical + horizontal)?)?;
    let key = |i: usize, j: usize| (i * n + j) as u32;
    // networkx adds the vertical edges first, then the horizontal ones.
    for i in 1..m {
        if i % CHECK_EVERY == 0 {
            cancel.check()?;
        }
        pairs.extend((0..n).map(|j| [key(i - 1, j), key(i, j)]));
    }
    for i in 0..m {
        if i % CHECK_EVERY == 0 {
            cancel.check()?;
        }
        pairs.extend((1..n).map(|j| [key(i, j - 1), key(i, j)]));
    }
    graph_of(nodes, false, pairs, cancel)
}

fn extend(mut pairs: Vec<Pair>, edges: impl Iterator<Item = Pair>) -> Vec<Pair> {
    pairs.extend(edges);
    pairs
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::core::{GraphError, KeyRef};

    /// The edges of `g` as `(u, v)` int keys, in edge order.
    pub(crate) fn edges(g: &GraphCore) -> Vec<(i64, i64)> {
        let topology = g.topology();
        let key = |n: u32| match g.node_key(n).as_key_ref() {
            KeyRef::Int(k) => k,
            KeyRef::Str(s) => panic!("string key {s}"),
        };
        topology
            .endpoint_pairs()
            .iter()
            .map(|&[u, v]| (key(u), key(v)))
            .collect()
    }

    fn keys(g: &GraphCore) -> Vec<i64> {
        g.node_keys()
            .map(|k| match k.as_key_ref() {
                KeyRef::Int(k) => k,
                KeyRef::Str(s) => panic!("string key {s}"),
            })
            .collect()
    }

    #[test]
    fn shapes_have_networkxs_edges() {
        let c = Cancel::new();
        let g = complete(4, &c).unwrap();
        assert_eq!(keys(&g), vec![0, 1, 2, 3]);
        assert_eq!(edges(&g), [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        assert_eq!(edges(&path(4, &c).unwrap()), [(0, 1), (1, 2), (2, 3)]);
        assert_eq!(edges(&cycle(3, &c).unwrap()), [(0, 1), (1, 2), (2, 0)]);
        assert_eq!(edges(&cycle(2, &c).unwrap()), [(0, 1)]);
        assert_eq!(edges(&cycle(1, &c).unwrap()), [(0, 0)]);
        let s = star(3, &c).unwrap();
        assert_eq!(keys(&s), vec![0, 1, 2, 3]);
        assert_eq!(edges(&s), [(0, 1), (0, 2), (0, 3)]);
        let grid = grid_2d(2, 3, &c).unwrap();
        assert_eq!(keys(&grid), vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(
            edges(&grid),
            [(0, 3), (1, 4), (2, 5), (0, 1), (1, 2), (3, 4), (4, 5)]
        );
        for g in [
            complete(0, &c),
            path(0, &c),
            cycle(0, &c),
            grid_2d(0, 5, &c),
        ] {
            let g = g.unwrap();
            assert_eq!((g.node_count(), g.edge_count()), (0, 0));
        }
        let one = star(0, &c).unwrap();
        assert_eq!((one.node_count(), one.edge_count()), (1, 0));
        assert_eq!(complete(5, &c).unwrap().edge_count(), 10);
        assert_eq!(all_pairs(3, true, &c).unwrap().len(), 6);
    }

    #[test]
    fn negative_sizes_are_invalid_and_huge_ones_out_of_memory() {
        let c = Cancel::new();
        assert!(matches!(path(-1, &c), Err(GraphError::InvalidArgument(_))));
        assert!(matches!(
            grid_2d(2, -1, &c),
            Err(GraphError::InvalidArgument(_))
        ));
        assert!(matches!(
            star(i64::MAX, &c),
            Err(GraphError::OutOfMemory(_))
        ));
        assert!(matches!(
            complete(1 << 20, &c),
            Err(GraphError::OutOfMemory(_))
        ));
        assert!(matches!(
            grid_2d(1 << 20, 1 << 20, &c),
            Err(GraphError::OutOfMemory(_))
        ));
    }

    #[test]
    fn a_triggered_token_stops_them() {
        let c = Cancel::new();
        c.trigger();
        assert!(matches!(complete(10, &c), Err(GraphError::Cancelled)));
        assert!(matches!(path(10, &c), Err(GraphError::Cancelled)));
    }
}
