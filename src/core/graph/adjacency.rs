//! Loading an adjacency: each node's neighbours as a list, in the order the lists give,
//! for the edges leaving each node and, in a directed graph, for those reaching it.
//! This keeps another library's per-node orders (networkx keeps each node's successors
//! and predecessors in their own insertion orders), which adding the same edges one at a
//! time in any single order need not.

use super::bulk::check_columns;
use super::list_merge::{merge_directed, merge_undirected};
use super::{Columns, GraphCore};
use crate::core::fallible::with_capacity;
use crate::core::topology::OrderScratch;
use crate::core::{GraphError, GraphResult, NullEntries};

/// Neighbour lists by node position (the node order): the list of the node at position
/// `p` is `neighbours[offsets[p]..offsets[p + 1]]`, each entry a node position.
#[derive(Clone, Copy, Debug)]
pub struct NeighbourLists<'a> {
    pub offsets: &'a [usize],
    pub neighbours: &'a [u32],
}

impl<'a> NeighbourLists<'a> {
    /// How many lists there are.
    pub(super) fn count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The lists, or `InvalidArgument` naming `what` when the offsets do not cut the
    /// neighbours into lists or a position is not one of `nodes` nodes.
    fn lists(self, nodes: usize, what: &str) -> GraphResult<Vec<&'a [u32]>> {
        let invalid = |why: String| GraphError::InvalidArgument(format!("{what}: {why}"));
        let offsets = self.offsets;
        if offsets.len() > nodes + 1 {
            return Err(invalid(format!(
                "{} lists for {nodes} nodes",
                offsets.len().saturating_sub(1)
            )));
        }
        if offsets.first().is_some_and(|&o| o != 0) {
            return Err(invalid("the first offset is not 0".into()));
        }
        if let Some(p) = offsets.windows(2).position(|w| w[0] > w[1]) {
            return Err(invalid(format!("offset {} is below offset {p}", p + 1)));
        }
        let end = offsets.last().copied().unwrap_or(0);
        if end != self.neighbours.len() {
            return Err(invalid(format!(
                "the last offset is {end}, not the {} neighbours",
                self.neighbours.len()
            )));
        }
        if let Some(&w) = self.neighbours.iter().find(|&&w| w as usize >= nodes) {
            return Err(invalid(format!(
                "node position {w} is past the {nodes} nodes"
            )));
        }
        let mut lists = with_capacity(offsets.len().saturating_sub(1))?;
        lists.extend(offsets.windows(2).map(|w| &self.neighbours[w[0]..w[1]]));
        Ok(lists)
    }
}

