//! Degree and spectral centralities of `gr_graph` (degree, eigenvector, Katz, HITS), each
//! with networkx's definition; results are node keys (node order) with float64 scores.

use std::ffi::c_char;
use std::ptr;
use std::sync::Arc;

use crate::algo::{
    self, Cancel, EigenvectorOptions, HitsOptions, HitsValues, KatzOptions, NodeValues,
};
use crate::core::{GraphResult, SharedGraph};

use super::algorithms::{gr_cancel, node_values, token, write_values};
use super::args::KeyArrayArg;
use super::array::gr_array;
use super::boundary::{out, run};
use super::graph::{gr_graph, graph};
use super::handles::gr_keys;
use super::options::{init_options, read_options, VersionedOptions};
use super::status::gr_status;

/// The body shared by the degree centralities.
///
/// # Safety
/// As the exported functions.
unsafe fn degrees(
    op: &'static str,
    compute: fn(&SharedGraph, &Cancel) -> GraphResult<NodeValues>,
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_values: *mut *mut gr_array,
) -> gr_status {
    run(op, || {
        // SAFETY: promised by the caller; degrees take no weight.
        unsafe {
            node_values(
                &graph(g)?.core,
                ptr::null(),
                0,
                cancel,
                out_keys,
                out_values,
                "values",
                |graph, _, cancel| compute(graph, cancel),
            )
        }
    })
}

/// Each node's degree divided by `n - 1` (in + out when directed; an undirected self-loop
/// counts twice), as networkx's `degree_centrality`; every node gets 1 when the graph has
/// one node.
///
/// # Safety
/// `g` is NULL or a live graph; `cancel` NULL or live; outputs NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_degree_centrality(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_values: *mut *mut gr_array,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        degrees(
            "degree_centrality",
            algo::degree_centrality,
            g,
            cancel,
            out_keys,
            out_values,
        )
    }
}

/// In-degree over `n - 1`; `GR_STATUS_INVALID_OPERATION` on an undirected graph.
///
/// # Safety
/// As `gr_graph_degree_centrality`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_in_degree_centrality(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_values: *mut *mut gr_array,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        degrees(
            "in_degree_centrality",
            algo::in_degree_centrality,
            g,
            cancel,
            out_keys,
            out_values,
        )
    }
}

/// Out-degree over `n - 1`; `GR_STATUS_INVALID_OPERATION` on an undirected graph.
///
/// # Safety
/// As `gr_graph_degree_centrality`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_out_degree_centrality(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_values: *mut *mut gr_array,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        degrees(
            "out_degree_centrality",
            algo::out_degree_centrality,
            g,
            cancel,
            out_keys,
            out_values,
        )
    }
}

/// Eigenvector centrality by networkx's power iteration (start 1/n; `x <- x (A + I)`
/// normalised to unit Euclidean norm; stop when the L1 change is below `n * tol`), with
/// edge weights from column `weight` (NULL: all 1; a name no edge has:
/// `GR_STATUS_INVALID_ARGUMENT`). `GR_STATUS_ALGORITHM` without convergence in
/// `max_iter` steps; `GR_STATUS_INVALID_OPERATION` on a graph without nodes; a negative
/// or NaN `tol` is `GR_STATUS_INVALID_ARGUMENT`.
///
/// # Safety
/// `g` is NULL or a live graph; `weight` NULL or `weight_len` bytes; `cancel` NULL or
/// live; outputs NULL or writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn gr_graph_eigenvector_centrality(
    g: *const gr_graph,
    max_iter: usize,
    tol: f64,
    weight: *const c_char,
    weight_len: usize,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_values: *mut *mut gr_array,
) -> gr_status {
    run("eigenvector_centrality", || {
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
                    let options = EigenvectorOptions {
                        max_iter,
                        tol,
                        weight,
                    };
                    algo::eigenvector_centrality(graph, &options, cancel)
                },
            )
        }
    })
}

