//! Maps node keys to dense node indices and back.
//!
//! Int keys, the common case, take one of two paths. Small non-negative ints (most real
//! graphs number their nodes 0..n) index a direct table, `dense`, kept at least about half
//! full: 4 bytes a key and one memory access a lookup. Other ints live in a map of
//! `i64 -> u32`. String keys are stored once, in `keys`, and their table holds only the
//! 4-byte indices, hashing and comparing through `keys`.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashMap, HashTable};

use super::key::{KeyRef, NodeKey};

#[derive(Clone, Default)]
pub struct KeyIndex {
    /// Key of every node index ever allocated (removed ones included, as tombstones).
    keys: Vec<NodeKey>,
    /// `dense[k]` is 1 + the index of the live int key `k`, or 0.
    dense: Vec<u32>,
    /// Live int keys outside `dense`.
    ints: HashMap<i64, u32>,
    /// Indices of the live string keys.
    strs: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl std::fmt::Debug for KeyIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyIndex")
            .field("dense", &self.dense.len())
            .field("ints", &self.ints.len())
            .field("strs", &self.strs.len())
            .finish()
    }
}

impl KeyIndex {
    fn str_hash(&self, s: &str) -> u64 {
        self.hasher.hash_one(s)
    }

    pub fn get(&self, key: KeyRef<'_>) -> Option<u32> {
        match key {
            KeyRef::Int(i) => self.get_int(i),
            KeyRef::Str(s) => self
                .strs
                .find(self.str_hash(s), |&n| {
                    self.keys[n as usize].as_key_ref() == key
                })
                .copied(),
        }
    }

    fn get_int(&self, key: i64) -> Option<u32> {
        match self.dense_slot(key) {
            Some(slot) => self.dense[slot].checked_sub(1),
            None => self.ints.get(&key).copied(),
        }
    }

    /// Where `key` lives in `dense`, when it is in range.
    fn dense_slot(&self, key: i64) -> Option<usize> {
        usize::try_from(key).ok().filter(|&k| k < self.dense.len())
    }

    /// Grows `dense` to cover `key` when that keeps the table about half full, counting
    /// `coming` keys about to be added; moves the int keys it newly covers out of `ints`.
    fn grow_dense(&mut self, key: i64, coming: usize) {
        let Ok(key) = usize::try_from(key) else {
            return;
        };
        let allowed = 2 * (self.keys.len() + coming) + 64;
        if key < self.dense.len() || key >= allowed {
            return;
        }
        let len = (key + 1).max(2 * self.dense.len()).min(allowed);
        self.dense.resize(len, 0);
        let dense = &mut self.dense;
        self.ints.retain(|&k, &mut n| match usize::try_from(k) {
            Ok(slot) if slot < len => {
                dense[slot] = n + 1;
                false
            }
            _ => true,
        });
    }

    /// Prepares for a batch of int keys up to `max_key`, `coming` of them at most.
    pub fn prepare_ints(&mut self, max_key: i64, coming: usize) {
        self.grow_dense(max_key, coming);
    }

    /// The index of an int key, registering it under the next index if it is new.
    /// The caller checked there is room for one more index.
    pub fn get_or_insert_int(&mut self, key: i64) -> (u32, bool) {
        if let Some(n) = self.get_int(key) {
            return (n, false);
        }
        (self.insert_new(KeyRef::Int(key)), true)
    }

    /// Registers a new key under the next index. The caller checked it is not present.
    pub fn insert_new(&mut self, key: KeyRef<'_>) -> u32 {
        let index = self.keys.len() as u32;
        match key {
            KeyRef::Int(i) => {
                self.grow_dense(i, 1);
                match self.dense_slot(i) {
                    Some(slot) => self.dense[slot] = index + 1,
                    None => {
                        self.ints.insert(i, index);
                    }
                }
            }
            KeyRef::Str(s) => {
                let hash = self.str_hash(s);
                let (keys, hasher) = (&self.keys, &self.hasher);
                self.strs
                    .insert_unique(hash, index, |&n| str_hash_of(hasher, &keys[n as usize]));
            }
        }
        self.keys.push(key.to_owned_key());
        index
    }

