//! The next snapshot made from the previous one, when the graph only grew since.
//!
//! Node and edge indices are never reused (removal leaves a tombstone), new nodes and edges
//! take the next indices, and a new edge goes to the end of its endpoints' incidence lists.
//! So while nothing was removed or reordered (the topology's epoch is the same), the graph
//! is the old snapshot's graph plus the nodes and edges past its capacities: new nodes
//! come after the old ones in node order, and each node's row is its old row followed by
//! its new edges in edge order. The patch copies the old rows in bulk and places the new
//! entries, without walking the graph's incidence lists; when nothing but attributes
//! changed it shares the old rows outright. Its result is exactly the snapshot a full
//! build would make (a property test in `tests` checks this after random changes).

use std::sync::{Arc, OnceLock};

use parking_lot::Mutex;

use super::{Adjacency, Csr, PullOrderCache, WeightsCache};
use crate::core::cancel::Cancel;
use crate::core::error::GraphResult;
use crate::core::fallible::{copied, with_capacity};
use crate::core::graph::GraphCore;
use crate::core::key_list::KeyList;
use crate::core::topology::LaidOut;

/// A patch sorts its new entries by row, which costs more per entry than a full build's
/// gather does per edge: it is made only while the new edges are at most this share
/// (`1 / PATCH_SHARE`) of the earlier snapshot's (an estimate, not a measured break-even).
const PATCH_SHARE: usize = 2;

/// New entries of one direction: `(row, neighbour)` in compact ids, in edge order.
type Additions = Vec<(u32, u32)>;

impl Csr {
    /// The snapshot of `graph` made from `old` (a snapshot of the same graph), or `None`
    /// when the graph changed otherwise than by growing since (a full build is needed).
    pub(crate) fn patched(
        old: &Csr,
        graph: &GraphCore,
        cancel: &Cancel,
    ) -> GraphResult<Option<Csr>> {
        let topology = graph.topology();
        if topology.epoch() != old.epoch || topology.is_directed() != old.directed {
            return Ok(None);
        }
        // A patch sorts the new entries by row; past a share of the graph, the random reads
        // of a full build cost less.
        if (topology.edge_capacity() - old.edge_capacity) * PATCH_SHARE > old.edge_capacity {
            return Ok(None);
        }
        cancel.check()?;
        let old_nodes = old.compact.len();
        let mut compact = copied(&old.compact)?;
        let mut node_indices = copied(&old.node_indices)?;
        let added_nodes = old_nodes..topology.node_capacity();
        let keys = match added_nodes.is_empty() {
            true => Arc::clone(&old.keys),
            false => {
                let mut keys = (*old.keys).clone();
                keys.try_reserve(added_nodes.len())?;
                compact.try_reserve_exact(added_nodes.len())?;
                node_indices.try_reserve_exact(added_nodes.len())?;
                for n in added_nodes {
                    compact.push(node_indices.len() as u32);
                    node_indices.push(n as u32);
                    keys.push(graph.node_key(n as u32).as_key_ref());
                }
                Arc::new(keys)
            }
        };
        let rows = node_indices.len();
        let new_edges = &topology.endpoint_pairs()[old.edge_capacity..];

        let ends = |[u, v]: [u32; 2]| (compact[u as usize], compact[v as usize]);
        let (mut out, mut inp): (Additions, Additions) = (Vec::new(), Vec::new());
        out.try_reserve_exact(new_edges.len() * 2)?;
        if old.directed {
            inp.try_reserve_exact(new_edges.len())?;
        }
        for &pair in new_edges {
            let (u, v) = ends(pair);
            out.push((u, v));
            if old.directed {
                inp.push((v, u));
            } else if u != v {
                out.push((v, u));
            }
        }
        cancel.check()?;
        let has_self_loops = old.has_self_loops || new_edges.iter().any(|&[u, v]| u == v);
        let out = patched_now(&old.out, rows, &out)?;
        let inp = match old.directed {
            true => patched_later(&old.inp, rows, &inp)?,
            false => LazyRows::ready(Arc::clone(old.inp_rows())),
        };
        Ok(Some(Csr {
            directed: old.directed,
            generation: graph.generation(),
            keys,
            compact,
            node_indices,
            out,
            inp,
            epoch: old.epoch,
            edge_capacity: topology.edge_capacity(),
            weights: WeightsCache::patched_from(&old.weights),
            has_self_loops,
            pull_order: PullOrderCache::default(),
        }))
    }
}

