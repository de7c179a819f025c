//! The CSV reader (`io::read_csv`) on arbitrary bytes: an edges file and, when the first
//! bytes say so, a nodes file (the bytes before the first NUL), with the delimiter (`,`,
//! `;`, TAB, `|`, space or any char, which must be refused unless ASCII and not a quote or
//! line break) and directedness from the first bytes. Checks: errors are `Io` naming one
//! of the files (or `InvalidArgument` for a refused delimiter), progress never goes back
//! and ends at the total, and a graph that `write_csv` accepts reads back to the same
//! graph: keys of the same kinds in order, edges in order, every attribute with its kind
//! and value, absent where absent.
#![no_main]

use groggy::core::{AttrValue, Cancel, GraphCore, GraphError, NodeKey};
use groggy::io::{read_csv, write_csv, CsvOptions};
use groggy_fuzz::{scratch_file, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let delimiter = match input.below(8) {
        0..=2 => ',',
        3 => ';',
        4 => '\t',
        5 => '|',
        6 => ' ',
        _ => char::from_u32(u32::from(input.u16())).unwrap_or(','),
    };
    let options = CsvOptions {
        directed: input.bool(),
        delimiter,
        ..CsvOptions::default()
    };
    let with_nodes = input.bool();
    let rest = input.rest();
    let (nodes_text, edges_text) = match rest.iter().position(|&b| b == 0) {
        Some(i) if with_nodes => (Some(&rest[..i]), &rest[i + 1..]),
        _ => (None, rest),
    };
    let edges = scratch_file("csv-edges.csv");
    let nodes = scratch_file("csv-nodes.csv");
    std::fs::write(&edges, edges_text).expect("scratch file");
    if let Some(text) = nodes_text {
        std::fs::write(&nodes, text).expect("scratch file");
    }
    let nodes_arg = nodes_text.map(|_| nodes.as_path());
    let mut last = (0u64, 0u64);
    let mut calls = 0u32;
    let result = read_csv(
        &edges,
        nodes_arg,
        &options,
        &Cancel::new(),
        &mut |done, total| {
            assert!(done <= total, "progress {done} of {total}");
            assert!(done >= last.0 && total >= last.1, "progress went back");
            last = (done, total);
            calls += 1;
        },
    );
    let cleanup = || {
        let _ = std::fs::remove_file(&edges);
        let _ = std::fs::remove_file(&nodes);
    };
    let graph = match result {
        Ok(g) => g,
        Err(GraphError::Io(msg)) => {
            let named = |p: &std::path::Path| msg.contains(&*p.to_string_lossy());
            assert!(named(&edges) || named(&nodes), "{msg:?} names no file");
            return cleanup();
        }
        Err(GraphError::InvalidArgument(msg)) => {
            assert!(
                !delimiter.is_ascii() || matches!(delimiter, '"' | '\r' | '\n'),
                "{msg}"
            );
            return cleanup();
        }
        Err(other) => panic!("read_csv gave {other:?}"),
    };
    assert!(calls > 0 && last.0 == last.1, "progress ended at {last:?}");
    if write_csv(&graph, &edges, Some(&nodes), &options).is_ok() {
        let again = read_csv(
            &edges,
            Some(&nodes),
            &options,
            &Cancel::new(),
            &mut |_, _| {},
        )
        .unwrap_or_else(|e| panic!("written tables do not read back: {e}"));
        assert_same(&graph, &again);
    }
    cleanup();
});

/// Values equal, NaN equal to NaN.
fn same_value(a: &AttrValue, b: &AttrValue) -> bool {
    match (a, b) {
        (AttrValue::Float64(x), AttrValue::Float64(y)) => x == y || (x.is_nan() && y.is_nan()),
        _ => a == b,
    }
}

fn edge_list(g: &GraphCore) -> Vec<(NodeKey, NodeKey)> {
    let pair = |(u, v): (&NodeKey, &NodeKey)| (u.clone(), v.clone());
    g.edge_indices().map(|e| pair(g.edge_keys(e))).collect()
}

fn assert_same(a: &GraphCore, b: &GraphCore) {
    let nodes = |g: &GraphCore| g.node_keys().cloned().collect::<Vec<_>>();
    assert_eq!(nodes(a), nodes(b), "nodes differ after write and read");
    assert_eq!(
        edge_list(a),
        edge_list(b),
        "edges differ after write and read"
    );
    assert_eq!(a.node_attr_names(), b.node_attr_names());
    assert_eq!(a.edge_attr_names(), b.edge_attr_names());
    let tables = [
        (
            a.node_attr_table(),
            b.node_attr_table(),
            a.node_indices().collect::<Vec<_>>(),
        ),
        (
            a.edge_attr_table(),
            b.edge_attr_table(),
            a.edge_indices().collect(),
        ),
    ];
    let later: Vec<Vec<u32>> = vec![b.node_indices().collect(), b.edge_indices().collect()];
    for ((ta, tb, ia), ib) in tables.into_iter().zip(later) {
        for (name, ca) in ta.iter().filter(|(_, c)| c.present_count() > 0) {
            let cb = tb.column(name).expect("same names");
            assert_eq!(ca.kind(), cb.kind(), "column {name} changed kind");
            for (&i, &j) in ia.iter().zip(&ib) {
                let (va, vb) = (ca.get(i as usize), cb.get(j as usize));
                let same = match (&va, &vb) {
                    (Some(x), Some(y)) => same_value(x, y),
                    _ => va.is_none() && vb.is_none(),
                };
                assert!(same, "column {name}: {va:?} became {vb:?}");
            }
        }
    }
}
