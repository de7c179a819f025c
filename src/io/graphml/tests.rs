use std::io::Write as _;

use super::*;
use crate::core::{AttrValue, Cancel, GraphCore, GraphError, GraphResult, KeyRef};
use crate::io::test_dir::TempDir;
use crate::io::test_graphs::{assert_same, every_kind};

fn read_text(dir: &TempDir, text: &str) -> GraphResult<GraphCore> {
    let path = dir.path("in.graphml");
    std::fs::write(&path, text).unwrap();
    read_graphml(&path, &Cancel::new())
}

/// The message of an `Io` error, which must name the file.
fn io_message(result: GraphResult<GraphCore>) -> String {
    match result {
        Err(GraphError::Io(failure)) => {
            let message = failure.message().to_string();
            assert!(message.contains("in.graphml:"), "{message}");
            message
        }
        other => panic!("expected an Io error, got {other:?}"),
    }
}

fn round_trip(dir: &TempDir, g: &GraphCore) -> GraphCore {
    let path = dir.path("rt.graphml");
    write_graphml(g, &path).unwrap();
    read_graphml(&path, &Cancel::new()).unwrap()
}

#[test]
fn every_kind_round_trips_exactly() {
    let dir = TempDir::new("graphml-kinds");
    for directed in [false, true] {
        let g = every_kind(directed);
        assert_same(&g, &round_trip(&dir, &g));
    }
}

#[test]
fn string_keys_that_look_like_ints_stay_strings() {
    let dir = TempDir::new("graphml-strkeys");
    let mut g = GraphCore::new(false);
    g.add_edge(KeyRef::Str("1"), KeyRef::Str("2"), &[]).unwrap();
    g.add_node(KeyRef::Str(" spaced\tkey\n"), &[]).unwrap();
    let back = round_trip(&dir, &g);
    assert_same(&g, &back);
    assert!(back.has_node(KeyRef::Str("1")));
}

#[test]
fn empty_graphs_round_trip() {
    let dir = TempDir::new("graphml-empty");
    for directed in [false, true] {
        let g = GraphCore::new(directed);
        assert_same(&g, &round_trip(&dir, &g));
    }
}

#[test]
fn what_networkx_writes_reads_as_networkx_reads_it() {
    let dir = TempDir::new("graphml-nx");
    // networkx 3 writes int nodes as id="0" and Python ints as attr.type="long".
    let g = read_text(
        &dir,
        r#"<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="d2" for="edge" attr.name="weight" attr.type="double" />
  <key id="d1" for="node" attr.name="flag" attr.type="boolean" />
  <key id="d0" for="node" attr.name="name" attr.type="string" />
  <graph edgedefault="directed">
    <node id="0">
      <data key="d0">zero</data>
      <data key="d1">True</data>
    </node>
    <node id="1" />
    <edge source="0" target="1">
      <data key="d2">0.5</data>
    </edge>
  </graph>
</graphml>"#,
    )
    .unwrap();
    assert!(g.is_directed());
    assert_eq!(
        g.get_node_attr(KeyRef::Int(0), "name").unwrap(),
        Some(AttrValue::Str("zero".into()))
    );
    assert_eq!(
        g.get_node_attr(KeyRef::Int(0), "flag").unwrap(),
        Some(AttrValue::Bool(true))
    );
    assert_eq!(g.get_node_attr(KeyRef::Int(1), "name").unwrap(), None);
    assert_eq!(
        g.get_edge_attr(KeyRef::Int(0), KeyRef::Int(1), "weight")
            .unwrap(),
        Some(AttrValue::Float64(0.5))
    );
}

