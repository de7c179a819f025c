//! The boundary every exported function goes through: one panic boundary, the
//! thread-local last error (message, operation, OS code), and checked conversions of raw
//! arguments.
//!
//! Every helper that reads a raw pointer is `unsafe` and states what the caller promises;
//! the exported functions pass on the promises that `include/groggy.h` documents.

use std::any::Any;
use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use crate::core::Profile;

use crate::core::{GraphError, GraphResult, KeyRef};

use super::status::{gr_status, status_of, GR_STATUS_INTERNAL, GR_STATUS_OK};

/// What the last failure on a thread was, as the three `gr_last_error_*` accessors hand it
/// out. Set whole by each failing call, so the three always describe the same failure.
#[derive(Default)]
struct LastError {
    message: CString,
    operation: CString,
    os_code: i32,
}

thread_local! {
    static LAST_ERROR: RefCell<LastError> = RefCell::new(LastError::default());
    /// The calls being timed on this thread, innermost last (calls nest when a callback
    /// calls back in): when each started, and the profile of the graph it works on.
    static TIMED: RefCell<Vec<(Instant, Option<Arc<Profile>>)>> = const { RefCell::new(Vec::new()) };
}

/// How many graphs profile now. While none does, a call pays one load and one branch.
pub(crate) static PROFILING_GRAPHS: AtomicUsize = AtomicUsize::new(0);

/// Called when a call resolves a graph that profiles: the call's time goes to that
/// profile (the first graph a call resolves is the one it works on).
pub(crate) fn profile_this_call(profile: &Arc<Profile>) {
    TIMED.with(|t| {
        if let Some(call) = t.borrow_mut().last_mut() {
            call.1.get_or_insert_with(|| Arc::clone(profile));
        }
    });
}

fn set_last_error(op: &str, message: String, os_code: i32) {
    // Interior NULs would cut the C string short; show them instead.
    let c_string = |s: &str| CString::new(s.replace('\0', "\\0")).unwrap_or_default();
    let error = LastError {
        message: c_string(&message),
        operation: c_string(op),
        os_code,
    };
    LAST_ERROR.with(|slot| *slot.borrow_mut() = error);
}

/// A copy of the message of the last failure on this thread, for a caller that reports
/// it through another channel (an Arrow stream's `get_last_error`).
pub(crate) fn last_error_copy() -> CString {
    LAST_ERROR.with(|slot| slot.borrow().message.clone())
}

/// The message of the last failure on this thread ("" if none): `"operation: what went
/// wrong"`, for people; programs use `gr_last_error_operation()` and
/// `gr_last_error_os_code()` instead of parsing it. Never NULL. Owned by the library and
/// valid until the next failing call on the same thread (a successful call leaves the
/// last failure's message as it was).
#[no_mangle]
pub extern "C" fn gr_last_error_message() -> *const c_char {
    LAST_ERROR.with(|slot| slot.borrow().message.as_ptr())
}

/// The name of the operation whose failure was the last on this thread (e.g. `"add_edge"`;
/// the part of the message before `": "`), or `""` if no call failed on this thread yet.
/// Never NULL. Owned by the library and valid until the next failing call on the same
/// thread; like the message, a successful call leaves it as it was.
#[no_mangle]
pub extern "C" fn gr_last_error_operation() -> *const c_char {
    LAST_ERROR.with(|slot| slot.borrow().operation.as_ptr())
}

/// The operating system's error code (`errno`, e.g. `ENOENT`, `EACCES`, `EISDIR`) of the
/// last failure on this thread when it was an I/O failure the system reported
/// (`GR_STATUS_IO`), else 0: a corrupt file, any other status, or no failure yet on this
/// thread. Like the message, it describes the last failing call (a successful call leaves
/// it as it was).
#[no_mangle]
pub extern "C" fn gr_last_error_os_code() -> i32 {
    LAST_ERROR.with(|slot| slot.borrow().os_code)
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "panic"
    }
}

