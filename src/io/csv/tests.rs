//! Type inference, quoting, round trips of every kind the tables hold, refusals of what
//! they cannot, every malformed input with its line and column, and a run of mutated
//! files that must each give a graph or a clean error.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

use super::*;
use crate::core::{AttrKind, AttrValue, Cancel, GraphCore, GraphError, KeyRef, NodeKey};
use crate::io::native::tests::describe;
use crate::io::test_dir::TempDir;

fn read(edges: &Path, nodes: Option<&Path>) -> GraphResult<GraphCore> {
    read_csv(
        edges,
        nodes,
        &CsvOptions::default(),
        &Cancel::new(),
        &mut |_, _| {},
    )
}

/// Reads `edges` (and `nodes`) given as text.
fn read_text(edges: &str, nodes: Option<&str>) -> GraphResult<GraphCore> {
    let dir = TempDir::new("csv-read");
    let e = dir.file("e.csv", edges.as_bytes());
    let n = nodes.map(|n| dir.file("n.csv", n.as_bytes()));
    read(&e, n.as_deref())
}

fn io_message<T: std::fmt::Debug>(result: GraphResult<T>) -> String {
    match result {
        Err(GraphError::Io(m)) => m.to_string(),
        other => panic!("expected an Io error, got {other:?}"),
    }
}

fn invalid<T: std::fmt::Debug>(result: GraphResult<T>) -> String {
    match result {
        Err(GraphError::InvalidArgument(m)) => m,
        other => panic!("expected InvalidArgument, got {other:?}"),
    }
}

fn attr(g: &GraphCore, edge: (i64, i64), name: &str) -> Option<AttrValue> {
    g.get_edge_attr(KeyRef::Int(edge.0), KeyRef::Int(edge.1), name)
        .unwrap()
}

fn kind(g: &GraphCore, name: &str) -> AttrKind {
    g.edge_attr_table().column(name).unwrap().kind()
}

/// Writes `g` (with a nodes file) and reads it back; checks it is the same graph.
fn round_trip(g: &GraphCore) -> GraphCore {
    let dir = TempDir::new("csv-round");
    let (e, n) = (dir.path("e.csv"), dir.path("n.csv"));
    write_csv(g, &e, Some(&n), &CsvOptions::default()).unwrap();
    let options = CsvOptions {
        directed: g.is_directed(),
        ..CsvOptions::default()
    };
    let back = read_csv(&e, Some(&n), &options, &Cancel::new(), &mut |_, _| {}).unwrap();
    assert_eq!(describe(&back), describe(g));
    back
}

fn set_node(g: &mut GraphCore, key: KeyRef<'_>, name: &str, value: AttrValue) {
    if !g.has_node(key) {
        g.add_node(key, &[]).unwrap();
    }
    g.set_node_attr(key, name, value).unwrap();
}

#[test]
fn types_are_inferred_per_column() {
    let g = read_text(
        "source,target,i,f,b,s,q,big\n\
         1,2,7,1.5,true,x,\"3\",1e300\n\
         2,3,-8,2,False,4,\"\",NaN\n\
         3,4,,inf,TRUE,,,-inf\n",
        None,
    )
    .unwrap();
    assert_eq!(kind(&g, "i"), AttrKind::Int64);
    assert_eq!(kind(&g, "f"), AttrKind::Float64);
    assert_eq!(kind(&g, "b"), AttrKind::Bool);
    assert_eq!(kind(&g, "s"), AttrKind::Str);
    assert_eq!(kind(&g, "q"), AttrKind::Str);
    assert_eq!(attr(&g, (1, 2), "i"), Some(AttrValue::Int64(7)));
    assert_eq!(attr(&g, (3, 4), "i"), None, "an empty field is absent");
    assert_eq!(attr(&g, (2, 3), "f"), Some(AttrValue::Float64(2.0)));
    assert_eq!(
        attr(&g, (3, 4), "f"),
        Some(AttrValue::Float64(f64::INFINITY))
    );
    assert_eq!(attr(&g, (2, 3), "b"), Some(AttrValue::Bool(false)));
    assert_eq!(attr(&g, (2, 3), "s"), Some(AttrValue::Str("4".into())));
    assert_eq!(attr(&g, (1, 2), "q"), Some(AttrValue::Str("3".into())));
    assert_eq!(attr(&g, (2, 3), "q"), Some(AttrValue::Str("".into())));
    assert_eq!(attr(&g, (3, 4), "q"), None);
    assert!(matches!(attr(&g, (2, 3), "big"), Some(AttrValue::Float64(x)) if x.is_nan()));
    // Int keys, in the order the edges name them.
    let keys: Vec<NodeKey> = g.node_keys().cloned().collect();
    assert_eq!(keys, [1, 2, 3, 4].map(NodeKey::Int));
}

