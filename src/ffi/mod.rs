//! The `extern "C"` surface described by `include/groggy.h`. Thin by design: check the
//! arguments, convert, call `core`, convert the result, map the error. No graph logic.
#![allow(non_camel_case_types)]
#![deny(unsafe_op_in_unsafe_fn)]

mod algorithms;
mod args;
mod array;
mod attributes;
mod boundary;
mod buffer;
mod columns;
mod edges;
mod files;
mod filters;
mod graph;
mod handles;
mod memory;
mod nodes;
mod options;
mod pool;
mod profiling;
mod status;
mod value;
mod version;

pub use algorithms::*;
pub use array::*;
pub use attributes::*;
pub use boundary::{gr_last_error_message, gr_last_error_operation, gr_last_error_os_code};
pub use buffer::*;
pub use columns::*;
pub use edges::*;
pub use files::*;
pub use filters::*;
pub use graph::*;
pub use handles::*;
pub use memory::*;
pub use nodes::*;
pub use pool::*;
pub use profiling::*;
pub use status::*;
pub use value::*;
pub use version::*;
