//! Encoding a graph, and saving it so that the previous file survives any failure.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::core::{
    AttrTable, AttrValue, Column, ColumnValues, GraphCore, GraphError, GraphResult, IoFailure,
    NodeKey, Slot,
};

use super::format::*;
use crate::core::fallible::{filled, with_capacity};
use crate::io::atomic::replace_file;

/// What encoding a graph needs, gathered (and reserved fallibly) before any byte is
/// written: the live nodes and edges, each node's position, and every section's exact
/// length, so that no buffer grows while encoding (running out of memory is
/// `OutOfMemory`, not an abort).
pub(super) struct Plan {
    nodes: Vec<u32>,
    edges: Vec<u32>,
    /// Node index -> position among the live nodes (what the file stores).
    position: Vec<u32>,
    sizes: [usize; SECTIONS.len()],
}

impl Plan {
    pub(super) fn new(graph: &GraphCore) -> GraphResult<Plan> {
        let mut nodes = with_capacity(graph.node_count())?;
        nodes.extend(graph.node_indices());
        let mut edges = with_capacity(graph.edge_count())?;
        edges.extend(graph.edge_indices());
        let mut position = filled(graph.topology().node_capacity(), u32::MAX)?;
        for (p, &n) in nodes.iter().enumerate() {
            position[n as usize] = p as u32;
        }
        let mut plan = Plan {
            nodes,
            edges,
            position,
            sizes: [0; SECTIONS.len()],
        };
        for (i, tag) in SECTIONS.into_iter().enumerate() {
            let mut count = Count(0);
            plan.encode(graph, tag, &mut count)?;
            plan.sizes[i] = count.0;
        }
        Ok(plan)
    }

    /// The length of the whole file.
    pub(super) fn file_len(&self) -> usize {
        HEADER_LEN
            + self
                .sizes
                .iter()
                .map(|s| SECTION_HEADER_LEN + s)
                .sum::<usize>()
    }

    fn encode(&self, graph: &GraphCore, tag: [u8; 4], out: &mut impl Sink) -> GraphResult<()> {
        match tag {
            TAG_NODES => encode_nodes(out, graph, &self.nodes),
            TAG_EDGES => encode_edges(out, graph, &self.position, &self.edges)?,
            TAG_NODE_ATTRS => encode_table(out, graph.node_attr_table(), &self.nodes)?,
            _ => encode_table(out, graph.edge_attr_table(), &self.edges)?,
        }
        Ok(())
    }
}

/// Where encoded bytes go: a buffer, or a count of them (to size the buffer first).
trait Sink {
    fn put(&mut self, bytes: &[u8]);

