//! Whole columns and column batches of `gr_graph`: read an attribute of every node or edge
//! into a `gr_array`, write one from a `gr_array`, and add many nodes or edges with
//! attribute columns in one call.

use std::ffi::c_char;
use std::sync::Arc;

use crate::core::{Array, GraphCore, GraphError, GraphResult, NeighbourLists};

use super::args::KeyArrayArg;
use super::array::{array_ref, gr_array, shared_array_handle};
use super::boundary::{out, run, slice, utf8};
use super::graph::{gr_graph, graph};
use super::status::gr_status;
use super::value::gr_buf;

/// Named columns passed as `names[i]`, `columns[i]` for `n` columns.
///
/// # Safety
/// `names` and `columns` hold `n` entries each; every column is a live `gr_array`.
unsafe fn named_columns<'a>(
    names: *const gr_buf,
    columns: *const *const gr_array,
    n: usize,
) -> GraphResult<Vec<(&'a str, &'a Array)>> {
    // SAFETY: passed on to the caller.
    unsafe {
        let names = slice(names, n, "column names")?;
        let columns = slice(columns, n, "columns")?;
        names
            .iter()
            .zip(columns)
            .map(|(name, &column)| {
                Ok((utf8(name.ptr, name.len, "column name")?, array_ref(column)?))
            })
            .collect()
    }
}

/// The body shared by the functions that read a column.
///
/// # Safety
/// As the exported functions.
unsafe fn read_column(
    op: &'static str,
    read: fn(&GraphCore, &str) -> GraphResult<Arc<Array>>,
    g: *const gr_graph,
    name: *const c_char,
    name_len: usize,
    out_array: *mut *mut gr_array,
) -> gr_status {
    run(op, || {
        // SAFETY: promised by the caller.
        let (g, name, out_array) = unsafe {
            (
                graph(g)?,
                utf8(name.cast(), name_len, "attribute name")?,
                out(out_array, "array")?,
            )
        };
        let array = read(&g.core.read(), name)?;
        *out_array = shared_array_handle(array);
        Ok(())
    })
}

/// The attribute `name` of every node, in node order; nodes without it (or with Null) are
/// null. `GR_STATUS_ATTRIBUTE_NOT_FOUND` when no node has it.
///
/// # Safety
/// `g` is NULL or a live graph; `name` points to `name_len` bytes; `out_array` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_node_array(
    g: *const gr_graph,
    name: *const c_char,
    name_len: usize,
    out_array: *mut *mut gr_array,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        read_column(
            "node_array",
            GraphCore::node_array_shared,
            g,
            name,
            name_len,
            out_array,
        )
    }
}

/// The attribute `name` of every edge, in edge order, as `gr_graph_node_array` does for
/// nodes.
///
/// # Safety
/// As `gr_graph_node_array`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_edge_array(
    g: *const gr_graph,
    name: *const c_char,
    name_len: usize,
    out_array: *mut *mut gr_array,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        read_column(
            "edge_array",
            GraphCore::edge_array_shared,
            g,
            name,
            name_len,
            out_array,
        )
    }
}

fn node_presence(core: &GraphCore, name: &str) -> GraphResult<Arc<Array>> {
    let present = core.node_presence(name)?;
    Ok(Arc::new(Array::new(
        crate::core::ColumnValues::Bool(present),
        None,
    )?))
}

fn edge_presence(core: &GraphCore, name: &str) -> GraphResult<Arc<Array>> {
    let present = core.edge_presence(name)?;
    Ok(Arc::new(Array::new(
        crate::core::ColumnValues::Bool(present),
        None,
    )?))
}

/// A bool array, in node order: whether each node has the attribute `name` (set to Null
/// counts as having it). Tells an absent attribute from a Null one, which
/// `gr_graph_node_array` does not.
///
/// # Safety
/// As `gr_graph_node_array`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_node_attr_presence(
    g: *const gr_graph,
    name: *const c_char,
    name_len: usize,
    out_array: *mut *mut gr_array,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        read_column(
            "node_attr_presence",
            node_presence,
            g,
            name,
            name_len,
            out_array,
        )
    }
}

