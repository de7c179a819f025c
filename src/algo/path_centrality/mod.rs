//! Centralities made of shortest paths: betweenness (of nodes and of edges), closeness and
//! harmonic centrality, with networkx's definitions and normalisations. Each runs one
//! search per source node, in parallel, on per-thread buffers (`search::Scratch`).
//!
//! Results never depend on the thread count: per-node values are computed independently,
//! and betweenness, a sum over sources, is summed in fixed chunks of sources whose partial
//! sums are added in chunk order (`chunked_sum`).

mod betweenness;
mod closeness;
mod edge_betweenness;
mod leaves;
mod search;

pub use betweenness::{betweenness_centrality, BetweennessOptions};
pub use closeness::{closeness_centrality, harmonic_centrality};
pub use edge_betweenness::{edge_betweenness_centrality, EdgeValues};

use parking_lot::Mutex;
use rayon::prelude::*;

use super::input::{self, Input};
use crate::core::fallible::filled;
use crate::core::{Cancel, GraphError, GraphResult, KeyRef, SharedGraph};
use search::Scratch;

/// The snapshot and weights of `graph`, with the compact ids of `nodes` (each must be in
/// the graph); a negative or NaN weight is an error here, before any search (Dijkstra
/// needs non-negative weights).
fn take(
    graph: &SharedGraph,
    nodes: &[KeyRef<'_>],
    weight: Option<&str>,
    cancel: &Cancel,
) -> GraphResult<Input> {
    let input = input::take(graph, nodes, weight, cancel)?;
    if let Some(w) = &input.weights {
        if w.least_if_non_negative().is_none() {
            let bad = w.out.iter().find(|w| w.is_nan() || **w < 0.0).copied();
            return Err(GraphError::Algorithm(format!(
                "shortest-path centralities need non-negative weights; weight {:?} has {}",
                weight.unwrap_or_default(),
                bad.unwrap_or(f64::NAN)
            )));
        }
    }
    Ok(input)
}

/// Per-thread search buffers, handed out and returned around each piece of work (a pool
/// rather than thread-locals: rayon may run pieces on any thread).
struct ScratchPool {
    free: Mutex<Vec<Scratch>>,
    n: usize,
    weighted: bool,
    counted: bool,
}

impl ScratchPool {
    fn new(n: usize, weighted: bool, counted: bool) -> ScratchPool {
        ScratchPool {
            free: Mutex::new(Vec::new()),
            n,
            weighted,
            counted,
        }
    }

    /// Runs `work` with a clean scratch, which goes back to the pool afterwards.
    fn with<T>(&self, work: impl FnOnce(&mut Scratch) -> GraphResult<T>) -> GraphResult<T> {
        let taken = self.free.lock().pop();
        let mut scratch = match taken {
            Some(s) => s,
            None => Scratch::new(self.n, self.weighted, self.counted)?,
        };
        let result = work(&mut scratch);
        scratch.reset();
        self.free.lock().push(scratch);
        result
    }
}

/// Sources per chunk of `chunked_sum`: enough work to make a chunk's partial sum (one
/// pass over the result) cheap beside its searches.
const SOURCES_PER_CHUNK: usize = 8;

/// The most values the partial sums of one round of `chunked_sum` hold (beyond one per
/// thread): 128 MiB.
const PARTIALS_BUDGET: usize = 1 << 24;

/// `Σ over sources of add(source)` as a vector of `len`: the sources are cut into fixed
/// chunks, each summed in order into its own partial vector, and the partials are added
/// to the total in chunk order. The chunks and the order of every addition are the same
/// on any number of threads, so is the result, bit for bit. `add(scratch, source,
/// partial)` runs one source and adds its share to `partial`.
fn chunked_sum(
    pool: &ScratchPool,
    sources: &[u32],
    len: usize,
    cancel: &Cancel,
    add: impl Fn(&mut Scratch, u32, &mut [f64]) -> GraphResult<()> + Sync,
) -> GraphResult<Vec<f64>> {
    let mut total = filled(len, 0.0)?;
    let chunks: Vec<&[u32]> = sources.chunks(SOURCES_PER_CHUNK).collect();
    // Chunks in flight at once: enough to keep every thread busy between two additions,
    // but fewer when partials are long (edge betweenness on a large graph), so that they
    // hold at most about `PARTIALS_BUDGET` values unless each thread needs one.
    let threads = rayon::current_num_threads();
    let window = (16 * threads).min((PARTIALS_BUDGET / len.max(1)).max(threads));
    let mut partials: Vec<Vec<f64>> = Vec::new();
    for group in chunks.chunks(window) {
        while partials.len() < group.len() {
            partials.push(filled(len, 0.0)?);
        }
        partials[..group.len()]
            .par_iter_mut()
            .zip(group.par_iter())
            .try_for_each(|(partial, chunk)| {
                partial.iter_mut().for_each(|x| *x = 0.0);
                pool.with(|scratch| {
                    for &s in chunk.iter() {
                        cancel.check()?;
                        add(scratch, s, partial)?;
                        scratch.reset();
                    }
                    Ok(())
                })
            })?;
        let used = &partials[..group.len()];
        total
            .par_chunks_mut(1 << 12)
            .enumerate()
            .for_each(|(c, slots)| {
                let start = c << 12;
                for (i, slot) in slots.iter_mut().enumerate() {
                    for partial in used {
                        *slot += partial[start + i];
                    }
                }
            });
    }
    Ok(total)
}

/// `value(scratch, node)` for every node, in parallel (each node independent).
fn per_node<T: Copy + Default + Send>(
    pool: &ScratchPool,
    n: usize,
    value: impl Fn(&mut Scratch, u32) -> GraphResult<T> + Sync,
) -> GraphResult<Vec<T>> {
    let mut out = filled(n, T::default())?;
    const NODES_PER_TASK: usize = 16;
    out.par_chunks_mut(NODES_PER_TASK)
        .enumerate()
        .try_for_each(|(c, slots)| {
            pool.with(|scratch| {
                for (i, slot) in slots.iter_mut().enumerate() {
                    *slot = value(scratch, (c * NODES_PER_TASK + i) as u32)?;
                    scratch.reset();
                }
                Ok(())
            })
        })?;
    Ok(out)
}

#[cfg(test)]
mod tests;
