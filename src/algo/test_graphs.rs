//! What the algorithms' unit tests share: small graphs of int keys, their float results,
//! and runs on a given number of threads (results must not depend on it).

use crate::core::{AttrValue, GraphCore, SharedGraph};

use super::NodeValues;

/// A graph of int keys with the given edges, without attributes.
pub fn graph(directed: bool, edges: &[(i64, i64)]) -> SharedGraph {
    let mut g = GraphCore::new(directed);
    for &(u, v) in edges {
        g.add_edge(u.into(), v.into(), &[]).unwrap();
    }
    SharedGraph::new(g)
}

/// A graph of int keys with the given edges, each weighing `w` (edge column "w") when
/// given.
pub fn weighted_graph(directed: bool, edges: &[(i64, i64, Option<f64>)]) -> SharedGraph {
    let mut g = GraphCore::new(directed);
    for &(u, v, w) in edges {
        match w {
            None => g.add_edge(u.into(), v.into(), &[]).unwrap(),
            Some(w) => g
                .add_edge(u.into(), v.into(), &[("w", AttrValue::Float64(w))])
                .unwrap(),
        };
    }
    SharedGraph::new(g)
}

/// The values of a float result, in node order.
pub fn floats(r: &NodeValues) -> Vec<f64> {
    (0..r.values.len())
        .map(|i| match r.values.get(i) {
            AttrValue::Float64(x) => x,
            other => panic!("not a float: {other:?}"),
        })
        .collect()
}

/// `work` run on a pool of `threads` threads.
pub fn on_threads<T: Send>(threads: usize, work: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(work)
}
