//! The Arrow C Data and C Stream Interfaces: arrays and whole node or edge tables handed
//! to Arrow readers (pyarrow, polars, DuckDB, nanoarrow, Arrow C++) as the standard
//! `ArrowArray`, `ArrowSchema` and `ArrowArrayStream` structs, and Arrow data read back
//! into arrays and graphs.
//!
//! The structs are declared in `include/groggy.h` under the standard guard macros
//! (`ARROW_C_DATA_INTERFACE`, `ARROW_C_STREAM_INTERFACE`), so a program that includes
//! Arrow's own declarations first sees one definition.
//!
//! - `export`: one column's buffers as Arrow lays them out, without copying values.
//! - `stream`: node and edge tables as a stream of one record batch.
//! - `import`: Arrow columns read into the engine's storage (a copy).
//! - `load`: the calls that read Arrow data into an array or a graph.

use std::ffi::{c_char, c_int, c_void};

mod export;
mod import;
mod load;
mod stream;

pub use export::*;
pub use load::*;
pub use stream::*;

/// The standard `struct ArrowSchema`: a type, by its format string.
#[repr(C)]
pub struct ArrowSchema {
    pub format: *const c_char,
    pub name: *const c_char,
    pub metadata: *const c_char,
    pub flags: i64,
    pub n_children: i64,
    pub children: *mut *mut ArrowSchema,
    pub dictionary: *mut ArrowSchema,
    pub release: Option<unsafe extern "C" fn(*mut ArrowSchema)>,
    pub private_data: *mut c_void,
}

/// The standard `struct ArrowArray`: the buffers of one array.
#[repr(C)]
pub struct ArrowArray {
    pub length: i64,
    pub null_count: i64,
    pub offset: i64,
    pub n_buffers: i64,
    pub n_children: i64,
    pub buffers: *mut *const c_void,
    pub children: *mut *mut ArrowArray,
    pub dictionary: *mut ArrowArray,
    pub release: Option<unsafe extern "C" fn(*mut ArrowArray)>,
    pub private_data: *mut c_void,
}

/// The standard `struct ArrowArrayStream`: record batches one after the other.
#[repr(C)]
pub struct ArrowArrayStream {
    pub get_schema:
        Option<unsafe extern "C" fn(stream: *mut ArrowArrayStream, out: *mut ArrowSchema) -> c_int>,
    pub get_next:
        Option<unsafe extern "C" fn(stream: *mut ArrowArrayStream, out: *mut ArrowArray) -> c_int>,
    pub get_last_error:
        Option<unsafe extern "C" fn(stream: *mut ArrowArrayStream) -> *const c_char>,
    pub release: Option<unsafe extern "C" fn(stream: *mut ArrowArrayStream)>,
    pub private_data: *mut c_void,
}