    /// Forgets a live key; its index stays allocated as a tombstone.
    pub fn remove(&mut self, index: u32) {
        match &self.keys[index as usize] {
            &NodeKey::Int(i) => match self.dense_slot(i) {
                Some(slot) => self.dense[slot] = 0,
                None => {
                    self.ints.remove(&i);
                }
            },
            NodeKey::Str(s) => {
                let hash = self.str_hash(s);
                if let Ok(entry) = self.strs.find_entry(hash, |&n| n == index) {
                    entry.remove();
                }
            }
        }
    }

    /// The key of a node index (live or removed).
    pub fn key(&self, index: u32) -> &NodeKey {
        &self.keys[index as usize]
    }

    pub(crate) fn keys_capacity(&self) -> usize {
        self.keys.capacity()
    }

    /// Bytes of text held by string keys.
    pub(crate) fn string_bytes(&self) -> usize {
        self.keys
            .iter()
            .map(|k| match k {
                NodeKey::Str(s) => s.len(),
                NodeKey::Int(_) => 0,
            })
            .sum()
    }

    /// Bytes of the lookup tables (control bytes included).
    pub(crate) fn table_bytes(&self) -> usize {
        self.dense.capacity() * 4
            + self.ints.capacity() * (std::mem::size_of::<(i64, u32)>() + 1)
            + self.strs.capacity() * (std::mem::size_of::<u32>() + 1)
    }

    /// Number of indices allocated so far (the next index to be handed out).
    pub fn capacity(&self) -> usize {
        self.keys.len()
    }

    /// Makes room for `additional` more keys, of which `ints` are int keys. (The int map
    /// is not reserved: most int keys go to the dense table, and the map grows as needed.)
    pub fn reserve(&mut self, additional: usize, ints: usize) {
        self.keys.reserve(additional);
        let strs = additional.saturating_sub(ints);
        if strs > 0 {
            let (keys, hasher) = (&self.keys, &self.hasher);
            self.strs
                .reserve(strs, |&n| str_hash_of(hasher, &keys[n as usize]));
        }
    }
}

#[cfg(test)]
mod dense_tests {
    use super::*;

    #[test]
    fn far_keys_use_the_map_and_move_to_the_table_when_it_grows() {
        let mut idx = KeyIndex::default();
        let far = idx.insert_new(KeyRef::Int(1000));
        assert!(idx.dense.len() < 1000);
        for k in 0..600 {
            idx.insert_new(KeyRef::Int(k));
        }
        assert!(idx.dense.len() > 1000, "the table grew past 1000");
        assert!(idx.ints.is_empty(), "1000 moved into the table");
        assert_eq!(idx.get(KeyRef::Int(1000)), Some(far));
        idx.remove(far);
        assert_eq!(idx.get(KeyRef::Int(1000)), None);
        assert_eq!(idx.get(KeyRef::Int(i64::MAX)), None);
        assert_eq!(idx.get(KeyRef::Int(599)), Some(600));
    }
}

fn str_hash_of(hasher: &DefaultHashBuilder, key: &NodeKey) -> u64 {
    match key {
        NodeKey::Str(s) => hasher.hash_one(&**s),
        NodeKey::Int(_) => unreachable!("only string keys are in the string table"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_and_string_keys_are_distinct() {
        let mut idx = KeyIndex::default();
        let a = idx.insert_new(KeyRef::Int(1));
        let b = idx.insert_new(KeyRef::Str("1"));
        assert_ne!(a, b);
        assert_eq!(idx.get(KeyRef::Int(1)), Some(a));
        assert_eq!(idx.get(KeyRef::Str("1")), Some(b));
        idx.remove(a);
        assert_eq!(idx.get(KeyRef::Int(1)), None);
        assert_eq!(idx.key(a), &NodeKey::Int(1));
        assert_eq!(idx.get_or_insert_int(7), (2, true));
        assert_eq!(idx.get_or_insert_int(7), (2, false));
        assert_eq!(idx.get_or_insert_int(-7), (3, true));
        assert_eq!(idx.get(KeyRef::Int(-7)), Some(3));
        idx.remove(b);
        assert_eq!(idx.get(KeyRef::Str("1")), None);
    }
}
