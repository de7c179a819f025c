//! Encoding a graph, and saving it so that the previous file survives any failure.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::core::{
    AttrTable, AttrValue, Column, ColumnValues, GraphCore, GraphError, GraphResult, NodeKey, Slot,
};

use super::format::*;
use crate::io::atomic::replace_file;

/// Writes the whole file: header, then each section with its length and CRC. A section is
/// encoded in memory before it is written (its length and CRC come first), so saving
/// needs at most the largest section in memory on top of the graph.
pub(super) fn write_graph(graph: &GraphCore, out: &mut impl Write) -> GraphResult<()> {
    let io = |e: io::Error| GraphError::Io(e.to_string());
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(&MAGIC);
    header.extend_from_slice(&VERSION.to_le_bytes());
    let flags = if graph.is_directed() {
        FLAG_DIRECTED
    } else {
        0
    };
    header.extend_from_slice(&flags.to_le_bytes());
    let crc = crc32(&header);
    header.extend_from_slice(&crc.to_le_bytes());
    out.write_all(&header).map_err(io)?;

    let nodes: Vec<u32> = graph.node_indices().collect();
    let edges: Vec<u32> = graph.edge_indices().collect();
    for tag in SECTIONS {
        let payload = match tag {
            TAG_NODES => encode_nodes(graph, &nodes),
            TAG_EDGES => encode_edges(graph, &nodes, &edges)?,
            TAG_NODE_ATTRS => encode_table(graph.node_attr_table(), &nodes)?,
            _ => encode_table(graph.edge_attr_table(), &edges)?,
        };
        let mut head = [0u8; SECTION_HEADER_LEN];
        head[..4].copy_from_slice(&tag);
        head[4..12].copy_from_slice(&(payload.len() as u64).to_le_bytes());
        head[12..].copy_from_slice(&crc32(&payload).to_le_bytes());
        out.write_all(&head).map_err(io)?;
        out.write_all(&payload).map_err(io)?;
    }
    Ok(())
}

