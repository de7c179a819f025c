//! Bulk operations against one-at-a-time operations.
//!
//! Random sequences of operations are applied to two `GraphCore`s: to `bulk` through the
//! column APIs (`add_edges_int`, `add_edges_with_columns`, `add_nodes_with_columns`,
//! `set_node_array`, `set_edge_array`), and to `single` through the same changes made one
//! at a time (`add_edge`, `add_node`, `set_node_attr`, `set_edge_attr`). Plain operations
//! (adds with attributes, removals, attribute sets) go to both, so batches land on graphs
//! that already hold edges, attributes and removed nodes and edges.
//!
//! After every operation the two graphs must be identical: nodes in order, edges in order
//! with their endpoints as first added, degrees, neighbours, attribute names in column
//! order, every attribute of every node and edge (Null told from absent), and the
//! `node_array` / `edge_array` / presence columns (kind, values, nulls). Each graph's arrays
//! must also agree with its own per-item attributes. Bad batches (a column of the wrong
//! length) must fail and change nothing.
//!
//! Batches use int keys from a small pool (so duplicates within a batch and edges already in
//! the graph are common; undirected reversed pairs too), columns with nulls, all-null
//! columns, mixed-kind columns, and columns whose kind differs from the kind the graph
//! already holds under that name (so the column turns mixed).

use groggy::core::{Array, AttrKind, AttrValue, GraphCore, GraphError, KeyRef, NodeKey};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

// ----- inputs ------------------------------------------------------------------------------

/// Int keys of batches: dense small ones, plus a negative and a far one (outside the
/// dense key table).
const INT_KEYS: [i64; 8] = [0, 1, 2, 3, 4, 5, -1, 1000];
/// String keys, including ones that print like the int keys.
const STR_KEYS: [&str; 3] = ["1", "a", ""];
/// Attribute names; `never` is never set, so reading it must fail alike in both graphs.
const NAMES: [&str; 4] = ["w", "c", "s", "never"];
const SET_NAMES: [&str; 3] = ["w", "c", "s"];

/// The kind of a generated column.
#[derive(Clone, Copy, Debug)]
enum ColKind {
    Bool,
    Int32,
    Int64,
    Float64,
    Str,
    Bytes,
    /// Values of several kinds.
    Mixed,
    /// Only nulls.
    AllNull,
}

/// The raw material of one value: `(null?, number, kind selector for mixed columns)`.
type Raw = (bool, i64, u8);

fn value_of(kind: ColKind, (null, x, sel): Raw) -> AttrValue {
    if null {
        return AttrValue::Null;
    }
    match kind {
        ColKind::Bool => AttrValue::Bool(x > 0),
        ColKind::Int32 => AttrValue::Int32(x as i32),
        ColKind::Int64 => AttrValue::Int64(x),
        ColKind::Float64 => AttrValue::Float64(x as f64 + 0.5),
        ColKind::Str => AttrValue::Str(if x == 0 {
            "".into()
        } else {
            format!("s{x}").into()
        }),
        ColKind::Bytes => AttrValue::Bytes(vec![x as u8, 0].into()),
        ColKind::Mixed => {
            let kinds = [
                ColKind::Bool,
                ColKind::Int32,
                ColKind::Int64,
                ColKind::Float64,
                ColKind::Str,
                ColKind::Bytes,
            ];
            value_of(kinds[sel as usize % kinds.len()], (false, x, 0))
        }
        ColKind::AllNull => AttrValue::Null,
    }
}

/// A column of a batch: a name, a kind and raw values, cycled to the length needed.
#[derive(Clone, Debug)]
struct ColSpec {
    name: &'static str,
    kind: ColKind,
    raw: Vec<Raw>,
}

impl ColSpec {
    fn values(&self, n: usize) -> Vec<AttrValue> {
        (0..n)
            .map(|i| value_of(self.kind, self.raw[i % self.raw.len()]))
            .collect()
    }
}

