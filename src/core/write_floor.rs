//! What lets a reader that laid out a table's values reuse them later: the lowest entity
//! written since the reader marked the table. A snapshot that laid out an edge column's
//! weights, and a later snapshot of the same graph grown by new edges, can tell from it
//! that only entities past the first snapshot's edges were written since, and patch the
//! weights instead of laying them out again.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};

/// Where marks come from: unique in the process, so a table copy never matches.
static NEXT_MARK: AtomicU64 = AtomicU64::new(1);

/// Writes happen behind `&mut` (the graph's write lock); marks and checks behind `&` (a
/// read lock), so never at the same time as a write: relaxed atomics suffice.
#[derive(Debug)]
pub(crate) struct WriteFloor {
    mark: AtomicU64,
    /// The lowest entity written since `mark` was taken (`usize::MAX`: none).
    lowest: AtomicUsize,
}

impl Default for WriteFloor {
    fn default() -> WriteFloor {
        WriteFloor {
            mark: AtomicU64::new(NEXT_MARK.fetch_add(1, Relaxed)),
            lowest: AtomicUsize::new(usize::MAX),
        }
    }
}

impl Clone for WriteFloor {
    /// A copy is a new table: nothing laid out from the original is known to match it.
    fn clone(&self) -> WriteFloor {
        WriteFloor::default()
    }
}

impl WriteFloor {
    /// Records a write at entities `lowest` and above.
    pub(crate) fn wrote(&mut self, lowest: usize) {
        let floor = self.lowest.get_mut();
        *floor = (*floor).min(lowest);
    }

    /// The mark a reader keeps with what it lays out now: the current one while nothing
    /// was written since it was taken, else a new one (the writes before it no longer
    /// count). Marking again can only make an older mark stale, never wrong.
    pub(crate) fn mark(&self) -> u64 {
        if self.lowest.load(Relaxed) == usize::MAX {
            return self.mark.load(Relaxed);
        }
        let mark = NEXT_MARK.fetch_add(1, Relaxed);
        self.lowest.store(usize::MAX, Relaxed);
        self.mark.store(mark, Relaxed);
        mark
    }

    /// Whether, since `mark` was taken, no entity below `bound` was written.
    pub(crate) fn unchanged_below(&self, mark: u64, bound: usize) -> bool {
        self.mark.load(Relaxed) == mark && self.lowest.load(Relaxed) >= bound
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_past_the_bound_keep_a_mark_and_others_or_a_new_mark_end_it() {
        let mut floor = WriteFloor::default();
        let mark = floor.mark();
        assert_eq!(floor.mark(), mark, "nothing written: the same mark");
        floor.wrote(10);
        assert!(floor.unchanged_below(mark, 10));
        assert!(!floor.unchanged_below(mark, 11));
        let newer = floor.mark();
        assert_ne!(newer, mark);
        assert!(
            !floor.unchanged_below(mark, 0),
            "a new mark ends the old one"
        );
        assert!(floor.unchanged_below(newer, usize::MAX));
        assert!(!floor.clone().unchanged_below(newer, 0));
    }
}
