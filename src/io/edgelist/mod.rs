//! Edge lists: one `u v` or `u v weight` line per edge.
//!
//! The reader parses bytes straight out of a large reused buffer (no `String` per line),
//! collects the keys into flat vectors and builds the graph in one batch. Int keys are
//! tried first; when keys may be strings (`KeyKind::Auto`) and a key turns out not to be an
//! int, the file is read again with string keys, so the common all-int case never holds a
//! copy of the key text.
//!
//! `reader.rs` turns lines into keys and weights and builds the graph, `source.rs` opens
//! the file (gzip or plain) and counts the bytes read, `keys.rs` collects the keys,
//! `progress.rs` paces the progress callback, and `writer.rs` writes a graph back out.

use std::io;
use std::path::Path;

use crate::core::{GraphError, IoFailure};

mod keys;
pub(crate) mod progress;
mod reader;
pub(crate) mod source;
#[cfg(test)]
mod tests;
pub(crate) mod writer;

pub use reader::{read_edgelist, KeyKind, ReadOptions};
pub(crate) use source::Decoded;
pub use writer::write_edgelist;

/// The edge attribute a third column fills.
const WEIGHT: &str = "weight";
/// A first line that says the keys are strings even though every one looks like an int
/// (written by `write_edgelist` for such graphs, so they read back with string keys).
const STR_KEYS_MARK: &[u8] = b"# groggy: keys=str";
/// A line naming a node, followed by its key: how `write_edgelist` keeps nodes without
/// edges, and the node order. Other readers skip it as a comment.
const NODE_MARK: &[u8] = b"# groggy: node ";
/// The longest line read, in bytes (without its line break): a longer one is an error, so
/// a file of one endless line (`/dev/zero`, a small gzip that inflates to gigabytes without
/// a line break) is refused after this much memory rather than exhausting it. An edge line
/// is two keys and a number; [`write_edgelist`] refuses keys that would make one longer.
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// `Io("{path}: {os error}")`, keeping the OS error code.
pub(crate) fn io_error(path: &Path, e: &io::Error) -> GraphError {
    GraphError::Io(IoFailure::os(format!("{}: {e}", path.display()), e))
}

/// A field for an error message: quoted, lossy UTF-8, cut after 40 characters.
pub(crate) fn shown(field: &[u8]) -> String {
    let text = String::from_utf8_lossy(field);
    let mut cut: String = text.chars().take(40).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    format!("{cut:?}")
}
