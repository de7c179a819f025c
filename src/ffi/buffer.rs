//! A graph as bytes in memory: the native file format without the file, for pickling and
//! for shipping graphs between processes. `gr_buffer` is an owned, immutable byte buffer.

use crate::io::native;

use super::boundary::{borrow, out, run, slice};
use super::graph::{gr_graph, graph};
use super::handles::{free_handle, into_handle};
use super::status::gr_status;

/// Bytes made by the library, read through `gr_buffer_data` and released with
/// `gr_buffer_free`.
pub struct gr_buffer {
    bytes: Box<[u8]>,
}

/// The graph in the native format (what `gr_graph_save` writes to a file), as a new buffer.
///
/// # Safety
/// `g` is NULL or a live graph; `out_buffer` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_save_buffer(
    g: *const gr_graph,
    out_buffer: *mut *mut gr_buffer,
) -> gr_status {
    run("save_buffer", || {
        // SAFETY: promised by the caller.
        let (g, out_buffer) = unsafe { (graph(g)?, out(out_buffer, "buffer")?) };
        let bytes = native::to_bytes(&g.core.read())?;
        *out_buffer = into_handle(gr_buffer {
            bytes: bytes.into_boxed_slice(),
        });
        Ok(())
    })
}

/// A graph from `len` bytes in the native format (as made by `gr_graph_save_buffer`, or
/// the contents of a file made by `gr_graph_save`), checked as `gr_graph_load` checks a
/// file: damaged or foreign bytes are `GR_STATUS_IO`, never a crash. The bytes are only
/// read during the call.
///
/// # Safety
/// `data` is NULL (only when `len` is 0) or points to `len` readable bytes; `out_graph` is
/// NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_load_buffer(
    data: *const u8,
    len: usize,
    out_graph: *mut *mut gr_graph,
) -> gr_status {
    run("load_buffer", || {
        // SAFETY: promised by the caller.
        let (bytes, out_graph) = unsafe { (slice(data, len, "data")?, out(out_graph, "graph")?) };
        *out_graph = into_handle(gr_graph::new(native::from_bytes(bytes)?));
        Ok(())
    })
}

/// The bytes of a buffer, borrowed from it: `*out_data` (NULL when empty) and `*out_len`.
///
/// # Safety
/// `buffer` is NULL or a live `gr_buffer`; the outputs are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_buffer_data(
    buffer: *const gr_buffer,
    out_data: *mut *const u8,
    out_len: *mut usize,
) -> gr_status {
    run("buffer_data", || {
        // SAFETY: promised by the caller.
        let (buffer, out_data, out_len) = unsafe {
            (
                borrow(buffer, "buffer")?,
                out(out_data, "data")?,
                out(out_len, "len")?,
            )
        };
        *out_len = buffer.bytes.len();
        *out_data = if buffer.bytes.is_empty() {
            std::ptr::null()
        } else {
            buffer.bytes.as_ptr()
        };
        Ok(())
    })
}

/// # Safety
/// `buffer` is NULL or a live `gr_buffer`, which must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn gr_buffer_free(buffer: *mut gr_buffer) {
    // SAFETY: passed on to the caller.
    unsafe { free_handle(buffer) }
}
