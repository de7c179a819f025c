//! One single-source search of the path centralities, on reusable per-thread buffers:
//! breadth-first when unweighted, Dijkstra with weights (checked non-negative before any
//! search starts). It records the settle order, each reached node's distance and, for
//! betweenness, its number of shortest paths, counted as networkx counts them.
//!
//! Buffers are sized for the whole graph once per thread and reset only where a search
//! wrote, so a search costs what it visits, not `n`.

use super::super::prefetch::prefetch_entries;
use super::super::radix_heap::RadixHeap;
use crate::core::fallible::filled;
use crate::core::{Adjacency, Cancel, GraphResult, CHECK_EVERY};

/// Hop count of a node the breadth-first search has not reached.
pub(super) const UNREACHED: u32 = u32::MAX;

/// The adjacency a search follows, with its entry weights when weighted.
#[derive(Clone, Copy)]
pub(super) struct Edges<'a> {
    pub adjacency: &'a Adjacency,
    pub weights: Option<&'a [f64]>,
}

/// What an unweighted betweenness search keeps of a node, side by side: following an edge
/// then reads and writes one place in memory rather than two arrays far apart.
#[derive(Clone, Copy)]
pub(super) struct Level {
    /// Hops from the source (`UNREACHED` if not reached).
    pub hops: u32,
    /// Shortest paths from the source.
    pub sigma: f64,
    /// `(1 + delta) / sigma` once the accumulation is done with the node.
    pub coeff: f64,
}

const FRESH: Level = Level {
    hops: UNREACHED,
    sigma: 0.0,
    coeff: 0.0,
};

pub(super) struct Scratch {
    /// Reached nodes in the order they were settled (source first).
    pub order: Vec<u32>,
    /// Per node, when unweighted and counting paths.
    pub levels: Vec<Level>,
    /// Hops from the source (`UNREACHED` elsewhere), when unweighted and not counting.
    pub hops: Vec<u32>,
    /// Where each level starts in `order` (`level_starts[k]`: the first node `k` hops
    /// away), when unweighted and not counting: a breadth-first order is level by level.
    pub level_starts: Vec<usize>,
    /// Distance from the source (infinite elsewhere), when weighted.
    pub dist: Vec<f64>,
    /// Shortest paths from the source, when weighted and counted.
    pub sigma: Vec<f64>,
    /// Betweenness dependencies, as `(1 + delta) / sigma` (zero between searches), when
    /// weighted and counted.
    pub delta: Vec<f64>,
    /// Settled nodes of a Dijkstra search (until the accumulation is done with them).
    pub settled: Vec<bool>,
    heap: RadixHeap,
}

impl Scratch {
    /// Buffers for a graph of `n` nodes; `weighted` picks Dijkstra's, `counted` the path
    /// counts and dependencies of betweenness.
    pub fn new(n: usize, weighted: bool, counted: bool) -> GraphResult<Scratch> {
        let size = |wanted: bool| if wanted { n } else { 0 };
        Ok(Scratch {
            order: Vec::new(),
            levels: filled(size(!weighted && counted), FRESH)?,
            hops: filled(size(!weighted && !counted), UNREACHED)?,
            level_starts: Vec::new(),
            dist: filled(size(weighted), f64::INFINITY)?,
            sigma: filled(size(weighted && counted), 0.0)?,
            delta: filled(size(weighted && counted), 0.0)?,
            settled: filled(size(weighted), false)?,
            heap: RadixHeap::new(),
        })
    }

    /// Searches from `source` along `edges`, filling `order`, the distances and (with
    /// `COUNT`) `sigma`. The buffers must be reset (`reset`) from any earlier search.
    pub fn search<const COUNT: bool>(
        &mut self,
        edges: Edges<'_>,
        source: u32,
        cancel: &Cancel,
    ) -> GraphResult<()> {
        match edges.weights {
            None => self.breadth_first::<COUNT>(edges.adjacency, source, cancel),
            Some(w) => self.dijkstra::<COUNT>(edges.adjacency, w, source, cancel),
        }
    }

