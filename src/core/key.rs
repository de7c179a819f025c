//! Node keys: a signed 64-bit integer or a UTF-8 string. `1` and `"1"` are different keys.

use std::fmt;
use std::hash::{Hash, Hasher};

/// An owned node key, as the graph stores it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeKey {
    Int(i64),
    Str(Box<str>),
}

/// A borrowed node key, used for lookups so that a query never allocates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyRef<'a> {
    Int(i64),
    Str(&'a str),
}

impl NodeKey {
    pub fn as_key_ref(&self) -> KeyRef<'_> {
        match self {
            NodeKey::Int(i) => KeyRef::Int(*i),
            NodeKey::Str(s) => KeyRef::Str(s),
        }
    }
}

impl KeyRef<'_> {
    pub fn to_owned_key(self) -> NodeKey {
        match self {
            KeyRef::Int(i) => NodeKey::Int(i),
            KeyRef::Str(s) => NodeKey::Str(s.into()),
        }
    }
}

// Owned and borrowed keys must hash identically: the key index hashes borrowed keys on
// lookup and owned keys on rehash.
impl Hash for KeyRef<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            KeyRef::Int(i) => {
                state.write_u8(0);
                state.write_i64(*i);
            }
            KeyRef::Str(s) => {
                state.write_u8(1);
                state.write(s.as_bytes());
                state.write_u8(0xff);
            }
        }
    }
}

impl Hash for NodeKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_key_ref().hash(state)
    }
}

impl From<i64> for KeyRef<'_> {
    fn from(value: i64) -> Self {
        KeyRef::Int(value)
    }
}

impl<'a> From<&'a str> for KeyRef<'a> {
    fn from(value: &'a str) -> Self {
        KeyRef::Str(value)
    }
}

impl<'a> From<&'a NodeKey> for KeyRef<'a> {
    fn from(value: &'a NodeKey) -> Self {
        value.as_key_ref()
    }
}

impl From<i64> for NodeKey {
    fn from(value: i64) -> Self {
        NodeKey::Int(value)
    }
}

impl From<&str> for NodeKey {
    fn from(value: &str) -> Self {
        NodeKey::Str(value.into())
    }
}

/// Keys print the way Python's `repr` shows them: `42`, `'alice'`, `"it's"`, `'a\\nb'`.
impl fmt::Display for KeyRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyRef::Int(i) => write!(f, "{i}"),
            KeyRef::Str(s) => write_python_repr(f, s),
        }
    }
}

/// Writes a string as Python's `repr` would: single quotes unless the text holds a single
/// quote and no double quote; backslashes, the quote and control characters escaped.
fn write_python_repr(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    write!(f, "{quote}")?;
    for c in s.chars() {
        match c {
            '\\' => write!(f, "\\\\")?,
            '\n' => write!(f, "\\n")?,
            '\r' => write!(f, "\\r")?,
            '\t' => write!(f, "\\t")?,
            c if c == quote => write!(f, "\\{c}")?,
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                write!(f, "\\x{:02x}", c as u32)?
            }
            c => write!(f, "{c}")?,
        }
    }
    write!(f, "{quote}")
}

impl fmt::Display for NodeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_key_ref().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_display_like_python_repr() {
        let shown = |s: &str| KeyRef::Str(s).to_string();
        assert_eq!(KeyRef::Int(-3).to_string(), "-3");
        assert_eq!(shown("alice"), "'alice'");
        assert_eq!(shown("it's"), "\"it's\"");
        assert_eq!(shown("both ' and \""), "'both \\' and \"'");
        assert_eq!(shown("a\nb\\c\0"), "'a\\nb\\\\c\\x00'");
        assert_eq!(shown("é"), "'é'");
    }
}
