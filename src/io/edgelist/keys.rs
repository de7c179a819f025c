//! Where the keys of the lines go: ints, or strings laid end to end, each buffer grown by
//! fallible reservation so running out of memory is an error, not an abort.

use super::shown;
use crate::core::KeyRef;
use crate::io::text::parse_i64;
use crate::io::weights::room;

/// Why a key field cannot be a key.
pub(super) enum BadKey<'a> {
    Empty,
    NotInt(&'a [u8]),
    NotUtf8(&'a [u8]),
}

impl std::fmt::Display for BadKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BadKey::Empty => write!(f, "empty node key"),
            BadKey::NotInt(s) => write!(f, "node key {} is not a 64-bit integer", shown(s)),
            BadKey::NotUtf8(s) => write!(f, "node key {} is not valid UTF-8", shown(s)),
        }
    }
}

/// Where the keys of the edge lines (and of one-key node lines) go.
pub(super) trait Sink {
    /// Takes the keys of one edge, or neither of them.
    fn push<'a>(&mut self, u: &'a [u8], v: &'a [u8]) -> Result<(), BadKey<'a>>;
    /// Takes the key of a node line.
    fn push_node<'a>(&mut self, key: &'a [u8]) -> Result<(), BadKey<'a>>;
    /// Makes room for `push(u, v)` without an allocation that could abort; `Err` holds the
    /// bytes that could not be reserved.
    fn reserve(&mut self, u: &[u8], v: &[u8]) -> Result<(), usize>;
    /// Makes room for `push_node(key)`, likewise.
    fn reserve_node(&mut self, key: &[u8]) -> Result<(), usize>;
    /// Whether keys are read as strings.
    fn takes_strings(&self) -> bool;
}

#[derive(Default)]
pub(super) struct IntSink {
    pub(super) sources: Vec<i64>,
    pub(super) targets: Vec<i64>,
    pub(super) nodes: Vec<i64>,
}

#[inline]
fn int_key(s: &[u8]) -> Result<i64, BadKey<'_>> {
    match parse_i64(s) {
        Some(k) => Ok(k),
        None if s.is_empty() => Err(BadKey::Empty),
        None => Err(BadKey::NotInt(s)),
    }
}

impl Sink for IntSink {
    #[inline]
    fn push<'a>(&mut self, u: &'a [u8], v: &'a [u8]) -> Result<(), BadKey<'a>> {
        let (u, v) = (int_key(u)?, int_key(v)?);
        self.sources.push(u);
        self.targets.push(v);
        Ok(())
    }

    fn push_node<'a>(&mut self, key: &'a [u8]) -> Result<(), BadKey<'a>> {
        self.nodes.push(int_key(key)?);
        Ok(())
    }

    fn reserve(&mut self, _: &[u8], _: &[u8]) -> Result<(), usize> {
        room(&mut self.sources)?;
        room(&mut self.targets)
    }

    fn reserve_node(&mut self, _: &[u8]) -> Result<(), usize> {
        room(&mut self.nodes)
    }

    fn takes_strings(&self) -> bool {
        false
    }
}

/// String keys laid end to end: key `i` is `text[ends[i - 1]..ends[i]]`, sources at even
/// `i`, targets at odd `i`; the keys of node lines likewise in `node_text`.
#[derive(Default)]
pub(super) struct StrSink {
    text: String,
    ends: Vec<usize>,
    node_text: String,
    node_ends: Vec<usize>,
}

fn str_key(s: &[u8]) -> Result<&str, BadKey<'_>> {
    if s.is_empty() {
        return Err(BadKey::Empty);
    }
    std::str::from_utf8(s).map_err(|_| BadKey::NotUtf8(s))
}

impl Sink for StrSink {
    fn push<'a>(&mut self, u: &'a [u8], v: &'a [u8]) -> Result<(), BadKey<'a>> {
        let (u, v) = (str_key(u)?, str_key(v)?);
        for key in [u, v] {
            self.text.push_str(key);
            self.ends.push(self.text.len());
        }
        Ok(())
    }

    fn push_node<'a>(&mut self, key: &'a [u8]) -> Result<(), BadKey<'a>> {
        self.node_text.push_str(str_key(key)?);
        self.node_ends.push(self.node_text.len());
        Ok(())
    }

    fn reserve(&mut self, u: &[u8], v: &[u8]) -> Result<(), usize> {
        room_str(&mut self.text, u.len() + v.len())?;
        room(&mut self.ends)?;
        if self.ends.capacity() - self.ends.len() < 2 {
            self.ends
                .try_reserve(2)
                .map_err(|_| (self.ends.len() + 2) * size_of::<usize>())?;
        }
        Ok(())
    }

    fn reserve_node(&mut self, key: &[u8]) -> Result<(), usize> {
        room_str(&mut self.node_text, key.len())?;
        room(&mut self.node_ends)
    }

    fn takes_strings(&self) -> bool {
        true
    }
}

/// Keys laid end to end in `text`, each ending at the next of `ends`.
fn laid_out<'a>(text: &'a str, ends: &'a [usize]) -> impl Iterator<Item = KeyRef<'a>> + 'a {
    ends.iter().scan(0, move |start, &end| {
        let key = KeyRef::Str(&text[*start..end]);
        *start = end;
        Some(key)
    })
}

impl StrSink {
    pub(super) fn node_keys(&self) -> Result<Vec<KeyRef<'_>>, usize> {
        key_refs(
            self.node_ends.len(),
            laid_out(&self.node_text, &self.node_ends),
        )
    }

    /// The sources and the targets, reserved fallibly (`Err`: the bytes asked for).
    pub(super) fn keys(&self) -> Result<(Vec<KeyRef<'_>>, Vec<KeyRef<'_>>), usize> {
        let edges = self.ends.len() / 2;
        let mut sources = key_refs(edges, std::iter::empty())?;
        let mut targets = key_refs(edges, std::iter::empty())?;
        for (i, key) in laid_out(&self.text, &self.ends).enumerate() {
            match i % 2 {
                0 => sources.push(key),
                _ => targets.push(key),
            }
        }
        Ok((sources, targets))
    }
}

/// `len` keys into a vector reserved fallibly (`Err`: the bytes asked for).
pub(super) fn key_refs<'a>(
    len: usize,
    keys: impl Iterator<Item = KeyRef<'a>>,
) -> Result<Vec<KeyRef<'a>>, usize> {
    let mut out = Vec::new();
    out.try_reserve_exact(len)
        .map_err(|_| len.saturating_mul(size_of::<KeyRef<'_>>()))?;
    out.extend(keys);
    Ok(out)
}

/// `room` for the bytes of a `String`.
fn room_str(s: &mut String, extra: usize) -> Result<(), usize> {
    if s.capacity() - s.len() >= extra {
        return Ok(());
    }
    let more = extra.max(s.len()).max(1024);
    s.try_reserve_exact(more)
        .map_err(|_| s.len().saturating_add(more))
}
