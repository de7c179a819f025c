//! Modularity of a partition, networkx's `community.modularity`:
//! `Q = sum_c L_c / m - resolution * Kout_c * Kin_c * norm`, where `L_c` is the weight of
//! the edges inside community `c` (each once), `Kout_c`/`Kin_c` its summed out/in degrees
//! (both the degree when undirected, a self-loop counting twice), and `m`/`norm` are the
//! total weight and `1/m^2` (directed) or half the degree sum and `1/(degree sum)^2`
//! (undirected).

use super::{take, Weight};
use crate::core::fallible::{copied, filled};
use crate::core::{Cancel, GraphError, GraphResult, KeyRef, SharedGraph, CHECK_EVERY};

/// The modularity of the partition that puts `keys[i]` in community `community[i]` (any
/// numbers: keys with equal numbers share a community).
/// Not a partition of the graph's nodes (a key not in the graph, a node listed twice or
/// not at all) → `InvalidArgument`, as networkx's `NotAPartition`; a graph whose total
/// weight is 0 → `Algorithm` (networkx divides by zero).
pub fn modularity(
    graph: &SharedGraph,
    keys: &[KeyRef<'_>],
    community: &[u64],
    weight: Weight<'_>,
    resolution: f64,
    cancel: &Cancel,
) -> GraphResult<f64> {
    if keys.len() != community.len() {
        return Err(GraphError::InvalidArgument(format!(
            "modularity: {} keys but {} community numbers",
            keys.len(),
            community.len()
        )));
    }
    if resolution.is_nan() {
        return Err(GraphError::InvalidArgument(
            "modularity: resolution must be a number".into(),
        ));
    }
    let input = take(graph, keys, weight, cancel)?;
    let csr = &input.csr;
    let n = csr.node_count();
    let not_a_partition = |why: String| {
        GraphError::InvalidArgument(format!("modularity: not a partition of the graph: {why}"))
    };
    // Dense community numbers: positions among the distinct numbers given.
    let mut distinct = copied(community)?;
    distinct.sort_unstable();
    distinct.dedup();
    let mut of = filled(n, u32::MAX)?;
    for (i, (id, c)) in input.optional.iter().zip(community).enumerate() {
        let id = id.ok_or_else(|| not_a_partition(format!("{} is not a node", keys[i])))?;
        if of[id as usize] != u32::MAX {
            return Err(not_a_partition(format!(
                "{} is in two communities",
                keys[i]
            )));
        }
        of[id as usize] = distinct.binary_search(c).expect("a number given") as u32;
    }
    if let Some(missing) = of.iter().position(|&c| c == u32::MAX) {
        return Err(not_a_partition(format!(
            "{} is in no community",
            csr.keys().get(missing)
        )));
    }
    let directed = csr.is_directed();
    let out_w = input.weights.as_deref().map(|w| &w.out[..]);
    let weight_of = |entry: usize| out_w.map_or(1.0, |w| w[entry]);
    let k = distinct.len();
    let (mut inside, mut k_out, mut k_in) = (filled(k, 0.0)?, filled(k, 0.0)?, filled(k, 0.0)?);
    let mut total = 0.0;
    for u in 0..n as u32 {
        if u as usize % CHECK_EVERY == 0 {
            cancel.check()?;
        }
        let cu = of[u as usize] as usize;
        let start = csr.out.offsets[u as usize];
        for (i, &v) in csr.out.neighbors(u).iter().enumerate() {
            let w = weight_of(start + i);
            total += w;
            if directed {
                k_out[cu] += w;
                k_in[of[v as usize] as usize] += w;
            } else {
                // An undirected self-loop is listed once but counts twice in the degree.
                k_out[cu] += if v == u { 2.0 * w } else { w };
            }
            // Each undirected edge once: from its smaller end.
            if of[v as usize] as usize == cu && (directed || v >= u) {
                inside[cu] += w;
            }
        }
    }
    let (m, norm) = if directed {
        (total, 1.0 / (total * total))
    } else {
        let degree_sum: f64 = k_out.iter().sum();
        (degree_sum / 2.0, 1.0 / (degree_sum * degree_sum))
    };
    if m == 0.0 {
        return Err(GraphError::Algorithm(
            "modularity is undefined on a graph whose edges weigh 0 in all".into(),
        ));
    }
    let k_in = if directed { &k_in } else { &k_out };
    Ok((0..k)
        .map(|c| inside[c] / m - resolution * k_out[c] * k_in[c] * norm)
        .sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{AttrValue, GraphCore};

    fn graph(directed: bool, edges: &[(i64, i64, f64)]) -> SharedGraph {
        let mut g = GraphCore::new(directed);
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

    fn q(g: &SharedGraph, parts: &[&[i64]], weight: Weight<'_>) -> GraphResult<f64> {
        let mut keys = Vec::new();
        let mut comm = Vec::new();
        for (c, part) in parts.iter().enumerate() {
            for &k in *part {
                keys.push(KeyRef::Int(k));
                comm.push(c as u64);
            }
        }
        modularity(g, &keys, &comm, weight, 1.0, &Cancel::new())
    }

    #[test]
    fn two_triangles_joined_by_an_edge() {
        // networkx: modularity(G, [{0,1,2},{3,4,5}]) = 5/14 for two triangles plus a bridge.
        let edges: Vec<(i64, i64, f64)> = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]
            .iter()
            .map(|&(u, v)| (u, v, 1.0))
            .collect();
        let g = graph(false, &edges);
        let value = q(&g, &[&[0, 1, 2], &[3, 4, 5]], Weight::Unweighted).unwrap();
        assert!((value - 5.0 / 14.0).abs() < 1e-15, "{value}");
        // The default weight name is absent: unweighted; a named absent one is an error.
        assert_eq!(
            q(&g, &[&[0, 1, 2], &[3, 4, 5]], Weight::Default("weight")).unwrap(),
            value
        );
        assert!(q(&g, &[&[0, 1, 2], &[3, 4, 5]], Weight::Named("weight")).is_err());
    }

    #[test]
    fn not_a_partition_is_refused() {
        let g = graph(true, &[(0, 1, 2.0), (1, 2, 1.0)]);
        for parts in [&[&[0, 1][..]][..], &[&[0, 1], &[1, 2]], &[&[0, 1, 2, 7]]] {
            assert!(matches!(
                q(&g, parts, Weight::Named("w")),
                Err(GraphError::InvalidArgument(_))
            ));
        }
        // Directed and weighted: L = 3 inside one community, Kout*Kin = 3*3 → 1 - 1 = 0.
        let value = q(&g, &[&[0, 1, 2]], Weight::Named("w")).unwrap();
        assert!(value.abs() < 1e-15);
    }
}

#[cfg(test)]
mod reference {
    use super::*;
    use crate::algo::random::Rng;
    use crate::core::{AttrValue, GraphCore};

    /// Newman's definition summed over ordered node pairs:
    /// `Q = 1/(2m) sum_ij (A_ij - res k_i k_j / (2m)) [c_i == c_j]` (undirected, a loop
    /// counted twice in A_ii) or `1/m sum_ij (A_ij - res kout_i kin_j / m) [c_i == c_j]`.
    fn by_pairs(n: usize, edges: &[(usize, usize, f64)], of: &[usize], directed: bool) -> f64 {
        let mut a = vec![vec![0.0; n]; n];
        for &(u, v, w) in edges {
            if directed {
                a[u][v] += w;
            } else {
                a[u][v] += w;
                a[v][u] += w;
            }
        }
        let k_out: Vec<f64> = (0..n).map(|i| a[i].iter().sum()).collect();
        let k_in: Vec<f64> = (0..n).map(|j| (0..n).map(|i| a[i][j]).sum()).collect();
        let total: f64 = k_out.iter().sum();
        let mut q = 0.0;
        for i in 0..n {
            for j in 0..n {
                if of[i] == of[j] {
                    q += a[i][j] - k_out[i] * k_in[j] / total;
                }
            }
        }
        q / total
    }

    #[test]
    fn equals_the_pairwise_definition_on_random_graphs() {
        for directed in [false, true] {
            for seed in 0..20u64 {
                let mut rng = Rng::new(seed);
                let n = 2 + rng.below(25) as usize;
                let mut g = GraphCore::new(directed);
                let mut edges: Vec<(usize, usize, f64)> = Vec::new();
                for u in 0..n {
                    g.add_node(KeyRef::Int(u as i64), &[]).unwrap();
                }
                for _ in 0..rng.below(60) + 1 {
                    let (u, v) = (rng.below(n as u64) as usize, rng.below(n as u64) as usize);
                    let w = 0.5 + rng.below(4) as f64;
                    let (ku, kv) = (KeyRef::Int(u as i64), KeyRef::Int(v as i64));
                    let exists = edges
                        .iter()
                        .position(|&(a, b, _)| (a, b) == (u, v) || (!directed && (b, a) == (u, v)));
                    g.add_edge(ku, kv, &[("w", AttrValue::Float64(w))]).unwrap();
                    match exists {
                        Some(i) => edges[i].2 = w, // a repeat updates the edge
                        None => edges.push((u, v, w)),
                    }
                }
                let of: Vec<usize> = (0..n).map(|_| rng.below(4) as usize).collect();
                let keys: Vec<KeyRef<'_>> = (0..n).map(|u| KeyRef::Int(u as i64)).collect();
                let community: Vec<u64> = of.iter().map(|&c| c as u64).collect();
                let shared = SharedGraph::new(g);
                let got = modularity(
                    &shared,
                    &keys,
                    &community,
                    Weight::Named("w"),
                    1.0,
                    &Cancel::new(),
                )
                .unwrap();
                let expected = by_pairs(n, &edges, &of, directed);
                assert!(
                    (got - expected).abs() < 1e-12,
                    "{directed} {seed}: {got} {expected}"
                );
            }
        }
    }
}
