//! Adding many edges at once in O(nodes + edges), duplicates included.
//!
//! One edge at a time, finding an existing edge scans an incidence list, which is
//! quadratic for the hubs of real graphs. In bulk, the pairs are bucketed by their first
//! endpoint (a counting sort), duplicates are found bucket by bucket with a marker array,
//! and each node's incidence list grows once, by exactly what it needs.

use std::collections::TryReserveError;

use rayon::prelude::*;

use crate::core::adjacency::Adjacency;
use crate::core::memory::{current_pool_counters, PoolScope};

use super::{LaidOut, Topology};
use crate::core::fallible::filled;

/// `first[i]` of a pair that matches an edge already in the graph.
const EXISTING: u32 = u32::MAX;
/// `slot[b]` flag: the value is an edge id, not the index of an earlier pair.
const EDGE_FLAG: u64 = 1 << 32;

impl Topology {
    /// The pair as duplicates are detected: `(u, v)` when directed, `(min, max)` otherwise.
    fn dedup_key(&self, [u, v]: [u32; 2]) -> (u32, u32) {
        if self.directed || u <= v {
            (u, v)
        } else {
            (v, u)
        }
    }

    /// Adds an edge for each pair of live nodes, exactly as `push_edge` one pair at a time
    /// would, except that a pair that already has an edge (in the graph, or earlier in
    /// `pairs`) adds nothing. Returns the edge of every pair, new or existing, so that its
    /// attributes can be set in order; `Err` (nothing changed) when memory runs out.
    pub fn add_edges_bulk(&mut self, pairs: Vec<[u32; 2]>) -> Result<Vec<u32>, TryReserveError> {
        let plan = self.plan_edges(&pairs)?;
        Ok(self.apply_edges(pairs, plan))
    }

    /// Finds the new edges among `pairs` and reserves the room they take (what may fail,
    /// with nothing changed but spare capacity); `apply_edges` then adds them. Into a graph
    /// without edges whose nodes are all alive, the snapshot rows are laid out as well
    /// (`laid_out.rs`); their room is reserved here too.
    pub fn plan_edges(&mut self, pairs: &[[u32; 2]]) -> Result<EdgePlan, TryReserveError> {
        let lay_out = !pairs.is_empty()
            && self.endpoints.is_empty()
            && self.live_nodes == self.node_alive.len();
        // Directed, the counting sort that finds duplicates is the outgoing rows already.
        let mut out_rows = (lay_out && self.directed).then(Adjacency::default);
        let (first, existing) = self.first_occurrences(pairs, out_rows.as_mut())?;
        let new_edges = first
            .iter()
            .enumerate()
            .filter(|&(i, &f)| f == i as u32)
            .count();
        self.endpoints.try_reserve_exact(new_edges)?;
        let counts = self.reserve_incidences(pairs, &first, lay_out)?;
        let rows = match (counts, out_rows) {
            (Some([_, inp]), Some(out)) => Some([out, rows_for(&inp)?]),
            (Some([out, _]), None) => Some([rows_for(&out)?, Adjacency::default()]),
            (None, _) => None,
        };
        Ok(EdgePlan {
            first,
            existing,
            new_edges,
            rows,
        })
    }

    /// Adds the edges `plan` found (no allocation: the room is reserved).
    pub fn apply_edges(&mut self, pairs: Vec<[u32; 2]>, mut plan: EdgePlan) -> Vec<u32> {
        let base = self.endpoints.len();
        let rows = plan.rows.take();
        let ids = self.assign_edge_ids(pairs, plan);
        match rows {
            Some([mut out, mut inp]) => {
                // Directed, the outgoing rows were laid out with the plan.
                let to_write = match self.directed {
                    true => [None, Some(&mut inp)],
                    false => [Some(&mut out), None],
                };
                self.append_incidences(base, to_write);
                let new = &self.endpoints[base..];
                // Not in parallel: rayon's bookkeeping must not count for the graph's pool.
                let has_self_loops = new.iter().any(|&[u, v]| u == v);
                self.laid_out.set(LaidOut {
                    epoch: self.epoch,
                    node_capacity: self.node_alive.len(),
                    edge_capacity: self.endpoints.len(),
                    out,
                    inp,
                    has_self_loops,
                });
            }
            None => self.append_incidences(base, [None, None]),
        }
        ids
    }

