//! Edge weights laid out like a snapshot's entries, made the first time an algorithm asks
//! for a column, and patched rather than laid out again when the snapshot was patched from
//! one that had them (the graph only grew since, and no earlier edge's attribute changed).

use std::collections::HashMap;
use std::sync::Arc;

use parking_lot::Mutex;
use rayon::prelude::*;

use super::{gather, Adjacency, Csr, Side};
use crate::core::cancel::Cancel;
use crate::core::error::GraphResult;
use crate::core::fallible::with_capacity;
use crate::core::graph::GraphCore;
use crate::core::topology::DEAD;

/// Edge weights laid out like the adjacency entries, so algorithms read them in step with
/// the neighbours instead of jumping around by edge id.
#[derive(Debug)]
pub struct EntryWeights {
    pub out: Vec<f64>,
    /// Empty when undirected (use `out`).
    inp: Vec<f64>,
    /// The smallest weight when no weight is negative or NaN, else `None`: a search that
    /// needs such weights (Dijkstra) can then skip checking each edge it follows, and
    /// knows how far beyond the nearest unsettled node distances are already final.
    least: Option<f64>,
}

impl EntryWeights {
    /// Weights of the incoming entries (the outgoing ones when undirected).
    pub fn inp(&self) -> &[f64] {
        if self.inp.is_empty() {
            &self.out
        } else {
            &self.inp
        }
    }

    /// The smallest weight, if no weight is negative or NaN.
    pub fn least_if_non_negative(&self) -> Option<f64> {
        self.least
    }
}

/// Weights a snapshot laid out: with the edge table's write mark then and the snapshot's
/// edge count, what a later snapshot needs to know whether it can start from them.
#[derive(Clone, Debug)]
struct Laid {
    weights: Arc<EntryWeights>,
    mark: u64,
    edge_capacity: usize,
}

/// A snapshot's weights by column: those it laid out, and those of the snapshots it was
/// patched from (dropped once it lays out the same column).
#[derive(Debug, Default)]
pub(super) struct WeightsCache(Mutex<Columns>);

#[derive(Debug, Default)]
struct Columns {
    laid_out: HashMap<String, Laid>,
    earlier: HashMap<String, Laid>,
}

impl WeightsCache {
    /// The cache of a snapshot patched from the one holding `old`.
    pub(super) fn patched_from(old: &WeightsCache) -> WeightsCache {
        let old = old.0.lock();
        let mut earlier = old.earlier.clone();
        earlier.extend(old.laid_out.iter().map(|(k, v)| (k.clone(), v.clone())));
        WeightsCache(Mutex::new(Columns {
            laid_out: HashMap::new(),
            earlier,
        }))
    }
}

impl Csr {
    /// The weights of edge column `name` laid out like the entries, made the first time a
    /// column is asked for. `graph` must be the graph this snapshot was taken of (same
    /// generation).
    pub fn entry_weights(&self, graph: &GraphCore, name: &str) -> GraphResult<Arc<EntryWeights>> {
        debug_assert_eq!(graph.generation(), self.generation);
        let mut cache = self.weights.0.lock();
        if let Some(laid) = cache.laid_out.get(name) {
            return Ok(Arc::clone(&laid.weights));
        }
        let by_edge = graph.edge_weights(name)?;
        let table = graph.edge_attr_table();
        let earlier = cache
            .earlier
            .remove(name)
            .filter(|e| table.unchanged_below(e.mark, e.edge_capacity));
        let mark = table.mark_writes(); // after the check: marking may end the old mark
        let out_side = if self.directed { Side::Out } else { Side::Both };
        let out = self.side_weights(graph, &self.out, out_side, &by_edge, earlier.as_ref())?;
        // Every edge has an outgoing entry, so `out` holds every live edge's weight.
        let least = out
            .par_iter()
            .all(|&w| w >= 0.0) // false for NaN
            .then(|| out.par_iter().copied().reduce(|| f64::INFINITY, f64::min));
        let inp = match self.directed {
            true => {
                self.side_weights(graph, self.inp.get(), Side::In, &by_edge, earlier.as_ref())?
            }
            false => Vec::new(),
        };
        let weights = Arc::new(EntryWeights { out, inp, least });
        let laid = Laid {
            weights: Arc::clone(&weights),
            mark,
            edge_capacity: self.edge_capacity,
        };
        cache.laid_out.insert(name.to_string(), laid);
        Ok(weights)
    }

    /// One side's weights: patched from `earlier` when given, else gathered edge by edge.
    fn side_weights(
        &self,
        graph: &GraphCore,
        rows: &Adjacency,
        side: Side,
        by_edge: &[f64],
        earlier: Option<&Laid>,
    ) -> GraphResult<Vec<f64>> {
        if let Some(earlier) = earlier {
            let base = match side {
                Side::In => earlier.weights.inp(),
                Side::Out | Side::Both => &earlier.weights.out,
            };
            if let Some(patched) =
                self.patched_weights(graph, rows, side, by_edge, base, earlier)?
            {
                return Ok(patched);
            }
        }
        let topology = graph.topology();
        let lists = side.lists(topology);
        let never = Cancel::new();
        gather(
            &rows.offsets,
            &self.node_indices,
            lists,
            by_edge,
            &never,
            |&w, _| w,
        )
    }

