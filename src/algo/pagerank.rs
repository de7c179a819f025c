//! PageRank, exactly as networkx iterates it: start from the uniform vector;
//! `x = alpha * (x W + dangling mass spread by p) + (1 - alpha) p`, where W is row-normalised
//! by out-weight (an undirected edge counts both ways) and p is the personalization vector
//! (uniform by default); stop as soon as `sum |x - x_prev| < N * tol`.
//!
//! Each iteration pulls along incoming edges: a node's new score is a sum over its
//! in-neighbours' contributions `x[u] / out_weight[u]`, so threads write disjoint nodes and
//! need no atomics.

use rayon::prelude::*;

use super::centrality::{check_tol, no_convergence};
use super::input;
use super::pull_rows::PullRows;
use super::NodeValues;
use crate::core::fallible::{filled, with_capacity};
use crate::core::Cancel;
use crate::core::{Array, Csr, EntryWeights, GraphError, GraphResult, KeyRef, SharedGraph};

/// Nodes per parallel task: large enough to amortise scheduling, small enough to balance.
const CHUNK: usize = 4096;

#[derive(Clone, Debug)]
pub struct PageRankOptions<'a> {
    pub alpha: f64,
    pub max_iter: usize,
    pub tol: f64,
    /// An edge column of weights (missing values weigh 1.0; a column no edge has is an
    /// error).
    pub weight: Option<&'a str>,
    /// Personalization: `(key, value)` pairs; nodes not listed get 0, keys not in the graph
    /// are ignored.
    pub personalization: Option<&'a [(KeyRef<'a>, f64)]>,
}

impl Default for PageRankOptions<'_> {
    fn default() -> Self {
        PageRankOptions {
            alpha: 0.85,
            max_iter: 100,
            tol: 1e-6,
            weight: None,
            personalization: None,
        }
    }
}

/// PageRank of every node of `graph`.
pub fn pagerank(
    graph: &SharedGraph,
    options: &PageRankOptions<'_>,
    cancel: &Cancel,
) -> GraphResult<NodeValues> {
    if !(options.alpha > 0.0 && options.alpha < 1.0) {
        return Err(GraphError::InvalidArgument(format!(
            "alpha must be in (0, 1), got {}",
            options.alpha
        )));
    }
    check_tol(options.tol)?;
    let pairs = options.personalization.unwrap_or(&[]);
    // Personalization keys may be absent from the graph: they are looked up leniently.
    let personal_keys: Vec<KeyRef<'_>> = pairs.iter().map(|(k, _)| *k).collect();
    let input = input::take_with_optional(graph, &[], &personal_keys, options.weight, cancel)?;
    let csr = &input.csr;
    let n = csr.node_count();
    let personalization = match options.personalization {
        None => None,
        Some(_) => {
            let mut p = filled(n, 0.0)?;
            for ((_, value), id) in pairs.iter().zip(&input.optional) {
                if let Some(c) = id {
                    p[*c as usize] = *value;
                }
            }
            let total: f64 = p.iter().sum();
            if !(total.is_finite() && total != 0.0) {
                return Err(GraphError::InvalidArgument(
                    "personalization must give the graph's nodes a non-zero, finite sum".into(),
                ));
            }
            p.iter_mut().for_each(|x| *x /= total);
            Some(p)
        }
    };
    let values = iterate(
        csr,
        input.weights.as_deref(),
        personalization.as_deref(),
        options,
        cancel,
    )?;
    Ok(NodeValues {
        keys: csr.keys().clone(),
        values: Array::from_f64(values),
    })
}

/// The power iteration on a snapshot, in its locality order when it has one.
fn iterate(
    csr: &Csr,
    weights: Option<&EntryWeights>,
    personalization: Option<&[f64]>,
    options: &PageRankOptions<'_>,
    cancel: &Cancel,
) -> GraphResult<Vec<f64>> {
    let pull = PullRows::of(csr, cancel)?;
    let x = iterate_rows(csr, &pull, weights, personalization, options, cancel)?;
    pull.to_compact(x)
}

