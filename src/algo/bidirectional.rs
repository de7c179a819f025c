//! A shortest path (fewest edges) found by breadth-first searches from both ends at once,
//! exactly as networkx's `bidirectional_shortest_path` runs them, so that among equally
//! short paths it is the one networkx gives (`nx.shortest_path(G, s, t)` without weights).

use super::{input, keys_of};
use crate::core::fallible::filled;
use crate::core::{Cancel, CHECK_EVERY};
use crate::core::{Csr, GraphError, GraphResult, KeyList, KeyRef, SharedGraph};

const NONE: u32 = u32::MAX;

/// The keys along a shortest path from `source` to `target`, as networkx's
/// `bidirectional_shortest_path`: a level of the search from the source (along edges) or
/// from the target (against them) at a time, the side whose frontier is smaller (the
/// source's on a tie); the path goes through the first node either side finds that the
/// other has reached. `NoPath` when there is none.
pub fn bidirectional_shortest_path(
    graph: &SharedGraph,
    source: KeyRef<'_>,
    target: KeyRef<'_>,
    cancel: &Cancel,
) -> GraphResult<KeyList> {
    let input = input::take(graph, &[source, target], None, cancel)?;
    let csr = &input.csr;
    match search(csr, input.nodes[0], input.nodes[1], cancel)? {
        Some(path) => keys_of(csr.keys(), &path),
        None => Err(GraphError::NoPath(format!(
            "no path from {source} to {target}"
        ))),
    }
}

/// networkx's `_bidirectional_pred_succ` and the path it builds, on compact ids.
fn search(csr: &Csr, s: u32, t: u32, cancel: &Cancel) -> GraphResult<Option<Vec<u32>>> {
    if s == t {
        return Ok(Some(vec![s]));
    }
    let n = csr.node_count();
    // pred[w]: the node the forward search reached w from (`s` for itself), succ[w] the
    // node the backward search did (`t` for itself); NONE: not reached.
    let (mut pred, mut succ) = (filled(n, NONE)?, filled(n, NONE)?);
    pred[s as usize] = s;
    succ[t as usize] = t;
    let (mut forward, mut backward) = (vec![s], vec![t]);
    let mut steps = 0usize;
    let meet = 'search: loop {
        if forward.is_empty() || backward.is_empty() {
            return Ok(None);
        }
        let forwards = forward.len() <= backward.len();
        let (level, adjacency, mine, theirs) = if forwards {
            (std::mem::take(&mut forward), &*csr.out, &mut pred, &succ)
        } else {
            (std::mem::take(&mut backward), csr.inp(), &mut succ, &pred)
        };
        let next = if forwards {
            &mut forward
        } else {
            &mut backward
        };
        for v in level {
            steps += 1;
            if steps % CHECK_EVERY == 0 {
                cancel.check()?;
            }
            for &w in adjacency.neighbors(v) {
                if mine[w as usize] == NONE {
                    next.push(w);
                    mine[w as usize] = v;
                }
                // (Also for a node this side had reached: networkx checks every one.)
                if theirs[w as usize] != NONE {
                    break 'search w;
                }
            }
        }
    };
    let mut path = vec![meet];
    let mut at = meet;
    while at != s {
        at = pred[at as usize];
        path.push(at);
    }
    path.reverse();
    let mut at = meet;
    while at != t {
        at = succ[at as usize];
        path.push(at);
    }
    Ok(Some(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{GraphCore, NodeKey};

    fn path(g: &SharedGraph, s: i64, t: i64) -> GraphResult<Vec<NodeKey>> {
        bidirectional_shortest_path(g, s.into(), t.into(), &Cancel::new()).map(|k| k.to_node_keys())
    }

    fn ints(v: &[i64]) -> Vec<NodeKey> {
        v.iter().map(|&i| NodeKey::Int(i)).collect()
    }

    #[test]
    fn meets_where_networkx_meets() {
        // Two paths of 3 edges from 0 to 5: 0-1-2-5 and 0-3-4-5; 5's neighbours list 4
        // first, so the backward search reaches 4 before 2.
        let mut g = GraphCore::new(false);
        for (u, v) in [(0, 1), (1, 2), (0, 3), (3, 4), (5, 4), (2, 5)] {
            g.add_edge(u.into(), v.into(), &[]).unwrap();
        }
        g.add_node(9.into(), &[]).unwrap();
        let g = SharedGraph::new(g);
        // Forward first (1 <= 1): 0 reaches 1, 3. Backward (2 > 1): 5 reaches 4 (which
        // the forward search has not), then 2. Forward: 1 reaches 2, which the backward
        // search has: the path meets at 2.
        assert_eq!(path(&g, 0, 5).unwrap(), ints(&[0, 1, 2, 5]));
        assert_eq!(path(&g, 5, 0).unwrap(), ints(&[5, 4, 3, 0]));
        assert_eq!(path(&g, 2, 2).unwrap(), ints(&[2]));
        assert_eq!(path(&g, 0, 1).unwrap(), ints(&[0, 1]));
        assert!(matches!(path(&g, 0, 9), Err(GraphError::NoPath(_))));
        assert!(matches!(path(&g, 0, 8), Err(GraphError::NodeNotFound(_))));

        // Directed: the backward search follows edges into each node.
        let mut d = GraphCore::new(true);
        for (u, v) in [(0, 1), (1, 2), (2, 3), (3, 0)] {
            d.add_edge(u.into(), v.into(), &[]).unwrap();
        }
        let d = SharedGraph::new(d);
        assert_eq!(path(&d, 0, 3).unwrap(), ints(&[0, 1, 2, 3]));
        assert_eq!(path(&d, 3, 2).unwrap(), ints(&[3, 0, 1, 2]));
    }
}
