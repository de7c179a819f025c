//! `KeyPositions`: where each key sits in a `KeyList`, for looking keys up in a result
//! (a PageRank score by node key) without turning the whole list into a host-language
//! dictionary. Built on demand, once per list.

use super::key::KeyRef;
use super::key_index::KeyIndex;
use super::key_list::KeyList;

#[derive(Debug, Default)]
pub struct KeyPositions {
    /// Each distinct key, numbered in order of first appearance.
    index: KeyIndex,
    /// The position in the list of each numbered key (its first appearance).
    positions: Vec<usize>,
}

impl KeyPositions {
    pub fn of(list: &KeyList) -> KeyPositions {
        let mut found = KeyPositions::default();
        for i in 0..list.len() {
            let key = list.get(i);
            if found.index.get(key).is_none() {
                found.index.insert_new(key);
                found.positions.push(i);
            }
        }
        found
    }

    /// The first position of `key` in the list.
    pub fn position(&self, key: KeyRef<'_>) -> Option<usize> {
        self.index
            .get(key)
            .map(|numbered| self.positions[numbered as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_position_of_each_key() {
        let mut list = KeyList::default();
        for key in [
            KeyRef::Int(7),
            KeyRef::Str("7"),
            KeyRef::Int(-3),
            KeyRef::Int(7),
        ] {
            list.push(key);
        }
        let found = KeyPositions::of(&list);
        assert_eq!(found.position(KeyRef::Int(7)), Some(0));
        assert_eq!(found.position(KeyRef::Str("7")), Some(1));
        assert_eq!(found.position(KeyRef::Int(-3)), Some(2));
        assert_eq!(found.position(KeyRef::Int(3)), None);
        assert_eq!(found.position(KeyRef::Str("x")), None);
        let mut large = KeyList::default();
        for k in 0..100_000 {
            large.push(KeyRef::Int(k * 3));
        }
        let found = KeyPositions::of(&large);
        assert_eq!(found.position(KeyRef::Int(299_997)), Some(99_999));
        assert_eq!(found.position(KeyRef::Int(1)), None);
    }
}
