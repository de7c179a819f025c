//! Attribute functions of `gr_graph`: read, write and remove one value, all of an entity's
//! attributes, and the names of the columns.

use std::ffi::c_char;

use super::boundary::{borrow, key, out, run, utf8};
use super::graph::{gr_graph, graph};
use super::handles::{gr_attr_map, gr_string_list, into_handle};
use super::status::gr_status;
use super::value::gr_attr_value;

/// Sets one attribute of a node (the value is copied).
///
/// # Safety
/// `g` is NULL or a live graph; the key as in `gr_graph_add_node`; `name` points to
/// `name_len` bytes; `value` is NULL or a valid value.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_set_node_attr(
    g: *mut gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    name: *const c_char,
    name_len: usize,
    value: *const gr_attr_value,
) -> gr_status {
    run("set_node_attr", || {
        // SAFETY: promised by the caller.
        let (g, k, name, value) = unsafe {
            let name = utf8(name.cast(), name_len, "attribute name")?;
            (
                graph(g)?,
                key(key_int, key_str, key_len, "key")?,
                name,
                borrow(value, "value")?.read_value(name)?,
            )
        };
        let mut graph = g.core.write()?;
        graph.set_node_attr(k, name, value)
    })
}

/// Reads one attribute of a node. When the node has it, `*out_found` is true and `*out`
/// holds the value, which owns its string or bytes buffer: release it with
/// `gr_attr_value_release`. When it does not, `*out_found` is false and `*out` is untouched.
///
/// # Safety
/// As `gr_graph_set_node_attr`; `out_value` and `out_found` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_get_node_attr(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    name: *const c_char,
    name_len: usize,
    out_value: *mut gr_attr_value,
    out_found: *mut bool,
) -> gr_status {
    run("get_node_attr", || {
        // SAFETY: promised by the caller.
        let (g, k, name, out_value, out_found) = unsafe {
            (
                graph(g)?,
                key(key_int, key_str, key_len, "key")?,
                utf8(name.cast(), name_len, "attribute name")?,
                out(out_value, "value")?,
                out(out_found, "found")?,
            )
        };
        let value = g.core.read().get_node_attr(k, name)?;
        *out_found = value.is_some();
        if let Some(value) = value {
            *out_value = gr_attr_value::owned(value);
        }
        Ok(())
    })
}

/// Sets one attribute of the edge `(u, v)` (the value is copied).
///
/// # Safety
/// As `gr_graph_set_node_attr`, with two keys.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_set_edge_attr(
    g: *mut gr_graph,
    u_int: i64,
    u_str: *const c_char,
    u_len: usize,
    v_int: i64,
    v_str: *const c_char,
    v_len: usize,
    name: *const c_char,
    name_len: usize,
    value: *const gr_attr_value,
) -> gr_status {
    run("set_edge_attr", || {
        // SAFETY: promised by the caller.
        let (g, u, v, name, value) = unsafe {
            let name = utf8(name.cast(), name_len, "attribute name")?;
            (
                graph(g)?,
                key(u_int, u_str, u_len, "source")?,
                key(v_int, v_str, v_len, "target")?,
                name,
                borrow(value, "value")?.read_value(name)?,
            )
        };
        let mut graph = g.core.write()?;
        graph.set_edge_attr(u, v, name, value)
    })
}

/// Reads one attribute of the edge `(u, v)`, as `gr_graph_get_node_attr` does for nodes.
///
/// # Safety
/// As `gr_graph_get_node_attr`, with two keys.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_get_edge_attr(
    g: *const gr_graph,
    u_int: i64,
    u_str: *const c_char,
    u_len: usize,
    v_int: i64,
    v_str: *const c_char,
    v_len: usize,
    name: *const c_char,
    name_len: usize,
    out_value: *mut gr_attr_value,
    out_found: *mut bool,
) -> gr_status {
    run("get_edge_attr", || {
        // SAFETY: promised by the caller.
        let (g, u, v, name, out_value, out_found) = unsafe {
            (
                graph(g)?,
                key(u_int, u_str, u_len, "source")?,
                key(v_int, v_str, v_len, "target")?,
                utf8(name.cast(), name_len, "attribute name")?,
                out(out_value, "value")?,
                out(out_found, "found")?,
            )
        };
        let value = g.core.read().get_edge_attr(u, v, name)?;
        *out_found = value.is_some();
        if let Some(value) = value {
            *out_value = gr_attr_value::owned(value);
        }
        Ok(())
    })
}

