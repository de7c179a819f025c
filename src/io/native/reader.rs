//! Decoding a native file, trusting nothing in it.
//!
//! Why a hostile or damaged file cannot make loading allocate without bound: the file is
//! read into memory only after its size is known (`F` bytes, read through `take(F)`, so
//! a file growing meanwhile changes nothing), and every allocation after that is backed by
//! bytes of the file that were already checked to be there:
//! - the framing checks each section's length against the bytes that remain before
//!   slicing (no copy is made: sections are borrowed slices of the buffer);
//! - every count (nodes, edges, columns) is checked before anything is reserved for it:
//!   `count * (fewest bytes one item takes)` must fit in the bytes left in its section,
//!   and every string or byte length must fit in them too;
//! - a column's entity count is not stored: it is the number of nodes (edges) already
//!   decoded, and its one state byte per entity must be present before any is applied.
//!
//! So each decoded item owns at most a small constant times the bytes that encode it (a
//! key or value of `k` input bytes takes at most `k` heap bytes plus a fixed-size slot; a
//! node or edge a few dozen bytes of graph structures; a column entry one slot byte plus at
//! most one 24-byte stored value per state byte), and loading needs at most a small
//! multiple of `F` in total. Nothing recurses, and no index or slice is taken without its
//! bound being checked first, so no input can panic the reader.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::core::fallible::{collected, with_capacity};
use crate::core::{
    AttrKind, AttrTable, AttrValue, GraphCore, GraphError, IoFailure, NoMemory, NodeKey,
};

use super::format::*;

/// What went wrong: the file (as the message the caller shows after the file's name), the
/// operating system failing to read it (the message, and the system's error code), or the
/// system refusing the memory a graph-sized buffer needs (the file may be fine).
#[derive(Debug)]
pub(super) enum Fail {
    Bad(String),
    Os(String, Option<i32>),
    NoMemory,
}

impl From<std::io::Error> for Fail {
    fn from(e: std::io::Error) -> Fail {
        Fail::Os(e.to_string(), e.raw_os_error())
    }
}

impl From<String> for Fail {
    fn from(message: String) -> Fail {
        Fail::Bad(message)
    }
}

impl From<&str> for Fail {
    fn from(message: &str) -> Fail {
        Fail::Bad(message.into())
    }
}

impl From<NoMemory> for Fail {
    fn from(_: NoMemory) -> Fail {
        Fail::NoMemory
    }
}

impl From<std::collections::TryReserveError> for Fail {
    fn from(_: std::collections::TryReserveError) -> Fail {
        Fail::NoMemory
    }
}

impl Fail {
    /// The engine's error for a load of `what` (the file's name, or a buffer).
    pub(super) fn into_error(self, what: &str) -> GraphError {
        match self {
            Fail::Bad(message) => GraphError::Io(format!("cannot load{what}: {message}").into()),
            Fail::Os(message, os_code) => GraphError::Io(IoFailure::with_code(
                format!("cannot load{what}: {message}"),
                os_code,
            )),
            Fail::NoMemory => GraphError::OutOfMemory(format!(
                "cannot load{what}: the system could not provide the memory it needs"
            )),
        }
    }
}

/// A failure of the graph's own rebuilding (`what`): running out of memory stays that.
fn rebuild(what: &str) -> impl Fn(GraphError) -> Fail + '_ {
    move |e| match e {
        GraphError::OutOfMemory(_) => Fail::NoMemory,
        e => Fail::Bad(format!("cannot rebuild the {what}: {e}")),
    }
}

