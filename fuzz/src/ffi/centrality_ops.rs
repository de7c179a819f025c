//! Degree and spectral centralities: degree (in, out), eigenvector, Katz (a beta per node,
//! some keys missing or extra) and HITS, with bad tolerances, alphas and betas, options of
//! unknown versions, weight names no edge has or whose values are no numbers; checked:
//! degree values exactly, unit norms and sums of one. The shortest-path centralities are
//! in `path_centrality_ops.rs`.

use std::ptr;

use groggy::ffi::*;

use super::call_args::{init_options, pick, shuffled, version, Call, Want};
use super::graph_ops::pick_key;
use super::keys::{Key, KeyArg, KeyArray};
use super::results::{close, floats};
use super::state::State;
use super::weights::{weighted, WeightArg, Weights};
use crate::Input;

/// Convergence tolerances: the defaults, 0, and refused ones (negative, NaN).
const TOLS: [f64; 6] = [1e-6, 1e-3, 0.0, -1.0, f64::NAN, f64::INFINITY];
const MAX_ITERS: [usize; 5] = [100, 1000, 0, 1, 5];

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
}
