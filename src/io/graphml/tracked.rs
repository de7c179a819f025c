//! The bytes the XML parser reads, with what it needs around them: where each line starts
//! (so a byte offset becomes a line and column), the cancel token (checked before every
//! refill, so a read stops also inside one huge element) and a bound on the bytes of one
//! XML event (so a file of one endless element, or a gzip that inflates to one, is refused
//! after that many bytes rather than exhausting memory).

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

use crate::core::Cancel;
use crate::io::located::Position;
use crate::io::text::find_byte;

/// The most bytes one XML event (a tag with its attributes, or a run of text) may span.
pub(crate) const MAX_EVENT_BYTES: u64 = 64 << 20;

/// Why a refill was refused (quick-xml reports it as an I/O error).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Stop {
    Cancelled,
    TooLong,
}

pub(super) struct Tracked<R> {
    inner: R,
    cancel: Cancel,
    /// Bytes handed to the parser so far.
    consumed: u64,
    /// The line (1-based) that starts at `line_start`: the line of the last mark.
    line: u64,
    line_start: u64,
    /// Offsets where the lines after `line` start, up to `consumed`.
    starts: VecDeque<u64>,
    /// The offset of the last mark: the start of the event being read.
    mark: u64,
    pub(super) stopped: Option<Stop>,
}

impl<R: BufRead> Tracked<R> {
    pub(super) fn new(inner: R, cancel: &Cancel) -> Tracked<R> {
        Tracked {
            inner,
            cancel: cancel.clone(),
            consumed: 0,
            line: 1,
            line_start: 0,
            starts: VecDeque::new(),
            mark: 0,
            stopped: None,
        }
    }

    /// Says that an event starts at `offset` (at most what was consumed): positions before
    /// it are not asked for any more.
    pub(super) fn mark(&mut self, offset: u64) {
        while let Some(&start) = self.starts.front() {
            if start > offset {
                break;
            }
            self.starts.pop_front();
            self.line += 1;
            self.line_start = start;
        }
        self.mark = offset;
    }

    /// The line and column of `offset`, which is at or after the last mark.
    pub(super) fn locate(&self, offset: u64) -> Position {
        let (mut line, mut start) = (self.line, self.line_start);
        for &s in self.starts.iter().take_while(|&&s| s <= offset) {
            line += 1;
            start = s;
        }
        Position {
            line,
            column: offset.saturating_sub(start) + 1,
        }
    }

    fn refuse(&mut self, stop: Stop) -> io::Error {
        self.stopped = Some(stop);
        io::Error::other(match stop {
            Stop::Cancelled => "cancelled",
            Stop::TooLong => "an XML element or text too long",
        })
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.cancel.is_triggered() {
            return Err(self.refuse(Stop::Cancelled));
        }
        if self.consumed - self.mark > MAX_EVENT_BYTES {
            return Err(self.refuse(Stop::TooLong));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        // The bytes consumed are still in the buffer the last `fill_buf` returned, which
        // `fill_buf` hands back again without reading.
        if let Ok(buf) = self.inner.fill_buf() {
            let mut rest = &buf[..amt.min(buf.len())];
            let mut at = self.consumed;
            while let Some(i) = find_byte(rest, b'\n') {
                at += i as u64 + 1;
                self.starts.push_back(at);
                rest = &rest[i + 1..];
            }
        }
        self.consumed += amt as u64;
        self.inner.consume(amt);
    }
}

impl<R: BufRead> Read for Tracked<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = b"ab\ncd\n\nefg";
        let mut t = Tracked::new(&text[..], &Cancel::new());
        let mut all = Vec::new();
        t.read_to_end(&mut all).unwrap();
        assert_eq!(t.locate(0), Position { line: 1, column: 1 });
        assert_eq!(t.locate(4), Position { line: 2, column: 2 });
        t.mark(7);
        assert_eq!(t.locate(7), Position { line: 4, column: 1 });
        assert_eq!(t.locate(9), Position { line: 4, column: 3 });
    }

    #[test]
    fn a_cancelled_token_stops_the_next_refill() {
        let cancel = Cancel::new();
        let mut t = Tracked::new(&b"abc"[..], &cancel);
        cancel.trigger();
        assert!(t.fill_buf().is_err());
        assert_eq!(t.stopped, Some(Stop::Cancelled));
    }
}
