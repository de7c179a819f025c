//! Steps on a graph's structure: single and batch adds, removals, structural queries,
//! copies and subgraphs, and calls with NULL handles or outputs.

use std::ptr;

use groggy::core::AttrValue;
use groggy::ffi::*;

use super::array_ops::read_array;
use super::check::{expect_failure, graph_matches, last_error, mutation, ok, status};
use super::keys::{read_keys, Key, KeyArg, KeyArray};
use super::state::State;
use super::values::{Name, ValueArg};
use crate::Input;

/// Attributes passed as parallel arrays, and what they mean when all are valid.
pub struct AttrList {
    names: Vec<Name>,
    values: Vec<ValueArg>,
    raw_names: Vec<gr_buf>,
    raw_values: Vec<gr_attr_value>,
}

impl AttrList {
    pub fn gen(input: &mut Input<'_>, max: usize) -> AttrList {
        let n = input.below(max + 1);
        let names: Vec<Name> = (0..n).map(|_| Name::gen(input)).collect();
        let values: Vec<ValueArg> = (0..n).map(|_| ValueArg::gen(input)).collect();
        let raw_names = names.iter().map(Name::buf).collect();
        let raw_values = values.iter().map(|v| v.raw).collect();
        AttrList {
            names,
            values,
            raw_names,
            raw_values,
        }
    }

    pub fn expect(&self) -> Option<Vec<(String, AttrValue)>> {
        self.names
            .iter()
            .zip(&self.values)
            .map(|(n, v)| Some((n.valid.clone()?, v.expect.clone()?)))
            .collect()
    }

    /// `(names, values, n)`; NULL arrays when empty, sometimes.
    pub fn raw(&self, null_when_empty: bool) -> (*const gr_buf, *const gr_attr_value, usize) {
        if self.names.is_empty() && null_when_empty {
            return (ptr::null(), ptr::null(), 0);
        }
        (
            self.raw_names.as_ptr(),
            self.raw_values.as_ptr(),
            self.names.len(),
        )
    }
}

/// Attributes of a batch in sparse form (names, then `(item, name, value)` entries).
pub struct SparseAttrs {
    names: Vec<Name>,
    raw_names: Vec<gr_buf>,
    items: Vec<u32>,
    name_ids: Vec<u32>,
    values: Vec<ValueArg>,
    raw_values: Vec<gr_attr_value>,
}

impl SparseAttrs {
    pub fn gen(input: &mut Input<'_>) -> SparseAttrs {
        let names: Vec<Name> = (0..input.below(3)).map(|_| Name::gen(input)).collect();
        let n = input.below(5);
        let mut items = Vec::new();
        let mut name_ids = Vec::new();
        let mut values = Vec::new();
        for _ in 0..n {
            items.push(if input.below(8) == 0 {
                input.u32()
            } else {
                input.below(8) as u32
            });
            name_ids.push(input.below(4) as u32);
            values.push(ValueArg::gen(input));
        }
        let raw_names = names.iter().map(Name::buf).collect();
        let raw_values = values.iter().map(|v| v.raw).collect();
        SparseAttrs {
            names,
            raw_names,
            items,
            name_ids,
            values,
            raw_values,
        }
    }

    /// The attributes of each of `n` items, or `None` when the call must refuse them.
    pub fn expect(&self, n: usize) -> Option<Vec<Vec<(String, AttrValue)>>> {
        let names: Vec<String> = self
            .names
            .iter()
            .map(|n| n.valid.clone())
            .collect::<Option<_>>()?;
        let mut out = vec![Vec::new(); n];
        for j in 0..self.items.len() {
            let item = self.items[j] as usize;
            let name = names.get(self.name_ids[j] as usize)?;
            if item >= n {
                return None;
            }
            out[item].push((name.clone(), self.values[j].expect.clone()?));
        }
        Some(out)
    }
}

fn key_or_none(k: &KeyArg) -> Option<Key> {
    k.key.clone()
}

impl State {
    pub fn add_node(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let key = KeyArg::gen(input);
        let attrs = AttrList::gen(input, 3);
        let (ki, ks, kl) = key.raw();
        let slot = self.graphs[i].as_mut().expect("picked");
        let int_path = ks.is_null() && kl == 0 && attrs.names.is_empty() && input.bool();
        let st = if int_path {
            // SAFETY: a live graph.
            unsafe { gr_graph_add_node_int(slot.g, ki) }
        } else {
            let (names, values, n) = attrs.raw(input.bool());
            // SAFETY: a live graph; the key and attributes live in `key` and `attrs`.
            unsafe { gr_graph_add_node(slot.g, ki, ks, kl, names, values, n) }
        };
        let expect = key_or_none(&key).zip(attrs.expect());
        if mutation(st, expect.is_some(), slot.model.pooled, "add_node") {
            let (k, a) = expect.expect("valid");
            slot.model.add_node(&k, &a);
        }
        graph_matches(slot.g, &slot.model);
    }

