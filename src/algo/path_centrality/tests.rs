//! The path centralities against a direct transcription of networkx's code (dictionaries
//! and lists, one source at a time) on small hand-checked and random graphs.

use std::collections::{BinaryHeap, HashMap, VecDeque};

use super::betweenness::Rescale;
use super::*;
use crate::algo::random::Rng;
use crate::algo::test_graphs::on_threads;
use crate::core::{AttrValue, GraphCore, KeyRef};

type Weighted = Vec<(i64, i64, f64)>;

fn graph(directed: bool, nodes: i64, edges: &Weighted) -> SharedGraph {
    let mut g = GraphCore::new(directed);
    for v in 0..nodes {
        g.add_node(KeyRef::Int(v), &[]).unwrap();
    }
    for &(u, v, w) in edges {
        g.add_edge(
            KeyRef::Int(u),
            KeyRef::Int(v),
            &[("w", AttrValue::Float64(w))],
        )
        .unwrap();
    }
    SharedGraph::new(g)
}

fn floats(a: &crate::core::Array) -> Vec<f64> {
    (0..a.len())
        .map(|i| match a.get(i) {
            AttrValue::Float64(x) => x,
            other => panic!("not a float: {other:?}"),
        })
        .collect()
}

/// networkx's adjacency of a graph built by `graph`: neighbours in insertion order.
struct Reference {
    n: usize,
    directed: bool,
    succ: Vec<Vec<(usize, f64)>>,
    pred: Vec<Vec<(usize, f64)>>,
}

impl Reference {
    fn new(directed: bool, n: i64, edges: &Weighted) -> Reference {
        let n = n as usize;
        let mut r = Reference {
            n,
            directed,
            succ: vec![Vec::new(); n],
            pred: vec![Vec::new(); n],
        };
        let mut seen = HashMap::new();
        for &(u, v, w) in edges {
            let (u, v) = (u as usize, v as usize);
            let key = if directed || u <= v { (u, v) } else { (v, u) };
            if seen.insert(key, w).is_some() {
                // An existing edge: only its weight changes.
                for e in r.succ[u].iter_mut().filter(|e| e.0 == v) {
                    e.1 = w;
                }
                for e in r.pred[v].iter_mut().filter(|e| e.0 == u) {
                    e.1 = w;
                }
                if !directed {
                    for e in r.succ[v].iter_mut().filter(|e| e.0 == u) {
                        e.1 = w;
                    }
                }
                continue;
            }
            r.succ[u].push((v, w));
            r.pred[v].push((u, w));
            if !directed && u != v {
                r.succ[v].push((u, w));
            }
        }
        if !directed {
            r.pred = r.succ.clone();
        }
        r
    }

