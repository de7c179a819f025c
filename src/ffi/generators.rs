//! Generators: functions that build a new graph (`gr_graph_free` it), with networkx's
//! models and node and edge counts. Nodes are the int keys `0..n` in that order.
//!
//! Random ones take a seed as `bool seeded, uint64_t seed` (`seeded` false: a fresh seed
//! each call); the same seed gives the same graph on any thread count. Sizes are `int64_t`:
//! a negative one is `GR_STATUS_INVALID_ARGUMENT`; one past what a graph holds is
//! `GR_STATUS_OUT_OF_MEMORY`. Every generator takes an optional cancellation token.

use crate::algo::generators::{self, RmatOptions};
use crate::core::{GraphCore, GraphResult};

use super::algorithms::{gr_cancel, token};
use super::boundary::{out, run};
use super::graph::gr_graph;
use super::handles::into_handle;
use super::options::{init_options, read_options, seeded_value, VersionedOptions};
use super::status::gr_status;

/// The body of every generator: builds the graph and hands it to the caller.
///
/// # Safety
/// `cancel` is NULL or live; `out_graph` is NULL or writable.
unsafe fn generate(
    op: &'static str,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
    build: impl FnOnce(&crate::core::Cancel) -> GraphResult<GraphCore>,
) -> gr_status {
    run(op, || {
        // SAFETY: promised by the caller.
        let (cancel, out_graph) = unsafe { (token(cancel), out(out_graph, "graph")?) };
        *out_graph = into_handle(gr_graph::new(build(&cancel)?));
        Ok(())
    })
}

/// networkx's `erdos_renyi_graph` (G(n, p)): `n` nodes, each of the `n(n-1)/2` pairs (the
/// `n(n-1)` ordered pairs when `directed`) joined with probability `p`, drawn by geometric
/// skips in time proportional to the edges. `p` outside [0, 1] is
/// `GR_STATUS_INVALID_ARGUMENT`.
///
/// # Safety
/// `cancel` is NULL or a live token; `out_graph` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_generate_erdos_renyi(
    n: i64,
    p: f64,
    directed: bool,
    seeded: bool,
    seed: u64,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    let seed = seeded_value(seeded, seed);
    // SAFETY: passed on to the caller.
    unsafe {
        generate("erdos_renyi_graph", cancel, out_graph, |c| {
            generators::erdos_renyi(n, p, directed, seed, c)
        })
    }
}

/// networkx's `gnm_random_graph`: `n` nodes and `m` distinct edges chosen uniformly (no
/// self-loops); `m` at or past the number of possible edges gives the complete graph. A
/// negative `m` is `GR_STATUS_INVALID_ARGUMENT`.
///
/// # Safety
/// As `gr_generate_erdos_renyi`.
#[no_mangle]
pub unsafe extern "C" fn gr_generate_gnm(
    n: i64,
    m: i64,
    directed: bool,
    seeded: bool,
    seed: u64,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    let seed = seeded_value(seeded, seed);
    // SAFETY: passed on to the caller.
    unsafe {
        generate("gnm_random_graph", cancel, out_graph, |c| {
            generators::gnm(n, m, directed, seed, c)
        })
    }
}

/// networkx's `barabasi_albert_graph`: a star of `m + 1` nodes, then each new node joined
/// to `m` distinct nodes picked with probability proportional to their degree; undirected,
/// `m * (n - m)` edges. `m < 1` or `m >= n` is `GR_STATUS_INVALID_ARGUMENT`.
///
/// # Safety
/// As `gr_generate_erdos_renyi`.
#[no_mangle]
pub unsafe extern "C" fn gr_generate_barabasi_albert(
    n: i64,
    m: i64,
    seeded: bool,
    seed: u64,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    let seed = seeded_value(seeded, seed);
    // SAFETY: passed on to the caller.
    unsafe {
        generate("barabasi_albert_graph", cancel, out_graph, |c| {
            generators::barabasi_albert(n, m, seed, c)
        })
    }
}

/// networkx's `watts_strogatz_graph`: a ring of `n` nodes each joined to its `k / 2`
/// nearest neighbours on each side, each edge then rewired with probability `p`;
/// undirected, `n * (k / 2)` edges. `k > n`, a negative `k` or `p` outside [0, 1] is
/// `GR_STATUS_INVALID_ARGUMENT`; `k == n` gives the complete graph.
///
/// # Safety
/// As `gr_generate_erdos_renyi`.
#[no_mangle]
pub unsafe extern "C" fn gr_generate_watts_strogatz(
    n: i64,
    k: i64,
    p: f64,
    seeded: bool,
    seed: u64,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    let seed = seeded_value(seeded, seed);
    // SAFETY: passed on to the caller.
    unsafe {
        generate("watts_strogatz_graph", cancel, out_graph, |c| {
            generators::watts_strogatz(n, k, p, seed, c)
        })
    }
}

/// The current version of `gr_rmat_options`.
pub const GR_RMAT_OPTIONS_VERSION: u32 = 1;

/// The options of `gr_generate_rmat`. Fill it with `gr_rmat_options_init(&opts,
/// GR_RMAT_OPTIONS_VERSION)`, then set the fields you need; fields are only ever added at
/// the end, with a new version.
#[repr(C)]
pub struct gr_rmat_options {
    /// The version of the struct the caller fills; set by `gr_rmat_options_init`.
    pub version: u32,
    /// Edges drawn per node: `edge_factor * 2^scale` in all. Default 16.
    pub edge_factor: i64,
    /// The probabilities of the top-left, top-right and bottom-left quadrants (the
    /// bottom-right one has the rest). Defaults 0.57, 0.19, 0.19.
    pub a: f64,
    pub b: f64,
    pub c: f64,
    /// Default true.
    pub directed: bool,
    /// The seed (`seeded` false, the default: a fresh one).
    pub seeded: bool,
    pub seed: u64,
}