fn col_kind() -> impl Strategy<Value = ColKind> {
    select(vec![
        ColKind::Bool,
        ColKind::Int32,
        ColKind::Int64,
        ColKind::Int64,
        ColKind::Float64,
        ColKind::Float64,
        ColKind::Str,
        ColKind::Bytes,
        ColKind::Mixed,
        ColKind::AllNull,
    ])
}

fn raw() -> impl Strategy<Value = Raw> {
    (prop::bool::weighted(0.25), -3i64..4, any::<u8>())
}

fn col_spec() -> impl Strategy<Value = ColSpec> {
    (select(SET_NAMES.to_vec()), col_kind(), vec(raw(), 1..12))
        .prop_map(|(name, kind, raw)| ColSpec { name, kind, raw })
}

fn columns() -> impl Strategy<Value = Vec<ColSpec>> {
    vec(col_spec(), 0..3)
}

fn int_key() -> impl Strategy<Value = i64> {
    prop_oneof![4 => 0i64..4, 1 => select(INT_KEYS.to_vec())]
}

fn any_key() -> impl Strategy<Value = NodeKey> {
    prop_oneof![
        3 => int_key().prop_map(NodeKey::Int),
        1 => select(STR_KEYS.to_vec()).prop_map(NodeKey::from),
    ]
}

fn attr_value() -> impl Strategy<Value = AttrValue> {
    (col_kind(), raw()).prop_map(|(k, r)| value_of(k, r))
}

fn attrs() -> impl Strategy<Value = Vec<(&'static str, AttrValue)>> {
    vec((select(SET_NAMES.to_vec()), attr_value()), 0..3)
}

