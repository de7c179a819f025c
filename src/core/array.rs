//! `Array`: an immutable typed column of values with a validity mask: a copy of an
//! attribute column, a result, or data handed in by a caller. It is detached from any
//! graph, so it never changes once built.

use std::sync::OnceLock;

use super::column_values::ColumnValues;
use super::error::{GraphError, GraphResult, NoMemory};
use super::fallible::with_capacity;
use super::value::{AttrKind, AttrValue};

#[derive(Clone, Debug)]
pub struct Array {
    len: usize,
    values: ColumnValues,
    /// `None` when no entry is null; else `false` marks a null entry.
    validity: Option<Vec<bool>>,
    /// Strings and bytes laid end to end with `len + 1` offsets, built on first request.
    buffers: OnceLock<(Vec<u8>, Vec<usize>)>,
}

impl Array {
    /// An array of typed values; `validity` (if any) marks nulls with `false`. The values of
    /// null entries are ignored. An `Empty` storage makes an all-null array of `len`.
    pub fn new(values: ColumnValues, validity: Option<Vec<bool>>) -> GraphResult<Array> {
        let len = match (&values, &validity) {
            (ColumnValues::Empty, Some(v)) => v.len(),
            (ColumnValues::Empty, None) => 0,
            (values, _) => values.len(),
        };
        if let Some(v) = &validity {
            if v.len() != len {
                return Err(GraphError::InvalidArgument(format!(
                    "validity has {} entries for {len} values",
                    v.len()
                )));
            }
        }
        let validity = match (&values, validity) {
            (ColumnValues::Empty, _) => Some(vec![false; len]),
            (_, Some(v)) if v.iter().all(|&ok| ok) => None,
            (_, v) => v,
        };
        // Nothing but nulls: the array has no kind of value (its kind is Null).
        let values = match &validity {
            Some(v) if len > 0 && v.iter().all(|&ok| !ok) => ColumnValues::Empty,
            _ => values,
        };
        Ok(Array {
            len,
            values,
            validity,
            buffers: OnceLock::new(),
        })
    }

    /// An array of `len` nulls.
    pub fn nulls(len: usize) -> Array {
        Array::new(ColumnValues::Empty, Some(vec![false; len])).expect("lengths agree")
    }

    pub fn from_i64(values: Vec<i64>) -> Array {
        Array::new(ColumnValues::Int64(values), None).expect("no validity to disagree")
    }

    pub fn from_f64(values: Vec<f64>) -> Array {
        Array::new(ColumnValues::Float64(values), None).expect("no validity to disagree")
    }

