//! Algorithm functions of `gr_graph`, and `gr_cancel`, the token that stops them.
//!
//! Every algorithm takes an optional `const gr_cancel *` (NULL: not cancellable). Another
//! thread may call `gr_cancel_trigger` on it at any time; the algorithm then returns
//! `GR_STATUS_CANCELLED` within a few milliseconds. Algorithms hold the graph's lock only
//! while taking its snapshot, so writers and other readers go on meanwhile.

use std::ffi::c_char;
use std::ptr;
use std::sync::Arc;

use crate::algo::{self, Cancel, NodeGroups, NodeValues, PageRankOptions};
use crate::core::{GraphResult, KeyList, SharedGraph};

use super::args::KeyArrayArg;
use super::array::{array_handle, gr_array};
use super::boundary::{borrow, key, out, run, utf8};
use super::graph::{gr_graph, graph};
use super::handles::{free_handle, gr_keys, into_handle};
use super::options::{init_options, read_options, VersionedOptions};
use super::status::gr_status;

/// A cancellation token. Safe to trigger from any thread while algorithms run with it.
pub struct gr_cancel {
    token: Cancel,
}

/// Creates a token (not triggered). Free it with `gr_cancel_free` once no algorithm uses it.
///
/// # Safety
/// `out_cancel` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_cancel_new(out_cancel: *mut *mut gr_cancel) -> gr_status {
    run("cancel_new", || {
        // SAFETY: promised by the caller.
        let out_cancel = unsafe { out(out_cancel, "cancel")? };
        *out_cancel = into_handle(gr_cancel {
            token: Cancel::new(),
        });
        Ok(())
    })
}

/// Asks every algorithm running with this token to stop (they return
/// `GR_STATUS_CANCELLED`). It stays triggered.
///
/// # Safety
/// `cancel` is NULL or a live token.
#[no_mangle]
pub unsafe extern "C" fn gr_cancel_trigger(cancel: *const gr_cancel) -> gr_status {
    run("cancel_trigger", || {
        // SAFETY: promised by the caller.
        unsafe { borrow(cancel, "cancel")? }.token.trigger();
        Ok(())
    })
}

/// # Safety
/// `cancel` is NULL or a live token that no running algorithm uses any more.
#[no_mangle]
pub unsafe extern "C" fn gr_cancel_free(cancel: *mut gr_cancel) {
    // SAFETY: passed on to the caller.
    unsafe { free_handle(cancel) }
}

/// The token to run with: the caller's, or a fresh one nobody triggers.
///
/// # Safety
/// `cancel` is NULL or a live token.
pub(crate) unsafe fn token(cancel: *const gr_cancel) -> Cancel {
    // SAFETY: passed on to the caller.
    unsafe { cancel.as_ref() }.map_or_else(Cancel::new, |c| c.token.clone())
}

/// An optional weight column name: NULL for none.
///
/// # Safety
/// `name` is NULL or points to `len` bytes.
pub(crate) unsafe fn weight_name<'a>(
    name: *const c_char,
    len: usize,
) -> GraphResult<Option<&'a str>> {
    if name.is_null() {
        return Ok(None);
    }
    // SAFETY: passed on to the caller.
    unsafe { utf8(name.cast(), len, "weight") }.map(Some)
}

pub(crate) fn write_values(
    values: NodeValues,
    out_keys: &mut *mut gr_keys,
    out_values: &mut *mut gr_array,
) {
    *out_values = array_handle(values.values);
    *out_keys = into_handle(gr_keys::new(values.keys));
}

/// The body of every function that gives one value per node, from an optional weight
/// column (NULL for none; an algorithm without weights passes NULL): reads the weight
/// name, the token, `out_keys` and `out_values` in that order (the first bad argument is
/// the one reported), runs `compute` on the graph and writes its keys and values.
/// `values_name` names `out_values` in the error when it is NULL.
///
/// # Safety
/// `weight` is NULL or points to `weight_len` bytes; `cancel` is NULL or live; the
/// outputs are NULL or writable.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn node_values(
    graph: &SharedGraph,
    weight: *const c_char,
    weight_len: usize,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_values: *mut *mut gr_array,
    values_name: &str,
    compute: impl FnOnce(&SharedGraph, Option<&str>, &Cancel) -> GraphResult<NodeValues>,
) -> GraphResult<()> {
    // SAFETY: passed on to the caller.
    let (weight, cancel, out_keys, out_values) = unsafe {
        (
            weight_name(weight, weight_len)?,
            token(cancel),
            out(out_keys, "keys")?,
            out(out_values, values_name)?,
        )
    };
    write_values(compute(graph, weight, &cancel)?, out_keys, out_values);
    Ok(())
}

