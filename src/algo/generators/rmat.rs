//! R-MAT (Chakrabarti, Zhan and Faloutsos), Graph500 style, as the project's benchmark
//! graphs (`bench/rmat.py`): each edge picks one quadrant of the adjacency matrix per bit of
//! the node ids, with probabilities `a` (top left), `b` (top right), `c` (bottom left) and
//! `d = 1 - a - b - c`; node ids are then relabelled by a random permutation so that they
//! carry no locality. `edge_factor · 2^scale` edges are drawn over `2^scale` nodes, all of
//! which are in the graph (isolated or not). Self-loops are kept; a pair drawn twice is one
//! edge (graphs are simple), so the graph has somewhat fewer edges than drawn — and when
//! undirected, `(u, v)` and `(v, u)` are one edge too.
//!
//! Edges are drawn in fixed blocks, in parallel, each block from its own stream.

use rayon::prelude::*;

use super::assemble::{graph_of, Pair};
use super::{edge_count, non_negative};
use crate::algo::random::{seed_or_random, Rng};
use crate::core::fallible::{collected, filled};
use crate::core::{Cancel, GraphCore, GraphError, GraphResult};

/// Edges drawn per block (each from its own stream): a fraction of a millisecond of work.
const EDGES_PER_BLOCK: usize = 1 << 15;

/// The largest scale: `2^31` nodes fit a graph, `2^32` do not.
const MAX_SCALE: i64 = 31;

/// The parameters of [`rmat`] besides the scale.
#[derive(Clone, Copy, Debug)]
pub struct RmatOptions {
    /// Edges drawn per node (default 16).
    pub edge_factor: i64,
    /// Quadrant probabilities (defaults 0.57, 0.19, 0.19; `d` is the rest).
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub directed: bool,
    pub seed: Option<u64>,
}

impl Default for RmatOptions {
    fn default() -> RmatOptions {
        RmatOptions {
            edge_factor: 16,
            a: 0.57,
            b: 0.19,
            c: 0.19,
            directed: true,
            seed: None,
        }
    }
}

/// A cumulative probability as a threshold on 32 random bits: `bits < threshold` has
/// probability `p` (to 2^-32).
fn threshold(p: f64) -> u64 {
    (p * 4294967296.0).round() as u64
}

/// An R-MAT graph of `2^scale` nodes. A scale outside `0..=31`, a negative edge factor,
/// or probabilities that are negative or sum past 1 are `InvalidArgument`.
pub fn rmat(scale: i64, options: &RmatOptions, cancel: &Cancel) -> GraphResult<GraphCore> {
    let RmatOptions { a, b, c, .. } = *options;
    if !(0..=MAX_SCALE).contains(&scale) {
        return Err(GraphError::InvalidArgument(format!(
            "scale must be in [0, {MAX_SCALE}], got {scale}"
        )));
    }
    let factor = non_negative(options.edge_factor, "edge_factor")?;
    let valid = [a, b, c].iter().all(|x| (0.0..=1.0).contains(x)) && a + b + c <= 1.0 + 1e-12;
    if !valid {
        return Err(GraphError::InvalidArgument(format!(
            "a, b and c must be probabilities summing to at most 1, got {a}, {b}, {c}"
        )));
    }
    let nodes = 1usize << scale;
    let drawn = edge_count(factor as u128 * nodes as u128)?;
    let seed = seed_or_random(options.seed);
    // Per bit, one draw against the cumulative probabilities picks the quadrant: the same
    // distribution as bench/rmat.py's row-then-column choice, with one draw instead of two.
    let cuts = [threshold(a), threshold(a + b), threshold(a + b + c)];
    // The relabelling, from a stream of its own.
    let mut labels: Vec<u32> = collected(0..nodes as u32)?;
    Rng::stream(seed, u64::MAX).shuffle(&mut labels);
    let mut pairs: Vec<Pair> = filled(drawn, [0, 0])?;
    pairs
        .par_chunks_mut(EDGES_PER_BLOCK)
        .enumerate()
        .try_for_each(|(block, chunk)| {
            cancel.check()?;
            let mut rng = Rng::stream(seed, block as u64);
            for pair in chunk {
                let (mut u, mut v) = (0u32, 0u32);
                let mut bit = 0;
                while bit < scale {
                    // 32 random bits per quadrant choice, two choices per draw.
                    let r = rng.next_u64();
                    for half in [r & 0xFFFF_FFFF, r >> 32] {
                        if bit < scale {
                            let quadrant = cuts.iter().filter(|&&cut| half >= cut).count() as u32;
                            u |= (quadrant >> 1) << bit;
                            v |= (quadrant & 1) << bit;
                            bit += 1;
                        }
                    }
                }
                *pair = [labels[u as usize], labels[v as usize]];
            }
            Ok::<(), GraphError>(())
        })?;
    graph_of(nodes, options.directed, pairs, cancel)
}

