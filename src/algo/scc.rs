//! Strongly connected components by Tarjan's algorithm, iterative (a path of millions of
//! nodes needs no call stack), numbered largest first like `connected_components`.

use super::components::rank_groups;
use super::{input, NodeGroups};
use crate::core::fallible::filled;
use crate::core::{Cancel, CHECK_EVERY};
use crate::core::{Csr, GraphError, GraphResult, SharedGraph};

/// The strongly connected components of a directed graph, largest first, each in node
/// order. `InvalidOperation` on an undirected graph.
pub fn strongly_connected_components(
    graph: &SharedGraph,
    cancel: &Cancel,
) -> GraphResult<NodeGroups> {
    let input = input::take(graph, &[], None, cancel)?;
    if !input.csr.is_directed() {
        return Err(GraphError::InvalidOperation(
            "strongly connected components are defined for directed graphs only".into(),
        ));
    }
    let raw = tarjan(&input.csr, cancel)?;
    Ok(rank_groups(&input.csr, &raw)?.1)
}

const UNVISITED: u32 = u32::MAX;

/// A component id per node.
fn tarjan(csr: &Csr, cancel: &Cancel) -> GraphResult<Vec<u32>> {
    let n = csr.node_count();
    let mut index = filled(n, UNVISITED)?;
    let mut low = filled(n, 0u32)?;
    let mut on_stack = filled(n, false)?;
    let mut component = filled(n, UNVISITED)?;
    let mut stack: Vec<u32> = Vec::new();
    // Call frames: a node and the position of its next neighbour to look at.
    let mut frames: Vec<(u32, usize)> = Vec::new();
    let (mut next_index, mut next_component) = (0u32, 0u32);
    for root in 0..n as u32 {
        if index[root as usize] != UNVISITED {
            continue;
        }
        frames.push((root, 0));
        while let Some(&mut (u, ref mut pos)) = frames.last_mut() {
            if *pos == 0 && index[u as usize] == UNVISITED {
                index[u as usize] = next_index;
                low[u as usize] = next_index;
                next_index += 1;
                stack.push(u);
                on_stack[u as usize] = true;
                if next_index as usize % CHECK_EVERY == 0 {
                    cancel.check()?;
                }
            }
            let neighbors = csr.out.neighbors(u);
            if let Some(&v) = neighbors.get(*pos) {
                *pos += 1;
                if index[v as usize] == UNVISITED {
                    frames.push((v, 0));
                } else if on_stack[v as usize] {
                    low[u as usize] = low[u as usize].min(index[v as usize]);
                }
                continue;
            }
            // All neighbours done: close the component if `u` is its root, then return.
            if low[u as usize] == index[u as usize] {
                loop {
                    let w = stack.pop().expect("u is on the stack");
                    on_stack[w as usize] = false;
                    component[w as usize] = next_component;
                    if w == u {
                        break;
                    }
                }
                next_component += 1;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent as usize] = low[parent as usize].min(low[u as usize]);
            }
        }
    }
    Ok(component)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{GraphCore, KeyRef};

    #[test]
    fn cycles_are_components_and_long_paths_do_not_overflow() {
        let mut g = GraphCore::new(true);
        for (u, v) in [(1, 2), (2, 3), (3, 1), (3, 4), (4, 5), (5, 4), (6, 6)] {
            g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[]).unwrap();
        }
        let groups = strongly_connected_components(&SharedGraph::new(g), &Cancel::new()).unwrap();
        assert_eq!(groups.sizes, vec![3, 2, 1]);

        let mut path = GraphCore::new(true);
        let m = 1_000_000i64;
        let sources: Vec<i64> = (0..m).collect();
        let targets: Vec<i64> = (1..=m).collect();
        path.add_edges_int(&sources, &targets, &[]).unwrap();
        path.add_edge(KeyRef::Int(m), KeyRef::Int(0), &[]).unwrap();
        let groups =
            strongly_connected_components(&SharedGraph::new(path), &Cancel::new()).unwrap();
        assert_eq!(groups.sizes, vec![m + 1]);
        let undirected = SharedGraph::new(GraphCore::new(false));
        assert!(matches!(
            strongly_connected_components(&undirected, &Cancel::new()),
            Err(GraphError::InvalidOperation(_))
        ));
    }
}
