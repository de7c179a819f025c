//! Arrays: made from caller data of every kind (and bad kinds, NULL data, bad strings),
//! read through every accessor, sliced and reduced.

use std::ffi::c_void;
use std::ptr;

use groggy::core::AttrValue;
use groggy::ffi::*;

use super::check::{expect_failure, ok, status};
use super::state::State;
use super::values::{same, take_value, ValueArg};
use crate::Input;

fn null_value() -> gr_attr_value {
    gr_attr_value {
        tag: GR_ATTR_NULL,
        data: gr_attr_data { i64: 0 },
    }
}

/// Every value of a live array, read with `gr_array_get` and cross-checked with the
/// borrowed views (`gr_array_info`, `gr_array_validity`, `gr_array_buffers`).
pub fn read_array(a: *const gr_array) -> Vec<AttrValue> {
    let (mut len, mut kind, mut data) = (0usize, 0, ptr::null::<c_void>());
    // SAFETY: a live array; outputs are locals.
    assert!(ok(
        unsafe { gr_array_info(a, &mut len, &mut kind, &mut data) },
        "array_info"
    ));
    let (mut valid, mut nulls) = (ptr::null::<u8>(), 0usize);
    // SAFETY: as above.
    assert!(ok(
        unsafe { gr_array_validity(a, &mut valid, &mut nulls) },
        "array_validity"
    ));
    assert!(
        nulls <= len && (nulls == 0) == valid.is_null(),
        "validity: {nulls} nulls of {len}"
    );
    let mut values = Vec::with_capacity(len);
    for i in 0..len {
        let mut v = null_value();
        // SAFETY: as above.
        assert!(ok(unsafe { gr_array_get(a, i, &mut v) }, "array_get"));
        values.push(take_value(v));
    }
    let mut v = null_value();
    // SAFETY: as above.
    expect_failure(
        unsafe { gr_array_get(a, len, &mut v) },
        "array_get past the end",
    );
    // SAFETY: `valid` holds `len` bytes while the array lives, when not NULL.
    let is_valid = |i: usize| valid.is_null() || unsafe { *valid.add(i) } != 0;
    let counted = (0..len).filter(|&i| !is_valid(i)).count();
    assert_eq!(counted, nulls, "null count");
    for (i, v) in values.iter().enumerate() {
        assert_eq!(
            !is_valid(i),
            *v == AttrValue::Null,
            "validity of entry {i}: {v:?}"
        );
        if !is_valid(i) || data.is_null() {
            continue;
        }
        // SAFETY: `data` holds `len` values of the kind `kind` while the array lives.
        let direct = unsafe {
            match kind {
                GR_ATTR_BOOL => AttrValue::Bool(*data.cast::<u8>().add(i) != 0),
                GR_ATTR_INT8 => AttrValue::Int8(*data.cast::<i8>().add(i)),
                GR_ATTR_INT16 => AttrValue::Int16(*data.cast::<i16>().add(i)),
                GR_ATTR_INT32 => AttrValue::Int32(*data.cast::<i32>().add(i)),
                GR_ATTR_INT64 => AttrValue::Int64(*data.cast::<i64>().add(i)),
                GR_ATTR_FLOAT32 => AttrValue::Float32(*data.cast::<f32>().add(i)),
                GR_ATTR_FLOAT64 => AttrValue::Float64(*data.cast::<f64>().add(i)),
                other => panic!("a data pointer for kind {other}"),
            }
        };
        assert!(
            same(&direct, v),
            "entry {i}: data says {direct:?}, get says {v:?}"
        );
    }
    let (mut bytes, mut blen, mut offs) = (ptr::null::<u8>(), 0usize, ptr::null::<usize>());
    // SAFETY: as above.
    let st = status(
        unsafe { gr_array_buffers(a, &mut bytes, &mut blen, &mut offs) },
        "array_buffers",
    );
    if kind == GR_ATTR_STRING || kind == GR_ATTR_BYTES {
        assert_eq!(st, GR_STATUS_OK, "array_buffers of a string or bytes array");
        for (i, v) in values.iter().enumerate() {
            // SAFETY: `len + 1` offsets and `blen` bytes while the array lives.
            let (s, e) = unsafe { (*offs.add(i), *offs.add(i + 1)) };
            assert!(s <= e && e <= blen, "buffers: offsets {s}..{e} of {blen}");
            // SAFETY: checked in range just above.
            let b = if e > s {
                unsafe { std::slice::from_raw_parts(bytes.add(s), e - s) }
            } else {
                &[]
            };
            match v {
                AttrValue::Str(t) => assert_eq!(t.as_bytes(), b, "buffers: entry {i}"),
                AttrValue::Bytes(t) => assert_eq!(&t[..], b, "buffers: entry {i}"),
                AttrValue::Null => assert!(b.is_empty(), "buffers: null entry {i} not empty"),
                other => panic!("{other:?} in a string or bytes array"),
            }
        }
    } else {
        assert_eq!(
            st, GR_STATUS_INVALID_ARGUMENT,
            "array_buffers of kind {kind}"
        );
    }
    values
}

