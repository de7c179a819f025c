//! Checked conversions of the array arguments of batch calls: key arrays and attribute
//! lists. Everything is validated and converted before a batch touches the graph, which is
//! what makes batches all or nothing.

use crate::core::fallible::{collected, with_capacity};
use crate::core::{AttrValue, GraphResult, KeyRef};

use super::boundary::{invalid, slice, utf8};
use super::handles::{GR_KEY_INT, GR_KEY_STR};
use super::value::{gr_attr_value, gr_buf};

/// Attributes of one item: `(name, value)` pairs.
pub(crate) type OwnedAttrs<'a> = Vec<(&'a str, AttrValue)>;

/// A key array passed as `(kinds, ints, str_data, str_data_len, str_offsets)` for `n` keys.
/// `kinds` NULL: every key is the int `ints[i]`. Otherwise `kinds[i]` is `GR_KEY_INT` or
/// `GR_KEY_STR`; a string key is `str_data[str_offsets[i] .. str_offsets[i + 1]]`, with
/// `n + 1` non-decreasing offsets not past `str_data_len`. `ints` may be NULL when no key
/// is an int, and `str_data` and `str_offsets` may be NULL when none is a string.
pub(crate) struct KeyArrayArg {
    pub kinds: *const u8,
    pub ints: *const i64,
    pub str_data: *const u8,
    pub str_data_len: usize,
    pub str_offsets: *const usize,
}

impl KeyArrayArg {
    /// # Safety
    /// Each non-NULL pointer points to as many readable elements as described above.
    pub(crate) unsafe fn read<'a>(&self, n: usize, what: &str) -> GraphResult<Vec<KeyRef<'a>>> {
        // SAFETY (every `slice` / `utf8` call): lengths as the caller promises.
        unsafe {
            if self.kinds.is_null() {
                let ints = slice(self.ints, n, &format!("{what}: ints"))?;
                return Ok(collected(ints.iter().map(|&i| KeyRef::Int(i)))?);
            }
            let kinds = slice(self.kinds, n, &format!("{what}: kinds"))?;
            let ints = if kinds.contains(&GR_KEY_INT) {
                slice(self.ints, n, &format!("{what}: ints"))?
            } else {
                &[]
            };
            let (offsets, data) = if kinds.contains(&GR_KEY_STR) {
                (
                    slice(self.str_offsets, n + 1, &format!("{what}: str_offsets"))?,
                    slice(
                        self.str_data,
                        self.str_data_len,
                        &format!("{what}: str_data"),
                    )?,
                )
            } else {
                (&[][..], &[][..])
            };
            let mut keys = with_capacity(n)?;
            for (i, &kind) in kinds.iter().enumerate() {
                keys.push(match kind {
                    GR_KEY_INT => KeyRef::Int(ints[i]),
                    GR_KEY_STR => {
                        let (start, end) = (offsets[i], offsets[i + 1]);
                        if start > end || end > data.len() {
                            return Err(invalid(format!(
                                "{what}: string offsets {start}..{end} of key {i} are out of range"
                            )));
                        }
                        KeyRef::Str(utf8(data[start..end].as_ptr(), end - start, what)?)
                    }
                    other => {
                        return Err(invalid(format!("{what}: unknown key kind {other} at {i}")))
                    }
                });
            }
            Ok(keys)
        }
    }

    /// The `n` keys paired with their `values` (`n` floats), as a per-node vector option
    /// (PageRank's personalization, Katz's beta) is passed: `values` NULL means none.
    /// Errors name the keys `what` and the floats `"{what} values"`.
    ///
    /// # Safety
    /// As [`KeyArrayArg::read`]; `values` is NULL or points to `n` readable floats.
    pub(crate) unsafe fn read_with_values<'a>(
        &self,
        values: *const f64,
        n: usize,
        what: &str,
    ) -> GraphResult<Option<Vec<(KeyRef<'a>, f64)>>> {
        if values.is_null() {
            return Ok(None);
        }
        // SAFETY: passed on to the caller.
        let (keys, values) = unsafe {
            (
                self.read(n, what)?,
                slice(values, n, &format!("{what} values"))?,
            )
        };
        Ok(Some(keys.into_iter().zip(values.iter().copied()).collect()))
    }
}

/// Attributes passed as parallel arrays `names[i]`, `values[i]`, `n` long.
///
/// # Safety
/// `names` and `values` point to `n` readable elements each (or are NULL with `n == 0`),
/// and their buffers are readable.
pub(crate) unsafe fn attr_list<'a>(
    names: *const gr_buf,
    values: *const gr_attr_value,
    n: usize,
) -> GraphResult<OwnedAttrs<'a>> {
    // SAFETY: passed on to the caller.
    unsafe {
        let names = slice(names, n, "attribute names")?;
        let values = slice(values, n, "attribute values")?;
        names
            .iter()
            .zip(values)
            .map(|(name, value)| {
                let name = utf8(name.ptr, name.len, "attribute name")?;
                Ok((name, value.read_value(name)?))
            })
            .collect()
    }
}

/// Attributes of a batch in sparse form: `n_entries` triples `(item, name, value)`, where
/// `entry_items[j]` indexes the batch's items and `entry_names[j]` indexes `names`.
pub(crate) struct SparseAttrsArg {
    pub names: *const gr_buf,
    pub n_names: usize,
    pub entry_items: *const u32,
    pub entry_names: *const u32,
    pub entry_values: *const gr_attr_value,
    pub n_entries: usize,
}

impl SparseAttrsArg {
    /// The attributes of each of `n_items` items, in entry order.
    ///
    /// # Safety
    /// Each array points to as many readable elements as its length says.
    pub(crate) unsafe fn read<'a>(&self, n_items: usize) -> GraphResult<Vec<OwnedAttrs<'a>>> {
        // SAFETY: passed on to the caller.
        unsafe {
            let names = slice(self.names, self.n_names, "attribute names")?
                .iter()
                .map(|b| utf8(b.ptr, b.len, "attribute name"))
                .collect::<GraphResult<Vec<&str>>>()?;
            let items = slice(self.entry_items, self.n_entries, "entry_items")?;
            let name_ids = slice(self.entry_names, self.n_entries, "entry_names")?;
            let values = slice(self.entry_values, self.n_entries, "entry_values")?;
            let mut attrs: Vec<OwnedAttrs<'a>> = vec![Vec::new(); n_items];
            for j in 0..self.n_entries {
                let (item, name_id) = (items[j] as usize, name_ids[j] as usize);
                if item >= n_items {
                    return Err(invalid(format!(
                        "attribute entry {j} names item {item} of {n_items}"
                    )));
                }
                let Some(&name) = names.get(name_id) else {
                    return Err(invalid(format!(
                        "attribute entry {j} names attribute {name_id} of {}",
                        names.len()
                    )));
                };
                attrs[item].push((name, values[j].read_value(name)?));
            }
            Ok(attrs)
        }
    }
}
