//! Round trips of every kind of content, atomic saving, clear errors, and a fuzz-style run
//! of thousands of damaged files that must each fail cleanly.

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::format::*;
use super::*;
use crate::core::memory::{PoolCounters, PoolScope};
use crate::core::{AttrKind, AttrTable, AttrValue, GraphError, KeyRef, NodeKey, Slot};
use crate::io::test_dir::TempDir;

// ----- helpers ---------------------------------------------------------------------------

/// A value as text that tells every bit pattern apart (NaN payloads, -0.0).
fn show(value: &AttrValue) -> String {
    match value {
        AttrValue::Float32(x) => format!("f32:{:#010x}", x.to_bits()),
        AttrValue::Float64(x) => format!("f64:{:#018x}", x.to_bits()),
        other => format!("{other:?}"),
    }
}

fn describe_table(table: &AttrTable, entities: &[u32], out: &mut Vec<String>) {
    for (name, column) in table.iter() {
        out.push(format!(
            "column {name:?} kind {:?} present {}",
            column.kind(),
            column.present_count()
        ));
        for (pos, &i) in entities.iter().enumerate() {
            let entry = match column.slot(i as usize) {
                Slot::Absent => continue,
                Slot::Null => "Null".to_string(),
                Slot::Value => show(&column.get(i as usize).unwrap()),
            };
            out.push(format!("  {pos}: {entry}"));
        }
    }
}

/// Everything a user of the graph can observe, position by position.
pub(crate) fn describe(g: &GraphCore) -> Vec<String> {
    let mut out = vec![format!(
        "directed {} nodes {} edges {}",
        g.is_directed(),
        g.node_count(),
        g.edge_count()
    )];
    let nodes: Vec<u32> = g.node_indices().collect();
    let edges: Vec<u32> = g.edge_indices().collect();
    for &n in &nodes {
        let key = g.node_key(n);
        let succ: Vec<String> = g
            .successors(key.as_key_ref())
            .unwrap()
            .into_iter()
            .map(|s| format!("{:?}", g.node_key(s)))
            .collect();
        let pred: Vec<String> = g
            .predecessors(key.as_key_ref())
            .unwrap()
            .into_iter()
            .map(|s| format!("{:?}", g.node_key(s)))
            .collect();
        out.push(format!("node {key:?} succ {succ:?} pred {pred:?}"));
    }
    for &e in &edges {
        let (u, v) = g.edge_keys(e);
        out.push(format!("edge {u:?} -> {v:?}"));
    }
    describe_table(g.node_attr_table(), &nodes, &mut out);
    describe_table(g.edge_attr_table(), &edges, &mut out);
    out.push(format!(
        "names {:?} {:?}",
        g.node_attr_names(),
        g.edge_attr_names()
    ));
    out
}

fn f32_bits(bits: u32) -> AttrValue {
    AttrValue::Float32(f32::from_bits(bits))
}

fn f64_bits(bits: u64) -> AttrValue {
    AttrValue::Float64(f64::from_bits(bits))
}

