//! `gr_array`: an immutable, reference-counted typed column handed to and from the caller.
//!
//! Columns cross the ABI in one form everywhere: a kind tag and `n` values at `data` --
//! native values for the fixed-width kinds (`bool` as one byte), `gr_buf`s for strings and
//! bytes, `gr_attr_value`s for `GR_ATTR_MIXED` -- plus an optional validity mask of `n`
//! bytes (0 = null).

use std::ffi::c_void;
use std::sync::Arc;

use crate::core::fallible::{collected, copied, with_capacity};
use crate::core::{Array, AttrKind, AttrValue, ColumnValues, GraphResult};

use super::boundary::{borrow, invalid, out, run, slice, utf8};
use super::handles::{free_handle, into_handle};
use super::status::gr_status;
use super::value::{gr_attr_tag, gr_attr_value, gr_buf, GR_ATTR_BOOL, GR_ATTR_BYTES};
use super::value::{GR_ATTR_FLOAT32, GR_ATTR_FLOAT64, GR_ATTR_INT16, GR_ATTR_INT32};
use super::value::{GR_ATTR_INT64, GR_ATTR_INT8, GR_ATTR_MIXED, GR_ATTR_NULL, GR_ATTR_STRING};

/// An immutable column of values. It never changes and stays valid after the graph it
/// came from changes or is freed. Copies made with `gr_array_clone` share the values.
pub struct gr_array {
    pub(crate) inner: Arc<Array>,
}

pub(crate) fn array_handle(array: Array) -> *mut gr_array {
    shared_array_handle(Arc::new(array))
}

/// A handle to an array others may hold too (arrays are immutable).
pub(crate) fn shared_array_handle(array: Arc<Array>) -> *mut gr_array {
    into_handle(gr_array { inner: array })
}

/// # Safety
/// `array` is NULL or a live `gr_array`.
pub(crate) unsafe fn array_ref<'a>(array: *const gr_array) -> GraphResult<&'a Array> {
    // SAFETY: passed on to the caller.
    Ok(&unsafe { borrow(array, "array") }?.inner)
}

/// The tag of a kind: the core's discriminant, which `value.rs` asserts equals the tag.
pub(crate) fn kind_tag(kind: AttrKind) -> gr_attr_tag {
    kind as gr_attr_tag
}

