//! Betweenness centrality of nodes (Brandes' algorithm), with networkx's accumulation and
//! rescaling, including its source-sampling estimate (`k`).

use std::sync::Arc;

use super::leaves::fold_leaves;
use super::search::{Edges, Level, Scratch};
use super::{chunked_sum, take, ScratchPool};
use crate::algo::input::Input;
use crate::algo::prefetch::prefetch_entries_before;
use crate::algo::random::{seed_or_random, Rng};
use crate::algo::NodeValues;
use crate::core::{Adjacency, Array, Cancel, Csr, GraphError, GraphResult, KeyRef, SharedGraph};

#[derive(Clone, Debug)]
pub struct BetweennessOptions<'a> {
    /// Sample this many distinct source nodes (`None`: every node is a source).
    pub k: Option<usize>,
    pub normalized: bool,
    /// An edge column of non-negative weights (missing values weigh 1.0).
    pub weight: Option<&'a str>,
    /// Count the endpoints of each path too (node betweenness only).
    pub endpoints: bool,
    /// The seed of the sample (`None`: a fresh one).
    pub seed: Option<u64>,
    /// The source nodes, chosen by the caller (in place of `k`, which must then be
    /// `None`): values are estimated from their paths alone and scaled as networkx scales
    /// a sample of them (networkx's `k`, with the sample its `seed` draws).
    pub sources: Option<&'a [KeyRef<'a>]>,
}

impl Default for BetweennessOptions<'_> {
    fn default() -> Self {
        BetweennessOptions {
            k: None,
            normalized: true,
            weight: None,
            endpoints: false,
            seed: None,
            sources: None,
        }
    }
}

/// The sources of a run: the caller's (`chosen`, compact ids), every node, or `k` drawn
/// with the seeded generator (networkx treats `k == n` as every node). `k` outside `1..=n`,
/// or both `k` and chosen sources, is an invalid argument.
pub(super) fn sources(
    n: usize,
    k: Option<usize>,
    seed: Option<u64>,
    chosen: Option<&[u32]>,
) -> GraphResult<Sources> {
    if let Some(chosen) = chosen {
        if k.is_some() {
            return Err(GraphError::InvalidArgument(
                "k and sources are exclusive: give the number of sources to sample, or the \
                 sources"
                    .into(),
            ));
        }
        return Ok(Sources::Sampled(crate::core::fallible::copied(chosen)?));
    }
    match k {
        None => Ok(Sources::All((0..n as u32).collect())),
        Some(k) if k == n => Ok(Sources::All((0..n as u32).collect())),
        Some(k) if k == 0 || k > n => Err(GraphError::InvalidArgument(format!(
            "k must be between 1 and the number of nodes ({n}), got {k}"
        ))),
        Some(k) => Ok(Sources::Sampled(
            Rng::new(seed_or_random(seed)).sample(n, k),
        )),
    }
}

pub(super) enum Sources {
    All(Vec<u32>),
    Sampled(Vec<u32>),
}

impl Sources {
    pub fn list(&self) -> &[u32] {
        match self {
            Sources::All(s) | Sources::Sampled(s) => s,
        }
    }

    /// The sampled sources (`None`: every node is one).
    pub fn sampled(&self) -> Option<&[u32]> {
        match self {
            Sources::All(_) => None,
            Sources::Sampled(s) => Some(s),
        }
    }
}

/// Brandes' sums over the sources, with what they were taken from.
pub(super) struct BrandesSums {
    pub input: Input,
    pub sources: Sources,
    pub sums: Vec<f64>,
}

impl BrandesSums {
    /// networkx's rescaling of these sums.
    pub fn rescale(&self, normalized: bool, endpoints: bool) -> Rescale {
        Rescale {
            n: self.input.csr.node_count(),
            normalized,
            directed: self.input.csr.is_directed(),
            endpoints,
            sampled: self.sources.sampled().map(<[u32]>::len),
        }
    }
}

