//! A hint to the processor to fetch memory it will soon read, so that reads the program
//! knows in advance overlap instead of waiting one after another.

/// Asks the processor to bring the memory at `p` into cache, without waiting for it.
#[inline(always)]
pub fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint: it never faults and reads nothing into the
    // program, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p as *const i8);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p; // elsewhere the hint is left out
}
