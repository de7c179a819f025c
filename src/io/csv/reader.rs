//! Reading the tables: the header, the rows into columns, and the graph in two batches.

use std::path::Path;

use super::column::{BadField, TextColumn};
use super::records::{Record, RecordError, Records};
use super::{malformed, out_of_memory, CsvOptions, Pos};
use crate::core::{Array, Cancel, GraphCore, GraphError, GraphResult, KeyRef, NullEntries};
use crate::io::edgelist::progress::Progress;
use crate::io::edgelist::source::Source;
use crate::io::edgelist::{io_error, shown};
use crate::io::text::LineError;
use crate::io::MAX_LINE_BYTES;

/// Records between two looks at the progress (a counter compare; cheap).
const PROGRESS_EVERY_ROWS: u64 = 1 << 10;
/// Records between two checks of the cancel token.
const CANCEL_EVERY_ROWS: u64 = 1 << 16;

/// An empty field leaves the attribute absent, as an add that does not name it: a new
/// entity does not get it, a repeated row keeps the value an earlier row gave.
const SKIP: NullEntries = NullEntries::Skip;

/// Reads an edges table, and a nodes table when `nodes` is given, into a new graph (see
/// the module's documentation for the format and the types).
///
/// The edges file needs the columns `options.source` and `options.target`, anywhere in
/// its header; every other column is an edge attribute. The nodes file needs the column
/// `options.key`; every other column is a node attribute.
///
/// `progress(bytes_done, bytes_total)` is called about every 1% of the two files together
/// (compressed bytes for gzip) and once with `bytes_done == bytes_total` at the end;
/// `cancel` is checked every 65,536 rows and before every read from a file.
///
/// Errors: `Io("{path}:{line}:{column}: ...")` for a malformed file (no header, a header
/// without a key column or with an empty or repeated name, a row with more or fewer fields
/// than the header, a quote in an unquoted field or text after a closing quote, a quoted
/// field never closed, an empty key, text that is not UTF-8, a number that would not read
/// back as written, a line longer than 16 MiB); `Io("{path}: {os error}")` when a file
/// cannot be opened or read (or is corrupt gzip); `OutOfMemory`; `Cancelled`;
/// `InvalidArgument` for options that make no sense (see [`CsvOptions`]).
pub fn read_csv(
    edges: &Path,
    nodes: Option<&Path>,
    options: &CsvOptions,
    cancel: &Cancel,
    progress: &mut dyn FnMut(u64, u64),
) -> GraphResult<GraphCore> {
    let delimiter = options.check()?;
    cancel.check()?;
    let mut progress = Progress::new(progress);
    let node_source = nodes.map(|p| Source::open(p, cancel)).transpose()?;
    let edge_source = Source::open(edges, cancel)?;
    let node_bytes = node_source.as_ref().map_or(0, |s| s.total);
    progress.start(node_bytes + edge_source.total);
    let mut reading = Reading {
        delimiter,
        cancel,
        progress: &mut progress,
    };
    let node_table = match (nodes, node_source) {
        (Some(path), Some(source)) => Some(reading.table(path, source, &[&options.key], 0)?),
        _ => None,
    };
    let keys = [options.source.as_str(), &options.target];
    let edge_table = reading.table(edges, edge_source, &keys, node_bytes)?;
    cancel.check()?;
    progress.finish();
    build(node_table, edge_table, options.directed)
}

/// A table read: its key columns (in the order asked for) and its attribute columns.
struct Table<'p> {
    path: &'p Path,
    keys: Vec<TextColumn>,
    attrs: Vec<(String, TextColumn)>,
}

/// What every table of one read shares.
struct Reading<'a, 'b> {
    delimiter: u8,
    cancel: &'a Cancel,
    progress: &'a mut Progress<'b>,
}

