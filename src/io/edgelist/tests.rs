use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

use super::writer::MAX_KEY_BYTES;
use super::*;
use crate::core::{AttrKind, AttrValue, Cancel, GraphCore, GraphError, GraphResult, NodeKey};
use crate::io::test_dir::TempDir;

fn gzip_file(dir: &TempDir, name: &str, content: &[u8]) -> PathBuf {
    dir.file(name, &gzipped(content))
}

fn gzipped(content: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(content).unwrap();
    enc.finish().unwrap()
}

fn read(path: &Path, options: &ReadOptions) -> GraphResult<GraphCore> {
    read_edgelist(path, options, &Cancel::new(), &mut |_, _| {})
}

fn opts() -> ReadOptions {
    ReadOptions::default()
}

fn directed() -> ReadOptions {
    ReadOptions {
        directed: true,
        ..ReadOptions::default()
    }
}

type Edge = (NodeKey, NodeKey, Option<AttrValue>);

/// The edges in edge order, with their weight attribute.
fn edges(g: &GraphCore) -> Vec<Edge> {
    g.edge_indices()
        .map(|e| {
            let (u, v) = g.edge_keys(e);
            let w = g.edge_attr_table().get(e as usize, WEIGHT);
            (u.clone(), v.clone(), w)
        })
        .collect()
}

fn int_edge(u: i64, v: i64, w: Option<f64>) -> Edge {
    (u.into(), v.into(), w.map(AttrValue::Float64))
}

fn io_message(result: GraphResult<GraphCore>) -> String {
    match result {
        Err(GraphError::Io(m)) => m.into(),
        other => panic!("expected an Io error, got {other:?}"),
    }
}

#[test]
fn reads_whitespace_pairs_with_int_keys() {
    let dir = TempDir::new("basic");
    let p = dir.file("g.txt", b"1 2\n2\t3\n3   1\n1 2\n");
    let g = read(&p, &opts()).unwrap();
    assert!(!g.is_directed());
    assert_eq!((g.node_count(), g.edge_count()), (3, 3));
    assert_eq!(
        edges(&g),
        vec![
            int_edge(1, 2, None),
            int_edge(2, 3, None),
            int_edge(3, 1, None)
        ]
    );
    assert!(g.edge_attr_table().column(WEIGHT).is_none());
    let d = read(&p, &directed()).unwrap();
    assert!(d.is_directed());
    assert_eq!(d.edge_count(), 3);
    let empty = dir.file("empty.txt", b"");
    let g = read(&empty, &opts()).unwrap();
    assert_eq!((g.node_count(), g.edge_count()), (0, 0));
}

#[test]
fn crlf_comments_blank_lines_and_stray_whitespace_are_skipped() {
    let dir = TempDir::new("crlf");
    let text = b"\xEF\xBB\xBF# SNAP header\r\n  # indented comment\r\n\r\n   \r\n\
                 1\t2\r\n  2\t3  \t\r\n\t\r\n3 4 \r\n4\t5";
    let p = dir.file("g.txt", text);
    let g = read(&p, &directed()).unwrap();
    assert_eq!(
        edges(&g),
        vec![
            int_edge(1, 2, None),
            int_edge(2, 3, None),
            int_edge(3, 4, None),
            int_edge(4, 5, None)
        ]
    );
}

#[test]
fn a_third_column_is_a_float_weight_and_absent_where_missing() {
    let dir = TempDir::new("weights");
    let p = dir.file("w.txt", b"1 2\n2 3 0.5\n3 4 -2e3\n4 5\n5 6 7\n");
    let g = read(&p, &directed()).unwrap();
    assert_eq!(
        edges(&g),
        vec![
            (1.into(), 2.into(), None),
            int_edge(2, 3, Some(0.5)),
            int_edge(3, 4, Some(-2000.0)),
            (4.into(), 5.into(), None),
            int_edge(5, 6, Some(7.0)),
        ]
    );
    let column = g.edge_attr_table().column(WEIGHT).unwrap();
    assert_eq!(column.kind(), crate::core::AttrKind::Float64);
    // All weighted: no nulls; a repeated edge updates the first one's weight.
    let p = dir.file("all.txt", b"a b 1.5\nb a 2.5\nb c inf\n");
    let g = read(&p, &opts()).unwrap();
    assert_eq!(
        edges(&g),
        vec![
            ("a".into(), "b".into(), Some(AttrValue::Float64(2.5))),
            (
                "b".into(),
                "c".into(),
                Some(AttrValue::Float64(f64::INFINITY))
            ),
        ]
    );
}

#[test]
fn a_line_without_a_weight_adds_or_leaves_its_edge_without_one_as_networkx() {
    let dir = TempDir::new("no-weight");
    // The file: (2, 3) has no weight at all, not a Null one.
    let p = dir.file("w.txt", b"1 2 2.0\n2 3\n");
    let g = read(&p, &opts()).unwrap();
    assert_eq!(
        edges(&g),
        vec![int_edge(1, 2, Some(2.0)), int_edge(2, 3, None)]
    );
    assert!(g.edge_attrs(2.into(), 3.into()).unwrap().is_empty());
    assert_eq!(g.edge_presence(WEIGHT).unwrap(), vec![true, false]);
    // A repeated edge without a weight keeps the weight an earlier line gave it (as
    // networkx's `add_edge(u, v)`); one with a weight updates it. Also with string
    // keys and an empty field after a delimiter.
    let p = dir.file("again.csv", b"b,c,5\nb,c,\nc,a\nc,a,1\nc,a,\n");
    let comma = ReadOptions {
        delimiter: Some(','),
        ..opts()
    };
    let g = read(&p, &comma).unwrap();
    assert_eq!(
        edges(&g),
        vec![
            ("b".into(), "c".into(), Some(AttrValue::Float64(5.0))),
            ("c".into(), "a".into(), Some(AttrValue::Float64(1.0))),
        ]
    );
}

