//! Node and edge tables as an `ArrowArrayStream` of one record batch: the keys (or the
//! endpoints' keys), then the attribute columns the caller names, read from the graph
//! when the stream is made (later changes to the graph do not show). Column values are
//! gathered into arrays (the arrays `gr_graph_node_array` hands out, while a reader holds
//! them and the graph is unchanged), which the batch's buffers point into without a copy.

use std::ffi::{c_char, c_int, CString};
use std::ptr;
use std::sync::Arc;

use crate::core::{Array, GraphCore, GraphResult};

use super::export::{export_batch, export_schema, Layout};
use super::{ArrowArray, ArrowArrayStream, ArrowSchema};
use crate::ffi::boundary::{invalid, last_error_copy, out, run, slice, utf8};
use crate::ffi::graph::{gr_graph, graph};
use crate::ffi::status::{gr_status, GR_STATUS_OK, GR_STATUS_OUT_OF_MEMORY};
use crate::ffi::value::gr_buf;

/// A table as the stream hands it out: named columns of `length` rows, and whether the
/// batch was sent.
struct Table {
    names: Vec<String>,
    columns: Vec<Layout>,
    length: usize,
    sent: bool,
    last_error: Option<CString>,
}

/// The `n` UTF-8 strings of `bufs` (`what` names them in errors).
///
/// # Safety
/// `bufs` holds `n` entries, each pointing to `len` bytes.
unsafe fn strings<'a>(bufs: *const gr_buf, n: usize, what: &str) -> GraphResult<Vec<&'a str>> {
    // SAFETY: passed on to the caller.
    unsafe {
        slice(bufs, n, what)?
            .iter()
            .map(|b| utf8(b.ptr, b.len, what))
            .collect()
    }
}

/// A stream of `columns` named `fields`: key columns then the attributes `attrs`, read by
/// `attribute` from `core`.
fn table(
    core: &GraphCore,
    mut columns: Vec<Layout>,
    attrs: &[&str],
    fields: &[&str],
    attribute: fn(&GraphCore, &str) -> GraphResult<Arc<Array>>,
    length: usize,
) -> GraphResult<Table> {
    if fields.len() != columns.len() + attrs.len() {
        return Err(invalid(format!(
            "{} field names for {} columns",
            fields.len(),
            columns.len() + attrs.len()
        )));
    }
    for name in attrs {
        let what = format!("attribute '{name}'");
        columns.push(Layout::of_array(attribute(core, name)?, &what)?);
    }
    for field in fields {
        if field.contains('\0') {
            return Err(invalid(format!("field name {field:?} holds a NUL byte")));
        }
    }
    Ok(Table {
        names: fields.iter().map(|f| f.to_string()).collect(),
        columns,
        length,
        sent: false,
        last_error: None,
    })
}

/// Fills `out` with a stream over `table`.
fn hand_out(table: Table, out: &mut ArrowArrayStream) {
    *out = ArrowArrayStream {
        get_schema: Some(get_schema),
        get_next: Some(get_next),
        get_last_error: Some(get_last_error),
        release: Some(release_stream),
        private_data: Box::into_raw(Box::new(table)).cast(),
    };
}

/// Runs a stream callback's `body` on the table, behind the panic boundary: 0, or an
/// errno value with the message kept for `get_last_error`.
///
/// # Safety
/// `stream` is a live stream this module made.
unsafe fn callback(
    stream: *mut ArrowArrayStream,
    body: impl FnOnce(&mut Table) -> GraphResult<()>,
) -> c_int {
    // SAFETY: promised by the caller: the private data is our table, not yet released.
    let Some(table) = (unsafe { stream.as_mut() })
        .and_then(|s| unsafe { s.private_data.cast::<Table>().as_mut() })
    else {
        return libc::EINVAL;
    };
    let status = run("arrow_stream", || body(table));
    if status == GR_STATUS_OK {
        return 0;
    }
    table.last_error = Some(last_error_copy());
    if status == GR_STATUS_OUT_OF_MEMORY {
        libc::ENOMEM
    } else {
        libc::EIO
    }
}

unsafe extern "C" fn get_schema(stream: *mut ArrowArrayStream, out: *mut ArrowSchema) -> c_int {
    // SAFETY: Arrow passes a stream we made and a writable schema.
    unsafe {
        callback(stream, |table| {
            let out = crate::ffi::boundary::out(out, "schema")?;
            let children = table
                .names
                .iter()
                .zip(&table.columns)
                .map(|(name, column)| export_schema(column.format, Some(name), Vec::new()))
                .collect::<GraphResult<Vec<_>>>()?;
            *out = export_schema("+s", None, children)?;
            Ok(())
        })
    }
}

unsafe extern "C" fn get_next(stream: *mut ArrowArrayStream, out: *mut ArrowArray) -> c_int {
    // SAFETY: Arrow passes a stream we made and a writable array.
    unsafe {
        callback(stream, |table| {
            let out = crate::ffi::boundary::out(out, "array")?;
            *out = if table.sent {
                released_array()
            } else {
                table.sent = true;
                export_batch(&table.columns, table.length)
            };
            Ok(())
        })
    }
}

/// An array with nothing in it, released (`release` NULL): what marks the end of a
/// stream, and what a stream fills.
pub(super) fn released_array() -> ArrowArray {
    ArrowArray {
        length: 0,
        null_count: 0,
        offset: 0,
        n_buffers: 0,
        n_children: 0,
        buffers: ptr::null_mut(),
        children: ptr::null_mut(),
        dictionary: ptr::null_mut(),
        release: None,
        private_data: ptr::null_mut(),
    }
}

