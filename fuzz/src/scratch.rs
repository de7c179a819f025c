//! Scratch files for targets whose code under test reads paths: one per process and name,
//! in memory-backed /dev/shm when there is one (no disk traffic per run).

use std::path::PathBuf;

/// A path for scratch file `name` of this process (its content is the caller's business).
pub fn scratch_file(name: &str) -> PathBuf {
    let shm = std::path::Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    dir.join(format!("groggy-fuzz-{}-{name}", std::process::id()))
}