pub(crate) fn write_groups(
    groups: NodeGroups,
    out_keys: &mut *mut gr_keys,
    out_sizes: &mut *mut gr_array,
) {
    *out_sizes = array_handle(crate::core::Array::from_i64(groups.sizes));
    *out_keys = into_handle(gr_keys::new(Arc::new(groups.keys)));
}

pub(crate) fn write_keys(list: KeyList, out_keys: &mut *mut gr_keys) {
    *out_keys = into_handle(gr_keys::new(Arc::new(list)));
}

/// The current version of `gr_pagerank_options`.
pub const GR_PAGERANK_OPTIONS_VERSION: u32 = 1;

/// The options of `gr_graph_pagerank`. Fill it with `gr_pagerank_options_init(&opts,
/// GR_PAGERANK_OPTIONS_VERSION)`, then set the fields you need; fields are only ever
/// added at the end, with a new version.
#[repr(C)]
pub struct gr_pagerank_options {
    /// The version of the struct the caller fills (`GR_PAGERANK_OPTIONS_VERSION` of its
    /// header); set by `gr_pagerank_options_init`.
    pub version: u32,
    /// The damping factor, in (0, 1). Default 0.85.
    pub alpha: f64,
    /// The most iterations; without convergence by then, `GR_STATUS_ALGORITHM`. Default 100.
    pub max_iter: usize,
    /// Converged when the L1 change of the scores is below `N * tol`. Default 1e-6.
    pub tol: f64,
    /// An edge column holding the weights, `weight_len` bytes of UTF-8 (NULL, the
    /// default: every edge weighs 1.0). Edges without a value weigh 1.0; a name no edge
    /// has is `GR_STATUS_INVALID_ARGUMENT`.
    pub weight: *const c_char,
    pub weight_len: usize,
    /// The personalization (teleport and dangling) vector: `n_personal` keys, a key array
    /// as `gr_graph_add_nodes` describes (`personal_kinds`, `personal_ints`,
    /// `personal_str_data`, `personal_str_data_len`, `personal_str_offsets`), with their
    /// weights in `personal_values`. `personal_values` NULL (the default): none. Keys not
    /// in the graph are ignored.
    pub personal_kinds: *const u8,
    pub personal_ints: *const i64,
    pub personal_str_data: *const u8,
    pub personal_str_data_len: usize,
    pub personal_str_offsets: *const usize,
    pub personal_values: *const f64,
    pub n_personal: usize,
}

// SAFETY: repr(C), `version` first, fields of plain numbers and pointers (any value
// valid); version 1 is the whole struct.
unsafe impl VersionedOptions for gr_pagerank_options {
    const VERSION: u32 = GR_PAGERANK_OPTIONS_VERSION;
    const INIT: &'static str = "gr_pagerank_options_init";
    fn defaults() -> Self {
        gr_pagerank_options {
            version: GR_PAGERANK_OPTIONS_VERSION,
            alpha: 0.85,
            max_iter: 100,
            tol: 1e-6,
            weight: ptr::null(),
            weight_len: 0,
            personal_kinds: ptr::null(),
            personal_ints: ptr::null(),
            personal_str_data: ptr::null(),
            personal_str_data_len: 0,
            personal_str_offsets: ptr::null(),
            personal_values: ptr::null(),
            n_personal: 0,
        }
    }
    fn size_of_version(_version: u32) -> usize {
        std::mem::size_of::<Self>()
    }
}

/// Fills `*opts` with the defaults of `version` (normally `GR_PAGERANK_OPTIONS_VERSION`):
/// alpha 0.85, max_iter 100, tol 1e-6, no weight, no personalization. A version this
/// library does not know (0, or newer than its own) is `GR_STATUS_INVALID_ARGUMENT` and
/// writes nothing.
///
/// # Safety
/// `opts` is NULL or points to a writable `gr_pagerank_options` of that version.
#[no_mangle]
pub unsafe extern "C" fn gr_pagerank_options_init(
    opts: *mut gr_pagerank_options,
    version: u32,
) -> gr_status {
    // SAFETY: passed on to the caller.
    run("pagerank_options_init", || unsafe {
        init_options(opts, version)
    })
}