/// A graph with every kind of value, both key kinds, removals and re-adds.
fn rich_graph(directed: bool) -> GraphCore {
    let mut g = GraphCore::new(directed);
    let keys: Vec<NodeKey> = vec![
        NodeKey::Int(1),
        NodeKey::from("1"),
        NodeKey::Int(-5),
        NodeKey::from(""),
        NodeKey::from("é\0x\u{1F600}"),
        NodeKey::Int(i64::MIN),
        NodeKey::Int(i64::MAX),
        NodeKey::Int(1_000_000),
        NodeKey::from("gone"),
        NodeKey::Int(7),
    ];
    for k in &keys {
        g.add_node(k.as_key_ref(), &[]).unwrap();
    }
    let floats32 = [
        0x7fc0_1234, // quiet NaN with a payload
        0x7f80_0001, // signalling NaN
        0xffc0_0000, // negative NaN
        0x8000_0000, // -0.0
        0x0000_0001, // smallest subnormal
        0x807f_ffff, // negative subnormal
        0x7f80_0000, // inf
        0x3f80_0000, // 1.0
    ];
    let floats64 = [
        0x7ff8_0000_dead_beef,
        0x7ff0_0000_0000_0001,
        0x8000_0000_0000_0000,
        0x0000_0000_0000_0001,
        0xfff0_0000_0000_0000,
        0x3ff0_0000_0000_0000,
    ];
    for (i, k) in keys.iter().enumerate() {
        let k = k.as_key_ref();
        let i64v = i as i64;
        g.set_node_attr(k, "b", AttrValue::Bool(i % 2 == 0))
            .unwrap();
        g.set_node_attr(k, "i8", AttrValue::Int8(i8::MIN + i as i8))
            .unwrap();
        g.set_node_attr(k, "i16", AttrValue::Int16(i16::MAX - i as i16))
            .unwrap();
        g.set_node_attr(k, "i32", AttrValue::Int32(-(i as i32) * 1000))
            .unwrap();
        g.set_node_attr(k, "i64", AttrValue::Int64(i64::MIN + i64v))
            .unwrap();
        g.set_node_attr(k, "f32", f32_bits(floats32[i % floats32.len()]))
            .unwrap();
        g.set_node_attr(k, "f64", f64_bits(floats64[i % floats64.len()]))
            .unwrap();
        let s = ["", "a", "é", "x\0y", "\u{1F600}"][i % 5];
        g.set_node_attr(k, "s", AttrValue::Str(s.into())).unwrap();
        let bytes: &[u8] = [&[][..], &[0], &[0, 0, 255, 0], &[1, 2, 3]][i % 4];
        g.set_node_attr(k, "bytes", AttrValue::Bytes(bytes.into()))
            .unwrap();
        // Null vs absent: every third node has it as Null, the others not at all.
        if i % 3 == 0 {
            g.set_node_attr(k, "sparse", AttrValue::Null).unwrap();
        } else if i % 3 == 1 {
            g.set_node_attr(k, "sparse", AttrValue::Int32(i as i32))
                .unwrap();
        }
        if i % 2 == 0 {
            g.set_node_attr(k, "only_null", AttrValue::Null).unwrap();
        }
        let mixed = [
            AttrValue::Int64(3),
            AttrValue::Str("".into()),
            f32_bits(0x7fc0_0001),
            AttrValue::Bytes(vec![0, 0].into()),
            AttrValue::Bool(true),
            AttrValue::Null,
            AttrValue::Int8(-1),
            AttrValue::Int16(2),
            AttrValue::Int32(-3),
            f64_bits(0x8000_0000_0000_0000),
        ];
        g.set_node_attr(k, "mixed", mixed[i].clone()).unwrap();
    }
    // A column that turned mixed keeps being mixed after its odd value goes.
    g.set_node_attr(1.into(), "was_mixed", AttrValue::Int64(1))
        .unwrap();
    g.set_node_attr("gone".into(), "was_mixed", "odd".into())
        .unwrap();
    g.set_node_attr(7.into(), "mixed_bools", AttrValue::Bool(true))
        .unwrap();
    g.set_node_attr("gone".into(), "mixed_bools", AttrValue::Int8(1))
        .unwrap();
    // A typed column whose every value goes keeps its storage kind (and its place).
    g.set_node_attr("gone".into(), "vanished", AttrValue::Int16(9))
        .unwrap();
    // A typed column holding only nulls now.
    g.set_node_attr(7.into(), "nulled", AttrValue::Float32(2.5))
        .unwrap();
    g.set_node_attr(7.into(), "nulled", AttrValue::Null)
        .unwrap();

    let e = |g: &mut GraphCore, u: KeyRef<'_>, v: KeyRef<'_>, attrs: &[(&str, AttrValue)]| {
        g.add_edge(u, v, attrs).unwrap();
    };
    e(&mut g, 1.into(), "1".into(), &[("w", 0.5.into())]);
    e(
        &mut g,
        "1".into(),
        1.into(),
        &[("w", f64_bits(0x7ff8_0000_0000_0042))],
    );
    e(
        &mut g,
        (-5).into(),
        (-5).into(),
        &[("label", "loop".into())],
    );
    e(&mut g, "".into(), "gone".into(), &[("w", 1.0.into())]);
    e(&mut g, "gone".into(), 7.into(), &[("label", "".into())]);
    e(
        &mut g,
        7.into(),
        1_000_000.into(),
        &[("w", AttrValue::Null)],
    );
    e(
        &mut g,
        i64::MIN.into(),
        i64::MAX.into(),
        &[("kind", AttrValue::Bytes(vec![0].into()))],
    );
    e(&mut g, i64::MAX.into(), 1.into(), &[]);
    e(&mut g, 1_000_000.into(), "".into(), &[("w", 2i64.into())]); // makes "w" mixed
    e(&mut g, 1.into(), 7.into(), &[("label", "drop me".into())]);
    g.remove_edge(1.into(), 7.into()).unwrap();
    g.remove_node("gone".into()).unwrap();
    g.remove_node((-5).into()).unwrap();
    // Re-added: goes to the end, without its old attributes.
    g.add_node((-5).into(), &[("late", AttrValue::Bool(false))])
        .unwrap();
    e(&mut g, (-5).into(), 1.into(), &[("w", 9.0.into())]);
    g
}

