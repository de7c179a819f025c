//! What a search tells beyond its visit order: the edge it reached each node by (a search
//! tree, or a forest when a search starts again from each node not reached yet), the order
//! in which a depth-first search finished its nodes, and the lengths and first-reach order
//! of a shortest-path search. networkx builds its `bfs_edges`, `dfs_edges`,
//! `dfs_postorder_nodes` and `single_source_(dijkstra_)path` results from exactly these.

use crate::core::{Array, GraphResult, KeyList};

use super::keys_of;

/// How a breadth-first or depth-first search goes.
#[derive(Clone, Copy, Debug, Default)]
pub struct SearchOptions {
    /// The most edges from the start of a search to a node it reaches (`None`: no limit;
    /// 0: the start alone). A node at the limit is reached but not searched from.
    pub depth_limit: Option<usize>,
    /// Follow edges backwards (into each node) on a directed graph; no effect when
    /// undirected.
    pub reverse: bool,
}

/// The nodes a search reached, in the order it reached them, each with the node it was
/// reached from: `parents[i]` is the parent of `nodes[i]`; a node where a search started
/// (a root) is its own parent.
#[derive(Debug)]
pub struct SearchTree {
    pub nodes: KeyList,
    pub parents: KeyList,
    /// Depth-first searches only (else empty): the nodes searched from, in the order
    /// their search finished. A node at the depth limit is not searched from, so it is
    /// not listed (networkx's `dfs_postorder_nodes` leaves it out too).
    pub postorder: KeyList,
}

impl SearchTree {
    /// The tree of compact ids `nodes` / `parents` / `postorder`, as keys.
    pub(crate) fn of(
        keys: &KeyList,
        nodes: &[u32],
        parents: &[u32],
        postorder: &[u32],
    ) -> GraphResult<SearchTree> {
        Ok(SearchTree {
            nodes: keys_of(keys, nodes)?,
            parents: keys_of(keys, parents)?,
            postorder: keys_of(keys, postorder)?,
        })
    }
}

/// Shortest paths from one source: the nodes in the order the search settled them (their
/// distance final), each with its parent on its path (the source is its own parent) and
/// its length, and the same nodes in the order the search first reached them.
#[derive(Debug)]
pub struct PathTree {
    pub nodes: KeyList,
    pub parents: KeyList,
    /// Hop counts (int64) without weights, total weights (float64) with them.
    pub lengths: Array,
    pub reached: KeyList,
}
