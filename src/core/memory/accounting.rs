//! Memory accounting of a graph's structures: what they hold (`heap_size`, the bytes of
//! every block they own) and upper bounds of what an operation may add, which memory pools
//! check before anything changes. The bounds follow how `Vec` and hashbrown's tables grow,
//! so that an accepted operation never takes a pool over its limit.

use std::mem::size_of;

use crate::core::key_index::KeyIndex;
use crate::core::topology::LaidOut;
use crate::core::{AttrKind, AttrTable, AttrValue, Column, ColumnValues, NodeKey, Topology};

/// The capacity of a `Vec`'s first allocation by `push` or `reserve` (as `RawVec` does).
fn min_capacity(elem: usize) -> usize {
    match elem {
        1 => 8,
        2..=1024 => 4,
        _ => 1,
    }
}

/// Bytes a `Vec` of `len` / `cap` elements of `elem` bytes grows by in one amortised step to
/// `new_len` (`push`, `reserve`, `resize`, `extend`): it doubles, or takes exactly what is
/// asked when that is more.
pub(crate) fn vec_step(len: usize, cap: usize, new_len: usize, elem: usize) -> usize {
    if new_len <= cap || elem == 0 {
        return 0;
    }
    debug_assert!(len <= cap);
    let grown = cap.saturating_mul(2).max(new_len).max(min_capacity(elem));
    (grown - cap).saturating_mul(elem)
}

/// Bytes a `Vec` of capacity `cap` grows by through any number of amortised or exact
/// steps that end at `new_len` elements: the last step doubled a capacity below `new_len`
/// at most.
pub(crate) fn vec_steps(cap: usize, new_len: usize, elem: usize) -> usize {
    if new_len <= cap || elem == 0 {
        return 0;
    }
    let grown = (new_len - 1)
        .saturating_mul(2)
        .max(new_len)
        .max(min_capacity(elem));
    (grown - cap).saturating_mul(elem)
}

/// Bytes `reserve_exact` to `new_len` adds.
pub(crate) fn vec_exact(cap: usize, new_len: usize, elem: usize) -> usize {
    new_len.saturating_sub(cap).saturating_mul(elem)
}

/// Bytes of a hashbrown table of `buckets` buckets of `elem` bytes: the buckets (padded
/// to the control bytes' alignment, 16 at most), a control byte per bucket and a group.
fn table_bytes(buckets: usize, elem: usize) -> usize {
    buckets
        .saturating_mul(elem)
        .saturating_add(15)
        .saturating_add(buckets)
        .saturating_add(16)
}

/// The buckets hashbrown gives a table that must hold `items` (at most; the small sizes
/// as for 16-byte groups, the largest).
fn buckets_for(items: usize, elem: usize) -> usize {
    if items < 15 {
        let least = match elem {
            0..=1 => 14,
            2..=3 => 7,
            _ => 3,
        };
        return match items.max(least) {
            0..=3 => 4,
            4..=7 => 8,
            _ => 16,
        };
    }
    (items.saturating_mul(8) / 7).next_power_of_two()
}

/// Bytes a hashbrown table holding `items` with room for `capacity` in `allocated` bytes
/// may grow by when `additional` items are inserted (one at a time or after one `reserve`):
/// nothing while they fit; else the table ends at the larger of twice its buckets (a
/// table full of tombstones doubles) and the buckets `items + additional` need.
pub(crate) fn table_growth(
    items: usize,
    capacity: usize,
    allocated: usize,
    additional: usize,
    elem: usize,
) -> usize {
    if additional <= capacity.saturating_sub(items) {
        return 0;
    }
    let needed = table_bytes(buckets_for(items.saturating_add(additional), elem), elem);
    needed
        .max(allocated.saturating_mul(2))
        .saturating_sub(allocated)
}

impl ColumnValues {
    /// Bytes of one stored element (the size of the typed element).
    fn element_size(&self) -> usize {
        element_size(self.kind())
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

    pub(crate) fn payload_bytes(&self) -> usize {
        match self {
            ColumnValues::Str(v) => v.iter().map(|s| s.len()).sum(),
            ColumnValues::Bytes(v) => v.iter().map(|b| b.len()).sum(),
            ColumnValues::Mixed(v) => v.iter().map(AttrValue::heap_size).sum(),
            _ => 0,
        }
    }
}

/// Bytes of one element of typed storage of `kind` (`Null`: none is stored).
pub(crate) fn element_size(kind: AttrKind) -> usize {
    match kind {
        AttrKind::Null => 0,
        AttrKind::Bool | AttrKind::Int8 => 1,
        AttrKind::Int16 => 2,
        AttrKind::Int32 | AttrKind::Float32 => 4,
        AttrKind::Int64 | AttrKind::Float64 => 8,
        AttrKind::Str => size_of::<Box<str>>(),
        AttrKind::Bytes => size_of::<Box<[u8]>>(),
        AttrKind::Mixed => size_of::<AttrValue>(),
    }
}

/// The kinds of the values an operation writes to one column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Written {
    /// Only nulls (no typed storage is needed).
    Nulls,
    /// Values of one kind (nulls aside).
    One(AttrKind),
    /// Values of several kinds: the column ends mixed.
    Several,
}

