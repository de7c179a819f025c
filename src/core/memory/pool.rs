//! `MemoryPool`: a budget that graphs share. The library's allocator counts what each
//! graph's structures allocate while they change (see `allocator.rs`); an operation whose
//! possible growth would take the pool over its limit fails before changing anything.

use super::counters::{PoolOwner, PoolScope};
use crate::core::{GraphError, GraphResult};

#[derive(Debug)]
pub struct MemoryPool {
    limit: Option<u64>,
    /// The pool's counters, freed once the pool is dropped and no block of it is alive.
    counters: PoolOwner,
}

/// The figures of a pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolStats {
    /// Bytes allocated for the pool's graphs in all (never decreases).
    pub total_allocated: u64,
    /// The most bytes the pool held at once.
    pub peak_usage: u64,
    /// Bytes the pool's graphs hold now.
    pub pool_usage: u64,
    pub limit: Option<u64>,
}

impl MemoryPool {
    pub fn new(limit: Option<u64>) -> MemoryPool {
        // Start rayon's global thread pool now, so its structures are never charged to the
        // pool whose graph happens to use it first.
        let _ = rayon::current_num_threads();
        MemoryPool {
            limit,
            counters: PoolOwner::new(),
        }
    }

    pub fn limit(&self) -> Option<u64> {
        self.limit
    }

    pub fn stats(&self) -> PoolStats {
        // One reading of the usage, with the peak never below it (the counters change one
        // after the other while other threads allocate).
        let counters = self.counters.counters();
        let usage = counters.usage();
        PoolStats {
            total_allocated: counters.total_allocated(),
            peak_usage: counters.peak().max(usage),
            pool_usage: usage,
            limit: self.limit,
        }
    }

    /// Counts the current thread's allocations for this pool until the scope is dropped.
    pub fn scope(&self) -> PoolScope {
        PoolScope::enter(self.counters.counters())
    }

    /// `OutOfMemory` when `more` bytes would take the pool over its limit.
    pub fn check(&self, more: usize) -> GraphResult<()> {
        let Some(limit) = self.limit else {
            return Ok(());
        };
        let usage = self.counters.counters().usage();
        if usage.saturating_add(more as u64) > limit {
            return Err(GraphError::OutOfMemory(format!(
                "this needs up to {more} more bytes, and the memory pool holds {usage} of its \
                 {limit}-byte limit"
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::core::memory::counters::counters_freed_here;
    use crate::core::{GraphCore, SharedGraph};

    #[test]
    fn pools_free_their_counters_once_nothing_names_them() {
        let freed = counters_freed_here();
        for i in 0..100 {
            let pool = Arc::new(MemoryPool::new(if i % 2 == 0 {
                None
            } else {
                Some(1 << 20)
            }));
            let graph = SharedGraph::new(GraphCore::new_in(i % 3 == 0, Some(Arc::clone(&pool))));
            graph
                .write()
                .unwrap()
                .add_edges_int(&[1, 2, 3], &[2, 3, 4], &[])
                .unwrap();
            let copy = graph.copy().unwrap();
            drop(pool); // the graphs keep it
            drop(graph);
            assert_eq!(
                counters_freed_here(),
                freed + i,
                "the copy still uses the pool"
            );
            drop(copy);
            assert_eq!(counters_freed_here(), freed + i + 1);
        }
    }
}
