//! `GraphCore`: keys, topology and attribute columns together; the engine's graph.
//! Batches live in `bulk.rs`, whole-column reads and writes in `columns.rs`.

mod adjacency;
mod bulk;
mod column_shares;
mod columns;
mod export;
mod filter;
#[cfg(test)]
mod limit_tests;
mod list_merge;
mod memory;
mod spanning;

pub use adjacency::NeighbourLists;
pub use bulk::Columns;
pub(crate) use memory::Growth;

use column_shares::ColumnShares;

use std::sync::Arc;

use super::attr_table::AttrTable;
use super::column::Slot;
use super::error::{GraphError, GraphResult, NoMemory};
use super::fallible::{filled, with_capacity};
use super::key::{KeyRef, NodeKey};
use super::key_index::KeyIndex;
use super::key_list::KeyList;
use super::topology::Topology;
use super::value::{AttrKind, AttrValue};
use crate::core::memory::{ListGrowth, PoolScope, Written};
use crate::core::MemoryPool;

/// Attributes given with an add: `(name, value)` pairs applied in order.
pub type Attrs<'a> = [(&'a str, AttrValue)];

/// The largest number of node or edge indices a graph hands out (indices are `u32`, and
/// `u32::MAX` marks a removed edge).
pub const MAX_INDICES: usize = u32::MAX as usize - 1;

#[derive(Clone, Debug)]
pub struct GraphCore {
    topology: Topology,
    keys: KeyIndex,
    node_attrs: AttrTable,
    edge_attrs: AttrTable,
    /// Bumped by every mutation; cached snapshots compare it to know they are stale.
    generation: u64,
    /// The memory pool the graph's structures count for, if any.
    pool: Option<Arc<MemoryPool>>,
    /// Whole columns handed out and still held by readers.
    shares: ColumnShares,
}

impl GraphCore {
    pub fn new(directed: bool) -> GraphCore {
        GraphCore::new_in(directed, None)
    }

    /// An empty graph whose structures count for `pool`.
    pub fn new_in(directed: bool, pool: Option<Arc<MemoryPool>>) -> GraphCore {
        GraphCore {
            topology: Topology::new(directed),
            keys: KeyIndex::default(),
            node_attrs: AttrTable::new(),
            edge_attrs: AttrTable::new(),
            generation: 0,
            pool,
            shares: ColumnShares::default(),
        }
    }

    pub fn is_directed(&self) -> bool {
        self.topology.is_directed()
    }

    pub fn node_count(&self) -> usize {
        self.topology.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.topology.edge_count()
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn topology(&self) -> &Topology {
        &self.topology
    }

    pub fn node_attr_table(&self) -> &AttrTable {
        &self.node_attrs
    }

    pub fn edge_attr_table(&self) -> &AttrTable {
        &self.edge_attrs
    }

    // ----- nodes -------------------------------------------------------------------------

    /// The dense index of a live node.
    pub fn node_index(&self, key: KeyRef<'_>) -> Option<u32> {
        self.keys.get(key)
    }

    /// The dense index of a live node, or `NodeNotFound`.
    pub fn require_node(&self, key: KeyRef<'_>) -> GraphResult<u32> {
        self.node_index(key)
            .ok_or_else(|| GraphError::NodeNotFound(key.to_string()))
    }

    /// The key of a node index.
    pub fn node_key(&self, index: u32) -> &NodeKey {
        self.keys.key(index)
    }

    pub fn has_node<'a>(&self, key: impl Into<KeyRef<'a>>) -> bool {
        self.node_index(key.into()).is_some()
    }

    /// Fails before anything changes when `nodes` more node indices would not fit.
    pub(crate) fn check_node_room(&self, nodes: usize) -> GraphResult<()> {
        if self.keys.capacity().saturating_add(nodes) > MAX_INDICES {
            return Err(GraphError::OutOfMemory(format!(
                "a graph holds at most {MAX_INDICES} node indices"
            )));
        }
        Ok(())
    }

    pub(crate) fn check_edge_room(&self, edges: usize) -> GraphResult<()> {
        if self.topology.edge_capacity().saturating_add(edges) > MAX_INDICES {
            return Err(GraphError::OutOfMemory(format!(
                "a graph holds at most {MAX_INDICES} edge indices"
            )));
        }
        Ok(())
    }

