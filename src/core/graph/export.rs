//! Crate-internal access for the native file format (`crate::io::native`): its loader
//! rebuilds every attribute column entry by entry, storage kind included, exactly as saved.

use super::GraphCore;
use crate::core::AttrTable;

impl GraphCore {
    /// The node and edge attribute tables, for writing. The caller keeps every column's
    /// entries within the live nodes and edges.
    pub(crate) fn attr_tables_mut(&mut self) -> (&mut AttrTable, &mut AttrTable) {
        self.generation += 1;
        (&mut self.node_attrs, &mut self.edge_attrs)
    }
}
