//! The driver of the GraphML and GML fuzz targets: read arbitrary bytes; an error must be
//! `Io` naming the file; a graph that was read and that the writer accepts must read back
//! to the same graph (direction, nodes and edges in order, every attribute exactly).

use std::path::Path;

use groggy::core::{Cancel, GraphCore, GraphError, GraphResult, NodeKey};

use crate::scratch_file;

type Read = fn(&Path, &Cancel) -> GraphResult<GraphCore>;
type Write = fn(&GraphCore, &Path) -> GraphResult<()>;

/// Runs one input through `read`, and what it read through `write` and `read` again.
pub fn check_markup(data: &[u8], name: &str, read: Read, write: Write) {
    let path = scratch_file(name);
    std::fs::write(&path, data).expect("scratch file");
    let graph = match read(&path, &Cancel::new()) {
        Ok(g) => g,
        Err(GraphError::Io(failure)) => {
            let message = failure.message();
            assert!(
                message.contains(&*path.to_string_lossy()),
                "{message:?} names no file"
            );
            let _ = std::fs::remove_file(&path);
            return;
        }
        Err(other) => panic!("reading {name} gave {other:?}"),
    };
    let written = scratch_file(&format!("out-{name}"));
    match write(&graph, &written) {
        Ok(()) => {
            let again = read(&written, &Cancel::new())
                .unwrap_or_else(|e| panic!("a written {name} does not read back: {e}"));
            assert_same(&graph, &again);
        }
        Err(GraphError::InvalidArgument(_)) => {}
        Err(other) => panic!("writing {name} gave {other:?}"),
    }
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(&written);
}

/// Same direction, nodes and edges in order, attribute names in order and every attribute
/// (`{:?}`: -0.0 told from 0.0, every NaN alike).
fn assert_same(a: &GraphCore, b: &GraphCore) {
    assert_eq!(a.is_directed(), b.is_directed());
    assert_eq!(
        a.node_keys().collect::<Vec<_>>(),
        b.node_keys().collect::<Vec<_>>()
    );
    assert_eq!(a.node_attr_names(), b.node_attr_names());
    assert_eq!(a.edge_attr_names(), b.edge_attr_names());
    for key in a.node_keys() {
        let k = key.as_key_ref();
        let attrs = |g: &GraphCore| format!("{:?}", g.node_attrs(k).expect("node"));
        assert_eq!(attrs(a), attrs(b), "node {key}");
    }
    let (ea, eb) = (edge_pairs(a), edge_pairs(b));
    assert_eq!(ea, eb);
    for (u, v) in &ea {
        let (u, v) = (u.as_key_ref(), v.as_key_ref());
        let attrs = |g: &GraphCore| format!("{:?}", g.edge_attrs(u, v).expect("edge"));
        assert_eq!(attrs(a), attrs(b), "edge ({u}, {v})");
    }
}

/// The endpoints of every edge, in edge order.
pub fn edge_pairs(g: &GraphCore) -> Vec<(NodeKey, NodeKey)> {
    g.edge_indices()
        .map(|e| {
            let (u, v) = g.edge_keys(e);
            (u.clone(), v.clone())
        })
        .collect()
}