/// PageRank with networkx's semantics (the scores its `pagerank` gives) and the options
/// `opts` (NULL: the defaults; see `gr_pagerank_options`). An options version this library
/// does not know is `GR_STATUS_INVALID_ARGUMENT`. Writes every node's key (node order) and
/// its score (float64).
///
/// # Safety
/// `g` is NULL or a live graph; `opts` is NULL or an initialised `gr_pagerank_options`
/// whose pointers are NULL or valid for the lengths given; `cancel` is NULL or live; the
/// outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_pagerank(
    g: *const gr_graph,
    opts: *const gr_pagerank_options,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_scores: *mut *mut gr_array,
) -> gr_status {
    run("pagerank", || {
        // SAFETY: promised by the caller.
        let (g, opts) = unsafe { (graph(g)?, read_options(opts)?) };
        let keys_arg = KeyArrayArg {
            kinds: opts.personal_kinds,
            ints: opts.personal_ints,
            str_data: opts.personal_str_data,
            str_data_len: opts.personal_str_data_len,
            str_offsets: opts.personal_str_offsets,
        };
        // SAFETY: promised by the caller.
        let personal = unsafe {
            keys_arg.read_with_values(opts.personal_values, opts.n_personal, "personalization")?
        };
        // SAFETY: promised by the caller.
        unsafe {
            node_values(
                &g.core,
                opts.weight,
                opts.weight_len,
                cancel,
                out_keys,
                out_scores,
                "scores",
                |graph, weight, cancel| {
                    let options = PageRankOptions {
                        alpha: opts.alpha,
                        max_iter: opts.max_iter,
                        tol: opts.tol,
                        weight,
                        personalization: personal.as_deref(),
                    };
                    algo::pagerank(graph, &options, cancel)
                },
            )
        }
    })
}

/// The body shared by `gr_graph_bfs` and `gr_graph_dfs`.
///
/// # Safety
/// As the exported functions.
#[allow(clippy::too_many_arguments)]
unsafe fn traversal(
    op: &'static str,
    search: fn(
        &SharedGraph,
        crate::core::KeyRef<'_>,
        Option<usize>,
        &Cancel,
    ) -> GraphResult<KeyList>,
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    depth_limit: i64,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
) -> gr_status {
    run(op, || {
        // SAFETY: promised by the caller.
        let (g, source, cancel, out_keys) = unsafe {
            (
                graph(g)?,
                key(key_int, key_str, key_len, "source")?,
                token(cancel),
                out(out_keys, "keys")?,
            )
        };
        let limit = usize::try_from(depth_limit).ok();
        write_keys(search(&g.core, source, limit, &cancel)?, out_keys);
        Ok(())
    })
}

/// Nodes reached from the source, in breadth-first order (neighbours in edge order), at
/// most `depth_limit` hops away (a negative limit: no limit; 0: the source alone).
///
/// # Safety
/// `g` is NULL or a live graph; the key as in `gr_graph_add_node`; `cancel` NULL or live;
/// `out_keys` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_bfs(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    depth_limit: i64,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        traversal(
            "bfs",
            algo::bfs,
            g,
            key_int,
            key_str,
            key_len,
            depth_limit,
            cancel,
            out_keys,
        )
    }
}

/// Nodes reached from the source in depth-first preorder, as networkx's
/// `dfs_preorder_nodes`, at most `depth_limit` hops deep (negative: no limit).
///
/// # Safety
/// As `gr_graph_bfs`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_dfs(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    depth_limit: i64,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        traversal(
            "dfs",
            algo::dfs,
            g,
            key_int,
            key_str,
            key_len,
            depth_limit,
            cancel,
            out_keys,
        )
    }
}

/// A shortest path from `u` to `v` as the keys along it: fewest edges, or least total
/// weight when `weight` (NULL: none) names an edge column (one no edge has:
/// `GR_STATUS_INVALID_ARGUMENT`). `GR_STATUS_NO_PATH` when `v` cannot be reached;
/// `GR_STATUS_ALGORITHM` on a negative weight.
///
/// # Safety
/// `g` is NULL or a live graph; keys as in `gr_graph_add_edge`; `weight` NULL or
/// `weight_len` bytes; `cancel` NULL or live; `out_keys` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_shortest_path(
    g: *const gr_graph,
    u_int: i64,
    u_str: *const c_char,
    u_len: usize,
    v_int: i64,
    v_str: *const c_char,
    v_len: usize,
    weight: *const c_char,
    weight_len: usize,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
) -> gr_status {
    run("shortest_path", || {
        // SAFETY: promised by the caller.
        let (g, u, v, weight, cancel, out_keys) = unsafe {
            (
                graph(g)?,
                key(u_int, u_str, u_len, "source")?,
                key(v_int, v_str, v_len, "target")?,
                weight_name(weight, weight_len)?,
                token(cancel),
                out(out_keys, "keys")?,
            )
        };
        write_keys(
            algo::shortest_path(&g.core, u, v, weight, &cancel)?,
            out_keys,
        );
        Ok(())
    })
}

