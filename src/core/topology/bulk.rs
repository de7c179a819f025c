//! Adding many edges at once in O(nodes + edges), duplicates included.
//!
//! One edge at a time, finding an existing edge scans an incidence list, which is
//! quadratic for the hubs of real graphs. In bulk, the pairs are bucketed by their first
//! endpoint (a counting sort), duplicates are found bucket by bucket with a marker array,
//! and each node's incidence list grows once, by exactly what it needs.

use rayon::prelude::*;

use crate::alloc::{current_pool_counters, PoolScope};

use super::Topology;

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
    /// attributes can be set in order.
    pub fn add_edges_bulk(&mut self, pairs: Vec<[u32; 2]>) -> Vec<u32> {
        let first = self.first_occurrences(&pairs);
        let base = self.endpoints.len();
        let ids = self.assign_edge_ids(pairs, first);
        self.append_incidences(base);
        ids
    }

    /// For each pair: the index of the first pair with the same endpoints (itself when it
    /// is the first), or `EXISTING` with the matched edge in the returned list.
    fn first_occurrences(&self, pairs: &[[u32; 2]]) -> (Vec<u32>, Vec<(u32, u32)>) {
        let n = self.node_alive.len();
        // Counting sort of the pair indices by their first endpoint, stable in input order.
        let mut start = vec![0u32; n + 1];
        for &p in pairs {
            start[self.dedup_key(p).0 as usize + 1] += 1;
        }
        for a in 0..n {
            start[a + 1] += start[a];
        }
        // Each bucket entry carries the pair's second endpoint too, so the scan below
        // reads the buckets front to back instead of jumping around `pairs`.
        let mut order = vec![[0u32; 2]; pairs.len()];
        let mut fill = start.clone();
        for (i, &p) in pairs.iter().enumerate() {
            let (a, b) = self.dedup_key(p);
            order[fill[a as usize] as usize] = [i as u32, b];
            fill[a as usize] += 1;
        }
        drop(fill);

        // Per bucket, `mark[b] == a` says pair (a, b) was seen, and `slot[b]` says where.
        let mut first = vec![0u32; pairs.len()];
        let mut existing = Vec::new();
        let mut mark = vec![u32::MAX; n];
        let mut slot = vec![0u64; n];
        for a in 0..n {
            let bucket = &order[start[a] as usize..start[a + 1] as usize];
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
                } else if slot[b] & EDGE_FLAG != 0 {
                    first[i as usize] = EXISTING;
                    existing.push((i, slot[b] as u32));
                } else {
                    first[i as usize] = slot[b] as u32;
                }
            }
        }
        (first, existing)
    }

    /// Turns first occurrences into edge ids, appending the endpoints of new edges in pair
    /// order (so new edges keep insertion order).
    fn assign_edge_ids(
        &mut self,
        pairs: Vec<[u32; 2]>,
        (mut ids, mut existing): (Vec<u32>, Vec<(u32, u32)>),
    ) -> Vec<u32> {
        existing.sort_unstable();
        let mut existing = existing.into_iter();
        let new_edges = ids
            .iter()
            .enumerate()
            .filter(|&(i, &f)| f == i as u32)
            .count();
        self.endpoints.reserve_exact(new_edges);
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

    /// Adds the edges from `base` on to the incidence lists, growing each list once. The
    /// node range is split between threads; each thread scans the new edges and appends
    /// those of its own nodes, so no list is touched by two threads.
    fn append_incidences(&mut self, base: usize) {
        // The lists grow on rayon's threads: carry this thread's memory pool to them, and
        // keep rayon's own bookkeeping out of it.
        let pool = current_pool_counters();
        let _suspended = PoolScope::suspend();
        let new = &self.endpoints[base..];
        let directed = self.directed;
        let chunk = self.out.len().div_ceil(rayon::current_num_threads()).max(1);
        let out_side = |lists: &mut [Vec<u32>], first: usize| {
            let _scope = PoolScope::enter_opt(pool);
            append_side(lists, first, new, base, |[u, v]| {
                if directed {
                    [Some(u), None]
                } else {
                    [Some(u), (u != v).then_some(v)]
                }
            })
        };
        let in_side = |lists: &mut [Vec<u32>], first: usize| {
            let _scope = PoolScope::enter_opt(pool);
            append_side(lists, first, new, base, |[_, v]| [Some(v), None])
        };
        rayon::join(
            || {
                self.out
                    .par_chunks_mut(chunk)
                    .enumerate()
                    .for_each(|(k, lists)| out_side(lists, k * chunk))
            },
            || {
                self.inp
                    .par_chunks_mut(chunk)
                    .enumerate()
                    .for_each(|(k, lists)| in_side(lists, k * chunk))
            },
        );
    }
}

/// Appends edge `base + k` to the lists of the nodes `ends(new[k])` that fall in
/// `first .. first + lists.len()`, reserving each list's exact growth first.
fn append_side(
    lists: &mut [Vec<u32>],
    first: usize,
    new: &[[u32; 2]],
    base: usize,
    ends: impl Fn([u32; 2]) -> [Option<u32>; 2],
) {
    let range = first..first + lists.len();
    let mut extra = vec![0u32; lists.len()];
    for &pair in new {
        for n in ends(pair).into_iter().flatten() {
            if range.contains(&(n as usize)) {
                extra[n as usize - first] += 1;
            }
        }
    }
    for (list, &more) in lists.iter_mut().zip(&extra) {
        list.reserve_exact(more as usize);
    }
    for (k, &pair) in new.iter().enumerate() {
        for n in ends(pair).into_iter().flatten() {
            if range.contains(&(n as usize)) {
                lists[n as usize - first].push((base + k) as u32);
            }
        }
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
            bulk_ids.extend(bulk.add_edges_bulk(rest.to_vec()));
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