#[test]
fn defaults_fill_what_has_no_data_and_all_keys_reach_nodes_and_edges() {
    let dir = TempDir::new("graphml-defaults");
    let g = read_text(
        &dir,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="c" for="all" attr.name="color" attr.type="string"><default>red</default></key>
  <key id="y" for="node" yfiles.type="nodegraphics"/>
  <graph edgedefault="undirected">
    <data key="c">graph data is skipped</data>
    <node id="n0"><data key="c">blue</data><data key="y"><y:Shape xmlns:y="yed"/></data></node>
    <node id="n1"><desc>ignored</desc></node>
    <edge source="n0" target="n2"/>
  </graph>
</graphml>"#,
    )
    .unwrap();
    let color = |k: &str| g.get_node_attr(KeyRef::Str(k), "color").unwrap();
    assert_eq!(color("n0"), Some(AttrValue::Str("blue".into())));
    assert_eq!(color("n1"), Some(AttrValue::Str("red".into())));
    assert_eq!(
        color("n2"),
        Some(AttrValue::Str("red".into())),
        "an implied node"
    );
    assert_eq!(
        g.get_edge_attr(KeyRef::Str("n0"), KeyRef::Str("n2"), "color")
            .unwrap(),
        Some(AttrValue::Str("red".into()))
    );
    assert_eq!(g.node_count(), 3);
}

#[test]
fn repeated_edges_merge_as_add_edge_does() {
    let dir = TempDir::new("graphml-multi");
    let g = read_text(
        &dir,
        r#"<graphml><key id="w" for="edge" attr.name="w" attr.type="int"/><graph>
  <edge source="a" target="b"><data key="w">1</data></edge>
  <edge source="b" target="a"><data key="w">2</data></edge>
</graph></graphml>"#,
    )
    .unwrap();
    assert_eq!(g.edge_count(), 1);
    assert_eq!(
        g.get_edge_attr(KeyRef::Str("a"), KeyRef::Str("b"), "w")
            .unwrap(),
        Some(AttrValue::Int32(2))
    );
}

#[test]
fn malformed_files_are_errors_with_their_line_and_column() {
    let dir = TempDir::new("graphml-bad");
    let head =
        "<graphml>\n<key id=\"k\" for=\"node\" attr.name=\"x\" attr.type=\"int\"/>\n<graph>\n";
    for (body, at, words) in [
        (
            "<node id=\"a\"><data key=\"k\">1.5</data></node>",
            ":4:",
            "not a GraphML int",
        ),
        (
            "<node id=\"a\"><data key=\"k\">3000000000</data></node>",
            ":4:",
            "int32",
        ),
        (
            "<node id=\"a\"><data key=\"q\">1</data></node>",
            ":4:14:",
            "no <key> declares",
        ),
        (
            "<node><data key=\"k\">1</data></node>",
            ":4:1:",
            "without an id",
        ),
        ("<edge source=\"a\"/>", ":4:1:", "without a target"),
        ("  <node id=\"a\">\n</graph>", ":5:1:", "malformed XML"),
        ("<node id=\"a\" id=\"b\"/>", ":4:", "attribute"),
        ("<hyperedge/>", ":4:1:", "hyperedges"),
        (
            "<node id=\"a\"><port name=\"p\"/></node>",
            ":4:14:",
            "ports",
        ),
        ("<node id=\"a\"><graph/></node>", ":4:14:", "nested graphs"),
        (
            "<edge source=\"a\" target=\"b\" directed=\"true\"/>",
            ":4:1:",
            "both kinds",
        ),
        ("<node id=\"a&bogus;\"/>", ":4:1:", "never expanded"),
        (
            "<node id=\"a\"><data key=\"k\">&bogus;</data></node>",
            ":4:",
            "unknown entity",
        ),
        (
            "<node id=\"a\"><data key=\"k\"><b/></data></node>",
            ":4:",
            "inside a value",
        ),
        ("<node id=\"a\">", ":4:", "ends inside"),
        ("</graph></graphml><graph/>", ":4:", ""),
    ] {
        let message = io_message(read_text(&dir, &format!("{head}{body}")));
        assert!(message.contains(at), "{body}: {message}");
        assert!(message.contains(words), "{body}: {message}");
    }
    for (text, words) in [
        ("", "no <graphml>"),
        ("<graph/>", "root element is <graph>"),
        ("<graphml/>", "no <graph>"),
        ("<graphml><graph/><graph/></graphml>", "more than one"),
        (
            "<graphml><key id=\"k\" attr.type=\"date\"/><graph/></graphml>",
            "date",
        ),
        (
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><graphml/>",
            "UTF-8 only",
        ),
        (
            "<graphml><graph><node id=\"\u{e9}\"/></graph>\n</graphml",
            "malformed XML",
        ),
    ] {
        let message = io_message(read_text(&dir, text));
        assert!(message.contains(words), "{text}: {message}");
    }
    let path = dir.path("in.graphml");
    std::fs::write(
        &path,
        b"<graphml><graph><node id=\"\xff\"/></graph></graphml>",
    )
    .unwrap();
    let message = io_message(read_graphml(&path, &Cancel::new()));
    assert!(
        message.contains(":1:17:") && message.contains("UTF-8"),
        "{message}"
    );
}

