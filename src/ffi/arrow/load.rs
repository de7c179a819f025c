//! The calls that read Arrow data: one column into a `gr_array`, and a table (a stream of
//! record batches, or one record batch) into a graph's nodes or edges through the bulk
//! adds, all or nothing. The caller keeps ownership of what it passes and releases it
//! afterwards; what the library takes from a stream (its schema and batches) it releases
//! itself.

use std::ffi::{c_char, CStr};

use crate::core::{Array, GraphResult, NullEntries};

use super::import::{is_struct, keys, ColumnReader};
use super::stream::released_array;
use super::{ArrowArray, ArrowArrayStream, ArrowSchema};
use crate::ffi::array::{array_handle, gr_array};
use crate::ffi::boundary::{borrow, invalid, out, run, utf8};
use crate::ffi::graph::{gr_graph, graph};
use crate::ffi::status::gr_status;

/// A schema with nothing in it, for a stream to fill.
fn empty_schema() -> ArrowSchema {
    ArrowSchema {
        format: std::ptr::null(),
        name: std::ptr::null(),
        metadata: std::ptr::null(),
        flags: 0,
        n_children: 0,
        children: std::ptr::null_mut(),
        dictionary: std::ptr::null_mut(),
        release: None,
        private_data: std::ptr::null_mut(),
    }
}

/// A schema a stream handed over, released when dropped.
struct OwnedSchema(ArrowSchema);

impl Drop for OwnedSchema {
    fn drop(&mut self) {
        if let Some(release) = self.0.release {
            // SAFETY: the stream filled this schema and handed it over; released once.
            unsafe { release(&mut self.0) };
        }
    }
}

/// A batch a stream handed over, released when dropped.
struct OwnedArray(ArrowArray);

impl Drop for OwnedArray {
    fn drop(&mut self) {
        if let Some(release) = self.0.release {
            // SAFETY: as `OwnedSchema`, for a batch.
            unsafe { release(&mut self.0) };
        }
    }
}

/// A table's columns, read whole: names and arrays in schema order.
struct Table {
    names: Vec<String>,
    columns: Vec<Array>,
}

/// Reads record batches of one schema into columns.
struct TableReader {
    names: Vec<String>,
    readers: Vec<ColumnReader>,
}

impl TableReader {
    /// # Safety
    /// `schema` is a valid Arrow schema.
    unsafe fn new(schema: &ArrowSchema) -> GraphResult<TableReader> {
        // SAFETY: promised by the caller.
        if !unsafe { is_struct(schema) } {
            return Err(invalid(
                "the Arrow data is not a table (a record batch or a stream of them)",
            ));
        }
        let n = usize::try_from(schema.n_children).unwrap_or(0);
        let (mut names, mut readers) = (Vec::new(), Vec::new());
        for i in 0..n {
            // SAFETY: a struct schema holds `n_children` child schemas.
            let child = unsafe { borrow(*schema.children.add(i), "an Arrow child schema") }?;
            let name = if child.name.is_null() {
                format!("column {i}")
            } else {
                // SAFETY: a schema's name is NUL-terminated.
                unsafe { CStr::from_ptr(child.name) }
                    .to_string_lossy()
                    .into_owned()
            };
            // SAFETY: the child is a valid schema.
            readers.push(unsafe { ColumnReader::new(child, format!("column '{name}'")) }?);
            names.push(name);
        }
        Ok(TableReader { names, readers })
    }

    /// Appends the rows of `batch`.
    ///
    /// # Safety
    /// `batch` is a valid struct array of the reader's schema.
    unsafe fn read(&mut self, batch: &ArrowArray) -> GraphResult<()> {
        if usize::try_from(batch.n_children) != Ok(self.readers.len()) {
            return Err(invalid(format!(
                "an Arrow batch has {} columns, its schema {}",
                batch.n_children,
                self.readers.len()
            )));
        }
        if batch.null_count != 0 {
            return Err(invalid("an Arrow batch has rows that are null as a whole"));
        }
        let offset = usize::try_from(batch.offset).map_err(|_| invalid("negative offset"))?;
        let length = usize::try_from(batch.length).map_err(|_| invalid("negative length"))?;
        for (i, reader) in self.readers.iter_mut().enumerate() {
            // SAFETY: a struct array holds `n_children` children, checked above.
            let child = unsafe { borrow(*batch.children.add(i), "an Arrow child array") }?;
            // SAFETY: the child is of the reader's type, with the batch's rows past its
            // offset.
            unsafe { reader.read(child, offset, length) }?;
        }
        Ok(())
    }

