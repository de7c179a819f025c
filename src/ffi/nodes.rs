//! Node functions of `gr_graph`: add, remove, membership, neighbourhoods and degrees.

use std::ffi::c_char;

use std::sync::Arc;

use crate::core::{Array, GraphCore, GraphResult, KeyRef};

use super::args::{attr_list, KeyArrayArg, SparseAttrsArg};
use super::array::{array_handle, gr_array};
use super::boundary::{key, out, run};
use super::graph::{gr_graph, graph, keys_handle};
use super::handles::{gr_keys, into_handle};
use super::status::gr_status;
use super::value::{gr_attr_value, gr_buf};

/// Adds a node, or updates the attributes of an existing one. A key is passed as
/// `(key, key_str, key_len)`: when `key_str` is NULL the key is the integer `key`, else it
/// is the UTF-8 string `key_str[0 .. key_len]` (copied). Attributes are `n_attrs` pairs
/// `names[i]`, `values[i]` (both may be NULL when `n_attrs` is 0).
///
/// # Safety
/// `g` is NULL or a live graph; pointers are NULL or valid for the lengths given.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_add_node(
    g: *mut gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    names: *const gr_buf,
    values: *const gr_attr_value,
    n_attrs: usize,
) -> gr_status {
    run("add_node", || {
        // SAFETY: promised by the caller.
        let (g, k, attrs) = unsafe {
            (
                graph(g)?,
                key(key_int, key_str, key_len, "key")?,
                attr_list(names, values, n_attrs)?,
            )
        };
        g.core.write()?.add_node(k, &attrs)?;
        Ok(())
    })
}

/// `gr_graph_add_node` for an int key and no attributes: the fast path for adding nodes one
/// at a time (fewer arguments make the call cheaper through foreign-function layers).
///
/// # Safety
/// `g` is NULL or a live graph.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_add_node_int(g: *mut gr_graph, key_int: i64) -> gr_status {
    run("add_node", || {
        // SAFETY: promised by the caller.
        let g = unsafe { graph(g)? };
        g.core.write()?.add_node(KeyRef::Int(key_int), &[])?;
        Ok(())
    })
}

/// Adds or updates `n` nodes as `gr_graph_add_node` would one at a time, or changes
/// nothing when any argument is bad.
///
/// Keys form a key array: when `kinds` is NULL, key `i` is the integer `ints[i]`.
/// Otherwise `kinds[i]` is `GR_KEY_INT` (key `ints[i]`) or `GR_KEY_STR` (the UTF-8 string
/// `str_data[str_offsets[i] .. str_offsets[i + 1]]`; `str_offsets` has `n + 1` entries,
/// none past `str_data_len`); `ints` may be NULL when no key is an int, and
/// `str_data` and `str_offsets` when none is a string.
///
/// Attributes are sparse: `n_entries` triples, where entry `j` gives node
/// `entry_items[j]` the attribute `attr_names[entry_names[j]]` with value
/// `entry_values[j]`, applied in entry order.
///
/// # Safety
/// `g` is NULL or a live graph; every non-NULL pointer is valid for the lengths given.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_add_nodes(
    g: *mut gr_graph,
    kinds: *const u8,
    ints: *const i64,
    str_data: *const u8,
    str_data_len: usize,
    str_offsets: *const usize,
    n: usize,
    attr_names: *const gr_buf,
    n_names: usize,
    entry_items: *const u32,
    entry_names: *const u32,
    entry_values: *const gr_attr_value,
    n_entries: usize,
) -> gr_status {
    run("add_nodes", || {
        let keys_arg = KeyArrayArg {
            kinds,
            ints,
            str_data,
            str_data_len,
            str_offsets,
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
        let (g, keys, attrs) =
            unsafe { (graph(g)?, keys_arg.read(n, "keys")?, attrs_arg.read(n)?) };
        let items: Vec<_> = keys.into_iter().zip(attrs.iter().map(|a| &a[..])).collect();
        let mut graph = g.core.write()?;
        graph.add_nodes(&items)
    })
}

/// Removes a node and all its edges.
///
/// # Safety
/// `g` is NULL or a live graph; the key is as `gr_graph_add_node` describes.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_remove_node(
    g: *mut gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
) -> gr_status {
    run("remove_node", || {
        // SAFETY: promised by the caller.
        let (g, k) = unsafe { (graph(g)?, key(key_int, key_str, key_len, "key")?) };
        let mut graph = g.core.write()?;
        graph.remove_node(k)
    })
}

/// # Safety
/// `g` is NULL or a live graph; the key as in `gr_graph_add_node`; `out_found` NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_has_node(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    out_found: *mut bool,
) -> gr_status {
    run("has_node", || {
        // SAFETY: promised by the caller.
        let (g, k, out_found) = unsafe {
            (
                graph(g)?,
                key(key_int, key_str, key_len, "key")?,
                out(out_found, "found")?,
            )
        };
        *out_found = g.core.read().has_node(k);
        Ok(())
    })
}