#[test]
fn a_column_without_values_adds_no_attribute_and_keys_may_be_strings() {
    let g = read_text("target;w;source\nb;;a\n\"1\";;b\n", None);
    assert!(g.is_err(), "the default delimiter is a comma");
    let dir = TempDir::new("csv-semi");
    let e = dir.file("e.csv", b"target;w;source\nb;;a\n\"1\";;b\n");
    let options = CsvOptions {
        delimiter: ';',
        directed: true,
        ..CsvOptions::default()
    };
    let g = read_csv(&e, None, &options, &Cancel::new(), &mut |_, _| {}).unwrap();
    assert!(g.edge_attr_names().is_empty());
    assert!(g.has_edge(KeyRef::Str("a"), KeyRef::Str("b")));
    assert!(
        g.has_edge(KeyRef::Str("b"), KeyRef::Str("1")),
        "a quoted key is a string"
    );
}

#[test]
fn quoted_fields_hold_delimiters_quotes_and_line_breaks() {
    let g = read_text(
        "source,target,s\r\n\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n",
        None,
    )
    .unwrap();
    let s = g
        .get_edge_attr(KeyRef::Str("a,b"), KeyRef::Str("say \"hi\""), "s")
        .unwrap();
    assert_eq!(s, Some(AttrValue::Str("two\r\nlines".into())));
}

#[test]
fn nodes_file_gives_order_isolated_nodes_and_attributes() {
    let g = read_text(
        "source,target\n1,2\n",
        Some("age,key,name\n30,3,\"c\"\n,2,\n40,3,\n"),
    )
    .unwrap();
    let keys: Vec<NodeKey> = g.node_keys().cloned().collect();
    assert_eq!(keys, [3, 2, 1].map(NodeKey::Int));
    let age = |k| g.get_node_attr(KeyRef::Int(k), "age").unwrap();
    assert_eq!(age(3), Some(AttrValue::Int64(40)), "a later row updates");
    assert_eq!(age(2), None);
    assert_eq!(
        g.get_node_attr(KeyRef::Int(3), "name").unwrap(),
        Some(AttrValue::Str("c".into())),
        "an empty field leaves what an earlier row set"
    );
    // One string key anywhere makes every key a string.
    let g = read_text("source,target\n1,2\n", Some("key\n\"x\"\n")).unwrap();
    assert!(g.has_edge(KeyRef::Str("1"), KeyRef::Str("2")));
}

#[test]
fn gzip_is_recognised_by_content_and_a_bom_is_dropped() {
    let dir = TempDir::new("csv-gzip");
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(b"\xEF\xBB\xBFsource,target,w\n1,2,0.5\n")
        .unwrap();
    let e = dir.file("edges.csv", &enc.finish().unwrap());
    let g = read(&e, None).unwrap();
    assert_eq!(attr(&g, (1, 2), "w"), Some(AttrValue::Float64(0.5)));
}

