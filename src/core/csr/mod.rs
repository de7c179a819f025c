//! `Csr`: an immutable compressed-sparse-row snapshot of a graph's topology, the form every
//! algorithm runs on. Nodes get compact ids `0..n` in node order; each node's neighbours
//! sit in one slice of a flat array, in edge order, with the graph edge behind each entry
//! (for weights). Built in parallel, shared as `Arc`, and never changed: a mutation of the
//! graph makes a new one on next use.

use std::sync::Arc;

use rayon::prelude::*;

mod locality;
mod patch;
mod weights;

pub use super::adjacency::Adjacency;
use super::cancel::Cancel;
use super::error::GraphResult;
use super::fallible::filled;
use super::graph::GraphCore;
use super::key_list::KeyList;
use super::prefetch::prefetch;
use super::topology::Topology;
pub use locality::PullOrder;
use locality::PullOrderCache;
pub use weights::EntryWeights;
use weights::WeightsCache;

#[derive(Debug)]
pub struct Csr {
    directed: bool,
    generation: u64,
    /// Keys of the nodes, by compact id.
    keys: Arc<KeyList>,
    /// Compact id of each graph node index (`u32::MAX` for removed nodes).
    compact: Vec<u32>,
    /// Graph node index of each compact id.
    node_indices: Vec<u32>,
    /// Edges leaving each node (every edge, both ways, when undirected). Shared with the
    /// next snapshot when only attributes changed (see `patch.rs`).
    pub out: Arc<Adjacency>,
    /// Edges entering each node; empty when undirected (use `out`). Laid out on first use
    /// when the snapshot is a patch (most algorithms read only `out`).
    inp: patch::LazyRows,
    /// The topology epoch the snapshot was made at, and how many edge indices it had
    /// allocated: what a patch of it needs to know (`patch.rs`).
    epoch: u64,
    edge_capacity: usize,
    /// Entry weights by column name, made on first use (the snapshot never changes), and
    /// those of the snapshot this one was patched from (`weights.rs`).
    weights: WeightsCache,
    /// Whether some edge joins a node to itself (what per-node self-loop rules can skip).
    has_self_loops: bool,
    /// The pull rows relabelled for locality, when they pay (`locality.rs`).
    pull_order: PullOrderCache,
}

impl Csr {
    /// The snapshot of `graph`; `Cancelled` if `cancel` is triggered while it is built.
    pub fn build(graph: &GraphCore, cancel: &Cancel) -> GraphResult<Csr> {
        // Every large buffer is reserved fallibly: a graph too large for the memory left
        // gets `OutOfMemory` rather than aborting the process.
        cancel.check()?;
        let topology = graph.topology();
        let mut nodes = Vec::new();
        nodes.try_reserve_exact(graph.node_count())?;
        nodes.extend(graph.node_indices());
        let mut compact = filled(topology.node_capacity(), u32::MAX)?;
        for (c, &n) in nodes.iter().enumerate() {
            compact[n as usize] = c as u32;
        }
        let mut keys = KeyList::default();
        keys.try_reserve(nodes.len())?;
        for &n in &nodes {
            keys.push(graph.node_key(n).as_key_ref());
        }
        let keys = Arc::new(keys);
        let directed = topology.is_directed();
        let edges = topology.endpoint_pairs();
        let has_self_loops = edges
            .par_iter()
            .any(|&[a, b]| a == b && topology.is_node(a));
        let side = |s: Side| -> GraphResult<Adjacency> {
            let lists = s.lists(topology);
            let offsets = offsets(&nodes, lists)?;
            let neighbours = gather(&offsets, &nodes, lists, edges, cancel, |&ends, node| {
                compact[s.other(ends, node) as usize]
            })?;
            Ok(Adjacency {
                offsets,
                nodes: neighbours,
            })
        };
        let (out, inp) = if directed {
            let (out, inp) = rayon::join(|| side(Side::Out), || side(Side::In));
            (out?, inp?)
        } else {
            (side(Side::Both)?, Adjacency::default())
        };
        cancel.check()?;
        Ok(Csr {
            directed,
            generation: graph.generation(),
            keys,
            compact,
            node_indices: nodes,
            out: Arc::new(out),
            inp: patch::LazyRows::ready(Arc::new(inp)),
            epoch: topology.epoch(),
            edge_capacity: topology.edge_capacity(),
            weights: WeightsCache::default(),
            has_self_loops,
            pull_order: PullOrderCache::default(),
        })
    }

