//! Replacing a file atomically: the one mechanism behind `save` and `write_edgelist`.
//!
//! The new content goes to a temporary file next to the target, is synced, and is renamed
//! over the target, so the target holds either its old content or the whole new one. What
//! is replaced is only ever a regular file that is the caller's to replace:
//! - a symlink is followed to its final target, which is replaced (the link stays a link,
//!   also when it dangles: its target is then created);
//! - an existing target that is not a regular file (a folder, device, FIFO or socket) is
//!   refused before anything is written, so `/dev/null` or a pipe is never swapped for a
//!   regular file;
//! - the replaced file's permission bits are kept (its owner is not: the new file is the
//!   caller's, as with any write by rename).
//!
//! Temporary files are named `.NAME.groggy-tmp-PID-N` (NAME the target's file name, PID the
//! writing process, N a counter): one left behind by a save that was killed is removed by
//! the next save to the same target once no process PID exists any more.
//!
//! The target is checked, then replaced by a rename: a target swapped for a device between
//! the two is replaced as a directory entry (never written through), the best a rename-based
//! save can do.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::core::{GraphError, GraphResult, IoFailure};

/// What the temporary file's name holds between `.NAME` and `-PID-N`.
const TEMP_TAG: &str = ".groggy-tmp-";
/// Symlinks followed before giving up (Linux's own limit).
const MAX_LINKS: usize = 40;

/// Replaces `path` (or the file a symlink at `path` leads to) with what `write` puts in a
/// new file. `what` names the operation in errors (`"cannot {what} '{path}': ..."`);
/// errors of `write` itself are returned as they are. On any error the target and its
/// folder are left as they were (no temporary file stays).
pub(crate) fn replace_file(
    path: &Path,
    what: &str,
    write: impl FnOnce(&File) -> GraphResult<()>,
) -> GraphResult<()> {
    let fail_with = |why: &dyn std::fmt::Display, os_code: Option<i32>| {
        let message = format!("cannot {what} '{}': {why}", path.display());
        GraphError::Io(IoFailure::with_code(message, os_code))
    };
    let fail = |why: &dyn std::fmt::Display| fail_with(why, None);
    // A failure the system reported keeps its code for `gr_last_error_os_code`.
    let fail_os = |e: &io::Error| fail_with(e, e.raw_os_error());
    let target = final_target(path).map_err(|e| fail_os(&e))?;
    let (dir, name) = match (target.parent(), target.file_name()) {
        (Some(dir), Some(name)) => (dir, name),
        _ => return Err(fail(&"not a file name")),
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let existing = match fs::symlink_metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail_os(&e)),
    };
    if let Some(meta) = &existing {
        if !meta.file_type().is_file() {
            let shown = if target == path {
                String::new()
            } else {
                format!(" (the symlink leads to '{}')", target.display())
            };
            return Err(fail(&format!(
                "it is {}, not a regular file{shown}; nothing was written",
                kind_name(&meta.file_type())
            )));
        }
    }
    remove_stale_temps(dir, name);
    let (temp, file) = create_temp(dir, name).map_err(|e| fail_os(&e))?;
    // The temporary file goes away on every error path below.
    let result = (|| {
        if let Some(meta) = &existing {
            // Best effort: some file systems (FAT) cannot hold permission bits at all.
            let _ = file.set_permissions(meta.permissions());
        }
        write(&file)?;
        file.sync_all().map_err(|e| fail_os(&e))?;
        fs::rename(&temp, &target).map_err(|e| fail_os(&e))
    })();
    drop(file);
    match result {
        Ok(()) => {
            sync_dir(dir);
            Ok(())
        }
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// `path` with every symlink on it, at its end, followed (however many, up to
/// `MAX_LINKS`); a dangling link gives the path it points to.
fn final_target(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                // A relative link is relative to the folder holding the link.
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symlinks in a row (a loop?)"
    )))
}

/// "a folder", "a FIFO", ... for an error message.
fn kind_name(kind: &fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// `.NAME.groggy-tmp-`: what every temporary file of `name` starts with.
fn temp_prefix(name: &OsStr) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(name);
    prefix.push(TEMP_TAG);
    prefix
}

