//! GML: the "Graph Modelling Language" of networkx, igraph, Gephi and Cytoscape.
//!
//! [`read_gml`] reads the whole file (plain or gzip, recognised by its content) and parses
//! it by hand; [`write_gml`] writes it by hand. What round-trips, and how:
//!
//! - **Direction**: `directed 1` in the graph (`0` or none: undirected).
//! - **Node keys**: a node's key is its `label` when it has one (an integer label is an int
//!   key, a string label a string key), else its `id` (an int key). `write_gml` writes each
//!   node's position as its integer `id` and its key as `label`: an int key as a GML
//!   integer, which networkx reads back as an int node, and a string key as a string, so
//!   int and string keys (even `1` and `"1"`) survive in one graph. (networkx writes int
//!   nodes as string labels, `label "0"`, which networkx and groggy both read as strings.)
//! - **Attributes**: every other scalar of a node or edge (edges: besides `source` and
//!   `target`) is an attribute, typed as values.rs says; lists inside nodes and edges
//!   (`graphics [ ... ]`) are skipped, graph-level keys too (but `directed`). A node or edge
//!   without the key does not have the attribute. Columns keep their order and kind through
//!   the writer's `# groggy:` comments (values.rs).
//! - **Order**: nodes and edges in file order.
//! - **Repeated edges** (`multigraph 1` files): one edge, as `add_edge` makes it, the later
//!   one's attributes replacing the earlier values.
//! - **Refused**: a second graph, nested graphs (a `graph [ ]` in a node), hyperedges, a node
//!   without an integer `id`, two nodes with one id or one key, an edge to an id no node
//!   has, a key twice in one node or edge, a label that is a real, integers beyond 64 bits,
//!   and a value its `# groggy:` comment's kind cannot hold exactly.
//!
//! Every error in the file is `Io("{path}:{line}:{column}: ...")` (column in bytes; see
//! `located.rs`), or `Io("{path}: ...")` for what is about the whole file; never a crash,
//! whatever the bytes. Nothing is ever expanded: a string's `&name;` is one of five
//! entities or left as written.
//!
//! `lexer.rs` cuts the text into tokens, `parser.rs` reads the structure, `values.rs` maps
//! GML values to attribute kinds and back, `reader.rs` reads the file, `writer.rs` writes
//! one.

mod lexer;
mod parser;
mod reader;
#[cfg(test)]
mod tests;
mod values;
mod writer;

pub use reader::read_gml;
pub use writer::write_gml;