    /// `_single_source_shortest_path_basic` / `_single_source_dijkstra_path_basic`.
    fn single_source(&self, s: usize, weighted: bool) -> (Vec<usize>, Vec<Vec<usize>>, Vec<f64>) {
        let mut order = Vec::new();
        let mut preds = vec![Vec::new(); self.n];
        let mut sigma = vec![0.0; self.n];
        sigma[s] = 1.0;
        if !weighted {
            let mut d: Vec<Option<usize>> = vec![None; self.n];
            d[s] = Some(0);
            let mut q = VecDeque::from([s]);
            while let Some(v) = q.pop_front() {
                order.push(v);
                let dv = d[v].unwrap();
                for &(w, _) in &self.succ[v] {
                    if d[w].is_none() {
                        q.push_back(w);
                        d[w] = Some(dv + 1);
                    }
                    if d[w] == Some(dv + 1) {
                        sigma[w] += sigma[v];
                        preds[w].push(v);
                    }
                }
            }
            return (order, preds, sigma);
        }
        #[derive(PartialEq)]
        struct Item(f64, usize, usize, usize);
        impl Eq for Item {}
        impl PartialOrd for Item {
            fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(o))
            }
        }
        impl Ord for Item {
            fn cmp(&self, o: &Self) -> std::cmp::Ordering {
                (o.0, o.1).partial_cmp(&(self.0, self.1)).unwrap()
            }
        }
        let mut done: Vec<Option<f64>> = vec![None; self.n];
        let mut seen: Vec<Option<f64>> = vec![None; self.n];
        seen[s] = Some(0.0);
        let mut counter = 0;
        let mut q = BinaryHeap::from([Item(0.0, 0, s, s)]);
        while let Some(Item(dist, _, pred, v)) = q.pop() {
            if done[v].is_some() {
                continue;
            }
            if pred != v {
                sigma[v] += sigma[pred];
            }
            order.push(v);
            done[v] = Some(dist);
            for &(w, wt) in &self.succ[v] {
                let vw = dist + wt;
                if done[w].is_none() && seen[w].is_none_or(|x| vw < x) {
                    seen[w] = Some(vw);
                    counter += 1;
                    q.push(Item(vw, counter, v, w));
                    sigma[w] = 0.0;
                    preds[w] = vec![v];
                } else if Some(vw) == seen[w] {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        (order, preds, sigma)
    }

    fn betweenness(&self, sources: &[usize], weighted: bool, endpoints: bool) -> Vec<f64> {
        let mut b = vec![0.0; self.n];
        for &s in sources {
            let (order, preds, sigma) = self.single_source(s, weighted);
            if endpoints {
                b[s] += (order.len() - 1) as f64;
            }
            let mut delta = vec![0.0; self.n];
            for &w in order.iter().rev() {
                let coeff = (1.0 + delta[w]) / sigma[w];
                for &v in &preds[w] {
                    delta[v] += sigma[v] * coeff;
                }
                if w != s {
                    b[w] += delta[w] + if endpoints { 1.0 } else { 0.0 };
                }
            }
        }
        b
    }

    fn edge_betweenness(&self, sources: &[usize], weighted: bool) -> HashMap<(usize, usize), f64> {
        let mut b = HashMap::new();
        for &s in sources {
            let (order, preds, sigma) = self.single_source(s, weighted);
            let mut delta = vec![0.0; self.n];
            for &w in order.iter().rev() {
                let coeff = (1.0 + delta[w]) / sigma[w];
                for &v in &preds[w] {
                    let c = sigma[v] * coeff;
                    let key = if self.directed || v < w {
                        (v, w)
                    } else {
                        (w, v)
                    };
                    *b.entry(key).or_insert(0.0) += c;
                    delta[v] += c;
                }
            }
        }
        b
    }

    /// Distances from `s` along reversed edges (incoming distances).
    fn incoming(&self, s: usize, weighted: bool) -> Vec<f64> {
        let mut d = vec![f64::INFINITY; self.n];
        d[s] = 0.0;
        let mut done = vec![false; self.n];
        loop {
            let next = (0..self.n)
                .filter(|&v| !done[v] && d[v].is_finite())
                .min_by(|&a, &b| d[a].partial_cmp(&d[b]).unwrap());
            let Some(v) = next else { break };
            done[v] = true;
            for &(u, w) in &self.pred[v] {
                let c = d[v] + if weighted { w } else { 1.0 };
                if c < d[u] {
                    d[u] = c;
                }
            }
        }
        d
    }
}

fn rescale(
    r: &Reference,
    b: &mut [f64],
    normalized: bool,
    endpoints: bool,
    sampled: Option<&[usize]>,
) {
    let sampled32: Option<Vec<u32>> = sampled.map(|s| s.iter().map(|&x| x as u32).collect());
    Rescale {
        n: r.n,
        normalized,
        directed: r.directed,
        endpoints,
        sampled: sampled.map(<[usize]>::len),
    }
    .apply(b, sampled32.as_deref());
}

fn random_graph(seed: u64, int_weights: bool) -> (i64, Weighted) {
    let mut rng = Rng::new(seed);
    let n = 5 + rng.below(30) as i64;
    let m = rng.below(3 * n as u64) as usize;
    let edges = (0..m)
        .map(|_| {
            let w = if int_weights {
                1.0 + rng.below(3) as f64
            } else {
                0.1 + rng.next_f64()
            };
            (rng.below(n as u64) as i64, rng.below(n as u64) as i64, w)
        })
        .collect();
    (n, edges)
}

fn close(a: &[f64], b: &[f64]) {
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        assert!(
            (x - y).abs() <= 1e-9 * (1.0 + y.abs()) || (x.is_nan() && y.is_nan()),
            "{a:?} != {b:?}"
        );
    }
}

