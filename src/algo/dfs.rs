//! Depth-first search as networkx's `dfs_edges` and `dfs_labeled_edges` walk it: a node's
//! children are taken in edge order, each explored fully before the next. Gives the
//! preorder (`dfs_preorder_nodes`), the tree edges and the postorder, from one source or
//! from every node not reached yet, in node order (a forest).

use super::search_tree::{SearchOptions, SearchTree};
use super::{input, keys_of};
use crate::core::fallible::{collected, filled, with_capacity};
use crate::core::{Adjacency, Cancel, CHECK_EVERY};
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
    let walk = walk(
        &csr.out,
        csr.node_count(),
        &input.nodes,
        depth_limit,
        cancel,
    )?;
    keys_of(csr.keys(), &walk.order)
}

/// The depth-first search tree from `source` (`Some`), or the forest of searches from
/// every node in node order that no earlier search reached (`None`, as networkx's
/// `dfs_edges(G)`), with `options` (the depth limit applies to each search).
pub fn dfs_tree(
    graph: &SharedGraph,
    source: Option<KeyRef<'_>>,
    options: &SearchOptions,
    cancel: &Cancel,
) -> GraphResult<SearchTree> {
    let sources: Vec<KeyRef<'_>> = source.into_iter().collect();
    let input = input::take(graph, &sources, None, cancel)?;
    let csr = &input.csr;
    let n = csr.node_count();
    let all: Vec<u32>;
    let starts = if source.is_some() {
        &input.nodes[..]
    } else {
        all = collected(0..n as u32)?;
        &all[..]
    };
    let adjacency = if options.reverse { csr.inp() } else { &csr.out };
    let walk = walk(adjacency, n, starts, options.depth_limit, cancel)?;
    SearchTree::of(csr.keys(), &walk.order, &walk.parents, &walk.postorder)
}

/// A depth-first walk: nodes in preorder with their parents (a start is its own), and the
/// nodes searched from in postorder.
struct Walk {
    order: Vec<u32>,
    parents: Vec<u32>,
    postorder: Vec<u32>,
}

/// Depth-first searches along `adjacency` from each of `starts` not reached by an earlier
/// one, each at most `depth_limit` hops deep.
fn walk(
    adjacency: &Adjacency,
    n: usize,
    starts: &[u32],
    depth_limit: Option<usize>,
    cancel: &Cancel,
) -> GraphResult<Walk> {
    let limit = depth_limit.unwrap_or(usize::MAX);
    let mut seen = filled(n, false)?;
    let mut order = with_capacity(n)?;
    let mut parents = with_capacity(n)?;
    let mut postorder = with_capacity(n)?;
    // Each frame: a node and how many of its neighbours were looked at.
    let mut stack: Vec<(u32, usize)> = Vec::new();
    let mut steps = 0usize;
    for &start in starts {
        if seen[start as usize] {
            continue;
        }
        seen[start as usize] = true;
        order.push(start);
        parents.push(start);
        if limit > 0 {
            stack.push((start, 0));
        }
        while let Some(frame) = stack.last_mut() {
            steps += 1;
            if steps % CHECK_EVERY == 0 {
                cancel.check()?;
            }
            let (node, next) = *frame;
            let neighbors = adjacency.neighbors(node);
            match neighbors[next..].iter().position(|&v| !seen[v as usize]) {
                None => {
                    stack.pop();
                    postorder.push(node);
                }
                Some(skip) => {
                    let child = neighbors[next + skip];
                    frame.1 = next + skip + 1;
                    seen[child as usize] = true;
                    order.push(child);
                    parents.push(node);
                    if stack.len() < limit {
                        stack.push((child, 0));
                    }
                }
            }
        }
    }
    Ok(Walk {
        order,
        parents,
        postorder,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{GraphCore, NodeKey};

    fn ints(v: &[i64]) -> Vec<NodeKey> {
        v.iter().map(|&i| NodeKey::Int(i)).collect()
    }

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

    /// (preorder, parents, postorder) of `dfs_tree` as owned keys.
    fn tree(
        g: &SharedGraph,
        source: Option<i64>,
        depth_limit: Option<usize>,
    ) -> (Vec<NodeKey>, Vec<NodeKey>, Vec<NodeKey>) {
        let options = SearchOptions {
            depth_limit,
            reverse: false,
        };
        let t = dfs_tree(g, source.map(KeyRef::Int), &options, &Cancel::new()).unwrap();
        (
            t.nodes.to_node_keys(),
            t.parents.to_node_keys(),
            t.postorder.to_node_keys(),
        )
    }

    #[test]
    fn trees_forests_and_postorder() {
        // Undirected: 0 - 1, 0 - 2, 1 - 3, 3 - 4, 2 - 5, 3 - 0; 6 - 7 apart; 8 alone.
        let mut g = GraphCore::new(false);
        g.add_node(KeyRef::Int(8), &[]).unwrap();
        for (u, v) in [(0, 1), (0, 2), (1, 3), (3, 4), (2, 5), (3, 0), (6, 7)] {
            g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[]).unwrap();
        }
        let g = SharedGraph::new(g);
        assert_eq!(
            tree(&g, Some(0), None),
            (
                ints(&[0, 1, 3, 4, 2, 5]),
                ints(&[0, 0, 1, 3, 0, 2]),
                ints(&[4, 3, 1, 5, 2, 0])
            )
        );
        // At depth 2, 3 and 5 are reached but not searched from: not in the postorder.
        assert_eq!(
            tree(&g, Some(0), Some(2)),
            (
                ints(&[0, 1, 3, 2, 5]),
                ints(&[0, 0, 1, 0, 2]),
                ints(&[1, 2, 0])
            )
        );
        // Every component, from its first node in node order (8, then 0, then 6).
        assert_eq!(
            tree(&g, None, None),
            (
                ints(&[8, 0, 1, 3, 4, 2, 5, 6, 7]),
                ints(&[8, 0, 0, 1, 3, 0, 2, 6, 6]),
                ints(&[8, 4, 3, 1, 5, 2, 0, 7, 6])
            )
        );
        // Depth 0: the starts alone, searched from none.
        assert_eq!(
            tree(&g, None, Some(0)),
            (
                ints(&[8, 0, 1, 2, 3, 4, 5, 6, 7]),
                ints(&[8, 0, 1, 2, 3, 4, 5, 6, 7]),
                ints(&[])
            )
        );
    }
}
