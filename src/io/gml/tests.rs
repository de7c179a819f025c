use super::*;
use crate::core::{AttrValue, Cancel, GraphCore, GraphError, GraphResult, KeyRef};
use crate::io::test_dir::TempDir;
use crate::io::test_graphs::{assert_same, every_kind};

fn read_text(dir: &TempDir, text: &str) -> GraphResult<GraphCore> {
    let path = dir.path("in.gml");
    std::fs::write(&path, text).unwrap();
    read_gml(&path, &Cancel::new())
}

fn io_message(result: GraphResult<GraphCore>) -> String {
    match result {
        Err(GraphError::Io(failure)) => {
            let message = failure.message().to_string();
            assert!(message.contains("in.gml:"), "{message}");
            message
        }
        other => panic!("expected an Io error, got {other:?}"),
    }
}

fn round_trip(dir: &TempDir, g: &GraphCore) -> GraphCore {
    let path = dir.path("rt.gml");
    write_gml(g, &path).unwrap();
    let text = std::fs::read(&path).unwrap();
    assert!(text.is_ascii(), "GML is written in ASCII");
    read_gml(&path, &Cancel::new()).unwrap()
}

#[test]
fn every_kind_round_trips_exactly() {
    let dir = TempDir::new("gml-kinds");
    for directed in [false, true] {
        let g = every_kind(directed);
        assert_same(&g, &round_trip(&dir, &g));
    }
}

#[test]
fn int_and_string_keys_and_mixed_columns_round_trip() {
    let dir = TempDir::new("gml-keys");
    let mut g = GraphCore::new(false);
    g.add_node(KeyRef::Int(1), &[("m", AttrValue::Int64(1))])
        .unwrap();
    g.add_node(KeyRef::Str("1"), &[("m", "one".into())])
        .unwrap();
    g.add_node(
        KeyRef::Str("é \"q\" &amp;"),
        &[("m", AttrValue::Float64(0.5))],
    )
    .unwrap();
    g.add_edge(KeyRef::Int(1), KeyRef::Str("1"), &[]).unwrap();
    assert_same(&g, &round_trip(&dir, &g));
    assert_same(
        &GraphCore::new(true),
        &round_trip(&dir, &GraphCore::new(true)),
    );
}

#[test]
fn what_networkx_and_igraph_write_is_read() {
    let dir = TempDir::new("gml-others");
    // networkx: int nodes as string labels, big ints as strings, NAN and +INF.
    let g = read_text(
        &dir,
        "graph [\n  directed 1\n  multigraph 1\n  name \"g\"\n  node [\n    id 0\n    label \"0\"\n    \
         big \"12345678901\"\n    x NAN\n    graphics [ x 1.0 y 2.0 ]\n  ]\n  node [\n    id 1\n    \
         label \"caf&#233;\"\n    x +INF\n  ]\n  edge [\n    source 0\n    target 1\n    key 0\n    \
         w 1.0E+20\n  ]\n  edge [\n    source 0\n    target 1\n    key 1\n  ]\n]\n",
    )
    .unwrap();
    assert!(g.is_directed());
    assert_eq!(g.edge_count(), 1, "parallel edges merge");
    assert_eq!(
        g.get_node_attr(KeyRef::Str("0"), "big").unwrap(),
        Some(AttrValue::Str("12345678901".into()))
    );
    assert_eq!(
        g.get_node_attr(KeyRef::Str("café"), "x").unwrap(),
        Some(AttrValue::Float64(f64::INFINITY))
    );
    assert_eq!(g.get_node_attr(KeyRef::Str("0"), "graphics").unwrap(), None);
    assert_eq!(
        g.get_edge_attr(KeyRef::Str("0"), KeyRef::Str("café"), "w")
            .unwrap(),
        Some(AttrValue::Float64(1e20))
    );
    assert_eq!(
        g.get_edge_attr(KeyRef::Str("0"), KeyRef::Str("café"), "key")
            .unwrap(),
        Some(AttrValue::Int64(1))
    );
    // igraph: no labels, so the ids are the (int) keys.
    let g = read_text(
        &dir,
        "Creator \"igraph version 0.10\"\nVersion 1\ngraph\n[\n  directed 0\n  node\n  [\n    id 0\n    \
         name \"a\"\n  ]\n  node\n  [\n    id 1\n  ]\n  edge\n  [\n    source 0\n    target 1\n  ]\n]\n",
    )
    .unwrap();
    assert!(!g.is_directed());
    assert_eq!(
        g.get_node_attr(KeyRef::Int(0), "name").unwrap(),
        Some(AttrValue::Str("a".into()))
    );
    assert!(g.has_edge(KeyRef::Int(1), KeyRef::Int(0)));
}