    /// An array of arbitrary values: typed when every non-null value has one kind, `Mixed`
    /// when there are several, all-null (`Null` kind) when there are none.
    pub fn from_values(values: Vec<AttrValue>) -> Array {
        let mut kind = AttrKind::Null;
        for v in &values {
            match (kind, v.kind()) {
                (_, AttrKind::Null) => {}
                (AttrKind::Null, k) => kind = k,
                (k, vk) if k == vk => {}
                _ => {
                    kind = AttrKind::Mixed;
                    break;
                }
            }
        }
        let validity: Vec<bool> = values.iter().map(|v| *v != AttrValue::Null).collect();
        if kind == AttrKind::Null {
            return Array::nulls(values.len());
        }
        let storage = ColumnValues::from_values(kind, &values);
        Array::new(storage, Some(validity)).expect("lengths agree")
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The kind of the values (`Null` for an all-null array, `Mixed` for several kinds).
    pub fn kind(&self) -> AttrKind {
        self.values.kind()
    }

    pub fn values(&self) -> &ColumnValues {
        &self.values
    }

    /// `None` when no entry is null.
    pub fn validity(&self) -> Option<&[bool]> {
        self.validity.as_deref()
    }

    pub fn is_valid(&self, i: usize) -> bool {
        match &self.validity {
            None => true,
            Some(v) => v[i],
        }
    }

    /// Bytes of string and bytes values (0 for other kinds).
    pub fn payload_bytes(&self) -> usize {
        match &self.values {
            ColumnValues::Str(v) => v.iter().map(|s| s.len()).sum(),
            ColumnValues::Bytes(v) => v.iter().map(|b| b.len()).sum(),
            ColumnValues::Mixed(v) => v.iter().map(AttrValue::heap_size).sum(),
            _ => 0,
        }
    }

    pub fn null_count(&self) -> usize {
        self.validity
            .as_ref()
            .map_or(0, |v| v.iter().filter(|&&ok| !ok).count())
    }

    /// The value at `i` (`Null` for a null entry). Panics when out of range.
    pub fn get(&self, i: usize) -> AttrValue {
        assert!(
            i < self.len,
            "index {i} out of range for {} values",
            self.len
        );
        if !self.is_valid(i) {
            return AttrValue::Null;
        }
        self.values.value_at(i)
    }

    /// Entries `start, start + step, ...`, `count` of them (`step` may be negative).
    pub fn slice(&self, start: usize, count: usize, step: isize) -> GraphResult<Array> {
        let out_of_range = || {
            GraphError::InvalidArgument(format!(
                "slice of {count} from {start} by {step} is out of range for {} values",
                self.len
            ))
        };
        if step == 0 {
            return Err(GraphError::InvalidArgument(
                "slice step cannot be zero".into(),
            ));
        }
        if count > 0 {
            let last = start as i128 + (count as i128 - 1) * step as i128;
            if start >= self.len || last < 0 || last >= self.len as i128 {
                return Err(out_of_range());
            }
        }
        let indices = (0..count).map(|k| (start as isize + k as isize * step) as usize);
        let values = match self.values {
            ColumnValues::Empty => ColumnValues::Empty,
            ref v => v.gather(indices.clone()),
        };
        let validity = self
            .validity
            .as_ref()
            .map(|v| indices.map(|i| v[i]).collect());
        let validity = match (&values, validity) {
            (ColumnValues::Empty, _) => Some(vec![false; count]),
            (_, v) => v,
        };
        Array::new(values, validity)
    }

    /// For string and bytes arrays: every value's bytes end to end, and `len + 1` offsets
    /// (null entries are empty). `None` for other kinds.
    pub fn buffers(&self) -> Option<&(Vec<u8>, Vec<usize>)> {
        if !matches!(self.values, ColumnValues::Str(_) | ColumnValues::Bytes(_)) {
            return None;
        }
        Some(self.buffers.get_or_init(|| {
            let mut data = Vec::new();
            let mut offsets = Vec::with_capacity(self.len + 1);
            offsets.push(0);
            for i in 0..self.len {
                if self.is_valid(i) {
                    match &self.values {
                        ColumnValues::Str(v) => data.extend_from_slice(v[i].as_bytes()),
                        ColumnValues::Bytes(v) => data.extend_from_slice(&v[i]),
                        _ => unreachable!("checked above"),
                    }
                }
                offsets.push(data.len());
            }
            (data, offsets)
        }))
    }

    /// Valid entries as `f64`, for numeric and bool arrays.
    fn numbers(&self) -> GraphResult<Box<dyn Iterator<Item = f64> + '_>> {
        macro_rules! valid_as_f64 {
            ($v:expr) => {
                Box::new(
                    $v.iter()
                        .enumerate()
                        .filter(|(i, _)| self.is_valid(*i))
                        .map(|(_, &x)| x as f64),
                )
            };
        }
        Ok(match &self.values {
            ColumnValues::Empty => Box::new(std::iter::empty()),
            ColumnValues::Bool(v) => Box::new(
                v.iter()
                    .enumerate()
                    .filter(|(i, _)| self.is_valid(*i))
                    .map(|(_, &b)| b as u8 as f64),
            ),
            ColumnValues::Int8(v) => valid_as_f64!(v),
            ColumnValues::Int16(v) => valid_as_f64!(v),
            ColumnValues::Int32(v) => valid_as_f64!(v),
            ColumnValues::Int64(v) => valid_as_f64!(v),
            ColumnValues::Float32(v) => valid_as_f64!(v),
            ColumnValues::Float64(v) => valid_as_f64!(v),
            ColumnValues::Mixed(v) => {
                self.check_mixed_numbers(v)?;
                Box::new(
                    self.valid_of(v)
                        .map(|x| x.as_number().expect("checked numeric")),
                )
            }
            _ => return Err(self.not_numeric()),
        })
    }

    /// The valid entries of a mixed array's values.
    fn valid_of<'a>(&'a self, values: &'a [AttrValue]) -> impl Iterator<Item = &'a AttrValue> {
        values
            .iter()
            .enumerate()
            .filter(|(i, _)| self.is_valid(*i))
            .map(|(_, x)| x)
    }

    /// A mixed array aggregates like a numeric one when every valid entry is a number
    /// (ints and floats mixed, as pandas sums an object column of numbers).
    fn check_mixed_numbers(&self, values: &[AttrValue]) -> GraphResult<()> {
        match self.valid_of(values).find(|x| x.as_number().is_none()) {
            None => Ok(()),
            Some(x) => Err(GraphError::InvalidArgument(format!(
                "not defined for a mixed array holding a {} value",
                x.kind().name()
            ))),
        }
    }

