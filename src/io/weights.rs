//! The weight column of an edge list: the column type it reads into, how a weight is
//! parsed and written, and the values gathered while reading.
//!
//! A third field reads into a `Float64` column unless a line `# groggy: weight=KIND` before
//! the first edge line names another type (other readers skip it as a comment).
//! `write_edgelist` writes that line for every column type but `Float64`, so each reads
//! back to the same type and values:
//!
//! | column     | written as                          | mark line | reads back as      |
//! |------------|-------------------------------------|-----------|--------------------|
//! | float64    | shortest round-trip text (`0.1`, `1e300`, `-0.0`, `NaN`, `inf`) | none | float64, same value |
//! | float32    | shortest round-trip text of the f32 | `weight=float32` | float32, same value |
//! | int8..int64 | decimal                            | `weight=intN` | intN, same value  |
//! | bool       | `1` / `0`                           | `weight=bool` | bool              |
//! | mixed      | each value as above                 | none      | float64, same numbers; an int beyond ±2^53 (no exact float64) is refused |
//! | str, bytes | refused (`InvalidArgument`)         |           |                    |
//!
//! An edge without a weight, or with a Null one, gets a line without one, which reads back
//! as an edge without the attribute; NaN payloads are not kept (every NaN is written `NaN`).
//! While reading, the column marks a line without a weight as a null entry, which the
//! batch add skips (`NullEntries::Skip`): the edge is left without a weight.

use std::fmt::Write as _;

use super::text::parse_i64;
use crate::core::{Array, AttrKind, AttrValue, ColumnValues};

/// The start of the line naming the weight column's type.
pub(super) const WEIGHT_MARK: &[u8] = b"# groggy: weight=";

/// The types a weight mark may name.
const KINDS: [AttrKind; 7] = [
    AttrKind::Float64,
    AttrKind::Float32,
    AttrKind::Int8,
    AttrKind::Int16,
    AttrKind::Int32,
    AttrKind::Int64,
    AttrKind::Bool,
];

/// The weight type a mark names (`float32`, `int64`, ...).
pub(super) fn kind_named(name: &[u8]) -> Option<AttrKind> {
    KINDS
        .into_iter()
        .find(|kind| kind.name().as_bytes() == name)
}

/// The names a mark may give, for an error message.
pub(super) fn kind_names() -> String {
    KINDS.map(AttrKind::name).join(", ")
}

/// The largest magnitude up to which every int has an exact `f64`.
const EXACT_F64_INT: i64 = 1 << 53;

/// A parsed weight, held wide while reading (narrowed to the column type at the end).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Weight {
    Float(f64),
    Int(i64),
}

/// All the values, wide, of the column read.
enum Wide {
    Floats(Vec<f64>),
    Ints(Vec<i64>),
}

/// The weight column while reading: built only once some line has a weight.
pub(super) struct Weights {
    kind: AttrKind,
    /// Edge lines read.
    len: usize,
    /// `None` until the first weight.
    values: Option<Wide>,
    /// `None` while no edge since the first weight lacked one.
    validity: Option<Vec<bool>>,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            kind: AttrKind::Float64,
            len: 0,
            values: None,
            validity: None,
        }
    }
}

impl Weights {
    /// Edge lines read so far.
    pub(super) fn edges(&self) -> usize {
        self.len
    }

    /// Sets the column type (before the first edge line).
    pub(super) fn set_kind(&mut self, kind: AttrKind) {
        debug_assert_eq!(self.len, 0);
        self.kind = kind;
    }

