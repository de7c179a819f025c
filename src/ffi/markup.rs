//! GraphML and GML files: read into a new graph, or write a graph. Paths as in files.rs.

use std::ffi::c_char;
use std::path::Path;

use crate::core::{Cancel, GraphCore, GraphResult};
use crate::io;

use super::algorithms::{gr_cancel, token};
use super::boundary::{out, run};
use super::files::path_arg;
use super::graph::{gr_graph, graph};
use super::handles::into_handle;
use super::status::gr_status;

/// Reads a GraphML file (gzip recognised by its content) into a new graph: directed as its
/// `edgedefault` says; node ids as int keys when every id is an integer written plainly
/// (`0`, `-12`) or the file (written by `gr_graph_write_graphml`) says so, else string keys;
/// typed attributes from the `<key>` declarations (boolean, int, long, float, double,
/// string; `<default>` values filled in; a node or edge without a value does not have the
/// attribute). Entities are never expanded: a DOCTYPE declaring entities is refused. A
/// malformed file (bad XML, a value not of its key's type, hyperedges, ports, nested
/// graphs) is `GR_STATUS_IO` with a message naming `file:line:column` (column in bytes).
/// `cancel` (may be NULL) stops the read. `path` as for `gr_graph_read_edgelist`.
///
/// # Safety
/// `path` points to `path_len` bytes; `cancel` is NULL or live; `out_graph` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_read_graphml(
    path: *const c_char,
    path_len: usize,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    // SAFETY: promised by the caller.
    unsafe {
        read(
            "read_graphml",
            io::read_graphml,
            path,
            path_len,
            cancel,
            out_graph,
        )
    }
}

/// Writes the graph as GraphML that `gr_graph_read_graphml` reads back to the same graph
/// (nodes and edges in order, attribute kinds and values, absent stays absent) and that
/// networkx and igraph read. `GR_STATUS_INVALID_ARGUMENT`, and no file written, for what
/// GraphML cannot hold exactly: int and string keys in one graph, a Null or bytes value, a
/// column of mixed kinds, a control character. Replaced atomically as by `gr_graph_save`.
///
/// # Safety
/// `g` is NULL or a live graph; `path` points to `path_len` bytes.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_write_graphml(
    g: *const gr_graph,
    path: *const c_char,
    path_len: usize,
) -> gr_status {
    // SAFETY: promised by the caller.
    unsafe { write("write_graphml", io::write_graphml, g, path, path_len) }
}

/// Reads a GML file (gzip recognised by its content) into a new graph: `directed 1` for a
/// directed graph; each node's key its `label` when it has one (an integer label an int
/// key, a string a string key), else its integer `id`; the other scalars of nodes and
/// edges as attributes (integers int64, reals float64, strings str, unless a `# groggy:`
/// comment written by `gr_graph_write_gml` names the kind). A malformed file is
/// `GR_STATUS_IO` naming `file:line:column`. `cancel` (may be NULL) stops the read.
///
/// # Safety
/// `path` points to `path_len` bytes; `cancel` is NULL or live; `out_graph` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_read_gml(
    path: *const c_char,
    path_len: usize,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    // SAFETY: promised by the caller.
    unsafe { read("read_gml", io::read_gml, path, path_len, cancel, out_graph) }
}

/// Writes the graph as GML that `gr_graph_read_gml` reads back to the same graph and that
/// networkx and igraph read: each node with its position as integer `id` and its key as
/// `label` (an integer for an int key, a string for a string key). `GR_STATUS_INVALID_ARGUMENT`,
/// and no file written, for an attribute name that is not a GML key (`[A-Za-z][A-Za-z0-9_]*`)
/// or is `id`/`label` (nodes) or `source`/`target` (edges), a Null or bytes value, or a
/// column of mixed kinds with a value other than int64, float64 or str. Replaced
/// atomically as by `gr_graph_save`.
///
/// # Safety
/// `g` is NULL or a live graph; `path` points to `path_len` bytes.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_write_gml(
    g: *const gr_graph,
    path: *const c_char,
    path_len: usize,
) -> gr_status {
    // SAFETY: promised by the caller.
    unsafe { write("write_gml", io::write_gml, g, path, path_len) }
}

/// A reader's call: the arguments checked, the graph read into a new handle.
///
/// # Safety
/// As for the functions above.
unsafe fn read(
    operation: &'static str,
    reader: fn(&Path, &Cancel) -> GraphResult<GraphCore>,
    path: *const c_char,
    path_len: usize,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    run(operation, || {
        // SAFETY: promised by the caller.
        let (path, cancel, out_graph) = unsafe {
            (
                path_arg(path, path_len)?,
                token(cancel),
                out(out_graph, "graph")?,
            )
        };
        *out_graph = into_handle(gr_graph::new(reader(path, &cancel)?));
        Ok(())
    })
}

/// A writer's call: the arguments checked, the graph written under its read lock.
///
/// # Safety
/// As for the functions above.
unsafe fn write(
    operation: &'static str,
    writer: fn(&GraphCore, &Path) -> GraphResult<()>,
    g: *const gr_graph,
    path: *const c_char,
    path_len: usize,
) -> gr_status {
    run(operation, || {
        // SAFETY: promised by the caller.
        let (g, path) = unsafe { (graph(g)?, path_arg(path, path_len)?) };
        let graph = g.core.read();
        writer(&graph, path)
    })
}
