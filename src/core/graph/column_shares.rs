//! Whole columns handed out as shared arrays. While a reader still holds the array of a
//! column (a Python `GraphArray`, an Arrow export) and the graph has not changed since it
//! was gathered, the next read of that column hands out the same array: the column is not
//! gathered again, and every reader sees the same buffers (a `node_array` and an Arrow
//! table of the same column share their memory). Only weak references are kept, so an
//! array nobody holds is freed as usual.

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use parking_lot::Mutex;

use crate::core::{Array, GraphResult};

/// Which attribute table a column belongs to.
#[derive(Clone, Copy, Debug, Eq, Hash, PartialEq)]
pub(crate) enum Entities {
    Nodes,
    Edges,
}

/// A column: its table and name.
type ColumnId = (Entities, Box<str>);

/// The arrays handed out, by column, with the graph generation they were gathered at.
#[derive(Default)]
pub(crate) struct ColumnShares {
    shares: Mutex<HashMap<ColumnId, (u64, Weak<Array>)>>,
}

impl ColumnShares {
    /// The array of the column `name` at `generation`: the one handed out before if a
    /// reader still holds it and the graph is unchanged, else `gather()`, kept for the
    /// next reader.
    pub(crate) fn get(
        &self,
        entities: Entities,
        name: &str,
        generation: u64,
        gather: impl FnOnce() -> GraphResult<Array>,
    ) -> GraphResult<Arc<Array>> {
        let key = (entities, Box::<str>::from(name));
        if let Some((at, weak)) = self.shares.lock().get(&key) {
            if let Some(array) = weak.upgrade().filter(|_| *at == generation) {
                return Ok(array);
            }
        }
        // Gathered without the lock held: readers of other columns do not wait.
        let array = Arc::new(gather()?);
        let mut shares = self.shares.lock();
        shares.retain(|_, (at, weak)| *at == generation && weak.strong_count() > 0);
        shares.insert(key, (generation, Arc::downgrade(&array)));
        Ok(array)
    }
}

/// A copy of a graph starts with no shares (its arrays would be another graph's).
impl Clone for ColumnShares {
    fn clone(&self) -> ColumnShares {
        ColumnShares::default()
    }
}

impl std::fmt::Debug for ColumnShares {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ColumnShares({} held)", self.shares.lock().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_array_is_shared_until_the_generation_changes() {
        let shares = ColumnShares::default();
        let gather = || Ok(Array::from_i64(vec![1, 2]));
        let a = shares.get(Entities::Nodes, "x", 1, gather).unwrap();
        let b = shares.get(Entities::Nodes, "x", 1, gather).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        let edges = shares.get(Entities::Edges, "x", 1, gather).unwrap();
        assert!(!Arc::ptr_eq(&a, &edges));
        let c = shares.get(Entities::Nodes, "x", 2, gather).unwrap();
        assert!(!Arc::ptr_eq(&a, &c));
        drop((a, b, c, edges));
        let weak = Arc::downgrade(&shares.get(Entities::Nodes, "x", 2, gather).unwrap());
        assert!(
            weak.upgrade().is_none(),
            "nothing is kept alive by the shares"
        );
    }
}
