//! Columns laid out as Arrow lays them out, and exported as `ArrowArray` and `ArrowSchema`.
//!
//! Numeric values are not copied: the Arrow buffers point into the engine's array (or key
//! list), and every exported struct holds a reference to it, so the values stay valid until
//! the reader calls `release`, whatever happens to the handle or stream they came from.
//! What Arrow lays out differently is built once per layout: the validity bitmap (one bit
//! per value) and booleans (bit-packed). Strings and bytes use the array's concatenated
//! buffers (built on the first request and kept by the array) with 64-bit offsets
//! (`LargeUtf8`, `LargeBinary`). An array of mixed kinds has no Arrow type and is refused.

use std::any::Any;
use std::ffi::{c_void, CString};
use std::ptr;
use std::sync::Arc;

use crate::core::fallible::filled;
use crate::core::{Array, ColumnValues, GraphError, GraphResult, KeyList, KEY_KIND_STR};

use super::{ArrowArray, ArrowSchema};
use crate::ffi::array::gr_array;
use crate::ffi::boundary::{borrow, invalid, out, run};
use crate::ffi::status::gr_status;

/// Arrow's `ARROW_FLAG_NULLABLE`.
const NULLABLE: i64 = 2;

/// What the buffers of a layout point into, shared by every export of it.
type Keep = Arc<dyn Any + Send + Sync>;

/// A column laid out for Arrow: format, length, null count and buffers, which point into
/// `keep` (the values, and what the layout had to build).
pub(super) struct Layout {
    pub(super) format: &'static str,
    pub(super) length: usize,
    pub(super) null_count: usize,
    buffers: Vec<*const c_void>,
    keep: Keep,
}

/// The values a layout points into, and the buffers it built (as 64-bit words, so they
/// are aligned as Arrow recommends).
struct Kept<T> {
    _values: Arc<T>,
    _built: Vec<Vec<u64>>,
}

/// Bits set where `valid` is true, least significant bit first.
fn bitmap(valid: impl ExactSizeIterator<Item = bool>) -> GraphResult<Vec<u64>> {
    let mut words = filled(valid.len().div_ceil(64), 0u64)?;
    for (i, v) in valid.enumerate() {
        words[i / 64] |= u64::from(v) << (i % 64);
    }
    Ok(words)
}

fn at<T>(values: &[T]) -> *const c_void {
    values.as_ptr().cast()
}

// Arrow's 64-bit offsets are int64; the engine's are usize, the same bits on the 64-bit
// targets the library builds for.
const _: () = assert!(std::mem::size_of::<usize>() == std::mem::size_of::<i64>());

impl Layout {
    /// The layout of `array`, its values not copied. A mixed array is `InvalidOperation`
    /// naming `what`: it has no Arrow type.
    pub(super) fn of_array(array: Arc<Array>, what: &str) -> GraphResult<Layout> {
        let mut built: Vec<Vec<u64>> = Vec::new();
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
        let strings = || {
            let (data, offsets) = array.buffers().expect("strings and bytes have buffers");
            vec![validity, at(offsets), at(data)]
        };
        let (format, buffers) = match array.values() {
            ColumnValues::Empty => ("n", Vec::new()), // the null type has no buffers
            ColumnValues::Bool(v) => ("b", vec![validity, keep(bitmap(v.iter().copied())?)]),
            ColumnValues::Int8(v) => ("c", vec![validity, at(v)]),
            ColumnValues::Int16(v) => ("s", vec![validity, at(v)]),
            ColumnValues::Int32(v) => ("i", vec![validity, at(v)]),
            ColumnValues::Int64(v) => ("l", vec![validity, at(v)]),
            ColumnValues::Float32(v) => ("f", vec![validity, at(v)]),
            ColumnValues::Float64(v) => ("g", vec![validity, at(v)]),
            ColumnValues::Str(_) => ("U", strings()),
            ColumnValues::Bytes(_) => ("Z", strings()),
            ColumnValues::Mixed(_) => {
                return Err(GraphError::InvalidOperation(format!(
                    "{what} holds values of mixed kinds, which have no Arrow type (cast it to \
                     one kind first)"
                )))
            }
        };
        let null_count = match array.values() {
            ColumnValues::Empty => array.len(), // the null type: every value is null
            _ => array.null_count(),
        };
        Ok(Layout {
            format,
            length: array.len(),
            null_count,
            buffers,
            keep: Arc::new(Kept {
                _values: array,
                _built: built,
            }),
        })
    }

    /// The layout of node keys: `Int64` when every key is an int, `LargeUtf8` when every
    /// key is a string, not copied. Keys of both kinds are `InvalidOperation` naming
    /// `what`: no Arrow type holds both.
    pub(super) fn of_keys(keys: Arc<KeyList>, what: &str) -> GraphResult<Layout> {
        let (format, buffers) = if keys.all_int() {
            ("l", vec![ptr::null(), at(keys.ints())])
        } else if keys.kinds().iter().all(|&k| k == KEY_KIND_STR) {
            (
                "U",
                vec![ptr::null(), at(keys.str_offsets()), at(keys.str_data())],
            )
        } else {
            return Err(GraphError::InvalidOperation(format!(
                "{what} are of both kinds, int and str, which no Arrow type holds"
            )));
        };
        Ok(Layout {
            format,
            length: keys.len(),
            null_count: 0,
            buffers,
            keep: Arc::new(Kept {
                _values: keys,
                _built: Vec::new(),
            }),
        })
    }
}

