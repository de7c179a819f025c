//! Immutable result handles: `gr_keys` (a list of node keys), `gr_attr_map` (the
//! attributes of one node or edge) and `gr_string_list` (names). Each is created by the
//! library, read through borrowed pointers that live as long as the handle, and released
//! with its `_free` function. None of them refers to the graph it came from.

use std::ffi::c_char;
use std::sync::{Arc, OnceLock};

use crate::core::{AttrValue, KeyList, KeyPositions, KeyRef, KEY_KIND_INT, KEY_KIND_STR};

use super::boundary::{borrow, invalid, key, out, run, run_infallible};
use super::status::gr_status;
use super::value::{gr_attr_value, gr_buf};

/// Kind bytes of `gr_keys_view`.
pub const GR_KEY_INT: u8 = 0;
pub const GR_KEY_STR: u8 = 1;

// The kind bytes are the core's (`gr_keys_view` hands out the core's own array).
const _: () = assert!(GR_KEY_INT == KEY_KIND_INT);
const _: () = assert!(GR_KEY_STR == KEY_KIND_STR);

/// A list of node keys in graph order.
pub struct gr_keys {
    pub(crate) list: Arc<KeyList>,
    /// Where each key sits, made by the first `gr_keys_find`.
    positions: OnceLock<KeyPositions>,
}

impl gr_keys {
    pub(crate) fn new(list: Arc<KeyList>) -> gr_keys {
        gr_keys {
            list,
            positions: OnceLock::new(),
        }
    }
}

/// An attribute map: names with their values, in column order.
pub struct gr_attr_map {
    // `names` and `values` point into `_entries`, whose boxes never move.
    _entries: Vec<(Box<str>, AttrValue)>,
    names: Vec<gr_buf>,
    values: Vec<gr_attr_value>,
}

/// A list of UTF-8 strings.
pub struct gr_string_list {
    _strings: Vec<Box<str>>,
    items: Vec<gr_buf>,
}

pub(crate) fn str_buf(s: &str) -> gr_buf {
    gr_buf {
        ptr: s.as_ptr(),
        len: s.len(),
    }
}

impl gr_attr_map {
    pub(crate) fn new(entries: Vec<(Box<str>, AttrValue)>) -> gr_attr_map {
        let names = entries.iter().map(|(n, _)| str_buf(n)).collect();
        let values = entries
            .iter()
            .map(|(_, v)| gr_attr_value::borrowed(v))
            .collect();
        gr_attr_map {
            _entries: entries,
            names,
            values,
        }
    }
}

impl gr_string_list {
    pub(crate) fn new(strings: Vec<Box<str>>) -> gr_string_list {
        let items = strings.iter().map(|s| str_buf(s)).collect();
        gr_string_list {
            _strings: strings,
            items,
        }
    }
}

/// Moves a result into a new handle for the caller.
pub(crate) fn into_handle<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Releases a handle made by [`into_handle`]; NULL is a no-op.
///
/// # Safety
/// `ptr` is NULL or came from `into_handle::<T>` and was not released yet.
pub(crate) unsafe fn free_handle<T>(ptr: *mut T) {
    run_infallible(|| {
        if !ptr.is_null() {
            // SAFETY: the caller promises `ptr` came from `Box::into_raw` and is released once.
            drop(unsafe { Box::from_raw(ptr) });
        }
    })
}

/// Writes a borrowed pointer to the start of `items` (NULL when empty).
fn first<T>(items: &[T]) -> *const T {
    if items.is_empty() {
        std::ptr::null()
    } else {
        items.as_ptr()
    }
}

/// The whole list at once. `*ints` has `*len` entries (0 for string keys). When every key
/// is an int, `*kinds`, `*str_data` and `*str_offsets` are NULL. Otherwise `*kinds` has
/// `*len` entries (`GR_KEY_INT` or `GR_KEY_STR`) and key `i` of kind `GR_KEY_STR` is the
/// UTF-8 text `str_data[str_offsets[i] .. str_offsets[i + 1]]` (`*len + 1` offsets).
/// All pointers are borrowed from the handle.
///
/// # Safety
/// `keys` is NULL or a live `gr_keys`; the outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_keys_view(
    keys: *const gr_keys,
    len: *mut usize,
    ints: *mut *const i64,
    kinds: *mut *const u8,
    str_data: *mut *const u8,
    str_offsets: *mut *const usize,
) -> gr_status {
    run("keys_view", || {
        // SAFETY: promised by the caller (see the function's contract).
        let (keys, len, ints, kinds, str_data, str_offsets) = unsafe {
            (
                borrow(keys, "keys")?,
                out(len, "len")?,
                out(ints, "ints")?,
                out(kinds, "kinds")?,
                out(str_data, "str_data")?,
                out(str_offsets, "str_offsets")?,
            )
        };
        let list = &keys.list;
        *len = list.len();
        *ints = first(list.ints());
        *kinds = first(list.kinds());
        *str_data = if list.all_int() {
            std::ptr::null()
        } else {
            list.str_data().as_ptr()
        };
        *str_offsets = first(list.str_offsets());
        Ok(())
    })
}

