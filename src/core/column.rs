//! One attribute column: a typed vector indexed by entity index, plus a slot state per entry
//! that tells an absent attribute from a null one. A column that receives a value of a
//! second kind turns into a `Mixed` column of `AttrValue`s, so nothing is ever lost.

use super::array::Array;
use super::column_values::ColumnValues;
use super::error::NoMemory;
use super::fallible::copied;
use super::value::{AttrKind, AttrValue};

/// What an entry of a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Never set (or unset by removal): the entity does not have this attribute.
    Absent,
    /// Set to Null: the attribute exists and holds nothing.
    Null,
    /// Holds a value in the typed storage.
    Value,
}

/// What a null entry of an array written to a column does to its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NullEntries {
    /// Sets the attribute to Null (as setting it to `None` does).
    SetNull,
    /// Leaves the attribute as it was: absent when the entity did not have it (as an add
    /// that does not name the attribute; an edge-list line without a weight).
    Skip,
}

/// An attribute column over the entities (nodes or edges) of one graph.
#[derive(Clone, Debug, Default)]
pub struct Column {
    slots: Vec<Slot>,
    values: ColumnValues,
    /// Entries whose slot is not `Absent`, so "does anyone have this attribute" is O(1).
    present: usize,
}

impl Column {
    pub fn new() -> Column {
        Column::default()
    }

    /// The column's kind: one value kind, `Mixed`, or `Null` when nothing but nulls was set.
    pub fn kind(&self) -> AttrKind {
        self.values.kind()
    }

    /// Entities that have this attribute (null included).
    pub fn present_count(&self) -> usize {
        self.present
    }

    pub fn slot(&self, i: usize) -> Slot {
        self.slots.get(i).copied().unwrap_or(Slot::Absent)
    }

    pub fn values(&self) -> &ColumnValues {
        &self.values
    }

    pub(crate) fn values_ref(&self) -> &ColumnValues {
        &self.values
    }

    pub(crate) fn slot_len(&self) -> usize {
        self.slots.len()
    }

    pub(crate) fn slot_capacity(&self) -> usize {
        self.slots.capacity()
    }

    /// The attribute of entity `i`: `None` when absent, `Some(Null)` when set to null.
    pub fn get(&self, i: usize) -> Option<AttrValue> {
        match self.slot(i) {
            Slot::Absent => None,
            Slot::Null => Some(AttrValue::Null),
            Slot::Value => Some(self.values.value_at(i)),
        }
    }

    pub fn set(&mut self, i: usize, value: AttrValue) {
        if i >= self.slots.len() {
            self.slots.resize(i + 1, Slot::Absent);
        }
        if self.slots[i] == Slot::Absent {
            self.present += 1;
        }
        if value == AttrValue::Null {
            if self.slots[i] == Slot::Value {
                self.values.reset(i);
            }
            self.slots[i] = Slot::Null;
            return;
        }
        if matches!(self.values, ColumnValues::Empty) {
            self.values = ColumnValues::for_kind(value.kind(), self.slots.len());
        } else if self.values.len() < self.slots.len() {
            self.values.resize(self.slots.len());
        }
        if let Err(value) = self.values.store(i, value) {
            self.make_mixed();
            self.values
                .store(i, value)
                .expect("a mixed column stores every kind");
        }
        self.slots[i] = Slot::Value;
    }

    /// A deep copy, or `Err` when the system refuses the memory.
    pub(crate) fn try_clone(&self) -> Result<Column, NoMemory> {
        Ok(Column {
            slots: copied(&self.slots)?,
            values: self.values.try_clone()?,
            present: self.present,
        })
    }

    /// Reserves room for `set_from_array` to write `kind` values to entities below `len`
    /// (making typed storage, still empty, for a column without any), or `Err` with the
    /// column as it was apart from spare capacity.
    pub(crate) fn try_reserve(&mut self, kind: AttrKind, len: usize) -> Result<(), NoMemory> {
        self.slots
            .try_reserve(len.saturating_sub(self.slots.len()))?;
        if matches!(kind, AttrKind::Null | AttrKind::Mixed) {
            return Ok(()); // written value by value
        }
        match &mut self.values {
            ColumnValues::Empty => {
                let mut typed = ColumnValues::for_kind(kind, 0);
                typed.try_reserve(len)?;
                self.values = typed;
            }
            values if values.kind() == kind => {
                values.try_reserve(len.saturating_sub(values.len()))?;
            }
            _ => {} // turns mixed, value by value
        }
        Ok(())
    }

    /// Drops typed storage that holds no entry yet (made by a `try_reserve` whose
    /// operation then failed), so the column is exactly as before.
    pub(crate) fn drop_unused_storage(&mut self) {
        if self.values.len() == 0 {
            self.values = ColumnValues::Empty;
        }
    }