    /// Parses a weight field into the column's type; the reason when it does not fit.
    pub(super) fn parse(&self, text: &[u8]) -> Result<Weight, &'static str> {
        let float = || std::str::from_utf8(text).ok();
        let int = |min: i64, max: i64| {
            parse_i64(text)
                .filter(|x| (min..=max).contains(x))
                .map(Weight::Int)
        };
        let parsed = match self.kind {
            AttrKind::Float32 => float()
                .and_then(|s| s.parse::<f32>().ok())
                .map(|x| Weight::Float(x.into())),
            AttrKind::Int8 => int(i8::MIN.into(), i8::MAX.into()),
            AttrKind::Int16 => int(i16::MIN.into(), i16::MAX.into()),
            AttrKind::Int32 => int(i32::MIN.into(), i32::MAX.into()),
            AttrKind::Int64 => int(i64::MIN, i64::MAX),
            AttrKind::Bool => int(0, 1),
            _ => float()
                .and_then(|s| s.parse::<f64>().ok())
                .map(Weight::Float),
        };
        parsed.ok_or(match self.kind {
            AttrKind::Float32 => "is not a float32 number",
            AttrKind::Int8 => "is not an int8 (-128..=127)",
            AttrKind::Int16 => "is not an int16",
            AttrKind::Int32 => "is not an int32",
            AttrKind::Int64 => "is not an int64",
            AttrKind::Bool => "is not a bool (0 or 1)",
            _ => "is not a number",
        })
    }

    /// Adds the weight of the next edge line (`None`: it has none). `Err` holds the bytes
    /// that could not be reserved.
    pub(super) fn push(&mut self, weight: Option<Weight>) -> Result<(), usize> {
        let len = self.len;
        if weight.is_some() && self.values.is_none() {
            // The first weight: the edges before it get placeholders, marked missing.
            self.values = Some(match self.kind {
                AttrKind::Float64 | AttrKind::Float32 => Wide::Floats(filled(len, 0.0)?),
                _ => Wide::Ints(filled(len, 0)?),
            });
            if len > 0 {
                self.validity = Some(filled(len, false)?);
            }
        }
        let Some(values) = &mut self.values else {
            self.len += 1;
            return Ok(());
        };
        // A parsed weight is always of its column's width (`parse` follows `kind`); a
        // missing one gets a placeholder.
        match values {
            Wide::Floats(v) => {
                room(v)?;
                v.push(match weight {
                    Some(Weight::Float(x)) => x,
                    _ => 0.0,
                });
            }
            Wide::Ints(v) => {
                room(v)?;
                v.push(match weight {
                    Some(Weight::Int(x)) => x,
                    _ => 0,
                });
            }
        }
        match (&mut self.validity, weight.is_some()) {
            (Some(valid), present) => {
                room(valid)?;
                valid.push(present);
            }
            (None, true) => {}
            (None, false) => {
                let mut valid = filled(len + 1, true)?;
                valid[len] = false;
                self.validity = Some(valid);
            }
        }
        self.len += 1;
        Ok(())
    }

    /// The column, in its type; `None` when no line had a weight. `Err`: bytes that could
    /// not be reserved for narrowing the values.
    pub(super) fn into_array(self) -> Result<Option<Array>, usize> {
        let Some(values) = self.values else {
            return Ok(None);
        };
        let values = match (values, self.kind) {
            (Wide::Floats(v), AttrKind::Float32) => {
                ColumnValues::Float32(narrow(&v, |&x| x as f32)?)
            }
            (Wide::Floats(v), _) => ColumnValues::Float64(v),
            (Wide::Ints(v), AttrKind::Int8) => ColumnValues::Int8(narrow(&v, |&x| x as i8)?),
            (Wide::Ints(v), AttrKind::Int16) => ColumnValues::Int16(narrow(&v, |&x| x as i16)?),
            (Wide::Ints(v), AttrKind::Int32) => ColumnValues::Int32(narrow(&v, |&x| x as i32)?),
            (Wide::Ints(v), AttrKind::Bool) => ColumnValues::Bool(narrow(&v, |&x| x != 0)?),
            (Wide::Ints(v), _) => ColumnValues::Int64(v),
        };
        Ok(Some(
            Array::new(values, self.validity).expect("one validity entry per value"),
        ))
    }
}

/// Room for one more item in `v`, doubling its capacity, reserved fallibly: a file too
/// large for memory is an error, not an abort. `Err` holds the bytes asked for.
pub(super) fn room<T>(v: &mut Vec<T>) -> Result<(), usize> {
    if v.len() < v.capacity() {
        return Ok(());
    }
    let more = v.len().max(1024);
    v.try_reserve_exact(more)
        .map_err(|_| v.len().saturating_add(more).saturating_mul(size_of::<T>()))
}

/// `len` copies of `value`, reserved fallibly (`Err`: the bytes asked for).
pub(super) fn filled<T: Clone>(len: usize, value: T) -> Result<Vec<T>, usize> {
    let mut v = Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| len.saturating_mul(size_of::<T>()))?;
    v.resize(len, value);
    Ok(v)
}

/// `f` of every item, into a vector reserved fallibly.
fn narrow<A, T>(v: &[A], f: impl Fn(&A) -> T) -> Result<Vec<T>, usize> {
    let mut out = Vec::new();
    out.try_reserve_exact(v.len())
        .map_err(|_| v.len().saturating_mul(size_of::<T>()))?;
    out.extend(v.iter().map(f));
    Ok(out)
}

// ----- writing ---------------------------------------------------------------------------

/// The mark line (without its line break) that makes a column of `kind` read back as
/// `kind`, if it needs one (a float64 or mixed column reads back as float64 without one;
/// a str or bytes column can be written only when every weight in it is null).
pub(super) fn mark_for(kind: AttrKind) -> Option<String> {
    match kind {
        AttrKind::Float32
        | AttrKind::Int8
        | AttrKind::Int16
        | AttrKind::Int32
        | AttrKind::Int64
        | AttrKind::Bool => {
            let mark = std::str::from_utf8(WEIGHT_MARK).expect("ASCII");
            Some(format!("{mark}{}", kind.name()))
        }
        _ => None,
    }
}

