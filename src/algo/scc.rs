//! Strongly connected components by Tarjan's algorithm, iterative (a path of millions of
//! nodes needs no call stack), numbered largest first like `connected_components`, or in
//! the order the search completes them (networkx's order).

use super::components::rank_groups;
use super::{input, keys_of, NodeGroups};
use crate::core::fallible::{collected, filled};
use crate::core::{Cancel, CHECK_EVERY};
use crate::core::{Csr, GraphError, GraphResult, SharedGraph};

/// The strongly connected components of a directed graph, largest first, each in node
/// order. `InvalidOperation` on an undirected graph.
pub fn strongly_connected_components(
    graph: &SharedGraph,
    cancel: &Cancel,
) -> GraphResult<NodeGroups> {
    let (csr, raw) = components(graph, cancel)?;
    Ok(rank_groups(&csr, &raw)?.1)
}

/// The strongly connected components of a directed graph in the order Tarjan's search
/// completes them, searching from each node in node order not reached yet and taking
/// neighbours in edge order (the order of networkx's `strongly_connected_components`, whose
/// search is the same), each in node order. `InvalidOperation` on an undirected graph.
pub fn strongly_connected_components_found(
    graph: &SharedGraph,
    cancel: &Cancel,
) -> GraphResult<NodeGroups> {
    let (csr, raw) = components(graph, cancel)?;
    // Component ids count up as the search completes components: a counting sort by id
    // (stable, so each component keeps node order).
    let count = raw.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut starts = filled(count + 1, 0usize)?;
    for &c in &raw {
        starts[c as usize + 1] += 1;
    }
    let sizes = collected(starts[1..].iter().map(|&s| s as i64))?;
    for c in 0..count {
        starts[c + 1] += starts[c];
    }
    let mut ordered = filled(raw.len(), 0u32)?;
    for (node, &c) in raw.iter().enumerate() {
        ordered[starts[c as usize]] = node as u32;
        starts[c as usize] += 1;
    }
    Ok(NodeGroups {
        keys: keys_of(csr.keys(), &ordered)?,
        sizes,
    })
}

/// The snapshot of a directed graph and each node's component id (in completion order).
fn components(
    graph: &SharedGraph,
    cancel: &Cancel,
) -> GraphResult<(std::sync::Arc<Csr>, Vec<u32>)> {
    let input = input::take(graph, &[], None, cancel)?;
    if !input.csr.is_directed() {
        return Err(GraphError::InvalidOperation(
            "strongly connected components are defined for directed graphs only".into(),
        ));
    }
    let raw = tarjan(&input.csr, cancel)?;
    Ok((input.csr, raw))
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
        assert!(matches!(
            strongly_connected_components_found(&undirected, &Cancel::new()),
            Err(GraphError::InvalidOperation(_))
        ));
    }

    #[test]
    fn components_come_in_the_order_the_search_completes_them() {
        // From 1: 2, then 3 (back to 1), then 4 <-> 5 completes first; then {1, 2, 3};
        // 6 alone, last in node order; 7 -> 6 is searched after 6.
        let mut g = GraphCore::new(true);
        for (u, v) in [
            (1, 2),
            (2, 3),
            (3, 1),
            (3, 4),
            (4, 5),
            (5, 4),
            (6, 6),
            (7, 6),
        ] {
            g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[]).unwrap();
        }
        let groups =
            strongly_connected_components_found(&SharedGraph::new(g), &Cancel::new()).unwrap();
        assert_eq!(groups.sizes, vec![2, 3, 1, 1]);
        let keys: Vec<_> = groups.keys.to_node_keys();
        let ints = |v: &[i64]| {
            v.iter()
                .map(|&i| crate::core::NodeKey::Int(i))
                .collect::<Vec<_>>()
        };
        assert_eq!(keys, ints(&[4, 5, 1, 2, 3, 6, 7]));
        let empty = SharedGraph::new(GraphCore::new(true));
        let none = strongly_connected_components_found(&empty, &Cancel::new()).unwrap();
        assert!(none.sizes.is_empty() && none.keys.is_empty());
    }
}
