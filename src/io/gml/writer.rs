//! Writing GML by hand: every check first (so a graph GML cannot hold exactly leaves no
//! file), then the hints, the nodes and the edges.

use std::fs::File;
use std::path::Path;

use super::values;
use crate::core::{AttrKind, AttrTable, Column, GraphCore, GraphError, GraphResult, NodeKey};
use crate::core::{AttrValue, Slot};
use crate::io::atomic::replace_file;
use crate::io::markup_out::{check_entities, Chunked};

/// Writes the graph as GML that [`read_gml`](super::read_gml) reads back to the same graph
/// (see the module documentation), replacing `path` atomically as `save` does: each node
/// with an integer `id` (its position) and its key as `label` (an integer for an int key, a
/// string for a string key). `InvalidArgument`, and no file written, for what GML cannot
/// hold exactly: an attribute name that is not a GML key (`[A-Za-z][A-Za-z0-9_]*`) or is
/// one the format uses (`id` and `label` of nodes, `source` and `target` of edges), a Null
/// value, a bytes value, or a column of mixed kinds holding a kind other than int64,
/// float64 and str.
pub fn write_gml(graph: &GraphCore, path: &Path) -> GraphResult<()> {
    let nodes = columns(graph.node_attr_table(), "node", &["id", "label"])?;
    let edges = columns(graph.edge_attr_table(), "edge", &["source", "target"])?;
    check_values(graph, &nodes, &edges)?;
    replace_file(path, "write GML", |file| {
        write(graph, &nodes, &edges, path, file)
    })
}

fn invalid(what: String) -> GraphError {
    GraphError::InvalidArgument(format!("cannot write GML: {what}"))
}

/// Whether `name` is a GML key.
fn is_key(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The columns of `table` that some entity has; `InvalidArgument` for a name GML cannot
/// use or a kind it cannot write.
fn columns<'g>(
    table: &'g AttrTable,
    on: &str,
    reserved: &[&str],
) -> GraphResult<Vec<(&'g str, &'g Column)>> {
    let mut out = Vec::new();
    for (name, column) in table.iter().filter(|(_, c)| c.present_count() > 0) {
        if !is_key(name) || reserved.contains(&name) {
            let why = match is_key(name) {
                true => format!("is what GML uses for the {on}'s {name}"),
                false => "is not a GML key (a letter, then letters, digits and '_')".into(),
            };
            return Err(invalid(format!(
                "the {on} attribute name {name:?} {why}; rename it (save() keeps any name)"
            )));
        }
        match column.kind() {
            AttrKind::Bytes => {
                return Err(invalid(format!(
                    "the {on} attribute {name:?} holds bytes, which GML has no value for (save() \
                     keeps it)"
                )))
            }
            AttrKind::Null => {
                return Err(invalid(format!(
                    "the {on} attribute {name:?} holds only None, and GML has no null (save() \
                     keeps it)"
                )))
            }
            _ => out.push((name, column)),
        }
    }
    Ok(out)
}

/// `InvalidArgument` for a Null value, or a value of a mixed column that would not read
/// back as itself.
fn check_values(
    graph: &GraphCore,
    nodes: &[(&str, &Column)],
    edges: &[(&str, &Column)],
) -> GraphResult<()> {
    let check = |columns: &[(&str, &Column)], i: usize, who: &dyn Fn() -> String| {
        for (name, column) in columns {
            match column.slot(i) {
                Slot::Absent => {}
                Slot::Null => {
                    return Err(invalid(format!(
                        "{} has the attribute {name:?} set to None, and GML has no null (remove \
                         the attribute, or save() keeps it)",
                        who()
                    )))
                }
                Slot::Value => {
                    let kind = column.get(i).map_or(AttrKind::Null, |v| v.kind());
                    if !values::writable(column.kind(), kind) {
                        return Err(invalid(format!(
                            "{}'s {name:?} is a {} value in a column of mixed kinds, which GML \
                             keeps only for int64, float64 and str values (save() keeps it)",
                            who(),
                            kind.name()
                        )));
                    }
                }
            }
        }
        Ok(())
    };
    check_entities(
        graph,
        !nodes.is_empty(),
        !edges.is_empty(),
        |on_edges, i, who| check(if on_edges { edges } else { nodes }, i, who),
    )
}

fn write(
    graph: &GraphCore,
    nodes: &[(&str, &Column)],
    edges: &[(&str, &Column)],
    path: &Path,
    file: &File,
) -> GraphResult<()> {
    let mut out = Chunked::new(file, path);
    for (on, columns) in [("node", nodes), ("edge", edges)] {
        for (name, column) in columns {
            out.text
                .push_str(&format!("# groggy: {on} {name}={}\n", column.kind().name()));
        }
    }
    out.text.push_str("graph [\n");
    out.text.push_str(if graph.is_directed() {
        "  directed 1\n"
    } else {
        "  directed 0\n"
    });
    // Node positions: what `id` and an edge's `source` and `target` say.
    let mut position = vec![0u32; graph.topology().node_capacity()];
    for (i, n) in graph.node_indices().enumerate() {
        position[n as usize] = i as u32;
        out.text
            .push_str(&format!("  node [\n    id {i}\n    label "));
        match graph.node_key(n) {
            NodeKey::Int(k) => out.text.push_str(&k.to_string()),
            NodeKey::Str(s) => values::write_string(&mut out.text, s),
        }
        out.text.push('\n');
        write_attrs(&mut out.text, nodes, n as usize);
        out.text.push_str("  ]\n");
        out.flush_if_full()?;
    }
    for e in graph.edge_indices() {
        let (u, v) = graph.topology().endpoints(e);
        let (u, v) = (position[u as usize], position[v as usize]);
        out.text
            .push_str(&format!("  edge [\n    source {u}\n    target {v}\n"));
        write_attrs(&mut out.text, edges, e as usize);
        out.text.push_str("  ]\n");
        out.flush_if_full()?;
    }
    out.text.push_str("]\n");
    out.finish()
}

fn write_attrs(text: &mut String, columns: &[(&str, &Column)], i: usize) {
    for (name, column) in columns {
        let Some(value) = column.get(i) else { continue };
        debug_assert!(value != AttrValue::Null, "checked");
        text.push_str(&format!("    {name} "));
        values::write(text, &value);
        text.push('\n');
    }
}
