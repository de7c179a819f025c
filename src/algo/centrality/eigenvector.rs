//! Eigenvector centrality by networkx's power iteration: start from the uniform vector
//! `1/n`; each step adds to every node the sum of its in-neighbours' values times the edge
//! weights (`x <- x (A + I)`, the left eigenvector), then divides by the Euclidean norm;
//! stop as soon as `sum |x - x_prev| < n * tol`.

use super::super::{input, NodeValues};
use super::{check_tol, norm, power_iteration, pull, pulled, PullRows};
use crate::core::fallible::filled;
use crate::core::{Array, Cancel, GraphError, GraphResult, SharedGraph};

#[derive(Clone, Debug)]
pub struct EigenvectorOptions<'a> {
    pub max_iter: usize,
    pub tol: f64,
    /// An edge column of weights (missing values weigh 1.0; a column no edge has is an
    /// error); `None`: every edge weighs 1.
    pub weight: Option<&'a str>,
}

impl Default for EigenvectorOptions<'_> {
    fn default() -> Self {
        EigenvectorOptions {
            max_iter: 100,
            tol: 1e-6,
            weight: None,
        }
    }
}

/// The eigenvector centrality of every node (unit Euclidean norm). `InvalidOperation` on
/// a graph without nodes (networkx's `NetworkXPointlessConcept`); `Algorithm` without
/// convergence in `max_iter` steps.
pub fn eigenvector_centrality(
    graph: &SharedGraph,
    options: &EigenvectorOptions<'_>,
    cancel: &Cancel,
) -> GraphResult<NodeValues> {
    check_tol(options.tol)?;
    let input = input::take(graph, &[], options.weight, cancel)?;
    let csr = &input.csr;
    let n = csr.node_count();
    if n == 0 {
        return Err(GraphError::InvalidOperation(
            "eigenvector centrality is not defined for the graph without nodes".into(),
        ));
    }
    let weights = input.weights.as_deref().map(|w| w.inp());
    let rows = PullRows::of(csr, cancel)?;
    let start = filled(n, 1.0 / n as f64)?;
    let x = power_iteration(start, options.max_iter, options.tol, cancel, |x, next| {
        pull(rows.rows(), pulled(&rows, weights), x, next, |v, sum| {
            x[v] + sum
        });
        // Never zero by Perron-Frobenius; networkx takes 1 if rounding makes it so.
        let scale = match norm(next) {
            0.0 => 1.0,
            s => s,
        };
        next.iter_mut().for_each(|y| *y /= scale);
    })?;
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
    fn reference(n: usize, edges: &[(usize, usize, f64)], directed: bool) -> Vec<f64> {
        let mut x = vec![1.0 / n as f64; n];
        for _ in 0..100 {
            let last = x.clone();
            for &(u, v, w) in edges {
                x[v] += last[u] * w;
                if !directed && u != v {
                    x[u] += last[v] * w;
                }
            }
            let s = x.iter().map(|a| a * a).sum::<f64>().sqrt();
            x.iter_mut().for_each(|a| *a /= s);
            let err: f64 = x.iter().zip(&last).map(|(a, b)| (a - b).abs()).sum();
            if err < n as f64 * 1e-6 {
                return x;
            }
        }
        panic!("reference did not converge");
    }

    #[test]
    fn a_path_as_networkx() {
        // networkx: eigenvector_centrality(path_graph(4)) ~ [0.37, 0.60, 0.60, 0.37]
        let g = weighted_graph(false, &[(0, 1, None), (1, 2, None), (2, 3, None)]);
        let r = floats(&eigenvector_centrality(&g, &Default::default(), &Cancel::new()).unwrap());
        let e = reference(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)], false);
        for (a, b) in r.iter().zip(&e) {
            assert!((a - b).abs() < 1e-12);
        }
        assert!((r[0] - 0.3717).abs() < 1e-3 && (r[1] - 0.6015).abs() < 1e-3);
    }

    #[test]
    fn weighted_directed_with_a_self_loop_matches_the_plain_loop() {
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
        let e = reference(4, &edges, true);
        let g = weighted_graph(true, &with);
        let options = EigenvectorOptions {
            weight: Some("w"),
            ..Default::default()
        };
        let r = floats(&eigenvector_centrality(&g, &options, &Cancel::new()).unwrap());
        for (a, b) in r.iter().zip(&e) {
            assert!((a - b).abs() < 1e-12, "{r:?} {e:?}");
        }
    }

    #[test]
    fn errors() {
        let c = Cancel::new();
        let empty = weighted_graph(false, &[]);
        assert!(matches!(
            eigenvector_centrality(&empty, &Default::default(), &c),
            Err(GraphError::InvalidOperation(_))
        ));
        let g = weighted_graph(false, &[(0, 1, None), (1, 2, None)]);
        let one = EigenvectorOptions {
            max_iter: 1,
            ..Default::default()
        };
        assert!(matches!(
            eigenvector_centrality(&g, &one, &c),
            Err(GraphError::Algorithm(_))
        ));
        let bad = EigenvectorOptions {
            tol: f64::NAN,
            ..Default::default()
        };
        assert!(matches!(
            eigenvector_centrality(&g, &bad, &c),
            Err(GraphError::InvalidArgument(_))
        ));
        c.trigger();
        assert_eq!(
            eigenvector_centrality(&g, &Default::default(), &c).unwrap_err(),
            GraphError::Cancelled
        );
    }
}