    /// Makes entity `i` absent (used when the entity is removed).
    pub fn unset(&mut self, i: usize) {
        match self.slot(i) {
            Slot::Absent => {}
            Slot::Null => {
                self.slots[i] = Slot::Absent;
                self.present -= 1;
            }
            Slot::Value => {
                self.values.reset(i);
                self.slots[i] = Slot::Absent;
                self.present -= 1;
            }
        }
    }

    /// The values of `entities`, in that order, as an array (absent and null both null).
    pub fn gather(&self, entities: &[u32]) -> Array {
        let validity: Vec<bool> = entities
            .iter()
            .map(|&e| self.slot(e as usize) == Slot::Value)
            .collect();
        let values = self.values.gather(entities.iter().map(|&e| e as usize));
        Array::new(values, Some(validity)).expect("one validity entry per value")
    }

    /// Whether each of `entities` has the attribute (null included).
    pub fn presence(&self, entities: &[u32]) -> Vec<bool> {
        entities
            .iter()
            .map(|&e| self.slot(e as usize) != Slot::Absent)
            .collect()
    }

    /// Sets `self[targets[j]] = values[j]` for every `j` in order (nulls set Null), as that
    /// many `set` calls would, copying typed values directly when the kinds agree.
    pub fn set_from_array(&mut self, targets: &[u32], values: &Array) {
        self.write_array(targets, values, NullEntries::SetNull);
    }

    /// `set_from_array`, with what a null entry does chosen by `nulls`.
    pub fn write_array(&mut self, targets: &[u32], values: &Array, nulls: NullEntries) {
        debug_assert_eq!(targets.len(), values.len());
        let Some(&max) = targets.iter().max() else {
            return;
        };
        let skip = nulls == NullEntries::Skip;
        let kind = values.kind();
        let typed = !matches!(kind, AttrKind::Null | AttrKind::Mixed);
        if typed && matches!(self.values, ColumnValues::Empty) {
            self.values = ColumnValues::for_kind(kind, 0);
        }
        if !typed || self.kind() != kind {
            for (j, &t) in targets.iter().enumerate() {
                let value = values.get(j);
                if !(skip && value == AttrValue::Null) {
                    self.set(t as usize, value);
                }
            }
            return;
        }
        let len = self.slots.len().max(max as usize + 1);
        self.slots.resize(len, Slot::Absent);
        self.values.resize(len);
        self.values
            .scatter(targets, values.values(), |j| values.is_valid(j));
        // Slots follow the writes in order, so a later write of the same entity wins.
        for (j, &t) in targets.iter().enumerate() {
            let t = t as usize;
            let valid = values.is_valid(j);
            if skip && !valid {
                continue;
            }
            if self.slots[t] == Slot::Absent {
                self.present += 1;
            }
            self.slots[t] = if valid { Slot::Value } else { Slot::Null };
        }
        // Entities that ended null drop any value an earlier write left in the storage.
        if values.null_count() > 0 && !skip {
            for &t in targets {
                if self.slots[t as usize] == Slot::Null {
                    self.values.reset(t as usize);
                }
            }
        }
    }

    /// Writes the column's numbers into `out` (entities `0..out.len()`), leaving what is
    /// there where an entity lacks the attribute or holds Null. `Err` with the offending
    /// value's kind when a value is not a number (bools count as 0 and 1).
    pub fn numbers_into(&self, out: &mut [f64]) -> Result<(), AttrKind> {
        let held = |i: usize| self.slots.get(i) == Some(&Slot::Value);
        macro_rules! convert {
            ($values:expr) => {{
                for (i, x) in out.iter_mut().enumerate().take($values.len()) {
                    if held(i) {
                        *x = $values[i] as f64;
                    }
                }
            }};
        }
        match &self.values {
            ColumnValues::Empty => {}
            ColumnValues::Bool(v) => {
                for (i, x) in out.iter_mut().enumerate().take(v.len()) {
                    if held(i) {
                        *x = v[i] as u8 as f64;
                    }
                }
            }
            ColumnValues::Int8(v) => convert!(v),
            ColumnValues::Int16(v) => convert!(v),
            ColumnValues::Int32(v) => convert!(v),
            ColumnValues::Int64(v) => convert!(v),
            ColumnValues::Float32(v) => convert!(v),
            ColumnValues::Float64(v) => convert!(v),
            ColumnValues::Str(_) | ColumnValues::Bytes(_) => {
                if (0..self.slots.len()).any(held) {
                    return Err(self.kind());
                }
            }
            ColumnValues::Mixed(v) => {
                for (i, x) in out.iter_mut().enumerate().take(v.len()) {
                    if !held(i) {
                        continue;
                    }
                    *x = match &v[i] {
                        AttrValue::Bool(b) => *b as u8 as f64,
                        AttrValue::Int8(n) => *n as f64,
                        AttrValue::Int16(n) => *n as f64,
                        AttrValue::Int32(n) => *n as f64,
                        AttrValue::Int64(n) => *n as f64,
                        AttrValue::Float32(n) => *n as f64,
                        AttrValue::Float64(n) => *n,
                        other => return Err(other.kind()),
                    };
                }
            }
        }
        Ok(())
    }

