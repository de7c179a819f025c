//! Node keys as the fuzzer passes them: single keys `(int, str, len)` and key arrays
//! `(kinds, ints, str_data, str_data_len, str_offsets)`, valid or broken in the ways the
//! library must detect; and key lists read back from `gr_keys` handles.

use std::ffi::c_char;
use std::ptr;

use groggy::ffi::*;

use crate::Input;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Int(i64),
    Str(String),
}

const INTS: [i64; 11] = [0, 1, 2, 3, 4, 5, 6, 7, -1, i64::MIN, i64::MAX];
const STRS: [&str; 9] = ["a", "b", "c", "d", "", "1", "é", "a b", "x\0y"];

/// One key argument; `None` in `key` when it is malformed (the call must refuse it).
pub struct KeyArg {
    pub key: Option<Key>,
    int: i64,
    bytes: Option<Vec<u8>>,
    /// A NULL string pointer with this non-zero length.
    null_len: usize,
}

impl KeyArg {
    pub fn valid(key: Key) -> KeyArg {
        let (int, bytes) = match &key {
            Key::Int(i) => (*i, None),
            Key::Str(s) => (0, Some(s.as_bytes().to_vec())),
        };
        KeyArg {
            key: Some(key),
            int,
            bytes,
            null_len: 0,
        }
    }

    pub fn gen(input: &mut Input<'_>) -> KeyArg {
        match input.below(16) {
            0..=6 => KeyArg::valid(Key::Int(INTS[input.below(INTS.len())])),
            7..=12 => KeyArg::valid(Key::Str(STRS[input.below(STRS.len())].to_string())),
            13 => {
                let raw = input.bytes(6).to_vec();
                match String::from_utf8(raw.clone()) {
                    Ok(s) => KeyArg::valid(Key::Str(s)),
                    Err(_) => KeyArg {
                        key: None,
                        int: 0,
                        bytes: Some(raw),
                        null_len: 0,
                    },
                }
            }
            14 => KeyArg::valid(Key::Int(input.u64() as i64)),
            _ => KeyArg {
                key: None,
                int: 1,
                bytes: None,
                null_len: 1 + input.below(4),
            },
        }
    }

    /// `(key_int, key_str, key_len)`; the pointer lives as long as `self`.
    pub fn raw(&self) -> (i64, *const c_char, usize) {
        match &self.bytes {
            Some(b) => (self.int, b.as_ptr().cast(), b.len()),
            None => (self.int, ptr::null(), self.null_len),
        }
    }
}

/// A key array and the keys it stands for (`None` when the call must refuse it).
pub struct KeyArray {
    pub keys: Option<Vec<Key>>,
    pub n: usize,
    kinds: Option<Vec<u8>>,
    ints: Option<Vec<i64>>,
    str_data: Option<Vec<u8>>,
    str_data_len: usize,
    str_offsets: Option<Vec<usize>>,
}

pub struct RawKeyArray {
    pub kinds: *const u8,
    pub ints: *const i64,
    pub str_data: *const u8,
    pub str_data_len: usize,
    pub str_offsets: *const usize,
}

fn ptr_of<T>(v: &Option<Vec<T>>) -> *const T {
    v.as_ref().map_or(ptr::null(), |v| v.as_ptr())
}

impl KeyArray {
    pub fn gen(input: &mut Input<'_>, max: usize) -> KeyArray {
        let n = input.below(max + 1);
        let args: Vec<KeyArg> = (0..n).map(|_| KeyArg::gen(input)).collect();
        KeyArray::from_args(input, &args)
    }

    /// Lays `args` out as an array, broken in one way or another about one time in four.
    pub fn from_args(input: &mut Input<'_>, args: &[KeyArg]) -> KeyArray {
        let n = args.len();
        let mut ok = args.iter().all(|a| a.key.is_some());
        let mut kinds = Vec::with_capacity(n);
        let mut ints = Vec::with_capacity(n);
        let mut data = Vec::new();
        let mut offsets = vec![0usize];
        for a in args {
            match (&a.key, &a.bytes) {
                (Some(Key::Int(i)), _) => {
                    kinds.push(GR_KEY_INT);
                    ints.push(*i);
                }
                (_, Some(b)) => {
                    kinds.push(GR_KEY_STR);
                    ints.push(0);
                    data.extend_from_slice(b);
                }
                // A NULL-string key has no array form: an unknown kind byte instead.
                (_, None) => {
                    kinds.push(2 + (a.null_len as u8));
                    ints.push(0);
                }
            }
            offsets.push(data.len());
        }
        let any_int = kinds.contains(&GR_KEY_INT);
        let any_str = kinds.contains(&GR_KEY_STR);
        let mut array = KeyArray {
            keys: None,
            n,
            kinds: Some(kinds),
            ints: Some(ints),
            str_data_len: data.len(),
            str_data: Some(data),
            str_offsets: Some(offsets),
        };
        // All ints: the NULL-kinds fast path, sometimes.
        if !any_str && ok && input.bool() {
            array.kinds = None;
        }
        match input.below(12) {
            0 if n > 0 => {
                let i = input.below(n);
                if let Some(k) = array.kinds.as_mut() {
                    k[i] = 2 + input.u8() % 250;
                    ok = false;
                }
            }
            1 if any_int || (array.kinds.is_none() && n > 0) => {
                array.ints = None;
                ok = false;
            }
            2 if any_str => {
                array.str_offsets = None;
                ok = false;
            }
            3 if any_str && array.str_data_len > 0 => {
                array.str_data = None;
                ok = false;
            }
            4 if any_str && array.str_data_len > 0 => {
                // Claim fewer bytes than the offsets reach (the buffer is still all there).
                array.str_data_len -= 1;
                return KeyArray::from_ranges(args, array);
            }
            5 if any_str => {
                // Move an offset: string ranges may now be out of order, past the data or
                // cut inside a UTF-8 sequence.
                let offs = array.str_offsets.as_mut().expect("set above");
                let i = input.below(offs.len());
                offs[i] = offs[i].wrapping_add(1 + input.below(1000));
                return KeyArray::from_ranges(args, array);
            }
            _ => {}
        }
        array.keys = ok.then(|| args.iter().map(|a| a.key.clone().expect("ok")).collect());
        array
    }

