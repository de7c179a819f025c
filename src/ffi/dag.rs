//! DAGs and spanning trees: the acyclicity test, networkx's topological order, and
//! minimum spanning trees (forests).

use std::ffi::c_char;

use crate::algo::{self, SpanningAlgorithm};
use crate::core::GraphResult;

use super::algorithms::{gr_cancel, token, weight_name, write_keys};
use super::boundary::{invalid, out, run};
use super::graph::{gr_graph, graph};
use super::handles::{gr_keys, into_handle};
use super::status::gr_status;

/// `gr_graph_minimum_spanning_edges` and `_tree`: Kruskal's method, with networkx's
/// tie-breaking (the same edges in the same order).
pub const GR_SPANNING_KRUSKAL: u32 = 0;

fn spanning_algorithm(code: u32) -> GraphResult<SpanningAlgorithm> {
    match code {
        GR_SPANNING_KRUSKAL => Ok(SpanningAlgorithm::Kruskal),
        other => Err(invalid(format!("unknown spanning tree algorithm {other}"))),
    }
}

/// Writes whether the graph is directed and has no cycle (a self-loop is one); an
/// undirected graph is not, as networkx says.
///
/// # Safety
/// `g` is NULL or a live graph; `cancel` NULL or live; `out_is_dag` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_is_directed_acyclic(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_is_dag: *mut bool,
) -> gr_status {
    run("is_directed_acyclic_graph", || {
        // SAFETY: promised by the caller.
        let (g, cancel, out_is_dag) =
            unsafe { (graph(g)?, token(cancel), out(out_is_dag, "result")?) };
        *out_is_dag = algo::is_directed_acyclic_graph(&g.core, &cancel)?;
        Ok(())
    })
}

/// Every node in networkx's topological order (Kahn's method by generations: the nodes
/// without incoming edges in node order, then successors in edge order as they become
/// free). `GR_STATUS_INVALID_OPERATION` on an undirected graph or one with a cycle.
///
/// # Safety
/// `g` is NULL or a live graph; `cancel` NULL or live; `out_keys` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_topological_sort(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
) -> gr_status {
    run("topological_sort", || {
        // SAFETY: promised by the caller.
        let (g, cancel, out_keys) = unsafe { (graph(g)?, token(cancel), out(out_keys, "keys")?) };
        write_keys(algo::topological_sort(&g.core, &cancel)?, out_keys);
        Ok(())
    })
}

/// The edges of a minimum spanning forest of an undirected graph, as networkx's
/// `minimum_spanning_edges` yields them: edge `i` joins `(*out_sources)[i]` to
/// `(*out_targets)[i]`. `weight` (NULL: every edge weighs 1) names an edge column; edges
/// without a value weigh 1.0; the name "weight" when no edge has it means unweighted
/// (networkx's default), another name no edge has is `GR_STATUS_INVALID_ARGUMENT`, as are
/// a NaN weight and an unknown `algorithm` (`GR_SPANNING_*`). A directed graph is
/// `GR_STATUS_INVALID_OPERATION`.
///
/// # Safety
/// `g` is NULL or a live graph; `weight` NULL or `weight_len` bytes; `cancel` NULL or
/// live; outputs NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_minimum_spanning_edges(
    g: *const gr_graph,
    weight: *const c_char,
    weight_len: usize,
    algorithm: u32,
    cancel: *const gr_cancel,
    out_sources: *mut *mut gr_keys,
    out_targets: *mut *mut gr_keys,
) -> gr_status {
    run("minimum_spanning_edges", || {
        // SAFETY: promised by the caller.
        let (g, weight, cancel, out_sources, out_targets) = unsafe {
            (
                graph(g)?,
                weight_name(weight, weight_len)?,
                token(cancel),
                out(out_sources, "sources")?,
                out(out_targets, "targets")?,
            )
        };
        let algorithm = spanning_algorithm(algorithm)?;
        let edges = algo::minimum_spanning_edges(&g.core, weight, algorithm, &cancel)?;
        write_keys(edges.sources, out_sources);
        write_keys(edges.targets, out_targets);
        Ok(())
    })
}

/// networkx's `minimum_spanning_tree` as a new graph (in the same pool): every node with
/// its attributes, in node order, and the edges `gr_graph_minimum_spanning_edges` gives,
/// in that order and orientation, with their attributes. Arguments and errors as there.
/// Free the result with `gr_graph_free`.
///
/// # Safety
/// As `gr_graph_minimum_spanning_edges`; `out_graph` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_minimum_spanning_tree(
    g: *const gr_graph,
    weight: *const c_char,
    weight_len: usize,
    algorithm: u32,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    run("minimum_spanning_tree", || {
        // SAFETY: promised by the caller.
        let (g, weight, cancel, out_graph) = unsafe {
            (
                graph(g)?,
                weight_name(weight, weight_len)?,
                token(cancel),
                out(out_graph, "graph")?,
            )
        };
        let algorithm = spanning_algorithm(algorithm)?;
        let tree = algo::minimum_spanning_tree(&g.core, weight, algorithm, &cancel)?;
        *out_graph = into_handle(gr_graph::new(tree));
        Ok(())
    })
}