// SAFETY: repr(C), `version` first, fields of plain numbers and bools (a C caller fills
// them with 0 or 1); version 1 is the whole struct.
unsafe impl VersionedOptions for gr_rmat_options {
    const VERSION: u32 = GR_RMAT_OPTIONS_VERSION;
    const INIT: &'static str = "gr_rmat_options_init";
    fn defaults() -> Self {
        let d = RmatOptions::default();
        gr_rmat_options {
            version: GR_RMAT_OPTIONS_VERSION,
            edge_factor: d.edge_factor,
            a: d.a,
            b: d.b,
            c: d.c,
            directed: d.directed,
            seeded: false,
            seed: 0,
        }
    }
    fn size_of_version(_version: u32) -> usize {
        std::mem::size_of::<Self>()
    }
}

/// Fills `*opts` with the defaults of `version` (normally `GR_RMAT_OPTIONS_VERSION`):
/// edge_factor 16, a 0.57, b 0.19, c 0.19, directed, unseeded. A version this library does
/// not know is `GR_STATUS_INVALID_ARGUMENT` and writes nothing.
///
/// # Safety
/// `opts` is NULL or points to a writable `gr_rmat_options` of that version.
#[no_mangle]
pub unsafe extern "C" fn gr_rmat_options_init(
    opts: *mut gr_rmat_options,
    version: u32,
) -> gr_status {
    // SAFETY: passed on to the caller.
    run("rmat_options_init", || unsafe {
        init_options(opts, version)
    })
}

/// An R-MAT graph, Graph500 style: `2^scale` nodes (all of them in the graph) and
/// `edge_factor * 2^scale` edges drawn by choosing a quadrant of the adjacency matrix per
/// bit of the node ids, then node ids relabelled by a random permutation. Self-loops are
/// kept; a pair drawn twice is one edge (and, undirected, `(u, v)` and `(v, u)` are one
/// edge), so the graph has somewhat fewer edges than drawn. `opts` NULL: the defaults (see
/// `gr_rmat_options`). A scale outside 0..31, a negative edge factor, or probabilities
/// that are negative or sum past 1 are `GR_STATUS_INVALID_ARGUMENT`.
///
/// # Safety
/// `opts` is NULL or an initialised `gr_rmat_options`; `cancel` is NULL or a live token;
/// `out_graph` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_generate_rmat(
    scale: i64,
    opts: *const gr_rmat_options,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    // SAFETY: promised by the caller.
    let opts = match unsafe { read_options(opts) } {
        Ok(opts) => opts,
        Err(e) => return run("rmat_graph", || Err(e)),
    };
    let options = RmatOptions {
        edge_factor: opts.edge_factor,
        a: opts.a,
        b: opts.b,
        c: opts.c,
        directed: opts.directed,
        seed: seeded_value(opts.seeded, opts.seed),
    };
    // SAFETY: passed on to the caller.
    unsafe {
        generate("rmat_graph", cancel, out_graph, |c| {
            generators::rmat(scale, &options, c)
        })
    }
}

/// networkx's `complete_graph(n)`: `n` nodes, every pair joined (undirected).
///
/// # Safety
/// As `gr_generate_erdos_renyi`.
#[no_mangle]
pub unsafe extern "C" fn gr_generate_complete(
    n: i64,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        generate("complete_graph", cancel, out_graph, |c| {
            generators::complete(n, c)
        })
    }
}

/// networkx's `path_graph(n)`: the edges `(i, i + 1)` (undirected).
///
/// # Safety
/// As `gr_generate_erdos_renyi`.
#[no_mangle]
pub unsafe extern "C" fn gr_generate_path(
    n: i64,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe { generate("path_graph", cancel, out_graph, |c| generators::path(n, c)) }
}

/// networkx's `cycle_graph(n)`: the path closed by `(n - 1, 0)` (one node: a self-loop).
///
/// # Safety
/// As `gr_generate_erdos_renyi`.
#[no_mangle]
pub unsafe extern "C" fn gr_generate_cycle(
    n: i64,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        generate("cycle_graph", cancel, out_graph, |c| {
            generators::cycle(n, c)
        })
    }
}

/// networkx's `star_graph(n)`: `n + 1` nodes, the centre 0 joined to each of `1..=n`.
///
/// # Safety
/// As `gr_generate_erdos_renyi`.
#[no_mangle]
pub unsafe extern "C" fn gr_generate_star(
    n: i64,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe { generate("star_graph", cancel, out_graph, |c| generators::star(n, c)) }
}

/// networkx's `grid_2d_graph(m, n)`: an `m` by `n` grid, the node in row `i` and column
/// `j` keyed `i * n + j`, joined to its neighbours below and to the right.
///
/// # Safety
/// As `gr_generate_erdos_renyi`.
#[no_mangle]
pub unsafe extern "C" fn gr_generate_grid_2d(
    m: i64,
    n: i64,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        generate("grid_2d_graph", cancel, out_graph, |c| {
            generators::grid_2d(m, n, c)
        })
    }
}
