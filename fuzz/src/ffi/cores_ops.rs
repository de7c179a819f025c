//! Clustering and cores: triangles, clustering coefficients (weighted with any column,
//! NaN and zero weights included), average clustering, transitivity, core numbers and
//! k-cores (any k, negative and huge); checked exactly against the model (triangle
//! counts, unweighted coefficients, transitivity, core numbers, the k-core as a new
//! graph), the average against the coefficients the library gives.

use std::ptr;

use groggy::ffi::*;

use super::analysis_model::Indexed;
use super::call_args::{pick, Call, Want};
use super::keys::Key;
use super::results::{floats, ints};
use super::state::State;
use super::weights::{weighted, WeightArg, Weights};
use crate::Input;

impl State {
    pub fn cores(&mut self, input: &mut Input<'_>) {
        let Some(call) = Call::gen(self, input) else {
            return;
        };
        match input.below(6) {
            0 => self.triangles(&call),
            1 => self.clustering(input, &call),
            2 => transitivity(&call),
            3 => self.core_number(&call),
            _ => self.k_core(input, &call),
        }
    }

    fn triangles(&mut self, call: &Call) {
        let m = &call.model;
        let (mut keys, mut counts) = (ptr::null_mut(), ptr::null_mut());
        // SAFETY: a live graph or NULL, a live token or NULL, local outputs or NULL.
        let st = unsafe {
            gr_graph_triangles(
                call.graph(),
                call.cancel(),
                call.out(0, 2, &mut keys),
                call.out(1, 2, &mut counts),
            )
        };
        let want = if m.directed {
            Want::Err(GR_STATUS_INVALID_OPERATION)
        } else {
            Want::Ok
        };
        if call.done(st, want, "triangles") {
            let got = ints(&self.node_values(keys, counts, m, "triangles"), "triangles");
            let want: Vec<i64> = Indexed::of(m)
                .triangles_and_degrees()
                .iter()
                .map(|&(_, t)| (t / 2) as i64)
                .collect();
            assert_eq!(got, want, "triangles");
        }
    }

    /// Clustering coefficients, then their average with the same arguments: it must be
    /// what the coefficients give (or fail as they did).
    fn clustering(&mut self, input: &mut Input<'_>, call: &Call) {
        let m = &call.model;
        let weight = WeightArg::gen(input, m);
        let (wp, wl) = weight.raw();
        let (mut keys, mut values) = (ptr::null_mut(), ptr::null_mut());
        // SAFETY: a live graph or NULL; the weight lives in `weight`; outputs local.
        let st = unsafe {
            gr_graph_clustering(
                call.graph(),
                wp,
                wl,
                call.cancel(),
                call.out(0, 2, &mut keys),
                call.out(1, 2, &mut values),
            )
        };
        let w = Weights::named(m, &weight);
        let largest = w.all(m).into_iter().fold(f64::NEG_INFINITY, f64::max);
        let want = if weight.text().is_err() {
            Want::Err(GR_STATUS_INVALID_ARGUMENT)
        } else if matches!(w, Weights::Refused | Weights::Unknown) {
            weighted(&w, Want::Ok)
        } else if matches!(w, Weights::Values(_)) && (w.any(m, f64::is_nan) || largest == 0.0) {
            Want::Err(GR_STATUS_INVALID_ARGUMENT)
        } else {
            Want::Ok
        };
        let done = call.done(st, want, "clustering");
        let coefficients = done.then(|| {
            let got = floats(
                &self.node_values(keys, values, m, "clustering"),
                "clustering",
            );
            if matches!(w, Weights::Unweighted) {
                let want = Indexed::of(m).clustering();
                for ((g, w), k) in got.iter().zip(&want).zip(&m.nodes) {
                    assert_eq!(g.to_bits(), w.to_bits(), "clustering of {k:?}: {g} vs {w}");
                }
            }
            got
        });
        if call.passes_null() || call.token.triggered {
            return;
        }
        let count_zeros = input.below(4) != 3;
        let mut avg = f64::NAN;
        // SAFETY: a live graph; the weight lives in `weight`; the output is a local.
        let st2 = unsafe {
            gr_graph_average_clustering(call.g, wp, wl, count_zeros, ptr::null(), &mut avg)
        };
        let Some(c) = coefficients else {
            if !(m.pooled && st == GR_STATUS_OUT_OF_MEMORY) {
                assert_eq!(st2, st, "average_clustering fails as clustering does");
            }
            return;
        };
        let counted: Vec<f64> = c.into_iter().filter(|&x| count_zeros || x != 0.0).collect();
        let want = if counted.is_empty() {
            Want::Err(GR_STATUS_INVALID_OPERATION)
        } else {
            Want::Ok
        };
        if call.done(st2, want, "average_clustering") {
            let sum = counted.iter().fold(0.0, |s, x| s + x);
            let mean = sum / counted.len() as f64;
            assert_eq!(
                avg.to_bits(),
                mean.to_bits(),
                "average_clustering {avg}, coefficients' mean {mean}"
            );
        }
    }

