//! `spanning_subgraph`: every node of a graph with a chosen list of its edges, the shape of
//! a spanning tree or forest.

use super::GraphCore;
use crate::core::error::GraphResult;
use crate::core::fallible::{filled, with_capacity};
use crate::core::key::KeyRef;
use crate::core::memory::PoolScope;

impl GraphCore {
    /// A new graph (in the same pool) with every node of this one, its attributes, in
    /// node order, and the edges `(u, v)` listed, in that order and added as `u`-`v` (so an
    /// undirected edge reads back the way it is listed), with their attributes. A pair
    /// that is not an edge of this graph is `EdgeNotFound`.
    pub fn spanning_subgraph(&self, edges: &[(KeyRef<'_>, KeyRef<'_>)]) -> GraphResult<GraphCore> {
        let mut listed = with_capacity(edges.len())?;
        for &(u, v) in edges {
            let e = self.require_edge(u, v)?;
            let ends = [self.require_node(u)?, self.require_node(v)?];
            listed.push((e, ends));
        }
        self.spanning_subgraph_of(&listed)
    }

    /// `spanning_subgraph` with the edges given as `(edge, [u, v])` by index (edges of
    /// this graph between those nodes), added as `u`-`v`.
    pub fn spanning_subgraph_of(&self, listed: &[(u32, [u32; 2])]) -> GraphResult<GraphCore> {
        let mut chosen = filled(self.topology.node_capacity(), false)?;
        for n in self.node_indices() {
            chosen[n as usize] = true;
        }
        if let Some(pool) = self.pool.as_ref().filter(|p| p.limit().is_some()) {
            let _suspended = PoolScope::suspend(); // the bound's lists are not the graph's
                                                   // The whole graph's bound: more than the listed edges can take.
            pool.check(self.subgraph_bound(&chosen))?;
        }
        Ok(self.subgraph_unchecked(&chosen, Some(listed))?)
    }
}

#[cfg(test)]
mod tests {
    use crate::core::{AttrValue, GraphCore, KeyRef};

    #[test]
    fn keeps_every_node_and_the_listed_edges_in_order() {
        let mut g = GraphCore::new(false);
        g.add_node(KeyRef::Int(9), &[("x", AttrValue::Int64(1))])
            .unwrap();
        for (u, v, w) in [(1, 2, 1.0), (2, 3, 2.0), (1, 3, 3.0)] {
            g.add_edge(
                KeyRef::Int(u),
                KeyRef::Int(v),
                &[("w", AttrValue::Float64(w))],
            )
            .unwrap();
        }
        let t = g
            .spanning_subgraph(&[
                (KeyRef::Int(3), KeyRef::Int(2)),
                (KeyRef::Int(1), KeyRef::Int(2)),
            ])
            .unwrap();
        assert_eq!(t.node_count(), 4);
        assert_eq!(t.edge_count(), 2);
        let first = t.edge_indices().next().unwrap();
        let (u, v) = t.edge_keys(first);
        assert_eq!(
            (u.as_key_ref(), v.as_key_ref()),
            (KeyRef::Int(3), KeyRef::Int(2))
        );
        assert_eq!(
            t.get_edge_attr(KeyRef::Int(2), KeyRef::Int(3), "w")
                .unwrap(),
            Some(AttrValue::Float64(2.0))
        );
        assert_eq!(
            t.get_node_attr(KeyRef::Int(9), "x").unwrap(),
            Some(AttrValue::Int64(1))
        );
        assert!(g
            .spanning_subgraph(&[(KeyRef::Int(9), KeyRef::Int(1))])
            .is_err());
    }
}
