//! Reading a GML file: all of it into memory (plain or gzip, recognised by its content),
//! then parsed in one pass.

use std::io::{self, Read};
use std::path::Path;

use super::parser::{parse, ParseError};
use crate::core::{Cancel, GraphCore, GraphError, GraphResult};
use crate::io::edgelist::{io_error, Decoded};
use crate::io::located::{located, too_big};

/// Bytes read from the file (or decompressed) at a time; the cancel token is checked
/// between two reads.
const READ_CHUNK: usize = 1 << 16;

/// Reads a GML file into a new graph; see the module documentation.
pub fn read_gml(path: &Path, cancel: &Cancel) -> GraphResult<GraphCore> {
    cancel.check()?;
    let mut decoded = Decoded::open(path)?;
    let text = read_all(&mut decoded.reader, path, cancel)?;
    let loaded = parse(&text, cancel).map_err(|e| match e {
        ParseError::At(position, what) => located(path, position, what),
        ParseError::Plain(what) => GraphError::Io(format!("{}: {what}", path.display()).into()),
        ParseError::Cancelled => GraphError::Cancelled,
    })?;
    drop(text);
    loaded.into_graph()
}

/// Every byte of `reader`, grown by fallible reservation (a file too large for memory is
/// `OutOfMemory`, not an abort).
fn read_all(reader: &mut dyn Read, path: &Path, cancel: &Cancel) -> GraphResult<Vec<u8>> {
    let mut text = Vec::new();
    let mut chunk = vec![0u8; READ_CHUNK];
    loop {
        cancel.check()?;
        let n = match reader.read(&mut chunk) {
            Ok(0) => return Ok(text),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_error(path, &e)),
        };
        if text.capacity() - text.len() < n {
            let more = text.len().max(n);
            text.try_reserve(more)
                .map_err(|_| too_big(path, "its bytes"))?;
        }
        text.extend_from_slice(&chunk[..n]);
    }
}
