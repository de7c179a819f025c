//! Generators: every one with sizes small, negative and past what a graph holds (those
//! must be refused before anything is allocated: `GR_STATUS_INVALID_ARGUMENT` below 0,
//! `GR_STATUS_OUT_OF_MEMORY` past the limit), probabilities outside [0, 1] and NaN,
//! R-MAT options of unknown versions; checked: node keys `0..n` in order, node and edge
//! counts (exact edges for the classic shapes), simple graphs, and the same graph twice
//! from one seed. Small results join the state's graphs, for the other operations.

use std::collections::HashSet;
use std::ptr;

use groggy::ffi::*;

use super::call_args::{init_options, pick, version, Token, Want};
use super::check::{expect_failure, last_error, read_edges, read_nodes, status};
use super::keys::Key;
use super::model::Model;
use super::state::State;
use crate::Input;

/// The most node indices a graph holds (`MAX_INDICES` in the library).
const MOST: i64 = u32::MAX as i64 - 1;
/// Sizes: small ones, negative ones, and ones past `MOST` (refused before any allocation;
/// sizes in between would make graphs too big to fuzz).
const SIZES: [i64; 14] = [
    3,
    4,
    5,
    0,
    1,
    2,
    6,
    7,
    8,
    -1,
    -7,
    i64::MIN,
    MOST + 1,
    i64::MAX,
];
const PROBABILITIES: [f64; 8] = [0.5, 0.2, 0.0, 1.0, -0.1, 1.5, f64::NAN, f64::INFINITY];
/// A node count a graph holds, whose complete graph (and G(n, p = 1), G(n, m) with a huge
/// `m`, Barabasi-Albert with `m = n / 2`, Watts-Strogatz with `k = n / 2`) has more edges
/// than a graph holds: refused before anything is allocated.
const BIG: i64 = 1 << 17;
/// Graphs no larger than this join the state.
const ADOPT_NODES: usize = 64;

/// What a generator must give: the status, then the graph's shape.
struct Expect {
    want: Want,
    nodes: usize,
    directed: bool,
    /// The exact edges (classic shapes), in order.
    edges: Option<Vec<(i64, i64)>>,
    /// The edge count when known, else its upper bound.
    edge_count: usize,
    exact_count: bool,
    /// Self-loops allowed (R-MAT, a cycle of one node).
    loops: bool,
}

