//! Memory accounting, in one place: the counting allocator that sees every block
//! (`allocator.rs`), the per-pool counters it feeds and the scope that picks the pool
//! (`counters.rs`), `MemoryPool`, the budget graphs share (`pool.rs`), and the bounds of
//! what a graph's structures hold and may grow by, checked against a pool before an
//! operation changes anything (`accounting.rs`).

mod accounting;
mod allocator;
mod counters;
mod pool;

pub(crate) use accounting::{ListGrowth, NewKeys, Written};
pub use allocator::{memory_stats, CountingAllocator, MemoryStats};
#[cfg(test)]
pub(crate) use counters::PoolCounters;
pub(crate) use counters::{current_pool_counters, PoolScope};
pub use pool::{MemoryPool, PoolStats};
