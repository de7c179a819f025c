//! GraphML: the XML format of networkx, igraph, Gephi, Cytoscape and yEd.
//!
//! [`read_graphml`] streams the file through quick-xml (plain or gzip, recognised by its
//! content) and builds the graph in two batches; [`write_graphml`] writes it by hand.
//! What round-trips, and how:
//!
//! - **Direction**: `<graph edgedefault="directed">` or `"undirected"` (missing: undirected,
//!   as networkx reads it). An edge whose `directed` attribute disagrees is an error (groggy
//!   graphs have one kind of edge).
//! - **Node keys**: GraphML ids are strings. They read as int keys when every id is the
//!   decimal text of an int64 as networkx and groggy write it (`0`, `-12`; not `+1`, `007`),
//!   else as string keys, unless the `<graph>` says `groggy:keys="int"` or `"str"`, which
//!   the writer always does. So networkx's int nodes read as ints, igraph's `n0`, `n1` as
//!   strings, and a groggy graph of string keys `"1"`, `"2"` reads back as strings. Int
//!   and string keys in one graph cannot be written (GraphML ids cannot tell `1` from
//!   `"1"`).
//! - **Attributes**: each column is a `<key>` with its `attr.type` (see `kinds.rs`: int8 and
//!   int16 carry `groggy:kind` besides `attr.type="int"`); keys `for="all"` give nodes and
//!   edges the attribute; `<default>` values fill every node or edge without the data; a
//!   node or edge without a `<data>` (and no default) does not have the attribute. Graph
//!   attributes (`for="graph"`) and yEd graphics (`yfiles.type`) are skipped. The writer
//!   writes no defaults, so absent stays absent.
//! - **Order**: nodes in order of first mention (a `<node>`, or an edge's endpoint that no
//!   `<node>` declares), edges in file order, attribute columns in `<key>` order.
//! - **Repeated nodes and edges** (multigraph files): a node declared twice is one node;
//!   a repeated edge (undirected: or its reverse) is one edge, as `add_edge` makes it, its
//!   later data replacing earlier values.
//! - **Refused**: hyperedges, ports, nested graphs, graph locators and a second `<graph>`;
//!   `<data>` holding elements (but yEd's, skipped); an undeclared key; a value that is not
//!   of its key's type (`1.5` for an `int`, `300` for a `groggy:kind="int8"`).
//!
//! **Safety**: no entity is ever expanded and nothing outside the file is ever read: a
//! DOCTYPE that declares entities is refused (no external entities, no "billion laughs"),
//! and a reference to any entity but XML's five (`&amp;` ...) and character references is an
//! error. One XML tag or text longer than 64 MiB is an error, so memory stays bounded by
//! the file. Every error in the file is `Io("{path}:{line}:{column}: ...")`, the column in
//! bytes (see `located.rs`); only UTF-8 files are read.
//!
//! `reader.rs` runs quick-xml's event loop, `document.rs` gives the events their meaning,
//! `tracked.rs` turns byte offsets into lines and columns, `kinds.rs` maps attribute kinds
//! to GraphML types, `escape.rs` escapes text for the writer (`writer.rs`).

mod document;
mod escape;
mod kinds;
mod reader;
#[cfg(test)]
mod tests;
mod tracked;
mod writer;

pub use reader::read_graphml;
pub use writer::write_graphml;

/// The GraphML namespace: networkx finds elements only in it.
const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";
/// The namespace of groggy's own attributes, which other readers skip.
const GROGGY_NS: &str = "urn:groggy:graphml";
/// On `<graph>`: `int` or `str`, the kind of the node keys.
const GROGGY_KEYS: &str = "groggy:keys";
/// On `<key>`: the attribute kind (`int8`, `int16`) when `attr.type` alone does not say it.
const GROGGY_KIND: &str = "groggy:kind";