impl Expect {
    fn refused(status: gr_status) -> Expect {
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

    fn shape(nodes: usize, edges: Vec<(i64, i64)>) -> Expect {
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

    fn random(nodes: usize, directed: bool, edge_count: usize, exact: bool) -> Expect {
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

/// One generator call's arguments, what it must give, and the call itself.
struct Generator {
    op: &'static str,
    expect: Expect,
    seeded: bool,
    call: Box<dyn Fn(*const gr_cancel, *mut *mut gr_graph) -> gr_status>,
}

impl State {
    pub fn generate(&mut self, input: &mut Input<'_>) {
        let token = Token::gen(input);
        let null_out = input.below(32) == 31;
        let Some(gen) = generator(input) else {
            return;
        };
        let mut g = ptr::null_mut();
        let out = if null_out {
            ptr::null_mut()
        } else {
            &mut g as *mut _
        };
        let s = status((gen.call)(token.raw(), out), gen.op);
        if null_out {
            expect_failure(s, &format!("{} with a NULL output", gen.op));
            return;
        }
        let e = &gen.expect;
        if s == GR_STATUS_CANCELLED {
            assert!(token.triggered, "{}: cancelled without a token", gen.op);
            return;
        }
        let fine = match e.want {
            Want::Ok => s == GR_STATUS_OK,
            Want::Err(want) => s == want,
            _ => true,
        };
        assert!(
            fine,
            "{}: status {s}, want {:?}: {}",
            gen.op,
            e.want,
            last_error()
        );
        if s != GR_STATUS_OK {
            return;
        }
        assert!(
            !token.triggered,
            "{}: a triggered token did not stop it",
            gen.op
        );
        let model = check_graph(g, e, gen.op);
        if gen.seeded {
            let mut again = ptr::null_mut();
            assert_eq!(
                (gen.call)(ptr::null(), &mut again),
                GR_STATUS_OK,
                "{} again",
                gen.op
            );
            assert_eq!(
                read_edges(again),
                model.edges,
                "{}: one seed, two graphs",
                gen.op
            );
            // SAFETY: made just above, freed once.
            unsafe { gr_graph_free(again) };
        }
        if model.nodes.len() <= ADOPT_NODES {
            self.adopt(g, model, input);
        } else {
            // SAFETY: made by the call above, never shared.
            unsafe { gr_graph_free(g) };
        }
    }
}

/// Reads the new graph, checks its shape, and returns its model.
fn check_graph(g: *mut gr_graph, e: &Expect, op: &str) -> Model {
    let nodes = read_nodes(g);
    let want: Vec<Key> = (0..e.nodes as i64).map(Key::Int).collect();
    assert_eq!(nodes, want, "{op}: nodes 0..{}", e.nodes);
    let edges = read_edges(g);
    let ints: Vec<(i64, i64)> = edges
        .iter()
        .map(|(a, b)| match (a, b) {
            (Key::Int(a), Key::Int(b)) => (*a, *b),
            _ => panic!("{op}: a string key"),
        })
        .collect();
    if let Some(want) = &e.edges {
        assert_eq!(&ints, want, "{op}: edges");
    }
    if e.exact_count {
        assert_eq!(ints.len(), e.edge_count, "{op}: edge count");
    } else {
        assert!(ints.len() <= e.edge_count, "{op}: {} edges", ints.len());
    }
    let mut seen = HashSet::new();
    for &(a, b) in &ints {
        assert!(e.loops || a != b, "{op}: a self-loop ({a}, {b})");
        let key = if e.directed {
            (a, b)
        } else {
            (a.min(b), a.max(b))
        };
        assert!(seen.insert(key), "{op}: the edge ({a}, {b}) twice");
    }
    let mut model = Model::new(e.directed);
    model.nodes = nodes;
    model.edges = edges;
    model
}

/// Reads a generator and its arguments from the input (`None`: only the R-MAT options'
/// init was exercised).
fn generator(input: &mut Input<'_>) -> Option<Generator> {
    let (mut n, mut m) = (pick(input, &SIZES), pick(input, &SIZES));
    let mut p = pick(input, &PROBABILITIES);
    let directed = input.below(4) == 3;
    let seeded = input.below(4) != 3;
    let seed = input.u8() as u64;
    let which = input.below(11);
    // Sizes that suit the second argument: around n, sometimes just past it.
    let near_n = [n.saturating_sub(1), n.saturating_add(1)];
    let mut k = pick(input, &[2, 1, n, near_n[0], near_n[1], 0, -2, i64::MAX]);
    // Now and then a node count a graph holds with more edges than it holds (not for the
    // shapes with about as many edges as nodes: a real graph that big is slow to check).
    if input.below(16) == 15 && matches!(which, 0..=3 | 5) {
        (n, m, k, p) = (BIG, i64::MAX, BIG / 2, 1.0);
    }
    let (op, expect): (&'static str, Expect) = match which {
        0 => ("erdos_renyi", erdos_renyi(n, p, directed)),
        1 => ("gnm", gnm(n, m.max(k), directed)),
        2 => ("barabasi_albert", barabasi_albert(n, k)),
        3 => ("watts_strogatz", watts_strogatz(n, k, p)),
        4 => return rmat(input, n, seeded, seed),
        5 => ("complete", complete(n)),
        6 => (
            "path",
            size(n).map_or_else(
                |e| e,
                |n| Expect::shape(n, (1..n as i64).map(|i| (i - 1, i)).collect()),
            ),
        ),
        7 => (
            "cycle",
            size(n).map_or_else(
                |e| e,
                |n| {
                    let mut edges: Vec<(i64, i64)> = (1..n as i64).map(|i| (i - 1, i)).collect();
                    if n == 1 || n > 2 {
                        edges.push((n as i64 - 1, 0));
                    }
                    Expect::shape(n, edges)
                },
            ),
        ),
        8 => ("star", star(n)),
        _ => ("grid_2d", grid(n, m)),
    };
    let call: Box<dyn Fn(*const gr_cancel, *mut *mut gr_graph) -> gr_status> = match which {
        // SAFETY (every closure): a live token or NULL; an output local or NULL.
        0 => Box::new(move |c, o| unsafe {
            gr_generate_erdos_renyi(n, p, directed, seeded, seed, c, o)
        }),
        1 => Box::new(move |c, o| unsafe {
            gr_generate_gnm(n, m.max(k), directed, seeded, seed, c, o)
        }),
        2 => Box::new(move |c, o| unsafe { gr_generate_barabasi_albert(n, k, seeded, seed, c, o) }),
        3 => {
            Box::new(move |c, o| unsafe { gr_generate_watts_strogatz(n, k, p, seeded, seed, c, o) })
        }
        5 => Box::new(move |c, o| unsafe { gr_generate_complete(n, c, o) }),
        6 => Box::new(move |c, o| unsafe { gr_generate_path(n, c, o) }),
        7 => Box::new(move |c, o| unsafe { gr_generate_cycle(n, c, o) }),
        8 => Box::new(move |c, o| unsafe { gr_generate_star(n, c, o) }),
        _ => Box::new(move |c, o| unsafe { gr_generate_grid_2d(n, m, c, o) }),
    };
    Some(Generator {
        op,
        expect,
        seeded: seeded && which <= 3,
        call,
    })
}

fn erdos_renyi(n: i64, p: f64, directed: bool) -> Expect {
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

fn complete(n: i64) -> Expect {
    match size(n).and_then(|n| edges_fit(pairs(n, false)).map(|()| n)) {
        Ok(n) => Expect::shape(n, complete_edges(n)),
        Err(e) => e,
    }
}

fn gnm(n: i64, m: i64, directed: bool) -> Expect {
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

fn barabasi_albert(n: i64, m: i64) -> Expect {
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

fn watts_strogatz(n: i64, k: i64, p: f64) -> Expect {
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

fn star(n: i64) -> Expect {
    let leaves = match size(n) {
        Ok(n) => n,
        Err(e) => return e,
    };
    if n >= MOST {
        return Expect::refused(GR_STATUS_OUT_OF_MEMORY);
    }
    Expect::shape(leaves + 1, (1..=leaves as i64).map(|i| (0, i)).collect())
}

fn grid(rows: i64, cols: i64) -> Expect {
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

/// R-MAT: its options' init (unknown versions, NULL), then the generator with a scale,
/// edge factor and quadrant probabilities, some refused.
fn rmat(input: &mut Input<'_>, n: i64, seeded: bool, seed: u64) -> Option<Generator> {
    let use_opts = input.below(4) != 3;
    let mut opts = if use_opts {
        // SAFETY: the R-MAT options' init.
        Some(unsafe {
            init_options(
                input,
                gr_rmat_options_init,
                GR_RMAT_OPTIONS_VERSION,
                "rmat_options_init",
            )
        }?)
    } else {
        None
    };
    let scale = pick(input, &[2, 3, 0, 1, 4, 5, -1, 32, 63, i64::MIN, n]);
    let mut known = true;
    let (mut factor, mut abc, mut directed) = (16, [0.57, 0.19, 0.19], true);
    if let Some(o) = opts.as_mut() {
        o.edge_factor = pick(input, &[2, 1, 0, 4, 8, -1, 1 << 40, i64::MAX]);
        if input.below(4) == 3 {
            for x in [&mut o.a, &mut o.b, &mut o.c] {
                *x = pick(input, &[0.25, 0.0, 0.5, 1.0, -0.1, f64::NAN, 0.57, 0.19]);
            }
        }
        o.directed = input.below(4) != 3;
        o.seeded = seeded;
        o.seed = seed;
        (o.version, known) = version(input, GR_RMAT_OPTIONS_VERSION);
        (factor, abc, directed) = (o.edge_factor, [o.a, o.b, o.c], o.directed);
    }
    let valid_abc =
        abc.iter().all(|x| (0.0..=1.0).contains(x)) && abc[0] + abc[1] + abc[2] <= 1.0 + 1e-12;
    let expect = if !known || !(0..=31).contains(&scale) || factor < 0 || !valid_abc {
        Expect::refused(GR_STATUS_INVALID_ARGUMENT)
    } else {
        let nodes = 1u128 << scale;
        let drawn = factor as u128 * nodes;
        if drawn > MOST as u128 {
            Expect::refused(GR_STATUS_OUT_OF_MEMORY)
        } else if nodes as usize > 4 * ADOPT_NODES {
            return None; // too big to fuzz (scale from `n`)
        } else {
            let mut e = Expect::random(nodes as usize, directed, drawn as usize, false);
            e.loops = true;
            e
        }
    };
    let seeded = opts.as_ref().is_some_and(|o| o.seeded);
    Some(Generator {
        op: "rmat",
        expect,
        seeded,
        // SAFETY: a live token or NULL; the options (or NULL) copied into the closure; an
        // output local or NULL.
        call: Box::new(move |c, o| unsafe {
            gr_generate_rmat(
                scale,
                opts.as_ref().map_or(ptr::null(), |x| x as *const _),
                c,
                o,
            )
        }),
    })
}
