//! Memory accounting of a graph's structures: what they hold (`heap_size`) and a bound on
//! what an operation may add (`growth`), which memory pools check before anything changes.

use std::mem::size_of;

use super::attr_table::AttrTable;
use super::column::{Column, ColumnValues};
use super::key::NodeKey;
use super::key_index::KeyIndex;
use super::topology::Topology;
use super::value::{AttrKind, AttrValue};

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

    /// Bytes a write of a `kind` value costs when it turns this typed column mixed: a
    /// value per entity, with copies of its strings and bytes.
    pub(crate) fn mixing_cost(&self, kind: AttrKind, len: usize) -> usize {
        let current = self.kind();
        let mixes = !matches!(current, AttrKind::Null | AttrKind::Mixed)
            && !matches!(kind, AttrKind::Null | AttrKind::Mixed)
            && kind != current;
        if !mixes {
            return 0;
        }
        len.max(self.slot_len())
            .saturating_mul(size_of::<AttrValue>())
            + self.values_ref().payload_bytes()
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

    /// Bytes columns `names` may grow by to cover `len` entities when values of the given
    /// kinds are written (new columns, and typed columns turning mixed, included).
    pub(crate) fn growth_to(&self, names: &[(&str, AttrKind)], len: usize) -> usize {
        names
            .iter()
            .map(|(name, kind)| match self.column(name) {
                Some(column) => column.growth_to(len) + column.mixing_cost(*kind, len),
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
