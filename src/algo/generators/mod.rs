//! Graph generators: classic shapes (complete, path, cycle, star, 2-D grid) and random
//! models (G(n, p), G(n, m), Barabási–Albert, Watts–Strogatz, R-MAT). Each builds a new
//! graph whose nodes are the int keys `0..n` in that order, with node and edge counts as
//! networkx's generators of the same name.
//!
//! Random generators take a seed (`None`: a fresh one) and give the same graph for the same
//! seed on any thread count: parallel ones cut their work into fixed blocks, each drawing
//! from its own stream (`Rng::stream(seed, block)`).
//!
//! The edges are generated as pairs of node positions and added through the graph's bulk
//! path (`add_edges_by_position`), which also folds duplicates into one edge: graphs are
//! simple.

mod assemble;
mod barabasi_albert;
mod classic;
mod erdos_renyi;
mod gnm;
mod rmat;
mod watts_strogatz;

pub use barabasi_albert::barabasi_albert;
pub use classic::{complete, cycle, grid_2d, path, star};
pub use erdos_renyi::erdos_renyi;
pub use gnm::gnm;
pub use rmat::{rmat, RmatOptions};
pub use watts_strogatz::watts_strogatz;

use crate::core::{GraphError, GraphResult, MAX_INDICES};

/// A node count argument: `InvalidArgument` when negative, `OutOfMemory` past the most
/// nodes a graph holds.
fn node_count(n: i64, name: &str) -> GraphResult<usize> {
    let n = non_negative(n, name)?;
    if n > MAX_INDICES {
        return Err(GraphError::OutOfMemory(format!(
            "a graph holds at most {MAX_INDICES} node indices ({name} = {n})"
        )));
    }
    Ok(n)
}

/// A count argument that must not be negative.
fn non_negative(value: i64, name: &str) -> GraphResult<usize> {
    usize::try_from(value)
        .map_err(|_| GraphError::InvalidArgument(format!("{name} must be >= 0, got {value}")))
}

/// A probability argument: `InvalidArgument` outside [0, 1] (NaN included).
fn probability(p: f64, name: &str) -> GraphResult<f64> {
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(GraphError::InvalidArgument(format!(
            "{name} must be in [0, 1], got {p}"
        )))
    }
}

/// An edge count that must fit in a graph (`OutOfMemory` otherwise, before anything is
/// allocated for it).
fn edge_count(edges: u128) -> GraphResult<usize> {
    if edges > MAX_INDICES as u128 {
        return Err(GraphError::OutOfMemory(format!(
            "{edges} edges: a graph holds at most {MAX_INDICES} edge indices"
        )));
    }
    Ok(edges as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Cancel, GraphError};

    /// A token triggered before the call stops every generator, even on work too small
    /// for its loops to look at the token (these returned a graph before); bad arguments
    /// are still reported first.
    #[test]
    fn a_token_triggered_before_the_call_stops_every_generator() {
        let c = Cancel::new();
        c.trigger();
        let no_edges = RmatOptions {
            edge_factor: 0,
            ..RmatOptions::default()
        };
        let results = [
            ("complete(0)", complete(0, &c)),
            ("grid_2d(0, 3)", grid_2d(0, 3, &c)),
            ("grid_2d(2, 3)", grid_2d(2, 3, &c)),
            ("erdos_renyi(0, 1)", erdos_renyi(0, 1.0, false, Some(1), &c)),
            ("gnm(0, 0)", gnm(0, 0, false, Some(1), &c)),
            ("gnm(6, 4)", gnm(6, 4, true, Some(1), &c)),
            ("barabasi_albert(8, 2)", barabasi_albert(8, 2, Some(1), &c)),
            (
                "watts_strogatz(5, 1, 0.5)",
                watts_strogatz(5, 1, 0.5, Some(1), &c),
            ),
            (
                "watts_strogatz(0, 0, 0)",
                watts_strogatz(0, 0, 0.0, Some(1), &c),
            ),
            ("rmat(2, factor 0)", rmat(2, &no_edges, &c)),
        ];
        for (call, result) in results {
            assert!(
                matches!(result, Err(GraphError::Cancelled)),
                "{call}: {:?}",
                result.map(|g| (g.node_count(), g.edge_count()))
            );
        }
        assert!(matches!(
            barabasi_albert(8, 8, None, &c),
            Err(GraphError::InvalidArgument(_))
        ));
        assert!(matches!(
            complete(1 << 40, &c),
            Err(GraphError::OutOfMemory(_))
        ));
    }
}