    /// The index of `key`, adding the node if it is new. Room was checked by the caller.
    fn ensure_node(&mut self, key: KeyRef<'_>) -> u32 {
        match self.keys.get(key) {
            Some(n) => n,
            None => {
                let n = self.topology.push_node();
                let k = self.keys.insert_new(key);
                debug_assert_eq!(n, k);
                n
            }
        }
    }

    /// Adds a node, or updates the attributes of an existing one. Returns its index.
    pub fn add_node(&mut self, key: KeyRef<'_>, attrs: &Attrs<'_>) -> GraphResult<u32> {
        self.check_node_room(1)?;
        if self.memory_limited() {
            let _suspended = PoolScope::suspend(); // the check's lists are not the graph's
            let keys = self.count_new_keys(std::iter::once(key));
            self.check_growth(
                Growth {
                    keys,
                    ..Growth::default()
                }
                .with_attrs(attrs, false),
            )?;
        }
        Ok(self.add_node_unchecked(key, attrs))
    }

    fn add_node_unchecked(&mut self, key: KeyRef<'_>, attrs: &Attrs<'_>) -> u32 {
        self.generation += 1;
        let n = self.ensure_node(key);
        for (name, value) in attrs {
            self.node_attrs.set(n as usize, name, value.clone());
        }
        n
    }

    /// Removes a node and all its edges.
    pub fn remove_node(&mut self, key: KeyRef<'_>) -> GraphResult<()> {
        let n = self.require_node(key)?;
        self.generation += 1;
        for e in self.topology.remove_node(n) {
            self.edge_attrs.unset_entity(e as usize);
        }
        self.node_attrs.unset_entity(n as usize);
        self.keys.remove(n);
        Ok(())
    }

