//! Degree and spectral centralities: degree, eigenvector, Katz and HITS, each with
//! networkx's definition, normalisation and stopping rule.
//!
//! The spectral ones iterate sparse matrix-vector products. Each product pulls: a node's
//! new value is a sum over its adjacency entries, in entry order, so every node is written
//! by one thread and the result does not depend on the number of threads. Sums over all
//! nodes (norms, errors) add fixed-size chunks' partial sums in chunk order, for the same
//! reason.

mod degree;
mod eigenvector;
mod hits;
mod katz;

pub use degree::{degree_centrality, in_degree_centrality, out_degree_centrality};
pub use eigenvector::{eigenvector_centrality, EigenvectorOptions};
pub use hits::{hits, HitsOptions, HitsValues};
pub use katz::{katz_centrality, KatzOptions};

use rayon::prelude::*;

use super::pull_rows::PullRows;
use crate::core::fallible::filled;
use crate::core::{Adjacency, Cancel, GraphError, GraphResult};

/// Nodes per parallel task: large enough to amortise scheduling, small enough to balance.
const CHUNK: usize = 4096;

/// `y[v] = f(v, sum of weight(e) * x[other end of e] over row v's entries e)`, for every
/// row `v` in parallel; `row_weights(v)` gives row `v`'s entry weights (`None`: 1.0).
fn pull<'w>(
    rows: &Adjacency,
    row_weights: impl Fn(usize) -> Option<&'w [f64]> + Sync,
    x: &[f64],
    y: &mut [f64],
    f: impl Fn(usize, f64) -> f64 + Sync,
) {
    y.par_chunks_mut(CHUNK).enumerate().for_each(|(k, chunk)| {
        for (j, slot) in chunk.iter_mut().enumerate() {
            let v = k * CHUNK + j;
            let entries = &rows.nodes[rows.offsets[v]..rows.offsets[v + 1]];
            // Folded from +0.0: `sum()` of no terms is -0.0, which would show as such.
            let sum = match row_weights(v) {
                None => entries.iter().fold(0.0, |s, &u| s + x[u as usize]),
                Some(w) => entries
                    .iter()
                    .zip(w)
                    .fold(0.0, |s, (&u, &wt)| s + x[u as usize] * wt),
            };
            *slot = f(v, sum);
        }
    });
}

/// The row weights of `weights` laid out like `rows`' entries.
fn laid_out<'w>(
    rows: &'w Adjacency,
    weights: Option<&'w [f64]>,
) -> impl Fn(usize) -> Option<&'w [f64]> + Sync {
    move |v| weights.map(|w| &w[rows.offsets[v]..rows.offsets[v + 1]])
}

/// The row weights of `weights` (laid out like the snapshot's incoming entries) along the
/// rows of `pull`.
fn pulled<'w>(
    pull: &'w PullRows<'_>,
    weights: Option<&'w [f64]>,
) -> impl Fn(usize) -> Option<&'w [f64]> + Sync {
    move |v| weights.map(|w| pull.row_weights(w, v))
}

/// `sum(f(i))` over `0..n`, added chunk by chunk in a fixed order (the same on any number
/// of threads).
fn fixed_sum(n: usize, f: impl Fn(usize) -> f64 + Sync) -> f64 {
    let chunks = n.div_ceil(CHUNK);
    // One partial sum per chunk (n / 4096 of them: a small list).
    let partial = (0..chunks)
        .into_par_iter()
        .map(|k| (k * CHUNK..n.min((k + 1) * CHUNK)).fold(0.0, |s, i| s + f(i)))
        .collect::<Vec<f64>>();
    partial.iter().fold(0.0, |s, p| s + p)
}

/// The Euclidean norm of `x`, summed in a fixed order.
fn norm(x: &[f64]) -> f64 {
    fixed_sum(x.len(), |i| x[i] * x[i]).sqrt()
}

/// `tol` as every power iteration takes it (these and PageRank): a number >= 0. Any
/// `max_iter` will do (0 fails without iterating, as networkx), and the weight column is
/// checked where the snapshot is taken.
pub(super) fn check_tol(tol: f64) -> GraphResult<()> {
    if tol.is_nan() || tol < 0.0 {
        return Err(GraphError::InvalidArgument(format!(
            "tol must be a number >= 0, got {tol}"
        )));
    }
    Ok(())
}

/// The error of a power iteration (these and PageRank) that did not converge.
pub(super) fn no_convergence(max_iter: usize, tol: f64) -> GraphError {
    GraphError::Algorithm(format!(
        "did not converge within {max_iter} iterations (tol {tol})"
    ))
}

/// networkx's power iteration from `x`, as eigenvector and Katz centrality run it: each
/// step writes the next vector (`step(x, next)`), until the L1 change `sum |next - x|`
/// (summed in a fixed order) is below `n * tol`; returns the last vector. Checks `cancel`
/// before every step; `Algorithm` after `max_iter` steps without convergence.
fn power_iteration(
    mut x: Vec<f64>,
    max_iter: usize,
    tol: f64,
    cancel: &Cancel,
    mut step: impl FnMut(&[f64], &mut [f64]),
) -> GraphResult<Vec<f64>> {
    let n = x.len();
    let mut next = filled(n, 0.0)?;
    for _ in 0..max_iter {
        cancel.check()?;
        step(&x, &mut next);
        let err = fixed_sum(n, |v| (next[v] - x[v]).abs());
        std::mem::swap(&mut x, &mut next);
        if err < n as f64 * tol {
            return Ok(x);
        }
    }
    Err(no_convergence(max_iter, tol))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::random::Rng;
    use crate::algo::test_graphs::{floats, on_threads};
    use crate::core::{AttrValue, Cancel, GraphCore, SharedGraph};

    /// A random directed graph of 10,000 nodes (several chunks), weighted.
    fn big() -> SharedGraph {
        let mut rng = Rng::new(7);
        let mut g = GraphCore::new(true);
        for _ in 0..40_000 {
            let (u, v) = (rng.below(10_000) as i64, rng.below(10_000) as i64);
            let w = AttrValue::Float64(0.5 + rng.next_f64());
            g.add_edge(u.into(), v.into(), &[("w", w)]).unwrap();
        }
        SharedGraph::new(g)
    }

    #[test]
    fn results_do_not_depend_on_the_thread_count() {
        let g = big();
        let run = |threads: usize| {
            on_threads(threads, || {
                let c = Cancel::new();
                let katz = KatzOptions {
                    alpha: 0.05,
                    weight: Some("w"),
                    ..Default::default()
                };
                let eigen = EigenvectorOptions {
                    max_iter: 1000,
                    ..Default::default()
                };
                let h = hits(&g, &HitsOptions::default(), &c).unwrap();
                (
                    floats(&katz_centrality(&g, &katz, &c).unwrap()),
                    floats(&eigenvector_centrality(&g, &eigen, &c).unwrap()),
                    format!("{:?}", h.hubs),
                )
            })
        };
        assert_eq!(run(1), run(3));
    }
}
