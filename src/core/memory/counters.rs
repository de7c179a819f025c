//! The counters of memory pools, and which pool the current thread's allocations count
//! for (`PoolScope`). The counting allocator (`allocator.rs`) adds and takes every block's
//! bytes here; the counters' lifetime is counted in them too, so the last of the pool's
//! owner, its scopes and its blocks to let go frees them.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};

/// How `PoolCounters::held` counts a block's bytes: above the references.
const BYTES_SHIFT: u32 = 24;

/// The counters of one memory pool. Every block allocated for the pool names them in its
/// header, so they live until the pool's owner has let them go and no such block is
/// alive: `held` counts both, and whoever takes it to zero frees them, exactly once.
#[derive(Debug)]
pub struct PoolCounters {
    /// The bytes of the live blocks (shifted by `BYTES_SHIFT`) plus one reference for the
    /// owner and one for each `PoolScope` counting for the pool now.
    held: AtomicU64,
    peak: AtomicU64,
    total: AtomicU64,
}

impl PoolCounters {
    fn with_owner() -> PoolCounters {
        PoolCounters {
            held: AtomicU64::new(1),
            peak: AtomicU64::new(0),
            total: AtomicU64::new(0),
        }
    }

    /// New counters that are never freed (their owner never lets go).
    #[cfg(test)]
    pub(crate) fn leak() -> &'static PoolCounters {
        Box::leak(Box::new(PoolCounters::with_owner()))
    }

    pub(super) fn grew(&self, bytes: u64) {
        self.total.fetch_add(bytes, Ordering::Relaxed);
        let before = self.held.fetch_add(bytes << BYTES_SHIFT, Ordering::Relaxed);
        let now = (before >> BYTES_SHIFT) + bytes;
        self.peak.fetch_max(now, Ordering::Relaxed);
    }

    /// Bytes held now by the blocks allocated for the pool.
    pub fn usage(&self) -> u64 {
        self.held.load(Ordering::Relaxed) >> BYTES_SHIFT
    }

    /// The most bytes held at once (never below the usage read just before: the two are
    /// updated one after the other, so a reader may see the usage first).
    pub fn peak(&self) -> u64 {
        let usage = self.usage();
        self.peak.load(Ordering::Relaxed).max(usage)
    }

    /// Bytes allocated in all (never decreases).
    pub fn total_allocated(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }
}

/// Takes `amount` off the counters' `held`; frees them when that leaves nothing. The
/// caller gives up what `amount` stood for (a reference, or a block's bytes) and does not
/// touch the counters afterwards.
///
/// # Safety
/// `counters` points to live counters (from `PoolOwner::new`) of which the caller holds
/// `amount`.
unsafe fn release(counters: *const PoolCounters, amount: u64) {
    // SAFETY: the caller holds `amount` of `held`, so the counters are alive until the
    // subtraction below.
    let before = unsafe { &*counters }
        .held
        .fetch_sub(amount, Ordering::AcqRel);
    if before == amount {
        // Nothing else holds them (no owner, scope or block): nobody can reach them any
        // more, and only the one who took `held` to zero gets here. The box is freed
        // wherever its own header says, which is never these counters.
        // SAFETY: the counters came from `Box::into_raw` in `PoolOwner::new`.
        drop(unsafe { Box::from_raw(counters.cast_mut()) });
        #[cfg(test)]
        let _ = FREED_HERE.try_with(|n| n.set(n.get() + 1));
    }
}

/// Gives up the `bytes` of a freed block of `counters` (NULL: none); may free them.
///
/// # Safety
/// `counters` is NULL or the counters named by the freed block's header (alive: the block
/// was counted in them until now).
pub(super) unsafe fn release_block(counters: *const PoolCounters, bytes: usize) {
    if !counters.is_null() && bytes > 0 {
        // SAFETY: the block's bytes were counted in `held`, and are given up here.
        unsafe { release(counters, (bytes as u64) << BYTES_SHIFT) }
    }
}

#[cfg(test)]
thread_local! {
    /// Counters freed by this thread (tests watch their own pools go).
    static FREED_HERE: Cell<u64> = const { Cell::new(0) };
}

