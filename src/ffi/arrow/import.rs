//! Arrow columns read into the engine's storage (a copy: the engine owns its columns).
//!
//! Read: null, bool, int8 to int64, uint8 to uint64 (widened to the next signed kind;
//! uint64 values past int64 are refused), float32 and float64, UTF-8 and binary with 32-
//! or 64-bit offsets or as views (what polars hands out), and dictionary-encoded columns
//! of those (pandas and polars categoricals), at any offset. Other Arrow types are refused
//! with their format string. The buffers are trusted to be as long as the lengths and
//! offsets say (the C Data Interface carries no buffer sizes); what can be checked is:
//! pointers, alignment, offsets that go backwards, views past their buffer, dictionary
//! indices past the dictionary, and UTF-8.

use std::ffi::{c_void, CStr};

use crate::core::fallible::with_capacity;
use crate::core::{Array, AttrKind, ColumnValues, GraphError, GraphResult, KeyRef};

use super::{ArrowArray, ArrowSchema};
use crate::ffi::boundary::{invalid, slice};

/// The Arrow types read, by their format strings.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Format {
    Null,
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float32,
    Float64,
    /// UTF-8 (`text`) or binary, with 32- or 64-bit offsets (`large`).
    Offsets {
        text: bool,
        large: bool,
    },
    /// UTF-8 (`text`) or binary views.
    Views {
        text: bool,
    },
}

impl Format {
    fn parse(format: &str) -> Option<Format> {
        Some(match format {
            "n" => Format::Null,
            "b" => Format::Bool,
            "c" => Format::Int8,
            "s" => Format::Int16,
            "i" => Format::Int32,
            "l" => Format::Int64,
            "C" => Format::UInt8,
            "S" => Format::UInt16,
            "I" => Format::UInt32,
            "L" => Format::UInt64,
            "f" => Format::Float32,
            "g" => Format::Float64,
            "u" => Format::Offsets {
                text: true,
                large: false,
            },
            "U" => Format::Offsets {
                text: true,
                large: true,
            },
            "z" => Format::Offsets {
                text: false,
                large: false,
            },
            "Z" => Format::Offsets {
                text: false,
                large: true,
            },
            "vu" => Format::Views { text: true },
            "vz" => Format::Views { text: false },
            _ => return None,
        })
    }

    /// The kind the engine stores it as.
    fn kind(self) -> AttrKind {
        match self {
            Format::Null => AttrKind::Null,
            Format::Bool => AttrKind::Bool,
            Format::Int8 => AttrKind::Int8,
            Format::Int16 | Format::UInt8 => AttrKind::Int16,
            Format::Int32 | Format::UInt16 => AttrKind::Int32,
            Format::Int64 | Format::UInt32 | Format::UInt64 => AttrKind::Int64,
            Format::Float32 => AttrKind::Float32,
            Format::Float64 => AttrKind::Float64,
            Format::Offsets { text, .. } | Format::Views { text } => {
                if text {
                    AttrKind::Str
                } else {
                    AttrKind::Bytes
                }
            }
        }
    }

    fn is_int(self) -> bool {
        matches!(
            self,
            Format::Int8
                | Format::Int16
                | Format::Int32
                | Format::Int64
                | Format::UInt8
                | Format::UInt16
                | Format::UInt32
                | Format::UInt64
        )
    }
}

/// A column's type: its values' format, or dictionary indices of an int format into
/// values of another.
#[derive(Clone, Copy, Debug)]
struct ColumnType {
    format: Format,
    dictionary: Option<Format>,
}

/// The format string of `schema`.
///
/// # Safety
/// `schema.format` is NULL or a NUL-terminated string.
unsafe fn format_of<'a>(schema: &ArrowSchema, what: &str) -> GraphResult<&'a str> {
    if schema.format.is_null() {
        return Err(invalid(format!("{what}: the Arrow schema has no format")));
    }
    // SAFETY: promised by the caller.
    unsafe { CStr::from_ptr(schema.format) }
        .to_str()
        .map_err(|_| invalid(format!("{what}: the Arrow format is not UTF-8")))
}

/// Whether `schema` is a struct (a record batch's schema).
///
/// # Safety
/// As `format_of`.
pub(super) unsafe fn is_struct(schema: &ArrowSchema) -> bool {
    // SAFETY: passed on to the caller.
    unsafe { format_of(schema, "") }.is_ok_and(|f| f == "+s")
}

