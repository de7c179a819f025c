//! Vectorised evaluation: every comparison scans its column once into a mask over entity
//! indices `0..len`, and masks combine element-wise for AND, OR and NOT. No per-entity walk
//! of the AST.
//!
//! Semantics of one comparison `name op literal` for an entity:
//! - absent or Null attribute: false, for every operator (`!=` included); NOT then makes it
//!   true, as in pandas' two-valued logic;
//! - integers and floats of any width compare numerically; int with int exactly as i64,
//!   int with float exactly too (no rounding through f64), float with float as f64 (so a
//!   float32 0.1 is not equal to the literal 0.1, as in numpy). A NaN value is unordered:
//!   only `!=` holds (IEEE);
//! - bools compare with `true`/`false`, ordered false < true;
//! - strings compare with string literals, bytewise on their UTF-8 (lexicographic);
//! - any other pairing (a string with a number, a bool with a number, bytes with anything)
//!   is incompatible, and an incompatible comparison is false for every operator,
//!   `!=` included: `name != 5` only selects entities whose `name` is a number other than
//!   5, so the result never depends on unrelated values sitting in a mixed column;
//! - a mixed column decides per value by the rules above.

use std::cmp::Ordering;

use super::lexer::CmpOp;
use super::parser::{Expr, Literal};
use crate::core::{AttrTable, AttrValue, Column, ColumnValues, Slot};

impl Expr {
    /// Which of the entities `0..len` of `table` satisfy the expression.
    pub fn eval(&self, table: &AttrTable, len: usize) -> Vec<bool> {
        match self {
            Expr::Compare { name, op, value } => match table.column(name) {
                Some(column) => compare_column(column, len, *op, value),
                None => vec![false; len],
            },
            Expr::Has(name) => match table.column(name) {
                Some(column) => (0..len).map(|i| column.slot(i) != Slot::Absent).collect(),
                None => vec![false; len],
            },
            Expr::Not(inner) => {
                let mut mask = inner.eval(table, len);
                for m in &mut mask {
                    *m = !*m;
                }
                mask
            }
            Expr::And(items) => combine(items, table, len, |a, b| *a &= b),
            Expr::Or(items) => combine(items, table, len, |a, b| *a |= b),
        }
    }
}

fn combine(
    items: &[Expr],
    table: &AttrTable,
    len: usize,
    join: impl Fn(&mut bool, bool),
) -> Vec<bool> {
    let (first, rest) = items.split_first().expect("AND/OR have operands");
    let mut acc = first.eval(table, len);
    for item in rest {
        let mask = item.eval(table, len);
        for (a, &b) in acc.iter_mut().zip(&mask) {
            join(a, b);
        }
    }
    acc
}

/// The orderings (of value relative to literal) an operator accepts.
#[derive(Clone, Copy)]
struct Accept {
    less: bool,
    equal: bool,
    greater: bool,
    /// Accepted when the two are unordered (a NaN value): only `!=`.
    unordered: bool,
}

impl Accept {
    fn of(op: CmpOp) -> Accept {
        let (less, equal, greater, unordered) = match op {
            CmpOp::Eq => (false, true, false, false),
            CmpOp::Ne => (true, false, true, true),
            CmpOp::Lt => (true, false, false, false),
            CmpOp::Le => (true, true, false, false),
            CmpOp::Gt => (false, false, true, false),
            CmpOp::Ge => (false, true, true, false),
        };
        Accept {
            less,
            equal,
            greater,
            unordered,
        }
    }

    #[inline]
    fn ord(self, o: Ordering) -> bool {
        match o {
            Ordering::Less => self.less,
            Ordering::Equal => self.equal,
            Ordering::Greater => self.greater,
        }
    }

    #[inline]
    fn partial(self, o: Option<Ordering>) -> bool {
        match o {
            Some(o) => self.ord(o),
            None => self.unordered,
        }
    }
}

/// `mask[i] = test(values[i])` for every entity `i < len` whose slot holds a value.
#[inline]
fn scan<T>(mask: &mut [bool], column: &Column, values: &[T], test: impl Fn(&T) -> bool) {
    let n = mask.len().min(values.len());
    for (i, (m, x)) in mask[..n].iter_mut().zip(&values[..n]).enumerate() {
        *m = column.slot(i) == Slot::Value && test(x);
    }
}

fn scan_ints<T: Copy + Into<i64>>(
    mask: &mut [bool],
    column: &Column,
    values: &[T],
    acc: Accept,
    lit: &Literal,
) {
    match *lit {
        Literal::Int(x) => scan(mask, column, values, |a| acc.ord((*a).into().cmp(&x))),
        Literal::Float(x) => scan(mask, column, values, |a| {
            acc.partial(cmp_int_float((*a).into(), x))
        }),
        Literal::Str(_) | Literal::Bool(_) => {}
    }
}