impl GraphCore {
    /// Adds an edge from the node at each position to each neighbour in its `out` list,
    /// with one value per list entry in each of `columns` (entries in order: a later
    /// entry of the same edge wins; a null entry leaves the edge without the attribute,
    /// as an add that does not name it). Every listed node's edges (out edges, or all of
    /// them when undirected) then lead to the neighbours of its `out` list first, in that
    /// order, and, in a directed graph given `into` lists, every node's in edges come
    /// from the sources of its `into` list first; other edges follow in their order. An
    /// `into` entry naming no edge is passed over. The edges are added in an order whose
    /// insertion gives every list its order (`list_merge`), so that adding them again in
    /// edge order (to another library's graph) keeps the orders too. All or nothing.
    pub fn add_adjacency(
        &mut self,
        out: NeighbourLists<'_>,
        into: Option<NeighbourLists<'_>>,
        columns: &Columns<'_>,
    ) -> GraphResult<()> {
        let nodes: Vec<u32> = self.node_indices().collect();
        let out_lists = out.lists(nodes.len(), "out lists")?;
        let into_lists = match into {
            Some(_) if !self.is_directed() => {
                return Err(GraphError::InvalidArgument(
                    "in lists are for directed graphs".into(),
                ))
            }
            Some(into) => into.lists(nodes.len(), "in lists")?,
            None => Vec::new(),
        };
        let entries = out.neighbours.len();
        check_columns(columns, entries, "list entries")?;
        self.check_edge_room(entries)?;
        self.check_batch(std::iter::empty(), false, entries, columns, true)?;
        let merged = match into {
            Some(into) => merge_directed(out, Some(into))?,
            None if self.is_directed() => merge_directed(out, None)?,
            None => merge_undirected(out)?,
        };
        let mut pairs = merged.pairs;
        for pair in &mut pairs {
            *pair = pair.map(|p| nodes[p as usize]);
        }
        // A list grows by at most the new entries: room to order it cannot run out later.
        let longest = self.topology.longest_list() + entries;
        let mut scratch = OrderScratch::new(self.topology.node_capacity(), longest)?;
        let rows = Some(merged.pair_of_entry.as_slice());
        self.add_edge_pairs_by_row(pairs, columns, NullEntries::Skip, rows)?;
        // The merge gave every list its order unless some were forced (lists edited by
        // hand): put them in order.
        let node_at = |w: &u32| nodes[*w as usize];
        for (inbound, lists) in [(false, out_lists), (true, into_lists)] {
            for (p, list) in lists.iter().enumerate() {
                let neighbours = list.iter().map(node_at);
                self.topology
                    .order_list(nodes[p], inbound, neighbours, &mut scratch);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Array, AttrValue, KeyRef};

    fn with_nodes(directed: bool, n: i64) -> GraphCore {
        let mut g = GraphCore::new(directed);
        for k in 0..n {
            g.add_node(KeyRef::Int(k), &[]).unwrap();
        }
        g
    }

    fn lists<'a>(offsets: &'a [usize], neighbours: &'a [u32]) -> NeighbourLists<'a> {
        NeighbourLists {
            offsets,
            neighbours,
        }
    }

    #[test]
    fn a_directed_graph_keeps_both_orders() {
        // In out-list order, 0->2 would come first, yet 2's predecessors are [1, 0].
        let mut g = with_nodes(true, 3);
        let out = lists(&[0, 1, 2, 2], &[2, 2]);
        let into = lists(&[0, 0, 0, 2], &[1, 0]);
        g.add_adjacency(out, Some(into), &[]).unwrap();
        assert_eq!(g.predecessors(KeyRef::Int(2)).unwrap(), [1, 0]);
        let edges: Vec<_> = g
            .edge_indices()
            .map(|e| g.topology().endpoints(e))
            .collect();
        assert_eq!(edges, [(1, 2), (0, 2)], "edges in an order that gives both");
    }

    #[test]
    fn lists_no_insertion_order_gives_are_still_kept() {
        // 0->2 waits for 1->2 and 1->3 for 0->3: no order of adds gives all four lists.
        let mut g = with_nodes(true, 4);
        let out = lists(&[0, 2, 4, 4, 4], &[2, 3, 3, 2]);
        let into = lists(&[0, 0, 0, 2, 4], &[1, 0, 0, 1]);
        g.add_adjacency(out, Some(into), &[]).unwrap();
        assert_eq!(g.edge_count(), 4);
        let int = |k| KeyRef::Int(k);
        assert_eq!(g.successors(int(0)).unwrap(), [2, 3]);
        assert_eq!(g.successors(int(1)).unwrap(), [3, 2]);
        assert_eq!(g.predecessors(int(2)).unwrap(), [1, 0]);
        assert_eq!(g.predecessors(int(3)).unwrap(), [0, 1]);
        // An undirected edge listed at one end only is added all the same.
        let mut u = with_nodes(false, 2);
        u.add_adjacency(lists(&[0, 1, 1], &[1]), None, &[]).unwrap();
        assert_eq!(u.neighbors(int(1)).unwrap(), [0]);
    }

    #[test]
    fn an_undirected_graph_keeps_every_list_and_reads_a_value_per_entry() {
        // Lists no insertion order gives (0-1 before 0-2 before 1-2 before 0-1), kept all
        // the same; each undirected edge is named at both its ends.
        let mut g = with_nodes(false, 3);
        let out = lists(&[0, 2, 4, 6], &[1, 2, 2, 0, 0, 1]);
        let w = Array::from_f64(vec![1.0, 2.0, 3.0, 1.0, 2.0, 3.0]);
        g.add_adjacency(out, None, &[("w", &w)]).unwrap();
        assert_eq!(g.edge_count(), 3);
        assert_eq!(g.neighbors(KeyRef::Int(1)).unwrap(), [2, 0]);
        assert_eq!(g.neighbors(KeyRef::Int(2)).unwrap(), [0, 1]);
        let w12 = g
            .get_edge_attr(KeyRef::Int(1), KeyRef::Int(2), "w")
            .unwrap();
        assert_eq!(
            w12,
            Some(AttrValue::Float64(3.0)),
            "the later entry of a pair wins"
        );
    }

    #[test]
    fn a_null_entry_leaves_the_edge_without_the_attribute() {
        let mut g = with_nodes(true, 2);
        let w = Array::from_values(vec![AttrValue::Null, AttrValue::Int64(4)]);
        g.add_adjacency(lists(&[0, 1, 2], &[1, 0]), None, &[("w", &w)])
            .unwrap();
        let attrs = |u, v| g.edge_attrs(KeyRef::Int(u), KeyRef::Int(v)).unwrap();
        assert!(attrs(0, 1).is_empty());
        assert_eq!(attrs(1, 0).len(), 1);
    }

    #[test]
    fn bad_lists_change_nothing() {
        let mut g = with_nodes(true, 2);
        let w = Array::from_f64(vec![1.0]);
        let bad: [(NeighbourLists<'_>, Option<NeighbourLists<'_>>, &Columns<'_>); 6] = [
            (lists(&[0, 1, 1, 1], &[1]), None, &[]), // three lists for two nodes
            (lists(&[1, 1], &[1]), None, &[]),       // the first offset is not 0
            (lists(&[0, 2, 1], &[1, 0]), None, &[]), // offsets go down
            (lists(&[0, 1, 1], &[1, 0]), None, &[]), // an entry past the last offset
            (lists(&[0, 1, 1], &[2]), None, &[]),    // no node at position 2
            (lists(&[0, 2, 2], &[1, 0]), None, &[("w", &w)]), // one value for two entries
        ];
        for (out, into, columns) in bad {
            let err = g.add_adjacency(out, into, columns).unwrap_err();
            assert!(matches!(err, GraphError::InvalidArgument(_)), "{err}");
            assert_eq!(g.edge_count(), 0);
            assert!(g.edge_attr_names().is_empty());
        }
        let mut undirected = with_nodes(false, 2);
        let err = undirected
            .add_adjacency(lists(&[0, 1, 1], &[1]), Some(lists(&[0, 0, 1], &[0])), &[])
            .unwrap_err();
        assert!(matches!(err, GraphError::InvalidArgument(_)), "{err}");
        assert_eq!(undirected.edge_count(), 0);
    }

    #[test]
    fn edges_already_there_follow_the_listed_ones() {
        let mut g = with_nodes(true, 3);
        g.add_edge(KeyRef::Int(0), KeyRef::Int(1), &[]).unwrap();
        g.add_adjacency(lists(&[0, 1], &[2]), None, &[]).unwrap();
        assert_eq!(g.successors(KeyRef::Int(0)).unwrap(), [2, 1]);
    }
}
