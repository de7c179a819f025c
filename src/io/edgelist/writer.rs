//! Writing a graph as an edge list that reads back to the same graph.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write as _};
use std::path::Path;

use super::{io_error, MAX_LINE_BYTES, NODE_MARK, STR_KEYS_MARK, WEIGHT};
use crate::core::{AttrKind, GraphCore, GraphError, GraphResult, NodeKey};
use crate::io::atomic::replace_file;
use crate::io::text::parse_i64;
use crate::io::weights;

/// The longest string key `write_edgelist` writes: a line of two of them, the delimiters
/// and a weight stays within `MAX_LINE_BYTES`.
pub(super) const MAX_KEY_BYTES: usize = MAX_LINE_BYTES / 2 - 64;
const WRITE_BUFFER: usize = 1 << 20;

/// Writes the graph as an edge list that [`read_edgelist`](super::read_edgelist) reads back to the same nodes,
/// in the same order, and the same edges with their weights, in edge order:
/// `u<delimiter>v`, plus `<delimiter>weight` when the edge has a numeric `"weight"`
/// attribute (floats in their shortest round-trip form, e.g. `0.1`, `1e300`, `NaN`, `inf`;
/// ints in decimal; a bool as 1 or 0, as the algorithms weigh it). A weight column of any
/// type but `Float64` gets a line `# groggy: weight=KIND` first, so it reads back as the
/// same type with the same values; a column of mixed kinds reads back as `Float64` (see
/// `weights.rs` for every type). When the edges alone would lose nodes (isolated ones) or
/// their order, every node is first written on a line `# groggy: node KEY`. When the keys
/// are strings that all look like ints, a first line `# groggy: keys=str` makes them read
/// back as strings. All three are comments to other readers (networkx, pandas with
/// `comment="#"`), which get the edges. Read it back with the same `delimiter`, or with
/// `None` (any whitespace) for a space or TAB.
///
/// Node attributes and edge attributes other than `"weight"` are not written. An edge
/// without a weight gets a line without one and reads back without one; so does an edge
/// whose weight is Null (an edge list has no way to say Null).
///
/// `InvalidArgument` (and no file) for what an edge list cannot hold faithfully: a weight
/// that is not a number, an int beyond ±2^53 in a mixed column, a string key that is
/// empty, longer than half of `MAX_LINE_BYTES`, contains whitespace, a line break or
/// the delimiter, or starts with `#` or a byte-order mark, or keys that mix ints and
/// strings (`1` and `"1"` would read back alike); also for a delimiter that can be part of
/// a number (`-`, `+`, `.`, letters, digits) or is a line break or `#`.
///
/// The file is written to a temporary file in the same folder, synced, and renamed over
/// `path`, so `path` holds either its old content or the whole new list, never part of it;
/// a symlink is followed (its target is replaced), and an existing target that is not a
/// regular file (a device, FIFO, socket or folder) is refused with `Io` and left as it is
/// (see `replace_file` in `atomic.rs`).
pub fn write_edgelist(graph: &GraphCore, path: &Path, delimiter: char) -> GraphResult<()> {
    if delimiter.is_alphanumeric() || matches!(delimiter, '\n' | '\r' | '#' | '-' | '+' | '.') {
        return Err(GraphError::InvalidArgument(format!(
            "delimiter {delimiter:?} is not allowed in an edge list (it can be part of a key or \
             number); use a space, TAB or comma"
        )));
    }
    replace_file(path, "write edge list", |file| {
        write_edges(graph, path, delimiter, file)
    })
}

