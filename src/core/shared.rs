//! `SharedGraph`: a graph that threads share. Any number of readers or one writer at a
//! time (parking_lot `RwLock`), plus the cached CSR snapshot that algorithms run on.
//!
//! An algorithm holds the read lock only long enough to take the snapshot (building it if
//! the graph changed since the last one), then computes without any lock, so a long
//! computation never blocks writers and many run at once.

use std::sync::Arc;

use parking_lot::{Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::csr::Csr;
use super::graph::GraphCore;

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

    pub fn write(&self) -> RwLockWriteGuard<'_, GraphCore> {
        self.graph.write()
    }

    /// The snapshot of the graph as `graph` (a read guard of this graph) sees it.
    pub fn snapshot_of(&self, graph: &GraphCore) -> Arc<Csr> {
        let mut cached = self.snapshot.lock();
        match &*cached {
            Some(csr) if csr.generation() == graph.generation() => Arc::clone(csr),
            _ => {
                let csr = Arc::new(Csr::build(graph));
                *cached = Some(Arc::clone(&csr));
                csr
            }
        }
    }

    /// The snapshot of the graph as it is now.
    pub fn snapshot(&self) -> Arc<Csr> {
        let graph = self.read();
        self.snapshot_of(&graph)
    }
}

#[cfg(test)]
mod tests {
    use super::super::key::KeyRef;
    use super::*;

    #[test]
    fn snapshot_is_reused_until_the_graph_changes() {
        let shared = SharedGraph::new(GraphCore::new(false));
        shared
            .write()
            .add_edge(KeyRef::Int(1), KeyRef::Int(2), &[])
            .unwrap();
        let a = shared.snapshot();
        let b = shared.snapshot();
        assert!(Arc::ptr_eq(&a, &b));
        shared.write().add_node(KeyRef::Int(3), &[]).unwrap();
        let c = shared.snapshot();
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!((a.node_count(), c.node_count()), (2, 3));
    }
}
