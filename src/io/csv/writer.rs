//! Writing a graph as CSV tables that read back to the same graph.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write as _};
use std::path::Path;

use super::CsvOptions;
use crate::core::{AttrTable, ColumnValues, GraphCore, GraphError, GraphResult, NodeKey, Slot};
use crate::io::atomic::replace_file;
use crate::io::edgelist::io_error;
use crate::io::edgelist::writer::{edges_miss_node_order, KeyKinds};

const WRITE_BUFFER: usize = 1 << 20;

/// Writes the edges table to `edges` (columns `options.source`, `options.target`, then
/// every edge attribute, one row per edge in edge order) and, when `nodes` is given, the
/// nodes table there (column `options.key`, then every node attribute, one row per node in
/// node order), which [`read_csv`](super::read_csv) with the same options reads back to the
/// same graph: keys of the same kind in the same order, the same attributes with the same
/// kinds and values, absent ones absent (an empty field).
///
/// Values: `int64` in decimal, `float64` in the shortest text that reads back to the same
/// number and always with a `.` or an exponent (`1.0`, `0.1`, `1e300`, `NaN`, `inf`;
/// NaN payloads are not kept), `bool` as `true` / `false`, strings and string keys always
/// in double quotes (so they read back as text, even `"1"`, `"true"` or `""`), int keys in
/// decimal. Column names are quoted when they hold the delimiter, a quote or a line break.
///
/// `InvalidArgument`, before any file is written, for what the tables cannot hold
/// exactly: a Null value (an empty field reads back as absent), an attribute of another
/// kind than `int64`, `float64`, `bool` and `str` (`int32`, `float32`, bytes, a mixed
/// column...), keys mixing ints and strings, an attribute named like a key column or with
/// an empty name, node attributes or nodes the edges do not give in order (isolated nodes)
/// without a nodes file, the same path for both files, and a delimiter that numbers or
/// bools can hold (letters, digits, `-`, `+`, `.`) or that [`CsvOptions`] refuses.
///
/// Each file is replaced atomically (see `replace_file` in `atomic.rs`), the nodes file
/// first; it is written uncompressed, whatever its name.
pub fn write_csv(
    graph: &GraphCore,
    edges: &Path,
    nodes: Option<&Path>,
    options: &CsvOptions,
) -> GraphResult<()> {
    let d = options.check()?;
    if d.is_ascii_alphanumeric() || matches!(d, b'-' | b'+' | b'.') {
        return Err(GraphError::InvalidArgument(format!(
            "CSV delimiter {:?} can be part of a number or a bool, which are written unquoted",
            options.delimiter
        )));
    }
    if nodes == Some(edges) {
        return Err(GraphError::InvalidArgument(format!(
            "the edges and the nodes tables cannot both go to '{}'",
            edges.display()
        )));
    }
    let mut kinds = KeyKinds::default();
    for key in graph.node_keys() {
        kinds.check(key, "a CSV table")?;
    }
    let node_attrs = writable(
        graph.node_attr_table(),
        graph.node_indices(),
        &[&options.key],
        "node",
        |i| format!("node {}", graph.node_key(i)),
    )?;
    let keys = [options.source.as_str(), &options.target];
    let edge_attrs = writable(
        graph.edge_attr_table(),
        graph.edge_indices(),
        &keys,
        "edge",
        |e| {
            let (u, v) = graph.edge_keys(e);
            format!("edge ({u}, {v})")
        },
    )?;
    let Some(nodes) = nodes else {
        if let Some(attr) = node_attrs.first() {
            return Err(GraphError::InvalidArgument(format!(
                "the graph has node attributes (such as '{}'): they need a nodes file",
                attr.name
            )));
        }
        if edges_miss_node_order(graph) {
            return Err(GraphError::InvalidArgument(
                "the graph has nodes without edges, or nodes in another order than its edges \
                 name them: they need a nodes file"
                    .into(),
            ));
        }
        return write_table(edges, "write CSV edges", |out| {
            edge_rows(graph, &edge_attrs, &keys, d, out)
        });
    };
    write_table(nodes, "write CSV nodes", |out| {
        node_rows(graph, &node_attrs, &options.key, d, out)
    })?;
    write_table(edges, "write CSV edges", |out| {
        edge_rows(graph, &edge_attrs, &keys, d, out)
    })
}

/// One attribute column to write, with its values' storage.
struct Attr<'a> {
    name: &'a str,
    slots: &'a crate::core::Column,
    values: Values<'a>,
}

