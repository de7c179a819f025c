//! Errors that point into a text file: `Io("{path}:{line}:{column}: {what}")`, the line and
//! column counted from 1 and the column in bytes (so a tab or a multi-byte UTF-8 character
//! counts as what it occupies in the file), as compilers and editors read them.

use std::path::Path;

use crate::core::GraphError;

/// A place in a text file: 1-based line and 1-based byte column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Position {
    pub(crate) line: u64,
    pub(crate) column: u64,
}

/// `Io("{path}:{line}:{column}: {what}")`.
pub(crate) fn located(path: &Path, at: Position, what: impl std::fmt::Display) -> GraphError {
    GraphError::Io(format!("{}:{}:{}: {what}", path.display(), at.line, at.column).into())
}

/// `OutOfMemory` for reading `path`.
pub(crate) fn too_big(path: &Path, what: &str) -> GraphError {
    GraphError::OutOfMemory(format!(
        "reading '{}': {what} do not fit in memory",
        path.display()
    ))
}
