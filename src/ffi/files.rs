//! Files: edge lists and the native format. Paths are `(ptr, len)` byte strings, not
//! NUL-terminated: on Unix any bytes the OS takes as a file name (so names that are not
//! UTF-8, as Linux allows, work too); elsewhere UTF-8. Error messages show a path that is
//! not UTF-8 with U+FFFD for its bad bytes. A load that fails returns `GR_STATUS_IO` with a
//! message naming the file (and the line, for edge lists); it never crashes on a damaged
//! file.

use std::ffi::{c_char, c_void};
use std::path::Path;

use crate::core::{Cancel, GraphError, GraphResult, IoFailure};
use crate::io::{self, native, KeyKind, ReadOptions};

use super::algorithms::{gr_cancel, token};
use super::boundary::{out, run, slice, utf8};
use super::graph::{gr_graph, graph};
use super::handles::into_handle;
use super::options::{init_options, read_options, VersionedOptions};
use super::status::gr_status;

/// Key modes of `gr_graph_read_edgelist`: which kind its node keys are read as (not to be
/// confused with the `GR_KEY_*` kind of one key).
pub const GR_EDGELIST_KEYS_AUTO: i32 = 0;
pub const GR_EDGELIST_KEYS_INT: i32 = 1;
pub const GR_EDGELIST_KEYS_STR: i32 = 2;

/// The longest line `gr_graph_read_edgelist` reads (16 MiB); a longer one is `GR_STATUS_IO`
/// naming the line.
pub const GR_EDGELIST_MAX_LINE_BYTES: usize = 16_777_216;
const _: () = assert!(GR_EDGELIST_MAX_LINE_BYTES == io::MAX_LINE_BYTES);

/// Told how far a long load has got: `done` of `total` bytes. Return `GR_STATUS_OK` to go
/// on; any other status stops the load (which then returns `GR_STATUS_CALLBACK`).
pub type gr_progress_callback =
    Option<unsafe extern "C" fn(user_data: *mut c_void, done: u64, total: u64) -> gr_status>;

/// The caller's progress callback during a load: told `(done, total)` until it returns a
/// status other than OK, which stops the load (through the load's cancel token).
pub(super) struct Report {
    callback: gr_progress_callback,
    user_data: *mut c_void,
    cancel: Cancel,
    stopped: bool,
}

impl Report {
    /// # Safety
    /// `callback` is NULL or safe to call with `user_data` while the `Report` lives.
    pub(super) unsafe fn new(
        callback: gr_progress_callback,
        user_data: *mut c_void,
        cancel: &Cancel,
    ) -> Report {
        Report {
            callback,
            user_data,
            cancel: cancel.clone(),
            stopped: false,
        }
    }

    pub(super) fn progress(&mut self, done: u64, total: u64) {
        if self.stopped {
            return; // the callback said stop: it is not told any more
        }
        if let Some(callback) = self.callback {
            // SAFETY: promised to `new` by its caller.
            if unsafe { callback(self.user_data, done, total) } != 0 {
                self.stopped = true;
                self.cancel.trigger();
            }
        }
    }

    /// The load's result, or `Callback` when the callback stopped it.
    pub(super) fn result<T>(self, result: GraphResult<T>) -> GraphResult<T> {
        match self.stopped {
            true => Err(GraphError::Callback(
                "the progress callback stopped the load".into(),
            )),
            false => result,
        }
    }
}

/// The path `(path, len)`: its bytes as they are on Unix (where a file name is any bytes
/// but NUL), UTF-8 elsewhere.
///
/// # Safety
/// `path` points to `len` bytes.
#[cfg(unix)]
pub(super) unsafe fn path_arg<'a>(path: *const c_char, len: usize) -> GraphResult<&'a Path> {
    use std::os::unix::ffi::OsStrExt;
    // SAFETY: passed on to the caller.
    let bytes = unsafe { slice(path.cast::<u8>(), len, "path") }?;
    Ok(Path::new(std::ffi::OsStr::from_bytes(bytes)))
}

/// # Safety
/// `path` points to `len` bytes.
#[cfg(not(unix))]
pub(super) unsafe fn path_arg<'a>(path: *const c_char, len: usize) -> GraphResult<&'a Path> {
    // SAFETY: passed on to the caller.
    unsafe { utf8(path.cast(), len, "path") }.map(Path::new)
}

/// The current version of `gr_edgelist_options`.
pub const GR_EDGELIST_OPTIONS_VERSION: u32 = 1;

