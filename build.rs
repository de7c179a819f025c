//! Generates `include/groggy.h` with cbindgen, writing it only when its content changes,
//! so the committed header stays byte-identical and `git diff` shows any drift.

use std::path::Path;

fn main() {
    let crate_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=build.rs");

    let mut config = cbindgen::Config::from_file(Path::new(&crate_dir).join("cbindgen.toml"))
        .expect("cbindgen.toml is readable");
    config.after_includes = Some(format!("\n#define GR_VERSION \"{version}\""));

    let mut header = Vec::new();
    cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen can read the crate")
        .write(&mut header);

    let path = Path::new(&crate_dir).join("include").join("groggy.h");
    if std::fs::read(&path).ok().as_deref() != Some(&header[..]) {
        std::fs::create_dir_all(path.parent().expect("include/ has a parent"))
            .expect("include/ can be created");
        std::fs::write(&path, &header).expect("include/groggy.h can be written");
    }
}