    /// Whether some edge joins a node to itself.
    pub fn has_self_loops(&self) -> bool {
        self.has_self_loops
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

    /// The graph node index of compact id `c`.
    pub fn node_index(&self, c: u32) -> u32 {
        self.node_indices[c as usize]
    }

    /// The compact id of a graph node index, if that node is in the snapshot.
    pub fn compact_id(&self, node_index: u32) -> Option<u32> {
        self.compact
            .get(node_index as usize)
            .copied()
            .filter(|&c| c != u32::MAX)
    }

    /// The rows behind `inp` (empty when undirected), shared with a patch of this snapshot.
    pub(crate) fn inp_rows(&self) -> &Arc<Adjacency> {
        self.inp.get()
    }

    /// Edges entering each node (the same as `out` when undirected).
    pub fn inp(&self) -> &Adjacency {
        if self.directed {
            self.inp.get()
        } else {
            &self.out
        }
    }

    /// The edge of `graph` from compact node `u` to `v`, if any, found in the shorter of
    /// the two snapshot rows (contiguous, unlike the graph's edge records): a row lists a
    /// node's incidence list in order, so a row position is a list position. `graph` is
    /// the one the snapshot was made of, unchanged since (same generation).
    pub fn edge_between(&self, graph: &GraphCore, u: u32, v: u32) -> Option<u32> {
        debug_assert_eq!(graph.generation(), self.generation);
        let (from_u, from_v) = (self.out.neighbors(u), self.inp().neighbors(v));
        let (row, node, other, side) = match (from_u.len() <= from_v.len(), self.directed) {
            (true, true) => (from_u, u, v, Side::Out),
            (true, false) => (from_u, u, v, Side::Both),
            (false, true) => (from_v, v, u, Side::In),
            (false, false) => (from_v, v, u, Side::Both),
        };
        let position = row.iter().position(|&x| x == other)?;
        let list = &side.lists(graph.topology())[self.node_indices[node as usize] as usize];
        debug_assert_eq!(list.len(), row.len());
        Some(list[position])
    }
}

/// Which incidence lists make one direction of adjacency.
#[derive(Clone, Copy)]
enum Side {
    /// Edges leaving each node (directed).
    Out,
    /// Edges entering each node (directed).
    In,
    /// Every edge at each node, once for a self-loop (undirected).
    Both,
}

impl Side {
    fn lists(self, topology: &Topology) -> &[Vec<u32>] {
        match self {
            Side::Out | Side::Both => topology.out_lists(),
            Side::In => topology.in_lists(),
        }
    }

    /// The node at the other end of an edge `[u, v]` listed at `node`.
    #[inline]
    fn other(self, [u, v]: [u32; 2], node: u32) -> u32 {
        match self {
            Side::Out => v,
            Side::In => u,
            Side::Both if u == node => v,
            Side::Both => u,
        }
    }
}

/// Where each compact node's entries start: the lengths of the incidence lists, summed.
fn offsets(nodes: &[u32], lists: &[Vec<u32>]) -> GraphResult<Vec<usize>> {
    let mut offsets = Vec::new();
    offsets.try_reserve_exact(nodes.len() + 1)?;
    let mut total = 0;
    offsets.push(0);
    for &n in nodes {
        total += lists[n as usize].len();
        offsets.push(total);
    }
    Ok(offsets)
}

/// `entries` (laid out by `offsets`) cut into runs of whole rows for threads to fill:
/// `(first row, end row, the runs' entries)`. Several runs per thread, cut where the
/// entries reach each share of the total, so a thread that drew hubs does not hold the
/// others up.
fn row_runs<'a, T>(offsets: &[usize], entries: &'a mut [T]) -> Vec<(usize, usize, &'a mut [T])> {
    let n = offsets.len() - 1;
    let runs_wanted = 8 * rayon::current_num_threads();
    let share = entries.len().div_ceil(runs_wanted).max(1);
    let mut runs = Vec::with_capacity(runs_wanted + 1);
    let mut rest = entries;
    let mut start = 0;
    while start < n {
        let target = offsets[start] + share;
        let end = start + offsets[start..=n].partition_point(|&o| o < target).max(1);
        let end = end.min(n);
        let (run, tail) = rest.split_at_mut(offsets[end] - offsets[start]);
        runs.push((start, end, run));
        rest = tail;
        start = end;
    }
    runs
}

/// How many rows ahead `fill_rows`'s callers ask for the data a row will read.
const PREFETCH_NODES_AHEAD: usize = 4;
/// Rows `fill_rows` lays out between two looks at the cancel token.
const CANCEL_EVERY_NODES: usize = 1 << 12;

