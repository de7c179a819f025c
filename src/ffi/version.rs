//! Library and ABI versions. The header carries the same numbers as macros, and tests
//! compare the two.

use std::ffi::c_char;

/// Bumped whenever a change breaks existing C callers; loaders refuse versions they do
/// not know.
pub const GR_ABI_VERSION: u32 = 1;
pub const GR_VERSION_MAJOR: u32 = 0;
pub const GR_VERSION_MINOR: u32 = 1;
pub const GR_VERSION_PATCH: u32 = 0;

const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The library version, "MAJOR.MINOR.PATCH" (static; never freed).
#[no_mangle]
pub extern "C" fn gr_version() -> *const c_char {
    VERSION.as_ptr().cast()
}

/// The ABI version this library implements (`GR_ABI_VERSION` of its header).
#[no_mangle]
pub extern "C" fn gr_abi_version() -> u32 {
    GR_ABI_VERSION
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_macros_match_the_package_version() {
        let expected = format!("{GR_VERSION_MAJOR}.{GR_VERSION_MINOR}.{GR_VERSION_PATCH}\0");
        assert_eq!(VERSION, expected);
    }
}