    fn core_number(&mut self, call: &Call) {
        let m = &call.model;
        let (mut keys, mut cores) = (ptr::null_mut(), ptr::null_mut());
        // SAFETY: a live graph or NULL, a live token or NULL, local outputs or NULL.
        let st = unsafe {
            gr_graph_core_number(
                call.graph(),
                call.cancel(),
                call.out(0, 2, &mut keys),
                call.out(1, 2, &mut cores),
            )
        };
        let want_cores = Indexed::of(m).core_numbers();
        let want = match want_cores {
            Some(_) => Want::Ok,
            None => Want::Err(GR_STATUS_INVALID_OPERATION),
        };
        if call.done(st, want, "core_number") {
            let got = ints(&self.node_values(keys, cores, m, "core_number"), "cores");
            let want: Vec<i64> = want_cores
                .expect("no self-loop")
                .into_iter()
                .map(i64::from)
                .collect();
            assert_eq!(got, want, "core numbers");
        }
    }

    fn k_core(&mut self, input: &mut Input<'_>, call: &Call) {
        let m = &call.model;
        let has_k = input.below(4) != 3;
        let k = pick(input, &[1, 2, 0, 3, -1, i64::MIN, i64::MAX, 100]);
        let mut out = ptr::null_mut();
        // SAFETY: a live graph or NULL, a live token or NULL, a local output or NULL.
        let st = unsafe {
            gr_graph_k_core(
                call.graph(),
                has_k,
                k,
                call.cancel(),
                call.out(0, 1, &mut out),
            )
        };
        let cores = Indexed::of(m).core_numbers();
        let want = match cores {
            Some(_) => Want::Ok,
            None => Want::Err(GR_STATUS_INVALID_OPERATION),
        };
        if !call.done(st, want, "k_core") {
            return;
        }
        let cores = cores.expect("no self-loop");
        let k = if has_k {
            k
        } else {
            cores.iter().copied().max().unwrap_or(0) as i64
        };
        let kept: Vec<Key> = m
            .nodes
            .iter()
            .zip(&cores)
            .filter(|(_, &c)| i64::from(c) >= k)
            .map(|(n, _)| n.clone())
            .collect();
        self.adopt(out, m.subgraph(&kept), input);
    }
}

fn transitivity(call: &Call) {
    let m = &call.model;
    let mut value = f64::NAN;
    // SAFETY: a live graph or NULL, a live token or NULL, a local output or NULL.
    let st =
        unsafe { gr_graph_transitivity(call.graph(), call.cancel(), call.out(0, 1, &mut value)) };
    if call.done(st, Want::Ok, "transitivity") {
        let want = Indexed::of(m).transitivity();
        assert_eq!(
            value.to_bits(),
            want.to_bits(),
            "transitivity {value}, the model says {want}"
        );
    }
}