    /// After the string ranges changed: the keys are what the ranges say when every
    /// string key's range is in order, within `str_data_len` and UTF-8; else a refusal.
    fn from_ranges(args: &[KeyArg], mut array: KeyArray) -> KeyArray {
        let kinds = array.kinds.as_ref().expect("kinds set");
        let offs = array.str_offsets.as_ref().expect("offsets set");
        let data = array.str_data.as_ref().expect("data set");
        let mut keys = Vec::new();
        for (i, a) in args.iter().enumerate() {
            let key = match (kinds[i], &a.key) {
                (GR_KEY_INT, Some(k)) => Some(k.clone()),
                (GR_KEY_STR, _) => {
                    let (s, e) = (offs[i], offs[i + 1]);
                    if s <= e && e <= array.str_data_len {
                        std::str::from_utf8(&data[s..e])
                            .ok()
                            .map(|t| Key::Str(t.to_string()))
                    } else {
                        None
                    }
                }
                _ => None,
            };
            match key {
                Some(k) => keys.push(k),
                None => {
                    array.keys = None;
                    return array;
                }
            }
        }
        array.keys = Some(keys);
        array
    }

    pub fn raw(&self) -> RawKeyArray {
        RawKeyArray {
            kinds: ptr_of(&self.kinds),
            ints: ptr_of(&self.ints),
            str_data: ptr_of(&self.str_data),
            str_data_len: self.str_data_len,
            str_offsets: ptr_of(&self.str_offsets),
        }
    }
}

/// The keys of a live `gr_keys`, read through `gr_keys_view` and cross-checked with
/// `gr_keys_get` and `gr_keys_find`.
pub fn read_keys(handle: *const gr_keys) -> Vec<Key> {
    let mut len = 0usize;
    let mut ints: *const i64 = ptr::null();
    let mut kinds: *const u8 = ptr::null();
    let mut data: *const u8 = ptr::null();
    let mut offsets: *const usize = ptr::null();
    // SAFETY: `handle` is a live `gr_keys`; the outputs are locals.
    let st = unsafe {
        gr_keys_view(
            handle,
            &mut len,
            &mut ints,
            &mut kinds,
            &mut data,
            &mut offsets,
        )
    };
    assert_eq!(st, GR_STATUS_OK, "gr_keys_view");
    let mut keys = Vec::with_capacity(len);
    for i in 0..len {
        // SAFETY: the view's arrays hold `len` entries (`len + 1` offsets) while the
        // handle lives; `kinds` is NULL only when every key is an int.
        let key = unsafe {
            if kinds.is_null() || *kinds.add(i) == GR_KEY_INT {
                Key::Int(*ints.add(i))
            } else {
                assert_eq!(*kinds.add(i), GR_KEY_STR, "unknown key kind in a view");
                let (a, b) = (*offsets.add(i), *offsets.add(i + 1));
                assert!(a <= b, "view offsets out of order");
                let bytes = std::slice::from_raw_parts(data.add(a), b - a);
                Key::Str(
                    std::str::from_utf8(bytes)
                        .expect("keys are UTF-8")
                        .to_string(),
                )
            }
        };
        keys.push(key);
    }
    for (i, key) in keys.iter().enumerate() {
        let (mut int, mut s, mut slen) = (0i64, ptr::null::<c_char>(), 0usize);
        // SAFETY: live handle, local outputs.
        let st = unsafe { gr_keys_get(handle, i, &mut int, &mut s, &mut slen) };
        assert_eq!(st, GR_STATUS_OK, "gr_keys_get");
        let got = if s.is_null() {
            Key::Int(int)
        } else {
            // SAFETY: a borrowed string of `slen` bytes, valid while the handle lives.
            let bytes = unsafe { std::slice::from_raw_parts(s.cast::<u8>(), slen) };
            Key::Str(String::from_utf8(bytes.to_vec()).expect("UTF-8"))
        };
        assert_eq!(&got, key, "gr_keys_get({i}) disagrees with gr_keys_view");
    }
    // Every key found at its first position; an index past the end refused.
    for (i, key) in keys.iter().enumerate().take(16) {
        let arg = KeyArg::valid(key.clone());
        let (int, s, slen) = arg.raw();
        let (mut index, mut found) = (usize::MAX, false);
        // SAFETY: live handle; the key's bytes live in `arg`.
        let st = unsafe { gr_keys_find(handle, int, s, slen, &mut index, &mut found) };
        assert_eq!(st, GR_STATUS_OK, "gr_keys_find");
        let first = keys.iter().position(|k| k == key).expect("present");
        assert!(
            found && index == first,
            "gr_keys_find of key {i}: {found} at {index}"
        );
    }
    let (mut int, mut s, mut slen) = (0i64, ptr::null::<c_char>(), 0usize);
    // SAFETY: live handle, local outputs.
    let st = unsafe { gr_keys_get(handle, len, &mut int, &mut s, &mut slen) };
    crate::ffi::check::expect_failure(st, "gr_keys_get past the end");
    keys
}
