//! Nodes and edges as dense indices: who is alive, each edge's endpoints, and each node's
//! incident edges in insertion order.
//!
//! Removal leaves a tombstone, so the indices of the remaining nodes and edges never move.
//! An undirected edge is listed once in the `out` list of each endpoint (once in total for a
//! self-loop); a directed edge is in the `out` list of its source and the `inp` list of its
//! target.

mod bulk;
mod laid_out;
mod order;

use std::sync::atomic::{AtomicU64, Ordering};

pub use laid_out::LaidOut;
use laid_out::LaidOutSlot;
pub use order::OrderScratch;

use super::error::NoMemory;
use super::fallible::{copied, with_capacity};

/// Marks the endpoints of a removed edge.
pub const DEAD: u32 = u32::MAX;

/// Where the next epoch comes from: epochs are unique in the process.
static NEXT_EPOCH: AtomicU64 = AtomicU64::new(1);

fn next_epoch() -> u64 {
    NEXT_EPOCH.fetch_add(1, Ordering::Relaxed)
}

#[derive(Clone, Debug, Default)]
pub struct Topology {
    /// Changes whenever the topology changes otherwise than by growing (a removal, lists
    /// reordered, an undone add), and is new for every new topology: while it stays, the
    /// topology is an earlier one of the same epoch plus the nodes and edges past that
    /// one's capacities (what lets a snapshot be patched rather than rebuilt).
    epoch: u64,
    directed: bool,
    node_alive: Vec<bool>,
    endpoints: Vec<[u32; 2]>,
    out: Vec<Vec<u32>>,
    inp: Vec<Vec<u32>>,
    live_nodes: usize,
    live_edges: usize,
    /// Snapshot rows the last bulk load laid out, until a snapshot takes them.
    laid_out: LaidOutSlot,
}

impl Topology {
    pub fn new(directed: bool) -> Topology {
        Topology {
            epoch: next_epoch(),
            directed,
            ..Topology::default()
        }
    }

    /// See the `epoch` field.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Marks a change that is not growth.
    pub(crate) fn reshaped(&mut self) {
        self.epoch = next_epoch();
        self.laid_out.clear();
    }

    /// The rows a bulk load laid out (see `laid_out.rs`), taken: `None` when there are
    /// none, or when the topology changed otherwise than by growing since.
    pub(crate) fn take_laid_out(&self) -> Option<LaidOut> {
        self.laid_out.take().filter(|rows| rows.epoch == self.epoch)
    }

    /// Bytes the laid-out rows hold while no snapshot took them.
    pub(crate) fn laid_out_heap_size(&self) -> usize {
        self.laid_out.heap_size()
    }

    /// A deep copy, or `Err` when the system refuses the memory.
    pub(crate) fn try_clone(&self) -> Result<Topology, NoMemory> {
        fn lists(lists: &[Vec<u32>]) -> Result<Vec<Vec<u32>>, NoMemory> {
            let mut copy = with_capacity(lists.len())?;
            for list in lists {
                copy.push(copied(list)?);
            }
            Ok(copy)
        }
        Ok(Topology {
            epoch: next_epoch(),
            directed: self.directed,
            node_alive: copied(&self.node_alive)?,
            endpoints: copied(&self.endpoints)?,
            out: lists(&self.out)?,
            inp: lists(&self.inp)?,
            live_nodes: self.live_nodes,
            live_edges: self.live_edges,
            laid_out: LaidOutSlot::default(),
        })
    }

    pub fn is_directed(&self) -> bool {
        self.directed
    }

    pub fn node_count(&self) -> usize {
        self.live_nodes
    }

    pub fn edge_count(&self) -> usize {
        self.live_edges
    }

    /// Node indices allocated so far, tombstones included.
    pub fn node_capacity(&self) -> usize {
        self.node_alive.len()
    }

    /// Edge indices allocated so far, tombstones included.
    pub fn edge_capacity(&self) -> usize {
        self.endpoints.len()
    }

    pub(crate) fn node_alive_capacity(&self) -> usize {
        self.node_alive.capacity()
    }

    pub(crate) fn endpoints_capacity(&self) -> usize {
        self.endpoints.capacity()
    }

    pub(crate) fn out_lists(&self) -> &Vec<Vec<u32>> {
        &self.out
    }