impl ColumnType {
    /// # Safety
    /// `schema` and its dictionary (if any) are valid Arrow schemas.
    unsafe fn of(schema: &ArrowSchema, what: &str) -> GraphResult<ColumnType> {
        let parse = |schema: &ArrowSchema| -> GraphResult<Format> {
            // SAFETY: promised by the caller.
            let format = unsafe { format_of(schema, what) }?;
            Format::parse(format).ok_or_else(|| {
                invalid(format!(
                    "{what}: the Arrow type '{format}' is not read (null, bool, integers, \
                     floats, strings and binary are)"
                ))
            })
        };
        let format = parse(schema)?;
        // SAFETY: promised by the caller.
        let dictionary = match unsafe { schema.dictionary.as_ref() } {
            None => None,
            Some(values) if format.is_int() => Some(parse(values)?),
            Some(_) => {
                return Err(invalid(format!(
                    "{what}: dictionary indices must be integers"
                )))
            }
        };
        Ok(ColumnType { format, dictionary })
    }

    fn kind(&self) -> AttrKind {
        self.dictionary.unwrap_or(self.format).kind()
    }
}

/// One Arrow array as read: where its rows start, how many there are, and its buffers.
struct Chunk<'a> {
    array: &'a ArrowArray,
    offset: usize,
    length: usize,
    what: &'a str,
}