fn check_round_trip(g: &GraphCore, dir: &TempDir, name: &str) -> GraphCore {
    let path = dir.path(name);
    save(g, &path).unwrap();
    let loaded = load(&path).unwrap();
    assert_eq!(describe(&loaded), describe(g));
    // Saving the loaded graph gives the very same bytes.
    let first = fs::read(&path).unwrap();
    let again = dir.path(&format!("{name}.again"));
    save(&loaded, &again).unwrap();
    assert_eq!(
        fs::read(&again).unwrap(),
        first,
        "re-save is byte-identical"
    );
    assert_eq!(to_bytes(g).unwrap(), first);
    loaded
}

// ----- round trips -----------------------------------------------------------------------

#[test]
fn native_round_trip_keeps_everything() {
    let dir = TempDir::new("roundtrip");
    for directed in [false, true] {
        let g = rich_graph(directed);
        let loaded = check_round_trip(&g, &dir, &format!("rich-{directed}.groggy"));
        assert_eq!(loaded.is_directed(), directed);
        // Int 1 and string "1" are two nodes; removed nodes stay removed.
        assert!(loaded.has_node(1) && loaded.has_node("1"));
        assert!(!loaded.has_node("gone"));
        let order: Vec<NodeKey> = loaded.node_keys().cloned().collect();
        assert_eq!(
            order.last(),
            Some(&NodeKey::Int(-5)),
            "re-added node is last"
        );
        // Exact bits, Null vs absent, empty strings and bytes with zeros.
        let get = |k: KeyRef<'_>, name: &str| loaded.get_node_attr(k, name).unwrap();
        let AttrValue::Float32(x) = get(1.into(), "f32").unwrap() else {
            panic!("f32 kind lost")
        };
        assert_eq!(x.to_bits(), 0x7fc0_1234);
        assert_eq!(get(1.into(), "sparse"), Some(AttrValue::Null));
        assert_eq!(get(i64::MIN.into(), "sparse"), None);
        assert_eq!(get("1".into(), "s"), Some(AttrValue::Str("a".into())));
        assert_eq!(get(1.into(), "s"), Some(AttrValue::Str("".into())));
        assert_eq!(
            get("".into(), "bytes"),
            Some(AttrValue::Bytes(vec![1, 2, 3].into()))
        );
        assert_eq!(get((-5).into(), "i8"), None);
        assert_eq!(get((-5).into(), "late"), Some(AttrValue::Bool(false)));
        let table = loaded.node_attr_table();
        let kind = |name: &str| table.column(name).unwrap().kind();
        assert_eq!(kind("i8"), AttrKind::Int8);
        assert_eq!(kind("mixed"), AttrKind::Mixed);
        assert_eq!(kind("was_mixed"), AttrKind::Mixed);
        assert_eq!(kind("mixed_bools"), AttrKind::Mixed);
        assert_eq!(kind("vanished"), AttrKind::Int16);
        assert_eq!(kind("nulled"), AttrKind::Float32);
        assert_eq!(kind("only_null"), AttrKind::Null);
        assert_eq!(
            loaded.edge_attr_table().column("w").unwrap().kind(),
            AttrKind::Mixed
        );
        // Later writes behave the same on the original and the loaded graph.
        let (mut a, mut b) = (g.clone(), loaded);
        for h in [&mut a, &mut b] {
            h.set_node_attr(1.into(), "vanished", "now text".into())
                .unwrap();
            h.add_node("new".into(), &[("nulled", AttrValue::Float32(1.0))])
                .unwrap();
            h.add_edge("new".into(), 1.into(), &[("w", 3.0.into())])
                .unwrap();
        }
        assert_eq!(describe(&a), describe(&b));
    }
}

