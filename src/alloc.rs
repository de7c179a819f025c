//! The library's global allocator: the system allocator, counting what passes through it,
//! so `gr_memory_stats` can report the whole library's allocations (bytes allocated since
//! start, bytes held now, and the peak). While a thread works on a graph that belongs to a
//! memory pool (inside a `PoolScope`), its allocations and frees also count for that pool.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};

static TOTAL_ALLOCATED: AtomicU64 = AtomicU64::new(0);
static CURRENT: AtomicU64 = AtomicU64::new(0);
static PEAK: AtomicU64 = AtomicU64::new(0);

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

/// Counters alive now (for tests: freed ones are gone).
static LIVE_COUNTERS: AtomicU64 = AtomicU64::new(0);

impl PoolCounters {
    fn with_owner() -> PoolCounters {
        PoolCounters {
            held: AtomicU64::new(1),
            peak: AtomicU64::new(0),
            total: AtomicU64::new(0),
        }
    }

    /// New counters that are never freed (their owner never lets go).
    pub fn leak() -> &'static PoolCounters {
        LIVE_COUNTERS.fetch_add(1, Ordering::Relaxed);
        Box::leak(Box::new(PoolCounters::with_owner()))
    }

    fn grew(&self, bytes: u64) {
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
        LIVE_COUNTERS.fetch_sub(1, Ordering::Relaxed);
        #[cfg(test)]
        let _ = FREED_HERE.try_with(|n| n.set(n.get() + 1));
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

/// Counters that exist now (pools alive, or whose blocks are).
pub fn live_pool_counters() -> u64 {
    LIVE_COUNTERS.load(Ordering::Relaxed)
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
        LIVE_COUNTERS.fetch_add(1, Ordering::Relaxed);
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

fn current_pool() -> *const PoolCounters {
    POOL.try_with(Cell::get).unwrap_or(std::ptr::null())
}

/// Every block starts with a header of at least 16 bytes (more for stricter alignment)
/// whose last 8 bytes name the block's pool (or NULL).
fn header_size(layout: Layout) -> usize {
    layout.align().max(16)
}

fn with_header(layout: Layout) -> Option<(Layout, usize)> {
    let header = header_size(layout);
    let size = layout.size().checked_add(header)?;
    Some((Layout::from_size_align(size, header).ok()?, header))
}

/// # Safety
/// `block` points to a header of at least 8 bytes before the caller's memory.
unsafe fn pool_slot(user: *mut u8) -> *mut *const PoolCounters {
    // SAFETY: the header ends right before `user` and is at least 16 bytes long, aligned
    // to 16, so the 8 bytes before `user` are inside it and aligned for a pointer.
    unsafe { user.sub(8).cast() }
}

/// Counts a block of `bytes` that was just allocated for `pool` (NULL: none).
///
/// # Safety
/// `pool` is NULL or live counters: the current thread's scope holds a reference to
/// them, or (realloc) a live block of theirs does.
unsafe fn grew(bytes: usize, pool: *const PoolCounters) {
    let bytes = bytes as u64;
    TOTAL_ALLOCATED.fetch_add(bytes, Ordering::Relaxed);
    let now = CURRENT.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
    // SAFETY: promised by the caller.
    if let Some(pool) = unsafe { pool.as_ref() } {
        pool.grew(bytes);
    }
}

/// Un-counts a freed block of `bytes` of `pool` (NULL: none); may free the counters.
///
/// # Safety
/// `pool` is NULL or the counters named by the freed block's header (alive: the block
/// was counted in them until now).
unsafe fn shrank(bytes: usize, pool: *const PoolCounters) {
    CURRENT.fetch_sub(bytes as u64, Ordering::Relaxed);
    if !pool.is_null() && bytes > 0 {
        // SAFETY: the block's bytes were counted in `held`, and are given up here.
        unsafe { release(pool, (bytes as u64) << BYTES_SHIFT) }
    }
}

/// Counts allocations, then hands them to the system allocator, each with a header that
/// names the memory pool it counts for.
pub struct CountingAllocator;

impl CountingAllocator {
    /// # Safety
    /// As `GlobalAlloc::alloc`; `zeroed` asks for zeroed memory.
    unsafe fn allocate(&self, layout: Layout, zeroed: bool) -> *mut u8 {
        let Some((full, header)) = with_header(layout) else {
            return std::ptr::null_mut();
        };
        // SAFETY: `full` has a non-zero size (the header); forwarded to `System`.
        let base = unsafe {
            if zeroed {
                System.alloc_zeroed(full)
            } else {
                System.alloc(full)
            }
        };
        if base.is_null() {
            return base;
        }
        let pool = current_pool();
        // SAFETY: `base` holds `header + size` bytes; the caller's memory starts after the
        // header, which keeps the caller's alignment (header is a multiple of it). The
        // current scope holds a reference to `pool`.
        unsafe {
            let user = base.add(header);
            pool_slot(user).write(pool);
            grew(layout.size(), pool);
            user
        }
    }
}

// SAFETY (every method): blocks are `System` blocks with a header in front; the header is
// added on allocation and removed on free with the same layout arithmetic, so `System`
// always sees the layouts it handed out, and callers get memory of the size and alignment
// they asked for.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded contract.
        unsafe { self.allocate(layout, false) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded contract.
        unsafe { self.allocate(layout, true) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let (full, header) = with_header(layout).expect("this layout was allocated");
        // SAFETY: `ptr` came from `allocate` with this layout, so a header precedes it.
        unsafe {
            let pool = pool_slot(ptr).read();
            System.dealloc(ptr.sub(header), full);
            shrank(layout.size(), pool);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let (full, header) = with_header(layout).expect("this layout was allocated");
        let Some(new_full) = new_size.checked_add(header) else {
            return std::ptr::null_mut();
        };
        // SAFETY: `ptr` came from `allocate` with this layout; the header moves with the
        // block (realloc copies it), so it still names the block's pool.
        unsafe {
            let pool = pool_slot(ptr).read();
            let base = System.realloc(ptr.sub(header), full, new_full);
            if base.is_null() {
                return base;
            }
            // The new size first: the pool never seems empty while the block lives.
            grew(new_size, pool);
            shrank(layout.size(), pool);
            base.add(header)
        }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// The library's allocations so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryStats {
    /// Bytes allocated since the library was loaded (never decreases).
    pub total_allocated: u64,
    /// Bytes held now.
    pub current: u64,
    /// The most bytes held at once.
    pub peak: u64,
}

pub fn memory_stats() -> MemoryStats {
    MemoryStats {
        total_allocated: TOTAL_ALLOCATED.load(Ordering::Relaxed),
        current: CURRENT.load(Ordering::Relaxed),
        peak: PEAK.load(Ordering::Relaxed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocations_are_counted() {
        let before = memory_stats();
        let block = vec![0u8; 1 << 20];
        let during = memory_stats();
        assert!(during.total_allocated >= before.total_allocated + (1 << 20));
        assert!(during.peak >= 1 << 20);
        drop(block);
        assert!(memory_stats().total_allocated >= during.total_allocated);
    }

    #[test]
    fn blocks_count_for_the_pool_they_were_allocated_for() {
        let pool = PoolCounters::leak();
        let outside = vec![1u8; 1000];
        let block = {
            let _scope = PoolScope::enter(pool);
            drop(outside); // allocated outside: does not count against the pool
            vec![0u8; 4096]
        };
        assert_eq!(pool.usage(), 4096);
        let mut block = block;
        block.reserve_exact(10_000); // grows, wherever it happens
        assert!(pool.usage() >= 14_096);
        drop(block);
        assert_eq!(pool.usage(), 0);
        assert!(pool.peak() >= 14_096 && pool.total_allocated() >= 14_096);
        // Stricter alignment keeps working.
        let aligned: Vec<u128> = vec![7; 3];
        assert_eq!(aligned.as_ptr() as usize % std::mem::align_of::<u128>(), 0);
    }

    #[test]
    fn counters_go_with_the_owner_and_the_last_block() {
        let freed = counters_freed_here();
        let owner = PoolOwner::new();
        let mut block = {
            let _scope = PoolScope::enter(owner.counters());
            vec![1u8; 100]
        };
        assert_eq!(owner.counters().usage(), 100);
        drop(owner);
        assert_eq!(counters_freed_here(), freed, "a block of the pool is alive");
        block.reserve_exact(1000); // counts the new size before forgetting the old
        assert_eq!(counters_freed_here(), freed);
        drop(block);
        assert_eq!(counters_freed_here(), freed + 1);
        // No block: the owner frees them.
        drop(PoolOwner::new());
        assert_eq!(counters_freed_here(), freed + 2);
        // A scope outliving nothing keeps them until it ends.
        let owner = PoolOwner::new();
        let scope = PoolScope::enter(owner.counters());
        drop(owner);
        let inside = vec![2u8; 10];
        drop(inside);
        assert_eq!(counters_freed_here(), freed + 2);
        drop(scope);
        assert_eq!(counters_freed_here(), freed + 3);
    }

    #[test]
    fn a_block_freed_on_another_thread_frees_the_counters_once() {
        for _ in 0..200 {
            let owner = PoolOwner::new();
            let block = {
                let _scope = PoolScope::enter(owner.counters());
                vec![0u64; 16]
            };
            let other = std::thread::spawn(move || drop(block));
            drop(owner);
            other.join().unwrap();
        }
    }
}
