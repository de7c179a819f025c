//! Label propagation, networkx's two versions.
//!
//! `label_propagation_communities`: the semi-synchronous algorithm of Cordasco and Gargano,
//! as networkx runs it. Nodes are coloured greedily, largest degree first (networkx's
//! `greedy_color`, ties in node order); every node starts with its own label (its position
//! in node order); then, colour by colour, each node takes the label most frequent among
//! its neighbours (ties: keep its own if among them, else the largest), until every node
//! with neighbours holds one of its most frequent labels. Nodes of one colour are never
//! neighbours, so they update independently (in parallel) and the order within a colour,
//! which networkx leaves to set iteration, does not change the result.
//!
//! `asyn_lpa_communities`: networkx's asynchronous version: sweeps over the nodes in a
//! seeded random order, each node taking one of its neighbours' (successors' when
//! directed) most frequent labels, weighted, chosen at random among ties unless its own
//! is among them, until a sweep changes nothing. A node none of whose neighbours changed
//! since it last looked is passed over: it would change nothing.

use rayon::prelude::*;

use super::{groups, take, Scratch, Weight, SCRATCH};
use crate::algo::random::{seed_or_random, Rng};
use crate::algo::NodeGroups;
use crate::core::fallible::{collected, filled};
use crate::core::{Cancel, Csr, GraphError, GraphResult, SharedGraph, CHECK_EVERY};

/// The semi-synchronous label propagation communities (undirected graphs only; a directed
/// graph is `InvalidOperation`, as networkx), largest first.
pub fn label_propagation_communities(
    graph: &SharedGraph,
    cancel: &Cancel,
) -> GraphResult<NodeGroups> {
    let input = take(graph, &[], Weight::Unweighted, cancel)?;
    let csr = &input.csr;
    if csr.is_directed() {
        return Err(GraphError::InvalidOperation(
            "label_propagation_communities is for undirected graphs".into(),
        ));
    }
    let n = csr.node_count();
    let classes = colour_classes(csr, cancel)?;
    let mut labels = collected(0..n as u32)?;
    // On a worker of the pool, as Louvain: many short parallel steps.
    rayon::scope(|_| -> GraphResult<()> {
        while !labeling_complete(csr, &labels, cancel)? {
            for class in &classes {
                cancel.check()?;
                let updated: Vec<u32> = class
                    .par_iter()
                    .map(|&u| SCRATCH.with(|s| updated_label(csr, &labels, u, &mut s.borrow_mut())))
                    .collect();
                for (&u, label) in class.iter().zip(updated) {
                    labels[u as usize] = label;
                }
            }
        }
        Ok(())
    })?;
    groups(csr, &labels)
}

/// The nodes of each colour of networkx's `greedy_color` (strategy largest first),
/// colour 0 first, each in node order.
fn colour_classes(csr: &Csr, cancel: &Cancel) -> GraphResult<Vec<Vec<u32>>> {
    let n = csr.node_count();
    // networkx's degree counts a self-loop twice; the snapshot lists it once.
    let degree = |u: u32| {
        let nbrs = csr.out.neighbors(u);
        nbrs.len() + usize::from(nbrs.contains(&u))
    };
    let mut order = collected(0..n as u32)?;
    order.sort_by_key(|&u| std::cmp::Reverse(degree(u))); // stable: ties in node order
    let mut colour = filled(n, u32::MAX)?;
    // `taken[c] == u` while colouring `u` means a neighbour of `u` has colour `c`.
    let mut taken: Vec<u32> = Vec::new();
    let mut classes: Vec<Vec<u32>> = Vec::new();
    for (i, &u) in order.iter().enumerate() {
        if i % CHECK_EVERY == 0 {
            cancel.check()?;
        }
        for &v in csr.out.neighbors(u) {
            let c = colour[v as usize];
            if c != u32::MAX {
                taken[c as usize] = u;
            }
        }
        let c = (0..taken.len())
            .find(|&c| taken[c] != u)
            .unwrap_or(taken.len());
        if c == taken.len() {
            taken.push(u32::MAX);
            classes.push(Vec::new());
        }
        colour[u as usize] = c as u32;
        classes[c].push(u);
    }
    for class in &mut classes {
        class.sort_unstable();
    }
    Ok(classes)
}