    fn not_numeric(&self) -> GraphError {
        GraphError::InvalidArgument(format!(
            "not defined for an array of kind {}",
            self.kind().name()
        ))
    }

    /// Valid entries of integer and bool arrays as exact `i64`s, or `None` for floats.
    fn integers(&self) -> Option<Box<dyn Iterator<Item = i64> + '_>> {
        macro_rules! valid_as_i64 {
            ($v:expr) => {
                Box::new(
                    $v.iter()
                        .enumerate()
                        .filter(|(i, _)| self.is_valid(*i))
                        .map(|(_, &x)| x as i64),
                )
            };
        }
        Some(match &self.values {
            ColumnValues::Empty => Box::new(std::iter::empty()),
            ColumnValues::Bool(v) => valid_as_i64!(v),
            ColumnValues::Int8(v) => valid_as_i64!(v),
            ColumnValues::Int16(v) => valid_as_i64!(v),
            ColumnValues::Int32(v) => valid_as_i64!(v),
            ColumnValues::Int64(v) => valid_as_i64!(v),
            ColumnValues::Mixed(v) if self.valid_of(v).all(|x| x.as_integer().is_some()) => {
                Box::new(
                    self.valid_of(v)
                        .map(|x| x.as_integer().expect("checked integer")),
                )
            }
            _ => return None,
        })
    }

    /// Positions of the `k` largest valid entries of a numeric or bool array, largest
    /// first; equal values keep position order.
    pub fn top_k(&self, k: usize) -> GraphResult<Vec<usize>> {
        let valid = |i: usize| self.is_valid(i);
        Ok(match &self.values {
            ColumnValues::Empty => Vec::new(),
            ColumnValues::Bool(v) => top_positions(v, valid, k)?,
            ColumnValues::Int8(v) => top_positions(v, valid, k)?,
            ColumnValues::Int16(v) => top_positions(v, valid, k)?,
            ColumnValues::Int32(v) => top_positions(v, valid, k)?,
            ColumnValues::Int64(v) => top_positions(v, valid, k)?,
            ColumnValues::Float32(v) => top_positions(v, valid, k)?,
            ColumnValues::Float64(v) => top_positions(v, valid, k)?,
            _ => return Err(self.not_numeric()),
        })
    }

    /// Sum of the valid entries: `Int64` for integer and bool arrays (an error if it
    /// overflows), `Float64` for float arrays and mixed ones holding a float, `Int64(0)`
    /// when empty. NaN is skipped like a null, as pandas does (and `min`, `max`, `mean`).
    pub fn sum(&self) -> GraphResult<AttrValue> {
        if let Some(ints) = self.integers() {
            // An i128 total cannot overflow on the way; only the result must fit.
            let total: i128 = ints.map(i128::from).sum();
            return i64::try_from(total).map(AttrValue::Int64).map_err(|_| {
                GraphError::InvalidArgument(format!("sum {total} does not fit in int64"))
            });
        }
        // Folded from +0.0: `Iterator::sum` of floats starts from -0.0, which an empty or
        // all-NaN array would return (pandas and numpy give 0.0).
        Ok(AttrValue::Float64(
            self.numbers()?
                .filter(|x| !x.is_nan())
                .fold(0.0, |total, x| total + x),
        ))
    }

    /// Mean of the valid entries other than NaN; `None` when there are none.
    pub fn mean(&self) -> GraphResult<Option<f64>> {
        let (mut total, mut count) = (0.0, 0usize);
        for x in self.numbers()?.filter(|x| !x.is_nan()) {
            total += x;
            count += 1;
        }
        Ok((count > 0).then(|| total / count as f64))
    }

    /// Smallest valid entry (numbers, bools, strings, bytes; in a mixed array, numbers of
    /// any kind); `None` when there are none. NaN is skipped, as pandas does.
    pub fn min(&self) -> GraphResult<Option<AttrValue>> {
        self.extreme(std::cmp::Ordering::Less)
    }

    /// Largest valid entry; `None` when there are none.
    pub fn max(&self) -> GraphResult<Option<AttrValue>> {
        self.extreme(std::cmp::Ordering::Greater)
    }

    fn extreme(&self, want: std::cmp::Ordering) -> GraphResult<Option<AttrValue>> {
        if let ColumnValues::Mixed(v) = &self.values {
            self.check_mixed_numbers(v)?;
        }
        let mut best: Option<AttrValue> = None;
        for i in 0..self.len {
            if !self.is_valid(i) {
                continue;
            }
            let v = self.values.value_at(i);
            if matches!(v, AttrValue::Float32(x) if x.is_nan())
                || matches!(v, AttrValue::Float64(x) if x.is_nan())
            {
                continue;
            }
            let better = match &best {
                None => true,
                Some(b) => compare(&v, b) == Some(want),
            };
            if better {
                best = Some(v);
            }
        }
        Ok(best)
    }
}

