//! The `extern "C"` surface described by `include/groggy.h`. Thin by design: check the
//! arguments, convert, call `core`, convert the result, map the error. No graph logic.
#![allow(non_camel_case_types)]
#![deny(unsafe_op_in_unsafe_fn)]

// cbindgen reads these modules in this order, so it is the order of the functions in
// `include/groggy.h`, the topics of the manual the header is (header/groups.rs names
// them and the function each starts at). One module per paragraph: rustfmt sorts the
// `mod` lines of a paragraph.

// Versions and errors.
mod version;

mod status;

mod boundary;

// Values.
mod value;

// Graphs, nodes, edges.
mod graph;

mod nodes;

mod edges;

// Attributes.
mod attributes;

// Lists and arrays.
mod handles;

mod array;

mod columns;

// Arrow.
mod arrow;

// Algorithms.
mod algorithms;

mod search_trees;

mod centrality;

mod connectivity;

mod path_centrality;

mod clustering;

mod dag;

mod communities;

// Generators.
mod generators;

// Filters and queries.
mod filters;

// Files.
mod files;

mod csv;

mod markup;

mod buffer;

// Pools and profiling.
mod memory;

mod pool;

mod profiling;

// Helpers of the modules above; they export nothing.
mod args;
mod options;

pub use algorithms::*;
pub use array::*;
pub use arrow::*;
pub use attributes::*;
pub use boundary::{gr_last_error_message, gr_last_error_operation, gr_last_error_os_code};
pub use buffer::*;
pub use centrality::*;
pub use clustering::*;
pub use columns::*;
pub use communities::*;
pub use connectivity::*;
pub use csv::*;
pub use dag::*;
pub use edges::*;
pub use files::*;
pub use filters::*;
pub use generators::*;
pub use graph::*;
pub use handles::*;
pub use markup::*;
pub use memory::*;
pub use nodes::*;
pub use path_centrality::*;
pub use pool::*;
pub use profiling::*;
pub use search_trees::*;
pub use status::*;
pub use value::*;
pub use version::*;
