//! Random programs of C ABI calls (see `src/ffi/mod.rs`): several graphs alive at once,
//! adds and removals with int and string keys, attributes of every tag, batches with bad
//! arrays, columns, algorithms, filters, copies, pools with small limits, files, and
//! results read after their graph was freed; each step checked against a model.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| groggy_fuzz::ffi::run(data));
