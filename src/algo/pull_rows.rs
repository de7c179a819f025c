//! The rows an iterative algorithm pulls along every step (PageRank, eigenvector and Katz
//! centrality): a node's new value is a sum over its incoming entries (every entry when
//! undirected). They are the snapshot's own rows, or those it relabelled for cache
//! locality (`Csr::pull_order`); an algorithm keeps its values by row and maps them back
//! to compact ids at the end.

use std::sync::Arc;

use crate::core::fallible::{filled, with_capacity};
use crate::core::{Adjacency, Cancel, Csr, GraphResult, PullOrder};

pub(crate) struct PullRows<'a> {
    csr: &'a Csr,
    relabelled: Option<Arc<PullOrder>>,
}

impl<'a> PullRows<'a> {
    /// `csr`'s incoming rows, in its locality order when it has one.
    pub fn of(csr: &'a Csr, cancel: &Cancel) -> GraphResult<PullRows<'a>> {
        Ok(PullRows {
            csr,
            relabelled: csr.pull_order(cancel)?,
        })
    }

    /// `csr`'s incoming rows in the order of `relabelled` (`None`: compact order).
    #[cfg(test)]
    pub fn with(csr: &'a Csr, relabelled: Option<Arc<PullOrder>>) -> PullRows<'a> {
        PullRows { csr, relabelled }
    }

    pub fn rows(&self) -> &Adjacency {
        match &self.relabelled {
            Some(relabelled) => &relabelled.inp,
            None => self.csr.inp(),
        }
    }

    /// The compact id of row `row`.
    pub fn compact(&self, row: usize) -> usize {
        match &self.relabelled {
            Some(relabelled) => relabelled.order[row] as usize,
            None => row,
        }
    }

    /// Row `row`'s entry weights, of `weights` laid out like the snapshot's incoming
    /// entries: a row's entries are its compact row's, in the same order.
    pub fn row_weights<'w>(&self, weights: &'w [f64], row: usize) -> &'w [f64] {
        let offsets = &self.csr.inp().offsets;
        let c = self.compact(row);
        &weights[offsets[c]..offsets[c + 1]]
    }

    /// Per-node values by compact id, in row order.
    pub fn by_row(&self, by_compact: &[f64]) -> GraphResult<Vec<f64>> {
        let mut by_row = with_capacity(by_compact.len())?;
        by_row.extend((0..by_compact.len()).map(|r| by_compact[self.compact(r)]));
        Ok(by_row)
    }

    /// Per-node values by row, back in compact order.
    pub fn to_compact(&self, by_row: Vec<f64>) -> GraphResult<Vec<f64>> {
        let Some(relabelled) = &self.relabelled else {
            return Ok(by_row);
        };
        let mut by_compact = filled(by_row.len(), 0.0)?;
        for (&c, value) in relabelled.order.iter().zip(by_row) {
            by_compact[c as usize] = value;
        }
        Ok(by_compact)
    }
}
