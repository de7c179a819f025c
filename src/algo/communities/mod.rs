//! Community detection and its measure, with networkx's semantics: Louvain, the
//! semi-synchronous and asynchronous label propagations, and modularity.
//!
//! Every detector hands back a label per node (any numbers); `groups` turns them into
//! `NodeGroups`, largest first.

mod label_propagation;
mod louvain;
mod modularity;

pub use label_propagation::{asyn_lpa_communities, label_propagation_communities};
pub use louvain::{louvain_communities, LouvainOptions};
pub use modularity::modularity;

use std::cell::RefCell;

use super::components::rank_groups;
use super::input::{self, Input};
use super::NodeGroups;
use crate::core::{Cancel, Csr, GraphResult, KeyRef, SharedGraph};

/// Which edge weights an algorithm uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight<'a> {
    /// Every edge weighs 1 (networkx's `weight=None`).
    Unweighted,
    /// A column the caller named: a name no edge has is `InvalidArgument` (a typo must not
    /// silently give unweighted results).
    Named(&'a str),
    /// networkx's default name (`"weight"`): that column when some edge has it, else
    /// every edge weighs 1.
    Default(&'a str),
}

/// The snapshot and weights, also finding the `optional` nodes.
fn take(
    graph: &SharedGraph,
    optional: &[KeyRef<'_>],
    weight: Weight<'_>,
    cancel: &Cancel,
) -> GraphResult<Input> {
    match weight {
        Weight::Unweighted => input::take_with_optional(graph, &[], optional, None, cancel),
        Weight::Named(name) => input::take_with_optional(graph, &[], optional, Some(name), cancel),
        Weight::Default(name) => input::take_default_weight(graph, optional, name, cancel),
    }
}

/// The groups of `labels` (any label below the node count per node), largest first.
fn groups(csr: &Csr, labels: &[u32]) -> GraphResult<NodeGroups> {
    Ok(rank_groups(csr, labels)?.1)
}

/// Per-thread buffers for summing weights by community: `sum[c]` is valid when
/// `stamp[c] == tag`; `seen` lists the communities met, in order of first meeting.
#[derive(Default)]
pub(crate) struct Scratch {
    pub(crate) sum: Vec<f64>,
    stamp: Vec<u32>,
    tag: u32,
    pub(crate) seen: Vec<u32>,
}

impl Scratch {
    pub(crate) fn begin(&mut self, communities: usize) {
        if self.sum.len() < communities {
            self.sum.resize(communities, 0.0);
            self.stamp.resize(communities, 0);
        }
        self.tag = self.tag.wrapping_add(1);
        if self.tag == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.tag = 1;
        }
        self.seen.clear();
    }

    #[inline]
    pub(crate) fn add(&mut self, c: u32, w: f64) {
        let c = c as usize;
        if self.stamp[c] != self.tag {
            self.stamp[c] = self.tag;
            self.sum[c] = 0.0;
            self.seen.push(c as u32);
        }
        self.sum[c] += w;
    }

    #[inline]
    pub(crate) fn get(&self, c: u32) -> f64 {
        if self.stamp[c as usize] == self.tag {
            self.sum[c as usize]
        } else {
            0.0
        }
    }
}

thread_local! {
    pub(crate) static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}