impl Chunk<'_> {
    /// Buffer `i`, or NULL where Arrow allows it (a validity buffer without nulls).
    ///
    /// # Safety
    /// The array's `buffers` holds `n_buffers` pointers.
    unsafe fn buffer(&self, i: usize) -> GraphResult<*const c_void> {
        let n = usize::try_from(self.array.n_buffers).unwrap_or(0);
        if i >= n || self.array.buffers.is_null() {
            return Err(invalid(format!(
                "{}: the Arrow array has {n} buffers, buffer {i} is needed",
                self.what
            )));
        }
        // SAFETY: `i` is within the `n_buffers` pointers the caller promises.
        Ok(unsafe { *self.array.buffers.add(i) })
    }

    /// The first `n` values of buffer `i` as `T`s.
    ///
    /// # Safety
    /// Buffer `i` holds at least `n` `T`s.
    unsafe fn values<T>(&self, i: usize, n: usize) -> GraphResult<&[T]> {
        // SAFETY: promised by the caller.
        unsafe { slice(self.buffer(i)?.cast::<T>(), n, self.what) }
    }

    /// Bit `offset + row` of a bitmap buffer, for every row.
    ///
    /// # Safety
    /// Buffer `i` holds `offset + length` bits.
    unsafe fn bits(&self, i: usize) -> GraphResult<Vec<bool>> {
        let end = self.offset + self.length;
        // SAFETY: promised by the caller.
        let bytes: &[u8] = unsafe { self.values(i, end.div_ceil(8)) }?;
        let mut bits = with_capacity(self.length)?;
        bits.extend((self.offset..end).map(|b| (bytes[b / 8] >> (b % 8)) & 1 == 1));
        Ok(bits)
    }

    /// The rows' validity: from the bitmap, all valid without one.
    ///
    /// # Safety
    /// The array is a valid Arrow array of this length and offset.
    unsafe fn validity(&self, format: Format) -> GraphResult<Vec<bool>> {
        if format == Format::Null {
            return Ok(vec![false; self.length]);
        }
        // SAFETY: promised by the caller.
        if unsafe { self.buffer(0) }?.is_null() {
            if self.array.null_count > 0 {
                return Err(invalid(format!(
                    "{}: the Arrow array counts nulls but has no validity bitmap",
                    self.what
                )));
            }
            return Ok(vec![true; self.length]);
        }
        // SAFETY: promised by the caller.
        unsafe { self.bits(0) }
    }

    /// The rows' values of a fixed-width type, widened by `into`.
    ///
    /// # Safety
    /// Buffer 1 holds `offset + length` `T`s.
    unsafe fn fixed<T: Copy, U>(&self, into: impl Fn(T) -> U) -> GraphResult<Vec<U>> {
        // SAFETY: promised by the caller.
        let values = unsafe { self.values::<T>(1, self.offset + self.length) }?;
        let mut out = with_capacity(self.length)?;
        out.extend(values[self.offset..].iter().map(|&v| into(v)));
        Ok(out)
    }

    /// The rows' values as int64s, whatever the int format (dictionary indices, keys).
    ///
    /// # Safety
    /// As `fixed`, for the format's type.
    unsafe fn ints(&self, format: Format) -> GraphResult<Vec<i64>> {
        // SAFETY (each call): promised by the caller.
        unsafe {
            match format {
                Format::Int8 => self.fixed(|v: i8| i64::from(v)),
                Format::Int16 => self.fixed(|v: i16| i64::from(v)),
                Format::Int32 => self.fixed(|v: i32| i64::from(v)),
                Format::Int64 => self.fixed(|v: i64| v),
                Format::UInt8 => self.fixed(|v: u8| i64::from(v)),
                Format::UInt16 => self.fixed(|v: u16| i64::from(v)),
                Format::UInt32 => self.fixed(|v: u32| i64::from(v)),
                Format::UInt64 => self.fixed(|v: u64| i64::try_from(v).unwrap_or(-1)),
                _ => unreachable!("callers pass int formats"),
            }
        }
    }

    /// The values of a UTF-8 or binary array with offsets, each as `make` builds it (null
    /// rows empty).
    ///
    /// # Safety
    /// Buffer 1 holds `offset + length + 1` offsets, buffer 2 the bytes they reach.
    unsafe fn spans<T: Default>(
        &self,
        large: bool,
        valid: &[bool],
        make: impl Fn(&[u8]) -> GraphResult<T>,
    ) -> GraphResult<Vec<T>> {
        let n = self.offset + self.length + 1;
        // SAFETY: promised by the caller.
        let offsets: Vec<i64> = unsafe {
            if large {
                self.values::<i64>(1, n)?.to_vec()
            } else {
                self.values::<i32>(1, n)?
                    .iter()
                    .map(|&o| i64::from(o))
                    .collect()
            }
        };
        let window = &offsets[self.offset..];
        if window[0] < 0 || window.windows(2).any(|w| w[1] < w[0]) {
            return Err(invalid(format!(
                "{}: Arrow offsets go backwards",
                self.what
            )));
        }
        let end = usize::try_from(window[self.length]).map_err(|_| invalid("offset too large"))?;
        // SAFETY: promised by the caller: the data buffer reaches the last offset.
        let data: &[u8] = unsafe { self.values(2, end) }?;
        let mut out = with_capacity(self.length)?;
        for (row, w) in window.windows(2).enumerate() {
            out.push(if valid[row] {
                make(&data[w[0] as usize..w[1] as usize])?
            } else {
                T::default()
            });
        }
        Ok(out)
    }

    /// The values of a UTF-8 or binary view array, as `spans` does.
    ///
    /// # Safety
    /// Buffer 1 holds `offset + length` views; the buffers after it are the data buffers
    /// and, last, their sizes (int64s).
    unsafe fn views<T: Default>(
        &self,
        valid: &[bool],
        make: impl Fn(&[u8]) -> GraphResult<T>,
    ) -> GraphResult<Vec<T>> {
        let n_buffers = usize::try_from(self.array.n_buffers).unwrap_or(0);
        if n_buffers < 3 {
            return Err(invalid(format!(
                "{}: an Arrow view array needs 3 buffers",
                self.what
            )));
        }
        let n_data = n_buffers - 3;
        // SAFETY: promised by the caller.
        let (views, sizes) = unsafe {
            (
                self.values::<[u8; 16]>(1, self.offset + self.length)?,
                self.values::<i64>(n_buffers - 1, n_data)?,
            )
        };
        let word = |v: &[u8; 16], at: usize| i32::from_le_bytes(v[at..at + 4].try_into().unwrap());
        let mut out = with_capacity(self.length)?;
        for (row, view) in views[self.offset..].iter().enumerate() {
            if !valid[row] {
                out.push(T::default());
                continue;
            }
            let len = usize::try_from(word(view, 0)).map_err(|_| invalid("negative view"))?;
            if len <= 12 {
                out.push(make(&view[4..4 + len])?);
                continue;
            }
            let (buffer, start) = (word(view, 8), word(view, 12));
            let bad = || {
                invalid(format!(
                    "{}: an Arrow view points past its buffer",
                    self.what
                ))
            };
            let buffer = usize::try_from(buffer)
                .ok()
                .filter(|&b| b < n_data)
                .ok_or_else(bad)?;
            let start = usize::try_from(start).map_err(|_| bad())?;
            if (start + len) as i64 > sizes[buffer] {
                return Err(bad());
            }
            // SAFETY: the sizes buffer says data buffer `buffer` holds `sizes[buffer]` bytes.
            let data: &[u8] = unsafe { self.values(2 + buffer, start + len) }?;
            out.push(make(&data[start..])?);
        }
        Ok(out)
    }

    /// The rows' values and validity, for a column of `format`.
    ///
    /// # Safety
    /// The array is a valid Arrow array of that format.
    unsafe fn read(&self, format: Format) -> GraphResult<(ColumnValues, Vec<bool>)> {
        // SAFETY (every call): promised by the caller.
        unsafe {
            let valid = self.validity(format)?;
            let text = |b: &[u8]| -> GraphResult<Box<str>> {
                std::str::from_utf8(b)
                    .map(Box::from)
                    .map_err(|e| invalid(format!("{}: a string is not UTF-8 ({e})", self.what)))
            };
            let bytes = |b: &[u8]| -> GraphResult<Box<[u8]>> { Ok(Box::from(b)) };
            let values = match format {
                Format::Null => ColumnValues::Empty,
                Format::Bool => ColumnValues::Bool(self.bits(1)?),
                Format::Int8 => ColumnValues::Int8(self.fixed(|v: i8| v)?),
                Format::Int16 => ColumnValues::Int16(self.fixed(|v: i16| v)?),
                Format::Int32 => ColumnValues::Int32(self.fixed(|v: i32| v)?),
                Format::Int64 => ColumnValues::Int64(self.fixed(|v: i64| v)?),
                Format::UInt8 => ColumnValues::Int16(self.fixed(|v: u8| i16::from(v))?),
                Format::UInt16 => ColumnValues::Int32(self.fixed(|v: u16| i32::from(v))?),
                Format::UInt32 => ColumnValues::Int64(self.fixed(|v: u32| i64::from(v))?),
                Format::UInt64 => {
                    let values = self.fixed(|v: u64| v)?;
                    if let Some(row) =
                        (0..values.len()).find(|&r| valid[r] && values[r] > i64::MAX as u64)
                    {
                        return Err(invalid(format!(
                            "{}: the uint64 {} at row {row} does not fit an int64",
                            self.what, values[row]
                        )));
                    }
                    ColumnValues::Int64(values.into_iter().map(|v| v as i64).collect())
                }
                Format::Float32 => ColumnValues::Float32(self.fixed(|v: f32| v)?),
                Format::Float64 => ColumnValues::Float64(self.fixed(|v: f64| v)?),
                Format::Offsets { text: true, large } => {
                    ColumnValues::Str(self.spans(large, &valid, text)?)
                }
                Format::Offsets { text: false, large } => {
                    ColumnValues::Bytes(self.spans(large, &valid, bytes)?)
                }
                Format::Views { text: true } => ColumnValues::Str(self.views(&valid, text)?),
                Format::Views { text: false } => ColumnValues::Bytes(self.views(&valid, bytes)?),
            };
            Ok((values, valid))
        }
    }

    /// The rows of a dictionary-encoded column: indices of `index` format into the
    /// array's dictionary, of `values` format.
    ///
    /// # Safety
    /// The array is a valid dictionary-encoded Arrow array of those formats.
    unsafe fn read_dictionary(
        &self,
        index: Format,
        values: Format,
    ) -> GraphResult<(ColumnValues, Vec<bool>)> {
        // SAFETY (every call): promised by the caller.
        unsafe {
            let Some(dictionary) = self.array.dictionary.as_ref() else {
                return Err(invalid(format!(
                    "{}: the Arrow array has no dictionary",
                    self.what
                )));
            };
            let entries = Chunk {
                array: dictionary,
                offset: usize::try_from(dictionary.offset).map_err(|_| invalid("bad offset"))?,
                length: usize::try_from(dictionary.length).map_err(|_| invalid("bad length"))?,
                what: self.what,
            };
            let (entry_values, entry_valid) = entries.read(values)?;
            let mut valid = self.validity(index)?;
            let indices = self.ints(index)?;
            for (row, &i) in indices.iter().enumerate() {
                if !valid[row] {
                    continue;
                }
                let i = usize::try_from(i)
                    .ok()
                    .filter(|&i| i < entries.length)
                    .ok_or_else(|| {
                        invalid(format!(
                            "{}: dictionary index {i} at row {row} is past the dictionary's {}",
                            self.what, entries.length
                        ))
                    })?;
                valid[row] = entry_valid[i];
            }
            let picked = indices
                .iter()
                .zip(&valid)
                .map(|(&i, &ok)| if ok { i as usize } else { 0 });
            Ok((entry_values.gather(picked), valid))
        }
    }
}