fn put_u64(out: &mut Vec<u8>, x: u64) {
    out.extend_from_slice(&x.to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_u64(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

fn encode_nodes(graph: &GraphCore, nodes: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + nodes.len() * MIN_KEY_LEN);
    put_u64(&mut out, nodes.len() as u64);
    for &n in nodes {
        match graph.node_key(n) {
            NodeKey::Int(i) => {
                out.push(KEY_INT);
                out.extend_from_slice(&i.to_le_bytes());
            }
            NodeKey::Str(s) => {
                out.push(KEY_STR);
                put_bytes(&mut out, s.as_bytes());
            }
        }
    }
    out
}

fn encode_edges(graph: &GraphCore, nodes: &[u32], edges: &[u32]) -> GraphResult<Vec<u8>> {
    // Node index -> position among the live nodes (what the file stores).
    let mut position = vec![u32::MAX; graph.topology().node_capacity()];
    for (p, &n) in nodes.iter().enumerate() {
        position[n as usize] = p as u32;
    }
    let mut out = Vec::with_capacity(8 + edges.len() * EDGE_LEN);
    put_u64(&mut out, edges.len() as u64);
    for &e in edges {
        let (u, v) = graph.topology().endpoints(e);
        for end in [u, v] {
            match position.get(end as usize) {
                Some(&p) if p != u32::MAX => out.extend_from_slice(&p.to_le_bytes()),
                _ => {
                    return Err(GraphError::Io(format!(
                        "edge {e} ends at node index {end}, which is not live"
                    )))
                }
            }
        }
    }
    Ok(out)
}

fn encode_table(table: &AttrTable, entities: &[u32]) -> GraphResult<Vec<u8>> {
    let mut out = Vec::new();
    put_u64(&mut out, table.iter().count() as u64);
    for (name, column) in table.iter() {
        encode_column(&mut out, name, column, entities)?;
    }
    Ok(out)
}

fn encode_column(
    out: &mut Vec<u8>,
    name: &str,
    column: &Column,
    entities: &[u32],
) -> GraphResult<()> {
    put_bytes(out, name.as_bytes());
    out.push(kind_tag(column.kind()));
    out.extend(entities.iter().map(|&i| match column.slot(i as usize) {
        Slot::Absent => STATE_ABSENT,
        Slot::Null => STATE_NULL,
        Slot::Value => STATE_VALUE,
    }));
    let values = column.values();
    for &i in entities {
        if column.slot(i as usize) == Slot::Value {
            put_stored(out, values, i as usize).ok_or_else(|| {
                GraphError::Io(format!(
                    "column '{name}' has no stored value for entity {i} (internal error)"
                ))
            })?;
        }
    }
    Ok(())
}

/// Writes the value stored at `i` (without a kind tag unless the storage is mixed).
/// `None` when the storage has no value there.
fn put_stored(out: &mut Vec<u8>, values: &ColumnValues, i: usize) -> Option<()> {
    match values {
        ColumnValues::Empty => return None,
        ColumnValues::Bool(v) => out.push(u8::from(*v.get(i)?)),
        ColumnValues::Int8(v) => out.extend_from_slice(&v.get(i)?.to_le_bytes()),
        ColumnValues::Int16(v) => out.extend_from_slice(&v.get(i)?.to_le_bytes()),
        ColumnValues::Int32(v) => out.extend_from_slice(&v.get(i)?.to_le_bytes()),
        ColumnValues::Int64(v) => out.extend_from_slice(&v.get(i)?.to_le_bytes()),
        ColumnValues::Float32(v) => out.extend_from_slice(&v.get(i)?.to_bits().to_le_bytes()),
        ColumnValues::Float64(v) => out.extend_from_slice(&v.get(i)?.to_bits().to_le_bytes()),
        ColumnValues::Str(v) => put_bytes(out, v.get(i)?.as_bytes()),
        ColumnValues::Bytes(v) => put_bytes(out, v.get(i)?),
        ColumnValues::Mixed(v) => {
            let value = v.get(i)?;
            if *value == AttrValue::Null {
                return None; // a mixed column never stores Null under a value slot
            }
            out.push(kind_tag(value.kind()));
            put_value(out, value);
        }
    }
    Some(())
}

/// Writes the payload of one value (no kind tag).
fn put_value(out: &mut Vec<u8>, value: &AttrValue) {
    match value {
        AttrValue::Null => {}
        AttrValue::Bool(b) => out.push(u8::from(*b)),
        AttrValue::Int8(x) => out.extend_from_slice(&x.to_le_bytes()),
        AttrValue::Int16(x) => out.extend_from_slice(&x.to_le_bytes()),
        AttrValue::Int32(x) => out.extend_from_slice(&x.to_le_bytes()),
        AttrValue::Int64(x) => out.extend_from_slice(&x.to_le_bytes()),
        AttrValue::Float32(x) => out.extend_from_slice(&x.to_bits().to_le_bytes()),
        AttrValue::Float64(x) => out.extend_from_slice(&x.to_bits().to_le_bytes()),
        AttrValue::Str(s) => put_bytes(out, s.as_bytes()),
        AttrValue::Bytes(b) => put_bytes(out, b),
    }
}

// ----- saving ----------------------------------------------------------------------------

/// Saves through [`replace_file`]: the target is replaced only once the new file is
/// completely written and on disk. `write` fills the file (tests pass one that fails
/// midway).
pub(super) fn save_with(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&File>) -> GraphResult<()>,
) -> GraphResult<()> {
    let fail = |e: &dyn std::fmt::Display| {
        GraphError::Io(format!("cannot save '{}': {e}", path.display()))
    };
    replace_file(path, "save", |file| {
        let mut out = BufWriter::new(file);
        write(&mut out).map_err(|e| fail(&e))?;
        out.flush().map_err(|e| fail(&e))
    })
}
