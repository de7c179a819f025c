//! Generates `include/groggy.h` with cbindgen, writing it only when its content changes,
//! so the committed header stays byte-identical and `git diff` shows any drift. Its
//! declarations are grouped by topic (header/layout.rs, with the table of topics in
//! header/groups.rs) so that the header reads as a manual.

#[path = "header/arrow.rs"]
mod header_arrow;
#[path = "header/groups.rs"]
mod header_groups;
#[path = "header/layout.rs"]
mod header_layout;

use std::path::Path;

fn main() {
    let env = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("cargo sets {name}"));
    let crate_dir = env("CARGO_MANIFEST_DIR");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=header");

    let mut config = cbindgen::Config::from_file(Path::new(&crate_dir).join("cbindgen.toml"))
        .expect("cbindgen.toml is readable");
    config.after_includes = Some(version_macros(
        &env("CARGO_PKG_VERSION"),
        &env("CARGO_PKG_VERSION_MAJOR"),
        &env("CARGO_PKG_VERSION_MINOR"),
        &env("CARGO_PKG_VERSION_PATCH"),
    ));

    let mut header = Vec::new();
    cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen can read the crate")
        .write(&mut header);
    let header = header_layout::arrange(&String::from_utf8(header).expect("cbindgen writes UTF-8"))
        .into_bytes();

    let path = Path::new(&crate_dir).join("include").join("groggy.h");
    if std::fs::read(&path).ok().as_deref() != Some(&header[..]) {
        std::fs::create_dir_all(path.parent().expect("include/ has a parent"))
            .expect("include/ can be created");
        std::fs::write(&path, &header).expect("include/groggy.h can be written");
    }
}

/// The library version as macros, from Cargo.toml (the one place it is written): a C
/// caller compares them with `gr_version()`, which returns the same string.
fn version_macros(version: &str, major: &str, minor: &str, patch: &str) -> String {
    format!(
        "\n// The version of the library this header describes (`gr_version()` returns\n\
         // GR_VERSION_STRING).\n\
         #define GR_VERSION_MAJOR {major}\n\
         #define GR_VERSION_MINOR {minor}\n\
         #define GR_VERSION_PATCH {patch}\n\
         #define GR_VERSION_STRING \"{version}\""
    )
}