    /// `rows`' weights from `base`, the weights of the same rows when the graph had
    /// `earlier.edge_capacity` edges: the graph only grew since (same epoch), so each row
    /// is its earlier entries followed by those of the edges added since, in edge order.
    /// Runs of rows without new entries are copied in one go. `None` when the sizes do not
    /// add up (never expected; the caller then lays the weights out whole).
    fn patched_weights(
        &self,
        graph: &GraphCore,
        rows: &Adjacency,
        side: Side,
        by_edge: &[f64],
        base: &[f64],
        earlier: &Laid,
    ) -> GraphResult<Option<Vec<f64>>> {
        let added = &graph.topology().endpoint_pairs()[earlier.edge_capacity..];
        let mut additions: Vec<(u32, u32)> = with_capacity(added.len() * 2)?;
        for (k, &[u, v]) in added.iter().enumerate() {
            if u == DEAD {
                continue;
            }
            let e = (earlier.edge_capacity + k) as u32;
            let (cu, cv) = (self.compact[u as usize], self.compact[v as usize]);
            match side {
                Side::Out => additions.push((cu, e)),
                Side::In => additions.push((cv, e)),
                Side::Both => {
                    additions.push((cu, e));
                    if u != v {
                        additions.push((cv, e));
                    }
                }
            }
        }
        if base.len() + additions.len() != rows.nodes.len() {
            return Ok(None);
        }
        #[cfg(test)]
        tests::PATCHED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        additions.sort_by_key(|&(row, _)| row); // stable: a row's entries stay in edge order
        let mut weights = with_capacity(rows.nodes.len())?;
        let n = rows.offsets.len() - 1;
        let (mut next, mut from) = (0, 0); // the next row, and where its base entries start
        let mut pending = additions.as_slice();
        while next < n {
            // Rows `next..touched` have no new entries; `touched` has some (or is the end).
            let touched = pending.first().map_or(n, |&(row, _)| row as usize);
            let kept = rows.offsets[touched] - rows.offsets[next];
            weights.extend_from_slice(&base[from..from + kept]);
            from += kept;
            if touched == n {
                break;
            }
            let new = pending
                .iter()
                .take_while(|&&(row, _)| row as usize == touched)
                .count();
            let old = rows.offsets[touched + 1] - rows.offsets[touched] - new;
            weights.extend_from_slice(&base[from..from + old]);
            from += old;
            weights.extend(pending[..new].iter().map(|&(_, e)| by_edge[e as usize]));
            pending = &pending[new..];
            next = touched + 1;
        }
        Ok(Some(weights))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    use super::*;
    use crate::algo::random::Rng;
    use crate::core::{AttrValue, KeyRef};

    /// Weight layouts patched so far (by any test): that the patch path runs at all.
    pub(super) static PATCHED: AtomicUsize = AtomicUsize::new(0);

    fn weight(rng: &mut Rng) -> AttrValue {
        AttrValue::Float64(rng.below(1000) as f64 / 10.0 - 5.0)
    }

    /// After random growth, weight writes (to new and to existing edges) and other
    /// changes, the weights of a patched snapshot equal those of a fresh one.
    #[test]
    fn patched_weights_equal_fresh_ones_after_random_changes() {
        let cancel = Cancel::new();
        let before = PATCHED.load(Relaxed);
        for seed in 0..40u64 {
            let mut rng = Rng::new(seed);
            let mut g = GraphCore::new(seed % 2 == 0);
            for _ in 0..1 + rng.below(30) {
                let (u, v) = (rng.below(20) as i64, rng.below(20) as i64);
                let w = weight(&mut rng);
                g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[("w", w)])
                    .unwrap();
            }
            let mut snapshot = Csr::build(&g, &cancel).unwrap();
            snapshot.entry_weights(&g, "w").unwrap();
            for step in 0..25 {
                let (u, v) = (rng.below(40) as i64, rng.below(40) as i64);
                let (ku, kv) = (KeyRef::Int(u), KeyRef::Int(v));
                match rng.below(10) {
                    0..=4 => drop(g.add_edge(ku, kv, &[("w", weight(&mut rng))]).unwrap()),
                    5 => drop(g.add_edge(ku, kv, &[]).unwrap()),
                    6 => drop(g.set_edge_attr(ku, kv, "w", weight(&mut rng))),
                    7 => drop(g.set_edge_attr(ku, kv, "other", AttrValue::Int64(step))),
                    8 => g.add_edges_int(&[u, v], &[v, u + 1], &[]).unwrap(),
                    _ => drop(g.remove_edge(ku, kv)),
                }
                let fresh = Csr::build(&g, &cancel).unwrap();
                let patched = Csr::patched(&snapshot, &g, &cancel).unwrap();
                let patched = patched.unwrap_or_else(|| Csr::build(&g, &cancel).unwrap());
                if step % 2 == 1 {
                    let (a, b) = (
                        patched.entry_weights(&g, "w").unwrap(),
                        fresh.entry_weights(&g, "w").unwrap(),
                    );
                    assert_eq!(a.out, b.out, "seed {seed} step {step}");
                    assert_eq!(a.inp(), b.inp(), "seed {seed} step {step}");
                    assert_eq!(a.least, b.least, "seed {seed} step {step}");
                }
                snapshot = patched;
            }
        }
        let patched = PATCHED.load(Relaxed) - before;
        assert!(patched > 150, "only {patched} weight layouts were patched");
    }
}
