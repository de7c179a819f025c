//! Reference answers for the shortest-path analyses, computed plainly on the model
//! (graphs here are small): networkx's definitions of betweenness (nodes and edges, with
//! its rescaling), closeness and harmonic centrality, all unweighted.

use std::collections::{HashMap, VecDeque};

use super::keys::Key;
use super::model::Model;

/// The model with nodes as positions in node order, edges in edge order and each node's
/// neighbours in adjacency order (the order of the edges that joined them).
pub struct Indexed {
    pub directed: bool,
    pub n: usize,
    /// Endpoints' positions, in edge order.
    pub edges: Vec<(usize, usize)>,
    /// Successors (neighbours when undirected; a self-loop once), in adjacency order.
    pub out: Vec<Vec<usize>>,
    /// Predecessors (the same lists when undirected).
    pub inp: Vec<Vec<usize>>,
}

impl Indexed {
    pub fn of(m: &Model) -> Indexed {
        let index: HashMap<&Key, usize> = m.nodes.iter().enumerate().map(|(i, k)| (k, i)).collect();
        let n = m.nodes.len();
        let edges: Vec<(usize, usize)> =
            m.edges.iter().map(|(a, b)| (index[a], index[b])).collect();
        let (mut out, mut inp) = (vec![Vec::new(); n], vec![Vec::new(); n]);
        for &(a, b) in &edges {
            out[a].push(b);
            if m.directed {
                inp[b].push(a);
            } else if a != b {
                out[b].push(a);
            }
        }
        if !m.directed {
            inp = out.clone();
        }
        Indexed {
            directed: m.directed,
            n,
            edges,
            out,
            inp,
        }
    }

    /// Hop distances from `s` along successors (`backward`: predecessors).
    pub fn bfs(&self, s: usize, backward: bool) -> Vec<Option<usize>> {
        let lists = if backward { &self.inp } else { &self.out };
        let mut dist = vec![None; self.n];
        dist[s] = Some(0);
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            let d = dist[v].expect("queued");
            for &w in &lists[v] {
                if dist[w].is_none() {
                    dist[w] = Some(d + 1);
                    queue.push_back(w);
                }
            }
        }
        dist
    }

    /// The position of the edge joining `v` and `w` (either way round when undirected).
    fn edge_index(&self, v: usize, w: usize) -> usize {
        self.edges
            .iter()
            .position(|&(a, b)| (a, b) == (v, w) || (!self.directed && (a, b) == (w, v)))
            .expect("a path step is an edge")
    }

    /// Brandes' sums over every source, as networkx accumulates them: per node (with or
    /// without endpoints) and per edge (by edge position).
    pub fn brandes(&self, endpoints: bool) -> (Vec<f64>, Vec<f64>) {
        let mut nodes = vec![0.0; self.n];
        let mut edges = vec![0.0; self.edges.len()];
        for s in 0..self.n {
            let mut order = Vec::new();
            let mut preds: Vec<Vec<usize>> = vec![Vec::new(); self.n];
            let mut sigma = vec![0.0f64; self.n];
            let mut dist: Vec<Option<usize>> = vec![None; self.n];
            sigma[s] = 1.0;
            dist[s] = Some(0);
            let mut queue = VecDeque::from([s]);
            while let Some(v) = queue.pop_front() {
                order.push(v);
                let d = dist[v].expect("queued");
                for &w in &self.out[v] {
                    if dist[w].is_none() {
                        dist[w] = Some(d + 1);
                        queue.push_back(w);
                    }
                    if dist[w] == Some(d + 1) {
                        sigma[w] += sigma[v];
                        preds[w].push(v);
                    }
                }
            }
            let mut delta = vec![0.0; self.n];
            if endpoints {
                nodes[s] += (order.len() - 1) as f64;
            }
            while let Some(w) = order.pop() {
                let coeff = (1.0 + delta[w]) / sigma[w];
                for &v in &preds[w] {
                    let c = sigma[v] * coeff;
                    edges[self.edge_index(v, w)] += c;
                    delta[v] += c;
                }
                if w != s {
                    nodes[w] += delta[w] + if endpoints { 1.0 } else { 0.0 };
                }
            }
        }
        (nodes, edges)
    }

    /// networkx's `_rescale` of betweenness sums over every source (`endpoints`: node
    /// betweenness counting endpoints, and always for edges).
    pub fn rescale(&self, values: &mut [f64], normalized: bool, endpoints: bool) {
        let big_n = if endpoints {
            self.n as f64
        } else {
            self.n as f64 - 1.0
        };
        if big_n < 2.0 {
            return;
        }
        let scale = if normalized {
            1.0 / (big_n * (big_n - 1.0))
        } else if self.directed {
            1.0
        } else {
            0.5
        };
        values.iter_mut().for_each(|x| *x *= scale);
    }

    /// Closeness centrality from the distances that reach each node.
    pub fn closeness(&self, wf_improved: bool) -> Vec<f64> {
        (0..self.n)
            .map(|u| {
                let reach: Vec<usize> = self.bfs(u, true).into_iter().flatten().collect();
                let total: usize = reach.iter().sum();
                let r = reach.len() as f64;
                if total == 0 || self.n <= 1 {
                    return 0.0;
                }
                let c = (r - 1.0) / total as f64;
                if wf_improved {
                    c * ((r - 1.0) / (self.n as f64 - 1.0))
                } else {
                    c
                }
            })
            .collect()
    }

    /// Harmonic centrality: the sum of `1 / d(v, u)` over the nodes `v` that reach `u`.
    pub fn harmonic(&self) -> Vec<f64> {
        (0..self.n)
            .map(|u| {
                self.bfs(u, true)
                    .into_iter()
                    .flatten()
                    .filter(|&d| d > 0)
                    .map(|d| 1.0 / d as f64)
                    .sum()
            })
            .collect()
    }
}
