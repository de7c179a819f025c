//! The live handles of one run and the dispatch of each step to its operation.

use std::ptr;

use groggy::ffi::*;

use super::check::{expect_failure, graph_matches, ok};
use super::model::Model;
use crate::Input;

pub const GRAPH_SLOTS: usize = 4;
/// Most result handles of each kind kept alive at once (the oldest is freed first).
const KEEP: usize = 8;

pub struct Slot {
    pub g: *mut gr_graph,
    pub model: Model,
}

#[derive(Default)]
pub struct State {
    pub graphs: [Option<Slot>; GRAPH_SLOTS],
    pub pools: Vec<*mut gr_pool>,
    pub keys: Vec<*mut gr_keys>,
    pub arrays: Vec<*mut gr_array>,
    pub maps: Vec<*mut gr_attr_map>,
    pub lists: Vec<*mut gr_string_list>,
}

impl State {
    pub fn step(&mut self, input: &mut Input<'_>) {
        // Ops 0..=24 keep the numbers seeds were written with.
        match input.below(32) {
            0 => self.new_graph(input),
            1 => self.free_graph(input),
            2..=3 => self.add_node(input),
            4..=5 => self.add_edge(input),
            6 => self.remove(input),
            7 => self.queries(input),
            8 => self.add_nodes_batch(input),
            9 => self.add_edges_batch(input),
            10 => self.add_columns_batch(input),
            11 => self.set_attr(input),
            12 => self.read_attrs(input),
            13 => self.column_read(input),
            14 => self.column_write(input),
            15 => self.array_ops(input),
            16 => self.array_new(input),
            17 => self.algorithm(input),
            18 => self.filter(input),
            19 => self.copy_or_subgraph(input),
            20 => self.pool_ops(input),
            21 => self.keys_ops(input),
            22 => self.files(input),
            23 => self.remove_attr(input),
            24 => self.misc(input),
            25 => self.centrality(input),
            26 => self.structure(input),
            27 => self.cores(input),
            28 => self.community(input),
            29 => self.generate(input),
            30 => self.add_adjacency(input),
            _ => self.arrow_round_trip(input),
        }
    }

    /// A live graph slot chosen by the input.
    pub fn pick(&self, input: &mut Input<'_>) -> Option<usize> {
        let i = input.below(GRAPH_SLOTS);
        self.graphs[i].is_some().then_some(i)
    }

    /// Puts a new graph in a free slot (or frees the one in slot `i`).
    pub fn adopt(&mut self, g: *mut gr_graph, model: Model, input: &mut Input<'_>) {
        let i = input.below(GRAPH_SLOTS);
        if let Some(old) = self.graphs[i].take() {
            // SAFETY: a live graph of this state, dropped from it here.
            unsafe { gr_graph_free(old.g) };
        }
        graph_matches(g, &model);
        self.graphs[i] = Some(Slot { g, model });
    }

    pub fn keep_keys(&mut self, k: *mut gr_keys) {
        keep(&mut self.keys, k, |p| {
            // SAFETY: a handle of this state, freed once.
            unsafe { gr_keys_free(p) }
        });
    }

    pub fn keep_array(&mut self, a: *mut gr_array) {
        keep(&mut self.arrays, a, |p| {
            // SAFETY: a handle of this state, freed once.
            unsafe { gr_array_free(p) }
        });
    }

    pub fn keep_map(&mut self, m: *mut gr_attr_map) {
        keep(&mut self.maps, m, |p| {
            // SAFETY: a handle of this state, freed once.
            unsafe { gr_attr_map_free(p) }
        });
    }

    pub fn keep_list(&mut self, l: *mut gr_string_list) {
        keep(&mut self.lists, l, |p| {
            // SAFETY: a handle of this state, freed once.
            unsafe { gr_string_list_free(p) }
        });
    }

    fn new_graph(&mut self, input: &mut Input<'_>) {
        let directed = input.bool();
        let mut g = ptr::null_mut();
        let in_pool = !self.pools.is_empty() && input.below(3) == 0;
        let st = if in_pool {
            let pool = self.pools[input.below(self.pools.len())];
            // SAFETY: a live pool of this state; the output is a local.
            unsafe { gr_graph_new_in_pool(directed, pool, &mut g) }
        } else {
            // SAFETY: the output is a local.
            unsafe { gr_graph_new(directed, &mut g) }
        };
        if ok(st, "graph_new") {
            let mut model = Model::new(directed);
            model.pooled = in_pool;
            self.adopt(g, model, input);
        }
        // A NULL output is refused.
        // SAFETY: NULL output is part of the contract (checked).
        expect_failure(
            unsafe { gr_graph_new(directed, ptr::null_mut()) },
            "graph_new(NULL)",
        );
    }

    fn free_graph(&mut self, input: &mut Input<'_>) {
        if let Some(i) = self.pick(input) {
            let slot = self.graphs[i].take().expect("picked");
            graph_matches(slot.g, &slot.model);
            // SAFETY: live, dropped from the state; results taken from it stay alive.
            unsafe { gr_graph_free(slot.g) };
        }
    }

    pub fn check_all(&self) {
        for slot in self.graphs.iter().flatten() {
            graph_matches(slot.g, &slot.model);
        }
        // Results outlive their graphs: read every kept one.
        for &k in &self.keys {
            super::keys::read_keys(k);
        }
        for &a in &self.arrays {
            super::array_ops::read_array(a);
        }
        for &m in &self.maps {
            super::check::read_map(m);
        }
    }

    pub fn free_all(&mut self) {
        // SAFETY (each block): handles of this state, each freed once.
        for slot in self.graphs.iter_mut().filter_map(Option::take) {
            unsafe { gr_graph_free(slot.g) };
        }
        for p in self.pools.drain(..) {
            unsafe { gr_pool_free(p) };
        }
        for k in self.keys.drain(..) {
            unsafe { gr_keys_free(k) };
        }
        for a in self.arrays.drain(..) {
            unsafe { gr_array_free(a) };
        }
        for m in self.maps.drain(..) {
            unsafe { gr_attr_map_free(m) };
        }
        for l in self.lists.drain(..) {
            unsafe { gr_string_list_free(l) };
        }
    }
}

fn keep<T>(list: &mut Vec<*mut T>, item: *mut T, free: impl Fn(*mut T)) {
    if list.len() >= KEEP {
        free(list.remove(0));
    }
    list.push(item);
}
