//! Whole attribute columns: read one as an `Array` aligned with the node (or edge) order,
//! or write one from an `Array`.

use std::sync::Arc;

use super::column_shares::Entities;
use super::{GraphCore, Growth};
use crate::core::fallible::filled;
use crate::core::memory::PoolScope;
use crate::core::{Array, AttrTable, Column, GraphError, GraphResult};

fn column_entities<'t>(table: &'t AttrTable, name: &str, what: &str) -> GraphResult<&'t Column> {
    table
        .column(name)
        .filter(|c| c.present_count() > 0)
        .ok_or_else(|| GraphError::AttributeNotFound(format!("'{name}' on {what}")))
}

fn check_length(values: &Array, expected: usize, what: &str) -> GraphResult<()> {
    if values.len() != expected {
        return Err(GraphError::InvalidArgument(format!(
            "{} values for {expected} {what}",
            values.len()
        )));
    }
    Ok(())
}

impl GraphCore {
    /// The attribute `name` of every node, in node order (absent and null both null).
    pub fn node_array(&self, name: &str) -> GraphResult<Array> {
        let column = column_entities(&self.node_attrs, name, "nodes")?;
        let nodes: Vec<u32> = self.node_indices().collect();
        Ok(column.gather(&nodes))
    }

    /// The attribute `name` of every edge, in edge order (absent and null both null).
    pub fn edge_array(&self, name: &str) -> GraphResult<Array> {
        let column = column_entities(&self.edge_attrs, name, "edges")?;
        let edges: Vec<u32> = self.edge_indices().collect();
        Ok(column.gather(&edges))
    }

    /// `node_array`, shared: while a reader holds the array of this column and the graph
    /// is unchanged, the same array (see `column_shares.rs`).
    pub fn node_array_shared(&self, name: &str) -> GraphResult<Arc<Array>> {
        let generation = self.generation;
        self.shares
            .get(Entities::Nodes, name, generation, || self.node_array(name))
    }

    /// `edge_array`, shared as `node_array_shared` is.
    pub fn edge_array_shared(&self, name: &str) -> GraphResult<Arc<Array>> {
        let generation = self.generation;
        self.shares
            .get(Entities::Edges, name, generation, || self.edge_array(name))
    }

    /// Whether each node has the attribute `name` (null included), in node order.
    pub fn node_presence(&self, name: &str) -> GraphResult<Vec<bool>> {
        let column = column_entities(&self.node_attrs, name, "nodes")?;
        let nodes: Vec<u32> = self.node_indices().collect();
        Ok(column.presence(&nodes))
    }

    /// Whether each edge has the attribute `name` (null included), in edge order.
    pub fn edge_presence(&self, name: &str) -> GraphResult<Vec<bool>> {
        let column = column_entities(&self.edge_attrs, name, "edges")?;
        let edges: Vec<u32> = self.edge_indices().collect();
        Ok(column.presence(&edges))
    }

    /// Whether some edge has the attribute `name` (a name `edge_attr_names` lists). A
    /// caller whose weight name is only a default, meaning unweighted when absent (as
    /// networkx's Louvain or spanning trees), asks this before `edge_weights`.
    pub fn has_edge_attr(&self, name: &str) -> bool {
        column_entities(&self.edge_attrs, name, "edges").is_ok()
    }

    /// The attribute `name` of every edge as a weight, by edge index: 1.0 where an edge
    /// lacks it or holds Null (networkx's default). `InvalidArgument` when no edge has it
    /// (a misspelt name must not silently give unweighted results) or a value is not a
    /// number.
    pub fn edge_weights(&self, name: &str) -> GraphResult<Vec<f64>> {
        let column = column_entities(&self.edge_attrs, name, "edges").map_err(|_| {
            GraphError::InvalidArgument(format!("no edge attribute '{name}' to use as weight"))
        })?;
        // One weight per edge index: reserved fallibly, as the snapshot's buffers are.
        let mut weights = filled(self.topology.edge_capacity(), 1.0)?;
        column.numbers_into(&mut weights).map_err(|kind| {
            GraphError::InvalidArgument(format!(
                "weight '{name}' must be numeric, but an edge holds a {} value",
                kind.name()
            ))
        })?;
        Ok(weights)
    }

