//! `SharedGraph`: a graph that threads share. Any number of readers or one writer at a
//! time (parking_lot `RwLock`), plus the cached CSR snapshot that algorithms run on.
//!
//! An algorithm holds the read lock only long enough to take the snapshot (building it if
//! the graph changed since the last one), then computes without any lock, so a long
//! computation never blocks writers and many run at once.
//!
//! Callbacks into the caller (predicates) run with no lock held, so they may read the
//! graph; a callback that tries to change the graph it is running over gets
//! `InvalidOperation` instead of a deadlock.

use std::cell::RefCell;
use std::sync::Arc;

use parking_lot::{Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::core::memory::PoolScope;

use super::attr_table::AttrTable;
use super::cancel::Cancel;
use super::csr::Csr;
use super::error::{GraphError, GraphResult};
use super::graph::GraphCore;
use super::key::NodeKey;
use super::value::AttrValue;

thread_local! {
    /// The graphs (by address) whose callbacks this thread is running now.
    static IN_CALLBACK: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Marks the current thread as running a callback over a graph until dropped.
struct CallbackScope(usize);

impl CallbackScope {
    fn enter(graph: &SharedGraph) -> CallbackScope {
        let id = graph as *const SharedGraph as usize;
        IN_CALLBACK.with(|s| s.borrow_mut().push(id));
        CallbackScope(id)
    }
}

impl Drop for CallbackScope {
    fn drop(&mut self) {
        IN_CALLBACK.with(|s| {
            let mut s = s.borrow_mut();
            if let Some(pos) = s.iter().rposition(|&g| g == self.0) {
                s.remove(pos);
            }
        });
    }
}

/// What a node predicate sees: the key and every attribute of one node.
pub type NodeView<'a> = (&'a NodeKey, &'a [(Box<str>, AttrValue)]);
/// What an edge predicate sees: both endpoints and every attribute of one edge.
pub type EdgeView<'a> = (&'a NodeKey, &'a NodeKey, &'a [(Box<str>, AttrValue)]);

#[derive(Debug)]
pub struct SharedGraph {
    graph: RwLock<GraphCore>,
    snapshot: Mutex<Option<Arc<Csr>>>,
}

impl SharedGraph {
    pub fn new(graph: GraphCore) -> SharedGraph {
        SharedGraph {
            graph: RwLock::new(graph),
            snapshot: Mutex::new(None),
        }
    }

    pub fn read(&self) -> RwLockReadGuard<'_, GraphCore> {
        self.graph.read()
    }

    /// The write lock; `InvalidOperation` when this thread is inside a callback over this
    /// graph (waiting would deadlock, and changing the graph under a running filter is
    /// not allowed). While the guard lives, the thread's allocations count for the graph's
    /// memory pool.
    pub fn write(&self) -> GraphResult<WriteGuard<'_>> {
        let id = self as *const SharedGraph as usize;
        if IN_CALLBACK.with(|s| s.borrow().contains(&id)) {
            return Err(GraphError::InvalidOperation(
                "the graph cannot be changed from inside a callback running over it".into(),
            ));
        }
        let guard = self.graph.write();
        let scope = guard.pool().map(|p| p.scope());
        Ok(WriteGuard {
            guard,
            _scope: scope,
        })
    }

    /// A deep copy, counted in (and checked against) the graph's memory pool.
    pub fn copy(&self) -> GraphResult<GraphCore> {
        let graph = self.read();
        let _scope = graph.pool().map(|p| p.scope());
        graph.try_clone()
    }

    /// The induced subgraph of `keys` (see `GraphCore::subgraph`), in the same pool.
    pub fn subgraph(&self, keys: &[super::key::KeyRef<'_>]) -> GraphResult<GraphCore> {
        let graph = self.read();
        let _scope = graph.pool().map(|p| p.scope());
        graph.subgraph(keys)
    }

    /// The live nodes for which `keep` returns true, in node order. `keep` runs with no lock
    /// held and sees each node as it is when reached (nodes removed meanwhile are skipped);
    /// its first error stops the scan and is returned.
    pub fn filter_nodes(
        &self,
        mut keep: impl FnMut(NodeView<'_>) -> GraphResult<bool>,
    ) -> GraphResult<Vec<NodeKey>> {
        let nodes: Vec<u32> = self.read().node_indices().collect();
        let mut kept = Vec::new();
        for n in nodes {
            let (key, attrs) = {
                let graph = self.read();
                if !graph.topology().is_node(n) {
                    continue;
                }
                (
                    graph.node_key(n).clone(),
                    entity_attrs(graph.node_attr_table(), n),
                )
            };
            let _scope = CallbackScope::enter(self);
            if keep((&key, &attrs))? {
                kept.push(key);
            }
        }
        Ok(kept)
    }

    /// The live edges for which `keep` returns true, in edge order, as endpoint pairs; as
    /// `filter_nodes` does for nodes.
    pub fn filter_edges(
        &self,
        mut keep: impl FnMut(EdgeView<'_>) -> GraphResult<bool>,
    ) -> GraphResult<Vec<(NodeKey, NodeKey)>> {
        let edges: Vec<u32> = self.read().edge_indices().collect();
        let mut kept = Vec::new();
        for e in edges {
            let (u, v, attrs) = {
                let graph = self.read();
                if !graph.topology().is_edge(e) {
                    continue;
                }
                let (u, v) = graph.edge_keys(e);
                (
                    u.clone(),
                    v.clone(),
                    entity_attrs(graph.edge_attr_table(), e),
                )
            };
            let _scope = CallbackScope::enter(self);
            if keep((&u, &v, &attrs))? {
                kept.push((u, v));
            }
        }
        Ok(kept)
    }

    /// The snapshot of the graph as `graph` (a read guard of this graph) sees it, built if
    /// the graph changed since the last one (`Cancelled` if `cancel` stops the build).
    pub fn snapshot_of(&self, graph: &GraphCore, cancel: &Cancel) -> GraphResult<Arc<Csr>> {
        let mut cached = self.snapshot.lock();
        if let Some(csr) = cached
            .as_ref()
            .filter(|c| c.generation() == graph.generation())
        {
            return Ok(Arc::clone(csr));
        }
        // Rows a bulk load laid out are newer than any snapshot: they serve first.
        let laid_out = match graph.topology().take_laid_out() {
            Some(rows) => Csr::from_laid_out(rows, graph, cancel)?,
            None => None,
        };
        let csr = match (laid_out, &*cached) {
            (Some(csr), _) => csr,
            // A graph that only grew (or changed attributes) since: patched, not rebuilt.
            (None, Some(old)) => match Csr::patched(old, graph, cancel)? {
                Some(csr) => csr,
                None => Csr::build(graph, cancel)?,
            },
            (None, None) => Csr::build(graph, cancel)?,
        };
        let csr = Arc::new(csr);
        *cached = Some(Arc::clone(&csr));
        Ok(csr)
    }

    /// The snapshot of the graph as it is now.
    pub fn snapshot(&self) -> Arc<Csr> {
        let graph = self.read();
        self.snapshot_of(&graph, &Cancel::new())
            .expect("an untriggered token never cancels")
    }
}

impl Drop for SharedGraph {
    fn drop(&mut self) {
        // The graph's memory goes back to its pool, so it is freed inside the pool's scope.
        let graph = self.graph.get_mut();
        let _scope = graph.pool().map(|p| p.scope());
        drop(std::mem::replace(graph, GraphCore::new(false)));
    }
}

/// The write lock of a `SharedGraph`, counting allocations for the graph's pool.
pub struct WriteGuard<'a> {
    // Dropped first: the lock is released before the pool scope ends.
    guard: RwLockWriteGuard<'a, GraphCore>,
    _scope: Option<PoolScope>,
}

impl std::ops::Deref for WriteGuard<'_> {
    type Target = GraphCore;

    fn deref(&self) -> &GraphCore {
        &self.guard
    }
}

