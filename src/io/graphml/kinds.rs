//! GraphML attribute types and groggy's attribute kinds: which `attr.type` a column is
//! written as, what a `<data>` text reads into, and how a value is written.
//!
//! | kind    | `attr.type`                    | written as                                |
//! |---------|--------------------------------|-------------------------------------------|
//! | bool    | `boolean`                      | `true` / `false` (read: also `1` / `0`, any case) |
//! | int8, int16 | `int` + `groggy:kind="int8"` | decimal                                 |
//! | int32   | `int` (also read: `integer`)   | decimal                                   |
//! | int64   | `long`                         | decimal                                   |
//! | float32 | `float`                        | shortest text of the float32 (`NaN`, `INF`, `-INF`) |
//! | float64 | `double`                       | shortest text of the float64 (`NaN`, `INF`, `-INF`) |
//! | str     | `string` (also: no `attr.type`) | the text, escaped                        |
//!
//! Bytes, Null and columns of mixed kinds have no GraphML type: the writer refuses them.

use std::fmt::Write as _;

use crate::core::{AttrKind, AttrValue};
use crate::io::text::parse_i64;

/// The `attr.type` of a kind (`None`: GraphML has none).
pub(super) fn type_name(kind: AttrKind) -> Option<&'static str> {
    Some(match kind {
        AttrKind::Bool => "boolean",
        AttrKind::Int8 | AttrKind::Int16 | AttrKind::Int32 => "int",
        AttrKind::Int64 => "long",
        AttrKind::Float32 => "float",
        AttrKind::Float64 => "double",
        AttrKind::Str => "string",
        AttrKind::Null | AttrKind::Bytes | AttrKind::Mixed => return None,
    })
}

/// The `groggy:kind` a kind needs besides its `attr.type` to read back as itself.
pub(super) fn groggy_kind(kind: AttrKind) -> Option<&'static str> {
    match kind {
        AttrKind::Int8 | AttrKind::Int16 => Some(kind.name()),
        _ => None,
    }
}

/// The kind an `attr.type` reads into, narrowed by `groggy:kind`; why not, if it does not.
pub(super) fn kind_of(type_name: &str, groggy: Option<&str>) -> Result<AttrKind, String> {
    let kind = match type_name {
        "boolean" => AttrKind::Bool,
        "int" | "integer" => AttrKind::Int32,
        "long" => AttrKind::Int64,
        "float" => AttrKind::Float32,
        "double" => AttrKind::Float64,
        "string" => AttrKind::Str,
        other => {
            return Err(format!(
                "unknown attr.type {other:?} (one of boolean, int, long, float, double, string)"
            ))
        }
    };
    match (kind, groggy) {
        (_, None) => Ok(kind),
        (AttrKind::Int32, Some("int8")) => Ok(AttrKind::Int8),
        (AttrKind::Int32, Some("int16")) => Ok(AttrKind::Int16),
        (_, Some(other)) => Err(format!(
            "groggy:kind {other:?} does not go with attr.type {type_name:?}"
        )),
    }
}

/// The value of a `<data>` or `<default>` text for a key of `kind`; why not, if it is not
/// one. Numbers and booleans may have whitespace around them; strings are taken as they are.
pub(super) fn parse(kind: AttrKind, text: &str) -> Result<AttrValue, String> {
    let trimmed = text.trim_matches(|c: char| c.is_ascii_whitespace());
    let int = || parse_i64(trimmed.as_bytes());
    let bad = || {
        format!(
            "{:?} is not a GraphML {}",
            shown(text),
            type_name(kind).unwrap_or("?")
        )
    };
    let range = |x: i64| format!("{x} does not fit in {}", kind.name());
    Ok(match kind {
        AttrKind::Bool => match trimmed.to_ascii_lowercase().as_str() {
            "true" | "1" => AttrValue::Bool(true),
            "false" | "0" => AttrValue::Bool(false),
            _ => return Err(bad()),
        },
        AttrKind::Int8 => {
            let x = int().ok_or_else(bad)?;
            AttrValue::Int8(x.try_into().map_err(|_| range(x))?)
        }
        AttrKind::Int16 => {
            let x = int().ok_or_else(bad)?;
            AttrValue::Int16(x.try_into().map_err(|_| range(x))?)
        }
        AttrKind::Int32 => {
            let x = int().ok_or_else(bad)?;
            AttrValue::Int32(x.try_into().map_err(|_| range(x))?)
        }
        AttrKind::Int64 => AttrValue::Int64(int().ok_or_else(bad)?),
        AttrKind::Float32 => AttrValue::Float32(trimmed.parse().map_err(|_| bad())?),
        AttrKind::Float64 => AttrValue::Float64(trimmed.parse().map_err(|_| bad())?),
        _ => AttrValue::Str(text.into()),
    })
}

