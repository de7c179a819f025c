//! One column of a table while it is read: the text of its fields and what its type can
//! still be; at the end, its type and its values as an `Array` (or as node keys).

use super::Pos;
use crate::core::{Array, ColumnValues};
use crate::io::text::parse_i64;

/// The type a column is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Int64,
    Float64,
    Bool,
    Str,
}

/// Why a field cannot join its column.
#[derive(Debug)]
pub(super) enum BadField {
    /// An empty key.
    EmptyKey,
    /// Text that is not UTF-8.
    NotUtf8,
    /// The column's storage could not grow to this many bytes.
    OutOfMemory(usize),
}

/// The fields of one column, and the types every value so far fits. While every value is
/// an int the column keeps the ints only (and the text of the rare int written otherwise
/// than `i64` prints it, as `+5` or `007`); from the first other value on it keeps every
/// row's text too, laid end to end (the earlier rows' made from the ints). While every
/// value is a number it keeps the floats, so a float column is parsed once.
pub(super) struct TextColumn {
    /// A key column: an empty field is an error, not an absent value.
    key: bool,
    /// Whether `text` and `ends` hold every row so far.
    texts: bool,
    text: Vec<u8>,
    /// Row `i`'s text ends at `ends[i]` (and starts where row `i - 1`'s ends).
    ends: Vec<usize>,
    /// While `texts` is false: the rows whose int is not written as `i64` prints it, with
    /// their text, in row order.
    odd: Vec<(usize, Box<[u8]>)>,
    /// Whether row `i` has a value (an empty unquoted field has none).
    present: Vec<bool>,
    present_count: usize,
    /// Every row's int (0 where absent) while every value is an int.
    ints: Option<Vec<i64>>,
    /// Every row's number (0 where absent) while every value is a number.
    floats: Option<Vec<f64>>,
    float: bool,
    boolean: bool,
    /// Every value is an unquoted integer (sign and digits), fitting an `i64` or not.
    integer_literals: bool,
    /// The first number that neither `i64` nor `f64` holds as written, with its text.
    inexact: Option<(Pos, String)>,
}

impl TextColumn {
    pub(super) fn new(key: bool) -> TextColumn {
        TextColumn {
            key,
            texts: false,
            text: Vec::new(),
            ends: Vec::new(),
            odd: Vec::new(),
            present: Vec::new(),
            present_count: 0,
            ints: Some(Vec::new()),
            floats: (!key).then(Vec::new), // keys are ints or text, never floats
            float: true,
            boolean: true,
            integer_literals: true,
            inexact: None,
        }
    }

    pub(super) fn rows(&self) -> usize {
        self.present.len()
    }

    /// Adds the next row's field.
    pub(super) fn push(&mut self, field: &[u8], quoted: bool, pos: Pos) -> Result<(), BadField> {
        let empty = field.is_empty() && !quoted;
        if empty && self.key {
            return Err(BadField::EmptyKey);
        }
        if !field.is_ascii() && std::str::from_utf8(field).is_err() {
            return Err(BadField::NotUtf8);
        }
        let row = self.present.len();
        grow(&mut self.present, 1)?;
        let int = match empty || quoted {
            false => parse_i64(field),
            true => None,
        };
        if int.is_none() && !empty {
            self.keep_text()?; // this row's text is kept below
        }
        if self.texts {
            grow(&mut self.ends, 1)?;
            grow(&mut self.text, field.len())?;
            self.text.extend_from_slice(field);
            self.ends.push(self.text.len());
        }
        self.present.push(!empty);
        if empty {
            if let Some(ints) = &mut self.ints {
                grow(ints, 1)?;
                ints.push(0);
            }
            if let Some(floats) = &mut self.floats {
                grow(floats, 1)?;
                floats.push(0.0);
            }
            return Ok(());
        }
        self.present_count += 1;
        if quoted {
            // Quoted text is text, whatever it looks like.
            (self.ints, self.floats) = (None, None);
            (self.float, self.boolean, self.integer_literals) = (false, false, false);
            return Ok(());
        }
        if let Some(x) = int {
            if !self.texts && !prints_as_written(field) {
                grow(&mut self.odd, 1)?;
                self.odd.push((row, field.into()));
            }
            if let Some(ints) = &mut self.ints {
                grow(ints, 1)?;
                ints.push(x);
            }
            if let Some(floats) = &mut self.floats {
                grow(floats, 1)?;
                floats.push(x as f64);
            }
            self.boolean = false;
            return Ok(());
        }
        self.ints = None;
        if is_integer_literal(field) {
            self.note_inexact(field, pos); // beyond the i64 range
        } else {
            self.integer_literals = false;
        }
        if self.float {
            match parse_f64(field) {
                Some(x) if x.is_infinite() && !is_infinity(field) => self.note_inexact(field, pos),
                Some(x) => {
                    if let Some(floats) = &mut self.floats {
                        grow(floats, 1)?;
                        floats.push(x);
                    }
                }
                None => (self.float, self.floats) = (false, None),
            }
        }
        if self.boolean {
            self.boolean = parse_bool(field).is_some();
        }
        Ok(())
    }

