//! Communities: Louvain (options of unknown versions, NaN and infinite resolutions and
//! thresholds, networkx's default weight), the two label propagations, and modularity of
//! partitions that are not partitions (missing, repeated, unknown and malformed keys, a
//! NULL community array). Checked: communities partition the nodes, largest first; the
//! same seed (or the deterministic algorithm) gives the same communities twice; the
//! modularity is the model's.

use std::ptr;

use groggy::ffi::*;

use super::analysis_model::Indexed;
use super::call_args::{init_options, pick, shuffled, version, Call, Want};
use super::check::last_error;
use super::graph_ops::pick_key;
use super::keys::{Key, KeyArg, KeyArray};
use super::model::Model;
use super::results::close;
use super::state::State;
use super::weights::{weighted, WeightArg, Weights};
use crate::Input;

/// The outputs of a community call.
struct Found {
    keys: *mut gr_keys,
    sizes: *mut gr_array,
}

impl Found {
    fn new() -> Found {
        Found {
            keys: ptr::null_mut(),
            sizes: ptr::null_mut(),
        }
    }
}

/// The status of a call that needs a non-zero, finite total weight (Louvain on a graph
/// with edges, modularity): decided by the model when the weights' sums are exact in any
/// order, or when a NaN or an infinity makes any sum so.
fn total_weight(w: &Weights, m: &Model) -> Want {
    let all = w.all(m);
    if all.iter().any(|x| !x.is_finite()) {
        // NaN, or infinities: the total is not finite.
        return Want::Err(GR_STATUS_ALGORITHM);
    }
    if !w.exact_sums(m) {
        return Want::Either(GR_STATUS_OK, GR_STATUS_ALGORITHM);
    }
    if all.iter().sum::<f64>() == 0.0 {
        Want::Err(GR_STATUS_ALGORITHM)
    } else {
        Want::Ok
    }
}

/// Louvain's and modularity's weight: `unweighted`, else a name (NULL: networkx's default
/// "weight" when some edge has it).
fn community_weight(m: &Model, arg: &WeightArg, unweighted: bool) -> Weights {
    if unweighted {
        return Weights::Unweighted;
    }
    match arg.text() {
        Err(()) => Weights::Refused,
        Ok(None) => Weights::default_column(m, "weight"),
        Ok(Some(name)) => Weights::column(m, name),
    }
}

impl State {
    pub fn community(&mut self, input: &mut Input<'_>) {
        let Some(call) = Call::gen(self, input) else {
            return;
        };
        match input.below(4) {
            0 => self.louvain(input, &call),
            1 => self.label_propagation(input, &call),
            _ => self.modularity(input, &call),
        }
    }

