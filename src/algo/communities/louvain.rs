//! Louvain community detection as networkx's `louvain_communities` runs it: each level
//! moves nodes, in a seeded random order, to the neighbouring community of largest
//! modularity gain (networkx's gain formula with `resolution`; directed graphs use the
//! directed modularity, neighbours counted both ways) until a sweep moves nothing; then
//! the communities become the nodes of the next level. It stops when a level gains at most
//! `threshold` modularity, or moves nothing. Between full sweeps only the neighbours of
//! the nodes that moved are visited (nothing else changed around the others); a level ends,
//! as in networkx, only after a full sweep that moves nothing.
//!
//! On large levels the moves run in parallel batches (see `sweep_batched`): the best move
//! of each node of a batch is found against the state at the batch's start, in parallel;
//! the moves are then applied one by one in order, each checked against the current state
//! (a node a neighbour of which moved meanwhile is evaluated again in a next round). Every
//! move applied therefore has a positive gain, and the result depends only on the seed,
//! never on the thread count.

use std::sync::atomic::AtomicBool;
use std::sync::atomic::Ordering::Relaxed;

use rayon::prelude::*;

use super::{groups, take, Scratch, Weight, SCRATCH};
use crate::algo::random::{seed_or_random, Rng};
use crate::algo::NodeGroups;
use crate::core::fallible::{collected, copied, filled};
use crate::core::{
    prefetch, Cancel, Csr, EntryWeights, GraphError, GraphResult, SharedGraph, CHECK_EVERY,
};

/// Nodes per parallel batch: small against the level so stale decisions are rare, large
/// enough to amortise the fork and join.
const BATCH: usize = 512;
/// Levels with fewer nodes than this move nodes one at a time (networkx's exact sweep).
const PARALLEL_FROM: usize = 4 * BATCH;
/// How many neighbours ahead `best_move` fetches a neighbour's community (and, half as
/// far ahead, that community's sum).
const GATHER_AHEAD: usize = 16;
/// How many nodes ahead a sweep fetches a node's row (see `Level::prefetch_rows`).
const ROW_AHEAD: usize = 8;
/// Rounds with fewer pending nodes than this evaluate them on one thread.
const SERIAL_BELOW: usize = 64;

#[derive(Clone, Debug)]
pub struct LouvainOptions<'a> {
    pub weight: Weight<'a>,
    pub resolution: f64,
    pub threshold: f64,
    /// `None`: a fresh seed on every call.
    pub seed: Option<u64>,
}

impl Default for LouvainOptions<'_> {
    fn default() -> Self {
        LouvainOptions {
            weight: Weight::Default("weight"),
            resolution: 1.0,
            threshold: 1e-7,
            seed: None,
        }
    }
}

/// The communities Louvain finds, largest first.
pub fn louvain_communities(
    graph: &SharedGraph,
    options: &LouvainOptions<'_>,
    cancel: &Cancel,
) -> GraphResult<NodeGroups> {
    for (name, value) in [
        ("resolution", options.resolution),
        ("threshold", options.threshold),
    ] {
        if value.is_nan() {
            return Err(GraphError::InvalidArgument(format!(
                "louvain_communities: {name} must be a number"
            )));
        }
    }
    let input = take(graph, &[], options.weight, cancel)?;
    // Run on a worker of the pool: the many short parallel rounds then hand work between
    // workers without waking a thread from outside the pool each time.
    let labels = rayon::scope(|_| {
        louvain_labels(
            &input.csr,
            input.weights.as_deref(),
            options.resolution,
            options.threshold,
            seed_or_random(options.seed),
            cancel,
        )
    })?;
    groups(&input.csr, &labels)
}

/// One community's row of an aggregated level: its neighbouring communities with their
/// weights, its loop weight and its out- and in-degree.
type Row = (Vec<(u32, f64)>, f64, f64, f64);

/// A level's graph: each node's neighbours other than itself, with the weights of the
/// edges both ways summed in (networkx's `nbrs`), its self-loop weight and its weighted
/// out- and in-degree (both the degree when undirected, a self-loop counting twice).
struct Level {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
    loops: Vec<f64>,
    k_out: Vec<f64>,
    k_in: Vec<f64>,
}

