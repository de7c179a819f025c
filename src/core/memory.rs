//! Memory accounting of a graph's structures: what they hold (`heap_size`) and a bound on
//! what an operation may add (`growth`), which memory pools check before anything changes.

use std::mem::size_of;

use super::attr_table::AttrTable;
use super::column::{Column, ColumnValues};
use super::key::NodeKey;
use super::key_index::KeyIndex;
use super::topology::Topology;
use super::value::AttrValue;

/// Bytes a `Vec` of `len` / `cap` elements of `elem` bytes grows by when `add` more are
/// pushed (amortised doubling, as `Vec` does).
pub(crate) fn vec_growth(len: usize, cap: usize, add: usize, elem: usize) -> usize {
    let need = len.saturating_add(add);
    if need <= cap {
        0
    } else {
        (need.max(cap.saturating_mul(2)) - cap).saturating_mul(elem)
    }
}

fn value_heap(v: &AttrValue) -> usize {
    v.heap_size()
}

impl ColumnValues {
    /// Bytes of one stored element (the size of the typed element).
    fn element_size(&self) -> usize {
        match self {
            ColumnValues::Empty => 0,
            ColumnValues::Bool(_) | ColumnValues::Int8(_) => 1,
            ColumnValues::Int16(_) => 2,
            ColumnValues::Int32(_) | ColumnValues::Float32(_) => 4,
            ColumnValues::Int64(_) | ColumnValues::Float64(_) => 8,
            ColumnValues::Str(_) => size_of::<Box<str>>(),
            ColumnValues::Bytes(_) => size_of::<Box<[u8]>>(),
            ColumnValues::Mixed(_) => size_of::<AttrValue>(),
        }
    }

    fn capacity(&self) -> usize {
        match self {
            ColumnValues::Empty => 0,
            ColumnValues::Bool(v) => v.capacity(),
            ColumnValues::Int8(v) => v.capacity(),
            ColumnValues::Int16(v) => v.capacity(),
            ColumnValues::Int32(v) => v.capacity(),
            ColumnValues::Int64(v) => v.capacity(),
            ColumnValues::Float32(v) => v.capacity(),
            ColumnValues::Float64(v) => v.capacity(),
            ColumnValues::Str(v) => v.capacity(),
            ColumnValues::Bytes(v) => v.capacity(),
            ColumnValues::Mixed(v) => v.capacity(),
        }
    }

    fn payload_bytes(&self) -> usize {
        match self {
            ColumnValues::Str(v) => v.iter().map(|s| s.len()).sum(),
            ColumnValues::Bytes(v) => v.iter().map(|b| b.len()).sum(),
            ColumnValues::Mixed(v) => v.iter().map(value_heap).sum(),
            _ => 0,
        }
    }
}

impl Column {
    pub(crate) fn heap_size(&self) -> usize {
        let values = self.values_ref();
        self.slot_capacity() + values.capacity() * values.element_size() + values.payload_bytes()
    }

    /// Bytes the column may grow by when it comes to cover `len` entities.
    pub(crate) fn growth_to(&self, len: usize) -> usize {
        let values = self.values_ref();
        let add = len.saturating_sub(self.slot_len());
        // A column with no typed storage yet may get the widest kind.
        let elem = match values {
            ColumnValues::Empty => size_of::<AttrValue>(),
            v => v.element_size().max(1),
        };
        vec_growth(self.slot_len(), self.slot_capacity(), add, 1)
            + vec_growth(
                values.len(),
                values.capacity(),
                len.saturating_sub(values.len()),
                elem,
            )
    }
}

impl AttrTable {
    pub(crate) fn heap_size(&self) -> usize {
        self.iter()
            .map(|(name, column)| {
                // The name is kept twice (list and index), with an index entry.
                2 * name.len() + 32 + size_of::<Column>() + column.heap_size()
            })
            .sum()
    }

    /// Bytes columns `names` may grow by to cover `len` entities (new columns included).
    pub(crate) fn growth_to(&self, names: &[&str], len: usize) -> usize {
        names
            .iter()
            .map(|name| match self.column(name) {
                Some(column) => column.growth_to(len),
                None => name.len() * 2 + 64 + len.saturating_mul(1 + size_of::<AttrValue>()),
            })
            .sum()
    }
}

impl Topology {
    pub(crate) fn heap_size(&self) -> usize {
        let lists = |v: &Vec<Vec<u32>>| {
            v.capacity() * size_of::<Vec<u32>>() + v.iter().map(|l| l.capacity() * 4).sum::<usize>()
        };
        self.node_alive_capacity()
            + self.endpoints_capacity() * 8
            + lists(self.out_lists())
            + lists(self.in_lists())
    }

    /// Bytes adding `nodes` nodes and `edges` edges may take.
    pub(crate) fn growth(&self, nodes: usize, edges: usize) -> usize {
        let n = self.node_capacity();
        let lists = if self.is_directed() { 2 } else { 1 };
        vec_growth(n, self.node_alive_capacity(), nodes, 1)
            + lists * vec_growth(n, self.out_lists().capacity(), nodes, size_of::<Vec<u32>>())
            + vec_growth(self.edge_capacity(), self.endpoints_capacity(), edges, 8)
            // Two incidence entries per edge; a list may double when it grows.
            + edges.saturating_mul(2 * 4 * 2)
    }
}

impl KeyIndex {
    pub(crate) fn heap_size(&self) -> usize {
        self.keys_capacity() * size_of::<NodeKey>() + self.string_bytes() + self.table_bytes()
    }

    /// Bytes adding `nodes` keys (`string_bytes` of text) may take.
    pub(crate) fn growth(&self, nodes: usize, string_bytes: usize) -> usize {
        vec_growth(self.capacity(), self.keys_capacity(), nodes, size_of::<NodeKey>())
            + string_bytes
            // Table entries (at most 16 bytes) and their doubling.
            + nodes.saturating_mul(32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_is_zero_within_capacity_and_doubles_past_it() {
        assert_eq!(vec_growth(3, 8, 5, 4), 0);
        assert_eq!(vec_growth(8, 8, 1, 4), 32);
        assert_eq!(vec_growth(8, 8, 100, 1), 100);
    }
}