/// Positions of the `k` largest of `values` (valid entries only), largest first, ties in
/// position order; NaN counts as smallest.
fn top_positions<T: PartialOrd + Copy>(
    values: &[T],
    valid: impl Fn(usize) -> bool,
    k: usize,
) -> Result<Vec<usize>, NoMemory> {
    // Descending by value with NaN (the only value unequal to itself) last, then by
    // position: a total order, as selection and sorting need.
    #[allow(clippy::eq_op)]
    let order = |a: &usize, b: &usize| {
        let (x, y) = (values[*a], values[*b]);
        let by_value = match (x != x, y != y) {
            (true, true) => std::cmp::Ordering::Equal,
            (true, false) => std::cmp::Ordering::Greater,
            (false, true) => std::cmp::Ordering::Less,
            (false, false) => y.partial_cmp(&x).unwrap_or(std::cmp::Ordering::Equal),
        };
        by_value.then(a.cmp(b))
    };
    // One position per entry: reserved fallibly (`OutOfMemory`, not an abort).
    let mut positions = with_capacity(values.len())?;
    positions.extend((0..values.len()).filter(|&i| valid(i)));
    let k = k.min(positions.len());
    if k == 0 {
        return Ok(Vec::new());
    }
    if k < positions.len() {
        positions.select_nth_unstable_by(k - 1, order);
        positions.truncate(k);
    }
    positions.sort_unstable_by(order);
    Ok(positions)
}