/// The storage of the kinds a table holds exactly.
enum Values<'a> {
    Int(&'a [i64]),
    Float(&'a [f64]),
    Bool(&'a [bool]),
    Str(&'a [Box<str>]),
    Nulls,
}

/// The columns of `table` that some entity has, checked to read back exactly.
fn writable<'a>(
    table: &'a AttrTable,
    live: impl Iterator<Item = u32>,
    key_names: &[&str],
    entity: &str,
    describe: impl Fn(u32) -> String,
) -> GraphResult<Vec<Attr<'a>>> {
    let refuse = |why: String| {
        Err(GraphError::InvalidArgument(format!(
            "cannot write the graph as CSV tables faithfully: {why} (save() keeps everything)"
        )))
    };
    let mut attrs = Vec::new();
    for (name, column) in table.iter() {
        if column.present_count() == 0 {
            continue;
        }
        if name.is_empty() {
            return refuse(format!("an {entity} attribute has an empty name"));
        }
        if key_names.contains(&name) {
            return refuse(format!(
                "the {entity} attribute '{name}' has the name of a key column (choose other \
                 key column names)"
            ));
        }
        let values = match column.values() {
            ColumnValues::Int64(v) => Values::Int(v),
            ColumnValues::Float64(v) => Values::Float(v),
            ColumnValues::Bool(v) => Values::Bool(v),
            ColumnValues::Str(v) => Values::Str(v),
            // Nothing but nulls: refused below, naming one.
            ColumnValues::Empty => Values::Nulls,
            other => {
                return refuse(format!(
                    "the {entity} attribute '{name}' is of kind {}, and a CSV column reads \
                     back as int64, float64, bool or str only",
                    other.kind().name()
                ))
            }
        };
        attrs.push(Attr {
            name,
            slots: column,
            values,
        });
    }
    if !attrs.is_empty() {
        for i in live {
            if let Some(attr) = attrs
                .iter()
                .find(|a| a.slots.slot(i as usize) == Slot::Null)
            {
                return refuse(format!(
                    "{} has '{}' set to null, and an empty field reads back as absent",
                    describe(i),
                    attr.name
                ));
            }
        }
    }
    Ok(attrs)
}

/// Replaces `path` with what `rows` writes.
fn write_table(
    path: &Path,
    what: &str,
    rows: impl FnOnce(&mut dyn FnMut(&str) -> io::Result<()>) -> io::Result<()>,
) -> GraphResult<()> {
    replace_file(path, what, |file: &File| {
        let mut out = BufWriter::with_capacity(WRITE_BUFFER, file);
        rows(&mut |text| out.write_all(text.as_bytes()))
            .and_then(|()| out.flush())
            .map_err(|e| io_error(path, &e))
    })
}

fn node_rows(
    graph: &GraphCore,
    attrs: &[Attr<'_>],
    key: &str,
    d: u8,
    out: &mut dyn FnMut(&str) -> io::Result<()>,
) -> io::Result<()> {
    let mut line = String::with_capacity(256);
    header(&mut line, &[key], attrs, d);
    for i in graph.node_indices() {
        write_key(&mut line, graph.node_key(i));
        values(&mut line, attrs, i, d);
        flush_some(&mut line, out)?;
    }
    out(&line)
}

fn edge_rows(
    graph: &GraphCore,
    attrs: &[Attr<'_>],
    keys: &[&str],
    d: u8,
    out: &mut dyn FnMut(&str) -> io::Result<()>,
) -> io::Result<()> {
    let mut line = String::with_capacity(256);
    header(&mut line, keys, attrs, d);
    for e in graph.edge_indices() {
        let (u, v) = graph.edge_keys(e);
        write_key(&mut line, u);
        line.push(d as char);
        write_key(&mut line, v);
        values(&mut line, attrs, e, d);
        flush_some(&mut line, out)?;
    }
    out(&line)
}

/// Hands `line` out once it holds a good amount of text.
fn flush_some(line: &mut String, out: &mut dyn FnMut(&str) -> io::Result<()>) -> io::Result<()> {
    if line.len() >= WRITE_BUFFER / 2 {
        out(line)?;
        line.clear();
    }
    Ok(())
}

fn header(line: &mut String, keys: &[&str], attrs: &[Attr<'_>], d: u8) {
    let names = keys.iter().copied().chain(attrs.iter().map(|a| a.name));
    for (i, name) in names.enumerate() {
        if i > 0 {
            line.push(d as char);
        }
        let plain = !name.starts_with('\u{feff}')
            && !name
                .bytes()
                .any(|b| matches!(b, b'"' | b'\r' | b'\n') || b == d);
        match plain {
            true => line.push_str(name),
            false => quote(line, name),
        }
    }
    line.push('\n');
}

/// The delimiter and value of every attribute of entity `i`, then the line break.
fn values(line: &mut String, attrs: &[Attr<'_>], i: u32, d: u8) {
    let i = i as usize;
    for attr in attrs {
        line.push(d as char);
        if attr.slots.slot(i) != Slot::Value {
            continue; // absent (nulls were refused)
        }
        match attr.values {
            Values::Int(v) => write!(line, "{}", v[i]).expect("a String takes any text"),
            // Debug is the shortest text that reads back the same, with a `.` or an `e`.
            Values::Float(v) => write!(line, "{:?}", v[i]).expect("a String takes any text"),
            Values::Bool(v) => line.push_str(if v[i] { "true" } else { "false" }),
            Values::Str(v) => quote(line, &v[i]),
            Values::Nulls => {}
        }
    }
    line.push('\n');
}

fn write_key(line: &mut String, key: &NodeKey) {
    match key {
        NodeKey::Int(k) => write!(line, "{k}").expect("a String takes any text"),
        NodeKey::Str(s) => quote(line, s),
    }
}

/// `"text"`, its quotes doubled.
fn quote(line: &mut String, text: &str) {
    line.push('"');
    for (i, part) in text.split('"').enumerate() {
        if i > 0 {
            line.push_str("\"\"");
        }
        line.push_str(part);
    }
    line.push('"');
}
