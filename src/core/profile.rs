//! `Profile`: per-operation call counts and times of one graph, for `profiling=True`.

use std::collections::HashMap;
use std::time::Duration;

use parking_lot::Mutex;

/// Figures of one operation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OpStats {
    pub count: u64,
    pub total: Duration,
    pub max: Duration,
}

#[derive(Debug, Default)]
pub struct Profile {
    ops: Mutex<HashMap<&'static str, OpStats>>,
}

impl Profile {
    pub fn record(&self, op: &'static str, took: Duration) {
        let mut ops = self.ops.lock();
        let stats = ops.entry(op).or_default();
        stats.count += 1;
        stats.total += took;
        stats.max = stats.max.max(took);
    }

    /// Every operation recorded so far, by name.
    pub fn snapshot(&self) -> Vec<(&'static str, OpStats)> {
        let mut ops: Vec<_> = self.ops.lock().iter().map(|(k, v)| (*k, *v)).collect();
        ops.sort_by_key(|(k, _)| *k);
        ops
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_count_total_and_max() {
        let p = Profile::default();
        p.record("a", Duration::from_millis(2));
        p.record("a", Duration::from_millis(5));
        let s = p.snapshot();
        assert_eq!(s[0].1.count, 2);
        assert_eq!(s[0].1.total, Duration::from_millis(7));
        assert_eq!(s[0].1.max, Duration::from_millis(5));
    }
}