#[test]
fn native_round_trip_of_empty_and_plain_graphs() {
    let dir = TempDir::new("empty");
    for directed in [false, true] {
        let g = GraphCore::new(directed);
        let loaded = check_round_trip(&g, &dir, &format!("empty-{directed}.groggy"));
        assert_eq!(loaded.node_count(), 0);
        assert_eq!(loaded.is_directed(), directed);
        // Every node removed: the columns stay (with their kinds), the nodes do not.
        let mut g = GraphCore::new(directed);
        g.add_edge(1.into(), 2.into(), &[("w", AttrValue::Float32(1.0))])
            .unwrap();
        g.set_node_attr(1.into(), "x", "s".into()).unwrap();
        g.remove_node(1.into()).unwrap();
        g.remove_node(2.into()).unwrap();
        let loaded = check_round_trip(&g, &dir, &format!("emptied-{directed}.groggy"));
        assert_eq!(loaded.node_count(), 0);
        // Int keys only, many of them, no attributes.
        let mut g = GraphCore::new(directed);
        let src: Vec<i64> = (0..500).collect();
        let dst: Vec<i64> = (0..500).map(|i| (i * 7 + 3) % 500).collect();
        g.add_edges_int(&src, &dst, &[]).unwrap();
        check_round_trip(&g, &dir, &format!("ints-{directed}.groggy"));
    }
}

// ----- saving ----------------------------------------------------------------------------

#[test]
fn native_failed_save_leaves_the_previous_file() {
    let dir = TempDir::new("atomic");
    let path = dir.path("g.groggy");
    let old = rich_graph(false);
    save(&old, &path).unwrap();
    let before = fs::read(&path).unwrap();
    let new = rich_graph(true);
    let encoded = to_bytes(&new).unwrap();
    for cut in [0, 1, encoded.len() / 2, encoded.len() - 1] {
        let result = writer::save_with(&path, |out| {
            use std::io::Write;
            out.write_all(&encoded[..cut]).unwrap();
            Err(GraphError::Io("disk full (injected)".into()))
        });
        let err = result.unwrap_err();
        assert!(
            matches!(&err, GraphError::Io(m) if m.contains("disk full")),
            "{err}"
        );
        assert_eq!(fs::read(&path).unwrap(), before, "previous file intact");
        assert_eq!(dir.names(), vec!["g.groggy"], "no temporary file left");
    }
    // A folder in the way: the save fails and leaves nothing behind.
    fs::create_dir(dir.path("sub.groggy")).unwrap();
    assert!(matches!(
        save(&new, &dir.path("sub.groggy")),
        Err(GraphError::Io(_))
    ));
    assert_eq!(dir.names(), vec!["g.groggy", "sub.groggy"]);
    // A missing folder is an error too.
    assert!(matches!(
        save(&new, &dir.path("no/such/dir.groggy")),
        Err(GraphError::Io(_))
    ));
    // And a successful save replaces the file.
    save(&new, &path).unwrap();
    assert_eq!(fs::read(&path).unwrap(), encoded);
    assert_eq!(dir.names(), vec!["g.groggy", "sub.groggy"]);
}

// ----- clear errors ----------------------------------------------------------------------

fn load_error(bytes: &[u8], dir: &TempDir) -> String {
    let path = dir.path("bad.groggy");
    fs::write(&path, bytes).unwrap();
    match load(&path) {
        Err(GraphError::Io(message)) => {
            assert!(message.contains("bad.groggy"), "{message}");
            message.into()
        }
        other => panic!("expected an Io error, got {other:?}"),
    }
}