/// A text for an error message: cut after 40 characters.
fn shown(text: &str) -> String {
    let mut cut: String = text.chars().take(40).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}

/// Appends the text of a value of a bool, int or float kind (strings are escaped by the
/// caller).
pub(super) fn write_number(out: &mut String, value: &AttrValue) {
    let done = match value {
        AttrValue::Bool(x) => write!(out, "{x}"),
        AttrValue::Int8(x) => write!(out, "{x}"),
        AttrValue::Int16(x) => write!(out, "{x}"),
        AttrValue::Int32(x) => write!(out, "{x}"),
        AttrValue::Int64(x) => write!(out, "{x}"),
        AttrValue::Float32(x) => write_float(out, f64::from(*x), || format!("{x:?}")),
        AttrValue::Float64(x) => write_float(out, *x, || format!("{x:?}")),
        _ => unreachable!("strings, bytes and nulls are not numbers"),
    };
    done.expect("a String takes any text");
}

/// XML Schema's `NaN`, `INF` and `-INF`, else the shortest text that reads back to the
/// same float (`{:?}`: with an exponent for very large and small magnitudes).
fn write_float(out: &mut String, x: f64, text: impl Fn() -> String) -> std::fmt::Result {
    match x {
        _ if x.is_nan() => out.write_str("NaN"),
        f64::INFINITY => out.write_str("INF"),
        f64::NEG_INFINITY => out.write_str("-INF"),
        _ => out.write_str(&text()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_written_kind_reads_back_as_itself() {
        let values = [
            AttrValue::Bool(true),
            AttrValue::Int8(-128),
            AttrValue::Int16(300),
            AttrValue::Int32(i32::MIN),
            AttrValue::Int64(i64::MAX),
            AttrValue::Float32(0.1),
            AttrValue::Float64(1e300),
            AttrValue::Float64(-0.0),
            AttrValue::Float64(f64::NEG_INFINITY),
        ];
        for value in values {
            let kind = value.kind();
            let back = kind_of(type_name(kind).unwrap(), groggy_kind(kind)).unwrap();
            assert_eq!(back, kind);
            let mut text = String::new();
            write_number(&mut text, &value);
            let read = parse(kind, &text).unwrap();
            assert_eq!(format!("{read:?}"), format!("{value:?}"), "{text}");
        }
        let mut text = String::new();
        write_number(&mut text, &AttrValue::Float64(f64::NAN));
        assert!(matches!(parse(AttrKind::Float64, &text), Ok(AttrValue::Float64(x)) if x.is_nan()));
    }

    #[test]
    fn what_other_writers_write_is_read() {
        assert_eq!(parse(AttrKind::Bool, " True "), Ok(AttrValue::Bool(true)));
        assert_eq!(parse(AttrKind::Bool, "0"), Ok(AttrValue::Bool(false)));
        assert_eq!(
            parse(AttrKind::Float64, "inf"),
            Ok(AttrValue::Float64(f64::INFINITY))
        );
        assert_eq!(
            parse(AttrKind::Float64, "1e+20"),
            Ok(AttrValue::Float64(1e20))
        );
        assert_eq!(
            parse(AttrKind::Str, " a "),
            Ok(AttrValue::Str(" a ".into()))
        );
        assert_eq!(kind_of("integer", None), Ok(AttrKind::Int32));
    }

    #[test]
    fn bad_values_say_why() {
        assert!(parse(AttrKind::Int32, "3000000000")
            .unwrap_err()
            .contains("int32"));
        assert!(parse(AttrKind::Int64, "99999999999999999999").is_err());
        assert!(parse(AttrKind::Int64, "1.5").is_err());
        assert!(parse(AttrKind::Bool, "yes").is_err());
        assert!(parse(AttrKind::Float64, "").is_err());
        assert!(kind_of("date", None).is_err());
        assert!(kind_of("long", Some("int8")).is_err());
    }
}
