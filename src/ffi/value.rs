//! `gr_attr_value`, the tagged union that carries one attribute value across the ABI.

use crate::core::{AttrKind, AttrValue, GraphResult};

use super::boundary::{invalid, run_infallible, slice, utf8};

/// Which member of `gr_attr_value.data` is set.
pub type gr_attr_tag = i32;

pub const GR_ATTR_NULL: gr_attr_tag = 0;
pub const GR_ATTR_BOOL: gr_attr_tag = 1;
pub const GR_ATTR_INT8: gr_attr_tag = 2;
pub const GR_ATTR_INT16: gr_attr_tag = 3;
pub const GR_ATTR_INT32: gr_attr_tag = 4;
pub const GR_ATTR_INT64: gr_attr_tag = 5;
pub const GR_ATTR_FLOAT32: gr_attr_tag = 6;
pub const GR_ATTR_FLOAT64: gr_attr_tag = 7;
pub const GR_ATTR_STRING: gr_attr_tag = 8;
pub const GR_ATTR_BYTES: gr_attr_tag = 9;
/// The kind of an array whose values are of several kinds (values cross as
/// `gr_attr_value`s); never the tag of one value.
pub const GR_ATTR_MIXED: gr_attr_tag = 10;

// Each tag is the core's kind: changing either side alone does not compile.
const _: () = assert!(GR_ATTR_NULL == AttrKind::Null as gr_attr_tag);
const _: () = assert!(GR_ATTR_BOOL == AttrKind::Bool as gr_attr_tag);
const _: () = assert!(GR_ATTR_INT8 == AttrKind::Int8 as gr_attr_tag);
const _: () = assert!(GR_ATTR_INT16 == AttrKind::Int16 as gr_attr_tag);
const _: () = assert!(GR_ATTR_INT32 == AttrKind::Int32 as gr_attr_tag);
const _: () = assert!(GR_ATTR_INT64 == AttrKind::Int64 as gr_attr_tag);
const _: () = assert!(GR_ATTR_FLOAT32 == AttrKind::Float32 as gr_attr_tag);
const _: () = assert!(GR_ATTR_FLOAT64 == AttrKind::Float64 as gr_attr_tag);
const _: () = assert!(GR_ATTR_STRING == AttrKind::Str as gr_attr_tag);
const _: () = assert!(GR_ATTR_BYTES == AttrKind::Bytes as gr_attr_tag);
const _: () = assert!(GR_ATTR_MIXED == AttrKind::Mixed as gr_attr_tag);

/// A byte buffer `(ptr, len)`: UTF-8 text for strings, raw bytes otherwise. Not
/// NUL-terminated. `ptr` may be NULL when `len` is 0.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct gr_buf {
    pub ptr: *const u8,
    pub len: usize,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub union gr_attr_data {
    pub b: bool,
    pub i8: i8,
    pub i16: i16,
    pub i32: i32,
    pub i64: i64,
    pub f32: f32,
    pub f64: f64,
    pub buf: gr_buf,
}

/// One attribute value. Always passed by pointer. Values you pass in are copied by the
/// library. Values the library writes out own their string or bytes buffer: release them
/// with `gr_attr_value_release`, unless they are borrowed from a handle (`gr_attr_map`).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct gr_attr_value {
    pub tag: gr_attr_tag,
    pub data: gr_attr_data,
}

impl gr_attr_value {
    pub(crate) const NULL: gr_attr_value = gr_attr_value {
        tag: GR_ATTR_NULL,
        data: gr_attr_data { i64: 0 },
    };

