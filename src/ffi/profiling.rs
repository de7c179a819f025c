//! Profiling of one graph: per operation crossing the ABI, a call count, the total and the
//! longest time. Off by default; while no graph profiles, a call pays one branch for it.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use crate::core::{Array, Profile};

use super::array::{array_handle, gr_array};
use super::boundary::{out, run, PROFILING_GRAPHS};
use super::graph::{gr_graph, unprofiled_graph};
use super::handles::{gr_string_list, into_handle};
use super::status::gr_status;

/// Turns profiling of a graph on (starting from empty figures) or off.
///
/// # Safety
/// `g` is NULL or a live graph.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_set_profiling(g: *const gr_graph, on: bool) -> gr_status {
    run("set_profiling", || {
        // SAFETY: promised by the caller.
        let g = unsafe { unprofiled_graph(g)? };
        let mut profile = g.profile.lock();
        match (profile.is_some(), on) {
            (false, true) => {
                *profile = Some(Arc::new(Profile::default()));
                PROFILING_GRAPHS.fetch_add(1, Ordering::Relaxed);
            }
            (true, false) => {
                *profile = None;
                PROFILING_GRAPHS.fetch_sub(1, Ordering::Relaxed);
            }
            _ => {}
        }
        Ok(())
    })
}

/// The figures so far, one entry per operation, by name: `*out_names`, and aligned
/// `*out_counts` (int64), `*out_total_ns` and `*out_max_ns` (int64 nanoseconds). All empty
/// when profiling is off.
///
/// # Safety
/// `g` is NULL or a live graph; the outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_profile_stats(
    g: *const gr_graph,
    out_names: *mut *mut gr_string_list,
    out_counts: *mut *mut gr_array,
    out_total_ns: *mut *mut gr_array,
    out_max_ns: *mut *mut gr_array,
) -> gr_status {
    run("profile_stats", || {
        // SAFETY: promised by the caller.
        let (g, out_names, out_counts, out_total, out_max) = unsafe {
            (
                unprofiled_graph(g)?,
                out(out_names, "names")?,
                out(out_counts, "counts")?,
                out(out_total_ns, "total_ns")?,
                out(out_max_ns, "max_ns")?,
            )
        };
        let ops = g
            .profile
            .lock()
            .as_ref()
            .map_or_else(Vec::new, |p| p.snapshot());
        let nanos = |d: std::time::Duration| d.as_nanos().min(i64::MAX as u128) as i64;
        *out_names = into_handle(gr_string_list::new(
            ops.iter().map(|(name, _)| (*name).into()).collect(),
        ));
        *out_counts = array_handle(Array::from_i64(
            ops.iter().map(|(_, s)| s.count as i64).collect(),
        ));
        *out_total = array_handle(Array::from_i64(
            ops.iter().map(|(_, s)| nanos(s.total)).collect(),
        ));
        *out_max = array_handle(Array::from_i64(
            ops.iter().map(|(_, s)| nanos(s.max)).collect(),
        ));
        Ok(())
    })
}