#[test]
fn malformed_files_are_errors_with_their_line_and_column() {
    let dir = TempDir::new("gml-bad");
    for (text, at, words) in [
        (
            "graph [\n  node [ id 0 ]\n  node [ id 0 ]\n]",
            ":3:3:",
            "second node with the id 0",
        ),
        (
            "graph [\n  node [ id 0 label 5 ]\n  node [ id 5 ]\n]",
            ":3:3:",
            "key 5",
        ),
        (
            "graph [\n  node [ label \"a\" ]\n]",
            ":2:3:",
            "without an id",
        ),
        (
            "graph [\n  node [ id 1.5 ]\n]",
            ":2:10:",
            "id must be an integer",
        ),
        ("graph [\n  node [ id 0 label 2.5 ]\n]", ":2:15:", "label"),
        ("graph [\n  node [ id 0 x 1 x 2 ]\n]", ":2:19:", "twice"),
        (
            "graph [\n  edge [ source 0 target 1 ]\n]",
            ":2:3:",
            "no node has",
        ),
        (
            "graph [\n  edge [ source 0 ]\n]",
            ":2:3:",
            "without a target",
        ),
        (
            "graph [\n  node [ id 0 graph [ ] ]\n]",
            ":2:15:",
            "nested graphs",
        ),
        ("graph [\n  hyperedge [ ]\n]", ":2:3:", "hyperedges"),
        ("graph [\n  node [ id 0\n", ":2:3:", "never closed"),
        (
            "graph [\n  node [ id 99999999999999999999 ] ]",
            ":2:13:",
            "64 bits",
        ),
        ("graph [\n  node [ id 0 x \"open ] ]", ":2:17:", "closing"),
        ("graph [\n  node [ id 0 x ] ]", ":2:17:", "expected a value"),
        ("graph [ ]\ngraph [ ]", ":2:1:", "more than one graph"),
        ("graph [\n  directed 2\n]", ":2:3:", "0 or 1"),
        ("graph [ ] ]", ":1:11:", "expected a key"),
        ("# groggy: node x=complex\ngraph [ ]", ":1:1:", "complex"),
        (
            "graph [ node [ id 0 ] ] @",
            ":1:25:",
            "unexpected character",
        ),
    ] {
        let message = io_message(read_text(&dir, text));
        assert!(message.contains(at), "{text}: {message}");
        assert!(message.contains(words), "{text}: {message}");
    }
    for (text, words) in [
        ("", "no `graph"),
        ("Creator \"x\"", "no `graph"),
        (
            "# groggy: node x=int8\ngraph [ node [ id 0 x 300 ] ]",
            "node 0: its x is the integer 300",
        ),
        ("graph [ node", "ends after node"),
    ] {
        let message = io_message(read_text(&dir, text));
        assert!(message.contains(words), "{text}: {message}");
    }
    let path = dir.path("in.gml");
    std::fs::write(&path, b"graph [\n node [ id 0 label \"\xff\" ] ]").unwrap();
    let message = io_message(read_gml(&path, &Cancel::new()));
    assert!(
        message.contains(":2:21:") && message.contains("UTF-8"),
        "{message}"
    );
}

#[test]
fn deep_nesting_and_cancel_are_handled() {
    let dir = TempDir::new("gml-deep");
    let deep = format!(
        "x {} graph [ ]",
        "a [ ".repeat(100_000) + &"] ".repeat(100_000)
    );
    let deep = deep.replacen("a [ ", "[ ", 1);
    read_text(&dir, &deep).unwrap();
    let cancel = Cancel::new();
    cancel.trigger();
    let path = dir.path("in.gml");
    assert_eq!(read_gml(&path, &cancel).unwrap_err(), GraphError::Cancelled);
}

#[test]
fn what_gml_cannot_hold_is_refused_before_writing() {
    let dir = TempDir::new("gml-refused");
    let path = dir.path("out.gml");
    let refused = |g: &GraphCore, words: &str| match write_gml(g, &path) {
        Err(GraphError::InvalidArgument(message)) => {
            assert!(message.contains(words), "{message}");
            assert!(!path.exists(), "a refused graph left a file");
        }
        other => panic!("expected InvalidArgument, got {other:?}"),
    };
    let node = |name: &str, value: AttrValue| {
        let mut g = GraphCore::new(false);
        g.add_node(KeyRef::Int(1), &[(name, value)]).unwrap();
        g
    };
    refused(&node("my attr", AttrValue::Int64(1)), "not a GML key");
    refused(&node("2x", AttrValue::Int64(1)), "not a GML key");
    refused(
        &node("label", AttrValue::Int64(1)),
        "uses for the node's label",
    );
    refused(&node("x", AttrValue::Null), "None");
    refused(&node("x", AttrValue::Bytes(vec![1u8].into())), "bytes");
    let mut mixed = node("x", AttrValue::Int8(1));
    mixed
        .add_node(KeyRef::Int(2), &[("x", "a".into())])
        .unwrap();
    refused(&mixed, "int8 value in a column of mixed kinds");
    let mut null = node("x", AttrValue::Int64(1));
    null.add_node(KeyRef::Int(2), &[("x", AttrValue::Null)])
        .unwrap();
    refused(&null, "node 2 has the attribute \"x\" set to None");
}
