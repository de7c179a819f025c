//! Where the bytes of an edge list come from: the file, decompressed when it is gzip,
//! with a count of the bytes read so the progress can be told.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use flate2::bufread::MultiGzDecoder;

use super::{io_error, MAX_LINE_BYTES};
use crate::core::{Cancel, GraphResult};
use crate::io::text::LineReader;

/// Bytes read from the file (or decompressed) at a time.
const READ_BUFFER: usize = 1 << 20;
/// Compressed bytes buffered in front of the gzip decoder.
const GZIP_BUFFER: usize = 1 << 16;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The open file, decompressed when it is gzip, with a count of the bytes read from it.
pub(crate) struct Source {
    pub(crate) lines: LineReader<Box<dyn Read>>,
    /// Bytes read from the file itself (compressed bytes for gzip).
    read: Rc<Cell<u64>>,
    /// The file's size (0 when unknown).
    pub(crate) total: u64,
    gzip: bool,
}

impl Source {
    pub(crate) fn open(path: &Path, cancel: &Cancel) -> GraphResult<Source> {
        let decoded = Decoded::open(path)?;
        Ok(Source {
            lines: LineReader::new(decoded.reader, READ_BUFFER, MAX_LINE_BYTES, cancel),
            read: decoded.read,
            total: decoded.total,
            gzip: decoded.gzip,
        })
    }

    /// Bytes of the file dealt with so far: read and, for plain text, parsed.
    pub(crate) fn done(&self) -> u64 {
        match self.gzip {
            true => self.read.get(),
            false => self.read.get().saturating_sub(self.lines.buffered() as u64),
        }
    }
}

/// The bytes of a file, decompressed when it starts with the gzip magic bytes (whatever its
/// name), with a count of the bytes read from the file itself: what every text reader
/// (edge lists, GraphML, GML) reads.
pub(crate) struct Decoded {
    pub(crate) reader: Box<dyn Read>,
    /// Bytes read from the file itself (compressed bytes for gzip).
    pub(crate) read: Rc<Cell<u64>>,
    /// The file's size (0 when unknown).
    pub(crate) total: u64,
    pub(crate) gzip: bool,
}

impl Decoded {
    /// Opens `path`; `Io("{path}: {os error}")` when it cannot be opened or read.
    pub(crate) fn open(path: &Path) -> GraphResult<Decoded> {
        let fail = |e: io::Error| io_error(path, &e);
        let mut file = File::open(path).map_err(fail)?;
        let total = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut magic = [0u8; 2];
        let mut got = 0;
        while got < magic.len() {
            match file.read(&mut magic[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(fail(e)),
            }
        }
        let read = Rc::new(Cell::new(got as u64));
        let rest = Counted {
            inner: file,
            read: read.clone(),
        };
        let stream = io::Cursor::new(magic).take(got as u64).chain(rest);
        let gzip = got == 2 && magic == GZIP_MAGIC;
        let reader: Box<dyn Read> = if gzip {
            let buffered = BufReader::with_capacity(GZIP_BUFFER, stream);
            Box::new(MultiGzDecoder::new(buffered))
        } else {
            Box::new(stream)
        };
        Ok(Decoded {
            reader,
            read,
            total,
            gzip,
        })
    }
}

/// A reader that counts the bytes it hands out.
struct Counted<R> {
    inner: R,
    read: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}