/// Reads a column in the ABI's form into an `Array` (a copy).
///
/// # Safety
/// `data` holds `n` values of the kind `tag` says, and `valid` is NULL or holds `n` bytes.
unsafe fn read_column(
    tag: gr_attr_tag,
    data: *const c_void,
    valid: *const u8,
    n: usize,
) -> GraphResult<Array> {
    // SAFETY (every `slice` below): the caller promises `n` values of the tagged kind.
    unsafe {
        let validity = if valid.is_null() {
            None
        } else {
            Some(collected(
                slice(valid, n, "validity")?.iter().map(|&b| b != 0),
            )?)
        };
        fn fixed<'a, T>(data: *const c_void, n: usize) -> GraphResult<&'a [T]> {
            // SAFETY: see the enclosing function's contract.
            unsafe { slice(data.cast::<T>(), n, "data") }
        }
        let values = match tag {
            GR_ATTR_NULL => return Ok(Array::nulls(n)),
            GR_ATTR_BOOL => {
                ColumnValues::Bool(collected(fixed::<u8>(data, n)?.iter().map(|&b| b != 0))?)
            }
            GR_ATTR_INT8 => ColumnValues::Int8(copied(fixed::<i8>(data, n)?)?),
            GR_ATTR_INT16 => ColumnValues::Int16(copied(fixed::<i16>(data, n)?)?),
            GR_ATTR_INT32 => ColumnValues::Int32(copied(fixed::<i32>(data, n)?)?),
            GR_ATTR_INT64 => ColumnValues::Int64(copied(fixed::<i64>(data, n)?)?),
            GR_ATTR_FLOAT32 => ColumnValues::Float32(copied(fixed::<f32>(data, n)?)?),
            GR_ATTR_FLOAT64 => ColumnValues::Float64(copied(fixed::<f64>(data, n)?)?),
            GR_ATTR_STRING | GR_ATTR_BYTES => {
                let bufs = fixed::<gr_buf>(data, n)?;
                let is_valid = |i: usize| validity.as_ref().is_none_or(|v: &Vec<bool>| v[i]);
                if tag == GR_ATTR_STRING {
                    let mut strings = with_capacity(n)?;
                    for (i, b) in bufs.iter().enumerate() {
                        strings.push(if is_valid(i) {
                            utf8(b.ptr, b.len, "string value")?.into()
                        } else {
                            Box::default()
                        });
                    }
                    ColumnValues::Str(strings)
                } else {
                    let mut bytes = with_capacity(n)?;
                    for (i, b) in bufs.iter().enumerate() {
                        bytes.push(if is_valid(i) {
                            slice(b.ptr, b.len, "bytes value")?.into()
                        } else {
                            Box::default()
                        });
                    }
                    ColumnValues::Bytes(bytes)
                }
            }
            GR_ATTR_MIXED => {
                let values = fixed::<gr_attr_value>(data, n)?
                    .iter()
                    .enumerate()
                    .map(|(i, v)| match &validity {
                        Some(valid) if !valid[i] => Ok(AttrValue::Null),
                        _ => v.read_value("value"),
                    })
                    .collect::<GraphResult<Vec<_>>>()?;
                return Ok(Array::from_values(values));
            }
            other => return Err(invalid(format!("unknown column kind {other}"))),
        };
        Array::new(values, validity)
    }
}

/// Makes an array from a column (copied; see the top of this section for the form).
///
/// # Safety
/// `data` holds `n` values of the kind `tag` says (it may be NULL when `n` is 0 or the
/// kind is `GR_ATTR_NULL`); `valid` is NULL or holds `n` bytes; `out_array` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn gr_array_new(
    tag: gr_attr_tag,
    data: *const c_void,
    valid: *const u8,
    n: usize,
    out_array: *mut *mut gr_array,
) -> gr_status {
    run("array_new", || {
        // SAFETY: promised by the caller.
        let (array, out_array) =
            unsafe { (read_column(tag, data, valid, n)?, out(out_array, "array")?) };
        *out_array = array_handle(array);
        Ok(())
    })
}

/// A second handle on the same values (free both).
///
/// # Safety
/// `array` is NULL or a live `gr_array`; `out_array` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_array_clone(
    array: *const gr_array,
    out_array: *mut *mut gr_array,
) -> gr_status {
    run("array_clone", || {
        // SAFETY: promised by the caller.
        let (array, out_array) = unsafe { (borrow(array, "array")?, out(out_array, "array")?) };
        *out_array = into_handle(gr_array {
            inner: Arc::clone(&array.inner),
        });
        Ok(())
    })
}

fn first<T>(items: &[T]) -> *const c_void {
    if items.is_empty() {
        std::ptr::null()
    } else {
        items.as_ptr().cast()
    }
}

/// Length, kind (a `GR_ATTR_*` tag; `GR_ATTR_NULL` when every value is null) and, for
/// fixed-width kinds, a pointer to the contiguous values (`bool` as one byte each; NULL for
/// other kinds or an empty array), borrowed from the array. Entries that are null hold
/// an unspecified value; see `gr_array_validity`.
///
/// # Safety
/// `array` is NULL or a live `gr_array`; outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_array_info(
    array: *const gr_array,
    out_len: *mut usize,
    out_kind: *mut gr_attr_tag,
    out_data: *mut *const c_void,
) -> gr_status {
    run("array_info", || {
        // SAFETY: promised by the caller.
        let (a, out_len, out_kind, out_data) = unsafe {
            (
                array_ref(array)?,
                out(out_len, "len")?,
                out(out_kind, "kind")?,
                out(out_data, "data")?,
            )
        };
        *out_len = a.len();
        *out_kind = kind_tag(a.kind());
        *out_data = match a.values() {
            ColumnValues::Bool(v) => first(v),
            ColumnValues::Int8(v) => first(v),
            ColumnValues::Int16(v) => first(v),
            ColumnValues::Int32(v) => first(v),
            ColumnValues::Int64(v) => first(v),
            ColumnValues::Float32(v) => first(v),
            ColumnValues::Float64(v) => first(v),
            _ => std::ptr::null(),
        };
        Ok(())
    })
}