impl std::ops::DerefMut for WriteGuard<'_> {
    fn deref_mut(&mut self) -> &mut GraphCore {
        &mut self.guard
    }
}

fn entity_attrs(table: &AttrTable, entity: u32) -> Vec<(Box<str>, AttrValue)> {
    table.entity_attrs(entity as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::KeyRef;

    #[test]
    fn snapshot_is_reused_until_the_graph_changes() {
        let shared = SharedGraph::new(GraphCore::new(false));
        shared
            .write()
            .unwrap()
            .add_edge(KeyRef::Int(1), KeyRef::Int(2), &[])
            .unwrap();
        let a = shared.snapshot();
        let b = shared.snapshot();
        assert!(Arc::ptr_eq(&a, &b));
        shared
            .write()
            .unwrap()
            .add_node(KeyRef::Int(3), &[])
            .unwrap();
        let c = shared.snapshot();
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!((a.node_count(), c.node_count()), (2, 3));
    }

    #[test]
    fn removing_a_weight_gives_a_new_snapshot_with_new_weights() {
        let shared = SharedGraph::new(GraphCore::new(true));
        shared
            .write()
            .unwrap()
            .add_edge(KeyRef::Int(1), KeyRef::Int(2), &[("w", 5.0.into())])
            .unwrap();
        shared
            .write()
            .unwrap()
            .add_edge(KeyRef::Int(2), KeyRef::Int(3), &[("w", 7.0.into())])
            .unwrap();
        let weights = |shared: &SharedGraph| {
            let csr = shared.snapshot();
            csr.entry_weights(&shared.read(), "w").unwrap().out.clone()
        };
        assert_eq!(weights(&shared), vec![5.0, 7.0]);
        shared
            .write()
            .unwrap()
            .remove_edge_attr(KeyRef::Int(1), KeyRef::Int(2), "w")
            .unwrap();
        // The edge without it weighs networkx's default; cached weights would still say 5.
        assert_eq!(
            weights(&shared),
            vec![1.0, 7.0],
            "the cached weights are stale"
        );
    }

    #[test]
    fn callbacks_may_read_but_not_write_the_graph() {
        let shared = SharedGraph::new(GraphCore::new(false));
        for k in 0..4 {
            shared
                .write()
                .unwrap()
                .add_node(KeyRef::Int(k), &[("even", AttrValue::Bool(k % 2 == 0))])
                .unwrap();
        }
        let kept = shared
            .filter_nodes(|(key, attrs)| {
                assert!(shared.read().has_node(key));
                Ok(attrs
                    .iter()
                    .any(|(n, v)| &**n == "even" && *v == AttrValue::Bool(true)))
            })
            .unwrap();
        assert_eq!(kept, vec![NodeKey::Int(0), NodeKey::Int(2)]);
        let err = shared
            .filter_nodes(|_| shared.write().map(|_| true))
            .unwrap_err();
        assert!(matches!(err, GraphError::InvalidOperation(_)));
        let err = shared
            .filter_nodes(|(key, _)| {
                let mut graph = shared.write()?;
                graph
                    .remove_node_attr(key.as_key_ref(), "even")
                    .map(|_| true)
            })
            .unwrap_err();
        assert!(matches!(err, GraphError::InvalidOperation(_)));
        assert_eq!(
            shared.read().node_attr_names(),
            vec!["even".into()] as Vec<Box<str>>
        );
        assert!(shared.write().is_ok(), "the scope ends with the filter");
    }
}
