//! The shortest-path centralities: betweenness of nodes and edges (options of unknown
//! versions, samples of every size, weights no edge has, negative or NaN), closeness and
//! harmonic centrality; on unweighted graphs checked value by value against the model's
//! Brandes sums and distances, edges in networkx's order, and a seeded sample given twice.

use std::ptr;

use groggy::ffi::*;

use super::analysis_model::Indexed;
use super::array_ops::read_array;
use super::call_args::{init_options, pick, version, Call, Want};
use super::check::last_error;
use super::keys::Key;
use super::model::Model;
use super::results::{all_close, close, edge_list, floats, same_bits};
use super::state::State;
use super::weights::{weighted, WeightArg, Weights};
use crate::Input;

impl State {
    pub(super) fn betweenness(&mut self, input: &mut Input<'_>, call: &Call) {
        let m = &call.model;
        let edges = input.bool();
        let op = if edges {
            "edge_betweenness"
        } else {
            "betweenness"
        };
        let n = m.nodes.len();
        let use_opts = input.below(4) != 3;
        let mut opts = if use_opts {
            // SAFETY: the betweenness options' init.
            let Some(o) = (unsafe {
                init_options(
                    input,
                    gr_betweenness_options_init,
                    GR_BETWEENNESS_OPTIONS_VERSION,
                    "betweenness_options_init",
                )
            }) else {
                return;
            };
            Some(o)
        } else {
            None
        };
        let weight = WeightArg::gen(input, m);
        let mut known = true;
        if let Some(o) = opts.as_mut() {
            o.sampled = input.below(4) == 3;
            o.k = pick(input, &[1, 2, n, 0, n + 1, usize::MAX]);
            o.normalized = input.below(4) != 3;
            (o.weight, o.weight_len) = weight.raw();
            o.endpoints = input.bool();
            o.seeded = input.below(4) != 3;
            o.seed = input.u8() as u64;
            (o.version, known) = version(input, GR_BETWEENNESS_OPTIONS_VERSION);
        }
        let o_ptr = opts.as_ref().map_or(ptr::null(), |o| o as *const _);
        let mut out = Paths::default();
        // SAFETY: the options (or NULL) and their weight live in this frame.
        let st = unsafe { out.run(call, edges, o_ptr) };
        let w = match &opts {
            Some(_) => Weights::named(m, &weight),
            None => Weights::Unweighted,
        };
        let (sampled, k) = opts.as_ref().map_or((false, 0), |o| (o.sampled, o.k));
        let bad_weight = w_negative_or_nan(&w, m);
        let want = if !known || (opts.is_some() && weight.text().is_err()) {
            Want::Err(GR_STATUS_INVALID_ARGUMENT)
        } else if matches!(w, Weights::Refused | Weights::Unknown) {
            weighted(&w, Want::Ok)
        } else if bad_weight {
            Want::Err(GR_STATUS_ALGORITHM)
        } else if sampled && k != n && (k == 0 || k > n) {
            Want::Err(GR_STATUS_INVALID_ARGUMENT)
        } else {
            Want::Ok
        };
        if !call.done(st, want, op) {
            return;
        }
        let o = opts.as_ref();
        let normalized = o.is_none_or(|o| o.normalized);
        let endpoints = o.is_some_and(|o| o.endpoints) && !edges;
        let exact = matches!(w, Weights::Unweighted) && (!sampled || k == n);
        let got = if edges {
            self.edge_betweenness_values(&out, m, normalized, exact)
        } else {
            let got = floats(&self.node_values(out.keys, out.values, m, op), op);
            if exact {
                let ix = Indexed::of(m);
                let mut want = ix.brandes(endpoints).0;
                ix.rescale(&mut want, normalized, endpoints);
                all_close(&got, &want, m, op);
            }
            got
        };
        // A seeded sample: the same values again.
        if sampled && o.is_some_and(|o| o.seeded) {
            let mut again = Paths::default();
            // SAFETY: as above.
            let st = unsafe { again.run(call, edges, o_ptr) };
            assert_eq!(st, GR_STATUS_OK, "{op} again: {}", last_error());
            let second = if edges {
                self.edge_betweenness_values(&again, m, normalized, false)
            } else {
                floats(&self.node_values(again.keys, again.values, m, op), op)
            };
            assert!(same_bits(&got, &second), "{op}: one seed, two samples");
        }
    }

