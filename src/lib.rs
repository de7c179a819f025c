//! groggy: a graph engine with a stable C ABI.
//!
//! Layers: [`core`] (keys, topology, attribute columns, memory accounting) is plain Rust;
//! [`algo`] and [`io`] work on it; `ffi` is the `extern "C"` surface described in
//! `include/groggy.h`.
//!
//! The cargo feature `counting-allocator` (on by default) makes the counting allocator of
//! `core/memory` the global allocator, which `memory_stats` and memory pools need; turn it
//! off to keep a program's own allocator (see `core::CountingAllocator`).

pub mod algo;
pub mod core;
pub mod ffi;
pub mod io;
