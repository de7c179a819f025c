//! Filters: the nodes or edges a caller's predicate keeps. The predicate is a C function
//! with a `void *user_data` (libgit2's callback convention); it runs with no lock held, so
//! it may read the graph, but changing the graph it filters fails with
//! `GR_STATUS_INVALID_OPERATION`. A predicate returning a non-zero status stops the filter,
//! which then returns `GR_STATUS_CALLBACK`.

use std::ffi::{c_char, c_void};

use crate::core::{GraphError, GraphResult, NodeKey};

use super::boundary::{out, run, utf8};
use super::graph::{gr_graph, graph, keys_handle};
use super::handles::{gr_attr_map, gr_keys};
use super::status::{gr_status, GR_STATUS_OK};

/// Decides whether to keep a node: writes `*out_keep` and returns `GR_STATUS_OK`, or
/// returns any other status to stop the filter. The key is passed as keys are passed in
/// (`key_str` NULL for an int key); `key_str` and `attrs` are valid during the call only.
pub type gr_node_predicate = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        key_int: i64,
        key_str: *const c_char,
        key_len: usize,
        attrs: *const gr_attr_map,
        out_keep: *mut bool,
    ) -> gr_status,
>;

/// Decides whether to keep an edge `u -> v`, as `gr_node_predicate` does for nodes.
pub type gr_edge_predicate = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        u_int: i64,
        u_str: *const c_char,
        u_len: usize,
        v_int: i64,
        v_str: *const c_char,
        v_len: usize,
        attrs: *const gr_attr_map,
        out_keep: *mut bool,
    ) -> gr_status,
>;

/// A key in the ABI's argument form, borrowed from `key`.
fn key_parts(key: &NodeKey) -> (i64, *const c_char, usize) {
    match key {
        NodeKey::Int(i) => (*i, std::ptr::null(), 0),
        NodeKey::Str(s) => (0, s.as_ptr().cast(), s.len()),
    }
}

fn callback_result(status: gr_status, keep: bool) -> GraphResult<bool> {
    if status == GR_STATUS_OK {
        Ok(keep)
    } else {
        Err(GraphError::Callback(format!(
            "the predicate stopped the filter with status {status}"
        )))
    }
}

/// The keys of the nodes `predicate` keeps, in node order.
///
/// # Safety
/// `g` is NULL or a live graph; `predicate` is a function safe to call with `user_data`;
/// `out_keys` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_filter_nodes(
    g: *const gr_graph,
    predicate: gr_node_predicate,
    user_data: *mut c_void,
    out_keys: *mut *mut gr_keys,
) -> gr_status {
    run("filter_nodes", || {
        // SAFETY: promised by the caller.
        let (g, out_keys) = unsafe { (graph(g)?, out(out_keys, "keys")?) };
        let predicate =
            predicate.ok_or_else(|| GraphError::InvalidArgument("predicate is NULL".into()))?;
        let kept = g.core.filter_nodes(|(key, attrs)| {
            let map = gr_attr_map::new(attrs.to_vec());
            let (k, s, l) = key_parts(key);
            let mut keep = false;
            // SAFETY: the caller vouches for the predicate; every pointer passed lives
            // until it returns.
            let status = unsafe { predicate(user_data, k, s, l, &map, &mut keep) };
            callback_result(status, keep)
        })?;
        *out_keys = keys_handle(kept.iter().collect());
        Ok(())
    })
}

/// The edges `predicate` keeps, in edge order, as two key lists (sources and targets).
///
/// # Safety
/// As `gr_graph_filter_nodes`, with two outputs.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_filter_edges(
    g: *const gr_graph,
    predicate: gr_edge_predicate,
    user_data: *mut c_void,
    out_sources: *mut *mut gr_keys,
    out_targets: *mut *mut gr_keys,
) -> gr_status {
    run("filter_edges", || {
        // SAFETY: promised by the caller.
        let (g, out_sources, out_targets) = unsafe {
            (
                graph(g)?,
                out(out_sources, "sources")?,
                out(out_targets, "targets")?,
            )
        };
        let predicate =
            predicate.ok_or_else(|| GraphError::InvalidArgument("predicate is NULL".into()))?;
        let kept = g.core.filter_edges(|(u, v, attrs)| {
            let map = gr_attr_map::new(attrs.to_vec());
            let ((ui, us, ul), (vi, vs, vl)) = (key_parts(u), key_parts(v));
            let mut keep = false;
            // SAFETY: as in `gr_graph_filter_nodes`.
            let status = unsafe { predicate(user_data, ui, us, ul, vi, vs, vl, &map, &mut keep) };
            callback_result(status, keep)
        })?;
        let (sources, targets): (Vec<NodeKey>, Vec<NodeKey>) = kept.into_iter().unzip();
        *out_sources = keys_handle(sources.iter().collect());
        *out_targets = keys_handle(targets.iter().collect());
        Ok(())
    })
}

/// The keys of the nodes whose attributes satisfy `query`, in node order. A query compares
/// attributes with literals (`age > 30 AND club == 'Blue'`): `== != < <= > >=`, `AND`, `OR`,
/// `NOT`, parentheses, string, int, float and `true`/`false` literals, and `has(name)`. A
/// comparison with a missing or Null value is false. A malformed query is
/// `GR_STATUS_INVALID_ARGUMENT` with the position of the problem in the message.
///
/// # Safety
/// `g` is NULL or a live graph; `query` points to `query_len` bytes; `out_keys` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_filter_nodes_query(
    g: *const gr_graph,
    query: *const c_char,
    query_len: usize,
    out_keys: *mut *mut gr_keys,
) -> gr_status {
    run("filter_nodes", || {
        // SAFETY: promised by the caller.
        let (g, query, out_keys) = unsafe {
            (
                graph(g)?,
                utf8(query.cast(), query_len, "query")?,
                out(out_keys, "keys")?,
            )
        };
        let core = g.core.read();
        let nodes = core.filter_nodes_query(query)?;
        *out_keys = keys_handle(core.keys_of_nodes(&nodes)?);
        Ok(())
    })
}

/// The edges whose attributes satisfy `query`, in edge order, as two key lists (sources
/// and targets); the query language of `gr_graph_filter_nodes_query`.
///
/// # Safety
/// As `gr_graph_filter_nodes_query`, with two outputs.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_filter_edges_query(
    g: *const gr_graph,
    query: *const c_char,
    query_len: usize,
    out_sources: *mut *mut gr_keys,
    out_targets: *mut *mut gr_keys,
) -> gr_status {
    run("filter_edges", || {
        // SAFETY: promised by the caller.
        let (g, query, out_sources, out_targets) = unsafe {
            (
                graph(g)?,
                utf8(query.cast(), query_len, "query")?,
                out(out_sources, "sources")?,
                out(out_targets, "targets")?,
            )
        };
        let core = g.core.read();
        let edges = core.filter_edges_query(query)?;
        let (sources, targets) = core.keys_of_edges(edges.into_iter());
        *out_sources = keys_handle(sources);
        *out_targets = keys_handle(targets);
        Ok(())
    })
}