    /// Reads a caller's value into an owned `AttrValue`, checking the tag and UTF-8.
    ///
    /// # Safety
    /// For strings and bytes, `data.buf` points to `len` readable bytes.
    pub(crate) unsafe fn read_value(&self, what: &str) -> GraphResult<AttrValue> {
        // SAFETY (all union reads below): every member is plain data of which any bit
        // pattern is valid, except `bool`, which is read through the `i8` member instead.
        // For `buf`, the caller promises `len` readable bytes at `ptr`.
        unsafe {
            Ok(match self.tag {
                GR_ATTR_NULL => AttrValue::Null,
                GR_ATTR_BOOL => AttrValue::Bool(self.data.i8 != 0),
                GR_ATTR_INT8 => AttrValue::Int8(self.data.i8),
                GR_ATTR_INT16 => AttrValue::Int16(self.data.i16),
                GR_ATTR_INT32 => AttrValue::Int32(self.data.i32),
                GR_ATTR_INT64 => AttrValue::Int64(self.data.i64),
                GR_ATTR_FLOAT32 => AttrValue::Float32(self.data.f32),
                GR_ATTR_FLOAT64 => AttrValue::Float64(self.data.f64),
                GR_ATTR_STRING => {
                    let buf = self.data.buf;
                    AttrValue::Str(utf8(buf.ptr, buf.len, what)?.into())
                }
                GR_ATTR_BYTES => {
                    let buf = self.data.buf;
                    AttrValue::Bytes(slice(buf.ptr, buf.len, what)?.into())
                }
                tag => return Err(invalid(format!("{what}: unknown attribute tag {tag}"))),
            })
        }
    }

    /// A value whose string or bytes buffer points into `value` (borrowed).
    pub(crate) fn borrowed(value: &AttrValue) -> gr_attr_value {
        let (tag, data) = match value {
            AttrValue::Null => return gr_attr_value::NULL,
            AttrValue::Bool(b) => (GR_ATTR_BOOL, gr_attr_data { b: *b }),
            AttrValue::Int8(x) => (GR_ATTR_INT8, gr_attr_data { i8: *x }),
            AttrValue::Int16(x) => (GR_ATTR_INT16, gr_attr_data { i16: *x }),
            AttrValue::Int32(x) => (GR_ATTR_INT32, gr_attr_data { i32: *x }),
            AttrValue::Int64(x) => (GR_ATTR_INT64, gr_attr_data { i64: *x }),
            AttrValue::Float32(x) => (GR_ATTR_FLOAT32, gr_attr_data { f32: *x }),
            AttrValue::Float64(x) => (GR_ATTR_FLOAT64, gr_attr_data { f64: *x }),
            AttrValue::Str(s) => (GR_ATTR_STRING, buf_data(s.as_bytes())),
            AttrValue::Bytes(b) => (GR_ATTR_BYTES, buf_data(b)),
        };
        gr_attr_value { tag, data }
    }

    /// A value that owns its string or bytes buffer (freed by `gr_attr_value_release`).
    pub(crate) fn owned(value: AttrValue) -> gr_attr_value {
        let (tag, bytes): (_, Box<[u8]>) = match value {
            AttrValue::Str(s) => (GR_ATTR_STRING, s.into_boxed_bytes()),
            AttrValue::Bytes(b) => (GR_ATTR_BYTES, b),
            other => return gr_attr_value::borrowed(&other),
        };
        let len = bytes.len();
        let ptr = Box::into_raw(bytes) as *const u8;
        gr_attr_value {
            tag,
            data: gr_attr_data {
                buf: gr_buf { ptr, len },
            },
        }
    }
}

fn buf_data(bytes: &[u8]) -> gr_attr_data {
    gr_attr_data {
        buf: gr_buf {
            ptr: bytes.as_ptr(),
            len: bytes.len(),
        },
    }
}

/// Frees the string or bytes buffer of a value the library wrote out as owned (by
/// `gr_graph_get_node_attr`, `gr_graph_get_edge_attr` or `gr_array_get`) and resets that
/// value to `GR_ATTR_NULL`. Values of other kinds, and NULL, are left as they are. Never call
/// it on a value you built yourself or on one borrowed from a handle.
///
/// # Safety
/// `value` is NULL or a value written by one of the functions above and not yet released.
#[no_mangle]
pub unsafe extern "C" fn gr_attr_value_release(value: *mut gr_attr_value) {
    run_infallible(|| {
        // SAFETY: the caller promises `value` is NULL or valid.
        let Some(value) = (unsafe { value.as_mut() }) else {
            return;
        };
        if value.tag != GR_ATTR_STRING && value.tag != GR_ATTR_BYTES {
            return;
        }
        // SAFETY: for these tags the library wrote `buf` from `Box::<[u8]>::into_raw` with
        // exactly this length (see `owned`), and the caller has not released it.
        unsafe {
            let buf = value.data.buf;
            if !buf.ptr.is_null() {
                let raw = std::ptr::slice_from_raw_parts_mut(buf.ptr as *mut u8, buf.len);
                drop(Box::from_raw(raw));
            }
        }
        *value = gr_attr_value::NULL;
    })
}
