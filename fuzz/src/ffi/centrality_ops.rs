//! Centralities: degree (in, out), eigenvector, Katz, HITS, betweenness of nodes and
//! edges, closeness and harmonic, with bad parameters, unknown options versions, weight
//! names no edge has or whose values are no numbers; checked against the model (exact
//! degree values, betweenness, closeness and harmonic values on unweighted graphs, norms
//! and sums, seeded samples given twice).

use std::ptr;

use groggy::ffi::*;

use super::analysis_model::Indexed;
use super::array_ops::read_array;
use super::call_args::{init_options, pick, shuffled, version, Call, Want};
use super::check::last_error;
use super::graph_ops::pick_key;
use super::keys::{Key, KeyArg, KeyArray};
use super::model::Model;
use super::results::{all_close, close, edge_list, floats, same_bits};
use super::state::State;
use super::weights::{WeightArg, Weights};
use crate::Input;

/// Convergence tolerances: the defaults, 0, and refused ones (negative, NaN).
const TOLS: [f64; 6] = [1e-6, 1e-3, 0.0, -1.0, f64::NAN, f64::INFINITY];
const MAX_ITERS: [usize; 5] = [100, 1000, 0, 1, 5];

/// The status of a call reading `weights`, when the rest of its arguments are fine.
pub fn weighted(w: &Weights, then: Want) -> Want {
    match w {
        Weights::Refused => Want::Err(GR_STATUS_INVALID_ARGUMENT),
        Weights::Unknown => Want::Unknown,
        _ => then,
    }
}

fn tol_ok(tol: f64) -> bool {
    tol >= 0.0
}

impl State {
    pub fn centrality(&mut self, input: &mut Input<'_>) {
        let Some(call) = Call::gen(self, input) else {
            return;
        };
        match input.below(8) {
            0 => self.degree_centrality(input, &call),
            1 => self.eigenvector(input, &call),
            2 => self.katz(input, &call),
            3 => self.hits(input, &call),
            4 | 5 => self.betweenness(input, &call),
            _ => self.closeness(input, &call),
        }
    }

    fn degree_centrality(&mut self, input: &mut Input<'_>, call: &Call) {
        let which = input.below(3);
        let (mut keys, mut values) = (ptr::null_mut(), ptr::null_mut());
        let (g, c) = (call.graph(), call.cancel());
        let (k, v) = (call.out(0, 2, &mut keys), call.out(1, 2, &mut values));
        // SAFETY (each): a live graph or NULL, a live token or NULL, local outputs or NULL.
        let st = unsafe {
            match which {
                0 => gr_graph_degree_centrality(g, c, k, v),
                1 => gr_graph_in_degree_centrality(g, c, k, v),
                _ => gr_graph_out_degree_centrality(g, c, k, v),
            }
        };
        let m = &call.model;
        let want = if which > 0 && !m.directed {
            Want::Err(GR_STATUS_INVALID_OPERATION)
        } else {
            Want::Ok
        };
        if !call.done(st, want, "degree_centrality") {
            return;
        }
        let got = floats(
            &self.node_values(keys, values, m, "degree_centrality"),
            "degree",
        );
        let n = m.nodes.len();
        let scale = 1.0 / (n as f64 - 1.0);
        for (k, x) in m.nodes.iter().zip(&got) {
            let d = [m.degree(k), m.in_degree(k), m.out_degree(k)][which];
            // networkx: `d * (1 / (n - 1))`, and 1 for the graph of one node.
            let want = if n == 1 { 1.0 } else { d as f64 * scale };
            assert_eq!(
                x.to_bits(),
                want.to_bits(),
                "degree centrality ({which}) of {k:?}"
            );
        }
    }

