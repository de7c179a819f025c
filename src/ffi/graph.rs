//! `gr_graph`: the graph handle and its functions. Each function checks its arguments,
//! takes the handle's lock, calls `GraphCore`, and converts the result.

use std::ffi::c_char;

use parking_lot::RwLock;

use crate::core::{Array, GraphCore, KeyList, KeyRef};

use super::args::{attr_list, KeyArrayArg, SparseAttrsArg};
use super::array::{array_handle, gr_array};
use super::boundary::{borrow, key, out, run, utf8};
use super::handles::{free_handle, gr_attr_map, gr_keys, gr_string_list, into_handle};
use super::status::gr_status;
use super::value::{gr_attr_value, gr_buf};

/// A graph. Safe to use from several threads at once: any number of readers, one writer.
pub struct gr_graph {
    core: RwLock<GraphCore>,
}

impl gr_graph {
    pub(crate) fn new(core: GraphCore) -> gr_graph {
        gr_graph {
            core: RwLock::new(core),
        }
    }
}

/// # Safety
/// `g` is NULL or a live graph handle.
unsafe fn graph<'a>(g: *const gr_graph) -> crate::core::GraphResult<&'a gr_graph> {
    // SAFETY: passed on to the caller.
    unsafe { borrow(g, "graph") }
}

fn key_list(core: &GraphCore, nodes: Vec<u32>) -> *mut gr_keys {
    let mut list = KeyList::with_capacity(nodes.len());
    for n in nodes {
        list.push(core.node_key(n).as_key_ref());
    }
    into_handle(gr_keys { list })
}

// ----- lifecycle ---------------------------------------------------------------------------

/// Creates an empty graph, directed or not. Free it with `gr_graph_free`.
///
/// # Safety
/// `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_new(directed: bool, out_graph: *mut *mut gr_graph) -> gr_status {
    run("graph_new", || {
        // SAFETY: promised by the caller.
        let out_graph = unsafe { out(out_graph, "graph")? };
        *out_graph = into_handle(gr_graph::new(GraphCore::new(directed)));
        Ok(())
    })
}

/// Frees a graph. NULL is a no-op. No other thread may be using the graph.
///
/// # Safety
/// `g` is NULL or a live graph handle, which must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_free(g: *mut gr_graph) {
    // SAFETY: passed on to the caller.
    unsafe { free_handle(g) }
}

/// A deep copy: nodes, edges and attributes.
///
/// # Safety
/// `g` is NULL or a live graph; `out_graph` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_copy(
    g: *const gr_graph,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    run("copy", || {
        // SAFETY: promised by the caller.
        let (g, out_graph) = unsafe { (graph(g)?, out(out_graph, "graph")?) };
        let copy = g.core.read().clone();
        *out_graph = into_handle(gr_graph::new(copy));
        Ok(())
    })
}

/// The subgraph induced by `n` keys (a key array, see `gr_graph_add_nodes`); keys not in
/// the graph are ignored. Nodes and edges keep this graph's order and their attributes.
///
/// # Safety
/// `g` is NULL or a live graph; the key array is as `gr_graph_add_nodes` describes;
/// `out_graph` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_subgraph(
    g: *const gr_graph,
    kinds: *const u8,
    ints: *const i64,
    str_data: *const u8,
    str_data_len: usize,
    str_offsets: *const usize,
    n: usize,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    run("subgraph", || {
        let keys_arg = KeyArrayArg {
            kinds,
            ints,
            str_data,
            str_data_len,
            str_offsets,
        };
        // SAFETY: promised by the caller.
        let (g, keys, out_graph) = unsafe {
            (
                graph(g)?,
                keys_arg.read(n, "keys")?,
                out(out_graph, "graph")?,
            )
        };
        let sub = g.core.read().subgraph(&keys);
        *out_graph = into_handle(gr_graph::new(sub));
        Ok(())
    })
}