#[test]
fn an_edge_without_a_weight_round_trips_without_one() {
    let mut g = GraphCore::new(false);
    g.add_edge(1.into(), 2.into(), &[(WEIGHT, 2.0.into())])
        .unwrap();
    g.add_edge(2.into(), 3.into(), &[]).unwrap();
    g.add_edge(3.into(), 4.into(), &[(WEIGHT, AttrValue::Null)])
        .unwrap();
    let dir = TempDir::new("partial");
    let p = dir.path("g.txt");
    write_edgelist(&g, &p, ' ').unwrap();
    assert_eq!(fs::read_to_string(&p).unwrap(), "1 2 2.0\n2 3\n3 4\n");
    let back = read(&p, &opts()).unwrap();
    assert_eq!(
        edges(&back),
        vec![
            int_edge(1, 2, Some(2.0)),
            int_edge(2, 3, None),
            int_edge(3, 4, None), // an edge list cannot say Null
        ]
    );
}

#[test]
fn malformed_lines_name_the_file_and_the_line() {
    let dir = TempDir::new("bad");
    let comma = ReadOptions {
        delimiter: Some(','),
        ..opts()
    };
    let ints = ReadOptions {
        keys: KeyKind::Int,
        ..opts()
    };
    let strs = ReadOptions {
        keys: KeyKind::Str,
        ..opts()
    };
    let plain = opts();
    let cases: Vec<(&[u8], &ReadOptions, u64, &str)> = vec![
        (b"1 2\n# c\n3\n", &plain, 3, "found 1 field"),
        (b"1 2\n3 4 5 6\n", &plain, 2, "found more than 3 fields"),
        (b"\n\n1 2 x\n", &plain, 3, "weight \"x\" is not a number"),
        (
            b"1 2 1.5.5\n",
            &plain,
            1,
            "weight \"1.5.5\" is not a number",
        ),
        (
            b"1 2\r\n2 a\r\n",
            &ints,
            2,
            "node key \"a\" is not a 64-bit integer",
        ),
        (
            b"1 2\n99999999999999999999 1\n",
            &ints,
            2,
            "not a 64-bit integer",
        ),
        (b"1,2\n,3\n", &comma, 2, "empty node key"),
        (b"1,2\n3, ,1\n", &comma, 2, "empty node key"),
        (b"1 2\n3\n", &comma, 1, "separated by ',', found 1 field"),
        (b"a b\nc \xff\n", &strs, 2, "is not valid UTF-8"),
        (b"a b\nc \xff\n", &plain, 2, "is not valid UTF-8"),
        (b"1 2\nx y\n3 4 5 6\n", &plain, 3, "more than 3 fields"),
    ];
    for (i, (content, options, line, what)) in cases.into_iter().enumerate() {
        let p = dir.file(&format!("bad{i}.txt"), content);
        let message = io_message(read(&p, options));
        let expected = format!("{}:{line}: ", p.display());
        assert!(
            message.starts_with(&expected) && message.contains(what),
            "case {i}: {message:?} should start with {expected:?} and contain {what:?}"
        );
    }
}

#[test]
fn an_unreadable_file_names_the_path_and_the_os_error() {
    let dir = TempDir::new("missing");
    let p = dir.path("nope.txt");
    let message = io_message(read(&p, &opts()));
    assert!(
        message.starts_with(&format!("{}: ", p.display())),
        "{message}"
    );
    let os = io::Error::from(io::ErrorKind::NotFound).to_string();
    assert!(
        message.contains("No such file") || message.contains(&os),
        "{message}"
    );
    let message = io_message(read(dir.root(), &opts()));
    assert!(
        message.starts_with(&dir.root().display().to_string()),
        "{message}"
    );
    // The code comes from the io::Error itself, for the ABI's gr_last_error_os_code.
    let code = |path: &Path| read(path, &opts()).unwrap_err().os_code();
    assert_eq!(code(&p), Some(libc::ENOENT));
    assert_eq!(code(dir.root()), Some(libc::EISDIR));
    let bad = dir.file("bad.txt", b"1 2 3 4 5\n");
    assert_eq!(code(&bad), None, "a malformed line is no OS failure");
    assert!(matches!(
        read_edgelist(
            &p,
            &ReadOptions {
                delimiter: Some('\n'),
                ..opts()
            },
            &Cancel::new(),
            &mut |_, _| {}
        ),
        Err(GraphError::InvalidArgument(_))
    ));
}

#[test]
fn auto_keys_are_ints_only_when_every_key_is_an_int() {
    let dir = TempDir::new("auto");
    let p = dir.file("ints.txt", b"-1 +2\n007 3\n");
    let g = read(&p, &opts()).unwrap();
    assert_eq!(edges(&g), vec![int_edge(-1, 2, None), int_edge(7, 3, None)]);
    // One string key anywhere makes every key a string, kept as written.
    let mut text = String::new();
    for i in 0..150_000 {
        text.push_str(&format!("{i} {}\n", i + 1));
    }
    text.push_str("007 alice 2.5\n");
    let p = dir.file("late.txt", text.as_bytes());
    let g = read(&p, &directed()).unwrap();
    assert_eq!(g.edge_count(), 150_001);
    let all = edges(&g);
    assert_eq!(all[0], ("0".into(), "1".into(), None));
    assert_eq!(
        all[150_000],
        ("007".into(), "alice".into(), Some(AttrValue::Float64(2.5)))
    );
    assert!(g.node_keys().all(|k| matches!(k, NodeKey::Str(_))));
    // Beyond i64 is not an int either.
    let p = dir.file("big.txt", b"1 99999999999999999999\n");
    let g = read(&p, &opts()).unwrap();
    assert!(g.has_node("99999999999999999999"));
    assert!(g.has_node("1"));
}