#[test]
fn native_bad_files_give_clear_errors() {
    let dir = TempDir::new("errors");
    let good = to_bytes(&rich_graph(true)).unwrap();
    assert!(is_native(&good));
    let has = |m: String, what: &str| assert!(m.contains(what), "{m:?} lacks {what:?}");
    has(load_error(b"", &dir), "empty file");
    has(load_error(b"1 2\n2 3\n", &dir), "not a groggy file");
    has(load_error(&good[..5], &dir), "truncated");
    has(load_error(&good[..HEADER_LEN + 3], &dir), "truncated");
    has(load_error(&good[..good.len() - 1], &dir), "truncated");
    let mut future = good.clone();
    future[8..12].copy_from_slice(&2u32.to_le_bytes());
    has(
        load_error(&future, &dir),
        "format version 2 is newer than this library supports (1)",
    );
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x40;
    has(load_error(&flipped, &dir), "corrupt section 'EATR'");
    let mut header = good.clone();
    header[12] ^= 1; // the directed flag
    has(load_error(&header, &dir), "corrupt header");
    let mut longer = good.clone();
    longer.push(0);
    has(load_error(&longer, &dir), "unexpected bytes");
    let missing = load(&dir.path("missing.groggy")).unwrap_err();
    assert!(matches!(missing, GraphError::Io(_)));
    assert!(matches!(load(dir.root()), Err(GraphError::Io(_))));
    // The system's code goes along (not parsed from the text): the ABI hands it out.
    assert_eq!(missing.os_code(), Some(libc::ENOENT), "{missing}");
    let folder = load(dir.root()).unwrap_err();
    assert_eq!(folder.os_code(), Some(libc::EISDIR), "{folder}");
    let corrupt = dir.path("corrupt.groggy");
    fs::write(&corrupt, b"not a graph").unwrap();
    assert_eq!(load(&corrupt).unwrap_err().os_code(), None);
    // A FIFO is refused at once instead of waiting for a writer.
    let fifo = dir.path("fifo.groggy");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        has(load(&fifo).unwrap_err().to_string(), "not a regular file");
    }
}

// ----- fuzzing ---------------------------------------------------------------------------

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Recomputes the header and section checksums over whatever the framing says, so that a
/// corruption reaches the decoders behind them.
fn reseal(bytes: &mut [u8]) {
    if bytes.len() < HEADER_LEN {
        return;
    }
    let crc = crc32(&bytes[..HEADER_LEN - 4]);
    bytes[HEADER_LEN - 4..HEADER_LEN].copy_from_slice(&crc.to_le_bytes());
    let mut pos = HEADER_LEN;
    while pos + SECTION_HEADER_LEN <= bytes.len() {
        let len = u64::from_le_bytes(bytes[pos + 4..pos + 12].try_into().unwrap());
        let start = pos + SECTION_HEADER_LEN;
        let Some(end) = usize::try_from(len).ok().and_then(|l| start.checked_add(l)) else {
            return;
        };
        if end > bytes.len() {
            return;
        }
        let crc = crc32(&bytes[start..end]);
        bytes[pos + 12..pos + 16].copy_from_slice(&crc.to_le_bytes());
        pos = end;
    }
}

/// Offsets of the section headers of a well-formed file.
fn section_offsets(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = HEADER_LEN;
    while pos < bytes.len() {
        let len = u64::from_le_bytes(bytes[pos + 4..pos + 12].try_into().unwrap()) as usize;
        out.push((pos, SECTION_HEADER_LEN + len));
        pos += SECTION_HEADER_LEN + len;
    }
    out
}

/// Loads `bytes`, asserting no panic, only `Io` errors, and a bounded peak of memory;
/// returns whether the load succeeded.
fn load_safely(bytes: &[u8], case: &str) -> bool {
    let counters = PoolCounters::leak();
    let result = {
        let _scope = PoolScope::enter(counters);
        catch_unwind(AssertUnwindSafe(|| {
            from_bytes(bytes).map(|g| g.node_count())
        }))
    };
    let result = result.unwrap_or_else(|_| panic!("load panicked on {case}"));
    // The bound that holds by construction (see reader.rs): a small multiple of the
    // input, plus the fixed minimum sizes of the graph's tables.
    let bound = 64 * bytes.len() as u64 + 64 * 1024;
    assert!(
        counters.peak() <= bound,
        "{case}: peak {} bytes for a {}-byte file",
        counters.peak(),
        bytes.len()
    );
    match result {
        Ok(_) => true,
        Err(GraphError::Io(_)) => false,
        Err(other) => panic!("{case}: not an Io error: {other:?}"),
    }
}

