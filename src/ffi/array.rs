//! `gr_array`: an immutable, reference-counted typed column handed to the caller.

use std::ffi::c_void;
use std::sync::Arc;

use crate::core::{Array, AttrKind, ColumnValues};

use super::boundary::{borrow, invalid, out, run};
use super::handles::{free_handle, into_handle};
use super::status::gr_status;
use super::value::{gr_attr_tag, gr_attr_value, GR_ATTR_BOOL, GR_ATTR_BYTES, GR_ATTR_FLOAT32};
use super::value::{GR_ATTR_FLOAT64, GR_ATTR_INT16, GR_ATTR_INT32, GR_ATTR_INT64, GR_ATTR_INT8};
use super::value::{GR_ATTR_NULL, GR_ATTR_STRING};

/// The kind of an array whose values are of several kinds.
pub const GR_ATTR_MIXED: gr_attr_tag = 10;

/// An immutable column of values. It never changes and stays valid after the graph it
/// came from changes or is freed.
pub struct gr_array {
    pub(crate) inner: Arc<Array>,
}

pub(crate) fn array_handle(array: Array) -> *mut gr_array {
    into_handle(gr_array {
        inner: Arc::new(array),
    })
}

fn kind_tag(kind: AttrKind) -> gr_attr_tag {
    match kind {
        AttrKind::Null => GR_ATTR_NULL,
        AttrKind::Bool => GR_ATTR_BOOL,
        AttrKind::Int8 => GR_ATTR_INT8,
        AttrKind::Int16 => GR_ATTR_INT16,
        AttrKind::Int32 => GR_ATTR_INT32,
        AttrKind::Int64 => GR_ATTR_INT64,
        AttrKind::Float32 => GR_ATTR_FLOAT32,
        AttrKind::Float64 => GR_ATTR_FLOAT64,
        AttrKind::Str => GR_ATTR_STRING,
        AttrKind::Bytes => GR_ATTR_BYTES,
        AttrKind::Mixed => GR_ATTR_MIXED,
    }
}

/// Length, kind (a `GR_ATTR_*` tag, or `GR_ATTR_MIXED`) and, for fixed-width kinds, a
/// pointer to the contiguous values (`bool` as one byte each; NULL for other kinds or an
/// empty array), borrowed from the array.
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
        let (array, out_len, out_kind, out_data) = unsafe {
            (
                borrow(array, "array")?,
                out(out_len, "len")?,
                out(out_kind, "kind")?,
                out(out_data, "data")?,
            )
        };
        let a = &array.inner;
        fn ptr<T>(v: &[T]) -> *const c_void {
            if v.is_empty() {
                std::ptr::null()
            } else {
                v.as_ptr().cast()
            }
        }
        *out_len = a.len();
        *out_kind = kind_tag(a.kind());
        *out_data = match a.values() {
            ColumnValues::Bool(v) => ptr(v),
            ColumnValues::Int8(v) => ptr(v),
            ColumnValues::Int16(v) => ptr(v),
            ColumnValues::Int32(v) => ptr(v),
            ColumnValues::Int64(v) => ptr(v),
            ColumnValues::Float32(v) => ptr(v),
            ColumnValues::Float64(v) => ptr(v),
            _ => std::ptr::null(),
        };
        Ok(())
    })
}

/// Value `index`, written to `*out_value` as an owned value (release strings and bytes
/// with `gr_attr_value_release`).
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
        let (array, out_value) = unsafe { (borrow(array, "array")?, out(out_value, "value")?) };
        let a = &array.inner;
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

/// # Safety
/// `array` is NULL or a live `gr_array`, which must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn gr_array_free(array: *mut gr_array) {
    // SAFETY: passed on to the caller.
    unsafe { free_handle(array) }
}
