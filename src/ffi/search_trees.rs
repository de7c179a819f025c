//! Search trees of `gr_graph`: the edge a breadth-first, depth-first or shortest-path
//! search reached each node by, with the depth-first postorder and the shortest-path
//! lengths. Results are parallel key lists: `nodes[i]` was reached from `parents[i]`, and
//! a node where a search started is its own parent.

use std::ffi::c_char;
use std::ptr;

use crate::algo::{self, PathTree, SearchOptions, SearchTree};
use crate::core::{GraphResult, SharedGraph};

use super::algorithms::{gr_cancel, token, weight_name, write_groups, write_keys};
use super::args::KeyArrayArg;
use super::array::{array_handle, gr_array};
use super::boundary::{key, out, run};
use super::graph::{gr_graph, graph};
use super::handles::gr_keys;
use super::options::{init_options, read_options, VersionedOptions};
use super::status::gr_status;

/// The current version of `gr_search_options`.
pub const GR_SEARCH_OPTIONS_VERSION: u32 = 1;

/// The options of `gr_graph_bfs_tree`, `gr_graph_dfs_tree` and `gr_graph_dfs_forest`.
/// Fill it with `gr_search_options_init(&opts, GR_SEARCH_OPTIONS_VERSION)`, then set the
/// fields you need; fields are only ever added at the end, with a new version.
#[repr(C)]
pub struct gr_search_options {
    /// The version of the struct the caller fills; set by `gr_search_options_init`.
    pub version: u32,
    /// The most edges between the start of a search and a node it reaches; a node that
    /// far is reached but not searched from. Negative (the default, -1): no limit; 0: the
    /// start alone.
    pub depth_limit: i64,
    /// Follow edges backwards, into each node (directed graphs; no effect on undirected
    /// ones). Default false.
    pub reverse: bool,
}

// SAFETY: repr(C), `version` first, fields of a number and a bool (any value a C caller
// may legally store is valid); version 1 is the whole struct.
unsafe impl VersionedOptions for gr_search_options {
    const VERSION: u32 = GR_SEARCH_OPTIONS_VERSION;
    const INIT: &'static str = "gr_search_options_init";
    fn defaults() -> Self {
        gr_search_options {
            version: GR_SEARCH_OPTIONS_VERSION,
            depth_limit: -1,
            reverse: false,
        }
    }
    fn size_of_version(_version: u32) -> usize {
        std::mem::size_of::<Self>()
    }
}

/// Fills `*opts` with the defaults of `version` (normally `GR_SEARCH_OPTIONS_VERSION`): no
/// depth limit, edges followed forwards. A version this library does not know is
/// `GR_STATUS_INVALID_ARGUMENT` and writes nothing.
///
/// # Safety
/// `opts` is NULL or points to a writable `gr_search_options` of that version.
#[no_mangle]
pub unsafe extern "C" fn gr_search_options_init(
    opts: *mut gr_search_options,
    version: u32,
) -> gr_status {
    // SAFETY: passed on to the caller.
    run("search_options_init", || unsafe {
        init_options(opts, version)
    })
}

impl gr_search_options {
    fn to_algo(&self) -> SearchOptions {
        SearchOptions {
            depth_limit: usize::try_from(self.depth_limit).ok(),
            reverse: self.reverse,
        }
    }
}

/// The body of the three search-tree functions: reads the options, the token and the
/// outputs in that order, runs `search` and writes its lists (`out_postorder` NULL for a
/// breadth-first search, which has none).
///
/// # Safety
/// As the exported functions.
unsafe fn search_tree(
    g: *const gr_graph,
    opts: *const gr_search_options,
    cancel: *const gr_cancel,
    out_nodes: *mut *mut gr_keys,
    out_parents: *mut *mut gr_keys,
    out_postorder: Option<*mut *mut gr_keys>,
    search: impl FnOnce(&SharedGraph, &SearchOptions, &algo::Cancel) -> GraphResult<SearchTree>,
) -> GraphResult<()> {
    // SAFETY: promised by the caller.
    let (g, opts, cancel, out_nodes, out_parents) = unsafe {
        (
            graph(g)?,
            read_options(opts)?,
            token(cancel),
            out(out_nodes, "nodes")?,
            out(out_parents, "parents")?,
        )
    };
    let out_postorder = match out_postorder {
        // SAFETY: promised by the caller.
        Some(p) => Some(unsafe { out(p, "postorder")? }),
        None => None,
    };
    let tree = search(&g.core, &opts.to_algo(), &cancel)?;
    write_keys(tree.nodes, out_nodes);
    write_keys(tree.parents, out_parents);
    if let Some(out_postorder) = out_postorder {
        write_keys(tree.postorder, out_postorder);
    }
    Ok(())
}

