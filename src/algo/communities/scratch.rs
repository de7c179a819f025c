//! Per-thread buffers for summing a node's edge weights by the community (or label) of
//! each neighbour: the inner loop of Louvain and of label propagation.

use std::cell::RefCell;

use crate::core::prefetch;

/// `sum[c]` is valid when bit `c` of `listed` is set; `seen` lists the communities met, in
/// order of first meeting. The bit set is small enough to stay in the first-level cache,
/// so each neighbour costs one access to memory that may be far (`sum[c]`), not two.
/// `begin` forgets the previous node's communities by walking `seen`, not the arrays.
#[derive(Default)]
pub(crate) struct Scratch {
    pub(crate) sum: Vec<f64>,
    listed: Vec<u64>,
    pub(crate) seen: Vec<u32>,
}

impl Scratch {
    /// Starts a new node's sums over `communities` numbers.
    pub(crate) fn begin(&mut self, communities: usize) {
        for &c in &self.seen {
            self.listed[c as usize / 64] &= !(1 << (c % 64));
        }
        self.seen.clear();
        if self.sum.len() < communities {
            self.sum.resize(communities, 0.0);
            self.listed.resize(communities.div_ceil(64), 0);
        }
    }

    #[inline]
    pub(crate) fn add(&mut self, c: u32, w: f64) {
        let (word, bit) = (c as usize / 64, 1u64 << (c % 64));
        if self.listed[word] & bit == 0 {
            self.listed[word] |= bit;
            self.sum[c as usize] = w;
            self.seen.push(c);
        } else {
            self.sum[c as usize] += w;
        }
    }

    /// Asks for `sum[c]` ahead of an `add(c, _)` (see `crate::core::prefetch`).
    #[inline]
    pub(crate) fn prefetch(&self, c: u32) {
        if let Some(slot) = self.sum.get(c as usize) {
            prefetch(slot);
        }
    }

    #[inline]
    pub(crate) fn get(&self, c: u32) -> f64 {
        if self.listed[c as usize / 64] & (1 << (c % 64)) != 0 {
            self.sum[c as usize]
        } else {
            0.0
        }
    }
}

thread_local! {
    pub(crate) static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_by_community_and_forgets_between_nodes() {
        let mut s = Scratch::default();
        s.begin(130);
        for (c, w) in [(129, 1.0), (3, 2.0), (129, 0.5), (64, -1.0)] {
            s.add(c, w);
        }
        assert_eq!(s.seen, [129, 3, 64]);
        assert_eq!(
            (s.get(129), s.get(3), s.get(64), s.get(0)),
            (1.5, 2.0, -1.0, 0.0)
        );
        s.begin(130);
        assert!(s.seen.is_empty());
        assert_eq!((s.get(129), s.get(3)), (0.0, 0.0));
        s.add(3, 4.0);
        assert_eq!((s.get(3), s.seen.as_slice()), (4.0, &[3][..]));
        s.begin(1000); // grows, keeping nothing listed
        assert_eq!((s.get(3), s.get(999)), (0.0, 0.0));
    }
}
