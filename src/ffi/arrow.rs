//! The Arrow C Data Interface: a `gr_array` handed to Arrow readers (pyarrow, polars,
//! DuckDB, nanoarrow, Arrow C++) as the standard `ArrowArray` and `ArrowSchema` structs.
//!
//! Numeric values are not copied: the Arrow buffers point into the array, and the exported
//! struct holds a reference to it, so the values stay valid until the reader calls
//! `release`, whatever happens to the `gr_array` handle. What Arrow lays out differently
//! from the array is built once per export: the validity bitmap (one bit per value) and
//! booleans (bit-packed). Strings and bytes use the array's concatenated buffers (built on
//! the first request and kept by the array) with 64-bit offsets (`LargeUtf8`,
//! `LargeBinary`). An array of mixed kinds has no Arrow type and is refused.
//!
//! The structs are declared in `include/groggy.h` under the standard guard macro
//! (`ARROW_C_DATA_INTERFACE`), so a program that includes Arrow's own declaration first
//! sees one definition.

use std::ffi::{c_char, c_void, CString};
use std::ptr;
use std::sync::Arc;

use crate::core::{Array, ColumnValues, GraphError, GraphResult};

use super::array::gr_array;
use super::boundary::{borrow, out, run};
use super::status::gr_status;

/// Arrow's `ARROW_FLAG_NULLABLE`.
const NULLABLE: i64 = 2;

/// The standard `struct ArrowSchema`: a type, by its format string.
#[repr(C)]
pub struct ArrowSchema {
    pub format: *const c_char,
    pub name: *const c_char,
    pub metadata: *const c_char,
    pub flags: i64,
    pub n_children: i64,
    pub children: *mut *mut ArrowSchema,
    pub dictionary: *mut ArrowSchema,
    pub release: Option<unsafe extern "C" fn(*mut ArrowSchema)>,
    pub private_data: *mut c_void,
}

/// The standard `struct ArrowArray`: the buffers of one array.
#[repr(C)]
pub struct ArrowArray {
    pub length: i64,
    pub null_count: i64,
    pub offset: i64,
    pub n_buffers: i64,
    pub n_children: i64,
    pub buffers: *mut *const c_void,
    pub children: *mut *mut ArrowArray,
    pub dictionary: *mut ArrowArray,
    pub release: Option<unsafe extern "C" fn(*mut ArrowArray)>,
    pub private_data: *mut c_void,
}

/// What an exported array owns: the array (its values are the buffers) and what the
/// export built; `buffers` is the list `ArrowArray::buffers` points to.
struct Exported {
    _array: Arc<Array>,
    _built: Vec<Vec<u64>>,
    buffers: Vec<*const c_void>,
}

/// What an exported schema owns: its format string.
struct ExportedSchema {
    format: CString,
}

/// Bits set where `valid` is true, least significant bit first, in 64-bit words (so the
/// buffer is aligned as Arrow recommends).
fn bitmap(valid: impl ExactSizeIterator<Item = bool>) -> GraphResult<Vec<u64>> {
    let mut words = crate::core::fallible::filled(valid.len().div_ceil(64), 0u64)?;
    for (i, v) in valid.enumerate() {
        words[i / 64] |= u64::from(v) << (i % 64);
    }
    Ok(words)
}

/// The Arrow format string of `array` and its buffers: validity, then the values (offsets
/// and data for strings and bytes), with what had to be built kept in `built`. A mixed
/// array is `InvalidOperation`: it has no Arrow type.
#[allow(clippy::type_complexity)]
fn layout_of(
    array: &Array,
    built: &mut Vec<Vec<u64>>,
) -> GraphResult<(&'static str, Vec<*const c_void>)> {
    fn at<T>(values: &[T]) -> *const c_void {
        values.as_ptr().cast()
    }
    let mut keep = |words: Vec<u64>| -> *const c_void {
        built.push(words);
        at(built.last().expect("just pushed"))
    };
    let validity = match array.validity() {
        Some(valid) if !matches!(array.values(), ColumnValues::Empty) => {
            keep(bitmap(valid.iter().copied())?)
        }
        _ => ptr::null(),
    };
    Ok(match array.values() {
        ColumnValues::Empty => ("n", Vec::new()), // the null type has no buffers
        ColumnValues::Bool(v) => ("b", vec![validity, keep(bitmap(v.iter().copied())?)]),
        ColumnValues::Int8(v) => ("c", vec![validity, at(v)]),
        ColumnValues::Int16(v) => ("s", vec![validity, at(v)]),
        ColumnValues::Int32(v) => ("i", vec![validity, at(v)]),
        ColumnValues::Int64(v) => ("l", vec![validity, at(v)]),
        ColumnValues::Float32(v) => ("f", vec![validity, at(v)]),
        ColumnValues::Float64(v) => ("g", vec![validity, at(v)]),
        ColumnValues::Str(_) => ("U", string_buffers(array, validity)),
        ColumnValues::Bytes(_) => ("Z", string_buffers(array, validity)),
        ColumnValues::Mixed(_) => {
            return Err(GraphError::InvalidOperation(
                "an array of mixed kinds has no Arrow type (cast it to one kind first)".into(),
            ))
        }
    })
}