/// The power iteration over `pull`'s rows; scores by row.
fn iterate_rows(
    csr: &Csr,
    pull: &PullRows<'_>,
    weights: Option<&EntryWeights>,
    personalization: Option<&[f64]>,
    options: &PageRankOptions<'_>,
    cancel: &Cancel,
) -> GraphResult<Vec<f64>> {
    let n = csr.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let alpha = options.alpha;
    let uniform = 1.0 / n as f64;
    let personalization = personalization.map(|p| pull.by_row(p)).transpose()?;
    let p = |r: usize| personalization.as_ref().map_or(uniform, |p| p[r]);

    // 1 / out-weight of each node (0 for dangling nodes), and each incoming entry's weight.
    let out = &csr.out;
    let mut inverse_out = filled(n, 0.0)?;
    inverse_out
        .par_iter_mut()
        .enumerate()
        .for_each(|(r, slot)| {
            let c = pull.compact(r);
            let total: f64 = match weights {
                None => out.degree(c as u32) as f64,
                Some(w) => w.out[out.offsets[c]..out.offsets[c + 1]].iter().sum(),
            };
            if total != 0.0 {
                *slot = 1.0 / total;
            }
        });
    let rows = pull.rows();
    let in_weights: Option<&[f64]> = weights.map(|w| w.inp());
    let is_dangling = |u: &u32| inverse_out[*u as usize] == 0.0;
    let mut dangling = with_capacity((0..n as u32).filter(is_dangling).count())?;
    dangling.extend((0..n as u32).filter(is_dangling));

    let mut x = filled(n, uniform)?;
    let mut next = filled(n, 0.0)?;
    let mut contribution = filled(n, 0.0)?;
    for _ in 0..options.max_iter {
        cancel.check()?;
        contribution
            .par_iter_mut()
            .zip(&x)
            .zip(&inverse_out)
            .for_each(|((c, &xu), &inv)| *c = xu * inv);
        let dangling_sum: f64 = dangling.iter().map(|&u| x[u as usize]).sum();
        let err: f64 = next
            .par_chunks_mut(CHUNK)
            .enumerate()
            .map(|(k, chunk)| {
                let mut err = 0.0;
                for (j, slot) in chunk.iter_mut().enumerate() {
                    let r = k * CHUNK + j;
                    let entries = &rows.nodes[rows.offsets[r]..rows.offsets[r + 1]];
                    let pulled: f64 = match in_weights {
                        None => entries.iter().map(|&u| contribution[u as usize]).sum(),
                        Some(w) => entries
                            .iter()
                            .zip(pull.row_weights(w, r))
                            .map(|(&u, &wt)| contribution[u as usize] * wt)
                            .sum(),
                    };
                    let pr = p(r);
                    let value = alpha * (pulled + dangling_sum * pr) + (1.0 - alpha) * pr;
                    err += (value - x[r]).abs();
                    *slot = value;
                }
                err
            })
            .sum();
        std::mem::swap(&mut x, &mut next);
        if err < n as f64 * options.tol {
            return Ok(x);
        }
    }
    Err(no_convergence(options.max_iter, options.tol))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::test_graphs::{graph, weighted_graph};
    use crate::core::PullOrder;

    #[test]
    fn a_cycle_is_uniform_and_sums_to_one() {
        let g = graph(true, &[(1, 2), (2, 3), (3, 1)]);
        let r = pagerank(&g, &PageRankOptions::default(), &Cancel::new()).unwrap();
        for i in 0..3 {
            let AttrValueF64(x) = value(&r, i);
            assert!((x - 1.0 / 3.0).abs() < 1e-9);
        }
    }

    struct AttrValueF64(f64);

    fn value(r: &NodeValues, i: usize) -> AttrValueF64 {
        match r.values.get(i) {
            crate::core::AttrValue::Float64(x) => AttrValueF64(x),
            other => panic!("not a float: {other:?}"),
        }
    }

    #[test]
    fn dangling_mass_is_spread_and_bad_alpha_is_rejected() {
        // networkx: pagerank(DiGraph([(1, 2)])) == {1: 0.350877..., 2: 0.649122...}
        let g = graph(true, &[(1, 2)]);
        let r = pagerank(&g, &PageRankOptions::default(), &Cancel::new()).unwrap();
        let (AttrValueF64(a), AttrValueF64(b)) = (value(&r, 0), value(&r, 1));
        assert!((a - 0.350877).abs() < 1e-5 && (b - 0.649122).abs() < 1e-5);
        let bad = PageRankOptions {
            alpha: 1.5,
            ..PageRankOptions::default()
        };
        assert_eq!(
            pagerank(&g, &bad, &Cancel::new()).unwrap_err(),
            GraphError::InvalidArgument("alpha must be in (0, 1), got 1.5".into())
        );
    }

    proptest::proptest! {
        /// Pulling along rows relabelled in any order gives the scores of the snapshot's
        /// own order (each node's entries are summed in the same order; only the dangling
        /// sum's order differs), weighted and personalized too.
        #[test]
        fn a_relabelled_pull_gives_the_same_scores(
            directed in proptest::bool::ANY,
            edges in proptest::collection::vec((0i64..15, 0i64..15, 0.1f64..4.0), 1..60),
            shuffle in proptest::collection::vec(proptest::num::u32::ANY, 15),
            weighted in proptest::bool::ANY,
            personalized in proptest::bool::ANY,
        ) {
            let edges: Vec<_> = edges.into_iter().map(|(u, v, w)| (u, v, Some(w))).collect();
            let g = weighted_graph(directed, &edges);
            let input = input::take(&g, &[], weighted.then_some("w"), &Cancel::new()).unwrap();
            let csr = &input.csr;
            let n = csr.node_count();
            let mut order: Vec<u32> = (0..n as u32).collect();
            order.sort_by_key(|&c| shuffle[c as usize]);
            let relabelled = PullOrder::relabel(csr.inp(), order, &Cancel::new()).unwrap();
            let relabelled = PullRows::with(csr, Some(std::sync::Arc::new(relabelled)));
            let total: f64 = (0..n).map(|c| (c % 4) as f64).sum();
            let personalization: Vec<f64> = (0..n).map(|c| (c % 4) as f64 / total).collect();
            let personalization = (personalized && n > 1).then_some(&personalization[..]);
            let options = PageRankOptions { tol: 1e-13, max_iter: 1000, ..PageRankOptions::default() };
            let weights = input.weights.as_deref();
            let run = |pull: &PullRows<'_>| {
                let x = iterate_rows(csr, pull, weights, personalization, &options, &Cancel::new());
                pull.to_compact(x.unwrap()).unwrap()
            };
            let as_is = run(&PullRows::with(csr, None));
            let moved = run(&relabelled);
            for (a, b) in as_is.iter().zip(&moved) {
                proptest::prop_assert!((a - b).abs() < 1e-12, "{as_is:?} != {moved:?}");
            }
        }
    }

    #[test]
    fn only_a_large_graph_whose_ids_scatter_its_hubs_gets_a_locality_order() {
        // A cycle over 2^19 nodes, and a second edge out of 2^17 nodes whose ids are
        // scattered by a multiplication: the most read nodes lie on three times more
        // cache lines than they would fill packed.
        let n: i64 = 1 << 19;
        let mut edges: Vec<(i64, i64)> = (0..n).map(|i| (i, (i + 1) % n)).collect();
        edges.extend((0..n / 4).map(|i| (i * 7919 % n, 0)));
        let g = graph(true, &edges);
        let input = input::take(&g, &[], None, &Cancel::new()).unwrap();
        let relabelled = input.csr.pull_order(&Cancel::new()).unwrap().unwrap();
        assert_eq!(relabelled.order[0], 0); // 7919 * 0: out-degree 2, first of the ties
        let small = graph(true, &[(1, 2), (2, 3)]);
        let input = input::take(&small, &[], None, &Cancel::new()).unwrap();
        assert!(input.csr.pull_order(&Cancel::new()).unwrap().is_none());
    }

    #[test]
    fn a_triggered_token_stops_it() {
        let g = graph(false, &[(1, 2)]);
        let cancel = Cancel::new();
        cancel.trigger();
        assert_eq!(
            pagerank(&g, &PageRankOptions::default(), &cancel).unwrap_err(),
            GraphError::Cancelled
        );
    }
}