/// The current version of `gr_katz_options`.
pub const GR_KATZ_OPTIONS_VERSION: u32 = 1;

/// The options of `gr_graph_katz_centrality`. Fill it with `gr_katz_options_init(&opts,
/// GR_KATZ_OPTIONS_VERSION)`, then set the fields you need; fields are only ever added at
/// the end, with a new version.
#[repr(C)]
pub struct gr_katz_options {
    /// The version of the struct the caller fills (`GR_KATZ_OPTIONS_VERSION` of its
    /// header); set by `gr_katz_options_init`.
    pub version: u32,
    /// The attenuation factor. Default 0.1.
    pub alpha: f64,
    /// What every node gets of its own. Default 1.0.
    pub beta: f64,
    /// The most iterations; without convergence by then, `GR_STATUS_ALGORITHM`. Default
    /// 1000.
    pub max_iter: usize,
    /// Converged when the L1 change of the scores is below `N * tol`. Default 1e-6.
    pub tol: f64,
    /// Scale the result to unit Euclidean norm. Default true.
    pub normalized: bool,
    /// An edge column holding the weights, `weight_len` bytes of UTF-8 (NULL, the
    /// default: every edge weighs 1.0). Edges without a value weigh 1.0; a name no edge
    /// has is `GR_STATUS_INVALID_ARGUMENT`.
    pub weight: *const c_char,
    pub weight_len: usize,
    /// A beta per node instead of `beta`: `n_beta` keys, a key array as
    /// `gr_graph_add_nodes` describes (`beta_kinds`, `beta_ints`, `beta_str_data`,
    /// `beta_str_data_len`, `beta_str_offsets`), with their values in `beta_values`.
    /// `beta_values` NULL (the default): none. Every node must be listed, and no key that
    /// is not a node (else `GR_STATUS_INVALID_ARGUMENT`, as networkx).
    pub beta_kinds: *const u8,
    pub beta_ints: *const i64,
    pub beta_str_data: *const u8,
    pub beta_str_data_len: usize,
    pub beta_str_offsets: *const usize,
    pub beta_values: *const f64,
    pub n_beta: usize,
}

// SAFETY: repr(C), `version` first, fields of plain numbers, pointers (any value valid)
// and one bool (0 or 1 from a C caller); version 1 is the whole struct.
unsafe impl VersionedOptions for gr_katz_options {
    const VERSION: u32 = GR_KATZ_OPTIONS_VERSION;
    const INIT: &'static str = "gr_katz_options_init";
    fn defaults() -> Self {
        gr_katz_options {
            version: GR_KATZ_OPTIONS_VERSION,
            alpha: 0.1,
            beta: 1.0,
            max_iter: 1000,
            tol: 1e-6,
            normalized: true,
            weight: ptr::null(),
            weight_len: 0,
            beta_kinds: ptr::null(),
            beta_ints: ptr::null(),
            beta_str_data: ptr::null(),
            beta_str_data_len: 0,
            beta_str_offsets: ptr::null(),
            beta_values: ptr::null(),
            n_beta: 0,
        }
    }
    fn size_of_version(_version: u32) -> usize {
        std::mem::size_of::<Self>()
    }
}

/// Fills `*opts` with the defaults of `version` (normally `GR_KATZ_OPTIONS_VERSION`):
/// alpha 0.1, beta 1.0, max_iter 1000, tol 1e-6, normalized, no weight, no beta per
/// node. A version this library does not know is `GR_STATUS_INVALID_ARGUMENT` and writes
/// nothing.
///
/// # Safety
/// `opts` is NULL or points to a writable `gr_katz_options` of that version.
#[no_mangle]
pub unsafe extern "C" fn gr_katz_options_init(
    opts: *mut gr_katz_options,
    version: u32,
) -> gr_status {
    // SAFETY: passed on to the caller.
    run("katz_options_init", || unsafe {
        init_options(opts, version)
    })
}

