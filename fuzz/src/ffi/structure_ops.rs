//! Connectivity, DAGs and spanning trees: has_path (with missing and malformed keys),
//! is_connected, is_strongly_connected, the number of components, the DAG test,
//! networkx's topological order, and minimum spanning edges and trees (unknown algorithm
//! codes, NaN weights); checked exactly against the model, the spanning forest edge by
//! edge in networkx's order (so it has n - components edges), the tree as a new graph.

use std::ptr;

use groggy::ffi::*;

use super::analysis_model::Indexed;
use super::call_args::{pick, Call, Want};
use super::graph_ops::pick_key;
use super::keys::{read_keys, Key};
use super::model::Model;
use super::results::edge_list;
use super::state::State;
use super::weights::{weighted, WeightArg, Weights};
use crate::Input;

impl State {
    pub fn structure(&mut self, input: &mut Input<'_>) {
        let Some(call) = Call::gen(self, input) else {
            return;
        };
        match input.below(6) {
            0 => self.has_path(input, &call),
            1 => connected(input, &call),
            2 => self.dag(input, &call),
            _ => self.spanning(input, &call),
        }
    }

    fn has_path(&mut self, input: &mut Input<'_>, call: &Call) {
        let m = &call.model;
        let (u, v) = (pick_key(input, &m.nodes), pick_key(input, &m.nodes));
        let ((ui, us, ul), (vi, vs, vl)) = (u.raw(), v.raw());
        let mut found = false;
        // SAFETY: a live graph or NULL; the keys live in `u` and `v`; the output local.
        let st = unsafe {
            gr_graph_has_path(
                call.graph(),
                ui,
                us,
                ul,
                vi,
                vs,
                vl,
                call.cancel(),
                call.out(0, 1, &mut found),
            )
        };
        let want = match (&u.key, &v.key) {
            (Some(a), Some(b)) if m.has_node(a) && m.has_node(b) => Want::Ok,
            (Some(_), Some(_)) => Want::Err(GR_STATUS_NODE_NOT_FOUND),
            _ => Want::Err(GR_STATUS_INVALID_ARGUMENT),
        };
        if call.done(st, want, "has_path") {
            let (a, b) = (u.key.expect("ok"), v.key.expect("ok"));
            let reached = m.distances(&a).contains_key(&b);
            assert_eq!(found, reached, "has_path({a:?}, {b:?})");
        }
    }

    fn dag(&mut self, input: &mut Input<'_>, call: &Call) {
        let m = &call.model;
        let order = Indexed::of(m).topological_order();
        if input.bool() {
            let mut is_dag = false;
            // SAFETY: a live graph or NULL, a live token or NULL, a local output or NULL.
            let st = unsafe {
                gr_graph_is_directed_acyclic(
                    call.graph(),
                    call.cancel(),
                    call.out(0, 1, &mut is_dag),
                )
            };
            if call.done(st, Want::Ok, "is_directed_acyclic") {
                let want = m.directed && order.is_some();
                assert_eq!(is_dag, want, "is_directed_acyclic");
            }
            return;
        }
        let mut keys = ptr::null_mut();
        // SAFETY: as above.
        let st = unsafe {
            gr_graph_topological_sort(call.graph(), call.cancel(), call.out(0, 1, &mut keys))
        };
        let want = match (&order, m.directed) {
            (Some(_), true) => Want::Ok,
            _ => Want::Err(GR_STATUS_INVALID_OPERATION),
        };
        if call.done(st, want, "topological_sort") {
            let want: Vec<Key> = order
                .expect("a DAG")
                .into_iter()
                .map(|i| m.nodes[i].clone())
                .collect();
            assert_eq!(read_keys(keys), want, "topological order");
            self.keep_keys(keys);
        }
    }

