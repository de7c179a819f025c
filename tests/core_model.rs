//! Model-based property test of `GraphCore`.
//!
//! Random sequences of operations are applied both to a `GraphCore` and to a deliberately
//! naive reference model built from `Vec`s and `HashMap`s. After every operation the two
//! are compared: node keys in insertion order, edges (as a normalised set and in insertion
//! order), degrees, neighbours, every attribute, attribute column names, and the results
//! and errors of the operations themselves. Failed operations must leave the graph exactly
//! as it was.
//!
//! Model semantics (networkx-like):
//! - nodes keep insertion order; a removed node that is added again goes to the end;
//! - at most one edge per ordered pair (per unordered pair when undirected); self-loops are
//!   allowed; adding an existing edge only updates its attributes and keeps its endpoints
//!   as first added;
//! - undirected degree counts a self-loop twice; directed degree is in + out;
//! - removing a node removes its edges and their attributes;
//! - an attribute set to `Null` is present and holds `Null`; one never set is absent;
//! - removing an attribute makes it absent (its column stays); removing one the entity
//!   does not have is `AttributeNotFound`;
//! - attributes are listed in column order: the order in which each name was first set on
//!   any entity of the same kind (columns survive removals, `clear` drops them).

use std::collections::{BTreeSet, HashMap};
use std::fmt::Debug;

use groggy::core::{AttrTable, AttrValue, GraphCore, GraphError, KeyRef, NodeKey};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

// ----- inputs ------------------------------------------------------------------------------

