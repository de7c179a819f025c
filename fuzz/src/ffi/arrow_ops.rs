//! Arrow round trips through the C interfaces: a graph's node and edge tables exported as
//! streams (`gr_graph_node_table_arrow`, `gr_graph_edge_table_arrow`) and read into a new
//! graph (`gr_graph_add_nodes_arrow`, `gr_graph_add_edges_arrow`), which must equal the
//! graph's model with its null values left out (Arrow nulls read back as absent
//! attributes). A refused export must be one the model explains: keys of both kinds, a
//! name holding a NUL byte, or a column stored with mixed kinds.

use std::collections::HashSet;
use std::ptr;

use groggy::core::AttrValue;
use groggy::ffi::*;

use super::check::{last_error, ok, status};
use super::keys::Key;
use super::model::{Attrs, Model};
use super::state::State;
use crate::Input;

fn released_stream() -> ArrowArrayStream {
    ArrowArrayStream {
        get_schema: None,
        get_next: None,
        get_last_error: None,
        release: None,
        private_data: ptr::null_mut(),
    }
}

fn release(stream: &mut ArrowArrayStream) {
    if let Some(release) = stream.release {
        // SAFETY: a stream the library filled, released once.
        unsafe { release(stream) };
    }
}

fn bufs(names: &[String]) -> Vec<gr_buf> {
    names
        .iter()
        .map(|n| gr_buf {
            ptr: n.as_ptr(),
            len: n.len(),
        })
        .collect()
}

/// A column name not among `taken`.
fn free_name(base: &str, taken: &HashSet<String>) -> String {
    let mut name = base.to_string();
    while taken.contains(&name) {
        name.push('#');
    }
    name
}

fn both_kinds<'a>(keys: impl Iterator<Item = &'a Key>) -> bool {
    let (mut ints, mut strs) = (false, false);
    for k in keys {
        match k {
            Key::Int(_) => ints = true,
            Key::Str(_) => strs = true,
        }
    }
    ints && strs
}

/// The attributes without their null values.
fn without_nulls(attrs: &Attrs) -> Attrs {
    attrs
        .iter()
        .filter(|(_, v)| !matches!(v, AttrValue::Null))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Exports a table with `export`: the stream, or None after a refusal the model explains.
fn export(
    op: &str,
    names: &[String],
    fields: &[String],
    explained: bool,
    call: impl FnOnce(&[gr_buf], &[gr_buf], &mut ArrowArrayStream) -> gr_status,
) -> Option<ArrowArrayStream> {
    let (names, fields) = (bufs(names), bufs(fields));
    let mut stream = released_stream();
    let st = status(call(&names, &fields, &mut stream), op);
    if st == GR_STATUS_OK {
        assert!(
            !explained,
            "{op}: an export the model says is impossible succeeded"
        );
        return Some(stream);
    }
    let message = last_error();
    assert!(
        explained || (st == GR_STATUS_INVALID_OPERATION && message.contains("mixed kinds")),
        "{op} refused: {message}"
    );
    assert!(
        stream.release.is_none(),
        "{op}: a refused export filled the stream"
    );
    None
}

impl State {
    pub fn arrow_round_trip(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let slot = self.graphs[i].as_ref().expect("picked");
        if !slot.model.attrs_known {
            return;
        }
        let (g, model) = (slot.g, slot.model.clone());
        let mut node_names: Vec<String> = model.node_attr_names().into_iter().collect();
        let mut edge_names: Vec<String> = model.edge_attr_names().into_iter().collect();
        node_names.sort();
        edge_names.sort();
        let key = free_name("key", &node_names.iter().cloned().collect());
        let taken: HashSet<String> = edge_names.iter().cloned().collect();
        let (source, target) = (free_name("source", &taken), free_name("target", &taken));
        let target = if target == source {
            format!("{target}$")
        } else {
            target
        };
        let nul = |names: &[String]| names.iter().any(|n| n.contains('\0'));
        let node_fields: Vec<String> = [key.clone()]
            .into_iter()
            .chain(node_names.clone())
            .collect();
        let edge_fields: Vec<String> = [source.clone(), target.clone()]
            .into_iter()
            .chain(edge_names.clone())
            .collect();

        let nodes = export(
            "node_table_arrow",
            &node_names,
            &node_fields,
            both_kinds(model.nodes.iter()) || nul(&node_names),
            // SAFETY: a live graph; the names and fields outlive the call.
            |a, f, out| unsafe {
                gr_graph_node_table_arrow(g, a.as_ptr(), a.len(), f.as_ptr(), f.len(), out)
            },
        );
        // Each endpoint column has one Arrow type: its own keys must be of one kind.
        let mixed_ends = both_kinds(model.edges.iter().map(|(u, _)| u))
            || both_kinds(model.edges.iter().map(|(_, v)| v));
        let edges = export(
            "edge_table_arrow",
            &edge_names,
            &edge_fields,
            mixed_ends || nul(&edge_names),
            // SAFETY: as above.
            |a, f, out| unsafe {
                gr_graph_edge_table_arrow(g, a.as_ptr(), a.len(), f.as_ptr(), f.len(), out)
            },
        );
        let (mut nodes, mut edges) = match (nodes, edges) {
            (Some(nodes), Some(edges)) => (nodes, edges),
            (nodes, edges) => {
                for mut stream in nodes.into_iter().chain(edges) {
                    release(&mut stream);
                }
                return;
            }
        };

        let mut h = ptr::null_mut();
        // SAFETY: the output is a local.
        assert!(ok(unsafe { gr_graph_new(model.directed, &mut h) }, "new"));
        // SAFETY: a live graph and streams; the names are locals.
        unsafe {
            assert!(ok(
                gr_graph_add_nodes_arrow(
                    h,
                    &mut nodes,
                    ptr::null(),
                    ptr::null(),
                    key.as_ptr().cast(),
                    key.len()
                ),
                "add_nodes_arrow"
            ));
            assert!(ok(
                gr_graph_add_edges_arrow(
                    h,
                    &mut edges,
                    ptr::null(),
                    ptr::null(),
                    source.as_ptr().cast(),
                    source.len(),
                    target.as_ptr().cast(),
                    target.len()
                ),
                "add_edges_arrow"
            ));
        }
        release(&mut nodes);
        release(&mut edges);
        let mut expected = Model::new(model.directed);
        expected.nodes = model.nodes.clone();
        expected.edges = model.edges.clone();
        expected.node_attrs = model
            .node_attrs
            .iter()
            .map(|(k, a)| (k.clone(), without_nulls(a)))
            .collect();
        expected.edge_attrs = model
            .edge_attrs
            .iter()
            .map(|(e, a)| (e.clone(), without_nulls(a)))
            .collect();
        self.adopt(h, expected, input);
    }
}
