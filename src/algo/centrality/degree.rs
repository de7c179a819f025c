//! Degree centralities as networkx defines them: a node's degree (in-, out-, or both
//! counted together; an undirected self-loop counts twice) divided by `n - 1`; on graphs
//! of at most one node every node gets 1.

use rayon::prelude::*;

use super::super::{input, NodeValues};
use crate::core::fallible::filled;
use crate::core::{Array, Cancel, Csr, GraphError, GraphResult, SharedGraph};

#[derive(Clone, Copy)]
enum Which {
    Both,
    In,
    Out,
}

/// Degree over `n - 1` for every node (in + out when directed).
pub fn degree_centrality(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<NodeValues> {
    centrality(graph, Which::Both, cancel)
}

/// In-degree over `n - 1`; directed graphs only (`InvalidOperation` otherwise, as
/// networkx's `NetworkXNotImplemented`).
pub fn in_degree_centrality(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<NodeValues> {
    centrality(graph, Which::In, cancel)
}

/// Out-degree over `n - 1`; directed graphs only.
pub fn out_degree_centrality(graph: &SharedGraph, cancel: &Cancel) -> GraphResult<NodeValues> {
    centrality(graph, Which::Out, cancel)
}

/// Nodes per task: a tight loop over this many rows takes a few microseconds, so smaller
/// graphs run on one thread without waking others.
const ROWS_PER_TASK: usize = 1 << 14;

fn centrality(graph: &SharedGraph, which: Which, cancel: &Cancel) -> GraphResult<NodeValues> {
    let input = input::take(graph, &[], None, cancel)?;
    let csr = &input.csr;
    if !csr.is_directed() && !matches!(which, Which::Both) {
        return Err(GraphError::InvalidOperation(
            "in- and out-degree centrality are defined for directed graphs only".into(),
        ));
    }
    let n = csr.node_count();
    let mut values = filled(n, 1.0)?;
    if n > 1 {
        let scale = 1.0 / (n as f64 - 1.0);
        values
            .par_chunks_mut(ROWS_PER_TASK)
            .enumerate()
            .for_each(|(task, slots)| {
                scaled_degrees(csr, which, task * ROWS_PER_TASK, slots, scale)
            });
    }
    cancel.check()?;
    Ok(NodeValues {
        keys: csr.keys().clone(),
        values: Array::from_f64(values),
    })
}

/// Writes the degrees of the rows from `first` on, times `scale`, into `slots`: the
/// integer degree first, then one multiplication, as networkx. Each case is its own loop
/// over row offsets (no per-row dispatch), which the compiler vectorises.
fn scaled_degrees(csr: &Csr, which: Which, first: usize, slots: &mut [f64], scale: f64) {
    let rows = first..=first + slots.len();
    let out = &csr.out.offsets[rows.clone()];
    match which {
        Which::In => scale_row_lengths(slots, &csr.inp().offsets[rows], scale),
        Which::Out => scale_row_lengths(slots, out, scale),
        Which::Both if csr.is_directed() => {
            let inp = &csr.inp().offsets[rows];
            for ((slot, o), i) in slots.iter_mut().zip(out.windows(2)).zip(inp.windows(2)) {
                *slot = ((o[1] - o[0]) + (i[1] - i[0])) as f64 * scale;
            }
        }
        Which::Both => {
            scale_row_lengths(slots, out, scale);
            if csr.has_self_loops() {
                // An undirected self-loop is one entry but adds 2 to the degree.
                for (offset, slot) in slots.iter_mut().enumerate() {
                    let c = (first + offset) as u32;
                    let row = csr.out.neighbors(c);
                    let loops = row.iter().filter(|&&v| v == c).count();
                    if loops > 0 {
                        *slot = (row.len() + loops) as f64 * scale;
                    }
                }
            }
        }
    }
}

/// `slots[i]` = the length of row `i` (`offsets[i + 1] - offsets[i]`) times `scale`.
fn scale_row_lengths(slots: &mut [f64], offsets: &[usize], scale: f64) {
    for (slot, row) in slots.iter_mut().zip(offsets.windows(2)) {
        *slot = (row[1] - row[0]) as f64 * scale;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::test_graphs::{floats, graph, weighted_graph};

    #[test]
    fn degrees_over_n_minus_one_with_self_loops_twice() {
        // networkx: degree_centrality(Graph([(1, 2), (2, 3), (3, 3)])) ==
        // {1: 0.5, 2: 1.0, 3: 1.5}
        let g = weighted_graph(false, &[(1, 2, None), (2, 3, None), (3, 3, None)]);
        let r = degree_centrality(&g, &Cancel::new()).unwrap();
        assert_eq!(floats(&r), vec![0.5, 1.0, 1.5]);
        assert!(matches!(
            in_degree_centrality(&g, &Cancel::new()),
            Err(GraphError::InvalidOperation(_))
        ));
        let d = weighted_graph(true, &[(1, 2, None), (1, 3, None), (3, 3, None)]);
        let c = Cancel::new();
        assert_eq!(floats(&degree_centrality(&d, &c).unwrap()), [1.0, 0.5, 1.5]);
        assert_eq!(
            floats(&in_degree_centrality(&d, &c).unwrap()),
            [0.0, 0.5, 1.0]
        );
        assert_eq!(
            floats(&out_degree_centrality(&d, &c).unwrap()),
            [1.0, 0.0, 0.5]
        );
    }

    #[test]
    fn one_node_gets_one() {
        let g = weighted_graph(true, &[(7, 7, None)]);
        let r = out_degree_centrality(&g, &Cancel::new()).unwrap();
        assert_eq!(floats(&r), vec![1.0]);
        let empty = weighted_graph(false, &[]);
        assert!(degree_centrality(&empty, &Cancel::new())
            .unwrap()
            .keys
            .is_empty());
    }

    #[test]
    fn rows_past_the_first_task_count_their_own_degrees() {
        // A star from node 0 over more nodes than one task holds, with self-loops on a
        // node in each task: every row's degree lands in its own slot.
        let n = 2 * ROWS_PER_TASK as i64 + 5;
        let mut edges: Vec<(i64, i64)> = (1..n).map(|v| (0, v)).collect();
        edges.extend([(3, 3), (ROWS_PER_TASK as i64 + 1, ROWS_PER_TASK as i64 + 1)]);
        for directed in [false, true] {
            let g = graph(directed, &edges);
            let values = floats(&degree_centrality(&g, &Cancel::new()).unwrap());
            // A self-loop adds 2 either way: an out- and an in-entry when directed, its one
            // entry counted twice when undirected.
            let loop_adds = 2.0;
            let scale = 1.0 / (n as f64 - 1.0);
            assert_eq!(values[0], (n - 1) as f64 * scale);
            assert_eq!(values[3], (1.0 + loop_adds) * scale);
            assert_eq!(values[ROWS_PER_TASK + 1], (1.0 + loop_adds) * scale);
            assert_eq!(values[n as usize - 1], scale);
        }
    }
}
