//! CSV tables with attributes: an edges file (`source`, `target`, then edge attribute
//! columns) and an optional nodes file (`key`, then node attribute columns), both with a
//! header line naming their columns.
//!
//! The format is RFC 4180: fields separated by one ASCII delimiter (`,` by default),
//! records ended by LF or CRLF, a field in double quotes may hold the delimiter, quotes
//! (doubled: `""`) and line breaks. Files are UTF-8; a byte-order mark at the start is
//! dropped; blank lines are skipped; gzip is recognised by its magic bytes, whatever the
//! file's name. Nothing is trimmed: spaces are part of a field.
//!
//! Types are inferred per column, over the fields that are not empty:
//! - **quoted fields are always text**: a column with a quoted field is a `str` column
//!   (so `"1"` stays the string `1`, and `""` is the empty string);
//! - else `int64` when every field is an integer (optional sign, ASCII digits) that fits
//!   in an `i64`; else `float64` when every field is a number as Rust's `f64` parser takes
//!   it (`1.5`, `1e-3`, `1.0`, `NaN`, `inf`, `-infinity`); else `bool` when every field is
//!   `true`/`True`/`TRUE` or `false`/`False`/`FALSE`; else `str`.
//! - an empty unquoted field is an absent attribute (the entity does not have it); a column
//!   without any value adds no attribute.
//! - a column of numbers holding an integer beyond the `i64` range or a number beyond the
//!   `f64` range (`1e999`) is an error naming it: as `float64` it would silently change.
//!
//! Node keys are inferred over all key columns together (`source` and `target`, and the
//! nodes file's `key`): int keys when every key is an unquoted `i64`, else string keys for
//! all (so `1` and `"1"` in one graph are both the string `"1"`). An empty key field is an
//! error. Node order: the nodes file's rows first, then the endpoints the edges add, in
//! file order. A repeated row updates the earlier one, as `add_node` / `add_edge` would,
//! leaving the attributes its empty fields do not name as they were.
//!
//! Errors name the place: `Io("{path}:{line}:{column}: ...")`, the line 1-based (a quoted
//! field may span lines: the line is the one where the fault is), the column the 1-based
//! byte offset in that line (the character column for ASCII text).
//!
//! [`write_csv`] writes what [`read_csv`] reads back to the same graph: keys, their kind
//! and order, attributes of kinds `int64`, `float64`, `bool` and `str` with their values,
//! absent stays absent. It refuses, before writing anything, what a CSV table cannot hold
//! exactly (Null values, other kinds, keys mixing ints and strings); `save()` keeps all.
//!
//! `records.rs` splits the text into records, `column.rs` gathers a column's fields and
//! infers its type, `reader.rs` builds the graph, `writer.rs` writes one out.

use std::path::Path;

use crate::core::{GraphError, GraphResult};

mod column;
mod reader;
mod records;
#[cfg(test)]
mod tests;
mod writer;

pub use reader::read_csv;
pub use writer::write_csv;

/// How [`read_csv`] reads and [`write_csv`] writes the two tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvOptions {
    /// Whether the graph read is directed (the files do not say).
    pub directed: bool,
    /// The field delimiter: one ASCII character other than `"`, CR and LF.
    pub delimiter: char,
    /// The edges file's column of source keys.
    pub source: String,
    /// The edges file's column of target keys.
    pub target: String,
    /// The nodes file's column of node keys.
    pub key: String,
}

impl Default for CsvOptions {
    fn default() -> CsvOptions {
        CsvOptions {
            directed: false,
            delimiter: ',',
            source: "source".into(),
            target: "target".into(),
            key: "key".into(),
        }
    }
}

impl CsvOptions {
    /// The delimiter as its byte, after checking the options make sense.
    fn check(&self) -> GraphResult<u8> {
        let d = self.delimiter;
        if !d.is_ascii() || matches!(d, '"' | '\r' | '\n') {
            return Err(GraphError::InvalidArgument(format!(
                "CSV delimiter {d:?} must be one ASCII character other than a quote or a line \
                 break"
            )));
        }
        for (what, name) in [
            ("source", &self.source),
            ("target", &self.target),
            ("key", &self.key),
        ] {
            if name.is_empty() {
                return Err(GraphError::InvalidArgument(format!(
                    "the {what} column name is empty"
                )));
            }
        }
        if self.source == self.target {
            return Err(GraphError::InvalidArgument(format!(
                "the source and target columns are both named '{}'",
                self.source
            )));
        }
        Ok(d as u8)
    }
}

/// Where in a file: 1-based line and byte column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Pos {
    line: u64,
    column: usize,
}

/// `Io("{path}:{line}:{column}: {what}")`: a file the reader cannot take.
fn malformed(path: &Path, pos: Pos, what: impl std::fmt::Display) -> GraphError {
    GraphError::Io(format!("{}:{}:{}: {what}", path.display(), pos.line, pos.column).into())
}

/// `OutOfMemory` for `what`, which needed `bytes`.
fn out_of_memory(path: &Path, what: &str, bytes: usize) -> GraphError {
    GraphError::OutOfMemory(format!(
        "reading '{}' needs {bytes} bytes for {what}",
        path.display()
    ))
}
