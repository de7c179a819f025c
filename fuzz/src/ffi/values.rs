//! Attribute values and names as the fuzzer passes them (every `gr_attr_value` tag, the
//! invalid ones included), and values the library writes out, read back into `AttrValue`s.

use std::ptr;

use groggy::core::AttrValue;
use groggy::ffi::*;

use crate::Input;

/// A value argument; `expect` is `None` when the library must refuse it. The buffer a
/// string or bytes value points to lives in `_buf`.
pub struct ValueArg {
    pub raw: gr_attr_value,
    pub expect: Option<AttrValue>,
    _buf: Box<[u8]>,
}

const STRINGS: [&str; 6] = ["", "x", "Blue", "é", "1", "a\"b'c\\"];

impl ValueArg {
    pub fn gen(input: &mut Input<'_>) -> ValueArg {
        let mut buf: Box<[u8]> = Box::default();
        let data = |f: &dyn Fn(&mut gr_attr_data)| {
            let mut d = gr_attr_data { i64: 0 };
            f(&mut d);
            d
        };
        let (tag, data, expect) = match input.below(16) {
            0 => (GR_ATTR_NULL, data(&|_| {}), Some(AttrValue::Null)),
            1 => {
                // Any byte: the library reads a bool as "not zero".
                let b = input.u8() as i8;
                (
                    GR_ATTR_BOOL,
                    data(&|d| d.i8 = b),
                    Some(AttrValue::Bool(b != 0)),
                )
            }
            2 => {
                let x = input.u8() as i8;
                (GR_ATTR_INT8, data(&|d| d.i8 = x), Some(AttrValue::Int8(x)))
            }
            3 => {
                let x = input.u16() as i16;
                (
                    GR_ATTR_INT16,
                    data(&|d| d.i16 = x),
                    Some(AttrValue::Int16(x)),
                )
            }
            4 => {
                let x = input.u32() as i32;
                (
                    GR_ATTR_INT32,
                    data(&|d| d.i32 = x),
                    Some(AttrValue::Int32(x)),
                )
            }
            5 | 6 => {
                let x = match input.below(4) {
                    0 => input.u64() as i64,
                    1 => i64::MIN,
                    _ => input.u8() as i64 - 128,
                };
                (
                    GR_ATTR_INT64,
                    data(&|d| d.i64 = x),
                    Some(AttrValue::Int64(x)),
                )
            }
            7 => {
                let x = f32::from_bits(input.u32());
                (
                    GR_ATTR_FLOAT32,
                    data(&|d| d.f32 = x),
                    Some(AttrValue::Float32(x)),
                )
            }
            8 | 9 => {
                let x = match input.below(4) {
                    0 => f64::from_bits(input.u64()),
                    1 => f64::NAN,
                    _ => (input.u8() as f64 - 100.0) / 4.0,
                };
                (
                    GR_ATTR_FLOAT64,
                    data(&|d| d.f64 = x),
                    Some(AttrValue::Float64(x)),
                )
            }
            10 | 11 => {
                let (bytes, expect) = if input.bool() {
                    let s = STRINGS[input.below(STRINGS.len())];
                    (s.as_bytes().to_vec(), Some(AttrValue::Str(s.into())))
                } else {
                    let raw = input.bytes(8).to_vec();
                    let expect = std::str::from_utf8(&raw)
                        .ok()
                        .map(|s| AttrValue::Str(s.into()));
                    (raw, expect)
                };
                buf = bytes.into_boxed_slice();
                let b = gr_buf {
                    ptr: buf.as_ptr(),
                    len: buf.len(),
                };
                (GR_ATTR_STRING, data(&|d| d.buf = b), expect)
            }
            12 => {
                buf = input.bytes(8).to_vec().into_boxed_slice();
                let b = gr_buf {
                    ptr: buf.as_ptr(),
                    len: buf.len(),
                };
                (
                    GR_ATTR_BYTES,
                    data(&|d| d.buf = b),
                    Some(AttrValue::Bytes(buf.clone())),
                )
            }
            13 => {
                // NULL buffer: fine when empty, refused otherwise.
                let len = input.below(3);
                let tag = if input.bool() {
                    GR_ATTR_STRING
                } else {
                    GR_ATTR_BYTES
                };
                let b = gr_buf {
                    ptr: ptr::null(),
                    len,
                };
                let expect = (len == 0).then(|| {
                    if tag == GR_ATTR_STRING {
                        AttrValue::Str("".into())
                    } else {
                        AttrValue::Bytes(Box::default())
                    }
                });
                (tag, data(&|d| d.buf = b), expect)
            }
            _ => {
                // Unknown tags: the mixed-array kind, past it, negative.
                let tag = match input.below(3) {
                    0 => GR_ATTR_MIXED,
                    1 => 11 + input.u8() as i32,
                    _ => -1 - input.u8() as i32,
                };
                (tag, data(&|d| d.i64 = 0), None)
            }
        };
        ValueArg {
            raw: gr_attr_value { tag, data },
            expect,
            _buf: buf,
        }
    }
}