#[test]
fn native_fuzzed_files_fail_cleanly() {
    let good = to_bytes(&rich_graph(true)).unwrap();
    assert!(load_safely(&good, "the intact file"));
    let len = good.len();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut cases = 0;
    let mut must_fail = |bytes: &[u8], case: String| {
        cases += 1;
        assert!(!load_safely(bytes, &case), "{case}: damaged file loaded");
    };

    // Every truncation.
    for cut in 0..len {
        must_fail(&good[..cut], format!("truncated at {cut}"));
    }
    // Every byte flipped, three ways.
    for pos in 0..len {
        for mask in [0x01, 0x80, 0xff] {
            let mut bad = good.clone();
            bad[pos] ^= mask;
            must_fail(&bad, format!("byte {pos} ^ {mask:#x}"));
        }
    }
    // Several random bytes changed at once.
    for case in 0..1500 {
        let mut bad = good.clone();
        for _ in 0..1 + rng.below(8) {
            let pos = rng.below(len);
            bad[pos] ^= 1 + rng.below(255) as u8;
        }
        if bad != good {
            must_fail(&bad, format!("random flips #{case}"));
        }
    }
    // Section lengths inflated, shrunk, or absurd.
    let sections = section_offsets(&good);
    assert_eq!(sections.len(), 4);
    for &(at, total) in &sections {
        let real = (total - SECTION_HEADER_LEN) as u64;
        for value in [
            u64::MAX,
            u64::MAX - 15,
            1 << 63,
            1 << 40,
            u32::MAX as u64,
            len as u64,
            real + 1,
            real.wrapping_sub(1),
            0,
        ] {
            if value == real {
                continue;
            }
            let mut bad = good.clone();
            bad[at + 4..at + 12].copy_from_slice(&value.to_le_bytes());
            must_fail(&bad, format!("section at {at} length {value}"));
        }
    }
    // Sections swapped, dropped or repeated.
    let parts: Vec<&[u8]> = sections.iter().map(|&(at, n)| &good[at..at + n]).collect();
    let orders: Vec<[usize; 4]> = permutations4()
        .into_iter()
        .filter(|p| *p != [0, 1, 2, 3])
        .chain([[0, 1, 2, 2], [0, 0, 1, 2], [3, 2, 1, 0]])
        .collect();
    for order in orders {
        let mut bad = good[..HEADER_LEN].to_vec();
        for i in order {
            bad.extend_from_slice(parts[i]);
        }
        must_fail(&bad, format!("sections in order {order:?}"));
    }
    let mut three = good[..HEADER_LEN].to_vec();
    for part in &parts[..3] {
        three.extend_from_slice(part);
    }
    must_fail(&three, "last section missing".into());
    // Versions from the future, with or without a matching header checksum.
    for version in [2u32, 3, 0xffff_ffff, 0] {
        for resealed in [false, true] {
            let mut bad = good.clone();
            bad[8..12].copy_from_slice(&version.to_le_bytes());
            if resealed {
                reseal(&mut bad);
            }
            must_fail(&bad, format!("version {version}"));
        }
    }
    let fatal = cases;

    // Behind the checksums: damage resealed with valid checksums reaches the decoders.
    // Such a file may load (a changed value is still a value) but must never panic,
    // allocate beyond the bound, or fail with anything but an Io error.
    let mut loaded = 0;
    let mut total = 0;
    let mut check = |bytes: &mut Vec<u8>, case: String| {
        reseal(bytes);
        total += 1;
        loaded += usize::from(load_safely(bytes, &case));
    };
    // Every 8-byte window (so every count and length field) set to huge or odd values.
    for pos in HEADER_LEN..len - 8 {
        for value in [u64::MAX, 1 << 40, u32::MAX as u64 + 1, 0x0101_0101] {
            let mut bad = good.clone();
            bad[pos..pos + 8].copy_from_slice(&value.to_le_bytes());
            check(&mut bad, format!("resealed window {pos} = {value:#x}"));
        }
    }
    // Random byte changes and truncations inside the sections.
    for case in 0..1500 {
        let mut bad = good.clone();
        for _ in 0..1 + rng.below(4) {
            let pos = HEADER_LEN + rng.below(len - HEADER_LEN);
            bad[pos] = rng.next() as u8;
        }
        if case % 5 == 0 {
            bad.truncate(HEADER_LEN + rng.below(len - HEADER_LEN));
        }
        check(&mut bad, format!("resealed random #{case}"));
    }
    assert!(fatal > 5000, "{fatal} fatal cases");
    assert!(loaded < total, "most resealed damage is still caught");
}

fn permutations4() -> Vec<[usize; 4]> {
    let mut out = Vec::new();
    for a in 0..4 {
        for b in 0..4 {
            for c in 0..4 {
                for d in 0..4 {
                    let p = [a, b, c, d];
                    if (0..4).all(|x| p.contains(&x)) {
                        out.push(p);
                    }
                }
            }
        }
    }
    out
}

