//! What the GraphML and GML writers share: the output, written in large chunks of text, and
//! the walk over every node and edge that checks their values before anything is written.

use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::Path;

use crate::core::{GraphCore, GraphResult};
use crate::io::edgelist::io_error;

const WRITE_BUFFER: usize = 1 << 20;

/// Text gathered in `text` and written to the file whenever half a buffer is full.
pub(crate) struct Chunked<'f> {
    out: BufWriter<&'f File>,
    path: &'f Path,
    pub(crate) text: String,
}

impl<'f> Chunked<'f> {
    pub(crate) fn new(file: &'f File, path: &'f Path) -> Chunked<'f> {
        Chunked {
            out: BufWriter::with_capacity(WRITE_BUFFER, file),
            path,
            text: String::with_capacity(WRITE_BUFFER),
        }
    }

    /// Writes the text gathered so far once it is large.
    pub(crate) fn flush_if_full(&mut self) -> GraphResult<()> {
        if self.text.len() >= WRITE_BUFFER / 2 {
            self.write_text()?;
        }
        Ok(())
    }

    fn write_text(&mut self) -> GraphResult<()> {
        let path = self.path;
        self.out
            .write_all(self.text.as_bytes())
            .map_err(|e| io_error(path, &e))?;
        self.text.clear();
        Ok(())
    }

    /// Writes the rest and flushes.
    pub(crate) fn finish(mut self) -> GraphResult<()> {
        self.write_text()?;
        let path = self.path;
        self.out.flush().map_err(|e| io_error(path, &e))
    }
}

/// `check(on_edges, index, who)` for every node (when `nodes`), then every edge (when
/// `edges`); `who()` names the entity for a message (`node 5`, `edge (1, 2)`).
pub(crate) fn check_entities(
    graph: &GraphCore,
    nodes: bool,
    edges: bool,
    mut check: impl FnMut(bool, usize, &dyn Fn() -> String) -> GraphResult<()>,
) -> GraphResult<()> {
    if nodes {
        for n in graph.node_indices() {
            check(false, n as usize, &|| format!("node {}", graph.node_key(n)))?;
        }
    }
    if edges {
        for e in graph.edge_indices() {
            check(true, e as usize, &|| {
                let (u, v) = graph.edge_keys(e);
                format!("edge ({u}, {v})")
            })?;
        }
    }
    Ok(())
}