    fn byte(&mut self, b: u8) {
        self.put(&[b]);
    }
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

struct Count(usize);

impl Sink for Count {
    fn put(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }
}

/// Writes the whole file: header, then each section with its length and CRC. A section is
/// encoded in memory (exactly its planned length) before it is written (its length and
/// CRC come first), so saving needs at most the largest section in memory on top of the
/// graph.
pub(super) fn write_graph(graph: &GraphCore, plan: &Plan, out: &mut impl Write) -> GraphResult<()> {
    let io = |e: io::Error| GraphError::Io(IoFailure::os(e.to_string(), &e));
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

    for (tag, size) in SECTIONS.into_iter().zip(plan.sizes) {
        let mut payload = with_capacity(size)?;
        plan.encode(graph, tag, &mut payload)?;
        debug_assert_eq!(payload.len(), size);
        let mut head = [0u8; SECTION_HEADER_LEN];
        head[..4].copy_from_slice(&tag);
        head[4..12].copy_from_slice(&(payload.len() as u64).to_le_bytes());
        head[12..].copy_from_slice(&crc32(&payload).to_le_bytes());
        out.write_all(&head).map_err(io)?;
        out.write_all(&payload).map_err(io)?;
    }
    Ok(())
}

fn put_u64(out: &mut impl Sink, x: u64) {
    out.put(&x.to_le_bytes());
}

fn put_bytes(out: &mut impl Sink, bytes: &[u8]) {
    put_u64(out, bytes.len() as u64);
    out.put(bytes);
}

fn encode_nodes(out: &mut impl Sink, graph: &GraphCore, nodes: &[u32]) {
    put_u64(out, nodes.len() as u64);
    for &n in nodes {
        match graph.node_key(n) {
            NodeKey::Int(i) => {
                out.byte(KEY_INT);
                out.put(&i.to_le_bytes());
            }
            NodeKey::Str(s) => {
                out.byte(KEY_STR);
                put_bytes(out, s.as_bytes());
            }
        }
    }
}

fn encode_edges(
    out: &mut impl Sink,
    graph: &GraphCore,
    position: &[u32],
    edges: &[u32],
) -> GraphResult<()> {
    put_u64(out, edges.len() as u64);
    for &e in edges {
        let (u, v) = graph.topology().endpoints(e);
        for end in [u, v] {
            match position.get(end as usize) {
                Some(&p) if p != u32::MAX => out.put(&p.to_le_bytes()),
                _ => {
                    return Err(GraphError::Io(
                        format!("edge {e} ends at node index {end}, which is not live").into(),
                    ))
                }
            }
        }
    }
    Ok(())
}

fn encode_table(out: &mut impl Sink, table: &AttrTable, entities: &[u32]) -> GraphResult<()> {
    put_u64(out, table.iter().count() as u64);
    for (name, column) in table.iter() {
        encode_column(out, name, column, entities)?;
    }
    Ok(())
}

fn encode_column(
    out: &mut impl Sink,
    name: &str,
    column: &Column,
    entities: &[u32],
) -> GraphResult<()> {
    put_bytes(out, name.as_bytes());
    out.byte(kind_tag(column.kind()));
    for &i in entities {
        out.byte(match column.slot(i as usize) {
            Slot::Absent => STATE_ABSENT,
            Slot::Null => STATE_NULL,
            Slot::Value => STATE_VALUE,
        });
    }
    let values = column.values();
    for &i in entities {
        if column.slot(i as usize) == Slot::Value {
            put_stored(out, values, i as usize).ok_or_else(|| {
                GraphError::Io(
                    format!("column '{name}' has no stored value for entity {i} (internal error)")
                        .into(),
                )
            })?;
        }
    }
    Ok(())
}

/// Writes the value stored at `i` (without a kind tag unless the storage is mixed).
/// `None` when the storage has no value there.
fn put_stored(out: &mut impl Sink, values: &ColumnValues, i: usize) -> Option<()> {
    match values {
        ColumnValues::Empty => return None,
        ColumnValues::Bool(v) => out.byte(u8::from(*v.get(i)?)),
        ColumnValues::Int8(v) => out.put(&v.get(i)?.to_le_bytes()),
        ColumnValues::Int16(v) => out.put(&v.get(i)?.to_le_bytes()),
        ColumnValues::Int32(v) => out.put(&v.get(i)?.to_le_bytes()),
        ColumnValues::Int64(v) => out.put(&v.get(i)?.to_le_bytes()),
        ColumnValues::Float32(v) => out.put(&v.get(i)?.to_bits().to_le_bytes()),
        ColumnValues::Float64(v) => out.put(&v.get(i)?.to_bits().to_le_bytes()),
        ColumnValues::Str(v) => put_bytes(out, v.get(i)?.as_bytes()),
        ColumnValues::Bytes(v) => put_bytes(out, v.get(i)?),
        ColumnValues::Mixed(v) => {
            let value = v.get(i)?;
            if *value == AttrValue::Null {
                return None; // a mixed column never stores Null under a value slot
            }
            out.byte(kind_tag(value.kind()));
            put_value(out, value);
        }
    }
    Some(())
}

/// Writes the payload of one value (no kind tag).
fn put_value(out: &mut impl Sink, value: &AttrValue) {
    match value {
        AttrValue::Null => {}
        AttrValue::Bool(b) => out.byte(u8::from(*b)),
        AttrValue::Int8(x) => out.put(&x.to_le_bytes()),
        AttrValue::Int16(x) => out.put(&x.to_le_bytes()),
        AttrValue::Int32(x) => out.put(&x.to_le_bytes()),
        AttrValue::Int64(x) => out.put(&x.to_le_bytes()),
        AttrValue::Float32(x) => out.put(&x.to_bits().to_le_bytes()),
        AttrValue::Float64(x) => out.put(&x.to_bits().to_le_bytes()),
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
    // The OS code of a failed write or flush goes on with the message.
    let fail = |e: &dyn std::fmt::Display, os_code: Option<i32>| {
        let message = format!("cannot save '{}': {e}", path.display());
        GraphError::Io(IoFailure::with_code(message, os_code))
    };
    replace_file(path, "save", |file| {
        let mut out = BufWriter::new(file);
        write(&mut out).map_err(|e| fail(&e, e.os_code()))?;
        out.flush().map_err(|e| fail(&e, e.raw_os_error()))
    })
}