    /// Live node indices in insertion order.
    pub fn node_indices(&self) -> impl Iterator<Item = u32> + '_ {
        self.topology.nodes()
    }

    /// The keys of node indices, in that order.
    pub fn keys_of_nodes(&self, nodes: &[u32]) -> GraphResult<KeyList> {
        let keys = nodes.iter().map(|&n| self.node_key(n).as_key_ref());
        Ok(KeyList::try_collect(keys, nodes.len())?)
    }

    /// The keys of all live nodes in insertion order, as a list (`OutOfMemory` rather than
    /// an abort when the system refuses the memory).
    pub fn node_key_list(&self) -> GraphResult<KeyList> {
        let keys = self.node_keys().map(NodeKey::as_key_ref);
        Ok(KeyList::try_collect(keys, self.node_count())?)
    }

    /// The endpoint keys of edge indices, as two aligned lists (sources, targets).
    pub fn keys_of_edges(&self, edges: impl Iterator<Item = u32>) -> (KeyList, KeyList) {
        let (mut sources, mut targets) = (KeyList::default(), KeyList::default());
        for e in edges {
            let (u, v) = self.edge_keys(e);
            sources.push(u.as_key_ref());
            targets.push(v.as_key_ref());
        }
        (sources, targets)
    }

    /// Live node keys in insertion order.
    pub fn node_keys(&self) -> impl Iterator<Item = &NodeKey> + '_ {
        self.topology.nodes().map(|n| self.keys.key(n))
    }

    pub fn neighbors(&self, key: KeyRef<'_>) -> GraphResult<Vec<u32>> {
        Ok(self.topology.successors(self.require_node(key)?))
    }

    pub fn successors(&self, key: KeyRef<'_>) -> GraphResult<Vec<u32>> {
        self.neighbors(key)
    }

    pub fn predecessors(&self, key: KeyRef<'_>) -> GraphResult<Vec<u32>> {
        Ok(self.topology.predecessors(self.require_node(key)?))
    }

    pub fn degree(&self, key: KeyRef<'_>) -> GraphResult<usize> {
        Ok(self.topology.degree(self.require_node(key)?))
    }

    pub fn in_degree(&self, key: KeyRef<'_>) -> GraphResult<usize> {
        Ok(self.topology.in_degree(self.require_node(key)?))
    }

    pub fn out_degree(&self, key: KeyRef<'_>) -> GraphResult<usize> {
        Ok(self.topology.out_degree(self.require_node(key)?))
    }

    /// Degrees of all live nodes in insertion order.
    pub fn degrees(&self) -> GraphResult<Vec<i64>> {
        let mut degrees = with_capacity(self.node_count())?;
        degrees.extend(
            self.topology
                .nodes()
                .map(|n| self.topology.degree(n) as i64),
        );
        Ok(degrees)
    }

    // ----- edges -------------------------------------------------------------------------

    /// The edge index of `(u, v)`, or `EdgeNotFound`.
    pub fn require_edge(&self, u: KeyRef<'_>, v: KeyRef<'_>) -> GraphResult<u32> {
        let missing = || GraphError::EdgeNotFound(format!("({u}, {v})"));
        let (Some(a), Some(b)) = (self.node_index(u), self.node_index(v)) else {
            return Err(missing());
        };
        self.topology.find_edge(a, b).ok_or_else(missing)
    }

    pub fn has_edge(&self, u: KeyRef<'_>, v: KeyRef<'_>) -> bool {
        self.require_edge(u, v).is_ok()
    }

    /// Adds an edge (creating missing endpoints) or updates an existing edge's attributes.
    pub fn add_edge(
        &mut self,
        u: KeyRef<'_>,
        v: KeyRef<'_>,
        attrs: &Attrs<'_>,
    ) -> GraphResult<u32> {
        self.check_node_room(2)?;
        self.check_edge_room(1)?;
        if self.memory_limited() {
            let _suspended = PoolScope::suspend();
            let keys = self.count_new_keys([u, v].into_iter());
            self.check_growth(
                Growth {
                    keys,
                    edges: 1,
                    lists: ListGrowth::Edge([self.node_index(u), self.node_index(v)]),
                    ..Growth::default()
                }
                .with_attrs(attrs, true),
            )?;
        }
        Ok(self.add_edge_unchecked(u, v, attrs))
    }

    fn add_edge_unchecked(&mut self, u: KeyRef<'_>, v: KeyRef<'_>, attrs: &Attrs<'_>) -> u32 {
        self.generation += 1;
        let a = self.ensure_node(u);
        let b = self.ensure_node(v);
        let e = match self.topology.find_edge(a, b) {
            Some(e) => e,
            None => self.topology.push_edge(a, b),
        };
        for (name, value) in attrs {
            self.edge_attrs.set(e as usize, name, value.clone());
        }
        e
    }

    pub fn remove_edge(&mut self, u: KeyRef<'_>, v: KeyRef<'_>) -> GraphResult<()> {
        let e = self.require_edge(u, v)?;
        self.generation += 1;
        self.topology.remove_edge(e);
        self.edge_attrs.unset_entity(e as usize);
        Ok(())
    }

    /// Live edge indices in insertion order.
    pub fn edge_indices(&self) -> impl Iterator<Item = u32> + '_ {
        self.topology.edges()
    }

    /// Endpoint keys of a live edge, as added.
    pub fn edge_keys(&self, e: u32) -> (&NodeKey, &NodeKey) {
        let (u, v) = self.topology.endpoints(e);
        (self.keys.key(u), self.keys.key(v))
    }

    // ----- attributes --------------------------------------------------------------------

    pub fn set_node_attr(
        &mut self,
        key: KeyRef<'_>,
        name: &str,
        value: AttrValue,
    ) -> GraphResult<()> {
        let n = self.require_node(key)?;
        if self.memory_limited() {
            let _suspended = PoolScope::suspend();
            self.check_growth(Growth {
                value_bytes: value.heap_size(),
                ..Growth::default().column(name, value.kind(), false)
            })?;
        }
        self.generation += 1;
        self.node_attrs
            .set(n as usize, name, self.owned_here(value));
        Ok(())
    }

    /// `None` when the node does not have the attribute.
    pub fn get_node_attr(&self, key: KeyRef<'_>, name: &str) -> GraphResult<Option<AttrValue>> {
        let n = self.require_node(key)?;
        Ok(self.node_attrs.get(n as usize, name))
    }

    pub fn set_edge_attr(
        &mut self,
        u: KeyRef<'_>,
        v: KeyRef<'_>,
        name: &str,
        value: AttrValue,
    ) -> GraphResult<()> {
        let e = self.require_edge(u, v)?;
        if self.memory_limited() {
            let _suspended = PoolScope::suspend();
            self.check_growth(Growth {
                value_bytes: value.heap_size(),
                ..Growth::default().column(name, value.kind(), true)
            })?;
        }
        self.generation += 1;
        self.edge_attrs
            .set(e as usize, name, self.owned_here(value));
        Ok(())
    }

    pub fn get_edge_attr(
        &self,
        u: KeyRef<'_>,
        v: KeyRef<'_>,
        name: &str,
    ) -> GraphResult<Option<AttrValue>> {
        let e = self.require_edge(u, v)?;
        Ok(self.edge_attrs.get(e as usize, name))
    }

    /// Removes the attribute `name` of a node: it becomes absent (not Null), as if never
    /// set. `AttributeNotFound` (nothing changes) when the node does not have it.
    pub fn remove_node_attr(&mut self, key: KeyRef<'_>, name: &str) -> GraphResult<()> {
        let n = self.require_node(key)?;
        if !has_attr(&self.node_attrs, n, name) {
            return Err(GraphError::AttributeNotFound(format!(
                "'{name}' on node {key}"
            )));
        }
        // Cached snapshots (the CSR and its weights by column) are stale from here.
        self.generation += 1;
        self.node_attrs.unset(n as usize, name);
        Ok(())
    }

    /// Removes the attribute `name` of the edge `(u, v)`, as `remove_node_attr` does.
    pub fn remove_edge_attr(
        &mut self,
        u: KeyRef<'_>,
        v: KeyRef<'_>,
        name: &str,
    ) -> GraphResult<()> {
        let e = self.require_edge(u, v)?;
        if !has_attr(&self.edge_attrs, e, name) {
            return Err(GraphError::AttributeNotFound(format!(
                "'{name}' on edge ({u}, {v})"
            )));
        }
        self.generation += 1;
        self.edge_attrs.unset(e as usize, name);
        Ok(())
    }

    /// All attributes of a node, in column order.
    pub fn node_attrs(&self, key: KeyRef<'_>) -> GraphResult<Vec<(Box<str>, AttrValue)>> {
        let n = self.require_node(key)?;
        Ok(self.node_attrs.entity_attrs(n as usize))
    }

    /// All attributes of an edge, in column order.
    pub fn edge_attrs(
        &self,
        u: KeyRef<'_>,
        v: KeyRef<'_>,
    ) -> GraphResult<Vec<(Box<str>, AttrValue)>> {
        let e = self.require_edge(u, v)?;
        Ok(self.edge_attrs.entity_attrs(e as usize))
    }

    pub fn node_attr_names(&self) -> Vec<Box<str>> {
        self.node_attrs.names()
    }

    pub fn edge_attr_names(&self) -> Vec<Box<str>> {
        self.edge_attrs.names()
    }

    // ----- whole graph -------------------------------------------------------------------

    /// Removes every node, edge and attribute; directedness stays.
    pub fn clear(&mut self) {
        let generation = self.generation + 1;
        *self = GraphCore::new_in(self.is_directed(), self.pool.clone());
        self.generation = generation;
    }

    /// A deep copy, in the same memory pool; `OutOfMemory` when it would not fit there.
    pub fn try_clone(&self) -> GraphResult<GraphCore> {
        if let Some(pool) = &self.pool {
            pool.check(self.heap_size())?;
        }
        // Every graph-sized buffer is reserved fallibly: running out of memory is an
        // error, not an abort.
        Ok(GraphCore {
            topology: self.topology.try_clone()?,
            keys: self.keys.try_clone()?,
            node_attrs: self.node_attrs.try_clone()?,
            edge_attrs: self.edge_attrs.try_clone()?,
            generation: self.generation,
            pool: self.pool.clone(),
            shares: ColumnShares::default(),
        })
    }

    /// The subgraph induced by `keys` (keys not in the graph are ignored, as in networkx),
    /// with the attributes of its nodes and edges, in this graph's order.
    pub fn subgraph(&self, keys: &[KeyRef<'_>]) -> GraphResult<GraphCore> {
        let mut chosen = filled(self.topology.node_capacity(), false)?;
        for key in keys {
            if let Some(n) = self.node_index(*key) {
                chosen[n as usize] = true;
            }
        }
        if let Some(pool) = self.pool.as_ref().filter(|p| p.limit().is_some()) {
            let _suspended = PoolScope::suspend(); // the bound's lists are not the graph's
            pool.check(self.subgraph_bound(&chosen))?;
        }
        Ok(self.subgraph_unchecked(&chosen, None)?)
    }

    /// Bytes the subgraph of the `chosen` nodes may take, built one node and one edge at
    /// a time into an empty graph.
    fn subgraph_bound(&self, chosen: &[bool]) -> usize {
        let empty = GraphCore::new(self.is_directed());
        let nodes: Vec<u32> = self
            .node_indices()
            .filter(|&n| chosen[n as usize])
            .collect();
        let keys = empty.count_new_keys(nodes.iter().map(|&n| self.node_key(n).as_key_ref()));
        let edges = self
            .edge_indices()
            .filter(|&e| {
                let (u, v) = self.topology.endpoints(e);
                chosen[u as usize] && chosen[v as usize]
            })
            .count();
        fn columns(table: &AttrTable) -> Vec<(&str, Written)> {
            table
                .iter()
                .map(|(name, column)| (name, Written::of(column.kind())))
                .collect()
        }
        let payload = |table: &AttrTable| -> usize {
            table.iter().map(|(_, c)| c.values().payload_bytes()).sum()
        };
        empty.growth_bound(&Growth {
            keys,
            edges,
            lists: ListGrowth::Pushes,
            node_columns: columns(&self.node_attrs),
            edge_columns: columns(&self.edge_attrs),
            value_bytes: payload(&self.node_attrs) + payload(&self.edge_attrs),
            ..Growth::default()
        })
    }

    /// Builds the subgraph of the `chosen` nodes into a new graph, every graph-sized
    /// buffer reserved fallibly (`Err` when the system refuses the memory; this graph is
    /// never touched). Its edges are those between chosen nodes, in edge order, or, with
    /// `only_edges`, the listed `(edge, [u, v])` in that order, added as `u`-`v` (their
    /// ends must be chosen).
    fn subgraph_unchecked(
        &self,
        chosen: &[bool],
        only_edges: Option<&[(u32, [u32; 2])]>,
    ) -> Result<GraphCore, NoMemory> {
        let mut sub = GraphCore::new_in(self.is_directed(), self.pool.clone());
        let is_chosen = |n: &u32| chosen[*n as usize];
        let (mut count, mut ints) = (0, 0);
        for n in self.node_indices().filter(is_chosen) {
            count += 1;
            ints += usize::from(matches!(self.node_key(n), NodeKey::Int(_)));
        }
        sub.keys.try_reserve(count, ints)?;
        let nodes = || self.node_indices().filter(is_chosen);
        sub.node_attrs
            .try_reserve(&written_columns(&self.node_attrs, nodes), count)?;
        // Each chosen node's index in the subgraph. This and the edge lists are the
        // build's, not the subgraph's: they do not count for the pool.
        let mut position = {
            let _suspended = PoolScope::suspend();
            filled(self.topology.node_capacity(), u32::MAX)?
        };
        for n in self.node_indices().filter(is_chosen) {
            let m = sub.try_ensure_node(self.node_key(n).as_key_ref())?;
            position[n as usize] = m;
            for (name, value) in self.node_attrs.entity_attrs(n as usize) {
                sub.node_attrs.set(m as usize, &name, value);
            }
        }
        let inside = |e: &u32| {
            let (u, v) = self.topology.endpoints(*e);
            chosen[u as usize] && chosen[v as usize]
        };
        let edges = match only_edges {
            Some(list) => list.len(),
            None => self.edge_indices().filter(inside).count(),
        };
        let (mut pairs, mut sources) = {
            let _suspended = PoolScope::suspend();
            (with_capacity(edges)?, with_capacity(edges)?)
        };
        let mut add = |e: u32, [u, v]: [u32; 2]| {
            pairs.push([position[u as usize], position[v as usize]]);
            sources.push(e);
        };
        match only_edges {
            Some(list) => list.iter().for_each(|&(e, ends)| add(e, ends)),
            None => self.edge_indices().filter(inside).for_each(|e| {
                let (u, v) = self.topology.endpoints(e);
                add(e, [u, v])
            }),
        }
        drop(position);
        let ids = sub.topology.add_edges_bulk(pairs)?;
        let edges = || sources.iter().copied();
        sub.edge_attrs
            .try_reserve(&written_columns(&self.edge_attrs, edges), ids.len())?;
        for (&e, &id) in sources.iter().zip(&ids) {
            for (name, value) in self.edge_attrs.entity_attrs(e as usize) {
                sub.edge_attrs.set(id as usize, &name, value);
            }
        }
        sub.generation = (count + ids.len()) as u64; // one per add, as one at a time
        Ok(sub)
    }
}