impl Csr {
    /// The snapshot of `graph` from the rows a bulk load laid out (`topology/laid_out.rs`),
    /// which hold every node and edge up to their capacities in the graph's own order (all
    /// nodes alive: compact ids are node indices). Nodes and edges added since are patched
    /// on; the caller took the rows at the graph's current epoch.
    pub(crate) fn from_laid_out(
        rows: LaidOut,
        graph: &GraphCore,
        cancel: &Cancel,
    ) -> GraphResult<Option<Csr>> {
        let n = rows.node_capacity;
        let identity = || -> GraphResult<Vec<u32>> {
            let mut ids = with_capacity(n)?;
            ids.extend(0..n as u32);
            Ok(ids)
        };
        let mut keys = KeyList::default();
        keys.try_reserve(n)?;
        for c in 0..n as u32 {
            keys.push(graph.node_key(c).as_key_ref());
        }
        let topology = graph.topology();
        let as_loaded = Csr {
            directed: topology.is_directed(),
            generation: graph.generation(),
            keys: Arc::new(keys),
            compact: identity()?,
            node_indices: identity()?,
            out: Arc::new(rows.out),
            inp: LazyRows::ready(Arc::new(rows.inp)),
            epoch: rows.epoch,
            edge_capacity: rows.edge_capacity,
            weights: WeightsCache::default(),
            has_self_loops: rows.has_self_loops,
            pull_order: PullOrderCache::default(),
        };
        if topology.node_capacity() == n && topology.edge_capacity() == rows.edge_capacity {
            return Ok(Some(as_loaded));
        }
        // Grown since: patched (`None` when it grew too much for a patch to pay).
        Csr::patched(&as_loaded, graph, cancel)
    }
}

/// Rows of a patched snapshot, laid out now or on first use: `pending` holds what the
/// layout needs, its memory already reserved, so laying out cannot fail later.
pub(crate) struct LazyRows {
    ready: OnceLock<Arc<Adjacency>>,
    pending: Mutex<Option<Pending>>,
}

impl LazyRows {
    pub(crate) fn ready(rows: Arc<Adjacency>) -> LazyRows {
        LazyRows {
            ready: OnceLock::from(rows),
            pending: Mutex::new(None),
        }
    }

    fn pending(pending: Pending) -> LazyRows {
        LazyRows {
            ready: OnceLock::new(),
            pending: Mutex::new(Some(pending)),
        }
    }

    /// The rows, laid out by the first caller.
    pub(crate) fn get(&self) -> &Arc<Adjacency> {
        self.ready.get_or_init(|| {
            let pending = self.pending.lock().take();
            pending.expect("rows are either ready or pending").lay_out()
        })
    }
}

impl std::fmt::Debug for LazyRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.ready.get() {
            Some(rows) => rows.fmt(f),
            None => write!(f, "LazyRows(pending)"),
        }
    }
}

/// What laying out patched rows needs: the old rows, the additions by row (each row's in
/// edge order), and the new buffers with their room reserved.
struct Pending {
    old: Arc<Adjacency>,
    rows: usize,
    by_row: Vec<(u32, u32)>,
    offsets: Vec<usize>,
    nodes: Vec<u32>,
}