/// Katz centrality by networkx's iteration (start 0; `x <- alpha x A + beta`; stop when
/// the L1 change is below `N * tol`; then, when normalized, scale to unit Euclidean norm)
/// with the options `opts` (NULL: the defaults; see `gr_katz_options`).
/// `GR_STATUS_ALGORITHM` without convergence; a graph without nodes gives empty results.
///
/// # Safety
/// `g` is NULL or a live graph; `opts` is NULL or an initialised `gr_katz_options` whose
/// pointers are NULL or valid for the lengths given; `cancel` is NULL or live; the outputs
/// are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_katz_centrality(
    g: *const gr_graph,
    opts: *const gr_katz_options,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_values: *mut *mut gr_array,
) -> gr_status {
    run("katz_centrality", || {
        // SAFETY: promised by the caller.
        let (g, opts) = unsafe { (graph(g)?, read_options(opts)?) };
        let keys_arg = KeyArrayArg {
            kinds: opts.beta_kinds,
            ints: opts.beta_ints,
            str_data: opts.beta_str_data,
            str_data_len: opts.beta_str_data_len,
            str_offsets: opts.beta_str_offsets,
        };
        // SAFETY: promised by the caller.
        let betas = unsafe { keys_arg.read_with_values(opts.beta_values, opts.n_beta, "beta")? };
        // SAFETY: promised by the caller.
        unsafe {
            node_values(
                &g.core,
                opts.weight,
                opts.weight_len,
                cancel,
                out_keys,
                out_values,
                "values",
                |graph, weight, cancel| {
                    let options = KatzOptions {
                        alpha: opts.alpha,
                        beta: opts.beta,
                        beta_by_node: betas.as_deref(),
                        max_iter: opts.max_iter,
                        tol: opts.tol,
                        normalized: opts.normalized,
                        weight,
                    };
                    algo::katz_centrality(graph, &options, cancel)
                },
            )
        }
    })
}

/// HITS hubs and authorities (the dominant singular vectors of the adjacency matrix,
/// weighted by the edge column "weight" when the graph has one, as networkx's `hits`),
/// by power iteration to within `tol` of the limit; `normalized`: each sums to 1,
/// otherwise authorities have unit Euclidean norm and hubs are A times them.
/// `GR_STATUS_ALGORITHM` without convergence in `max_iter` iterations (counted as
/// networkx's ARPACK counts them: each allows 20 power steps) or when every score is 0
/// (no edges). Writes two results as the other centralities do, each a key list (node
/// order) with its scores (float64): the hubs, and the authorities.
///
/// # Safety
/// `g` is NULL or a live graph; `cancel` NULL or live; outputs NULL or writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn gr_graph_hits(
    g: *const gr_graph,
    max_iter: usize,
    tol: f64,
    normalized: bool,
    cancel: *const gr_cancel,
    out_hub_keys: *mut *mut gr_keys,
    out_hubs: *mut *mut gr_array,
    out_authority_keys: *mut *mut gr_keys,
    out_authorities: *mut *mut gr_array,
) -> gr_status {
    run("hits", || {
        // SAFETY: promised by the caller.
        let (g, cancel, out_hub_keys, out_hubs, out_authority_keys, out_authorities) = unsafe {
            (
                graph(g)?,
                token(cancel),
                out(out_hub_keys, "hub keys")?,
                out(out_hubs, "hubs")?,
                out(out_authority_keys, "authority keys")?,
                out(out_authorities, "authorities")?,
            )
        };
        let options = HitsOptions {
            max_iter,
            tol,
            normalized,
        };
        let HitsValues {
            keys,
            hubs,
            authorities,
        } = algo::hits(&g.core, &options, &cancel)?;
        // Two handles on one shared key list: each result is freed on its own.
        let hubs = NodeValues {
            keys: Arc::clone(&keys),
            values: hubs,
        };
        write_values(hubs, out_hub_keys, out_hubs);
        let authorities = NodeValues {
            keys,
            values: authorities,
        };
        write_values(authorities, out_authority_keys, out_authorities);
        Ok(())
    })
}
