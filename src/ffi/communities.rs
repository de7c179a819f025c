//! Community detection of `gr_graph`: Louvain, the two label propagations, and the
//! modularity of a partition. Communities come back as connected components do: the keys
//! of community 0, then of community 1, ... and each community's size, largest first.
//!
//! The weight of Louvain and modularity follows networkx's default `weight="weight"`: a
//! NULL name means the column "weight" when some edge has it, else every edge weighs 1;
//! `unweighted` true means every edge weighs 1 (networkx's `weight=None`); a name the
//! caller gives that no edge has is `GR_STATUS_INVALID_ARGUMENT`.

use std::ffi::c_char;
use std::ptr;

use crate::algo::{self, LouvainOptions, Weight};
use crate::core::GraphResult;

use super::algorithms::{gr_cancel, token, weight_name, write_groups};
use super::args::KeyArrayArg;
use super::array::gr_array;
use super::boundary::{out, run, slice};
use super::graph::{gr_graph, graph};
use super::handles::gr_keys;
use super::options::{init_options, read_options, seeded_value, VersionedOptions};
use super::status::gr_status;

/// networkx's default weight name of Louvain and modularity.
const DEFAULT_WEIGHT: &str = "weight";

/// The weight choice of `(name, unweighted)` as this module's functions document it.
///
/// # Safety
/// `name` is NULL or points to `len` bytes.
unsafe fn weight_choice<'a>(
    name: *const c_char,
    len: usize,
    unweighted: bool,
) -> GraphResult<Weight<'a>> {
    if unweighted {
        return Ok(Weight::Unweighted);
    }
    // SAFETY: passed on to the caller.
    Ok(match unsafe { weight_name(name, len) }? {
        None => Weight::Default(DEFAULT_WEIGHT),
        Some(name) => Weight::Named(name),
    })
}

/// The current version of `gr_louvain_options`.
pub const GR_LOUVAIN_OPTIONS_VERSION: u32 = 1;

/// The options of `gr_graph_louvain_communities`. Fill it with
/// `gr_louvain_options_init(&opts, GR_LOUVAIN_OPTIONS_VERSION)`, then set the fields you
/// need; fields are only ever added at the end, with a new version.
#[repr(C)]
pub struct gr_louvain_options {
    /// The version of the struct the caller fills (`GR_LOUVAIN_OPTIONS_VERSION` of its
    /// header); set by `gr_louvain_options_init`.
    pub version: u32,
    /// An edge column holding the weights, `weight_len` bytes of UTF-8; a name no edge has
    /// is `GR_STATUS_INVALID_ARGUMENT`. NULL (the default): networkx's default, the column
    /// "weight" when some edge has it, else every edge weighs 1. Edges without a value
    /// weigh 1.0.
    pub weight: *const c_char,
    pub weight_len: usize,
    /// True: every edge weighs 1, whatever `weight` says (networkx's `weight=None`).
    /// Default false.
    pub unweighted: bool,
    /// Above 1 favours smaller communities, below 1 larger ones. Default 1.
    pub resolution: f64,
    /// Stop when a level gains at most this much modularity. Default 1e-7.
    pub threshold: f64,
    /// The random order of the moves: `seeded` false (the default) draws a fresh seed;
    /// true uses `seed`, and then the same graph gives the same communities on any
    /// thread count.
    pub seeded: bool,
    pub seed: u64,
}

// SAFETY: repr(C), `version` first, fields of plain numbers, bools and pointers (any
// value a C caller may store is valid); version 1 is the whole struct.
unsafe impl VersionedOptions for gr_louvain_options {
    const VERSION: u32 = GR_LOUVAIN_OPTIONS_VERSION;
    const INIT: &'static str = "gr_louvain_options_init";
    fn defaults() -> Self {
        gr_louvain_options {
            version: GR_LOUVAIN_OPTIONS_VERSION,
            weight: ptr::null(),
            weight_len: 0,
            unweighted: false,
            resolution: 1.0,
            threshold: 1e-7,
            seeded: false,
            seed: 0,
        }
    }
    fn size_of_version(_version: u32) -> usize {
        std::mem::size_of::<Self>()
    }
}

/// Fills `*opts` with the defaults of `version` (normally `GR_LOUVAIN_OPTIONS_VERSION`):
/// networkx's default weight, resolution 1, threshold 1e-7, a fresh seed. A version this
/// library does not know is `GR_STATUS_INVALID_ARGUMENT` and writes nothing.
///
/// # Safety
/// `opts` is NULL or points to a writable `gr_louvain_options` of that version.
#[no_mangle]
pub unsafe extern "C" fn gr_louvain_options_init(
    opts: *mut gr_louvain_options,
    version: u32,
) -> gr_status {
    // SAFETY: passed on to the caller.
    run("louvain_options_init", || unsafe {
        init_options(opts, version)
    })
}

