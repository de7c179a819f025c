//! Steps on attributes: one value at a time, whole maps and name lists, and whole columns
//! read as arrays or written from them.

use std::ptr;

use groggy::core::AttrValue;
use groggy::ffi::*;

use super::array_ops::read_array;
use super::check::{expect_failure, graph_matches, last_error, mutation, ok, read_map, status};
use super::graph_ops::pick_key;
use super::keys::{Key, KeyArg};
use super::state::State;
use super::values::{same, take_value, Name, ValueArg};
use crate::Input;

impl State {
    pub fn set_attr(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let slot = self.graphs[i].as_mut().expect("picked");
        let name = Name::gen(input);
        let value = ValueArg::gen(input);
        let null_value = input.below(16) == 0;
        let vp: *const gr_attr_value = if null_value { ptr::null() } else { &value.raw };
        let u = pick_key(input, &slot.model.nodes);
        let (ui, us, ul) = u.raw();
        if input.bool() {
            // SAFETY: a live graph; key, name and value live in locals.
            let st = unsafe {
                gr_graph_set_node_attr(slot.g, ui, us, ul, name.ptr(), name.bytes.len(), vp)
            };
            let valid =
                u.key.is_some() && name.valid.is_some() && value.expect.is_some() && !null_value;
            let key = u.key.clone();
            let exists = key.as_ref().is_some_and(|k| slot.model.has_node(k));
            if valid && !exists {
                assert_eq!(
                    status(st, "set_node_attr"),
                    GR_STATUS_NODE_NOT_FOUND,
                    "set_node_attr"
                );
            } else if mutation(st, valid, slot.model.pooled, "set_node_attr") {
                let k = key.expect("valid");
                let entry = slot.model.node_attrs.entry(k).or_default();
                entry.insert(
                    name.valid.clone().expect("valid"),
                    value.expect.clone().expect("valid"),
                );
            }
        } else {
            let edge = if !slot.model.edges.is_empty() && input.bool() {
                let (a, b) = slot.model.edges[input.below(slot.model.edges.len())].clone();
                // Either way round when undirected.
                if !slot.model.directed && input.bool() {
                    (b, a)
                } else {
                    (a, b)
                }
            } else {
                (
                    Key::Int(input.below(8) as i64),
                    Key::Int(input.below(8) as i64),
                )
            };
            let (ua, va) = (
                super::keys::KeyArg::valid(edge.0.clone()),
                super::keys::KeyArg::valid(edge.1.clone()),
            );
            let ((ui, us, ul), (vi, vs, vl)) = (ua.raw(), va.raw());
            // SAFETY: as above.
            let st = unsafe {
                gr_graph_set_edge_attr(
                    slot.g,
                    ui,
                    us,
                    ul,
                    vi,
                    vs,
                    vl,
                    name.ptr(),
                    name.bytes.len(),
                    vp,
                )
            };
            let valid = name.valid.is_some() && value.expect.is_some() && !null_value;
            match slot.model.edge_id(&edge.0, &edge.1) {
                None if valid => {
                    let s = status(st, "set_edge_attr");
                    assert!(
                        s == GR_STATUS_EDGE_NOT_FOUND || s == GR_STATUS_NODE_NOT_FOUND,
                        "set_edge_attr"
                    );
                }
                id => {
                    if mutation(st, valid, slot.model.pooled, "set_edge_attr") {
                        let entry = slot.model.edge_attrs.entry(id.expect("valid")).or_default();
                        entry.insert(
                            name.valid.clone().expect("valid"),
                            value.expect.clone().expect("valid"),
                        );
                    }
                }
            }
        }
        graph_matches(slot.g, &slot.model);
    }