impl Level {
    fn len(&self) -> usize {
        self.loops.len()
    }

    fn neighbours(&self, u: u32) -> (&[u32], &[f64]) {
        let range = self.offsets[u as usize]..self.offsets[u as usize + 1];
        (&self.targets[range.clone()], &self.weights[range])
    }

    /// Asks for the rows of the nodes a walk over `nodes` reaches soon, at `i`: the offsets
    /// of `nodes[i + ROW_AHEAD]`, the entries of `nodes[i + ROW_AHEAD / 2]` (whose offsets
    /// came earlier). A sweep visits nodes in random order, so each row is two dependent
    /// misses otherwise.
    #[inline(always)]
    fn prefetch_rows(&self, nodes: &[u32], i: usize) {
        if let Some(&far) = nodes.get(i + ROW_AHEAD) {
            prefetch(&self.offsets[far as usize]);
        }
        if let Some(&near) = nodes.get(i + ROW_AHEAD / 2) {
            let start = self.offsets[near as usize];
            prefetch(self.targets.as_ptr().wrapping_add(start));
            prefetch(self.weights.as_ptr().wrapping_add(start));
        }
    }

    /// The snapshot as level 0 (out-neighbours before in-neighbours, as networkx).
    fn of_snapshot(csr: &Csr, weights: Option<&EntryWeights>) -> GraphResult<Level> {
        let n = csr.node_count();
        let directed = csr.is_directed();
        if !directed && !csr.has_self_loops() {
            return Level::of_plain_snapshot(csr, weights);
        }
        let mut level = Level {
            offsets: filled(n + 1, 0)?,
            targets: Vec::new(),
            weights: Vec::new(),
            loops: filled(n, 0.0)?,
            k_out: filled(n, 0.0)?,
            k_in: filled(n, 0.0)?,
        };
        let entries = csr.out.nodes.len() + if directed { csr.inp().nodes.len() } else { 0 };
        level.targets.try_reserve_exact(entries)?;
        level.weights.try_reserve_exact(entries)?;
        let out_w = weights.map(|w| &w.out[..]);
        let in_w = weights.map(|w| w.inp());
        for u in 0..n as u32 {
            let start = csr.out.offsets[u as usize];
            for (i, &v) in csr.out.neighbors(u).iter().enumerate() {
                let w = out_w.map_or(1.0, |w| w[start + i]);
                if v == u {
                    level.loops[u as usize] += w;
                    // Undirected: the loop's two ends; directed: its in-end comes below.
                    level.k_out[u as usize] += if directed { w } else { 2.0 * w };
                } else {
                    level.k_out[u as usize] += w;
                    level.targets.push(v);
                    level.weights.push(w);
                }
            }
            if directed {
                let start = csr.inp().offsets[u as usize];
                for (i, &v) in csr.inp().neighbors(u).iter().enumerate() {
                    let w = in_w.map_or(1.0, |w| w[start + i]);
                    level.k_in[u as usize] += w;
                    if v != u {
                        level.targets.push(v);
                        level.weights.push(w);
                    }
                }
            }
            level.offsets[u as usize + 1] = level.targets.len();
        }
        if !directed {
            level.k_in.clone_from(&level.k_out);
        }
        Ok(level)
    }

    /// `of_snapshot` for an undirected snapshot without self-loops: its rows are the
    /// level's as they are, copied whole, and the degrees summed in parallel (each row in
    /// order, so the sums are those of the general loop).
    fn of_plain_snapshot(csr: &Csr, weights: Option<&EntryWeights>) -> GraphResult<Level> {
        let n = csr.node_count();
        let entries = csr.out.nodes.len();
        let mut level = Level {
            offsets: copied(&csr.out.offsets)?,
            targets: copied(&csr.out.nodes)?,
            weights: match weights {
                Some(w) => copied(&w.out)?,
                None => filled(entries, 1.0)?,
            },
            loops: filled(n, 0.0)?,
            k_out: filled(n, 0.0)?,
            k_in: Vec::new(),
        };
        let (offsets, row_weights) = (&level.offsets, &level.weights);
        level.k_out.par_iter_mut().enumerate().for_each(|(u, k)| {
            *k = row_weights[offsets[u]..offsets[u + 1]]
                .iter()
                .fold(0.0, |sum, w| sum + w);
        });
        level.k_in = copied(&level.k_out)?;
        Ok(level)
    }

