//! One order of adding the edges of neighbour lists that gives every list its order: a
//! merge of the per-node orders (Kahn's algorithm: an edge is added once it heads the
//! remaining list of each of its ends).
//!
//! Lists that come from one sequence of insertions (and removals), as networkx's do,
//! always have such an order. For lists edited by hand so that none exists, the first node
//! (in position order) whose list is stuck adds its head edge anyway, which breaks the
//! cycle of orders. O(nodes + entries), plus a scan of one list per forced edge.

use std::collections::TryReserveError;

use super::NeighbourLists as Lists;
use crate::core::fallible::{filled, with_capacity};

/// The edges to add, in order (`[u, v]` node positions), and for each entry of the lists
/// whose edges they are (the out lists), the index of its pair.
pub struct Merged {
    pub pairs: Vec<[u32; 2]>,
    pub pair_of_entry: Vec<u32>,
}

/// The merge for a directed graph: `out` lists each node's successors, `into` (when
/// given) its predecessors; without `into`, the edges come in out-list order.
pub fn merge_directed(out: Lists<'_>, into: Option<Lists<'_>>) -> Result<Merged, TryReserveError> {
    let Some(into) = into else {
        let mut placed = Placed::new(out.neighbours.len())?;
        for a in 0..out.count() {
            for i in out.offsets[a]..out.offsets[a + 1] {
                placed.add([a as u32, out.neighbours[i]], [Some(i), None]);
            }
        }
        return Ok(placed.into_merged());
    };
    let mut merge = DirectedMerge {
        out,
        into,
        succ: Cursor::new(out)?,
        pred: Cursor::new(into)?,
        placed: Placed::new(out.neighbours.len())?,
        todo: with_capacity(out.count())?,
    };
    for a in 0..out.count() {
        merge.run_from(a);
    }
    // What is left is stuck behind a cycle of orders: force each list's head edge.
    for a in 0..out.count() {
        while let Some(i) = merge.succ.front(a) {
            let b = out.neighbours[i] as usize;
            if let Some(j) = merge.pred.find(b, a as u32) {
                merge.pred.take(j);
            }
            merge.place(a, i);
            merge.run_from(a);
        }
    }
    Ok(merge.placed.into_merged())
}

struct DirectedMerge<'a> {
    out: Lists<'a>,
    into: Lists<'a>,
    succ: Cursor<'a>,
    pred: Cursor<'a>,
    placed: Placed,
    todo: Vec<usize>,
}

impl DirectedMerge<'_> {
    /// Places every edge that is ready, starting from `start`'s list.
    fn run_from(&mut self, start: usize) {
        self.todo.push(start);
        while let Some(a) = self.todo.pop() {
            while let Some(i) = self.succ.front(a) {
                let b = self.out.neighbours[i] as usize;
                match self.pred.front(b) {
                    Some(j) if self.into.neighbours[j] as usize == a => self.pred.take(j),
                    _ => break, // b has other predecessors to place first
                }
                self.place(a, i);
            }
        }
    }

    /// Adds the edge of `a`'s entry `i` (its in entry already taken), and queues the
    /// node whose edge now heads its target's predecessors.
    fn place(&mut self, a: usize, i: usize) {
        let b = self.out.neighbours[i];
        self.succ.take(i);
        self.placed.add([a as u32, b], [Some(i), None]);
        if let Some(j) = self.pred.front(b as usize) {
            self.todo.push(self.into.neighbours[j] as usize);
        }
    }
}

/// The merge for an undirected graph, whose lists name each edge at both its ends (a
/// self-loop once). An edge is `[u, v]` with `u` the earlier position; both its entries
/// stand for it.
pub fn merge_undirected(lists: Lists<'_>) -> Result<Merged, TryReserveError> {
    let mut merge = UndirectedMerge {
        lists,
        cursor: Cursor::new(lists)?,
        placed: Placed::new(lists.neighbours.len())?,
        todo: with_capacity(lists.count())?,
    };
    for a in 0..lists.count() {
        merge.run_from(a);
    }
    // What is left is stuck behind a cycle of orders: force each list's head edge.
    for a in 0..lists.count() {
        while let Some(i) = merge.cursor.front(a) {
            let b = lists.neighbours[i] as usize;
            let partner = if b == a {
                None
            } else {
                merge.cursor.find(b, a as u32)
            };
            merge.place(a, i, partner);
            merge.run_from(a);
        }
    }
    Ok(merge.placed.into_merged())
}

