//! Reading an edge list: options, the line loop, and building the graph in one batch.

use std::path::Path;

use super::keys::{key_refs, BadKey, IntSink, Sink, StrSink};
use super::progress::Progress;
use super::source::Source;
use super::{io_error, shown, NODE_MARK, STR_KEYS_MARK, WEIGHT};
use crate::core::{Array, Cancel, GraphCore, GraphError, GraphResult, KeyRef, NullEntries};
use crate::io::text::{trim, LineError, Splitter, MAX_FIELDS};
use crate::io::weights::{self, Weight, Weights, WEIGHT_MARK};

/// Lines between two looks at the progress (a counter compare; cheap).
const PROGRESS_EVERY_LINES: u64 = 1 << 10;
/// Lines between two checks of the cancel token.
const CANCEL_EVERY_LINES: u64 = 1 << 16;
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// What node keys an edge list is read into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyKind {
    /// Int keys when every key in the file parses as an `i64`, else string keys for all.
    #[default]
    Auto,
    /// Int keys; a key that is not an `i64` is an error.
    Int,
    /// String keys, exactly as written (so `1` is the key `"1"`).
    Str,
}

/// How [`read_edgelist`] reads a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// Whether the graph built is directed.
    pub directed: bool,
    /// Lines whose first non-blank characters are this text are skipped; `""` skips none.
    pub comments: String,
    /// `None`: fields are separated by any run of whitespace. `Some(c)`: by exactly one
    /// `c` each (so `a,,b` has an empty second field), each field trimmed of whitespace.
    pub delimiter: Option<char>,
    /// Int or string node keys (see [`KeyKind`]).
    pub keys: KeyKind,
    /// Skip the first line that is neither blank nor a comment (a CSV header).
    pub header: bool,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            directed: false,
            comments: "#".to_string(),
            delimiter: None,
            keys: KeyKind::Auto,
            header: false,
        }
    }
}