/// Counts the labels of `u`'s neighbours (each neighbour once, weight 1) into `scratch`;
/// returns the largest count.
fn count_labels(csr: &Csr, labels: &[u32], u: u32, scratch: &mut Scratch) -> f64 {
    scratch.begin(labels.len());
    for &v in csr.out.neighbors(u) {
        scratch.add(labels[v as usize], 1.0);
    }
    scratch
        .seen
        .iter()
        .map(|&l| scratch.sum[l as usize])
        .fold(0.0, f64::max)
}

/// networkx's `_update_label`: the single most frequent label, else the node's own if it
/// is among the most frequent, else the largest of them.
fn updated_label(csr: &Csr, labels: &[u32], u: u32, scratch: &mut Scratch) -> u32 {
    let own = labels[u as usize];
    if csr.out.degree(u) == 0 {
        return own;
    }
    let top = count_labels(csr, labels, u, scratch);
    let mut high = scratch
        .seen
        .iter()
        .copied()
        .filter(|&l| scratch.sum[l as usize] == top);
    let first = high
        .next()
        .expect("a node with neighbours has a label count");
    let mut largest = first;
    let mut several = false;
    for l in high {
        several = true;
        largest = largest.max(l);
    }
    if !several {
        first
    } else if scratch.get(own) == top {
        own
    } else {
        largest
    }
}

/// networkx's `_labeling_complete`: every node with neighbours holds one of its
/// neighbours' most frequent labels.
fn labeling_complete(csr: &Csr, labels: &[u32], cancel: &Cancel) -> GraphResult<bool> {
    cancel.check()?;
    Ok((0..csr.node_count() as u32).into_par_iter().all(|u| {
        csr.out.degree(u) == 0
            || SCRATCH.with(|s| {
                let scratch = &mut s.borrow_mut();
                let top = count_labels(csr, labels, u, scratch);
                scratch.get(labels[u as usize]) == top
            })
    }))
}

/// networkx's asynchronous label propagation with a generator seeded `seed` (`None`: a
/// fresh seed), weighted by `weight`, largest community first.
pub fn asyn_lpa_communities(
    graph: &SharedGraph,
    weight: Weight<'_>,
    seed: Option<u64>,
    cancel: &Cancel,
) -> GraphResult<NodeGroups> {
    let input = take(graph, &[], weight, cancel)?;
    let csr = &input.csr;
    let out_w = input.weights.as_deref().map(|w| &w.out[..]);
    let n = csr.node_count();
    let mut rng = Rng::new(seed_or_random(seed));
    let mut labels = collected(0..n as u32)?;
    let mut order = collected(0..n as u32)?;
    // Whether a node's neighbourhood changed since it last looked: one that did not would
    // find its label among the most frequent again and change nothing, drawing nothing, so
    // it is passed over with the same result (networkx looks at every node every sweep).
    let mut stale = filled(n, true)?;
    let mut best: Vec<u32> = Vec::new();
    SCRATCH.with(|s| -> GraphResult<()> {
        let scratch = &mut s.borrow_mut();
        loop {
            let mut changed = false;
            rng.shuffle(&mut order);
            for (i, &u) in order.iter().enumerate() {
                if i % CHECK_EVERY == 0 {
                    cancel.check()?;
                }
                if !std::mem::replace(&mut stale[u as usize], false) {
                    continue;
                }
                let nbrs = csr.out.neighbors(u);
                if nbrs.is_empty() {
                    continue;
                }
                scratch.begin(n);
                let start = csr.out.offsets[u as usize];
                for (j, &v) in nbrs.iter().enumerate() {
                    scratch.add(labels[v as usize], out_w.map_or(1.0, |w| w[start + j]));
                }
                let top = scratch
                    .seen
                    .iter()
                    .map(|&l| scratch.sum[l as usize])
                    .fold(f64::NEG_INFINITY, f64::max);
                best.clear();
                best.extend(
                    scratch
                        .seen
                        .iter()
                        .copied()
                        .filter(|&l| scratch.sum[l as usize] == top),
                );
                if !best.contains(&labels[u as usize]) && !best.is_empty() {
                    labels[u as usize] = best[rng.below(best.len() as u64) as usize];
                    changed = true;
                    // The nodes that count u's label: its predecessors (its neighbours
                    // when undirected).
                    for &w in csr.inp().neighbors(u) {
                        stale[w as usize] = true;
                    }
                }
            }
            if !changed {
                return Ok(());
            }
        }
    })?;
    groups(csr, &labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{AttrValue, GraphCore, KeyRef};

    fn undirected(edges: &[(i64, i64)]) -> SharedGraph {
        let mut g = GraphCore::new(false);
        for &(u, v) in edges {
            g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[]).unwrap();
        }
        SharedGraph::new(g)
    }

    #[test]
    fn two_triangles_give_two_communities() {
        let g = undirected(&[(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]);
        let found = label_propagation_communities(&g, &Cancel::new()).unwrap();
        assert_eq!(found.sizes, vec![3, 3]);
        let found = asyn_lpa_communities(&g, Weight::Unweighted, Some(1), &Cancel::new()).unwrap();
        assert_eq!(found.sizes.iter().sum::<i64>(), 6);
    }

    #[test]
    fn directed_graphs_are_refused_by_the_semi_synchronous_version() {
        let mut g = GraphCore::new(true);
        g.add_edge(KeyRef::Int(0), KeyRef::Int(1), &[]).unwrap();
        let g = SharedGraph::new(g);
        assert!(matches!(
            label_propagation_communities(&g, &Cancel::new()),
            Err(GraphError::InvalidOperation(_))
        ));
        assert!(asyn_lpa_communities(&g, Weight::Unweighted, Some(2), &Cancel::new()).is_ok());
    }

    #[test]
    fn asynchronous_labels_are_most_frequent_at_the_end() {
        let mut g = GraphCore::new(false);
        let mut rng = Rng::new(9);
        for _ in 0..600 {
            let (u, v) = (rng.below(150) as i64, rng.below(150) as i64);
            let w = AttrValue::Float64(1.0 + rng.below(3) as f64);
            g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[("w", w)])
                .unwrap();
        }
        let g = SharedGraph::new(g);
        let a = asyn_lpa_communities(&g, Weight::Named("w"), Some(5), &Cancel::new()).unwrap();
        let b = asyn_lpa_communities(&g, Weight::Named("w"), Some(5), &Cancel::new()).unwrap();
        assert_eq!(a.sizes, b.sizes);
        assert!((0..a.keys.len()).all(|i| a.keys.get(i) == b.keys.get(i)));
    }
}