/// The options of `gr_graph_read_edgelist`. Fill it with `gr_edgelist_options_init(&opts,
/// GR_EDGELIST_OPTIONS_VERSION)`, then set the fields you need; fields are only ever
/// added at the end, with a new version.
#[repr(C)]
pub struct gr_edgelist_options {
    /// The version of the struct the caller fills (`GR_EDGELIST_OPTIONS_VERSION` of its
    /// header); set by `gr_edgelist_options_init`.
    pub version: u32,
    /// Whether the graph is directed. Default false.
    pub directed: bool,
    /// Lines starting with these `comments_len` bytes of UTF-8 are skipped (`comments_len`
    /// 0: none; `comments` may then be NULL). Default `"#"`.
    pub comments: *const c_char,
    pub comments_len: usize,
    /// The character (a Unicode scalar value) between fields; negative, the default:
    /// any run of whitespace.
    pub delimiter: i32,
    /// `GR_EDGELIST_KEYS_AUTO` (the default: ints when every key is one, else strings),
    /// `GR_EDGELIST_KEYS_INT` or `GR_EDGELIST_KEYS_STR`.
    pub keys: i32,
    /// Whether the first line that is not a comment is a header to skip. Default false.
    pub header: bool,
    /// Told how far the load has got, with `user_data` (NULL, the default: nobody).
    pub progress: gr_progress_callback,
    pub user_data: *mut c_void,
}

// SAFETY: repr(C), `version` first, fields of plain numbers, bools and pointers (a C
// caller writes bools as 0 or 1); version 1 is the whole struct.
unsafe impl VersionedOptions for gr_edgelist_options {
    const VERSION: u32 = GR_EDGELIST_OPTIONS_VERSION;
    const INIT: &'static str = "gr_edgelist_options_init";
    fn defaults() -> Self {
        gr_edgelist_options {
            version: GR_EDGELIST_OPTIONS_VERSION,
            directed: false,
            comments: c"#".as_ptr(),
            comments_len: 1,
            delimiter: -1,
            keys: GR_EDGELIST_KEYS_AUTO,
            header: false,
            progress: None,
            user_data: std::ptr::null_mut(),
        }
    }
    fn size_of_version(_version: u32) -> usize {
        std::mem::size_of::<Self>()
    }
}

/// Fills `*opts` with the defaults of `version` (normally `GR_EDGELIST_OPTIONS_VERSION`):
/// undirected, comments `"#"`, fields separated by whitespace, `GR_EDGELIST_KEYS_AUTO`, no header,
/// no progress callback. A version this library does not know (0, or newer than its own)
/// is `GR_STATUS_INVALID_ARGUMENT` and writes nothing.
///
/// # Safety
/// `opts` is NULL or points to a writable `gr_edgelist_options` of that version.
#[no_mangle]
pub unsafe extern "C" fn gr_edgelist_options_init(
    opts: *mut gr_edgelist_options,
    version: u32,
) -> gr_status {
    // SAFETY: passed on to the caller.
    run("edgelist_options_init", || unsafe {
        init_options(opts, version)
    })
}

/// Reads an edge list: `u v [weight]` lines, fields separated as `opts` says (NULL: the
/// defaults; see `gr_edgelist_options`); comment lines skipped, and the first other line
/// too with `header`; gzip recognised by its magic bytes; LF or CRLF. A third column
/// becomes the edge attribute "weight", a Float64 column unless a line `# groggy:
/// weight=KIND` (written by `gr_graph_write_edgelist`) names another type. `cancel` (may be
/// NULL) stops it, also inside one long line. A malformed line is `GR_STATUS_IO` naming the
/// file and the line number, and so is a line longer than 16 MiB (so an endless line, as in
/// /dev/zero, is refused, not read until memory runs out); `GR_STATUS_OUT_OF_MEMORY` when
/// the keys or weights of the file do not fit in memory; an options version this library
/// does not know is `GR_STATUS_INVALID_ARGUMENT`.
///
/// Paths, here and in the other file functions, are `path_len` bytes (no NUL needed): on
/// Unix the file name's bytes as they are, which need not be UTF-8; elsewhere UTF-8.
///
/// # Safety
/// `path` points to `path_len` bytes; `opts` is NULL or an initialised
/// `gr_edgelist_options` whose `comments` points to `comments_len` bytes and whose
/// `progress` is NULL or safe to call with its `user_data`; `cancel` is NULL or live;
/// `out_graph` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_read_edgelist(
    path: *const c_char,
    path_len: usize,
    opts: *const gr_edgelist_options,
    cancel: *const gr_cancel,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    run("read_edgelist", || {
        // SAFETY: promised by the caller.
        let (path, opts, cancel, out_graph) = unsafe {
            (
                path_arg(path, path_len)?,
                read_options(opts)?,
                token(cancel),
                out(out_graph, "graph")?,
            )
        };
        // SAFETY: promised by the caller.
        let comments = unsafe { utf8(opts.comments.cast(), opts.comments_len, "comments")? };
        let delimiter = match opts.delimiter {
            d if d < 0 => None,
            d => Some(char::from_u32(d as u32).ok_or_else(|| {
                GraphError::InvalidArgument(format!("delimiter {d} is not a character"))
            })?),
        };
        let keys = match opts.keys {
            GR_EDGELIST_KEYS_AUTO => KeyKind::Auto,
            GR_EDGELIST_KEYS_INT => KeyKind::Int,
            GR_EDGELIST_KEYS_STR => KeyKind::Str,
            other => {
                return Err(GraphError::InvalidArgument(format!(
                    "unknown key kind {other}"
                )))
            }
        };
        let options = ReadOptions {
            directed: opts.directed,
            comments: comments.to_string(),
            delimiter,
            keys,
            header: opts.header,
        };
        // SAFETY: the caller vouches for the callback and its user_data.
        let mut report = unsafe { Report::new(opts.progress, opts.user_data, &cancel) };
        let result = io::read_edgelist(path, &options, &cancel, &mut |done, total| {
            report.progress(done, total)
        });
        let result = report.result(result);
        *out_graph = into_handle(gr_graph::new(result?));
        Ok(())
    })
}