    /// Keeps every row's text from now on, writing the earlier rows' from their ints (or
    /// the text kept for those written otherwise).
    pub(super) fn keep_text(&mut self) -> Result<(), BadField> {
        if self.texts {
            return Ok(());
        }
        let rows = self.rows();
        grow(&mut self.ends, rows)?;
        // Until now every value was an int: the ints hold every row.
        let ints = self
            .ints
            .as_deref()
            .expect("an int per row until a text is kept");
        let mut odd = self.odd.iter().peekable();
        let mut digits = itoa_buffer();
        for (row, (&present, &int)) in self.present.iter().zip(ints).enumerate() {
            if present {
                let written: &[u8] = match odd.peek() {
                    Some((at, text)) if *at == row => {
                        odd.next();
                        text
                    }
                    _ => itoa(int, &mut digits),
                };
                grow(&mut self.text, written.len())?;
                self.text.extend_from_slice(written);
            }
            self.ends.push(self.text.len());
        }
        self.odd = Vec::new();
        self.texts = true;
        Ok(())
    }

    fn note_inexact(&mut self, field: &[u8], pos: Pos) {
        if self.inexact.is_none() {
            self.inexact = Some((pos, String::from_utf8_lossy(field).into_owned()));
        }
    }

    /// The column's type; `None` when it holds no value. `Err` with the place and text of
    /// a number that would not read back as written (a column of numbers with an integer
    /// beyond `i64` or a number beyond `f64`).
    pub(super) fn kind(&self) -> Result<Option<Kind>, (Pos, &str)> {
        if self.present_count == 0 {
            return Ok(None);
        }
        if self.ints.is_some() {
            return Ok(Some(Kind::Int64));
        }
        if self.float {
            if let Some((pos, text)) = &self.inexact {
                return Err((*pos, text));
            }
            return Ok(Some(Kind::Float64));
        }
        match self.boolean {
            true => Ok(Some(Kind::Bool)),
            false => Ok(Some(Kind::Str)),
        }
    }

    /// Whether every value is an `i64` (a key column reads int keys when all of them do);
    /// `Err` when every value is an integer but one does not fit in an `i64` (else `false`
    /// means some value is no integer at all).
    pub(super) fn int_keys(&self) -> Result<bool, (Pos, &str)> {
        match (&self.ints, &self.inexact) {
            (Some(_), _) => Ok(true),
            (None, Some((pos, text))) if self.integer_literals => Err((*pos, text)),
            (None, _) => Ok(false),
        }
    }

    /// The ints of an int column (0 where absent).
    pub(super) fn ints(&self) -> &[i64] {
        self.ints.as_deref().unwrap_or(&[])
    }