/// `old`'s rows, `rows` of them now, each to be followed by its `additions` (in their
/// order): the memory reserved now (`OutOfMemory` here, never later), the rows laid out
/// by `Pending::lay_out`. `None` when nothing changed (the old rows serve).
fn patch_rows(
    old: &Arc<Adjacency>,
    rows: usize,
    additions: &[(u32, u32)],
) -> GraphResult<Option<Pending>> {
    let old_rows = old.offsets.len().saturating_sub(1);
    if additions.is_empty() && rows == old_rows {
        return Ok(None);
    }
    let mut by_row = copied(additions)?;
    by_row.sort_by_key(|&(row, _)| row); // stable: each row's additions stay in order
    Pending::reserved(Arc::clone(old), rows, by_row).map(Some)
}

/// The rows of `old`, patched now.
fn patched_now(
    old: &Arc<Adjacency>,
    rows: usize,
    additions: &[(u32, u32)],
) -> GraphResult<Arc<Adjacency>> {
    Ok(match patch_rows(old, rows, additions)? {
        Some(pending) => pending.lay_out(),
        None => Arc::clone(old),
    })
}

/// The rows of `old`, patched on first use. When `old` itself is still pending, the new
/// patch starts from the rows `old` would have started from, with `old`'s additions and
/// then these: a chain of patches nobody read lays nothing out.
fn patched_later(old: &LazyRows, rows: usize, additions: &[(u32, u32)]) -> GraphResult<LazyRows> {
    let chained = match old.pending.lock().as_ref() {
        Some(before) => {
            let mut sorted = copied(additions)?;
            sorted.sort_by_key(|&(row, _)| row);
            let mut by_row = Vec::new();
            by_row.try_reserve_exact(before.by_row.len() + sorted.len())?;
            merge_by_row(&before.by_row, &sorted, &mut by_row);
            Some((Arc::clone(&before.old), by_row))
        }
        None => None,
    };
    let Some((base, by_row)) = chained else {
        let old = old.get(); // laid out (or being laid out by another thread: waits)
        return Ok(match patch_rows(old, rows, additions)? {
            Some(pending) => LazyRows::pending(pending),
            None => LazyRows::ready(Arc::clone(old)),
        });
    };
    Pending::reserved(base, rows, by_row).map(LazyRows::pending)
}

/// `first` and `then` (each sorted by row) merged by row, a row's entries of `first`
/// before its entries of `then`.
fn merge_by_row(first: &[(u32, u32)], then: &[(u32, u32)], out: &mut Vec<(u32, u32)>) {
    let (mut i, mut j) = (0, 0);
    while i < first.len() || j < then.len() {
        let take_first = j == then.len() || (i < first.len() && first[i].0 <= then[j].0);
        if take_first {
            out.push(first[i]);
            i += 1;
        } else {
            out.push(then[j]);
            j += 1;
        }
    }
}

impl Pending {
    /// The layout of `old` with `by_row` (sorted by row), its buffers' room reserved now.
    fn reserved(old: Arc<Adjacency>, rows: usize, by_row: Vec<(u32, u32)>) -> GraphResult<Pending> {
        let mut offsets: Vec<usize> = Vec::new();
        offsets.try_reserve_exact(rows + 1)?;
        let mut nodes: Vec<u32> = Vec::new();
        nodes.try_reserve_exact(old.nodes.len() + by_row.len())?;
        Ok(Pending {
            old,
            rows,
            by_row,
            offsets,
            nodes,
        })
    }

