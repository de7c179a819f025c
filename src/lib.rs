//! groggy: a graph engine with a stable C ABI.
//!
//! Layers: [`core`] (keys, topology, attribute columns) is plain safe Rust; `ffi` is the
//! `extern "C"` surface described in `include/groggy.h`.

pub mod algo;
pub mod core;
pub mod ffi;
pub mod io;