/// An attribute name; `valid` is `None` for bytes that are not UTF-8.
pub struct Name {
    pub bytes: Vec<u8>,
    pub valid: Option<String>,
}

const NAMES: [&str; 8] = ["w", "weight", "age", "name", "", "é", "a b", "x"];

impl Name {
    pub fn gen(input: &mut Input<'_>) -> Name {
        let bytes = if input.below(8) == 0 {
            input.bytes(5).to_vec()
        } else {
            NAMES[input.below(NAMES.len())].as_bytes().to_vec()
        };
        let valid = String::from_utf8(bytes.clone()).ok();
        Name { bytes, valid }
    }

    pub fn ptr(&self) -> *const std::ffi::c_char {
        self.bytes.as_ptr().cast()
    }

    pub fn buf(&self) -> gr_buf {
        gr_buf {
            ptr: self.bytes.as_ptr(),
            len: self.bytes.len(),
        }
    }
}

/// The value a `gr_attr_value` written by the library holds (not released here).
///
/// # Safety
/// `v` was written by the library: its tag is known and its buffer, if any, readable.
pub unsafe fn read_value(v: &gr_attr_value) -> AttrValue {
    // SAFETY: the tag says which member the library wrote.
    unsafe {
        match v.tag {
            GR_ATTR_NULL => AttrValue::Null,
            GR_ATTR_BOOL => {
                let b = v.data.i8;
                assert!(b == 0 || b == 1, "the library wrote the bool byte {b}");
                AttrValue::Bool(b == 1)
            }
            GR_ATTR_INT8 => AttrValue::Int8(v.data.i8),
            GR_ATTR_INT16 => AttrValue::Int16(v.data.i16),
            GR_ATTR_INT32 => AttrValue::Int32(v.data.i32),
            GR_ATTR_INT64 => AttrValue::Int64(v.data.i64),
            GR_ATTR_FLOAT32 => AttrValue::Float32(v.data.f32),
            GR_ATTR_FLOAT64 => AttrValue::Float64(v.data.f64),
            GR_ATTR_STRING | GR_ATTR_BYTES => {
                let b = v.data.buf;
                let bytes: &[u8] = if b.len == 0 {
                    &[]
                } else {
                    assert!(!b.ptr.is_null(), "a non-empty buffer at NULL");
                    std::slice::from_raw_parts(b.ptr, b.len)
                };
                if v.tag == GR_ATTR_STRING {
                    AttrValue::Str(
                        std::str::from_utf8(bytes)
                            .expect("strings are UTF-8")
                            .into(),
                    )
                } else {
                    AttrValue::Bytes(bytes.into())
                }
            }
            tag => panic!("the library wrote the unknown tag {tag}"),
        }
    }
}

/// Reads an owned value the library wrote, then releases it.
pub fn take_value(mut v: gr_attr_value) -> AttrValue {
    // SAFETY: written by the library as an owned value, released once here.
    unsafe {
        let value = read_value(&v);
        let owns = v.tag == GR_ATTR_STRING || v.tag == GR_ATTR_BYTES;
        gr_attr_value_release(&mut v);
        if owns {
            assert_eq!(
                v.tag, GR_ATTR_NULL,
                "release resets a string or bytes value"
            );
        }
        value
    }
}

/// Equality that takes two NaNs of the same width as equal.
pub fn same(a: &AttrValue, b: &AttrValue) -> bool {
    match (a, b) {
        (AttrValue::Float32(x), AttrValue::Float32(y)) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        }
        (AttrValue::Float64(x), AttrValue::Float64(y)) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        }
        _ => a == b,
    }
}