#[test]
fn a_path_has_networkx_s_documented_values() {
    // networkx's docstring: the undirected 3-path has raw counts {0: 0, 1: 1, 2: 0}, and
    // {0: 2, 1: 3, 2: 2} with endpoints (unnormalised, pairs unordered).
    let g = graph(false, 3, &vec![(0, 1, 1.0), (1, 2, 1.0)]);
    let run = |endpoints, normalized| {
        let o = BetweennessOptions {
            endpoints,
            normalized,
            ..BetweennessOptions::default()
        };
        floats(
            &betweenness_centrality(&g, &o, &Cancel::new())
                .unwrap()
                .values,
        )
    };
    assert_eq!(run(false, false), vec![0.0, 1.0, 0.0]);
    assert_eq!(run(true, false), vec![2.0, 3.0, 2.0]);
    assert_eq!(run(false, true), vec![0.0, 1.0, 0.0]);
    close(&run(true, true), &[2.0 / 3.0, 1.0, 2.0 / 3.0]);
}

#[test]
fn every_measure_matches_the_reference_on_random_graphs() {
    for seed in 0..40 {
        let directed = seed % 2 == 0;
        let (n, edges) = random_graph(seed, seed % 3 == 0);
        let g = graph(directed, n, &edges);
        let r = Reference::new(directed, n, &edges);
        let all: Vec<usize> = (0..n as usize).collect();
        let cancel = Cancel::new();
        for weighted in [false, true] {
            let weight = weighted.then_some("w");
            for (normalized, endpoints) in
                [(true, false), (false, false), (true, true), (false, true)]
            {
                let o = BetweennessOptions {
                    normalized,
                    endpoints,
                    weight,
                    ..BetweennessOptions::default()
                };
                let got = floats(&betweenness_centrality(&g, &o, &cancel).unwrap().values);
                let mut want = r.betweenness(&all, weighted, endpoints);
                rescale(&r, &mut want, normalized, endpoints, None);
                close(&got, &want);
                // Sampled: the sources the seeded generator draws.
                let k = 1 + (seed as usize % (n as usize - 1));
                let o = BetweennessOptions {
                    k: Some(k),
                    seed: Some(seed),
                    ..o
                };
                let got = floats(&betweenness_centrality(&g, &o, &cancel).unwrap().values);
                let sources: Vec<usize> = Rng::new(seed)
                    .sample(n as usize, k)
                    .iter()
                    .map(|&s| s as usize)
                    .collect();
                let mut want = r.betweenness(&sources, weighted, endpoints);
                rescale(&r, &mut want, normalized, endpoints, Some(&sources));
                close(&got, &want);
                // The same sources chosen by the caller (networkx's sample from its seed):
                // the same values, bit for bit.
                let chosen: Vec<KeyRef> = sources.iter().map(|&s| KeyRef::Int(s as i64)).collect();
                let o = BetweennessOptions {
                    k: None,
                    sources: Some(&chosen),
                    ..o
                };
                let given = floats(&betweenness_centrality(&g, &o, &cancel).unwrap().values);
                let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&given), bits(&got));
            }
            let e = edge_betweenness_centrality(
                &g,
                &BetweennessOptions {
                    weight,
                    ..BetweennessOptions::default()
                },
                &cancel,
            )
            .unwrap();
            let want = r.edge_betweenness(&all, weighted);
            let got = floats(&e.values);
            for (i, value) in got.iter().enumerate() {
                let key = |list: &crate::core::KeyList| match list.get(i) {
                    KeyRef::Int(x) => x as usize,
                    _ => unreachable!(),
                };
                let (u, v) = (key(&e.sources), key(&e.targets));
                let mut raw = [want.get(&(u, v)).copied().unwrap_or(0.0)];
                rescale(&r, &mut raw, true, true, None);
                close(&[*value], &raw);
            }
            let closeness = closeness_centrality(&g, weight, true, &cancel).unwrap();
            let harmonic = harmonic_centrality(&g, weight, &cancel).unwrap();
            let (mut want_c, mut want_h) = (Vec::new(), Vec::new());
            for u in 0..n as usize {
                let d: Vec<f64> = r
                    .incoming(u, weighted)
                    .into_iter()
                    .filter(|d| d.is_finite())
                    .collect();
                let total: f64 = d.iter().sum();
                let reached = d.len() as f64;
                let mut c = 0.0;
                if total > 0.0 && n > 1 {
                    c = (reached - 1.0) / total * ((reached - 1.0) / (n as f64 - 1.0));
                }
                want_c.push(c);
                want_h.push(d.iter().filter(|&&x| x != 0.0).map(|x| 1.0 / x).sum());
            }
            close(&floats(&closeness.values), &want_c);
            close(&floats(&harmonic.values), &want_h);
        }
    }
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let (n, edges) = random_graph(7, false);
    let mut edges = edges;
    for i in 0..300 {
        edges.push((i % n, (i * 7 + 3) % n, 1.0 + (i % 5) as f64 * 0.3));
    }
    let g = graph(true, n, &edges);
    let run = |threads: usize| {
        on_threads(threads, || {
            let o = BetweennessOptions {
                k: Some(n as usize / 2),
                seed: Some(42),
                weight: Some("w"),
                ..BetweennessOptions::default()
            };
            let b = betweenness_centrality(&g, &o, &Cancel::new()).unwrap();
            let e = edge_betweenness_centrality(
                &g,
                &BetweennessOptions {
                    normalized: false,
                    ..BetweennessOptions::default()
                },
                &Cancel::new(),
            )
            .unwrap();
            (floats(&b.values), floats(&e.values))
        })
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
}

