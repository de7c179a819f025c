//! What every analysis call shares: the graph it runs on (passed as NULL now and then),
//! a cancellation token (none, or one triggered before the call), outputs of which one
//! may be NULL, options structs filled by their init functions (unknown versions
//! included), and the status the call must end with.
//!
//! Choices read zero bytes as the plain case (a live graph, no token, no NULL, the current
//! options version), so hand-written seeds and the zeros past the end of an input stay
//! valid calls.

use std::mem::{size_of, MaybeUninit};
use std::ptr;

use groggy::ffi::*;

use super::check::{expect_failure, last_error, status};
use super::model::Model;
use super::state::State;
use crate::Input;

/// A cancellation token for one call: none, or one triggered before the call.
pub struct Token {
    ptr: *mut gr_cancel,
    pub triggered: bool,
}

impl Token {
    pub fn gen(input: &mut Input<'_>) -> Token {
        let triggered = input.below(8) == 7;
        let mut ptr = ptr::null_mut();
        if triggered {
            // SAFETY: the output is a local; the token is freed in `drop`.
            unsafe {
                assert_eq!(gr_cancel_new(&mut ptr), GR_STATUS_OK, "cancel_new");
                assert_eq!(gr_cancel_trigger(ptr), GR_STATUS_OK, "cancel_trigger");
            }
        }
        Token { ptr, triggered }
    }

    pub fn raw(&self) -> *const gr_cancel {
        self.ptr
    }
}

impl Drop for Token {
    fn drop(&mut self) {
        // SAFETY: made in `gen` (or NULL), no call runs with it any more.
        unsafe { gr_cancel_free(self.ptr) };
    }
}

/// Which argument a call passes as NULL: none, the graph, or one of its outputs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Null {
    None,
    Graph,
    /// Output number `i % outputs` of the call.
    Output(usize),
}

impl Null {
    fn gen(input: &mut Input<'_>) -> Null {
        match input.below(32) {
            30 => Null::Graph,
            31 => Null::Output(input.below(4)),
            _ => Null::None,
        }
    }
}

/// The status a call must end with, from the model.
#[derive(Clone, Copy, Debug)]
pub enum Want {
    Ok,
    Err(gr_status),
    /// Either of these (convergence, float sums the model cannot decide exactly).
    Either(gr_status, gr_status),
    /// Any status (the model does not know the attributes the call reads).
    Unknown,
}

/// One analysis call on a live graph of the state.
pub struct Call {
    pub g: *mut gr_graph,
    pub model: Model,
    pub token: Token,
    null: Null,
}

impl Call {
    /// A call on a graph slot the input picks (`None` when that slot is empty).
    pub fn gen(state: &State, input: &mut Input<'_>) -> Option<Call> {
        let i = state.pick(input)?;
        let slot = state.graphs[i].as_ref().expect("picked");
        Some(Call {
            g: slot.g,
            model: slot.model.clone(),
            token: Token::gen(input),
            null: Null::gen(input),
        })
    }

    /// The graph argument (NULL when the call tests that).
    pub fn graph(&self) -> *const gr_graph {
        if self.null == Null::Graph {
            ptr::null()
        } else {
            self.g
        }
    }

    pub fn cancel(&self) -> *const gr_cancel {
        self.token.raw()
    }

    /// Output `i` of `n` (NULL when the call tests that one).
    pub fn out<T>(&self, i: usize, n: usize, p: *mut T) -> *mut T {
        match self.null {
            Null::Output(j) if j % n == i => ptr::null_mut(),
            _ => p,
        }
    }

    /// Whether the graph or an output is NULL.
    pub fn passes_null(&self) -> bool {
        self.null != Null::None
    }

    /// Checks the status against `want`; true when the call succeeded and its results are
    /// to be read. A NULL argument is refused before anything else. A token triggered
    /// before the call stops it: the status is `GR_STATUS_CANCELLED`, unless the call
    /// refuses an argument first. A graph in a memory pool may run out of it.
    pub fn done(&self, st: gr_status, want: Want, op: &str) -> bool {
        let s = status(st, op);
        if self.passes_null() {
            expect_failure(st, &format!("{op} with a NULL argument"));
            return false;
        }
        if s == GR_STATUS_CANCELLED {
            assert!(
                self.token.triggered,
                "{op}: cancelled without a triggered token"
            );
            return false;
        }
        if self.model.pooled && s == GR_STATUS_OUT_OF_MEMORY {
            return false;
        }
        let fine = match want {
            Want::Ok => s == GR_STATUS_OK,
            Want::Err(e) => s == e,
            Want::Either(a, b) => s == a || s == b,
            Want::Unknown => true,
        };
        assert!(fine, "{op}: status {s}, want {want:?}: {}", last_error());
        if s == GR_STATUS_OK && self.token.triggered {
            // Only a call the model cannot judge may end before looking at the token.
            assert!(
                matches!(want, Want::Unknown),
                "{op}: a triggered token did not stop it"
            );
        }
        s == GR_STATUS_OK
    }
}

/// The version an options struct is passed with: the current one, or now and then one
/// the library does not know (0, the next, the largest).
pub fn version(input: &mut Input<'_>, current: u32) -> (u32, bool) {
    match input.below(16) {
        13 => (0, false),
        14 => (current + 1, false),
        15 => (u32::MAX, false),
        _ => (current, true),
    }
}

/// An options struct as its init function fills it, for a version the input picks: an
/// unknown version, or a NULL struct, is refused and writes nothing. `None` after a
/// refusal (the caller then passes NULL options, the defaults, or skips the call).
///
/// # Safety
/// `init` is one of the library's `gr_*_options_init` functions for `T`.
pub unsafe fn init_options<T>(
    input: &mut Input<'_>,
    init: unsafe extern "C" fn(*mut T, u32) -> gr_status,
    current: u32,
    op: &str,
) -> Option<T> {
    let (v, known) = version(input, current);
    if input.below(32) == 31 {
        // SAFETY: NULL is refused (the header's contract).
        expect_failure(unsafe { init(ptr::null_mut(), v) }, &format!("{op}(NULL)"));
        return None;
    }
    let mut opts = MaybeUninit::<T>::uninit();
    // A pattern that shows whether a refused init wrote anything.
    // SAFETY: `size_of::<T>()` bytes of the local are written.
    unsafe { ptr::write_bytes(opts.as_mut_ptr().cast::<u8>(), 0xA5, size_of::<T>()) };
    // SAFETY: a writable struct of the current layout (every version's is a prefix).
    let st = unsafe { init(opts.as_mut_ptr(), v) };
    if !known {
        expect_failure(st, &format!("{op}(version {v})"));
        // SAFETY: every byte was written above.
        let bytes =
            unsafe { std::slice::from_raw_parts(opts.as_ptr().cast::<u8>(), size_of::<T>()) };
        assert!(
            bytes.iter().all(|&b| b == 0xA5),
            "{op}(version {v}) wrote to the struct"
        );
        return None;
    }
    assert_eq!(status(st, op), GR_STATUS_OK, "{op}: {}", last_error());
    // SAFETY: the init of the current version wrote every field.
    Some(unsafe { opts.assume_init() })
}

/// A value from a list, picked by one byte (the first for byte 0).
pub fn pick<T: Copy>(input: &mut Input<'_>, list: &[T]) -> T {
    list[input.below(list.len())]
}

/// Positions of `n` things as a permutation the input shuffles a little.
pub fn shuffled(input: &mut Input<'_>, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    for _ in 0..input.below(4) {
        if n > 1 {
            let (a, b) = (input.below(n), input.below(n));
            order.swap(a, b);
        }
    }
    order
}
