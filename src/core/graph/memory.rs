//! A graph's memory: what its structures hold, and the check an operation makes against
//! the graph's memory pool before it changes anything.

use std::sync::Arc;

use hashbrown::HashSet;

use crate::alloc::PoolScope;

use super::super::error::GraphResult;
use super::super::key::KeyRef;
use super::super::pool::MemoryPool;
use super::super::value::{AttrKind, AttrValue};
use super::GraphCore;

/// What an operation may add: nodes (with the bytes of their string keys), edges, cells in
/// the named attribute columns, and bytes of string or bytes values.
#[derive(Default)]
pub(crate) struct Growth<'a> {
    pub nodes: usize,
    pub key_bytes: usize,
    pub edges: usize,
    /// Columns written, with the kind of the values written (a second kind turns a typed
    /// column into a mixed one, which costs more).
    pub node_columns: Vec<(&'a str, AttrKind)>,
    pub edge_columns: Vec<(&'a str, AttrKind)>,
    pub value_bytes: usize,
}

impl<'a> Growth<'a> {
    /// Adds the names and payloads of `(name, value)` attributes. (Call it where the pool
    /// is not counting: its lists are bookkeeping.)
    pub fn with_attrs(mut self, attrs: &[(&'a str, AttrValue)], on_edges: bool) -> Growth<'a> {
        for (name, value) in attrs {
            let names = if on_edges {
                &mut self.edge_columns
            } else {
                &mut self.node_columns
            };
            if !names.contains(&(name, value.kind())) {
                names.push((name, value.kind()));
            }
            self.value_bytes += value.heap_size();
        }
        self
    }
}

impl GraphCore {
    pub fn pool(&self) -> Option<&Arc<MemoryPool>> {
        self.pool.as_ref()
    }

    /// Bytes the graph's structures hold now (capacities included).
    pub fn heap_size(&self) -> usize {
        self.topology.heap_size()
            + self.keys.heap_size()
            + self.node_attrs.heap_size()
            + self.edge_attrs.heap_size()
    }

    /// `value`, its strings and bytes copied now when the graph has a pool: a value made
    /// before the operation started would otherwise never count for the pool.
    pub(crate) fn owned_here(&self, value: AttrValue) -> AttrValue {
        if self.pool.is_some() && value.heap_size() > 0 {
            value.clone()
        } else {
            value
        }
    }

    /// Whether the graph's pool has a limit to check (checks cost work only then).
    pub(crate) fn memory_limited(&self) -> bool {
        self.pool.as_ref().is_some_and(|p| p.limit().is_some())
    }

    /// `OutOfMemory` when `growth` could take the graph's pool over its limit.
    pub(crate) fn check_growth(&self, growth: Growth<'_>) -> GraphResult<()> {
        let Some(pool) = self.pool.as_ref().filter(|p| p.limit().is_some()) else {
            return Ok(());
        };
        // The check's own working memory is not the graph's.
        let _suspended = PoolScope::suspend();
        let bound = self.topology.growth(growth.nodes, growth.edges)
            + self.keys.growth(growth.nodes, growth.key_bytes)
            + self.node_attrs.growth_to(
                &growth.node_columns,
                self.topology.node_capacity() + growth.nodes,
            )
            + self.edge_attrs.growth_to(
                &growth.edge_columns,
                self.topology.edge_capacity() + growth.edges,
            )
            + growth.value_bytes;
        pool.check(bound)
    }

    /// How many of `keys` are new to the graph (each counted once), and the bytes of the
    /// new string keys. Only worth computing for a limited pool.
    pub(crate) fn count_new_keys<'k>(
        &self,
        keys: impl Iterator<Item = KeyRef<'k>>,
    ) -> (usize, usize) {
        // The count's working memory is not the graph's.
        let _suspended = PoolScope::suspend();
        let mut seen = HashSet::new();
        let mut bytes = 0;
        for key in keys {
            if self.node_index(key).is_none() && seen.insert(key) {
                if let KeyRef::Str(s) = key {
                    bytes += s.len();
                }
            }
        }
        (seen.len(), bytes)
    }
}
