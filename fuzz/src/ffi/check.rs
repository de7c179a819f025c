//! Checks shared by every step: status codes, the last error message, and a graph against
//! its model.

use std::collections::HashSet;
use std::ffi::CStr;
use std::ptr;

use groggy::core::AttrValue;
use groggy::ffi::*;

use super::keys::{read_keys, Key, KeyArg};
use super::model::Model;
use super::values::{read_value, same, take_value};

pub fn last_error() -> String {
    // SAFETY: the library returns a NUL-terminated string it owns, valid until the next
    // failing call on this thread; it is copied at once.
    unsafe { CStr::from_ptr(gr_last_error_message()) }
        .to_string_lossy()
        .into_owned()
}

/// Checks a status: a known code, never a caught panic, and a message after a failure.
pub fn status(st: gr_status, op: &str) -> gr_status {
    assert!(
        (GR_STATUS_OK..=GR_STATUS_CALLBACK).contains(&st),
        "{op}: unknown status {st}"
    );
    assert!(
        st != GR_STATUS_INTERNAL,
        "{op}: internal error (a panic inside the library): {}",
        last_error()
    );
    // SAFETY: returns a static NUL-terminated string.
    let text = unsafe { CStr::from_ptr(gr_status_str(st)) };
    assert_ne!(
        text.to_bytes(),
        b"unknown status",
        "{op}: status {st} has no description"
    );
    if st != GR_STATUS_OK {
        let msg = last_error();
        assert!(
            !msg.is_empty() && msg.contains(": "),
            "{op}: status {st}, message {msg:?}"
        );
    }
    st
}

pub fn ok(st: gr_status, op: &str) -> bool {
    status(st, op) == GR_STATUS_OK
}

/// A call that must fail with `GR_STATUS_INVALID_ARGUMENT`.
pub fn expect_failure(st: gr_status, op: &str) {
    assert_eq!(
        status(st, op),
        GR_STATUS_INVALID_ARGUMENT,
        "{op} should be refused: {}",
        last_error()
    );
}

/// The edges of a graph as two key lists.
pub fn read_edges(g: *const gr_graph) -> Vec<(Key, Key)> {
    let (mut s, mut t) = (ptr::null_mut(), ptr::null_mut());
    // SAFETY: `g` is live; the outputs are locals.
    assert!(ok(unsafe { gr_graph_edges(g, &mut s, &mut t) }, "edges"));
    let (src, dst) = (read_keys(s), read_keys(t));
    // SAFETY: handles made above, freed once.
    unsafe {
        gr_keys_free(s);
        gr_keys_free(t);
    }
    assert_eq!(
        src.len(),
        dst.len(),
        "edges: sources and targets differ in length"
    );
    src.into_iter().zip(dst).collect()
}

pub fn read_nodes(g: *const gr_graph) -> Vec<Key> {
    let mut k = ptr::null_mut();
    // SAFETY: `g` is live; the output is a local.
    assert!(ok(unsafe { gr_graph_nodes(g, &mut k) }, "nodes"));
    let keys = read_keys(k);
    // SAFETY: made above, freed once.
    unsafe { gr_keys_free(k) };
    keys
}

/// The graph holds what its model says: sizes, node and edge order, and (when known)
/// attribute names and, for a sample, values.
pub fn graph_matches(g: *const gr_graph, m: &Model) {
    let (mut n, mut e, mut n2, mut e2) = (0usize, 0usize, 0usize, 0usize);
    let mut directed = !m.directed;
    // SAFETY: `g` is live; outputs are locals.
    unsafe {
        assert!(ok(gr_graph_size(g, &mut n, &mut e), "size"));
        assert!(ok(gr_graph_node_count(g, &mut n2), "node_count"));
        assert!(ok(gr_graph_edge_count(g, &mut e2), "edge_count"));
        assert!(ok(gr_graph_is_directed(g, &mut directed), "is_directed"));
    }
    assert_eq!((n, e), (n2, e2), "gr_graph_size disagrees with the counts");
    assert_eq!(directed, m.directed, "directedness");
    let nodes = read_nodes(g);
    assert_eq!(nodes.len(), n, "node_count {n} but {} keys", nodes.len());
    assert_eq!(nodes, m.nodes, "node order");
    let edges = read_edges(g);
    assert_eq!(edges.len(), e, "edge_count {e} but {} edges", edges.len());
    assert_eq!(edges, m.edges, "edge order");
    let live: HashSet<&Key> = nodes.iter().collect();
    for (u, v) in &edges {
        assert!(
            live.contains(u) && live.contains(v),
            "edge ({u:?}, {v:?}) has a missing endpoint"
        );
    }
    if m.attrs_known {
        names_match(g, m);
        for k in m.nodes.iter().take(8) {
            node_attrs_match(g, m, k);
        }
        for edge in m.edges.iter().take(8) {
            edge_attrs_match(g, m, edge);
        }
    }
}

