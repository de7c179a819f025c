//! The driver of the `ffi_calls` target: a program of C ABI calls decoded from the input,
//! run against a model of every live graph (node and edge order, attributes), with the
//! results checked after each step. Handles the library returns (keys, arrays, attribute
//! maps, name lists) are kept and read later, after their graph has changed or been freed;
//! everything is freed at the end, so the leak checker sees what the library leaks.
//!
//! Every call passes pointers that are valid for the lengths given (the ABI's contract);
//! the arguments the library must check (NULL, bad UTF-8, unknown tags and kinds, offsets,
//! lengths of arrays against each other) are what the input varies.
//!
//! The analyses of the header's "Algorithms" and "Generators" chapters (centralities,
//! connectivity, DAGs and spanning trees, clustering and cores, communities, generators)
//! have a file each (`*_ops.rs`), sharing their arguments (`call_args.rs`, `weights.rs`),
//! result readers (`results.rs`) and plain reference answers computed on the model
//! (`analysis_model.rs`, `structure_model.rs`, `generator_model.rs`).

mod adjacency_ops;
mod algo_ops;
mod analysis_model;
mod array_ops;
mod arrow_ops;
mod attr_ops;
mod call_args;
mod centrality_ops;
mod check;
mod community_ops;
mod cores_ops;
mod file_ops;
mod generator_model;
mod generator_ops;
mod graph_ops;
mod keys;
mod model;
mod path_centrality_ops;
mod results;
mod state;
mod structure_model;
mod structure_ops;
mod values;
mod weights;

use crate::Input;

/// Most steps one input runs: keeps each run short, so the fuzzer explores breadth.
const MAX_STEPS: usize = 256;

/// Runs the program the input encodes, then checks and frees everything.
pub fn run(data: &[u8]) {
    let mut input = Input::new(data);
    let mut state = state::State::default();
    let mut steps = 0;
    while !input.is_empty() && steps < MAX_STEPS {
        state.step(&mut input);
        steps += 1;
    }
    state.check_all();
    state.free_all();
}
