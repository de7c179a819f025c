//! Query results against a straightforward per-entity reference evaluation, on random
//! graphs with random columns (nulls, absent values, mixed columns, ints vs floats,
//! strings, NaN) and random queries.

use std::cmp::Ordering;

use proptest::prelude::*;

use super::{CmpOp, Expr, Literal, Query};
use crate::core::{AttrValue, GraphCore, KeyRef};

const NAMES: [&str; 4] = ["a", "b", "c", "my col"];

/// The reference order of a value and a literal, written independently of `eval.rs`:
/// numbers via i128 and a rounding check instead of truncation.
fn reference_order(value: &AttrValue, lit: &Literal) -> Option<Option<Ordering>> {
    #[derive(Clone, Copy)]
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
    // Rounding to nearest is monotonic, so when `a as f64` differs from `b` it orders the
    // same way as `a`; when equal, `b` is an integer within i128.
    fn int_float(a: i64, b: f64) -> Option<Ordering> {
        let r = a as f64;
        if r != b {
            r.partial_cmp(&b)
        } else {
            Some((a as i128).cmp(&(b as i128)))
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
    let Some(value) = value else { return false };
    let Some(order) = reference_order(&value, lit) else {
        return false;
    };
    match (op, order) {
        (CmpOp::Ne, None) => true,
        (_, None) => false,
        (CmpOp::Eq, Some(o)) => o == Ordering::Equal,
        (CmpOp::Ne, Some(o)) => o != Ordering::Equal,
        (CmpOp::Lt, Some(o)) => o == Ordering::Less,
        (CmpOp::Le, Some(o)) => o != Ordering::Greater,
        (CmpOp::Gt, Some(o)) => o == Ordering::Greater,
        (CmpOp::Ge, Some(o)) => o != Ordering::Less,
    }
}

/// Walks the AST for one entity; `get` reads its attribute by name.
fn reference_eval(e: &Expr, get: &dyn Fn(&str) -> Option<AttrValue>) -> bool {
    match e {
        Expr::Compare { name, op, value } => reference_compare(get(name), *op, value),
        Expr::Has(name) => get(name).is_some(),
        Expr::Not(inner) => !reference_eval(inner, get),
        Expr::And(items) => items.iter().all(|i| reference_eval(i, get)),
        Expr::Or(items) => items.iter().any(|i| reference_eval(i, get)),
    }
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Int8,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    Bool,
    Str,
    Bytes,
    Mixed,
}

fn value_of(kind: Kind) -> BoxedStrategy<AttrValue> {
    let strings = prop::sample::select(vec!["", "a", "ab", "b", "B", "é", "1", "a\"b'c\\"]);
    match kind {
        Kind::Int8 => prop_oneof![-3i8..=3, Just(i8::MIN), Just(i8::MAX)]
            .prop_map(AttrValue::Int8)
            .boxed(),
        Kind::Int16 => prop_oneof![-3i16..=3, Just(i16::MIN)]
            .prop_map(AttrValue::Int16)
            .boxed(),
        Kind::Int32 => (-3i32..=3).prop_map(AttrValue::Int32).boxed(),
        Kind::Int64 => prop_oneof![
            3 => -3i64..=3,
            1 => prop::sample::select(vec![
                i64::MIN,
                i64::MAX,
                1 << 53,
                (1 << 53) + 1,
                -(1 << 53) - 1,
            ]),
        ]
        .prop_map(AttrValue::Int64)
        .boxed(),
        Kind::Float32 => prop_oneof![
            (-6i32..=6).prop_map(|h| h as f32 / 2.0),
            prop::sample::select(vec![0.1f32, f32::NAN, -0.0]),
        ]
        .prop_map(AttrValue::Float32)
        .boxed(),
        Kind::Float64 => prop_oneof![
            3 => (-6i32..=6).prop_map(|h| h as f64 / 2.0),
            1 => prop::sample::select(vec![
                0.1,
                -0.0,
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                9007199254740992.0,
                9.223372036854776e18,
                -9.223372036854776e18,
                1e300,
            ]),
        ]
        .prop_map(AttrValue::Float64)
        .boxed(),
        Kind::Bool => any::<bool>().prop_map(AttrValue::Bool).boxed(),
        Kind::Str => strings.prop_map(AttrValue::from).boxed(),
        Kind::Bytes => Just(AttrValue::Bytes(b"a".to_vec().into())).boxed(),
        Kind::Mixed => prop::sample::select(vec![
            Kind::Int8,
            Kind::Int64,
            Kind::Float32,
            Kind::Float64,
            Kind::Bool,
            Kind::Str,
            Kind::Bytes,
        ])
        .prop_flat_map(value_of)
        .boxed(),
    }
}

fn kind() -> impl Strategy<Value = Kind> {
    prop::sample::select(vec![
        Kind::Int8,
        Kind::Int16,
        Kind::Int32,
        Kind::Int64,
        Kind::Float32,
        Kind::Float64,
        Kind::Bool,
        Kind::Str,
        Kind::Bytes,
        Kind::Mixed,
    ])
}

/// One column over `n` entities: `None` absent, `Some(Null)` null, else a value.
fn column(n: usize) -> impl Strategy<Value = Vec<Option<AttrValue>>> {
    kind().prop_flat_map(move |k| {
        prop::collection::vec(
            prop_oneof![
                2 => Just(None),
                1 => Just(Some(AttrValue::Null)),
                5 => value_of(k).prop_map(Some),
            ],
            n,
        )
    })
}

fn literal() -> impl Strategy<Value = Literal> {
    prop_oneof![
        prop_oneof![
            -4i64..=4,
            prop::sample::select(vec![
                i64::MIN,
                i64::MAX,
                127,
                -128,
                1 << 53,
                (1 << 53) + 1,
                -(1 << 53) - 1,
            ]),
        ]
        .prop_map(Literal::Int),
        prop_oneof![
            (-8i32..=8).prop_map(|q| q as f64 / 4.0),
            prop::sample::select(vec![
                0.1,
                0.1f32 as f64,
                -0.0,
                9007199254740992.0,
                9007199254740994.0,
                9.223372036854776e18,
                -9.223372036854776e18,
                1e300,
                f64::INFINITY,
                f64::NEG_INFINITY,
            ]),
        ]
        .prop_map(Literal::Float),
        prop::sample::select(vec!["", "a", "ab", "b", "B", "é", "1", "a\"b'c\\"])
            .prop_map(|s| Literal::Str(s.into())),
        any::<bool>().prop_map(Literal::Bool),
    ]
}

fn name() -> impl Strategy<Value = Box<str>> {
    prop::sample::select(vec!["a", "b", "c", "my col", "missing"]).prop_map(Box::from)
}

fn op() -> impl Strategy<Value = CmpOp> {
    prop::sample::select(vec![
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::Lt,
        CmpOp::Le,
        CmpOp::Gt,
        CmpOp::Ge,
    ])
}

fn expr() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        6 => (name(), op(), literal()).prop_map(|(name, op, value)| Expr::Compare {
            name,
            op,
            value
        }),
        1 => name().prop_map(Expr::Has),
    ];
    leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|e| Expr::Not(Box::new(e))),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Expr::And),
            prop::collection::vec(inner, 2..4).prop_map(Expr::Or),
        ]
    })
}

