//! Library and ABI versions. The library version is Cargo.toml's: `gr_version()` returns
//! it, and build.rs writes it into the header as `GR_VERSION_MAJOR/MINOR/PATCH/STRING`.

use std::ffi::c_char;

/// Bumped whenever a change breaks existing C callers; loaders refuse versions they do
/// not know.
pub const GR_ABI_VERSION: u32 = 2;

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

    use std::ffi::CStr;

    #[test]
    fn gr_version_is_the_package_version() {
        // SAFETY: gr_version returns a static NUL-terminated string.
        let version = unsafe { CStr::from_ptr(gr_version()) };
        assert_eq!(version.to_str(), Ok(env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn the_header_carries_the_package_version() {
        let header = include_str!("../../include/groggy.h");
        let parts = [
            ("MAJOR", env!("CARGO_PKG_VERSION_MAJOR")),
            ("MINOR", env!("CARGO_PKG_VERSION_MINOR")),
            ("PATCH", env!("CARGO_PKG_VERSION_PATCH")),
        ];
        for (part, value) in parts {
            let line = format!("#define GR_VERSION_{part} {value}\n");
            assert!(header.contains(&line), "{line}");
        }
        let line = format!(
            "#define GR_VERSION_STRING \"{}\"\n",
            env!("CARGO_PKG_VERSION")
        );
        assert!(header.contains(&line), "{line}");
        assert!(header.contains(&format!("#define GR_ABI_VERSION {GR_ABI_VERSION}\n")));
    }
}