/// Removes every node, edge and attribute.
///
/// # Safety
/// `g` is NULL or a live graph.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_clear(g: *mut gr_graph) -> gr_status {
    run("clear", || {
        // SAFETY: promised by the caller.
        unsafe { graph(g)? }.core.write().clear();
        Ok(())
    })
}

// ----- sizes -------------------------------------------------------------------------------

/// # Safety
/// `g` is NULL or a live graph; `out_directed` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_is_directed(
    g: *const gr_graph,
    out_directed: *mut bool,
) -> gr_status {
    run("is_directed", || {
        // SAFETY: promised by the caller.
        let (g, out_directed) = unsafe { (graph(g)?, out(out_directed, "directed")?) };
        *out_directed = g.core.read().is_directed();
        Ok(())
    })
}

/// # Safety
/// `g` is NULL or a live graph; `out_count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_node_count(
    g: *const gr_graph,
    out_count: *mut usize,
) -> gr_status {
    run("node_count", || {
        // SAFETY: promised by the caller.
        let (g, out_count) = unsafe { (graph(g)?, out(out_count, "count")?) };
        *out_count = g.core.read().node_count();
        Ok(())
    })
}

/// # Safety
/// `g` is NULL or a live graph; `out_count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_edge_count(
    g: *const gr_graph,
    out_count: *mut usize,
) -> gr_status {
    run("edge_count", || {
        // SAFETY: promised by the caller.
        let (g, out_count) = unsafe { (graph(g)?, out(out_count, "count")?) };
        *out_count = g.core.read().edge_count();
        Ok(())
    })
}

// ----- nodes -------------------------------------------------------------------------------

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
        g.core.write().add_node(k, &attrs)?;
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
        g.core.write().add_node(KeyRef::Int(key_int), &[])?;
        Ok(())
    })
}

/// Adds or updates `n` nodes as `gr_graph_add_node` would one at a time, or changes
/// nothing when any argument is bad.
///
/// Keys form a key array: when `kinds` is NULL, key `i` is the integer `ints[i]`.
/// Otherwise `kinds[i]` is `GR_KEY_INT` (key `ints[i]`) or `GR_KEY_STR` (the UTF-8 string
/// `str_data[str_offsets[i] .. str_offsets[i + 1]]`; `str_offsets` has `n + 1` entries,
/// none past `str_data_len`); `ints` may be NULL when no key is an int.
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
        g.core.write().add_nodes(&items)
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
        g.core.write().remove_node(k)
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
        let list = g.core.read().node_keys().collect();
        *out_keys = into_handle(gr_keys { list });
        Ok(())
    })
}

/// The body shared by the functions that list the nodes related to one node.
///
/// # Safety
/// As the exported functions that call it.
unsafe fn node_list(
    op: &str,
    list: fn(&GraphCore, KeyRef<'_>) -> crate::core::GraphResult<Vec<u32>>,
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
        *out_keys = key_list(&core, nodes);
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
    op: &str,
    count: fn(&GraphCore, KeyRef<'_>) -> crate::core::GraphResult<usize>,
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

// ----- edges -------------------------------------------------------------------------------

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
        g.core.write().add_edge(u, v, &attrs)?;
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
        g.core.write().add_edges(&items)
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
        g.core.write().remove_edge(u, v)
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
        let mut sources = KeyList::with_capacity(core.edge_count());
        let mut targets = KeyList::with_capacity(core.edge_count());
        for e in core.edge_indices() {
            let (u, v) = core.edge_keys(e);
            sources.push(u.as_key_ref());
            targets.push(v.as_key_ref());
        }
        *out_sources = into_handle(gr_keys { list: sources });
        *out_targets = into_handle(gr_keys { list: targets });
        Ok(())
    })
}

// ----- attributes --------------------------------------------------------------------------

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
        g.core.write().set_node_attr(k, name, value)
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
        g.core.write().set_edge_attr(u, v, name, value)
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
        let list = core.node_keys().collect();
        *out_degrees = array_handle(Array::from_i64(core.degrees()));
        *out_keys = into_handle(gr_keys { list });
        Ok(())
    })
}