/// Writes the graph as `u<delimiter>v[<delimiter>weight]` lines, in edge order, which
/// `gr_graph_read_edgelist` reads back to the same nodes (in order, isolated ones on
/// `# groggy: node KEY` lines) and edges with their weights, of the same column type (a
/// `# groggy: weight=KIND` line for any but Float64; a column of mixed kinds reads back
/// as Float64); other attributes are not kept. `GR_STATUS_INVALID_ARGUMENT` for a graph an edge list cannot hold faithfully (a
/// key with whitespace or the delimiter, int and string keys mixed, a weight that is not a
/// number). The file is replaced atomically: a symlink's target is replaced, and an
/// existing target that is not a regular file (device, FIFO, socket, folder) is refused
/// with `GR_STATUS_IO` and left as it is. `path` as for `gr_graph_read_edgelist`.
///
/// # Safety
/// `g` is NULL or a live graph; `path` points to `path_len` bytes.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_write_edgelist(
    g: *const gr_graph,
    path: *const c_char,
    path_len: usize,
    delimiter: u32,
) -> gr_status {
    run("write_edgelist", || {
        // SAFETY: promised by the caller.
        let (g, path) = unsafe { (graph(g)?, path_arg(path, path_len)?) };
        let delimiter = char::from_u32(delimiter).ok_or_else(|| {
            GraphError::InvalidArgument(format!("delimiter {delimiter} is not a character"))
        })?;
        let graph = g.core.read();
        io::write_edgelist(&graph, path, delimiter)
    })
}

/// Saves the graph in the native format: every node, edge and attribute exactly, in order.
/// Writes a temporary file next to the target and renames it over the target, so an
/// error never damages a previous file; symlinks and special files as for
/// `gr_graph_write_edgelist`. `path` as for `gr_graph_read_edgelist`.
///
/// # Safety
/// `g` is NULL or a live graph; `path` points to `path_len` bytes.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_save(
    g: *const gr_graph,
    path: *const c_char,
    path_len: usize,
) -> gr_status {
    run("save", || {
        // SAFETY: promised by the caller.
        let (g, path) = unsafe { (graph(g)?, path_arg(path, path_len)?) };
        let graph = g.core.read();
        native::save(&graph, path)
    })
}

/// Loads a graph saved with `gr_graph_save`. A missing, truncated, corrupted or
/// newer-version file is `GR_STATUS_IO` with a message saying which. `path` as for
/// `gr_graph_read_edgelist`.
///
/// # Safety
/// `path` points to `path_len` bytes; `out_graph` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_load(
    path: *const c_char,
    path_len: usize,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    run("load", || {
        // SAFETY: promised by the caller.
        let (path, out_graph) = unsafe { (path_arg(path, path_len)?, out(out_graph, "graph")?) };
        *out_graph = into_handle(gr_graph::new(native::load(path)?));
        Ok(())
    })
}

/// Whether the file at `path` is in the native format (by its magic number, never by its
/// name). `GR_STATUS_IO` when it cannot be read. `path` as for `gr_graph_read_edgelist`.
///
/// # Safety
/// `path` points to `path_len` bytes; `out_native` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_file_is_native(
    path: *const c_char,
    path_len: usize,
    out_native: *mut bool,
) -> gr_status {
    run("is_native", || {
        // SAFETY: promised by the caller.
        let (path, out_native) = unsafe { (path_arg(path, path_len)?, out(out_native, "native")?) };
        use std::io::Read;
        let mut prefix = [0u8; 16];
        let mut file = std::fs::File::open(path)
            .map_err(|e| GraphError::Io(IoFailure::os(format!("'{}': {e}", path.display()), &e)))?;
        let mut filled = 0;
        while filled < prefix.len() {
            match file.read(&mut prefix[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) => {
                    let message = format!("'{}': {e}", path.display());
                    return Err(GraphError::Io(IoFailure::os(message, &e)));
                }
            }
        }
        *out_native = native::is_native(&prefix[..filled]);
        Ok(())
    })
}