/// The number of null entries and, when there are any, `len` bytes (1 = valid, 0 = null)
/// borrowed from the array; `*out_valid` is NULL when no entry is null.
///
/// # Safety
/// `array` is NULL or a live `gr_array`; outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_array_validity(
    array: *const gr_array,
    out_valid: *mut *const u8,
    out_null_count: *mut usize,
) -> gr_status {
    run("array_validity", || {
        // SAFETY: promised by the caller.
        let (a, out_valid, out_null_count) = unsafe {
            (
                array_ref(array)?,
                out(out_valid, "valid")?,
                out(out_null_count, "null_count")?,
            )
        };
        // `bool` is one byte holding 0 or 1, so the mask reads as bytes.
        *out_valid = a.validity().map_or(std::ptr::null(), |v| first(v).cast());
        *out_null_count = a.null_count();
        Ok(())
    })
}

/// For string and bytes arrays: all values end to end (`*out_data_len` bytes; null entries
/// are empty) and `len + 1` offsets, value `i` being `data[offsets[i] .. offsets[i + 1]]`.
/// Borrowed from the array. An invalid-argument error for other kinds.
///
/// # Safety
/// `array` is NULL or a live `gr_array`; outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_array_buffers(
    array: *const gr_array,
    out_data: *mut *const u8,
    out_data_len: *mut usize,
    out_offsets: *mut *const usize,
) -> gr_status {
    run("array_buffers", || {
        // SAFETY: promised by the caller.
        let (a, out_data, out_data_len, out_offsets) = unsafe {
            (
                array_ref(array)?,
                out(out_data, "data")?,
                out(out_data_len, "data_len")?,
                out(out_offsets, "offsets")?,
            )
        };
        let (data, offsets) = a.buffers().ok_or_else(|| {
            invalid(format!(
                "an array of kind {} has no buffers",
                a.kind().name()
            ))
        })?;
        *out_data = first(data).cast();
        *out_data_len = data.len();
        *out_offsets = offsets.as_ptr();
        Ok(())
    })
}

/// Value `index`, written to `*out_value` as an owned value (release strings and bytes
/// with `gr_attr_value_release`). A null entry reads as `GR_ATTR_NULL`.
///
/// # Safety
/// `array` is NULL or a live `gr_array`; `out_value` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_array_get(
    array: *const gr_array,
    index: usize,
    out_value: *mut gr_attr_value,
) -> gr_status {
    run("array_get", || {
        // SAFETY: promised by the caller.
        let (a, out_value) = unsafe { (array_ref(array)?, out(out_value, "value")?) };
        if index >= a.len() {
            return Err(invalid(format!(
                "index {index} out of range for {} values",
                a.len()
            )));
        }
        *out_value = gr_attr_value::owned(a.get(index));
        Ok(())
    })
}

/// A new array of `count` entries: `start`, `start + step`, ... (`step` may be negative but
/// not 0; every index must be in range).
///
/// # Safety
/// `array` is NULL or a live `gr_array`; `out_array` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_array_slice(
    array: *const gr_array,
    start: usize,
    count: usize,
    step: isize,
    out_array: *mut *mut gr_array,
) -> gr_status {
    run("array_slice", || {
        // SAFETY: promised by the caller.
        let (a, out_array) = unsafe { (array_ref(array)?, out(out_array, "array")?) };
        *out_array = array_handle(a.slice(start, count, step)?);
        Ok(())
    })
}

