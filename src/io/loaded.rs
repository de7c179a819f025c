//! What the GraphML and GML readers gather before the graph is built: the node keys in
//! order, the edges as pairs of node positions, and named attribute columns of nodes and of
//! edges. The graph is then built in two batches, as `read_edgelist` builds its graph.

use hashbrown::HashMap;

use crate::core::{Array, AttrValue, GraphCore, GraphResult, KeyRef, NodeKey, NullEntries};

/// Named attribute columns, in the order they were first named. An entry never set is
/// absent: the batch add skips it (`NullEntries::Skip`), so the entity does not have the
/// attribute. (Neither format can say Null, so a Null value never comes out of a file.)
#[derive(Default)]
pub(crate) struct AttrColumns {
    names: Vec<Box<str>>,
    values: Vec<Vec<AttrValue>>,
    by_name: HashMap<Box<str>, usize>,
}

impl AttrColumns {
    /// The column named `name`, created (empty) when new.
    pub(crate) fn column(&mut self, name: &str) -> usize {
        if let Some(&c) = self.by_name.get(name) {
            return c;
        }
        let c = self.names.len();
        self.names.push(name.into());
        self.values.push(Vec::new());
        self.by_name.insert(name.into(), c);
        c
    }

    /// Sets entity `entity`'s value in column `c` (a later value replaces an earlier one).
    pub(crate) fn set(&mut self, c: usize, entity: usize, value: AttrValue) {
        let values = &mut self.values[c];
        if values.len() <= entity {
            values.resize(entity + 1, AttrValue::Null);
        }
        values[entity] = value;
    }

    /// Whether entity `entity` has a value in column `c`.
    pub(crate) fn has(&self, c: usize, entity: usize) -> bool {
        self.values[c]
            .get(entity)
            .is_some_and(|v| *v != AttrValue::Null)
    }

    /// The values of column `c` (`Null` where absent), as far as any was set.
    pub(crate) fn values(&self, c: usize) -> &[AttrValue] {
        &self.values[c]
    }

    /// How many columns there are.
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// The name of column `c`.
    pub(crate) fn name(&self, c: usize) -> &str {
        &self.names[c]
    }

    /// Replaces every value of column `c` with `f` of it; at the first `f` refuses, the
    /// entity and why.
    pub(crate) fn convert(
        &mut self,
        c: usize,
        f: impl Fn(AttrValue) -> Result<AttrValue, String>,
    ) -> Result<(), (usize, String)> {
        for (entity, slot) in self.values[c].iter_mut().enumerate() {
            if *slot != AttrValue::Null {
                *slot = f(std::mem::take(slot)).map_err(|why| (entity, why))?;
            }
        }
        Ok(())
    }

    /// The columns holding at least one value, each `len` entries long, in order.
    fn into_arrays(self, len: usize) -> Vec<(Box<str>, Array)> {
        self.names
            .into_iter()
            .zip(self.values)
            .filter(|(_, values)| values.iter().any(|v| *v != AttrValue::Null))
            .map(|(name, mut values)| {
                values.resize(len, AttrValue::Null);
                (name, Array::from_values(values))
            })
            .collect()
    }
}

/// A graph read from a file, before it is built.
pub(crate) struct Loaded {
    pub(crate) directed: bool,
    /// Distinct node keys, in node order.
    pub(crate) keys: Vec<NodeKey>,
    /// Edges as positions in `keys`, in file order.
    pub(crate) edges: Vec<[u32; 2]>,
    pub(crate) node_attrs: AttrColumns,
    pub(crate) edge_attrs: AttrColumns,
}

impl Loaded {
    /// The graph: the nodes in order with their attributes, then the edges as `add_edge`
    /// would add them one at a time (a repeated edge, or undirected its reverse, updates
    /// the first one: the attributes it has replace the earlier values, the others stay).
    pub(crate) fn into_graph(self) -> GraphResult<GraphCore> {
        let mut graph = GraphCore::new(self.directed);
        let keys: Vec<KeyRef<'_>> = self.keys.iter().map(NodeKey::as_key_ref).collect();
        let node_arrays = self.node_attrs.into_arrays(keys.len());
        let columns: Vec<(&str, &Array)> = node_arrays.iter().map(|(n, a)| (&**n, a)).collect();
        graph.add_nodes_with_columns_as(&keys, &columns, NullEntries::Skip)?;
        let edge_arrays = self.edge_attrs.into_arrays(self.edges.len());
        let columns: Vec<(&str, &Array)> = edge_arrays.iter().map(|(n, a)| (&**n, a)).collect();
        let sources: Vec<KeyRef<'_>> = self.edges.iter().map(|e| keys[e[0] as usize]).collect();
        let targets: Vec<KeyRef<'_>> = self.edges.iter().map(|e| keys[e[1] as usize]).collect();
        graph.add_edges_with_columns_as(&sources, &targets, &columns, NullEntries::Skip)?;
        Ok(graph)
    }
}