    fn breadth_first<const COUNT: bool>(
        &mut self,
        adjacency: &Adjacency,
        source: u32,
        cancel: &Cancel,
    ) -> GraphResult<()> {
        if COUNT {
            return self.counting_breadth_first(adjacency, source, cancel);
        }
        let (order, hops) = (&mut self.order, &mut self.hops);
        let level_starts = &mut self.level_starts;
        level_starts.clear();
        level_starts.push(0);
        order.push(source);
        hops[source as usize] = 0;
        let mut head = 0;
        while head < order.len() {
            if head % CHECK_EVERY == CHECK_EVERY - 1 {
                cancel.check()?;
            }
            prefetch_entries(adjacency, order, head, |&u| u, None);
            let v = order[head];
            head += 1;
            let next = hops[v as usize] + 1;
            for &w in adjacency.neighbors(v) {
                let hw = &mut hops[w as usize];
                if *hw == UNREACHED {
                    *hw = next;
                    if next as usize == level_starts.len() {
                        level_starts.push(order.len());
                    }
                    order.push(w);
                }
            }
        }
        Ok(())
    }

    /// Breadth-first search counting shortest paths into `levels`.
    fn counting_breadth_first(
        &mut self,
        adjacency: &Adjacency,
        source: u32,
        cancel: &Cancel,
    ) -> GraphResult<()> {
        let (order, levels) = (&mut self.order, &mut self.levels);
        order.push(source);
        levels[source as usize].hops = 0;
        levels[source as usize].sigma = 1.0;
        let mut head = 0;
        while head < order.len() {
            if head % CHECK_EVERY == CHECK_EVERY - 1 {
                cancel.check()?;
            }
            prefetch_entries(adjacency, order, head, |&u| u, None);
            let v = order[head];
            head += 1;
            let Level { hops, sigma, .. } = levels[v as usize];
            let next = hops + 1;
            for &w in adjacency.neighbors(v) {
                let lw = &mut levels[w as usize];
                if lw.hops == UNREACHED {
                    lw.hops = next;
                    order.push(w);
                }
                // Every node one level up that links to `w` adds its paths (networkx's
                // count; a self-loop never qualifies).
                if lw.hops == next {
                    lw.sigma += sigma;
                }
            }
        }
        Ok(())
    }

    fn dijkstra<const COUNT: bool>(
        &mut self,
        adjacency: &Adjacency,
        weights: &[f64],
        source: u32,
        cancel: &Cancel,
    ) -> GraphResult<()> {
        let (order, dist, sigma) = (&mut self.order, &mut self.dist, &mut self.sigma);
        let (settled, heap) = (&mut self.settled, &mut self.heap);
        heap.clear();
        dist[source as usize] = 0.0;
        if COUNT {
            sigma[source as usize] = 1.0;
        }
        // Non-negative distances sort like their bit patterns (the heap's integer keys).
        heap.push(0f64.to_bits(), source);
        while let Some((key, v)) = heap.pop_at_most(u64::MAX) {
            if settled[v as usize] {
                continue; // a stale entry, pushed before `v` was found nearer
            }
            settled[v as usize] = true;
            order.push(v);
            if order.len() % CHECK_EVERY == 0 {
                cancel.check()?;
            }
            let d = f64::from_bits(key);
            let sigma_v = if COUNT { sigma[v as usize] } else { 0.0 };
            let range = adjacency.offsets[v as usize]..adjacency.offsets[v as usize + 1];
            for (&w, &weight) in adjacency.nodes[range.clone()].iter().zip(&weights[range]) {
                let candidate = d + weight;
                let dw = &mut dist[w as usize];
                if candidate < *dw {
                    *dw = candidate;
                    heap.push(candidate.to_bits(), w);
                    if COUNT {
                        sigma[w as usize] = sigma_v;
                    }
                } else if COUNT && candidate == *dw && !settled[w as usize] {
                    // An equally short path (networkx compares the sums exactly too).
                    sigma[w as usize] += sigma_v;
                }
            }
        }
        Ok(())
    }

    /// `(hops, nodes at that many hops)` for every level of the last unweighted search
    /// that did not count paths, the source's level (0, 1) first.
    pub fn level_sizes(&self) -> impl Iterator<Item = (u32, usize)> + '_ {
        let starts = self.level_starts.iter().copied();
        let ends = starts.clone().skip(1).chain([self.order.len()]);
        (0u32..).zip(starts.zip(ends).map(|(start, end)| end - start))
    }

    /// Clears what the last search wrote (distances, counts, dependencies, order).
    pub fn reset(&mut self) {
        for &v in &self.order {
            let v = v as usize;
            if let Some(l) = self.levels.get_mut(v) {
                *l = FRESH;
            }
            if let Some(h) = self.hops.get_mut(v) {
                *h = UNREACHED;
            }
            if let Some(d) = self.dist.get_mut(v) {
                *d = f64::INFINITY;
                self.settled[v] = false;
            }
            if let Some(s) = self.sigma.get_mut(v) {
                *s = 0.0;
                self.delta[v] = 0.0;
            }
        }
        self.order.clear();
    }
}
