//! The edge-list reader (`io::read_edgelist`) on arbitrary bytes, with options from the
//! first bytes: delimiter (whitespace, ',', TAB, ';', '|', a space, or any char including
//! line breaks, which must be refused), comment prefix, header line, key kind and
//! directedness. Checks: errors are `Io` naming the file (or `InvalidArgument` for a
//! line-break delimiter), progress never goes backwards and ends at the total, and a
//! graph that `write_edgelist` accepts reads back to the same nodes, edges and weights in
//! the same order.
#![no_main]

use groggy::core::{AttrValue, Cancel, GraphCore, GraphError, KeyRef};
use groggy::io::{read_edgelist, write_edgelist, KeyKind, ReadOptions};
use groggy_fuzz::{edge_pairs, scratch_file, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let delimiter = match input.below(8) {
        0 | 1 => None,
        2 => Some(','),
        3 => Some('\t'),
        4 => Some(';'),
        5 => Some(' '),
        6 => Some('|'),
        _ => char::from_u32(u32::from(input.u16())),
    };
    let comments = match input.below(4) {
        0 | 1 => "#",
        2 => "",
        _ => "//",
    };
    let keys = match input.below(3) {
        0 => KeyKind::Auto,
        1 => KeyKind::Int,
        _ => KeyKind::Str,
    };
    let options = ReadOptions {
        directed: input.bool(),
        comments: comments.to_string(),
        delimiter,
        keys,
        header: input.bool(),
    };
    let path = scratch_file("edgelist.txt");
    std::fs::write(&path, input.rest()).expect("scratch file");
    let mut last = (0u64, 0u64);
    let mut calls = 0u32;
    let result = read_edgelist(&path, &options, &Cancel::new(), &mut |done, total| {
        assert!(done <= total, "progress {done} of {total}");
        assert!(done >= last.0 && total >= last.1, "progress went back");
        last = (done, total);
        calls += 1;
    });
    let graph = match result {
        Ok(g) => g,
        Err(GraphError::Io(msg)) => {
            assert!(
                msg.contains(&*path.to_string_lossy()),
                "{msg:?} names no file"
            );
            let _ = std::fs::remove_file(&path);
            return;
        }
        Err(GraphError::InvalidArgument(msg)) => {
            assert!(matches!(delimiter, Some('\n' | '\r')), "{msg}");
            let _ = std::fs::remove_file(&path);
            return;
        }
        Err(other) => panic!("read_edgelist gave {other:?}"),
    };
    assert!(calls > 0 && last.0 == last.1, "progress ended at {last:?}");
    let written = scratch_file("edgelist-out.txt");
    let write_delimiter = delimiter.unwrap_or(' ');
    if write_edgelist(&graph, &written, write_delimiter).is_ok() {
        let back = ReadOptions {
            directed: options.directed,
            delimiter: Some(write_delimiter).filter(|d| !matches!(d, ' ' | '\t')),
            ..ReadOptions::default()
        };
        let again = read_edgelist(&written, &back, &Cancel::new(), &mut |_, _| {})
            .unwrap_or_else(|e| panic!("written edge list does not read back: {e}"));
        assert_same(&graph, &again);
    }
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(&written);
});

/// Same nodes in order, same edges in order, same weights, absent where absent (NaN equal
/// to NaN).
fn assert_same(a: &GraphCore, b: &GraphCore) {
    let nodes = |g: &GraphCore| g.node_keys().cloned().collect::<Vec<_>>();
    assert_eq!(nodes(a), nodes(b), "nodes differ after write and read");
    let (ea, eb) = (edge_pairs(a), edge_pairs(b));
    assert_eq!(ea, eb, "edges differ after write and read");
    for (u, v) in &ea {
        let w = |g: &GraphCore| {
            g.get_edge_attr(KeyRef::from(u), KeyRef::from(v), "weight")
                .expect("edge exists")
        };
        // Exactly: a line without a weight leaves its edge without one (absent, never
        // Null), and such an edge is written without one, so no weight changes kind
        // (fuzz/regressions/edgelist/null_weight_column_lost once lost a Null one).
        let (wa, wb) = (w(a), w(b));
        assert!(
            wa != Some(AttrValue::Null),
            "a read edge list holds a Null weight"
        );
        let same = match (&wa, &wb) {
            (Some(AttrValue::Float64(x)), Some(AttrValue::Float64(y))) => {
                x == y || (x.is_nan() && y.is_nan())
            }
            _ => wa == wb,
        };
        assert!(same, "weight of ({u}, {v}): {wa:?} became {wb:?}");
    }
}