#[test]
fn key_kind_int_and_str_force_the_kind() {
    let dir = TempDir::new("kinds");
    let p = dir.file("g.txt", b"1 2 0.5\n2 03\n");
    let g = read(
        &p,
        &ReadOptions {
            keys: KeyKind::Str,
            ..opts()
        },
    )
    .unwrap();
    assert_eq!(
        edges(&g),
        vec![
            ("1".into(), "2".into(), Some(AttrValue::Float64(0.5))),
            ("2".into(), "03".into(), None),
        ]
    );
    let g = read(
        &p,
        &ReadOptions {
            keys: KeyKind::Int,
            ..opts()
        },
    )
    .unwrap();
    assert_eq!(
        edges(&g),
        vec![int_edge(1, 2, Some(0.5)), (2.into(), 3.into(), None)]
    );
}

#[test]
fn header_skips_the_first_line_that_is_not_a_comment() {
    let dir = TempDir::new("header");
    let p = dir.file("h.csv", b"# note\n\nsource target\n1 2\n");
    let g = read(
        &p,
        &ReadOptions {
            header: true,
            ..opts()
        },
    )
    .unwrap();
    assert_eq!(edges(&g), vec![int_edge(1, 2, None)]);
    // Without `header`, the header line is an edge between string keys.
    let g = read(&p, &opts()).unwrap();
    assert!(g.has_edge("source".into(), "target".into()));
    assert!(g.has_edge("1".into(), "2".into()));
}

#[test]
fn a_delimiter_splits_exactly_and_fields_are_trimmed() {
    let dir = TempDir::new("comma");
    let p = dir.file(
        "g.csv",
        b"new york , los angeles , 2.5\r\nboston,new york,\nboston,austin\n",
    );
    let comma = ReadOptions {
        delimiter: Some(','),
        ..opts()
    };
    let g = read(&p, &comma).unwrap();
    assert_eq!(
        edges(&g),
        vec![
            (
                "new york".into(),
                "los angeles".into(),
                Some(AttrValue::Float64(2.5))
            ),
            ("boston".into(), "new york".into(), None),
            ("boston".into(), "austin".into(), None),
        ]
    );
    let p = dir.file("tabs.tsv", b"1\t2\t\n2\t3\t1\n");
    let g = read(
        &p,
        &ReadOptions {
            delimiter: Some('\t'),
            ..opts()
        },
    )
    .unwrap();
    assert_eq!(
        edges(&g),
        vec![(1.into(), 2.into(), None), int_edge(2, 3, Some(1.0))]
    );
}

#[test]
fn comment_text_can_be_changed_or_turned_off() {
    let dir = TempDir::new("comments");
    let p = dir.file("g.txt", b"% matrix market style\n  %% more\n#x y\n1 2\n");
    let percent = ReadOptions {
        comments: "%".into(),
        ..opts()
    };
    let g = read(&p, &percent).unwrap();
    assert!(g.has_edge("#x".into(), "y".into()));
    assert_eq!(g.edge_count(), 2);
    let none = ReadOptions {
        comments: String::new(),
        ..opts()
    };
    let message = io_message(read(&p, &none));
    assert!(message.contains(":1: "), "{message}");
    let two = ReadOptions {
        comments: "//".into(),
        ..opts()
    };
    let p = dir.file("slashes.txt", b"// c\n/x y\n");
    let g = read(&p, &two).unwrap();
    assert!(g.has_edge("/x".into(), "y".into()));
}

#[test]
fn gzip_is_recognised_by_its_content_not_its_name() {
    let dir = TempDir::new("gzip");
    let text = b"# c\r\n1\t2\r\n2\t3 0.5\r\n";
    let hidden = gzip_file(&dir, "plain-looking.txt", text);
    let g = read(&hidden, &directed()).unwrap();
    assert_eq!(
        edges(&g),
        vec![(1.into(), 2.into(), None), int_edge(2, 3, Some(0.5))]
    );
    let fake = dir.file("not-really.txt.gz", text);
    assert_eq!(edges(&read(&fake, &directed()).unwrap()), edges(&g));
    // Concatenated gzip members read as one text.
    let mut two = gzipped(b"1 2\n");
    two.extend(gzipped(b"2 3\n"));
    let p = dir.file("two.gz", &two);
    assert_eq!(read(&p, &directed()).unwrap().edge_count(), 2);
    // Truncated or corrupt gzip is an error naming the file, not a shorter graph.
    let mut big = String::new();
    for i in 0..20_000 {
        big.push_str(&format!("{i} {}\n", i * 7919 % 10_007));
    }
    let whole = gzipped(big.as_bytes());
    let p = dir.file("cut.gz", &whole[..whole.len() / 2]);
    let message = io_message(read(&p, &opts()));
    assert!(
        message.starts_with(&format!("{}: ", p.display())),
        "{message}"
    );
    let mut corrupt = whole.clone();
    corrupt[20] ^= 0xff;
    corrupt[21] ^= 0xff;
    let p = dir.file("corrupt.gz", &corrupt);
    assert!(matches!(read(&p, &opts()), Err(GraphError::Io(_))));
    // A one-byte file that starts like gzip is just text.
    let p = dir.file("one.txt", b"\x1f");
    assert!(matches!(read(&p, &opts()), Err(GraphError::Io(_))));
}

fn numbered_lines(n: usize) -> String {
    let mut text = String::with_capacity(n * 14);
    for i in 0..n {
        let _ = writeln!(text, "{i}\t{}", i + n);
    }
    text
}

