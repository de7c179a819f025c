//! The attribute columns of one entity kind (nodes or edges), by name, in creation order.

use hashbrown::HashMap;

use super::column::{Column, Slot};
use super::error::NoMemory;
use super::fallible::with_capacity;
use super::value::{AttrKind, AttrValue};
use super::write_floor::WriteFloor;

#[derive(Clone, Debug, Default)]
pub struct AttrTable {
    names: Vec<Box<str>>,
    by_name: HashMap<Box<str>, usize>,
    columns: Vec<Column>,
    /// The lowest entity any column was written at since a reader marked the table.
    written: WriteFloor,
}

impl AttrTable {
    pub fn new() -> AttrTable {
        AttrTable::default()
    }

    /// A deep copy, or `Err` when the system refuses the memory (the names are few and
    /// small; the columns are graph-sized).
    pub(crate) fn try_clone(&self) -> Result<AttrTable, NoMemory> {
        let mut columns = with_capacity(self.columns.len())?;
        for column in &self.columns {
            columns.push(column.try_clone()?);
        }
        Ok(AttrTable {
            names: self.names.clone(),
            by_name: self.by_name.clone(),
            columns,
            written: WriteFloor::default(),
        })
    }

    /// See `WriteFloor::mark`.
    pub(crate) fn mark_writes(&self) -> u64 {
        self.written.mark()
    }

    /// See `WriteFloor::unchanged_below`.
    pub(crate) fn unchanged_below(&self, mark: u64, bound: usize) -> bool {
        self.written.unchanged_below(mark, bound)
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.by_name.get(name).map(|&i| &self.columns[i])
    }

    /// The column `name`, created if missing, for a write at entities `lowest` and above
    /// (what the table's readers are told).
    pub(crate) fn column_mut_or_create(&mut self, name: &str, lowest: usize) -> &mut Column {
        self.written.wrote(lowest);
        let i = match self.by_name.get(name) {
            Some(&i) => i,
            None => {
                let i = self.columns.len();
                self.names.push(name.into());
                self.by_name.insert(name.into(), i);
                self.columns.push(Column::new());
                i
            }
        };
        &mut self.columns[i]
    }

    /// Reserves room in the columns `writes` names (creating the missing ones) for values
    /// of the given kinds written to entities below `len` by `Column::set_from_array`; on
    /// `Err` the table is as it was apart from spare capacity.
    pub(crate) fn try_reserve(
        &mut self,
        writes: &[(&str, AttrKind)],
        len: usize,
    ) -> Result<(), NoMemory> {
        let count = self.columns.len();
        for (name, kind) in writes {
            // Reserving writes no value: the lowest entity is past every one.
            if let Err(e) = self
                .column_mut_or_create(name, usize::MAX)
                .try_reserve(*kind, len)
            {
                self.forget_reservations(count);
                return Err(e);
            }
        }
        Ok(())
    }

    /// Removes the columns created from index `count` on and the unused storage made in
    /// the others (undoes `try_reserve`).
    fn forget_reservations(&mut self, count: usize) {
        for name in self.names.drain(count..) {
            self.by_name.remove(&name);
        }
        self.columns.truncate(count);
        for column in &mut self.columns {
            column.drop_unused_storage();
        }
    }

    pub fn set(&mut self, entity: usize, name: &str, value: AttrValue) {
        self.column_mut_or_create(name, entity).set(entity, value);
    }

    pub fn get(&self, entity: usize, name: &str) -> Option<AttrValue> {
        self.column(name).and_then(|c| c.get(entity))
    }

    /// Every attribute the entity has, in column order.
    pub fn entity_attrs(&self, entity: usize) -> Vec<(Box<str>, AttrValue)> {
        self.names
            .iter()
            .zip(&self.columns)
            .filter_map(|(name, col)| col.get(entity).map(|v| (name.clone(), v)))
            .collect()
    }

    /// Makes the attribute `name` of `entity` absent; false (and nothing changes) when the
    /// entity does not have it. The column stays, so its creation order is kept.
    pub fn unset(&mut self, entity: usize, name: &str) -> bool {
        match self.by_name.get(name) {
            Some(&i) if self.columns[i].slot(entity) != Slot::Absent => {
                self.written.wrote(entity);
                self.columns[i].unset(entity);
                true
            }
            _ => false,
        }
    }

    /// Removes every attribute of a removed entity.
    pub fn unset_entity(&mut self, entity: usize) {
        self.written.wrote(entity);
        for col in &mut self.columns {
            col.unset(entity);
        }
    }

    /// Names of the columns that at least one entity has, in creation order.
    pub fn names(&self) -> Vec<Box<str>> {
        self.names
            .iter()
            .zip(&self.columns)
            .filter(|(_, col)| col.present_count() > 0)
            .map(|(name, _)| name.clone())
            .collect()
    }

    pub(crate) fn column_count(&self) -> usize {
        self.columns.len()
    }

    pub(crate) fn names_capacity(&self) -> usize {
        self.names.capacity()
    }

    pub(crate) fn columns_capacity(&self) -> usize {
        self.columns.capacity()
    }

    pub(crate) fn index_capacity(&self) -> usize {
        self.by_name.capacity()
    }

    /// Bytes of the name index's table.
    pub(crate) fn index_allocation(&self) -> usize {
        self.by_name.allocation_size()
    }

    /// All columns, in creation order, with their names.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Column)> {
        self.names.iter().map(|n| &**n).zip(&self.columns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_list_only_columns_someone_has() {
        let mut t = AttrTable::new();
        t.set(0, "a", 1i64.into());
        t.set(1, "b", AttrValue::Null);
        assert_eq!(t.names(), vec!["a".into(), "b".into()] as Vec<Box<str>>);
        t.unset_entity(1);
        assert_eq!(t.names(), vec!["a".into()] as Vec<Box<str>>);
        assert_eq!(t.entity_attrs(0), vec![("a".into(), AttrValue::Int64(1))]);
    }

    #[test]
    fn unset_makes_one_attribute_absent_and_reports_a_missing_one() {
        let mut t = AttrTable::new();
        t.set(0, "a", 1i64.into());
        t.set(0, "b", AttrValue::Null);
        t.set(1, "a", 2i64.into());
        assert!(t.unset(0, "b")); // a Null attribute exists: removing it works
        assert!(!t.unset(0, "b"));
        assert!(!t.unset(0, "nope"));
        assert!(!t.unset(7, "a")); // beyond the column
        assert!(t.unset(0, "a"));
        assert_eq!(t.get(0, "a"), None);
        assert_eq!(t.get(1, "a"), Some(AttrValue::Int64(2)));
        assert_eq!(t.names(), vec!["a".into()] as Vec<Box<str>>);
        assert!(t.unset(1, "a"));
        assert!(t.names().is_empty());
    }
}