/// Reads the whole file, after checking its size, and nothing more than that size.
pub(super) fn read_file(path: &Path) -> Result<Vec<u8>, Fail> {
    // Only regular files: opening a FIFO would wait for a writer, a device may never end.
    let kind = std::fs::metadata(path)?;
    if kind.is_dir() {
        // Checked before opening (which would succeed on a folder); reading it is what
        // fails with EISDIR, so that is the code clients see.
        return Err(Fail::Os(
            "is a directory, not a groggy file".into(),
            Some(libc::EISDIR),
        ));
    }
    if !kind.is_file() {
        return Err("not a regular file".into());
    }
    let mut file = File::open(path)?;
    let meta = file.metadata()?;
    let size = usize::try_from(meta.len()).map_err(|_| "file too large to load".to_string())?;
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(size)?; // OutOfMemory when the system refuses it
    file.by_ref().take(meta.len()).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Decodes a whole file: checks the header and the framing and checksum of every section
/// first, then rebuilds the graph.
pub(super) fn decode(bytes: &[u8]) -> Result<GraphCore, Fail> {
    let directed = check_header(bytes)?;
    let [nodes, edges, node_attrs, edge_attrs] = split_sections(&bytes[HEADER_LEN..])?;

    let mut graph = GraphCore::new(directed);
    let keys = decode_nodes(&mut Cursor::new(TAG_NODES, nodes))?;
    let refs = collected(keys.iter().map(NodeKey::as_key_ref))?;
    graph
        .add_nodes_with_columns(&refs, &[])
        .map_err(rebuild("nodes"))?;
    if graph.node_count() != keys.len() {
        return Err(corrupt(TAG_NODES, "a node key appears twice"));
    }

    let pairs = decode_edges(&mut Cursor::new(TAG_EDGES, edges), keys.len())?;
    let saved_edges = pairs.len();
    graph
        .add_edges_by_position(pairs)
        .map_err(rebuild("edges"))?;
    if graph.edge_count() != saved_edges {
        return Err(corrupt(TAG_EDGES, "an edge appears twice"));
    }
    drop(refs);

    let (node_count, edge_count) = (keys.len(), graph.edge_count());
    drop(keys);
    let (node_table, edge_table) = graph.attr_tables_mut();
    decode_table(
        &mut Cursor::new(TAG_NODE_ATTRS, node_attrs),
        node_table,
        node_count,
    )?;
    decode_table(
        &mut Cursor::new(TAG_EDGE_ATTRS, edge_attrs),
        edge_table,
        edge_count,
    )?;
    Ok(graph)
}

fn corrupt(tag: [u8; 4], what: &str) -> Fail {
    Fail::Bad(format!("corrupt section {}: {what}", tag_name(tag)))
}

fn le_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(b.try_into().ok()?))
}

fn le_u64(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes(b.try_into().ok()?))
}

/// Checks magic, version, CRC and flags; returns whether the graph is directed. The
/// version is read before the CRC is checked: a newer format may lay out the rest of its
/// header differently, and deserves the clearer message.
fn check_header(bytes: &[u8]) -> Result<bool, Fail> {
    if bytes.is_empty() {
        return Err("empty file, not a groggy file".into());
    }
    let magic = &bytes[..bytes.len().min(MAGIC.len())];
    if magic != &MAGIC[..magic.len()] {
        return Err("not a groggy file (wrong magic number)".into());
    }
    let truncated = || {
        format!(
            "truncated file: {} bytes, a header alone takes {HEADER_LEN}",
            bytes.len()
        )
    };
    let version = le_u32(bytes, MAGIC.len()).ok_or_else(truncated)?;
    if version > VERSION {
        return Err(Fail::Bad(format!(
            "format version {version} is newer than this library supports ({VERSION})"
        )));
    }
    if version == 0 {
        return Err("corrupt header: format version 0 does not exist".into());
    }
    let stored_crc = le_u32(bytes, HEADER_LEN - 4).ok_or_else(truncated)?;
    if crc32(&bytes[..HEADER_LEN - 4]) != stored_crc {
        return Err("corrupt header (checksum mismatch)".into());
    }
    let flags = le_u32(bytes, 12).ok_or_else(truncated)?;
    if flags & !KNOWN_FLAGS != 0 {
        return Err(Fail::Bad(format!(
            "corrupt header: unknown flags {flags:#x}"
        )));
    }
    Ok(flags & FLAG_DIRECTED != 0)
}

/// Splits the bytes after the header into the four sections, checking each one's tag,
/// length and CRC, and that nothing follows the last.
fn split_sections(mut rest: &[u8]) -> Result<[&[u8]; 4], Fail> {
    let mut sections: [&[u8]; 4] = [&[]; 4];
    for (slot, expected) in sections.iter_mut().zip(SECTIONS) {
        let name = tag_name(expected);
        if rest.is_empty() {
            return Err(Fail::Bad(format!(
                "truncated file: section {name} is missing"
            )));
        }
        let head = rest.get(..SECTION_HEADER_LEN).ok_or_else(|| {
            format!("truncated file: it ends inside the header of section {name}")
        })?;
        let tag: [u8; 4] = head[..4]
            .try_into()
            .map_err(|_| "unreachable".to_string())?;
        if tag != expected {
            return Err(Fail::Bad(format!(
                "corrupt file: expected section {name}, found {}",
                tag_name(tag)
            )));
        }
        let len = le_u64(head, 4).unwrap_or(u64::MAX);
        let stored_crc = le_u32(head, 12).unwrap_or(0);
        let body = &rest[SECTION_HEADER_LEN..];
        let payload = usize::try_from(len)
            .ok()
            .and_then(|len| body.get(..len))
            .ok_or_else(|| {
                format!(
                    "truncated file: section {name} claims {len} bytes, {} remain",
                    body.len()
                )
            })?;
        if crc32(payload) != stored_crc {
            return Err(Fail::Bad(format!(
                "corrupt section {name} (checksum mismatch)"
            )));
        }
        *slot = payload;
        rest = &body[payload.len()..];
    }
    if !rest.is_empty() {
        return Err(Fail::Bad(format!(
            "corrupt file: {} unexpected bytes after the last section",
            rest.len()
        )));
    }
    Ok(sections)
}

