//! Generators: every one with sizes small, negative and past what a graph holds (those
//! must be refused before anything is allocated: `GR_STATUS_INVALID_ARGUMENT` below 0,
//! `GR_STATUS_OUT_OF_MEMORY` past the limit), probabilities outside [0, 1] and NaN,
//! R-MAT options of unknown versions; checked against what `generator_model.rs` expects:
//! node keys `0..n` in order, node and edge counts (exact edges for the classic shapes),
//! simple graphs, and the same graph twice from one seed. Small results join the state's
//! graphs, for the other operations.

use std::collections::HashSet;
use std::ptr;

use groggy::ffi::*;

use super::call_args::{init_options, pick, version, Token, Want};
use super::check::{expect_failure, last_error, read_edges, read_nodes, status};
use super::generator_model::{self as expected, Expect, MOST};
use super::keys::Key;
use super::model::Model;
use super::state::State;
use crate::Input;

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

/// One generator call's arguments, what it must give, and the call itself.
struct Generator {
    op: &'static str,
    expect: Expect,
    seeded: bool,
    /// The generator with these arguments; pass it a live token or NULL, and a writable
    /// output or NULL (the closures call the C ABI trusting both).
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
        0 => ("erdos_renyi", expected::erdos_renyi(n, p, directed)),
        1 => ("gnm", expected::gnm(n, m.max(k), directed)),
        2 => ("barabasi_albert", expected::barabasi_albert(n, k)),
        3 => ("watts_strogatz", expected::watts_strogatz(n, k, p)),
        4 => return rmat(input, n, seeded, seed),
        5 => ("complete", expected::complete(n)),
        6 => ("path", expected::path(n)),
        7 => ("cycle", expected::cycle(n)),
        8 => ("star", expected::star(n)),
        _ => ("grid_2d", expected::grid(n, m)),
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
