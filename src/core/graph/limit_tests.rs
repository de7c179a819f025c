//! Memory pools hold their limits: random sequences of every mutating operation on a graph
//! in a limited pool; after each accepted one the pool holds no more than its limit.

use std::sync::Arc;

use proptest::prelude::*;

use super::GraphCore;
use crate::core::{Array, AttrValue, KeyRef, MemoryPool, NodeKey, SharedGraph};

/// Attributes given with an add.
type Given = Vec<(&'static str, AttrValue)>;

#[derive(Clone, Debug)]
enum Op {
    AddNode(NodeKey, Given),
    AddNodes(Vec<(NodeKey, Given)>),
    AddEdge(NodeKey, NodeKey, Given),
    AddEdges(Vec<(NodeKey, NodeKey, Given)>),
    AddEdgesInt(Vec<(i64, i64)>, Option<(&'static str, Vec<AttrValue>)>),
    AddEdgesColumns(
        Vec<(NodeKey, NodeKey)>,
        Option<(&'static str, Vec<AttrValue>)>,
    ),
    AddNodesColumns(Vec<NodeKey>, Option<(&'static str, Vec<AttrValue>)>),
    SetNodeAttr(NodeKey, &'static str, AttrValue),
    SetEdgeAttr(NodeKey, NodeKey, &'static str, AttrValue),
    SetNodeArray(&'static str, AttrValue),
    SetEdgeArray(&'static str, AttrValue),
    RemoveNode(NodeKey),
    RemoveEdge(NodeKey, NodeKey),
    Clear,
    Copy,
    Subgraph(Vec<NodeKey>),
}

fn key() -> impl Strategy<Value = NodeKey> {
    prop_oneof![
        6 => (0i64..60).prop_map(NodeKey::Int),
        1 => prop_oneof![Just(-5i64), Just(1_000), Just(i64::MAX), 60i64..400]
            .prop_map(NodeKey::Int),
        2 => "[a-z]{0,12}".prop_map(|s| NodeKey::Str(s.into())),
    ]
}

/// Int keys of a batch: mostly small, some far beyond the direct table.
fn int_key() -> impl Strategy<Value = i64> {
    prop_oneof![8 => 0i64..80, 1 => Just(1_000i64), 1 => 100i64..3_000, 1 => Just(-1i64)]
}

fn value() -> impl Strategy<Value = AttrValue> {
    prop_oneof![
        Just(AttrValue::Null),
        any::<bool>().prop_map(AttrValue::Bool),
        any::<i8>().prop_map(AttrValue::Int8),
        any::<i64>().prop_map(AttrValue::Int64),
        any::<f64>().prop_map(AttrValue::Float64),
        any::<f32>().prop_map(AttrValue::Float32),
        "[a-z]{0,40}".prop_map(|s| AttrValue::Str(s.into())),
        proptest::collection::vec(any::<u8>(), 0..30).prop_map(|b| AttrValue::Bytes(b.into())),
    ]
}

fn name() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("a"),
        Just("w"),
        Just(""),
        Just("a_much_longer_attribute_name")
    ]
}

fn attrs() -> impl Strategy<Value = Given> {
    proptest::collection::vec((name(), value()), 0..3)
}

/// A column of `n` values of one kind (or of several, or strings), as batches carry.
fn column(n: usize) -> impl Strategy<Value = Option<(&'static str, Vec<AttrValue>)>> {
    proptest::option::of((name(), value(), value()).prop_map(move |(name, a, b)| {
        (
            name,
            (0..n)
                .map(|i| if i % 3 == 2 { b.clone() } else { a.clone() })
                .collect(),
        )
    }))
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (key(), attrs()).prop_map(|(k, a)| Op::AddNode(k, a)),
        2 => proptest::collection::vec((key(), attrs()), 0..30).prop_map(Op::AddNodes),
        4 => (key(), key(), attrs()).prop_map(|(u, v, a)| Op::AddEdge(u, v, a)),
        2 => proptest::collection::vec((key(), key(), attrs()), 0..30).prop_map(Op::AddEdges),
        2 => (0usize..300).prop_flat_map(|n| (
            proptest::collection::vec((int_key(), int_key()), n..=n),
            column(n),
        )).prop_map(|(pairs, c)| Op::AddEdgesInt(pairs, c)),
        1 => (0usize..40).prop_flat_map(|n| (
            proptest::collection::vec((key(), key()), n..=n),
            column(n),
        )).prop_map(|(pairs, c)| Op::AddEdgesColumns(pairs, c)),
        1 => (0usize..40).prop_flat_map(|n| (
            proptest::collection::vec(key(), n..=n),
            column(n),
        )).prop_map(|(keys, c)| Op::AddNodesColumns(keys, c)),
        2 => (key(), name(), value()).prop_map(|(k, n, v)| Op::SetNodeAttr(k, n, v)),
        2 => (key(), key(), name(), value()).prop_map(|(u, v, n, x)| Op::SetEdgeAttr(u, v, n, x)),
        1 => (name(), value()).prop_map(|(n, v)| Op::SetNodeArray(n, v)),
        1 => (name(), value()).prop_map(|(n, v)| Op::SetEdgeArray(n, v)),
        1 => key().prop_map(Op::RemoveNode),
        1 => (key(), key()).prop_map(|(u, v)| Op::RemoveEdge(u, v)),
        1 => Just(Op::Clear),
        1 => Just(Op::Copy),
        1 => proptest::collection::vec(key(), 0..40).prop_map(Op::Subgraph),
    ]
}

fn refs(keys: &[NodeKey]) -> Vec<KeyRef<'_>> {
    keys.iter().map(NodeKey::as_key_ref).collect()
}

fn borrowed(attrs: &[(&'static str, AttrValue)]) -> Given {
    attrs.to_vec()
}

/// Applies one operation; copies and subgraphs made go to `kept` (they count for the pool).
fn apply(graph: &SharedGraph, op: &Op, kept: &mut Vec<SharedGraph>) -> bool {
    // Arrays are made before the write lock: a caller's values are not the graph's.
    let array = |values: &[AttrValue]| Array::from_values(values.to_vec());
    let result = match op {
        Op::AddNode(k, a) => graph
            .write()
            .and_then(|mut g| g.add_node(k.as_key_ref(), &borrowed(a)).map(|_| ())),
        Op::AddNodes(items) => {
            let items: Vec<(KeyRef<'_>, &[(&str, AttrValue)])> = items
                .iter()
                .map(|(k, a)| (k.as_key_ref(), a.as_slice()))
                .collect();
            graph.write().and_then(|mut g| g.add_nodes(&items))
        }
        Op::AddEdge(u, v, a) => graph.write().and_then(|mut g| {
            g.add_edge(u.as_key_ref(), v.as_key_ref(), &borrowed(a))
                .map(|_| ())
        }),
        Op::AddEdges(items) => {
            let items: Vec<_> = items
                .iter()
                .map(|(u, v, a)| (u.as_key_ref(), v.as_key_ref(), &a[..]))
                .collect();
            graph.write().and_then(|mut g| g.add_edges(&items))
        }
        Op::AddEdgesInt(pairs, c) => {
            let (src, dst): (Vec<i64>, Vec<i64>) = pairs.iter().copied().unzip();
            let values = c.as_ref().map(|(n, v)| (*n, array(v)));
            let columns: Vec<(&str, &Array)> = values.iter().map(|(n, a)| (*n, a)).collect();
            graph
                .write()
                .and_then(|mut g| g.add_edges_int(&src, &dst, &columns))
        }
        Op::AddEdgesColumns(pairs, c) => {
            let src: Vec<KeyRef<'_>> = pairs.iter().map(|(u, _)| u.as_key_ref()).collect();
            let dst: Vec<KeyRef<'_>> = pairs.iter().map(|(_, v)| v.as_key_ref()).collect();
            let values = c.as_ref().map(|(n, v)| (*n, array(v)));
            let columns: Vec<(&str, &Array)> = values.iter().map(|(n, a)| (*n, a)).collect();
            graph
                .write()
                .and_then(|mut g| g.add_edges_with_columns(&src, &dst, &columns))
        }
        Op::AddNodesColumns(keys, c) => {
            let keys = refs(keys);
            let values = c.as_ref().map(|(n, v)| (*n, array(v)));
            let columns: Vec<(&str, &Array)> = values.iter().map(|(n, a)| (*n, a)).collect();
            graph
                .write()
                .and_then(|mut g| g.add_nodes_with_columns(&keys, &columns))
        }
        Op::SetNodeAttr(k, n, v) => graph
            .write()
            .and_then(|mut g| g.set_node_attr(k.as_key_ref(), n, v.clone())),
        Op::SetEdgeAttr(u, v, n, x) => graph
            .write()
            .and_then(|mut g| g.set_edge_attr(u.as_key_ref(), v.as_key_ref(), n, x.clone())),
        Op::SetNodeArray(n, v) => {
            let values = array(&vec![v.clone(); graph.read().node_count()]);
            graph.write().and_then(|mut g| g.set_node_array(n, &values))
        }
        Op::SetEdgeArray(n, v) => {
            let values = array(&vec![v.clone(); graph.read().edge_count()]);
            graph.write().and_then(|mut g| g.set_edge_array(n, &values))
        }
        Op::RemoveNode(k) => graph
            .write()
            .and_then(|mut g| g.remove_node(k.as_key_ref())),
        Op::RemoveEdge(u, v) => graph
            .write()
            .and_then(|mut g| g.remove_edge(u.as_key_ref(), v.as_key_ref())),
        Op::Clear => graph.write().map(|mut g| g.clear()),
        Op::Copy => graph.copy().map(|c| kept.push(SharedGraph::new(c))),
        Op::Subgraph(keys) => graph
            .subgraph(&refs(keys))
            .map(|s| kept.push(SharedGraph::new(s))),
    };
    result.is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn accepted_operations_keep_the_pool_within_its_limit(
        directed in any::<bool>(),
        limit in prop_oneof![0u64..2_000, 2_000u64..40_000, 40_000u64..400_000],
        ops in proptest::collection::vec(op(), 1..60),
    ) {
        let pool = Arc::new(MemoryPool::new(Some(limit)));
        let graph = SharedGraph::new(GraphCore::new_in(directed, Some(Arc::clone(&pool))));
        let mut kept = Vec::new();
        for (i, op) in ops.iter().enumerate() {
            let accepted = apply(&graph, op, &mut kept);
            let usage = pool.stats().pool_usage;
            prop_assert!(
                !accepted || usage <= limit,
                "operation {} ({:?}) accepted, and the pool holds {} of its {} bytes",
                i, op, usage, limit
            );
        }
        drop(kept);
        drop(graph);
        prop_assert_eq!(pool.stats().pool_usage, 0);
    }
}

/// The bounds are not so generous that a graph cannot fill most of its pool.
#[test]
// Without the allocator a pool sees no usage, so nothing fills it.
#[cfg_attr(
    not(feature = "counting-allocator"),
    ignore = "needs the counting allocator"
)]
fn a_graph_fills_most_of_its_pool() {
    const LIMIT: u64 = 1 << 20;
    for directed in [false, true] {
        let pool = Arc::new(MemoryPool::new(Some(LIMIT)));
        let graph = SharedGraph::new(GraphCore::new_in(directed, Some(Arc::clone(&pool))));
        let mut nodes = 0i64;
        while graph
            .write()
            .and_then(|mut g| {
                g.add_node(KeyRef::Int(nodes), &[("x", AttrValue::Int64(nodes))])?;
                if nodes > 0 {
                    g.add_edge(KeyRef::Int(nodes - 1), KeyRef::Int(nodes), &[])?;
                }
                Ok(())
            })
            .is_ok()
        {
            nodes += 1;
        }
        let usage = pool.stats().pool_usage;
        assert!(nodes >= 500, "{nodes} nodes in a 1 MiB pool");
        assert!(
            usage * 5 >= LIMIT * 2,
            "refused at {usage} of {LIMIT} bytes"
        );
        // Strings too.
        let pool = Arc::new(MemoryPool::new(Some(LIMIT)));
        let graph = SharedGraph::new(GraphCore::new_in(directed, Some(Arc::clone(&pool))));
        let mut n = 0;
        while graph
            .write()
            .and_then(|mut g| {
                let key = format!("node-{n}");
                g.add_node(
                    KeyRef::Str(&key),
                    &[("label", AttrValue::Str(key.as_str().into()))],
                )
                .map(|_| ())
            })
            .is_ok()
        {
            n += 1;
        }
        assert!(n >= 500, "{n} string nodes in a 1 MiB pool");
        assert!(pool.stats().pool_usage * 5 >= LIMIT * 2);
    }
}
