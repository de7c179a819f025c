//! Edge functions of `gr_graph`: add, remove, membership and the list of edges.

use std::ffi::c_char;

use crate::core::KeyRef;

use super::args::{attr_list, KeyArrayArg, SparseAttrsArg};
use super::boundary::{key, out, run};
use super::graph::{gr_graph, graph, keys_handle};
use super::handles::gr_keys;
use super::status::gr_status;
use super::value::{gr_attr_value, gr_buf};

/// Adds an edge `u -> v`, creating missing endpoints, or updates the attributes of the
/// existing edge. Keys and attributes as in `gr_graph_add_node`.
///
/// # Safety
/// `g` is NULL or a live graph; pointers are NULL or valid for the lengths given.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_add_edge(
    g: *mut gr_graph,
    u_int: i64,
    u_str: *const c_char,
    u_len: usize,
    v_int: i64,
    v_str: *const c_char,
    v_len: usize,
    names: *const gr_buf,
    values: *const gr_attr_value,
    n_attrs: usize,
) -> gr_status {
    run("add_edge", || {
        // SAFETY: promised by the caller.
        let (g, u, v, attrs) = unsafe {
            (
                graph(g)?,
                key(u_int, u_str, u_len, "source")?,
                key(v_int, v_str, v_len, "target")?,
                attr_list(names, values, n_attrs)?,
            )
        };
        g.core.write()?.add_edge(u, v, &attrs)?;
        Ok(())
    })
}

/// Adds or updates `n` edges as `gr_graph_add_edge` would one at a time, or changes nothing
/// when any argument is bad. Sources and targets are two key arrays of `n` keys each, and
/// attributes are sparse, all as in `gr_graph_add_nodes`.
///
/// # Safety
/// `g` is NULL or a live graph; every non-NULL pointer is valid for the lengths given.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_add_edges(
    g: *mut gr_graph,
    src_kinds: *const u8,
    src_ints: *const i64,
    src_str_data: *const u8,
    src_str_data_len: usize,
    src_str_offsets: *const usize,
    dst_kinds: *const u8,
    dst_ints: *const i64,
    dst_str_data: *const u8,
    dst_str_data_len: usize,
    dst_str_offsets: *const usize,
    n: usize,
    attr_names: *const gr_buf,
    n_names: usize,
    entry_items: *const u32,
    entry_names: *const u32,
    entry_values: *const gr_attr_value,
    n_entries: usize,
) -> gr_status {
    run("add_edges", || {
        let src_arg = KeyArrayArg {
            kinds: src_kinds,
            ints: src_ints,
            str_data: src_str_data,
            str_data_len: src_str_data_len,
            str_offsets: src_str_offsets,
        };
        let dst_arg = KeyArrayArg {
            kinds: dst_kinds,
            ints: dst_ints,
            str_data: dst_str_data,
            str_data_len: dst_str_data_len,
            str_offsets: dst_str_offsets,
        };
        let attrs_arg = SparseAttrsArg {
            names: attr_names,
            n_names,
            entry_items,
            entry_names,
            entry_values,
            n_entries,
        };
        // SAFETY: promised by the caller.
        let (g, sources, targets, attrs) = unsafe {
            (
                graph(g)?,
                src_arg.read(n, "sources")?,
                dst_arg.read(n, "targets")?,
                attrs_arg.read(n)?,
            )
        };
        let items: Vec<(KeyRef, KeyRef, &[_])> = sources
            .into_iter()
            .zip(targets)
            .zip(attrs.iter())
            .map(|((u, v), a)| (u, v, &a[..]))
            .collect();
        let mut graph = g.core.write()?;
        graph.add_edges(&items)
    })
}

/// # Safety
/// `g` is NULL or a live graph; keys as in `gr_graph_add_node`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_remove_edge(
    g: *mut gr_graph,
    u_int: i64,
    u_str: *const c_char,
    u_len: usize,
    v_int: i64,
    v_str: *const c_char,
    v_len: usize,
) -> gr_status {
    run("remove_edge", || {
        // SAFETY: promised by the caller.
        let (g, u, v) = unsafe {
            (
                graph(g)?,
                key(u_int, u_str, u_len, "source")?,
                key(v_int, v_str, v_len, "target")?,
            )
        };
        let mut graph = g.core.write()?;
        graph.remove_edge(u, v)
    })
}

/// # Safety
/// `g` is NULL or a live graph; keys as in `gr_graph_add_node`; `out_found` NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_has_edge(
    g: *const gr_graph,
    u_int: i64,
    u_str: *const c_char,
    u_len: usize,
    v_int: i64,
    v_str: *const c_char,
    v_len: usize,
    out_found: *mut bool,
) -> gr_status {
    run("has_edge", || {
        // SAFETY: promised by the caller.
        let (g, u, v, out_found) = unsafe {
            (
                graph(g)?,
                key(u_int, u_str, u_len, "source")?,
                key(v_int, v_str, v_len, "target")?,
                out(out_found, "found")?,
            )
        };
        *out_found = g.core.read().has_edge(u, v);
        Ok(())
    })
}

/// All edges in insertion order, as two key lists of the same length: sources and targets
/// (for undirected edges, the endpoints in the order they were first added).
///
/// # Safety
/// `g` is NULL or a live graph; the outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_edges(
    g: *const gr_graph,
    out_sources: *mut *mut gr_keys,
    out_targets: *mut *mut gr_keys,
) -> gr_status {
    run("edges", || {
        // SAFETY: promised by the caller.
        let (g, out_sources, out_targets) = unsafe {
            (
                graph(g)?,
                out(out_sources, "sources")?,
                out(out_targets, "targets")?,
            )
        };
        let core = g.core.read();
        let (sources, targets) = core.keys_of_edges(core.edge_indices());
        *out_sources = keys_handle(sources);
        *out_targets = keys_handle(targets);
        Ok(())
    })
}