    fn louvain(&mut self, input: &mut Input<'_>, call: &Call) {
        let m = &call.model;
        let use_opts = input.below(4) != 3;
        let mut opts = if use_opts {
            // SAFETY: the Louvain options' init.
            let Some(o) = (unsafe {
                init_options(
                    input,
                    gr_louvain_options_init,
                    GR_LOUVAIN_OPTIONS_VERSION,
                    "louvain_options_init",
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
            (o.weight, o.weight_len) = weight.raw();
            o.unweighted = input.below(4) == 3;
            o.resolution = pick(input, &[1.0, 0.5, 2.0, 0.0, -1.0, f64::NAN, f64::INFINITY]);
            o.threshold = pick(input, &[1e-7, 0.0, 1.0, -1.0, f64::NAN, f64::INFINITY]);
            o.seeded = input.below(4) != 3;
            o.seed = input.u8() as u64;
            (o.version, known) = version(input, GR_LOUVAIN_OPTIONS_VERSION);
        }
        let o_ptr = opts.as_ref().map_or(ptr::null(), |o| o as *const _);
        let run = |found: &mut Found| {
            // SAFETY: a live graph or NULL; the options (or NULL) and their weight live in
            // this frame; outputs in `found` or NULL.
            unsafe {
                gr_graph_louvain_communities(
                    call.graph(),
                    o_ptr,
                    call.cancel(),
                    call.out(0, 2, &mut found.keys),
                    call.out(1, 2, &mut found.sizes),
                )
            }
        };
        let mut found = Found::new();
        let st = run(&mut found);
        let (w, nan) = match &opts {
            Some(o) => (
                community_weight(m, &weight, o.unweighted),
                o.resolution.is_nan() || o.threshold.is_nan(),
            ),
            None => (Weights::default_column(m, "weight"), false),
        };
        let want = if !known
            || nan
            || (opts.is_some()
                && !opts.as_ref().is_some_and(|o| o.unweighted)
                && weight.text().is_err())
        {
            Want::Err(GR_STATUS_INVALID_ARGUMENT)
        } else if matches!(w, Weights::Refused | Weights::Unknown) {
            weighted(&w, Want::Ok)
        } else if m.edges.is_empty() {
            Want::Ok
        } else {
            total_weight(&w, m)
        };
        if !call.done(st, want, "louvain") {
            return;
        }
        let groups = self.groups(found.keys, found.sizes, m, "louvain");
        if m.edges.is_empty() {
            assert_eq!(
                groups.len(),
                m.nodes.len(),
                "louvain: no edge, no community"
            );
        }
        if opts.as_ref().is_some_and(|o| o.seeded) {
            let mut again = Found::new();
            assert_eq!(
                run(&mut again),
                GR_STATUS_OK,
                "louvain again: {}",
                last_error()
            );
            let second = self.groups(again.keys, again.sizes, m, "louvain");
            assert_eq!(groups, second, "louvain: one seed, two partitions");
        }
    }

    /// The semi-synchronous propagation (deterministic) or the asynchronous one (seeded):
    /// each twice, giving the same communities.
    fn label_propagation(&mut self, input: &mut Input<'_>, call: &Call) {
        let m = &call.model;
        let asyn = input.bool();
        let weight = WeightArg::gen(input, m);
        let (wp, wl) = weight.raw();
        let seeded = input.below(4) != 3;
        let seed = input.u8() as u64;
        let run = |found: &mut Found| {
            let (k, s) = (
                call.out(0, 2, &mut found.keys),
                call.out(1, 2, &mut found.sizes),
            );
            // SAFETY: a live graph or NULL; the weight lives in `weight`; outputs in
            // `found` or NULL.
            unsafe {
                if asyn {
                    gr_graph_asyn_lpa_communities(
                        call.graph(),
                        wp,
                        wl,
                        seeded,
                        seed,
                        call.cancel(),
                        k,
                        s,
                    )
                } else {
                    gr_graph_label_propagation_communities(call.graph(), call.cancel(), k, s)
                }
            }
        };
        let mut found = Found::new();
        let st = run(&mut found);
        let op = if asyn {
            "asyn_lpa"
        } else {
            "label_propagation"
        };
        let want = if asyn {
            let w = Weights::named(m, &weight);
            if weight.text().is_err() {
                Want::Err(GR_STATUS_INVALID_ARGUMENT)
            } else {
                weighted(&w, Want::Ok)
            }
        } else if m.directed {
            Want::Err(GR_STATUS_INVALID_OPERATION)
        } else {
            Want::Ok
        };
        if !call.done(st, want, op) {
            return;
        }
        let groups = self.groups(found.keys, found.sizes, m, op);
        if !asyn || seeded {
            let mut again = Found::new();
            assert_eq!(
                run(&mut again),
                GR_STATUS_OK,
                "{op} again: {}",
                last_error()
            );
            let second = self.groups(again.keys, again.sizes, m, op);
            assert_eq!(groups, second, "{op}: the same call, two partitions");
        }
    }

    fn modularity(&mut self, input: &mut Input<'_>, call: &Call) {
        let m = &call.model;
        // The nodes in some order, each with a community number; then maybe one dropped,
        // one listed twice, or one key more.
        let mut args: Vec<KeyArg> = shuffled(input, m.nodes.len())
            .into_iter()
            .map(|i| KeyArg::valid(m.nodes[i].clone()))
            .collect();
        match input.below(8) {
            5 if !args.is_empty() => {
                args.pop();
            }
            6 if !args.is_empty() => {
                args.push(KeyArg::valid(m.nodes[input.below(m.nodes.len())].clone()))
            }
            7 => args.push(pick_key(input, &m.nodes)),
            _ => {}
        }
        let keys = KeyArray::from_args(input, &args);
        let community: Vec<u64> = (0..keys.n)
            .map(|_| pick(input, &[0, 1, 2, 0, u64::MAX, 7]))
            .collect();
        let null_community = keys.n > 0 && input.below(16) == 15;
        let weight = WeightArg::gen(input, m);
        let (wp, wl) = weight.raw();
        let unweighted = input.below(4) == 3;
        let resolution = pick(input, &[1.0, 0.5, 2.0, 0.0, -1.0, f64::NAN, f64::INFINITY]);
        let k = keys.raw();
        let mut value = f64::NAN;
        // SAFETY: a live graph or NULL; the key array and the community numbers hold
        // `keys.n` entries (or the numbers are NULL); the weight lives in `weight`.
        let st = unsafe {
            gr_graph_modularity(
                call.graph(),
                keys.n,
                k.kinds,
                k.ints,
                k.str_data,
                k.str_data_len,
                k.str_offsets,
                if null_community {
                    ptr::null()
                } else {
                    community.as_ptr()
                },
                wp,
                wl,
                unweighted,
                resolution,
                call.cancel(),
                call.out(0, 1, &mut value),
            )
        };
        let w = community_weight(m, &weight, unweighted);
        // A partition: the graph's nodes, each once.
        let partition = keys.keys.as_ref().is_some_and(|ks| {
            let mut sorted: Vec<String> = ks.iter().map(|k| format!("{k:?}")).collect();
            let mut nodes: Vec<String> = m.nodes.iter().map(|k| format!("{k:?}")).collect();
            sorted.sort();
            nodes.sort();
            sorted == nodes
        });
        let want = if keys.keys.is_none()
            || null_community
            || (!unweighted && weight.text().is_err())
            || resolution.is_nan()
        {
            Want::Err(GR_STATUS_INVALID_ARGUMENT)
        } else if matches!(w, Weights::Refused | Weights::Unknown) {
            weighted(&w, Want::Ok)
        } else if !partition {
            Want::Err(GR_STATUS_INVALID_ARGUMENT)
        } else {
            total_weight(&w, m)
        };
        if !call.done(st, want, "modularity") {
            return;
        }
        // Compared where the sums are exact in any order (small non-negative integers):
        // elsewhere the order of float additions may change the result beyond rounding.
        if matches!(w, Weights::Unknown) || !w.exact_sums(m) || w.any(m, |x| x < 0.0) {
            return;
        }
        let ks: &[Key] = keys.keys.as_deref().expect("valid");
        let by_node: Vec<u64> = m
            .nodes
            .iter()
            .map(|n| community[ks.iter().position(|k| k == n).expect("a partition")])
            .collect();
        let q = Indexed::of(m)
            .modularity(&by_node, &w.all(m), resolution)
            .expect("a total weight of 0 is refused");
        assert!(
            close(value, q) || (!q.is_finite() && !value.is_finite()),
            "modularity {value}, the model says {q}"
        );
    }
}