    /// Removes one attribute of a node or an edge: absent afterwards; one the element
    /// does not have is `ATTRIBUTE_NOT_FOUND` and changes nothing.
    pub fn remove_attr(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let m = &self.graphs[i].as_ref().expect("picked").model;
        let (u, v) = if input.bool() {
            (pick_key(input, &m.nodes), None)
        } else if !m.edges.is_empty() && input.bool() {
            // A live edge, either way round (undirected: the same edge).
            let (a, b) = m.edges[input.below(m.edges.len())].clone();
            let (a, b) = if input.bool() { (b, a) } else { (a, b) };
            (KeyArg::valid(a), Some(KeyArg::valid(b)))
        } else {
            (pick_key(input, &m.nodes), Some(pick_key(input, &m.nodes)))
        };
        self.remove_attr_of(i, u, v, input);
    }

    /// `remove_attr` on the node `u`, or the edge `(u, v)`.
    fn remove_attr_of(&mut self, i: usize, u: KeyArg, v: Option<KeyArg>, input: &mut Input<'_>) {
        let slot = self.graphs[i].as_mut().expect("picked");
        let m = &mut slot.model;
        // The element, when both keys are valid: `Some(None)` when it is not in the graph.
        let owner = match (&u.key, v.as_ref().map(|v| &v.key)) {
            (Some(k), None) => Some(m.has_node(k).then(|| Err(k.clone()))),
            (Some(a), Some(Some(b))) => Some(m.edge_id(a, b).map(Ok)),
            _ => None,
        };
        let attrs = match owner.clone().flatten() {
            Some(Err(k)) => m.node_attrs.get(&k),
            Some(Ok(e)) => m.edge_attrs.get(&e),
            None => None,
        };
        // Often a name the element has, so that removals succeed.
        let name = match attrs.filter(|a| !a.is_empty() && input.bool()) {
            Some(a) => {
                let n = a
                    .keys()
                    .nth(input.below(a.len()))
                    .expect("in range")
                    .clone();
                Name {
                    bytes: n.clone().into_bytes(),
                    valid: Some(n),
                }
            }
            None => Name::gen(input),
        };
        let (ui, us, ul) = u.raw();
        let (op, st) = match &v {
            None => (
                "remove_node_attr",
                // SAFETY: a live graph; key and name live in locals.
                unsafe {
                    gr_graph_remove_node_attr(slot.g, ui, us, ul, name.ptr(), name.bytes.len())
                },
            ),
            Some(v) => {
                let (vi, vs, vl) = v.raw();
                // SAFETY: as above.
                let st = unsafe {
                    gr_graph_remove_edge_attr(
                        slot.g,
                        ui,
                        us,
                        ul,
                        vi,
                        vs,
                        vl,
                        name.ptr(),
                        name.bytes.len(),
                    )
                };
                ("remove_edge_attr", st)
            }
        };
        let (Some(owner), Some(n)) = (owner, name.valid.clone()) else {
            expect_failure(st, op); // a bad key or name
            graph_matches(slot.g, m);
            return;
        };
        let s = status(st, op);
        let Some(owner) = owner else {
            let missing = [GR_STATUS_NODE_NOT_FOUND, GR_STATUS_EDGE_NOT_FOUND];
            assert!(missing.contains(&s), "{op} of a missing element: {s}");
            graph_matches(slot.g, m);
            return;
        };
        let attrs = match owner {
            Err(k) => m.node_attrs.entry(k).or_default(),
            Ok(e) => m.edge_attrs.entry(e).or_default(),
        };
        if m.attrs_known {
            let had = attrs.remove(&n).is_some();
            let want = if had {
                GR_STATUS_OK
            } else {
                GR_STATUS_ATTRIBUTE_NOT_FOUND
            };
            assert_eq!(s, want, "{op} '{n}': {}", last_error());
        } else {
            // Attributes a file brought are not modelled: either answer, never another.
            assert!(
                s == GR_STATUS_OK || s == GR_STATUS_ATTRIBUTE_NOT_FOUND,
                "{op}: {s}"
            );
            attrs.remove(&n);
        }
        graph_matches(slot.g, m);
    }