/// A fresh int64 (or, sometimes, float64 or string) array of `n` values with some nulls.
pub fn int_column(input: &mut Input<'_>, n: usize) -> *mut gr_array {
    let valid: Vec<u8> = (0..n).map(|_| u8::from(input.below(5) != 0)).collect();
    let vp = if input.bool() {
        valid.as_ptr()
    } else {
        ptr::null()
    };
    let mut out = ptr::null_mut();
    let st = match input.below(3) {
        0 => {
            let d: Vec<f64> = (0..n).map(|_| input.u8() as f64 / 8.0 - 4.0).collect();
            // SAFETY: `n` values and `n` validity bytes; the output is a local.
            unsafe { gr_array_new(GR_ATTR_FLOAT64, d.as_ptr().cast(), vp, n, &mut out) }
        }
        1 => {
            let texts: Vec<String> = (0..n).map(|_| format!("s{}", input.below(4))).collect();
            let bufs: Vec<gr_buf> = texts
                .iter()
                .map(|t| gr_buf {
                    ptr: t.as_ptr(),
                    len: t.len(),
                })
                .collect();
            // SAFETY: as above, the strings live in `texts`.
            unsafe { gr_array_new(GR_ATTR_STRING, bufs.as_ptr().cast(), vp, n, &mut out) }
        }
        _ => {
            let d: Vec<i64> = (0..n).map(|_| input.below(16) as i64 - 4).collect();
            // SAFETY: as above.
            unsafe { gr_array_new(GR_ATTR_INT64, d.as_ptr().cast(), vp, n, &mut out) }
        }
    };
    assert!(ok(st, "array_new"));
    out
}