    /// The values of an edge betweenness result, checked: the graph's edges in networkx's
    /// order (node by node, each undirected edge once, from its end that came first), and
    /// the model's values when `exact`.
    fn edge_betweenness_values(
        &mut self,
        out: &Paths,
        m: &Model,
        normalized: bool,
        exact: bool,
    ) -> Vec<f64> {
        let op = "edge_betweenness";
        let listed = edge_list(out.keys, out.targets, op);
        let values = floats(&read_array(out.values), op);
        self.keep_keys(out.keys);
        self.keep_keys(out.targets);
        self.keep_array(out.values);
        let ix = Indexed::of(m);
        let order = networkx_edge_order(&ix);
        let want_edges: Vec<(Key, Key)> = order
            .iter()
            .map(|&(e, flip)| {
                let (a, b) = m.edges[e].clone();
                if flip {
                    (b, a)
                } else {
                    (a, b)
                }
            })
            .collect();
        assert_eq!(listed, want_edges, "{op}: edges");
        assert_eq!(values.len(), listed.len(), "{op}: one value per edge");
        if exact {
            let mut sums = ix.brandes(true).1;
            ix.rescale(&mut sums, normalized, true);
            for ((&(e, _), got), edge) in order.iter().zip(&values).zip(&listed) {
                assert!(
                    close(*got, sums[e]),
                    "{op} of {edge:?}: {got} but the model says {}",
                    sums[e]
                );
            }
        }
        values
    }

    pub(super) fn closeness(&mut self, input: &mut Input<'_>, call: &Call) {
        let m = &call.model;
        let harmonic = input.bool();
        let wf = input.below(4) != 3;
        let weight = WeightArg::gen(input, m);
        let (wp, wl) = weight.raw();
        let (mut keys, mut values) = (ptr::null_mut(), ptr::null_mut());
        let (k, v) = (call.out(0, 2, &mut keys), call.out(1, 2, &mut values));
        // SAFETY: a live graph or NULL; the weight lives in `weight`; outputs local.
        let st = unsafe {
            if harmonic {
                gr_graph_harmonic_centrality(call.graph(), wp, wl, call.cancel(), k, v)
            } else {
                gr_graph_closeness_centrality(call.graph(), wp, wl, wf, call.cancel(), k, v)
            }
        };
        let op = if harmonic { "harmonic" } else { "closeness" };
        let w = Weights::named(m, &weight);
        let want = if weight.text().is_err() {
            Want::Err(GR_STATUS_INVALID_ARGUMENT)
        } else if matches!(w, Weights::Refused | Weights::Unknown) {
            weighted(&w, Want::Ok)
        } else if w_negative_or_nan(&w, m) {
            Want::Err(GR_STATUS_ALGORITHM)
        } else {
            Want::Ok
        };
        if !call.done(st, want, op) {
            return;
        }
        let got = floats(&self.node_values(keys, values, m, op), op);
        if matches!(w, Weights::Unweighted) {
            let ix = Indexed::of(m);
            let want = if harmonic {
                ix.harmonic()
            } else {
                ix.closeness(wf)
            };
            all_close(&got, &want, m, op);
        }
    }
}

/// The outputs of a betweenness call: node keys (or edge sources), edge targets, values.
struct Paths {
    keys: *mut gr_keys,
    targets: *mut gr_keys,
    values: *mut gr_array,
}

impl Default for Paths {
    fn default() -> Paths {
        Paths {
            keys: ptr::null_mut(),
            targets: ptr::null_mut(),
            values: ptr::null_mut(),
        }
    }
}

impl Paths {
    /// Node or edge betweenness into `self`, with one output NULL when `call` says so.
    ///
    /// # Safety
    /// `opts` is NULL or an initialised struct whose weight is valid for its length.
    unsafe fn run(
        &mut self,
        call: &Call,
        edges: bool,
        opts: *const gr_betweenness_options,
    ) -> gr_status {
        let (g, c) = (call.graph(), call.cancel());
        // SAFETY: a live graph or NULL, a live token or NULL, outputs in `self` or NULL.
        unsafe {
            if edges {
                gr_graph_edge_betweenness_centrality(
                    g,
                    opts,
                    c,
                    call.out(0, 3, &mut self.keys),
                    call.out(1, 3, &mut self.targets),
                    call.out(2, 3, &mut self.values),
                )
            } else {
                let (k, v) = (
                    call.out(0, 2, &mut self.keys),
                    call.out(1, 2, &mut self.values),
                );
                gr_graph_betweenness_centrality(g, opts, c, k, v)
            }
        }
    }
}

/// A weight the shortest-path centralities refuse: negative or NaN.
fn w_negative_or_nan(w: &Weights, m: &Model) -> bool {
    matches!(w, Weights::Values(_)) && w.any(m, |x| x.is_nan() || x < 0.0)
}

/// The edges as networkx's `G.edges()` lists them: each node in node order with its
/// edges in adjacency order, an undirected edge once, from its end that comes first.
/// Each entry is an edge position and whether it is listed the other way round.
pub fn networkx_edge_order(ix: &Indexed) -> Vec<(usize, bool)> {
    let mut order = Vec::new();
    for u in 0..ix.n {
        for (i, &(a, b)) in ix.edges.iter().enumerate() {
            if a == u && (ix.directed || b >= u) {
                order.push((i, false));
            } else if !ix.directed && b == u && a > u {
                order.push((i, true));
            }
        }
    }
    order
}