#[test]
fn progress_reaches_the_total_about_every_percent_and_never_goes_back() {
    let dir = TempDir::new("progress");
    let text = numbered_lines(200_000);
    for (name, bytes) in [
        ("p.txt", text.clone().into_bytes()),
        ("p.gz", gzipped(text.as_bytes())),
    ] {
        let p = dir.file(name, &bytes);
        let mut calls = Vec::new();
        let g = read_edgelist(&p, &opts(), &Cancel::new(), &mut |d, t| calls.push((d, t))).unwrap();
        assert_eq!(g.edge_count(), 200_000);
        let total = bytes.len() as u64;
        assert_eq!(calls.last(), Some(&(total, total)), "{name}");
        assert!(calls.iter().all(|&(_, t)| t == total));
        assert!(
            calls.windows(2).all(|w| w[0].0 < w[1].0),
            "{name}: {calls:?}"
        );
        assert!(calls.len() <= 102, "{name}: {} calls", calls.len());
        if name == "p.txt" {
            assert!(calls.len() >= 50, "{name}: {} calls", calls.len());
        }
    }
    // Auto reading twice still reports forwards only.
    let mut late = text.clone();
    late.push_str("a b\n");
    let p = dir.file("late.txt", late.as_bytes());
    let mut calls = Vec::new();
    read_edgelist(&p, &opts(), &Cancel::new(), &mut |d, t| calls.push((d, t))).unwrap();
    assert!(calls.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(calls.last().unwrap().0, late.len() as u64);
}

#[test]
fn cancel_stops_a_read() {
    let dir = TempDir::new("cancel");
    let p = dir.file("c.txt", numbered_lines(200_000).as_bytes());
    let cancel = Cancel::new();
    cancel.trigger();
    assert_eq!(
        read_edgelist(&p, &opts(), &cancel, &mut |_, _| {}).unwrap_err(),
        GraphError::Cancelled
    );
    // Cancelled from another party while reading (here: from the progress callback).
    let cancel = Cancel::new();
    let handle = cancel.clone();
    let mut calls = 0;
    let result = read_edgelist(&p, &opts(), &cancel, &mut |_, _| {
        calls += 1;
        handle.trigger();
    });
    assert_eq!(result.unwrap_err(), GraphError::Cancelled);
    // Seen within 65,536 lines: about a third of this file, so about 33 reports at most.
    assert!(calls < 40, "{calls}");
}

/// One tiny sample in the layout of each file of the shared dataset collection.
#[test]
fn reads_every_dataset_file_format() {
    let snap = |title: &str, lines: &[&str], eol: &str| {
        let mut s = format!(
            "# Directed graph (each unordered pair of nodes is saved once): {title} {eol}\
             # About {title}{eol}# Nodes: 9 Edges: 9{eol}# FromNodeId\tToNodeId{eol}"
        );
        for l in lines {
            s.push_str(l);
            s.push_str(eol);
        }
        s
    };
    let both_ways = [
        "3466\t937",
        "937\t3466",
        "3466\t5233",
        "5233\t3466",
        "937\t5233",
    ];
    let one_way = ["30\t1412", "30\t3352", "3352\t30", "1412\t1412"];
    let comma = ReadOptions {
        delimiter: Some(','),
        ..opts()
    };
    // (file, text, options, directed, nodes, edges)
    let cases: Vec<(&str, String, ReadOptions, bool, usize, usize)> = vec![
        (
            "ca-GrQc",
            snap("CA-GrQc.txt", &both_ways, "\r\n"),
            opts(),
            false,
            3,
            3,
        ),
        (
            "ca-CondMat",
            snap("CA-CondMat.txt", &both_ways, "\r\n"),
            opts(),
            false,
            3,
            3,
        ),
        (
            "wiki-Vote",
            snap("Wiki-Vote.txt", &one_way, "\r\n"),
            directed(),
            true,
            3,
            4,
        ),
        (
            "p2p-Gnutella31",
            snap("p2p.txt", &one_way, "\r\n"),
            directed(),
            true,
            3,
            4,
        ),
        (
            "email-Enron",
            snap("Email-Enron.txt", &both_ways, "\r\n"),
            opts(),
            false,
            3,
            3,
        ),
        (
            "soc-Slashdot0902",
            snap("Slashdot.txt", &["0\t0", "0\t1", "1\t0"], "\r\n"),
            directed(),
            true,
            2,
            3,
        ),
        (
            "facebook_combined",
            "0 1\n0 2\n0 3\n1 2\n".into(),
            opts(),
            false,
            4,
            4,
        ),
        (
            "email-Eu-core",
            "0 1\n2 3\n2 4\n3 2".into(),
            directed(),
            true,
            5,
            4,
        ),
        (
            "musae-github",
            "id_1,id_2\n0,23977\n1,34526\n1,2370\n".into(),
            ReadOptions {
                header: true,
                ..comma.clone()
            },
            false,
            5,
            3,
        ),
        (
            "gemsec-facebook-artist",
            "0,1794\n0,3102\n1794,3102\n".into(),
            comma.clone(),
            false,
            3,
            3,
        ),
        (
            "cnr-2000",
            snap("cnr-2000", &["0\t1", "0\t4", "1\t0"], "\n"),
            directed(),
            true,
            3,
            3,
        ),
        (
            "uk-2007-05-100000",
            snap("uk-2007-05@100000", &["0\t1", "0\t4", "4\t4"], "\n"),
            directed(),
            true,
            3,
            3,
        ),
    ];
    assert_eq!(cases.len(), 12);
    let dir = TempDir::new("formats");
    for (name, text, options, is_directed, nodes, edge_count) in cases {
        for path in [
            dir.file(&format!("{name}.txt"), text.as_bytes()),
            gzip_file(&dir, &format!("{name}.txt.gz"), text.as_bytes()),
        ] {
            let g = read(&path, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(g.is_directed(), is_directed, "{name}");
            assert_eq!(
                (g.node_count(), g.edge_count()),
                (nodes, edge_count),
                "{name}"
            );
            assert!(
                g.node_keys().all(|k| matches!(k, NodeKey::Int(_))),
                "{name}"
            );
            assert!(g.edge_attr_table().column(WEIGHT).is_none(), "{name}");
        }
    }
    // musae-github read without `header`: its CSV header becomes an edge of string keys.
    let p = dir.file("musae.csv", b"id_1,id_2\n0,23977\n");
    let g = read(&p, &comma).unwrap();
    assert!(g.has_edge("id_1".into(), "id_2".into()));
    assert!(g.has_edge("0".into(), "23977".into()));
}

#[test]
fn reads_the_shipped_snap_files() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("python/groggy/data");
    let g = read(&data.join("ca-GrQc.txt.gz"), &opts()).unwrap();
    assert_eq!((g.node_count(), g.edge_count()), (5_242, 14_496));
    let g = read(&data.join("wiki-Vote.txt.gz"), &directed()).unwrap();
    assert_eq!((g.node_count(), g.edge_count()), (7_115, 103_689));
}

// ----- writing -----------------------------------------------------------------------

fn round_trip(g: &GraphCore, delimiter: char, options: &ReadOptions) -> GraphCore {
    let dir = TempDir::new("roundtrip");
    let p = dir.path("out.txt");
    write_edgelist(g, &p, delimiter).unwrap();
    assert_eq!(
        dir.names(),
        vec!["out.txt".to_string()],
        "no temp file left"
    );
    read(&p, options).unwrap()
}

fn same_edges(a: &GraphCore, b: &GraphCore) {
    let weight = |w: &Option<AttrValue>| match w {
        Some(AttrValue::Float64(x)) => Some(x.to_bits()),
        Some(AttrValue::Int64(x)) => Some((*x as f64).to_bits()),
        _ => None,
    };
    let norm = |g: &GraphCore| {
        edges(g)
            .into_iter()
            .map(|(u, v, w)| (u, v, weight(&w)))
            .collect::<Vec<_>>()
    };
    assert_eq!(norm(a), norm(b));
    assert_eq!(a.is_directed(), b.is_directed());
}

#[test]
fn writes_what_it_reads_back_directed_int_keys_and_weights() {
    let mut g = GraphCore::new(true);
    let weights = [
        0.1,
        1e300,
        -2.5e-9,
        3.0,
        f64::INFINITY,
        f64::NAN,
        -0.0,
        1e16,
    ];
    for (i, w) in weights.iter().enumerate() {
        let i = i as i64;
        g.add_edge((i - 3).into(), (i * 1000).into(), &[(WEIGHT, (*w).into())])
            .unwrap();
    }
    g.add_edge(i64::MIN.into(), i64::MAX.into(), &[]).unwrap();
    g.add_edge(7.into(), 7.into(), &[(WEIGHT, AttrValue::Int64(42))])
        .unwrap();
    g.add_edge(8.into(), 7.into(), &[(WEIGHT, AttrValue::Null)])
        .unwrap();
    g.add_edge(1000.into(), (-3).into(), &[]).unwrap(); // the reverse of the first edge
    let back = round_trip(&g, ' ', &directed());
    same_edges(&g, &back);
    assert_eq!(back.edge_count(), 12);
    let back = round_trip(&g, '\t', &directed());
    same_edges(&g, &back);
    let dir = TempDir::new("text");
    let p = dir.path("g.txt");
    write_edgelist(&g, &p, ' ').unwrap();
    let text = fs::read_to_string(&p).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "-3 0 0.1");
    assert_eq!(lines[1], "-2 1000 1e300");
    assert_eq!(lines[5], "2 5000 NaN");
    assert_eq!(lines[8], "-9223372036854775808 9223372036854775807");
    assert_eq!(lines[9], "7 7 42");
    assert_eq!(lines[10], "8 7");
}

