//! Maps node keys to dense node indices and back.
//!
//! Int keys, the common case, take one of two paths. Small non-negative ints (most real
//! graphs number their nodes 0..n) index a direct table, `dense`, kept at least about half
//! full: 4 bytes a key and one memory access a lookup. Other ints live in a map of
//! `i64 -> u32`. String keys are stored once, in `keys`, and their table holds only the
//! 4-byte indices, hashing and comparing through `keys`.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashMap, HashTable};

use super::error::NoMemory;
use super::fallible::copied;
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

    /// A deep copy, or `Err` when the system refuses the memory (each string key is
    /// copied infallibly: it is small; the lists and tables are graph-sized).
    pub(crate) fn try_clone(&self) -> Result<KeyIndex, NoMemory> {
        let mut ints = HashMap::with_hasher(self.ints.hasher().clone());
        ints.try_reserve(self.ints.len())?;
        ints.extend(self.ints.iter().map(|(&k, &v)| (k, v)));
        let keys = copied(&self.keys)?;
        let mut strs = HashTable::new();
        let hasher = &self.hasher;
        strs.try_reserve(self.strs.len(), |&n: &u32| {
            str_hash_of(hasher, &keys[n as usize])
        })?;
        for &n in &self.strs {
            let hash = str_hash_of(hasher, &keys[n as usize]);
            strs.insert_unique(hash, n, |&m| str_hash_of(hasher, &keys[m as usize]));
        }
        Ok(KeyIndex {
            keys,
            dense: copied(&self.dense)?,
            ints,
            strs,
            hasher: self.hasher.clone(),
        })
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
        // Exactly: the length doubles already, and memory pools bound the growth by it.
        // When the memory cannot be had, the keys go to the map instead.
        if self
            .dense
            .try_reserve_exact(len - self.dense.len())
            .is_err()
        {
            return;
        }
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

    /// `insert_new`, or `Err` with nothing changed when the memory cannot be had.
    pub fn try_insert_new(&mut self, key: KeyRef<'_>) -> Result<u32, NoMemory> {
        self.keys.try_reserve(1)?;
        match key {
            KeyRef::Int(i) => {
                self.grow_dense(i, 1);
                if self.dense_slot(i).is_none() {
                    self.ints.try_reserve(1)?;
                }
            }
            KeyRef::Str(_) => {
                let (keys, hasher) = (&self.keys, &self.hasher);
                self.strs
                    .try_reserve(1, |&n| str_hash_of(hasher, &keys[n as usize]))?;
            }
        }
        Ok(self.insert_new(key))
    }

    /// The index of an int key, registering it if it is new, or `Err` with nothing
    /// changed when the memory cannot be had.
    pub fn try_get_or_insert_int(&mut self, key: i64) -> Result<(u32, bool), NoMemory> {
        if let Some(n) = self.get_int(key) {
            return Ok((n, false));
        }
        Ok((self.try_insert_new(KeyRef::Int(key))?, true))
    }

    /// Forgets the keys from index `len` on, which were just added (undoes the node adds
    /// of a batch that failed).
    pub fn truncate(&mut self, len: usize) {
        for index in (len..self.keys.len()).rev() {
            self.remove(index as u32);
        }
        self.keys.truncate(len);
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
        self.dense.capacity() * 4 + self.ints.allocation_size() + self.strs.allocation_size()
    }

    pub(crate) fn dense_capacity(&self) -> usize {
        self.dense.capacity()
    }

    /// Items, capacity and bytes allocated of the string-key table.
    pub(crate) fn str_table(&self) -> (usize, usize, usize) {
        (
            self.strs.len(),
            self.strs.capacity(),
            self.strs.allocation_size(),
        )
    }

    /// Items, capacity and bytes allocated of the map of int keys outside the table.
    pub(crate) fn int_table(&self) -> (usize, usize, usize) {
        (
            self.ints.len(),
            self.ints.capacity(),
            self.ints.allocation_size(),
        )
    }

    /// The length the direct table may reach when `new_keys` keys are added, the largest
    /// `max_key` (see `grow_dense`): it grows only for a key at or past its end and below
    /// `2 * (keys + coming) + 64`, to at most twice that key.
    pub(crate) fn dense_len_bound(&self, new_keys: usize, max_key: Option<usize>) -> usize {
        let len = self.dense.len();
        let allowed = self.dense_allowed(new_keys);
        match max_key {
            Some(k) if k >= len => (k + 1).max(2 * k).min(allowed).max(len),
            _ => len,
        }
    }

    /// Int keys below this may extend the direct table while `new_keys` keys are added.
    pub(crate) fn dense_allowed(&self, new_keys: usize) -> usize {
        (self.keys.len() + new_keys)
            .saturating_mul(2)
            .saturating_add(64)
    }

    /// Int keys at or past this go (or may go) to the map rather than the direct table.
    pub(crate) fn dense_threshold(&self) -> usize {
        self.dense.len().max(2 * (self.keys.len() + 1) + 64)
    }

    /// Number of indices allocated so far (the next index to be handed out).
    pub fn capacity(&self) -> usize {
        self.keys.len()
    }

    /// Makes room for `additional` more keys, of which `ints` are int keys (the int map
    /// is not reserved: most int keys go to the dense table, and the map grows as needed),
    /// or `Err` with nothing changed but spare capacity.
    pub fn try_reserve(&mut self, additional: usize, ints: usize) -> Result<(), NoMemory> {
        self.keys.try_reserve(additional)?;
        let strs = additional.saturating_sub(ints);
        if strs > 0 {
            let (keys, hasher) = (&self.keys, &self.hasher);
            self.strs
                .try_reserve(strs, |&n| str_hash_of(hasher, &keys[n as usize]))?;
        }
        Ok(())
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
        assert_eq!(idx.try_get_or_insert_int(7), Ok((2, true)));
        assert_eq!(idx.try_get_or_insert_int(7), Ok((2, false)));
        assert_eq!(idx.try_get_or_insert_int(-7), Ok((3, true)));
        assert_eq!(idx.get(KeyRef::Int(-7)), Some(3));
        idx.remove(b);
        assert_eq!(idx.get(KeyRef::Str("1")), None);
    }
}