#[test]
fn bad_arguments_and_weights_are_refused() {
    let g = graph(false, 3, &vec![(0, 1, -1.0), (1, 2, 1.0)]);
    let cancel = Cancel::new();
    let k = |k| BetweennessOptions {
        k: Some(k),
        ..BetweennessOptions::default()
    };
    for bad in [0, 4] {
        assert!(matches!(
            betweenness_centrality(&g, &k(bad), &cancel),
            Err(GraphError::InvalidArgument(_))
        ));
    }
    let chosen = [KeyRef::Int(1)];
    assert!(matches!(
        betweenness_centrality(
            &g,
            &BetweennessOptions {
                sources: Some(&chosen),
                ..k(1)
            },
            &cancel
        ),
        Err(GraphError::InvalidArgument(_))
    ));
    let missing = [KeyRef::Int(7)];
    let o = BetweennessOptions {
        sources: Some(&missing),
        ..BetweennessOptions::default()
    };
    assert!(matches!(
        edge_betweenness_centrality(&g, &o, &cancel),
        Err(GraphError::NodeNotFound(_))
    ));
    let weighted = BetweennessOptions {
        weight: Some("w"),
        ..BetweennessOptions::default()
    };
    assert!(matches!(
        betweenness_centrality(&g, &weighted, &cancel),
        Err(GraphError::Algorithm(_))
    ));
    assert!(matches!(
        closeness_centrality(&g, Some("w"), true, &cancel),
        Err(GraphError::Algorithm(_))
    ));
    cancel.trigger();
    assert_eq!(
        harmonic_centrality(&g, None, &cancel).unwrap_err(),
        GraphError::Cancelled
    );
    assert_eq!(
        edge_betweenness_centrality(&g, &BetweennessOptions::default(), &cancel).unwrap_err(),
        GraphError::Cancelled
    );
}
