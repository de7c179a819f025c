//! Byte-level text scanning for the readers: lines out of a large reusable buffer, fields
//! out of a line, and integers out of a field, all without a `String` per line.

use std::io::{self, Read};

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

/// Lines out of a reader through one large buffer that is reused (and grown only for a
/// line longer than it). Lines come without their `\n`; the last line may lack one.
pub(crate) struct LineReader<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    eof: bool,
}

impl<R: Read> LineReader<R> {
    pub(crate) fn new(inner: R, capacity: usize) -> LineReader<R> {
        LineReader {
            inner,
            buf: vec![0; capacity.max(1)],
            pos: 0,
            end: 0,
            eof: false,
        }
    }

    /// Bytes read from the inner reader but not yet handed out as lines.
    pub(crate) fn buffered(&self) -> usize {
        self.end - self.pos
    }

    pub(crate) fn next_line(&mut self) -> io::Result<Option<&[u8]>> {
        loop {
            if let Some(i) = find_byte(&self.buf[self.pos..self.end], b'\n') {
                let start = self.pos;
                self.pos += i + 1;
                return Ok(Some(&self.buf[start..start + i]));
            }
            if self.eof {
                if self.pos == self.end {
                    return Ok(None);
                }
                let start = self.pos;
                self.pos = self.end;
                return Ok(Some(&self.buf[start..self.end]));
            }
            self.refill()?;
        }
    }

    /// Moves the partial line to the front and reads more after it.
    fn refill(&mut self) -> io::Result<()> {
        self.buf.copy_within(self.pos..self.end, 0);
        self.end -= self.pos;
        self.pos = 0;
        if self.end == self.buf.len() {
            let len = self.buf.len();
            self.buf.resize(len * 2, 0);
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
                Err(e) => return Err(e),
            }
        }
    }
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

    #[test]
    fn lines_cross_buffer_refills_and_long_lines_grow_it() {
        let text = b"ab\r\n\ncdefghijklmnop\nq\nlast";
        for capacity in [1, 2, 3, 5, 64] {
            let mut r = LineReader::new(&text[..], capacity);
            let mut lines = Vec::new();
            while let Some(line) = r.next_line().unwrap() {
                lines.push(line.to_vec());
            }
            assert_eq!(
                lines,
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
        let mut r = LineReader::new(&b"x\n"[..], 4);
        assert_eq!(r.next_line().unwrap(), Some(&b"x"[..]));
        assert_eq!(r.next_line().unwrap(), None);
        assert_eq!(r.next_line().unwrap(), None);
    }
}