/// Reads an edge list into a new graph.
///
/// Each line is `u v` or `u v weight`: a third field is parsed as an `f64` into the edge
/// attribute `"weight"` (a `Float64` column); a line without a third field (or, with a
/// delimiter, with an empty one) adds its edge without a weight (the edge does not have the
/// attribute, as with networkx's reader); a file without any third field gives no weight
/// column. Three comment lines that [`write_edgelist`](super::write_edgelist) writes mean more
/// here (other readers skip them): `# groggy: node KEY` names a node, which may have no
/// edge (such nodes come first in node order, in file order, then those the edges add),
/// a first line `# groggy: keys=str` makes `KeyKind::Auto` read string keys, and
/// `# groggy: weight=KIND` before the first edge line makes the weights a column of KIND
/// (`float32`, `int8`..`int64`, `bool`; see `weights.rs`). Blank lines and comment lines
/// are skipped, leading and trailing
/// whitespace (including the `\r` of CRLF endings) is ignored, and a UTF-8 byte-order mark
/// at the start is dropped. A file starting with the gzip magic bytes `1f 8b` is
/// decompressed, whatever its name. Int keys are an optional sign and decimal digits
/// (`007` is the key 7). Edges are added in file order, as `add_edge` would one at a time:
/// a repeated edge (or, undirected, its reverse) updates the first one's weight when its
/// line has one, and leaves it as it was when not.
///
/// `progress(bytes_done, bytes_total)` is called about every 1% of the file (compressed
/// bytes for gzip) and once with `bytes_done == bytes_total` at the end; the values never
/// go backwards, even when a `KeyKind::Auto` read starts over with string keys. `cancel`
/// is checked every 65,536 lines and before every read from the file (so also inside one
/// long line).
///
/// Memory is bounded by the file's content, never exhausted by it: a line longer than
/// [`MAX_LINE_BYTES`](super::MAX_LINE_BYTES) is an error (so `/dev/zero`, or a small gzip that inflates to one
/// endless line, is refused after that much), and the buffers the read fills (the line,
/// the keys, the weights) grow by fallible reservation: when memory runs out that is
/// `OutOfMemory`, not an abort.
///
/// Errors: `Io("{path}:{line}: ...")` for a malformed line (one field, more than three,
/// an empty key, a weight that is not a number or does not fit the marked type, a key that
/// is not an int with `KeyKind::Int`, a string key that is not UTF-8, a line longer than
/// `MAX_LINE_BYTES`: the file is at fault, as with every other line the reader cannot
/// take), `OutOfMemory` (see above), `Io("{path}: {os error}")` when the
/// file cannot be opened or read (or is corrupt gzip), `Cancelled`, and `InvalidArgument`
/// for a line-break delimiter.
pub fn read_edgelist(
    path: &Path,
    options: &ReadOptions,
    cancel: &Cancel,
    progress: &mut dyn FnMut(u64, u64),
) -> GraphResult<GraphCore> {
    if matches!(options.delimiter, Some('\n' | '\r')) {
        return Err(GraphError::InvalidArgument(
            "the delimiter cannot be a line break".into(),
        ));
    }
    let mut progress = Progress::new(progress);
    if options.keys != KeyKind::Str {
        let mut sink = IntSink::default();
        let mut weights = Weights::default();
        if scan(
            path,
            options,
            &mut sink,
            &mut weights,
            cancel,
            &mut progress,
        )? == Scanned::All
        {
            cancel.check()?;
            progress.finish();
            let weight = weights
                .into_array()
                .map_err(|bytes| out_of_memory(path, "the weights", bytes))?;
            let mut graph = GraphCore::new(options.directed);
            let nodes = key_refs(sink.nodes.len(), sink.nodes.iter().map(|&k| KeyRef::Int(k)))
                .map_err(|bytes| out_of_memory(path, "the node keys", bytes))?;
            graph.add_nodes_with_columns(&nodes, &[])?;
            graph.add_edges_int_as(&sink.sources, &sink.targets, &columns(&weight), SKIP)?;
            return Ok(graph);
        }
        // A key that is not an int, with `KeyKind::Auto`: start over with string keys.
    }
    let mut sink = StrSink::default();
    let mut weights = Weights::default();
    let scanned = scan(
        path,
        options,
        &mut sink,
        &mut weights,
        cancel,
        &mut progress,
    )?;
    debug_assert!(scanned == Scanned::All, "string keys are always keys");
    cancel.check()?;
    progress.finish();
    let weight = weights
        .into_array()
        .map_err(|bytes| out_of_memory(path, "the weights", bytes))?;
    let (sources, targets) = sink
        .keys()
        .map_err(|bytes| out_of_memory(path, "the edge keys", bytes))?;
    let nodes = sink
        .node_keys()
        .map_err(|bytes| out_of_memory(path, "the node keys", bytes))?;
    let mut graph = GraphCore::new(options.directed);
    graph.add_nodes_with_columns(&nodes, &[])?;
    graph.add_edges_with_columns_as(&sources, &targets, &columns(&weight), SKIP)?;
    Ok(graph)
}

/// A line without a weight adds its edge without one, as networkx's reader does: a new
/// edge does not have the attribute (absent, not Null), a repeated one keeps its weight.
const SKIP: NullEntries = NullEntries::Skip;

fn columns(weight: &Option<Array>) -> Vec<(&str, &Array)> {
    weight.iter().map(|w| (WEIGHT, w)).collect()
}

#[derive(Debug, PartialEq, Eq)]
enum Scanned {
    /// Every line was read into the sink.
    All,
    /// `KeyKind::Auto` met a key that is not an int; the sink holds only part of the file.
    NotInt,
}

