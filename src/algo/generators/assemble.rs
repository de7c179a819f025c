//! Turning generated edges into a graph, and the block-parallel generation the random
//! models share.

use rayon::prelude::*;

use crate::core::fallible::{collected, with_capacity};
use crate::core::{Cancel, GraphCore, GraphResult, KeyRef, NoMemory};

/// An edge between two node positions (`0..n`, which are also the nodes' int keys).
pub(super) type Pair = [u32; 2];

/// A graph of the nodes `0..nodes` (int keys, in that order) and the edges `pairs`
/// between them (a repeated pair is one edge). Every generator ends here, its arguments
/// checked: a token triggered before the call stops it here at the latest (`Cancelled`),
/// as it stops the algorithms, even when the generator's work was too small for its loops
/// to look at the token.
pub(super) fn graph_of(
    nodes: usize,
    directed: bool,
    pairs: Vec<Pair>,
    cancel: &Cancel,
) -> GraphResult<GraphCore> {
    cancel.check()?;
    let mut g = GraphCore::new(directed);
    let keys = collected((0..nodes).map(|k| KeyRef::Int(k as i64)))?;
    g.add_nodes_with_columns(&keys, &[])?;
    drop(keys);
    g.add_edges_by_position(pairs)?;
    Ok(g)
}

/// `list.push(item)`, or `Err` when the memory cannot be had (growing by doubling).
pub(super) fn push(list: &mut Vec<Pair>, item: Pair) -> Result<(), NoMemory> {
    if list.len() == list.capacity() {
        list.try_reserve(list.len().max(64))?;
    }
    list.push(item);
    Ok(())
}

/// The edges of `blocks` independent blocks, generated in parallel by `block(b)` and
/// concatenated in block order, so the result does not depend on the thread count. The
/// token is checked before each block (blocks are sized to take well under a millisecond).
pub(super) fn in_blocks(
    blocks: usize,
    cancel: &Cancel,
    block: impl Fn(usize) -> GraphResult<Vec<Pair>> + Sync,
) -> GraphResult<Vec<Pair>> {
    let parts: Vec<Vec<Pair>> = (0..blocks)
        .into_par_iter()
        .map(|b| {
            cancel.check()?;
            block(b)
        })
        .collect::<GraphResult<_>>()?;
    let total = parts.iter().map(Vec::len).sum();
    let mut pairs = with_capacity(total)?;
    for part in parts {
        pairs.extend_from_slice(&part);
    }
    Ok(pairs)
}
