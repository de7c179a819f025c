//! The library's memory figures.

use crate::core::memory_stats;

use super::boundary::{out, run};
use super::status::gr_status;

/// Bytes the library allocated since it was loaded, bytes it holds now, and the most it
/// held at once (counted by its global allocator).
///
/// # Safety
/// The outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_memory_stats(
    out_total_allocated: *mut u64,
    out_current: *mut u64,
    out_peak: *mut u64,
) -> gr_status {
    run("memory_stats", || {
        // SAFETY: promised by the caller.
        let (total, current, peak) = unsafe {
            (
                out(out_total_allocated, "total_allocated")?,
                out(out_current, "current")?,
                out(out_peak, "peak")?,
            )
        };
        let stats = memory_stats();
        *total = stats.total_allocated;
        *current = stats.current;
        *peak = stats.peak;
        Ok(())
    })
}