type AttrList = Vec<(&'static str, AttrValue)>;
type EdgeItem = (NodeKey, NodeKey, AttrList);
/// An edge to add as the engine's `add_edges` takes it.
type EdgeRef<'a> = (KeyRef<'a>, KeyRef<'a>, &'a [(&'a str, AttrValue)]);

/// Attribute names the checks query; `never` is never set by any operation.
const NAMES: [&str; 6] = ["i", "f", "s", "x", "y", "never"];

/// Every key an operation may use: ints and strings that print alike but are distinct keys.
fn key_pool() -> Vec<NodeKey> {
    let mut keys: Vec<NodeKey> = (0..8).map(NodeKey::Int).collect();
    keys.extend((0..8).map(|i| NodeKey::Str(i.to_string().into())));
    keys.push(NodeKey::Int(-1));
    keys.push(NodeKey::Str("".into()));
    keys
}

/// A few "hot" keys, including both `1` and `"1"`.
fn hot_key() -> impl Strategy<Value = NodeKey> {
    select(vec![
        NodeKey::Int(0),
        NodeKey::Int(1),
        NodeKey::Int(2),
        NodeKey::Str("0".into()),
        NodeKey::Str("1".into()),
    ])
}

/// Keys biased towards the hot ones, so that edges accumulate and removals often hit.
fn key() -> impl Strategy<Value = NodeKey> {
    prop_oneof![3 => hot_key(), 2 => select(key_pool())]
}

/// Endpoints for edge operations: mostly among three keys (`0`, `1` and `"1"`), where edges
/// are dense, so that adds update, and removals and attribute sets hit, about as often as
/// they miss.
fn edge_target() -> impl Strategy<Value = (NodeKey, NodeKey)> {
    let dense = || {
        select(vec![
            NodeKey::Int(0),
            NodeKey::Int(1),
            NodeKey::Str("1".into()),
        ])
    };
    prop_oneof![3 => (dense(), dense()), 1 => (key(), key())]
}

fn f32_value() -> impl Strategy<Value = f32> {
    prop::num::f32::ANY.prop_filter("no NaN", |x| !x.is_nan())
}

fn f64_value() -> impl Strategy<Value = f64> {
    prop::num::f64::ANY.prop_filter("no NaN", |x| !x.is_nan())
}

/// A value of any kind (NaN excluded, since it never compares equal).
fn any_value() -> impl Strategy<Value = AttrValue> {
    prop_oneof![
        Just(AttrValue::Null),
        any::<bool>().prop_map(AttrValue::Bool),
        any::<i8>().prop_map(AttrValue::Int8),
        any::<i16>().prop_map(AttrValue::Int16),
        any::<i32>().prop_map(AttrValue::Int32),
        any::<i64>().prop_map(AttrValue::Int64),
        f32_value().prop_map(AttrValue::Float32),
        f64_value().prop_map(AttrValue::Float64),
        "[a-z]{0,3}".prop_map(|s| AttrValue::Str(s.into())),
        vec(any::<u8>(), 0..4).prop_map(|b| AttrValue::Bytes(b.into())),
    ]
}

/// A named value. `i`, `f` and `s` keep one kind (plus Null) so their columns stay typed;
/// `x` and `y` take any kind and usually turn into mixed columns.
fn named_value() -> impl Strategy<Value = (&'static str, AttrValue)> {
    prop_oneof![
        (
            Just("i"),
            prop_oneof![
                3 => any::<i64>().prop_map(AttrValue::Int64),
                1 => Just(AttrValue::Null),
            ]
        ),
        (
            Just("f"),
            prop_oneof![
                3 => f32_value().prop_map(AttrValue::Float32),
                1 => Just(AttrValue::Null),
            ]
        ),
        (
            Just("s"),
            prop_oneof![
                3 => "[a-c]{0,2}".prop_map(|s| AttrValue::Str(s.into())),
                1 => Just(AttrValue::Null),
            ]
        ),
        (Just("x"), any_value()),
        (Just("y"), any_value()),
    ]
}

fn attr_name() -> impl Strategy<Value = &'static str> {
    select(vec!["i", "f", "s", "x", "y"])
}

fn attr_list() -> impl Strategy<Value = AttrList> {
    vec(named_value(), 0..3)
}

#[derive(Clone, Debug)]
enum Op {
    AddNode(NodeKey, AttrList),
    AddNodes(Vec<(NodeKey, AttrList)>),
    AddEdge(NodeKey, NodeKey, AttrList),
    AddEdges(Vec<EdgeItem>),
    RemoveNode(NodeKey),
    RemoveEdge(NodeKey, NodeKey),
    SetNodeAttr(NodeKey, &'static str, AttrValue),
    SetEdgeAttr(NodeKey, NodeKey, &'static str, AttrValue),
    RemoveNodeAttr(NodeKey, &'static str),
    RemoveEdgeAttr(NodeKey, NodeKey, &'static str),
    /// Not a mutation: compares `subgraph(keys)` with the model's induced subgraph.
    Subgraph(Vec<NodeKey>),
    Clear,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        12 => (key(), attr_list()).prop_map(|(k, a)| Op::AddNode(k, a)),
        4 => vec((key(), attr_list()), 0..4).prop_map(Op::AddNodes),
        24 => (edge_target(), attr_list()).prop_map(|((u, v), a)| Op::AddEdge(u, v, a)),
        4 => vec((edge_target(), attr_list()).prop_map(|((u, v), a)| (u, v, a)), 0..4)
            .prop_map(Op::AddEdges),
        3 => key().prop_map(Op::RemoveNode),
        12 => edge_target().prop_map(|(u, v)| Op::RemoveEdge(u, v)),
        12 => (key(), named_value()).prop_map(|(k, (n, v))| Op::SetNodeAttr(k, n, v)),
        12 => (edge_target(), named_value())
            .prop_map(|((u, v), (n, x))| Op::SetEdgeAttr(u, v, n, x)),
        6 => (key(), attr_name()).prop_map(|(k, n)| Op::RemoveNodeAttr(k, n)),
        6 => (edge_target(), attr_name()).prop_map(|((u, v), n)| Op::RemoveEdgeAttr(u, v, n)),
        4 => vec(key(), 0..8).prop_map(Op::Subgraph),
        1 => Just(Op::Clear),
    ]
}

// ----- the reference model -----------------------------------------------------------------

type Attrs = HashMap<&'static str, AttrValue>;

#[derive(Clone, Debug, PartialEq)]
struct Model {
    directed: bool,
    /// Live nodes in insertion order, with their attributes.
    nodes: Vec<(NodeKey, Attrs)>,
    /// Live edges in insertion order: endpoints as first added, attributes.
    edges: Vec<(NodeKey, NodeKey, Attrs)>,
    /// Attribute names in the order they were first set on a node / an edge.
    node_cols: Vec<&'static str>,
    edge_cols: Vec<&'static str>,
}

/// A key the way error messages print it (as a Python user would write it): `42`, `'a'`.
fn show(k: &NodeKey) -> String {
    match k {
        NodeKey::Int(i) => i.to_string(),
        NodeKey::Str(s) => format!("'{s}'"),
    }
}

fn node_not_found(k: &NodeKey) -> GraphError {
    GraphError::NodeNotFound(show(k))
}

fn edge_not_found(u: &NodeKey, v: &NodeKey) -> GraphError {
    GraphError::EdgeNotFound(format!("({}, {})", show(u), show(v)))
}

fn set_attr(cols: &mut Vec<&'static str>, attrs: &mut Attrs, name: &'static str, v: &AttrValue) {
    if !cols.contains(&name) {
        cols.push(name);
    }
    attrs.insert(name, v.clone());
}

/// An entity's attributes in column order.
fn ordered(cols: &[&'static str], attrs: &Attrs) -> Vec<(Box<str>, AttrValue)> {
    cols.iter()
        .filter_map(|&c| attrs.get(c).map(|v| (c.into(), v.clone())))
        .collect()
}

/// Names of the columns at least one live entity has, in column order.
fn live_names(cols: &[&'static str], entities: &[&Attrs]) -> Vec<Box<str>> {
    cols.iter()
        .filter(|&&c| entities.iter().any(|a| a.contains_key(c)))
        .map(|&c| c.into())
        .collect()
}

impl Model {
    fn new(directed: bool) -> Model {
        Model {
            directed,
            nodes: Vec::new(),
            edges: Vec::new(),
            node_cols: Vec::new(),
            edge_cols: Vec::new(),
        }
    }

    fn node_pos(&self, k: &NodeKey) -> Option<usize> {
        self.nodes.iter().position(|(n, _)| n == k)
    }

    fn edge_pos(&self, u: &NodeKey, v: &NodeKey) -> Option<usize> {
        self.edges
            .iter()
            .position(|(a, b, _)| (a == u && b == v) || (!self.directed && a == v && b == u))
    }

    fn ensure_node(&mut self, k: &NodeKey) -> usize {
        match self.node_pos(k) {
            Some(p) => p,
            None => {
                self.nodes.push((k.clone(), Attrs::new()));
                self.nodes.len() - 1
            }
        }
    }

    fn add_node(&mut self, k: &NodeKey, attrs: &[(&'static str, AttrValue)]) {
        let p = self.ensure_node(k);
        for (name, v) in attrs {
            set_attr(&mut self.node_cols, &mut self.nodes[p].1, name, v);
        }
    }

    fn add_edge(&mut self, u: &NodeKey, v: &NodeKey, attrs: &[(&'static str, AttrValue)]) {
        self.ensure_node(u);
        self.ensure_node(v);
        let p = match self.edge_pos(u, v) {
            Some(p) => p,
            None => {
                self.edges.push((u.clone(), v.clone(), Attrs::new()));
                self.edges.len() - 1
            }
        };
        for (name, x) in attrs {
            set_attr(&mut self.edge_cols, &mut self.edges[p].2, name, x);
        }
    }

    fn remove_node(&mut self, k: &NodeKey) -> Result<(), GraphError> {
        let p = self.node_pos(k).ok_or_else(|| node_not_found(k))?;
        self.nodes.remove(p);
        self.edges.retain(|(a, b, _)| a != k && b != k);
        Ok(())
    }

    fn remove_edge(&mut self, u: &NodeKey, v: &NodeKey) -> Result<(), GraphError> {
        let p = self.edge_pos(u, v).ok_or_else(|| edge_not_found(u, v))?;
        self.edges.remove(p);
        Ok(())
    }

    /// Applies a mutation; the expected result of the core's call.
    fn apply(&mut self, op: &Op) -> Result<(), GraphError> {
        match op {
            Op::AddNode(k, a) => self.add_node(k, a),
            Op::AddNodes(items) => {
                for (k, a) in items {
                    self.add_node(k, a);
                }
            }
            Op::AddEdge(u, v, a) => self.add_edge(u, v, a),
            Op::AddEdges(items) => {
                for (u, v, a) in items {
                    self.add_edge(u, v, a);
                }
            }
            Op::RemoveNode(k) => return self.remove_node(k),
            Op::RemoveEdge(u, v) => return self.remove_edge(u, v),
            Op::SetNodeAttr(k, name, x) => {
                let p = self.node_pos(k).ok_or_else(|| node_not_found(k))?;
                set_attr(&mut self.node_cols, &mut self.nodes[p].1, name, x);
            }
            Op::SetEdgeAttr(u, v, name, x) => {
                let p = self.edge_pos(u, v).ok_or_else(|| edge_not_found(u, v))?;
                set_attr(&mut self.edge_cols, &mut self.edges[p].2, name, x);
            }
            // Absent afterwards (the column stays); one the entity lacks is an error.
            Op::RemoveNodeAttr(k, name) => {
                let p = self.node_pos(k).ok_or_else(|| node_not_found(k))?;
                if self.nodes[p].1.remove(name).is_none() {
                    return Err(GraphError::AttributeNotFound(format!(
                        "'{name}' on node {}",
                        show(k)
                    )));
                }
            }
            Op::RemoveEdgeAttr(u, v, name) => {
                let p = self.edge_pos(u, v).ok_or_else(|| edge_not_found(u, v))?;
                if self.edges[p].2.remove(name).is_none() {
                    return Err(GraphError::AttributeNotFound(format!(
                        "'{name}' on edge ({}, {})",
                        show(u),
                        show(v)
                    )));
                }
            }
            Op::Subgraph(_) => {}
            Op::Clear => *self = Model::new(self.directed),
        }
        Ok(())
    }

    /// Neighbours reached by leaving `k` (all neighbours when undirected), in edge order.
    fn successors(&self, k: &NodeKey) -> Vec<NodeKey> {
        let mut out = Vec::new();
        for (a, b, _) in &self.edges {
            if a == k {
                out.push(b.clone());
            } else if !self.directed && b == k {
                out.push(a.clone());
            }
        }
        out
    }

    fn predecessors(&self, k: &NodeKey) -> Vec<NodeKey> {
        if !self.directed {
            return self.successors(k);
        }
        self.edges
            .iter()
            .filter(|(_, b, _)| b == k)
            .map(|(a, _, _)| a.clone())
            .collect()
    }

    fn out_degree(&self, k: &NodeKey) -> usize {
        if !self.directed {
            return self.degree(k);
        }
        self.edges.iter().filter(|(a, _, _)| a == k).count()
    }

    fn in_degree(&self, k: &NodeKey) -> usize {
        if !self.directed {
            return self.degree(k);
        }
        self.edges.iter().filter(|(_, b, _)| b == k).count()
    }

    /// Each edge end at `k` counts once, so a self-loop counts twice (in + out when directed).
    fn degree(&self, k: &NodeKey) -> usize {
        self.edges
            .iter()
            .map(|(a, b, _)| usize::from(a == k) + usize::from(b == k))
            .sum()
    }

    fn node_attrs(&self, p: usize) -> Vec<(Box<str>, AttrValue)> {
        ordered(&self.node_cols, &self.nodes[p].1)
    }

    fn edge_attrs(&self, p: usize) -> Vec<(Box<str>, AttrValue)> {
        ordered(&self.edge_cols, &self.edges[p].2)
    }

    fn node_attr_names(&self) -> Vec<Box<str>> {
        let attrs: Vec<&Attrs> = self.nodes.iter().map(|(_, a)| a).collect();
        live_names(&self.node_cols, &attrs)
    }

    fn edge_attr_names(&self) -> Vec<Box<str>> {
        let attrs: Vec<&Attrs> = self.edges.iter().map(|(_, _, a)| a).collect();
        live_names(&self.edge_cols, &attrs)
    }

    /// The induced subgraph, built the way the engine builds it: nodes in this graph's
    /// order, then edges in this graph's order, each added with its attributes in column
    /// order (which fixes the subgraph's own column order).
    fn subgraph(&self, keys: &[NodeKey]) -> Model {
        let chosen = |k: &NodeKey| keys.contains(k);
        let mut sub = Model::new(self.directed);
        for (p, (k, _)) in self.nodes.iter().enumerate() {
            if chosen(k) {
                let attrs: AttrList = ordered_static(&self.node_cols, &self.nodes[p].1);
                sub.add_node(k, &attrs);
            }
        }
        for (u, v, a) in &self.edges {
            if chosen(u) && chosen(v) {
                let attrs: AttrList = ordered_static(&self.edge_cols, a);
                sub.add_edge(u, v, &attrs);
            }
        }
        sub
    }
}

fn ordered_static(cols: &[&'static str], attrs: &Attrs) -> AttrList {
    cols.iter()
        .filter_map(|&c| attrs.get(c).map(|v| (c, v.clone())))
        .collect()
}

// ----- applying an operation to the engine -------------------------------------------------

fn r(k: &NodeKey) -> KeyRef<'_> {
    k.as_key_ref()
}

/// Applies a mutation to the engine. The outer error is a failed check (an add must return
/// the index of the node or edge it added or updated); the inner result is the engine's.
fn apply_core(g: &mut GraphCore, op: &Op) -> Result<Result<(), GraphError>, TestCaseError> {
    let result = match op {
        Op::AddNode(k, a) => match g.add_node(r(k), a) {
            Ok(n) => {
                prop_assert_eq!(g.node_key(n), k, "index returned by add_node");
                prop_assert_eq!(g.node_index(r(k)), Some(n), "index returned by add_node");
                Ok(())
            }
            Err(e) => Err(e),
        },
        Op::AddNodes(items) => {
            let items: Vec<(KeyRef<'_>, &[(&str, AttrValue)])> =
                items.iter().map(|(k, a)| (r(k), &a[..])).collect();
            g.add_nodes(&items)
        }
        Op::AddEdge(u, v, a) => match g.add_edge(r(u), r(v), a) {
            Ok(e) => {
                prop_assert_eq!(
                    g.require_edge(r(u), r(v)),
                    Ok(e),
                    "index returned by add_edge"
                );
                Ok(())
            }
            Err(e) => Err(e),
        },
        Op::AddEdges(items) => {
            let items: Vec<EdgeRef<'_>> =
                items.iter().map(|(u, v, a)| (r(u), r(v), &a[..])).collect();
            g.add_edges(&items)
        }
        Op::RemoveNode(k) => g.remove_node(r(k)),
        Op::RemoveEdge(u, v) => g.remove_edge(r(u), r(v)),
        Op::SetNodeAttr(k, name, x) => g.set_node_attr(r(k), name, x.clone()),
        Op::SetEdgeAttr(u, v, name, x) => g.set_edge_attr(r(u), r(v), name, x.clone()),
        Op::RemoveNodeAttr(k, name) => g.remove_node_attr(r(k), name),
        Op::RemoveEdgeAttr(u, v, name) => g.remove_edge_attr(r(u), r(v), name),
        Op::Subgraph(_) => Ok(()),
        Op::Clear => {
            g.clear();
            Ok(())
        }
    };
    Ok(result)
}

// ----- comparing engine and model ----------------------------------------------------------

fn keys_of(g: &GraphCore, indices: Vec<u32>) -> Vec<NodeKey> {
    indices.into_iter().map(|n| g.node_key(n).clone()).collect()
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

fn expect_err<T: Debug>(
    got: Result<T, GraphError>,
    want: &GraphError,
) -> Result<(), TestCaseError> {
    match got {
        Err(e) => prop_assert_eq!(&e, want),
        Ok(v) => prop_assert!(false, "expected {:?}, got Ok({:?})", want, v),
    }
    Ok(())
}

/// Compares an attribute table with the model's columns: names in creation order, the
/// attribute of every allocated index (`live(i)` identifies a live entity, `want` gives the
/// model's value for it), and each column's count of present entries.
fn check_table<T>(
    table: &AttrTable,
    cols: &[&'static str],
    capacity: usize,
    live: impl Fn(u32) -> Option<T>,
    want: impl Fn(&T, &str) -> Option<AttrValue>,
    entities: Vec<&Attrs>,
) -> Result<(), TestCaseError> {
    let names: Vec<&str> = table.iter().map(|(name, _)| name).collect();
    prop_assert_eq!(&names[..], cols, "attribute columns in creation order");
    for (name, col) in table.iter() {
        let count = entities.iter().filter(|a| a.contains_key(name)).count();
        prop_assert_eq!(
            col.present_count(),
            count,
            "present_count of column {}",
            name
        );
        for i in 0..capacity {
            let expected = match live(i as u32) {
                Some(entity) => want(&entity, name),
                None => None,
            };
            prop_assert_eq!(col.get(i), expected, "column {} entry {}", name, i);
        }
    }
    Ok(())
}

/// Compares everything the engine reports with the model. `pool` are the keys to probe.
fn check(g: &GraphCore, m: &Model, pool: &[NodeKey]) -> Result<(), TestCaseError> {
    prop_assert_eq!(g.is_directed(), m.directed);

    // Nodes, in insertion order.
    let want_nodes: Vec<NodeKey> = m.nodes.iter().map(|(k, _)| k.clone()).collect();
    prop_assert_eq!(g.node_count(), want_nodes.len());
    let got_nodes: Vec<NodeKey> = g.node_keys().cloned().collect();
    prop_assert_eq!(&got_nodes, &want_nodes, "node keys in insertion order");
    let via_indices: Vec<NodeKey> = keys_of(g, g.node_indices().collect());
    prop_assert_eq!(&via_indices, &want_nodes, "node_indices");

    // Edges: the normalised set, then the order and orientation as added.
    let normalise = |(u, v): (NodeKey, NodeKey)| {
        if m.directed || u <= v {
            (u, v)
        } else {
            (v, u)
        }
    };
    let got_edges: Vec<(NodeKey, NodeKey)> = g
        .edge_indices()
        .map(|e| {
            let (u, v) = g.edge_keys(e);
            (u.clone(), v.clone())
        })
        .collect();
    let want_edges: Vec<(NodeKey, NodeKey)> = m
        .edges
        .iter()
        .map(|(u, v, _)| (u.clone(), v.clone()))
        .collect();
    prop_assert_eq!(g.edge_count(), want_edges.len(), "edge_count");
    prop_assert_eq!(got_edges.len(), want_edges.len(), "edge_indices length");
    let got_set: BTreeSet<_> = got_edges.iter().cloned().map(normalise).collect();
    let want_set: BTreeSet<_> = want_edges.iter().cloned().map(normalise).collect();
    prop_assert_eq!(
        got_set.len(),
        got_edges.len(),
        "duplicate edges: {:?}",
        got_edges
    );
    prop_assert_eq!(&got_set, &want_set, "edge set");
    prop_assert_eq!(
        &got_edges,
        &want_edges,
        "edges in insertion order, as added"
    );

    // Degrees of all nodes, in order.
    let want_degrees: Vec<i64> = want_nodes.iter().map(|k| m.degree(k) as i64).collect();
    prop_assert_eq!(g.degrees().unwrap(), want_degrees, "degrees()");

    // Column names.
    prop_assert_eq!(g.node_attr_names(), m.node_attr_names(), "node_attr_names");
    prop_assert_eq!(g.edge_attr_names(), m.edge_attr_names(), "edge_attr_names");

    // The attribute tables themselves: every column ever created, in creation order; each
    // one present exactly on the live entities that have it (removed ones hold nothing).
    check_table(
        g.node_attr_table(),
        &m.node_cols,
        g.topology().node_capacity(),
        |i| g.topology().is_node(i).then(|| g.node_key(i).clone()),
        |k: &NodeKey, name| m.node_pos(k).and_then(|p| m.nodes[p].1.get(name).cloned()),
        m.nodes.iter().map(|(_, a)| a).collect(),
    )?;
    check_table(
        g.edge_attr_table(),
        &m.edge_cols,
        g.topology().edge_capacity(),
        |e| g.topology().is_edge(e).then_some(e),
        |&e: &u32, name| {
            let (u, v) = g.edge_keys(e);
            m.edge_pos(u, v)
                .and_then(|p| m.edges[p].2.get(name).cloned())
        },
        m.edges.iter().map(|(_, _, a)| a).collect(),
    )?;

    // Every probe key: presence, degrees, neighbours, attributes, or the right errors.
    for k in pool {
        let r = k.as_key_ref();
        match m.node_pos(k) {
            Some(p) => {
                prop_assert!(g.has_node(r), "has_node({})", k);
                let n = g.require_node(r);
                prop_assert!(n.is_ok(), "require_node({})", k);
                prop_assert_eq!(g.node_key(n.unwrap()), k);
                prop_assert_eq!(g.degree(r), Ok(m.degree(k)), "degree({})", k);
                prop_assert_eq!(g.in_degree(r), Ok(m.in_degree(k)), "in_degree({})", k);
                prop_assert_eq!(g.out_degree(r), Ok(m.out_degree(k)), "out_degree({})", k);

                let succ = keys_of(g, g.successors(r).unwrap());
                let nbrs = keys_of(g, g.neighbors(r).unwrap());
                let pred = keys_of(g, g.predecessors(r).unwrap());
                let want_succ = m.successors(k);
                let want_pred = m.predecessors(k);
                prop_assert_eq!(
                    sorted(nbrs.clone()),
                    sorted(want_succ.clone()),
                    "neighbors({})",
                    k
                );
                prop_assert_eq!(
                    sorted(succ.clone()),
                    sorted(want_succ.clone()),
                    "successors({})",
                    k
                );
                prop_assert_eq!(
                    sorted(pred.clone()),
                    sorted(want_pred.clone()),
                    "predecessors({})",
                    k
                );
                prop_assert_eq!(&nbrs, &want_succ, "neighbors({}) in edge order", k);
                prop_assert_eq!(&succ, &want_succ, "successors({}) in edge order", k);
                prop_assert_eq!(&pred, &want_pred, "predecessors({}) in edge order", k);

                prop_assert_eq!(g.node_attrs(r), Ok(m.node_attrs(p)), "node_attrs({})", k);
                for name in NAMES {
                    let want = m.nodes[p].1.get(name).cloned();
                    prop_assert_eq!(
                        g.get_node_attr(r, name),
                        Ok(want),
                        "node {} attr {}",
                        k,
                        name
                    );
                }
            }
            None => {
                let err = node_not_found(k);
                prop_assert!(!g.has_node(r), "has_node({})", k);
                prop_assert_eq!(g.node_index(r), None);
                expect_err(g.require_node(r), &err)?;
                expect_err(g.degree(r), &err)?;
                expect_err(g.in_degree(r), &err)?;
                expect_err(g.out_degree(r), &err)?;
                expect_err(g.neighbors(r), &err)?;
                expect_err(g.successors(r), &err)?;
                expect_err(g.predecessors(r), &err)?;
                expect_err(g.node_attrs(r), &err)?;
                expect_err(g.get_node_attr(r, "i"), &err)?;
            }
        }
    }

    // Every probe pair: edge presence, orientation as added, attributes, or the right errors.
    for u in pool {
        for v in pool {
            let (ru, rv) = (u.as_key_ref(), v.as_key_ref());
            match m.edge_pos(u, v) {
                Some(p) => {
                    prop_assert!(g.has_edge(ru, rv), "has_edge({}, {})", u, v);
                    let e = g.require_edge(ru, rv);
                    prop_assert!(e.is_ok(), "require_edge({}, {})", u, v);
                    let (a, b) = g.edge_keys(e.unwrap());
                    prop_assert_eq!((a, b), (&m.edges[p].0, &m.edges[p].1));
                    prop_assert_eq!(
                        g.edge_attrs(ru, rv),
                        Ok(m.edge_attrs(p)),
                        "edge_attrs({}, {})",
                        u,
                        v
                    );
                    for name in NAMES {
                        let want = m.edges[p].2.get(name).cloned();
                        prop_assert_eq!(
                            g.get_edge_attr(ru, rv, name),
                            Ok(want),
                            "edge ({}, {}) attr {}",
                            u,
                            v,
                            name
                        );
                    }
                }
                None => {
                    let err = edge_not_found(u, v);
                    prop_assert!(!g.has_edge(ru, rv), "has_edge({}, {})", u, v);
                    expect_err(g.require_edge(ru, rv), &err)?;
                    expect_err(g.edge_attrs(ru, rv), &err)?;
                    expect_err(g.get_edge_attr(ru, rv, "i"), &err)?;
                }
            }
        }
    }
    Ok(())
}

// ----- the property ------------------------------------------------------------------------

fn with_context(step: usize, op: &Op, e: TestCaseError) -> TestCaseError {
    TestCaseError::fail(format!("after step {step} ({op:?}): {e}"))
}

fn run(directed: bool, ops: &[Op]) -> Result<(), TestCaseError> {
    let pool = key_pool();
    let mut g = GraphCore::new(directed);
    let mut m = Model::new(directed);
    check(&g, &m, &pool)?;
    for (step, op) in ops.iter().enumerate() {
        if let Op::Subgraph(keys) = op {
            let refs: Vec<KeyRef<'_>> = keys.iter().map(NodeKey::as_key_ref).collect();
            let sub = g.subgraph(&refs).expect("no memory pool, no limit");
            check(&sub, &m.subgraph(keys), &pool).map_err(|e| {
                with_context(step, op, TestCaseError::fail(format!("subgraph: {e}")))
            })?;
            continue;
        }
        let old_model = m.clone();
        let want = m.apply(op);
        let before = want.is_err().then(|| format!("{g:?}"));
        let generation = g.generation();
        let got = apply_core(&mut g, op)?;
        prop_assert_eq!(&got, &want, "step {}: result of {:?}", step, op);
        if let Some(before) = before {
            // A failed operation changes nothing at all, not even the generation.
            prop_assert_eq!(
                g.generation(),
                generation,
                "step {}: generation after error",
                step
            );
            prop_assert_eq!(
                format!("{g:?}"),
                before,
                "step {}: graph changed by {:?}",
                step,
                op
            );
        } else if m != old_model {
            // Cached snapshots rely on every real change bumping the generation.
            prop_assert!(
                g.generation() > generation,
                "step {}: generation not bumped by {:?}",
                step,
                op
            );
        } else {
            prop_assert!(
                g.generation() >= generation,
                "step {}: generation went back",
                step
            );
        }
        check(&g, &m, &pool).map_err(|e| with_context(step, op, e))?;
    }
    Ok(())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        // Do not write regression files next to the test.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn directed_graph_matches_model(ops in vec(op(), 1..100)) {
        run(true, &ops)?;
    }

    #[test]
    fn undirected_graph_matches_model(ops in vec(op(), 1..100)) {
        run(false, &ops)?;
    }
}

/// The cases the random sequences are meant to reach, spelled out once.
#[test]
fn hand_written_sequence_matches_model() {
    for directed in [true, false] {
        let a = |x: AttrValue| vec![("x", x)];
        let ops = vec![
            Op::AddNode(NodeKey::Int(1), a(AttrValue::Null)),
            Op::AddNode(NodeKey::Str("1".into()), a(AttrValue::Float32(1.5))),
            Op::AddEdge(
                NodeKey::Int(1),
                NodeKey::Int(1),
                a(AttrValue::Bytes(vec![0].into())),
            ),
            Op::AddEdge(NodeKey::Int(1), NodeKey::Str("1".into()), vec![]),
            Op::AddEdge(
                NodeKey::Str("1".into()),
                NodeKey::Int(1),
                a(AttrValue::Int8(-3)),
            ),
            Op::RemoveEdge(NodeKey::Int(2), NodeKey::Int(1)),
            Op::SetNodeAttr(NodeKey::Int(2), "i", AttrValue::Int64(0)),
            Op::SetEdgeAttr(NodeKey::Int(1), NodeKey::Int(2), "i", AttrValue::Int64(0)),
            Op::RemoveNodeAttr(NodeKey::Str("1".into()), "x"),
            Op::RemoveNodeAttr(NodeKey::Str("1".into()), "x"),
            Op::RemoveNodeAttr(NodeKey::Int(1), "x"), // a Null one
            Op::RemoveNodeAttr(NodeKey::Int(2), "x"),
            Op::RemoveEdgeAttr(NodeKey::Str("1".into()), NodeKey::Int(1), "x"),
            Op::RemoveEdgeAttr(NodeKey::Str("1".into()), NodeKey::Int(1), "x"),
            Op::RemoveEdgeAttr(NodeKey::Int(1), NodeKey::Int(2), "x"),
            Op::RemoveNode(NodeKey::Int(1)),
            Op::RemoveNode(NodeKey::Int(1)),
            Op::AddNode(NodeKey::Int(1), vec![]),
            Op::Subgraph(vec![NodeKey::Int(1), NodeKey::Str("1".into())]),
            Op::Clear,
            Op::AddEdge(NodeKey::Int(0), NodeKey::Int(0), vec![]),
        ];
        run(directed, &ops).unwrap();
    }
}
