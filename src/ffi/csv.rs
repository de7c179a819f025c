//! CSV tables with attributes: an edges file and an optional nodes file, read with types
//! inferred per column and written so that they read back to the same graph. The format
//! and its rules live in `io::csv`; this is the boundary.

use std::ffi::{c_char, c_void};
use std::path::Path;

use crate::core::{GraphError, GraphResult};
use crate::io::{self, CsvOptions};

use super::algorithms::{gr_cancel, token};
use super::boundary::{out, run, utf8};
use super::files::{gr_progress_callback, path_arg, Report};
use super::graph::{gr_graph, graph};
use super::handles::into_handle;
use super::options::{init_options, read_options, VersionedOptions};
use super::status::gr_status;

/// The current version of `gr_csv_options`.
pub const GR_CSV_OPTIONS_VERSION: u32 = 1;

/// The options of `gr_graph_read_csv` and `gr_graph_write_csv`. Fill it with
/// `gr_csv_options_init(&opts, GR_CSV_OPTIONS_VERSION)`, then set the fields you need;
/// fields are only ever added at the end, with a new version.
#[repr(C)]
pub struct gr_csv_options {
    /// The version of the struct the caller fills (`GR_CSV_OPTIONS_VERSION` of its
    /// header); set by `gr_csv_options_init`.
    pub version: u32,
    /// Whether the graph read is directed (the files do not say). Default false; not used
    /// by `gr_graph_write_csv`.
    pub directed: bool,
    /// The field delimiter, one ASCII character other than `"`, CR and LF. Default `,`.
    /// Writing also refuses letters, digits, `-`, `+` and `.` (numbers are not quoted).
    pub delimiter: u32,
    /// The edges file's column of source keys: `source_len` bytes of UTF-8. Default
    /// `"source"`.
    pub source: *const c_char,
    pub source_len: usize,
    /// The edges file's column of target keys. Default `"target"`.
    pub target: *const c_char,
    pub target_len: usize,
    /// The nodes file's column of node keys. Default `"key"`.
    pub key: *const c_char,
    pub key_len: usize,
    /// Told how far a read has got, with `user_data` (NULL, the default: nobody). Not used
    /// by `gr_graph_write_csv`.
    pub progress: gr_progress_callback,
    pub user_data: *mut c_void,
}

// SAFETY: repr(C), `version` first, fields of plain numbers, bools and pointers (a C
// caller writes bools as 0 or 1); version 1 is the whole struct.
unsafe impl VersionedOptions for gr_csv_options {
    const VERSION: u32 = GR_CSV_OPTIONS_VERSION;
    const INIT: &'static str = "gr_csv_options_init";
    fn defaults() -> Self {
        gr_csv_options {
            version: GR_CSV_OPTIONS_VERSION,
            directed: false,
            delimiter: ',' as u32,
            source: c"source".as_ptr(),
            source_len: 6,
            target: c"target".as_ptr(),
            target_len: 6,
            key: c"key".as_ptr(),
            key_len: 3,
            progress: None,
            user_data: std::ptr::null_mut(),
        }
    }
    fn size_of_version(_version: u32) -> usize {
        std::mem::size_of::<Self>()
    }
}

/// Fills `*opts` with the defaults of `version` (normally `GR_CSV_OPTIONS_VERSION`):
/// undirected, delimiter `,`, columns `source`, `target` and `key`, no progress callback.
/// A version this library does not know (0, or newer than its own) is
/// `GR_STATUS_INVALID_ARGUMENT` and writes nothing.
///
/// # Safety
/// `opts` is NULL or points to a writable `gr_csv_options` of that version.
#[no_mangle]
pub unsafe extern "C" fn gr_csv_options_init(opts: *mut gr_csv_options, version: u32) -> gr_status {
    // SAFETY: passed on to the caller.
    run("csv_options_init", || unsafe {
        init_options(opts, version)
    })
}

/// The Rust options of `opts`.
///
/// # Safety
/// `opts` is NULL or an initialised `gr_csv_options` whose names point to their lengths.
unsafe fn csv_options(opts: &gr_csv_options) -> GraphResult<CsvOptions> {
    let delimiter = char::from_u32(opts.delimiter).ok_or_else(|| {
        GraphError::InvalidArgument(format!("delimiter {} is not a character", opts.delimiter))
    })?;
    // SAFETY: promised by the caller.
    let name = |ptr: *const c_char, len, what| unsafe { utf8(ptr.cast(), len, what) };
    Ok(CsvOptions {
        directed: opts.directed,
        delimiter,
        source: name(opts.source, opts.source_len, "source")?.to_string(),
        target: name(opts.target, opts.target_len, "target")?.to_string(),
        key: name(opts.key, opts.key_len, "key")?.to_string(),
    })
}

/// An optional path: NULL (with length 0) for none.
///
/// # Safety
/// `path` is NULL or points to `len` bytes.
unsafe fn optional_path<'a>(path: *const c_char, len: usize) -> GraphResult<Option<&'a Path>> {
    match path.is_null() {
        true if len == 0 => Ok(None),
        true => Err(GraphError::InvalidArgument(format!(
            "nodes path is NULL but its length is {len}"
        ))),
        // SAFETY: passed on to the caller.
        false => unsafe { path_arg(path, len) }.map(Some),
    }
}