    /// One value, a whole map (kept, read later), and the name lists (kept).
    pub fn read_attrs(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let slot = self.graphs[i].as_ref().expect("picked");
        let (g, m) = (slot.g, slot.model.clone());
        let u = pick_key(input, &m.nodes);
        let name = Name::gen(input);
        let (ui, us, ul) = u.raw();
        let mut out = gr_attr_value {
            tag: GR_ATTR_NULL,
            data: gr_attr_data { i64: 0 },
        };
        let mut found = false;
        // SAFETY: a live graph; key and name live in locals; outputs are locals.
        let st = unsafe {
            gr_graph_get_node_attr(
                g,
                ui,
                us,
                ul,
                name.ptr(),
                name.bytes.len(),
                &mut out,
                &mut found,
            )
        };
        match (&u.key, &name.valid) {
            (Some(k), Some(n)) if m.has_node(k) => {
                assert!(ok(st, "get_node_attr"), "get_node_attr: {}", last_error());
                let got = found.then(|| take_value(out));
                if m.attrs_known {
                    let want = m.node_attr(k, n);
                    assert_eq!(
                        got.is_some(),
                        want.is_some(),
                        "get_node_attr({k:?}, {n}) found"
                    );
                    if let (Some(a), Some(b)) = (&got, want) {
                        assert!(same(a, b), "get_node_attr: {a:?} vs {b:?}");
                    }
                }
            }
            (Some(_), Some(_)) => assert_eq!(status(st, "get_node_attr"), GR_STATUS_NODE_NOT_FOUND),
            _ => expect_failure(st, "get_node_attr(bad key or name)"),
        }
        let mut map = ptr::null_mut();
        // SAFETY: as above.
        let st = unsafe { gr_graph_node_attrs(g, ui, us, ul, &mut map) };
        if status(st, "node_attrs") == GR_STATUS_OK {
            read_map(map);
            self.keep_map(map);
        }
        if let Some((a, b)) = m.edges.first().cloned().filter(|_| input.bool()) {
            let (ua, va) = (super::keys::KeyArg::valid(a), super::keys::KeyArg::valid(b));
            let ((ui, us, ul), (vi, vs, vl)) = (ua.raw(), va.raw());
            let mut found = false;
            // SAFETY: as above.
            let st = unsafe {
                gr_graph_get_edge_attr(
                    g,
                    ui,
                    us,
                    ul,
                    vi,
                    vs,
                    vl,
                    name.ptr(),
                    name.bytes.len(),
                    &mut out,
                    &mut found,
                )
            };
            if name.valid.is_some() {
                assert!(ok(st, "get_edge_attr"));
                if found {
                    take_value(out);
                }
            } else {
                expect_failure(st, "get_edge_attr(bad name)");
            }
            let mut map = ptr::null_mut();
            // SAFETY: as above.
            assert!(ok(
                unsafe { gr_graph_edge_attrs(g, ui, us, ul, vi, vs, vl, &mut map) },
                "edge_attrs"
            ));
            self.keep_map(map);
        }
        let mut list = ptr::null_mut();
        // SAFETY: as above.
        assert!(ok(
            unsafe { gr_graph_node_attr_names(g, &mut list) },
            "node_attr_names"
        ));
        self.keep_list(list);
    }

