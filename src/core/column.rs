//! One attribute column: a typed vector indexed by entity index, plus a slot state per entry
//! that tells an absent attribute from a null one. A column that receives a value of a
//! second kind turns into a `Mixed` column of `AttrValue`s, so nothing is ever lost.

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

/// The typed storage. Entries whose slot is not `Value` hold the type's default.
#[derive(Clone, Debug, Default)]
pub enum ColumnValues {
    /// No value of any kind stored yet: every entry is absent or null.
    #[default]
    Empty,
    Bool(Vec<bool>),
    Int8(Vec<i8>),
    Int16(Vec<i16>),
    Int32(Vec<i32>),
    Int64(Vec<i64>),
    Float32(Vec<f32>),
    Float64(Vec<f64>),
    Str(Vec<Box<str>>),
    Bytes(Vec<Box<[u8]>>),
    Mixed(Vec<AttrValue>),
}

// One macro lists the typed variants once; every per-variant match is generated from it.
macro_rules! typed_variants {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        impl ColumnValues {
            /// Typed storage of `len` default entries for a kind of value.
            fn for_kind(kind: AttrKind, len: usize) -> ColumnValues {
                match kind {
                    $(AttrKind::$variant => ColumnValues::$variant(vec![<$ty>::default(); len]),)*
                    AttrKind::Null => ColumnValues::Empty,
                    AttrKind::Mixed => ColumnValues::Mixed(vec![AttrValue::Null; len]),
                }
            }

            pub fn kind(&self) -> AttrKind {
                match self {
                    $(ColumnValues::$variant(_) => AttrKind::$variant,)*
                    ColumnValues::Empty => AttrKind::Null,
                    ColumnValues::Mixed(_) => AttrKind::Mixed,
                }
            }

            fn len(&self) -> usize {
                match self {
                    $(ColumnValues::$variant(v) => v.len(),)*
                    ColumnValues::Empty => 0,
                    ColumnValues::Mixed(v) => v.len(),
                }
            }

            fn resize(&mut self, len: usize) {
                match self {
                    $(ColumnValues::$variant(v) => v.resize(len, <$ty>::default()),)*
                    ColumnValues::Empty => {}
                    ColumnValues::Mixed(v) => v.resize(len, AttrValue::Null),
                }
            }

            /// The value stored at `i` (the caller knows the slot holds a value).
            pub(crate) fn value_at(&self, i: usize) -> AttrValue {
                match self {
                    $(ColumnValues::$variant(v) => AttrValue::$variant(v[i].clone()),)*
                    ColumnValues::Empty => AttrValue::Null,
                    ColumnValues::Mixed(v) => v[i].clone(),
                }
            }

            /// Stores `value` at `i` if it fits this storage; hands it back if it does not.
            fn store(&mut self, i: usize, value: AttrValue) -> Result<(), AttrValue> {
                match (self, value) {
                    $((ColumnValues::$variant(v), AttrValue::$variant(x)) => v[i] = x,)*
                    (ColumnValues::Mixed(v), x) => v[i] = x,
                    (_, x) => return Err(x),
                }
                Ok(())
            }

            /// Resets entry `i` to the default, releasing any heap memory it held.
            fn reset(&mut self, i: usize) {
                match self {
                    $(ColumnValues::$variant(v) => v[i] = <$ty>::default(),)*
                    ColumnValues::Empty => {}
                    ColumnValues::Mixed(v) => v[i] = AttrValue::Null,
                }
            }
        }
    };
}

typed_variants!(
    Bool(bool),
    Int8(i8),
    Int16(i16),
    Int32(i32),
    Int64(i64),
    Float32(f32),
    Float64(f64),
    Str(Box<str>),
    Bytes(Box<[u8]>),
);

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