/// The breadth-first search tree from the source, as networkx's `bfs_edges` walks it:
/// `*out_nodes` lists the nodes reached in visit order (the source first; each node's
/// neighbours in edge order, level by level) and `*out_parents` the node each was reached
/// from (the source's is the source). Neighbours are successors on a directed graph, or
/// predecessors with `reverse`; `opts` NULL: the defaults (see `gr_search_options`).
/// `GR_STATUS_NODE_NOT_FOUND` for a source not in the graph.
///
/// # Safety
/// `g` is NULL or a live graph; the key as in `gr_graph_add_node`; `opts` NULL or an
/// initialised `gr_search_options`; `cancel` NULL or live; the outputs NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_bfs_tree(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    opts: *const gr_search_options,
    cancel: *const gr_cancel,
    out_nodes: *mut *mut gr_keys,
    out_parents: *mut *mut gr_keys,
) -> gr_status {
    run("bfs_tree", || {
        // SAFETY: promised by the caller.
        let source = unsafe { key(key_int, key_str, key_len, "source")? };
        // SAFETY: promised by the caller.
        unsafe {
            search_tree(g, opts, cancel, out_nodes, out_parents, None, |g, o, c| {
                algo::bfs_tree(g, source, o, c)
            })
        }
    })
}

/// The depth-first search tree from the source, as networkx's `dfs_edges` and
/// `dfs_labeled_edges` walk it: `*out_nodes` in preorder (the source first; a node's
/// children in edge order, each explored fully before the next), `*out_parents` the node
/// each was reached from (the source's is the source), and `*out_postorder` the nodes
/// searched from, in the order their search finished (a node at the depth limit is not
/// searched from: networkx's `dfs_postorder_nodes` leaves it out too). `reverse` follows
/// edges backwards. `GR_STATUS_NODE_NOT_FOUND` for a source not in the graph.
///
/// # Safety
/// As `gr_graph_bfs_tree`, with one output more.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_dfs_tree(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    opts: *const gr_search_options,
    cancel: *const gr_cancel,
    out_nodes: *mut *mut gr_keys,
    out_parents: *mut *mut gr_keys,
    out_postorder: *mut *mut gr_keys,
) -> gr_status {
    run("dfs_tree", || {
        // SAFETY: promised by the caller.
        let source = unsafe { key(key_int, key_str, key_len, "source")? };
        // SAFETY: promised by the caller.
        unsafe {
            search_tree(
                g,
                opts,
                cancel,
                out_nodes,
                out_parents,
                Some(out_postorder),
                |g, o, c| algo::dfs_tree(g, Some(source), o, c),
            )
        }
    })
}

/// Depth-first searches from every node, in node order, that no earlier search reached
/// (networkx's `dfs_edges(G)` without a source), laid out as `gr_graph_dfs_tree` lays out
/// one: each search's start is its own parent; the depth limit applies to each search.
///
/// # Safety
/// `g` is NULL or a live graph; `opts` NULL or an initialised `gr_search_options`;
/// `cancel` NULL or live; the outputs NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_dfs_forest(
    g: *const gr_graph,
    opts: *const gr_search_options,
    cancel: *const gr_cancel,
    out_nodes: *mut *mut gr_keys,
    out_parents: *mut *mut gr_keys,
    out_postorder: *mut *mut gr_keys,
) -> gr_status {
    run("dfs_forest", || {
        // SAFETY: promised by the caller.
        unsafe {
            search_tree(
                g,
                opts,
                cancel,
                out_nodes,
                out_parents,
                Some(out_postorder),
                |g, o, c| algo::dfs_tree(g, None, o, c),
            )
        }
    })
}

/// The layers of a breadth-first search from all the sources at once, as networkx's
/// `bfs_layers`: layer 0 holds the sources (in the order given, a repeated one once), each
/// next layer the successors of the layer before that no layer holds yet, in edge order.
/// The sources are `n` keys, a key array as `gr_graph_add_nodes` describes (`kinds`,
/// `ints`, `str_data`, `str_data_len`, `str_offsets`); none gives no layers. `*out_keys`
/// lists layer 0, then layer 1, ..., and `*out_sizes` (int64) how many nodes each holds.
/// `GR_STATUS_NODE_NOT_FOUND` for a source not in the graph.
///
/// # Safety
/// `g` is NULL or a live graph; the key array valid for `n` keys; `cancel` NULL or live;
/// the outputs NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_bfs_layers(
    g: *const gr_graph,
    kinds: *const u8,
    ints: *const i64,
    str_data: *const u8,
    str_data_len: usize,
    str_offsets: *const usize,
    n: usize,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_sizes: *mut *mut gr_array,
) -> gr_status {
    run("bfs_layers", || {
        let keys = KeyArrayArg {
            kinds,
            ints,
            str_data,
            str_data_len,
            str_offsets,
        };
        // SAFETY: promised by the caller.
        let (g, sources, cancel, out_keys, out_sizes) = unsafe {
            (
                graph(g)?,
                keys.read(n, "sources")?,
                token(cancel),
                out(out_keys, "keys")?,
                out(out_sizes, "sizes")?,
            )
        };
        write_groups(
            algo::bfs_layers(&g.core, &sources, &cancel)?,
            out_keys,
            out_sizes,
        );
        Ok(())
    })
}

