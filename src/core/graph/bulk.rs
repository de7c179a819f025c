//! Batches: many nodes or edges in one call, with attributes given per item or as whole
//! columns. A batch ends exactly as the same adds one at a time would (a later duplicate
//! updates an earlier one), and everything that can fail is checked before anything
//! changes, so a failed batch leaves the graph as it was.

use super::super::array::Array;
use super::super::error::{GraphError, GraphResult};
use super::super::key::KeyRef;
use super::super::value::AttrKind;
use crate::alloc::PoolScope;

use super::{Attrs, GraphCore, Growth};

/// Named attribute columns of a batch, one value per item.
pub type Columns<'a> = [(&'a str, &'a Array)];

fn check_columns(columns: &Columns<'_>, items: usize, what: &str) -> GraphResult<()> {
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
    /// Checks the memory pool for a batch that may add the nodes of `keys`, `edges` edges
    /// and the values of `columns` (on edges or on nodes).
    fn check_batch<'k>(
        &self,
        keys: impl Iterator<Item = KeyRef<'k>>,
        edges: usize,
        columns: &Columns<'_>,
        on_edges: bool,
    ) -> GraphResult<()> {
        if !self.memory_limited() {
            return Ok(());
        }
        let _suspended = PoolScope::suspend(); // the check's lists are not the graph's
        let names: Vec<(&str, AttrKind)> = columns.iter().map(|(n, a)| (*n, a.kind())).collect();
        let (nodes, key_bytes) = self.count_new_keys(keys);
        let (node_columns, edge_columns) = if on_edges {
            (Vec::new(), names)
        } else {
            (names, Vec::new())
        };
        self.check_growth(Growth {
            nodes,
            key_bytes,
            edges,
            node_columns,
            edge_columns,
            value_bytes: column_payload(columns),
        })
    }

    /// `check_batch` for attributes given per item.
    fn check_attr_batch<'k, 'a: 'k>(
        &self,
        keys: impl Iterator<Item = KeyRef<'k>>,
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
        (growth.nodes, growth.key_bytes) = self.count_new_keys(keys);
        self.check_growth(growth)
    }

    /// The index of an int key, adding the node if it is new. Room was checked.
    fn int_node(&mut self, key: i64) -> u32 {
        let (n, inserted) = self.keys.get_or_insert_int(key);
        if inserted {
            let pushed = self.topology.push_node();
            debug_assert_eq!(n, pushed);
        }
        n
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
        Ok(self.add_edge_pairs(indexed))
    }

    /// Adds the edges `pairs` between node indices and returns the edge of each.
    fn add_edge_pairs(&mut self, pairs: Vec<[u32; 2]>) -> Vec<u32> {
        self.generation += 1;
        self.topology.add_edges_bulk(pairs)
    }

    fn set_edge_columns(&mut self, ids: &[u32], columns: &Columns<'_>) {
        if ids.is_empty() {
            return; // an empty batch creates no columns, as no add would
        }
        for (name, values) in columns {
            self.edge_attrs
                .column_mut_or_create(name)
                .set_from_array(ids, values);
        }
    }

    /// Adds many edges as `add_edge` would one at a time, or nothing at all on error.
    pub fn add_edges(&mut self, items: &[(KeyRef<'_>, KeyRef<'_>, &Attrs<'_>)]) -> GraphResult<()> {
        self.check_node_room(items.len().saturating_mul(2))?;
        self.check_edge_room(items.len())?;
        let keys = items.iter().flat_map(|(u, v, _)| [*u, *v]);
        self.check_attr_batch(keys, items.len(), items.iter().map(|(_, _, a)| *a), true)?;
        let pairs = items
            .iter()
            .map(|(u, v, _)| [self.ensure_node(*u), self.ensure_node(*v)])
            .collect();
        let ids = self.add_edge_pairs(pairs);
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
        self.check_edge_batch(sources.len(), targets.len(), columns)?;
        let keys = sources.iter().chain(targets).copied();
        self.check_batch(keys, sources.len(), columns, true)?;
        let pairs = sources
            .iter()
            .zip(targets)
            .map(|(u, v)| [self.ensure_node(*u), self.ensure_node(*v)])
            .collect();
        let ids = self.add_edge_pairs(pairs);
        self.set_edge_columns(&ids, columns);
        Ok(())
    }

    /// `add_edges_with_columns` for int keys: the fast path for loading large graphs.
    pub fn add_edges_int(
        &mut self,
        sources: &[i64],
        targets: &[i64],
        columns: &Columns<'_>,
    ) -> GraphResult<()> {
        self.check_edge_batch(sources.len(), targets.len(), columns)?;
        let keys = sources.iter().chain(targets).map(|&k| KeyRef::Int(k));
        self.check_batch(keys, sources.len(), columns, true)?;
        if let Some(&max) = sources.iter().chain(targets).max() {
            self.keys.prepare_ints(max, 2 * sources.len());
        }
        let mut pairs = Vec::with_capacity(sources.len());
        for (&u, &v) in sources.iter().zip(targets) {
            pairs.push([self.int_node(u), self.int_node(v)]);
        }
        let ids = self.add_edge_pairs(pairs);
        self.set_edge_columns(&ids, columns);
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
        check_columns(columns, keys.len(), "nodes")?;
        self.check_node_room(keys.len())?;
        self.check_batch(keys.iter().copied(), 0, columns, false)?;
        self.generation += 1;
        let ints = keys.iter().filter(|k| matches!(k, KeyRef::Int(_))).count();
        self.keys.reserve(keys.len(), ints);
        let nodes: Vec<u32> = keys.iter().map(|k| self.ensure_node(*k)).collect();
        if nodes.is_empty() {
            return Ok(()); // an empty batch creates no columns, as no add would
        }
        for (name, values) in columns {
            self.node_attrs
                .column_mut_or_create(name)
                .set_from_array(&nodes, values);
        }
        Ok(())
    }

    /// Adds many nodes as `add_node` would one at a time, or nothing at all on error.
    pub fn add_nodes(&mut self, items: &[(KeyRef<'_>, &Attrs<'_>)]) -> GraphResult<()> {
        self.check_node_room(items.len())?;
        let keys = items.iter().map(|(k, _)| *k);
        self.check_attr_batch(keys, 0, items.iter().map(|(_, a)| *a), false)?;
        self.generation += 1;
        let ints = items
            .iter()
            .filter(|(k, _)| matches!(k, KeyRef::Int(_)))
            .count();
        self.keys.reserve(items.len(), ints);
        for (key, attrs) in items {
            let n = self.ensure_node(*key);
            for (name, value) in attrs.iter() {
                self.node_attrs.set(n as usize, name, value.clone());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::value::AttrValue;
    use super::*;

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