/// Louvain communities as networkx's `louvain_communities` finds them (its moves, gain
/// formula, levels and stopping rule; the random order is the library's own), with the
/// options `opts` (NULL: the defaults; see `gr_louvain_options`). Writes the communities'
/// keys and sizes (int64), largest first, as `gr_graph_connected_components` does. A
/// resolution or threshold that is NaN is `GR_STATUS_INVALID_ARGUMENT`; edges whose
/// weights sum to 0 are `GR_STATUS_ALGORITHM`.
///
/// # Safety
/// `g` is NULL or a live graph; `opts` is NULL or an initialised `gr_louvain_options`
/// whose `weight` is NULL or valid for `weight_len` bytes; `cancel` is NULL or live; the
/// outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_louvain_communities(
    g: *const gr_graph,
    opts: *const gr_louvain_options,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_sizes: *mut *mut gr_array,
) -> gr_status {
    run("louvain_communities", || {
        // SAFETY: promised by the caller.
        let (g, opts) = unsafe { (graph(g)?, read_options(opts)?) };
        // SAFETY: promised by the caller.
        let (weight, cancel, out_keys, out_sizes) = unsafe {
            (
                weight_choice(opts.weight, opts.weight_len, opts.unweighted)?,
                token(cancel),
                out(out_keys, "keys")?,
                out(out_sizes, "sizes")?,
            )
        };
        let options = LouvainOptions {
            weight,
            resolution: opts.resolution,
            threshold: opts.threshold,
            seed: seeded_value(opts.seeded, opts.seed),
        };
        write_groups(
            algo::louvain_communities(&g.core, &options, &cancel)?,
            out_keys,
            out_sizes,
        );
        Ok(())
    })
}

/// networkx's `label_propagation_communities`: the semi-synchronous label propagation,
/// deterministic, laid out as `gr_graph_connected_components` does. Undirected graphs
/// only: a directed graph is `GR_STATUS_INVALID_OPERATION`.
///
/// # Safety
/// `g` is NULL or a live graph; `cancel` NULL or live; outputs NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_label_propagation_communities(
    g: *const gr_graph,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_sizes: *mut *mut gr_array,
) -> gr_status {
    run("label_propagation_communities", || {
        // SAFETY: promised by the caller.
        let (g, cancel, out_keys, out_sizes) = unsafe {
            (
                graph(g)?,
                token(cancel),
                out(out_keys, "keys")?,
                out(out_sizes, "sizes")?,
            )
        };
        write_groups(
            algo::label_propagation_communities(&g.core, &cancel)?,
            out_keys,
            out_sizes,
        );
        Ok(())
    })
}

/// networkx's `asyn_lpa_communities`: asynchronous label propagation in a random order
/// (`seeded` false: a fresh seed; true: `seed`, the same communities every time), each
/// node taking the label of greatest weight among its neighbours (successors when
/// directed). `weight` NULL: every edge weighs 1; else an edge column
/// (`weight_len` bytes of UTF-8; a name no edge has is `GR_STATUS_INVALID_ARGUMENT`).
/// Laid out as `gr_graph_connected_components` does.
///
/// # Safety
/// `g` is NULL or a live graph; `weight` NULL or valid for `weight_len` bytes; `cancel`
/// NULL or live; outputs NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_asyn_lpa_communities(
    g: *const gr_graph,
    weight: *const c_char,
    weight_len: usize,
    seeded: bool,
    seed: u64,
    cancel: *const gr_cancel,
    out_keys: *mut *mut gr_keys,
    out_sizes: *mut *mut gr_array,
) -> gr_status {
    run("asyn_lpa_communities", || {
        // SAFETY: promised by the caller.
        let (g, weight, cancel, out_keys, out_sizes) = unsafe {
            (
                graph(g)?,
                weight_name(weight, weight_len)?,
                token(cancel),
                out(out_keys, "keys")?,
                out(out_sizes, "sizes")?,
            )
        };
        let weight = weight.map_or(Weight::Unweighted, Weight::Named);
        let found =
            algo::asyn_lpa_communities(&g.core, weight, seeded_value(seeded, seed), &cancel)?;
        write_groups(found, out_keys, out_sizes);
        Ok(())
    })
}

/// The modularity of a partition, networkx's `community.modularity`. The partition is
/// `n` keys (a key array as `gr_graph_add_nodes` describes: `kinds`, `ints`, `str_data`,
/// `str_data_len`, `str_offsets`) and, for each, its community number in `community`
/// (any numbers: keys with equal numbers share a community). The weight is
/// `(weight, weight_len, unweighted)` as the top of this group says; `resolution` as
/// Louvain's. Keys that are not exactly the graph's nodes, each once (networkx's
/// `NotAPartition`) or a NaN resolution are
/// `GR_STATUS_INVALID_ARGUMENT`; edges whose weights sum to 0 are `GR_STATUS_ALGORITHM`.
///
/// # Safety
/// `g` is NULL or a live graph; the key array and `community` are valid for `n` keys;
/// `weight` NULL or valid for `weight_len` bytes; `cancel` NULL or live; `out_value`
/// NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_modularity(
    g: *const gr_graph,
    n: usize,
    kinds: *const u8,
    ints: *const i64,
    str_data: *const u8,
    str_data_len: usize,
    str_offsets: *const usize,
    community: *const u64,
    weight: *const c_char,
    weight_len: usize,
    unweighted: bool,
    resolution: f64,
    cancel: *const gr_cancel,
    out_value: *mut f64,
) -> gr_status {
    run("modularity", || {
        let keys_arg = KeyArrayArg {
            kinds,
            ints,
            str_data,
            str_data_len,
            str_offsets,
        };
        // SAFETY: promised by the caller.
        let (g, keys, community, weight, cancel, out_value) = unsafe {
            (
                graph(g)?,
                keys_arg.read(n, "communities")?,
                slice(community, n, "community")?,
                weight_choice(weight, weight_len, unweighted)?,
                token(cancel),
                out(out_value, "value")?,
            )
        };
        *out_value = algo::modularity(&g.core, &keys, community, weight, resolution, &cancel)?;
        Ok(())
    })
}
