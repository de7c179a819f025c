//! Files: reading and writing graphs as text.
//!
//! [`read_edgelist`] reads `u v [weight]` lines (whitespace or one delimiter character,
//! `#` comments, LF or CRLF, gzip recognised by its magic bytes) into a [`GraphCore`];
//! [`write_edgelist`] writes what `read_edgelist` reads back to the same graph (nodes in
//! order, edges with their weights, of the same column type). Saves of both formats
//! replace their target atomically, and only a regular file (`atomic.rs`).
//!
//! [`read_csv`] and [`write_csv`] read and write CSV tables with attributes (an edges
//! file and an optional nodes file, types inferred per column; see `csv/mod.rs`).
//!
//! [`read_graphml`] / [`write_graphml`] and [`read_gml`] / [`write_gml`] read and write the
//! two markup formats of networkx and igraph with typed attributes (`graphml/`, `gml/`).
//!
//! [`GraphCore`]: crate::core::GraphCore

mod atomic;
mod csv;
mod edgelist;
mod gml;
mod graphml;
mod loaded;
mod located;
mod markup_out;
pub mod native;
#[cfg(test)]
mod test_dir;
#[cfg(test)]
mod test_graphs;
mod text;
mod weights;

pub use csv::{read_csv, write_csv, CsvOptions};
pub use edgelist::{read_edgelist, write_edgelist, KeyKind, ReadOptions, MAX_LINE_BYTES};
pub use gml::{read_gml, write_gml};
pub use graphml::{read_graphml, write_graphml};
