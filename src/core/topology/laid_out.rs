//! Snapshot rows a bulk load laid out as it went, kept until the first snapshot takes
//! them: the first algorithm after loading a graph then does not pay a full build.
//!
//! Only a load into a graph without edges whose nodes are all alive lays rows out: there
//! each node's row is exactly the entries the load appends to its incidence lists, at the
//! position the list has reached, and compact ids are node indices.

use parking_lot::Mutex;

use crate::core::adjacency::Adjacency;

/// The rows of the topology as it was right after a bulk load.
#[derive(Debug)]
pub struct LaidOut {
    /// The topology's epoch then: the rows describe the topology only while it stays.
    pub epoch: u64,
    /// Node and edge indices allocated then; nodes and edges past them came later.
    pub node_capacity: usize,
    pub edge_capacity: usize,
    /// Edges leaving each node (every edge, both ways, when undirected).
    pub out: Adjacency,
    /// Edges entering each node; empty when undirected.
    pub inp: Adjacency,
    pub has_self_loops: bool,
}

/// Where a topology keeps its laid-out rows: taken (behind `&self`) by the first snapshot.
/// A copy of the topology starts without them (it has a new epoch anyway).
#[derive(Debug, Default)]
pub(super) struct LaidOutSlot(Mutex<Option<Box<LaidOut>>>);

impl LaidOutSlot {
    pub(super) fn set(&mut self, rows: LaidOut) {
        *self.0.get_mut() = Some(Box::new(rows));
    }

    pub(super) fn clear(&mut self) {
        *self.0.get_mut() = None;
    }

    pub(super) fn take(&self) -> Option<LaidOut> {
        self.0.lock().take().map(|rows| *rows)
    }

    /// Bytes the rows hold.
    pub(super) fn heap_size(&self) -> usize {
        self.0.lock().as_ref().map_or(0, |rows| {
            let side = |a: &Adjacency| {
                a.offsets.capacity() * std::mem::size_of::<usize>()
                    + a.nodes.capacity() * std::mem::size_of::<u32>()
            };
            side(&rows.out) + side(&rows.inp)
        })
    }
}

impl Clone for LaidOutSlot {
    fn clone(&self) -> LaidOutSlot {
        LaidOutSlot::default()
    }
}