/// Runs the body of an exported function named `op`. An error becomes its status code, the
/// message `"op: error"`, the operation `op` and the error's OS code; a panic becomes
/// `GR_STATUS_INTERNAL`. Nothing unwinds into C.
pub(crate) fn run(op: &'static str, body: impl FnOnce() -> GraphResult<()>) -> gr_status {
    if PROFILING_GRAPHS.load(Ordering::Relaxed) == 0 {
        return run_unprofiled(op, body);
    }
    TIMED.with(|t| t.borrow_mut().push((Instant::now(), None)));
    let status = run_unprofiled(op, body);
    if let Some((start, Some(profile))) = TIMED.with(|t| t.borrow_mut().pop()) {
        profile.record(op, start.elapsed());
    }
    status
}

fn run_unprofiled(op: &str, body: impl FnOnce() -> GraphResult<()>) -> gr_status {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => GR_STATUS_OK,
        Ok(Err(err)) => {
            set_last_error(op, format!("{op}: {err}"), err.os_code().unwrap_or(0));
            status_of(&err)
        }
        Err(payload) => {
            let message = format!("{op}: internal error: {}", panic_message(&*payload));
            set_last_error(op, message, 0);
            GR_STATUS_INTERNAL
        }
    }
}

/// Runs a function that cannot report failure (the `free` functions): a panic is swallowed
/// rather than unwound into C.
pub(crate) fn run_infallible(body: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(body));
}

pub(crate) fn invalid(message: impl Into<String>) -> GraphError {
    GraphError::InvalidArgument(message.into())
}

/// A shared reference from a pointer the caller promises is NULL or valid.
///
/// # Safety
/// `ptr` is NULL or points to a live `T` that nobody mutates for `'a`.
pub(crate) unsafe fn borrow<'a, T>(ptr: *const T, what: &str) -> GraphResult<&'a T> {
    // SAFETY: the caller promises `ptr` is NULL or valid; NULL is rejected here.
    unsafe { ptr.as_ref() }.ok_or_else(|| invalid(format!("{what} is NULL")))
}

/// Checks that an output pointer is not NULL; the value is written only on success.
///
/// # Safety
/// `ptr` is NULL or points to writable memory for a `T`.
pub(crate) unsafe fn out<'a, T>(ptr: *mut T, what: &str) -> GraphResult<&'a mut T> {
    // SAFETY: the caller promises `ptr` is NULL or valid for writes; NULL is rejected.
    unsafe { ptr.as_mut() }.ok_or_else(|| invalid(format!("output {what} is NULL")))
}

/// A slice from `(ptr, len)`; `ptr` may be NULL only when `len` is 0.
///
/// # Safety
/// When `len > 0`, `ptr` points to `len` initialised `T`s that live for `'a`.
pub(crate) unsafe fn slice<'a, T>(ptr: *const T, len: usize, what: &str) -> GraphResult<&'a [T]> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(invalid(format!("{what} is NULL but its length is {len}")));
    }
    if len.saturating_mul(std::mem::size_of::<T>()) > isize::MAX as usize {
        return Err(invalid(format!("{what}: length {len} is too large")));
    }
    if !ptr.is_aligned() {
        return Err(invalid(format!("{what} is not aligned for its type")));
    }
    // SAFETY: non-NULL, aligned, size checked against isize::MAX, and the caller promises
    // `len` valid elements.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// A UTF-8 string from `(ptr, len)` (not NUL-terminated).
///
/// # Safety
/// As for [`slice`].
pub(crate) unsafe fn utf8<'a>(ptr: *const u8, len: usize, what: &str) -> GraphResult<&'a str> {
    // SAFETY: passed on to the caller.
    let bytes = unsafe { slice(ptr, len, what) }?;
    std::str::from_utf8(bytes).map_err(|e| invalid(format!("{what} is not valid UTF-8 ({e})")))
}

/// A node key passed as `(key, key_str, key_len)`: an int key when `key_str` is NULL,
/// else the UTF-8 string `key_str[0..key_len]` (and `key` is ignored).
///
/// # Safety
/// `key_str` is NULL or points to `key_len` readable bytes that live for `'a`.
pub(crate) unsafe fn key<'a>(
    key: i64,
    key_str: *const c_char,
    key_len: usize,
    what: &str,
) -> GraphResult<KeyRef<'a>> {
    if key_str.is_null() {
        if key_len != 0 {
            return Err(invalid(format!(
                "{what}: string length {key_len} given without a string"
            )));
        }
        return Ok(KeyRef::Int(key));
    }
    // SAFETY: passed on to the caller.
    unsafe { utf8(key_str.cast(), key_len, what) }.map(KeyRef::Str)
}
