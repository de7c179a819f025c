//! Files (native save and load, edge lists written and read back), memory pools with small
//! limits, and reads of kept key lists.

use std::ffi::c_void;
use std::ptr;

use groggy::ffi::*;

use super::check::{expect_failure, graph_matches, last_error, ok, status};
use super::keys::read_keys;
use super::state::State;
use crate::{scratch_file, Input};

unsafe extern "C" fn progress(user: *mut c_void, done: u64, total: u64) -> gr_status {
    // SAFETY: `user` is the `u64` the caller passed, alive during the read.
    let last = unsafe { &mut *(user as *mut u64) };
    assert!(
        done <= total && done >= *last,
        "progress {done} of {total} after {last}"
    );
    *last = done;
    GR_STATUS_OK
}

impl State {
    pub fn files(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let slot = self.graphs[i].as_ref().expect("picked");
        let (g, m) = (slot.g, slot.model.clone());
        let path = scratch_file("ffi-file");
        let p = path.to_string_lossy().into_owned();
        let mut out = ptr::null_mut();
        if input.bool() {
            // SAFETY: a live graph; the path lives in `p`.
            assert!(
                ok(
                    unsafe { gr_graph_save(g, p.as_ptr().cast(), p.len()) },
                    "save"
                ),
                "save: {}",
                last_error()
            );
            let mut native = false;
            // SAFETY: as above; the output is a local.
            assert!(ok(
                unsafe { gr_file_is_native(p.as_ptr().cast(), p.len(), &mut native) },
                "is_native"
            ));
            assert!(native, "a saved file is not native");
            // SAFETY: as above.
            assert!(
                ok(
                    unsafe { gr_graph_load(p.as_ptr().cast(), p.len(), &mut out) },
                    "load"
                ),
                "load: {}",
                last_error()
            );
            let mut model = m;
            model.pooled = false;
            self.adopt(out, model, input);
        } else {
            let delimiter = b" ,\t#a;"[input.below(6)];
            // SAFETY: as above.
            let st = status(
                unsafe { gr_graph_write_edgelist(g, p.as_ptr().cast(), p.len(), delimiter as u32) },
                "write_edgelist",
            );
            if matches!(delimiter, b'#' | b'a') {
                assert_eq!(
                    st, GR_STATUS_INVALID_ARGUMENT,
                    "write_edgelist with delimiter {delimiter}"
                );
            }
            if st == GR_STATUS_OK {
                let read_delim: i32 = if matches!(delimiter, b' ' | b'\t') {
                    -1
                } else {
                    delimiter as i32
                };
                let mut last = 0u64;
                let comments = b"#";
                let mut opts = std::mem::MaybeUninit::<gr_edgelist_options>::uninit();
                // SAFETY: a writable struct of the current version.
                let st = unsafe {
                    gr_edgelist_options_init(opts.as_mut_ptr(), GR_EDGELIST_OPTIONS_VERSION)
                };
                assert!(ok(st, "edgelist_options_init"));
                // SAFETY: initialised just above.
                let mut opts = unsafe { opts.assume_init() };
                opts.directed = m.directed;
                opts.comments = comments.as_ptr().cast();
                opts.comments_len = 1;
                opts.delimiter = read_delim;
                opts.progress = Some(progress);
                opts.user_data = (&mut last as *mut u64).cast();
                // SAFETY: path and comments live in locals; the callback is safe with
                // `&mut last`, which outlives the call; the output is a local.
                let st = unsafe {
                    gr_graph_read_edgelist(p.as_ptr().cast(), p.len(), &opts, ptr::null(), &mut out)
                };
                assert!(
                    ok(st, "read_edgelist"),
                    "a written edge list does not read back: {}",
                    last_error()
                );
                let mut model = m.clone();
                model.pooled = false;
                model.attrs_known = false;
                graph_matches(out, &model);
                self.adopt(out, model, input);
            } else {
                assert_eq!(
                    st,
                    GR_STATUS_INVALID_ARGUMENT,
                    "write_edgelist: {}",
                    last_error()
                );
            }
        }
        let _ = std::fs::remove_file(&path);
        // A path that is not UTF-8, and a missing file.
        let bad = [0xffu8, 0xfe];
        // SAFETY: the path lives in `bad`; the output is a local.
        let st = unsafe { gr_graph_load(bad.as_ptr().cast(), bad.len(), &mut out) };
        let s = status(st, "load(bad path)");
        assert!(
            s == GR_STATUS_INVALID_ARGUMENT || s == GR_STATUS_IO,
            "load(bad path): {s}"
        );
        // SAFETY: as above.
        let s = status(
            unsafe { gr_graph_load(p.as_ptr().cast(), p.len(), &mut out) },
            "load(missing)",
        );
        assert_eq!(s, GR_STATUS_IO, "load of a missing file");
    }

    pub fn pool_ops(&mut self, input: &mut Input<'_>) {
        match input.below(3) {
            0 if self.pools.len() < 2 => {
                let limit = [-1i64, 0, 512, 4096, 65536, 1 << 20][input.below(6)];
                let mut p = ptr::null_mut();
                // SAFETY: the output is a local.
                assert!(ok(unsafe { gr_pool_new(limit, &mut p) }, "pool_new"));
                self.pools.push(p);
            }
            1 if !self.pools.is_empty() => {
                // Graphs in the pool keep it alive.
                let p = self.pools.remove(input.below(self.pools.len()));
                // SAFETY: a pool of this state, freed once.
                unsafe { gr_pool_free(p) };
            }
            _ => {
                if self.pools.is_empty() {
                    return;
                }
                let p = self.pools[input.below(self.pools.len())];
                let (mut total, mut peak, mut usage, mut limit) = (0u64, 0u64, 0u64, 0i64);
                // SAFETY: a live pool; outputs are locals.
                assert!(ok(
                    unsafe { gr_pool_stats(p, &mut total, &mut peak, &mut usage, &mut limit) },
                    "pool_stats"
                ));
                assert!(
                    usage <= peak && peak <= total,
                    "pool: usage {usage}, peak {peak}, total {total}"
                );
                assert!(limit >= -1, "pool limit {limit}");
                // SAFETY: NULL outputs are refused.
                expect_failure(unsafe { gr_pool_new(0, ptr::null_mut()) }, "pool_new(NULL)");
            }
        }
    }

    pub fn keys_ops(&mut self, input: &mut Input<'_>) {
        if self.keys.is_empty() {
            return;
        }
        let i = input.below(self.keys.len());
        if input.below(4) == 0 {
            let k = self.keys.remove(i);
            // SAFETY: a handle of this state, freed once.
            unsafe { gr_keys_free(k) };
        } else {
            read_keys(self.keys[i]);
        }
    }
}
