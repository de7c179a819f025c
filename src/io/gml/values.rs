//! GML values and groggy's attribute kinds.
//!
//! GML has three kinds of values: integers, reals and strings. Without hints, an integer
//! reads as int64, a real as float64 and a string as str, each value for itself (so one
//! attribute may read into a column of mixed kinds), except that integers among reals read
//! as float64 (igraph writes the float 2.0 as `2`). `write_gml` writes a comment line
//! `# groggy: node NAME=KIND` (or `edge`) for every column, first in the file, which
//! other readers skip: it gives the columns their order and their kind, so bool (written
//! `1` / `0`, as networkx writes bools), int8..int32 (integers) and float32 (the exact
//! float64 value of the float32, so no rounding happens twice) read back as themselves,
//! and `mixed` keeps the kinds of its values (int64, float64 and str only: a mixed column
//! with any other kind is refused by the writer).
//!
//! Strings are written between `"` with `&` and `"` as `&amp;` and `&quot;` and every
//! character outside printable ASCII as a character reference (`&#233;`), so the file is
//! ASCII, which networkx's reader requires (igraph's reader keeps character references as
//! written); the reader decodes character references and the entities `&amp;` `&lt;` `&gt;`
//! `&quot;` `&apos;` and leaves any other `&` text as it is (as networkx's reader does).
//! Reals are written with a `.` (`1.0e300`), NaN as `NAN` and infinities as `+INF` /
//! `-INF`, which networkx reads.

use std::fmt::Write as _;

use crate::core::{AttrKind, AttrValue};

/// The kinds a hint may name.
const KINDS: [AttrKind; 9] = [
    AttrKind::Bool,
    AttrKind::Int8,
    AttrKind::Int16,
    AttrKind::Int32,
    AttrKind::Int64,
    AttrKind::Float32,
    AttrKind::Float64,
    AttrKind::Str,
    AttrKind::Mixed,
];

/// A hint: whether it is about edges (else nodes), the attribute's name and kind.
pub(super) fn parse_hint(text: &str) -> Result<(bool, &str, AttrKind), String> {
    let bad =
        || format!("a `# groggy: {text}` comment that is not `node NAME=KIND` or `edge NAME=KIND`");
    let (on, rest) = text.split_once(' ').ok_or_else(bad)?;
    let edges = match on {
        "node" => false,
        "edge" => true,
        _ => return Err(bad()),
    };
    let (name, kind) = rest.rsplit_once('=').ok_or_else(bad)?;
    let kind = KINDS
        .into_iter()
        .find(|k| k.name() == kind)
        .ok_or_else(|| format!("unknown attribute kind {kind:?} in a `# groggy:` comment"))?;
    Ok((edges, name, kind))
}

/// A value as read (int64, float64 or str) as the kind its hint names; why not, if it
/// cannot be one exactly.
pub(super) fn convert(value: AttrValue, kind: AttrKind) -> Result<AttrValue, String> {
    let int = value
        .as_integer()
        .filter(|_| value.kind() == AttrKind::Int64);
    let converted = match (kind, &value) {
        (AttrKind::Mixed, _) => Some(value.clone()),
        (k, v) if k == v.kind() => Some(value.clone()),
        (AttrKind::Bool, _) => match int {
            Some(0) => Some(AttrValue::Bool(false)),
            Some(1) => Some(AttrValue::Bool(true)),
            _ => None,
        },
        (AttrKind::Int8, _) => int.and_then(|x| x.try_into().ok()).map(AttrValue::Int8),
        (AttrKind::Int16, _) => int.and_then(|x| x.try_into().ok()).map(AttrValue::Int16),
        (AttrKind::Int32, _) => int.and_then(|x| x.try_into().ok()).map(AttrValue::Int32),
        (AttrKind::Float32, AttrValue::Float64(x)) => {
            let narrow = *x as f32;
            (f64::from(narrow) == *x || x.is_nan()).then_some(AttrValue::Float32(narrow))
        }
        _ => None,
    };
    converted.ok_or_else(|| format!("{} is not a {} value", shown(&value), kind.name()))
}

fn shown(value: &AttrValue) -> String {
    match value {
        AttrValue::Str(s) => format!("the string {:?}", s.chars().take(40).collect::<String>()),
        AttrValue::Int64(x) => format!("the integer {x}"),
        AttrValue::Float64(x) => format!("the real {x:?}"),
        other => format!("{other:?}"),
    }
}

