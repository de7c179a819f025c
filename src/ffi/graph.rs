//! `gr_graph`: the graph handle, its lifecycle and sizes. The functions on nodes, edges and
//! attributes live in `nodes.rs`, `edges.rs` and `attributes.rs`; each checks its
//! arguments, takes the handle's lock, calls `GraphCore` and converts the result.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use parking_lot::{Mutex, RwLock};

use crate::core::{GraphCore, GraphError, GraphResult, KeyList, Profile, SharedGraph};

use super::args::KeyArrayArg;
use super::boundary::{borrow, out, profile_this_call, run, run_infallible, PROFILING_GRAPHS};
use super::handles::{free_handle, gr_keys, into_handle};
use super::status::gr_status;

/// A graph handle. Safe to use from several threads at once: any number of readers, one
/// writer. The handle outlives the graph it names: `gr_graph_close` lets the graph go while
/// calls may be running on it, and every later call fails with `GR_STATUS_INVALID_OPERATION`
/// until `gr_graph_free` releases the handle itself.
pub struct gr_graph {
    /// The open graph, `None` once closed. Each call holds its own `Arc` for as long as it
    /// runs (the lock only while cloning it), so closing never waits for a call, and the
    /// graph is freed when the last call in flight returns.
    open: RwLock<Option<Arc<OpenGraph>>>,
}

/// What an open graph handle names: the graph and its profiler.
pub(crate) struct OpenGraph {
    pub(crate) core: SharedGraph,
    /// Per-operation times, while profiling is on.
    pub(crate) profile: Mutex<Option<Arc<Profile>>>,
}

impl gr_graph {
    pub(crate) fn new(core: GraphCore) -> gr_graph {
        let open = OpenGraph {
            core: SharedGraph::new(core),
            profile: Mutex::new(None),
        };
        gr_graph {
            open: RwLock::new(Some(Arc::new(open))),
        }
    }

    /// The open graph, for the length of one call; `InvalidOperation` once closed.
    pub(crate) fn open(&self) -> GraphResult<Arc<OpenGraph>> {
        self.open
            .read()
            .clone()
            .ok_or_else(|| GraphError::InvalidOperation("the graph is closed".into()))
    }

    /// Lets the graph go; it is freed now, or when the last call in flight returns.
    fn close(&self) {
        let graph = self.open.write().take();
        drop(graph); // outside the lock: freeing a large graph takes a while
    }
}

impl Drop for OpenGraph {
    fn drop(&mut self) {
        if self.profile.get_mut().take().is_some() {
            PROFILING_GRAPHS.fetch_sub(1, Ordering::Relaxed);
        }
    }
}

/// The open graph behind a handle, for one call; its profile (if on) records the call.
///
/// # Safety
/// `g` is NULL or a live graph handle.
pub(crate) unsafe fn graph(g: *const gr_graph) -> GraphResult<Arc<OpenGraph>> {
    // SAFETY: passed on to the caller.
    let g = unsafe { unprofiled_graph(g) }?;
    if PROFILING_GRAPHS.load(Ordering::Relaxed) > 0 {
        if let Some(profile) = &*g.profile.lock() {
            profile_this_call(profile);
        }
    }
    Ok(g)
}

/// As [`graph`], for calls the user did not ask for (bindings sizing their work, the
/// profiler's own calls): they are not recorded.
///
/// # Safety
/// `g` is NULL or a live graph handle.
pub(crate) unsafe fn unprofiled_graph(g: *const gr_graph) -> GraphResult<Arc<OpenGraph>> {
    // SAFETY: passed on to the caller.
    unsafe { borrow(g, "graph") }?.open()
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

/// Closes a graph: its memory is freed now, or, when calls on it are still running on other
/// threads (or this call comes from a callback running over it), as soon as the last of them
/// returns. Never waits. Every call on the handle after this fails with
/// `GR_STATUS_INVALID_OPERATION` ("the graph is closed"), until `gr_graph_free` releases the
/// handle. Closing twice is fine; NULL is a no-op.
///
/// # Safety
/// `g` is NULL or a live graph handle.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_close(g: *mut gr_graph) {
    run_infallible(|| {
        // SAFETY: promised by the caller.
        if let Ok(g) = unsafe { borrow(g, "graph") } {
            g.close();
        }
    })
}

/// Whether `gr_graph_close` was called on the handle.
///
/// # Safety
/// `g` is NULL or a live graph handle; `out_closed` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_is_closed(
    g: *const gr_graph,
    out_closed: *mut bool,
) -> gr_status {
    run("is_closed", || {
        // SAFETY: promised by the caller.
        let (g, out_closed) = unsafe { (borrow(g, "graph")?, out(out_closed, "closed")?) };
        *out_closed = g.open.read().is_none();
        Ok(())
    })
}

/// Frees a graph handle (closing the graph first if it is open). NULL is a no-op.
///
/// Unlike `gr_graph_close`, this releases the handle itself, so no other thread may be
/// using the handle or start using it, and no callback may be running over it: to end a
/// graph that other threads may still be using, call `gr_graph_close` and free the handle
/// once they are done with it.
///
/// # Safety
/// `g` is NULL or a live graph handle, used by no other thread, and never used afterwards.
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
        // SAFETY: promised by the caller.
        let (g, out_nodes, out_edges) = unsafe {
            (
                unprofiled_graph(g)?,
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
