//! Directed acyclic graphs: the test, and networkx's topological order.
//!
//! networkx sorts by generations (Kahn's method): the nodes without incoming edges in
//! node order, then, taking each node in turn, its successors in adjacency order as
//! their last incoming edge is used. That is a first-in first-out queue, which this is.

use super::{input, keys_of};
use crate::core::fallible::{collected, with_capacity};
use crate::core::{Cancel, Csr, GraphError, GraphResult, KeyList, SharedGraph, CHECK_EVERY};

/// Whether the graph is directed and has no cycle (a self-loop is one); an undirected
/// graph is not a DAG, as networkx says.
pub fn is_directed_acyclic_graph(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<bool> {
    let input = input::take(graph, &[], None, cancel)?;
    if !input.csr.is_directed() {
        return Ok(false);
    }
    Ok(kahn(&input.csr, cancel)?.len() == input.csr.node_count())
}

/// The nodes in networkx's topological order. `InvalidOperation` on an undirected graph
/// or one with a cycle (networkx's `NetworkXError` / `NetworkXUnfeasible`).
pub fn topological_sort(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<KeyList> {
    let input = input::take(graph, &[], None, cancel)?;
    let csr = &input.csr;
    if !csr.is_directed() {
        return Err(GraphError::InvalidOperation(
            "topological sort is not defined on undirected graphs".into(),
        ));
    }
    let order = kahn(csr, cancel)?;
    if order.len() != csr.node_count() {
        return Err(GraphError::InvalidOperation(
            "the graph has a cycle, so no topological order".into(),
        ));
    }
    keys_of(csr.keys(), &order)
}

/// The nodes Kahn's method reaches, in networkx's order; fewer than all on a cycle.
fn kahn(csr: &Csr, cancel: &Cancel) -> GraphResult<Vec<u32>> {
    let n = csr.node_count();
    let inp = csr.inp();
    let mut remaining = collected((0..n as u32).map(|u| inp.degree(u) as u32))?;
    let mut order = with_capacity(n)?;
    order.extend((0..n as u32).filter(|&u| remaining[u as usize] == 0));
    let mut next = 0;
    while next < order.len() {
        if next % CHECK_EVERY == 0 {
            cancel.check()?;
        }
        let u = order[next];
        next += 1;
        for &v in csr.out.neighbors(u) {
            remaining[v as usize] -= 1;
            if remaining[v as usize] == 0 {
                order.push(v);
            }
        }
    }
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::test_graphs::graph;
    use crate::core::KeyRef;

    #[test]
    fn order_is_networkx_generations() {
        // networkx: list(nx.topological_sort(nx.DiGraph([(5, 1), (3, 1), (1, 2), (3, 4)])))
        // -> [5, 3, 1, 4, 2]
        let g = graph(true, &[(5, 1), (3, 1), (1, 2), (3, 4)]);
        let order = topological_sort(&g, &Cancel::new()).unwrap();
        let got: Vec<KeyRef<'_>> = (0..order.len()).map(|i| order.get(i)).collect();
        assert_eq!(got, [5, 3, 1, 4, 2].map(KeyRef::Int));
        assert!(is_directed_acyclic_graph(&g, &Cancel::new()).unwrap());
    }

    #[test]
    fn cycles_and_undirected_graphs_have_no_order() {
        for g in [graph(true, &[(1, 2), (2, 1)]), graph(true, &[(1, 1)])] {
            assert!(!is_directed_acyclic_graph(&g, &Cancel::new()).unwrap());
            assert!(matches!(
                topological_sort(&g, &Cancel::new()),
                Err(GraphError::InvalidOperation(_))
            ));
        }
        let u = graph(false, &[(1, 2)]);
        assert!(!is_directed_acyclic_graph(&u, &Cancel::new()).unwrap());
        assert!(topological_sort(&u, &Cancel::new()).is_err());
    }
}
