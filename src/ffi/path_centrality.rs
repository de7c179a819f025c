//! Shortest-path centralities of `gr_graph`: betweenness of nodes and of edges (with a
//! versioned options struct), closeness and harmonic centrality.

use std::ffi::c_char;
use std::ptr;

use crate::algo::{self, BetweennessOptions};
use crate::core::KeyRef;

use super::algorithms::{gr_cancel, node_values, token, weight_name, write_keys, write_values};
use super::args::KeyArrayArg;
use super::array::{array_handle, gr_array};
use super::boundary::{out, run};
use super::graph::{gr_graph, graph};
use super::handles::gr_keys;
use super::options::{init_options, read_options, seeded_value, VersionedOptions};
use super::status::gr_status;

/// The current version of `gr_betweenness_options` (2 added the chosen sources).
pub const GR_BETWEENNESS_OPTIONS_VERSION: u32 = 2;

/// The options of `gr_graph_betweenness_centrality` and
/// `gr_graph_edge_betweenness_centrality`. Fill it with `gr_betweenness_options_init(&opts,
/// GR_BETWEENNESS_OPTIONS_VERSION)`, then set the fields you need; fields are only ever
/// added at the end, with a new version.
#[repr(C)]
pub struct gr_betweenness_options {
    /// The version of the struct the caller fills; set by `gr_betweenness_options_init`.
    pub version: u32,
    /// Whether to sample `k` distinct source nodes (with the seed below) and estimate
    /// from their paths alone. Default false: every node is a source.
    pub sampled: bool,
    /// How many sources to sample, from 1 to the number of nodes (else
    /// `GR_STATUS_INVALID_ARGUMENT`), when `sampled`.
    pub k: usize,
    /// Scale to networkx's normalised values. Default true.
    pub normalized: bool,
    /// An edge column of non-negative weights, `weight_len` bytes of UTF-8 (NULL, the
    /// default: every edge weighs 1.0). Edges without a value weigh 1.0; a name no edge
    /// has is `GR_STATUS_INVALID_ARGUMENT`; a negative or NaN weight `GR_STATUS_ALGORITHM`.
    /// A shortest path through an edge of weight 0 counts once (networkx counts some twice).
    pub weight: *const c_char,
    pub weight_len: usize,
    /// Count the endpoints of each path too (node betweenness only). Default false.
    pub endpoints: bool,
    /// The sample's seed: `seeded` false (the default) draws a fresh one.
    pub seeded: bool,
    pub seed: u64,
    /// Version 2. The source nodes, chosen by the caller: `n_sources` keys (0, the
    /// default: none), a key array as `gr_graph_add_nodes` describes (`source_kinds`,
    /// `source_ints`, `source_str_data`, `source_str_data_len`, `source_str_offsets`).
    /// When given, the values come from their paths alone and are scaled as networkx
    /// scales a sample of these nodes (its `k`, with the nodes its `seed` draws);
    /// `sampled` must be false. A key not in the graph is `GR_STATUS_NODE_NOT_FOUND`.
    pub source_kinds: *const u8,
    pub source_ints: *const i64,
    pub source_str_data: *const u8,
    pub source_str_data_len: usize,
    pub source_str_offsets: *const usize,
    pub n_sources: usize,
}

// SAFETY: repr(C), `version` first, fields of bools, numbers and pointers (any value a C
// caller may legally store is valid); version 1 ends where `source_kinds` begins (it
// ended with `seed`, a u64, so no padding moved), version 2 is the whole struct.
unsafe impl VersionedOptions for gr_betweenness_options {
    const VERSION: u32 = GR_BETWEENNESS_OPTIONS_VERSION;
    const INIT: &'static str = "gr_betweenness_options_init";
    fn defaults() -> Self {
        gr_betweenness_options {
            version: GR_BETWEENNESS_OPTIONS_VERSION,
            sampled: false,
            k: 0,
            normalized: true,
            weight: ptr::null(),
            weight_len: 0,
            endpoints: false,
            seeded: false,
            seed: 0,
            source_kinds: ptr::null(),
            source_ints: ptr::null(),
            source_str_data: ptr::null(),
            source_str_data_len: 0,
            source_str_offsets: ptr::null(),
            n_sources: 0,
        }
    }
    fn size_of_version(version: u32) -> usize {
        match version {
            1 => std::mem::offset_of!(Self, source_kinds),
            _ => std::mem::size_of::<Self>(),
        }
    }
}

/// Fills `*opts` with the defaults of `version` (normally `GR_BETWEENNESS_OPTIONS_VERSION`):
/// every node a source, normalised, unweighted, no endpoints, unseeded, no chosen
/// sources. A version this
/// library does not know is `GR_STATUS_INVALID_ARGUMENT` and writes nothing.
///
/// # Safety
/// `opts` is NULL or points to a writable `gr_betweenness_options` of that version.
#[no_mangle]
pub unsafe extern "C" fn gr_betweenness_options_init(
    opts: *mut gr_betweenness_options,
    version: u32,
) -> gr_status {
    // SAFETY: passed on to the caller.
    run("betweenness_options_init", || unsafe {
        init_options(opts, version)
    })
}

