//! `Array`: an immutable typed column of values (a result or a copy of an attribute
//! column), detached from the graph it came from.

use super::column::ColumnValues;
use super::value::{AttrKind, AttrValue};

#[derive(Clone, Debug)]
pub struct Array {
    len: usize,
    values: ColumnValues,
    /// `None` when every entry holds a value; else `false` marks a null entry.
    validity: Option<Vec<bool>>,
}

impl Array {
    pub fn from_i64(values: Vec<i64>) -> Array {
        Array {
            len: values.len(),
            values: ColumnValues::Int64(values),
            validity: None,
        }
    }

    pub fn from_f64(values: Vec<f64>) -> Array {
        Array {
            len: values.len(),
            values: ColumnValues::Float64(values),
            validity: None,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn kind(&self) -> AttrKind {
        self.values.kind()
    }

    pub fn values(&self) -> &ColumnValues {
        &self.values
    }

    pub fn is_valid(&self, i: usize) -> bool {
        self.validity.as_ref().is_none_or(|v| v[i])
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_array_reads_back() {
        let a = Array::from_i64(vec![3, 1]);
        assert_eq!(a.kind(), AttrKind::Int64);
        assert_eq!(a.get(1), AttrValue::Int64(1));
        assert_eq!(a.len(), 2);
    }
}
