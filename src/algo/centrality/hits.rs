//! HITS hubs and authorities: the dominant singular vectors of the adjacency matrix A
//! (weighted by the edge column "weight" when the graph has one, as networkx's `hits`
//! reads it), by power iteration: `a <- A^T h`, `h <- A a`, each scaled to sum 1, starting
//! from the uniform `h`.
//!
//! networkx solves the same problem with ARPACK and stops at its own tolerance; a loop
//! stopping when one step changes less than `tol` (as networkx's pure-Python version
//! does) would still be about `change / (1 - rate)` away from the limit when convergence
//! is slow. So this one also estimates the rate from successive changes and stops only
//! when the estimated remaining distance is below a tenth of `tol` too: the values agree
//! with networkx's within `tol`.

use super::super::input;
use super::{check_tol, fixed_sum, laid_out, no_convergence, norm, pull};
use crate::core::fallible::filled;
use crate::core::{Array, Cancel, GraphError, GraphResult, KeyList, SharedGraph};
use std::sync::Arc;

/// Power steps per counted iteration: the length of ARPACK's Krylov space for one
/// singular vector (scipy's `ncv = max(2k + 1, 20)`).
const STEPS_PER_ITER: usize = 20;

/// The weight column networkx's `hits` uses when edges have it.
const WEIGHT: &str = "weight";

#[derive(Clone, Debug)]
pub struct HitsOptions {
    /// The most iterations, as networkx counts them (each up to `STEPS_PER_ITER` power
    /// steps); without convergence by then, `Algorithm`.
    pub max_iter: usize,
    pub tol: f64,
    /// Scale hubs and authorities to sum 1 each; otherwise authorities have unit
    /// Euclidean norm and hubs are `A` times them (networkx's unnormalised result).
    pub normalized: bool,
}

impl Default for HitsOptions {
    fn default() -> Self {
        HitsOptions {
            max_iter: 100,
            tol: 1e-8,
            normalized: true,
        }
    }
}

/// Hub and authority scores, both aligned with `keys`.
#[derive(Debug)]
pub struct HitsValues {
    pub keys: Arc<KeyList>,
    pub hubs: Array,
    pub authorities: Array,
}

/// HITS on `graph`. A graph without nodes gives no values; one whose edges give every
/// node a zero score (no edges) is an `Algorithm` error, as is no convergence.
pub fn hits(
    graph: &SharedGraph,
    options: &HitsOptions,
    cancel: &Cancel,
) -> GraphResult<HitsValues> {
    check_tol(options.tol)?;
    // Asked under its own short read lock: should a writer drop the column before the
    // snapshot is taken, the call reports the missing column (InvalidArgument) rather
    // than mixing two versions of the graph.
    let weighted = graph
        .read()
        .edge_attr_names()
        .iter()
        .any(|n| &**n == WEIGHT);
    let input = input::take(graph, &[], weighted.then_some(WEIGHT), cancel)?;
    let csr = &input.csr;
    let n = csr.node_count();
    let (in_weights, out_weights) = match input.weights.as_deref() {
        Some(w) => (Some(w.inp()), Some(&w.out[..])),
        None => (None, None),
    };
    if n == 0 {
        return Ok(HitsValues {
            keys: csr.keys().clone(),
            hubs: Array::from_f64(Vec::new()),
            authorities: Array::from_f64(Vec::new()),
        });
    }
    let mut h = filled(n, 1.0 / n as f64)?;
    let mut a = filled(n, 0.0)?;
    let mut next = filled(n, 0.0)?;
    let mut last_change = f64::INFINITY;
    for _ in 0..options.max_iter.saturating_mul(STEPS_PER_ITER) {
        cancel.check()?;
        pull(
            csr.inp(),
            laid_out(csr.inp(), in_weights),
            &h,
            &mut a,
            |_, s| s,
        );
        scale_to_one(&mut a)?;
        pull(
            &csr.out,
            laid_out(&csr.out, out_weights),
            &a,
            &mut next,
            |_, s| s,
        );
        let hub_total = scale_to_one(&mut next)?;
        let change = fixed_sum(n, |v| (next[v] - h[v]).abs());
        std::mem::swap(&mut h, &mut next);
        let rate = (change / last_change).min(1.0);
        last_change = change;
        // The distance left is about `change * rate / (1 - rate)`; a tenth of `tol` leaves
        // room for networkx's own error.
        if change < options.tol && change * rate < 0.1 * options.tol * (1.0 - rate) {
            if !options.normalized {
                // a / |a|, and h = A (a / |a|) = h * hub_total / |a|.
                let length = norm(&a);
                a.iter_mut().for_each(|x| *x /= length);
                h.iter_mut().for_each(|x| *x *= hub_total / length);
            }
            return Ok(HitsValues {
                keys: csr.keys().clone(),
                hubs: Array::from_f64(h),
                authorities: Array::from_f64(a),
            });
        }
    }
    Err(no_convergence(options.max_iter, options.tol))
}