    fn finish(self) -> GraphResult<Table> {
        Ok(Table {
            names: self.names,
            columns: self
                .readers
                .into_iter()
                .map(ColumnReader::finish)
                .collect::<GraphResult<_>>()?,
        })
    }
}

/// The failure of a stream callback that returned `code`, with the stream's message.
///
/// # Safety
/// `stream` is a live stream.
unsafe fn stream_failure(stream: &mut ArrowArrayStream, code: i32) -> crate::core::GraphError {
    let message = stream
        .get_last_error
        // SAFETY: the stream's own callback on the stream; its message is NUL-terminated
        // and lives until the next call on the stream.
        .map(|f| unsafe { f(stream) })
        .filter(|m| !m.is_null())
        .map(|m| unsafe { CStr::from_ptr(m) }.to_string_lossy().into_owned())
        .unwrap_or_default();
    invalid(format!("the Arrow stream failed (error {code}): {message}"))
}

/// Every batch of `stream`, read to its end.
///
/// # Safety
/// `stream` is a live Arrow stream.
unsafe fn read_stream(stream: &mut ArrowArrayStream) -> GraphResult<Table> {
    let (Some(get_schema), Some(get_next)) = (stream.get_schema, stream.get_next) else {
        return Err(invalid("the Arrow stream is released"));
    };
    let mut schema = OwnedSchema(empty_schema());
    // SAFETY: the stream's own callbacks, on the stream, with structs to fill.
    unsafe {
        let code = get_schema(stream, &mut schema.0);
        if code != 0 {
            return Err(stream_failure(stream, code));
        }
        let mut table = TableReader::new(&schema.0)?;
        loop {
            let mut batch = OwnedArray(released_array());
            let code = get_next(stream, &mut batch.0);
            if code != 0 {
                return Err(stream_failure(stream, code));
            }
            if batch.0.release.is_none() {
                return table.finish();
            }
            table.read(&batch.0)?;
        }
    }
}

/// The table in `stream`, or else in `batch` with `schema`.
///
/// # Safety
/// As the exported functions that call it.
unsafe fn read_table(
    stream: *mut ArrowArrayStream,
    batch: *const ArrowArray,
    schema: *const ArrowSchema,
) -> GraphResult<Table> {
    // SAFETY: promised by the caller.
    unsafe {
        if let Some(stream) = stream.as_mut() {
            return read_stream(stream);
        }
        let (batch, schema) = (borrow(batch, "batch")?, borrow(schema, "schema")?);
        let mut table = TableReader::new(schema)?;
        table.read(batch)?;
        table.finish()
    }
}

impl Table {
    /// The column named `name`; `InvalidArgument` listing the columns when there is none.
    fn position(&self, name: &str, role: &str) -> GraphResult<usize> {
        self.names.iter().position(|n| n == name).ok_or_else(|| {
            invalid(format!(
                "no {role} column '{name}' among the table's columns {:?}",
                self.names
            ))
        })
    }

    /// The columns other than `keys` (positions), as attributes; a name twice is
    /// `InvalidArgument`.
    fn attributes(&self, keys: &[usize]) -> GraphResult<Vec<(&str, &Array)>> {
        let mut attrs: Vec<(&str, &Array)> = Vec::new();
        for (i, (name, column)) in self.names.iter().zip(&self.columns).enumerate() {
            if keys.contains(&i) {
                continue;
            }
            if attrs.iter().any(|(n, _)| n == name) || keys.iter().any(|&k| self.names[k] == *name)
            {
                return Err(invalid(format!("the table has two columns named '{name}'")));
            }
            attrs.push((name, column));
        }
        Ok(attrs)
    }
}

