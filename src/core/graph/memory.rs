//! A graph's memory: what its structures hold, and the check an operation makes against
//! the graph's memory pool before it changes anything.

use std::sync::Arc;

use hashbrown::HashSet;

use super::GraphCore;
use crate::core::memory::{ListGrowth, NewKeys, PoolScope, Written};
use crate::core::{AttrKind, AttrValue, GraphResult, KeyRef, MemoryPool};

/// What an operation may add: new keys, edges, writes to attribute columns, and bytes of
/// string or bytes values.
#[derive(Default)]
pub(crate) struct Growth<'a> {
    pub keys: NewKeys,
    /// A node batch first reserves room for this many keys, `reserved_strs` of them
    /// strings (0: keys are added one at a time).
    pub reserved_keys: usize,
    pub reserved_strs: usize,
    pub edges: usize,
    pub lists: ListGrowth,
    /// Columns written, with the kinds of the values written (a second kind turns a typed
    /// column into a mixed one, which costs more).
    pub node_columns: Vec<(&'a str, Written)>,
    pub edge_columns: Vec<(&'a str, Written)>,
    pub value_bytes: usize,
}

impl<'a> Growth<'a> {
    /// Adds a write of `kind` values to column `name`. (Call it where the pool is not
    /// counting: its lists are bookkeeping.)
    pub fn column(mut self, name: &'a str, kind: AttrKind, on_edges: bool) -> Growth<'a> {
        let names = if on_edges {
            &mut self.edge_columns
        } else {
            &mut self.node_columns
        };
        match names.iter_mut().find(|(n, _)| *n == name) {
            Some((_, written)) => *written = written.and(kind),
            None => names.push((name, Written::of(kind))),
        }
        self
    }

    /// Adds the names, kinds and payloads of `(name, value)` attributes.
    pub fn with_attrs(mut self, attrs: &[(&'a str, AttrValue)], on_edges: bool) -> Growth<'a> {
        for (name, value) in attrs {
            self = self.column(name, value.kind(), on_edges);
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
        pool.check(self.growth_bound(&growth))
    }

    /// Bytes the graph's structures may grow by in an operation described by `growth`.
    pub(crate) fn growth_bound(&self, growth: &Growth<'_>) -> usize {
        let nodes = growth.keys.count;
        let (node_columns, node_mixing) = self
            .node_attrs
            .growth_to(&growth.node_columns, self.topology.node_capacity() + nodes);
        let (edge_columns, edge_mixing) = self.edge_attrs.growth_to(
            &growth.edge_columns,
            self.topology.edge_capacity() + growth.edges,
        );
        // A column turning mixed in the operation copies the values written before.
        let copies = if node_mixing || edge_mixing { 2 } else { 1 };
        self.topology.growth(nodes, growth.edges, growth.lists)
            + self
                .keys
                .growth(&growth.keys, growth.reserved_keys, growth.reserved_strs)
            + node_columns
            + edge_columns
            + growth.value_bytes * copies
    }

    /// The keys among `keys` new to the graph (each counted once), as `Growth` needs
    /// them. Only worth computing for a limited pool.
    pub(crate) fn count_new_keys<'k>(
        &self,
        keys: impl Iterator<Item = KeyRef<'k>> + Clone,
    ) -> NewKeys {
        // The count's working memory is not the graph's.
        let _suspended = PoolScope::suspend();
        let given = keys.clone().count();
        let allowed = self.keys.dense_allowed(given);
        let threshold = self.keys.dense_threshold();
        let mut seen = HashSet::new();
        let mut new = NewKeys::default();
        let mut dense_max = None;
        for key in keys {
            // A batch of int keys prepares the direct table for its largest key, new or
            // not (`KeyIndex::prepare_ints`).
            if let KeyRef::Int(k) = key {
                if let Ok(k) = usize::try_from(k) {
                    if k < allowed {
                        dense_max = dense_max.max(Some(k));
                    }
                }
            }
            if self.node_index(key).is_some() || !seen.insert(key) {
                continue;
            }
            new.count += 1;
            match key {
                KeyRef::Str(s) => {
                    new.strs += 1;
                    new.str_bytes += s.len();
                }
                KeyRef::Int(k) => {
                    if usize::try_from(k).map_or(true, |k| k >= threshold) {
                        new.mapped_ints += 1;
                    }
                }
            }
        }
        new.dense_len = self.keys.dense_len_bound(given, dense_max);
        new
    }
}
