//! `Csr`: an immutable compressed-sparse-row snapshot of a graph's topology, the form every
//! algorithm runs on. Nodes get compact ids `0..n` in node order; each node's neighbours
//! sit in one slice of a flat array, in edge order, with the graph edge behind each entry
//! (for weights). Built in parallel, shared as `Arc`, and never changed: a mutation of the
//! graph makes a new one on next use.

use std::sync::Arc;

use rayon::prelude::*;

use super::graph::GraphCore;
use super::key_list::KeyList;

/// One direction of adjacency: node `c`'s entries are `offsets[c] .. offsets[c + 1]`.
#[derive(Debug, Default)]
pub struct Adjacency {
    pub offsets: Vec<usize>,
    /// Compact id of the node at the other end.
    pub nodes: Vec<u32>,
    /// The graph edge of each entry.
    pub edges: Vec<u32>,
}

impl Adjacency {
    pub fn neighbors(&self, c: u32) -> &[u32] {
        &self.nodes[self.offsets[c as usize]..self.offsets[c as usize + 1]]
    }

    pub fn edges_of(&self, c: u32) -> &[u32] {
        &self.edges[self.offsets[c as usize]..self.offsets[c as usize + 1]]
    }

    pub fn degree(&self, c: u32) -> usize {
        self.offsets[c as usize + 1] - self.offsets[c as usize]
    }
}

#[derive(Debug)]
pub struct Csr {
    directed: bool,
    generation: u64,
    /// Keys of the nodes, by compact id.
    keys: Arc<KeyList>,
    /// Compact id of each graph node index (`u32::MAX` for removed nodes).
    compact: Vec<u32>,
    /// Edges leaving each node (every edge, both ways, when undirected).
    pub out: Adjacency,
    /// Edges entering each node; empty when undirected (use `out`).
    inp: Adjacency,
}

impl Csr {
    pub fn build(graph: &GraphCore) -> Csr {
        let topology = graph.topology();
        let nodes: Vec<u32> = graph.node_indices().collect();
        let mut compact = vec![u32::MAX; topology.node_capacity()];
        for (c, &n) in nodes.iter().enumerate() {
            compact[n as usize] = c as u32;
        }
        let keys = Arc::new(
            nodes
                .iter()
                .map(|&n| graph.node_key(n))
                .collect::<KeyList>(),
        );
        let directed = topology.is_directed();
        let compact_ref = &compact;
        let build_side = |incoming: bool| {
            adjacency(&nodes, move |n| {
                let edges = if incoming {
                    topology.in_edges(n)
                } else {
                    topology.out_edges(n)
                };
                edges
                    .iter()
                    .map(move |&e| (compact_ref[topology.other_end(e, n) as usize], e))
            })
        };
        let (out, inp) = if directed {
            rayon::join(|| build_side(false), || build_side(true))
        } else {
            (build_side(false), Adjacency::default())
        };
        Csr {
            directed,
            generation: graph.generation(),
            keys,
            compact,
            out,
            inp,
        }
    }

    pub fn is_directed(&self) -> bool {
        self.directed
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn node_count(&self) -> usize {
        self.keys.len()
    }

    /// The node keys by compact id (shared: results hand them out without copying).
    pub fn keys(&self) -> &Arc<KeyList> {
        &self.keys
    }

    /// The compact id of a graph node index, if that node is in the snapshot.
    pub fn compact_id(&self, node_index: u32) -> Option<u32> {
        self.compact
            .get(node_index as usize)
            .copied()
            .filter(|&c| c != u32::MAX)
    }

    /// Edges entering each node (the same as `out` when undirected).
    pub fn inp(&self) -> &Adjacency {
        if self.directed {
            &self.inp
        } else {
            &self.out
        }
    }
}

/// Builds one adjacency side: the entries of node `nodes[c]` are `entries(nodes[c])`.
/// Offsets come first; then threads fill disjoint runs of nodes.
fn adjacency<I>(nodes: &[u32], entries: impl Fn(u32) -> I + Sync) -> Adjacency
where
    I: Iterator<Item = (u32, u32)> + ExactSizeIterator,
{
    let mut offsets = Vec::with_capacity(nodes.len() + 1);
    offsets.push(0usize);
    for &n in nodes {
        offsets.push(offsets.last().copied().unwrap_or(0) + entries(n).len());
    }
    let total = offsets[nodes.len()];
    let mut targets = vec![0u32; total];
    let mut edges = vec![0u32; total];
    let chunk = nodes
        .len()
        .div_ceil(rayon::current_num_threads() * 8)
        .max(1);
    // Split the flat arrays at node-run boundaries so each run owns its own slices.
    let mut runs = Vec::new();
    let (mut rest_t, mut rest_e) = (&mut targets[..], &mut edges[..]);
    for start in (0..nodes.len()).step_by(chunk) {
        let end = (start + chunk).min(nodes.len());
        let len = offsets[end] - offsets[start];
        let (t, tail_t) = rest_t.split_at_mut(len);
        let (e, tail_e) = rest_e.split_at_mut(len);
        runs.push((start..end, t, e));
        rest_t = tail_t;
        rest_e = tail_e;
    }
    runs.into_par_iter().for_each(|(range, t, e)| {
        let mut k = 0;
        for &n in &nodes[range] {
            for (target, edge) in entries(n) {
                t[k] = target;
                e[k] = edge;
                k += 1;
            }
        }
    });
    Adjacency {
        offsets,
        nodes: targets,
        edges,
    }
}

#[cfg(test)]
mod tests {
    use super::super::key::KeyRef;
    use super::*;

    #[test]
    fn snapshot_lists_neighbours_by_compact_id_in_edge_order() {
        let mut g = GraphCore::new(true);
        for (u, v) in [(1, 2), (1, 3), (3, 1), (2, 2)] {
            g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[]).unwrap();
        }
        g.add_node(KeyRef::Int(9), &[]).unwrap();
        g.remove_node(KeyRef::Int(9)).unwrap();
        let csr = Csr::build(&g);
        assert_eq!(csr.node_count(), 3);
        assert_eq!(csr.out.neighbors(0), &[1, 2]);
        assert_eq!(csr.inp().neighbors(0), &[2]);
        assert_eq!(csr.out.neighbors(1), &[1]);
        assert_eq!(csr.keys().get(2), KeyRef::Int(3));
        let undirected = {
            let mut u = GraphCore::new(false);
            u.add_edge(KeyRef::Int(1), KeyRef::Int(2), &[]).unwrap();
            u.add_edge(KeyRef::Int(2), KeyRef::Int(2), &[]).unwrap();
            Csr::build(&u)
        };
        assert_eq!(undirected.out.neighbors(1), &[0, 1]);
        assert_eq!(undirected.inp().neighbors(0), &[1]);
    }
}