    /// Runs of rows without additions are copied in one go, shifted by the entries added
    /// before them; only the touched rows are laid out entry by entry. Allocates nothing:
    /// the buffers' room was reserved.
    fn lay_out(self) -> Arc<Adjacency> {
        let Pending {
            old,
            rows,
            by_row,
            mut offsets,
            mut nodes,
        } = self;
        let old_rows = old.offsets.len().saturating_sub(1);
        offsets.push(0);
        let mut next = 0; // the first row not laid out yet
        let mut pending = by_row.as_slice();
        while next < rows {
            // Rows `next..touched` have no additions; `touched` has some (or is the end).
            let touched = pending.first().map_or(rows, |&(row, _)| row as usize);
            let run_end = touched.min(old_rows);
            if next < run_end {
                let shift = nodes.len() - old.offsets[next];
                nodes.extend_from_slice(&old.nodes[old.offsets[next]..old.offsets[run_end]]);
                offsets.extend(old.offsets[next + 1..=run_end].iter().map(|&o| o + shift));
                next = run_end;
            }
            // New rows without additions before `touched`: empty.
            while next < touched {
                offsets.push(nodes.len());
                next += 1;
            }
            if touched == rows {
                break;
            }
            if touched < old_rows {
                nodes.extend_from_slice(old.neighbors(touched as u32));
            }
            let count = pending
                .iter()
                .take_while(|&&(row, _)| row as usize == touched)
                .count();
            nodes.extend(pending[..count].iter().map(|&(_, neighbour)| neighbour));
            pending = &pending[count..];
            offsets.push(nodes.len());
            next = touched + 1;
        }
        debug_assert_eq!(offsets.len(), rows + 1);
        Arc::new(Adjacency { offsets, nodes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::random::Rng;
    use crate::core::{AttrValue, KeyRef};

    fn same(a: &Csr, b: &Csr) {
        assert_eq!(a.out.offsets, b.out.offsets);
        assert_eq!(a.out.nodes, b.out.nodes);
        assert_eq!(a.inp().offsets, b.inp().offsets);
        assert_eq!(a.inp().nodes, b.inp().nodes);
        assert_eq!(a.compact, b.compact);
        assert_eq!(a.node_indices, b.node_indices);
        assert_eq!(*a.keys, *b.keys);
        assert_eq!(a.has_self_loops, b.has_self_loops);
        assert_eq!(a.generation, b.generation);
    }

    /// After random growth, attribute changes and (sometimes) removals, the patched
    /// snapshot (or the full build it falls back to) equals a fresh one.
    #[test]
    fn patched_snapshots_equal_fresh_ones_after_random_changes() {
        let cancel = Cancel::new();
        let mut patches = 0;
        for seed in 0..40u64 {
            let mut rng = Rng::new(seed);
            let mut g = GraphCore::new(seed % 2 == 0);
            for _ in 0..rng.below(30) {
                let (u, v) = (rng.below(20) as i64, rng.below(20) as i64);
                g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[]).unwrap();
            }
            let mut snapshot = Csr::build(&g, &cancel).unwrap();
            for step in 0..25 {
                match rng.below(10) {
                    0..=4 => {
                        let (u, v) = (rng.below(40) as i64, rng.below(40) as i64);
                        g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[]).unwrap();
                    }
                    5 => {
                        let k = format!("n{}", rng.below(50));
                        g.add_node(KeyRef::Str(&k), &[]).unwrap();
                    }
                    6 => {
                        let k = KeyRef::Int(rng.below(40) as i64);
                        if g.has_node(k) {
                            g.set_node_attr(k, "x", AttrValue::Int64(step)).unwrap();
                        }
                    }
                    7 => {
                        let k = KeyRef::Int(rng.below(40) as i64);
                        let _ = g.remove_node(k);
                    }
                    _ => {
                        let us: Vec<i64> =
                            (0..rng.below(5)).map(|_| rng.below(60) as i64).collect();
                        let vs: Vec<i64> = us.iter().map(|&u| (u * 7 + 3) % 60).collect();
                        g.add_edges_int(&us, &vs, &[]).unwrap();
                    }
                }
                let fresh = Csr::build(&g, &cancel).unwrap();
                let patched = Csr::patched(&snapshot, &g, &cancel).unwrap();
                if let Some(patched) = &patched {
                    // Compared (so laid out) one step in three: the others leave their
                    // in-rows pending, and the next patch chains onto them.
                    if step % 3 == 2 || patched.out.nodes.len() != fresh.out.nodes.len() {
                        same(patched, &fresh);
                    }
                    patches += 1;
                }
                snapshot = patched.unwrap_or(fresh);
            }
        }
        assert!(patches > 500, "only {patches} of 1000 steps were patches");
    }

    #[test]
    fn attribute_changes_share_the_rows_and_removals_rebuild() {
        let cancel = Cancel::new();
        let mut g = GraphCore::new(true);
        g.add_edge(KeyRef::Int(1), KeyRef::Int(2), &[]).unwrap();
        let old = Csr::build(&g, &cancel).unwrap();
        g.set_node_attr(KeyRef::Int(1), "x", AttrValue::Int64(1))
            .unwrap();
        let new = Csr::patched(&old, &g, &cancel).unwrap().expect("patched");
        assert!(Arc::ptr_eq(&old.out, &new.out));
        assert!(Arc::ptr_eq(old.inp_rows(), new.inp_rows()));
        g.remove_edge(KeyRef::Int(1), KeyRef::Int(2)).unwrap();
        assert!(Csr::patched(&new, &g, &cancel).unwrap().is_none());
    }

    /// A bulk load into a graph without edges lays the snapshot rows out as it goes; after
    /// random later changes, the snapshot made from them equals a fresh build, and a graph
    /// that is not fresh (a removed node, edges already) gets no rows.
    #[test]
    fn rows_laid_out_by_a_load_equal_a_fresh_build() {
        let cancel = Cancel::new();
        let mut laid_out = 0;
        for seed in 0..60u64 {
            let mut rng = Rng::new(seed);
            let directed = seed % 2 == 0;
            let mut g = GraphCore::new(directed);
            let nodes: Vec<i64> = (0..rng.below(30) as i64).collect();
            g.add_edges_int(&nodes, &nodes, &[]).unwrap(); // self-loops: not fresh
            if seed % 5 != 0 {
                g = GraphCore::new(directed);
                for &k in &nodes {
                    g.add_node(KeyRef::Int(k), &[]).unwrap();
                }
                if seed % 7 == 1 {
                    g.add_node(KeyRef::Str("gone"), &[]).unwrap();
                    g.remove_node(KeyRef::Str("gone")).unwrap(); // not fresh either
                }
            }
            let m = rng.below(200) as usize;
            let us: Vec<i64> = (0..m).map(|_| rng.below(40) as i64).collect();
            let vs: Vec<i64> = (0..m).map(|_| rng.below(40) as i64).collect();
            let topology = g.topology();
            // Rows of the first load (nodes made by the load itself) stay until taken.
            let mut expect_rows = (seed % 5 == 0 && !nodes.is_empty())
                || (m > 0
                    && topology.edge_capacity() == 0
                    && topology.node_capacity() == topology.node_count());
            g.add_edges_int(&us, &vs, &[]).unwrap();
            for step in 0..rng.below(4) {
                match rng.below(4) {
                    0 => {
                        let (u, v) = (rng.below(50) as i64, rng.below(50) as i64);
                        g.add_edge(KeyRef::Int(u), KeyRef::Int(v), &[]).unwrap();
                    }
                    1 => {
                        g.add_node(KeyRef::Str("late"), &[]).unwrap();
                    }
                    2 => {
                        let k = KeyRef::Int(us.first().copied().unwrap_or(0));
                        if g.has_node(k) {
                            g.set_node_attr(k, "x", AttrValue::Int64(step as i64))
                                .unwrap();
                        }
                    }
                    _ => {
                        let removed = g.remove_node(KeyRef::Int(rng.below(40) as i64));
                        expect_rows &= removed.is_err(); // a removal drops the rows
                    }
                }
            }
            let expected = Csr::build(&g, &cancel).unwrap();
            let rows = g.topology().take_laid_out();
            assert_eq!(rows.is_some(), expect_rows, "seed {seed}");
            if let Some(rows) = rows {
                if let Some(from_rows) = Csr::from_laid_out(rows, &g, &cancel).unwrap() {
                    same(&from_rows, &expected);
                }
                laid_out += 1;
            }
        }
        assert!(laid_out > 20, "only {laid_out} loads laid rows out");
    }
}
