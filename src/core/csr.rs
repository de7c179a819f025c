//! `Csr`: an immutable compressed-sparse-row snapshot of a graph's topology, the form every
//! algorithm runs on. Nodes get compact ids `0..n` in node order; each node's neighbours
//! sit in one slice of a flat array, in edge order, with the graph edge behind each entry
//! (for weights). Built in parallel, shared as `Arc`, and never changed: a mutation of the
//! graph makes a new one on next use.

use std::collections::HashMap;
use std::sync::Arc;

use parking_lot::Mutex;

use rayon::prelude::*;

use super::error::GraphResult;
use super::graph::GraphCore;
use super::key_list::KeyList;
use super::topology::DEAD;

/// Edge weights laid out like the adjacency entries, so algorithms read them in step with
/// the neighbours instead of jumping around by edge id.
#[derive(Debug)]
pub struct EntryWeights {
    pub out: Vec<f64>,
    /// Empty when undirected (use `out`).
    inp: Vec<f64>,
}

impl EntryWeights {
    /// Weights of the incoming entries (the outgoing ones when undirected).
    pub fn inp(&self) -> &[f64] {
        if self.inp.is_empty() {
            &self.out
        } else {
            &self.inp
        }
    }
}

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
    /// Entry weights by column name, made on first use (the snapshot never changes).
    weights: Mutex<HashMap<String, Arc<EntryWeights>>>,
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
        let edges = topology.endpoint_pairs();
        let n = nodes.len();
        let (out, inp) = if directed {
            rayon::join(
                || adjacency(n, edges, &compact, |[u, v]| [Some((u, v)), None]),
                || adjacency(n, edges, &compact, |[u, v]| [Some((v, u)), None]),
            )
        } else {
            let both_ways = |[u, v]: [u32; 2]| [Some((u, v)), (u != v).then_some((v, u))];
            (
                adjacency(n, edges, &compact, both_ways),
                Adjacency::default(),
            )
        };
        Csr {
            directed,
            generation: graph.generation(),
            keys,
            compact,
            out,
            inp,
            weights: Mutex::new(HashMap::new()),
        }
    }

    /// The weights of column `name` laid out like the entries; `by_edge` gives the weight
    /// of every graph edge (by edge index) the first time a column is asked for.
    pub fn entry_weights(
        &self,
        name: &str,
        by_edge: impl FnOnce() -> GraphResult<Vec<f64>>,
    ) -> GraphResult<Arc<EntryWeights>> {
        let mut cache = self.weights.lock();
        if let Some(w) = cache.get(name) {
            return Ok(Arc::clone(w));
        }
        let by_edge = by_edge()?;
        let lay_out = |side: &Adjacency| -> Vec<f64> {
            side.edges
                .par_iter()
                .map(|&e| by_edge[e as usize])
                .collect()
        };
        let weights = Arc::new(EntryWeights {
            out: lay_out(&self.out),
            inp: if self.directed {
                lay_out(&self.inp)
            } else {
                Vec::new()
            },
        });
        cache.insert(name.to_string(), Arc::clone(&weights));
        Ok(weights)
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

/// Builds one adjacency side from the edge list: `entries([u, v])` gives the
/// `(node, neighbour)` entries an edge makes (graph node indices). A counting sort by node:
/// entries land in edge order, which is each node's incidence-list order. Threads own
/// disjoint runs of nodes; each scans the edges for the entries of its run.
fn adjacency(
    n: usize,
    edges: &[[u32; 2]],
    compact: &[u32],
    entries: impl Fn([u32; 2]) -> [Option<(u32, u32)>; 2] + Sync,
) -> Adjacency {
    let mut offsets = vec![0usize; n + 1];
    for &ends in edges {
        if ends[0] == DEAD {
            continue;
        }
        let [first, second] = entries(ends);
        if let Some((node, _)) = first {
            offsets[compact[node as usize] as usize + 1] += 1;
        }
        if let Some((node, _)) = second {
            offsets[compact[node as usize] as usize + 1] += 1;
        }
    }
    for c in 0..n {
        offsets[c + 1] += offsets[c];
    }
    let total = offsets[n];
    let mut targets = vec![0u32; total];
    let mut edge_ids = vec![0u32; total];
    let chunk = n.div_ceil(rayon::current_num_threads()).max(1);
    // Split the flat arrays at node-run boundaries so each run owns its own slices.
    let mut runs = Vec::new();
    let (mut rest_t, mut rest_e) = (&mut targets[..], &mut edge_ids[..]);
    for start in (0..n).step_by(chunk) {
        let end = (start + chunk).min(n);
        let len = offsets[end] - offsets[start];
        let (t, tail_t) = rest_t.split_at_mut(len);
        let (e, tail_e) = rest_e.split_at_mut(len);
        runs.push((start, end, t, e));
        rest_t = tail_t;
        rest_e = tail_e;
    }
    runs.into_par_iter().for_each(|(start, end, t, e)| {
        let base = offsets[start];
        let mut fill: Vec<usize> = offsets[start..end].iter().map(|o| o - base).collect();
        let mut put = |node: u32, other: u32, id: usize| {
            let c = compact[node as usize] as usize;
            if c >= start && c < end {
                let slot = fill[c - start];
                fill[c - start] = slot + 1;
                t[slot] = compact[other as usize];
                e[slot] = id as u32;
            }
        };
        for (id, &ends) in edges.iter().enumerate() {
            if ends[0] == DEAD {
                continue;
            }
            let [first, second] = entries(ends);
            if let Some((node, other)) = first {
                put(node, other, id);
            }
            if let Some((node, other)) = second {
                put(node, other, id);
            }
        }
    });
    Adjacency {
        offsets,
        nodes: targets,
        edges: edge_ids,
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
