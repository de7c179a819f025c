//! The library's global allocator: the system allocator, counting what passes through it,
//! so `gr_memory_stats` can report the whole library's allocations (bytes allocated since
//! start, bytes held now, and the peak).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

static TOTAL_ALLOCATED: AtomicU64 = AtomicU64::new(0);
static CURRENT: AtomicU64 = AtomicU64::new(0);
static PEAK: AtomicU64 = AtomicU64::new(0);

/// Counts allocations, then hands them to the system allocator.
pub struct CountingAllocator;

fn grew(bytes: usize) {
    let bytes = bytes as u64;
    TOTAL_ALLOCATED.fetch_add(bytes, Ordering::Relaxed);
    let now = CURRENT.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn shrank(bytes: usize) {
    CURRENT.fetch_sub(bytes as u64, Ordering::Relaxed);
}

// SAFETY (every method): each forwards to `System` with the caller's arguments unchanged,
// which upholds `GlobalAlloc`'s contract; the counting only reads sizes.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            shrank(layout.size());
            grew(new_size);
        }
        new
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
}
