//! Kruskal's method without sorting every edge (Filter-Kruskal, Osipov, Sanders and
//! Singler 2009): a long run of edges is split at a pivot weight, its lighter edges are
//! done first, and its heavier edges whose ends are joined by then are dropped before they
//! are sorted; they could never join two trees. Splits and drops keep the edges' order, so
//! the forest is the one that sorting everything stably gives, edge for edge and in the
//! same order. On real graphs most edges are dropped unsorted.

use super::disjoint_sets::DisjointSets;
use crate::core::fallible::with_capacity;
use crate::core::{Cancel, GraphResult, CHECK_EVERY};

/// An edge as Kruskal reads it: `(order key, u, v)`, sorted by key.
pub type KeyedEdge = (u64, u32, u32);

/// Runs at most this long are sorted whole (a split costs a pass and a copy).
const SORT_BELOW: usize = 1 << 14;
/// How many keys the pivot is the median of.
const SAMPLE: usize = 255;

/// The forest Kruskal's method keeps from `edges` (in their order, with ties kept in that
/// order), on `n` nodes, by node pairs in the order they join: `sort` sorts a run
/// stably by key.
pub fn filter_kruskal(
    edges: Vec<KeyedEdge>,
    n: usize,
    sort: impl Fn(&mut Vec<KeyedEdge>) -> GraphResult<()>,
    cancel: &Cancel,
) -> GraphResult<Vec<[u32; 2]>> {
    let mut sets = DisjointSets::new(n)?;
    let mut tree = with_capacity(n.saturating_sub(1))?;
    let full = n.saturating_sub(1);
    // Runs still to do, the next on top: each run's edges all weigh less than the next's.
    let mut runs = vec![edges];
    while let Some(mut run) = runs.pop() {
        cancel.check()?;
        if tree.len() == full {
            break;
        }
        if !tree.is_empty() {
            run.retain(|&(_, u, v)| sets.find(u) != sets.find(v));
        }
        match split(&run)? {
            Some((lighter, heavier)) => {
                runs.push(heavier);
                runs.push(lighter);
            }
            None => {
                sort(&mut run)?;
                for (i, &(_, u, v)) in run.iter().enumerate() {
                    if i % CHECK_EVERY == 0 {
                        cancel.check()?;
                    }
                    if sets.union(u, v) {
                        tree.push([u, v]);
                        if tree.len() == full {
                            break;
                        }
                    }
                }
            }
        }
    }
    Ok(tree)
}

/// The run's edges lighter than a pivot and the others, each in run order; None for a
/// short run, or when no edge is lighter than the pivot (many equal keys).
#[allow(clippy::type_complexity)]
fn split(run: &[KeyedEdge]) -> GraphResult<Option<(Vec<KeyedEdge>, Vec<KeyedEdge>)>> {
    if run.len() < SORT_BELOW {
        return Ok(None);
    }
    let step = run.len() / SAMPLE;
    let mut sample: Vec<u64> = (0..SAMPLE).map(|i| run[i * step].0).collect();
    sample.sort_unstable();
    let pivot = sample[SAMPLE / 2];
    let lighter_count = run.iter().filter(|e| e.0 < pivot).count();
    if lighter_count == 0 {
        return Ok(None);
    }
    let mut lighter = with_capacity(lighter_count)?;
    let mut heavier = with_capacity(run.len() - lighter_count)?;
    for &e in run {
        if e.0 < pivot {
            lighter.push(e);
        } else {
            heavier.push(e);
        }
    }
    Ok(Some((lighter, heavier)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::random::Rng;

    /// Kruskal's method on everything sorted stably: what the filter must equal.
    fn plain(mut edges: Vec<KeyedEdge>, n: usize) -> Vec<[u32; 2]> {
        edges.sort_by_key(|e| e.0);
        let mut sets = DisjointSets::new(n).unwrap();
        edges
            .iter()
            .filter(|&&(_, u, v)| sets.union(u, v))
            .map(|&(_, u, v)| [u, v])
            .collect()
    }

    #[allow(clippy::ptr_arg)] // the signature filter_kruskal takes (radix sort swaps vectors)
    fn stable_sort(run: &mut Vec<KeyedEdge>) -> GraphResult<()> {
        run.sort_by_key(|e| e.0);
        Ok(())
    }

    #[test]
    fn the_forest_is_kruskals_on_everything_sorted() {
        let mut rng = Rng::new(11);
        // Few distinct keys (ties everywhere) and many; forests and a connected graph.
        for (n, m, keys) in [
            (3000, 60_000, 4),
            (5000, 90_000, 1 << 40),
            (40_000, 50_000, 7),
        ] {
            let edges: Vec<KeyedEdge> = (0..m)
                .map(|_| {
                    let u = rng.below(n as u64) as u32;
                    let v = rng.below(n as u64) as u32;
                    (rng.below(keys), u.min(v), u.max(v))
                })
                .collect();
            let got = filter_kruskal(edges.clone(), n, stable_sort, &Cancel::new()).unwrap();
            assert_eq!(got, plain(edges, n), "n {n}, m {m}, {keys} keys");
        }
    }

    #[test]
    fn one_key_for_all_is_sorted_whole() {
        let edges: Vec<KeyedEdge> = (0..40_000u32).map(|i| (9, i % 100, i % 77)).collect();
        let got = filter_kruskal(edges.clone(), 100, stable_sort, &Cancel::new()).unwrap();
        assert_eq!(got, plain(edges, 100));
    }
}
