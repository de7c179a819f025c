//! `ColumnValues`: the typed storage of a column or an array, one vector per kind of
//! value. Both `Column` (with slot states) and `Array` (with a validity mask) hold one, so
//! it sits below them and neither needs the other's module for it.

use super::error::NoMemory;
use super::fallible::copied;
use super::value::{AttrKind, AttrValue};

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
            pub(crate) fn for_kind(kind: AttrKind, len: usize) -> ColumnValues {
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

            pub(crate) fn len(&self) -> usize {
                match self {
                    $(ColumnValues::$variant(v) => v.len(),)*
                    ColumnValues::Empty => 0,
                    ColumnValues::Mixed(v) => v.len(),
                }
            }

            pub(crate) fn resize(&mut self, len: usize) {
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
            pub(super) fn store(&mut self, i: usize, value: AttrValue) -> Result<(), AttrValue> {
                match (self, value) {
                    $((ColumnValues::$variant(v), AttrValue::$variant(x)) => v[i] = x,)*
                    (ColumnValues::Mixed(v), x) => v[i] = x,
                    (_, x) => return Err(x),
                }
                Ok(())
            }

            /// A deep copy, or `Err` when the system refuses the memory (see `GraphCore::try_clone`).
            pub(crate) fn try_clone(&self) -> Result<ColumnValues, NoMemory> {
                Ok(match self {
                    $(ColumnValues::$variant(v) => ColumnValues::$variant(copied(v)?),)*
                    ColumnValues::Empty => ColumnValues::Empty,
                    ColumnValues::Mixed(v) => ColumnValues::Mixed(copied(v)?),
                })
            }

            /// Makes room for `additional` more entries, or `Err` with nothing changed.
            pub(crate) fn try_reserve(&mut self, additional: usize) -> Result<(), NoMemory> {
                match self {
                    $(ColumnValues::$variant(v) => v.try_reserve(additional)?,)*
                    ColumnValues::Empty => {}
                    ColumnValues::Mixed(v) => v.try_reserve(additional)?,
                }
                Ok(())
            }

            /// Resets entry `i` to the default, releasing any heap memory it held.
            pub(super) fn reset(&mut self, i: usize) {
                match self {
                    $(ColumnValues::$variant(v) => v[i] = <$ty>::default(),)*
                    ColumnValues::Empty => {}
                    ColumnValues::Mixed(v) => v[i] = AttrValue::Null,
                }
            }

            /// The entries at `indices`, in that order, as storage of the same kind.
            pub(crate) fn gather(&self, indices: impl Iterator<Item = usize>) -> ColumnValues {
                match self {
                    $(ColumnValues::$variant(v) => ColumnValues::$variant(
                        indices.map(|i| v.get(i).cloned().unwrap_or_default()).collect(),
                    ),)*
                    ColumnValues::Empty => ColumnValues::Empty,
                    ColumnValues::Mixed(v) => ColumnValues::Mixed(
                        indices.map(|i| v.get(i).cloned().unwrap_or_default()).collect(),
                    ),
                }
            }

            /// Copies `src[j]` to `self[targets[j]]` for every `j` where `keep(j)`, when both
            /// are storage of the same kind (else returns false and changes nothing). `self`
            /// must already be long enough.
            pub(crate) fn scatter(
                &mut self,
                targets: &[u32],
                src: &ColumnValues,
                keep: impl Fn(usize) -> bool,
            ) -> bool {
                match (self, src) {
                    $((ColumnValues::$variant(dst), ColumnValues::$variant(src)) => {
                        for (j, &t) in targets.iter().enumerate() {
                            if keep(j) {
                                dst[t as usize] = src[j].clone();
                            }
                        }
                    })*
                    (ColumnValues::Mixed(dst), ColumnValues::Mixed(src)) => {
                        for (j, &t) in targets.iter().enumerate() {
                            if keep(j) {
                                dst[t as usize] = src[j].clone();
                            }
                        }
                    }
                    _ => return false,
                }
                true
            }

            /// Moves the entries of `other` to the end of this storage when both are of one
            /// kind (`Empty` counts as no entries); hands `other` back when they are not.
            pub(crate) fn append(&mut self, other: ColumnValues) -> Result<(), ColumnValues> {
                match (self, other) {
                    $((ColumnValues::$variant(v), ColumnValues::$variant(mut x)) => v.append(&mut x),)*
                    (ColumnValues::Mixed(v), ColumnValues::Mixed(mut x)) => v.append(&mut x),
                    (ColumnValues::Empty, ColumnValues::Empty) => {}
                    (_, other) => return Err(other),
                }
                Ok(())
            }

            /// Typed storage holding `values` (all of `kind`, or `Null` where missing).
            pub(crate) fn from_values(kind: AttrKind, values: &[AttrValue]) -> ColumnValues {
                match kind {
                    $(AttrKind::$variant => ColumnValues::$variant(
                        values
                            .iter()
                            .map(|v| match v {
                                AttrValue::$variant(x) => x.clone(),
                                _ => <$ty>::default(),
                            })
                            .collect(),
                    ),)*
                    AttrKind::Null => ColumnValues::Empty,
                    AttrKind::Mixed => ColumnValues::Mixed(values.to_vec()),
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