#[derive(Clone, Debug)]
enum Op {
    // Batches: `bulk` takes the batch call, `single` the same changes one at a time.
    AddEdgesInt(Vec<(i64, i64)>, Vec<ColSpec>),
    AddEdgesKeys(Vec<(NodeKey, NodeKey)>, Vec<ColSpec>),
    AddNodesColumns(Vec<NodeKey>, Vec<ColSpec>),
    SetNodeArray(ColSpec),
    SetEdgeArray(ColSpec),
    /// A batch with one column a value short or long (`delta`): fails, changes nothing.
    BadBatch(u8, Vec<(i64, i64)>, ColSpec, bool),
    // Plain operations, applied to both graphs alike.
    AddEdge(NodeKey, NodeKey, Vec<(&'static str, AttrValue)>),
    AddNode(NodeKey, Vec<(&'static str, AttrValue)>),
    RemoveNode(NodeKey),
    RemoveEdge(NodeKey, NodeKey),
    SetNodeAttr(NodeKey, &'static str, AttrValue),
    SetEdgeAttr(NodeKey, NodeKey, &'static str, AttrValue),
}

fn plain_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (any_key(), any_key(), attrs()).prop_map(|(u, v, a)| Op::AddEdge(u, v, a)),
        2 => (any_key(), attrs()).prop_map(|(k, a)| Op::AddNode(k, a)),
        1 => any_key().prop_map(Op::RemoveNode),
        2 => (any_key(), any_key()).prop_map(|(u, v)| Op::RemoveEdge(u, v)),
        2 => (any_key(), select(SET_NAMES.to_vec()), attr_value())
            .prop_map(|(k, n, v)| Op::SetNodeAttr(k, n, v)),
        2 => (any_key(), any_key(), select(SET_NAMES.to_vec()), attr_value())
            .prop_map(|(u, v, n, x)| Op::SetEdgeAttr(u, v, n, x)),
    ]
}

fn batch_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (vec((int_key(), int_key()), 0..10), columns())
            .prop_map(|(p, c)| Op::AddEdgesInt(p, c)),
        3 => (vec((any_key(), any_key()), 0..8), columns())
            .prop_map(|(p, c)| Op::AddEdgesKeys(p, c)),
        3 => (vec(any_key(), 0..8), columns()).prop_map(|(k, c)| Op::AddNodesColumns(k, c)),
        2 => col_spec().prop_map(Op::SetNodeArray),
        2 => col_spec().prop_map(Op::SetEdgeArray),
        1 => (0u8..5, vec((int_key(), int_key()), 0..4), col_spec(), any::<bool>())
            .prop_map(|(w, p, c, long)| Op::BadBatch(w, p, c, long)),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![2 => batch_op(), 1 => plain_op()]
}

// ----- applying operations -----------------------------------------------------------------

fn kref(k: &NodeKey) -> KeyRef<'_> {
    k.as_key_ref()
}

/// The columns of a batch of `n` items, as arrays.
fn arrays(cols: &[ColSpec], n: usize) -> Vec<(&'static str, Array)> {
    cols.iter()
        .map(|c| (c.name, Array::from_values(c.values(n))))
        .collect()
}

fn named<'a>(arrays: &'a [(&'static str, Array)]) -> Vec<(&'a str, &'a Array)> {
    arrays.iter().map(|(n, a)| (*n, a)).collect()
}

/// Item `i`'s attributes, as the one-at-a-time calls take them.
fn item_attrs(arrays: &[(&'static str, Array)], i: usize) -> Vec<(&'static str, AttrValue)> {
    arrays.iter().map(|(n, a)| (*n, a.get(i))).collect()
}

fn apply_plain(g: &mut GraphCore, op: &Op) {
    // Results may be errors (a missing node or edge); both graphs must then agree, which
    // the snapshot comparison checks. Failures must leave each graph unchanged.
    let before = snapshot(g);
    let result = match op {
        Op::AddEdge(u, v, a) => g.add_edge(kref(u), kref(v), a).map(|_| ()),
        Op::AddNode(k, a) => g.add_node(kref(k), a).map(|_| ()),
        Op::RemoveNode(k) => g.remove_node(kref(k)),
        Op::RemoveEdge(u, v) => g.remove_edge(kref(u), kref(v)),
        Op::SetNodeAttr(k, n, x) => g.set_node_attr(kref(k), n, x.clone()),
        Op::SetEdgeAttr(u, v, n, x) => g.set_edge_attr(kref(u), kref(v), n, x.clone()),
        _ => unreachable!("not a plain operation"),
    };
    if result.is_err() {
        assert_eq!(snapshot(g), before, "a failed {op:?} changed the graph");
    }
}

/// Applies `op` to `bulk` through the batch API and to `single` one change at a time.
fn apply(bulk: &mut GraphCore, single: &mut GraphCore, op: &Op) -> Result<(), TestCaseError> {
    match op {
        Op::AddEdgesInt(pairs, cols) => {
            let cols = arrays(cols, pairs.len());
            let src: Vec<i64> = pairs.iter().map(|p| p.0).collect();
            let dst: Vec<i64> = pairs.iter().map(|p| p.1).collect();
            bulk.add_edges_int(&src, &dst, &named(&cols))
                .map_err(|e| TestCaseError::fail(format!("add_edges_int: {e}")))?;
            for (i, &(u, v)) in pairs.iter().enumerate() {
                single.add_edge(u.into(), v.into(), &item_attrs(&cols, i))?;
            }
        }
        Op::AddEdgesKeys(pairs, cols) => {
            let cols = arrays(cols, pairs.len());
            let src: Vec<KeyRef<'_>> = pairs.iter().map(|p| kref(&p.0)).collect();
            let dst: Vec<KeyRef<'_>> = pairs.iter().map(|p| kref(&p.1)).collect();
            bulk.add_edges_with_columns(&src, &dst, &named(&cols))
                .map_err(|e| TestCaseError::fail(format!("add_edges_with_columns: {e}")))?;
            for (i, (u, v)) in pairs.iter().enumerate() {
                single.add_edge(kref(u), kref(v), &item_attrs(&cols, i))?;
            }
        }
        Op::AddNodesColumns(keys, cols) => {
            let cols = arrays(cols, keys.len());
            let refs: Vec<KeyRef<'_>> = keys.iter().map(kref).collect();
            bulk.add_nodes_with_columns(&refs, &named(&cols))
                .map_err(|e| TestCaseError::fail(format!("add_nodes_with_columns: {e}")))?;
            for (i, k) in keys.iter().enumerate() {
                single.add_node(kref(k), &item_attrs(&cols, i))?;
            }
        }
        Op::SetNodeArray(col) => {
            let values = Array::from_values(col.values(bulk.node_count()));
            bulk.set_node_array(col.name, &values)
                .map_err(|e| TestCaseError::fail(format!("set_node_array: {e}")))?;
            let keys: Vec<NodeKey> = single.node_keys().cloned().collect();
            prop_assert_eq!(keys.len(), values.len());
            for (i, k) in keys.iter().enumerate() {
                single.set_node_attr(kref(k), col.name, values.get(i))?;
            }
        }
        Op::SetEdgeArray(col) => {
            let values = Array::from_values(col.values(bulk.edge_count()));
            bulk.set_edge_array(col.name, &values)
                .map_err(|e| TestCaseError::fail(format!("set_edge_array: {e}")))?;
            let ends = edges(single);
            prop_assert_eq!(ends.len(), values.len());
            for (i, (u, v)) in ends.iter().enumerate() {
                single.set_edge_attr(kref(u), kref(v), col.name, values.get(i))?;
            }
        }
        Op::BadBatch(which, pairs, col, long) => {
            let n = pairs.len();
            let wrong = if *long || n == 0 { n + 1 } else { n - 1 };
            let good = Array::from_values(col.values(n));
            let bad = Array::from_values(col.values(wrong));
            let src: Vec<i64> = pairs.iter().map(|p| p.0).collect();
            let dst: Vec<i64> = pairs.iter().map(|p| p.1).collect();
            let srck: Vec<KeyRef<'_>> = src.iter().map(|&k| KeyRef::Int(k)).collect();
            let dstk: Vec<KeyRef<'_>> = dst.iter().map(|&k| KeyRef::Int(k)).collect();
            // The good column comes first, so a batch applied in part would show.
            let cols = [("c", &good), (col.name, &bad)];
            let before = snapshot(bulk);
            let result = match which {
                0 => bulk.add_edges_int(&src, &dst, &cols),
                1 => bulk.add_edges_with_columns(&srck, &dstk, &cols),
                2 => bulk.add_nodes_with_columns(&srck, &cols),
                3 => {
                    let bad = Array::from_values(col.values(bulk.node_count() + 1));
                    bulk.set_node_array(col.name, &bad)
                }
                _ => {
                    let bad = Array::from_values(col.values(bulk.edge_count() + 1));
                    bulk.set_edge_array(col.name, &bad)
                }
            };
            prop_assert!(
                matches!(result, Err(GraphError::InvalidArgument(_))),
                "bad batch {} returned {:?}",
                which,
                result
            );
            prop_assert_eq!(snapshot(bulk), before, "a bad batch changed the graph");
        }
        plain => {
            apply_plain(bulk, plain);
            apply_plain(single, plain);
        }
    }
    Ok(())
}

// ----- comparing graphs --------------------------------------------------------------------

type AttrRow = Vec<(Box<str>, AttrValue)>;
/// An array as `(kind, values, null count)`, or the error reading it.
type ArrayView = Result<(AttrKind, Vec<AttrValue>, usize), GraphError>;
/// A node's degree, in-degree, out-degree, neighbours and predecessors.
type NodeAdjacency = (usize, usize, usize, Vec<NodeKey>, Vec<NodeKey>);

/// Everything observable about a graph.
#[derive(Debug, PartialEq)]
struct Snapshot {
    directed: bool,
    nodes: Vec<NodeKey>,
    edges: Vec<(NodeKey, NodeKey)>,
    node_count: usize,
    edge_count: usize,
    adjacency: Vec<NodeAdjacency>,
    degrees: Vec<i64>,
    node_names: Vec<Box<str>>,
    edge_names: Vec<Box<str>>,
    node_attrs: Vec<AttrRow>,
    edge_attrs: Vec<AttrRow>,
    node_arrays: Vec<(ArrayView, Result<Vec<bool>, GraphError>)>,
    edge_arrays: Vec<(ArrayView, Result<Vec<bool>, GraphError>)>,
}

fn view(a: Result<Array, GraphError>) -> ArrayView {
    a.map(|a| {
        let values = (0..a.len()).map(|i| a.get(i)).collect();
        (a.kind(), values, a.null_count())
    })
}

fn edges(g: &GraphCore) -> Vec<(NodeKey, NodeKey)> {
    g.edge_indices()
        .map(|e| {
            let (u, v) = g.edge_keys(e);
            (u.clone(), v.clone())
        })
        .collect()
}

fn keys_of(g: &GraphCore, indices: Vec<u32>) -> Vec<NodeKey> {
    indices.into_iter().map(|n| g.node_key(n).clone()).collect()
}

fn snapshot(g: &GraphCore) -> Snapshot {
    let nodes: Vec<NodeKey> = g.node_keys().cloned().collect();
    let edges = edges(g);
    let adjacency = nodes
        .iter()
        .map(|k| {
            let k = kref(k);
            (
                g.degree(k).unwrap(),
                g.in_degree(k).unwrap(),
                g.out_degree(k).unwrap(),
                keys_of(g, g.neighbors(k).unwrap()),
                keys_of(g, g.predecessors(k).unwrap()),
            )
        })
        .collect();
    let node_attrs = nodes
        .iter()
        .map(|k| g.node_attrs(kref(k)).unwrap())
        .collect();
    let edge_attrs = edges
        .iter()
        .map(|(u, v)| g.edge_attrs(kref(u), kref(v)).unwrap())
        .collect();
    Snapshot {
        directed: g.is_directed(),
        node_count: g.node_count(),
        edge_count: g.edge_count(),
        adjacency,
        degrees: g.degrees().unwrap(),
        node_names: g.node_attr_names(),
        edge_names: g.edge_attr_names(),
        node_attrs,
        edge_attrs,
        node_arrays: NAMES
            .iter()
            .map(|n| (view(g.node_array(n)), g.node_presence(n)))
            .collect(),
        edge_arrays: NAMES
            .iter()
            .map(|n| (view(g.edge_array(n)), g.edge_presence(n)))
            .collect(),
        nodes,
        edges,
    }
}

/// The arrays of a graph agree with its per-item attributes: absent and Null read as null,
/// presence tells them apart, and a name no item has is `AttributeNotFound`.
fn check_arrays_match_items(s: &Snapshot) -> Result<(), TestCaseError> {
    let sides = [
        ("node", &s.node_arrays, &s.node_attrs, &s.node_names),
        ("edge", &s.edge_arrays, &s.edge_attrs, &s.edge_names),
    ];
    for (what, arrays, rows, names) in sides {
        for (name, (array, presence)) in NAMES.iter().zip(arrays.iter()) {
            let present: Vec<Option<&AttrValue>> = rows
                .iter()
                .map(|row| row.iter().find(|(n, _)| &**n == *name).map(|(_, v)| v))
                .collect();
            if !names.iter().any(|n| &**n == *name) {
                prop_assert!(present.iter().all(Option::is_none));
                prop_assert!(
                    matches!(array, Err(GraphError::AttributeNotFound(_))),
                    "{} array {}: {:?}",
                    what,
                    name,
                    array
                );
                prop_assert!(matches!(presence, Err(GraphError::AttributeNotFound(_))));
                continue;
            }
            let Ok((_, values, nulls)) = array else {
                return Err(TestCaseError::fail(format!(
                    "{what} array {name}: {array:?}"
                )));
            };
            let expected: Vec<AttrValue> = present
                .iter()
                .map(|v| v.cloned().unwrap_or(AttrValue::Null))
                .collect();
            prop_assert_eq!(values, &expected, "{} array {}", what, name);
            prop_assert_eq!(
                *nulls,
                expected.iter().filter(|v| **v == AttrValue::Null).count()
            );
            let has: Vec<bool> = present.iter().map(Option::is_some).collect();
            prop_assert_eq!(
                presence.as_ref().ok(),
                Some(&has),
                "{} presence {}",
                what,
                name
            );
        }
    }
    Ok(())
}

fn compare(bulk: &GraphCore, single: &GraphCore) -> Result<(), TestCaseError> {
    let (b, s) = (snapshot(bulk), snapshot(single));
    check_arrays_match_items(&b)?;
    check_arrays_match_items(&s)?;
    macro_rules! same {
        ($($field:ident),*) => {
            $(prop_assert_eq!(
                &b.$field,
                &s.$field,
                "{}: the bulk graph (left) differs from the one-at-a-time graph",
                stringify!($field)
            );)*
        };
    }
    same!(
        directed,
        nodes,
        edges,
        node_count,
        edge_count,
        adjacency,
        degrees,
        node_names,
        edge_names,
        node_attrs,
        edge_attrs,
        node_arrays,
        edge_arrays
    );
    Ok(())
}

fn run(directed: bool, setup: &[Op], ops: &[Op]) -> Result<(), TestCaseError> {
    let mut bulk = GraphCore::new(directed);
    let mut single = GraphCore::new(directed);
    for op in setup {
        apply(&mut bulk, &mut single, op)?;
    }
    compare(&bulk, &single)?;
    for (step, op) in ops.iter().enumerate() {
        apply(&mut bulk, &mut single, op)
            .map_err(|e| TestCaseError::fail(format!("step {step}: {op:?}: {e}")))?;
        compare(&bulk, &single)
            .map_err(|e| TestCaseError::fail(format!("after step {step}: {op:?}: {e}")))?;
    }
    Ok(())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        // Do not write regression files next to the test.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn directed_bulk_matches_one_at_a_time(
        setup in vec(plain_op(), 2..12),
        ops in vec(op(), 1..16),
    ) {
        run(true, &setup, &ops)?;
    }

    #[test]
    fn undirected_bulk_matches_one_at_a_time(
        setup in vec(plain_op(), 2..12),
        ops in vec(op(), 1..16),
    ) {
        run(false, &setup, &ops)?;
    }
}

// ----- hand-written cases ------------------------------------------------------------------

fn col(name: &'static str, kind: ColKind, raw: &[Raw]) -> ColSpec {
    ColSpec {
        name,
        kind,
        raw: raw.to_vec(),
    }
}

const V: fn(i64) -> Raw = |x| (false, x, 0);
const N: Raw = (true, 0, 0);

fn check_sequence(setup: &[Op], ops: &[Op]) {
    for directed in [true, false] {
        if let Err(e) = run(directed, setup, ops) {
            panic!("directed={directed}: {e}");
        }
    }
}

/// The cases the random sequences are meant to reach, spelled out once: an existing edge
/// updated by a batch, a reversed pair (one edge when undirected), a column turned mixed,
/// nulls, string keys, arrays over a graph with removed nodes.
#[test]
fn hand_written_sequence_matches() {
    let setup = vec![
        Op::AddEdge(1.into(), 2.into(), vec![("w", AttrValue::Int64(10))]),
        Op::AddEdge(2.into(), 3.into(), vec![("s", "x".into())]),
        Op::AddNode(0.into(), vec![("c", AttrValue::Null)]),
        Op::RemoveNode(3.into()),
    ];
    let ops = vec![
        Op::AddEdgesInt(
            vec![(1, 2), (2, 1), (4, 0), (0, 0)],
            vec![
                col("w", ColKind::Int64, &[V(1), V(2), N, V(3)]),
                col("c", ColKind::Str, &[V(1), N, V(2), V(0)]),
            ],
        ),
        Op::AddEdgesKeys(
            vec![("a".into(), 1.into()), (1.into(), "a".into())],
            vec![col("w", ColKind::Float64, &[V(1), V(2)])],
        ),
        Op::AddNodesColumns(
            vec!["1".into(), 1.into(), 7.into()],
            vec![col("c", ColKind::Mixed, &[(false, 1, 0), N, (false, 2, 4)])],
        ),
        Op::SetNodeArray(col("s", ColKind::Bytes, &[V(1), N])),
        Op::SetEdgeArray(col("c", ColKind::AllNull, &[N])),
        Op::BadBatch(0, vec![(5, 5)], col("w", ColKind::Int64, &[V(1)]), true),
        Op::BadBatch(
            2,
            vec![(5, 5), (6, 6)],
            col("w", ColKind::Int64, &[V(1)]),
            false,
        ),
        Op::BadBatch(3, vec![], col("w", ColKind::Int64, &[V(1)]), false),
        Op::BadBatch(4, vec![], col("w", ColKind::Int64, &[V(1)]), false),
    ];
    check_sequence(&setup, &ops);
}

// ----- regressions and known failures, each reduced to a minimal case ----------------------

/// A batch where an item's attribute is set by several items (duplicate edges or nodes) with
/// a null between values: the later value must win. (`Column::set_from_array` once wrote
/// every valid value first and then replayed the nulls in order, and a replayed null reset
/// the storage slot that a later value had already written, leaving the default 0.)
#[test]
fn duplicate_items_later_value_wins_after_a_null() {
    // A new edge given three times: 5, null, 7 -> 7.
    let ops = vec![Op::AddEdgesInt(
        vec![(1, 2), (1, 2), (1, 2)],
        vec![col("w", ColKind::Int64, &[V(5), N, V(7)])],
    )];
    check_sequence(&[], &ops);
}

#[test]
fn existing_edge_updated_null_then_value() {
    // An edge that already has `w`, given twice: null, 7 -> 7.
    let setup = vec![Op::AddEdge(
        1.into(),
        2.into(),
        vec![("w", AttrValue::Int64(1))],
    )];
    let ops = vec![Op::AddEdgesInt(
        vec![(1, 2), (1, 2)],
        vec![col("w", ColKind::Int64, &[N, V(7)])],
    )];
    check_sequence(&setup, &ops);
}

#[test]
fn existing_node_updated_null_then_value() {
    let setup = vec![Op::AddNode(1.into(), vec![("w", AttrValue::Int64(1))])];
    let ops = vec![Op::AddNodesColumns(
        vec![1.into(), 1.into()],
        vec![col("w", ColKind::Int64, &[N, V(7)])],
    )];
    check_sequence(&setup, &ops);
}

/// KNOWN BUG. An empty batch (or an array write on a graph with no nodes or edges) sets
/// nothing, so it must not decide the column order either. The library creates the column
/// up front (`column_mut_or_create` before looking at the items), and the attribute names
/// then come out in another order than the one-at-a-time graph's: `["s", "w"]` against
/// `["w", "s"]` here.
#[test]
fn empty_batch_does_not_create_columns() {
    let ops = vec![
        Op::AddEdgesInt(vec![], vec![col("s", ColKind::Int64, &[V(1)])]),
        Op::AddEdge(1.into(), 2.into(), vec![("w", AttrValue::Int64(1))]),
        Op::AddEdge(1.into(), 2.into(), vec![("s", AttrValue::Int64(1))]),
    ];
    check_sequence(&[], &ops);
}

#[test]
fn set_array_on_empty_graph_does_not_create_columns() {
    let ops = vec![
        Op::SetNodeArray(col("s", ColKind::Int64, &[V(1)])),
        Op::SetEdgeArray(col("s", ColKind::Int64, &[V(1)])),
        Op::AddEdge(
            1.into(),
            2.into(),
            vec![("w", AttrValue::Int64(1)), ("s", AttrValue::Int64(1))],
        ),
        Op::AddNode(
            1.into(),
            vec![("w", AttrValue::Int64(1)), ("s", AttrValue::Int64(1))],
        ),
    ];
    check_sequence(&[], &ops);
}