    pub fn add_edge(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let (u, v) = (KeyArg::gen(input), KeyArg::gen(input));
        let attrs = AttrList::gen(input, 2);
        let ((ui, us, ul), (vi, vs, vl)) = (u.raw(), v.raw());
        let slot = self.graphs[i].as_mut().expect("picked");
        let (names, values, n) = attrs.raw(input.bool());
        // SAFETY: a live graph; keys and attributes live in locals.
        let st = unsafe { gr_graph_add_edge(slot.g, ui, us, ul, vi, vs, vl, names, values, n) };
        let expect = match (u.key.clone(), v.key.clone(), attrs.expect()) {
            (Some(u), Some(v), Some(a)) => Some((u, v, a)),
            _ => None,
        };
        if mutation(st, expect.is_some(), slot.model.pooled, "add_edge") {
            let (u, v, a) = expect.expect("valid");
            slot.model.add_edge(&u, &v, &a);
        }
        graph_matches(slot.g, &slot.model);
    }

    pub fn remove(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let slot = self.graphs[i].as_mut().expect("picked");
        let u = pick_key(input, &slot.model.nodes);
        let (ui, us, ul) = u.raw();
        if input.bool() {
            // SAFETY: a live graph; the key lives in `u`.
            let st = status(
                unsafe { gr_graph_remove_node(slot.g, ui, us, ul) },
                "remove_node",
            );
            match &u.key {
                None => expect_failure(st, "remove_node(bad key)"),
                Some(k) if slot.model.has_node(k) => {
                    assert_eq!(st, GR_STATUS_OK, "remove_node: {}", last_error());
                    slot.model.remove_node(k);
                }
                Some(_) => assert_eq!(
                    st, GR_STATUS_NODE_NOT_FOUND,
                    "remove_node of a missing node"
                ),
            }
        } else {
            let v = pick_key(input, &slot.model.nodes);
            let (vi, vs, vl) = v.raw();
            // SAFETY: a live graph; the keys live in `u`, `v`.
            let st = status(
                unsafe { gr_graph_remove_edge(slot.g, ui, us, ul, vi, vs, vl) },
                "remove_edge",
            );
            match (&u.key, &v.key) {
                (Some(a), Some(b)) => {
                    if slot.model.find_edge(a, b).is_some() {
                        assert_eq!(st, GR_STATUS_OK, "remove_edge: {}", last_error());
                        slot.model.remove_edge(a, b);
                    } else if slot.model.has_node(a) && slot.model.has_node(b) {
                        assert_eq!(
                            st, GR_STATUS_EDGE_NOT_FOUND,
                            "remove_edge of a missing edge"
                        );
                    } else {
                        // The header does not say which of the two a missing endpoint gives.
                        let missing = [GR_STATUS_NODE_NOT_FOUND, GR_STATUS_EDGE_NOT_FOUND];
                        assert!(missing.contains(&st), "remove_edge, missing node: {st}");
                    }
                }
                _ => expect_failure(st, "remove_edge(bad key)"),
            }
        }
        graph_matches(slot.g, &slot.model);
    }