unsafe extern "C" fn get_last_error(stream: *mut ArrowArrayStream) -> *const c_char {
    // SAFETY: Arrow passes a stream we made; the message lives in its table.
    unsafe {
        stream
            .as_ref()
            .and_then(|s| s.private_data.cast::<Table>().as_ref())
            .and_then(|t| t.last_error.as_ref())
            .map_or(ptr::null(), |m| m.as_ptr())
    }
}

unsafe extern "C" fn release_stream(stream: *mut ArrowArrayStream) {
    // SAFETY: Arrow releases a stream once; its private data is our boxed table. Batches
    // already handed out keep their own shares of the values.
    unsafe {
        let Some(stream) = stream.as_mut() else {
            return;
        };
        if stream.release.is_none() {
            return;
        }
        drop(Box::from_raw(stream.private_data.cast::<Table>()));
        stream.release = None;
    }
}

/// The key columns of a table and its row count, read from the graph.
type KeyColumns = fn(&GraphCore) -> GraphResult<(Vec<Layout>, usize)>;

fn node_keys(core: &GraphCore) -> GraphResult<(Vec<Layout>, usize)> {
    let keys = Layout::of_keys(Arc::new(core.node_key_list()?), "node keys")?;
    Ok((vec![keys], core.node_count()))
}

fn edge_keys(core: &GraphCore) -> GraphResult<(Vec<Layout>, usize)> {
    let (sources, targets) = core.keys_of_edges(core.edge_indices());
    let keys = vec![
        Layout::of_keys(Arc::new(sources), "edge endpoints")?,
        Layout::of_keys(Arc::new(targets), "edge endpoints")?,
    ];
    Ok((keys, core.edge_count()))
}

/// The body shared by the table calls: checks the arguments, reads the key columns with
/// `keys` and the attributes with `attribute`, and hands out the stream.
///
/// # Safety
/// As the exported functions.
#[allow(clippy::too_many_arguments)]
unsafe fn table_call(
    op: &'static str,
    g: *const gr_graph,
    attrs: *const gr_buf,
    n_attrs: usize,
    fields: *const gr_buf,
    n_fields: usize,
    out_stream: *mut ArrowArrayStream,
    keys: KeyColumns,
    attribute: fn(&GraphCore, &str) -> GraphResult<Arc<Array>>,
) -> gr_status {
    run(op, || {
        // SAFETY: promised by the caller.
        let (g, attrs, fields, out_stream) = unsafe {
            (
                graph(g)?,
                strings(attrs, n_attrs, "attribute names")?,
                strings(fields, n_fields, "field names")?,
                out(out_stream, "stream")?,
            )
        };
        let core = g.core.read();
        let (keys, length) = keys(&core)?;
        let t = table(&core, keys, &attrs, &fields, attribute, length)?;
        hand_out(t, out_stream);
        Ok(())
    })
}

/// Fills `out_stream` with the node table as an Arrow stream of one record batch: a
/// column of node keys (int64 when every key is an int, large UTF-8 when every key is a
/// string), then the node attributes `attrs` (`n_attrs` names), in node order; the
/// columns are named by `fields` (`n_fields` names: the key column's, then one per
/// attribute, so `n_fields == n_attrs + 1`). Attribute columns are typed as
/// `gr_array_export_arrow` describes (absent and null values are Arrow nulls) and keep
/// their values without a copy once gathered. The stream reads the graph as it is now,
/// owns what it hands out and stays valid after the graph is freed; the caller calls its
/// `release`. Keys of both kinds, a mixed column, an unknown attribute
/// (`GR_STATUS_ATTRIBUTE_NOT_FOUND`) or a field count that does not match fail with the
/// output untouched.
///
/// # Safety
/// `g` is NULL or a live graph; `attrs` and `fields` hold `n_attrs` and `n_fields`
/// `gr_buf`s of UTF-8; `out_stream` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_node_table_arrow(
    g: *const gr_graph,
    attrs: *const gr_buf,
    n_attrs: usize,
    fields: *const gr_buf,
    n_fields: usize,
    out_stream: *mut ArrowArrayStream,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        table_call(
            "node_table_arrow",
            g,
            attrs,
            n_attrs,
            fields,
            n_fields,
            out_stream,
            node_keys,
            GraphCore::node_array_shared,
        )
    }
}

/// Fills `out_stream` with the edge table, as `gr_graph_node_table_arrow` does for
/// nodes: the source and target keys, then the edge attributes `attrs`, in edge order;
/// `fields` names the source column, the target column and each attribute
/// (`n_fields == n_attrs + 2`).
///
/// # Safety
/// As `gr_graph_node_table_arrow`.
#[no_mangle]
pub unsafe extern "C" fn gr_graph_edge_table_arrow(
    g: *const gr_graph,
    attrs: *const gr_buf,
    n_attrs: usize,
    fields: *const gr_buf,
    n_fields: usize,
    out_stream: *mut ArrowArrayStream,
) -> gr_status {
    // SAFETY: passed on to the caller.
    unsafe {
        table_call(
            "edge_table_arrow",
            g,
            attrs,
            n_attrs,
            fields,
            n_fields,
            out_stream,
            edge_keys,
            GraphCore::edge_array_shared,
        )
    }
}
