//! Helpers shared by the fuzz targets in `fuzz_targets/`: decoding the fuzzer's bytes into
//! choices ([`Input`]), scratch files ([`scratch_file`]) and the model-checked driver of
//! the C ABI ([`ffi`]).

pub mod ffi;
mod input;
mod scratch;

pub use input::Input;
pub use scratch::scratch_file;