/// A bool array, in edge order: whether each edge has the attribute `name`.
///
/// # Safety
/// As `gr_graph_node_array`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_edge_attr_presence(
    g: *const gr_graph,
    name: *const c_char,
    name_len: usize,
    out_array: *mut *mut gr_array,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        read_column(
            "edge_attr_presence",
            edge_presence,
            g,
            name,
            name_len,
            out_array,
        )
    }
}

/// The body shared by the functions that write a column.
///
/// # Safety
/// As the exported functions.
unsafe fn write_column(
    op: &'static str,
    write: fn(&mut GraphCore, &str, &Array) -> GraphResult<()>,
    g: *mut gr_graph,
    name: *const c_char,
    name_len: usize,
    values: *const gr_array,
) -> gr_status {
    run(op, || {
        // SAFETY: promised by the caller.
        let (g, name, values) = unsafe {
            (
                graph(g)?,
                utf8(name.cast(), name_len, "attribute name")?,
                array_ref(values)?,
            )
        };
        let mut graph = g.core.write()?;
        write(&mut graph, name, values)
    })
}

/// Sets the attribute `name` of every node from `values` (one per node, in node order;
/// null entries set Null). An invalid argument, changing nothing, when the length differs
/// from the node count.
///
/// # Safety
/// `g` is NULL or a live graph; `name` points to `name_len` bytes; `values` is NULL or a
/// live `gr_array`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_set_node_array(
    g: *mut gr_graph,
    name: *const c_char,
    name_len: usize,
    values: *const gr_array,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        write_column(
            "set_node_array",
            GraphCore::set_node_array,
            g,
            name,
            name_len,
            values,
        )
    }
}

/// Sets the attribute `name` of every edge from `values`, as `gr_graph_set_node_array`.
///
/// # Safety
/// As `gr_graph_set_node_array`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_set_edge_array(
    g: *mut gr_graph,
    name: *const c_char,
    name_len: usize,
    values: *const gr_array,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        write_column(
            "set_edge_array",
            GraphCore::set_edge_array,
            g,
            name,
            name_len,
            values,
        )
    }
}

/// Adds the edges `sources[i] -> targets[i]` for int keys, with `n_columns` attribute
/// columns (`column_names[j]`, `columns[j]`, each of `n` values), as `gr_graph_add_edge`
/// would one edge at a time, or nothing when any argument is bad. The fast path for loading
/// large graphs: no per-edge work outside the library.
///
/// # Safety
/// `g` is NULL or a live graph; `sources` and `targets` hold `n` keys each; the names and
/// columns hold `n_columns` entries each, every column a live `gr_array`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_add_edges_int(
    g: *mut gr_graph,
    sources: *const i64,
    targets: *const i64,
    n: usize,
    column_names: *const gr_buf,
    columns: *const *const gr_array,
    n_columns: usize,
) -> gr_status {
    run("add_edges_from_arrays", || {
        // SAFETY: promised by the caller.
        let (g, sources, targets, columns) = unsafe {
            (
                graph(g)?,
                slice(sources, n, "sources")?,
                slice(targets, n, "targets")?,
                named_columns(column_names, columns, n_columns)?,
            )
        };
        let mut graph = g.core.write()?;
        graph.add_edges_int(sources, targets, &columns)
    })
}

/// Adds `n` edges between keys of any kind (two key arrays, as `gr_graph_add_nodes`
/// describes) with attribute columns, as `gr_graph_add_edges_int` does for int keys.
///
/// # Safety
/// As `gr_graph_add_edges_int`, with key arrays as `gr_graph_add_nodes` describes.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_add_edges_columns(
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
    column_names: *const gr_buf,
    columns: *const *const gr_array,
    n_columns: usize,
) -> gr_status {
    run("add_edges_from_arrays", || {
        let src = KeyArrayArg {
            kinds: src_kinds,
            ints: src_ints,
            str_data: src_str_data,
            str_data_len: src_str_data_len,
            str_offsets: src_str_offsets,
        };
        let dst = KeyArrayArg {
            kinds: dst_kinds,
            ints: dst_ints,
            str_data: dst_str_data,
            str_data_len: dst_str_data_len,
            str_offsets: dst_str_offsets,
        };
        // SAFETY: promised by the caller.
        let (g, sources, targets, columns) = unsafe {
            (
                graph(g)?,
                src.read(n, "sources")?,
                dst.read(n, "targets")?,
                named_columns(column_names, columns, n_columns)?,
            )
        };
        let mut graph = g.core.write()?;
        graph.add_edges_with_columns(&sources, &targets, &columns)
    })
}