/// What an exported array owns: shares of the values its buffers point into, the buffer
/// list `ArrowArray::buffers` points to, and its children (boxed, released with it).
struct Exported {
    _keep: Option<Keep>,
    buffers: Vec<*const c_void>,
    children: Vec<*mut ArrowArray>,
}

/// The exported `layout`: a struct the reader releases.
pub(super) fn export_column(layout: &Layout) -> ArrowArray {
    exported(
        layout.length,
        layout.null_count,
        Some(Arc::clone(&layout.keep)),
        layout.buffers.clone(),
        Vec::new(),
    )
}

/// A record batch of `length` rows: a struct array whose children are the `columns`.
pub(super) fn export_batch(columns: &[Layout], length: usize) -> ArrowArray {
    let children = columns
        .iter()
        .map(|c| Box::into_raw(Box::new(export_column(c))))
        .collect();
    // A struct array has one buffer, its validity: none (no row is null).
    exported(length, 0, None, vec![ptr::null()], children)
}

fn exported(
    length: usize,
    null_count: usize,
    keep: Option<Keep>,
    buffers: Vec<*const c_void>,
    children: Vec<*mut ArrowArray>,
) -> ArrowArray {
    let mut owned = Box::new(Exported {
        _keep: keep,
        buffers,
        children,
    });
    ArrowArray {
        length: length as i64,
        null_count: null_count as i64,
        offset: 0,
        n_buffers: owned.buffers.len() as i64,
        n_children: owned.children.len() as i64,
        buffers: owned.buffers.as_mut_ptr(),
        children: if owned.children.is_empty() {
            ptr::null_mut()
        } else {
            owned.children.as_mut_ptr()
        },
        dictionary: ptr::null_mut(),
        release: Some(release_array),
        private_data: Box::into_raw(owned).cast(),
    }
}

unsafe extern "C" fn release_array(array: *mut ArrowArray) {
    // SAFETY: Arrow calls release once per exported struct (or a copy the reader moved it
    // to), whose private data is our box; the children are boxes this export made, each
    // released here unless a reader moved it out (its release then NULL).
    unsafe {
        let Some(array) = array.as_mut() else { return };
        if array.release.is_none() {
            return;
        }
        let owned = Box::from_raw(array.private_data.cast::<Exported>());
        for &child in &owned.children {
            if let Some(release) = (*child).release {
                release(child);
            }
            drop(Box::from_raw(child));
        }
        array.release = None;
    }
}

/// What an exported schema owns: its strings and children (boxed, released with it).
struct ExportedSchema {
    _format: CString,
    _name: Option<CString>,
    children: Vec<*mut ArrowSchema>,
}

/// The schema of a column named `name` (or unnamed) of type `format`, with `children`
/// (a record batch's columns). A name holding a NUL byte is `InvalidArgument`.
pub(super) fn export_schema(
    format: &str,
    name: Option<&str>,
    children: Vec<ArrowSchema>,
) -> GraphResult<ArrowSchema> {
    let c_string = |s: &str| {
        CString::new(s).map_err(|_| invalid(format!("column name {s:?} holds a NUL byte")))
    };
    let format = c_string(format)?;
    let name = name.map(c_string).transpose()?;
    let mut owned = Box::new(ExportedSchema {
        children: children
            .into_iter()
            .map(|c| Box::into_raw(Box::new(c)))
            .collect(),
        _format: format,
        _name: name,
    });
    Ok(ArrowSchema {
        format: owned._format.as_ptr(),
        name: owned._name.as_ref().map_or(ptr::null(), |n| n.as_ptr()),
        metadata: ptr::null(),
        flags: if owned.children.is_empty() {
            NULLABLE
        } else {
            0
        },
        n_children: owned.children.len() as i64,
        children: if owned.children.is_empty() {
            ptr::null_mut()
        } else {
            owned.children.as_mut_ptr()
        },
        dictionary: ptr::null_mut(),
        release: Some(release_schema),
        private_data: Box::into_raw(owned).cast(),
    })
}

unsafe extern "C" fn release_schema(schema: *mut ArrowSchema) {
    // SAFETY: as `release_array`, for the schema's box and its children.
    unsafe {
        let Some(schema) = schema.as_mut() else {
            return;
        };
        if schema.release.is_none() {
            return;
        }
        let owned = Box::from_raw(schema.private_data.cast::<ExportedSchema>());
        for &child in &owned.children {
            if let Some(release) = (*child).release {
                release(child);
            }
            drop(Box::from_raw(child));
        }
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
        let layout = Layout::of_array(Arc::clone(&handle.inner), "the array")?;
        let schema = export_schema(layout.format, None, Vec::new())?;
        *out_array = export_column(&layout);
        *out_schema = schema;
        Ok(())
    })
}