/// Whether `entity` has the attribute `name` (Null included).
fn has_attr(table: &AttrTable, entity: u32, name: &str) -> bool {
    table
        .column(name)
        .is_some_and(|c| c.slot(entity as usize) != Slot::Absent)
}

/// The columns of `table` that some of `entities` has (a value or Null), each with the
/// kind of storage setting those entries makes (none for nulls alone), in the order
/// setting them entity by entity creates them: by first entity, then in table order.
fn written_columns<I: Iterator<Item = u32>>(
    table: &AttrTable,
    entities: impl Fn() -> I,
) -> Vec<(&str, AttrKind)> {
    let mut firsts: Vec<(usize, usize, &str, AttrKind)> = Vec::new();
    for (c, (name, column)) in table.iter().enumerate() {
        let has = |e: u32| column.slot(e as usize) != Slot::Absent;
        if let Some(first) = entities().position(has) {
            let valued = entities().any(|e| column.slot(e as usize) == Slot::Value);
            let kind = if valued {
                column.kind()
            } else {
                AttrKind::Null
            };
            firsts.push((first, c, name, kind));
        }
    }
    firsts.sort_unstable_by_key(|&(first, c, _, _)| (first, c));
    firsts
        .into_iter()
        .map(|(_, _, name, kind)| (name, kind))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(g: &GraphCore, idx: Vec<u32>) -> Vec<NodeKey> {
        idx.into_iter().map(|n| g.node_key(n).clone()).collect()
    }

    #[test]
    fn add_edge_creates_endpoints_and_updates_on_repeat() {
        let mut g = GraphCore::new(false);
        g.add_edge("a".into(), "b".into(), &[("w", 1.0.into())])
            .unwrap();
        g.add_edge("b".into(), "a".into(), &[("w", 2.0.into())])
            .unwrap();
        assert_eq!(g.node_count(), 2);
        assert_eq!(g.edge_count(), 1);
        assert_eq!(
            g.get_edge_attr("a".into(), "b".into(), "w").unwrap(),
            Some(AttrValue::Float64(2.0))
        );
    }

    #[test]
    fn directed_neighbours_are_successors() {
        let mut g = GraphCore::new(true);
        g.add_edge(1.into(), 2.into(), &[]).unwrap();
        g.add_edge(3.into(), 1.into(), &[]).unwrap();
        assert_eq!(
            keys(&g, g.neighbors(1.into()).unwrap()),
            vec![NodeKey::Int(2)]
        );
        assert_eq!(
            keys(&g, g.predecessors(1.into()).unwrap()),
            vec![NodeKey::Int(3)]
        );
        assert_eq!(g.degree(1.into()).unwrap(), 2);
        assert!(g.has_edge(1.into(), 2.into()));
        assert!(!g.has_edge(2.into(), 1.into()));
    }

    #[test]
    fn removal_keeps_order_and_drops_attributes() {
        let mut g = GraphCore::new(false);
        for k in [5, 3, 9] {
            g.add_node(KeyRef::Int(k), &[("x", AttrValue::Int64(k))])
                .unwrap();
        }
        g.add_edge(5.into(), 9.into(), &[]).unwrap();
        g.remove_node(3.into()).unwrap();
        g.add_node(3.into(), &[]).unwrap();
        let order: Vec<_> = g.node_keys().cloned().collect();
        assert_eq!(order, vec![5.into(), 9.into(), 3.into()]);
        assert_eq!(g.get_node_attr(3.into(), "x").unwrap(), None);
        assert_eq!(
            g.remove_node(42.into()),
            Err(GraphError::NodeNotFound("42".into()))
        );
        assert_eq!(
            g.remove_edge("x".into(), 5.into()),
            Err(GraphError::EdgeNotFound("('x', 5)".into()))
        );
    }

    #[test]
    fn removing_an_attribute_makes_it_absent_and_bumps_the_generation() {
        let mut g = GraphCore::new(true);
        g.add_node(1.into(), &[("x", 1i64.into()), ("n", AttrValue::Null)])
            .unwrap();
        g.add_edge(1.into(), 2.into(), &[("w", 2.5.into())])
            .unwrap();
        let before = g.generation();
        g.remove_node_attr(1.into(), "n").unwrap(); // a Null attribute exists
        g.remove_edge_attr(1.into(), 2.into(), "w").unwrap();
        assert!(g.generation() > before);
        assert_eq!(g.get_node_attr(1.into(), "n").unwrap(), None);
        assert_eq!(g.get_edge_attr(1.into(), 2.into(), "w").unwrap(), None);
        assert_eq!(
            g.node_attrs(1.into()).unwrap(),
            vec![("x".into(), 1i64.into())]
        );
        assert!(g.edge_attrs(1.into(), 2.into()).unwrap().is_empty());
        assert!(g.edge_attr_names().is_empty());
        assert_eq!(
            g.edge_array("w").unwrap_err(),
            GraphError::AttributeNotFound("'w' on edges".into())
        );
        // With no edge holding it any more, the name is unknown as a weight.
        assert_eq!(
            g.edge_weights("w").unwrap_err(),
            GraphError::InvalidArgument("no edge attribute 'w' to use as weight".into())
        );

        let after = g.generation();
        assert_eq!(
            g.remove_node_attr(1.into(), "n"),
            Err(GraphError::AttributeNotFound("'n' on node 1".into()))
        );
        assert_eq!(
            g.remove_node_attr(2.into(), "x"),
            Err(GraphError::AttributeNotFound("'x' on node 2".into()))
        );
        assert_eq!(
            g.remove_edge_attr(1.into(), 2.into(), "w"),
            Err(GraphError::AttributeNotFound("'w' on edge (1, 2)".into()))
        );
        assert_eq!(
            g.remove_node_attr(9.into(), "x"),
            Err(GraphError::NodeNotFound("9".into()))
        );
        assert_eq!(
            g.remove_edge_attr(2.into(), 1.into(), "w"),
            Err(GraphError::EdgeNotFound("(2, 1)".into()))
        );
        assert_eq!(g.generation(), after, "a failed removal changes nothing");
    }

    #[test]
    fn an_undirected_edge_loses_its_attribute_from_either_end() {
        let mut g = GraphCore::new(false);
        g.add_edge("a".into(), "b".into(), &[("w", 1i64.into())])
            .unwrap();
        g.remove_edge_attr("b".into(), "a".into(), "w").unwrap();
        assert_eq!(g.get_edge_attr("a".into(), "b".into(), "w").unwrap(), None);
    }

    #[test]
    fn subgraph_is_induced_and_keeps_attributes() {
        let mut g = GraphCore::new(false);
        g.add_edge(1.into(), 2.into(), &[("w", 3i64.into())])
            .unwrap();
        g.add_edge(2.into(), 3.into(), &[]).unwrap();
        let s = g.subgraph(&[2.into(), 1.into(), 77.into()]).unwrap();
        assert_eq!(s.node_count(), 2);
        assert_eq!(s.edge_count(), 1);
        assert_eq!(
            s.get_edge_attr(2.into(), 1.into(), "w").unwrap(),
            Some(AttrValue::Int64(3))
        );
    }
}