/// Appends `<delimiter>weight` for a numeric weight, nothing for a null one; why not for
/// any other value.
pub(super) fn write_weight(
    line: &mut String,
    delimiter: char,
    weight: &AttrValue,
) -> Result<(), String> {
    let written = match weight {
        // `{:?}` is the shortest text that parses back to the same float (of the same
        // width), with an exponent for very large and small magnitudes.
        AttrValue::Float64(x) => write!(line, "{delimiter}{x:?}"),
        AttrValue::Float32(x) => write!(line, "{delimiter}{x:?}"),
        AttrValue::Int8(x) => write!(line, "{delimiter}{x}"),
        AttrValue::Int16(x) => write!(line, "{delimiter}{x}"),
        AttrValue::Int32(x) => write!(line, "{delimiter}{x}"),
        AttrValue::Int64(x) => write!(line, "{delimiter}{x}"),
        AttrValue::Bool(x) => write!(line, "{delimiter}{}", u8::from(*x)),
        AttrValue::Null => Ok(()),
        other => return Err(format!("a {} weight", other.kind().name())),
    };
    written.expect("a String takes any text");
    Ok(())
}

/// For a mixed column (read back as float64): why `weight` would not read back as the
/// same number, if it would not.
pub(super) fn check_mixed(weight: &AttrValue) -> Result<(), String> {
    match weight {
        AttrValue::Int64(x) if !(-EXACT_F64_INT..=EXACT_F64_INT).contains(x) => Err(format!(
            "the weight {x} in a column of mixed kinds, which reads back as float64, where \
             {x} has no exact value"
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(kind: AttrKind, fields: &[Option<&str>]) -> Option<Array> {
        let mut w = Weights::default();
        w.set_kind(kind);
        for f in fields {
            let parsed = f.map(|t| w.parse(t.as_bytes()).unwrap());
            w.push(parsed).unwrap();
        }
        w.into_array().unwrap()
    }

    #[test]
    fn marks_name_the_column_types() {
        assert_eq!(kind_named(b"float32"), Some(AttrKind::Float32));
        assert_eq!(kind_named(b"int8"), Some(AttrKind::Int8));
        assert_eq!(kind_named(b"bool"), Some(AttrKind::Bool));
        assert_eq!(kind_named(b"str"), None);
        assert_eq!(kind_named(b"mixed"), None);
        assert_eq!(mark_for(AttrKind::Float64), None);
        assert_eq!(mark_for(AttrKind::Mixed), None);
        assert_eq!(mark_for(AttrKind::Str), None);
        assert_eq!(
            mark_for(AttrKind::Int16),
            Some("# groggy: weight=int16".into())
        );
    }

    #[test]
    fn weights_parse_into_the_marked_type_or_say_why_not() {
        let parse = |kind, text: &str| {
            let mut w = Weights::default();
            w.set_kind(kind);
            w.parse(text.as_bytes())
        };
        assert_eq!(
            parse(AttrKind::Float32, "0.1"),
            Ok(Weight::Float(0.1f32.into()))
        );
        assert_eq!(
            parse(AttrKind::Int64, "1152921504606846977"),
            Ok(Weight::Int((1 << 60) + 1))
        );
        assert_eq!(parse(AttrKind::Int8, "-128"), Ok(Weight::Int(-128)));
        assert!(parse(AttrKind::Int8, "128").unwrap_err().contains("int8"));
        assert!(parse(AttrKind::Int32, "1.5").is_err());
        assert!(parse(AttrKind::Bool, "2").unwrap_err().contains("0 or 1"));
        assert_eq!(parse(AttrKind::Float64, "7"), Ok(Weight::Float(7.0)));
        assert!(parse(AttrKind::Float64, "x").is_err());
    }

    #[test]
    fn missing_weights_are_null_before_and_after_the_first() {
        let a = read(AttrKind::Int16, &[None, Some("5"), None, Some("-7")]).unwrap();
        assert_eq!(a.kind(), AttrKind::Int16);
        let got: Vec<AttrValue> = (0..4).map(|i| a.get(i)).collect();
        assert_eq!(
            got,
            [
                AttrValue::Null,
                AttrValue::Int16(5),
                AttrValue::Null,
                AttrValue::Int16(-7)
            ]
        );
        let b = read(AttrKind::Bool, &[Some("1"), Some("0")]).unwrap();
        assert_eq!(b.get(0), AttrValue::Bool(true));
        assert_eq!(b.get(1), AttrValue::Bool(false));
        assert!(read(AttrKind::Float32, &[None, None]).is_none());
    }

    #[test]
    fn mixed_columns_refuse_ints_without_an_exact_float64() {
        assert!(check_mixed(&AttrValue::Int64(1 << 53)).is_ok());
        assert!(check_mixed(&AttrValue::Int64(-(1 << 53))).is_ok());
        assert!(check_mixed(&AttrValue::Int64((1 << 53) + 1)).is_err());
        assert!(check_mixed(&AttrValue::Float64(1e300)).is_ok());
    }
}
