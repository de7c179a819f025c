//! Disjoint sets of compact ids (union-find with path halving). Merging two sets makes
//! the smaller root the root, so every set's root is its smallest id: its first node.

use crate::core::fallible::collected;
use crate::core::GraphResult;

pub(crate) struct DisjointSets {
    parent: Vec<u32>,
}

impl DisjointSets {
    /// `n` sets, one per id.
    pub fn new(n: usize) -> GraphResult<DisjointSets> {
        Ok(DisjointSets {
            parent: collected(0..n as u32)?,
        })
    }

    /// The root of `x`'s set.
    pub fn find(&mut self, mut x: u32) -> u32 {
        let parent = &mut self.parent;
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up; // path halving
            x = up;
        }
        x
    }

    /// Merges the sets of `u` and `v`; false when they are one set already.
    pub fn union(&mut self, u: u32, v: u32) -> bool {
        let (a, b) = (self.find(u), self.find(v));
        if a == b {
            return false;
        }
        self.parent[a.max(b) as usize] = a.min(b);
        true
    }
}