impl Reading<'_, '_> {
    /// Reads one file into columns; `offset` is the bytes of the files read before it.
    fn table<'p>(
        &mut self,
        path: &'p Path,
        mut source: Source,
        key_names: &[&str],
        offset: u64,
    ) -> GraphResult<Table<'p>> {
        let mut records = Records::new(self.delimiter, MAX_LINE_BYTES);
        let mut record = Record::default();
        let fail = |e: RecordError| record_error(path, e);
        if !records.next(&mut source.lines, &mut record).map_err(fail)? {
            let pos = Pos { line: 1, column: 1 };
            return Err(malformed(path, pos, "no header line (the file is empty)"));
        }
        let (names, roles) = header(path, &record, key_names)?;
        let mut columns: Vec<TextColumn> = roles
            .iter()
            .map(|role| TextColumn::new(role.is_some()))
            .collect();
        let mut rows: u64 = 0;
        loop {
            if rows % PROGRESS_EVERY_ROWS == 0 {
                self.progress.update(offset + source.done());
                if rows % CANCEL_EVERY_ROWS == 0 {
                    self.cancel.check()?;
                }
            }
            if !records.next(&mut source.lines, &mut record).map_err(fail)? {
                break;
            }
            rows += 1;
            if record.len() != columns.len() {
                let pos = match record.len() > columns.len() {
                    true => record.field(columns.len()).1.pos,
                    false => record.end,
                };
                let what = format!(
                    "a row of {} fields, the header has {}",
                    record.len(),
                    columns.len()
                );
                return Err(malformed(path, pos, what));
            }
            for (i, column) in columns.iter_mut().enumerate() {
                let (text, field) = record.field(i);
                column
                    .push(text, field.quoted, field.pos)
                    .map_err(|bad| field_error(path, bad, field.pos, &names[i], text))?;
            }
        }
        self.progress.update(offset + source.done());
        let mut keys: Vec<Option<TextColumn>> = key_names.iter().map(|_| None).collect();
        let mut attrs = Vec::new();
        for ((name, role), column) in names.into_iter().zip(roles).zip(columns) {
            match role {
                Some(k) => keys[k] = Some(column),
                None => attrs.push((name, column)),
            }
        }
        Ok(Table {
            path,
            keys: keys
                .into_iter()
                .map(|k| k.expect("found by header"))
                .collect(),
            attrs,
        })
    }
}

/// The column names of the header record, and for each the key it holds (its index in
/// `key_names`), if any.
fn header(
    path: &Path,
    record: &Record,
    key_names: &[&str],
) -> GraphResult<(Vec<String>, Vec<Option<usize>>)> {
    let mut names: Vec<String> = Vec::with_capacity(record.len());
    for i in 0..record.len() {
        let (text, field) = record.field(i);
        let Ok(name) = std::str::from_utf8(text) else {
            return Err(malformed(path, field.pos, "column name is not valid UTF-8"));
        };
        if name.is_empty() {
            let what = format!(
                "column {} has no name (pandas writes its index so: use to_csv(index=False))",
                i + 1
            );
            return Err(malformed(path, field.pos, what));
        }
        if names.iter().any(|n| n == name) {
            let what = format!("column name '{name}' appears twice");
            return Err(malformed(path, field.pos, what));
        }
        names.push(name.to_string());
    }
    let mut roles = vec![None; names.len()];
    for (k, key) in key_names.iter().enumerate() {
        let Some(i) = names.iter().position(|n| n == key) else {
            let pos = Pos {
                line: record.field(0).1.pos.line,
                column: 1,
            };
            let what = format!(
                "no column named '{key}' (the header names {})",
                names.join(", ")
            );
            return Err(malformed(path, pos, what));
        };
        roles[i] = Some(k);
    }
    Ok((names, roles))
}

fn record_error(path: &Path, e: RecordError) -> GraphError {
    match e {
        RecordError::Malformed(pos, what) => malformed(path, pos, what),
        RecordError::OutOfMemory(bytes) => out_of_memory(path, "a record", bytes),
        RecordError::Line(LineError::Io(e)) => io_error(path, &e),
        RecordError::Line(LineError::TooLong(max)) => {
            GraphError::Io(format!("{}: a line longer than {max} bytes", path.display()).into())
        }
        RecordError::Line(LineError::OutOfMemory(bytes)) => {
            out_of_memory(path, "a long line", bytes)
        }
        RecordError::Line(LineError::Cancelled) => GraphError::Cancelled,
    }
}

fn field_error(path: &Path, bad: BadField, pos: Pos, column: &str, text: &[u8]) -> GraphError {
    match bad {
        BadField::EmptyKey => malformed(path, pos, format!("empty node key in column '{column}'")),
        BadField::NotUtf8 => {
            let what = format!(
                "field {} of column '{column}' is not valid UTF-8",
                shown(text)
            );
            malformed(path, pos, what)
        }
        BadField::OutOfMemory(bytes) => {
            out_of_memory(path, &format!("the column '{column}'"), bytes)
        }
    }
}

