//! Reading what analysis calls write: per-node values, groups of nodes (components,
//! communities) and edge lists, checked for shape against the model; the handles are
//! kept in the state, to be read again after their graph changed or was freed.

use std::collections::HashSet;

use groggy::core::AttrValue;
use groggy::ffi::*;

use super::array_ops::read_array;
use super::keys::{read_keys, Key};
use super::model::Model;
use super::state::State;

impl State {
    /// Per-node values: the keys must be the graph's nodes, in node order.
    pub fn node_values(
        &mut self,
        keys: *mut gr_keys,
        values: *mut gr_array,
        m: &Model,
        op: &str,
    ) -> Vec<AttrValue> {
        let ks = read_keys(keys);
        let vs = read_array(values);
        assert_eq!(ks, m.nodes, "{op}: keys are not the nodes in node order");
        assert_eq!(vs.len(), ks.len(), "{op}: one value per node");
        self.keep_keys(keys);
        self.keep_array(values);
        vs
    }

    /// Groups laid out as components are (the keys of group 0, then of group 1, ... and
    /// each group's size, largest first): a partition of the graph's nodes, each group in
    /// node order. Returns the groups.
    pub fn groups(
        &mut self,
        keys: *mut gr_keys,
        sizes: *mut gr_array,
        m: &Model,
        op: &str,
    ) -> Vec<Vec<Key>> {
        let ks = read_keys(keys);
        self.keep_keys(keys);
        self.keep_array(sizes);
        let sizes = ints(&read_array(sizes), op);
        assert!(
            sizes.windows(2).all(|w| w[0] >= w[1]) && sizes.iter().all(|&s| s > 0),
            "{op}: sizes {sizes:?} are not positive and largest first"
        );
        assert_eq!(
            sizes.iter().sum::<i64>() as usize,
            ks.len(),
            "{op}: sizes do not add up to the keys"
        );
        let set: HashSet<&Key> = ks.iter().collect();
        assert_eq!(set.len(), ks.len(), "{op}: a node in two groups");
        assert_eq!(
            ks.len(),
            m.nodes.len(),
            "{op}: not every node is in a group"
        );
        let position = |k: &Key| m.nodes.iter().position(|n| n == k);
        let mut groups = Vec::new();
        let mut at = 0;
        for &s in &sizes {
            let group = ks[at..at + s as usize].to_vec();
            let places: Vec<usize> = group
                .iter()
                .map(|k| position(k).unwrap_or_else(|| panic!("{op}: {k:?} is no node")))
                .collect();
            assert!(
                places.windows(2).all(|w| w[0] < w[1]),
                "{op}: a group is not in node order"
            );
            groups.push(group);
            at += s as usize;
        }
        groups
    }
}

pub fn floats(values: &[AttrValue], op: &str) -> Vec<f64> {
    values
        .iter()
        .map(|v| match v {
            AttrValue::Float64(x) => *x,
            other => panic!("{op}: {other:?} where a float64 was due"),
        })
        .collect()
}

pub fn ints(values: &[AttrValue], op: &str) -> Vec<i64> {
    values
        .iter()
        .map(|v| match v {
            AttrValue::Int64(x) => *x,
            other => panic!("{op}: {other:?} where an int64 was due"),
        })
        .collect()
}

/// Equal to within rounding (relative `1e-9`, absolute below 1), or both NaN.
pub fn close(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Values agree with the model's, node by node.
pub fn all_close(got: &[f64], want: &[f64], m: &Model, op: &str) {
    assert_eq!(got.len(), want.len(), "{op}: lengths");
    for ((g, w), k) in got.iter().zip(want).zip(&m.nodes) {
        assert!(close(*g, *w), "{op} of {k:?}: {g} but the model says {w}");
    }
}

/// The same bits (NaN included): what a seeded call gives twice.
pub fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

/// Key lists of an edge result, paired up.
pub fn edge_list(sources: *mut gr_keys, targets: *mut gr_keys, op: &str) -> Vec<(Key, Key)> {
    let (s, t) = (read_keys(sources), read_keys(targets));
    assert_eq!(
        s.len(),
        t.len(),
        "{op}: sources and targets differ in length"
    );
    s.into_iter().zip(t).collect()
}
