//! The query language (`core::query`) on arbitrary text, against a small graph whose
//! columns cover every storage kind, mixed columns, nulls, absent values, NaN, extreme
//! ints, odd names and removed entities. Checks, for every query that parses: the
//! canonical form parses back to the same query; the vectorised evaluation agrees with a
//! per-entity reference evaluation written from the documented semantics; `NOT q` is
//! exactly the complement of `q`; and the graph filters return the live entities of the
//! mask, in order. A malformed query must be `InvalidArgument` with a message.
#![no_main]

use std::cmp::Ordering;
use std::sync::OnceLock;

use groggy::core::query::{CmpOp, Expr, Literal};
use groggy::core::{AttrTable, AttrValue, GraphCore, GraphError, KeyRef, Query};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let graph = graph();
    let query = match Query::parse(&text) {
        Ok(q) => q,
        Err(GraphError::InvalidArgument(msg)) => {
            assert!(!msg.is_empty(), "empty message for a malformed query");
            assert!(graph.filter_nodes_query(&text).is_err());
            return;
        }
        Err(other) => panic!("a malformed query gave {other:?}, not InvalidArgument"),
    };

    let canonical = query.to_string();
    let reparsed = Query::parse(&canonical)
        .unwrap_or_else(|e| panic!("canonical form {canonical:?} of {text:?} does not parse: {e}"));
    assert!(
        same_expr(query.expr(), reparsed.expr()),
        "{text:?} prints as {canonical:?}, which parses to another query"
    );

    let tables: [(&AttrTable, usize, Vec<u32>); 2] = [
        (
            graph.node_attr_table(),
            graph.topology().node_capacity(),
            graph.filter_nodes_query(&text).expect("parsed above"),
        ),
        (
            graph.edge_attr_table(),
            graph.topology().edge_capacity(),
            graph.filter_edges_query(&text).expect("parsed above"),
        ),
    ];
    // NOT at the AST level (wrapping the text could go past the nesting limit).
    let negated = Expr::Not(Box::new(query.expr().clone()));
    for (i, (table, len, filtered)) in tables.iter().enumerate() {
        let mask = query.eval(table, *len);
        assert_eq!(mask.len(), *len);
        for (entity, &got) in mask.iter().enumerate() {
            let want = reference_eval(query.expr(), &|name| table.get(entity, name));
            assert_eq!(
                got, want,
                "{text:?} on entity {entity}: engine {got}, reference {want}"
            );
        }
        let neg_mask = negated.eval(table, *len);
        assert!(
            mask.iter().zip(&neg_mask).all(|(a, b)| a != b),
            "NOT ({text:?})"
        );
        let live: Vec<u32> = if i == 0 {
            graph.node_indices().collect()
        } else {
            graph.edge_indices().collect()
        };
        let want: Vec<u32> = live.into_iter().filter(|&x| mask[x as usize]).collect();
        assert_eq!(filtered, &want, "filter of {text:?}");
    }
});

/// Structural equality that takes a NaN literal as equal to itself.
fn same_expr(a: &Expr, b: &Expr) -> bool {
    match (a, b) {
        (
            Expr::Compare { name, op, value },
            Expr::Compare {
                name: n2,
                op: o2,
                value: v2,
            },
        ) => {
            name == n2
                && op == o2
                && match (value, v2) {
                    (Literal::Float(x), Literal::Float(y)) => x.to_bits() == y.to_bits(),
                    _ => value == v2,
                }
        }
        (Expr::Has(x), Expr::Has(y)) => x == y,
        (Expr::Not(x), Expr::Not(y)) => same_expr(x, y),
        (Expr::And(x), Expr::And(y)) | (Expr::Or(x), Expr::Or(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_expr(p, q))
        }
        _ => false,
    }
}

/// The reference order of a value and a literal (`None` outer: incomparable kinds; `None`
/// inner: NaN), from the documented semantics: numbers of any width compare exactly,
/// bools with bools, strings bytewise with strings.
fn reference_order(value: &AttrValue, lit: &Literal) -> Option<Option<Ordering>> {
    enum Num {
        I(i64),
        F(f64),
    }
    let num = match value {
        AttrValue::Int8(x) => Some(Num::I(*x as i64)),
        AttrValue::Int16(x) => Some(Num::I(*x as i64)),
        AttrValue::Int32(x) => Some(Num::I(*x as i64)),
        AttrValue::Int64(x) => Some(Num::I(*x)),
        AttrValue::Float32(x) => Some(Num::F(*x as f64)),
        AttrValue::Float64(x) => Some(Num::F(*x)),
        _ => None,
    };
    let lit_num = match lit {
        Literal::Int(x) => Some(Num::I(*x)),
        Literal::Float(x) => Some(Num::F(*x)),
        _ => None,
    };
    // Exact int/float order: through i128 when the float is an integer in range.
    fn int_float(a: i64, b: f64) -> Option<Ordering> {
        if b.is_nan() {
            return None;
        }
        if b >= 2f64.powi(63) {
            return Some(Ordering::Less);
        }
        if b < -(2f64.powi(63)) {
            return Some(Ordering::Greater);
        }
        let t = b.trunc();
        match (a as i128).cmp(&(t as i128)) {
            Ordering::Equal => 0f64.partial_cmp(&(b - t)),
            o => Some(o),
        }
    }
    match (value, lit, num, lit_num) {
        (AttrValue::Str(a), Literal::Str(b), _, _) => Some(Some(a.as_bytes().cmp(b.as_bytes()))),
        (AttrValue::Bool(a), Literal::Bool(b), _, _) => Some(Some(a.cmp(b))),
        (_, _, Some(Num::I(a)), Some(Num::I(b))) => Some(Some(a.cmp(&b))),
        (_, _, Some(Num::F(a)), Some(Num::F(b))) => Some(a.partial_cmp(&b)),
        (_, _, Some(Num::I(a)), Some(Num::F(b))) => Some(int_float(a, b)),
        (_, _, Some(Num::F(a)), Some(Num::I(b))) => Some(int_float(b, a).map(Ordering::reverse)),
        _ => None,
    }
}

