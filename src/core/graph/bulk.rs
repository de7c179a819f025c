//! Batches: many nodes or edges in one call, with attributes given per item or as whole
//! columns. A batch ends exactly as the same adds one at a time would (a later duplicate
//! updates an earlier one), and everything that can fail is checked before anything
//! changes, so a failed batch leaves the graph as it was.

use super::{Attrs, GraphCore, Growth};
use crate::core::fallible::with_capacity;
use crate::core::memory::PoolScope;
use crate::core::{Array, AttrKind, GraphError, GraphResult, KeyRef, NoMemory, NullEntries};

/// Named attribute columns of a batch, one value per item.
pub type Columns<'a> = [(&'a str, &'a Array)];

pub(super) fn check_columns(columns: &Columns<'_>, items: usize, what: &str) -> GraphResult<()> {
    for (name, values) in columns {
        if values.len() != items {
            return Err(GraphError::InvalidArgument(format!(
                "column '{name}' has {} values for {items} {what}",
                values.len()
            )));
        }
    }
    Ok(())
}

/// Bytes of string and bytes values in the columns.
fn column_payload(columns: &Columns<'_>) -> usize {
    columns.iter().map(|(_, a)| a.payload_bytes()).sum()
}

impl GraphCore {
    /// Checks the memory pool for a batch that may add the nodes of `keys` (after
    /// reserving room for all of them when `reserve`), `edges` edges and the values of
    /// `columns` (on edges or on nodes).
    pub(super) fn check_batch<'k>(
        &self,
        keys: impl Iterator<Item = KeyRef<'k>> + Clone,
        reserve: bool,
        edges: usize,
        columns: &Columns<'_>,
        on_edges: bool,
    ) -> GraphResult<()> {
        if !self.memory_limited() {
            return Ok(());
        }
        let _suspended = PoolScope::suspend(); // the check's lists are not the graph's
        let mut growth = Growth {
            edges,
            value_bytes: column_payload(columns),
            ..Growth::default()
        };
        for (name, values) in columns {
            growth = growth.column(name, values.kind(), on_edges);
        }
        self.check_keys(growth, keys, reserve)
    }

    /// `check_batch` for attributes given per item.
    fn check_attr_batch<'k, 'a: 'k>(
        &self,
        keys: impl Iterator<Item = KeyRef<'k>> + Clone,
        reserve: bool,
        edges: usize,
        attrs: impl Iterator<Item = &'k Attrs<'a>>,
        on_edges: bool,
    ) -> GraphResult<()> {
        if !self.memory_limited() {
            return Ok(());
        }
        let _suspended = PoolScope::suspend();
        let mut growth = Growth {
            edges,
            ..Growth::default()
        };
        for item in attrs {
            growth = growth.with_attrs(item, on_edges);
        }
        self.check_keys(growth, keys, reserve)
    }

    /// Completes `growth` with the new keys among `keys` (and the room a node batch
    /// reserves for all of them first), then checks it.
    fn check_keys<'k>(
        &self,
        mut growth: Growth<'_>,
        keys: impl Iterator<Item = KeyRef<'k>> + Clone,
        reserve: bool,
    ) -> GraphResult<()> {
        if reserve {
            growth.reserved_keys = keys.clone().count();
            let ints = keys.clone().filter(|k| matches!(k, KeyRef::Int(_))).count();
            growth.reserved_strs = growth.reserved_keys - ints;
        }
        growth.keys = self.count_new_keys(keys);
        self.check_growth(growth)
    }

    /// The index of `key`, adding the node if it is new, or `Err` with nothing changed
    /// when the memory cannot be had. Index room was checked.
    pub(super) fn try_ensure_node(&mut self, key: KeyRef<'_>) -> Result<u32, NoMemory> {
        if let Some(n) = self.keys.get(key) {
            return Ok(n);
        }
        self.topology.try_reserve_node()?;
        let n = self.keys.try_insert_new(key)?;
        let pushed = self.topology.push_node();
        debug_assert_eq!(n, pushed);
        Ok(n)
    }

    /// `try_ensure_node` for an int key.
    fn try_int_node(&mut self, key: i64) -> Result<u32, NoMemory> {
        if let Some(n) = self.keys.get(KeyRef::Int(key)) {
            return Ok(n);
        }
        self.topology.try_reserve_node()?;
        let (n, inserted) = self.keys.try_get_or_insert_int(key)?;
        debug_assert!(inserted);
        let pushed = self.topology.push_node();
        debug_assert_eq!(n, pushed);
        Ok(n)
    }

    /// Runs the batch `add`; when it fails, removes the nodes it added (those from index
    /// `nodes_before` on), so that the graph is as it was.
    fn all_or_nothing<T>(
        &mut self,
        add: impl FnOnce(&mut GraphCore) -> GraphResult<T>,
    ) -> GraphResult<T> {
        let nodes_before = self.keys.capacity();
        let result = add(self);
        if result.is_err() {
            self.keys.truncate(nodes_before);
            self.topology.truncate_nodes(nodes_before);
        }
        result
    }

    /// Adds edges between the nodes at `positions` of the node order (what a loader that
    /// stored edges by node position needs: no key lookups). `InvalidArgument` for a
    /// position past the last node. Returns the edge of each pair.
    pub fn add_edges_by_position(&mut self, pairs: Vec<[u32; 2]>) -> GraphResult<Vec<u32>> {
        self.check_edge_room(pairs.len())?;
        let nodes: Vec<u32> = self.node_indices().collect();
        let mut indexed = pairs;
        for pair in &mut indexed {
            for end in pair.iter_mut() {
                *end = *nodes.get(*end as usize).ok_or_else(|| {
                    GraphError::InvalidArgument(format!(
                        "node position {end} is past the {} nodes",
                        nodes.len()
                    ))
                })?;
            }
        }
        self.add_edge_pairs(indexed, &[], NullEntries::SetNull)
    }

    /// Adds the edges `pairs` between node indices with attribute `columns`, and returns
    /// the edge of each pair. Everything that can fail (memory for the edges, their
    /// incidence entries and the columns) is reserved before the graph changes.
    pub(super) fn add_edge_pairs(
        &mut self,
        pairs: Vec<[u32; 2]>,
        columns: &Columns<'_>,
        nulls: NullEntries,
    ) -> GraphResult<Vec<u32>> {
        self.add_edge_pairs_by_row(pairs, columns, nulls, None)
    }

    /// `add_edge_pairs`, where row `r` of the columns goes to the edge of pair
    /// `pair_of_row[r]` when given (rows in order: a later row of the same edge wins).
    pub(super) fn add_edge_pairs_by_row(
        &mut self,
        pairs: Vec<[u32; 2]>,
        columns: &Columns<'_>,
        nulls: NullEntries,
        pair_of_row: Option<&[u32]>,
    ) -> GraphResult<Vec<u32>> {
        let plan = self.topology.plan_edges(&pairs)?;
        if !pairs.is_empty() && !columns.is_empty() {
            let len = self.topology.edge_capacity() + plan.new_edges();
            let writes: Vec<(&str, AttrKind)> =
                columns.iter().map(|(n, a)| (*n, a.kind())).collect();
            self.edge_attrs.try_reserve(&writes, len)?;
        }
        let mut targets = with_capacity(pair_of_row.map_or(0, <[u32]>::len))?;
        self.generation += 1;
        let ids = self.topology.apply_edges(pairs, plan);
        match pair_of_row {
            None => self.set_edge_columns(&ids, columns, nulls),
            Some(rows) => {
                targets.extend(rows.iter().map(|&k| ids[k as usize]));
                self.set_edge_columns(&targets, columns, nulls);
            }
        }
        Ok(ids)
    }

    fn set_edge_columns(&mut self, ids: &[u32], columns: &Columns<'_>, nulls: NullEntries) {
        if ids.is_empty() {
            return; // an empty batch creates no columns, as no add would
        }
        let lowest = ids.iter().min().map_or(usize::MAX, |&e| e as usize);
        for (name, values) in columns {
            self.edge_attrs
                .column_mut_or_create(name, lowest)
                .write_array(ids, values, nulls);
        }
    }

    /// Adds many edges as `add_edge` would one at a time, or nothing at all on error.
    pub fn add_edges(&mut self, items: &[(KeyRef<'_>, KeyRef<'_>, &Attrs<'_>)]) -> GraphResult<()> {
        self.check_node_room(items.len().saturating_mul(2))?;
        self.check_edge_room(items.len())?;
        let keys = items.iter().flat_map(|(u, v, _)| [*u, *v]);
        let attrs = items.iter().map(|(_, _, a)| *a);
        self.check_attr_batch(keys, false, items.len(), attrs, true)?;
        let ids = self.all_or_nothing(|g| {
            let mut pairs = Vec::new();
            pairs.try_reserve_exact(items.len())?;
            for (u, v, _) in items {
                pairs.push([g.try_ensure_node(*u)?, g.try_ensure_node(*v)?]);
            }
            g.add_edge_pairs(pairs, &[], NullEntries::SetNull)
        })?;
        for ((_, _, attrs), &e) in items.iter().zip(&ids) {
            for (name, value) in attrs.iter() {
                self.edge_attrs.set(e as usize, name, value.clone());
            }
        }
        Ok(())
    }

    /// Adds edges `sources[i] -> targets[i]` with attribute columns, as `add_edge` would one
    /// at a time, or nothing at all on error.
    pub fn add_edges_with_columns(
        &mut self,
        sources: &[KeyRef<'_>],
        targets: &[KeyRef<'_>],
        columns: &Columns<'_>,
    ) -> GraphResult<()> {
        self.add_edges_with_columns_as(sources, targets, columns, NullEntries::SetNull)
    }

    /// `add_edges_with_columns`, with what a null entry of a column does chosen by `nulls`
    /// (`Skip`: the edge's attribute is left as it was, as an add without it).
    pub fn add_edges_with_columns_as(
        &mut self,
        sources: &[KeyRef<'_>],
        targets: &[KeyRef<'_>],
        columns: &Columns<'_>,
        nulls: NullEntries,
    ) -> GraphResult<()> {
        self.check_edge_batch(sources.len(), targets.len(), columns)?;
        let keys = sources.iter().chain(targets).copied();
        self.check_batch(keys, false, sources.len(), columns, true)?;
        self.all_or_nothing(|g| {
            let mut pairs = Vec::new();
            pairs.try_reserve_exact(sources.len())?;
            for (u, v) in sources.iter().zip(targets) {
                pairs.push([g.try_ensure_node(*u)?, g.try_ensure_node(*v)?]);
            }
            g.add_edge_pairs(pairs, columns, nulls)
        })?;
        Ok(())
    }

    /// `add_edges_with_columns` for int keys: the fast path for loading large graphs.
    pub fn add_edges_int(
        &mut self,
        sources: &[i64],
        targets: &[i64],
        columns: &Columns<'_>,
    ) -> GraphResult<()> {
        self.add_edges_int_as(sources, targets, columns, NullEntries::SetNull)
    }

    /// `add_edges_int`, with what a null entry of a column does chosen by `nulls`.
    pub fn add_edges_int_as(
        &mut self,
        sources: &[i64],
        targets: &[i64],
        columns: &Columns<'_>,
        nulls: NullEntries,
    ) -> GraphResult<()> {
        self.check_edge_batch(sources.len(), targets.len(), columns)?;
        let keys = sources.iter().chain(targets).map(|&k| KeyRef::Int(k));
        self.check_batch(keys, false, sources.len(), columns, true)?;
        self.all_or_nothing(|g| {
            if let Some(&max) = sources.iter().chain(targets).max() {
                g.keys.prepare_ints(max, 2 * sources.len());
            }
            let mut pairs = Vec::new();
            pairs.try_reserve_exact(sources.len())?;
            for (&u, &v) in sources.iter().zip(targets) {
                pairs.push([g.try_int_node(u)?, g.try_int_node(v)?]);
            }
            g.add_edge_pairs(pairs, columns, nulls)
        })?;
        Ok(())
    }

    fn check_edge_batch(
        &self,
        sources: usize,
        targets: usize,
        columns: &Columns<'_>,
    ) -> GraphResult<()> {
        if sources != targets {
            return Err(GraphError::InvalidArgument(format!(
                "{sources} sources but {targets} targets"
            )));
        }
        check_columns(columns, sources, "edges")?;
        self.check_node_room(sources.saturating_mul(2))?;
        self.check_edge_room(sources)
    }

    /// Adds (or updates) the nodes `keys` with attribute columns, as `add_node` would one at
    /// a time, or nothing at all on error.
    pub fn add_nodes_with_columns(
        &mut self,
        keys: &[KeyRef<'_>],
        columns: &Columns<'_>,
    ) -> GraphResult<()> {
        self.add_nodes_with_columns_as(keys, columns, NullEntries::SetNull)
    }

    /// `add_nodes_with_columns`, with what a null entry of a column does chosen by `nulls`
    /// (`Skip`: the node's attribute is left as it was, as an add without it).
    pub fn add_nodes_with_columns_as(
        &mut self,
        keys: &[KeyRef<'_>],
        columns: &Columns<'_>,
        nulls: NullEntries,
    ) -> GraphResult<()> {
        check_columns(columns, keys.len(), "nodes")?;
        self.check_node_room(keys.len())?;
        self.check_batch(keys.iter().copied(), true, 0, columns, false)?;
        let nodes = self.all_or_nothing(|g| {
            let ints = keys.iter().filter(|k| matches!(k, KeyRef::Int(_))).count();
            g.keys.try_reserve(keys.len(), ints)?;
            let mut nodes = Vec::new();
            nodes.try_reserve_exact(keys.len())?;
            for key in keys {
                nodes.push(g.try_ensure_node(*key)?);
            }
            if !nodes.is_empty() {
                let writes: Vec<(&str, AttrKind)> =
                    columns.iter().map(|(n, a)| (*n, a.kind())).collect();
                g.node_attrs
                    .try_reserve(&writes, g.topology.node_capacity())?;
            }
            Ok(nodes)
        })?;
        self.generation += 1;
        if nodes.is_empty() {
            return Ok(()); // an empty batch creates no columns, as no add would
        }
        let lowest = nodes.iter().min().map_or(usize::MAX, |&n| n as usize);
        for (name, values) in columns {
            self.node_attrs
                .column_mut_or_create(name, lowest)
                .write_array(&nodes, values, nulls);
        }
        Ok(())
    }

    /// Adds many nodes as `add_node` would one at a time, or nothing at all on error.
    pub fn add_nodes(&mut self, items: &[(KeyRef<'_>, &Attrs<'_>)]) -> GraphResult<()> {
        self.check_node_room(items.len())?;
        let keys = items.iter().map(|(k, _)| *k);
        self.check_attr_batch(keys, true, 0, items.iter().map(|(_, a)| *a), false)?;
        let nodes = self.all_or_nothing(|g| {
            let ints = items
                .iter()
                .filter(|(k, _)| matches!(k, KeyRef::Int(_)))
                .count();
            g.keys.try_reserve(items.len(), ints)?;
            let mut nodes = Vec::new();
            nodes.try_reserve_exact(items.len())?;
            for (key, _) in items {
                nodes.push(g.try_ensure_node(*key)?);
            }
            Ok(nodes)
        })?;
        self.generation += 1;
        for ((_, attrs), n) in items.iter().zip(nodes) {
            for (name, value) in attrs.iter() {
                self.node_attrs.set(n as usize, name, value.clone());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::AttrValue;

    #[test]
    fn int_batch_with_columns_matches_one_at_a_time() {
        let src = [1i64, 2, 1, 3];
        let dst = [2i64, 1, 2, 3];
        let w = Array::from_values(vec![
            AttrValue::Float64(0.5),
            AttrValue::Float64(1.5),
            AttrValue::Null,
            AttrValue::Float64(3.0),
        ]);
        let mut bulk = GraphCore::new(false);
        bulk.add_edges_int(&src, &dst, &[("w", &w)]).unwrap();
        let mut single = GraphCore::new(false);
        for i in 0..4 {
            let value = w.get(i);
            single
                .add_edge(src[i].into(), dst[i].into(), &[("w", value)])
                .unwrap();
        }
        assert_eq!(bulk.edge_count(), 2);
        for (u, v) in [(1, 2), (3, 3)] {
            assert_eq!(
                bulk.get_edge_attr(u.into(), v.into(), "w").unwrap(),
                single.get_edge_attr(u.into(), v.into(), "w").unwrap()
            );
        }
        assert_eq!(
            bulk.get_edge_attr(2.into(), 1.into(), "w").unwrap(),
            Some(AttrValue::Null)
        );
    }

    #[test]
    fn skipped_nulls_leave_edges_as_adds_without_the_attribute_do() {
        let w = Array::from_values(vec![
            AttrValue::Float64(0.5),
            AttrValue::Null,
            AttrValue::Null,
            AttrValue::Null,
        ]);
        // (1, 2), the same edge reversed, a new (2, 3), and (7, 8) that holds Null.
        let (src, dst) = ([1i64, 2, 2, 7], [2i64, 1, 3, 8]);
        let keys = |k: &[i64]| k.iter().map(|&k| KeyRef::Int(k)).collect::<Vec<_>>();
        for keyed in [false, true] {
            let mut g = GraphCore::new(false);
            g.add_edge(7.into(), 8.into(), &[("w", AttrValue::Null)])
                .unwrap();
            let columns = [("w", &w)];
            if keyed {
                let (s, d) = (keys(&src), keys(&dst));
                g.add_edges_with_columns_as(&s, &d, &columns, NullEntries::Skip)
            } else {
                g.add_edges_int_as(&src, &dst, &columns, NullEntries::Skip)
            }
            .unwrap();
            let w = |u: i64, v: i64| g.get_edge_attr(u.into(), v.into(), "w").unwrap();
            assert_eq!(w(1, 2), Some(AttrValue::Float64(0.5)), "a null kept it");
            assert_eq!(w(2, 3), None, "absent, not Null");
            assert_eq!(w(7, 8), Some(AttrValue::Null));
        }
    }

    #[test]
    fn bad_batches_change_nothing() {
        let mut g = GraphCore::new(true);
        g.add_edge(1.into(), 2.into(), &[]).unwrap();
        let short = Array::from_i64(vec![1]);
        let before = format!("{g:?}");
        assert!(g.add_edges_int(&[1, 2], &[3], &[]).is_err());
        assert!(g.add_edges_int(&[1, 2], &[3, 4], &[("x", &short)]).is_err());
        assert!(g
            .add_nodes_with_columns(&[5.into(), 6.into()], &[("x", &short)])
            .is_err());
        assert_eq!(format!("{g:?}"), before);
    }
}