    /// For each pair: the index of the first pair with the same endpoints (itself when it
    /// is the first), or `EXISTING` with the matched edge in the returned list. With
    /// `out_rows` (a directed graph without edges), lays out the outgoing snapshot rows:
    /// the first occurrences, bucket by bucket.
    #[allow(clippy::type_complexity)]
    fn first_occurrences(
        &self,
        pairs: &[[u32; 2]],
        mut out_rows: Option<&mut Adjacency>,
    ) -> Result<(Vec<u32>, Vec<(u32, u32)>), TryReserveError> {
        let n = self.node_alive.len();
        // Counting sort of the pair indices by their first endpoint, stable in input order.
        let mut start = filled(n + 1, 0u32)?;
        for &p in pairs {
            start[self.dedup_key(p).0 as usize + 1] += 1;
        }
        for a in 0..n {
            start[a + 1] += start[a];
        }
        // Each bucket entry carries the pair's second endpoint too, so the scan below
        // reads the buckets front to back instead of jumping around `pairs`.
        let mut order = filled(pairs.len(), [0u32; 2])?;
        let mut fill = filled(n + 1, 0u32)?;
        fill.copy_from_slice(&start);
        for (i, &p) in pairs.iter().enumerate() {
            let (a, b) = self.dedup_key(p);
            order[fill[a as usize] as usize] = [i as u32, b];
            fill[a as usize] += 1;
        }
        drop(fill);

        // Per bucket, `mark[b] == a` says pair (a, b) was seen, and `slot[b]` says where.
        let mut first = filled(pairs.len(), 0u32)?;
        let mut existing = Vec::new();
        let mut mark = filled(n, u32::MAX)?;
        let mut slot = filled(n, 0u64)?;
        if let Some(rows) = out_rows.as_mut() {
            rows.offsets.try_reserve_exact(n + 1)?;
            rows.offsets.push(0);
            rows.nodes.try_reserve_exact(pairs.len())?;
        }
        for a in 0..n {
            let bucket = &order[start[a] as usize..start[a + 1] as usize];
            if let (Some(rows), true) = (out_rows.as_mut(), a > 0) {
                rows.offsets.push(rows.nodes.len()); // row `a - 1` ends
            }
            if bucket.is_empty() {
                continue;
            }
            for &e in &self.out[a] {
                let (ka, kb) = self.dedup_key(self.endpoints[e as usize]);
                if ka as usize == a {
                    mark[kb as usize] = a as u32;
                    slot[kb as usize] = EDGE_FLAG | e as u64;
                }
            }
            for &[i, b] in bucket {
                let b = b as usize;
                if mark[b] != a as u32 {
                    mark[b] = a as u32;
                    slot[b] = i as u64;
                    first[i as usize] = i;
                    if let Some(rows) = out_rows.as_mut() {
                        rows.nodes.push(b as u32);
                    }
                } else if slot[b] & EDGE_FLAG != 0 {
                    first[i as usize] = EXISTING;
                    existing.try_reserve(1)?;
                    existing.push((i, slot[b] as u32));
                } else {
                    first[i as usize] = slot[b] as u32;
                }
            }
        }
        if let Some(rows) = out_rows {
            if n > 0 {
                rows.offsets.push(rows.nodes.len()); // the last row ends
            }
            rows.nodes.shrink_to_fit(); // room was taken for duplicates too
        }
        Ok((first, existing))
    }

    /// Turns first occurrences into edge ids, appending the endpoints of new edges in pair
    /// order (so new edges keep insertion order).
    fn assign_edge_ids(&mut self, pairs: Vec<[u32; 2]>, plan: EdgePlan) -> Vec<u32> {
        let EdgePlan {
            first: mut ids,
            mut existing,
            new_edges,
            rows: _,
        } = plan;
        existing.sort_unstable();
        let mut existing = existing.into_iter();
        for i in 0..ids.len() {
            let f = ids[i];
            ids[i] = if f == EXISTING {
                existing.next().expect("one entry per existing match").1
            } else if f as usize == i {
                let e = self.endpoints.len() as u32;
                self.endpoints.push(pairs[i]);
                e
            } else {
                ids[f as usize] // an earlier pair, already turned into its edge id
            };
        }
        self.live_edges += new_edges;
        ids
    }