struct UndirectedMerge<'a> {
    lists: Lists<'a>,
    cursor: Cursor<'a>,
    placed: Placed,
    todo: Vec<usize>,
}

impl UndirectedMerge<'_> {
    /// Places every edge that is ready, starting from `start`'s list.
    fn run_from(&mut self, start: usize) {
        self.todo.push(start);
        while let Some(a) = self.todo.pop() {
            while let Some(i) = self.cursor.front(a) {
                let b = self.lists.neighbours[i] as usize;
                let partner = if b == a {
                    None
                } else {
                    match self.cursor.front(b) {
                        Some(j) if self.lists.neighbours[j] as usize == a => Some(j),
                        _ => break, // b has other edges to place first
                    }
                };
                self.place(a, i, partner);
            }
        }
    }

    /// Adds the edge of `a`'s entry `i` and of its `partner` entry in the other end's
    /// list, and queues that end (its next edge may be ready).
    fn place(&mut self, a: usize, i: usize, partner: Option<usize>) {
        let b = self.lists.neighbours[i] as usize;
        self.cursor.take(i);
        if let Some(j) = partner {
            self.cursor.take(j);
        }
        self.placed
            .add([a.min(b) as u32, a.max(b) as u32], [Some(i), partner]);
        self.todo.push(b);
    }
}

/// Lists read front to back, with entries taken out of order passed over.
struct Cursor<'a> {
    lists: Lists<'a>,
    head: Vec<usize>,
    taken: Vec<bool>,
}

impl<'a> Cursor<'a> {
    fn new(lists: Lists<'a>) -> Result<Cursor<'a>, TryReserveError> {
        let mut head = with_capacity(lists.count())?;
        head.extend_from_slice(&lists.offsets[..lists.count()]);
        Ok(Cursor {
            lists,
            head,
            taken: filled(lists.neighbours.len(), false)?,
        })
    }

    /// The first entry of `node`'s list not taken yet.
    fn front(&mut self, node: usize) -> Option<usize> {
        if node >= self.lists.count() {
            return None;
        }
        let end = self.lists.offsets[node + 1];
        let mut i = self.head[node];
        while i < end && self.taken[i] {
            i += 1;
        }
        self.head[node] = i;
        (i < end).then_some(i)
    }

    fn take(&mut self, entry: usize) {
        self.taken[entry] = true;
    }

    /// The first entry not taken naming `neighbour` in `node`'s list.
    fn find(&mut self, node: usize, neighbour: u32) -> Option<usize> {
        let start = self.front(node)?;
        let end = self.lists.offsets[node + 1];
        (start..end).find(|&i| !self.taken[i] && self.lists.neighbours[i] == neighbour)
    }
}

/// The pairs placed so far, and which entries each stands for.
struct Placed {
    pairs: Vec<[u32; 2]>,
    pair_of_entry: Vec<u32>,
}

impl Placed {
    fn new(entries: usize) -> Result<Placed, TryReserveError> {
        Ok(Placed {
            pairs: with_capacity(entries)?,
            pair_of_entry: filled(entries, 0)?,
        })
    }

    fn add(&mut self, pair: [u32; 2], entries: [Option<usize>; 2]) {
        for i in entries.into_iter().flatten() {
            self.pair_of_entry[i] = self.pairs.len() as u32;
        }
        self.pairs.push(pair);
    }

    fn into_merged(self) -> Merged {
        Merged {
            pairs: self.pairs,
            pair_of_entry: self.pair_of_entry,
        }
    }
}
