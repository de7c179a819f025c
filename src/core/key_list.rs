//! A compact, immutable list of node keys, laid out for export: one `i64` per key, and for
//! lists holding string keys a kind byte per key plus the concatenated UTF-8 bytes and
//! their offsets. Lists of int keys (the common case) carry nothing but the `i64`s.

use super::key::{KeyRef, NodeKey};

pub const KEY_KIND_INT: u8 = 0;
pub const KEY_KIND_STR: u8 = 1;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeyList {
    ints: Vec<i64>,
    /// Empty while every key is an int.
    kinds: Vec<u8>,
    str_data: Vec<u8>,
    /// `len + 1` offsets into `str_data` once a string key was pushed; empty before.
    str_offsets: Vec<usize>,
}

impl KeyList {
    pub fn with_capacity(n: usize) -> KeyList {
        KeyList {
            ints: Vec::with_capacity(n),
            ..KeyList::default()
        }
    }

    /// Room for `n` more int keys, or `Err` when the memory cannot be had.
    pub fn try_reserve(&mut self, n: usize) -> Result<(), std::collections::TryReserveError> {
        self.ints.try_reserve_exact(n)
    }

    /// The list of `keys`, of which there are `n`, its per-key buffers reserved fallibly
    /// (`Err` when the system refuses the memory; the string bytes of string keys still
    /// grow as they come).
    pub fn try_collect<'a>(
        keys: impl IntoIterator<Item = KeyRef<'a>>,
        n: usize,
    ) -> Result<KeyList, std::collections::TryReserveError> {
        let mut list = KeyList::default();
        list.ints.try_reserve_exact(n)?;
        for key in keys {
            if matches!(key, KeyRef::Str(_)) && list.all_int() {
                list.kinds.try_reserve_exact(n)?;
                list.str_offsets.try_reserve_exact(n + 1)?;
            }
            list.push(key);
        }
        Ok(list)
    }

    pub fn len(&self) -> usize {
        self.ints.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ints.is_empty()
    }

    pub fn all_int(&self) -> bool {
        self.kinds.is_empty()
    }

    pub fn push(&mut self, key: KeyRef<'_>) {
        match key {
            KeyRef::Int(i) => {
                self.ints.push(i);
                if !self.all_int() {
                    self.kinds.push(KEY_KIND_INT);
                    self.str_offsets.push(self.str_data.len());
                }
            }
            KeyRef::Str(s) => {
                if self.all_int() {
                    // First string key: give every earlier int key a kind and an empty span.
                    // (Into the buffers as they are: `try_collect` may have reserved them.)
                    self.kinds.resize(self.ints.len(), KEY_KIND_INT);
                    self.str_offsets.resize(self.ints.len() + 1, 0);
                }
                self.ints.push(0);
                self.kinds.push(KEY_KIND_STR);
                self.str_data.extend_from_slice(s.as_bytes());
                self.str_offsets.push(self.str_data.len());
            }
        }
    }

    pub fn get(&self, i: usize) -> KeyRef<'_> {
        if self.all_int() || self.kinds[i] == KEY_KIND_INT {
            return KeyRef::Int(self.ints[i]);
        }
        let bytes = &self.str_data[self.str_offsets[i]..self.str_offsets[i + 1]];
        // Only `push` writes `str_data`, always whole `&str`s.
        KeyRef::Str(std::str::from_utf8(bytes).expect("key bytes are UTF-8"))
    }

    /// The keys as owned keys, in order.
    pub fn to_node_keys(&self) -> Vec<NodeKey> {
        (0..self.len())
            .map(|i| self.get(i).to_owned_key())
            .collect()
    }

    pub fn ints(&self) -> &[i64] {
        &self.ints
    }

    pub fn kinds(&self) -> &[u8] {
        &self.kinds
    }

    pub fn str_data(&self) -> &[u8] {
        &self.str_data
    }

    pub fn str_offsets(&self) -> &[usize] {
        &self.str_offsets
    }
}

impl<'a> FromIterator<&'a NodeKey> for KeyList {
    fn from_iter<I: IntoIterator<Item = &'a NodeKey>>(iter: I) -> KeyList {
        let iter = iter.into_iter();
        let mut list = KeyList::with_capacity(iter.size_hint().0);
        for key in iter {
            list.push(key.as_key_ref());
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_keys_round_trip() {
        let keys = [NodeKey::Int(3), NodeKey::from("é"), NodeKey::Int(-1)];
        let list: KeyList = keys.iter().collect();
        assert!(!list.all_int());
        assert_eq!(list.str_offsets(), &[0, 0, 2, 2]);
        let back: Vec<NodeKey> = (0..list.len())
            .map(|i| list.get(i).to_owned_key())
            .collect();
        assert_eq!(back, keys);
        let reserved = KeyList::try_collect(keys.iter().map(NodeKey::as_key_ref), 3).unwrap();
        assert_eq!(reserved, list);
    }
}