    /// The graph whose nodes are the communities of `community` (dense numbers), with the
    /// weights between communities summed and the weights inside one becoming its loop.
    fn aggregate(&self, community: &[u32], count: usize) -> GraphResult<Level> {
        let n = self.len();
        // Members of each community in node order (a counting sort).
        let mut start = filled(count + 1, 0usize)?;
        for &c in community {
            start[c as usize + 1] += 1;
        }
        for c in 0..count {
            start[c + 1] += start[c];
        }
        let mut members = filled(n, 0u32)?;
        let mut next = start.clone();
        for (u, &c) in community.iter().enumerate() {
            members[next[c as usize]] = u as u32;
            next[c as usize] += 1;
        }
        let rows: Vec<Row> = (0..count)
            .into_par_iter()
            .map(|c| {
                SCRATCH.with(|scratch| {
                    let mut scratch = scratch.borrow_mut();
                    scratch.begin(count);
                    let (mut inside, mut k_out, mut k_in) = (0.0, 0.0, 0.0);
                    for &u in &members[start[c]..start[c + 1]] {
                        inside += 2.0 * self.loops[u as usize];
                        k_out += self.k_out[u as usize];
                        k_in += self.k_in[u as usize];
                        let (targets, weights) = self.neighbours(u);
                        for (&v, &w) in targets.iter().zip(weights) {
                            let d = community[v as usize];
                            if d as usize == c {
                                inside += w;
                            } else {
                                scratch.add(d, w);
                            }
                        }
                    }
                    let row = scratch.seen.iter().map(|&d| (d, scratch.sum[d as usize]));
                    (row.collect(), inside / 2.0, k_out, k_in)
                })
            })
            .collect();
        let mut level = Level {
            offsets: filled(count + 1, 0)?,
            targets: Vec::new(),
            weights: Vec::new(),
            loops: filled(count, 0.0)?,
            k_out: filled(count, 0.0)?,
            k_in: filled(count, 0.0)?,
        };
        let entries = rows.iter().map(|r| r.0.len()).sum();
        level.targets.try_reserve_exact(entries)?;
        level.weights.try_reserve_exact(entries)?;
        for (c, (row, inside, k_out, k_in)) in rows.into_iter().enumerate() {
            for (d, w) in row {
                level.targets.push(d);
                level.weights.push(w);
            }
            level.offsets[c + 1] = level.targets.len();
            level.loops[c] = inside;
            level.k_out[c] = k_out;
            level.k_in[c] = k_in;
        }
        Ok(level)
    }

    /// The modularity of the partition into single nodes of this level (which is the
    /// partition of the original graph the level stands for).
    fn modularity(&self, m: f64, resolution: f64, directed: bool) -> f64 {
        let norm = if directed {
            1.0 / (m * m)
        } else {
            1.0 / (4.0 * m * m)
        };
        (0..self.len())
            .map(|c| self.loops[c] / m - resolution * self.k_out[c] * self.k_in[c] * norm)
            .sum()
    }
}

/// The moving state of one level: each node's community and each community's summed
/// out- and in-degree (networkx's `Stot_out`/`Stot_in`; both `Stot` when undirected), kept
/// side by side so that a gain costs one access to them.
struct State<'a> {
    level: &'a Level,
    community: Vec<u32>,
    tot: Vec<[f64; 2]>,
    m: f64,
    /// `resolution / m^2` (directed) or `resolution / (4 m^2)` (undirected, where both
    /// products below are `Stot * degree`): networkx's factors.
    scale: f64,
    /// The round in which a neighbour of each node last moved (see `sweep_batched`).
    stale: Vec<u32>,
    round: u32,
}

