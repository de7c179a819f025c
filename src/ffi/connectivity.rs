//! Connectivity predicates of `gr_graph`, as networkx answers them: one call each, with
//! the answer (a bool or a count) computed in the engine, no component lists built.

use std::ffi::c_char;

use crate::algo::{self, Cancel};
use crate::core::{GraphResult, SharedGraph};

use super::algorithms::{gr_cancel, token};
use super::boundary::{key, out, run};
use super::graph::{gr_graph, graph};
use super::status::gr_status;

/// Whether a path (following edge directions when directed) leads from `u` to `v`; a node
/// reaches itself. `GR_STATUS_NODE_NOT_FOUND` if either is not a node.
///
/// # Safety
/// `g` is NULL or a live graph; keys as in `gr_graph_add_edge`; `cancel` NULL or live;
/// `out_found` NULL or writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn gr_graph_has_path(
    g: *const gr_graph,
    u_int: i64,
    u_str: *const c_char,
    u_len: usize,
    v_int: i64,
    v_str: *const c_char,
    v_len: usize,
    cancel: *const gr_cancel,
    out_found: *mut bool,
) -> gr_status {
    run("has_path", || {
        // SAFETY: promised by the caller.
        let (g, u, v, cancel, out_found) = unsafe {
            (
                graph(g)?,
                key(u_int, u_str, u_len, "source")?,
                key(v_int, v_str, v_len, "target")?,
                token(cancel),
                out(out_found, "found")?,
            )
        };
        *out_found = algo::has_path(&g.core, u, v, &cancel)?;
        Ok(())
    })
}

/// The body shared by the yes/no questions about the whole graph.
///
/// # Safety
/// As the exported functions.
unsafe fn predicate(
    op: &'static str,
    ask: fn(&SharedGraph, &Cancel) -> GraphResult<bool>,
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_answer: *mut bool,
) -> gr_status {
    run(op, || {
        // SAFETY: promised by the caller.
        let (g, cancel, out_answer) =
            unsafe { (graph(g)?, token(cancel), out(out_answer, "answer")?) };
        *out_answer = ask(&g.core, &cancel)?;
        Ok(())
    })
}

/// Whether an undirected graph is connected. `GR_STATUS_INVALID_OPERATION` on a directed
/// graph (see `gr_graph_is_strongly_connected`) or a graph without nodes.
///
/// # Safety
/// `g` is NULL or a live graph; `cancel` NULL or live; `out_connected` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_is_connected(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_connected: *mut bool,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe { predicate("is_connected", algo::is_connected, g, cancel, out_connected) }
}

/// Whether a directed graph is strongly connected. `GR_STATUS_INVALID_OPERATION` on an
/// undirected graph or a graph without nodes.
///
/// # Safety
/// As `gr_graph_is_connected`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_is_strongly_connected(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_connected: *mut bool,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        predicate(
            "is_strongly_connected",
            algo::is_strongly_connected,
            g,
            cancel,
            out_connected,
        )
    }
}

/// The number of connected components of an undirected graph (0 without nodes).
/// `GR_STATUS_INVALID_OPERATION` on a directed graph, as networkx (count the weak
/// components with `gr_graph_connected_components`).
///
/// # Safety
/// `g` is NULL or a live graph; `cancel` NULL or live; `out_count` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_number_connected_components(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_count: *mut usize,
) -> gr_status {
    run("number_connected_components", || {
        // SAFETY: promised by the caller.
        let (g, cancel, out_count) =
            unsafe { (graph(g)?, token(cancel), out(out_count, "count")?) };
        *out_count = algo::number_connected_components(&g.core, &cancel)?;
        Ok(())
    })
}