#[test]
fn writes_what_it_reads_back_undirected_string_keys() {
    let mut g = GraphCore::new(false);
    g.add_edge("alice".into(), "bob".into(), &[(WEIGHT, 2.5.into())])
        .unwrap();
    g.add_edge("bob".into(), "élan".into(), &[]).unwrap();
    g.add_edge("carol#1".into(), "7".into(), &[(WEIGHT, AttrValue::Null)])
        .unwrap();
    g.add_edge("d,e".into(), "a-b".into(), &[("other", 1i64.into())])
        .unwrap();
    g.add_node("isolated".into(), &[]).unwrap();
    let back = round_trip(&g, ' ', &opts());
    same_edges(&g, &back);
    assert_eq!(node_order(&back), node_order(&g), "isolated nodes are kept");
    assert!(back.node_keys().all(|k| matches!(k, NodeKey::Str(_))));
    assert!(back.edge_attr_names().iter().all(|n| &**n == WEIGHT));
    // Comma-separated, read back with the same delimiter (no key holds a comma here).
    g.remove_node("d,e".into()).unwrap();
    let back = round_trip(
        &g,
        ',',
        &ReadOptions {
            delimiter: Some(','),
            ..opts()
        },
    );
    same_edges(&g, &back);
    // Int-looking string keys come back as strings, also when asked for.
    let mut digits = GraphCore::new(false);
    digits.add_edge("1".into(), "02".into(), &[]).unwrap();
    let strs = ReadOptions {
        keys: KeyKind::Str,
        ..opts()
    };
    same_edges(&digits, &round_trip(&digits, ' ', &strs));
    same_edges(&digits, &round_trip(&digits, ' ', &opts()));
}

