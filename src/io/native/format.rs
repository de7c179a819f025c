//! The byte layout of the native file format, version 1. Every integer is little-endian.
//!
//! ```text
//! file    = header section{4}                       nothing may follow the last section
//! header  = magic[8] version:u32 flags:u32 crc:u32   20 bytes; crc = CRC-32 of the 16 before it
//!   magic   = 89 'G' 'R' 'O' 'G' 'G' 'Y' 0A
//!   version = 1
//!   flags   = bit 0: directed; every other bit 0
//! section = tag[4] len:u64 crc:u32 payload[len]     crc = CRC-32 of the payload
//!   the four sections, in this order:
//!   "NODE"  count:u64, then per live node in node order:
//!             key    = 0x00 i64 | 0x01 string        (int and string keys stay distinct)
//!   "EDGE"  count:u64, then per live edge in edge order:
//!             source:u32 target:u32                  positions in the NODE list, as added
//!   "NATR"  columns of the node attribute table, over the NODE list
//!   "EATR"  columns of the edge attribute table, over the EDGE list
//!
//! columns = count:u64 column{count}                  in creation order, empty columns included
//! column  = name:string storage:u8 state:u8{N} value{number of states = VALUE}
//!   N       = the number of nodes (NATR) or edges (EATR); not stored again
//!   storage = the column's storage kind (a KIND_* tag): what decides how later writes behave
//!             (KIND_NULL: nothing stored yet; KIND_MIXED: values of several kinds)
//!   state   = STATE_ABSENT (no such attribute) | STATE_NULL (set to Null) | STATE_VALUE
//!   value   = the payload of the storage kind, or for KIND_MIXED a kind tag then its payload
//! payload = Bool: u8 0|1, Int8..Int64: the integer, Float32: u32 bits, Float64: u64 bits
//!           (bit patterns kept exactly: NaN payloads, -0.0, subnormals),
//!           Str: string, Bytes: len:u64 bytes[len]
//! string  = len:u64 bytes[len]                       UTF-8, checked on load
//! ```
//!
//! Removed nodes and edges are simply not written; their indices were tombstones, and the
//! loaded graph numbers the live ones densely in the same order.

/// The first bytes of every native file. The leading non-ASCII byte keeps text tools from
/// taking it for text; the trailing newline catches line-ending conversion.
pub(crate) const MAGIC: [u8; 8] = *b"\x89GROGGY\n";

/// The format version this library writes, and the newest it reads.
pub(crate) const VERSION: u32 = 1;

/// `flags` bit: the graph is directed.
pub(crate) const FLAG_DIRECTED: u32 = 1;
/// Every flag bit version 1 defines.
pub(crate) const KNOWN_FLAGS: u32 = FLAG_DIRECTED;

/// Bytes of the header: magic, version, flags, CRC.
pub(crate) const HEADER_LEN: usize = 20;
/// Bytes of a section header: tag, length, CRC.
pub(crate) const SECTION_HEADER_LEN: usize = 16;

pub(crate) const TAG_NODES: [u8; 4] = *b"NODE";
pub(crate) const TAG_EDGES: [u8; 4] = *b"EDGE";
pub(crate) const TAG_NODE_ATTRS: [u8; 4] = *b"NATR";
pub(crate) const TAG_EDGE_ATTRS: [u8; 4] = *b"EATR";
/// The sections of a version 1 file, in file order.
pub(crate) const SECTIONS: [[u8; 4]; 4] = [TAG_NODES, TAG_EDGES, TAG_NODE_ATTRS, TAG_EDGE_ATTRS];

pub(crate) const KEY_INT: u8 = 0;
pub(crate) const KEY_STR: u8 = 1;

pub(crate) const STATE_ABSENT: u8 = 0;
pub(crate) const STATE_NULL: u8 = 1;
pub(crate) const STATE_VALUE: u8 = 2;

// Kind tags, fixed by the format (not derived from the order of `AttrKind`).
pub(crate) const KIND_NULL: u8 = 0;
pub(crate) const KIND_BOOL: u8 = 1;
pub(crate) const KIND_INT8: u8 = 2;
pub(crate) const KIND_INT16: u8 = 3;
pub(crate) const KIND_INT32: u8 = 4;
pub(crate) const KIND_INT64: u8 = 5;
pub(crate) const KIND_FLOAT32: u8 = 6;
pub(crate) const KIND_FLOAT64: u8 = 7;
pub(crate) const KIND_STR: u8 = 8;
pub(crate) const KIND_BYTES: u8 = 9;
pub(crate) const KIND_MIXED: u8 = 10;

/// Fewest bytes one encoded item can take, used to bound a count by the bytes left before
/// anything is allocated for it.
pub(crate) const MIN_KEY_LEN: usize = 1 + 8; // tag + i64, or tag + empty string
pub(crate) const EDGE_LEN: usize = 8; // two u32 positions
pub(crate) const MIN_COLUMN_LEN: usize = 8 + 1; // empty name + storage tag (states come on top)

use crate::core::AttrKind;

/// The format's tag of a kind.
pub fn kind_tag(kind: AttrKind) -> u8 {
    match kind {
        AttrKind::Null => KIND_NULL,
        AttrKind::Bool => KIND_BOOL,
        AttrKind::Int8 => KIND_INT8,
        AttrKind::Int16 => KIND_INT16,
        AttrKind::Int32 => KIND_INT32,
        AttrKind::Int64 => KIND_INT64,
        AttrKind::Float32 => KIND_FLOAT32,
        AttrKind::Float64 => KIND_FLOAT64,
        AttrKind::Str => KIND_STR,
        AttrKind::Bytes => KIND_BYTES,
        AttrKind::Mixed => KIND_MIXED,
    }
}

/// The kind of a format tag, `None` for a tag the format does not define.
pub fn tag_kind(tag: u8) -> Option<AttrKind> {
    Some(match tag {
        KIND_NULL => AttrKind::Null,
        KIND_BOOL => AttrKind::Bool,
        KIND_INT8 => AttrKind::Int8,
        KIND_INT16 => AttrKind::Int16,
        KIND_INT32 => AttrKind::Int32,
        KIND_INT64 => AttrKind::Int64,
        KIND_FLOAT32 => AttrKind::Float32,
        KIND_FLOAT64 => AttrKind::Float64,
        KIND_STR => AttrKind::Str,
        KIND_BYTES => AttrKind::Bytes,
        KIND_MIXED => AttrKind::Mixed,
        _ => return None,
    })
}

/// A section tag as text for messages (`'NODE'`, or its bytes escaped).
pub fn tag_name(tag: [u8; 4]) -> String {
    format!("'{}'", tag.escape_ascii())
}

/// CRC-32 (IEEE) of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}
