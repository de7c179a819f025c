//! Graphs for the file tests, and the comparison of a graph with what it read back as.

use crate::core::{AttrValue, GraphCore, KeyRef};

/// Same direction, nodes in order, edges in order, attribute names in order, and every
/// attribute of every node and edge (absent where absent, NaN equal to NaN).
pub(crate) fn assert_same(a: &GraphCore, b: &GraphCore) {
    assert_eq!(a.is_directed(), b.is_directed());
    let nodes = |g: &GraphCore| g.node_keys().cloned().collect::<Vec<_>>();
    assert_eq!(nodes(a), nodes(b));
    let edges = |g: &GraphCore| {
        g.edge_indices()
            .map(|e| {
                let (u, v) = g.edge_keys(e);
                (u.clone(), v.clone())
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(edges(a), edges(b));
    assert_eq!(a.node_attr_names(), b.node_attr_names());
    assert_eq!(a.edge_attr_names(), b.edge_attr_names());
    let shown = |attrs: Vec<(Box<str>, AttrValue)>| format!("{attrs:?}");
    for key in a.node_keys() {
        let k = key.as_key_ref();
        assert_eq!(
            shown(a.node_attrs(k).unwrap()),
            shown(b.node_attrs(k).unwrap())
        );
    }
    for (u, v) in edges(a) {
        let (u, v) = (u.as_key_ref(), v.as_key_ref());
        assert_eq!(
            shown(a.edge_attrs(u, v).unwrap()),
            shown(b.edge_attrs(u, v).unwrap())
        );
    }
}

pub(crate) fn every_kind(directed: bool) -> GraphCore {
    let mut g = GraphCore::new(directed);
    let attrs = [
        ("b", AttrValue::Bool(true)),
        ("i8", AttrValue::Int8(-128)),
        ("i16", AttrValue::Int16(32767)),
        ("i32", AttrValue::Int32(i32::MIN)),
        ("i64", AttrValue::Int64(i64::MAX)),
        ("f32", AttrValue::Float32(0.1)),
        ("f64", AttrValue::Float64(f64::NAN)),
        ("s", AttrValue::Str("a<b>&\"c\"\t\n\r é 🎉".into())),
    ];
    g.add_node(KeyRef::Int(-5), &attrs).unwrap();
    g.add_node(KeyRef::Int(7), &[("f64", AttrValue::Float64(-0.0))])
        .unwrap();
    g.add_node(KeyRef::Int(9), &[]).unwrap(); // isolated, no attributes
    g.add_edge(
        KeyRef::Int(7),
        KeyRef::Int(-5),
        &[
            ("w", AttrValue::Float64(1e300)),
            ("s", AttrValue::Str(String::new().into())),
        ],
    )
    .unwrap();
    g.add_edge(
        KeyRef::Int(7),
        KeyRef::Int(7),
        &[("w", AttrValue::Float64(f64::INFINITY))],
    )
    .unwrap();
    g.add_edge(KeyRef::Int(-5), KeyRef::Int(9), &[]).unwrap();
    g
}
