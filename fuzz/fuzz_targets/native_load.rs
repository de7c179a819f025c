//! The native format loader (`io::native::from_bytes`, what `gr_graph_load` runs on a
//! file's bytes) on arbitrary bytes. Each input is decoded twice: as it is, and with the
//! header and section checksums recomputed, so mutations inside the payloads get past the
//! CRC-32 checks and reach the decoders. Whatever loads must save to bytes that load back
//! to a graph that saves to the same bytes.
#![no_main]

use groggy::core::GraphError;
use groggy::io::native::{format::crc32, from_bytes, to_bytes};
use libfuzzer_sys::fuzz_target;

/// Layout constants of `io::native::format` (crate-private there).
const HEADER_LEN: usize = 20;
const SECTION_HEADER_LEN: usize = 16;

fuzz_target!(|data: &[u8]| {
    load_and_check(data);
    let fixed = with_checksums(data);
    if fixed != data {
        load_and_check(&fixed);
    }
});

fn load_and_check(bytes: &[u8]) {
    let graph = match from_bytes(bytes) {
        Ok(g) => g,
        Err(GraphError::Io(msg)) => {
            assert!(
                msg.starts_with("cannot load: ") && msg.len() > 13,
                "{msg:?}"
            );
            return;
        }
        Err(other) => panic!("a bad file gave {other:?}, not Io"),
    };
    let saved = to_bytes(&graph).expect("a loaded graph saves");
    let again = from_bytes(&saved).expect("a saved graph loads");
    assert_eq!(again.node_count(), graph.node_count());
    assert_eq!(again.edge_count(), graph.edge_count());
    assert!(
        to_bytes(&again).expect("saves") == saved,
        "save/load/save changed the bytes"
    );
}

/// `bytes` with the header CRC and each section's CRC recomputed over what is there
/// (sections whose declared length runs past the end are left alone).
fn with_checksums(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if out.len() < HEADER_LEN {
        return out;
    }
    let crc = crc32(&out[..HEADER_LEN - 4]);
    out[HEADER_LEN - 4..HEADER_LEN].copy_from_slice(&crc.to_le_bytes());
    let mut at = HEADER_LEN;
    while at + SECTION_HEADER_LEN <= out.len() {
        let len = u64::from_le_bytes(out[at + 4..at + 12].try_into().expect("8 bytes"));
        let start = at + SECTION_HEADER_LEN;
        let Some(end) = usize::try_from(len).ok().and_then(|l| start.checked_add(l)) else {
            break;
        };
        if end > out.len() {
            break;
        }
        let crc = crc32(&out[start..end]);
        out[at + 12..at + 16].copy_from_slice(&crc.to_le_bytes());
        at = end;
    }
    out
}