/// What node and edge betweenness share: the snapshot (weights checked), the sources
/// (every node, or `k` sampled) and the sum over them of each source's shares. From each
/// source, a search counts shortest paths along the out-edges (`forward`), then `add(scratch,
/// forward, source, folded, sums)` adds that source's shares to `sums`, a vector of
/// `len(csr)` values summed as `chunked_sum` sums (the same on any number of threads).
/// With `fold`, on an undirected unweighted graph where every node is a source, leaves are
/// folded into their neighbour's search (`leaves::fold_leaves`; with weights, sums of
/// floats that start one edge earlier may round differently, so ties could differ):
/// `folded` is the number of leaves a search stands for besides its source (0 otherwise).
pub(super) fn brandes_sums(
    graph: &SharedGraph,
    options: &BetweennessOptions<'_>,
    fold: bool,
    cancel: &Cancel,
    len: impl FnOnce(&Csr) -> usize,
    add: impl Fn(&mut Scratch, Edges<'_>, u32, u32, &mut [f64]) -> GraphResult<()> + Sync,
) -> GraphResult<BrandesSums> {
    let chosen = options.sources.unwrap_or_default();
    let input = take(graph, chosen, options.weight, cancel)?;
    let csr = &input.csr;
    let n = csr.node_count();
    let chosen = options.sources.map(|_| &input.nodes[..]);
    let sources = sources(n, options.k, options.seed, chosen)?;
    let folded = match sources {
        Sources::All(_) if fold && !csr.is_directed() && input.weights.is_none() => {
            Some(fold_leaves(csr))
        }
        _ => None,
    };
    let searched = folded.as_ref().map_or(sources.list(), |f| &f.sources);
    let forward = Edges {
        adjacency: &csr.out,
        weights: input.weights.as_deref().map(|w| &w.out[..]),
    };
    let pool = ScratchPool::new(n, forward.weights.is_some(), true);
    let sums = chunked_sum(&pool, searched, len(csr), cancel, |scratch, s, sums| {
        scratch.search::<true>(forward, s, cancel)?;
        let leaves = folded.as_ref().map_or(0, |f| f.leaves[s as usize]);
        add(scratch, forward, s, leaves, sums)
    })?;
    Ok(BrandesSums {
        input,
        sources,
        sums,
    })
}

/// Betweenness centrality of every node, as networkx's `betweenness_centrality`.
pub fn betweenness_centrality(
    graph: &SharedGraph,
    options: &BetweennessOptions<'_>,
    cancel: &Cancel,
) -> GraphResult<NodeValues> {
    let endpoints = options.endpoints;
    // Folding leaves needs paths counted without their endpoints (see `leaves`).
    let fold = !endpoints;
    let mut run = brandes_sums(
        graph,
        options,
        fold,
        cancel,
        Csr::node_count,
        |scratch, forward, s, leaves, b| {
            if endpoints {
                b[s as usize] += (scratch.order.len() - 1) as f64;
            }
            let copies = 1.0 + leaves as f64;
            accumulate(
                scratch,
                forward,
                s,
                |_, _| {},
                |w, delta| {
                    b[w as usize] += copies * if endpoints { delta + 1.0 } else { delta };
                },
            );
            if leaves > 0 {
                // Inside the path from each folded leaf to every other node reached.
                b[s as usize] += leaves as f64 * (scratch.order.len() as f64 - 2.0);
            }
            Ok(())
        },
    )?;
    let scale = run.rescale(options.normalized, endpoints);
    scale.apply(&mut run.sums, run.sources.sampled());
    Ok(NodeValues {
        keys: Arc::clone(run.input.csr.keys()),
        values: Array::from_f64(run.sums),
    })
}

/// Brandes' dependency accumulation after a search from `source` along `forward`: nodes
/// in reverse settle order, each pulling from its successors on shortest paths (the
/// entries of `forward` that the search counted paths along): `delta[v] = sigma[v] * Σ
/// (1 + delta[w]) / sigma[w]`, networkx's sum with `sigma[v]` taken out. Each node writes
/// only its own slot (no scattered updates) and keeps `(1 + delta) / sigma` there for its
/// predecessors. Calls `on_entry(entry, share)` with each edge's share
/// `sigma[v] * (1 + delta[w]) / sigma[w]` and `on_node(v, delta[v])` for every node but
/// the source.
pub(super) fn accumulate(
    scratch: &mut Scratch,
    forward: Edges<'_>,
    source: u32,
    mut on_entry: impl FnMut(usize, f64),
    mut on_node: impl FnMut(u32, f64),
) {
    let adjacency: &Adjacency = forward.adjacency;
    let Some(weights) = forward.weights else {
        let (order, levels) = (&scratch.order, &mut scratch.levels);
        for (i, &v) in order.iter().enumerate().rev() {
            prefetch_entries_before(adjacency, order, i, None);
            let vi = v as usize;
            let range = adjacency.offsets[vi]..adjacency.offsets[vi + 1];
            let Level { hops, sigma, .. } = levels[vi];
            // A node one level further is done already (BFS settles level by level).
            let next = hops + 1;
            let mut pulled = 0.0;
            for (e, &w) in range.clone().zip(&adjacency.nodes[range]) {
                let lw = &levels[w as usize];
                if lw.hops == next {
                    pulled += lw.coeff;
                    on_entry(e, sigma * lw.coeff);
                }
            }
            let delta = sigma * pulled;
            if v != source {
                on_node(v, delta);
            }
            levels[vi].coeff = (1.0 + delta) / sigma;
        }
        return;
    };
    let Scratch {
        order,
        dist,
        sigma,
        delta: coeff,
        settled,
        ..
    } = scratch;
    for (i, &v) in order.iter().enumerate().rev() {
        prefetch_entries_before(adjacency, order, i, Some(weights));
        let vi = v as usize;
        let sigma_v = sigma[vi];
        let range = adjacency.offsets[vi]..adjacency.offsets[vi + 1];
        // A successor was settled after `v`, so it is done and no longer marked settled
        // (which tells it from a node as near through a zero weight that was settled
        // before `v` and is not a successor).
        let dv = dist[vi];
        let mut pulled = 0.0;
        let entries = adjacency.nodes[range.clone()]
            .iter()
            .zip(&weights[range.clone()]);
        for (e, (&w, &weight)) in range.zip(entries) {
            let wi = w as usize;
            if !settled[wi] && dv + weight == dist[wi] {
                let c = coeff[wi];
                pulled += c;
                on_entry(e, sigma_v * c);
            }
        }
        settled[vi] = false;
        let delta_v = sigma_v * pulled;
        if v != source {
            on_node(v, delta_v);
        }
        coeff[vi] = (1.0 + delta_v) / sigma_v;
    }
}

/// networkx's `_rescale`: from sums over ordered pairs from the sources to the reported
/// values.
pub(super) struct Rescale {
    pub n: usize,
    pub normalized: bool,
    pub directed: bool,
    /// Whether endpoints were counted (always for edges).
    pub endpoints: bool,
    /// How many sources were sampled (`None`: every node).
    pub sampled: Option<usize>,
}

impl Rescale {
    /// Scales `values` in place; `sources` lists the sampled sources, whose values are
    /// scaled apart when endpoints are not counted.
    pub fn apply(&self, values: &mut [f64], sources: Option<&[u32]>) {
        // The pairs (s, t), s != t, whose paths may pass through a node.
        let big_n = if self.endpoints {
            self.n
        } else {
            self.n.wrapping_sub(1)
        };
        if self.n == 0 || big_n < 2 {
            return;
        }
        let big_n = big_n as f64;
        let correction = if self.directed { 1.0 } else { 2.0 };
        let k_source = self.sampled.map_or(big_n, |k| k as f64);
        if self.sampled.is_none() || self.endpoints {
            let scale = if self.normalized {
                1.0 / (k_source * (big_n - 1.0))
            } else {
                big_n / (k_source * correction)
            };
            if scale != 1.0 {
                values.iter_mut().for_each(|x| *x *= scale);
            }
            return;
        }
        // Sampled sources without endpoints: a source cannot lie between itself and a
        // target, so its value averages over one source fewer (NaN with a single one).
        let (scale_source, scale_other) = if self.normalized {
            (
                if k_source > 1.0 {
                    1.0 / ((k_source - 1.0) * (big_n - 1.0))
                } else {
                    f64::NAN
                },
                1.0 / (k_source * (big_n - 1.0)),
            )
        } else {
            (
                if k_source > 1.0 {
                    big_n / ((k_source - 1.0) * correction)
                } else {
                    f64::NAN
                },
                big_n / (k_source * correction),
            )
        };
        let mut is_source = vec![false; values.len()];
        for &s in sources.unwrap_or_default() {
            is_source[s as usize] = true;
        }
        for (x, source) in values.iter_mut().zip(is_source) {
            *x *= if source { scale_source } else { scale_other };
        }
    }
}
