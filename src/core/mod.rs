//! The graph engine proper: plain Rust, no FFI types. The only `unsafe` code is the
//! prefetch hint and the counting allocator with its pool counters (`memory/`).

mod adjacency;
mod array;
mod attr_table;
mod cancel;
mod column;
mod column_values;
mod csr;
mod error;
pub mod fallible;
mod graph;
mod key;
mod key_index;
mod key_list;
mod key_positions;
pub(crate) mod memory;
mod prefetch;
mod profile;
pub mod query;
mod shared;
mod topology;
mod value;
mod write_floor;

pub use array::Array;
pub use attr_table::AttrTable;
pub use cancel::{Cancel, CHECK_EVERY};
pub use column::{Column, NullEntries, Slot};
pub use column_values::ColumnValues;
pub use csr::{Adjacency, Csr, EntryWeights, PullOrder};
pub use error::{GraphError, GraphResult, IoFailure, NoMemory};
pub use graph::{Attrs, Columns, GraphCore, NeighbourLists, MAX_INDICES};
pub use key::{KeyRef, NodeKey};
pub use key_list::{KeyList, KEY_KIND_INT, KEY_KIND_STR};
pub use key_positions::KeyPositions;
pub use memory::{memory_stats, CountingAllocator, MemoryPool, MemoryStats, PoolStats};
pub use prefetch::prefetch;
pub use profile::{OpStats, Profile};
pub use query::Query;
pub use shared::SharedGraph;
pub use topology::Topology;
pub use value::{AttrKind, AttrValue};