fn read_names(list: *mut gr_string_list) -> HashSet<String> {
    let (mut len, mut items) = (0usize, ptr::null());
    // SAFETY: a live list made by the caller; outputs are locals.
    assert!(ok(
        unsafe { gr_string_list_entries(list, &mut len, &mut items) },
        "string_list"
    ));
    let mut names = HashSet::new();
    for i in 0..len {
        // SAFETY: `len` borrowed buffers, valid while the list lives.
        let b = unsafe { *items.add(i) };
        // SAFETY: as above.
        let bytes = unsafe { std::slice::from_raw_parts(b.ptr, b.len) };
        let name = std::str::from_utf8(bytes)
            .expect("names are UTF-8")
            .to_string();
        assert!(names.insert(name), "a name listed twice");
    }
    // SAFETY: freed once.
    unsafe { gr_string_list_free(list) };
    names
}

fn names_match(g: *const gr_graph, m: &Model) {
    let (mut nl, mut el) = (ptr::null_mut(), ptr::null_mut());
    // SAFETY: `g` is live; outputs are locals.
    unsafe {
        assert!(ok(gr_graph_node_attr_names(g, &mut nl), "node_attr_names"));
        assert!(ok(gr_graph_edge_attr_names(g, &mut el), "edge_attr_names"));
    }
    assert_eq!(read_names(nl), m.node_attr_names(), "node attribute names");
    assert_eq!(read_names(el), m.edge_attr_names(), "edge attribute names");
}

/// The entries of an attribute map, as borrowed values read into owned ones.
pub fn read_map(map: *const gr_attr_map) -> Vec<(String, AttrValue)> {
    let (mut len, mut names, mut values) = (0usize, ptr::null(), ptr::null());
    // SAFETY: a live map; outputs are locals.
    assert!(ok(
        unsafe { gr_attr_map_entries(map, &mut len, &mut names, &mut values) },
        "map"
    ));
    (0..len)
        .map(|i| {
            // SAFETY: `len` names and values borrowed from the map, which lives.
            unsafe {
                let b = *names.add(i);
                let name = std::str::from_utf8(std::slice::from_raw_parts(b.ptr, b.len))
                    .expect("names are UTF-8")
                    .to_string();
                (name, read_value(&*values.add(i)))
            }
        })
        .collect()
}

fn attrs_equal(got: Vec<(String, AttrValue)>, want: Option<&super::model::Attrs>, what: &str) {
    let empty = Default::default();
    let want = want.unwrap_or(&empty);
    assert_eq!(got.len(), want.len(), "{what}: {got:?} vs {want:?}");
    for (name, value) in &got {
        let w = want
            .get(name)
            .unwrap_or_else(|| panic!("{what}: extra attribute {name}"));
        assert!(same(value, w), "{what}.{name}: {value:?} vs {w:?}");
    }
}

fn node_attrs_match(g: *const gr_graph, m: &Model, k: &Key) {
    let arg = KeyArg::valid(k.clone());
    let (ki, ks, kl) = arg.raw();
    let mut map = ptr::null_mut();
    // SAFETY: `g` is live; the key lives in `arg`; the output is a local.
    assert!(ok(
        unsafe { gr_graph_node_attrs(g, ki, ks, kl, &mut map) },
        "node_attrs"
    ));
    attrs_equal(read_map(map), m.node_attrs.get(k), "node attrs");
    // SAFETY: freed once.
    unsafe { gr_attr_map_free(map) };
    if let Some(attrs) = m.node_attrs.get(k) {
        for (name, want) in attrs.iter().take(3) {
            let mut out = gr_attr_value {
                tag: GR_ATTR_NULL,
                data: gr_attr_data { i64: 0 },
            };
            let mut found = false;
            // SAFETY: as above; `name` lives in the model.
            let st = unsafe {
                gr_graph_get_node_attr(
                    g,
                    ki,
                    ks,
                    kl,
                    name.as_ptr().cast(),
                    name.len(),
                    &mut out,
                    &mut found,
                )
            };
            assert!(
                ok(st, "get_node_attr") && found,
                "node attr {name} not found"
            );
            let got = take_value(out);
            assert!(same(&got, want), "node attr {name}: {got:?} vs {want:?}");
        }
    }
}

fn edge_attrs_match(g: *const gr_graph, m: &Model, edge: &(Key, Key)) {
    let (ua, va) = (KeyArg::valid(edge.0.clone()), KeyArg::valid(edge.1.clone()));
    let ((ui, us, ul), (vi, vs, vl)) = (ua.raw(), va.raw());
    let mut map = ptr::null_mut();
    // SAFETY: `g` is live; the keys live in `ua`, `va`; the output is a local.
    assert!(ok(
        unsafe { gr_graph_edge_attrs(g, ui, us, ul, vi, vs, vl, &mut map) },
        "edge_attrs"
    ));
    attrs_equal(read_map(map), m.edge_attrs.get(edge), "edge attrs");
    // SAFETY: freed once.
    unsafe { gr_attr_map_free(map) };
}

/// The status of a call that changes a graph: refused when an argument is bad, else
/// done (or out of memory in a pool). Says whether it was done.
pub fn mutation(st: gr_status, valid: bool, pooled: bool, op: &str) -> bool {
    if !valid {
        expect_failure(st, op);
        return false;
    }
    let s = status(st, op);
    if pooled && s == GR_STATUS_OUT_OF_MEMORY {
        return false;
    }
    assert_eq!(s, GR_STATUS_OK, "{op} failed: {}", last_error());
    true
}