    /// Membership, degrees and neighbours against the model.
    pub fn queries(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let slot = self.graphs[i].as_ref().expect("picked");
        let (g, m) = (slot.g, &slot.model.clone());
        let u = pick_key(input, &m.nodes);
        let (ui, us, ul) = u.raw();
        let mut found = false;
        // SAFETY: a live graph; the key lives in `u`; outputs are locals.
        let st = unsafe { gr_graph_has_node(g, ui, us, ul, &mut found) };
        match &u.key {
            Some(k) => assert!(
                ok(st, "has_node") && found == m.has_node(k),
                "has_node({k:?})"
            ),
            None => expect_failure(st, "has_node(bad key)"),
        }
        if let Some(Key::Int(k)) = &u.key {
            // SAFETY: as above.
            assert!(ok(
                unsafe { gr_graph_has_node_int(g, *k, &mut found) },
                "has_node_int"
            ));
            assert_eq!(found, m.has_node(&Key::Int(*k)), "has_node_int");
        }
        let v = pick_key(input, &m.nodes);
        let (vi, vs, vl) = v.raw();
        // SAFETY: as above.
        let st = unsafe { gr_graph_has_edge(g, ui, us, ul, vi, vs, vl, &mut found) };
        match (&u.key, &v.key) {
            (Some(a), Some(b)) => {
                assert!(ok(st, "has_edge"));
                assert_eq!(found, m.find_edge(a, b).is_some(), "has_edge({a:?}, {b:?})");
            }
            _ => expect_failure(st, "has_edge(bad key)"),
        }
        let which = input.below(6);
        let mut degree = 0usize;
        let st = match which {
            // SAFETY (all three): as above.
            0 => unsafe { gr_graph_degree(g, ui, us, ul, &mut degree) },
            1 => unsafe { gr_graph_in_degree(g, ui, us, ul, &mut degree) },
            2 => unsafe { gr_graph_out_degree(g, ui, us, ul, &mut degree) },
            _ => {
                let mut keys = ptr::null_mut();
                let st = match which {
                    // SAFETY (all three): as above.
                    3 => unsafe { gr_graph_neighbors(g, ui, us, ul, &mut keys) },
                    4 => unsafe { gr_graph_successors(g, ui, us, ul, &mut keys) },
                    _ => unsafe { gr_graph_predecessors(g, ui, us, ul, &mut keys) },
                };
                if status(st, "neighbors") == GR_STATUS_OK {
                    let got = dedup(read_keys(keys));
                    let k = u.key.as_ref().expect("found");
                    let want = dedup(if which == 5 {
                        m.predecessors(k)
                    } else {
                        m.successors(k)
                    });
                    assert_eq!(got, want, "neighbours ({which}) of {k:?}");
                    self.keep_keys(keys);
                }
                return check_missing(st, &u, "neighbors");
            }
        };
        if status(st, "degree") == GR_STATUS_OK {
            let k = u.key.as_ref().expect("found");
            let want = [m.degree(k), m.in_degree(k), m.out_degree(k)][which];
            assert_eq!(degree, want, "degree ({which}) of {k:?}");
        }
        check_missing(st, &u, "degree");
        // All degrees at once.
        let (mut keys, mut degs) = (ptr::null_mut(), ptr::null_mut());
        // SAFETY: as above.
        assert!(ok(
            unsafe { gr_graph_degrees(g, &mut keys, &mut degs) },
            "degrees"
        ));
        let ks = read_keys(keys);
        let ds = read_array(degs);
        assert_eq!(ks, m.nodes, "degrees: keys");
        let want: Vec<AttrValue> = m
            .nodes
            .iter()
            .map(|k| AttrValue::Int64(m.degree(k) as i64))
            .collect();
        assert_eq!(ds, want, "degrees");
        self.keep_keys(keys);
        self.keep_array(degs);
    }

    pub fn add_nodes_batch(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let keys = KeyArray::gen(input, 6);
        let attrs = SparseAttrs::gen(input);
        let slot = self.graphs[i].as_mut().expect("picked");
        let k = keys.raw();
        // SAFETY: a live graph; every array lives in `keys` / `attrs` with the lengths given.
        let st = unsafe {
            gr_graph_add_nodes(
                slot.g,
                k.kinds,
                k.ints,
                k.str_data,
                k.str_data_len,
                k.str_offsets,
                keys.n,
                attrs.raw_names.as_ptr(),
                attrs.names.len(),
                attrs.items.as_ptr(),
                attrs.name_ids.as_ptr(),
                attrs.raw_values.as_ptr(),
                attrs.items.len(),
            )
        };
        let expect = keys.keys.clone().zip(attrs.expect(keys.n));
        if mutation(st, expect.is_some(), slot.model.pooled, "add_nodes") {
            let (ks, attrs) = expect.expect("valid");
            for (k, a) in ks.iter().zip(&attrs) {
                slot.model.add_node(k, a);
            }
        }
        graph_matches(slot.g, &slot.model);
    }

