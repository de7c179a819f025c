//! Weight arguments (an edge column named by `(weight, weight_len)`, or NULL) and what the
//! model says the library reads from them: each live edge's value as a number (1.0 when
//! absent or Null, bools as 0 and 1), or why the name is refused.

use std::collections::HashMap;
use std::ffi::c_char;
use std::ptr;

use groggy::core::AttrValue;
use groggy::ffi::GR_STATUS_INVALID_ARGUMENT;

use super::call_args::Want;
use super::keys::Key;
use super::model::Model;
use super::values::Name;
use crate::Input;

/// A weight name argument: NULL, or bytes (UTF-8 or not).
pub struct WeightArg {
    name: Option<Name>,
}

impl WeightArg {
    /// NULL for byte 0 (the plain case); else often a column some edge has.
    pub fn gen(input: &mut Input<'_>, m: &Model) -> WeightArg {
        let name = match input.below(4) {
            0 => None,
            1 => {
                let mut names: Vec<String> = m.edge_attr_names().into_iter().collect();
                names.sort();
                if names.is_empty() {
                    Some(Name::gen(input))
                } else {
                    let s = names.swap_remove(input.below(names.len()));
                    Some(Name {
                        bytes: s.clone().into_bytes(),
                        valid: Some(s),
                    })
                }
            }
            _ => Some(Name::gen(input)),
        };
        WeightArg { name }
    }

    /// `(weight, weight_len)`, living as long as `self`.
    pub fn raw(&self) -> (*const c_char, usize) {
        match &self.name {
            Some(n) => (n.ptr(), n.bytes.len()),
            None => (ptr::null(), 0),
        }
    }

    /// The name as text: `Ok(None)` for NULL, `Err` for bytes that are not UTF-8.
    pub fn text(&self) -> Result<Option<&str>, ()> {
        match &self.name {
            None => Ok(None),
            Some(n) => n.valid.as_deref().map(Some).ok_or(()),
        }
    }
}

/// What a call reads as weights.
#[derive(Clone, Debug)]
pub enum Weights {
    /// Every edge weighs 1.
    Unweighted,
    /// The call refuses the name: not UTF-8, no live edge has it, or a value is no number
    /// (`GR_STATUS_INVALID_ARGUMENT`).
    Refused,
    /// The model does not know the graph's attributes.
    Unknown,
    /// Each live edge's weight, by its endpoints as the model stores them.
    Values(HashMap<(Key, Key), f64>),
}

impl Weights {
    /// The column `name` as the library reads it.
    pub fn column(m: &Model, name: &str) -> Weights {
        if !m.attrs_known {
            return Weights::Unknown;
        }
        if !m.edge_attr_names().contains(name) {
            return Weights::Refused;
        }
        let mut values = HashMap::new();
        for e in &m.edges {
            let w = match m.edge_attr(e, name) {
                None | Some(AttrValue::Null) => 1.0,
                Some(v) => match number(v) {
                    Some(x) => x,
                    None => return Weights::Refused,
                },
            };
            values.insert(e.clone(), w);
        }
        Weights::Values(values)
    }

    /// A weight argument where NULL means unweighted and any name must be a column.
    pub fn named(m: &Model, arg: &WeightArg) -> Weights {
        match arg.text() {
            Err(()) => Weights::Refused,
            Ok(None) => Weights::Unweighted,
            Ok(Some(name)) => Weights::column(m, name),
        }
    }

    /// networkx's default name (`"weight"`): that column when some edge has it, else
    /// unweighted (Louvain's and modularity's NULL, the spanning trees' "weight").
    pub fn default_column(m: &Model, name: &str) -> Weights {
        if !m.attrs_known {
            return Weights::Unknown;
        }
        if m.edge_attr_names().contains(name) {
            Weights::column(m, name)
        } else {
            Weights::Unweighted
        }
    }

    /// The weight of the edge `e` (as the model stores it).
    pub fn of(&self, e: &(Key, Key)) -> f64 {
        match self {
            Weights::Values(v) => v[e],
            _ => 1.0,
        }
    }

    /// Every weight, in edge order.
    pub fn all(&self, m: &Model) -> Vec<f64> {
        m.edges.iter().map(|e| self.of(e)).collect()
    }

    pub fn any(&self, m: &Model, f: impl Fn(f64) -> bool) -> bool {
        self.all(m).into_iter().any(f)
    }

    /// Whether sums of these weights are exact in any order (small integers), so the
    /// model can say when they are 0.
    pub fn exact_sums(&self, m: &Model) -> bool {
        self.all(m)
            .iter()
            .all(|w| w.fract() == 0.0 && w.abs() < (1u64 << 40) as f64)
    }
}

/// The status of a call reading `weights`, when the rest of its arguments are fine.
pub fn weighted(w: &Weights, then: Want) -> Want {
    match w {
        Weights::Refused => Want::Err(GR_STATUS_INVALID_ARGUMENT),
        Weights::Unknown => Want::Unknown,
        _ => then,
    }
}

/// An attribute as a weight: numbers and bools, else `None`.
fn number(v: &AttrValue) -> Option<f64> {
    Some(match v {
        AttrValue::Bool(b) => u8::from(*b) as f64,
        AttrValue::Int8(x) => *x as f64,
        AttrValue::Int16(x) => *x as f64,
        AttrValue::Int32(x) => *x as f64,
        AttrValue::Int64(x) => *x as f64,
        AttrValue::Float32(x) => *x as f64,
        AttrValue::Float64(x) => *x,
        _ => return None,
    })
}
