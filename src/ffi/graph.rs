//! `gr_graph`: the graph handle, its lifecycle and sizes. The functions on nodes, edges and
//! attributes live in `nodes.rs`, `edges.rs` and `attributes.rs`; each checks its
//! arguments, takes the handle's lock, calls `GraphCore` and converts the result.

use std::sync::Arc;

use std::sync::atomic::Ordering;

use crate::core::{GraphCore, KeyList, Profile, SharedGraph};

use super::args::KeyArrayArg;
use super::boundary::{borrow, out, profile_this_call, run, PROFILING_GRAPHS};
use super::handles::{free_handle, gr_keys, into_handle};
use super::status::gr_status;

/// A graph. Safe to use from several threads at once: any number of readers, one writer.
pub struct gr_graph {
    pub(crate) core: SharedGraph,
    /// Per-operation times, while profiling is on.
    pub(crate) profile: parking_lot::Mutex<Option<Arc<Profile>>>,
}

impl gr_graph {
    pub(crate) fn new(core: GraphCore) -> gr_graph {
        gr_graph {
            core: SharedGraph::new(core),
            profile: parking_lot::Mutex::new(None),
        }
    }
}

impl Drop for gr_graph {
    fn drop(&mut self) {
        if self.profile.get_mut().take().is_some() {
            PROFILING_GRAPHS.fetch_sub(1, Ordering::Relaxed);
        }
    }
}

/// The graph behind a handle; its profile (if on) records the current call.
///
/// # Safety
/// `g` is NULL or a live graph handle.
pub(crate) unsafe fn graph<'a>(g: *const gr_graph) -> crate::core::GraphResult<&'a gr_graph> {
    // SAFETY: passed on to the caller.
    let g = unsafe { borrow(g, "graph") }?;
    if PROFILING_GRAPHS.load(Ordering::Relaxed) > 0 {
        if let Some(profile) = &*g.profile.lock() {
            profile_this_call(profile);
        }
    }
    Ok(g)
}

/// A key list as a handle for the caller.
pub(crate) fn keys_handle(list: KeyList) -> *mut gr_keys {
    into_handle(gr_keys::new(Arc::new(list)))
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
        let copy = g.core.copy()?;
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
        let sub = g.core.subgraph(&keys)?;
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
        unsafe { graph(g)? }.core.write()?.clear();
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

/// The node and edge counts together, without being recorded by the graph's profiler:
/// for bindings sizing their own work (whether to run an algorithm on a worker thread, for
/// instance), which the user did not ask for.
///
/// # Safety
/// `g` is NULL or a live graph; `out_nodes` and `out_edges` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_size(
    g: *const gr_graph,
    out_nodes: *mut usize,
    out_edges: *mut usize,
) -> gr_status {
    run("size", || {
        // SAFETY: promised by the caller. `borrow`, not `graph`: the call stays unprofiled.
        let (g, out_nodes, out_edges) = unsafe {
            (
                borrow(g, "graph")?,
                out(out_nodes, "nodes")?,
                out(out_edges, "edges")?,
            )
        };
        let core = g.core.read();
        (*out_nodes, *out_edges) = (core.node_count(), core.edge_count());
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