    pub(crate) fn in_lists(&self) -> &Vec<Vec<u32>> {
        &self.inp
    }

    pub fn is_node(&self, n: u32) -> bool {
        self.node_alive.get(n as usize).copied().unwrap_or(false)
    }

    pub fn is_edge(&self, e: u32) -> bool {
        self.endpoints
            .get(e as usize)
            .is_some_and(|ends| ends[0] != DEAD)
    }

    /// Makes room for one more node, or `Err` with nothing changed.
    pub fn try_reserve_node(&mut self) -> Result<(), std::collections::TryReserveError> {
        self.node_alive.try_reserve(1)?;
        self.out.try_reserve(1)?;
        if self.directed {
            self.inp.try_reserve(1)?;
        }
        Ok(())
    }

    /// Removes the nodes from index `len` on, which were just added and have no edges
    /// (undoes the node adds of a batch that failed).
    pub fn truncate_nodes(&mut self, len: usize) {
        self.reshaped();
        let removed = self.node_alive.len().saturating_sub(len);
        debug_assert!(self.out[len..].iter().all(Vec::is_empty));
        self.node_alive.truncate(len);
        self.out.truncate(len);
        self.inp.truncate(len);
        self.live_nodes -= removed;
    }

    /// Appends a node; its index is the next one.
    pub fn push_node(&mut self) -> u32 {
        let n = self.node_alive.len() as u32;
        self.node_alive.push(true);
        self.out.push(Vec::new());
        if self.directed {
            self.inp.push(Vec::new());
        }
        self.live_nodes += 1;
        n
    }

    /// Source and target of a live edge, as added.
    pub fn endpoints(&self, e: u32) -> (u32, u32) {
        let [u, v] = self.endpoints[e as usize];
        (u, v)
    }

    /// Endpoints of every edge index, removed ones as `[DEAD, DEAD]`.
    pub fn endpoint_pairs(&self) -> &[[u32; 2]] {
        &self.endpoints
    }

    /// The edge between `u` and `v` (either direction when undirected), if any.
    /// Scans the shorter of the two incidence lists.
    pub fn find_edge(&self, u: u32, v: u32) -> Option<u32> {
        if !self.is_node(u) || !self.is_node(v) {
            return None;
        }
        let (from_u, from_v) = if self.directed {
            (&self.out[u as usize], &self.inp[v as usize])
        } else {
            (&self.out[u as usize], &self.out[v as usize])
        };
        let list = if from_u.len() <= from_v.len() {
            from_u
        } else {
            from_v
        };
        list.iter().copied().find(|&e| self.connects(e, u, v))
    }

    fn connects(&self, e: u32, u: u32, v: u32) -> bool {
        let [a, b] = self.endpoints[e as usize];
        (a == u && b == v) || (!self.directed && a == v && b == u)
    }

    /// Adds an edge between two live nodes; the caller checked there is none yet.
    pub fn push_edge(&mut self, u: u32, v: u32) -> u32 {
        let e = self.endpoints.len() as u32;
        self.endpoints.push([u, v]);
        self.out[u as usize].push(e);
        if self.directed {
            self.inp[v as usize].push(e);
        } else if u != v {
            self.out[v as usize].push(e);
        }
        self.live_edges += 1;
        e
    }

    pub fn remove_edge(&mut self, e: u32) {
        self.reshaped();
        let [u, v] = self.endpoints[e as usize];
        remove_from(&mut self.out[u as usize], e);
        if self.directed {
            remove_from(&mut self.inp[v as usize], e);
        } else if u != v {
            remove_from(&mut self.out[v as usize], e);
        }
        self.endpoints[e as usize] = [DEAD, DEAD];
        self.live_edges -= 1;
    }

    /// Removes a node and its edges; returns the removed edges so their attributes can go.
    pub fn remove_node(&mut self, n: u32) -> Vec<u32> {
        self.reshaped();
        let mut incident = std::mem::take(&mut self.out[n as usize]);
        if self.directed {
            incident.append(&mut self.inp[n as usize]);
            incident.sort_unstable();
            incident.dedup(); // a self-loop is in both lists
        }
        for &e in &incident {
            let [u, v] = self.endpoints[e as usize];
            let other = if u == n { v } else { u };
            if other != n {
                if self.directed {
                    let list = if u == n { &mut self.inp } else { &mut self.out };
                    remove_from(&mut list[other as usize], e);
                } else {
                    remove_from(&mut self.out[other as usize], e);
                }
            }
            self.endpoints[e as usize] = [DEAD, DEAD];
        }
        self.live_edges -= incident.len();
        self.node_alive[n as usize] = false;
        self.out[n as usize] = Vec::new();
        if self.directed {
            self.inp[n as usize] = Vec::new();
        }
        self.live_nodes -= 1;
        incident
    }

