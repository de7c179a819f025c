//! Reading GraphML: quick-xml's streaming reader turns the file into events, which
//! `Document` (document.rs) turns into nodes, edges and attributes. This file runs the
//! event loop and turns every failure into an error with its line and column.

use std::io::BufReader;
use std::path::Path;

use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

use super::document::Document;
use super::tracked::{Stop, Tracked, MAX_EVENT_BYTES};
use crate::core::{Cancel, GraphCore, GraphError, GraphResult};
use crate::io::edgelist::{io_error, Decoded};
use crate::io::located::located;

/// Bytes read from the file (or decompressed) at a time.
const READ_BUFFER: usize = 1 << 16;

/// Reads a GraphML file (plain or gzip, recognised by its content) into a new graph; see
/// the module documentation for what is read and how.
pub fn read_graphml(path: &Path, cancel: &Cancel) -> GraphResult<GraphCore> {
    cancel.check()?;
    let decoded = Decoded::open(path)?;
    let tracked = Tracked::new(
        BufReader::with_capacity(READ_BUFFER, decoded.reader),
        cancel,
    );
    let mut reader = Reader::from_reader(tracked);
    let mut document = Document::default();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let at = reader.buffer_position();
        reader.get_mut().mark(at);
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) => {
                let tracked = reader.get_ref();
                return Err(match (&e, tracked.stopped) {
                    (_, Some(Stop::Cancelled)) => GraphError::Cancelled,
                    (_, Some(Stop::TooLong)) => located(
                        path,
                        tracked.locate(at),
                        format!("an XML tag or text longer than {MAX_EVENT_BYTES} bytes"),
                    ),
                    (quick_xml::Error::Io(io), None) => io_error(path, io),
                    _ => {
                        let offset = reader.error_position().max(at);
                        located(path, tracked.locate(offset), format!("malformed XML: {e}"))
                    }
                });
            }
        };
        let fail = |what: String| located(path, reader.get_ref().locate(at), what);
        let handled = match event {
            Event::Start(e) => document.start(&e, false),
            Event::Empty(e) => document.start(&e, true).and_then(|()| document.end()),
            Event::End(_) => document.end(),
            Event::Text(t) => match t.xml10_content() {
                Ok(text) => document.text(&text),
                Err(_) => Err("text that is not valid UTF-8".into()),
            },
            Event::CData(t) => match t.xml10_content() {
                Ok(text) => document.text(&text),
                Err(_) => Err("CDATA that is not valid UTF-8".into()),
            },
            Event::GeneralRef(r) => reference(&r).and_then(|c| document.text(&c)),
            Event::DocType(d) => doctype(&d),
            Event::Decl(d) => declaration(&d),
            Event::Comment(_) | Event::PI(_) => Ok(()),
            Event::Eof => break,
        };
        handled.map_err(fail)?;
    }
    let end = reader.buffer_position();
    let at = reader.get_ref().locate(end);
    document
        .finish()
        .map_err(|what| located(path, at, what))?
        .into_graph()
}

/// The text of `&...;` in content: a character reference, or one of XML's five predefined
/// entities. Any other entity is an error: entities a DOCTYPE declares are never expanded.
fn reference(r: &BytesRef<'_>) -> Result<String, String> {
    let name = std::str::from_utf8(r).map_err(|_| "an entity name that is not UTF-8")?;
    if let Some(c) = r
        .resolve_char_ref()
        .map_err(|e| format!("bad character reference &{name};: {e}"))?
    {
        return Ok(c.to_string());
    }
    match quick_xml::escape::resolve_predefined_entity(name) {
        Some(text) => Ok(text.to_string()),
        None => Err(format!(
            "unknown entity &{name}; (groggy never expands entities a DOCTYPE declares)"
        )),
    }
}

/// A DOCTYPE is skipped, unless it declares entities: those are refused outright, so no
/// external entity is ever fetched and no entity ever expanded (no "billion laughs").
fn doctype(d: &quick_xml::events::BytesText<'_>) -> Result<(), String> {
    let text: &[u8] = d;
    if text.windows(8).any(|w| w == b"<!ENTITY") {
        return Err(
            "the DOCTYPE declares entities, which groggy refuses (it never expands \
                    entities or reads external ones)"
                .into(),
        );
    }
    Ok(())
}

/// The XML declaration: only UTF-8 (and its subset ASCII) is read.
fn declaration(d: &quick_xml::events::BytesDecl<'_>) -> Result<(), String> {
    let Some(encoding) = d.encoding() else {
        return Ok(());
    };
    let encoding = encoding.map_err(|e| format!("bad XML declaration: {e}"))?;
    let name = String::from_utf8_lossy(&encoding).to_ascii_lowercase();
    match name.as_str() {
        "utf-8" | "utf8" | "us-ascii" | "ascii" => Ok(()),
        _ => Err(format!(
            "the file is encoded in {name}; groggy reads GraphML in UTF-8 only"
        )),
    }
}