/// Whether a column read without a hint holds integers and reals (and nothing else), every
/// integer with an exact float64: then it reads as float64, as igraph, which writes the
/// float 2.0 as `2`, means it.
pub(super) fn ints_among_reals(values: &[AttrValue]) -> bool {
    const EXACT: i64 = 1 << 53;
    let (mut ints, mut reals) = (false, false);
    for v in values {
        match v {
            AttrValue::Null => {}
            AttrValue::Int64(x) if (-EXACT..=EXACT).contains(x) => ints = true,
            AttrValue::Float64(_) => reals = true,
            _ => return false,
        }
    }
    ints && reals
}

/// Whether the writer can write a value of `kind` in a column of `column` kind, to read
/// back as itself.
pub(super) fn writable(column: AttrKind, kind: AttrKind) -> bool {
    match column {
        AttrKind::Mixed => matches!(kind, AttrKind::Int64 | AttrKind::Float64 | AttrKind::Str),
        AttrKind::Bytes | AttrKind::Null => false,
        _ => true,
    }
}

/// Appends a value as GML (a `writable` one).
pub(super) fn write(out: &mut String, value: &AttrValue) {
    let done = match value {
        AttrValue::Bool(x) => write!(out, "{}", u8::from(*x)),
        AttrValue::Float32(x) => write_real(out, f64::from(*x)),
        AttrValue::Float64(x) => write_real(out, *x),
        AttrValue::Str(s) => {
            write_string(out, s);
            Ok(())
        }
        other => write!(out, "{}", other.as_integer().expect("an integer kind")),
    };
    done.expect("a String takes any text");
}

fn write_real(out: &mut String, x: f64) -> std::fmt::Result {
    if x.is_nan() {
        return out.write_str("NAN");
    }
    if x.is_infinite() {
        return out.write_str(if x > 0.0 { "+INF" } else { "-INF" });
    }
    // `{:?}` is the shortest text that reads back to `x`; GML (and networkx) want a `.`.
    let text = format!("{x:?}");
    match text.find('e') {
        Some(e) if !text[..e].contains('.') => write!(out, "{}.0{}", &text[..e], &text[e..]),
        _ => out.write_str(&text),
    }
}

/// Appends `"text"`, escaped (see the module documentation).
pub(super) fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            // The named entities igraph decodes too (it keeps `&#...;` as written).
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            ' '..='~' => out.push(c),
            _ => write!(out, "&#{};", c as u32).expect("a String takes any text"),
        }
    }
    out.push('"');
}

/// A string's text with its references decoded (an `&` that starts none stays as it is).
pub(super) fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').and_then(|end| {
            let name = &rest[1..end];
            let c = match name.strip_prefix('#') {
                Some(num) => {
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }
                None => match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => None,
                },
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_through_ascii() {
        for text in [
            "",
            "plain",
            "a&b\"c\"",
            "é🎉\n\t\r\u{0}",
            "&amp; literally",
            "&#38;",
        ] {
            let mut out = String::new();
            write_string(&mut out, text);
            assert!(out.is_ascii(), "{out}");
            assert_eq!(unescape(&out[1..out.len() - 1]), text);
        }
        assert_eq!(
            unescape("&foo; &#xE9; &#99999999; &"),
            "&foo; é &#99999999; &"
        );
    }

    #[test]
    fn reals_have_a_point() {
        for (x, text) in [
            (1e300, "1.0e300"),
            (1e-7, "1.0e-7"),
            (0.1, "0.1"),
            (-0.0, "-0.0"),
            (f64::NAN, "NAN"),
            (f64::INFINITY, "+INF"),
            (f64::NEG_INFINITY, "-INF"),
        ] {
            let mut out = String::new();
            write_real(&mut out, x).unwrap();
            assert_eq!(out, text);
        }
    }

    #[test]
    fn hints_convert_exactly_or_say_why_not() {
        assert_eq!(
            parse_hint("edge my_w=float32"),
            Ok((true, "my_w", AttrKind::Float32))
        );
        assert!(parse_hint("node x=complex").is_err());
        assert!(parse_hint("graph x=int8").is_err());
        let f32_value = AttrValue::Float64(f64::from(0.1f32));
        assert_eq!(
            convert(f32_value, AttrKind::Float32),
            Ok(AttrValue::Float32(0.1))
        );
        assert!(convert(AttrValue::Float64(0.1), AttrKind::Float32).is_err());
        assert_eq!(
            convert(AttrValue::Int64(1), AttrKind::Bool),
            Ok(AttrValue::Bool(true))
        );
        assert!(convert(AttrValue::Int64(2), AttrKind::Bool).is_err());
        assert!(convert(AttrValue::Int64(300), AttrKind::Int8)
            .unwrap_err()
            .contains("300"));
        assert!(convert("a".into(), AttrKind::Int64).is_err());
        assert_eq!(convert("a".into(), AttrKind::Mixed), Ok("a".into()));
    }
}