    /// Runs `side` over the node range split between threads, for the `out` lists and
    /// (directed) the `inp` lists, carrying this thread's memory pool to rayon's threads
    /// (and keeping rayon's own bookkeeping out of it). Each thread touches only its own
    /// lists, and its own part of `rows` (the rows being laid out, `[out, inp]`) if any.
    /// Returns the two sides' results.
    fn for_each_side<R: Send>(
        &mut self,
        rows: [Option<&mut Adjacency>; 2],
        side: impl Fn(Chunk<'_>) -> R + Sync,
        join: impl Fn(R, R) -> R + Sync + Send,
        none: impl Fn() -> R + Sync + Send,
    ) -> [R; 2] {
        let pool = current_pool_counters();
        let _suspended = PoolScope::suspend();
        let chunk = self.out.len().div_ceil(rayon::current_num_threads()).max(1);
        let [out_rows, inp_rows] = rows.map(|r| r.map_or_else(Vec::new, |r| row_parts(r, chunk)));
        let run_side = |lists: &mut [Vec<u32>], parts: Vec<RowPart<'_>>, out: bool| {
            let mut parts: Vec<Option<RowPart<'_>>> = parts.into_iter().map(Some).collect();
            parts.resize_with(lists.len().div_ceil(chunk), || None);
            lists
                .par_chunks_mut(chunk)
                .zip(parts)
                .enumerate()
                .map(|(k, (lists, rows))| {
                    let _scope = PoolScope::enter_opt(pool);
                    side(Chunk {
                        lists,
                        first: k * chunk,
                        out,
                        rows,
                    })
                })
                .reduce(&none, &join)
        };
        let (out, inp) = rayon::join(
            || run_side(&mut self.out, out_rows, true),
            || run_side(&mut self.inp, inp_rows, false),
        );
        [out, inp]
    }

    /// Reserves in each incidence list exactly the entries the new pairs (those that are
    /// their own first occurrence) add to it. With `count`, also returns those numbers of
    /// entries by node, for each side.
    fn reserve_incidences(
        &mut self,
        pairs: &[[u32; 2]],
        first: &[u32],
        count: bool,
    ) -> Result<Option<[Vec<u32>; 2]>, TryReserveError> {
        let directed = self.directed;
        let new = |i: usize| first[i] == i as u32;
        let [out, inp]: [Result<Vec<u32>, TryReserveError>; 2] = self.for_each_side(
            [None, None],
            |chunk| {
                let start = chunk.first;
                let range = start..start + chunk.lists.len();
                let mut extra = filled(chunk.lists.len(), 0u32)?;
                for (i, &pair) in pairs.iter().enumerate() {
                    if !new(i) {
                        continue;
                    }
                    for n in ends(directed, chunk.out, pair).into_iter().flatten() {
                        if range.contains(&(n as usize)) {
                            extra[n as usize - start] += 1;
                        }
                    }
                }
                for (list, &more) in chunk.lists.iter_mut().zip(&extra) {
                    list.try_reserve_exact(more as usize)?;
                }
                Ok(if count { extra } else { Vec::new() })
            },
            |a, b| {
                let (mut a, b) = (a?, b?);
                a.try_reserve_exact(b.len())?;
                a.extend_from_slice(&b);
                Ok(a)
            },
            || Ok(Vec::new()),
        );
        let (out, inp) = (out?, inp?);
        Ok(count.then_some([out, inp]))
    }

    /// Adds the edges from `base` on to the incidence lists, whose room is reserved, and
    /// lays out `rows` (the graph had no edges: a node's entry goes where its list is).
    fn append_incidences(&mut self, base: usize, rows: [Option<&mut Adjacency>; 2]) {
        let directed = self.directed;
        let new = std::mem::take(&mut self.endpoints);
        self.for_each_side(
            rows,
            |mut chunk| {
                let start = chunk.first;
                let range = start..start + chunk.lists.len();
                for (k, &pair) in new[base..].iter().enumerate() {
                    for n in ends(directed, chunk.out, pair).into_iter().flatten() {
                        if range.contains(&(n as usize)) {
                            let at = n as usize - start;
                            let list = &mut chunk.lists[at];
                            debug_assert!(list.len() < list.capacity(), "room was reserved");
                            if let Some(rows) = &mut chunk.rows {
                                let other = if n == pair[0] { pair[1] } else { pair[0] };
                                rows.nodes[rows.offsets[at] - rows.offsets[0] + list.len()] = other;
                            }
                            list.push((base + k) as u32);
                        }
                    }
                }
            },
            |(), ()| (),
            || (),
        );
        self.endpoints = new;
    }
}

/// The part of one side that one thread works on.
struct Chunk<'a> {
    /// The incidence lists of nodes `first..first + lists.len()`.
    lists: &'a mut [Vec<u32>],
    first: usize,
    /// Whether these are `out` lists (else `inp`).
    out: bool,
    /// The rows of these nodes being laid out, if any.
    rows: Option<RowPart<'a>>,
}