#[test]
fn native_inflated_counts_do_not_allocate() {
    // A count claiming 2^40 nodes behind a valid checksum: refused before any reserve.
    let mut bytes = to_bytes(&GraphCore::new(false)).unwrap();
    let at = HEADER_LEN + SECTION_HEADER_LEN;
    bytes[at..at + 8].copy_from_slice(&(1u64 << 40).to_le_bytes());
    reseal(&mut bytes);
    assert!(!load_safely(&bytes, "2^40 nodes"));
    let message = from_bytes(&bytes).unwrap_err().to_string();
    assert!(message.contains("cannot fit"), "{message}");
}

#[test]
fn native_memory_stays_proportional_on_a_larger_graph() {
    let mut g = GraphCore::new(false);
    let src: Vec<i64> = (0..20_000).collect();
    let dst: Vec<i64> = (0..20_000).map(|i| (i * 31 + 7) % 20_000).collect();
    let w = crate::core::Array::from_f64((0..20_000).map(|i| i as f64).collect());
    g.add_edges_int(&src, &dst, &[("w", &w)]).unwrap();
    let bytes = to_bytes(&g).unwrap();
    assert!(load_safely(&bytes, "a 20k-edge graph"));
    assert_eq!(describe(&from_bytes(&bytes).unwrap()), describe(&g));
}

#[test]
fn a_removed_attribute_loads_back_absent() {
    let mut g = GraphCore::new(true);
    g.add_node(1.into(), &[("x", 1i64.into()), ("s", "a".into())])
        .unwrap();
    g.add_node(2.into(), &[("x", 2i64.into())]).unwrap();
    g.add_edge(1.into(), 2.into(), &[("w", 0.5.into())])
        .unwrap();
    g.remove_node_attr(1.into(), "x").unwrap();
    g.remove_node_attr(1.into(), "s").unwrap(); // the column is left with no entry
    g.remove_edge_attr(1.into(), 2.into(), "w").unwrap();
    let back = from_bytes(&to_bytes(&g).unwrap()).unwrap();
    assert_eq!(describe(&back), describe(&g));
    assert_eq!(back.get_node_attr(1.into(), "x").unwrap(), None);
    assert_eq!(
        back.get_node_attr(2.into(), "x").unwrap(),
        Some(2i64.into())
    );
    assert_eq!(back.node_attr_names(), vec!["x".into()] as Vec<Box<str>>);
    assert!(back.edge_attrs(1.into(), 2.into()).unwrap().is_empty());
}

/// The copies made by the fallible paths (`try_clone`, a subgraph of every node, the
/// exactly-sized encoding) hold everything the graph holds: every key kind, removed
/// nodes and edges, and every column kind (mixed, strings, bytes, nulls). A subgraph sets
/// its values one by one, so its columns' storage may be narrower (a mixed column holding
/// only ints stores ints) and it has no column without entries: it is compared without
/// the storage kinds and the empty columns.
#[test]
fn fallible_copies_keep_everything() {
    for directed in [false, true] {
        let g = rich_graph(directed);
        let copy = g.try_clone().unwrap();
        assert_eq!(describe(&copy), describe(&g));
        let keys: Vec<NodeKey> = g.node_keys().cloned().collect();
        let refs: Vec<KeyRef<'_>> = keys.iter().map(NodeKey::as_key_ref).collect();
        let sub = g.subgraph(&refs).unwrap();
        let unkinded = |g: &GraphCore| -> Vec<String> {
            let empty = |line: &String| line.starts_with("column ") && line.ends_with(" present 0");
            describe(g)
                .into_iter()
                .filter(|line| !empty(line))
                .map(without_kind)
                .collect()
        };
        assert_eq!(unkinded(&sub), unkinded(&g));
        let bytes = to_bytes(&g).unwrap();
        assert_eq!(bytes.len(), bytes.capacity(), "planned size is exact");
        assert_eq!(describe(&from_bytes(&bytes).unwrap()), describe(&g));
    }
}

/// `column "x" kind K present P` without `kind K`.
fn without_kind(line: String) -> String {
    match (
        line.starts_with("column "),
        line.find(" kind "),
        line.find(" present "),
    ) {
        (true, Some(a), Some(b)) => format!("{}{}", &line[..a], &line[b..]),
        _ => line,
    }
}