/// Key `index` in the same form keys are passed in: `*key_str` is NULL for an int key
/// (`*key`), else the borrowed UTF-8 text of a string key, `*key_len` bytes long.
///
/// # Safety
/// `keys` is NULL or a live `gr_keys`; the outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_keys_get(
    keys: *const gr_keys,
    index: usize,
    key: *mut i64,
    key_str: *mut *const c_char,
    key_len: *mut usize,
) -> gr_status {
    run("keys_get", || {
        // SAFETY: promised by the caller.
        let (keys, key, key_str, key_len) = unsafe {
            (
                borrow(keys, "keys")?,
                out(key, "key")?,
                out(key_str, "key_str")?,
                out(key_len, "key_len")?,
            )
        };
        if index >= keys.list.len() {
            return Err(invalid(format!(
                "index {index} out of range for {} keys",
                keys.list.len()
            )));
        }
        match keys.list.get(index) {
            KeyRef::Int(i) => {
                *key = i;
                *key_str = std::ptr::null();
                *key_len = 0;
            }
            KeyRef::Str(s) => {
                *key = 0;
                *key_str = s.as_ptr().cast();
                *key_len = s.len();
            }
        }
        Ok(())
    })
}

/// Where a key sits in the list: `*found` says whether it is there, and `*index` is its
/// first position (0 when not found). The first call indexes the list (O(n)); later calls
/// take O(1). Safe to call from several threads at once.
///
/// # Safety
/// `keys` is NULL or a live `gr_keys`; `key_str` is NULL (an int key) or points to
/// `key_len` bytes; the outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_keys_find(
    keys: *const gr_keys,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    index: *mut usize,
    found: *mut bool,
) -> gr_status {
    run("keys_find", || {
        // SAFETY: promised by the caller.
        let (keys, wanted, index, found) = unsafe {
            (
                borrow(keys, "keys")?,
                key(key_int, key_str, key_len, "key")?,
                out(index, "index")?,
                out(found, "found")?,
            )
        };
        let position = keys
            .positions
            .get_or_init(|| KeyPositions::of(&keys.list))
            .position(wanted);
        (*index, *found) = (position.unwrap_or(0), position.is_some());
        Ok(())
    })
}

/// # Safety
/// `keys` is NULL or a live `gr_keys`, which must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn gr_keys_free(keys: *mut gr_keys) {
    // SAFETY: passed on to the caller.
    unsafe { free_handle(keys) }
}

/// The entries of an attribute map: `*len` names and `*len` values, borrowed from the map
/// (NULL when it is empty). Do not release the values.
///
/// # Safety
/// `map` is NULL or a live `gr_attr_map`; the outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_attr_map_entries(
    map: *const gr_attr_map,
    len: *mut usize,
    names: *mut *const gr_buf,
    values: *mut *const gr_attr_value,
) -> gr_status {
    run("attr_map_entries", || {
        // SAFETY: promised by the caller.
        let (map, len, names, values) = unsafe {
            (
                borrow(map, "map")?,
                out(len, "len")?,
                out(names, "names")?,
                out(values, "values")?,
            )
        };
        *len = map.names.len();
        *names = first(&map.names);
        *values = first(&map.values);
        Ok(())
    })
}

/// # Safety
/// `map` is NULL or a live `gr_attr_map`, which must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn gr_attr_map_free(map: *mut gr_attr_map) {
    // SAFETY: passed on to the caller.
    unsafe { free_handle(map) }
}

/// The strings of a list: `*len` UTF-8 buffers borrowed from the list (NULL when empty).
///
/// # Safety
/// `list` is NULL or a live `gr_string_list`; the outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_string_list_entries(
    list: *const gr_string_list,
    len: *mut usize,
    items: *mut *const gr_buf,
) -> gr_status {
    run("string_list_entries", || {
        // SAFETY: promised by the caller.
        let (list, len, items) = unsafe {
            (
                borrow(list, "list")?,
                out(len, "len")?,
                out(items, "items")?,
            )
        };
        *len = list.items.len();
        *items = first(&list.items);
        Ok(())
    })
}

/// # Safety
/// `list` is NULL or a live `gr_string_list`, which must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn gr_string_list_free(list: *mut gr_string_list) {
    // SAFETY: passed on to the caller.
    unsafe { free_handle(list) }
}