#[cfg(test)]
mod tests {
    use super::super::classic::tests::edges;
    use super::*;

    fn options(seed: u64) -> RmatOptions {
        RmatOptions {
            seed: Some(seed),
            ..RmatOptions::default()
        }
    }

    #[test]
    fn counts_skew_and_reproducibility() {
        let c = Cancel::new();
        let g = rmat(12, &options(3), &c).unwrap();
        assert_eq!(g.node_count(), 4096);
        assert!(g.is_directed());
        let m = g.edge_count();
        // Duplicates fold: fewer edges than the 65,536 drawn, but most of them.
        assert!((40_000..65_536).contains(&m), "{m}");
        let degrees = g.degrees().unwrap();
        let max = *degrees.iter().max().unwrap() as f64;
        assert!(
            max > 20.0 * (2 * m) as f64 / 4096.0,
            "a skewed degree distribution"
        );
        assert_eq!(edges(&g), edges(&rmat(12, &options(3), &c).unwrap()));
        assert_ne!(edges(&g), edges(&rmat(12, &options(4), &c).unwrap()));
        let undirected = RmatOptions {
            directed: false,
            ..options(3)
        };
        assert!(rmat(12, &undirected, &c).unwrap().edge_count() < m);
    }

    #[test]
    fn uniform_quadrants_give_uniform_pairs() {
        // a = b = c = d = 1/4: each of the 16 ordered pairs of 4 nodes about equally often.
        let c = Cancel::new();
        let quarter = RmatOptions {
            edge_factor: 4096,
            a: 0.25,
            b: 0.25,
            c: 0.25,
            ..options(1)
        };
        let pairs = {
            let g = rmat(2, &quarter, &c).unwrap();
            edges(&g).len()
        };
        assert_eq!(pairs, 16);
        let one = RmatOptions {
            edge_factor: 4,
            a: 1.0,
            b: 0.0,
            c: 0.0,
            ..options(1)
        };
        // All in the top-left quadrant: one node's self-loop.
        let g = rmat(5, &one, &c).unwrap();
        assert_eq!((g.node_count(), g.edge_count()), (32, 1));
        let (u, v) = edges(&g)[0];
        assert_eq!(u, v);
    }

    #[test]
    fn bad_arguments_are_invalid() {
        let c = Cancel::new();
        let bad = |scale: i64, o: RmatOptions| {
            matches!(rmat(scale, &o, &c), Err(GraphError::InvalidArgument(_)))
        };
        assert!(bad(-1, options(1)));
        assert!(bad(32, options(1)));
        assert!(bad(
            4,
            RmatOptions {
                edge_factor: -1,
                ..options(1)
            }
        ));
        assert!(bad(
            4,
            RmatOptions {
                a: 0.9,
                ..options(1)
            }
        ));
        assert!(bad(
            4,
            RmatOptions {
                b: -0.1,
                ..options(1)
            }
        ));
        assert!(bad(
            4,
            RmatOptions {
                c: f64::NAN,
                ..options(1)
            }
        ));
        let huge = RmatOptions {
            edge_factor: 1 << 40,
            ..options(1)
        };
        assert!(matches!(
            rmat(4, &huge, &c),
            Err(GraphError::OutOfMemory(_))
        ));
    }
}
