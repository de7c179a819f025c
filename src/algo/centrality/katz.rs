//! Katz centrality by networkx's iteration: start from zeros; each step sets every node to
//! `alpha * (sum of its in-neighbours' values times the edge weights) + beta`; stop as soon
//! as `sum |x - x_prev| < n * tol`, then (when normalized) divide by the Euclidean norm.

use super::super::{input, NodeValues};
use super::{check_tol, norm, power_iteration, pull, pulled, PullRows};
use crate::core::fallible::filled;
use crate::core::{Array, Cancel, GraphError, GraphResult, KeyRef, SharedGraph};

#[derive(Clone, Debug)]
pub struct KatzOptions<'a> {
    /// The attenuation factor.
    pub alpha: f64,
    /// The weight every node gets of its own (when `beta_by_node` is `None`).
    pub beta: f64,
    /// A `beta` per node: every node of the graph must be listed, and no other key.
    pub beta_by_node: Option<&'a [(KeyRef<'a>, f64)]>,
    pub max_iter: usize,
    pub tol: f64,
    /// Divide the result by its Euclidean norm.
    pub normalized: bool,
    /// An edge column of weights (missing values weigh 1.0; a column no edge has is an
    /// error); `None`: every edge weighs 1.
    pub weight: Option<&'a str>,
}

impl Default for KatzOptions<'_> {
    fn default() -> Self {
        KatzOptions {
            alpha: 0.1,
            beta: 1.0,
            beta_by_node: None,
            max_iter: 1000,
            tol: 1e-6,
            normalized: true,
            weight: None,
        }
    }
}

