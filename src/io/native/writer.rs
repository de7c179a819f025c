//! Encoding a graph, and saving it so that the previous file survives any failure.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::core::{
    AttrTable, AttrValue, Column, ColumnValues, GraphCore, GraphError, GraphResult, NodeKey, Slot,
};

use super::format::*;

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

/// Saves through a temporary file in the target's folder, renamed over the target only
/// once it is completely written and on disk. `write` fills the temporary file (tests
/// pass one that fails midway).
pub(super) fn save_with(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&File>) -> GraphResult<()>,
) -> GraphResult<()> {
    let fail = |e: &dyn std::fmt::Display| {
        GraphError::Io(format!("cannot save '{}': {e}", path.display()))
    };
    let target = resolve_target(path);
    let (dir, name) = match (target.parent(), target.file_name()) {
        (Some(dir), Some(name)) => (dir, name),
        _ => return Err(fail(&"not a file name")),
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let (tmp_path, file) = create_temp(dir, name).map_err(|e| fail(&e))?;
    // The temporary file goes away on every error path below.
    let result = (|| {
        if let Ok(meta) = fs::metadata(&target) {
            // Keep the permissions of the file being replaced (best effort).
            let _ = file.set_permissions(meta.permissions());
        }
        let mut out = BufWriter::new(&file);
        write(&mut out).map_err(|e| fail(&e))?;
        out.flush().map_err(|e| fail(&e))?;
        drop(out);
        file.sync_all().map_err(|e| fail(&e))?;
        fs::rename(&tmp_path, &target).map_err(|e| fail(&e))
    })();
    drop(file);
    match result {
        Ok(()) => {
            sync_dir(dir);
            Ok(())
        }
        Err(e) => {
            let _ = fs::remove_file(&tmp_path);
            Err(e)
        }
    }
}

/// The file a save replaces: the target of a symlink (so the link stays a link).
fn resolve_target(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Creates a new, uniquely named hidden file next to the target.
fn create_temp(dir: &Path, name: &std::ffi::OsStr) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut last = None;
    for _ in 0..100 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(
            ".{}-{}-{nanos}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let tmp_path = dir.join(tmp_name);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp_path)
        {
            Ok(file) => return Ok((tmp_path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary file name")))
}

/// Makes the rename durable (best effort: not every platform can sync a folder).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}
