//! `Adjacency`: one direction of a graph's adjacency as compressed sparse rows, the layout
//! of a snapshot (`Csr`) and of the rows a bulk load lays out as it goes (`topology`).

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
