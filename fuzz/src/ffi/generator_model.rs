//! What each generator must give for its arguments, as networkx's generators of the same
//! names do: the status (a negative size `GR_STATUS_INVALID_ARGUMENT`, a graph past what
//! a graph holds `GR_STATUS_OUT_OF_MEMORY`, refused before anything is allocated), then
//! the node count, the exact edges of the classic shapes and the edge count (or its
//! bound) of the random models.

use groggy::ffi::*;

use super::call_args::Want;

/// The most node indices a graph holds (`MAX_INDICES` in the library).
pub const MOST: i64 = u32::MAX as i64 - 1;

/// What a generator must give: the status, then the graph's shape.
pub struct Expect {
    pub want: Want,
    pub nodes: usize,
    pub directed: bool,
    /// The exact edges (classic shapes), in order.
    pub edges: Option<Vec<(i64, i64)>>,
    /// The edge count when known, else its upper bound.
    pub edge_count: usize,
    pub exact_count: bool,
    /// Self-loops allowed (R-MAT, a cycle of one node).
    pub loops: bool,
}

impl Expect {
    pub fn refused(status: gr_status) -> Expect {
        Expect {
            want: Want::Err(status),
            nodes: 0,
            directed: false,
            edges: None,
            edge_count: 0,
            exact_count: true,
            loops: false,
        }
    }

    pub fn shape(nodes: usize, edges: Vec<(i64, i64)>) -> Expect {
        Expect {
            want: Want::Ok,
            nodes,
            directed: false,
            edge_count: edges.len(),
            loops: edges.iter().any(|(a, b)| a == b),
            edges: Some(edges),
            exact_count: true,
        }
    }

    pub fn random(nodes: usize, directed: bool, edge_count: usize, exact: bool) -> Expect {
        Expect {
            want: Want::Ok,
            nodes,
            directed,
            edges: None,
            edge_count,
            exact_count: exact,
            loops: false,
        }
    }
}

/// Out of memory when a graph cannot hold `edges`.
fn edges_fit(edges: u128) -> Result<(), Expect> {
    if edges > MOST as u128 {
        Err(Expect::refused(GR_STATUS_OUT_OF_MEMORY))
    } else {
        Ok(())
    }
}

/// A size argument: negative is refused, past `MOST` is out of memory.
fn size(n: i64) -> Result<usize, Expect> {
    if n < 0 {
        Err(Expect::refused(GR_STATUS_INVALID_ARGUMENT))
    } else if n > MOST {
        Err(Expect::refused(GR_STATUS_OUT_OF_MEMORY))
    } else {
        Ok(n as usize)
    }
}

fn probability(p: f64) -> Result<f64, Expect> {
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(Expect::refused(GR_STATUS_INVALID_ARGUMENT))
    }
}

fn pairs(n: usize, directed: bool) -> u128 {
    let ordered = n as u128 * n.saturating_sub(1) as u128;
    if directed {
        ordered
    } else {
        ordered / 2
    }
}

fn complete_edges(n: usize) -> Vec<(i64, i64)> {
    let n = n as i64;
    (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .collect()
}

pub fn erdos_renyi(n: i64, p: f64, directed: bool) -> Expect {
    let (n, p) = match size(n).and_then(|n| probability(p).map(|p| (n, p))) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let all = pairs(n, directed);
    // Every pair, or about `all * p` of them: refused when surely too many.
    let too_many = if p == 1.0 {
        edges_fit(all).is_err()
    } else {
        p > 0.0 && n >= 2 && all as f64 * p > 1.01 * MOST as f64
    };
    if too_many {
        return Expect::refused(GR_STATUS_OUT_OF_MEMORY);
    }
    let exact = p == 0.0 || p == 1.0;
    Expect::random(n, directed, if p == 0.0 { 0 } else { all as usize }, exact)
}

pub fn complete(n: i64) -> Expect {
    match size(n).and_then(|n| edges_fit(pairs(n, false)).map(|()| n)) {
        Ok(n) => Expect::shape(n, complete_edges(n)),
        Err(e) => e,
    }
}

pub fn gnm(n: i64, m: i64, directed: bool) -> Expect {
    let n = match size(n) {
        Ok(n) => n,
        Err(e) => return e,
    };
    if m < 0 {
        return Expect::refused(GR_STATUS_INVALID_ARGUMENT);
    }
    let edges = (m as u128).min(pairs(n, directed));
    if let Err(e) = edges_fit(edges) {
        return e;
    }
    Expect::random(n, directed, edges as usize, true)
}

pub fn barabasi_albert(n: i64, m: i64) -> Expect {
    let nodes = match size(n) {
        Ok(n) => n,
        Err(e) => return e,
    };
    if m < 1 || m >= n {
        return Expect::refused(GR_STATUS_INVALID_ARGUMENT);
    }
    let edges = m as u128 * (n - m) as u128;
    if let Err(e) = edges_fit(edges) {
        return e;
    }
    Expect::random(nodes, false, edges as usize, true)
}

pub fn watts_strogatz(n: i64, k: i64, p: f64) -> Expect {
    let nodes = match size(n) {
        Ok(n) => n,
        Err(e) => return e,
    };
    if k < 0 || probability(p).is_err() || k > n {
        return Expect::refused(GR_STATUS_INVALID_ARGUMENT);
    }
    let edges = if k == n {
        pairs(nodes, false)
    } else {
        nodes as u128 * (k / 2) as u128
    };
    if let Err(e) = edges_fit(edges) {
        return e;
    }
    Expect::random(nodes, false, edges as usize, true)
}

pub fn star(n: i64) -> Expect {
    let leaves = match size(n) {
        Ok(n) => n,
        Err(e) => return e,
    };
    if n >= MOST {
        return Expect::refused(GR_STATUS_OUT_OF_MEMORY);
    }
    Expect::shape(leaves + 1, (1..=leaves as i64).map(|i| (0, i)).collect())
}

pub fn grid(rows: i64, cols: i64) -> Expect {
    let (m, n) = match size(rows).and_then(|m| size(cols).map(|n| (m, n))) {
        Ok(v) => v,
        Err(e) => return e,
    };
    if m as u128 * n as u128 > MOST as u128 {
        return Expect::refused(GR_STATUS_OUT_OF_MEMORY);
    }
    let key = |i: usize, j: usize| (i * n + j) as i64;
    // networkx adds the vertical edges first, then the horizontal ones.
    let mut edges = Vec::new();
    for i in 1..m {
        edges.extend((0..n).map(|j| (key(i - 1, j), key(i, j))));
    }
    for i in 0..m {
        edges.extend((1..n).map(|j| (key(i, j - 1), key(i, j))));
    }
    Expect::shape(m * n, edges)
}

pub fn path(n: i64) -> Expect {
    size(n).map_or_else(
        |e| e,
        |n| Expect::shape(n, (1..n as i64).map(|i| (i - 1, i)).collect()),
    )
}

/// The path closed by `(n - 1, 0)`: one node has a self-loop, two nodes one edge.
pub fn cycle(n: i64) -> Expect {
    size(n).map_or_else(
        |e| e,
        |n| {
            let mut edges: Vec<(i64, i64)> = (1..n as i64).map(|i| (i - 1, i)).collect();
            if n == 1 || n > 2 {
                edges.push((n as i64 - 1, 0));
            }
            Expect::shape(n, edges)
        },
    )
}