/// The chosen sources of `opts` (`None` when it names none).
///
/// # Safety
/// The key array of `opts` is valid for `n_sources` keys.
unsafe fn chosen_sources(
    opts: &gr_betweenness_options,
) -> crate::core::GraphResult<Option<Vec<KeyRef<'_>>>> {
    if opts.n_sources == 0 {
        return Ok(None);
    }
    let keys = KeyArrayArg {
        kinds: opts.source_kinds,
        ints: opts.source_ints,
        str_data: opts.source_str_data,
        str_data_len: opts.source_str_data_len,
        str_offsets: opts.source_str_offsets,
    };
    // SAFETY: promised by the caller.
    unsafe { keys.read(opts.n_sources, "sources") }.map(Some)
}

/// The options as the algorithms take them, with the chosen sources read by
/// `chosen_sources`.
///
/// # Safety
/// `opts.weight` is NULL or points to `opts.weight_len` bytes.
unsafe fn options<'a>(
    opts: &'a gr_betweenness_options,
    sources: Option<&'a [KeyRef<'a>]>,
) -> crate::core::GraphResult<BetweennessOptions<'a>> {
    Ok(BetweennessOptions {
        k: opts.sampled.then_some(opts.k),
        normalized: opts.normalized,
        // SAFETY: promised by the caller.
        weight: unsafe { weight_name(opts.weight, opts.weight_len)? },
        endpoints: opts.endpoints,
        seed: seeded_value(opts.seeded, opts.seed),
        sources,
    })
}

/// Betweenness centrality of every node with networkx's definition and normalisation
/// (its `betweenness_centrality`), with the options `opts` (NULL: the defaults; see
/// `gr_betweenness_options`). Writes every node's key (node order) and value (float64).
/// With a seed, a sampled run gives the same values on any number of threads.
///
/// # Safety
/// `g` is NULL or a live graph; `opts` is NULL or an initialised `gr_betweenness_options`
/// whose `weight` is NULL or valid for `weight_len` bytes; `cancel` is NULL or live; the
/// outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_betweenness_centrality(
    g: *const gr_graph,
    opts: *const gr_betweenness_options,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_values: *mut *mut gr_array,
) -> gr_status {
    run("betweenness_centrality", || {
        // SAFETY: promised by the caller.
        let (g, opts, cancel, out_keys, out_values) = unsafe {
            (
                graph(g)?,
                read_options(opts)?,
                token(cancel),
                out(out_keys, "keys")?,
                out(out_values, "values")?,
            )
        };
        // SAFETY: promised by the caller.
        let sources = unsafe { chosen_sources(&opts)? };
        // SAFETY: promised by the caller.
        let options = unsafe { options(&opts, sources.as_deref())? };
        let result = algo::betweenness_centrality(&g.core, &options, &cancel)?;
        write_values(result, out_keys, out_values);
        Ok(())
    })
}

/// Betweenness centrality of every edge, as networkx's `edge_betweenness_centrality`,
/// with the options `opts` (`endpoints` is not used). Edge `i` goes from
/// `(*out_sources)[i]` to `(*out_targets)[i]`, listed as networkx's `G.edges()` lists a
/// graph built the same way (node by node, each undirected edge once, from its endpoint
/// that came first); `*out_values` holds the values (float64).
///
/// # Safety
/// As `gr_graph_betweenness_centrality`, with three outputs.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_edge_betweenness_centrality(
    g: *const gr_graph,
    opts: *const gr_betweenness_options,
    cancel: *const gr_cancel,
    out_sources: *mut *mut gr_keys,
    out_targets: *mut *mut gr_keys,
    out_values: *mut *mut gr_array,
) -> gr_status {
    run("edge_betweenness_centrality", || {
        // SAFETY: promised by the caller.
        let (g, opts, cancel, out_sources, out_targets, out_values) = unsafe {
            (
                graph(g)?,
                read_options(opts)?,
                token(cancel),
                out(out_sources, "sources")?,
                out(out_targets, "targets")?,
                out(out_values, "values")?,
            )
        };
        // SAFETY: promised by the caller.
        let sources = unsafe { chosen_sources(&opts)? };
        // SAFETY: promised by the caller.
        let options = unsafe { options(&opts, sources.as_deref())? };
        let result = algo::edge_betweenness_centrality(&g.core, &options, &cancel)?;
        *out_values = array_handle(result.values);
        write_keys(result.sources, out_sources);
        write_keys(result.targets, out_targets);
        Ok(())
    })
}

/// Closeness centrality of every node, as networkx's `closeness_centrality` (on a
/// directed graph, from the distances that reach each node): `weight` (NULL: none) names
/// an edge column of distances; `wf_improved` scales by the share of nodes that reach it.
/// Writes keys (node order) and values (float64).
///
/// # Safety
/// `g` is NULL or a live graph; `weight` NULL or `weight_len` bytes; `cancel` NULL or
/// live; the outputs NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_closeness_centrality(
    g: *const gr_graph,
    weight: *const c_char,
    weight_len: usize,
    wf_improved: bool,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_values: *mut *mut gr_array,
) -> gr_status {
    run("closeness_centrality", || {
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
                |graph, weight, cancel| {
                    algo::closeness_centrality(graph, weight, wf_improved, cancel)
                },
            )
        }
    })
}

/// Harmonic centrality of every node, as networkx's `harmonic_centrality`: the sum of
/// `1 / d(v, u)` over the nodes `v` that reach `u`; `weight` as in
/// `gr_graph_closeness_centrality`.
///
/// # Safety
/// As `gr_graph_closeness_centrality`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_harmonic_centrality(
    g: *const gr_graph,
    weight: *const c_char,
    weight_len: usize,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_values: *mut *mut gr_array,
) -> gr_status {
    run("harmonic_centrality", || {
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
                algo::harmonic_centrality,
            )
        }
    })
}