    fn eigenvector(&mut self, input: &mut Input<'_>, call: &Call) {
        let m = &call.model;
        let (max_iter, tol) = (pick(input, &MAX_ITERS), pick(input, &TOLS));
        let weight = WeightArg::gen(input, m);
        let (wp, wl) = weight.raw();
        let (mut keys, mut values) = (ptr::null_mut(), ptr::null_mut());
        // SAFETY: a live graph or NULL; the weight lives in `weight`; outputs local.
        let st = unsafe {
            gr_graph_eigenvector_centrality(
                call.graph(),
                max_iter,
                tol,
                wp,
                wl,
                call.cancel(),
                call.out(0, 2, &mut keys),
                call.out(1, 2, &mut values),
            )
        };
        let w = Weights::named(m, &weight);
        let want = if weight.text().is_err() || !tol_ok(tol) {
            Want::Err(GR_STATUS_INVALID_ARGUMENT)
        } else if matches!(w, Weights::Refused | Weights::Unknown) {
            weighted(&w, Want::Ok)
        } else if m.nodes.is_empty() {
            Want::Err(GR_STATUS_INVALID_OPERATION)
        } else if max_iter == 0 {
            Want::Err(GR_STATUS_ALGORITHM)
        } else {
            Want::Either(GR_STATUS_OK, GR_STATUS_ALGORITHM)
        };
        if !call.done(st, want, "eigenvector_centrality") {
            return;
        }
        let x = floats(
            &self.node_values(keys, values, m, "eigenvector"),
            "eigenvector",
        );
        if matches!(w, Weights::Unweighted) {
            let norm: f64 = x.iter().map(|v| v * v).sum();
            assert!(
                x.iter().all(|&v| v >= 0.0) && close(norm, 1.0),
                "eigenvector centrality: squares sum to {norm}"
            );
        }
    }

    fn katz(&mut self, input: &mut Input<'_>, call: &Call) {
        let m = &call.model;
        // SAFETY: the Katz options' init.
        let Some(mut opts) = (unsafe {
            init_options(
                input,
                gr_katz_options_init,
                GR_KATZ_OPTIONS_VERSION,
                "katz_options_init",
            )
        }) else {
            return;
        };
        opts.alpha = pick(input, &[0.1, 0.01, 0.0, -0.5, 1.0, f64::NAN, f64::INFINITY]);
        opts.beta = pick(input, &[1.0, 0.0, -2.0, 0.5, f64::NAN]);
        opts.max_iter = pick(input, &MAX_ITERS);
        opts.tol = pick(input, &TOLS);
        opts.normalized = input.below(4) != 3;
        let weight = WeightArg::gen(input, m);
        (opts.weight, opts.weight_len) = weight.raw();
        // A beta per node now and then: the nodes, one missing, or one more key.
        let per_node = input.below(4) == 3;
        let mut args: Vec<_> = shuffled(input, m.nodes.len())
            .into_iter()
            .map(|i| KeyArg::valid(m.nodes[i].clone()))
            .collect();
        match input.below(8) {
            6 => {
                args.pop();
            }
            7 => args.push(pick_key(input, &[])),
            _ => {}
        }
        let beta_keys = KeyArray::from_args(input, &args);
        let betas: Vec<f64> = (0..beta_keys.n)
            .map(|_| pick(input, &[1.0, 0.5, 2.0, -1.0, f64::NAN]))
            .collect();
        if per_node {
            let k = beta_keys.raw();
            opts.beta_kinds = k.kinds;
            opts.beta_ints = k.ints;
            opts.beta_str_data = k.str_data;
            opts.beta_str_data_len = k.str_data_len;
            opts.beta_str_offsets = k.str_offsets;
            opts.beta_values = betas.as_ptr();
            opts.n_beta = beta_keys.n;
        }
        let (v, known) = version(input, GR_KATZ_OPTIONS_VERSION);
        opts.version = v;
        let (mut keys, mut values) = (ptr::null_mut(), ptr::null_mut());
        // SAFETY: a live graph or NULL; the options' arrays live in `beta_keys`, `betas`
        // and `weight`; outputs local.
        let st = unsafe {
            gr_graph_katz_centrality(
                call.graph(),
                &opts,
                call.cancel(),
                call.out(0, 2, &mut keys),
                call.out(1, 2, &mut values),
            )
        };
        let w = Weights::named(m, &weight);
        let bad_beta = per_node && {
            let keys = beta_keys.keys.as_deref();
            let listed: Vec<&Key> = keys.unwrap_or_default().iter().collect();
            keys.is_none()
                || listed.iter().any(|k| !m.has_node(k))
                || m.nodes.iter().any(|k| !listed.contains(&k))
                || betas.iter().any(|b| !b.is_finite())
        };
        let want = if !known
            || (per_node && beta_keys.keys.is_none())
            || weight.text().is_err()
            || !tol_ok(opts.tol)
            || !opts.alpha.is_finite()
            || !opts.beta.is_finite()
        {
            Want::Err(GR_STATUS_INVALID_ARGUMENT)
        } else if matches!(w, Weights::Refused | Weights::Unknown) {
            weighted(&w, Want::Ok)
        } else if m.nodes.is_empty() {
            Want::Ok
        } else if bad_beta {
            Want::Err(GR_STATUS_INVALID_ARGUMENT)
        } else if opts.max_iter == 0 {
            Want::Err(GR_STATUS_ALGORITHM)
        } else {
            Want::Either(GR_STATUS_OK, GR_STATUS_ALGORITHM)
        };
        if !call.done(st, want, "katz_centrality") {
            return;
        }
        let x = floats(&self.node_values(keys, values, m, "katz"), "katz");
        let norm: f64 = x.iter().map(|v| v * v).sum();
        if opts.normalized && norm != 0.0 && norm.is_finite() {
            assert!(close(norm, 1.0), "katz centrality: squares sum to {norm}");
        }
    }