/// Creates a new temporary file `.NAME.groggy-tmp-PID-N` next to the target.
fn create_temp(dir: &Path, name: &OsStr) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let pid = std::process::id();
    loop {
        let mut temp_name = temp_prefix(name);
        temp_name.push(format!("{pid}-{}", COUNTER.fetch_add(1, Ordering::Relaxed)));
        let temp = dir.join(temp_name);
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            // Left by an earlier process with this pid: the counter moves on.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Removes the temporary files of `name` in `dir` whose writing process no longer exists
/// (best effort: a folder that cannot be listed is left alone).
fn remove_stale_temps(dir: &Path, name: &OsStr) {
    let prefix = temp_prefix(name);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        if let Some(pid) = temp_pid(&file_name, &prefix) {
            if !process_exists(pid) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// The PID of a temporary file name `{prefix}PID-N`, if it is one.
fn temp_pid(file_name: &OsStr, prefix: &OsStr) -> Option<u32> {
    let rest = file_name
        .as_encoded_bytes()
        .strip_prefix(prefix.as_encoded_bytes())?;
    let rest = std::str::from_utf8(rest).ok()?;
    let (pid, n) = rest.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(pid) || !digits(n) {
        return None;
    }
    pid.parse().ok()
}

/// Whether a process `pid` exists (this one always does). Where that cannot be told, it
/// is taken to exist, so nothing is removed.
fn process_exists(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        if pid <= 0 {
            return true;
        }
        // SAFETY: signal 0 sends nothing; kill only checks that the process exists.
        let alive = unsafe { libc::kill(pid, 0) } == 0;
        alive || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Makes the rename durable (best effort: not every platform can sync a folder).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::test_dir::TempDir;
    use std::io::Write;

    fn write_text(text: &'static str) -> impl FnOnce(&File) -> GraphResult<()> {
        move |mut file: &File| {
            file.write_all(text.as_bytes())
                .map_err(|e| GraphError::Io(IoFailure::os(e.to_string(), &e)))
        }
    }

    fn io_message(result: GraphResult<()>) -> String {
        match result {
            Err(GraphError::Io(m)) => m.into(),
            other => panic!("expected an Io error, got {other:?}"),
        }
    }

    #[test]
    fn replaces_a_file_and_leaves_no_temporary_file() {
        let dir = TempDir::new("atomic-plain");
        let p = dir.file("g.txt", b"old");
        replace_file(&p, "save", write_text("new")).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new");
        assert_eq!(dir.names(), vec!["g.txt"]);
        // A failing write keeps the old file, and no temporary file stays.
        let failed = replace_file(&p, "save", |_| Err(GraphError::Io("midway".into())));
        assert_eq!(io_message(failed), "midway");
        assert_eq!(fs::read(&p).unwrap(), b"new");
        assert_eq!(dir.names(), vec!["g.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed_and_stay_links() {
        use std::os::unix::fs::symlink;
        let dir = TempDir::new("atomic-link");
        dir.file("real.txt", b"old");
        fs::create_dir(dir.path("sub")).unwrap();
        symlink("../real.txt", dir.path("sub/one")).unwrap();
        symlink("sub/one", dir.path("two")).unwrap();
        replace_file(&dir.path("two"), "save", write_text("new")).unwrap();
        assert_eq!(fs::read(dir.path("real.txt")).unwrap(), b"new");
        for link in ["two", "sub/one"] {
            let meta = fs::symlink_metadata(dir.path(link)).unwrap();
            assert!(meta.file_type().is_symlink(), "{link}");
        }
        // A dangling link: its target is created.
        symlink("created.txt", dir.path("dangling")).unwrap();
        replace_file(&dir.path("dangling"), "save", write_text("x")).unwrap();
        assert_eq!(fs::read(dir.path("created.txt")).unwrap(), b"x");
        assert!(fs::symlink_metadata(dir.path("dangling"))
            .unwrap()
            .file_type()
            .is_symlink());
        // A loop is an error, and nothing is written.
        symlink("loop-b", dir.path("loop-a")).unwrap();
        symlink("loop-a", dir.path("loop-b")).unwrap();
        let message = io_message(replace_file(&dir.path("loop-a"), "save", write_text("x")));
        assert!(message.contains("symlinks in a row"), "{message}");
        assert_eq!(
            dir.names(),
            vec![
                "created.txt",
                "dangling",
                "loop-a",
                "loop-b",
                "real.txt",
                "sub",
                "two"
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_refused_and_left_alone() {
        use std::os::unix::fs::{symlink, FileTypeExt};
        let dir = TempDir::new("atomic-special");
        let fifo = dir.path("pipe");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let message = io_message(replace_file(&fifo, "save", write_text("x")));
        assert!(message.contains("is a FIFO"), "{message}");
        assert!(message.contains(&*fifo.to_string_lossy()), "{message}");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        // A symlink to a device: refused, the device untouched, the message says where
        // the link leads.
        let device = safe_device(&dir);
        symlink(&device, dir.path("null")).unwrap();
        let message = io_message(replace_file(&dir.path("null"), "save", write_text("x")));
        assert!(message.contains("character device"), "{message}");
        assert!(
            message.contains(&format!("'{}'", device.display())),
            "{message}"
        );
        assert!(fs::symlink_metadata(&device)
            .unwrap()
            .file_type()
            .is_char_device());
        let socket = std::os::unix::net::UnixListener::bind(dir.path("socket")).unwrap();
        let message = io_message(replace_file(&dir.path("socket"), "save", write_text("x")));
        assert!(message.contains("is a socket"), "{message}");
        drop(socket);
        fs::create_dir(dir.path("folder")).unwrap();
        let message = io_message(replace_file(&dir.path("folder"), "save", write_text("x")));
        assert!(message.contains("is a folder"), "{message}");
        let mut names = vec!["folder", "null", "pipe", "socket"];
        if device.starts_with(dir.root()) {
            names.insert(0, "device");
        }
        assert_eq!(dir.names(), names);
    }

    /// A character device that a broken `replace_file` could not harm: as root (who could
    /// replace anything in /dev), a twin of /dev/null made in `dir`; otherwise /dev/null
    /// itself, which only root can replace.
    #[cfg(unix)]
    fn safe_device(dir: &TempDir) -> PathBuf {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return PathBuf::from("/dev/null");
        }
        let device = dir.path("device");
        let c_path = std::ffi::CString::new(device.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; makedev has no preconditions.
        let made =
            unsafe { libc::mknod(c_path.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
        assert_eq!(made, 0, "mknod as root: {}", io::Error::last_os_error());
        device
    }

    #[cfg(unix)]
    #[test]
    fn permission_bits_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = TempDir::new("atomic-mode");
        let p = dir.file("g.txt", b"old");
        for mode in [0o640, 0o600, 0o444] {
            fs::set_permissions(&p, fs::Permissions::from_mode(mode)).unwrap();
            replace_file(&p, "save", write_text("new")).unwrap();
            let got = fs::metadata(&p).unwrap().permissions().mode() & 0o7777;
            assert_eq!(got, mode);
        }
    }

    #[test]
    fn a_failure_the_system_reports_keeps_its_code() {
        let dir = TempDir::new("atomic-os-code");
        let in_missing_folder = dir.path("no-such-folder").join("g.txt");
        let err = replace_file(&in_missing_folder, "save", write_text("x")).unwrap_err();
        assert_eq!(err.os_code(), Some(libc::ENOENT), "{err}");
        // One the library finds itself has none.
        let err = replace_file(dir.root(), "save", write_text("x")).unwrap_err();
        assert_eq!(err.os_code(), None, "{err}");
    }

    #[test]
    fn temporary_files_of_dead_processes_are_removed() {
        let dir = TempDir::new("atomic-stale");
        let p = dir.path("g.txt");
        // A pid far above any pid_max (2^22 on Linux) is never a live process.
        let dead = ".g.txt.groggy-tmp-999999999-3";
        let alive = format!(".g.txt.groggy-tmp-{}-99999", std::process::id());
        for name in [
            dead,
            &alive,
            ".other.groggy-tmp-999999999-1",
            ".g.txt.groggy-tmp-x-1",
        ] {
            dir.file(name, b"partial");
        }
        replace_file(&p, "save", write_text("new")).unwrap();
        assert_eq!(
            dir.names(),
            vec![
                alive.clone(),
                ".g.txt.groggy-tmp-x-1".to_string(),
                ".other.groggy-tmp-999999999-1".to_string(),
                "g.txt".to_string()
            ]
        );
        assert_eq!(
            temp_pid(OsStr::new(dead), &temp_prefix(OsStr::new("g.txt"))),
            Some(999999999)
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_temporary_file_is_named_after_the_target() {
        let dir = TempDir::new("atomic-name");
        let p = dir.path("g.txt");
        let mut seen = Vec::new();
        replace_file(&p, "save", |_| {
            seen = dir.names();
            Ok(())
        })
        .unwrap();
        let prefix = format!(".g.txt.groggy-tmp-{}-", std::process::id());
        assert_eq!(seen.len(), 1);
        assert!(seen[0].starts_with(&prefix), "{seen:?}");
    }
}
