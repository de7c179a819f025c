//! Helpers shared by the fuzz targets in `fuzz_targets/`: decoding the fuzzer's bytes into
//! choices ([`Input`]), scratch files ([`scratch_file`]), the model-checked driver of
//! the C ABI ([`ffi`]) and the round trip of the markup readers ([`check_markup`]).

pub mod ffi;
mod input;
mod markup;
mod scratch;

pub use input::Input;
pub use markup::{check_markup, edge_pairs};
pub use scratch::scratch_file;