    /// Row `i`'s text (empty where absent).
    pub(super) fn text(&self, i: usize) -> &str {
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1],
        };
        std::str::from_utf8(&self.text[start..self.ends[i]]).expect("checked by push")
    }

    /// The values as an array of `kind` (from `kind()`), absent rows null.
    pub(super) fn into_array(mut self, kind: Kind) -> Result<Array, usize> {
        let rows = self.rows();
        let values = match kind {
            Kind::Int64 => ColumnValues::Int64(self.ints.take().unwrap_or_default()),
            Kind::Float64 => ColumnValues::Float64(match self.floats.take() {
                Some(floats) => floats,
                None => self.parsed(|s| parse_f64(s.as_bytes()))?,
            }),
            Kind::Bool => ColumnValues::Bool(self.parsed(|s| parse_bool(s.as_bytes()))?),
            Kind::Str => ColumnValues::Str(self.parsed(|s| Some(Box::<str>::from(s)))?),
        };
        let validity = (self.present_count < rows).then_some(self.present);
        Ok(Array::new(values, validity).expect("one validity entry per row"))
    }

    /// Every row's value by `parse` (the default where absent), reserved fallibly.
    fn parsed<T: Default>(&self, parse: impl Fn(&str) -> Option<T>) -> Result<Vec<T>, usize> {
        let rows = self.rows();
        let mut out = Vec::new();
        out.try_reserve_exact(rows)
            .map_err(|_| rows.saturating_mul(size_of::<T>()))?;
        for i in 0..rows {
            out.push(match self.present[i] {
                true => parse(self.text(i)).expect("the column's kind fits every value"),
                false => T::default(),
            });
        }
        Ok(out)
    }
}

/// Makes room for `more` entries, fallibly (`Err`: the bytes asked for).
#[inline]
fn grow<T>(v: &mut Vec<T>, more: usize) -> Result<(), BadField> {
    v.try_reserve(more).map_err(|_| {
        BadField::OutOfMemory(v.len().saturating_add(more).saturating_mul(size_of::<T>()))
    })
}

/// An optional sign and one or more ASCII digits.
fn is_integer_literal(s: &[u8]) -> bool {
    let digits = match s.first() {
        Some(b'-' | b'+') => &s[1..],
        _ => s,
    };
    !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
}

/// A number as Rust's `f64` parser takes it (`1.5`, `-1e-3`, `.5`, `NaN`, `inf`).
pub(super) fn parse_f64(s: &[u8]) -> Option<f64> {
    match s.is_ascii() {
        // SAFETY: ASCII is UTF-8 (and the check is cheaper than UTF-8 validation).
        true => unsafe { std::str::from_utf8_unchecked(s) }.parse().ok(),
        false => None, // no number has other characters
    }
}

/// Whether `s`, an int's text, is how `i64` prints it: no `+`, no leading zero, no `-0`.
#[inline]
fn prints_as_written(s: &[u8]) -> bool {
    let digits = s.strip_prefix(b"-").unwrap_or(s);
    match digits {
        [b'0'] => s.len() == 1,
        [first, ..] => first.is_ascii_digit() && *first != b'0',
        [] => false,
    }
}

/// Room for the longest `i64` (`-9223372036854775808`).
fn itoa_buffer() -> [u8; 20] {
    [0; 20]
}

/// How `i64` prints `x`, in `buffer`.
fn itoa(x: i64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut at = buffer.len();
    let mut rest = x.unsigned_abs();
    loop {
        at -= 1;
        buffer[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if x < 0 {
        at -= 1;
        buffer[at] = b'-';
    }
    &buffer[at..]
}

/// `inf` or `infinity` in any case, with an optional sign: an infinity asked for.
fn is_infinity(s: &[u8]) -> bool {
    let word = match s.first() {
        Some(b'-' | b'+') => &s[1..],
        _ => s,
    };
    word.eq_ignore_ascii_case(b"inf") || word.eq_ignore_ascii_case(b"infinity")
}

/// `true`, `True`, `TRUE`, `false`, `False` or `FALSE` (the spellings pandas reads).
pub(super) fn parse_bool(s: &[u8]) -> Option<bool> {
    match s {
        b"true" | b"True" | b"TRUE" => Some(true),
        b"false" | b"False" | b"FALSE" => Some(false),
        _ => None,
    }
}