fn scan_floats<T: Copy + Into<f64>>(
    mask: &mut [bool],
    column: &Column,
    values: &[T],
    acc: Accept,
    lit: &Literal,
) {
    match *lit {
        Literal::Int(x) => scan(mask, column, values, |a| {
            acc.partial(cmp_int_float(x, (*a).into()).map(Ordering::reverse))
        }),
        Literal::Float(x) => scan(mask, column, values, |a| {
            acc.partial((*a).into().partial_cmp(&x))
        }),
        Literal::Str(_) | Literal::Bool(_) => {}
    }
}

/// One comparison over a whole column: a mask over entities `0..len`.
fn compare_column(column: &Column, len: usize, op: CmpOp, lit: &Literal) -> Vec<bool> {
    let mut mask = vec![false; len];
    let acc = Accept::of(op);
    let m = &mut mask[..];
    match (column.values(), lit) {
        (ColumnValues::Int8(v), _) => scan_ints(m, column, v, acc, lit),
        (ColumnValues::Int16(v), _) => scan_ints(m, column, v, acc, lit),
        (ColumnValues::Int32(v), _) => scan_ints(m, column, v, acc, lit),
        (ColumnValues::Int64(v), _) => scan_ints(m, column, v, acc, lit),
        (ColumnValues::Float32(v), _) => scan_floats(m, column, v, acc, lit),
        (ColumnValues::Float64(v), _) => scan_floats(m, column, v, acc, lit),
        (ColumnValues::Bool(v), Literal::Bool(x)) => scan(m, column, v, |a| acc.ord(a.cmp(x))),
        (ColumnValues::Str(v), Literal::Str(x)) => {
            let x = x.as_bytes();
            scan(m, column, v, |a| acc.ord(a.as_bytes().cmp(x)))
        }
        (ColumnValues::Mixed(v), Literal::Int(x)) => scan(m, column, v, |a| {
            order_int(a, *x).is_some_and(|o| acc.partial(o))
        }),
        (ColumnValues::Mixed(v), Literal::Float(x)) => scan(m, column, v, |a| {
            order_float(a, *x).is_some_and(|o| acc.partial(o))
        }),
        (ColumnValues::Mixed(v), Literal::Bool(x)) => scan(m, column, v, |a| {
            order_bool(a, *x).is_some_and(|o| acc.partial(o))
        }),
        (ColumnValues::Mixed(v), Literal::Str(x)) => scan(m, column, v, |a| {
            order_str(a, x).is_some_and(|o| acc.partial(o))
        }),
        // Nothing but nulls, bytes, or a literal of an incompatible kind: all false.
        _ => {}
    }
    mask
}

/// How one value orders against a literal: `None` when the kinds are incompatible,
/// `Some(None)` when unordered (NaN). (The scans dispatch on the literal themselves.)
#[cfg(test)]
fn order(value: &AttrValue, lit: &Literal) -> Option<Option<Ordering>> {
    match lit {
        Literal::Int(x) => order_int(value, *x),
        Literal::Float(x) => order_float(value, *x),
        Literal::Bool(x) => order_bool(value, *x),
        Literal::Str(x) => order_str(value, x),
    }
}

// One function per literal kind, chosen before a scan starts: a loop over `order` let the
// optimiser hoist the float literal's `trunc` out of the loop for literals of every kind,
// reading the uninitialised payload of a bool or string literal (valgrind reports the
// jump on it).

fn order_int(value: &AttrValue, x: i64) -> Option<Option<Ordering>> {
    match (integer(value), float(value)) {
        (Some(a), _) => Some(Some(a.cmp(&x))),
        (None, Some(a)) => Some(cmp_int_float(x, a).map(Ordering::reverse)),
        (None, None) => None,
    }
}

fn order_float(value: &AttrValue, x: f64) -> Option<Option<Ordering>> {
    match (integer(value), float(value)) {
        (Some(a), _) => Some(cmp_int_float(a, x)),
        (None, Some(a)) => Some(a.partial_cmp(&x)),
        (None, None) => None,
    }
}

fn order_bool(value: &AttrValue, x: bool) -> Option<Option<Ordering>> {
    match value {
        AttrValue::Bool(a) => Some(Some(a.cmp(&x))),
        _ => None,
    }
}