/// The error for a number that would not read back as written.
fn inexact(path: &Path, (pos, text): (Pos, &str), what: &str) -> GraphError {
    let what = format!(
        "number {text} {what} does not fit in an int64 or a float64 as written (quote it to \
         keep it as text)"
    );
    malformed(path, pos, what)
}

/// The attribute columns of a table as arrays (columns without a value left out).
fn arrays(table: &mut Table<'_>) -> GraphResult<Vec<(String, Array)>> {
    let mut out = Vec::with_capacity(table.attrs.len());
    for (name, column) in std::mem::take(&mut table.attrs) {
        let kind = column
            .kind()
            .map_err(|bad| inexact(table.path, bad, &format!("in column '{name}'")))?;
        let Some(kind) = kind else { continue };
        let array = column
            .into_array(kind)
            .map_err(|bytes| out_of_memory(table.path, &format!("the column '{name}'"), bytes))?;
        out.push((name, array));
    }
    Ok(out)
}

/// Whether the keys of every key column are ints. `Err` when every key is an unquoted
/// integer but one does not fit in an `i64` (as a string it would silently change kind).
fn int_keys(tables: &[&Table<'_>]) -> GraphResult<bool> {
    let (mut all_int, mut all_integers) = (true, true);
    let mut too_big = None;
    for table in tables {
        for column in &table.keys {
            match column.int_keys() {
                Ok(true) => {}
                Ok(false) => (all_int, all_integers) = (false, false),
                Err(bad) => {
                    all_int = false;
                    too_big.get_or_insert((table.path, bad));
                }
            }
        }
    }
    match too_big {
        Some((path, bad)) if all_integers => Err(inexact(path, bad, "as a node key")),
        _ => Ok(all_int),
    }
}

/// The string keys of a key column.
fn str_keys<'a>(path: &Path, column: &'a TextColumn) -> GraphResult<Vec<KeyRef<'a>>> {
    let rows = column.rows();
    let mut keys = Vec::new();
    keys.try_reserve_exact(rows).map_err(|_| {
        out_of_memory(
            path,
            "the node keys",
            rows.saturating_mul(size_of::<KeyRef<'_>>()),
        )
    })?;
    keys.extend((0..rows).map(|i| KeyRef::Str(column.text(i))));
    Ok(keys)
}

fn build<'p>(
    mut nodes: Option<Table<'p>>,
    mut edges: Table<'p>,
    directed: bool,
) -> GraphResult<GraphCore> {
    let tables: Vec<&Table<'_>> = nodes.iter().chain([&edges]).collect();
    let ints = int_keys(&tables)?;
    if !ints {
        for table in nodes.iter_mut().chain([&mut edges]) {
            for column in &mut table.keys {
                column
                    .keep_text()
                    .map_err(|_| out_of_memory(table.path, "the node keys", column.rows()))?;
            }
        }
    }
    let mut graph = GraphCore::new(directed);
    if let Some(mut nodes) = nodes {
        let attrs = arrays(&mut nodes)?;
        let columns: Vec<(&str, &Array)> = attrs.iter().map(|(n, a)| (n.as_str(), a)).collect();
        let keys = match ints {
            true => nodes.keys[0]
                .ints()
                .iter()
                .map(|&k| KeyRef::Int(k))
                .collect(),
            false => str_keys(nodes.path, &nodes.keys[0])?,
        };
        graph.add_nodes_with_columns_as(&keys, &columns, SKIP)?;
    }
    let attrs = arrays(&mut edges)?;
    let columns: Vec<(&str, &Array)> = attrs.iter().map(|(n, a)| (n.as_str(), a)).collect();
    let (sources, targets) = (&edges.keys[0], &edges.keys[1]);
    match ints {
        true => graph.add_edges_int_as(sources.ints(), targets.ints(), &columns, SKIP)?,
        false => {
            let sources = str_keys(edges.path, sources)?;
            let targets = str_keys(edges.path, targets)?;
            graph.add_edges_with_columns_as(&sources, &targets, &columns, SKIP)?;
        }
    }
    Ok(graph)
}
