//! Algorithms and filters, checked against the model: traversals reach what the model
//! reaches, paths follow edges, components partition the nodes, PageRank sums to one,
//! filters keep what their predicate keeps.

use std::collections::{HashMap, HashSet};
use std::ffi::c_void;
use std::ptr;

use groggy::core::AttrValue;
use groggy::ffi::*;

use super::array_ops::read_array;
use super::check::{expect_failure, last_error, ok, read_map, status};
use super::graph_ops::pick_key;
use super::keys::{read_keys, Key, KeyArray};
use super::model::Model;
use super::state::State;
use super::values::Name;
use crate::Input;

/// Statuses an algorithm may end with beyond OK: refused input, a missing node, a
/// triggered token.
fn algo_status(st: gr_status, op: &str, cancelled: bool) -> gr_status {
    let s = status(st, op);
    if s == GR_STATUS_CANCELLED {
        assert!(cancelled, "{op}: cancelled without a triggered token");
    }
    s
}

fn partition_of(keys: &[Key], sizes: &[AttrValue]) -> Vec<HashSet<Key>> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for s in sizes {
        let AttrValue::Int64(s) = s else {
            panic!("component size {s:?}")
        };
        let s = usize::try_from(*s).expect("non-negative size");
        assert!(
            s > 0 && at + s <= keys.len(),
            "component sizes overrun the keys"
        );
        out.push(keys[at..at + s].iter().cloned().collect());
        at += s;
    }
    assert_eq!(at, keys.len(), "component sizes do not cover the keys");
    out
}