/// Reads an Arrow array (`array` with its `schema`) into a new `gr_array` (a copy):
/// null, bool, int8 to int64, uint8 to uint32 (widened to the next signed kind), uint64
/// (values past int64 refused), float32, float64, UTF-8 and binary (32- or 64-bit offsets,
/// or views), and dictionary-encoded columns of these; nulls stay nulls. Any other type is
/// `GR_STATUS_INVALID_ARGUMENT` naming its format. The caller keeps `array` and `schema`
/// and releases them as usual.
///
/// # Safety
/// `array` and `schema` are NULL or valid Arrow structs (not released) whose buffers are
/// as long as their lengths and offsets say; `out_array` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_array_from_arrow(
    array: *const ArrowArray,
    schema: *const ArrowSchema,
    out_array: *mut *mut gr_array,
) -> gr_status {
    run("array_from_arrow", || {
        // SAFETY: promised by the caller.
        let (array, schema, out_array) = unsafe {
            (
                borrow(array, "array")?,
                borrow(schema, "schema")?,
                out(out_array, "array")?,
            )
        };
        let length = usize::try_from(array.length).map_err(|_| invalid("negative length"))?;
        // SAFETY: promised by the caller.
        let mut reader = unsafe { ColumnReader::new(schema, "the Arrow array".into()) }?;
        // SAFETY: as above.
        unsafe { reader.read(array, 0, length) }?;
        *out_array = array_handle(reader.finish()?);
        Ok(())
    })
}

/// Adds the edges of an Arrow table: `stream` (read to its end), or when `stream` is NULL
/// the record batch `batch` with its `schema`. The columns named `source` and `target`
/// (`source_len`, `target_len` bytes of UTF-8) hold the endpoint keys (integers or
/// strings, no nulls); every other column becomes an edge attribute of its name, typed as
/// `gr_array_from_arrow` reads it, a null leaving the edge without it. All or nothing:
/// the whole table is read before the graph changes, and a missing key column, a column
/// name twice, an unread type or a null key is `GR_STATUS_INVALID_ARGUMENT`; a failing
/// stream is too, with its message. The caller releases the stream or batch afterwards.
///
/// # Safety
/// `g` is NULL or a live graph; `stream` is NULL or a live Arrow stream; otherwise `batch`
/// and `schema` are NULL or valid Arrow structs; the names point to their lengths in
/// bytes.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_add_edges_arrow(
    g: *mut gr_graph,
    stream: *mut ArrowArrayStream,
    batch: *const ArrowArray,
    schema: *const ArrowSchema,
    source: *const c_char,
    source_len: usize,
    target: *const c_char,
    target_len: usize,
) -> gr_status {
    run("add_edges_arrow", || {
        // SAFETY: promised by the caller.
        let (g, source, target) = unsafe {
            (
                graph(g)?,
                utf8(source.cast(), source_len, "source column name")?,
                utf8(target.cast(), target_len, "target column name")?,
            )
        };
        // SAFETY: promised by the caller.
        let table = unsafe { read_table(stream, batch, schema) }?;
        let (s, t) = (
            table.position(source, "source")?,
            table.position(target, "target")?,
        );
        let sources = keys(&table.columns[s], &format!("the source column '{source}'"))?;
        let targets = keys(&table.columns[t], &format!("the target column '{target}'"))?;
        let attrs = table.attributes(&[s, t])?;
        let mut core = g.core.write()?;
        core.add_edges_with_columns_as(&sources, &targets, &attrs, NullEntries::Skip)
    })
}

/// Adds (or updates) the nodes of an Arrow table, as `gr_graph_add_edges_arrow` adds
/// edges: the column named `key` holds the node keys, every other column a node
/// attribute.
///
/// # Safety
/// As `gr_graph_add_edges_arrow`, with one key column name.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_add_nodes_arrow(
    g: *mut gr_graph,
    stream: *mut ArrowArrayStream,
    batch: *const ArrowArray,
    schema: *const ArrowSchema,
    key: *const c_char,
    key_len: usize,
) -> gr_status {
    run("add_nodes_arrow", || {
        // SAFETY: promised by the caller.
        let (g, key) = unsafe { (graph(g)?, utf8(key.cast(), key_len, "key column name")?) };
        // SAFETY: promised by the caller.
        let table = unsafe { read_table(stream, batch, schema) }?;
        let k = table.position(key, "key")?;
        let nodes = keys(&table.columns[k], &format!("the key column '{key}'"))?;
        let attrs = table.attributes(&[k])?;
        let mut core = g.core.write()?;
        core.add_nodes_with_columns_as(&nodes, &attrs, NullEntries::Skip)
    })
}
