//! Clustering and cores: triangle counts, clustering coefficients, transitivity, core
//! numbers and k-cores, with networkx's definitions.

use std::ffi::c_char;
use std::ptr;

use crate::algo;

use super::algorithms::{gr_cancel, node_values, token, weight_name};
use super::array::gr_array;
use super::boundary::{out, run};
use super::graph::{gr_graph, graph};
use super::handles::{gr_keys, into_handle};
use super::status::gr_status;

/// The number of triangles through each node (int64), with the keys in node order, as
/// networkx's `triangles` (self-loops ignored). `GR_STATUS_INVALID_OPERATION` on a
/// directed graph, as networkx.
///
/// # Safety
/// `g` is NULL or a live graph; `cancel` NULL or live; outputs NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_triangles(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_counts: *mut *mut gr_array,
) -> gr_status {
    run("triangles", || {
        // SAFETY: promised by the caller; triangles take no weight.
        unsafe {
            node_values(
                &graph(g)?.core,
                ptr::null(),
                0,
                cancel,
                out_keys,
                out_counts,
                "counts",
                |graph, _, cancel| algo::triangles(graph, cancel),
            )
        }
    })
}

/// Each node's clustering coefficient (float64), with the keys in node order, as
/// networkx's `clustering`: directed graphs by Fagiolo's definition; with `weight` (NULL:
/// unweighted) an edge column, the geometric mean of the weights divided by the largest
/// (edges without a value weigh 1.0; a name no edge has, a NaN weight or a largest weight
/// of 0 is `GR_STATUS_INVALID_ARGUMENT`).
///
/// # Safety
/// `g` is NULL or a live graph; `weight` NULL or `weight_len` bytes; `cancel` NULL or
/// live; outputs NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_clustering(
    g: *const gr_graph,
    weight: *const c_char,
    weight_len: usize,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_values: *mut *mut gr_array,
) -> gr_status {
    run("clustering", || {
        // SAFETY: promised by the caller.
        unsafe {
            node_values(
                &graph(g)?.core,
                weight,
                weight_len,
                cancel,
                out_keys,
                out_values,
                "values",
                algo::clustering,
            )
        }
    })
}

/// The mean of the clustering coefficients `gr_graph_clustering` gives, summed in node
/// order; with `count_zeros` false, over the nodes whose coefficient is not 0. No node to
/// average over is `GR_STATUS_INVALID_OPERATION`.
///
/// # Safety
/// As `gr_graph_clustering`; `out_value` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_average_clustering(
    g: *const gr_graph,
    weight: *const c_char,
    weight_len: usize,
    count_zeros: bool,
    cancel: *const gr_cancel,
    out_value: *mut f64,
) -> gr_status {
    run("average_clustering", || {
        // SAFETY: promised by the caller.
        let (g, weight, cancel, out_value) = unsafe {
            (
                graph(g)?,
                weight_name(weight, weight_len)?,
                token(cancel),
                out(out_value, "value")?,
            )
        };
        *out_value = algo::average_clustering(&g.core, weight, count_zeros, &cancel)?;
        Ok(())
    })
}

/// networkx's `transitivity`: 3 × triangles / connected triples (0 without triangles);
/// on a directed graph counted along successors, as networkx.
///
/// # Safety
/// `g` is NULL or a live graph; `cancel` NULL or live; `out_value` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_transitivity(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_value: *mut f64,
) -> gr_status {
    run("transitivity", || {
        // SAFETY: promised by the caller.
        let (g, cancel, out_value) =
            unsafe { (graph(g)?, token(cancel), out(out_value, "value")?) };
        *out_value = algo::transitivity(&g.core, &cancel)?;
        Ok(())
    })
}

/// Each node's core number (int64), with the keys in node order, as networkx's
/// `core_number` (a directed graph's degree is in plus out). A graph with a self-loop is
/// `GR_STATUS_INVALID_OPERATION`, as networkx refuses it.
///
/// # Safety
/// `g` is NULL or a live graph; `cancel` NULL or live; outputs NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_core_number(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_cores: *mut *mut gr_array,
) -> gr_status {
    run("core_number", || {
        // SAFETY: promised by the caller; core numbers take no weight.
        unsafe {
            node_values(
                &graph(g)?.core,
                ptr::null(),
                0,
                cancel,
                out_keys,
                out_cores,
                "cores",
                |graph, _, cancel| algo::core_number(graph, cancel),
            )
        }
    })
}

/// The k-core as a new graph (in the same pool): the subgraph induced by the nodes whose
/// core number is at least `k`, with their attributes and those of their edges, in this
/// graph's order. `has_k` false: `k` is the largest core number. Errors as
/// `gr_graph_core_number`. Free the result with `gr_graph_free`.
///
/// # Safety
/// `g` is NULL or a live graph; `cancel` NULL or live; `out_graph` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_k_core(
    g: *const gr_graph,
    has_k: bool,
    k: i64,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    run("k_core", || {
        // SAFETY: promised by the caller.
        let (g, cancel, out_graph) =
            unsafe { (graph(g)?, token(cancel), out(out_graph, "graph")?) };
        let core = algo::k_core(&g.core, has_k.then_some(k), &cancel)?;
        *out_graph = into_handle(gr_graph::new(core));
        Ok(())
    })
}
