//! Graph-sized buffers reserved fallibly: when the system refuses the memory, the caller
//! gets `Err` (and reports `GraphError::OutOfMemory`) instead of the process aborting, as
//! `vec![x; n]`, `Vec::with_capacity` and `clone` do. Per-item small allocations (one
//! string key) stay infallible; every buffer whose size grows with the graph goes here.

use std::collections::TryReserveError;

/// `vec![value; len]`, or `Err` when the memory is refused.
pub fn filled<T: Clone>(len: usize, value: T) -> Result<Vec<T>, TryReserveError> {
    let mut v = Vec::new();
    v.try_reserve_exact(len)?;
    v.resize(len, value);
    Ok(v)
}

/// `Vec::with_capacity(cap)`, or `Err` when the memory is refused.
pub fn with_capacity<T>(cap: usize) -> Result<Vec<T>, TryReserveError> {
    let mut v = Vec::new();
    v.try_reserve_exact(cap)?;
    Ok(v)
}

/// `items.to_vec()` (exact capacity), or `Err` when the memory is refused.
pub fn copied<T: Clone>(items: &[T]) -> Result<Vec<T>, TryReserveError> {
    let mut v = with_capacity(items.len())?;
    v.extend_from_slice(items);
    Ok(v)
}

/// `iter.collect()` of an iterator of known length, or `Err` when the memory is refused.
pub fn collected<T>(iter: impl ExactSizeIterator<Item = T>) -> Result<Vec<T>, TryReserveError> {
    let mut v = with_capacity(iter.len())?;
    v.extend(iter);
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_match_their_infallible_twins() {
        assert_eq!(filled(3, 7u8).unwrap(), vec![7u8; 3]);
        assert_eq!(with_capacity::<u32>(5).unwrap().capacity(), 5);
        assert_eq!(copied(&[1, 2, 3]).unwrap(), vec![1, 2, 3]);
        assert_eq!(collected([4, 5].into_iter()).unwrap(), vec![4, 5]);
    }

    #[test]
    fn an_impossible_size_is_an_error_not_an_abort() {
        assert!(filled(usize::MAX / 2, 0u64).is_err());
        assert!(with_capacity::<u64>(usize::MAX / 4).is_err());
    }
}