/// A shortest path (fewest edges) from `u` to `v` as the keys along it, found by
/// breadth-first searches from both ends as networkx's `bidirectional_shortest_path` runs
/// them: among equally short paths, the one networkx gives for `shortest_path(G, u, v)`.
/// `GR_STATUS_NO_PATH` when `v` cannot be reached.
///
/// # Safety
/// `g` is NULL or a live graph; keys as in `gr_graph_add_edge`; `cancel` NULL or live;
/// `out_keys` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_bidirectional_shortest_path(
    g: *const gr_graph,
    u_int: i64,
    u_str: *const c_char,
    u_len: usize,
    v_int: i64,
    v_str: *const c_char,
    v_len: usize,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
) -> gr_status {
    run("bidirectional_shortest_path", || {
        // SAFETY: promised by the caller.
        let (g, u, v, cancel, out_keys) = unsafe {
            (
                graph(g)?,
                key(u_int, u_str, u_len, "source")?,
                key(v_int, v_str, v_len, "target")?,
                token(cancel),
                out(out_keys, "keys")?,
            )
        };
        write_keys(
            algo::bidirectional_shortest_path(&g.core, u, v, &cancel)?,
            out_keys,
        );
        Ok(())
    })
}

/// The length of a shortest path from the source to every node it reaches, in visit
/// order: hop counts (int64) when unweighted, total weights (float64) with `weight`.
///
/// # Safety
/// As `gr_graph_shortest_path`, with one key and two outputs.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_shortest_path_lengths(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    weight: *const c_char,
    weight_len: usize,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_lengths: *mut *mut gr_array,
) -> gr_status {
    run("shortest_path_lengths", || {
        // SAFETY: promised by the caller.
        unsafe {
            let (g, source) = (graph(g)?, key(key_int, key_str, key_len, "source")?);
            node_values(
                &g.core,
                weight,
                weight_len,
                cancel,
                out_keys,
                out_lengths,
                "lengths",
                |graph, weight, cancel| algo::shortest_path_lengths(graph, source, weight, cancel),
            )
        }
    })
}

/// The body shared by the component functions.
///
/// # Safety
/// As the exported functions.
unsafe fn groups(
    op: &'static str,
    find: fn(&SharedGraph, &Cancel) -> GraphResult<NodeGroups>,
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_sizes: *mut *mut gr_array,
) -> gr_status {
    run(op, || {
        // SAFETY: promised by the caller.
        let (g, cancel, out_keys, out_sizes) = unsafe {
            (
                graph(g)?,
                token(cancel),
                out(out_keys, "keys")?,
                out(out_sizes, "sizes")?,
            )
        };
        write_groups(find(&g.core, &cancel)?, out_keys, out_sizes);
        Ok(())
    })
}

/// Connected components (weak components when directed), largest first: `*out_keys`
/// lists the nodes of component 0, then of component 1, ... (each in node order) and
/// `*out_sizes` (int64) how many nodes each has.
///
/// # Safety
/// `g` is NULL or a live graph; `cancel` NULL or live; outputs NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_connected_components(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_sizes: *mut *mut gr_array,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        groups(
            "connected_components",
            algo::connected_components,
            g,
            cancel,
            out_keys,
            out_sizes,
        )
    }
}

/// Strongly connected components of a directed graph, as `gr_graph_connected_components`
/// lays them out. `GR_STATUS_INVALID_OPERATION` on an undirected graph.
///
/// # Safety
/// As `gr_graph_connected_components`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_strongly_connected_components(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_sizes: *mut *mut gr_array,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        groups(
            "strongly_connected_components",
            algo::strongly_connected_components,
            g,
            cancel,
            out_keys,
            out_sizes,
        )
    }
}

/// Strongly connected components of a directed graph in the order Tarjan's search
/// completes them (searching from each node in node order not reached yet, neighbours in
/// edge order): networkx's order for its `strongly_connected_components`. Laid out as
/// `gr_graph_connected_components` lays them out; `GR_STATUS_INVALID_OPERATION` on an
/// undirected graph.
///
/// # Safety
/// As `gr_graph_connected_components`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_strongly_connected_components_found(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_sizes: *mut *mut gr_array,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        groups(
            "strongly_connected_components_found",
            algo::strongly_connected_components_found,
            g,
            cancel,
            out_keys,
            out_sizes,
        )
    }
}

/// Each node's component number (int64), numbered as `gr_graph_connected_components`
/// orders them, with the node keys in node order.
///
/// # Safety
/// As `gr_graph_connected_components`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_component_labels(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_labels: *mut *mut gr_array,
) -> gr_status {
    run("component_labels", || {
        // SAFETY: promised by the caller; the labels take no weight.
        unsafe {
            node_values(
                &graph(g)?.core,
                ptr::null(),
                0,
                cancel,
                out_keys,
                out_labels,
                "labels",
                |graph, _, cancel| algo::component_labels(graph, cancel),
            )
        }
    })
}