#[test]
fn progress_reaches_the_total_of_both_files() {
    let dir = TempDir::new("csv-progress");
    let mut text = String::from("source,target,w\n");
    for i in 0..5000 {
        text.push_str(&format!("{i},{},{i}.5\n", i + 1));
    }
    let e = dir.file("e.csv", text.as_bytes());
    let n = dir.file("n.csv", b"key\n0\n");
    let total = (text.len() + 6) as u64;
    let mut seen = Vec::new();
    let g = read_csv(
        &e,
        Some(&n),
        &CsvOptions::default(),
        &Cancel::new(),
        &mut |done, all| seen.push((done, all)),
    )
    .unwrap();
    assert_eq!(g.edge_count(), 5000);
    assert!(seen.len() >= 2, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(seen.last(), Some(&(total, total)));
    let cancel = Cancel::new();
    cancel.trigger();
    let r = read_csv(&e, None, &CsvOptions::default(), &cancel, &mut |_, _| {});
    assert!(matches!(r, Err(GraphError::Cancelled)));
}

#[test]
fn malformed_input_names_file_line_and_column() {
    let cases: &[(&[u8], &str)] = &[
        (&b""[..], ":1:1: no header line"),
        (&b"a,b\n1,2\n"[..], ":1:1: no column named 'source'"),
        (&b"source,,target\n"[..], ":1:8: column 2 has no name"),
        (
            &b"source,target,x,x\n"[..],
            ":1:17: column name 'x' appears twice",
        ),
        (
            &b"source,target\n1,2\n3\n"[..],
            ":3:2: a row of 1 fields, the header has 2",
        ),
        (
            &b"source,target\n1,2,3\n"[..],
            ":2:5: a row of 3 fields, the header has 2",
        ),
        (
            &b"source,target\n1,\n"[..],
            ":2:3: empty node key in column 'target'",
        ),
        (
            &b"source,target\n\"1,2\n"[..],
            ":2:1: quoted field never closed",
        ),
        (
            &b"source,target\n1,2\"x\n"[..],
            ":2:4: quote inside an unquoted field",
        ),
        (
            &b"source,target\n\"1\"x,2\n"[..],
            ":2:4: expected the delimiter",
        ),
        (
            &b"source,target,w\n1,2,99999999999999999999\n"[..],
            ":2:5: number 99999999999999999999",
        ),
        (&b"source,target,w\n1,2,1e999\n"[..], ":2:5: number 1e999"),
        (
            &b"source,target\n1,99999999999999999999\n"[..],
            ":2:3: number 99999999999999999999",
        ),
        (
            &b"source,target,s\n1,2,ab\xffc\n"[..],
            ":2:5: field \"ab\u{fffd}c\" of column 's' is not valid",
        ),
        (
            &b"source,t\xffarget\n"[..],
            ":1:8: column name is not valid UTF-8",
        ),
    ];
    for (text, expected) in cases {
        let dir = TempDir::new("csv-bad");
        let e = dir.file("bad.csv", text);
        let message = io_message(read(&e, None));
        assert!(
            message.starts_with(&e.display().to_string()) && message.contains(expected),
            "{:?}: {message}",
            String::from_utf8_lossy(text)
        );
    }
    // A huge number among text is text: no number was meant.
    let g = read_text("source,target,w\n1,2,99999999999999999999\n2,3,x\n", None).unwrap();
    assert_eq!(kind(&g, "w"), AttrKind::Str);
    let g = read_text("source,target\n1,99999999999999999999\nx,1\n", None).unwrap();
    assert!(g.has_node(KeyRef::Str("99999999999999999999")));
    // A missing file keeps its OS error.
    let missing = io_message(read(Path::new("/nonexistent/e.csv"), None));
    assert!(missing.contains("/nonexistent/e.csv"), "{missing}");
}

#[test]
fn options_are_checked() {
    let dir = TempDir::new("csv-opts");
    let e = dir.file("e.csv", b"source,target\n");
    for options in [
        CsvOptions {
            delimiter: '"',
            ..CsvOptions::default()
        },
        CsvOptions {
            delimiter: '→',
            ..CsvOptions::default()
        },
        CsvOptions {
            target: "source".into(),
            ..CsvOptions::default()
        },
        CsvOptions {
            key: String::new(),
            ..CsvOptions::default()
        },
    ] {
        invalid(read_csv(&e, None, &options, &Cancel::new(), &mut |_, _| {}));
    }
}

#[test]
fn every_kind_a_table_holds_round_trips() {
    let mut g = GraphCore::new(true);
    let a = KeyRef::Str;
    set_node(&mut g, a("isolated"), "n", AttrValue::Int64(i64::MIN));
    set_node(
        &mut g,
        a("ünï cødé ✓"),
        "label",
        AttrValue::Str("日本語 \"q\", \n".into()),
    );
    set_node(&mut g, a("12"), "label", AttrValue::Str("12".into()));
    set_node(&mut g, a(""), "label", AttrValue::Str("".into()));
    set_node(&mut g, a("true"), "flag", AttrValue::Bool(true));
    let floats = [
        1.0,
        0.1,
        -0.0,
        1e300,
        5e-324,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    let keys = ["12", "", "true", "ünï cødé ✓", "isolated", "x", "y", "z"];
    for (i, x) in floats.iter().enumerate() {
        let (u, v) = (keys[i], keys[(i + 1) % keys.len()]);
        let attrs = [
            ("w", AttrValue::Float64(*x)),
            ("i", AttrValue::Int64(i as i64 * 1_000_000_007)),
        ];
        g.add_edge(a(u), a(v), &attrs).unwrap();
    }
    g.set_edge_attr(a("x"), a("y"), "t", AttrValue::Str("1.5".into()))
        .unwrap();
    g.set_edge_attr(a("y"), a("z"), "flag", AttrValue::Bool(false))
        .unwrap();
    round_trip(&g);
}

#[test]
fn int_keys_and_empty_graphs_round_trip() {
    let mut g = GraphCore::new(false);
    g.add_edge(KeyRef::Int(-5), KeyRef::Int(7), &[]).unwrap();
    g.add_node(KeyRef::Int(i64::MAX), &[]).unwrap();
    round_trip(&g);
    round_trip(&GraphCore::new(false));
    round_trip(&GraphCore::new(true));
    // Without a nodes file, when the edges give every node in order.
    let mut g = GraphCore::new(false);
    g.add_edge(
        KeyRef::Int(3),
        KeyRef::Int(1),
        &[("w", AttrValue::Float64(2.0))],
    )
    .unwrap();
    let dir = TempDir::new("csv-no-nodes");
    let e = dir.path("e.csv");
    write_csv(&g, &e, None, &CsvOptions::default()).unwrap();
    assert_eq!(
        std::fs::read_to_string(&e).unwrap(),
        "source,target,w\n3,1,2.0\n"
    );
    assert_eq!(describe(&read(&e, None).unwrap()), describe(&g));
}

#[test]
fn what_a_table_cannot_hold_is_refused_before_writing() {
    let dir = TempDir::new("csv-refuse");
    let (e, n) = (dir.path("e.csv"), dir.path("n.csv"));
    let write = |g: &GraphCore, nodes: Option<&PathBuf>| {
        write_csv(g, &e, nodes.map(PathBuf::as_path), &CsvOptions::default())
    };
    let with_edge_attr = |value: AttrValue| {
        let mut g = GraphCore::new(false);
        g.add_edge(KeyRef::Int(1), KeyRef::Int(2), &[("x", value)])
            .unwrap();
        g
    };
    for (value, expected) in [
        (AttrValue::Null, "set to null"),
        (AttrValue::Int32(1), "of kind int32"),
        (AttrValue::Float32(1.0), "of kind float32"),
        (AttrValue::Bytes(Box::new([1])), "of kind bytes"),
    ] {
        let message = invalid(write(&with_edge_attr(value), Some(&n)));
        assert!(message.contains(expected), "{message}");
    }
    let mut mixed = with_edge_attr(AttrValue::Int64(1));
    mixed
        .add_edge(
            KeyRef::Int(2),
            KeyRef::Int(3),
            &[("x", AttrValue::Str("a".into()))],
        )
        .unwrap();
    assert!(invalid(write(&mixed, Some(&n))).contains("of kind mixed"));
    let mut keys = with_edge_attr(AttrValue::Int64(1));
    keys.add_node(KeyRef::Str("1"), &[]).unwrap();
    assert!(invalid(write(&keys, Some(&n))).contains("mix ints and strings"));
    let mut isolated = with_edge_attr(AttrValue::Int64(1));
    isolated.add_node(KeyRef::Int(9), &[]).unwrap();
    assert!(invalid(write(&isolated, None)).contains("need a nodes file"));
    let mut node_attr = with_edge_attr(AttrValue::Int64(1));
    set_node(&mut node_attr, KeyRef::Int(1), "a", AttrValue::Int64(1));
    assert!(invalid(write(&node_attr, None)).contains("node attributes"));
    let named = with_edge_attr(AttrValue::Int64(1));
    let options = CsvOptions {
        source: "x".into(),
        ..CsvOptions::default()
    };
    invalid(write_csv(&named, &e, None, &options));
    let digit = CsvOptions {
        delimiter: '1',
        ..CsvOptions::default()
    };
    invalid(write_csv(&named, &e, None, &digit));
    invalid(write_csv(&named, &e, Some(&e), &CsvOptions::default()));
    assert!(dir.names().is_empty(), "{:?}", dir.names());
}

/// A small xorshift generator, so the run is the same every time.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn mutated_files_give_a_graph_or_a_clean_error() {
    let base = b"source,target,w,s,b\n1,2,0.5,\"a,\"\"b\",true\n2,3,,\"x\ny\",false\n3,1,1e3,z,\n";
    let alphabet = b",\"\n\r;1a-.e\xff\x00 ";
    let dir = TempDir::new("csv-mutate");
    let path = dir.path("m.csv");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let mut text = base.to_vec();
        for _ in 0..1 + rng.below(4) {
            let i = rng.below(text.len() + 1);
            match rng.below(3) {
                0 if i < text.len() => {
                    text.remove(i);
                }
                1 if i < text.len() => text[i] = alphabet[rng.below(alphabet.len())],
                _ => text.insert(i, alphabet[rng.below(alphabet.len())]),
            }
        }
        text.truncate(rng.below(text.len() + 1).max(text.len() / 2));
        std::fs::write(&path, &text).unwrap();
        match read(&path, None) {
            Ok(g) => assert!(g.edge_count() <= 4),
            Err(GraphError::Io(m)) => assert!(m.contains("m.csv:"), "{m}"),
            Err(other) => panic!("{:?}: {other:?}", String::from_utf8_lossy(&text)),
        }
    }
}