    pub fn add_edges_batch(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let n = input.below(6);
        let src_args: Vec<KeyArg> = (0..n).map(|_| KeyArg::gen(input)).collect();
        let dst_args: Vec<KeyArg> = (0..n).map(|_| KeyArg::gen(input)).collect();
        let (src, dst) = (
            KeyArray::from_args(input, &src_args),
            KeyArray::from_args(input, &dst_args),
        );
        let attrs = SparseAttrs::gen(input);
        let slot = self.graphs[i].as_mut().expect("picked");
        let (s, d) = (src.raw(), dst.raw());
        // SAFETY: a live graph; arrays live in locals with the lengths given.
        let st = unsafe {
            gr_graph_add_edges(
                slot.g,
                s.kinds,
                s.ints,
                s.str_data,
                s.str_data_len,
                s.str_offsets,
                d.kinds,
                d.ints,
                d.str_data,
                d.str_data_len,
                d.str_offsets,
                n,
                attrs.raw_names.as_ptr(),
                attrs.names.len(),
                attrs.items.as_ptr(),
                attrs.name_ids.as_ptr(),
                attrs.raw_values.as_ptr(),
                attrs.items.len(),
            )
        };
        let expect = match (src.keys.clone(), dst.keys.clone(), attrs.expect(n)) {
            (Some(s), Some(d), Some(a)) => Some((s, d, a)),
            _ => None,
        };
        if mutation(st, expect.is_some(), slot.model.pooled, "add_edges") {
            let (s, d, a) = expect.expect("valid");
            for j in 0..n {
                slot.model.add_edge(&s[j], &d[j], &a[j]);
            }
        }
        graph_matches(slot.g, &slot.model);
    }

    /// `gr_graph_add_edges_int`, `gr_graph_add_edges_columns` and
    /// `gr_graph_add_nodes_columns`, with columns of any length (mismatches refused).
    pub fn add_columns_batch(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let n = input.below(6);
        let n_cols = input.below(3);
        let names: Vec<Name> = (0..n_cols).map(|_| Name::gen(input)).collect();
        let raw_names: Vec<gr_buf> = names.iter().map(Name::buf).collect();
        // Columns: kept arrays (any length), fresh ones of length n, or NULL.
        let mut owned = Vec::new();
        let mut cols: Vec<*const gr_array> = Vec::new();
        for _ in 0..n_cols {
            match input.below(8) {
                0 => cols.push(ptr::null()),
                1..=3 if !self.arrays.is_empty() => {
                    cols.push(self.arrays[input.below(self.arrays.len())])
                }
                _ => {
                    let a = super::array_ops::int_column(input, n);
                    owned.push(a);
                    cols.push(a);
                }
            }
        }
        let values: Vec<Option<Vec<AttrValue>>> = cols
            .iter()
            .map(|&c| (!c.is_null()).then(|| read_array(c)))
            .collect();
        let cols_ok = values
            .iter()
            .all(|v| v.as_ref().is_some_and(|v| v.len() == n))
            && names.iter().all(|n| n.valid.is_some());
        let attrs_of = |j: usize| -> Vec<(String, AttrValue)> {
            names
                .iter()
                .zip(&values)
                .map(|(nm, v)| {
                    (
                        nm.valid.clone().expect("valid"),
                        v.as_ref().expect("some")[j].clone(),
                    )
                })
                .collect()
        };
        let slot = self.graphs[i].as_mut().expect("picked");
        match input.below(3) {
            0 => {
                let src: Vec<i64> = (0..n).map(|_| input.below(8) as i64).collect();
                let dst: Vec<i64> = (0..n).map(|_| input.below(8) as i64).collect();
                let null_src = n > 0 && input.below(8) == 0;
                let sp = if null_src { ptr::null() } else { src.as_ptr() };
                // SAFETY: a live graph; arrays hold `n` keys, names and columns `n_cols`.
                let st = unsafe {
                    gr_graph_add_edges_int(
                        slot.g,
                        sp,
                        dst.as_ptr(),
                        n,
                        raw_names.as_ptr(),
                        cols.as_ptr(),
                        n_cols,
                    )
                };
                if mutation(st, cols_ok && !null_src, slot.model.pooled, "add_edges_int") {
                    for j in 0..n {
                        slot.model
                            .add_edge(&Key::Int(src[j]), &Key::Int(dst[j]), &attrs_of(j));
                    }
                }
            }
            1 => {
                let sa: Vec<KeyArg> = (0..n).map(|_| KeyArg::gen(input)).collect();
                let da: Vec<KeyArg> = (0..n).map(|_| KeyArg::gen(input)).collect();
                let (src, dst) = (
                    KeyArray::from_args(input, &sa),
                    KeyArray::from_args(input, &da),
                );
                let (s, d) = (src.raw(), dst.raw());
                // SAFETY: as above, with key arrays living in `src`, `dst`.
                let st = unsafe {
                    gr_graph_add_edges_columns(
                        slot.g,
                        s.kinds,
                        s.ints,
                        s.str_data,
                        s.str_data_len,
                        s.str_offsets,
                        d.kinds,
                        d.ints,
                        d.str_data,
                        d.str_data_len,
                        d.str_offsets,
                        n,
                        raw_names.as_ptr(),
                        cols.as_ptr(),
                        n_cols,
                    )
                };
                let valid = cols_ok && src.keys.is_some() && dst.keys.is_some();
                if mutation(st, valid, slot.model.pooled, "add_edges_columns") {
                    let (s, d) = (src.keys.expect("valid"), dst.keys.expect("valid"));
                    for j in 0..n {
                        slot.model.add_edge(&s[j], &d[j], &attrs_of(j));
                    }
                }
            }
            _ => {
                let ka: Vec<KeyArg> = (0..n).map(|_| KeyArg::gen(input)).collect();
                let keys = KeyArray::from_args(input, &ka);
                let k = keys.raw();
                // SAFETY: as above.
                let st = unsafe {
                    gr_graph_add_nodes_columns(
                        slot.g,
                        k.kinds,
                        k.ints,
                        k.str_data,
                        k.str_data_len,
                        k.str_offsets,
                        n,
                        raw_names.as_ptr(),
                        cols.as_ptr(),
                        n_cols,
                    )
                };
                if mutation(
                    st,
                    cols_ok && keys.keys.is_some(),
                    slot.model.pooled,
                    "add_nodes_columns",
                ) {
                    for (j, key) in keys.keys.expect("valid").iter().enumerate() {
                        slot.model.add_node(key, &attrs_of(j));
                    }
                }
            }
        }
        graph_matches(slot.g, &slot.model);
        for a in owned {
            // SAFETY: made above, freed once (the graph copied the values).
            unsafe { gr_array_free(a) };
        }
    }

