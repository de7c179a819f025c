//! Degree centralities as networkx defines them: a node's degree (in-, out-, or both
//! counted together; an undirected self-loop counts twice) divided by `n - 1`; on graphs
//! of at most one node every node gets 1.

use rayon::prelude::*;

use super::super::{input, NodeValues};
use crate::core::fallible::filled;
use crate::core::{Array, Cancel, Csr, GraphError, GraphResult, SharedGraph};

#[derive(Clone, Copy)]
enum Which {
    Both,
    In,
    Out,
}

/// Degree over `n - 1` for every node (in + out when directed).
pub fn degree_centrality(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<NodeValues> {
    centrality(graph, Which::Both, cancel)
}

/// In-degree over `n - 1`; directed graphs only (`InvalidOperation` otherwise, as
/// networkx's `NetworkXNotImplemented`).
pub fn in_degree_centrality(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<NodeValues> {
    centrality(graph, Which::In, cancel)
}

/// Out-degree over `n - 1`; directed graphs only.
pub fn out_degree_centrality(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<NodeValues> {
    centrality(graph, Which::Out, cancel)
}

fn centrality(graph: &SharedGraph, which: Which, cancel: &Cancel) -> GraphResult<NodeValues> {
    let input = input::take(graph, &[], None, cancel)?;
    let csr = &input.csr;
    if !csr.is_directed() && !matches!(which, Which::Both) {
        return Err(GraphError::InvalidOperation(
            "in- and out-degree centrality are defined for directed graphs only".into(),
        ));
    }
    let n = csr.node_count();
    let scale = if n <= 1 { 0.0 } else { 1.0 / (n as f64 - 1.0) };
    let mut values = filled(n, 1.0)?;
    if n > 1 {
        values.par_iter_mut().enumerate().for_each(|(c, slot)| {
            *slot = degree(csr, which, c as u32) as f64 * scale;
        });
    }
    cancel.check()?;
    Ok(NodeValues {
        keys: csr.keys().clone(),
        values: Array::from_f64(values),
    })
}

fn degree(csr: &Csr, which: Which, c: u32) -> usize {
    match which {
        Which::In => csr.inp().degree(c),
        Which::Out => csr.out.degree(c),
        Which::Both if csr.is_directed() => csr.out.degree(c) + csr.inp().degree(c),
        Which::Both if !csr.has_self_loops() => csr.out.degree(c),
        // An undirected self-loop is one entry but adds 2 to the degree.
        Which::Both => {
            let neighbours = csr.out.neighbors(c);
            neighbours.len() + neighbours.iter().filter(|&&v| v == c).count()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::test_graphs::{floats, weighted_graph};

    #[test]
    fn degrees_over_n_minus_one_with_self_loops_twice() {
        // networkx: degree_centrality(Graph([(1, 2), (2, 3), (3, 3)])) ==
        // {1: 0.5, 2: 1.0, 3: 1.5}
        let g = weighted_graph(false, &[(1, 2, None), (2, 3, None), (3, 3, None)]);
        let r = degree_centrality(&g, &Cancel::new()).unwrap();
        assert_eq!(floats(&r), vec![0.5, 1.0, 1.5]);
        assert!(matches!(
            in_degree_centrality(&g, &Cancel::new()),
            Err(GraphError::InvalidOperation(_))
        ));
        let d = weighted_graph(true, &[(1, 2, None), (1, 3, None), (3, 3, None)]);
        let c = Cancel::new();
        assert_eq!(floats(&degree_centrality(&d, &c).unwrap()), [1.0, 0.5, 1.5]);
        assert_eq!(
            floats(&in_degree_centrality(&d, &c).unwrap()),
            [0.0, 0.5, 1.0]
        );
        assert_eq!(
            floats(&out_degree_centrality(&d, &c).unwrap()),
            [1.0, 0.0, 0.5]
        );
    }

    #[test]
    fn one_node_gets_one() {
        let g = weighted_graph(true, &[(7, 7, None)]);
        let r = out_degree_centrality(&g, &Cancel::new()).unwrap();
        assert_eq!(floats(&r), vec![1.0]);
        let empty = weighted_graph(false, &[]);
        assert!(degree_centrality(&empty, &Cancel::new())
            .unwrap()
            .keys
            .is_empty());
    }
}