impl State {
    /// `gr_array_new` with any kind, data, validity and length.
    pub fn array_new(&mut self, input: &mut Input<'_>) {
        let n = input.below(7);
        let tag = match input.below(14) {
            t @ 0..=10 => t as i32,
            11 => 11 + input.u8() as i32,
            _ => -1,
        };
        let valid: Vec<u8> = (0..n)
            .map(|_| input.below(3).min(1) as u8 * (input.u8() | 1))
            .collect();
        let use_valid = input.bool();
        let vp = if use_valid {
            valid.as_ptr()
        } else {
            ptr::null()
        };
        let is_valid = |i: usize| !use_valid || valid[i] != 0;
        let null_data = n > 0 && input.below(10) == 0;
        // Raw storage big enough and aligned for any kind's `n` values.
        let mut words = vec![0u64; n * 3 + 1];
        let mut values: Vec<ValueArg> = Vec::new();
        let mut strings: Vec<Vec<u8>> = Vec::new();
        let mut expect: Option<Vec<AttrValue>> = Some(Vec::new());
        for i in 0..n {
            let w = input.u64();
            let e = match tag {
                GR_ATTR_NULL => AttrValue::Null,
                GR_ATTR_BOOL => {
                    let b = w as u8;
                    // SAFETY: within `words` (n * 24 bytes), byte-aligned.
                    unsafe { *words.as_mut_ptr().cast::<u8>().add(i) = b };
                    AttrValue::Bool(b != 0)
                }
                GR_ATTR_INT8 => {
                    // SAFETY: as above.
                    unsafe { *words.as_mut_ptr().cast::<i8>().add(i) = w as i8 };
                    AttrValue::Int8(w as i8)
                }
                GR_ATTR_INT16 => {
                    // SAFETY: as above, 2-byte aligned.
                    unsafe { *words.as_mut_ptr().cast::<i16>().add(i) = w as i16 };
                    AttrValue::Int16(w as i16)
                }
                GR_ATTR_INT32 => {
                    // SAFETY: as above, 4-byte aligned.
                    unsafe { *words.as_mut_ptr().cast::<i32>().add(i) = w as i32 };
                    AttrValue::Int32(w as i32)
                }
                GR_ATTR_FLOAT32 => {
                    let x = f32::from_bits(w as u32);
                    // SAFETY: as above.
                    unsafe { *words.as_mut_ptr().cast::<f32>().add(i) = x };
                    AttrValue::Float32(x)
                }
                GR_ATTR_INT64 => {
                    words[i] = w;
                    AttrValue::Int64(w as i64)
                }
                GR_ATTR_FLOAT64 => {
                    words[i] = w;
                    AttrValue::Float64(f64::from_bits(w))
                }
                GR_ATTR_STRING | GR_ATTR_BYTES => {
                    let b = if w.is_multiple_of(5) {
                        vec![0xff, b'a']
                    } else {
                        format!("v{}", w % 7).into_bytes()
                    };
                    let e = if tag == GR_ATTR_BYTES {
                        Some(AttrValue::Bytes(b.clone().into()))
                    } else {
                        std::str::from_utf8(&b)
                            .ok()
                            .map(|s| AttrValue::Str(s.into()))
                    };
                    strings.push(b);
                    match e {
                        Some(e) => e,
                        None if !is_valid(i) => AttrValue::Null,
                        None => {
                            expect = None;
                            AttrValue::Null
                        }
                    }
                }
                GR_ATTR_MIXED => {
                    let v = ValueArg::gen(input);
                    let e = v.expect.clone();
                    values.push(v);
                    match e {
                        Some(e) => e,
                        None if !is_valid(i) => AttrValue::Null,
                        None => {
                            expect = None;
                            AttrValue::Null
                        }
                    }
                }
                _ => {
                    expect = None;
                    AttrValue::Null
                }
            };
            if let Some(x) = expect.as_mut() {
                x.push(if is_valid(i) { e } else { AttrValue::Null });
            }
        }
        if !(0..=GR_ATTR_MIXED).contains(&tag) {
            expect = None;
        }
        let bufs: Vec<gr_buf> = strings
            .iter()
            .map(|s| gr_buf {
                ptr: s.as_ptr(),
                len: s.len(),
            })
            .collect();
        let raws: Vec<gr_attr_value> = values.iter().map(|v| v.raw).collect();
        let data: *const c_void = match tag {
            _ if null_data => ptr::null(),
            GR_ATTR_STRING | GR_ATTR_BYTES => bufs.as_ptr().cast(),
            GR_ATTR_MIXED => raws.as_ptr().cast(),
            _ => words.as_ptr().cast(),
        };
        // NULL data is fine for no values or the null kind only.
        if null_data && tag != GR_ATTR_NULL {
            expect = None;
        }
        let mut out = ptr::null_mut();
        // SAFETY: `data` holds `n` values of the kind (or is NULL), `valid` `n` bytes.
        let st = unsafe { gr_array_new(tag, data, vp, n, &mut out) };
        match expect {
            None => expect_failure(st, "array_new(bad)"),
            Some(want) => {
                assert!(
                    ok(st, "array_new"),
                    "array_new of kind {tag}: {}",
                    super::check::last_error()
                );
                let got = read_array(out);
                assert_eq!(got.len(), want.len());
                for (a, b) in got.iter().zip(&want) {
                    assert!(same(a, b), "array_new({tag}): {a:?} vs {b:?}");
                }
                self.keep_array(out);
            }
        }
    }