    fn spanning(&mut self, input: &mut Input<'_>, call: &Call) {
        let m = &call.model;
        let weight = WeightArg::gen(input, m);
        let (wp, wl) = weight.raw();
        let algorithm = pick(
            input,
            &[GR_SPANNING_KRUSKAL, GR_SPANNING_KRUSKAL, 1, u32::MAX],
        );
        let tree = input.bool();
        let (mut s, mut t, mut out_g) = (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
        // SAFETY: a live graph or NULL; the weight lives in `weight`; outputs local or NULL.
        let st = unsafe {
            if tree {
                gr_graph_minimum_spanning_tree(
                    call.graph(),
                    wp,
                    wl,
                    algorithm,
                    call.cancel(),
                    call.out(0, 1, &mut out_g),
                )
            } else {
                gr_graph_minimum_spanning_edges(
                    call.graph(),
                    wp,
                    wl,
                    algorithm,
                    call.cancel(),
                    call.out(0, 2, &mut s),
                    call.out(1, 2, &mut t),
                )
            }
        };
        let op = if tree {
            "minimum_spanning_tree"
        } else {
            "minimum_spanning_edges"
        };
        // networkx's default name "weight" means unweighted when no edge has it.
        let w = match weight.text() {
            Err(()) => Weights::Refused,
            Ok(None) => Weights::Unweighted,
            Ok(Some("weight")) => Weights::default_column(m, "weight"),
            Ok(Some(name)) => Weights::column(m, name),
        };
        let want = if weight.text().is_err() || algorithm != GR_SPANNING_KRUSKAL {
            Want::Err(GR_STATUS_INVALID_ARGUMENT)
        } else if m.directed {
            Want::Err(GR_STATUS_INVALID_OPERATION)
        } else if matches!(w, Weights::Refused | Weights::Unknown) {
            weighted(&w, Want::Ok)
        } else if w.any(m, f64::is_nan) {
            Want::Err(GR_STATUS_INVALID_ARGUMENT)
        } else {
            Want::Ok
        };
        if !call.done(st, want, op) {
            return;
        }
        if matches!(w, Weights::Unknown) {
            // Weights the model does not know: nothing to compare the forest with.
            if tree {
                // SAFETY: made by the call above, never shared.
                unsafe { gr_graph_free(out_g) };
            } else {
                self.keep_keys(s);
                self.keep_keys(t);
            }
            return;
        }
        let ix = Indexed::of(m);
        let forest: Vec<(Key, Key)> = ix
            .kruskal(&w.all(m))
            .into_iter()
            .map(|(u, v)| (m.nodes[u].clone(), m.nodes[v].clone()))
            .collect();
        assert_eq!(
            forest.len(),
            m.nodes.len() - m.components().len(),
            "a spanning forest has n - components edges"
        );
        if tree {
            let model = spanning_tree(m, &forest);
            self.adopt(out_g, model, input);
        } else {
            assert_eq!(edge_list(s, t, op), forest, "{op}");
            self.keep_keys(s);
            self.keep_keys(t);
        }
    }
}

/// is_connected, is_strongly_connected, number_connected_components.
fn connected(input: &mut Input<'_>, call: &Call) {
    let m = &call.model;
    let which = input.below(3);
    let (mut answer, mut count) = (false, usize::MAX);
    let (g, c) = (call.graph(), call.cancel());
    // SAFETY (each): a live graph or NULL, a live token or NULL, a local output or NULL.
    let st = unsafe {
        match which {
            0 => gr_graph_is_connected(g, c, call.out(0, 1, &mut answer)),
            1 => gr_graph_is_strongly_connected(g, c, call.out(0, 1, &mut answer)),
            _ => gr_graph_number_connected_components(g, c, call.out(0, 1, &mut count)),
        }
    };
    // Each is for one kind of graph; the two predicates need a node.
    let right_kind = m.directed == (which == 1);
    let want = if !right_kind || (which < 2 && m.nodes.is_empty()) {
        Want::Err(GR_STATUS_INVALID_OPERATION)
    } else {
        Want::Ok
    };
    if !call.done(st, want, "connectivity") {
        return;
    }
    match which {
        0 => assert_eq!(answer, m.components().len() == 1, "is_connected"),
        1 => assert_eq!(
            answer,
            m.strong_components().len() == 1,
            "is_strongly_connected"
        ),
        _ => assert_eq!(count, m.components().len(), "number_connected_components"),
    }
}

/// networkx's `minimum_spanning_tree`: every node with its attributes, and the forest's
/// edges, in the order and orientation found, with their attributes.
fn spanning_tree(m: &Model, forest: &[(Key, Key)]) -> Model {
    let mut tree = m.subgraph(&m.nodes);
    tree.edges.clear();
    tree.edge_attrs.clear();
    for (u, v) in forest {
        let stored = m.edge_id(u, v).expect("a forest edge is an edge");
        tree.edges.push((u.clone(), v.clone()));
        if let Some(a) = m.edge_attrs.get(&stored) {
            tree.edge_attrs.insert((u.clone(), v.clone()), a.clone());
        }
    }
    tree
}
