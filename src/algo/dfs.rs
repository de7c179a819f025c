//! Depth-first search in preorder, as networkx's `dfs_preorder_nodes`: a node's children
//! are taken in edge order, each explored fully before the next.

use super::{input, keys_of};
use crate::core::fallible::{filled, with_capacity};
use crate::core::{Cancel, CHECK_EVERY};
use crate::core::{GraphResult, KeyList, KeyRef, SharedGraph};

/// Nodes reached from `source` in depth-first preorder, at most `depth_limit` hops deep
/// (all when `None`; 0 gives the source alone). Iterative: any depth is fine.
pub fn dfs(
    graph: &SharedGraph,
    source: KeyRef<'_>,
    depth_limit: Option<usize>,
    cancel: &Cancel,
) -> GraphResult<KeyList> {
    let input = input::take(graph, &[source], None, cancel)?;
    let csr = &input.csr;
    let source = input.nodes[0];
    let limit = depth_limit.unwrap_or(usize::MAX);
    let mut seen = filled(csr.node_count(), false)?;
    seen[source as usize] = true;
    let mut order = with_capacity(csr.node_count())?;
    order.push(source);
    // Each frame: a node and how many of its neighbours were looked at.
    let mut stack: Vec<(u32, usize)> = Vec::new();
    if limit > 0 {
        stack.push((source, 0));
    }
    let mut steps = 0usize;
    while let Some(frame) = stack.last_mut() {
        steps += 1;
        if steps % CHECK_EVERY == 0 {
            cancel.check()?;
        }
        let (node, next) = *frame;
        let neighbors = csr.out.neighbors(node);
        match neighbors[next..].iter().position(|&v| !seen[v as usize]) {
            None => {
                stack.pop();
            }
            Some(skip) => {
                let child = neighbors[next + skip];
                frame.1 = next + skip + 1;
                seen[child as usize] = true;
                order.push(child);
                if stack.len() < limit {
                    stack.push((child, 0));
                }
            }
        }
    }
    keys_of(csr.keys(), &order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{GraphCore, NodeKey};

    #[test]
    fn preorder_with_depth_limit_and_no_recursion() {
        let mut g = GraphCore::new(false);
        for (u, v) in [(0, 1), (0, 2), (1, 3), (3, 4), (2, 5)] {
            g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[]).unwrap();
        }
        let shared = SharedGraph::new(g);
        let order = |limit| {
            dfs(&shared, KeyRef::Int(0), limit, &Cancel::new())
                .unwrap()
                .to_node_keys()
        };
        let ints = |v: &[i64]| v.iter().map(|&i| NodeKey::Int(i)).collect::<Vec<_>>();
        assert_eq!(order(None), ints(&[0, 1, 3, 4, 2, 5]));
        assert_eq!(order(Some(2)), ints(&[0, 1, 3, 2, 5]));
        assert_eq!(order(Some(0)), ints(&[0]));

        let mut path = GraphCore::new(true);
        for i in 0..200_000i64 {
            path.add_edge(KeyRef::Int(i), KeyRef::Int(i + 1), &[])
                .unwrap();
        }
        let long = dfs(
            &SharedGraph::new(path),
            KeyRef::Int(0),
            None,
            &Cancel::new(),
        )
        .unwrap();
        assert_eq!(long.len(), 200_001);
    }
}
