//! Byte-level text scanning for the readers: lines out of a large reusable buffer, fields
//! out of a line, and integers out of a field, all without a `String` per line.

use std::io::{self, Read};

use crate::core::Cancel;

/// ASCII whitespace that separates fields: space, TAB, VT, FF and CR (a line never holds
/// LF, so `\r` of a CRLF ending is just trailing whitespace).
#[inline]
pub(crate) fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// `s` without leading and trailing ASCII whitespace.
#[inline]
pub(crate) fn trim(s: &[u8]) -> &[u8] {
    let mut start = 0;
    let mut end = s.len();
    while start < end && is_blank(s[start]) {
        start += 1;
    }
    while end > start && is_blank(s[end - 1]) {
        end -= 1;
    }
    &s[start..end]
}

/// The position of the first `needle` in `hay`, eight bytes at a time.
#[inline]
pub(crate) fn find_byte(hay: &[u8], needle: u8) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let pattern = LO * needle as u64;
    let mut chunks = hay.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes")) ^ pattern;
        // A zero byte of `word` is a match; the lowest flagged byte is always a true match.
        let found = word.wrapping_sub(LO) & !word & HI;
        if found != 0 {
            return Some(offset + (found.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == needle)
        .map(|p| offset + p)
}

/// The position of the first `needle` (one or more bytes) in `hay`.
fn find_seq(hay: &[u8], needle: &[u8]) -> Option<usize> {
    match needle {
        [b] => find_byte(hay, *b),
        _ => hay.windows(needle.len()).position(|w| w == needle),
    }
}

/// How a line splits into fields.
#[derive(Clone, Debug)]
pub(crate) enum Splitter {
    /// Any run of ASCII whitespace separates fields.
    Whitespace,
    /// Exactly this UTF-8 encoded character separates fields, each trimmed of whitespace.
    Delimiter(Vec<u8>),
}

/// At most this many fields are kept; `split` reports one more when there are more.
pub(crate) const MAX_FIELDS: usize = 3;

impl Splitter {
    pub(crate) fn new(delimiter: Option<char>) -> Splitter {
        match delimiter {
            None => Splitter::Whitespace,
            Some(c) => Splitter::Delimiter(c.to_string().into_bytes()),
        }
    }

    /// Splits a trimmed, non-empty line into `out` and returns the number of fields, or
    /// `MAX_FIELDS + 1` when there are more than `MAX_FIELDS`.
    #[inline]
    pub(crate) fn split<'a>(&self, line: &'a [u8], out: &mut [&'a [u8]; MAX_FIELDS]) -> usize {
        match self {
            Splitter::Whitespace => split_whitespace(line, out),
            Splitter::Delimiter(d) => split_delimiter(line, d, out),
        }
    }
}

#[inline]
fn split_whitespace<'a>(line: &'a [u8], out: &mut [&'a [u8]; MAX_FIELDS]) -> usize {
    let mut n = 0;
    let mut i = 0;
    loop {
        while i < line.len() && is_blank(line[i]) {
            i += 1;
        }
        if i == line.len() {
            return n;
        }
        let start = i;
        while i < line.len() && !is_blank(line[i]) {
            i += 1;
        }
        if n == MAX_FIELDS {
            return MAX_FIELDS + 1;
        }
        out[n] = &line[start..i];
        n += 1;
    }
}

fn split_delimiter<'a>(
    mut line: &'a [u8],
    delimiter: &[u8],
    out: &mut [&'a [u8]; MAX_FIELDS],
) -> usize {
    let mut n = 0;
    loop {
        let (field, rest) = match find_seq(line, delimiter) {
            Some(p) => (&line[..p], Some(&line[p + delimiter.len()..])),
            None => (line, None),
        };
        if n == MAX_FIELDS {
            return MAX_FIELDS + 1;
        }
        out[n] = trim(field);
        n += 1;
        match rest {
            Some(rest) => line = rest,
            None => return n,
        }
    }
}

/// A decimal `i64`: an optional sign and ASCII digits only (leading zeros allowed).
#[inline]
pub(crate) fn parse_i64(s: &[u8]) -> Option<i64> {
    let (negative, mut digits) = match s.first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() {
        return None;
    }
    if digits.len() > 19 {
        let zeros = digits.iter().take_while(|&&d| d == b'0').count();
        digits = &digits[zeros.min(digits.len() - 1)..];
        if digits.len() > 19 {
            return None;
        }
    }
    // Nineteen digits always fit in a u64.
    let mut value: u64 = 0;
    for &d in digits {
        let x = d.wrapping_sub(b'0');
        if x > 9 {
            return None;
        }
        value = value * 10 + x as u64;
    }
    if negative {
        0i64.checked_sub_unsigned(value)
    } else {
        i64::try_from(value).ok()
    }
}

/// Why [`LineReader::next_line`] gave no line.
#[derive(Debug)]
pub(crate) enum LineError {
    Io(io::Error),
    /// The line has more bytes than the reader's limit (given here).
    TooLong(usize),
    /// The buffer could not grow to this many bytes for a long line.
    OutOfMemory(usize),
    /// The cancel token was triggered.
    Cancelled,
}

/// Lines out of a reader through one large buffer that is reused (and grown only for a
/// line longer than it, up to a limit). Lines come without their `\n`; the last line may
/// lack one.
///
/// Bounded whatever the input: a line longer than `max_line` bytes is `TooLong` once the
/// buffer holds `max_line + 1` bytes of it (so `/dev/zero` or a gzip bomb of one endless
/// line cannot exhaust memory), the buffer grows by fallible reservation (`OutOfMemory`,
/// never an abort), and the cancel token is checked before every read from the input, so
/// a read is stopped inside one long line too. Each byte is searched for `\n` once, however
/// often a long line needs more reads.
pub(crate) struct LineReader<R> {
    inner: R,
    buf: Vec<u8>,
    /// The next line starts here.
    pos: usize,
    /// `buf[..end]` is filled.
    end: usize,
    /// `buf[pos..searched]` holds no `\n`.
    searched: usize,
    eof: bool,
    /// The buffer's first size: how much is read at a time.
    capacity: usize,
    max_line: usize,
    cancel: Cancel,
}

impl<R: Read> LineReader<R> {
    /// A reader of lines of at most `max_line` bytes (without the `\n`), reading `capacity`
    /// bytes at a time (the buffer is allocated on the first read).
    pub(crate) fn new(inner: R, capacity: usize, max_line: usize, cancel: &Cancel) -> Self {
        LineReader {
            inner,
            buf: Vec::new(),
            pos: 0,
            end: 0,
            searched: 0,
            eof: false,
            capacity: capacity.max(1),
            max_line,
            cancel: cancel.clone(),
        }
    }

    /// Bytes read from the inner reader but not yet handed out as lines.
    pub(crate) fn buffered(&self) -> usize {
        self.end - self.pos
    }

    pub(crate) fn next_line(&mut self) -> Result<Option<&[u8]>, LineError> {
        loop {
            let from = self.searched.max(self.pos);
            if let Some(i) = find_byte(&self.buf[from..self.end], b'\n') {
                let (start, stop) = (self.pos, from + i);
                if stop - start > self.max_line {
                    return Err(LineError::TooLong(self.max_line));
                }
                self.pos = stop + 1;
                self.searched = self.pos;
                return Ok(Some(&self.buf[start..stop]));
            }
            self.searched = self.end;
            if self.eof {
                if self.pos == self.end {
                    return Ok(None);
                }
                if self.end - self.pos > self.max_line {
                    return Err(LineError::TooLong(self.max_line));
                }
                let start = self.pos;
                self.pos = self.end;
                return Ok(Some(&self.buf[start..self.end]));
            }
            self.refill()?;
        }
    }

    /// Moves the partial line to the front and reads more after it, growing the buffer
    /// when the partial line fills it.
    fn refill(&mut self) -> Result<(), LineError> {
        if self.cancel.is_triggered() {
            return Err(LineError::Cancelled);
        }
        self.buf.copy_within(self.pos..self.end, 0);
        self.end -= self.pos;
        self.searched -= self.pos;
        self.pos = 0;
        if self.end == self.buf.len() {
            if self.end > self.max_line {
                return Err(LineError::TooLong(self.max_line));
            }
            // Room for the longest allowed line and its `\n`, no more.
            let len = self.buf.len();
            let new_len = len
                .saturating_mul(2)
                .max(self.capacity)
                .min(self.max_line.saturating_add(1));
            grow(&mut self.buf, new_len)?;
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(LineError::Io(e)),
            }
        }
    }
}