fn order_str(value: &AttrValue, x: &str) -> Option<Option<Ordering>> {
    match value {
        AttrValue::Str(a) => Some(Some(a.as_bytes().cmp(x.as_bytes()))),
        _ => None,
    }
}

/// An integer value (bools are not numbers here).
fn integer(value: &AttrValue) -> Option<i64> {
    match *value {
        AttrValue::Int8(a) => Some(a.into()),
        AttrValue::Int16(a) => Some(a.into()),
        AttrValue::Int32(a) => Some(a.into()),
        AttrValue::Int64(a) => Some(a),
        _ => None,
    }
}

/// A float value.
fn float(value: &AttrValue) -> Option<f64> {
    match *value {
        AttrValue::Float32(a) => Some(a.into()),
        AttrValue::Float64(a) => Some(a),
        _ => None,
    }
}

/// The exact order of an integer and a float (`None` when the float is NaN): no rounding of
/// the integer to f64, so `2^53 + 1 > 2^53 as f64` holds.
pub(crate) fn cmp_int_float(a: i64, b: f64) -> Option<Ordering> {
    // 2^63: every i64 is below it, and -2^63 is i64::MIN.
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if b.is_nan() {
        return None;
    }
    if b >= TWO_63 {
        return Some(Ordering::Less);
    }
    if b < -TWO_63 {
        return Some(Ordering::Greater);
    }
    // |t| < 2^63 and integral, so the cast is exact; b lies strictly within (t - 1, t + 1).
    let t = b.trunc();
    Some(match a.cmp(&(t as i64)) {
        Ordering::Equal if b > t => Ordering::Less,
        Ordering::Equal if b < t => Ordering::Greater,
        o => o,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::query::parser::parse;

    fn table() -> AttrTable {
        let mut t = AttrTable::new();
        // 0: int 5, 1: null, 2: absent, 3: int 40, 4: absent everywhere
        t.set(0, "age", AttrValue::Int32(5));
        t.set(1, "age", AttrValue::Null);
        t.set(3, "age", AttrValue::Int32(40));
        t.set(0, "club", "Blue".into());
        t.set(1, "club", "Red".into());
        t.set(3, "club", "Blue".into());
        t.set(0, "w", AttrValue::Float64(0.5));
        t.set(2, "w", AttrValue::Float64(f64::NAN));
        t.set(3, "w", AttrValue::Float64(2.0));
        t.set(0, "m", AttrValue::Int8(1));
        t.set(1, "m", "1".into());
        t.set(2, "m", AttrValue::Float32(1.5));
        t.set(3, "m", AttrValue::Bool(true));
        t.set(1, "ok", AttrValue::Bool(true));
        t.set(2, "ok", AttrValue::Bool(false));
        t
    }

    fn sel(q: &str) -> Vec<usize> {
        let mask = parse(q).unwrap().eval(&table(), 5);
        (0..5).filter(|&i| mask[i]).collect()
    }

    #[test]
    fn comparisons_nulls_and_negation() {
        assert_eq!(sel("age > 30"), vec![3]);
        assert_eq!(sel("NOT age > 30"), vec![0, 1, 2, 4]);
        assert_eq!(sel("age != 5"), vec![3]);
        assert_eq!(sel("age >= 5.0"), vec![0, 3]);
        assert_eq!(sel("age < 5.5"), vec![0]);
        assert_eq!(sel("5 <= age"), vec![0, 3]);
        assert_eq!(sel("has(age)"), vec![0, 1, 3]);
        assert_eq!(sel("NOT has(age)"), vec![2, 4]);
        assert_eq!(
            sel("age > 1 AND club == 'Blue' OR club == 'Red'"),
            vec![0, 1, 3]
        );
        assert_eq!(
            sel("age > 1 AND (club == 'Blue' OR club == 'Red')"),
            vec![0, 3]
        );
        assert_eq!(sel("club < 'C'"), vec![0, 3]);
        assert_eq!(sel("nobody == 1 OR has(nobody)"), Vec::<usize>::new());
        assert_eq!(sel("NOT nobody != 1"), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn incompatible_kinds_are_false_even_for_not_equal() {
        assert_eq!(sel("club != 5"), Vec::<usize>::new());
        assert_eq!(sel("age != 'x'"), Vec::<usize>::new());
        assert_eq!(sel("ok != 1"), Vec::<usize>::new());
        assert_eq!(sel("ok == true"), vec![1]);
        assert_eq!(sel("ok < true"), vec![2]);
        assert_eq!(sel("age == true"), Vec::<usize>::new());
    }

    #[test]
    fn nan_is_unordered_and_mixed_columns_compare_per_value() {
        assert_eq!(sel("w != 1"), vec![0, 2, 3]);
        assert_eq!(sel("w >= 0"), vec![0, 3]);
        assert_eq!(sel("m == 1"), vec![0]);
        assert_eq!(sel("m >= 1"), vec![0, 2]);
        assert_eq!(sel("m != 1"), vec![2]);
        assert_eq!(sel("m == '1'"), vec![1]);
        assert_eq!(sel("m == true"), vec![3]);
    }

    #[test]
    fn order_of_one_value_against_each_literal_kind() {
        use Ordering::*;
        let (int, float) = (AttrValue::Int64(1), AttrValue::Float64(1.0));
        for lit in [
            Literal::Bool(true),
            Literal::Bool(false),
            Literal::Str("1".into()),
        ] {
            assert_eq!(order(&int, &lit), None, "{lit:?}");
            assert_eq!(order(&float, &lit), None, "{lit:?}");
        }
        assert_eq!(order(&int, &Literal::Float(1.5)), Some(Some(Less)));
        assert_eq!(order(&float, &Literal::Int(0)), Some(Some(Greater)));
        assert_eq!(
            order(&AttrValue::Int8(2), &Literal::Int(2)),
            Some(Some(Equal))
        );
        assert_eq!(
            order(&AttrValue::Float32(f32::NAN), &Literal::Int(2)),
            Some(None)
        );
        assert_eq!(order(&AttrValue::Bool(true), &Literal::Int(1)), None);
        assert_eq!(
            order(&AttrValue::Bool(false), &Literal::Bool(true)),
            Some(Some(Less))
        );
        assert_eq!(
            order(&"b".into(), &Literal::Str("a".into())),
            Some(Some(Greater))
        );
        assert_eq!(order(&AttrValue::Null, &Literal::Int(0)), None);
        // A mixed int/float column against bool and str literals: nothing, `!=` included.
        let mut t = AttrTable::new();
        t.set(0, "w", AttrValue::Int64(1));
        t.set(1, "w", AttrValue::Float64(1.0));
        t.set(2, "w", AttrValue::Float64(f64::NAN));
        for q in ["w == true", "w != true", "w < false", "w >= 'x'", "w != ''"] {
            assert_eq!(parse(q).unwrap().eval(&t, 3), vec![false; 3], "{q}");
        }
        assert_eq!(
            parse("w == 1").unwrap().eval(&t, 3),
            vec![true, true, false]
        );
        assert_eq!(
            parse("w != 1").unwrap().eval(&t, 3),
            vec![false, false, true]
        );
    }

    #[test]
    fn int_float_order_is_exact() {
        use Ordering::*;
        let big = 1i64 << 53;
        assert_eq!(cmp_int_float(big + 1, big as f64), Some(Greater));
        assert_eq!(cmp_int_float(big, big as f64), Some(Equal));
        assert_eq!(cmp_int_float(i64::MAX, 9.223372036854776e18), Some(Less));
        assert_eq!(cmp_int_float(i64::MIN, -9.223372036854776e18), Some(Equal));
        assert_eq!(cmp_int_float(i64::MIN, -1e300), Some(Greater));
        assert_eq!(cmp_int_float(0, -0.5), Some(Greater));
        assert_eq!(cmp_int_float(0, 0.5), Some(Less));
        assert_eq!(cmp_int_float(0, -0.0), Some(Equal));
        assert_eq!(cmp_int_float(-3, -2.5), Some(Less));
        assert_eq!(cmp_int_float(-2, -2.5), Some(Greater));
        assert_eq!(cmp_int_float(1, f64::NAN), None);
        assert_eq!(cmp_int_float(1, f64::INFINITY), Some(Less));
        assert_eq!(cmp_int_float(1, f64::NEG_INFINITY), Some(Greater));
        let mut t = AttrTable::new();
        t.set(0, "x", AttrValue::Int64(big + 1));
        t.set(1, "x", AttrValue::Int64(big));
        let q = format!("x > {:?}", big as f64);
        assert_eq!(parse(&q).unwrap().eval(&t, 2), vec![true, false]);
        let q = format!("x == {}", big + 1);
        assert_eq!(parse(&q).unwrap().eval(&t, 2), vec![true, false]);
    }

    #[test]
    fn masks_cover_entities_beyond_the_column() {
        let t = table();
        assert_eq!(parse("NOT age == 5").unwrap().eval(&t, 7).len(), 7);
        assert_eq!(
            parse("has(age)").unwrap().eval(&t, 7),
            vec![true, true, false, true, false, false, false]
        );
    }
}
