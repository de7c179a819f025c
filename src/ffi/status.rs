//! Status codes. Every code is numbered explicitly and is never reused or removed.

use std::ffi::c_char;

use crate::core::GraphError;

/// The result of every fallible function: `GR_STATUS_OK` (0) or one of the codes below.
pub type gr_status = i32;

pub const GR_STATUS_OK: gr_status = 0;
pub const GR_STATUS_NODE_NOT_FOUND: gr_status = 1;
pub const GR_STATUS_EDGE_NOT_FOUND: gr_status = 2;
pub const GR_STATUS_INVALID_OPERATION: gr_status = 3;
pub const GR_STATUS_INVALID_ARGUMENT: gr_status = 4;
pub const GR_STATUS_OUT_OF_MEMORY: gr_status = 5;
pub const GR_STATUS_ALGORITHM: gr_status = 6;
pub const GR_STATUS_NO_PATH: gr_status = 7;
pub const GR_STATUS_IO: gr_status = 8;
pub const GR_STATUS_CANCELLED: gr_status = 9;
/// A bug inside the engine (a Rust panic) caught at the boundary.
pub const GR_STATUS_INTERNAL: gr_status = 10;
/// A node or edge attribute (column) name that no node or edge has.
pub const GR_STATUS_ATTRIBUTE_NOT_FOUND: gr_status = 11;
/// A callback the caller passed in returned a failure status, which stopped the operation.
pub const GR_STATUS_CALLBACK: gr_status = 12;

pub(crate) fn status_of(err: &GraphError) -> gr_status {
    match err {
        GraphError::NodeNotFound(_) => GR_STATUS_NODE_NOT_FOUND,
        GraphError::EdgeNotFound(_) => GR_STATUS_EDGE_NOT_FOUND,
        GraphError::AttributeNotFound(_) => GR_STATUS_ATTRIBUTE_NOT_FOUND,
        GraphError::InvalidOperation(_) => GR_STATUS_INVALID_OPERATION,
        GraphError::InvalidArgument(_) => GR_STATUS_INVALID_ARGUMENT,
        GraphError::OutOfMemory(_) => GR_STATUS_OUT_OF_MEMORY,
        GraphError::Algorithm(_) => GR_STATUS_ALGORITHM,
        GraphError::NoPath(_) => GR_STATUS_NO_PATH,
        GraphError::Io(_) => GR_STATUS_IO,
        GraphError::Cancelled => GR_STATUS_CANCELLED,
        GraphError::Callback(_) => GR_STATUS_CALLBACK,
    }
}

/// A static, NUL-terminated description of a status code ("unknown status" for codes this
/// version does not know). Never NULL; never freed.
#[no_mangle]
pub extern "C" fn gr_status_str(status: gr_status) -> *const c_char {
    let text: &'static [u8] = match status {
        GR_STATUS_OK => b"ok\0",
        GR_STATUS_NODE_NOT_FOUND => b"node not found\0",
        GR_STATUS_EDGE_NOT_FOUND => b"edge not found\0",
        GR_STATUS_INVALID_OPERATION => b"invalid operation\0",
        GR_STATUS_INVALID_ARGUMENT => b"invalid argument\0",
        GR_STATUS_OUT_OF_MEMORY => b"out of memory\0",
        GR_STATUS_ALGORITHM => b"algorithm error\0",
        GR_STATUS_NO_PATH => b"no path\0",
        GR_STATUS_IO => b"I/O error\0",
        GR_STATUS_CANCELLED => b"cancelled\0",
        GR_STATUS_INTERNAL => b"internal error\0",
        GR_STATUS_ATTRIBUTE_NOT_FOUND => b"attribute not found\0",
        GR_STATUS_CALLBACK => b"callback failed\0",
        _ => b"unknown status\0",
    };
    text.as_ptr().cast()
}