fn same_partition(mut a: Vec<HashSet<Key>>, mut b: Vec<HashSet<Key>>, what: &str) {
    let norm = |p: &mut Vec<HashSet<Key>>| {
        let mut v: Vec<Vec<String>> = p
            .iter()
            .map(|c| {
                let mut s: Vec<String> = c.iter().map(|k| format!("{k:?}")).collect();
                s.sort();
                s
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(norm(&mut a), norm(&mut b), "{what}");
}

impl State {
    pub fn algorithm(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let slot = self.graphs[i].as_ref().expect("picked");
        let (g, m) = (slot.g, slot.model.clone());
        let mut cancel = ptr::null_mut();
        let cancelled = input.below(8) == 0;
        if cancelled {
            // SAFETY: the output is a local; the token is freed below.
            unsafe {
                assert!(ok(gr_cancel_new(&mut cancel), "cancel_new"));
                assert!(ok(gr_cancel_trigger(cancel), "cancel_trigger"));
            }
        }
        let u = pick_key(input, &m.nodes);
        let (ui, us, ul) = u.raw();
        let (mut keys, mut arr) = (ptr::null_mut(), ptr::null_mut());
        let which = input.below(8);
        // SAFETY (every call): a live graph, keys living in locals, a live token or NULL,
        // local outputs.
        let st = unsafe {
            match which {
                0 | 1 => {
                    let depth = [-1i64, 0, 1, 2, i64::MIN, i64::MAX][input.below(6)];
                    let st = if which == 0 {
                        gr_graph_bfs(g, ui, us, ul, depth, cancel, &mut keys)
                    } else {
                        gr_graph_dfs(g, ui, us, ul, depth, cancel, &mut keys)
                    };
                    if algo_status(st, "bfs/dfs", cancelled) == GR_STATUS_OK {
                        let got = read_keys(keys);
                        let k = u.key.as_ref().expect("found");
                        let dist = m.distances(k);
                        assert_eq!(got.first(), Some(k), "traversal starts at the source");
                        let set: HashSet<&Key> = got.iter().collect();
                        assert_eq!(set.len(), got.len(), "a node visited twice");
                        for x in &got {
                            assert!(dist.contains_key(x), "visited an unreachable node {x:?}");
                        }
                        if depth < 0 {
                            assert_eq!(set.len(), dist.len(), "traversal missed nodes");
                        } else if which == 0 {
                            let want = dist.values().filter(|&&d| d <= depth).count();
                            assert_eq!(set.len(), want, "bfs with depth {depth}");
                        }
                        self.keep_keys(keys);
                    }
                    st
                }
                2 | 3 => {
                    let v = pick_key(input, &m.nodes);
                    let (vi, vs, vl) = v.raw();
                    let weight = Name::gen(input);
                    let weighted = input.below(4) == 0;
                    let (wp, wl) = if weighted {
                        (weight.ptr(), weight.bytes.len())
                    } else {
                        (ptr::null(), 0)
                    };
                    let st = if which == 2 {
                        gr_graph_shortest_path(g, ui, us, ul, vi, vs, vl, wp, wl, cancel, &mut keys)
                    } else {
                        gr_graph_shortest_path_lengths(
                            g, ui, us, ul, wp, wl, cancel, &mut keys, &mut arr,
                        )
                    };
                    let s = algo_status(st, "shortest_path", cancelled);
                    if !weighted && u.key.as_ref().is_some_and(|k| m.has_node(k)) {
                        let k = u.key.as_ref().expect("valid");
                        let dist = m.distances(k);
                        if which == 2 {
                            if let Some(t) = v.key.as_ref().filter(|t| m.has_node(t)) {
                                if s == GR_STATUS_OK {
                                    let path = read_keys(keys);
                                    assert_eq!(path.first(), Some(k));
                                    assert_eq!(path.last(), Some(t));
                                    assert_eq!(
                                        path.len() as i64 - 1,
                                        dist[t],
                                        "not a shortest path"
                                    );
                                    for w in path.windows(2) {
                                        let e = m.find_edge(&w[0], &w[1]);
                                        let fwd = e.is_some_and(|e| {
                                            !m.directed
                                                || m.edges[e] == (w[0].clone(), w[1].clone())
                                        });
                                        assert!(
                                            fwd,
                                            "path step {:?} -> {:?} is no edge",
                                            w[0], w[1]
                                        );
                                    }
                                    self.keep_keys(keys);
                                } else if !cancelled {
                                    assert_eq!(
                                        s,
                                        GR_STATUS_NO_PATH,
                                        "shortest_path: {}",
                                        last_error()
                                    );
                                    assert!(!dist.contains_key(t), "no path to a reachable node");
                                }
                            }
                        } else if s == GR_STATUS_OK {
                            let ks = read_keys(keys);
                            let ls = read_array(arr);
                            assert_eq!(ks.len(), dist.len(), "lengths: reached nodes");
                            for (key, l) in ks.iter().zip(&ls) {
                                assert_eq!(l, &AttrValue::Int64(dist[key]), "length to {key:?}");
                            }
                            self.keep_keys(keys);
                            self.keep_array(arr);
                        }
                    } else if s == GR_STATUS_OK {
                        read_keys(keys);
                        self.keep_keys(keys);
                        if which == 3 {
                            read_array(arr);
                            self.keep_array(arr);
                        }
                    }
                    st
                }
                4 | 5 => {
                    let st = if which == 4 {
                        gr_graph_connected_components(g, cancel, &mut keys, &mut arr)
                    } else {
                        gr_graph_strongly_connected_components(g, cancel, &mut keys, &mut arr)
                    };
                    let s = algo_status(st, "components", cancelled);
                    if which == 5 && !m.directed && !cancelled {
                        assert_eq!(s, GR_STATUS_INVALID_OPERATION, "scc on an undirected graph");
                    }
                    if s == GR_STATUS_OK {
                        let ks = read_keys(keys);
                        let sizes = read_array(arr);
                        let sz: Vec<i64> = sizes
                            .iter()
                            .map(|s| match s {
                                AttrValue::Int64(x) => *x,
                                _ => -1,
                            })
                            .collect();
                        assert!(
                            sz.windows(2).all(|w| w[0] >= w[1]),
                            "components not largest first"
                        );
                        let want = if which == 4 {
                            m.components()
                        } else {
                            m.strong_components()
                        };
                        same_partition(partition_of(&ks, &sizes), want, "components");
                        self.keep_keys(keys);
                        self.keep_array(arr);
                    }
                    st
                }
                6 => {
                    let st = gr_graph_component_labels(g, cancel, &mut keys, &mut arr);
                    if algo_status(st, "component_labels", cancelled) == GR_STATUS_OK {
                        let ks = read_keys(keys);
                        let labels = read_array(arr);
                        assert_eq!(ks, m.nodes, "labels: keys");
                        let mut groups: HashMap<String, HashSet<Key>> = HashMap::new();
                        for (k, l) in ks.iter().zip(&labels) {
                            groups
                                .entry(format!("{l:?}"))
                                .or_default()
                                .insert(k.clone());
                        }
                        same_partition(groups.into_values().collect(), m.components(), "labels");
                        self.keep_keys(keys);
                        self.keep_array(arr);
                    }
                    st
                }
                _ => self.pagerank(input, g, &m, cancel, cancelled),
            }
        };
        let _ = st;
        if !cancel.is_null() {
            // SAFETY: made above, no algorithm runs with it any more.
            unsafe { gr_cancel_free(cancel) };
        }
    }

    fn pagerank(
        &mut self,
        input: &mut Input<'_>,
        g: *mut gr_graph,
        m: &Model,
        cancel: *mut gr_cancel,
        cancelled: bool,
    ) -> gr_status {
        let alpha = [0.85, 0.5, 0.0, 1.0, -1.0, f64::NAN, 0.99][input.below(7)];
        let max_iter = [100usize, 0, 1, 3, 1000][input.below(5)];
        let tol = [1e-6, 0.0, -1.0, f64::NAN, 1e-12][input.below(5)];
        let weight = Name::gen(input);
        let weighted = input.below(4) == 0;
        let (wp, wl) = if weighted {
            (weight.ptr(), weight.bytes.len())
        } else {
            (ptr::null(), 0)
        };
        let personal = input.below(4) == 0;
        let pargs: Vec<_> = (0..input.below(4))
            .map(|_| pick_key(input, &m.nodes))
            .collect();
        let pkeys = KeyArray::from_args(input, &pargs);
        let pvalues: Vec<f64> = (0..pkeys.n)
            .map(|_| [1.0, 0.0, -1.0, 0.5, f64::NAN][input.below(5)])
            .collect();
        let k = pkeys.raw();
        let (mut keys, mut scores) = (ptr::null_mut(), ptr::null_mut());
        let mut opts = std::mem::MaybeUninit::<gr_pagerank_options>::uninit();
        // SAFETY: a writable struct of the current version.
        assert!(ok(
            unsafe { gr_pagerank_options_init(opts.as_mut_ptr(), GR_PAGERANK_OPTIONS_VERSION) },
            "pagerank_options_init"
        ));
        // SAFETY: initialised just above.
        let mut opts = unsafe { opts.assume_init() };
        opts.alpha = alpha;
        opts.max_iter = max_iter;
        opts.tol = tol;
        opts.weight = wp;
        opts.weight_len = wl;
        if personal {
            opts.personal_kinds = k.kinds;
            opts.personal_ints = k.ints;
            opts.personal_str_data = k.str_data;
            opts.personal_str_data_len = k.str_data_len;
            opts.personal_str_offsets = k.str_offsets;
            opts.personal_values = pvalues.as_ptr();
            opts.n_personal = pkeys.n;
        }
        // Now and then a struct of a version the library does not know: always refused.
        let bad_version = input.below(16) == 0;
        if bad_version {
            opts.version = [0, GR_PAGERANK_OPTIONS_VERSION + 1, u32::MAX][input.below(3)];
        }
        // SAFETY: a live graph; the options' arrays hold `n_personal` entries and the
        // weight `weight_len` bytes, all alive during the call; outputs local.
        let st = unsafe { gr_graph_pagerank(g, &opts, cancel, &mut keys, &mut scores) };
        if bad_version {
            expect_failure(st, "pagerank(unknown options version)");
            return st;
        }
        let s = algo_status(st, "pagerank", cancelled);
        if s == GR_STATUS_OK {
            let ks = read_keys(keys);
            let sc = read_array(scores);
            assert_eq!(ks, m.nodes, "pagerank: keys");
            assert_eq!(sc.len(), ks.len(), "pagerank: scores");
            let mut sum = 0.0;
            for v in &sc {
                let AttrValue::Float64(x) = v else {
                    panic!("pagerank score {v:?}")
                };
                assert!(x.is_finite() && *x >= 0.0, "pagerank score {x}");
                sum += x;
            }
            if !weighted && !personal && !m.nodes.is_empty() && alpha > 0.0 && alpha < 1.0 {
                assert!((sum - 1.0).abs() < 1e-6, "pagerank scores sum to {sum}");
            }
            self.keep_keys(keys);
            self.keep_array(scores);
        } else if personal && pkeys.keys.is_none() {
            expect_failure(st, "pagerank(bad personalization keys)");
        }
        st
    }

    /// Query strings and callback predicates.
    pub fn filter(&mut self, input: &mut Input<'_>) {
        let Some(i) = self.pick(input) else { return };
        let slot = self.graphs[i].as_ref().expect("picked");
        let (g, m) = (slot.g, slot.model.clone());
        if input.bool() {
            let q = query_text(input);
            let nodes = input.bool();
            let (mut a, mut b) = (ptr::null_mut(), ptr::null_mut());
            // SAFETY: a live graph; the query lives in `q`; outputs are locals.
            let st = unsafe {
                if nodes {
                    gr_graph_filter_nodes_query(g, q.as_ptr().cast(), q.len(), &mut a)
                } else {
                    gr_graph_filter_edges_query(g, q.as_ptr().cast(), q.len(), &mut a, &mut b)
                }
            };
            let s = status(st, "filter query");
            if std::str::from_utf8(&q).is_err() {
                assert_eq!(s, GR_STATUS_INVALID_ARGUMENT, "a query that is not UTF-8");
            }
            if s == GR_STATUS_OK {
                if nodes {
                    let got = read_keys(a);
                    assert!(
                        is_subsequence(&got, &m.nodes),
                        "filter_nodes_query: not in node order"
                    );
                    self.keep_keys(a);
                } else {
                    let edges: Vec<(Key, Key)> =
                        read_keys(a).into_iter().zip(read_keys(b)).collect();
                    assert!(
                        is_subsequence(&edges, &m.edges),
                        "filter_edges_query: not in edge order"
                    );
                    self.keep_keys(a);
                    self.keep_keys(b);
                }
            } else {
                assert_eq!(
                    s,
                    GR_STATUS_INVALID_ARGUMENT,
                    "filter query: {}",
                    last_error()
                );
            }
            return;
        }
        let cfg = Predicate {
            seed: input.u8(),
            fail: input.below(4) == 0,
        };
        let user = &cfg as *const Predicate as *mut c_void;
        if input.bool() {
            let mut out = ptr::null_mut();
            // SAFETY: a live graph; the predicate is safe with `user`, which outlives the call.
            let st = status(
                unsafe { gr_graph_filter_nodes(g, Some(node_predicate), user, &mut out) },
                "filter_nodes",
            );
            let decisions: Vec<Option<bool>> = m.nodes.iter().map(|k| cfg.decide(&[k])).collect();
            if decisions.iter().any(Option::is_none) {
                assert_eq!(
                    st,
                    GR_STATUS_CALLBACK,
                    "a failing predicate: {}",
                    last_error()
                );
            } else {
                assert_eq!(st, GR_STATUS_OK, "filter_nodes: {}", last_error());
                let want: Vec<Key> = m
                    .nodes
                    .iter()
                    .zip(&decisions)
                    .filter(|(_, d)| **d == Some(true))
                    .map(|(k, _)| k.clone())
                    .collect();
                assert_eq!(read_keys(out), want, "filter_nodes");
                self.keep_keys(out);
            }
        } else {
            let (mut s, mut t) = (ptr::null_mut(), ptr::null_mut());
            // SAFETY: as above.
            let st = status(
                unsafe { gr_graph_filter_edges(g, Some(edge_predicate), user, &mut s, &mut t) },
                "filter_edges",
            );
            let decisions: Vec<Option<bool>> =
                m.edges.iter().map(|(a, b)| cfg.decide(&[a, b])).collect();
            if decisions.iter().any(Option::is_none) {
                assert_eq!(
                    st,
                    GR_STATUS_CALLBACK,
                    "a failing predicate: {}",
                    last_error()
                );
            } else {
                assert_eq!(st, GR_STATUS_OK, "filter_edges: {}", last_error());
                let want: Vec<(Key, Key)> = m
                    .edges
                    .iter()
                    .zip(&decisions)
                    .filter(|(_, d)| **d == Some(true))
                    .map(|(e, _)| e.clone())
                    .collect();
                let got: Vec<(Key, Key)> = read_keys(s).into_iter().zip(read_keys(t)).collect();
                assert_eq!(got, want, "filter_edges");
                self.keep_keys(s);
                self.keep_keys(t);
            }
        }
    }
}

fn is_subsequence<T: PartialEq>(sub: &[T], of: &[T]) -> bool {
    let mut it = of.iter();
    sub.iter().all(|x| it.any(|y| y == x))
}

const FRAGMENTS: [&str; 16] = [
    "w > 1",
    "AND",
    "OR",
    "NOT",
    "(",
    ")",
    "name == 'a'",
    "has(w)",
    "age <= -1.5e0",
    "`a b` != true",
    "1e999",
    "'",
    "\"é\"",
    "==",
    "weight >= 9223372036854775808",
    "x",
];

fn query_text(input: &mut Input<'_>) -> Vec<u8> {
    if input.below(4) == 0 {
        return input.bytes(24).to_vec();
    }
    let n = 1 + input.below(5);
    let parts: Vec<&str> = (0..n)
        .map(|_| FRAGMENTS[input.below(FRAGMENTS.len())])
        .collect();
    parts.join(" ").into_bytes()
}

/// A pure function of the keys (so any call order or thread gives the same result): keep
/// or drop, or fail when `fail` is set and the hash says so.
struct Predicate {
    seed: u8,
    fail: bool,
}

impl Predicate {
    fn decide(&self, keys: &[&Key]) -> Option<bool> {
        let mut h: u32 = self.seed as u32;
        for k in keys {
            let bytes = match k {
                Key::Int(i) => i.to_le_bytes().to_vec(),
                Key::Str(s) => s.as_bytes().to_vec(),
            };
            for b in bytes {
                h = h.wrapping_mul(31).wrapping_add(b as u32 + 1);
            }
            h = h
                .wrapping_mul(7)
                .wrapping_add(u32::from(matches!(k, Key::Str(_))));
        }
        if self.fail && h.is_multiple_of(5) {
            return None;
        }
        Some(h.is_multiple_of(2))
    }
}

/// # Safety
/// As `gr_node_predicate` promises: valid pointers for the call's duration.
unsafe fn callback_key(int: i64, s: *const std::ffi::c_char, len: usize) -> Key {
    if s.is_null() {
        Key::Int(int)
    } else {
        // SAFETY: `len` bytes valid during the call.
        let b = unsafe { std::slice::from_raw_parts(s.cast::<u8>(), len) };
        Key::Str(
            std::str::from_utf8(b)
                .expect("callback keys are UTF-8")
                .to_string(),
        )
    }
}

unsafe extern "C" fn node_predicate(
    user: *mut c_void,
    int: i64,
    s: *const std::ffi::c_char,
    len: usize,
    attrs: *const gr_attr_map,
    keep: *mut bool,
) -> gr_status {
    // SAFETY: `user` is the `Predicate` the caller passed; the rest valid during the call.
    unsafe {
        let cfg = &*(user as *const Predicate);
        read_map(attrs);
        match cfg.decide(&[&callback_key(int, s, len)]) {
            Some(k) => {
                *keep = k;
                GR_STATUS_OK
            }
            None => GR_STATUS_NODE_NOT_FOUND,
        }
    }
}

#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn edge_predicate(
    user: *mut c_void,
    ui: i64,
    us: *const std::ffi::c_char,
    ul: usize,
    vi: i64,
    vs: *const std::ffi::c_char,
    vl: usize,
    attrs: *const gr_attr_map,
    keep: *mut bool,
) -> gr_status {
    // SAFETY: as in `node_predicate`.
    unsafe {
        let cfg = &*(user as *const Predicate);
        read_map(attrs);
        match cfg.decide(&[&callback_key(ui, us, ul), &callback_key(vi, vs, vl)]) {
            Some(k) => {
                *keep = k;
                GR_STATUS_OK
            }
            None => 99,
        }
    }
}