impl Written {
    pub(crate) fn of(kind: AttrKind) -> Written {
        match kind {
            AttrKind::Null => Written::Nulls,
            AttrKind::Mixed => Written::Several,
            kind => Written::One(kind),
        }
    }

    pub(crate) fn and(self, kind: AttrKind) -> Written {
        match (self, Written::of(kind)) {
            (w, Written::Nulls) | (Written::Nulls, w) => w,
            (Written::One(a), Written::One(b)) if a == b => self,
            _ => Written::Several,
        }
    }
}

impl Column {
    pub(crate) fn heap_size(&self) -> usize {
        let values = self.values_ref();
        self.slot_capacity() + values.capacity() * values.element_size() + values.payload_bytes()
    }

    /// Bytes the column may grow by when writes of `written` values make it cover `len`
    /// entities, in any number of steps (payloads of the values written not included),
    /// and whether it may turn mixed.
    pub(crate) fn growth_to(&self, written: Written, len: usize) -> (usize, bool) {
        let values = self.values_ref();
        let len = len.max(self.slot_len());
        let slots = vec_steps(self.slot_capacity(), len, 1);
        let current = values.kind();
        let stays = match (current, written) {
            (_, Written::Nulls) => true,
            (AttrKind::Null, Written::One(_)) => true,
            (AttrKind::Mixed, _) => true,
            (current, Written::One(kind)) => kind == current,
            (_, Written::Several) => false,
        };
        let typed = match (current, written) {
            (_, Written::Nulls) => 0,
            (AttrKind::Null, Written::One(kind)) => vec_steps(0, len, element_size(kind)),
            _ => vec_steps(values.capacity(), len, values.element_size()),
        };
        // Turning mixed: a value per entity, made at the length reached and grown after,
        // with copies of the strings and bytes already stored.
        let mixing = if stays {
            0
        } else {
            vec_steps(0, len, size_of::<AttrValue>()) + values.payload_bytes()
        };
        (slots + typed + mixing, !stays)
    }
}

impl AttrTable {
    pub(crate) fn heap_size(&self) -> usize {
        let names: usize = self.iter().map(|(name, _)| name.len()).sum();
        let columns: usize = self.iter().map(|(_, column)| column.heap_size()).sum();
        // Each name is kept twice: in the list and as the index's key.
        self.names_capacity() * size_of::<Box<str>>()
            + self.index_allocation()
            + 2 * names
            + self.columns_capacity() * size_of::<Column>()
            + columns
    }

    /// Bytes writes to the columns `written` may add when they make them cover `len`
    /// entities (new columns, and typed columns turning mixed, included; payloads of the
    /// values written not included), and whether a column may turn mixed.
    pub(crate) fn growth_to(&self, written: &[(&str, Written)], len: usize) -> (usize, bool) {
        let mut new_columns = 0;
        let mut growth = 0;
        let mut mixes = false;
        for (name, kinds) in written {
            let (column_growth, column_mixes) = match self.column(name) {
                Some(column) => column.growth_to(*kinds, len),
                None => {
                    new_columns += 1;
                    growth += 2 * name.len();
                    Column::new().growth_to(*kinds, len)
                }
            };
            growth += column_growth;
            mixes |= column_mixes;
        }
        if new_columns > 0 {
            let count = self.column_count();
            growth += vec_steps(
                self.names_capacity(),
                count + new_columns,
                size_of::<Box<str>>(),
            ) + vec_steps(
                self.columns_capacity(),
                count + new_columns,
                size_of::<Column>(),
            ) + table_growth(
                count,
                self.index_capacity(),
                self.index_allocation(),
                new_columns,
                size_of::<(Box<str>, usize)>(),
            );
        }
        (growth, mixes)
    }
}