/// `gr_graph_has_node` for an int key: the fast path for membership tests.
///
/// # Safety
/// `g` is NULL or a live graph; `out_found` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_has_node_int(
    g: *const gr_graph,
    key_int: i64,
    out_found: *mut bool,
) -> gr_status {
    run("has_node", || {
        // SAFETY: promised by the caller.
        let (g, out_found) = unsafe { (graph(g)?, out(out_found, "found")?) };
        *out_found = g.core.read().has_node(KeyRef::Int(key_int));
        Ok(())
    })
}

/// All node keys in insertion order.
///
/// # Safety
/// `g` is NULL or a live graph; `out_keys` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_nodes(
    g: *const gr_graph,
    out_keys: *mut *mut gr_keys,
) -> gr_status {
    run("nodes", || {
        // SAFETY: promised by the caller.
        let (g, out_keys) = unsafe { (graph(g)?, out(out_keys, "keys")?) };
        let list = g.core.read().node_key_list()?;
        *out_keys = into_handle(gr_keys::new(Arc::new(list)));
        Ok(())
    })
}

/// The body shared by the functions that list the nodes related to one node.
///
/// # Safety
/// As the exported functions that call it.
unsafe fn node_list(
    op: &'static str,
    list: fn(&GraphCore, KeyRef<'_>) -> GraphResult<Vec<u32>>,
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    out_keys: *mut *mut gr_keys,
) -> gr_status {
    run(op, || {
        // SAFETY: promised by the caller.
        let (g, k, out_keys) = unsafe {
            (
                graph(g)?,
                key(key_int, key_str, key_len, "key")?,
                out(out_keys, "keys")?,
            )
        };
        let core = g.core.read();
        let nodes = list(&core, k)?;
        *out_keys = keys_handle(core.keys_of_nodes(&nodes)?);
        Ok(())
    })
}

/// Neighbours of a node in edge order (successors when directed).
///
/// # Safety
/// `g` is NULL or a live graph; the key as in `gr_graph_add_node`; `out_keys` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_neighbors(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    out_keys: *mut *mut gr_keys,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        node_list(
            "neighbors",
            GraphCore::neighbors,
            g,
            key_int,
            key_str,
            key_len,
            out_keys,
        )
    }
}

/// Targets of the edges leaving a node (all neighbours when undirected).
///
/// # Safety
/// As `gr_graph_neighbors`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_successors(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    out_keys: *mut *mut gr_keys,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        node_list(
            "successors",
            GraphCore::successors,
            g,
            key_int,
            key_str,
            key_len,
            out_keys,
        )
    }
}

/// Sources of the edges entering a node (all neighbours when undirected).
///
/// # Safety
/// As `gr_graph_neighbors`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_predecessors(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    out_keys: *mut *mut gr_keys,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        node_list(
            "predecessors",
            GraphCore::predecessors,
            g,
            key_int,
            key_str,
            key_len,
            out_keys,
        )
    }
}

/// The body shared by the functions that count something about one node.
///
/// # Safety
/// As the exported functions that call it.
unsafe fn node_count(
    op: &'static str,
    count: fn(&GraphCore, KeyRef<'_>) -> GraphResult<usize>,
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    out_count: *mut usize,
) -> gr_status {
    run(op, || {
        // SAFETY: promised by the caller.
        let (g, k, out_count) = unsafe {
            (
                graph(g)?,
                key(key_int, key_str, key_len, "key")?,
                out(out_count, "degree")?,
            )
        };
        *out_count = count(&g.core.read(), k)?;
        Ok(())
    })
}

/// Degree: in + out when directed; a self-loop counts twice when undirected.
///
/// # Safety
/// `g` is NULL or a live graph; the key as in `gr_graph_add_node`; `out_degree` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_degree(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    out_degree: *mut usize,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        node_count(
            "degree",
            GraphCore::degree,
            g,
            key_int,
            key_str,
            key_len,
            out_degree,
        )
    }
}

/// Edges entering the node (the degree when undirected).
///
/// # Safety
/// As `gr_graph_degree`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_in_degree(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    out_degree: *mut usize,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        node_count(
            "in_degree",
            GraphCore::in_degree,
            g,
            key_int,
            key_str,
            key_len,
            out_degree,
        )
    }
}

/// Edges leaving the node (the degree when undirected).
///
/// # Safety
/// As `gr_graph_degree`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_out_degree(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    out_degree: *mut usize,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        node_count(
            "out_degree",
            GraphCore::out_degree,
            g,
            key_int,
            key_str,
            key_len,
            out_degree,
        )
    }
}

/// The degree of every node, as two aligned results: the node keys in insertion order and
/// an int64 array of their degrees (as `gr_graph_degree` defines them).
///
/// # Safety
/// `g` is NULL or a live graph; the outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_degrees(
    g: *const gr_graph,
    out_keys: *mut *mut gr_keys,
    out_degrees: *mut *mut gr_array,
) -> gr_status {
    run("degrees", || {
        // SAFETY: promised by the caller.
        let (g, out_keys, out_degrees) = unsafe {
            (
                graph(g)?,
                out(out_keys, "keys")?,
                out(out_degrees, "degrees")?,
            )
        };
        let core = g.core.read();
        let list = core.node_key_list()?;
        *out_degrees = array_handle(Array::from_i64(core.degrees()?));
        *out_keys = into_handle(gr_keys::new(Arc::new(list)));
        Ok(())
    })
}
