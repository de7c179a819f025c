//! Core numbers by Batagelj and Zaversnik's bucket method (O(m)), and k-cores.
//!
//! A directed graph's degree is in-degree plus out-degree, and a pair of opposite edges
//! counts twice, as networkx. Self-loops are refused, as networkx refuses them.

use super::super::{input, NodeValues};
use crate::core::fallible::{collected, filled};
use crate::core::{
    Array, Cancel, Csr, GraphCore, GraphError, GraphResult, KeyRef, SharedGraph, CHECK_EVERY,
};

/// Each node's core number (int64), in node order.
pub fn core_number(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<NodeValues> {
    let input = input::take(graph, &[], None, cancel)?;
    let cores = cores(&input.csr, cancel)?;
    Ok(NodeValues {
        keys: input.csr.keys().clone(),
        values: Array::from_i64(collected(cores.iter().map(|&c| c as i64))?),
    })
}

/// The k-core: the subgraph (a new graph, with the attributes of its nodes and edges)
/// induced by the nodes whose core number is at least `k`; `None`, the largest core
/// number (an empty graph gives an empty graph).
pub fn k_core(graph: &SharedGraph, k: Option<i64>, cancel: &Cancel) -> GraphResult<GraphCore> {
    let input = input::take(graph, &[], None, cancel)?;
    let csr = &input.csr;
    let cores = cores(csr, cancel)?;
    let k = k.unwrap_or_else(|| cores.iter().copied().max().unwrap_or(0) as i64);
    let keys: Vec<KeyRef<'_>> = (0..csr.node_count())
        .filter(|&c| cores[c] as i64 >= k)
        .map(|c| csr.keys().get(c))
        .collect();
    cancel.check()?;
    graph.subgraph(&keys)
}

fn cores(csr: &Csr, cancel: &Cancel) -> GraphResult<Vec<u32>> {
    let n = csr.node_count();
    let inp = csr.inp();
    let directed = csr.is_directed();
    let neighbours = |u: u32| {
        let incoming: &[u32] = if directed { inp.neighbors(u) } else { &[] };
        csr.out.neighbors(u).iter().chain(incoming)
    };
    if (0..n as u32).any(|u| csr.out.neighbors(u).contains(&u)) {
        return Err(GraphError::InvalidOperation(
            "core numbers are not defined for graphs with self-loops (as networkx)".into(),
        ));
    }
    let mut degree = collected((0..n as u32).map(|u| neighbours(u).count() as u32))?;
    let most = degree.iter().copied().max().unwrap_or(0) as usize;
    // Nodes sorted by degree (`vert`), each node's place there (`pos`), and where each
    // degree's bucket starts (`start`).
    let mut start = filled(most + 2, 0usize)?;
    for &d in &degree {
        start[d as usize + 1] += 1;
    }
    for d in 0..=most {
        start[d + 1] += start[d];
    }
    let mut next = start.clone();
    let mut vert = filled(n, 0u32)?;
    let mut pos = filled(n, 0usize)?;
    for u in 0..n {
        let d = degree[u] as usize;
        pos[u] = next[d];
        vert[next[d]] = u as u32;
        next[d] += 1;
    }
    drop(next);
    for i in 0..n {
        if i % CHECK_EVERY == 0 {
            cancel.check()?;
        }
        let v = vert[i];
        for &u in neighbours(v) {
            let du = degree[u as usize];
            if du > degree[v as usize] {
                // Move u to the front of its bucket, then shrink the bucket past it.
                let pu = pos[u as usize];
                let pw = start[du as usize];
                let w = vert[pw];
                if u != w {
                    vert.swap(pu, pw);
                    pos[u as usize] = pw;
                    pos[w as usize] = pu;
                }
                start[du as usize] += 1;
                degree[u as usize] -= 1;
            }
        }
    }
    Ok(degree)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::test_graphs::graph;
    use crate::core::AttrValue;

    /// Core numbers by peeling: repeatedly remove a node of least remaining degree.
    fn peeled(directed: bool, n: usize, edges: &[(i64, i64)]) -> Vec<u32> {
        let mut adj = vec![Vec::new(); n];
        for &(u, v) in edges {
            adj[u as usize].push(v as usize);
            adj[v as usize].push(u as usize);
        }
        let _ = directed;
        let mut alive = vec![true; n];
        let mut core = vec![0u32; n];
        let mut k = 0;
        for _ in 0..n {
            let deg = |u: usize, alive: &[bool]| adj[u].iter().filter(|&&v| alive[v]).count();
            let u = (0..n)
                .filter(|&u| alive[u])
                .min_by_key(|&u| deg(u, &alive))
                .unwrap();
            k = k.max(deg(u, &alive) as u32);
            core[u] = k;
            alive[u] = false;
        }
        core
    }

    #[test]
    fn matches_peeling_on_random_graphs() {
        let mut rng = crate::algo::random::Rng::new(3);
        for round in 0..30 {
            let directed = round % 2 == 1;
            let n = 4 + round;
            let mut g = GraphCore::new(directed);
            for u in 0..n {
                g.add_node(KeyRef::Int(u as i64), &[]).unwrap();
            }
            let mut edges = Vec::new();
            for _ in 0..n * 2 {
                let (u, v) = (rng.below(n as u64) as i64, rng.below(n as u64) as i64);
                if u != v && !g.has_edge(KeyRef::Int(u), KeyRef::Int(v)) {
                    g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[]).unwrap();
                    edges.push((u, v));
                }
            }
            let want = peeled(directed, n, &edges);
            let got = core_number(&SharedGraph::new(g), &Cancel::new()).unwrap();
            for (i, &w) in want.iter().enumerate() {
                assert_eq!(got.values.get(i), AttrValue::Int64(w as i64));
            }
        }
    }

    #[test]
    fn k_core_keeps_the_dense_part_and_refuses_self_loops() {
        // A triangle with a tail: the 2-core is the triangle.
        let g = graph(false, &[(1, 2), (2, 3), (3, 1), (3, 4)]);
        let core = k_core(&g, None, &Cancel::new()).unwrap();
        assert_eq!((core.node_count(), core.edge_count()), (3, 3));
        assert_eq!(k_core(&g, Some(1), &Cancel::new()).unwrap().node_count(), 4);
        let looped = graph(false, &[(1, 1)]);
        assert!(matches!(
            core_number(&looped, &Cancel::new()),
            Err(GraphError::InvalidOperation(_))
        ));
    }
}
