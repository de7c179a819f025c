//! `gr_graph_add_adjacency` on a copy of a graph: neighbour lists by node position, some
//! malformed (offsets that do not cut the entries, positions past the last node, in lists
//! on an undirected graph, NULL arrays, columns of the wrong length). A refused call leaves
//! the copy as its model says; an accepted one adds the listed pairs, and every listed
//! node's neighbours start with its list's (first occurrences, in order).

use std::collections::HashSet;
use std::ptr;

use groggy::ffi::*;

use super::check::{expect_failure, graph_matches, ok, status};
use super::keys::{read_keys, Key, KeyArg};
use super::model::Model;
use super::state::State;
use crate::Input;

/// Lists as the call takes them, and whether they are well formed for `nodes` nodes.
struct Lists {
    offsets: Vec<usize>,
    neighbours: Vec<u32>,
    valid: bool,
}

impl Lists {
    fn gen(input: &mut Input<'_>, nodes: usize) -> Lists {
        let count = input.below(nodes + 2);
        let mut offsets = vec![0];
        let mut neighbours = Vec::new();
        for _ in 0..count {
            for _ in 0..input.below(4) {
                neighbours.push(input.below(nodes + 1) as u32);
            }
            offsets.push(neighbours.len());
        }
        if input.below(10) == 0 && offsets.len() > 1 {
            let at = input.below(offsets.len());
            offsets[at] = offsets[at].wrapping_add(1 + input.below(3)); // cut wrongly
        }
        let cut = offsets[0] == 0
            && offsets.windows(2).all(|w| w[0] <= w[1])
            && offsets.last() == Some(&neighbours.len());
        let valid = count <= nodes && cut && neighbours.iter().all(|&w| (w as usize) < nodes);
        Lists {
            offsets,
            neighbours,
            valid,
        }
    }

    fn list(&self, p: usize) -> &[u32] {
        &self.neighbours[self.offsets[p]..self.offsets[p + 1]]
    }
}

impl State {
    pub fn add_adjacency(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let slot = self.graphs[i].as_ref().expect("picked");
        let model = slot.model.clone();
        let mut copy = ptr::null_mut();
        // SAFETY: a live graph; the output is a local.
        if !ok(unsafe { gr_graph_copy(slot.g, &mut copy) }, "copy") {
            return;
        }
        let nodes = model.nodes.len();
        let out = Lists::gen(input, nodes);
        let into = input.bool().then(|| Lists::gen(input, nodes));
        let n_lists = out.offsets.len() - 1;
        let same_count = into
            .as_ref()
            .is_none_or(|l| l.offsets.len() == out.offsets.len());
        let in_ok = !same_count || into.as_ref().is_none_or(|l| model.directed && l.valid);
        let null_out = !out.neighbours.is_empty() && input.below(10) == 0;
        let entries = out.neighbours.len();
        let column_len = if input.below(6) == 0 {
            entries + 1
        } else {
            entries
        };
        let values: Vec<i64> = (0..column_len).map(|j| j as i64).collect();
        let mut column = ptr::null_mut();
        // SAFETY: `column_len` values, no validity; the output is a local.
        let made = unsafe {
            gr_array_new(
                GR_ATTR_INT64,
                values.as_ptr().cast(),
                ptr::null(),
                column_len,
                &mut column,
            )
        };
        assert!(ok(made, "array_new"));
        let name = *b"adj";
        let names = [gr_buf {
            ptr: name.as_ptr(),
            len: name.len(),
        }];
        let columns = [column.cast_const()];
        let (in_offsets, in_neighbours, n_in) = match &into {
            Some(l) => (
                l.offsets.as_ptr(),
                l.neighbours.as_ptr(),
                l.neighbours.len(),
            ),
            None => (ptr::null(), ptr::null(), 0),
        };
        // SAFETY: a live graph; every array holds the lengths given (the in offsets
        // `n_lists + 1` only when `same_count`, else they are not passed).
        let st = unsafe {
            gr_graph_add_adjacency(
                copy,
                n_lists,
                out.offsets.as_ptr(),
                if null_out {
                    ptr::null()
                } else {
                    out.neighbours.as_ptr()
                },
                entries,
                if same_count { in_offsets } else { ptr::null() },
                if same_count {
                    in_neighbours
                } else {
                    ptr::null()
                },
                if same_count { n_in } else { 0 },
                names.as_ptr(),
                columns.as_ptr(),
                1,
            )
        };
        let valid = out.valid && in_ok && !null_out && column_len == entries;
        if !valid {
            expect_failure(st, "add_adjacency");
            graph_matches(copy, &model);
        } else if status(st, "add_adjacency") == GR_STATUS_OK {
            check_added(copy, &model, &out);
            if let Some(into) = into.filter(|_| same_count) {
                check_in_order(copy, &model, &into);
            }
        } else {
            assert!(model.pooled, "add_adjacency refused valid lists");
            graph_matches(copy, &model);
        }
        // SAFETY: made above, each freed once.
        unsafe {
            gr_array_free(column);
            gr_graph_free(copy);
        }
    }
}