/// A node's best move: the community, and the node's weights to its own and to that one.
#[derive(Clone, Copy)]
struct Move {
    to: u32,
    w_own: f64,
    w_to: f64,
}

impl State<'_> {
    /// networkx's gain terms of node `u` joining community `c` (`u`'s weight to it `w`),
    /// with `u` counted out of its own community `own`: the gain of a move from `own` to
    /// `c` is `term(c) - term(own)`.
    #[inline]
    fn term(&self, u: usize, c: u32, w: f64, own: u32) -> f64 {
        let (d_out, d_in) = (self.level.k_out[u], self.level.k_in[u]);
        let [mut t_out, mut t_in] = self.tot[c as usize];
        if c == own {
            t_out -= d_out;
            t_in -= d_in;
        }
        w / self.m - (d_out * t_in + d_in * t_out) * self.scale
    }

    /// The best community for `u` as networkx chooses it: the first neighbouring community
    /// (in order of first neighbour) whose gain is greater than every earlier one's and
    /// than 0; its own when none is.
    fn best_move(&self, u: u32, scratch: &mut Scratch) -> Move {
        scratch.begin(self.community.len());
        let (targets, weights) = self.level.neighbours(u);
        let community = &self.community[..];
        for (i, (&v, &w)) in targets.iter().zip(weights).enumerate() {
            // The neighbours' communities and their sums are scattered over memory larger
            // than the cache on big levels: asking for them ahead overlaps the misses.
            if let Some(&far) = targets.get(i + GATHER_AHEAD) {
                prefetch(&community[far as usize]);
            }
            if let Some(&near) = targets.get(i + GATHER_AHEAD / 2) {
                scratch.prefetch(community[near as usize]);
            }
            scratch.add(community[v as usize], w);
        }
        let own = self.community[u as usize];
        let w_own = scratch.get(own);
        let remove_cost = -self.term(u as usize, own, w_own, own);
        let (mut best, mut best_gain, mut w_best) = (own, 0.0, w_own);
        for &c in &scratch.seen {
            let w = scratch.sum[c as usize];
            let gain = remove_cost + self.term(u as usize, c, w, own);
            if gain > best_gain {
                (best, best_gain, w_best) = (c, gain, w);
            }
        }
        Move {
            to: best,
            w_own,
            w_to: w_best,
        }
    }

    /// The best moves of `nodes`, against the current state.
    fn best_moves(&self, nodes: &[u32]) -> Vec<Move> {
        SCRATCH.with(|scratch| {
            let scratch = &mut scratch.borrow_mut();
            let moves = nodes.iter().enumerate().map(|(i, &u)| {
                self.level.prefetch_rows(nodes, i);
                self.best_move(u, scratch)
            });
            moves.collect()
        })
    }

    /// Moves `u` to `to` (updating the communities' degree sums).
    fn apply(&mut self, u: u32, to: u32) {
        let own = self.community[u as usize];
        let (d_out, d_in) = (self.level.k_out[u as usize], self.level.k_in[u as usize]);
        let [from_out, from_in] = &mut self.tot[own as usize];
        *from_out -= d_out;
        *from_in -= d_in;
        let [to_out, to_in] = &mut self.tot[to as usize];
        *to_out += d_out;
        *to_in += d_in;
        self.community[u as usize] = to;
    }

    /// Sweeps over the nodes in `order` until a sweep over all of them moves nothing (the
    /// networkx stopping rule). Between full sweeps only the nodes next to a node that moved
    /// in the previous sweep are visited (the others' neighbourhoods did not change), so the
    /// later sweeps, which move few nodes, cost little. `parallel`: each sweep in parallel
    /// batches (`sweep_batched`), else one node at a time. Returns whether any node moved.
    fn sweeps(&mut self, order: &[u32], parallel: bool, cancel: &Cancel) -> GraphResult<bool> {
        let k = order.len();
        let level = self.level;
        let active: Vec<AtomicBool> = (0..k).map(|_| AtomicBool::new(true)).collect();
        let mut improved = false;
        let mut visit: Vec<u32> = Vec::new();
        loop {
            visit.clear();
            visit.extend(order.iter().filter(|&&u| active[u as usize].load(Relaxed)));
            let full = visit.len() == k;
            let moved = if parallel {
                self.sweep_batched(&visit, cancel)?
            } else {
                self.sweep_sequential(&visit, cancel)?
            };
            if moved.is_empty() && full {
                return Ok(improved);
            }
            improved |= !moved.is_empty();
            let everyone = moved.is_empty(); // a last full sweep checks every node
            active.par_iter().for_each(|a| a.store(everyone, Relaxed));
            moved.par_iter().for_each(|&u| {
                for &v in level.neighbours(u).0 {
                    active[v as usize].store(true, Relaxed);
                }
            });
        }
    }

    /// One sweep over `order`, one node at a time (networkx's). Returns the nodes moved.
    fn sweep_sequential(&mut self, order: &[u32], cancel: &Cancel) -> GraphResult<Vec<u32>> {
        let mut moved = Vec::new();
        SCRATCH.with(|scratch| {
            let scratch = &mut scratch.borrow_mut();
            for (i, &u) in order.iter().enumerate() {
                if i % CHECK_EVERY == 0 {
                    cancel.check()?;
                }
                self.level.prefetch_rows(order, i);
                let best = self.best_move(u, scratch);
                if best.to != self.community[u as usize] {
                    self.apply(u, best.to);
                    moved.push(u);
                }
            }
            Ok(moved)
        })
    }

    /// One sweep over `order` in batches of `BATCH` nodes. Each round finds the best moves
    /// of a batch's pending nodes in parallel, against the state at the round's start, then
    /// goes through them in order. A node none of whose neighbours moved earlier in the
    /// round still has exactly the weights found, so its move's gain is checked with the
    /// current degree sums and the move made if still positive; a node with a neighbour
    /// that moved is left for the next round, evaluated afresh. The first pending node is
    /// never left, so the rounds end. Returns the nodes moved.
    fn sweep_batched(&mut self, order: &[u32], cancel: &Cancel) -> GraphResult<Vec<u32>> {
        let mut moved = Vec::new();
        let mut pending: Vec<u32> = Vec::with_capacity(BATCH);
        let mut later: Vec<u32> = Vec::with_capacity(BATCH);
        for batch in order.chunks(BATCH) {
            pending.clear();
            pending.extend_from_slice(batch);
            while !pending.is_empty() {
                cancel.check()?;
                self.next_round();
                let proposals: Vec<Move> = {
                    let state = &*self;
                    // A few nodes (the later rounds) are not worth waking another thread
                    // for; either way each proposal depends only on the round's state.
                    if pending.len() < SERIAL_BELOW {
                        state.best_moves(&pending)
                    } else {
                        pending
                            .par_chunks(SERIAL_BELOW / 2)
                            .flat_map_iter(|chunk| state.best_moves(chunk))
                            .collect()
                    }
                };
                later.clear();
                for (&u, proposal) in pending.iter().zip(proposals) {
                    let own = self.community[u as usize];
                    if proposal.to == own {
                        continue;
                    }
                    if self.stale[u as usize] == self.round {
                        later.push(u);
                        continue;
                    }
                    let gain = self.term(u as usize, proposal.to, proposal.w_to, own)
                        - self.term(u as usize, own, proposal.w_own, own);
                    if gain > 0.0 {
                        self.apply(u, proposal.to);
                        for &v in self.level.neighbours(u).0 {
                            self.stale[v as usize] = self.round;
                        }
                        moved.push(u);
                    }
                }
                std::mem::swap(&mut pending, &mut later);
            }
        }
        Ok(moved)
    }

    /// Starts a round of `sweep_batched`: no node is stale in it yet.
    fn next_round(&mut self) {
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.stale.iter_mut().for_each(|s| *s = 0);
            self.round = 1;
        }
    }
}