/// One value per entry, `value(&per_edge[edge index], graph node index)`, laid out by
/// `offsets`: each compact node's incidence list in order, which is edge order.
fn gather<T: Copy + Default + Send, P: Sync>(
    offsets: &[usize],
    nodes: &[u32],
    lists: &[Vec<u32>],
    per_edge: &[P],
    cancel: &Cancel,
    value: impl Fn(&P, u32) -> T + Sync,
) -> GraphResult<Vec<T>> {
    let mut out = filled(offsets[nodes.len()], T::default())?;
    let ahead = |coming: &[u32]| {
        // The edges a few nodes on are scattered through memory: ask for them now.
        if let Some(&node) = coming.get(PREFETCH_NODES_AHEAD) {
            for &e in &lists[node as usize] {
                prefetch(per_edge.as_ptr().wrapping_add(e as usize));
            }
        }
    };
    fill_rows(offsets, nodes, &mut out, cancel, ahead, |node, slots| {
        debug_assert_eq!(slots.len(), lists[node as usize].len());
        for (slot, &e) in slots.iter_mut().zip(&lists[node as usize]) {
            *slot = value(&per_edge[e as usize], node);
        }
    });
    Ok(out)
}

/// Fills `entries`, laid out by `offsets`, row by row in parallel: `fill(node, slots)`
/// writes the row of `nodes[i]` into its slots. Before each row, `ahead(coming)` sees
/// that row's node and those after it in the thread's run, to ask for what they will
/// read. Threads fill runs of rows holding about equal numbers of entries (`row_runs`).
/// A triggered `cancel` stops the filling early: the caller checks the token and
/// discards the entries.
fn fill_rows<T: Send>(
    offsets: &[usize],
    nodes: &[u32],
    entries: &mut [T],
    cancel: &Cancel,
    ahead: impl Fn(&[u32]) + Sync,
    fill: impl Fn(u32, &mut [T]) + Sync,
) {
    row_runs(offsets, entries)
        .into_par_iter()
        .for_each(|(start, end, mut run)| {
            let run_nodes = &nodes[start..end];
            for (i, &node) in run_nodes.iter().enumerate() {
                if i % CANCEL_EVERY_NODES == 0 && cancel.is_triggered() {
                    return;
                }
                ahead(&run_nodes[i..]);
                let row = start + i;
                let (slots, rest) =
                    std::mem::take(&mut run).split_at_mut(offsets[row + 1] - offsets[row]);
                fill(node, slots);
                run = rest;
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::KeyRef;

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

    proptest::proptest! {
        /// The snapshot, made from the incidence lists, lists each node's neighbours and
        /// weights in edge order, as a scan of every live edge would, after removals too.
        #[test]
        fn entries_match_a_scan_of_the_edges(
            directed in proptest::bool::ANY,
            edges in proptest::collection::vec((0i64..12, 0i64..12), 0..60),
            removed_edges in proptest::collection::vec(0usize..60, 0..10),
            removed_node in proptest::option::of(0i64..12),
        ) {
            let mut g = GraphCore::new(directed);
            for (i, &(u, v)) in edges.iter().enumerate() {
                g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[("w", (i as f64).into())]).unwrap();
            }
            for &i in &removed_edges {
                if let Some(&(u, v)) = edges.get(i) {
                    let _ = g.remove_edge(KeyRef::Int(u), KeyRef::Int(v));
                }
            }
            if let Some(n) = removed_node {
                let _ = g.remove_node(KeyRef::Int(n));
            }
            let csr = Csr::build(&g, &Cancel::new()).unwrap();
            if g.edge_count() == 0 {
                // Every edge has "w": with no edge left, no column is there to weigh by.
                proptest::prop_assert!(csr.entry_weights(&g, "w").is_err());
                return Ok(());
            }
            let weights = csr.entry_weights(&g, "w").unwrap();
            let by_edge = g.edge_weights("w").unwrap();
            let topology = g.topology();
            for node in g.node_indices() {
                let c = csr.compact_id(node).unwrap();
                let (mut out, mut inp) = (Vec::new(), Vec::new());
                for (e, &[u, v]) in topology.endpoint_pairs().iter().enumerate() {
                    if u == crate::core::topology::DEAD {
                        continue;
                    }
                    let entry = |other: u32| (csr.compact_id(other).unwrap(), by_edge[e]);
                    if u == node {
                        out.push(entry(v));
                    }
                    if v == node && (directed || u != v) {
                        if directed { inp.push(entry(u)) } else { out.push(entry(u)) }
                    }
                }
                let range = csr.out.offsets[c as usize]..csr.out.offsets[c as usize + 1];
                let got: Vec<(u32, f64)> = csr.out.nodes[range.clone()]
                    .iter()
                    .copied()
                    .zip(weights.out[range].iter().copied())
                    .collect();
                proptest::prop_assert_eq!(got, out);
                if directed {
                    let range = csr.inp().offsets[c as usize]..csr.inp().offsets[c as usize + 1];
                    let got: Vec<(u32, f64)> = csr.inp().nodes[range.clone()]
                        .iter()
                        .copied()
                        .zip(weights.inp()[range].iter().copied())
                        .collect();
                    proptest::prop_assert_eq!(got, inp);
                }
            }
        }
    }
}
