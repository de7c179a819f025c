//! Writing GraphML by hand: every check first (so a graph GraphML cannot hold exactly
//! leaves no file), then one pass over the nodes and one over the edges.

use std::fs::File;
use std::path::Path;

use super::{escape, kinds, GRAPHML_NS, GROGGY_KEYS, GROGGY_KIND, GROGGY_NS};
use crate::core::{AttrKind, AttrTable, AttrValue, Column, GraphCore, GraphError, GraphResult};
use crate::core::{NodeKey, Slot};
use crate::io::atomic::replace_file;
use crate::io::markup_out::{check_entities, Chunked};

/// A column to write: its key id, name, kind and values.
struct Written<'g> {
    id: String,
    name: &'g str,
    kind: AttrKind,
    column: &'g Column,
}

/// Writes the graph as GraphML that [`read_graphml`](super::read_graphml) reads back to
/// the same graph (see the module documentation), replacing `path` atomically as `save`
/// does. `InvalidArgument`, and no file written, for what GraphML cannot hold exactly:
/// int and string keys in one graph, a Null value, a bytes value, a column of mixed kinds,
/// or text with a character XML 1.0 cannot hold (a control character other than TAB, LF
/// and CR).
pub fn write_graphml(graph: &GraphCore, path: &Path) -> GraphResult<()> {
    let int_keys = check_keys(graph)?;
    let nodes = columns(graph.node_attr_table(), "node", 0)?;
    let edges = columns(graph.edge_attr_table(), "edge", nodes.len())?;
    check_values(graph, &nodes, &edges)?;
    replace_file(path, "write GraphML", |file| {
        write(graph, int_keys, &nodes, &edges, path, file)
    })
}

fn invalid(what: String) -> GraphError {
    GraphError::InvalidArgument(format!("cannot write GraphML: {what}"))
}

/// Whether the keys are ints (`Some(true)`), strings (`Some(false)`) or absent (`None`);
/// `InvalidArgument` for both kinds in one graph, or a key XML cannot hold.
fn check_keys(graph: &GraphCore) -> GraphResult<Option<bool>> {
    let mut ints = None;
    for key in graph.node_keys() {
        let int = matches!(key, NodeKey::Int(_));
        if *ints.get_or_insert(int) != int {
            return Err(invalid(
                "the node keys mix ints and strings, which GraphML ids (all strings) cannot \
                 tell apart (save() keeps them)"
                    .into(),
            ));
        }
        if let NodeKey::Str(s) = key {
            escape::check(s).map_err(|why| invalid(format!("node key {key} {why}")))?;
        }
    }
    Ok(ints)
}

/// The columns of `table` that some entity has, each with its key id (`d0`, `d1`, ...
/// from `first`); `InvalidArgument` for a kind GraphML has no type for.
fn columns<'g>(table: &'g AttrTable, on: &str, first: usize) -> GraphResult<Vec<Written<'g>>> {
    let mut out = Vec::new();
    for (name, column) in table.iter().filter(|(_, c)| c.present_count() > 0) {
        escape::check(name)
            .map_err(|why| invalid(format!("the {on} attribute name {name:?} {why}")))?;
        let kind = column.kind();
        if kinds::type_name(kind).is_none() {
            let why = match kind {
                AttrKind::Mixed => "holds values of several kinds; a GraphML key has one type",
                AttrKind::Bytes => "holds bytes, which GraphML has no type for",
                _ => "holds only None values; GraphML has no null",
            };
            return Err(invalid(format!(
                "the {on} attribute {name:?} {why} (save() keeps it)"
            )));
        }
        out.push(Written {
            id: format!("d{}", first + out.len()),
            name,
            kind,
            column,
        });
    }
    Ok(out)
}

