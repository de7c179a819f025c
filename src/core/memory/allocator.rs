//! The counting allocator: the system allocator, counting what passes through it, so
//! `gr_memory_stats` can report the whole library's allocations (bytes allocated since
//! start, bytes held now, and the peak). While a thread works on a graph that belongs to a
//! memory pool (inside a `PoolScope`), its allocations and frees also count for that pool.
//!
//! It is the global allocator with the cargo feature `counting-allocator` (on by default).
//! Without it nothing is counted: `memory_stats` reports zeros and pools see no usage, so
//! a pool limit only bounds what each single operation may add. A program that turns the
//! feature off can still install `CountingAllocator` as its own global allocator to get
//! the figures back.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

use super::counters::{current_pool, release_block, PoolCounters};

static TOTAL_ALLOCATED: AtomicU64 = AtomicU64::new(0);
static CURRENT: AtomicU64 = AtomicU64::new(0);
static PEAK: AtomicU64 = AtomicU64::new(0);

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
    // SAFETY: promised by the caller.
    unsafe { release_block(pool, bytes) }
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

#[cfg(feature = "counting-allocator")]
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

/// Reads the counters: all zeros when `CountingAllocator` is not the global
/// allocator (the `counting-allocator` feature is off and the program did not install it).
pub fn memory_stats() -> MemoryStats {
    MemoryStats {
        total_allocated: TOTAL_ALLOCATED.load(Ordering::Relaxed),
        current: CURRENT.load(Ordering::Relaxed),
        peak: PEAK.load(Ordering::Relaxed),
    }
}

// The tests need the allocator installed.
#[cfg(all(test, feature = "counting-allocator"))]
mod tests {
    use super::*;
    use crate::core::memory::counters::{counters_freed_here, PoolOwner, PoolScope};

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

#[cfg(all(test, not(feature = "counting-allocator")))]
mod without_the_feature {
    use super::*;

    #[test]
    fn nothing_is_counted() {
        let block = vec![0u8; 1 << 20];
        let zero = MemoryStats {
            total_allocated: 0,
            current: 0,
            peak: 0,
        };
        assert_eq!(memory_stats(), zero);
        drop(block);
    }
}