/// Reads CSV tables into a new graph: the edges file (`edges_path`) with a header naming
/// its columns, two of them the source and target keys (`opts`: `source`, `target`),
/// every other an edge attribute; and, when `nodes_path` is not NULL, the nodes file, its
/// key column (`key`) and node attributes. RFC 4180: fields separated by the delimiter,
/// LF or CRLF line ends, double quotes around a field that holds the delimiter, a quote
/// (doubled) or a line break; UTF-8, a byte-order mark dropped, blank lines skipped, gzip
/// recognised by its magic bytes.
///
/// Types are inferred per column over its non-empty fields: a quoted field is always text
/// (a `str` column); else `int64` when every field is an integer that fits, `float64`
/// when every field is a number (`1.5`, `1e-3`, `NaN`, `inf`), `bool` when every field is
/// `true`/`false` (also `True`/`TRUE`/`False`/`FALSE`), else `str`. An empty field is an
/// absent attribute. Keys are int keys when every key of every key column is an unquoted
/// int64, else string keys for all. Nodes come in the nodes file's order, then the edges'
/// new endpoints; a repeated row updates the earlier one as an add would.
///
/// A malformed file is `GR_STATUS_IO` with a message `FILE:LINE:COLUMN: what` (the column
/// the 1-based byte offset in the line): no header, a missing key column, an empty or
/// repeated column name, a row with more or fewer fields than the header, a stray or
/// unbalanced quote, an empty key, text that is not UTF-8, a number beyond int64 or
/// float64 in a column of numbers; a line longer than 16 MiB too. `cancel` (may be NULL)
/// stops the read; a progress callback that returns non-OK stops it with
/// `GR_STATUS_CALLBACK`; `GR_STATUS_OUT_OF_MEMORY` when the tables do not fit in memory;
/// bad options are `GR_STATUS_INVALID_ARGUMENT`. Nothing is returned on failure. Paths as
/// for `gr_graph_read_edgelist`.
///
/// # Safety
/// `edges_path` points to `edges_len` bytes; `nodes_path` is NULL or points to `nodes_len`
/// bytes; `opts` is NULL or an initialised `gr_csv_options` whose names point to their
/// lengths and whose `progress` is NULL or safe to call with its `user_data`; `cancel` is
/// NULL or live; `out_graph` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_read_csv(
    edges_path: *const c_char,
    edges_len: usize,
    nodes_path: *const c_char,
    nodes_len: usize,
    opts: *const gr_csv_options,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    run("read_csv", || {
        // SAFETY: promised by the caller.
        let (edges, nodes, opts, cancel, out_graph) = unsafe {
            (
                path_arg(edges_path, edges_len)?,
                optional_path(nodes_path, nodes_len)?,
                read_options(opts)?,
                token(cancel),
                out(out_graph, "graph")?,
            )
        };
        // SAFETY: promised by the caller.
        let options = unsafe { csv_options(&opts)? };
        // SAFETY: the caller vouches for the callback and its user_data.
        let mut report = unsafe { Report::new(opts.progress, opts.user_data, &cancel) };
        let result = io::read_csv(edges, nodes, &options, &cancel, &mut |done, total| {
            report.progress(done, total)
        });
        *out_graph = into_handle(gr_graph::new(report.result(result)?));
        Ok(())
    })
}

/// Writes the graph as CSV tables that `gr_graph_read_csv` with the same options reads
/// back to the same graph: the edges file (source, target, then every edge attribute; one
/// row per edge, in order) and, when `nodes_path` is not NULL, the nodes file (key, then
/// every node attribute; one row per node, in order). Strings and string keys are always
/// quoted (so they read back as text), numbers and bools never; floats are written in the
/// shortest form that reads back to the same value, always with a `.` or an exponent
/// (`1.0`, `NaN`, `inf`); an absent attribute is an empty field.
///
/// `GR_STATUS_INVALID_ARGUMENT`, before any file is written, for a graph the tables cannot
/// hold exactly: a Null value, an attribute of a kind other than int64, float64, bool and
/// str, int and string keys mixed, an attribute named like a key column; and, without a
/// nodes file, node attributes or nodes the edges do not give in order (isolated ones).
/// Each file is replaced atomically, as by `gr_graph_write_edgelist`, the nodes file
/// first. Paths as for `gr_graph_read_edgelist`.
///
/// # Safety
/// `g` is NULL or a live graph; `edges_path` points to `edges_len` bytes; `nodes_path` is
/// NULL or points to `nodes_len` bytes; `opts` is NULL or an initialised `gr_csv_options`
/// whose names point to their lengths.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_write_csv(
    g: *const gr_graph,
    edges_path: *const c_char,
    edges_len: usize,
    nodes_path: *const c_char,
    nodes_len: usize,
    opts: *const gr_csv_options,
) -> gr_status {
    run("write_csv", || {
        // SAFETY: promised by the caller.
        let (g, edges, nodes, opts) = unsafe {
            (
                graph(g)?,
                path_arg(edges_path, edges_len)?,
                optional_path(nodes_path, nodes_len)?,
                read_options(opts)?,
            )
        };
        // SAFETY: promised by the caller.
        let options = unsafe { csv_options(&opts)? };
        let graph = g.core.read();
        io::write_csv(&graph, edges, nodes, &options)
    })
}