/// Adds (or updates) `n` nodes (a key array, as `gr_graph_add_nodes` describes) with
/// attribute columns of `n` values each, or changes nothing when any argument is bad.
///
/// # Safety
/// As `gr_graph_add_edges_columns`, with one key array.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_add_nodes_columns(
    g: *mut gr_graph,
    kinds: *const u8,
    ints: *const i64,
    str_data: *const u8,
    str_data_len: usize,
    str_offsets: *const usize,
    n: usize,
    column_names: *const gr_buf,
    columns: *const *const gr_array,
    n_columns: usize,
) -> gr_status {
    run("add_nodes", || {
        let keys = KeyArrayArg {
            kinds,
            ints,
            str_data,
            str_data_len,
            str_offsets,
        };
        // SAFETY: promised by the caller.
        let (g, keys, columns) = unsafe {
            (
                graph(g)?,
                keys.read(n, "keys")?,
                named_columns(column_names, columns, n_columns)?,
            )
        };
        let mut graph = g.core.write()?;
        graph.add_nodes_with_columns(&keys, &columns)
    })
}

/// Adds edges from neighbour lists by node position, keeping every node's order: what a
/// loader of another library's graph needs (networkx keeps each node's successors and
/// each node's predecessors in their own insertion orders, which no single order of
/// adding the edges need give both of).
///
/// The list of the node at position `p` of the node order (`p < n_lists`; `n_lists` is at
/// most the node count) is `out_neighbours[out_offsets[p] .. out_offsets[p + 1]]`, node
/// positions: an edge from the node to each (an undirected graph lists each edge at both
/// its ends), with `n_columns` attribute columns of `n_out` values, one per list entry,
/// written in entry order (an edge's last entry wins; a null entry leaves the edge without
/// the attribute, as an add that does not name it). The new edges are added in an order
/// whose insertion gives every list its order, so that `gr_graph_edges` lists them in an
/// order that keeps the lists when they are added again one by one. Afterwards each
/// listed node's edges (an undirected graph's only list) lead to its listed neighbours
/// first, in list order. In a directed graph, `in_offsets` and `in_neighbours` (`n_in`
/// entries; both NULL for none) order each node's incoming edges the same way by their
/// sources; an entry naming no edge is passed over. A node's other edges follow in their
/// order. All or nothing: offsets that do not cut the entries into lists, a position past
/// the last node or in lists for an undirected graph are `GR_STATUS_INVALID_ARGUMENT`.
///
/// # Safety
/// `g` is NULL or a live graph; `out_offsets` (and `in_offsets` when not NULL) hold
/// `n_lists + 1` entries, `out_neighbours` `n_out` and `in_neighbours` `n_in`; names and
/// columns as `gr_graph_add_edges_int` says.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_add_adjacency(
    g: *mut gr_graph,
    n_lists: usize,
    out_offsets: *const usize,
    out_neighbours: *const u32,
    n_out: usize,
    in_offsets: *const usize,
    in_neighbours: *const u32,
    n_in: usize,
    column_names: *const gr_buf,
    columns: *const *const gr_array,
    n_columns: usize,
) -> gr_status {
    run("add_adjacency", || {
        let n_offsets = n_lists.checked_add(1).ok_or_else(|| {
            GraphError::InvalidArgument(format!("{n_lists} lists are more than memory holds"))
        })?;
        // SAFETY: promised by the caller.
        let (g, out, into, columns) = unsafe {
            let into = if in_offsets.is_null() && in_neighbours.is_null() {
                None
            } else {
                Some(NeighbourLists {
                    offsets: slice(in_offsets, n_offsets, "in_offsets")?,
                    neighbours: slice(in_neighbours, n_in, "in_neighbours")?,
                })
            };
            let out = NeighbourLists {
                offsets: slice(out_offsets, n_offsets, "out_offsets")?,
                neighbours: slice(out_neighbours, n_out, "out_neighbours")?,
            };
            (
                graph(g)?,
                out,
                into,
                named_columns(column_names, columns, n_columns)?,
            )
        };
        let mut graph = g.core.write()?;
        graph.add_adjacency(out, into, &columns)
    })
}