/// A graph of `n` nodes in a path (edge i joins nodes i and i+1), every column set on nodes
/// and on edges, then some nodes removed (with their edges).
fn graph(
    n: usize,
    columns: &[Vec<Option<AttrValue>>],
    removed: &[bool],
    directed: bool,
) -> GraphCore {
    let mut g = GraphCore::new(directed);
    for i in 0..n {
        g.add_node(KeyRef::Int(i as i64), &[]).unwrap();
    }
    for i in 1..n {
        g.add_edge(KeyRef::Int(i as i64 - 1), KeyRef::Int(i as i64), &[])
            .unwrap();
    }
    for (name, col) in NAMES.iter().zip(columns) {
        for (i, value) in col.iter().enumerate() {
            if let Some(v) = value {
                g.set_node_attr(KeyRef::Int(i as i64), name, v.clone())
                    .unwrap();
                if i + 1 < n {
                    let (u, w) = (KeyRef::Int(i as i64), KeyRef::Int(i as i64 + 1));
                    g.set_edge_attr(u, w, name, v.clone()).unwrap();
                }
            }
        }
    }
    for (i, &r) in removed.iter().enumerate() {
        if r {
            g.remove_node(KeyRef::Int(i as i64)).unwrap();
        }
    }
    g
}

fn case() -> impl Strategy<Value = (usize, Vec<Vec<Option<AttrValue>>>, Vec<bool>)> {
    (0usize..24).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec(column(n), NAMES.len()),
            prop::collection::vec(prop::bool::weighted(0.15), n),
        )
    })
}

