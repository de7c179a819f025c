//! `Csr`: an immutable compressed-sparse-row snapshot of a graph's topology, the form every
//! algorithm runs on. Nodes get compact ids `0..n` in node order; each node's neighbours
//! sit in one slice of a flat array, in edge order, with the graph edge behind each entry
//! (for weights). Built in parallel, shared as `Arc`, and never changed: a mutation of the
//! graph makes a new one on next use.

use std::collections::HashMap;
use std::sync::Arc;

use parking_lot::Mutex;

use rayon::prelude::*;

use super::cancel::Cancel;
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
    /// The smallest weight when no weight is negative or NaN, else `None`: a search that
    /// needs such weights (Dijkstra) can then skip checking each edge it follows, and
    /// knows how far beyond the nearest unsettled node distances are already final.
    least: Option<f64>,
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

    /// The smallest weight, if no weight is negative or NaN.
    pub fn least_if_non_negative(&self) -> Option<f64> {
        self.least
    }
}

/// One direction of adjacency: node `c`'s entries are `offsets[c] .. offsets[c + 1]`.
#[derive(Debug, Default)]
pub struct Adjacency {
    pub offsets: Vec<usize>,
    /// Compact id of the node at the other end.
    pub nodes: Vec<u32>,
}

impl Adjacency {
    pub fn neighbors(&self, c: u32) -> &[u32] {
        &self.nodes[self.offsets[c as usize]..self.offsets[c as usize + 1]]
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
    /// The snapshot of `graph`; `Cancelled` if `cancel` is triggered while it is built.
    pub fn build(graph: &GraphCore, cancel: &Cancel) -> GraphResult<Csr> {
        cancel.check()?;
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
        let side = |s| {
            let offsets = offsets(n, edges, &compact, s);
            let nodes = fill(&offsets, edges, &compact, s, cancel, |_, other| other);
            Adjacency { offsets, nodes }
        };
        let (out, inp) = if directed {
            rayon::join(|| side(Side::Out), || side(Side::In))
        } else {
            (side(Side::Both), Adjacency::default())
        };
        cancel.check()?;
        Ok(Csr {
            directed,
            generation: graph.generation(),
            keys,
            compact,
            out,
            inp,
            weights: Mutex::new(HashMap::new()),
        })
    }

    /// The weights of edge column `name` laid out like the entries, made the first time a
    /// column is asked for. `graph` must be the graph this snapshot was taken of (same
    /// generation).
    pub fn entry_weights(&self, graph: &GraphCore, name: &str) -> GraphResult<Arc<EntryWeights>> {
        debug_assert_eq!(graph.generation(), self.generation);
        let mut cache = self.weights.lock();
        if let Some(w) = cache.get(name) {
            return Ok(Arc::clone(w));
        }
        let by_edge = graph.edge_weights(name)?;
        let edges = graph.topology().endpoint_pairs();
        let never = Cancel::new();
        let lay_out = |adjacency: &Adjacency, side| {
            fill(
                &adjacency.offsets,
                edges,
                &self.compact,
                side,
                &never,
                |id, _| by_edge[id],
            )
        };
        let out = lay_out(
            &self.out,
            if self.directed { Side::Out } else { Side::Both },
        );
        // Every edge has an outgoing entry, so `out` holds every live edge's weight.
        let least = out
            .par_iter()
            .all(|&w| w >= 0.0) // false for NaN
            .then(|| out.par_iter().copied().reduce(|| f64::INFINITY, f64::min));
        let weights = Arc::new(EntryWeights {
            out,
            inp: if self.directed {
                lay_out(&self.inp, Side::In)
            } else {
                Vec::new()
            },
            least,
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

/// Which entries an edge `u -> v` makes: `(node, neighbour)` pairs.
#[derive(Clone, Copy)]
enum Side {
    /// `(u, v)`: edges leaving each node.
    Out,
    /// `(v, u)`: edges entering each node.
    In,
    /// Both, once for a self-loop: an undirected graph.
    Both,
}

impl Side {
    fn entries(self, [u, v]: [u32; 2]) -> [Option<(u32, u32)>; 2] {
        match self {
            Side::Out => [Some((u, v)), None],
            Side::In => [Some((v, u)), None],
            Side::Both => [Some((u, v)), (u != v).then_some((v, u))],
        }
    }
}

/// Where each compact node's entries start: a count of the entries per node, summed.
fn offsets(n: usize, edges: &[[u32; 2]], compact: &[u32], side: Side) -> Vec<usize> {
    let mut offsets = vec![0usize; n + 1];
    for &ends in edges {
        if ends[0] == DEAD {
            continue;
        }
        for (node, _) in side.entries(ends).into_iter().flatten() {
            offsets[compact[node as usize] as usize + 1] += 1;
        }
    }
    for c in 0..n {
        offsets[c + 1] += offsets[c];
    }
    offsets
}

/// One value per entry, `value(edge index, neighbour's compact id)`, laid out by
/// `offsets`: a counting sort by node, so each node's entries come in edge order, which is
/// its incidence-list order. Threads own disjoint runs of nodes; each scans the edges for
/// the entries of its run.
fn fill<T: Copy + Default + Send>(
    offsets: &[usize],
    edges: &[[u32; 2]],
    compact: &[u32],
    side: Side,
    cancel: &Cancel,
    value: impl Fn(usize, u32) -> T + Sync,
) -> Vec<T> {
    let n = offsets.len() - 1;
    let mut out = vec![T::default(); offsets[n]];
    let chunk = n.div_ceil(rayon::current_num_threads()).max(1);
    // Split the output at node-run boundaries so each run owns its slice.
    let mut runs = Vec::new();
    let mut rest = &mut out[..];
    for start in (0..n).step_by(chunk) {
        let end = (start + chunk).min(n);
        let (run, tail) = rest.split_at_mut(offsets[end] - offsets[start]);
        runs.push((start, end, run));
        rest = tail;
    }
    runs.into_par_iter().for_each(|(start, end, run)| {
        let base = offsets[start];
        let mut next: Vec<usize> = offsets[start..end].iter().map(|o| o - base).collect();
        for (id, &ends) in edges.iter().enumerate() {
            // A cancelled build stops early; its caller sees the token and discards it.
            if id % (1 << 16) == 0 && cancel.is_triggered() {
                return;
            }
            if ends[0] == DEAD {
                continue;
            }
            for (node, other) in side.entries(ends).into_iter().flatten() {
                let c = compact[node as usize] as usize;
                if c >= start && c < end {
                    let slot = &mut next[c - start];
                    run[*slot] = value(id, compact[other as usize]);
                    *slot += 1;
                }
            }
        }
    });
    out
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
        let csr = Csr::build(&g, &Cancel::new()).unwrap();
        assert_eq!(csr.node_count(), 3);
        assert_eq!(csr.out.neighbors(0), &[1, 2]);
        assert_eq!(csr.inp().neighbors(0), &[2]);
        assert_eq!(csr.out.neighbors(1), &[1]);
        assert_eq!(csr.keys().get(2), KeyRef::Int(3));
        let undirected = {
            let mut u = GraphCore::new(false);
            u.add_edge(KeyRef::Int(1), KeyRef::Int(2), &[]).unwrap();
            u.add_edge(KeyRef::Int(2), KeyRef::Int(2), &[]).unwrap();
            Csr::build(&u, &Cancel::new()).unwrap()
        };
        assert_eq!(undirected.out.neighbors(1), &[0, 1]);
        assert_eq!(undirected.inp().neighbors(0), &[1]);
    }
}
