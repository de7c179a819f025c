//! Betweenness centrality of edges, with networkx's accumulation and rescaling. Edges
//! come out as networkx's `G.edges()` lists them for a graph built the same way: node by
//! node in node order, each node's edges in edge order, and on an undirected graph each
//! edge once, from its endpoint that comes first in node order.

use rayon::prelude::*;

use super::betweenness::{accumulate, brandes_sums, BetweennessOptions};
use crate::core::fallible::filled;
use crate::core::{Adjacency, Array, Cancel, Csr, GraphResult, KeyList, SharedGraph};

/// A value per edge: edge `i` goes from `sources[i]` to `targets[i]`.
#[derive(Debug)]
pub struct EdgeValues {
    pub sources: KeyList,
    pub targets: KeyList,
    pub values: Array,
}

/// Edge betweenness centrality, as networkx's `edge_betweenness_centrality`, with the
/// options of `betweenness_centrality` (`endpoints` is not used: edges always count them).
pub fn edge_betweenness_centrality(
    graph: &SharedGraph,
    options: &BetweennessOptions<'_>,
    cancel: &Cancel,
) -> GraphResult<EdgeValues> {
    // Sums per entry of the adjacency: a share for the edge `v -> w` lands on `v`'s entry
    // for `w` (an undirected edge has two entries, one each way).
    let per_entry = |csr: &Csr| csr.out.nodes.len();
    let run = brandes_sums(
        graph,
        options,
        false,
        cancel,
        per_entry,
        |scratch, forward, s, _, sums| {
            accumulate(scratch, forward, s, |e, share| sums[e] += share, |_, _| {});
            Ok(())
        },
    )?;
    cancel.check()?;
    let csr = &run.input.csr;
    let (listed, mut values) = per_edge(csr, &run.sums)?;
    let scale = run.rescale(options.normalized, true);
    scale.apply(&mut values, None);
    let keys = csr.keys();
    let mut sources_out = KeyList::default();
    let mut targets_out = KeyList::default();
    sources_out.try_reserve(listed.len())?;
    targets_out.try_reserve(listed.len())?;
    for &(u, v) in &listed {
        sources_out.push(keys.get(u as usize));
        targets_out.push(keys.get(v as usize));
    }
    Ok(EdgeValues {
        sources: sources_out,
        targets: targets_out,
        values: Array::from_f64(values),
    })
}

/// An edge as the compact ids of its ends.
type Edge = (u32, u32);

/// The edges in networkx's order, `(u, v)` as compact ids, with their sums in `by_entry`
/// (laid out like the entries of `csr.out`): a directed edge's entry; both entries of an
/// undirected edge.
fn per_edge(csr: &Csr, by_entry: &[f64]) -> GraphResult<(Vec<Edge>, Vec<f64>)> {
    let out = &csr.out;
    let directed = csr.is_directed();
    let sorted = if directed {
        Vec::new()
    } else {
        sorted_entries(out)?
    };
    // Where `v`'s entry for `u` sits (undirected).
    let twin = |v: u32, u: u32| -> usize {
        let range = out.offsets[v as usize]..out.offsets[v as usize + 1];
        let slice = &sorted[range];
        let i = slice
            .binary_search_by_key(&u, |&(node, _)| node)
            .expect("an undirected edge is listed at both ends");
        slice[i].1
    };
    let mut listed = Vec::new();
    let mut values = Vec::new();
    for u in 0..csr.node_count() as u32 {
        let range = out.offsets[u as usize]..out.offsets[u as usize + 1];
        for (e, &v) in range.clone().zip(&out.nodes[range]) {
            if directed {
                listed.push((u, v));
                values.push(by_entry[e]);
            } else if v > u {
                listed.push((u, v));
                values.push(by_entry[e] + by_entry[twin(v, u)]);
            } else if v == u {
                listed.push((u, v));
                values.push(0.0); // a self-loop is on no shortest path
            }
        }
    }
    Ok((listed, values))
}

/// Each node's entries of `adjacency` as `(neighbour, entry)`, sorted by neighbour within
/// the node's range, to find an edge's entry by binary search (no hashing).
fn sorted_entries(adjacency: &Adjacency) -> GraphResult<Vec<(u32, usize)>> {
    let mut sorted = filled(adjacency.nodes.len(), (0u32, 0usize))?;
    sorted
        .par_iter_mut()
        .enumerate()
        .for_each(|(e, slot)| *slot = (adjacency.nodes[e], e));
    let n = adjacency.offsets.len().saturating_sub(1);
    let mut rest = &mut sorted[..];
    let mut ranges = Vec::with_capacity(n);
    for v in 0..n {
        let (head, tail) = rest.split_at_mut(adjacency.offsets[v + 1] - adjacency.offsets[v]);
        ranges.push(head);
        rest = tail;
    }
    ranges.into_par_iter().for_each(|r| r.sort_unstable());
    Ok(sorted)
}