/// Positions (int64) of the `k` largest valid entries of a numeric or bool array, largest
/// first, equal values in position order (NaN counts as smallest).
///
/// # Safety
/// `array` is NULL or a live `gr_array`; `out_positions` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_array_top_k(
    array: *const gr_array,
    k: usize,
    out_positions: *mut *mut gr_array,
) -> gr_status {
    run("top", || {
        // SAFETY: promised by the caller.
        let (a, out_positions) = unsafe { (array_ref(array)?, out(out_positions, "positions")?) };
        let positions = a.top_k(k)?.into_iter().map(|p| p as i64).collect();
        *out_positions = array_handle(Array::from_i64(positions));
        Ok(())
    })
}

/// Sum of the valid entries: `GR_ATTR_INT64` for integer and bool arrays (an error if it
/// overflows), `GR_ATTR_FLOAT64` for float arrays. Other kinds are an invalid argument.
///
/// # Safety
/// `array` is NULL or a live `gr_array`; `out_value` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_array_sum(
    array: *const gr_array,
    out_value: *mut gr_attr_value,
) -> gr_status {
    run("sum", || {
        // SAFETY: promised by the caller.
        let (a, out_value) = unsafe { (array_ref(array)?, out(out_value, "value")?) };
        *out_value = gr_attr_value::owned(a.sum()?);
        Ok(())
    })
}

/// Mean of the valid entries of a numeric or bool array; `*out_found` is false (and
/// `*out_mean` untouched) when there are none.
///
/// # Safety
/// `array` is NULL or a live `gr_array`; outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_array_mean(
    array: *const gr_array,
    out_mean: *mut f64,
    out_found: *mut bool,
) -> gr_status {
    run("mean", || {
        // SAFETY: promised by the caller.
        let (a, out_mean, out_found) = unsafe {
            (
                array_ref(array)?,
                out(out_mean, "mean")?,
                out(out_found, "found")?,
            )
        };
        let mean = a.mean()?;
        *out_found = mean.is_some();
        if let Some(m) = mean {
            *out_mean = m;
        }
        Ok(())
    })
}

/// The body shared by `gr_array_min` and `gr_array_max`.
///
/// # Safety
/// As the exported functions.
unsafe fn extreme(
    op: &'static str,
    pick: fn(&Array) -> GraphResult<Option<AttrValue>>,
    array: *const gr_array,
    out_value: *mut gr_attr_value,
    out_found: *mut bool,
) -> gr_status {
    run(op, || {
        // SAFETY: promised by the caller.
        let (a, out_value, out_found) = unsafe {
            (
                array_ref(array)?,
                out(out_value, "value")?,
                out(out_found, "found")?,
            )
        };
        let value = pick(a)?;
        *out_found = value.is_some();
        if let Some(v) = value {
            *out_value = gr_attr_value::owned(v);
        }
        Ok(())
    })
}

/// Smallest valid entry (numbers, bools, strings, bytes; NaN skipped), as an owned value;
/// `*out_found` is false when there is none.
///
/// # Safety
/// `array` is NULL or a live `gr_array`; outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_array_min(
    array: *const gr_array,
    out_value: *mut gr_attr_value,
    out_found: *mut bool,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe { extreme("min", Array::min, array, out_value, out_found) }
}

/// Largest valid entry, as `gr_array_min` describes.
///
/// # Safety
/// As `gr_array_min`.
#[no_mangle]
pub unsafe extern "C" fn gr_array_max(
    array: *const gr_array,
    out_value: *mut gr_attr_value,
    out_found: *mut bool,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe { extreme("max", Array::max, array, out_value, out_found) }
}

/// # Safety
/// `array` is NULL or a live `gr_array`, which must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn gr_array_free(array: *mut gr_array) {
    // SAFETY: passed on to the caller.
    unsafe { free_handle(array) }
}
