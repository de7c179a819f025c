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

/// The counters of one memory pool. They are never freed (a few dozen bytes a pool), so
/// every block can name its pool in its header, whatever outlives what.
#[derive(Debug, Default)]
pub struct PoolCounters {
    usage: AtomicU64,
    peak: AtomicU64,
    total: AtomicU64,
}

impl PoolCounters {
    /// New counters that live for the rest of the process (kept in a registry, so they
    /// stay reachable rather than leaked).
    pub fn leak() -> &'static PoolCounters {
        let counters: &'static PoolCounters = Box::leak(Box::default());
        REGISTRY
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(counters);
        counters
    }

    fn grew(&self, bytes: u64) {
        self.total.fetch_add(bytes, Ordering::Relaxed);
        let now = self.usage.fetch_add(bytes, Ordering::Relaxed) + bytes;
        self.peak.fetch_max(now, Ordering::Relaxed);
    }

    fn shrank(&self, bytes: u64) {
        self.usage.fetch_sub(bytes, Ordering::Relaxed);
    }

    /// Bytes held now by the blocks allocated for the pool.
    pub fn usage(&self) -> u64 {
        self.usage.load(Ordering::Relaxed)
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

thread_local! {
    /// The pool this thread's new blocks count for now (NULL: none).
    static POOL: Cell<*const PoolCounters> = const { Cell::new(std::ptr::null()) };
}

/// Counts the blocks this thread allocates for a pool until dropped (scopes nest). A block
/// counts for the pool it was allocated for until it is freed, wherever that happens.
pub struct PoolScope {
    previous: *const PoolCounters,
}

impl PoolScope {
    pub fn enter(pool: &'static PoolCounters) -> PoolScope {
        let previous = POOL.with(|p| p.replace(pool));
        PoolScope { previous }
    }

    /// Enters `pool` when there is one (for work handed to other threads).
    pub fn enter_opt(pool: Option<&'static PoolCounters>) -> PoolScope {
        let previous = POOL.with(|p| p.replace(pool.map_or(std::ptr::null(), |p| p as *const _)));
        PoolScope { previous }
    }

    /// Stops counting for any pool until dropped: for bookkeeping that is not the graph's
    /// (size checks, other libraries' internals).
    pub fn suspend() -> PoolScope {
        PoolScope::enter_opt(None)
    }
}

/// The pool this thread counts for now, to carry into work run on other threads.
pub fn current_pool_counters() -> Option<&'static PoolCounters> {
    pool_of(current_pool())
}

/// Every pool's counters (they are never freed; see `PoolCounters::leak`).
static REGISTRY: std::sync::Mutex<Vec<&'static PoolCounters>> = std::sync::Mutex::new(Vec::new());

impl Drop for PoolScope {
    fn drop(&mut self) {
        let _ = POOL.try_with(|p| p.set(self.previous));
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

fn pool_of(pool: *const PoolCounters) -> Option<&'static PoolCounters> {
    // SAFETY: pool pointers come from `PoolCounters::leak`, which are never freed.
    unsafe { pool.as_ref() }
}

fn grew(bytes: usize, pool: *const PoolCounters) {
    let bytes = bytes as u64;
    TOTAL_ALLOCATED.fetch_add(bytes, Ordering::Relaxed);
    let now = CURRENT.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
    if let Some(pool) = pool_of(pool) {
        pool.grew(bytes);
    }
}

fn shrank(bytes: usize, pool: *const PoolCounters) {
    CURRENT.fetch_sub(bytes as u64, Ordering::Relaxed);
    if let Some(pool) = pool_of(pool) {
        pool.shrank(bytes as u64);
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
        // header, which keeps the caller's alignment (header is a multiple of it).
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
            shrank(layout.size(), pool);
            grew(new_size, pool);
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
}