/// Grows `buf` to `new_len` zeroed bytes, reserving fallibly.
fn grow(buf: &mut Vec<u8>, new_len: usize) -> Result<(), LineError> {
    buf.try_reserve_exact(new_len.saturating_sub(buf.len()))
        .map_err(|_| LineError::OutOfMemory(new_len))?;
    buf.resize(new_len, 0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_byte_agrees_with_a_plain_search() {
        let hay: Vec<u8> = (0..200u32).map(|i| (i * 37 % 251) as u8).collect();
        for needle in [0u8, 1, 10, 37, 128, 200, 255] {
            for start in 0..20 {
                for end in (start..hay.len()).step_by(7) {
                    let s = &hay[start..end];
                    assert_eq!(
                        find_byte(s, needle),
                        s.iter().position(|&b| b == needle),
                        "needle {needle} in {start}..{end}"
                    );
                }
            }
        }
        // Bytes just above and below the needle must not be taken for it.
        assert_eq!(
            find_byte(b"\x0b\x0b\x09\x0b\x0b\x0b\x0b\x0b\x0a", b'\n'),
            Some(8)
        );
        assert_eq!(find_byte(b"\x8a\x8a\x8a\x8a\x8a\x8a\x8a\x8a", b'\n'), None);
        assert_eq!(find_seq(b"a->b->c", b"->"), Some(1));
    }

    #[test]
    fn whitespace_split_takes_runs_and_flags_a_fourth_field() {
        let mut out = [&b""[..]; MAX_FIELDS];
        let s = Splitter::new(None);
        assert_eq!(s.split(b"1 \t 2", &mut out), 2);
        assert_eq!(&out[..2], &[&b"1"[..], b"2"]);
        assert_eq!(s.split(b"a b 0.5", &mut out), 3);
        assert_eq!(out[2], b"0.5");
        assert_eq!(s.split(b"a b c d", &mut out), 4);
        assert_eq!(s.split(b"one", &mut out), 1);
    }

    #[test]
    fn delimiter_split_is_exact_and_trims_fields() {
        let mut out = [&b""[..]; MAX_FIELDS];
        let s = Splitter::new(Some(','));
        assert_eq!(s.split(b" a , b ,1.5", &mut out), 3);
        assert_eq!(out, [&b"a"[..], b"b", b"1.5"]);
        assert_eq!(s.split(b"a,,b", &mut out), 3);
        assert_eq!(out[1], b"");
        assert_eq!(s.split(b"a b", &mut out), 1);
        assert_eq!(s.split(b"a,b,c,d", &mut out), 4);
        let arrow = Splitter::new(Some('→'));
        assert_eq!(arrow.split("x → y".as_bytes(), &mut out), 2);
        assert_eq!(&out[..2], &[&b"x"[..], b"y"]);
    }

    #[test]
    fn integers_are_strict_and_exact() {
        assert_eq!(parse_i64(b"0"), Some(0));
        assert_eq!(parse_i64(b"-17"), Some(-17));
        assert_eq!(parse_i64(b"+17"), Some(17));
        assert_eq!(parse_i64(b"007"), Some(7));
        assert_eq!(parse_i64(b"9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_i64(b"-9223372036854775808"), Some(i64::MIN));
        assert_eq!(parse_i64(b"9223372036854775808"), None);
        assert_eq!(parse_i64(b"-9223372036854775809"), None);
        assert_eq!(parse_i64(b"99999999999999999999"), None);
        assert_eq!(parse_i64(b"000000000000000000000042"), Some(42));
        assert_eq!(parse_i64(b"00000000000000000000000"), Some(0));
        for bad in [&b""[..], b"-", b"+", b"1a", b"1.0", b" 1", b"--1", b"1e3"] {
            assert_eq!(parse_i64(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
    }

    fn all_lines(r: &mut LineReader<impl Read>) -> Result<Vec<Vec<u8>>, LineError> {
        let mut lines = Vec::new();
        while let Some(line) = r.next_line()? {
            lines.push(line.to_vec());
        }
        Ok(lines)
    }

    #[test]
    fn lines_cross_buffer_refills_and_long_lines_grow_it() {
        let text = b"ab\r\n\ncdefghijklmnop\nq\nlast";
        for capacity in [1, 2, 3, 5, 64] {
            let mut r = LineReader::new(&text[..], capacity, 100, &Cancel::new());
            assert_eq!(
                all_lines(&mut r).unwrap(),
                vec![
                    b"ab\r".to_vec(),
                    b"".to_vec(),
                    b"cdefghijklmnop".to_vec(),
                    b"q".to_vec(),
                    b"last".to_vec()
                ],
                "capacity {capacity}"
            );
        }
        let mut r = LineReader::new(&b"x\n"[..], 4, 100, &Cancel::new());
        assert_eq!(r.next_line().unwrap(), Some(&b"x"[..]));
        assert_eq!(r.next_line().unwrap(), None);
        assert_eq!(r.next_line().unwrap(), None);
    }

    #[test]
    fn a_line_longer_than_the_limit_is_an_error() {
        // 14 bytes: just within a limit of 14, one too many for 13, with or without `\n`.
        for text in [&b"a\ncdefghijklmnop\nq\n"[..], b"a\ncdefghijklmnop"] {
            for capacity in [1, 3, 64] {
                let mut r = LineReader::new(text, capacity, 14, &Cancel::new());
                assert_eq!(all_lines(&mut r).unwrap()[1], b"cdefghijklmnop");
                let mut r = LineReader::new(text, capacity, 13, &Cancel::new());
                assert_eq!(r.next_line().unwrap(), Some(&b"a"[..]));
                assert!(matches!(r.next_line(), Err(LineError::TooLong(13))));
            }
        }
        // An endless line: refused once the buffer holds one byte more than the limit.
        let mut r = LineReader::new(io::repeat(b'0'), 1 << 10, 1 << 20, &Cancel::new());
        assert!(matches!(r.next_line(), Err(LineError::TooLong(_))));
        assert!(r.buf.len() <= (1 << 20) + 1, "{}", r.buf.len());
    }

    /// Hands out endless bytes, and triggers the token once `after` bytes are out.
    struct Endless {
        cancel: Cancel,
        handed: usize,
        after: usize,
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(4096);
            buf[..n].fill(b'7');
            self.handed += n;
            if self.handed >= self.after {
                self.cancel.trigger();
            }
            Ok(n)
        }
    }

    #[test]
    fn cancel_stops_a_read_inside_one_long_line() {
        let cancel = Cancel::new();
        let endless = Endless {
            cancel: cancel.clone(),
            handed: 0,
            after: 100_000,
        };
        // No limit to speak of: only the token can stop this line.
        let mut r = LineReader::new(endless, 1 << 16, usize::MAX / 2, &cancel);
        assert!(matches!(r.next_line(), Err(LineError::Cancelled)));
        assert!(r.inner.handed < 100_000 + 4096 * 2, "{}", r.inner.handed);
    }

    #[test]
    fn a_buffer_that_cannot_grow_is_out_of_memory() {
        let mut buf = vec![0u8; 4];
        assert!(matches!(
            grow(&mut buf, isize::MAX as usize + 1),
            Err(LineError::OutOfMemory(_))
        ));
        assert_eq!(buf.len(), 4);
        grow(&mut buf, 8).unwrap();
        assert_eq!(buf, vec![0; 8]);
    }
}