    /// Edges leaving `n` (all its edges when undirected, a self-loop once), in edge order.
    pub fn out_edges(&self, n: u32) -> &[u32] {
        &self.out[n as usize]
    }

    /// The end of edge `e` that is not `n` (`n` itself for a self-loop).
    pub fn other_end(&self, e: u32, n: u32) -> u32 {
        far_end(self.endpoints[e as usize], n)
    }

    /// Nodes reached by the edges leaving `n` (all neighbours when undirected), in edge order.
    pub fn successors(&self, n: u32) -> Vec<u32> {
        self.out[n as usize]
            .iter()
            .map(|&e| self.other_end(e, n))
            .collect()
    }

    /// Nodes with an edge into `n` (all neighbours when undirected), in edge order.
    pub fn predecessors(&self, n: u32) -> Vec<u32> {
        if !self.directed {
            return self.successors(n);
        }
        self.inp[n as usize]
            .iter()
            .map(|&e| self.endpoints[e as usize][0])
            .collect()
    }

    pub fn out_degree(&self, n: u32) -> usize {
        if self.directed {
            self.out[n as usize].len()
        } else {
            self.degree(n)
        }
    }

    pub fn in_degree(&self, n: u32) -> usize {
        if self.directed {
            self.inp[n as usize].len()
        } else {
            self.degree(n)
        }
    }

    /// In + out for directed graphs; incident edges with self-loops counted twice otherwise
    /// (networkx's definitions).
    pub fn degree(&self, n: u32) -> usize {
        if self.directed {
            return self.out[n as usize].len() + self.inp[n as usize].len();
        }
        let list = &self.out[n as usize];
        let loops = list
            .iter()
            .filter(|&&e| self.endpoints[e as usize] == [n, n])
            .count();
        list.len() + loops
    }

    /// Live node indices in insertion order.
    pub fn nodes(&self) -> impl Iterator<Item = u32> + '_ {
        self.node_alive
            .iter()
            .enumerate()
            .filter(|(_, &alive)| alive)
            .map(|(n, _)| n as u32)
    }

    /// Live edge indices in insertion order.
    pub fn edges(&self) -> impl Iterator<Item = u32> + '_ {
        self.endpoints
            .iter()
            .enumerate()
            .filter(|(_, ends)| ends[0] != DEAD)
            .map(|(e, _)| e as u32)
    }
}

/// Removes `e` from an incidence list, keeping the order of the rest.
/// The end of an edge with endpoints `[u, v]` that is not `n` (`n` for a self-loop).
fn far_end([u, v]: [u32; 2], n: u32) -> u32 {
    if u == n {
        v
    } else {
        u
    }
}

fn remove_from(list: &mut Vec<u32>, e: u32) {
    if let Some(pos) = list.iter().position(|&x| x == e) {
        list.remove(pos);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undirected_self_loop_counts_twice() {
        let mut t = Topology::new(false);
        let a = t.push_node();
        let b = t.push_node();
        t.push_edge(a, a);
        t.push_edge(a, b);
        assert_eq!(t.degree(a), 3);
        assert_eq!(t.successors(a), vec![a, b]);
        assert_eq!(t.find_edge(b, a), Some(1));
    }

    #[test]
    fn removing_a_node_removes_its_edges_from_neighbours() {
        let mut t = Topology::new(true);
        let a = t.push_node();
        let b = t.push_node();
        let c = t.push_node();
        t.push_edge(a, b);
        t.push_edge(b, a);
        t.push_edge(b, b);
        t.push_edge(c, b);
        let removed = t.remove_node(b);
        assert_eq!(removed, vec![0, 1, 2, 3]);
        assert_eq!(t.edge_count(), 0);
        assert!(t.successors(a).is_empty());
        assert!(t.successors(c).is_empty());
        assert_eq!(t.nodes().collect::<Vec<_>>(), vec![a, c]);
    }
}