/// Divides `x` by its sum, which it returns; `Algorithm` when the sum is 0 (or not a
/// number), where the scores are undefined.
fn scale_to_one(x: &mut [f64]) -> GraphResult<f64> {
    let total = fixed_sum(x.len(), |i| x[i]);
    if total == 0.0 || !total.is_finite() {
        return Err(GraphError::Algorithm(
            "HITS is undefined here: the edges give every node a zero score".into(),
        ));
    }
    x.iter_mut().for_each(|v| *v /= total);
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::test_graphs::weighted_graph;
    use crate::core::AttrValue;

    fn values(a: &Array) -> Vec<f64> {
        (0..a.len())
            .map(|i| match a.get(i) {
                AttrValue::Float64(x) => x,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_star_has_one_hub_and_its_leaves_as_authorities() {
        let g = weighted_graph(true, &[(0, 1, None), (0, 2, None), (3, 2, None)]);
        let r = hits(&g, &HitsOptions::default(), &Cancel::new()).unwrap();
        let (h, a) = (values(&r.hubs), values(&r.authorities));
        // A^T A = [[1, 1], [1, 2]] on the authorities 1 and 2: its top eigenvector.
        let phi = (1.0 + 5f64.sqrt()) / 2.0;
        let expected_a2 = phi / (1.0 + phi);
        assert!((a[2] - expected_a2).abs() < 1e-9, "{a:?}");
        assert!((a.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((h.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(h[0] > h[3] && h[1] == 0.0 && a[0] == 0.0);
        let raw = hits(
            &g,
            &HitsOptions {
                normalized: false,
                ..Default::default()
            },
            &Cancel::new(),
        )
        .unwrap();
        let a = values(&raw.authorities);
        assert!((a.iter().map(|x| x * x).sum::<f64>() - 1.0).abs() < 1e-12);
        // h = A a: node 0 points at 1 and 2.
        assert!((values(&raw.hubs)[0] - (a[1] + a[2])).abs() < 1e-12);
    }

    #[test]
    fn weights_come_from_the_weight_column() {
        let mut core = crate::core::GraphCore::new(true);
        for (u, v, w) in [(0i64, 1i64, 3.0), (2, 1, 1.0), (2, 3, 1.0)] {
            core.add_edge(u.into(), v.into(), &[("weight", AttrValue::Float64(w))])
                .unwrap();
        }
        let g = SharedGraph::new(core);
        let weighted = hits(&g, &HitsOptions::default(), &Cancel::new()).unwrap();
        let plain = weighted_graph(true, &[(0, 1, Some(3.0)), (2, 1, None), (2, 3, None)]);
        let unweighted = hits(&plain, &HitsOptions::default(), &Cancel::new()).unwrap();
        assert!(values(&weighted.hubs)[0] > values(&unweighted.hubs)[0]);
    }

    #[test]
    fn errors_and_empty() {
        let c = Cancel::new();
        let no_edges = weighted_graph(false, &[]);
        assert!(hits(&no_edges, &Default::default(), &c)
            .unwrap()
            .keys
            .is_empty());
        let mut core = crate::core::GraphCore::new(false);
        core.add_node(1.into(), &[]).unwrap();
        let lonely = SharedGraph::new(core);
        assert!(matches!(
            hits(&lonely, &Default::default(), &c),
            Err(GraphError::Algorithm(_))
        ));
        // Two stars, of 3 and 2 leaves: the error shrinks by 2/3 per step, far from
        // 1e-8 after the 20 steps of one iteration.
        let stars = [(0, 1), (0, 2), (0, 3), (4, 5), (4, 6)];
        let g = weighted_graph(true, &stars.map(|(u, v)| (u, v, None)));
        let one = HitsOptions {
            max_iter: 1,
            ..Default::default()
        };
        assert!(matches!(hits(&g, &one, &c), Err(GraphError::Algorithm(_))));
    }
}
