//! Reference answers for the structural analyses, computed plainly on the model:
//! triangles, clustering coefficients (unweighted) and transitivity, core numbers,
//! networkx's topological order, Kruskal's forest with networkx's tie-breaking, and the
//! modularity of a partition.

use std::cmp::Ordering;
use std::collections::{HashSet, VecDeque};

use super::analysis_model::Indexed;

impl Indexed {
    /// Neighbours other than the node itself, as a set (successors when directed).
    fn loopless(&self, lists: &[Vec<usize>], u: usize) -> HashSet<usize> {
        lists[u].iter().copied().filter(|&v| v != u).collect()
    }

    /// Per node: the loopless degree `d` (successors when directed) and `t`, the ordered
    /// pairs of those neighbours joined by an edge from the first to the second (twice
    /// the triangles when undirected): networkx's `_triangles_and_degree_iter`.
    pub fn triangles_and_degrees(&self) -> Vec<(u64, u64)> {
        (0..self.n)
            .map(|u| {
                let vs = self.loopless(&self.out, u);
                let t: usize = vs
                    .iter()
                    .map(|&w| vs.intersection(&self.loopless(&self.out, w)).count())
                    .sum();
                (vs.len() as u64, t as u64)
            })
            .collect()
    }

    /// Unweighted clustering coefficients: `2T / (d (d - 1))` when undirected, Fagiolo's
    /// `T / (2 (d_tot (d_tot - 1) - 2 d_recip))` when directed (networkx's formulas).
    pub fn clustering(&self) -> Vec<f64> {
        if !self.directed {
            return self
                .triangles_and_degrees()
                .iter()
                .map(|&(d, t)| {
                    if t == 0 {
                        0.0
                    } else {
                        t as f64 / (d * (d - 1)) as f64
                    }
                })
                .collect();
        }
        (0..self.n)
            .map(|i| {
                let (ipreds, isuccs) = (self.loopless(&self.inp, i), self.loopless(&self.out, i));
                let mut t = 0usize;
                for j in ipreds.iter().chain(&isuccs) {
                    let (jpreds, jsuccs) =
                        (self.loopless(&self.inp, *j), self.loopless(&self.out, *j));
                    t += ipreds.intersection(&jpreds).count()
                        + ipreds.intersection(&jsuccs).count()
                        + isuccs.intersection(&jpreds).count()
                        + isuccs.intersection(&jsuccs).count();
                }
                let total = (ipreds.len() + isuccs.len()) as f64;
                let both = ipreds.intersection(&isuccs).count() as f64;
                if t == 0 {
                    0.0
                } else {
                    t as f64 / ((total * (total - 1.0) - 2.0 * both) * 2.0)
                }
            })
            .collect()
    }

    /// networkx's transitivity: the pairs `t` over the pairs `d (d - 1)`, 0 without any.
    pub fn transitivity(&self) -> f64 {
        let (mut t, mut triads) = (0u64, 0u64);
        for (d, tu) in self.triangles_and_degrees() {
            t += tu;
            triads += d * d.saturating_sub(1);
        }
        if t == 0 {
            0.0
        } else {
            t as f64 / triads as f64
        }
    }

    /// Core numbers by peeling a node of least remaining degree at a time; a directed
    /// graph's degree is in plus out (a pair of opposite edges twice). `None` with a
    /// self-loop.
    pub fn core_numbers(&self) -> Option<Vec<u32>> {
        if self.edges.iter().any(|&(a, b)| a == b) {
            return None;
        }
        let mut alive = vec![true; self.n];
        let mut core = vec![0u32; self.n];
        let mut k = 0;
        let degree = |u: usize, alive: &[bool]| {
            self.edges
                .iter()
                .filter(|&&(a, b)| (a == u && alive[b]) || (b == u && alive[a]))
                .count() as u32
        };
        for _ in 0..self.n {
            let u = (0..self.n)
                .filter(|&u| alive[u])
                .min_by_key(|&u| degree(u, &alive))
                .expect("a node is left");
            k = k.max(degree(u, &alive));
            core[u] = k;
            alive[u] = false;
        }
        Some(core)
    }

    /// networkx's topological order (Kahn's method by generations: the sources in node
    /// order, then successors in adjacency order as they become free). `None` on a cycle.
    pub fn topological_order(&self) -> Option<Vec<usize>> {
        let mut remaining: Vec<usize> = self.inp.iter().map(Vec::len).collect();
        let mut queue: VecDeque<usize> = (0..self.n).filter(|&u| remaining[u] == 0).collect();
        let mut order = Vec::new();
        while let Some(u) = queue.pop_front() {
            order.push(u);
            for &v in &self.out[u] {
                remaining[v] -= 1;
                if remaining[v] == 0 {
                    queue.push_back(v);
                }
            }
        }
        (order.len() == self.n).then_some(order)
    }

    /// networkx's Kruskal forest of an undirected graph: edges listed as `G.edges()`
    /// lists them (each node in node order, its neighbours in adjacency order, an edge
    /// from its end that comes first), sorted stably by `weight` (by edge position, no
    /// NaN), each kept when it joins two trees.
    pub fn kruskal(&self, weight: &[f64]) -> Vec<(usize, usize)> {
        let mut listed = Vec::new();
        for u in 0..self.n {
            for (i, &(a, b)) in self.edges.iter().enumerate() {
                let v = if a == u {
                    b
                } else if b == u {
                    a
                } else {
                    continue;
                };
                if v >= u {
                    listed.push((weight[i], u, v));
                }
            }
        }
        listed.sort_by(|x, y| x.0.partial_cmp(&y.0).unwrap_or(Ordering::Equal));
        let mut root: Vec<usize> = (0..self.n).collect();
        fn find(root: &mut [usize], mut x: usize) -> usize {
            while root[x] != x {
                x = root[x];
            }
            x
        }
        let mut tree = Vec::new();
        for (_, u, v) in listed {
            let (ru, rv) = (find(&mut root, u), find(&mut root, v));
            if ru != rv {
                root[ru] = rv;
                tree.push((u, v));
            }
        }
        tree
    }

    /// networkx's modularity of the partition `community` (a number per node) with edge
    /// weights by edge position; `None` when the edges weigh 0 in all.
    pub fn modularity(&self, community: &[u64], weight: &[f64], resolution: f64) -> Option<f64> {
        let mut ids: Vec<u64> = community.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let of = |u: usize| ids.binary_search(&community[u]).expect("listed");
        let k = ids.len();
        let (mut inside, mut k_out, mut k_in) = (vec![0.0; k], vec![0.0; k], vec![0.0; k]);
        let mut total = 0.0;
        for (i, &(a, b)) in self.edges.iter().enumerate() {
            let w = weight[i];
            total += w;
            k_out[of(a)] += w;
            if self.directed {
                k_in[of(b)] += w;
            } else {
                k_out[of(b)] += w;
            }
            if of(a) == of(b) {
                inside[of(a)] += w;
            }
        }
        if total == 0.0 {
            return None;
        }
        let k_in = if self.directed { k_in } else { k_out.clone() };
        let (m, norm) = if self.directed {
            (total, 1.0 / (total * total))
        } else {
            (total, 1.0 / (4.0 * total * total))
        };
        Some(
            (0..k)
                .map(|c| inside[c] / m - resolution * k_out[c] * k_in[c] * norm)
                .sum(),
        )
    }
}