    /// Sets the attribute `name` of every node from `values`, in node order (nulls set
    /// Null). `values` must hold one value per node.
    pub fn set_node_array(&mut self, name: &str, values: &Array) -> GraphResult<()> {
        check_length(values, self.node_count(), "nodes")?;
        if values.is_empty() {
            return Ok(()); // no node to set: no column appears
        }
        if self.memory_limited() {
            let _suspended = PoolScope::suspend(); // the check's lists are not the graph's
            self.check_growth(Growth {
                value_bytes: values.payload_bytes(),
                ..Growth::default().column(name, values.kind(), false)
            })?;
        }
        let mut nodes = Vec::new();
        nodes.try_reserve_exact(values.len())?;
        nodes.extend(self.node_indices());
        let len = nodes.last().map_or(0, |&i| i as usize + 1);
        self.node_attrs.try_reserve(&[(name, values.kind())], len)?;
        self.generation += 1;
        self.node_attrs
            .column_mut_or_create(name, 0) // every node
            .set_from_array(&nodes, values);
        Ok(())
    }

    /// Sets the attribute `name` of every edge from `values`, in edge order.
    pub fn set_edge_array(&mut self, name: &str, values: &Array) -> GraphResult<()> {
        check_length(values, self.edge_count(), "edges")?;
        if values.is_empty() {
            return Ok(()); // no edge to set: no column appears
        }
        if self.memory_limited() {
            let _suspended = PoolScope::suspend(); // the check's lists are not the graph's
            self.check_growth(Growth {
                value_bytes: values.payload_bytes(),
                ..Growth::default().column(name, values.kind(), true)
            })?;
        }
        let mut edges = Vec::new();
        edges.try_reserve_exact(values.len())?;
        edges.extend(self.edge_indices());
        let len = edges.last().map_or(0, |&i| i as usize + 1);
        self.edge_attrs.try_reserve(&[(name, values.kind())], len)?;
        self.generation += 1;
        self.edge_attrs
            .column_mut_or_create(name, 0) // every edge
            .set_from_array(&edges, values);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::AttrValue;

    #[test]
    fn arrays_follow_node_order_and_skip_removed_nodes() {
        let mut g = GraphCore::new(false);
        for k in [3i64, 1, 2] {
            g.add_node(k.into(), &[("x", AttrValue::Int64(k * 10))])
                .unwrap();
        }
        g.remove_node(1.into()).unwrap();
        let a = g.node_array("x").unwrap();
        assert_eq!((a.get(0), a.get(1)), (30i64.into(), 20i64.into()));
        g.set_node_array("y", &Array::from_f64(vec![0.5, 1.5]))
            .unwrap();
        assert_eq!(
            g.get_node_attr(2.into(), "y").unwrap(),
            Some(AttrValue::Float64(1.5))
        );
        assert!(g.set_node_array("y", &Array::from_f64(vec![1.0])).is_err());
        assert_eq!(
            g.node_array("nope").unwrap_err(),
            GraphError::AttributeNotFound("'nope' on nodes".into())
        );
    }

    #[test]
    fn weights_of_a_column_no_edge_has_are_an_error() {
        let mut g = GraphCore::new(false);
        g.add_edge(1.into(), 2.into(), &[("w", AttrValue::Float64(2.5))])
            .unwrap();
        g.add_edge(2.into(), 3.into(), &[]).unwrap();
        assert!(g.has_edge_attr("w"));
        assert_eq!(g.edge_weights("w").unwrap(), vec![2.5, 1.0]);
        let missing =
            GraphError::InvalidArgument("no edge attribute 'nope' to use as weight".into());
        assert!(!g.has_edge_attr("nope"));
        assert_eq!(g.edge_weights("nope").unwrap_err(), missing);
        // A column whose edges are all gone is no longer there either.
        g.remove_edge(1.into(), 2.into()).unwrap();
        assert!(!g.has_edge_attr("w"));
        assert_eq!(
            g.edge_weights("w").unwrap_err(),
            GraphError::InvalidArgument("no edge attribute 'w' to use as weight".into())
        );
        // Node attributes are not edge attributes.
        g.set_node_attr(1.into(), "nope", AttrValue::Float64(1.0))
            .unwrap();
        assert_eq!(g.edge_weights("nope").unwrap_err(), missing);
    }
}