/// Orders two values of the same kind, or two numbers.
fn compare(a: &AttrValue, b: &AttrValue) -> Option<std::cmp::Ordering> {
    use AttrValue::*;
    match (a, b) {
        (Bool(x), Bool(y)) => x.partial_cmp(y),
        (Int8(x), Int8(y)) => x.partial_cmp(y),
        (Int16(x), Int16(y)) => x.partial_cmp(y),
        (Int32(x), Int32(y)) => x.partial_cmp(y),
        (Int64(x), Int64(y)) => x.partial_cmp(y),
        (Float32(x), Float32(y)) => x.partial_cmp(y),
        (Float64(x), Float64(y)) => x.partial_cmp(y),
        (Str(x), Str(y)) => x.partial_cmp(y),
        (Bytes(x), Bytes(y)) => x.partial_cmp(y),
        // Numbers of two kinds (a mixed array): integers exactly, else as floats.
        _ => match (a.as_integer(), b.as_integer()) {
            (Some(x), Some(y)) => x.partial_cmp(&y),
            _ => a.as_number()?.partial_cmp(&b.as_number()?),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inference_picks_one_kind_or_mixed() {
        let a = Array::from_values(vec![1i64.into(), AttrValue::Null, 3i64.into()]);
        assert_eq!(a.kind(), AttrKind::Int64);
        assert_eq!(a.null_count(), 1);
        assert_eq!(a.get(1), AttrValue::Null);
        let m = Array::from_values(vec![1i64.into(), "x".into()]);
        assert_eq!(m.kind(), AttrKind::Mixed);
        let n = Array::from_values(vec![AttrValue::Null; 2]);
        assert_eq!((n.kind(), n.len(), n.null_count()), (AttrKind::Null, 2, 2));
        let masked = Array::new(ColumnValues::Int64(vec![1, 2]), Some(vec![false; 2])).unwrap();
        assert_eq!(masked.kind(), AttrKind::Null);
        let wide = Array::from_i64(vec![i64::MAX, 1, -1]);
        assert_eq!(wide.sum().unwrap(), AttrValue::Int64(i64::MAX));
    }

    #[test]
    fn slices_with_any_step() {
        let a = Array::from_i64((0..10).collect());
        let s = a.slice(8, 4, -2).unwrap();
        assert_eq!(
            (0..4).map(|i| s.get(i)).collect::<Vec<_>>(),
            vec![8i64.into(), 6i64.into(), 4i64.into(), 2i64.into()]
        );
        assert!(a.slice(8, 5, 1).is_err());
        assert!(a.slice(0, 1, 0).is_err());
        assert_eq!(a.slice(3, 0, 1).unwrap().len(), 0);
    }

    #[test]
    fn aggregates_skip_nulls() {
        let a = Array::from_values(vec![2i64.into(), AttrValue::Null, 5i64.into()]);
        assert_eq!(a.sum().unwrap(), AttrValue::Int64(7));
        assert_eq!(a.mean().unwrap(), Some(3.5));
        assert_eq!(a.min().unwrap(), Some(AttrValue::Int64(2)));
        assert_eq!(a.max().unwrap(), Some(AttrValue::Int64(5)));
        let f = Array::from_f64(vec![1.5, f64::NAN, -1.0]);
        assert_eq!(f.min().unwrap(), Some(AttrValue::Float64(-1.0)));
        assert!(Array::from_values(vec!["a".into()]).sum().is_err());
        assert_eq!(Array::nulls(3).mean().unwrap(), None);
        // NaN is skipped by every aggregate, as pandas does.
        assert_eq!(f.sum().unwrap(), AttrValue::Float64(0.5));
        assert_eq!(f.mean().unwrap(), Some(0.25));
        assert_eq!(f.max().unwrap(), Some(AttrValue::Float64(1.5)));
        let only_nan = Array::from_f64(vec![f64::NAN]);
        assert_eq!(only_nan.sum().unwrap(), AttrValue::Float64(0.0));
        // +0.0, not -0.0 (which compares equal), for no number at all.
        for nothing in [only_nan.clone(), Array::from_f64(Vec::new())] {
            let AttrValue::Float64(total) = nothing.sum().unwrap() else {
                panic!("a float array sums to a float");
            };
            assert!(total == 0.0 && total.is_sign_positive(), "{total:?}");
        }
        assert_eq!(only_nan.mean().unwrap(), None);
    }

    #[test]
    fn mixed_arrays_of_numbers_aggregate_like_numbers() {
        let ints_and_floats = Array::from_values(vec![
            1i64.into(),
            AttrValue::Float64(2.5),
            AttrValue::Null,
            AttrValue::Int32(-4),
            AttrValue::Bool(true),
        ]);
        assert_eq!(ints_and_floats.kind(), AttrKind::Mixed);
        assert_eq!(ints_and_floats.sum().unwrap(), AttrValue::Float64(0.5));
        assert_eq!(ints_and_floats.mean().unwrap(), Some(0.125));
        assert_eq!(ints_and_floats.min().unwrap(), Some(AttrValue::Int32(-4)));
        assert_eq!(
            ints_and_floats.max().unwrap(),
            Some(AttrValue::Float64(2.5))
        );
        // Integers of several widths sum exactly.
        let wide = Array::from_values(vec![i64::MAX.into(), AttrValue::Int8(-1)]);
        assert_eq!(wide.sum().unwrap(), AttrValue::Int64(i64::MAX - 1));
        assert_eq!(wide.min().unwrap(), Some(AttrValue::Int8(-1)));
        // Beyond 2**53 integers still compare exactly with each other.
        let close = Array::from_values(vec![
            i64::MAX.into(),
            AttrValue::Int32(5),
            (i64::MAX - 1).into(),
        ]);
        assert_eq!(close.max().unwrap(), Some(AttrValue::Int64(i64::MAX)));
        // A value that is not a number leaves them undefined.
        let with_text = Array::from_values(vec![1i64.into(), "x".into()]);
        for result in [
            with_text.sum().map(|_| ()),
            with_text.mean().map(|_| ()),
            with_text.min().map(|_| ()),
            with_text.max().map(|_| ()),
        ] {
            let message = result.unwrap_err().to_string();
            assert!(
                message.contains("mixed array holding a str value"),
                "{message}"
            );
        }
    }

    #[test]
    fn top_k_is_largest_first_with_ties_in_order() {
        let a = Array::from_f64(vec![0.5, 2.0, f64::NAN, 2.0, 1.0]);
        assert_eq!(a.top_k(3).unwrap(), vec![1, 3, 4]);
        assert_eq!(a.top_k(10).unwrap(), vec![1, 3, 4, 0, 2]);
        assert_eq!(
            Array::from_i64(vec![]).top_k(2).unwrap(),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn string_buffers_are_laid_end_to_end() {
        let a = Array::from_values(vec!["ab".into(), AttrValue::Null, "c".into()]);
        let (data, offsets) = a.buffers().unwrap();
        assert_eq!(data, b"abc");
        assert_eq!(offsets, &[0, 2, 2, 3]);
    }
}