#[test]
fn unwritable_keys_fail_and_leave_the_target_as_it_was() {
    let dir = TempDir::new("unwritable");
    let p = dir.file("g.txt", b"old content\n");
    let bad = [
        ("", "is empty"),
        ("a b", "whitespace"),
        ("a\nb", "whitespace"),
        ("a\u{a0}b", "whitespace"),
        ("#a", "starts with '#'"),
        ("a,b", "the delimiter"),
        ("\u{feff}a", "byte-order mark"),
    ];
    for (key, why) in bad {
        let mut g = GraphCore::new(false);
        g.add_edge("ok".into(), "fine".into(), &[]).unwrap();
        g.add_edge("ok".into(), key.into(), &[]).unwrap();
        let message = match write_edgelist(&g, &p, ',') {
            Err(GraphError::InvalidArgument(m)) => m,
            other => panic!("{key:?}: {other:?}"),
        };
        assert!(message.contains(why), "{key:?}: {message}");
        assert_eq!(fs::read(&p).unwrap(), b"old content\n");
        assert_eq!(dir.names(), vec!["g.txt".to_string()], "temp file removed");
    }
    let mut mixed = GraphCore::new(false);
    mixed.add_edge(1.into(), 2.into(), &[]).unwrap();
    mixed.add_edge(2.into(), "1".into(), &[]).unwrap();
    let message = match write_edgelist(&mixed, &p, ' ') {
        Err(GraphError::InvalidArgument(m)) => m,
        other => panic!("{other:?}"),
    };
    assert!(message.contains("mix ints and strings"), "{message}");
    assert_eq!(fs::read(&p).unwrap(), b"old content\n");
    // So does an isolated node of the other kind.
    let mut isolated = GraphCore::new(false);
    isolated.add_edge(1.into(), 2.into(), &[]).unwrap();
    isolated.add_node("x".into(), &[]).unwrap();
    assert!(matches!(
        write_edgelist(&isolated, &p, ' '),
        Err(GraphError::InvalidArgument(m)) if m.contains("mix ints and strings")
    ));
    // A weight that is not a number cannot be written either.
    let mut heavy = GraphCore::new(false);
    heavy
        .add_edge("a".into(), "b".into(), &[(WEIGHT, "heavy".into())])
        .unwrap();
    let message = match write_edgelist(&heavy, &p, ' ') {
        Err(GraphError::InvalidArgument(m)) => m,
        other => panic!("{other:?}"),
    };
    assert!(
        message.contains("edge ('a', 'b') has a str weight"),
        "{message}"
    );
    assert_eq!(fs::read(&p).unwrap(), b"old content\n");
    assert_eq!(dir.names(), vec!["g.txt".to_string()], "temp file removed");
    for delimiter in ['-', '.', 'e', '5', '\n', '#'] {
        assert!(matches!(
            write_edgelist(&mixed, &p, delimiter),
            Err(GraphError::InvalidArgument(_))
        ));
    }
    // A good write replaces the old content.
    let mut g = GraphCore::new(false);
    g.add_edge(1.into(), 2.into(), &[]).unwrap();
    write_edgelist(&g, &p, '\t').unwrap();
    assert_eq!(fs::read(&p).unwrap(), b"1\t2\n");
    assert!(matches!(
        write_edgelist(&g, &dir.path("no/such/dir.txt"), ' '),
        Err(GraphError::Io(_))
    ));
}

#[test]
fn an_empty_graph_writes_an_empty_file() {
    let dir = TempDir::new("empty");
    let p = dir.path("empty.txt");
    write_edgelist(&GraphCore::new(true), &p, ' ').unwrap();
    assert_eq!(fs::read(&p).unwrap(), b"");
    let back = read(&p, &directed()).unwrap();
    assert_eq!((back.node_count(), back.edge_count()), (0, 0));
}

fn node_order(g: &GraphCore) -> Vec<NodeKey> {
    g.node_keys().cloned().collect()
}

#[test]
fn nodes_without_edges_and_the_node_order_read_back() {
    let dir = TempDir::new("nodes");
    let p = dir.path("g.txt");
    let mut g = GraphCore::new(true);
    for key in [5, 1, 2] {
        g.add_node(key.into(), &[]).unwrap();
    }
    g.add_edge(1.into(), 2.into(), &[]).unwrap();
    g.add_edge(2.into(), 7.into(), &[]).unwrap();
    write_edgelist(&g, &p, ' ').unwrap();
    assert_eq!(
        fs::read_to_string(&p).unwrap(),
        "# groggy: node 5\n# groggy: node 1\n# groggy: node 2\n# groggy: node 7\n1 2\n2 7\n"
    );
    let back = read(&p, &directed()).unwrap();
    assert_eq!(node_order(&back), node_order(&g));
    same_edges(&g, &back);
    // Only nodes: no edge line.
    let mut lonely = GraphCore::new(false);
    lonely.add_node("x".into(), &[]).unwrap();
    let back = round_trip(&lonely, ' ', &opts());
    assert_eq!(node_order(&back), vec![NodeKey::from("x")]);
    // Edges that name every node in order need no node lines.
    let mut plain = GraphCore::new(false);
    plain.add_edge(3.into(), 4.into(), &[]).unwrap();
    plain.add_edge(4.into(), 1.into(), &[]).unwrap();
    write_edgelist(&plain, &p, ' ').unwrap();
    assert_eq!(fs::read_to_string(&p).unwrap(), "3 4\n4 1\n");
    // String keys that all look like ints come back as strings, in order.
    let mut digits = GraphCore::new(false);
    digits.add_node("9".into(), &[]).unwrap();
    digits.add_edge("1".into(), "02".into(), &[]).unwrap();
    let back = round_trip(&digits, ' ', &opts());
    assert_eq!(node_order(&back), node_order(&digits));
    same_edges(&digits, &back);
    // Read with int keys asked for, the mark is skipped and the keys are ints.
    write_edgelist(&digits, &p, ' ').unwrap();
    let ints = ReadOptions {
        keys: KeyKind::Int,
        ..opts()
    };
    let back = read(&p, &ints).unwrap();
    assert_eq!(
        node_order(&back),
        vec![NodeKey::Int(9), NodeKey::Int(1), NodeKey::Int(2)]
    );
    // A node line with a bad key names its line.
    let bad = dir.file("bad.txt", b"1 2\n# groggy: node x\n");
    let message = io_message(read(&bad, &ints));
    assert!(
        message.contains(":2: node key \"x\" is not a 64-bit integer"),
        "{message}"
    );
}