/// Ints are kept without their text until a value that is no int comes; the text then
/// made for the earlier rows is what the file says (`+2`, `007`, `-0` as written).
#[test]
fn ints_that_turn_into_text_keep_what_the_file_says() {
    let g = read_text(
        "source,target,v,n\n\
         1,2,+2,3\n\
         2,3,007,\n\
         3,4,-0,4.5\n\
         4,5,x,-9223372036854775808\n",
        None,
    )
    .unwrap();
    assert_eq!(kind(&g, "v"), AttrKind::Str);
    let texts: Vec<Option<AttrValue>> = [(1, 2), (2, 3), (3, 4), (4, 5)]
        .iter()
        .map(|&e| attr(&g, e, "v"))
        .collect();
    let want = ["+2", "007", "-0", "x"].map(|s| Some(AttrValue::Str(s.into())));
    assert_eq!(texts, want);
    assert_eq!(
        kind(&g, "n"),
        AttrKind::Float64,
        "ints among floats read as floats"
    );
    assert_eq!(attr(&g, (1, 2), "n"), Some(AttrValue::Float64(3.0)));
    assert_eq!(attr(&g, (2, 3), "n"), None);
    let keys = read_text("source,target\n-1,007\n+5,b\n", None).unwrap();
    let nodes: Vec<String> = keys.node_keys().map(|k| format!("{k:?}")).collect();
    assert_eq!(nodes.len(), 4);
    for key in ["-1", "007", "+5", "b"] {
        assert!(
            keys.has_node(KeyRef::Str(key)),
            "{key} as written: {nodes:?}"
        );
    }
}
