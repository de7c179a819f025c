//! RFC 4180 records out of the lines of a file.
//!
//! Written here rather than taken from the `csv` crate because the reader needs two things
//! that crate does not give: whether a field was quoted (quoted fields are always text,
//! which is what makes a round trip exact), and a strict parse that reports an unbalanced
//! or misplaced quote with its position (the crate accepts any input). It also reuses the
//! edge-list reader's `LineReader`, so the line limit, the cancel checks inside long lines
//! and the progress count come with it.

use std::io::Read;

use super::Pos;
use crate::io::text::{find_byte, LineError, LineReader};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// One field of a record: `text[start..end]` of the record, unescaped.
#[derive(Clone, Copy, Debug)]
pub(super) struct Field {
    start: usize,
    end: usize,
    pub(super) quoted: bool,
    /// Where the field starts (its opening quote, when quoted).
    pub(super) pos: Pos,
}

/// One record: its fields' text laid end to end.
#[derive(Debug, Default)]
pub(super) struct Record {
    text: Vec<u8>,
    fields: Vec<Field>,
    /// Just past the record's last byte (where a missing field would have been).
    pub(super) end: Pos,
}

impl Record {
    pub(super) fn len(&self) -> usize {
        self.fields.len()
    }

    /// The text and the description of field `i`.
    pub(super) fn field(&self, i: usize) -> (&[u8], Field) {
        let f = self.fields[i];
        (&self.text[f.start..f.end], f)
    }
}

/// Why no record came.
#[derive(Debug)]
pub(super) enum RecordError {
    /// From the line reader (I/O, a line too long, no memory, cancelled).
    Line(LineError),
    /// The text is not RFC 4180 here.
    Malformed(Pos, &'static str),
    /// The record text could not grow by this many bytes.
    OutOfMemory(usize),
}

/// Splits lines into records: a field opened by a quote runs until its closing quote,
/// across line breaks.
pub(super) struct Records {
    delimiter: u8,
    /// Lines read so far.
    line: u64,
    /// The longest record kept, in bytes (a quote never closed stops here, not at the end
    /// of memory).
    max_record: usize,
}

/// Where a line left the record.
enum LineEnd {
    /// The record is complete.
    Done,
    /// A quoted field goes on past the line break.
    Open,
}

impl Records {
    pub(super) fn new(delimiter: u8, max_record: usize) -> Records {
        Records {
            delimiter,
            line: 0,
            max_record,
        }
    }

    /// Reads the next record into `record`; `false` at the end of the text. Blank lines
    /// between records are skipped.
    pub(super) fn next<R: Read>(
        &mut self,
        lines: &mut LineReader<R>,
        record: &mut Record,
    ) -> Result<bool, RecordError> {
        record.text.clear();
        record.fields.clear();
        let mut open = false;
        loop {
            let Some(line) = lines.next_line().map_err(RecordError::Line)? else {
                return match open {
                    true => {
                        let pos = record.fields.last().expect("an open field").pos;
                        Err(RecordError::Malformed(
                            pos,
                            "quoted field never closed (unbalanced quote)",
                        ))
                    }
                    false => Ok(false),
                };
            };
            self.line += 1;
            let line = match self.line {
                1 => line.strip_prefix(UTF8_BOM).unwrap_or(line),
                _ => line,
            };
            if !open && (line.is_empty() || line == b"\r") {
                continue;
            }
            match self.split(line, open, record)? {
                LineEnd::Done => return Ok(true),
                LineEnd::Open => {
                    if record.text.len() >= self.max_record {
                        let pos = record.fields.last().expect("an open field").pos;
                        return Err(RecordError::Malformed(
                            pos,
                            "quoted field longer than the longest record read (16 MiB): an \
                             unbalanced quote?",
                        ));
                    }
                    push(&mut record.text, b"\n")?;
                    open = true;
                }
            }
        }
    }

    /// Adds the fields of one line to `record`; `open`: the line starts inside the quoted
    /// field that ends the record so far.
    fn split(
        &self,
        line: &[u8],
        mut open: bool,
        record: &mut Record,
    ) -> Result<LineEnd, RecordError> {
        let d = self.delimiter;
        // A CR before the line break ends the line, unless it is inside quotes.
        let eol = match line.last() {
            Some(b'\r') => line.len() - 1,
            _ => line.len(),
        };
        let at = |i: usize| Pos {
            line: self.line,
            column: i + 1,
        };
        let mut i = 0;
        loop {
            if open {
                let Some(q) = find_byte(&line[i..], b'"').map(|q| i + q) else {
                    push(&mut record.text, &line[i..])?;
                    return Ok(LineEnd::Open);
                };
                push(&mut record.text, &line[i..q])?;
                if line.get(q + 1) == Some(&b'"') {
                    push(&mut record.text, b"\"")?;
                    i = q + 2;
                    continue;
                }
                open = false;
                record.fields.last_mut().expect("an open field").end = record.text.len();
                let after = q + 1;
                if after >= eol {
                    record.end = at(eol);
                    return Ok(LineEnd::Done);
                }
                if line[after] != d {
                    return Err(RecordError::Malformed(
                        at(after),
                        "expected the delimiter or the end of the line after a closing quote",
                    ));
                }
                i = after + 1;
            }
            let start = record.text.len();
            if i < eol && line[i] == b'"' {
                record.fields.push(Field {
                    start,
                    end: start,
                    quoted: true,
                    pos: at(i),
                });
                open = true;
                i += 1;
                continue;
            }
            let rest = &line[i..eol];
            let len = find_byte(rest, d).unwrap_or(rest.len());
            if let Some(q) = find_byte(&rest[..len], b'"') {
                return Err(RecordError::Malformed(
                    at(i + q),
                    "quote inside an unquoted field (quote the whole field and double its \
                     quotes)",
                ));
            }
            push(&mut record.text, &rest[..len])?;
            record.fields.push(Field {
                start,
                end: record.text.len(),
                quoted: false,
                pos: at(i),
            });
            if len == rest.len() {
                record.end = at(eol);
                return Ok(LineEnd::Done);
            }
            i += len + 1;
        }
    }
}

/// Appends `bytes`, reserving fallibly.
fn push(text: &mut Vec<u8>, bytes: &[u8]) -> Result<(), RecordError> {
    text.try_reserve(bytes.len())
        .map_err(|_| RecordError::OutOfMemory(text.len().saturating_add(bytes.len())))?;
    text.extend_from_slice(bytes);
    Ok(())
}