fn reference_compare(value: Option<AttrValue>, op: CmpOp, lit: &Literal) -> bool {
    let Some(order) = value.and_then(|v| reference_order(&v, lit)) else {
        return false; // absent, Null, or kinds that do not compare: false for every op
    };
    match (op, order) {
        (CmpOp::Ne, None) => true, // NaN
        (_, None) => false,
        (CmpOp::Eq, Some(o)) => o == Ordering::Equal,
        (CmpOp::Ne, Some(o)) => o != Ordering::Equal,
        (CmpOp::Lt, Some(o)) => o == Ordering::Less,
        (CmpOp::Le, Some(o)) => o != Ordering::Greater,
        (CmpOp::Gt, Some(o)) => o == Ordering::Greater,
        (CmpOp::Ge, Some(o)) => o != Ordering::Less,
    }
}

fn reference_eval(e: &Expr, get: &dyn Fn(&str) -> Option<AttrValue>) -> bool {
    match e {
        Expr::Compare { name, op, value } => reference_compare(get(name), *op, value),
        Expr::Has(name) => get(name).is_some(),
        Expr::Not(inner) => !reference_eval(inner, get),
        Expr::And(items) => items.iter().all(|i| reference_eval(i, get)),
        Expr::Or(items) => items.iter().any(|i| reference_eval(i, get)),
    }
}

/// The graph every query runs against, built once.
fn graph() -> &'static GraphCore {
    static GRAPH: OnceLock<GraphCore> = OnceLock::new();
    GRAPH.get_or_init(build_graph)
}

fn build_graph() -> GraphCore {
    use AttrValue::*;
    let mut g = GraphCore::new(true);
    let rows: Vec<Vec<(&str, AttrValue)>> = vec![
        vec![
            ("age", Int64(35)),
            ("club", "Blue".into()),
            ("score", Float64(0.5)),
            ("i8", Int8(i8::MIN)),
            ("i16", Int16(-3)),
            ("i32", Int32(7)),
            ("f32", Float32(0.1)),
            ("flag", Bool(true)),
            ("blob", Bytes(b"ab".to_vec().into())),
            ("mixed", Int64(1)),
            ("my col", "x".into()),
        ],
        vec![
            ("age", Int64(i64::MAX)),
            ("club", "".into()),
            ("score", Float64(f64::NAN)),
            ("i8", Int8(i8::MAX)),
            ("f32", Float32(f32::NAN)),
            ("flag", Bool(false)),
            ("mixed", "1".into()),
            ("my col", Null),
        ],
        vec![
            ("age", Int64(i64::MIN)),
            ("club", "é\"'\\".into()),
            ("score", Float64(-0.0)),
            ("i32", Int32(i32::MIN)),
            ("mixed", Float64(9007199254740993.0)),
            ("HAS", Int64(1)),
        ],
        vec![
            ("age", Null),
            ("score", Float64(f64::INFINITY)),
            ("mixed", Bool(true)),
            ("f32", Float32(-0.0)),
        ],
        vec![
            ("age", Int64((1 << 53) + 1)),
            ("score", Float64(9.223372036854776e18)),
            ("mixed", Null),
            ("club", "Red".into()),
        ],
        vec![("mixed", Float32(2.5)), ("age", Int64(-1))],
        vec![],
    ];
    for (i, attrs) in rows.iter().enumerate() {
        g.add_node(KeyRef::Int(i as i64), attrs)
            .expect("small graph");
    }
    // A removed node and edge leave tombstones the filters must skip.
    g.remove_node(KeyRef::Int(6)).expect("node 6 exists");
    type Edge<'a> = (i64, i64, Vec<(&'a str, AttrValue)>);
    let edges: Vec<Edge> = vec![
        (0, 1, vec![("w", Float64(1.5)), ("kind", "road".into())]),
        (1, 2, vec![("w", Null)]),
        (2, 3, vec![("w", Int64(3))]),
        (3, 4, vec![]),
        (4, 0, vec![("w", Float64(f64::NAN)), ("kind", Bool(true))]),
        (0, 2, vec![("w", Int8(-2))]),
    ];
    for (u, v, attrs) in &edges {
        g.add_edge(KeyRef::Int(*u), KeyRef::Int(*v), attrs)
            .expect("small graph");
    }
    g.remove_edge(KeyRef::Int(3), KeyRef::Int(4))
        .expect("edge 3-4 exists");
    g
}
