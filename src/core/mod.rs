//! The graph engine proper: plain safe Rust, no FFI types.

mod array;
mod attr_table;
mod cancel;
mod column;
mod csr;
mod error;
mod graph;
mod key;
mod key_index;
mod key_list;
mod key_positions;
mod memory;
mod pool;
mod prefetch;
mod profile;
pub mod query;
mod shared;
mod topology;
mod value;

pub use array::Array;
pub use attr_table::AttrTable;
pub use cancel::{Cancel, CHECK_EVERY};
pub use column::{Column, ColumnValues, Slot};
pub use csr::{Adjacency, Csr, EntryWeights};
pub use error::{GraphError, GraphResult, NoMemory};
pub use graph::{Attrs, Columns, GraphCore, MAX_INDICES};
pub use key::{KeyRef, NodeKey};
pub use key_list::{KeyList, KEY_KIND_INT, KEY_KIND_STR};
pub use key_positions::KeyPositions;
pub use pool::{MemoryPool, PoolStats};
pub use prefetch::prefetch;
pub use profile::{OpStats, Profile};
pub use query::Query;
pub use shared::SharedGraph;
pub use topology::Topology;
pub use value::{AttrKind, AttrValue};