// ----- bounded reading -----------------------------------------------------------

#[cfg(unix)]
#[test]
fn an_endless_line_is_an_error_not_an_abort() {
    let start = std::time::Instant::now();
    let message = io_message(read(Path::new("/dev/zero"), &opts()));
    assert_eq!(
        message,
        format!(
            "/dev/zero:1: line longer than {MAX_LINE_BYTES} bytes (the most an edge list \
             line may hold)"
        )
    );
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
}

#[test]
fn a_small_gzip_of_one_huge_line_is_an_error_not_an_abort() {
    let dir = TempDir::new("gzip-bomb");
    // 2 lines, then one line a byte longer than allowed: about 16 KiB compressed.
    let mut text = b"1 2\n3 4\n".to_vec();
    text.resize(text.len() + MAX_LINE_BYTES + 1, b'9');
    let p = gzip_file(&dir, "bomb.txt", &text);
    assert!(fs::metadata(&p).unwrap().len() < 100_000);
    let message = io_message(read(&p, &opts()));
    assert!(
        message
            .ends_with(":3: line longer than 16777216 bytes (the most an edge list line may hold)"),
        "{message}"
    );
    // A line of exactly the limit is read (and here refused for what it holds).
    text.truncate(text.len() - 1);
    let p = gzip_file(&dir, "limit.txt", &text);
    let message = io_message(read(&p, &opts()));
    assert!(message.contains(":3: expected `u v`"), "{message}");
}

#[cfg(unix)]
#[test]
fn cancel_stops_a_read_inside_one_long_line() {
    // A FIFO fed by a thread that never writes a line break: only the token stops it.
    let dir = TempDir::new("cancel-line");
    let fifo = dir.path("endless");
    let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let cancel = Cancel::new();
    let trigger = cancel.clone();
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut out = fs::OpenOptions::new()
            .write(true)
            .open(writer_path)
            .unwrap();
        let chunk = [b'7'; 4096];
        let mut written = 0usize;
        // Far fewer bytes than the line limit, then the token; then on until the
        // reader stops reading (the write fails with a broken pipe).
        while out.write_all(&chunk).is_ok() {
            written += chunk.len();
            if written == 1 << 20 {
                trigger.trigger();
            }
        }
        written
    });
    let result = read_edgelist(&fifo, &opts(), &cancel, &mut |_, _| {});
    assert_eq!(result.unwrap_err(), GraphError::Cancelled);
    let written = writer.join().unwrap();
    assert!(written < MAX_LINE_BYTES / 2, "{written}");
}

// ----- weight column types -------------------------------------------------------

fn weighted(values: &[AttrValue]) -> GraphCore {
    let mut g = GraphCore::new(true);
    for (i, w) in values.iter().enumerate() {
        let i = i as i64;
        g.add_edge(i.into(), (i + 1).into(), &[(WEIGHT, w.clone())])
            .unwrap();
    }
    g.add_edge(100.into(), 101.into(), &[]).unwrap();
    g
}

/// Every weight of `g`'s edges, with the column's kind, after a write and read.
fn weights_back(g: &GraphCore) -> (AttrKind, Vec<Option<AttrValue>>) {
    let back = round_trip(g, ' ', &directed());
    let column = back.edge_attr_table().column(WEIGHT).unwrap();
    let values = back
        .edge_indices()
        .map(|e| back.edge_attr_table().get(e as usize, WEIGHT))
        .collect();
    (column.kind(), values)
}

/// Bit-exact for floats (so -0.0 and NaN count).
fn same_weight(a: &Option<AttrValue>, b: &Option<AttrValue>) -> bool {
    match (a, b) {
        (Some(AttrValue::Float64(x)), Some(AttrValue::Float64(y))) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        }
        (Some(AttrValue::Float32(x)), Some(AttrValue::Float32(y))) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        }
        _ => a == b,
    }
}

#[test]
fn every_numeric_weight_type_reads_back_as_itself() {
    use AttrValue as V;
    let cases: Vec<(AttrKind, Vec<AttrValue>)> = vec![
        (
            AttrKind::Float64,
            vec![
                V::Float64(0.1),
                V::Float64(-0.0),
                V::Float64(1e-300),
                V::Float64(5e-324),
                V::Float64(f64::MAX),
                V::Float64(f64::NAN),
                V::Float64(f64::NEG_INFINITY),
                V::Float64(0.1f32 as f64),
            ],
        ),
        (
            AttrKind::Float32,
            vec![
                V::Float32(0.1),
                V::Float32(-0.0),
                V::Float32(f32::MIN_POSITIVE),
                V::Float32(1e-45),
                V::Float32(f32::MAX),
                V::Float32(f32::NAN),
                V::Float32(f32::INFINITY),
                V::Float32(16777217.0),
            ],
        ),
        (
            AttrKind::Int8,
            vec![V::Int8(i8::MIN), V::Int8(0), V::Int8(i8::MAX)],
        ),
        (
            AttrKind::Int16,
            vec![V::Int16(i16::MIN), V::Int16(-1), V::Int16(i16::MAX)],
        ),
        (
            AttrKind::Int32,
            vec![V::Int32(i32::MIN), V::Int32(7), V::Int32(i32::MAX)],
        ),
        (
            AttrKind::Int64,
            vec![
                V::Int64((1 << 60) + 1),
                V::Int64(i64::MIN),
                V::Int64(i64::MAX),
                V::Int64(0),
            ],
        ),
        (AttrKind::Bool, vec![V::Bool(true), V::Bool(false)]),
    ];
    for (kind, values) in cases {
        let mut with_null = values.clone();
        with_null.insert(1, V::Null);
        let g = weighted(&with_null);
        assert_eq!(g.edge_attr_table().column(WEIGHT).unwrap().kind(), kind);
        let (got_kind, got) = weights_back(&g);
        assert_eq!(got_kind, kind);
        let mut expected: Vec<Option<AttrValue>> =
            with_null.iter().map(|v| Some(v.clone())).collect();
        expected.push(None); // the edge without a weight reads back without one
        expected[1] = None; // and so does a Null one: an edge list cannot say Null
        assert_eq!(got.len(), expected.len());
        for (a, b) in got.iter().zip(&expected) {
            assert!(same_weight(a, b), "{kind:?}: {a:?} != {b:?}");
        }
    }
}

