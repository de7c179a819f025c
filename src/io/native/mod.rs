//! The native file format (conventionally `*.groggy`): lossless for every attribute kind,
//! recognised by its magic number, never by the file's name. See [`format`](mod@format) for the byte
//! layout.
//!
//! [`save`] writes a temporary file next to the target, flushes it to disk and renames it
//! over the target, so a crash or an error while saving leaves the previous file as it was.
//! [`load`] checks everything it reads (magic, version, lengths against the bytes that are
//! really there, CRC-32 checksums, UTF-8): a damaged, truncated or foreign file gives
//! `GraphError::Io` with a clear message, never a panic, a hang or an unbounded allocation.
//!
//! What comes back is the same graph: directedness, node keys (int and string keys stay
//! distinct) in node order, edges in edge order with their endpoints as added, and every
//! attribute column in creation order with its storage kind and, per node or edge, absent,
//! Null or the exact value (Float32 and Float64 bit patterns included). Removed nodes and
//! edges are not saved; the loaded graph numbers the live ones densely in the same order.

pub mod format;
mod reader;
mod writer;

#[cfg(test)]
pub(crate) mod tests;

use std::path::Path;

use crate::core::{GraphCore, GraphResult};

use format::MAGIC;

/// Saves `graph` to `path` in the native format, replacing any file there atomically.
pub fn save(graph: &GraphCore, path: &Path) -> GraphResult<()> {
    let plan = writer::Plan::new(graph)?;
    writer::save_with(path, |out| writer::write_graph(graph, &plan, out))
}

/// Loads a graph saved by [`save`]. Every failure is a `GraphError::Io` naming the file.
pub fn load(path: &Path) -> GraphResult<GraphCore> {
    reader::read_file(path)
        .and_then(|bytes| reader::decode(&bytes))
        .map_err(|e| e.into_error(&format!(" '{}'", path.display())))
}

/// The file `save` would write, as bytes.
pub fn to_bytes(graph: &GraphCore) -> GraphResult<Vec<u8>> {
    let plan = writer::Plan::new(graph)?;
    let mut out = crate::core::fallible::with_capacity(plan.file_len())?;
    writer::write_graph(graph, &plan, &mut out)?;
    Ok(out)
}

/// A graph from the bytes of a native file (as `load` checks a file).
pub fn from_bytes(bytes: &[u8]) -> GraphResult<GraphCore> {
    reader::decode(bytes).map_err(|e| e.into_error(""))
}

/// Whether `prefix` (the first bytes of a file, at least 8 to be sure) starts like a native
/// file: how callers tell it from an edge list.
pub fn is_native(prefix: &[u8]) -> bool {
    prefix.starts_with(&MAGIC)
}