/// Reads one section's payload; every read checks the bytes are there first.
struct Cursor<'a> {
    tag: [u8; 4],
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(tag: [u8; 4], buf: &'a [u8]) -> Cursor<'a> {
        Cursor { tag, buf, pos: 0 }
    }

    fn fail(&self, what: &str) -> Fail {
        corrupt(self.tag, &format!("{what} (at byte {})", self.pos))
    }

    fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Fail> {
        if n > self.remaining() {
            return Err(self.fail(&format!(
                "needs {n} more bytes, {} remain",
                self.remaining()
            )));
        }
        let bytes = self
            .buf
            .get(self.pos..self.pos + n)
            .ok_or_else(|| self.fail("out of bounds"))?;
        self.pos += n;
        Ok(bytes)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Fail> {
        let bytes = self.take(N)?;
        bytes.try_into().map_err(|_| self.fail("out of bounds"))
    }

    fn u8(&mut self) -> Result<u8, Fail> {
        Ok(self.array::<1>()?[0])
    }

    fn u32(&mut self) -> Result<u32, Fail> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Result<u64, Fail> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    /// A count of items that take at least `min_item` bytes each, checked against the
    /// bytes left, so that reserving `count` items is backed by the input.
    fn count(&mut self, min_item: usize, what: &str) -> Result<usize, Fail> {
        let n = self.u64()?;
        let fits = usize::try_from(n).ok().filter(|&n| {
            n.checked_mul(min_item.max(1))
                .is_some_and(|b| b <= self.remaining())
        });
        fits.ok_or_else(|| {
            self.fail(&format!(
                "{n} {what} cannot fit in the {} bytes left",
                self.remaining()
            ))
        })
    }

    /// A length-prefixed run of bytes.
    fn bytes(&mut self) -> Result<&'a [u8], Fail> {
        let n = self.u64()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.remaining() => self.take(n),
            _ => Err(self.fail(&format!(
                "a length of {n} bytes exceeds the {} left",
                self.remaining()
            ))),
        }
    }

    fn string(&mut self) -> Result<&'a str, Fail> {
        let bytes = self.bytes()?;
        std::str::from_utf8(bytes).map_err(|_| self.fail("a string is not valid UTF-8"))
    }

    fn finish(&self) -> Result<(), Fail> {
        match self.remaining() {
            0 => Ok(()),
            n => Err(self.fail(&format!("{n} unexpected bytes at the end"))),
        }
    }
}

fn decode_nodes(c: &mut Cursor<'_>) -> Result<Vec<NodeKey>, Fail> {
    let n = c.count(MIN_KEY_LEN, "node keys")?;
    let mut keys = with_capacity(n)?;
    for _ in 0..n {
        keys.push(match c.u8()? {
            KEY_INT => NodeKey::Int(i64::from_le_bytes(c.array()?)),
            KEY_STR => NodeKey::Str(c.string()?.into()),
            tag => return Err(c.fail(&format!("unknown key tag {tag}"))),
        });
    }
    c.finish()?;
    Ok(keys)
}

/// The edges as pairs of node positions (checked against the `nodes` saved).
fn decode_edges(c: &mut Cursor<'_>, nodes: usize) -> Result<Vec<[u32; 2]>, Fail> {
    let m = c.count(EDGE_LEN, "edges")?;
    let mut pairs = with_capacity(m)?;
    for _ in 0..m {
        let mut pair = [0u32; 2];
        for end in &mut pair {
            let p = c.u32()?;
            if p as usize >= nodes {
                return Err(c.fail(&format!("edge end {p} is not one of {nodes} nodes")));
            }
            *end = p;
        }
        pairs.push(pair);
    }
    c.finish()?;
    Ok(pairs)
}