#[test]
fn the_weight_mark_is_a_comment_line_before_the_edges() {
    let dir = TempDir::new("weight-mark");
    let p = dir.path("g.txt");
    let g = weighted(&[AttrValue::Float32(0.1), AttrValue::Float32(2.5)]);
    write_edgelist(&g, &p, ' ').unwrap();
    assert_eq!(
        fs::read_to_string(&p).unwrap(),
        "# groggy: weight=float32\n0 1 0.1\n1 2 2.5\n100 101\n"
    );
    let mut digits = GraphCore::new(false);
    digits.add_node("9".into(), &[]).unwrap();
    digits
        .add_edge(
            "1".into(),
            "2".into(),
            &[(WEIGHT, AttrValue::Int64((1 << 60) + 1))],
        )
        .unwrap();
    write_edgelist(&digits, &p, ' ').unwrap();
    assert_eq!(
        fs::read_to_string(&p).unwrap(),
        "# groggy: keys=str\n# groggy: weight=int64\n# groggy: node 9\n\
         # groggy: node 1\n# groggy: node 2\n1 2 1152921504606846977\n"
    );
    let back = read(&p, &opts()).unwrap();
    assert_eq!(node_order(&back), node_order(&digits));
    assert_eq!(
        back.edge_attr_table().get(0, WEIGHT),
        Some(AttrValue::Int64((1 << 60) + 1))
    );
    // Without a mark, weights are float64 as always.
    let plain = dir.file("plain.txt", b"1 2 3\n");
    let back = read(&plain, &opts()).unwrap();
    assert_eq!(
        back.edge_attr_table().get(0, WEIGHT),
        Some(AttrValue::Float64(3.0))
    );
    // Bad marks and weights that do not fit the mark name their line.
    for (text, line, fragment) in [
        (
            "# groggy: weight=int8\n1 2 128\n",
            2,
            "weight \"128\" is not an int8",
        ),
        (
            "# groggy: weight=bool\n1 2 2\n",
            2,
            "weight \"2\" is not a bool (0 or 1)",
        ),
        (
            "# groggy: weight=int32\n1 2 1.0\n",
            2,
            "weight \"1.0\" is not an int32",
        ),
        (
            "# groggy: weight=str\n1 2\n",
            1,
            "unknown weight type \"str\"",
        ),
        (
            "1 2\n# groggy: weight=int64\n",
            2,
            "a `# groggy: weight=` line must come before the first edge",
        ),
    ] {
        let p = dir.file("bad.txt", text.as_bytes());
        let message = io_message(read(&p, &opts()));
        assert!(
            message.contains(&format!("bad.txt:{line}: {fragment}")),
            "{message}"
        );
    }
}

#[test]
fn mixed_weight_columns_read_back_as_float64_or_are_refused() {
    let mixed = weighted(&[
        AttrValue::Float64(0.5),
        AttrValue::Int64(1 << 53),
        AttrValue::Bool(true),
    ]);
    assert_eq!(
        mixed.edge_attr_table().column(WEIGHT).unwrap().kind(),
        AttrKind::Mixed
    );
    let (kind, got) = weights_back(&mixed);
    assert_eq!(kind, AttrKind::Float64);
    assert_eq!(
        got[..3],
        [
            Some(AttrValue::Float64(0.5)),
            Some(AttrValue::Float64(9007199254740992.0)),
            Some(AttrValue::Float64(1.0))
        ]
    );
    let dir = TempDir::new("mixed");
    let p = dir.file("g.txt", b"old\n");
    let inexact = weighted(&[AttrValue::Float64(0.5), AttrValue::Int64((1 << 53) + 1)]);
    let message = match write_edgelist(&inexact, &p, ' ') {
        Err(GraphError::InvalidArgument(m)) => m,
        other => panic!("{other:?}"),
    };
    assert!(
        message.contains("edge (1, 2) has the weight 9007199254740993 in a column of mixed kinds"),
        "{message}"
    );
    assert_eq!(fs::read(&p).unwrap(), b"old\n");
    assert_eq!(dir.names(), vec!["g.txt"]);
}

#[test]
fn keys_too_long_for_a_line_are_refused() {
    let mut g = GraphCore::new(false);
    let long = "k".repeat(MAX_KEY_BYTES + 1);
    g.add_edge("a".into(), long.as_str().into(), &[]).unwrap();
    let dir = TempDir::new("long-key");
    let message = match write_edgelist(&g, &dir.path("g.txt"), ' ') {
        Err(GraphError::InvalidArgument(m)) => m,
        other => panic!("{other:?}"),
    };
    assert!(
        message.contains("longer than an edge list line may hold"),
        "{message}"
    );
    // The longest allowed keys make a line the reader takes.
    let mut g = GraphCore::new(false);
    let longest = "k".repeat(MAX_KEY_BYTES);
    let other = "j".repeat(MAX_KEY_BYTES);
    g.add_edge(
        longest.as_str().into(),
        other.as_str().into(),
        &[(WEIGHT, AttrValue::Float64(-1.2345678901234567e-300))],
    )
    .unwrap();
    let back = round_trip(&g, ' ', &opts());
    same_edges(&g, &back);
}