/// One column read batch after batch into the engine's storage.
pub(super) struct ColumnReader {
    ty: ColumnType,
    what: String,
    values: ColumnValues,
    validity: Vec<bool>,
}

impl ColumnReader {
    /// A reader of columns typed by `schema`, named `what` in errors.
    ///
    /// # Safety
    /// `schema` is a valid Arrow schema.
    pub(super) unsafe fn new(schema: &ArrowSchema, what: String) -> GraphResult<ColumnReader> {
        // SAFETY: promised by the caller.
        let ty = unsafe { ColumnType::of(schema, &what) }?;
        Ok(ColumnReader {
            values: ColumnValues::for_kind(ty.kind(), 0),
            ty,
            what,
            validity: Vec::new(),
        })
    }

    /// Appends rows `offset .. offset + length` of `array` (past its own offset).
    ///
    /// # Safety
    /// `array` is a valid Arrow array of the schema's type holding those rows.
    pub(super) unsafe fn read(
        &mut self,
        array: &ArrowArray,
        offset: usize,
        length: usize,
    ) -> GraphResult<()> {
        let own = usize::try_from(array.offset).map_err(|_| invalid("negative Arrow offset"))?;
        let available = usize::try_from(array.length).unwrap_or(0);
        if offset.checked_add(length).is_none_or(|end| end > available) {
            return Err(invalid(format!(
                "{}: the Arrow array is too short",
                self.what
            )));
        }
        let chunk = Chunk {
            array,
            offset: own + offset,
            length,
            what: &self.what,
        };
        // SAFETY: promised by the caller.
        let (values, valid) = unsafe {
            match self.ty.dictionary {
                None => chunk.read(self.ty.format)?,
                Some(values) => chunk.read_dictionary(self.ty.format, values)?,
            }
        };
        self.validity
            .try_reserve(valid.len())
            .map_err(GraphError::from)?;
        self.validity.extend(valid);
        self.values
            .append(values)
            .map_err(|_| invalid(format!("{}: batches of different types", self.what)))?;
        Ok(())
    }

