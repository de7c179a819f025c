//! The GML reader (`io::read_gml`) on arbitrary bytes: errors are `Io` naming the file,
//! never a crash, hang or stack overflow (however deep the lists), and a graph that
//! `write_gml` accepts reads back exactly.
#![no_main]

use groggy::io::{read_gml, write_gml};
use groggy_fuzz::check_markup;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    check_markup(data, "fuzz.gml", read_gml, write_gml);
});