#[cfg(test)]
mod reference {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use crate::core::{GraphCore, KeyRef};

    /// networkx's `label_propagation_communities` written out plainly: greedy colouring
    /// largest degree first, then colour by colour, node by node, until complete.
    fn semi_synchronous(n: usize, edges: &[(usize, usize)]) -> BTreeSet<BTreeSet<usize>> {
        let mut nbrs: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
        for &(u, v) in edges {
            nbrs[u].insert(v);
            nbrs[v].insert(u);
        }
        let degree = |u: usize| nbrs[u].len() + usize::from(nbrs[u].contains(&u));
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&u| std::cmp::Reverse(degree(u)));
        let mut colour: Vec<Option<usize>> = vec![None; n];
        for &u in &order {
            let used: BTreeSet<usize> = nbrs[u].iter().filter_map(|&v| colour[v]).collect();
            colour[u] = (0..).find(|c| !used.contains(c));
        }
        let colours = colour.iter().flatten().max().map_or(0, |&c| c + 1);
        let mut label: Vec<usize> = (0..n).collect();
        let most_frequent = |label: &[usize], u: usize| -> BTreeSet<usize> {
            let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
            for &v in &nbrs[u] {
                *counts.entry(label[v]).or_default() += 1;
            }
            let top = counts.values().copied().max().unwrap_or(0);
            counts
                .into_iter()
                .filter(|&(_, c)| c == top)
                .map(|(l, _)| l)
                .collect()
        };
        let complete = |label: &[usize]| {
            (0..n).all(|u| nbrs[u].is_empty() || most_frequent(label, u).contains(&label[u]))
        };
        while !complete(&label) {
            for c in 0..colours {
                for u in (0..n).filter(|&u| colour[u] == Some(c)) {
                    if nbrs[u].is_empty() {
                        continue;
                    }
                    let high = most_frequent(&label, u);
                    if high.len() == 1 {
                        label[u] = *high.iter().next().unwrap();
                    } else if !high.contains(&label[u]) {
                        label[u] = *high.iter().next_back().unwrap();
                    }
                }
            }
        }
        let mut groups: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for (u, &l) in label.iter().enumerate() {
            groups.entry(l).or_default().insert(u);
        }
        groups.into_values().collect()
    }

    #[test]
    fn equals_the_plain_algorithm_on_random_graphs() {
        for seed in 0..30u64 {
            let mut rng = Rng::new(seed);
            let n = 1 + rng.below(60) as usize;
            let m = rng.below(3 * n as u64 + 1) as usize;
            let edges: Vec<(usize, usize)> = (0..m)
                .map(|_| (rng.below(n as u64) as usize, rng.below(n as u64) as usize))
                .collect();
            let mut g = GraphCore::new(false);
            for u in 0..n {
                g.add_node(KeyRef::Int(u as i64), &[]).unwrap();
            }
            for &(u, v) in &edges {
                g.add_edge(KeyRef::Int(u as i64), KeyRef::Int(v as i64), &[])
                    .unwrap();
            }
            let found =
                label_propagation_communities(&SharedGraph::new(g), &Cancel::new()).unwrap();
            let mut got = BTreeSet::new();
            let mut start = 0;
            for &size in &found.sizes {
                let group = (start..start + size as usize)
                    .map(|i| match found.keys.get(i) {
                        KeyRef::Int(k) => k as usize,
                        other => panic!("{other:?}"),
                    })
                    .collect::<BTreeSet<usize>>();
                got.insert(group);
                start += size as usize;
            }
            assert_eq!(got, semi_synchronous(n, &edges), "seed {seed}");
        }
    }

    /// networkx's `asyn_lpa_communities` looking at every node every sweep, with the
    /// engine's generator: the labels the engine's (which passes over nodes whose
    /// neighbourhood did not change) must equal.
    fn asynchronous_plain(csr: &Csr, weights: Option<&[f64]>, seed: u64) -> Vec<u32> {
        let n = csr.node_count();
        let mut rng = Rng::new(seed);
        let mut labels: Vec<u32> = (0..n as u32).collect();
        let mut order: Vec<u32> = (0..n as u32).collect();
        loop {
            let mut changed = false;
            rng.shuffle(&mut order);
            for &u in &order {
                let start = csr.out.offsets[u as usize];
                let mut freq: Vec<(u32, f64)> = Vec::new(); // in first-seen order
                for (j, &v) in csr.out.neighbors(u).iter().enumerate() {
                    let w = weights.map_or(1.0, |w| w[start + j]);
                    match freq.iter_mut().find(|(l, _)| *l == labels[v as usize]) {
                        Some((_, sum)) => *sum += w,
                        None => freq.push((labels[v as usize], w)),
                    }
                }
                let top = freq.iter().map(|f| f.1).fold(f64::NEG_INFINITY, f64::max);
                let best: Vec<u32> = freq.iter().filter(|f| f.1 == top).map(|f| f.0).collect();
                if !best.is_empty() && !best.contains(&labels[u as usize]) {
                    labels[u as usize] = best[rng.below(best.len() as u64) as usize];
                    changed = true;
                }
            }
            if !changed {
                return labels;
            }
        }
    }

    #[test]
    fn asynchronous_passes_over_only_what_would_not_change() {
        let mut rng = Rng::new(17);
        for (directed, weighted) in [(false, false), (true, false), (false, true), (true, true)] {
            let mut g = GraphCore::new(directed);
            for _ in 0..900 {
                let (u, v) = (rng.below(200) as i64, rng.below(200) as i64);
                let w = crate::core::AttrValue::Float64(1.0 + rng.below(2) as f64);
                g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[("w", w)])
                    .unwrap();
            }
            let g = SharedGraph::new(g);
            let weight = if weighted {
                Weight::Named("w")
            } else {
                Weight::Unweighted
            };
            for seed in 0..4 {
                let got = asyn_lpa_communities(&g, weight, Some(seed), &Cancel::new()).unwrap();
                let input = take(&g, &[], weight, &Cancel::new()).unwrap();
                let weights = input.weights.as_deref().map(|w| &w.out[..]);
                let labels = asynchronous_plain(&input.csr, weights, seed);
                let want = groups(&input.csr, &labels).unwrap();
                assert_eq!(got.sizes, want.sizes, "directed {directed}, seed {seed}");
                assert!((0..got.keys.len()).all(|i| got.keys.get(i) == want.keys.get(i)));
            }
        }
    }
}