    /// The rows read, as one array.
    pub(super) fn finish(self) -> GraphResult<Array> {
        Array::new(self.values, Some(self.validity))
    }
}

/// The node keys in `array`: ints (any int kind) or strings, borrowed from it. A null, or
/// a column of another kind, is `InvalidArgument` naming `what`.
pub(super) fn keys<'a>(array: &'a Array, what: &str) -> GraphResult<Vec<KeyRef<'a>>> {
    if let Some(row) = (0..array.len()).find(|&i| !array.is_valid(i)) {
        return Err(invalid(format!("{what} has a null at row {row}")));
    }
    let ints = |values: &mut dyn Iterator<Item = i64>| -> GraphResult<Vec<KeyRef<'a>>> {
        let mut keys = with_capacity(array.len())?;
        keys.extend(values.map(KeyRef::Int));
        Ok(keys)
    };
    match array.values() {
        ColumnValues::Int8(v) => ints(&mut v.iter().map(|&x| i64::from(x))),
        ColumnValues::Int16(v) => ints(&mut v.iter().map(|&x| i64::from(x))),
        ColumnValues::Int32(v) => ints(&mut v.iter().map(|&x| i64::from(x))),
        ColumnValues::Int64(v) => ints(&mut v.iter().copied()),
        ColumnValues::Str(v) => {
            let mut keys = with_capacity(v.len())?;
            keys.extend(v.iter().map(|s| KeyRef::Str(s)));
            Ok(keys)
        }
        ColumnValues::Empty if array.is_empty() => Ok(Vec::new()),
        other => Err(invalid(format!(
            "{what} holds {} values; keys are integers or strings",
            other.kind().name()
        ))),
    }
}