/// `InvalidArgument` for a Null value or a string XML cannot hold.
fn check_values(
    graph: &GraphCore,
    nodes: &[Written<'_>],
    edges: &[Written<'_>],
) -> GraphResult<()> {
    let check = |columns: &[Written<'_>], i: usize, who: &dyn Fn() -> String| {
        for c in columns {
            match c.column.slot(i) {
                Slot::Absent => {}
                Slot::Null => {
                    return Err(invalid(format!(
                        "{} has the attribute {:?} set to None, and GraphML has no null (remove \
                         the attribute, or save() keeps it)",
                        who(),
                        c.name
                    )))
                }
                Slot::Value if c.kind == AttrKind::Str => {
                    if let Some(AttrValue::Str(s)) = c.column.get(i) {
                        escape::check(&s)
                            .map_err(|why| invalid(format!("{}'s {:?} {why}", who(), c.name)))?;
                    }
                }
                Slot::Value => {}
            }
        }
        Ok(())
    };
    check_entities(graph, true, true, |on_edges, i, who| {
        check(if on_edges { edges } else { nodes }, i, who)
    })
}

fn write(
    graph: &GraphCore,
    int_keys: Option<bool>,
    nodes: &[Written<'_>],
    edges: &[Written<'_>],
    path: &Path,
    file: &File,
) -> GraphResult<()> {
    let mut out = Chunked::new(file, path);
    out.text
        .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.text.push_str(&format!(
        "<graphml xmlns=\"{GRAPHML_NS}\" xmlns:groggy=\"{GROGGY_NS}\">\n"
    ));
    for (on, columns) in [("node", nodes), ("edge", edges)] {
        for c in columns {
            out.text
                .push_str(&format!("  <key id=\"{}\" for=\"{on}\" attr.name=\"", c.id));
            escape::attribute(&mut out.text, c.name);
            let type_name = kinds::type_name(c.kind).expect("checked");
            out.text.push_str(&format!("\" attr.type=\"{type_name}\""));
            if let Some(kind) = kinds::groggy_kind(c.kind) {
                out.text.push_str(&format!(" {GROGGY_KIND}=\"{kind}\""));
            }
            out.text.push_str("/>\n");
        }
    }
    let edgedefault = if graph.is_directed() {
        "directed"
    } else {
        "undirected"
    };
    out.text
        .push_str(&format!("  <graph edgedefault=\"{edgedefault}\""));
    if let Some(int) = int_keys {
        let kind = if int { "int" } else { "str" };
        out.text.push_str(&format!(" {GROGGY_KEYS}=\"{kind}\""));
    }
    out.text.push_str(">\n");
    for n in graph.node_indices() {
        out.text.push_str("    <node id=\"");
        write_key(&mut out.text, graph.node_key(n));
        out.text.push('"');
        let closing = if write_data(&mut out.text, nodes, n as usize) {
            "    </node>\n"
        } else {
            "/>\n"
        };
        out.text.push_str(closing);
        out.flush_if_full()?;
    }
    for e in graph.edge_indices() {
        let (u, v) = graph.edge_keys(e);
        out.text.push_str("    <edge source=\"");
        write_key(&mut out.text, u);
        out.text.push_str("\" target=\"");
        write_key(&mut out.text, v);
        out.text.push('"');
        let closing = if write_data(&mut out.text, edges, e as usize) {
            "    </edge>\n"
        } else {
            "/>\n"
        };
        out.text.push_str(closing);
        out.flush_if_full()?;
    }
    out.text.push_str("  </graph>\n</graphml>\n");
    out.finish()
}

fn write_key(text: &mut String, key: &NodeKey) {
    match key {
        NodeKey::Int(k) => text.push_str(&k.to_string()),
        NodeKey::Str(s) => escape::attribute(text, s),
    }
}

/// Ends the open tag of entity `i` and writes its `<data>`, if it has any (then the caller
/// closes the element; else it ends the tag with `/>`). Whether it had any.
fn write_data(text: &mut String, columns: &[Written<'_>], i: usize) -> bool {
    let mut any = false;
    for c in columns {
        let Some(value) = c.column.get(i) else {
            continue;
        };
        if !any {
            text.push_str(">\n");
            any = true;
        }
        text.push_str(&format!("      <data key=\"{}\">", c.id));
        match &value {
            AttrValue::Str(s) => escape::text(text, s),
            number => kinds::write_number(text, number),
        }
        text.push_str("</data>\n");
    }
    any
}
