//! Community detection and its measure, with networkx's semantics: Louvain, the
//! semi-synchronous and asynchronous label propagations, and modularity.
//!
//! Every detector hands back a label per node (any numbers); `groups` turns them into
//! `NodeGroups`, largest first.

mod label_propagation;
mod louvain;
mod modularity;
mod scratch;

pub use label_propagation::{asyn_lpa_communities, label_propagation_communities};
pub use louvain::{louvain_communities, LouvainOptions};
pub use modularity::modularity;

use scratch::{Scratch, SCRATCH};

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
