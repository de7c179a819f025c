//! The GraphML reader (`io::read_graphml`) on arbitrary bytes: errors are `Io` naming the
//! file, never a crash, hang or unbounded allocation (no entity is ever expanded), and a
//! graph that `write_graphml` accepts reads back exactly.
#![no_main]

use groggy::io::{read_graphml, write_graphml};
use groggy_fuzz::check_markup;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    check_markup(data, "fuzz.graphml", read_graphml, write_graphml);
});