/// The current version of `gr_path_tree_options`.
pub const GR_PATH_TREE_OPTIONS_VERSION: u32 = 1;

/// The options of `gr_graph_shortest_path_tree`. Fill it with
/// `gr_path_tree_options_init(&opts, GR_PATH_TREE_OPTIONS_VERSION)`, then set the fields
/// you need; fields are only ever added at the end, with a new version.
#[repr(C)]
pub struct gr_path_tree_options {
    /// The version of the struct the caller fills; set by `gr_path_tree_options_init`.
    pub version: u32,
    /// An edge column of non-negative weights, `weight_len` bytes of UTF-8 (NULL, the
    /// default: every edge weighs 1 and lengths are hop counts). Edges without a value
    /// weigh 1.0; a name no edge has is `GR_STATUS_INVALID_ARGUMENT`; a negative or NaN
    /// weight on an edge the search follows, `GR_STATUS_ALGORITHM`.
    pub weight: *const c_char,
    pub weight_len: usize,
    /// No path longer than this is followed (networkx's `cutoff` of its Dijkstra
    /// functions): a node is reached only within it. Default infinity; NaN is none too.
    /// The source is always reached.
    pub cutoff: f64,
}

// SAFETY: repr(C), `version` first, fields of numbers and a pointer (any value valid);
// version 1 is the whole struct.
unsafe impl VersionedOptions for gr_path_tree_options {
    const VERSION: u32 = GR_PATH_TREE_OPTIONS_VERSION;
    const INIT: &'static str = "gr_path_tree_options_init";
    fn defaults() -> Self {
        gr_path_tree_options {
            version: GR_PATH_TREE_OPTIONS_VERSION,
            weight: ptr::null(),
            weight_len: 0,
            cutoff: f64::INFINITY,
        }
    }
    fn size_of_version(_version: u32) -> usize {
        std::mem::size_of::<Self>()
    }
}

/// Fills `*opts` with the defaults of `version` (normally `GR_PATH_TREE_OPTIONS_VERSION`):
/// no weight, no cutoff. A version this library does not know is
/// `GR_STATUS_INVALID_ARGUMENT` and writes nothing.
///
/// # Safety
/// `opts` is NULL or points to a writable `gr_path_tree_options` of that version.
#[no_mangle]
pub unsafe extern "C" fn gr_path_tree_options_init(
    opts: *mut gr_path_tree_options,
    version: u32,
) -> gr_status {
    // SAFETY: passed on to the caller.
    run("path_tree_options_init", || unsafe {
        init_options(opts, version)
    })
}

/// Shortest paths from the source to every node it reaches, as networkx's
/// `single_source_dijkstra` finds them (`single_source_shortest_path` without a weight):
/// `*out_nodes` in the order the search settled them (the source first), `*out_parents`
/// the node before each on its path (the source's is the source; a path is the parent's
/// path and the node), `*out_lengths` their lengths (int64 hop counts without a weight,
/// float64 with one), and `*out_reached` the same nodes in the order the search first
/// reached them (the order of networkx's dict of paths). Among equally short paths, the
/// one networkx's Dijkstra keeps (the first found). `opts` NULL: the defaults (see
/// `gr_path_tree_options`). `GR_STATUS_NODE_NOT_FOUND` for a source not in the graph.
///
/// # Safety
/// `g` is NULL or a live graph; the key as in `gr_graph_add_node`; `opts` NULL or an
/// initialised `gr_path_tree_options` whose `weight` is NULL or valid for `weight_len`
/// bytes; `cancel` NULL or live; the outputs NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_shortest_path_tree(
    g: *const gr_graph,
    key_int: i64,
    key_str: *const c_char,
    key_len: usize,
    opts: *const gr_path_tree_options,
    cancel: *const gr_cancel,
    out_nodes: *mut *mut gr_keys,
    out_parents: *mut *mut gr_keys,
    out_lengths: *mut *mut gr_array,
    out_reached: *mut *mut gr_keys,
) -> gr_status {
    run("shortest_path_tree", || {
        // SAFETY: promised by the caller.
        let (g, source, opts) = unsafe {
            (
                graph(g)?,
                key(key_int, key_str, key_len, "source")?,
                read_options(opts)?,
            )
        };
        // SAFETY: promised by the caller.
        let (weight, cancel, out_nodes, out_parents, out_lengths, out_reached) = unsafe {
            (
                weight_name(opts.weight, opts.weight_len)?,
                token(cancel),
                out(out_nodes, "nodes")?,
                out(out_parents, "parents")?,
                out(out_lengths, "lengths")?,
                out(out_reached, "reached")?,
            )
        };
        let PathTree {
            nodes,
            parents,
            lengths,
            reached,
        } = algo::shortest_path_tree(&g.core, source, weight, Some(opts.cutoff), &cancel)?;
        write_keys(nodes, out_nodes);
        write_keys(parents, out_parents);
        *out_lengths = array_handle(lengths);
        write_keys(reached, out_reached);
        Ok(())
    })
}