/// Rebuilds the columns of a table over `entities` nodes or edges, each exactly as saved:
/// same creation order, same storage kind, same absent/null/value state per entity.
fn decode_table(c: &mut Cursor<'_>, table: &mut AttrTable, entities: usize) -> Result<(), Fail> {
    let count = c.count(MIN_COLUMN_LEN.saturating_add(entities), "columns")?;
    for _ in 0..count {
        let name = c.string()?;
        if table.column(name).is_some() {
            return Err(c.fail(&format!("column '{name}' appears twice")));
        }
        let tag = c.u8()?;
        let storage =
            tag_kind(tag).ok_or_else(|| c.fail(&format!("unknown storage kind {tag}")))?;
        let states = c.take(entities)?;
        // The column's slots and storage for every entity, reserved before any is set
        // (the sets below then never grow it).
        table.try_reserve(&[(name, storage)], entities)?;
        let column = table.column_mut_or_create(name, 0); // every entity
                                                          // Give the column its storage kind first, through an entry set and unset again
                                                          // (entity 0; its real state is applied below): a typed column keeps its kind even
                                                          // with no value left, and a mixed one stays mixed whatever it holds.
        match storage {
            AttrKind::Null => {}
            AttrKind::Mixed => {
                column.set(0, AttrValue::Bool(false));
                column.set(0, AttrValue::Int8(0));
                column.unset(0);
            }
            kind => {
                column.set(0, default_value(kind));
                column.unset(0);
            }
        }
        for (i, &state) in states.iter().enumerate() {
            match state {
                STATE_ABSENT => {}
                STATE_NULL => column.set(i, AttrValue::Null),
                STATE_VALUE => {
                    let kind = match storage {
                        AttrKind::Null => {
                            return Err(c.fail(&format!("column '{name}' holds no values")))
                        }
                        AttrKind::Mixed => {
                            let tag = c.u8()?;
                            match tag_kind(tag) {
                                Some(AttrKind::Null | AttrKind::Mixed) | None => {
                                    return Err(c.fail(&format!("bad value kind {tag}")))
                                }
                                Some(kind) => kind,
                            }
                        }
                        kind => kind,
                    };
                    column.set(i, read_value(c, kind)?);
                }
                _ => return Err(c.fail(&format!("unknown entry state {state}"))),
            }
        }
    }
    c.finish()
}

/// A value of `kind` (not Null or Mixed) that a column may store.
fn default_value(kind: AttrKind) -> AttrValue {
    match kind {
        AttrKind::Bool => AttrValue::Bool(false),
        AttrKind::Int8 => AttrValue::Int8(0),
        AttrKind::Int16 => AttrValue::Int16(0),
        AttrKind::Int32 => AttrValue::Int32(0),
        AttrKind::Int64 => AttrValue::Int64(0),
        AttrKind::Float32 => AttrValue::Float32(0.0),
        AttrKind::Float64 => AttrValue::Float64(0.0),
        AttrKind::Str => AttrValue::Str("".into()),
        AttrKind::Bytes => AttrValue::Bytes(Box::new([])),
        AttrKind::Null | AttrKind::Mixed => AttrValue::Null,
    }
}

/// The payload of one value of `kind` (never Null or Mixed: the callers checked).
fn read_value(c: &mut Cursor<'_>, kind: AttrKind) -> Result<AttrValue, Fail> {
    Ok(match kind {
        AttrKind::Bool => match c.u8()? {
            0 => AttrValue::Bool(false),
            1 => AttrValue::Bool(true),
            b => return Err(c.fail(&format!("bad bool byte {b}"))),
        },
        AttrKind::Int8 => AttrValue::Int8(i8::from_le_bytes(c.array()?)),
        AttrKind::Int16 => AttrValue::Int16(i16::from_le_bytes(c.array()?)),
        AttrKind::Int32 => AttrValue::Int32(i32::from_le_bytes(c.array()?)),
        AttrKind::Int64 => AttrValue::Int64(i64::from_le_bytes(c.array()?)),
        AttrKind::Float32 => AttrValue::Float32(f32::from_bits(c.u32()?)),
        AttrKind::Float64 => AttrValue::Float64(f64::from_bits(c.u64()?)),
        AttrKind::Str => AttrValue::Str(c.string()?.into()),
        AttrKind::Bytes => AttrValue::Bytes(c.bytes()?.into()),
        AttrKind::Null | AttrKind::Mixed => return Err(c.fail("a value of no kind")),
    })
}