    pub fn copy_or_subgraph(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let slot = self.graphs[i].as_ref().expect("picked");
        let (g, source) = (slot.g, slot.model.clone());
        let pooled = source.pooled;
        let mut out = ptr::null_mut();
        if input.bool() {
            // SAFETY: a live graph; the output is a local.
            let st = unsafe { gr_graph_copy(g, &mut out) };
            if mutation(st, true, pooled, "copy") {
                self.adopt(out, source, input);
            }
        } else {
            let args: Vec<KeyArg> = (0..input.below(6))
                .map(|_| pick_key(input, &source.nodes))
                .collect();
            let keys = KeyArray::from_args(input, &args);
            let k = keys.raw();
            // SAFETY: a live graph; the key array lives in `keys`.
            let st = unsafe {
                gr_graph_subgraph(
                    g,
                    k.kinds,
                    k.ints,
                    k.str_data,
                    k.str_data_len,
                    k.str_offsets,
                    keys.n,
                    &mut out,
                )
            };
            if mutation(st, keys.keys.is_some(), pooled, "subgraph") {
                let model = source.subgraph(keys.keys.as_deref().expect("valid"));
                self.adopt(out, model, input);
            }
        }
    }

    /// Clearing, profiling, sizes, and calls that must be refused: NULL handles and outputs.
    pub fn misc(&mut self, input: &mut Input<'_>) {
        let null_g: *mut gr_graph = ptr::null_mut();
        let mut count = 0usize;
        let mut keys = ptr::null_mut();
        let mut found = false;
        match input.below(8) {
            // SAFETY (every call in this match): NULL handles and outputs are refused by
            // contract; other pointers are locals or live handles.
            0 => expect_failure(
                unsafe { gr_graph_node_count(null_g, &mut count) },
                "node_count(NULL)",
            ),
            1 => expect_failure(unsafe { gr_graph_nodes(null_g, &mut keys) }, "nodes(NULL)"),
            2 => expect_failure(
                unsafe { gr_graph_add_node_int(null_g, 1) },
                "add_node_int(NULL)",
            ),
            3 => expect_failure(
                unsafe { gr_graph_has_node_int(null_g, 1, &mut found) },
                "has_node_int(NULL)",
            ),
            4 => {
                if let Some(i) = self.pick(input) {
                    let g = self.graphs[i].as_ref().expect("picked").g;
                    expect_failure(
                        unsafe { gr_graph_node_count(g, ptr::null_mut()) },
                        "node_count(out NULL)",
                    );
                    expect_failure(
                        unsafe { gr_graph_nodes(g, ptr::null_mut()) },
                        "nodes(out NULL)",
                    );
                    let (mut s, mut t) = (ptr::null_mut(), ptr::null_mut());
                    expect_failure(
                        unsafe { gr_graph_edges(g, &mut s, ptr::null_mut()) },
                        "edges(out NULL)",
                    );
                    expect_failure(
                        unsafe { gr_graph_edges(g, ptr::null_mut(), &mut t) },
                        "edges(out NULL)",
                    );
                }
                unsafe {
                    gr_graph_free(ptr::null_mut());
                    gr_keys_free(ptr::null_mut());
                    gr_array_free(ptr::null_mut());
                    gr_attr_map_free(ptr::null_mut());
                    gr_string_list_free(ptr::null_mut());
                    gr_pool_free(ptr::null_mut());
                    gr_cancel_free(ptr::null_mut());
                    gr_attr_value_release(ptr::null_mut());
                }
            }
            5 => {
                if let Some(i) = self.pick(input) {
                    let slot = self.graphs[i].as_mut().expect("picked");
                    assert!(ok(unsafe { gr_graph_clear(slot.g) }, "clear"));
                    slot.model.clear();
                    graph_matches(slot.g, &slot.model);
                }
            }
            6 => {
                if let Some(i) = self.pick(input) {
                    let g = self.graphs[i].as_ref().expect("picked").g;
                    assert!(ok(
                        unsafe { gr_graph_set_profiling(g, input.bool()) },
                        "set_profiling"
                    ));
                    let (mut names, mut c, mut t, mut mx) = (
                        ptr::null_mut(),
                        ptr::null_mut(),
                        ptr::null_mut(),
                        ptr::null_mut(),
                    );
                    let st =
                        unsafe { gr_graph_profile_stats(g, &mut names, &mut c, &mut t, &mut mx) };
                    assert!(ok(st, "profile_stats"));
                    let lens = [
                        read_array(c).len(),
                        read_array(t).len(),
                        read_array(mx).len(),
                    ];
                    self.keep_list(names);
                    let mut n = 0usize;
                    let mut items = ptr::null();
                    assert!(ok(
                        unsafe { gr_string_list_entries(names, &mut n, &mut items) },
                        "entries"
                    ));
                    assert!(
                        lens.iter().all(|&l| l == n),
                        "profile stats of unequal lengths"
                    );
                    for a in [c, t, mx] {
                        self.keep_array(a);
                    }
                    assert!(ok(
                        unsafe { gr_graph_memory_usage(g, &mut count) },
                        "memory_usage"
                    ));
                }
            }
            _ => {
                let (mut total, mut current, mut peak) = (0u64, 0u64, 0u64);
                assert!(ok(
                    unsafe { gr_memory_stats(&mut total, &mut current, &mut peak) },
                    "memory_stats"
                ));
                let code = input.u8() as i32 - 64;
                let text = unsafe { std::ffi::CStr::from_ptr(gr_status_str(code)) };
                assert!(!text.to_bytes().is_empty());
                assert_eq!(gr_abi_version(), GR_ABI_VERSION);
                let v = unsafe { std::ffi::CStr::from_ptr(gr_version()) }.to_string_lossy();
                assert!(
                    v.split('.').all(|p| p.parse::<u32>().is_ok()) && v.split('.').count() == 3
                );
            }
        }
    }
}

/// A key argument: often one of the graph's nodes, else any.
pub fn pick_key(input: &mut Input<'_>, nodes: &[Key]) -> KeyArg {
    if !nodes.is_empty() && input.below(3) != 0 {
        KeyArg::valid(nodes[input.below(nodes.len())].clone())
    } else {
        KeyArg::gen(input)
    }
}

/// The status of a call on one node: refused for a bad key, not found for a missing one.
fn check_missing(st: gr_status, u: &KeyArg, op: &str) {
    match &u.key {
        None => expect_failure(st, op),
        Some(_) if st != GR_STATUS_OK => {
            assert_eq!(st, GR_STATUS_NODE_NOT_FOUND, "{op}: {}", last_error())
        }
        Some(_) => {}
    }
}

/// First occurrences, in order.
fn dedup(keys: Vec<Key>) -> Vec<Key> {
    let mut seen = std::collections::HashSet::new();
    keys.into_iter()
        .filter(|k| seen.insert(k.clone()))
        .collect()
}