/// The edges are the model's and the listed pairs; each listed node's neighbours start
/// with its list.
fn check_added(g: *const gr_graph, m: &Model, out: &Lists) {
    let mut pairs: HashSet<(Key, Key)> = m.edges.iter().cloned().map(|e| normal(m, e)).collect();
    for p in 0..out.offsets.len() - 1 {
        for &w in out.list(p) {
            pairs.insert(normal(m, (m.nodes[p].clone(), m.nodes[w as usize].clone())));
        }
    }
    let mut count = 0usize;
    // SAFETY: a live graph; the output is a local.
    assert!(ok(
        unsafe { gr_graph_edge_count(g, &mut count) },
        "edge_count"
    ));
    assert_eq!(count, pairs.len(), "edges after add_adjacency");
    for p in 0..out.offsets.len() - 1 {
        let want = first_occurrences(out.list(p), m);
        let got = neighbours(g, &m.nodes[p], gr_graph_successors);
        assert_eq!(
            &got[..want.len()],
            &want[..],
            "neighbours of {:?}",
            m.nodes[p]
        );
    }
}

/// Each node's predecessors start with the sources its in list names (an entry naming no
/// edge passed over).
fn check_in_order(g: *const gr_graph, m: &Model, into: &Lists) {
    for p in 0..into.offsets.len() - 1 {
        let got = neighbours(g, &m.nodes[p], gr_graph_predecessors);
        let present: HashSet<&Key> = got.iter().collect();
        let want: Vec<Key> = first_occurrences(into.list(p), m)
            .into_iter()
            .filter(|k| present.contains(k))
            .collect();
        assert_eq!(
            &got[..want.len()],
            &want[..],
            "predecessors of {:?}",
            m.nodes[p]
        );
    }
}

fn first_occurrences(list: &[u32], m: &Model) -> Vec<Key> {
    let mut seen = HashSet::new();
    list.iter()
        .filter(|&&w| seen.insert(w))
        .map(|&w| m.nodes[w as usize].clone())
        .collect()
}

/// An edge's endpoints as a set key: ordered for an undirected graph by node order.
fn normal(m: &Model, (u, v): (Key, Key)) -> (Key, Key) {
    if m.directed {
        return (u, v);
    }
    let at = |k: &Key| m.nodes.iter().position(|n| n == k);
    if at(&u) <= at(&v) {
        (u, v)
    } else {
        (v, u)
    }
}

type ListFn = unsafe extern "C" fn(
    *const gr_graph,
    i64,
    *const std::ffi::c_char,
    usize,
    *mut *mut gr_keys,
) -> gr_status;

fn neighbours(g: *const gr_graph, key: &Key, list: ListFn) -> Vec<Key> {
    let arg = KeyArg::valid(key.clone());
    let (ki, ks, kl) = arg.raw();
    let mut keys = ptr::null_mut();
    // SAFETY: a live graph; the key lives in `arg`; the output is a local.
    assert!(ok(unsafe { list(g, ki, ks, kl, &mut keys) }, "neighbours"));
    let out = read_keys(keys);
    // SAFETY: made above, freed once.
    unsafe { gr_keys_free(keys) };
    out
}