fn write_edges(graph: &GraphCore, path: &Path, delimiter: char, file: &File) -> GraphResult<()> {
    let fail = |e: io::Error| io_error(path, &e);
    let strings_look_like_ints = check_keys(graph, delimiter)?;
    let mut out = BufWriter::with_capacity(WRITE_BUFFER, file);
    let mut line = String::with_capacity(64);
    if strings_look_like_ints {
        line.push_str(std::str::from_utf8(STR_KEYS_MARK).expect("ASCII"));
        line.push('\n');
    }
    let weights = graph.edge_attr_table().column(WEIGHT);
    let kind = weights.map_or(AttrKind::Null, |c| c.kind());
    if let Some(mark) = weights::mark_for(kind) {
        // Before every edge line, where the reader takes it.
        line.push_str(&mark);
        line.push('\n');
    }
    if edges_miss_node_order(graph) {
        // Every node on a line of its own first: isolated nodes are kept, and the nodes
        // read back in their order, not in the order the edges name them.
        let mark = std::str::from_utf8(NODE_MARK).expect("ASCII");
        for key in graph.node_keys() {
            line.push_str(mark);
            write_key(&mut line, key);
            line.push('\n');
            if line.len() >= WRITE_BUFFER / 2 {
                out.write_all(line.as_bytes()).map_err(fail)?;
                line.clear();
            }
        }
    }
    out.write_all(line.as_bytes()).map_err(fail)?;
    for e in graph.edge_indices() {
        let (u, v) = graph.edge_keys(e);
        line.clear();
        write_key(&mut line, u);
        line.push(delimiter);
        write_key(&mut line, v);
        if let Some(w) = weights.and_then(|c| c.get(e as usize)) {
            let checked = match kind {
                AttrKind::Mixed => weights::check_mixed(&w),
                _ => Ok(()),
            };
            checked
                .and_then(|()| weights::write_weight(&mut line, delimiter, &w))
                .map_err(|why| {
                    GraphError::InvalidArgument(format!(
                        "edge ({u}, {v}) has {why}: an edge list holds only numeric weights \
                         that read back alike (save() keeps every attribute)"
                    ))
                })?;
        }
        line.push('\n');
        out.write_all(line.as_bytes()).map_err(fail)?;
    }
    out.flush().map_err(fail)
}

fn write_key(line: &mut String, key: &NodeKey) {
    match key {
        NodeKey::Int(k) => write!(line, "{k}").expect("a String takes any text"),
        NodeKey::Str(s) => line.push_str(s),
    }
}

/// Checks that every key reads back as itself; says whether the keys are strings that all
/// look like ints (which need `STR_KEYS_MARK` to read back as strings).
fn check_keys(graph: &GraphCore, delimiter: char) -> GraphResult<bool> {
    let mut kinds = KeyKinds::default();
    let mut all_look_like_ints = true;
    for key in graph.node_keys() {
        kinds.check(key, "an edge list")?;
        if let NodeKey::Str(s) = key {
            check_str_key(s, delimiter).map_err(|why| {
                GraphError::InvalidArgument(format!(
                    "cannot write node key {key} in an edge list faithfully: it {why} \
                     (save() keeps any key)"
                ))
            })?;
            all_look_like_ints &= parse_i64(s.as_bytes()).is_some();
        }
    }
    Ok(kinds.str.is_some() && all_look_like_ints)
}

/// Whether reading the edges alone would lose nodes or their order: some node has no
/// edge, or the edges name the nodes first in another order than the graph's.
pub(crate) fn edges_miss_node_order(graph: &GraphCore) -> bool {
    let topology = graph.topology();
    let mut named = vec![false; topology.node_capacity()];
    let mut in_order = graph.node_indices();
    for e in graph.edge_indices() {
        let (u, v) = topology.endpoints(e);
        for node in [u, v] {
            if !std::mem::replace(&mut named[node as usize], true) && in_order.next() != Some(node)
            {
                return true;
            }
        }
    }
    in_order.next().is_some()
}

/// Why a string key would not read back as itself, if it would not.
fn check_str_key(key: &str, delimiter: char) -> Result<(), &'static str> {
    if key.is_empty() {
        return Err("is empty");
    }
    if key.len() > MAX_KEY_BYTES {
        return Err("is longer than an edge list line may hold");
    }
    if key.contains(delimiter) {
        return Err("contains the delimiter");
    }
    if key.chars().any(char::is_whitespace) {
        return Err("contains whitespace or a line break");
    }
    if key.starts_with('#') {
        return Err("starts with '#', which marks a comment line");
    }
    if key.starts_with('\u{feff}') {
        return Err("starts with a byte-order mark");
    }
    Ok(())
}

/// The first int and string keys met, to refuse a file (an edge list, a CSV table) that
/// mixes them.
#[derive(Default)]
pub(crate) struct KeyKinds {
    int: Option<i64>,
    str: Option<NodeKey>,
}

impl KeyKinds {
    /// `InvalidArgument` once both kinds were met; `file` names the format ("an edge list").
    pub(crate) fn check(&mut self, key: &NodeKey, file: &str) -> GraphResult<()> {
        match key {
            NodeKey::Int(k) => {
                self.int.get_or_insert(*k);
            }
            NodeKey::Str(_) => {
                if self.str.is_none() {
                    self.str = Some(key.clone());
                }
            }
        }
        if let (Some(i), Some(s)) = (self.int, &self.str) {
            return Err(GraphError::InvalidArgument(format!(
                "cannot write {file} whose node keys mix ints and strings (such as {i} and \
                 {s}): an int and a string with the same text would read back alike (save() \
                 keeps them apart)"
            )));
        }
        Ok(())
    }
}