    /// Turns typed storage into a column of `AttrValue`s, keeping every stored value.
    fn make_mixed(&mut self) {
        let len = self.slots.len();
        let mut mixed = vec![AttrValue::Null; len];
        for (i, slot) in self.slots.iter().enumerate() {
            if *slot == Slot::Value {
                mixed[i] = self.values.value_at(i);
            }
        }
        self.values = ColumnValues::Mixed(mixed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_set_copies_typed_values_and_later_duplicates_win() {
        let mut c = Column::new();
        c.set(0, AttrValue::Int64(1));
        let values = Array::from_values(vec![5i64.into(), AttrValue::Null, 7i64.into()]);
        c.set_from_array(&[3, 0, 3], &values);
        assert_eq!(c.get(3), Some(AttrValue::Int64(7)));
        assert_eq!(c.get(0), Some(AttrValue::Null));
        assert_eq!(c.present_count(), 2);
        assert_eq!(c.kind(), AttrKind::Int64);
        let again = Array::from_values(vec![1i64.into(), AttrValue::Null, 2i64.into()]);
        c.set_from_array(&[5, 5, 5], &again);
        assert_eq!(c.get(5), Some(AttrValue::Int64(2)));
        c.set_from_array(&[1], &Array::from_values(vec!["s".into()]));
        assert_eq!(c.kind(), AttrKind::Mixed);
        assert_eq!(c.get(3), Some(AttrValue::Int64(7)));
        let g = c.gather(&[3, 2, 1]);
        assert_eq!(g.get(0), AttrValue::Int64(7));
        assert_eq!(g.get(1), AttrValue::Null);
        assert_eq!(c.presence(&[0, 2]), vec![true, false]);
    }

    #[test]
    fn skipped_nulls_leave_the_entity_as_it_was() {
        for values in [
            Array::from_values(vec![5i64.into(), AttrValue::Null, AttrValue::Null]),
            // A second kind: written value by value.
            Array::from_values(vec!["s".into(), AttrValue::Null, AttrValue::Null]),
            Array::from_values(vec![AttrValue::Null; 3]),
        ] {
            let mut c = Column::new();
            c.set(0, AttrValue::Int64(1));
            c.set(1, AttrValue::Null);
            c.write_array(&[0, 1, 2], &values, NullEntries::Skip);
            let first = match values.get(0) {
                AttrValue::Null => AttrValue::Int64(1),
                v => v,
            };
            assert_eq!(c.get(0), Some(first));
            assert_eq!(c.get(1), Some(AttrValue::Null), "kept Null");
            assert_eq!(c.get(2), None, "still absent");
            assert_eq!(c.present_count(), 2);
        }
        // A later null of the same entity does not undo an earlier value.
        let mut c = Column::new();
        let values = Array::from_values(vec![2.5.into(), AttrValue::Null]);
        c.write_array(&[4, 4], &values, NullEntries::Skip);
        assert_eq!(c.get(4), Some(AttrValue::Float64(2.5)));
        assert_eq!(c.present_count(), 1);
    }

    #[test]
    fn absent_null_and_values_are_distinct() {
        let mut c = Column::new();
        assert_eq!(c.get(3), None);
        c.set(3, AttrValue::Null);
        assert_eq!(c.get(3), Some(AttrValue::Null));
        assert_eq!(c.kind(), AttrKind::Null);
        c.set(1, AttrValue::Int32(7));
        assert_eq!(c.kind(), AttrKind::Int32);
        assert_eq!(c.get(1), Some(AttrValue::Int32(7)));
        assert_eq!(c.get(3), Some(AttrValue::Null));
        assert_eq!(c.get(0), None);
        assert_eq!(c.present_count(), 2);
    }

    #[test]
    fn a_second_kind_makes_the_column_mixed_without_loss() {
        let mut c = Column::new();
        c.set(0, AttrValue::Float32(1.5));
        c.set(1, "x".into());
        assert_eq!(c.kind(), AttrKind::Mixed);
        assert_eq!(c.get(0), Some(AttrValue::Float32(1.5)));
        assert_eq!(c.get(1), Some(AttrValue::Str("x".into())));
    }

    #[test]
    fn unset_releases_the_entry() {
        let mut c = Column::new();
        c.set(0, AttrValue::Bytes(vec![1, 2].into()));
        c.unset(0);
        assert_eq!(c.get(0), None);
        assert_eq!(c.present_count(), 0);
        c.unset(10);
        assert_eq!(c.present_count(), 0);
    }
}