/// How many pools' counters this thread freed.
#[cfg(test)]
pub(crate) fn counters_freed_here() -> u64 {
    FREED_HERE.with(Cell::get)
}

/// The owner's reference to a pool's counters (a `MemoryPool` holds one); dropping it
/// frees the counters, or leaves that to the last block allocated for the pool.
#[derive(Debug)]
pub struct PoolOwner {
    counters: *const PoolCounters,
}

// SAFETY: the counters are atomics, and their lifetime is counted in `held`, whichever
// thread lets go last.
unsafe impl Send for PoolOwner {}
// SAFETY: as for `Send`; a shared owner only reads the atomics.
unsafe impl Sync for PoolOwner {}

impl PoolOwner {
    pub fn new() -> PoolOwner {
        // Made outside any pool: the counters' own block never counts for a pool.
        let _suspended = PoolScope::suspend();
        PoolOwner {
            counters: Box::into_raw(Box::new(PoolCounters::with_owner())),
        }
    }

    pub fn counters(&self) -> &PoolCounters {
        // SAFETY: the owner's reference keeps the counters alive while `self` lives.
        unsafe { &*self.counters }
    }
}

impl Default for PoolOwner {
    fn default() -> PoolOwner {
        PoolOwner::new()
    }
}

impl Drop for PoolOwner {
    fn drop(&mut self) {
        // SAFETY: the owner holds one reference, given up here.
        unsafe { release(self.counters, 1) }
    }
}

thread_local! {
    /// The pool this thread's new blocks count for now (NULL: none).
    static POOL: Cell<*const PoolCounters> = const { Cell::new(std::ptr::null()) };
}

/// Counts the blocks this thread allocates for a pool until dropped (scopes nest). A block
/// counts for the pool it was allocated for until it is freed, wherever that happens. The
/// scope holds a reference to the pool's counters, so they outlive it.
pub struct PoolScope {
    previous: *const PoolCounters,
    /// The counters this scope holds a reference to (NULL: none).
    entered: *const PoolCounters,
}

/// A pool to carry to other threads (see `current_pool_counters`): valid while the scope
/// it was read in lives.
#[derive(Clone, Copy)]
pub struct PoolRef(*const PoolCounters);

// SAFETY: a plain pointer to atomics; `PoolScope::enter_ref` takes its own reference.
unsafe impl Send for PoolRef {}
// SAFETY: as for `Send`.
unsafe impl Sync for PoolRef {}

impl PoolScope {
    pub fn enter(pool: &PoolCounters) -> PoolScope {
        // A reference for the scope: the caller's `pool` is alive now, so `held` > 0.
        pool.held.fetch_add(1, Ordering::Relaxed);
        let entered = pool as *const PoolCounters;
        let previous = POOL.with(|p| p.replace(entered));
        PoolScope { previous, entered }
    }

    /// Enters `pool` when there is one (for work handed to other threads, while the
    /// scope it was read in lives).
    pub fn enter_opt(pool: Option<PoolRef>) -> PoolScope {
        match pool {
            // SAFETY: a `PoolRef` is used while the scope it was read in holds a reference.
            Some(PoolRef(p)) => PoolScope::enter(unsafe { &*p }),
            None => PoolScope::suspend(),
        }
    }

    /// Stops counting for any pool until dropped: for bookkeeping that is not the graph's
    /// (size checks, other libraries' internals).
    pub fn suspend() -> PoolScope {
        let previous = POOL.with(|p| p.replace(std::ptr::null()));
        PoolScope {
            previous,
            entered: std::ptr::null(),
        }
    }
}

/// The pool this thread counts for now, to carry into work run on other threads while
/// the current scope lives.
pub fn current_pool_counters() -> Option<PoolRef> {
    let pool = current_pool();
    (!pool.is_null()).then_some(PoolRef(pool))
}

impl Drop for PoolScope {
    fn drop(&mut self) {
        let _ = POOL.try_with(|p| p.set(self.previous));
        if !self.entered.is_null() {
            // SAFETY: the scope held one reference, given up here.
            unsafe { release(self.entered, 1) }
        }
    }
}

/// The pool this thread's new blocks count for now (NULL: none).
pub(super) fn current_pool() -> *const PoolCounters {
    POOL.try_with(Cell::get).unwrap_or(std::ptr::null())
}