/// The rows of a run of nodes: `offsets` (one more than nodes, absolute) and the entries
/// from the first node's on.
struct RowPart<'a> {
    offsets: &'a [usize],
    nodes: &'a mut [u32],
}

/// `rows` split into the parts of consecutive runs of `chunk` nodes.
fn row_parts(rows: &mut Adjacency, chunk: usize) -> Vec<RowPart<'_>> {
    let Adjacency { offsets, nodes } = rows;
    let n = offsets.len().saturating_sub(1);
    let mut parts = Vec::with_capacity(n.div_ceil(chunk));
    let mut rest: &mut [u32] = nodes;
    let mut start = 0;
    while start < n {
        let end = (start + chunk).min(n);
        let (part, tail) = rest.split_at_mut(offsets[end] - offsets[start]);
        parts.push(RowPart {
            offsets: &offsets[start..=end],
            nodes: part,
        });
        rest = tail;
        start = end;
    }
    parts
}

/// Rows with `counts[c]` entries for node `c`, the entries' room taken (zeros for now);
/// no rows at all for no nodes (the unused `inp` side of an undirected graph).
fn rows_for(counts: &[u32]) -> Result<Adjacency, TryReserveError> {
    if counts.is_empty() {
        return Ok(Adjacency::default());
    }
    let mut offsets = Vec::new();
    offsets.try_reserve_exact(counts.len() + 1)?;
    let mut total = 0;
    offsets.push(0);
    for &c in counts {
        total += c as usize;
        offsets.push(total);
    }
    Ok(Adjacency {
        offsets,
        nodes: filled(total, 0u32)?,
    })
}

/// What `plan_edges` found: each pair's first occurrence, the pairs matching edges already
/// in the graph, and how many edges are new.
#[derive(Debug)]
pub struct EdgePlan {
    first: Vec<u32>,
    existing: Vec<(u32, u32)>,
    new_edges: usize,
    /// The snapshot rows to lay out (`[out, inp]`), their room taken.
    rows: Option<[Adjacency; 2]>,
}

impl EdgePlan {
    /// How many of the pairs add an edge.
    pub fn new_edges(&self) -> usize {
        self.new_edges
    }
}

/// The nodes whose `out` (or, directed, `inp`) list an edge `[u, v]` is listed in.
fn ends(directed: bool, out: bool, [u, v]: [u32; 2]) -> [Option<u32>; 2] {
    match (directed, out) {
        (true, true) => [Some(u), None],
        (true, false) => [Some(v), None],
        (false, _) => [Some(u), (u != v).then_some(v)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_at_a_time(directed: bool, n: usize, pairs: &[[u32; 2]]) -> (Topology, Vec<u32>) {
        let mut t = Topology::new(directed);
        for _ in 0..n {
            t.push_node();
        }
        let ids = pairs
            .iter()
            .map(|&[u, v]| t.find_edge(u, v).unwrap_or_else(|| t.push_edge(u, v)))
            .collect();
        (t, ids)
    }

    #[test]
    fn bulk_matches_one_at_a_time() {
        let pairs = [
            [0, 1],
            [1, 0],
            [2, 2],
            [0, 1],
            [3, 1],
            [1, 3],
            [2, 2],
            [1, 0],
        ];
        for directed in [false, true] {
            let (mut expected, expected_ids) = one_at_a_time(directed, 4, &pairs[..3]);
            let (mut bulk, mut bulk_ids) = one_at_a_time(directed, 4, &pairs[..3]);
            let rest = &pairs[3..];
            bulk_ids.extend(bulk.add_edges_bulk(rest.to_vec()).unwrap());
            let more: Vec<u32> = rest
                .iter()
                .map(|&[u, v]| {
                    expected
                        .find_edge(u, v)
                        .unwrap_or_else(|| expected.push_edge(u, v))
                })
                .collect();
            let expected_ids = [expected_ids, more].concat();
            assert_eq!(bulk_ids, expected_ids, "directed={directed}");
            assert_eq!(bulk.edge_count(), expected.edge_count());
            for n in 0..4 {
                assert_eq!(bulk.successors(n), expected.successors(n));
                assert_eq!(bulk.predecessors(n), expected.predecessors(n));
                assert_eq!(bulk.degree(n), expected.degree(n));
            }
        }
    }
}
