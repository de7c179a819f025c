//! Clustering coefficients and transitivity with networkx's definitions.
//!
//! - undirected, unweighted: `2 T(u) / (d (d - 1))` from the triangle counts;
//! - undirected, weighted: the sum over the triangles at `u` of the geometric mean of
//!   their three weights, each divided by the largest weight, over `d (d - 1) / 2`;
//! - directed (Fagiolo): `T(u) / (2 (d_tot (d_tot - 1) - 2 d_recip))`, where `T(u)` counts
//!   the directed triangles `(A + Aᵀ)³_uu`, weighted by the cube roots of the normalised
//!   weights when weighted.
//!
//! A node with no triangle has 0. Self-loops are ignored. The weighted and directed
//! cases use one kernel: the cube root is multiplicative, so a triangle's value is the
//! product of one factor per edge, and node `u`'s sum is
//! `Σ_j f(u,j) Σ_k f(j,k) f(u,k)` over entries, with `f(u, ·)` held in a marker array.

use rayon::prelude::*;

use super::super::{input, NodeValues};
use super::triangles::{loopless_degrees, per_node};
use crate::core::fallible::{collected, filled};
use crate::core::{Array, Cancel, Csr, EntryWeights, GraphError, GraphResult, SharedGraph};

/// Nodes between two looks at the cancel token.
const CANCEL_EVERY: usize = 1 << 8;

/// The clustering coefficient of every node (float64), in node order; `weight` an edge
/// column (edges without a value weigh 1.0), `None` unweighted.
pub fn clustering(
    graph: &SharedGraph,
    weight: Option<&str>,
    cancel: &Cancel,
) -> GraphResult<NodeValues> {
    let input = input::take(graph, &[], weight, cancel)?;
    let values = coefficients(&input.csr, input.weights.as_deref(), cancel)?;
    Ok(NodeValues {
        keys: input.csr.keys().clone(),
        values: Array::from_f64(values),
    })
}

/// The mean clustering coefficient, summed in node order as networkx does; with
/// `count_zeros` false, over the nodes whose coefficient is not 0. No node to average
/// over (networkx divides by zero) is `InvalidOperation`.
pub fn average_clustering(
    graph: &SharedGraph,
    weight: Option<&str>,
    count_zeros: bool,
    cancel: &Cancel,
) -> GraphResult<f64> {
    let input = input::take(graph, &[], weight, cancel)?;
    let values = coefficients(&input.csr, input.weights.as_deref(), cancel)?;
    let (mut sum, mut count) = (0.0, 0usize);
    for &c in &values {
        if count_zeros || c != 0.0 {
            sum += c;
            count += 1;
        }
    }
    if count == 0 {
        return Err(GraphError::InvalidOperation(
            "average_clustering has no node to average over".into(),
        ));
    }
    Ok(sum / count as f64)
}

