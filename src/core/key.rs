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

/// Keys print the way a Python user would write them: `42`, `'alice'`.
impl fmt::Display for KeyRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyRef::Int(i) => write!(f, "{i}"),
            KeyRef::Str(s) => write!(f, "'{s}'"),
        }
    }
}

impl fmt::Display for NodeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_key_ref().fmt(f)
    }
}