/// Each node's community (numbered below the node count), as networkx's
/// `louvain_communities` finds them with a generator seeded `seed`.
fn louvain_labels(
    csr: &Csr,
    weights: Option<&EntryWeights>,
    resolution: f64,
    threshold: f64,
    seed: u64,
    cancel: &Cancel,
) -> GraphResult<Vec<u32>> {
    let n = csr.node_count();
    let directed = csr.is_directed();
    let mut labels = collected(0..n as u32)?;
    if csr.out.nodes.is_empty() {
        return Ok(labels); // networkx: a graph without edges is its singletons
    }
    let mut level = Level::of_snapshot(csr, weights)?;
    let m: f64 = level.k_out.iter().sum::<f64>() / if directed { 1.0 } else { 2.0 };
    if !(m.is_finite() && m != 0.0) {
        return Err(GraphError::Algorithm(format!(
            "louvain_communities: the edges' total weight is {m}; modularity needs a \
             non-zero finite total"
        )));
    }
    let scale = resolution / (m * m) / if directed { 1.0 } else { 4.0 };
    let mut modularity = level.modularity(m, resolution, directed);
    for round in 0u64.. {
        let k = level.len();
        let mut order = collected(0..k as u32)?;
        Rng::stream(seed, round).shuffle(&mut order);
        let mut state = State {
            level: &level,
            community: collected(0..k as u32)?,
            tot: collected(level.k_out.iter().zip(&level.k_in).map(|(&o, &i)| [o, i]))?,
            m,
            scale,
            stale: filled(k, 0)?,
            round: 0,
        };
        let improved = state.sweeps(&order, k >= PARALLEL_FROM, cancel)?;
        if !improved {
            break; // networkx: the level moved nothing, so the partition stands
        }
        let community = state.community;
        // Dense community numbers, in order of the (node) number naming them.
        let mut used = filled(k, false)?;
        for &c in &community {
            used[c as usize] = true;
        }
        let mut dense = filled(k, u32::MAX)?;
        let mut count = 0u32;
        for c in 0..k {
            if used[c] {
                dense[c] = count;
                count += 1;
            }
        }
        let community = collected(community.iter().map(|&c| dense[c as usize]))?;
        for label in labels.iter_mut() {
            *label = community[*label as usize];
        }
        cancel.check()?;
        let next = level.aggregate(&community, count as usize)?;
        let gained = next.modularity(m, resolution, directed);
        if gained - modularity <= threshold {
            break;
        }
        modularity = gained;
        level = next;
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{GraphCore, KeyRef};

    fn ring_of_cliques(cliques: i64, size: i64, directed: bool) -> SharedGraph {
        let mut g = GraphCore::new(directed);
        for c in 0..cliques {
            for i in 0..size {
                for j in i + 1..size {
                    g.add_edge(KeyRef::Int(c * size + i), KeyRef::Int(c * size + j), &[])
                        .unwrap();
                }
            }
            let next = (c + 1) % cliques;
            g.add_edge(KeyRef::Int(c * size), KeyRef::Int(next * size + 1), &[])
                .unwrap();
        }
        SharedGraph::new(g)
    }

    #[test]
    fn finds_the_cliques_of_a_ring() {
        for directed in [false, true] {
            for (cliques, size) in [(6, 5), (500, 6)] {
                let g = ring_of_cliques(cliques, size, directed);
                let options = LouvainOptions {
                    seed: Some(3),
                    ..LouvainOptions::default()
                };
                let found = louvain_communities(&g, &options, &Cancel::new()).unwrap();
                // Whole cliques, possibly merged in pairs at the ring's scale.
                assert!(
                    found.sizes.iter().all(|&s| s % size == 0),
                    "{directed} {cliques}: {:?}",
                    found.sizes
                );
            }
        }
    }

    #[test]
    fn same_seed_same_communities_on_any_thread_count() {
        // Large enough for the parallel batches.
        const { assert!(1000 * 5 >= PARALLEL_FROM) };
        let g = ring_of_cliques(1000, 5, false);
        let options = LouvainOptions {
            seed: Some(11),
            ..LouvainOptions::default()
        };
        let run = |threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| louvain_communities(&g, &options, &Cancel::new()).unwrap())
        };
        let (one, two) = (run(1), run(2));
        assert_eq!(one.sizes, two.sizes);
        assert!((0..one.keys.len()).all(|i| one.keys.get(i) == two.keys.get(i)));
    }
}