    fn hits(&mut self, input: &mut Input<'_>, call: &Call) {
        let m = &call.model;
        let (max_iter, tol) = (pick(input, &[100, 0, 1, 5]), pick(input, &TOLS));
        let normalized = input.below(4) != 3;
        let (mut hk, mut hubs, mut ak, mut auths) = (
            ptr::null_mut(),
            ptr::null_mut(),
            ptr::null_mut(),
            ptr::null_mut(),
        );
        // SAFETY: a live graph or NULL, a live token or NULL, local outputs or NULL.
        let st = unsafe {
            gr_graph_hits(
                call.graph(),
                max_iter,
                tol,
                normalized,
                call.cancel(),
                call.out(0, 4, &mut hk),
                call.out(1, 4, &mut hubs),
                call.out(2, 4, &mut ak),
                call.out(3, 4, &mut auths),
            )
        };
        // networkx's `hits` reads the column "weight" when the graph has it.
        let w = Weights::default_column(m, "weight");
        let want = if !tol_ok(tol) {
            Want::Err(GR_STATUS_INVALID_ARGUMENT)
        } else if matches!(w, Weights::Refused | Weights::Unknown) {
            weighted(&w, Want::Ok)
        } else if m.nodes.is_empty() {
            Want::Ok
        } else if m.edges.is_empty() || max_iter == 0 {
            Want::Err(GR_STATUS_ALGORITHM)
        } else {
            Want::Either(GR_STATUS_OK, GR_STATUS_ALGORITHM)
        };
        if !call.done(st, want, "hits") {
            return;
        }
        let h = floats(&self.node_values(hk, hubs, m, "hits hubs"), "hubs");
        let a = floats(&self.node_values(ak, auths, m, "hits authorities"), "auths");
        if normalized && !m.nodes.is_empty() && matches!(w, Weights::Unweighted) {
            let (sh, sa) = (h.iter().sum::<f64>(), a.iter().sum::<f64>());
            assert!(
                close(sh, 1.0) && close(sa, 1.0),
                "hits: hubs sum to {sh}, authorities to {sa}"
            );
        }
    }

    fn betweenness(&mut self, input: &mut Input<'_>, call: &Call) {
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

    fn closeness(&mut self, input: &mut Input<'_>, call: &Call) {
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