    /// A whole column as an array (kept), checked against the model.
    pub fn column_read(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let slot = self.graphs[i].as_ref().expect("picked");
        let (g, m) = (slot.g, slot.model.clone());
        let name = Name::gen(input);
        let which = input.below(4);
        let mut out = ptr::null_mut();
        // SAFETY: a live graph; the name lives in `name`; the output is a local.
        let st = unsafe {
            let (p, l) = (name.ptr(), name.bytes.len());
            match which {
                0 => gr_graph_node_array(g, p, l, &mut out),
                1 => gr_graph_edge_array(g, p, l, &mut out),
                2 => gr_graph_node_attr_presence(g, p, l, &mut out),
                _ => gr_graph_edge_attr_presence(g, p, l, &mut out),
            }
        };
        let Some(n) = &name.valid else {
            return expect_failure(st, "column read(bad name)");
        };
        let st = status(st, "column read");
        let nodes = which.is_multiple_of(2);
        // Per entity: the model's value (None: absent).
        let want: Vec<Option<AttrValue>> = if nodes {
            m.nodes.iter().map(|k| m.node_attr(k, n).cloned()).collect()
        } else {
            m.edges.iter().map(|e| m.edge_attr(e, n).cloned()).collect()
        };
        // Arrays and presence alike: no such column when no entity has it.
        if st == GR_STATUS_ATTRIBUTE_NOT_FOUND {
            assert!(
                !m.attrs_known || want.iter().all(Option::is_none),
                "column {n} exists"
            );
            return;
        }
        if which < 2 {
            assert_eq!(st, GR_STATUS_OK, "column read: {}", last_error());
            let got = read_array(out);
            assert_eq!(got.len(), want.len(), "column {n}: length");
            if m.attrs_known {
                assert!(
                    want.iter().any(Option::is_some),
                    "column {n} read though no entity has it"
                );
                for (a, b) in got.iter().zip(&want) {
                    let b = b.clone().unwrap_or(AttrValue::Null);
                    assert!(same(a, &b), "column {n}: {a:?} vs {b:?}");
                }
            }
        } else {
            assert_eq!(st, GR_STATUS_OK, "presence: {}", last_error());
            let got = read_array(out);
            assert_eq!(got.len(), want.len(), "presence {n}: length");
            if m.attrs_known {
                for (a, b) in got.iter().zip(&want) {
                    assert_eq!(a, &AttrValue::Bool(b.is_some()), "presence of {n}");
                }
            }
        }
        self.keep_array(out);
    }

    /// A whole column written from a kept array (of any length: a mismatch is refused).
    pub fn column_write(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let array = if !self.arrays.is_empty() && input.below(4) != 0 {
            self.arrays[input.below(self.arrays.len())]
        } else {
            let n = {
                let slot = self.graphs[i].as_ref().expect("picked");
                if input.bool() {
                    slot.model.nodes.len()
                } else {
                    slot.model.edges.len()
                }
            };
            let a = super::array_ops::int_column(input, n);
            self.keep_array(a);
            a
        };
        let null_array = input.below(16) == 0;
        let values = read_array(array);
        let name = Name::gen(input);
        let slot = self.graphs[i].as_mut().expect("picked");
        let ap = if null_array { ptr::null() } else { array };
        let nodes = input.bool();
        // SAFETY: a live graph and array (or NULL); the name lives in `name`.
        let st = unsafe {
            if nodes {
                gr_graph_set_node_array(slot.g, name.ptr(), name.bytes.len(), ap)
            } else {
                gr_graph_set_edge_array(slot.g, name.ptr(), name.bytes.len(), ap)
            }
        };
        let count = if nodes {
            slot.model.nodes.len()
        } else {
            slot.model.edges.len()
        };
        let valid = name.valid.is_some() && !null_array && values.len() == count;
        if mutation(st, valid, slot.model.pooled, "set column") {
            let n = name.valid.clone().expect("valid");
            if nodes {
                for (k, v) in slot.model.nodes.clone().iter().zip(values) {
                    slot.model
                        .node_attrs
                        .entry(k.clone())
                        .or_default()
                        .insert(n.clone(), v);
                }
            } else {
                for (e, v) in slot.model.edges.clone().iter().zip(values) {
                    slot.model
                        .edge_attrs
                        .entry(e.clone())
                        .or_default()
                        .insert(n.clone(), v);
                }
            }
        }
        graph_matches(slot.g, &slot.model);
    }
}