    /// Accessors, slices and reductions of a kept array.
    pub fn array_ops(&mut self, input: &mut Input<'_>) {
        if self.arrays.is_empty() {
            return;
        }
        let idx = input.below(self.arrays.len());
        let a = self.arrays[idx];
        let values = read_array(a);
        let len = values.len();
        let mut out = ptr::null_mut();
        match input.below(8) {
            0 => {
                let start = input.below(len + 2);
                let count = input.below(len + 2);
                let step = input.u8() as i8 as isize % 4;
                // SAFETY: a live array; the output is a local.
                let st = unsafe { gr_array_slice(a, start, count, step, &mut out) };
                let idx: Option<Vec<usize>> = (0..count)
                    .map(|j| {
                        let p = start as isize + step * j as isize;
                        (step != 0 && p >= 0 && (p as usize) < len).then_some(p as usize)
                    })
                    .collect();
                let idx = if step == 0 { None } else { idx };
                match idx {
                    Some(idx) => {
                        assert!(
                            ok(st, "array_slice"),
                            "slice {start} {count} {step} of {len}"
                        );
                        let got = read_array(out);
                        let want: Vec<&AttrValue> = idx.iter().map(|&p| &values[p]).collect();
                        assert_eq!(got.len(), want.len());
                        assert!(
                            got.iter().zip(want).all(|(x, y)| same(x, y)),
                            "slice values"
                        );
                        self.keep_array(out);
                    }
                    None => expect_failure(st, "array_slice out of range"),
                }
            }
            1 => {
                let k = input.below(len + 2);
                // SAFETY: as above.
                if status(unsafe { gr_array_top_k(a, k, &mut out) }, "top_k") == GR_STATUS_OK {
                    let pos = read_array(out);
                    assert!(pos.len() <= k.min(len), "top_k: {} positions", pos.len());
                    self.keep_array(out);
                }
            }
            2 => {
                let mut v = null_value();
                // SAFETY: as above.
                if status(unsafe { gr_array_sum(a, &mut v) }, "sum") == GR_STATUS_OK {
                    take_value(v);
                }
            }
            3 => {
                let (mut mean, mut found) = (0f64, false);
                // SAFETY: as above.
                status(unsafe { gr_array_mean(a, &mut mean, &mut found) }, "mean");
            }
            4 | 5 => {
                let (mut v, mut found) = (null_value(), false);
                // SAFETY: as above.
                let st = unsafe {
                    if input.bool() {
                        gr_array_min(a, &mut v, &mut found)
                    } else {
                        gr_array_max(a, &mut v, &mut found)
                    }
                };
                if status(st, "min/max") == GR_STATUS_OK && found {
                    let m = take_value(v);
                    assert!(
                        values.iter().any(|x| same(x, &m)),
                        "min/max {m:?} not in the array"
                    );
                }
            }
            6 => {
                // SAFETY: as above.
                assert!(ok(unsafe { gr_array_clone(a, &mut out) }, "array_clone"));
                let got = read_array(out);
                assert!(got.iter().zip(&values).all(|(x, y)| same(x, y)), "clone");
                self.keep_array(out);
            }
            _ => {
                // Free it now: other handles on the same values must not mind.
                let a = self.arrays.remove(idx);
                // SAFETY: a handle of this state, freed once.
                unsafe { gr_array_free(a) };
            }
        }
    }
}
