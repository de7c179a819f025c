//! Triangles through each node of an undirected graph (self-loops ignored), as networkx's
//! `triangles`.
//!
//! Each triangle is found once, from its lowest node in the order (degree, id): every
//! edge points from its lower to its higher end, so no node has more than about sqrt(2m)
//! higher neighbours, and the triangles of `u` are the higher neighbours `w` of its
//! higher neighbours `v` that `u` also reaches (a bit set of them per thread). Runs of
//! nodes are spread over threads, each thread counting into its own array; the arrays are
//! added up at the end (exact integers, so the result does not depend on the thread
//! count).

use rayon::prelude::*;

use super::super::{input, NodeValues};
use crate::core::fallible::{collected, filled};
use crate::core::{Array, Cancel, Csr, GraphError, GraphResult, SharedGraph};

/// Nodes between two looks at the cancel token (per thread).
const CANCEL_EVERY: usize = 1 << 10;

/// The number of triangles through each node (int64), in node order. Undirected graphs
/// only, as networkx (`InvalidOperation` otherwise).
pub fn triangles(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<NodeValues> {
    let input = input::take(graph, &[], None, cancel)?;
    let csr = &input.csr;
    undirected_only(csr, "triangles")?;
    let counts = per_node(csr, cancel)?;
    Ok(NodeValues {
        keys: csr.keys().clone(),
        values: Array::from_i64(collected(counts.iter().map(|&t| t as i64))?),
    })
}

fn undirected_only(csr: &Csr, op: &str) -> GraphResult<()> {
    if csr.is_directed() {
        return Err(GraphError::InvalidOperation(format!(
            "{op} is not defined for directed graphs (as networkx)"
        )));
    }
    Ok(())
}

/// Each node's number of neighbours other than itself.
pub(super) fn loopless_degrees(csr: &Csr) -> GraphResult<Vec<u64>> {
    let mut degree = filled(csr.node_count(), 0u64)?;
    degree.par_iter_mut().enumerate().for_each(|(u, d)| {
        let u = u as u32;
        *d = csr.out.neighbors(u).iter().filter(|&&v| v != u).count() as u64;
    });
    Ok(degree)
}

/// Triangles through each node of an undirected snapshot, by compact id.
pub(super) fn per_node(csr: &Csr, cancel: &Cancel) -> GraphResult<Vec<u64>> {
    let n = csr.node_count();
    let degree = loopless_degrees(csr)?;
    // Rank nodes by (degree, id); edges point from lower to higher rank.
    // A counting sort by degree, stable, so ties stay in id order.
    let most = degree.iter().copied().max().unwrap_or(0) as usize;
    let mut next = filled(most + 2, 0usize)?;
    for &d in &degree {
        next[d as usize + 1] += 1;
    }
    for d in 0..=most {
        next[d + 1] += next[d];
    }
    let mut order = filled(n, 0u32)?;
    for (u, &d) in degree.iter().enumerate() {
        order[next[d as usize]] = u as u32;
        next[d as usize] += 1;
    }
    drop(next);
    let mut rank = filled(n, 0u32)?;
    for (r, &u) in order.iter().enumerate() {
        rank[u as usize] = r as u32;
    }
    // Higher neighbours of each rank, as ranks, ascending (for locality, and so that a
    // scan can stop early). Counted and filled in parallel, each rank its own slice.
    let mut offsets = filled(n + 1, 0usize)?;
    offsets[1..]
        .par_iter_mut()
        .enumerate()
        .for_each(|(r, slot)| {
            let higher = csr.out.neighbors(order[r]).iter();
            *slot = higher.filter(|&&v| rank[v as usize] > r as u32).count();
        });
    for r in 0..n {
        offsets[r + 1] += offsets[r];
    }
    let mut up = filled(offsets[n], 0u32)?;
    let mut slices = Vec::new();
    slices.try_reserve_exact(n)?;
    let mut rest = &mut up[..];
    for r in 0..n {
        let (head, tail) = rest.split_at_mut(offsets[r + 1] - offsets[r]);
        slices.push(head);
        rest = tail;
    }
    slices.par_iter_mut().enumerate().for_each(|(r, slot)| {
        let mut i = 0;
        for &v in csr.out.neighbors(order[r]) {
            if rank[v as usize] > r as u32 {
                slot[i] = rank[v as usize];
                i += 1;
            }
        }
        slot.sort_unstable();
    });
    drop(slices);
    let higher = |r: usize| &up[offsets[r]..offsets[r + 1]];

    // Runs of ranks holding about equal work (the wedges each rank closes), several per
    // thread so that one slow run does not hold the others up.
    let mut work = filled(n + 1, 0u64)?;
    work[1..].par_iter_mut().enumerate().for_each(|(r, slot)| {
        let wedges: usize = higher(r).iter().map(|&v| higher(v as usize).len()).sum();
        *slot = wedges as u64 + 1;
    });
    for r in 0..n {
        work[r + 1] += work[r];
    }
    let runs = 16 * rayon::current_num_threads();
    let share = work[n].div_ceil(runs as u64).max(1);
    let mut cuts = vec![0usize];
    while *cuts.last().expect("starts with 0") < n {
        let from = *cuts.last().expect("starts with 0");
        let target = work[from] + share;
        let to = work.partition_point(|&w| w < target).clamp(from + 1, n);
        cuts.push(to);
    }
    // Counts per thread (no atomics in the loop), added up at the end.
    let counts = cuts
        .par_windows(2)
        .try_fold(
            Vec::new,
            |mut counts: Vec<u64>, run| -> GraphResult<Vec<u64>> {
                if counts.is_empty() {
                    counts = filled(n, 0u64)?;
                }
                // The higher neighbours of the current rank as a bit set: small enough to
                // stay in the nearest cache, where the checks below land at random.
                let mut mark = filled(n.div_ceil(64), 0u64)?;
                for r in run[0]..run[1] {
                    if r % CANCEL_EVERY == 0 {
                        cancel.check()?;
                    }
                    let mine = higher(r);
                    if mine.len() < 2 {
                        continue;
                    }
                    for &w in mine {
                        mark[w as usize >> 6] |= 1 << (w & 63);
                    }
                    let mut at_r = 0;
                    // Lists ascend: past the highest of `mine` nothing more can close.
                    let top = mine[mine.len() - 1];
                    for &v in mine {
                        let mut at_v = 0;
                        for &w in higher(v as usize) {
                            if w > top {
                                break;
                            }
                            // Branch-free: whether `w` closes a triangle is hard to
                            // predict.
                            let hit = (mark[w as usize >> 6] >> (w & 63)) & 1;
                            at_v += hit;
                            counts[w as usize] += hit;
                        }
                        counts[v as usize] += at_v;
                        at_r += at_v;
                    }
                    counts[r] += at_r;
                    for &w in mine {
                        mark[w as usize >> 6] = 0;
                    }
                }
                Ok(counts)
            },
        )
        .try_reduce(Vec::new, |mut a, b| {
            if a.is_empty() {
                return Ok(b);
            }
            a.iter_mut().zip(&b).for_each(|(x, y)| *x += y);
            Ok(a)
        })?;
    cancel.check()?;
    if counts.is_empty() {
        return Ok(counts); // no node
    }
    Ok(collected((0..n).map(|c| counts[rank[c] as usize]))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::test_graphs::graph;
    use crate::core::{AttrValue, GraphCore, KeyRef};

    #[test]
    fn counts_triangles_through_each_node() {
        // Two triangles sharing the edge 1-2, a self-loop and a pendant node.
        let g = graph(
            false,
            &[(0, 1), (1, 2), (2, 0), (1, 3), (3, 2), (3, 3), (3, 4)],
        );
        let t = triangles(&g, &Cancel::new()).unwrap();
        let got: Vec<AttrValue> = (0..5).map(|i| t.values.get(i)).collect();
        let want = [1, 2, 2, 1, 0].map(AttrValue::Int64);
        assert_eq!(got, want);
        assert!(matches!(
            triangles(&graph(true, &[(0, 1)]), &Cancel::new()),
            Err(GraphError::InvalidOperation(_))
        ));
    }

    #[test]
    fn matches_a_brute_force_count_on_random_graphs() {
        let mut rng = crate::algo::random::Rng::new(7);
        for round in 0..20 {
            let n = 5 + round * 3;
            let mut adj = vec![vec![false; n]; n];
            let mut g = GraphCore::new(false);
            for _ in 0..n * 3 {
                let u = rng.below(n as u64) as usize;
                let v = rng.below(n as u64) as usize;
                adj[u][v] = true;
                adj[v][u] = true;
                g.add_edge(KeyRef::Int(u as i64), KeyRef::Int(v as i64), &[])
                    .unwrap();
            }
            let shared = SharedGraph::new(g);
            let csr = shared.snapshot();
            let got = per_node(&csr, &Cancel::new()).unwrap();
            for (c, &count) in got.iter().enumerate() {
                let KeyRef::Int(u) = csr.keys().get(c) else {
                    unreachable!()
                };
                let u = u as usize;
                let mut want = 0;
                for v in 0..n {
                    for w in v + 1..n {
                        let distinct = v != u && w != u;
                        if distinct && adj[u][v] && adj[u][w] && adj[v][w] {
                            want += 1;
                        }
                    }
                }
                assert_eq!(count, want);
            }
        }
    }
}