#[test]
fn entities_are_never_expanded() {
    let dir = TempDir::new("graphml-entities");
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<graphml><graph><node id="&lol3;"/></graph></graphml>"#;
    let message = io_message(read_text(&dir, laughs));
    assert!(
        message.contains(":2:1:") && message.contains("declares entities"),
        "{message}"
    );
    let external = r#"<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<graphml><graph><node id="&secret;"/></graph></graphml>"#;
    assert!(io_message(read_text(&dir, external)).contains("declares entities"));
    // A DOCTYPE without entities is skipped; a reference to an undeclared one is refused.
    let plain =
        "<!DOCTYPE graphml>\n<graphml><graph><node id=\"&lt;&#233;&#x1F389;\"/></graph></graphml>";
    let g = read_text(&dir, plain).unwrap();
    assert!(g.has_node(KeyRef::Str("<é🎉")));
    let undeclared = "<!DOCTYPE graphml>\n<graphml><graph><node id=\"&ext;\"/></graph></graphml>";
    assert!(io_message(read_text(&dir, undeclared)).contains("never expanded"));
}

#[test]
fn gzip_is_read_by_its_content_and_cancel_stops_the_read() {
    let dir = TempDir::new("graphml-gzip");
    let g = every_kind(false);
    let plain = dir.path("plain.graphml");
    write_graphml(&g, &plain).unwrap();
    let zipped = dir.path("zipped.xml");
    let mut encoder =
        flate2::write::GzEncoder::new(std::fs::File::create(&zipped).unwrap(), Default::default());
    encoder.write_all(&std::fs::read(&plain).unwrap()).unwrap();
    encoder.finish().unwrap();
    assert_same(&g, &read_graphml(&zipped, &Cancel::new()).unwrap());
    let cancel = Cancel::new();
    cancel.trigger();
    assert_eq!(
        read_graphml(&plain, &cancel).unwrap_err(),
        GraphError::Cancelled
    );
}

#[test]
fn what_graphml_cannot_hold_is_refused_before_writing() {
    let dir = TempDir::new("graphml-refused");
    let path = dir.path("out.graphml");
    let refused = |g: &GraphCore, words: &str| match write_graphml(g, &path) {
        Err(GraphError::InvalidArgument(message)) => {
            assert!(message.contains(words), "{message}");
            assert!(!path.exists(), "a refused graph left a file");
        }
        other => panic!("expected InvalidArgument, got {other:?}"),
    };
    let mut mixed_keys = GraphCore::new(false);
    mixed_keys
        .add_edge(KeyRef::Int(1), KeyRef::Str("1"), &[])
        .unwrap();
    refused(&mixed_keys, "mix ints and strings");
    let mut null = GraphCore::new(false);
    null.add_node(KeyRef::Int(1), &[("x", AttrValue::Null)])
        .unwrap();
    null.add_node(KeyRef::Int(2), &[("x", AttrValue::Int64(1))])
        .unwrap();
    refused(&null, "None");
    let mut mixed = GraphCore::new(false);
    mixed
        .add_node(KeyRef::Int(1), &[("x", AttrValue::Int64(1))])
        .unwrap();
    mixed
        .add_node(KeyRef::Int(2), &[("x", "a".into())])
        .unwrap();
    refused(&mixed, "several kinds");
    let mut bytes = GraphCore::new(false);
    let blob = AttrValue::Bytes(vec![1u8].into());
    bytes
        .add_edge(KeyRef::Int(1), KeyRef::Int(2), &[("x", blob)])
        .unwrap();
    refused(&bytes, "bytes");
    let mut control = GraphCore::new(false);
    control.add_node(KeyRef::Str("bell\u{7}"), &[]).unwrap();
    refused(&control, "U+0007");
}
