//! Connectivity predicates, as networkx answers them, each by one or two breadth-first
//! searches over the snapshot (no component lists are built).

use super::input;
use crate::core::fallible::{filled, with_capacity};
use crate::core::{Adjacency, Cancel, GraphError, GraphResult, KeyRef, SharedGraph, CHECK_EVERY};

/// Whether a path (following edge directions) leads from `u` to `v`; `NodeNotFound` if
/// either is not a node. A node reaches itself.
pub fn has_path(
    graph: &SharedGraph,
    u: KeyRef<'_>,
    v: KeyRef<'_>,
    cancel: &Cancel,
) -> GraphResult<bool> {
    let input = input::take(graph, &[u, v], None, cancel)?;
    let (source, target) = (input.nodes[0], input.nodes[1]);
    let mut marks = Marks::new(input.csr.node_count())?;
    let mut found = false;
    search(&input.csr.out, source, &mut marks, cancel, |w| {
        found |= w == target;
        !found
    })?;
    Ok(found)
}

/// Whether an undirected graph is connected. `InvalidOperation` on a directed graph or
/// one without nodes (networkx: not implemented for directed graphs; connectivity of the
/// null graph is undefined).
pub fn is_connected(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<bool> {
    let input = input::take(graph, &[], None, cancel)?;
    let csr = &input.csr;
    if csr.is_directed() {
        return Err(GraphError::InvalidOperation(
            "is_connected is defined for undirected graphs only (directed graphs: \
             is_strongly_connected, or connected_components for weak components)"
                .into(),
        ));
    }
    non_empty(csr.node_count(), "connectivity")?;
    let mut marks = Marks::new(csr.node_count())?;
    Ok(search(&csr.out, 0, &mut marks, cancel, |_| true)? == csr.node_count())
}

/// The number of connected components of an undirected graph. `InvalidOperation` on a
/// directed graph (as networkx).
pub fn number_connected_components(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<usize> {
    let input = input::take(graph, &[], None, cancel)?;
    let csr = &input.csr;
    if csr.is_directed() {
        return Err(GraphError::InvalidOperation(
            "number_connected_components is defined for undirected graphs only (directed \
             graphs: len(connected_components()) counts weak components)"
                .into(),
        ));
    }
    let n = csr.node_count();
    let mut marks = Marks::new(n)?;
    let mut count = 0;
    for root in 0..n as u32 {
        if !marks.seen[root as usize] {
            search(&csr.out, root, &mut marks, cancel, |_| true)?;
            count += 1;
        }
    }
    Ok(count)
}

/// Whether a directed graph is strongly connected: the first node reaches every node, and
/// every node reaches it. `InvalidOperation` on an undirected graph or one without nodes.
pub fn is_strongly_connected(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<bool> {
    let input = input::take(graph, &[], None, cancel)?;
    let csr = &input.csr;
    if !csr.is_directed() {
        return Err(GraphError::InvalidOperation(
            "is_strongly_connected is defined for directed graphs only".into(),
        ));
    }
    let n = csr.node_count();
    non_empty(n, "strong connectivity")?;
    let mut marks = Marks::new(n)?;
    for adjacency in [&csr.out, csr.inp()] {
        marks.seen.fill(false);
        if search(adjacency, 0, &mut marks, cancel, |_| true)? != n {
            return Ok(false);
        }
    }
    Ok(true)
}

fn non_empty(n: usize, what: &str) -> GraphResult<()> {
    if n == 0 {
        return Err(GraphError::InvalidOperation(format!(
            "{what} is undefined for the graph without nodes"
        )));
    }
    Ok(())
}

/// What a search marks, reused across searches: the nodes seen, and a queue with room
/// for every node (reserved once, fallibly).
struct Marks {
    seen: Vec<bool>,
    queue: Vec<u32>,
}

impl Marks {
    fn new(n: usize) -> GraphResult<Marks> {
        Ok(Marks {
            seen: filled(n, false)?,
            queue: with_capacity(n)?,
        })
    }
}

/// A breadth-first search from `root` over nodes not yet `seen` (marking them), calling
/// `visit` on each node reached (the root included) until it returns false. Returns how
/// many nodes it marked.
fn search(
    adjacency: &Adjacency,
    root: u32,
    marks: &mut Marks,
    cancel: &Cancel,
    mut visit: impl FnMut(u32) -> bool,
) -> GraphResult<usize> {
    let Marks { seen, queue } = marks;
    queue.clear();
    queue.push(root);
    seen[root as usize] = true;
    if !visit(root) {
        return Ok(1);
    }
    let mut head = 0;
    while head < queue.len() {
        let u = queue[head];
        head += 1;
        if head % CHECK_EVERY == 0 {
            cancel.check()?;
        }
        for &w in adjacency.neighbors(u) {
            if !seen[w as usize] {
                seen[w as usize] = true;
                queue.push(w);
                if !visit(w) {
                    return Ok(queue.len());
                }
            }
        }
    }
    Ok(queue.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::GraphCore;

    fn graph(directed: bool, edges: &[(i64, i64)], lonely: &[i64]) -> SharedGraph {
        let mut g = GraphCore::new(directed);
        for &(u, v) in edges {
            g.add_edge(u.into(), v.into(), &[]).unwrap();
        }
        for &u in lonely {
            g.add_node(u.into(), &[]).unwrap();
        }
        SharedGraph::new(g)
    }

    #[test]
    fn undirected() {
        let c = Cancel::new();
        let g = graph(false, &[(1, 2), (2, 3), (4, 5)], &[6]);
        assert!(has_path(&g, 1.into(), 3.into(), &c).unwrap());
        assert!(has_path(&g, 3.into(), 1.into(), &c).unwrap());
        assert!(has_path(&g, 6.into(), 6.into(), &c).unwrap());
        assert!(!has_path(&g, 1.into(), 5.into(), &c).unwrap());
        assert!(matches!(
            has_path(&g, 1.into(), 9.into(), &c),
            Err(GraphError::NodeNotFound(_))
        ));
        assert!(!is_connected(&g, &c).unwrap());
        assert_eq!(number_connected_components(&g, &c).unwrap(), 3);
        assert!(is_connected(&graph(false, &[(1, 2), (2, 2)], &[]), &c).unwrap());
        assert!(matches!(
            is_strongly_connected(&g, &c),
            Err(GraphError::InvalidOperation(_))
        ));
        let empty = graph(false, &[], &[]);
        assert_eq!(number_connected_components(&empty, &c).unwrap(), 0);
        assert!(matches!(
            is_connected(&empty, &c),
            Err(GraphError::InvalidOperation(_))
        ));
    }

    #[test]
    fn directed() {
        let c = Cancel::new();
        let g = graph(true, &[(1, 2), (2, 3)], &[]);
        assert!(has_path(&g, 1.into(), 3.into(), &c).unwrap());
        assert!(!has_path(&g, 3.into(), 1.into(), &c).unwrap());
        assert!(!is_strongly_connected(&g, &c).unwrap());
        let cycle = graph(true, &[(1, 2), (2, 3), (3, 1)], &[]);
        assert!(is_strongly_connected(&cycle, &c).unwrap());
        for result in [
            is_connected(&g, &c).map(|_| ()),
            number_connected_components(&g, &c).map(|_| ()),
            is_strongly_connected(&graph(true, &[], &[]), &c).map(|_| ()),
        ] {
            assert!(matches!(result, Err(GraphError::InvalidOperation(_))));
        }
        c.trigger();
        assert_eq!(
            is_strongly_connected(&cycle, &c),
            Err(GraphError::Cancelled)
        );
    }
}
