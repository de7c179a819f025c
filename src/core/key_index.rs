//! Maps node keys to dense node indices and back.
//!
//! The keys live once, in `keys` (indexed by node index); the hash table stores only the
//! 4-byte indices and hashes through `keys`, so a million nodes cost no second copy of
//! their keys.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use super::key::{KeyRef, NodeKey};

#[derive(Clone, Default)]
pub struct KeyIndex {
    /// Key of every node index ever allocated (removed ones included, as tombstones).
    keys: Vec<NodeKey>,
    /// Indices of the live nodes.
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl std::fmt::Debug for KeyIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyIndex")
            .field("live", &self.table.len())
            .finish()
    }
}

impl KeyIndex {
    fn hash(&self, key: KeyRef<'_>) -> u64 {
        self.hasher.hash_one(key)
    }

    pub fn get(&self, key: KeyRef<'_>) -> Option<u32> {
        let hash = self.hash(key);
        self.table
            .find(hash, |&i| self.keys[i as usize].as_key_ref() == key)
            .copied()
    }

    /// Registers a new key under the next index. The caller checked it is not present.
    pub fn insert_new(&mut self, key: KeyRef<'_>) -> u32 {
        let index = self.keys.len() as u32;
        let hash = self.hash(key);
        self.keys.push(key.to_owned_key());
        let (keys, hasher) = (&self.keys, &self.hasher);
        self.table.insert_unique(hash, index, |&i| {
            hasher.hash_one(keys[i as usize].as_key_ref())
        });
        index
    }

    /// Forgets a live key; its index stays allocated as a tombstone.
    pub fn remove(&mut self, index: u32) {
        let key = self.keys[index as usize].as_key_ref();
        let hash = self.hash(key);
        if let Ok(entry) = self.table.find_entry(hash, |&i| i == index) {
            entry.remove();
        }
    }

    /// The key of a node index (live or removed).
    pub fn key(&self, index: u32) -> &NodeKey {
        &self.keys[index as usize]
    }

    /// Number of indices allocated so far (the next index to be handed out).
    pub fn capacity(&self) -> usize {
        self.keys.len()
    }

    pub fn reserve(&mut self, additional: usize) {
        self.keys.reserve(additional);
        let (keys, hasher) = (&self.keys, &self.hasher);
        self.table.reserve(additional, |&i| {
            hasher.hash_one(keys[i as usize].as_key_ref())
        });
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
    }
}
