//! Putting a node's incidence list in a given neighbour order: what a loader needs to keep
//! another library's per-node orders. networkx keeps each node's successors and each
//! node's predecessors in their own insertion orders, which no single order of adding the
//! edges need give both of.

use std::collections::TryReserveError;

use super::{far_end, Topology};
use crate::core::fallible::{filled, with_capacity};

/// `OrderScratch::state` of a neighbour not in the list being ordered.
const ABSENT: u8 = 0;
/// The list has an edge to this neighbour, not placed yet (`slot` holds it).
const WAITING: u8 = 1;
/// The edge in `slot` was placed among the named ones.
const PLACED: u8 = 2;

/// Memory for ordering lists, taken before the graph changes so that ordering cannot fail.
pub struct OrderScratch {
    state: Vec<u8>,
    slot: Vec<u32>,
    list: Vec<u32>,
}

impl OrderScratch {
    /// Room for a graph of `nodes` node indices whose lists hold at most `longest` edges.
    pub fn new(nodes: usize, longest: usize) -> Result<OrderScratch, TryReserveError> {
        Ok(OrderScratch {
            state: filled(nodes, ABSENT)?,
            slot: filled(nodes, 0)?,
            list: with_capacity(longest)?,
        })
    }
}

impl Topology {
    /// The length of the longest incidence list.
    pub fn longest_list(&self) -> usize {
        let longest = |lists: &[Vec<u32>]| lists.iter().map(Vec::len).max().unwrap_or(0);
        longest(&self.out).max(longest(&self.inp))
    }

    /// Orders node `n`'s out list (its in list when `inbound`) so that its edges to
    /// `neighbours` come first, in that order, then its other edges in their order. A
    /// neighbour it has no edge with, or one named again, is passed over. `scratch` must
    /// have room for the list.
    pub fn order_list(
        &mut self,
        n: u32,
        inbound: bool,
        neighbours: impl Iterator<Item = u32>,
        scratch: &mut OrderScratch,
    ) {
        self.reshaped();
        let ends = &self.endpoints;
        let list = if inbound {
            &mut self.inp[n as usize]
        } else {
            &mut self.out[n as usize]
        };
        let other = |e: u32| far_end(ends[e as usize], n) as usize;
        let OrderScratch {
            state,
            slot,
            list: order,
        } = scratch;
        for &e in list.iter() {
            state[other(e)] = WAITING;
            slot[other(e)] = e;
        }
        order.clear();
        for w in neighbours {
            let w = w as usize;
            if state[w] == WAITING {
                state[w] = PLACED;
                order.push(slot[w]);
            }
        }
        for &e in list.iter() {
            let w = other(e);
            if !(state[w] == PLACED && slot[w] == e) {
                order.push(e);
            }
        }
        list.copy_from_slice(order);
        for &e in list.iter() {
            state[other(e)] = ABSENT;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn star(directed: bool) -> Topology {
        let mut t = Topology::new(directed);
        for _ in 0..4 {
            t.push_node();
        }
        for w in 1..4 {
            t.push_edge(0, w);
        }
        t
    }

    fn ends_of(t: &Topology, n: u32, inbound: bool) -> Vec<u32> {
        let list = if inbound { &t.inp } else { &t.out };
        list[n as usize]
            .iter()
            .map(|&e| t.other_end(e, n))
            .collect()
    }

    #[test]
    fn named_neighbours_come_first_in_their_order_then_the_rest_in_theirs() {
        let mut t = star(false);
        let mut scratch = OrderScratch::new(4, t.longest_list()).unwrap();
        t.order_list(0, false, [3, 1].into_iter(), &mut scratch);
        assert_eq!(ends_of(&t, 0, false), [3, 1, 2]);
        t.order_list(0, false, [2, 2, 0, 3].into_iter(), &mut scratch);
        assert_eq!(
            ends_of(&t, 0, false),
            [2, 3, 1],
            "a repeat or a non-neighbour is passed over"
        );
    }

    #[test]
    fn in_lists_order_by_source() {
        let mut t = Topology::new(true);
        for _ in 0..3 {
            t.push_node();
        }
        t.push_edge(0, 2);
        t.push_edge(1, 2);
        t.push_edge(2, 2);
        let mut scratch = OrderScratch::new(3, t.longest_list()).unwrap();
        t.order_list(2, true, [2, 1, 0].into_iter(), &mut scratch);
        assert_eq!(ends_of(&t, 2, true), [2, 1, 0]);
        assert_eq!(ends_of(&t, 2, false), [2], "the out list is left alone");
    }
}