/// The Katz centrality of every node; `Algorithm` without convergence in `max_iter`
/// steps. A graph without nodes gives no values (as networkx).
pub fn katz_centrality(
    graph: &SharedGraph,
    options: &KatzOptions<'_>,
    cancel: &Cancel,
) -> GraphResult<NodeValues> {
    check_tol(options.tol)?;
    if !options.alpha.is_finite() || !options.beta.is_finite() {
        return Err(GraphError::InvalidArgument(format!(
            "alpha and beta must be finite numbers, got {} and {}",
            options.alpha, options.beta
        )));
    }
    let pairs = options.beta_by_node.unwrap_or(&[]);
    let beta_keys: Vec<KeyRef<'_>> = pairs.iter().map(|(k, _)| *k).collect();
    let input = input::take_with_optional(graph, &[], &beta_keys, options.weight, cancel)?;
    let csr = &input.csr;
    let n = csr.node_count();
    if n == 0 {
        // networkx answers before iterating (whose stopping rule `err < 0` never holds).
        return Ok(NodeValues {
            keys: csr.keys().clone(),
            values: Array::from_f64(Vec::new()),
        });
    }
    let mut beta = filled(n, options.beta)?;
    if options.beta_by_node.is_some() {
        let mut given = filled(n, false)?;
        for ((key, value), id) in pairs.iter().zip(&input.optional) {
            let Some(c) = id else {
                return Err(GraphError::InvalidArgument(format!(
                    "beta names {key}, which is not a node of the graph"
                )));
            };
            if !value.is_finite() {
                return Err(GraphError::InvalidArgument(format!(
                    "beta[{key}] must be a finite number, got {value}"
                )));
            }
            beta[*c as usize] = *value;
            given[*c as usize] = true;
        }
        if let Some(c) = given.iter().position(|&g| !g) {
            return Err(GraphError::InvalidArgument(format!(
                "beta must have a value for every node, and has none for {}",
                csr.keys().get(c)
            )));
        }
    }
    let weights = input.weights.as_deref().map(|w| w.inp());
    let rows = PullRows::of(csr, cancel)?;
    let beta = rows.by_row(&beta)?;
    let alpha = options.alpha;
    let start = filled(n, 0.0)?;
    let mut x = power_iteration(start, options.max_iter, options.tol, cancel, |x, next| {
        pull(rows.rows(), pulled(&rows, weights), x, next, |v, sum| {
            alpha * sum + beta[v]
        });
    })?;
    if options.normalized {
        let s = norm(&x);
        // networkx keeps the values when the norm is 0.
        let s = if s == 0.0 { 1.0 } else { 1.0 / s };
        x.iter_mut().for_each(|a| *a *= s);
    }
    Ok(NodeValues {
        keys: csr.keys().clone(),
        values: Array::from_f64(rows.to_compact(x)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::test_graphs::{floats, weighted_graph};

    /// networkx's loop, written plainly (dense, push order).
    fn reference(n: usize, edges: &[(usize, usize, f64)], directed: bool, alpha: f64) -> Vec<f64> {
        let mut x = vec![0.0; n];
        for _ in 0..1000 {
            let last = x.clone();
            x = vec![0.0; n];
            for &(u, v, w) in edges {
                x[v] += last[u] * w;
                if !directed && u != v {
                    x[u] += last[v] * w;
                }
            }
            x.iter_mut().for_each(|a| *a = alpha * *a + 1.0);
            let err: f64 = x.iter().zip(&last).map(|(a, b)| (a - b).abs()).sum();
            if err < n as f64 * 1e-6 {
                let s = x.iter().map(|a| a * a).sum::<f64>().sqrt();
                return x.iter().map(|a| a / s).collect();
            }
        }
        panic!("reference did not converge");
    }

    #[test]
    fn matches_the_plain_loop() {
        let edges = [
            (0, 1, 2.0),
            (1, 2, 1.0),
            (2, 0, 0.5),
            (2, 2, 1.5),
            (3, 1, 1.0),
        ];
        let with: Vec<_> = edges
            .iter()
            .map(|&(u, v, w)| (u as i64, v as i64, Some(w)))
            .collect();
        for directed in [true, false] {
            let e = reference(4, &edges, directed, 0.2);
            let g = weighted_graph(directed, &with);
            let options = KatzOptions {
                alpha: 0.2,
                weight: Some("w"),
                ..Default::default()
            };
            let r = floats(&katz_centrality(&g, &options, &Cancel::new()).unwrap());
            for (a, b) in r.iter().zip(&e) {
                assert!((a - b).abs() < 1e-12, "{r:?} {e:?}");
            }
        }
    }

    #[test]
    fn beta_per_node_and_errors() {
        let c = Cancel::new();
        let g = weighted_graph(true, &[(1, 2, None)]);
        // x1 = b1, x2 = alpha * b1 + b2; not normalized.
        let betas = [(KeyRef::Int(2), 3.0), (KeyRef::Int(1), 2.0)];
        let options = KatzOptions {
            beta_by_node: Some(&betas),
            normalized: false,
            ..Default::default()
        };
        let r = floats(&katz_centrality(&g, &options, &c).unwrap());
        assert!((r[0] - 2.0).abs() < 1e-12 && (r[1] - 3.2).abs() < 1e-12);
        let missing = [(KeyRef::Int(2), 3.0)];
        let extra = [
            (KeyRef::Int(1), 1.0),
            (KeyRef::Int(2), 1.0),
            (KeyRef::Int(9), 1.0),
        ];
        for betas in [&missing[..], &extra[..]] {
            let options = KatzOptions {
                beta_by_node: Some(betas),
                ..Default::default()
            };
            assert!(matches!(
                katz_centrality(&g, &options, &c),
                Err(GraphError::InvalidArgument(_))
            ));
        }
        let one = KatzOptions {
            max_iter: 1,
            ..Default::default()
        };
        assert!(matches!(
            katz_centrality(&g, &one, &c),
            Err(GraphError::Algorithm(_))
        ));
        let empty = weighted_graph(false, &[]);
        assert!(katz_centrality(&empty, &Default::default(), &c)
            .unwrap()
            .keys
            .is_empty());
    }
}