/// Removes one attribute of a node: afterwards the node does not have it (it is absent,
/// not Null). An attribute set to Null is one the node has. When the node does not have
/// it: `GR_STATUS_ATTRIBUTE_NOT_FOUND`, and nothing changes.
///
/// # Safety
/// `g` is NULL or a live graph; the key as in `gr_graph_add_node`; `name` points to
/// `name_len` bytes.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_remove_node_attr(
    g: *mut gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    name: *const c_char,
    name_len: usize,
) -> gr_status {
    run("remove_node_attr", || {
        // SAFETY: promised by the caller.
        let (g, k, name) = unsafe {
            (
                graph(g)?,
                key(key_int, key_str, key_len, "key")?,
                utf8(name.cast(), name_len, "attribute name")?,
            )
        };
        let mut graph = g.core.write()?;
        graph.remove_node_attr(k, name)
    })
}

/// Removes one attribute of the edge `(u, v)`, as `gr_graph_remove_node_attr` does for
/// nodes.
///
/// # Safety
/// As `gr_graph_remove_node_attr`, with two keys.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_remove_edge_attr(
    g: *mut gr_graph,
    u_int: i64,
    u_str: *const c_char,
    u_len: usize,
    v_int: i64,
    v_str: *const c_char,
    v_len: usize,
    name: *const c_char,
    name_len: usize,
) -> gr_status {
    run("remove_edge_attr", || {
        // SAFETY: promised by the caller.
        let (g, u, v, name) = unsafe {
            (
                graph(g)?,
                key(u_int, u_str, u_len, "source")?,
                key(v_int, v_str, v_len, "target")?,
                utf8(name.cast(), name_len, "attribute name")?,
            )
        };
        let mut graph = g.core.write()?;
        graph.remove_edge_attr(u, v, name)
    })
}

/// Every attribute of a node, in column order.
///
/// # Safety
/// `g` is NULL or a live graph; the key as in `gr_graph_add_node`; `out_map` NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_node_attrs(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    out_map: *mut *mut gr_attr_map,
) -> gr_status {
    run("node_attrs", || {
        // SAFETY: promised by the caller.
        let (g, k, out_map) = unsafe {
            (
                graph(g)?,
                key(key_int, key_str, key_len, "key")?,
                out(out_map, "map")?,
            )
        };
        let entries = g.core.read().node_attrs(k)?;
        *out_map = into_handle(gr_attr_map::new(entries));
        Ok(())
    })
}

/// Every attribute of the edge `(u, v)`, in column order.
///
/// # Safety
/// As `gr_graph_node_attrs`, with two keys.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_edge_attrs(
    g: *const gr_graph,
    u_int: i64,
    u_str: *const c_char,
    u_len: usize,
    v_int: i64,
    v_str: *const c_char,
    v_len: usize,
    out_map: *mut *mut gr_attr_map,
) -> gr_status {
    run("edge_attrs", || {
        // SAFETY: promised by the caller.
        let (g, u, v, out_map) = unsafe {
            (
                graph(g)?,
                key(u_int, u_str, u_len, "source")?,
                key(v_int, v_str, v_len, "target")?,
                out(out_map, "map")?,
            )
        };
        let entries = g.core.read().edge_attrs(u, v)?;
        *out_map = into_handle(gr_attr_map::new(entries));
        Ok(())
    })
}

/// Names of the node attributes at least one node has, in creation order.
///
/// # Safety
/// `g` is NULL or a live graph; `out_names` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_node_attr_names(
    g: *const gr_graph,
    out_names: *mut *mut gr_string_list,
) -> gr_status {
    run("node_attr_names", || {
        // SAFETY: promised by the caller.
        let (g, out_names) = unsafe { (graph(g)?, out(out_names, "names")?) };
        let names = g.core.read().node_attr_names();
        *out_names = into_handle(gr_string_list::new(names));
        Ok(())
    })
}

/// Names of the edge attributes at least one edge has, in creation order.
///
/// # Safety
/// `g` is NULL or a live graph; `out_names` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_edge_attr_names(
    g: *const gr_graph,
    out_names: *mut *mut gr_string_list,
) -> gr_status {
    run("edge_attr_names", || {
        // SAFETY: promised by the caller.
        let (g, out_names) = unsafe { (graph(g)?, out(out_names, "names")?) };
        let names = g.core.read().edge_attr_names();
        *out_names = into_handle(gr_string_list::new(names));
        Ok(())
    })
}