/// The buffers of a string or bytes array: validity, 64-bit offsets, data. Large offsets
/// are int64; the array's are usize, the same bits on the 64-bit targets the library
/// builds for (checked below).
fn string_buffers(array: &Array, validity: *const c_void) -> Vec<*const c_void> {
    let (data, offsets) = array.buffers().expect("strings and bytes have buffers");
    vec![validity, offsets.as_ptr().cast(), data.as_ptr().cast()]
}

const _: () = assert!(std::mem::size_of::<usize>() == std::mem::size_of::<i64>());

unsafe extern "C" fn release_array(array: *mut ArrowArray) {
    // SAFETY: Arrow calls release once per export, on the struct `gr_array_export_arrow`
    // filled (or a copy the reader moved it to), whose private data is our box.
    unsafe {
        let Some(array) = array.as_mut() else { return };
        if array.release.is_none() {
            return;
        }
        drop(Box::from_raw(array.private_data.cast::<Exported>()));
        array.release = None;
    }
}

unsafe extern "C" fn release_schema(schema: *mut ArrowSchema) {
    // SAFETY: as `release_array`, for the schema's box.
    unsafe {
        let Some(schema) = schema.as_mut() else {
            return;
        };
        if schema.release.is_none() {
            return;
        }
        drop(Box::from_raw(schema.private_data.cast::<ExportedSchema>()));
        schema.release = None;
    }
}

/// Exports `array` through the Arrow C Data Interface: fills `out_array` and
/// `out_schema` (both owned by the caller, who calls each one's `release` once done; the
/// values stay valid until then, even after `gr_array_free(array)`). Numeric values are
/// not copied; the validity bitmap and booleans are laid out for Arrow; strings and bytes
/// are `LargeUtf8` and `LargeBinary` ("U", "Z") over the array's concatenated buffers; an
/// all-null array with no kind is Arrow's null type ("n"). A mixed array is
/// `GR_STATUS_INVALID_OPERATION`. On error the outputs are not written.
///
/// # Safety
/// `array` is NULL or a live array; `out_array` and `out_schema` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_array_export_arrow(
    array: *const gr_array,
    out_array: *mut ArrowArray,
    out_schema: *mut ArrowSchema,
) -> gr_status {
    run("export_arrow", || {
        // SAFETY: promised by the caller.
        let (handle, out_array, out_schema) = unsafe {
            (
                borrow(array, "array")?,
                out(out_array, "array")?,
                out(out_schema, "schema")?,
            )
        };
        let values = &handle.inner;
        let null_count = match values.values() {
            ColumnValues::Empty => values.len(), // the null type: every value is null
            _ => values.null_count(),
        };
        let mut built = Vec::new();
        let (format, buffers) = layout_of(values, &mut built)?;
        let mut exported = Box::new(Exported {
            _array: Arc::clone(&handle.inner),
            _built: built,
            buffers,
        });
        let schema = Box::new(ExportedSchema {
            format: CString::new(format).expect("formats have no NUL"),
        });
        *out_array = ArrowArray {
            length: values.len() as i64,
            null_count: null_count as i64,
            offset: 0,
            n_buffers: exported.buffers.len() as i64,
            n_children: 0,
            buffers: exported.buffers.as_mut_ptr(),
            children: ptr::null_mut(),
            dictionary: ptr::null_mut(),
            release: Some(release_array),
            private_data: Box::into_raw(exported).cast(),
        };
        *out_schema = ArrowSchema {
            format: schema.format.as_ptr(),
            name: ptr::null(),
            metadata: ptr::null(),
            flags: NULLABLE,
            n_children: 0,
            children: ptr::null_mut(),
            dictionary: ptr::null_mut(),
            release: Some(release_schema),
            private_data: Box::into_raw(schema).cast(),
        };
        Ok(())
    })
}