/// Reads every edge line of the file into `sink` and `weights`.
fn scan<S: Sink>(
    path: &Path,
    options: &ReadOptions,
    sink: &mut S,
    weights: &mut Weights,
    cancel: &Cancel,
    progress: &mut Progress<'_>,
) -> GraphResult<Scanned> {
    cancel.check()?;
    let mut source = Source::open(path, cancel)?;
    progress.start(source.total);
    let splitter = Splitter::new(options.delimiter);
    let comment = options.comments.as_bytes();
    let mut header_pending = options.header;
    let mut line_no: u64 = 0;
    loop {
        if line_no % PROGRESS_EVERY_LINES == 0 {
            progress.update(source.done());
            if line_no % CANCEL_EVERY_LINES == 0 {
                cancel.check()?;
            }
        }
        let line = match source.lines.next_line() {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(LineError::Io(e)) => return Err(io_error(path, &e)),
            Err(LineError::TooLong(max)) => {
                let what =
                    format!("line longer than {max} bytes (the most an edge list line may hold)");
                return Err(line_error(path, line_no + 1, what));
            }
            Err(LineError::OutOfMemory(bytes)) => {
                let what = format!("line {} (a buffer for a long line)", line_no + 1);
                return Err(out_of_memory(path, &what, bytes));
            }
            Err(LineError::Cancelled) => return Err(GraphError::Cancelled),
        };
        line_no += 1;
        let line = match line_no {
            1 => trim(line.strip_prefix(UTF8_BOM).unwrap_or(line)),
            _ => trim(line),
        };
        if line.first() == Some(&b'#') {
            if line_no == 1 && line == STR_KEYS_MARK {
                if options.keys == KeyKind::Auto && !sink.takes_strings() {
                    return Ok(Scanned::NotInt);
                }
                continue;
            }
            if let Some(name) = line.strip_prefix(WEIGHT_MARK) {
                if weights.edges() > 0 {
                    let what = "a `# groggy: weight=` line must come before the first edge";
                    return Err(line_error(path, line_no, what.into()));
                }
                let Some(kind) = weights::kind_named(trim(name)) else {
                    let what = format!(
                        "unknown weight type {} (one of {})",
                        shown(trim(name)),
                        weights::kind_names()
                    );
                    return Err(line_error(path, line_no, what));
                };
                weights.set_kind(kind);
                continue;
            }
            if let Some(key) = line.strip_prefix(NODE_MARK) {
                let key = trim(key);
                sink.reserve_node(key)
                    .map_err(|bytes| out_of_memory(path, "the node keys", bytes))?;
                match sink.push_node(key) {
                    Ok(()) => continue,
                    Err(BadKey::NotInt(_)) if options.keys == KeyKind::Auto => {
                        return Ok(Scanned::NotInt)
                    }
                    Err(bad) => return Err(line_error(path, line_no, bad.to_string())),
                }
            }
        }
        if line.is_empty() || (!comment.is_empty() && line.starts_with(comment)) {
            continue;
        }
        if header_pending {
            header_pending = false;
            continue;
        }
        let mut fields = [&b""[..]; MAX_FIELDS];
        let n = splitter.split(line, &mut fields);
        if !(2..=MAX_FIELDS).contains(&n) {
            let found = match n {
                1 => "1 field".to_string(),
                _ => format!("more than {MAX_FIELDS} fields"),
            };
            let separator = match options.delimiter {
                None => "whitespace".to_string(),
                Some(c) => format!("{c:?}"),
            };
            return Err(line_error(
                path,
                line_no,
                format!("expected `u v` or `u v weight` separated by {separator}, found {found}"),
            ));
        }
        let weight: Option<Weight> = match fields.get(2) {
            Some(w) if n == 3 && !w.is_empty() => match weights.parse(w) {
                Ok(x) => Some(x),
                Err(why) => {
                    let what = format!("weight {} {why}", shown(w));
                    return Err(line_error(path, line_no, what));
                }
            },
            _ => None,
        };
        sink.reserve(fields[0], fields[1])
            .map_err(|bytes| out_of_memory(path, "the edge keys", bytes))?;
        match sink.push(fields[0], fields[1]) {
            Ok(()) => weights
                .push(weight)
                .map_err(|bytes| out_of_memory(path, "the weights", bytes))?,
            Err(BadKey::NotInt(_)) if options.keys == KeyKind::Auto => return Ok(Scanned::NotInt),
            Err(bad) => return Err(line_error(path, line_no, bad.to_string())),
        }
    }
    progress.update(source.done());
    Ok(Scanned::All)
}
fn line_error(path: &Path, line: u64, what: String) -> GraphError {
    GraphError::Io(format!("{}:{line}: {what}", path.display()).into())
}

/// `OutOfMemory` for `what` (the edge keys read so far, ...), which needed `bytes`.
fn out_of_memory(path: &Path, what: &str, bytes: usize) -> GraphError {
    GraphError::OutOfMemory(format!(
        "reading '{}' needs {bytes} bytes for {what}",
        path.display()
    ))
}