proptest! {
    #[test]
    fn queries_match_the_per_entity_reference(
        (n, columns, removed) in case(),
        e in expr(),
        directed in any::<bool>(),
    ) {
        let g = graph(n, &columns, &removed, directed);
        let text = e.to_string();
        let parsed = Query::parse(&text).unwrap();
        prop_assert_eq!(parsed.expr(), &e);

        let expected: Vec<u32> = g
            .node_indices()
            .filter(|&v| {
                reference_eval(&e, &|name| g.node_attr_table().get(v as usize, name))
            })
            .collect();
        prop_assert_eq!(g.filter_nodes_query(&text).unwrap(), expected, "query {}", text);

        let expected: Vec<u32> = g
            .edge_indices()
            .filter(|&x| {
                reference_eval(&e, &|name| g.edge_attr_table().get(x as usize, name))
            })
            .collect();
        prop_assert_eq!(g.filter_edges_query(&text).unwrap(), expected, "query {}", text);
    }

    /// Arbitrary text never panics the parser: it parses or gives an InvalidArgument whose
    /// caret position lies within the query (or just past its end).
    #[test]
    fn arbitrary_text_parses_or_fails_cleanly(
        text in "[a-c ()'\"`\\\\!=<>&|.0-9eE+\\-é_]{0,24}|(NOT |AND |OR |has|a |1 |== |\\( |\\) |'x' ){0,10}",
    ) {
        match Query::parse(&text) {
            Ok(q) => prop_assert_eq!(Query::parse(&q.to_string()).unwrap(), q),
            Err(super::GraphError::InvalidArgument(msg)) => {
                if msg != "empty query" {
                    let pos: usize = msg
                        .split(" at position ")
                        .nth(1)
                        .and_then(|rest| rest.split(' ').next())
                        .and_then(|p| p.parse().ok())
                        .unwrap();
                    prop_assert!(pos <= text.chars().count(), "{}", msg);
                    prop_assert!(msg.ends_with(&format!("\n{}^", " ".repeat(pos))), "{}", msg);
                }
            }
            Err(other) => prop_assert!(false, "unexpected error {:?}", other),
        }
    }
}

/// Mixed column compare per value; int columns against floats and big ints stay exact.
#[test]
fn reference_agrees_on_hand_picked_edge_cases() {
    let values = [
        AttrValue::Int64((1 << 53) + 1),
        AttrValue::Float32(0.1),
        AttrValue::Float64(f64::NAN),
        AttrValue::Str("a".into()),
        AttrValue::Bool(true),
        AttrValue::Null,
    ];
    let mut g = GraphCore::new(false);
    for (i, v) in values.iter().enumerate() {
        g.add_node(KeyRef::Int(i as i64), &[("m", v.clone())])
            .unwrap();
    }
    g.add_node(KeyRef::Int(99), &[]).unwrap();
    let sel = |q: &str| g.filter_nodes_query(q).unwrap();
    assert_eq!(sel("m > 9007199254740992.0"), vec![0]);
    assert_eq!(sel("m == 9007199254740993"), vec![0]);
    assert_eq!(sel("m == 0.1"), Vec::<u32>::new());
    // float32 0.1 is 0.100000001490116..., above the f64 literal.
    assert_eq!(sel("m > 0.1 AND m < 1"), vec![1]);
    assert_eq!(sel("m != 0"), vec![0, 1, 2]);
    assert_eq!(sel("m >= 'a' OR m == true"), vec![3, 4]);
    assert_eq!(sel("NOT m != 0"), vec![3, 4, 5, 6]);
    assert_eq!(sel("has(m)"), vec![0, 1, 2, 3, 4, 5]);
}