/// networkx's transitivity: 3 × triangles / connected triples, 0 without triangles. On a
/// directed graph, as networkx, it counts along successors only: the pairs of successors
/// `j`, `k` of a node with an edge `j → k`.
pub fn transitivity(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<f64> {
    let input = input::take(graph, &[], None, cancel)?;
    let csr = &input.csr;
    let degree = if csr.is_directed() {
        let mut d = filled(csr.node_count(), 0u64)?;
        d.par_iter_mut().enumerate().for_each(|(u, d)| {
            let u = u as u32;
            *d = csr.out.neighbors(u).iter().filter(|&&v| v != u).count() as u64;
        });
        d
    } else {
        loopless_degrees(csr)?
    };
    let triangles: u64 = if csr.is_directed() {
        let sums = kernel(csr, Lists::Out, None, cancel)?;
        sums.iter().map(|s| s.triangles as u64).sum()
    } else {
        per_node(csr, cancel)?.iter().map(|&t| 2 * t).sum()
    };
    if triangles == 0 {
        return Ok(0.0);
    }
    let triads: u64 = degree.iter().map(|&d| d * d.saturating_sub(1)).sum();
    Ok(triangles as f64 / triads as f64)
}

/// Every node's coefficient, by compact id.
fn coefficients(
    csr: &Csr,
    weights: Option<&EntryWeights>,
    cancel: &Cancel,
) -> GraphResult<Vec<f64>> {
    let n = csr.node_count();
    if !csr.is_directed() && weights.is_none() {
        let triangles = per_node(csr, cancel)?;
        let degree = loopless_degrees(csr)?;
        return Ok(collected((0..n).map(|u| {
            let (t, d) = (triangles[u], degree[u]);
            if t == 0 {
                0.0
            } else {
                (2 * t) as f64 / (d * (d - 1)) as f64
            }
        }))?);
    }
    let factors = weights
        .map(|w| cube_roots(w, csr.is_directed()))
        .transpose()?;
    let lists = if csr.is_directed() {
        Lists::Both
    } else {
        Lists::Out
    };
    let sums = kernel(csr, lists, factors.as_ref(), cancel)?;
    Ok(collected(sums.iter().map(|s| {
        if s.triangles == 0.0 {
            0.0
        } else if csr.is_directed() {
            let (dt, db) = (s.degree as f64, s.reciprocal as f64);
            s.triangles / ((dt * (dt - 1.0) - 2.0 * db) * 2.0)
        } else {
            let d = s.degree as f64;
            s.triangles / (d * (d - 1.0))
        }
    }))?)
}

/// The cube roots of the weights divided by the largest weight (networkx's
/// normalisation), laid out like the entries.
struct Factors {
    out: Vec<f64>,
    /// Empty when undirected.
    inp: Vec<f64>,
}

fn cube_roots(weights: &EntryWeights, directed: bool) -> GraphResult<Factors> {
    if weights.out.iter().any(|w| w.is_nan()) {
        return Err(GraphError::InvalidArgument(
            "a weight is NaN; clustering needs numbers".into(),
        ));
    }
    let largest = weights
        .out
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    if largest == 0.0 {
        return Err(GraphError::InvalidArgument(
            "the largest weight is 0, so weights cannot be normalised by it".into(),
        ));
    }
    let roots = |w: &[f64]| -> GraphResult<Vec<f64>> {
        let mut out = filled(w.len(), 0.0)?;
        out.par_iter_mut()
            .zip(w)
            .for_each(|(o, &w)| *o = (w / largest).cbrt());
        Ok(out)
    };
    let inp = if directed {
        roots(weights.inp())?
    } else {
        Vec::new()
    };
    Ok(Factors {
        out: roots(&weights.out)?,
        inp,
    })
}

/// Which entries join a node to its neighbours in the kernel.
#[derive(Clone, Copy)]
enum Lists {
    /// The outgoing entries (every edge when undirected; successors when directed).
    Out,
    /// Outgoing and incoming entries (directed).
    Both,
}

#[derive(Clone, Copy, Default)]
struct Sums {
    /// `Σ_j f(u,j) Σ_k f(j,k) f(u,k)`: twice the triangles when undirected.
    triangles: f64,
    /// Entries other than self-loops.
    degree: u64,
    /// Neighbours joined both ways (directed).
    reciprocal: u64,
}

/// The per-node sums; `factors` None: every factor 1 (exact integer counts).
fn kernel(
    csr: &Csr,
    lists: Lists,
    factors: Option<&Factors>,
    cancel: &Cancel,
) -> GraphResult<Vec<Sums>> {
    let n = csr.node_count();
    let inp = csr.inp();
    // The entries of `u` as (neighbour, factor), self-loops left out.
    let entries = |u: u32, f: &mut dyn FnMut(u32, f64, bool)| {
        let range = csr.out.offsets[u as usize]..csr.out.offsets[u as usize + 1];
        for e in range {
            let v = csr.out.nodes[e];
            if v != u {
                f(v, factors.map_or(1.0, |x| x.out[e]), true);
            }
        }
        if let Lists::Both = lists {
            let range = inp.offsets[u as usize]..inp.offsets[u as usize + 1];
            for e in range {
                let v = inp.nodes[e];
                if v != u {
                    f(v, factors.map_or(1.0, |x| x.inp[e]), false);
                }
            }
        }
    };
    let mut sums = filled(n, Sums::default())?;
    // Several runs per thread, each with its own marker arrays.
    let chunk = n.div_ceil(16 * rayon::current_num_threads()).max(256);
    sums.par_chunks_mut(chunk)
        .enumerate()
        .try_for_each(|(i, out)| -> GraphResult<()> {
            // `stamp[k] == u + 1`: `value[k]` is `f(u, k)`; `outward[k] == u + 1`: u → k.
            let mut stamp = filled(n, 0u32)?;
            let mut outward = filled(n, 0u32)?;
            let mut value = filled(n, 0.0f64)?;
            for (j, slot) in out.iter_mut().enumerate() {
                let u = (i * chunk + j) as u32;
                if u as usize % CANCEL_EVERY == 0 {
                    cancel.check()?;
                }
                let mark = u + 1;
                let (mut degree, mut reciprocal) = (0u64, 0u64);
                entries(u, &mut |k, f, is_out| {
                    degree += 1;
                    if stamp[k as usize] != mark {
                        stamp[k as usize] = mark;
                        value[k as usize] = 0.0;
                    }
                    value[k as usize] += f;
                    if is_out {
                        outward[k as usize] = mark;
                    } else if outward[k as usize] == mark {
                        reciprocal += 1;
                    }
                });
                let mut total = 0.0;
                entries(u, &mut |j, fuj, _| {
                    let mut inner = 0.0;
                    entries(j, &mut |k, fjk, _| {
                        if stamp[k as usize] == mark && k != u {
                            inner += fjk * value[k as usize];
                        }
                    });
                    total += fuj * inner;
                });
                *slot = Sums {
                    triangles: total,
                    degree,
                    reciprocal,
                };
            }
            Ok(())
        })?;
    Ok(sums)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{AttrValue, GraphCore, KeyRef};

    fn graph(directed: bool, edges: &[(i64, i64, f64)]) -> SharedGraph {
        let mut g = GraphCore::new(directed);
        for &(u, v, w) in edges {
            let attrs = [("w", AttrValue::Float64(w))];
            g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &attrs).unwrap();
        }
        SharedGraph::new(g)
    }

    fn values(v: &NodeValues) -> Vec<f64> {
        (0..v.keys.len())
            .map(|i| match v.values.get(i) {
                AttrValue::Float64(x) => x,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn undirected_coefficients_as_networkx() {
        // networkx: {0: 1.0, 1: 1/3, 2: 2/3, 3: 1.0, 4: 0}
        let g = graph(
            false,
            &[
                (0, 1, 1.),
                (1, 2, 1.),
                (2, 0, 1.),
                (1, 3, 1.),
                (3, 2, 1.),
                (4, 1, 1.),
                (4, 4, 1.),
            ],
        );
        let c = values(&clustering(&g, None, &Cancel::new()).unwrap());
        assert_eq!(c, vec![1.0, 4.0 / 12.0, 4.0 / 6.0, 1.0, 0.0]);
        let t = transitivity(&g, &Cancel::new()).unwrap();
        assert_eq!(t, 12.0 / (2.0 + 12.0 + 6.0 + 2.0 + 0.0));
        // Weighted: the weights are all 1, so the same.
        let w = values(&clustering(&g, Some("w"), &Cancel::new()).unwrap());
        for (a, b) in w.iter().zip(&c) {
            assert!((a - b).abs() < 1e-15);
        }
    }

    #[test]
    fn weighted_triangle_is_the_geometric_mean_of_normalised_weights() {
        let g = graph(false, &[(0, 1, 1.), (1, 2, 2.), (2, 0, 4.)]);
        let c = values(&clustering(&g, Some("w"), &Cancel::new()).unwrap());
        let want = (1.0f64 / 4.0 * 2.0 / 4.0 * 1.0).cbrt();
        for x in c {
            assert!((x - want).abs() < 1e-15);
        }
    }

    #[test]
    fn directed_coefficients_as_networkx() {
        // networkx: nx.clustering(nx.DiGraph([(0, 1), (1, 2), (2, 0), (0, 2)]))
        // -> {0: 0.5, 1: 1.0, 2: 0.5}
        let g = graph(true, &[(0, 1, 1.), (1, 2, 1.), (2, 0, 1.), (0, 2, 1.)]);
        let c = values(&clustering(&g, None, &Cancel::new()).unwrap());
        assert_eq!(c, vec![0.5, 1.0, 0.5]);
    }
}
