//! `Cancel`: a flag another thread sets to stop a running algorithm.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::error::{GraphError, GraphResult};

/// Shared by the caller and the algorithm; cloning gives another handle on the same flag.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Asks every algorithm watching this token to stop.
    pub fn trigger(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_triggered(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// `Err(Cancelled)` once triggered. Cheap: algorithms call it every few thousand steps.
    pub fn check(&self) -> GraphResult<()> {
        if self.is_triggered() {
            Err(GraphError::Cancelled)
        } else {
            Ok(())
        }
    }
}

/// Steps between two checks of the token in node-by-node loops (a few microseconds).
pub const CHECK_EVERY: usize = 1 << 12;