/// How an operation adds to the incidence lists.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) enum ListGrowth {
    /// In one batch: each list reserves exactly what it needs.
    #[default]
    Batch,
    /// One edge between these nodes (`None`: a new node, with an empty list).
    Edge([Option<u32>; 2]),
    /// Edges one at a time into new nodes (a subgraph): each list doubles as it fills.
    Pushes,
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
            + self.laid_out_heap_size()
    }

    /// Bytes adding `nodes` nodes (one at a time) and `edges` edges may take.
    pub(crate) fn growth(&self, nodes: usize, edges: usize, lists: ListGrowth) -> usize {
        let n = self.node_capacity();
        let sides = if self.is_directed() { 2 } else { 1 };
        let mut growth = vec_steps(self.node_alive_capacity(), n + nodes, 1)
            + sides
                * vec_steps(
                    self.out_lists().capacity(),
                    n + nodes,
                    size_of::<Vec<u32>>(),
                );
        if edges == 0 {
            return growth;
        }
        let m = self.edge_capacity();
        growth += match lists {
            ListGrowth::Batch => vec_exact(self.endpoints_capacity(), m + edges, 8),
            _ => vec_steps(self.endpoints_capacity(), m + edges, 8),
        };
        // Two entries per edge (one for an undirected self-loop).
        growth += match lists {
            // A batch into a graph without edges also lays out the snapshot rows
            // (`topology/laid_out.rs`): as much again, and the rows' offsets.
            ListGrowth::Batch if m == 0 => edges
                .saturating_mul(2 * 2 * 4)
                .saturating_add(sides * (n + nodes + 1) * size_of::<usize>())
                .saturating_add(size_of::<LaidOut>()), // boxed in the topology
            ListGrowth::Batch => edges.saturating_mul(2 * 4),
            // Each list ends at most at twice its entries, or at its first 4.
            ListGrowth::Pushes => nodes
                .saturating_mul(4 * 4)
                .saturating_add(edges.saturating_mul(2 * 2 * 4)),
            ListGrowth::Edge([u, v]) => {
                let list_growth = |list: Option<&Vec<u32>>| match list {
                    Some(l) => vec_step(l.len(), l.capacity(), l.len() + 1, 4),
                    None => vec_step(0, 0, 1, 4),
                };
                let (first, second) = if self.is_directed() {
                    (self.out_lists(), self.in_lists())
                } else {
                    (self.out_lists(), self.out_lists())
                };
                list_growth(u.map(|u| &first[u as usize]))
                    + list_growth(v.map(|v| &second[v as usize]))
            }
        };
        growth
    }
}

/// The new keys of an operation, as far as the key index's growth depends on them.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct NewKeys {
    /// New keys (each counted once).
    pub count: usize,
    pub strs: usize,
    pub str_bytes: usize,
    /// New int keys that may go to the int map rather than the direct table.
    pub mapped_ints: usize,
    /// The most entries the direct table of int keys may reach (it grows exactly).
    pub dense_len: usize,
}

impl KeyIndex {
    pub(crate) fn heap_size(&self) -> usize {
        self.keys_capacity() * size_of::<NodeKey>() + self.string_bytes() + self.table_bytes()
    }

    /// Bytes adding the `new` keys may take, after a `reserve` for `reserved` keys of
    /// which `reserved_strs` strings (a batch), or one at a time (`reserved` 0).
    pub(crate) fn growth(&self, new: &NewKeys, reserved: usize, reserved_strs: usize) -> usize {
        let len = self.capacity();
        let keys = if reserved > 0 {
            vec_step(
                len,
                self.keys_capacity(),
                len + reserved,
                size_of::<NodeKey>(),
            )
        } else {
            vec_steps(self.keys_capacity(), len + new.count, size_of::<NodeKey>())
        };
        let (str_items, str_capacity, str_allocated) = self.str_table();
        let strs = table_growth(
            str_items,
            str_capacity,
            str_allocated,
            new.strs.max(reserved_strs),
            size_of::<u32>(),
        );
        let (int_items, int_capacity, int_allocated) = self.int_table();
        let ints = if new.mapped_ints == 0 {
            0
        } else {
            table_growth(
                int_items,
                int_capacity,
                int_allocated,
                new.mapped_ints,
                size_of::<(i64, u32)>(),
            )
        };
        keys + new.str_bytes + strs + ints + vec_exact(self.dense_capacity(), new.dense_len, 4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_grow_as_raw_vec_does() {
        assert_eq!(vec_step(3, 8, 5, 4), 0);
        assert_eq!(vec_step(8, 8, 9, 4), 32);
        assert_eq!(vec_step(8, 8, 100, 1), 92);
        assert_eq!(vec_step(0, 0, 1, 1), 8);
        assert_eq!(vec_step(0, 0, 1, 24), 96);
        // Pushes one at a time, and any other steps, stay within `vec_steps`.
        let mut wide: Vec<[u8; 24]> = Vec::new();
        let mut bytes: Vec<u8> = Vec::new();
        for len in 1..300usize {
            let before = wide.capacity();
            wide.push([0; 24]);
            bytes.push(0);
            assert!((wide.capacity() - before) * 24 <= vec_steps(before, len, 24));
            assert!(bytes.capacity() <= vec_steps(0, len, 1));
        }
        let mut jumps: Vec<u32> = Vec::new();
        for len in [5, 9, 10, 40, 41, 200] {
            jumps.resize(len, 0);
            assert!(jumps.capacity() * 4 <= vec_steps(0, len, 4), "{len}");
        }
    }

    #[test]
    fn tables_grow_within_the_bound() {
        let mut t: hashbrown::HashMap<i64, u32> = hashbrown::HashMap::new();
        for i in 0..5000i64 {
            let before = t.allocation_size();
            let growth = table_growth(t.len(), t.capacity(), before, 1, 16);
            t.insert(i, 0);
            assert!(t.allocation_size() - before <= growth, "{i}");
            if i % 3 == 0 {
                t.remove(&(i / 2));
            }
        }
        let mut s: hashbrown::HashMap<Box<str>, usize> = hashbrown::HashMap::new();
        let growth = table_growth(0, 0, 0, 100, 24);
        s.reserve(100);
        assert!(s.allocation_size() <= growth);
    }
}
