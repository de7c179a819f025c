//! The one error type of the engine. The C ABI maps each variant to a status code.

use thiserror::Error;

/// Everything that can go wrong in the engine. Messages carry the offending value;
/// the ABI layer prefixes them with the operation's name.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GraphError {
    #[error("node {0} not found")]
    NodeNotFound(String),
    #[error("edge {0} not found")]
    EdgeNotFound(String),
    #[error("no attribute {0}")]
    AttributeNotFound(String),
    #[error("{0}")]
    InvalidOperation(String),
    #[error("out of memory: {0}")]
    OutOfMemory(String),
    #[error("{0}")]
    Algorithm(String),
    #[error("{0}")]
    NoPath(String),
    #[error("{0}")]
    Io(IoFailure),
    #[error("cancelled")]
    Cancelled,
    /// A caller's callback reported a failure (its own error is the caller's to keep).
    #[error("{0}")]
    Callback(String),
    #[error("{0}")]
    InvalidArgument(String),
}

pub type GraphResult<T> = Result<T, GraphError>;

impl GraphError {
    /// The errno of an I/O failure the operating system reported, if this is one: what the
    /// C ABI hands out as `gr_last_error_os_code()`, so clients never parse the message.
    pub fn os_code(&self) -> Option<i32> {
        match self {
            GraphError::Io(failure) => failure.os_code(),
            _ => None,
        }
    }
}

/// A file or stream that could not be read or written: the message (naming the file), and
/// the operating system's error code when the system reported the failure (a corrupt file
/// has none). Reads as the message (`Deref<Target = str>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IoFailure {
    message: String,
    os_code: Option<i32>,
}

impl IoFailure {
    /// A failure the library found itself (a corrupt or malformed file): no OS code.
    pub fn new(message: impl Into<String>) -> IoFailure {
        IoFailure {
            message: message.into(),
            os_code: None,
        }
    }

    /// A failure the operating system reported as `error`; `message` shows it (it usually
    /// ends with `error` itself) and the code is the error's own `raw_os_error`.
    pub fn os(message: impl Into<String>, error: &std::io::Error) -> IoFailure {
        IoFailure::with_code(message, error.raw_os_error())
    }

    /// A failure with the given code (`None`: none), e.g. one passed on from another error.
    pub fn with_code(message: impl Into<String>, os_code: Option<i32>) -> IoFailure {
        IoFailure {
            message: message.into(),
            os_code,
        }
    }

    /// The operating system's error code (errno on Unix), if the system reported it.
    pub fn os_code(&self) -> Option<i32> {
        self.os_code
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for IoFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::ops::Deref for IoFailure {
    type Target = str;
    fn deref(&self) -> &str {
        &self.message
    }
}

impl From<String> for IoFailure {
    fn from(message: String) -> IoFailure {
        IoFailure::new(message)
    }
}

impl From<&str> for IoFailure {
    fn from(message: &str) -> IoFailure {
        IoFailure::new(message)
    }
}

impl From<IoFailure> for String {
    fn from(failure: IoFailure) -> String {
        failure.message
    }
}

/// An allocation the system refused (a reservation made before anything changes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoMemory;

impl From<std::collections::TryReserveError> for NoMemory {
    fn from(_: std::collections::TryReserveError) -> NoMemory {
        NoMemory
    }
}

impl From<hashbrown::TryReserveError> for NoMemory {
    fn from(_: hashbrown::TryReserveError) -> NoMemory {
        NoMemory
    }
}

impl From<NoMemory> for GraphError {
    fn from(_: NoMemory) -> GraphError {
        GraphError::OutOfMemory("the system could not provide the memory this needs".into())
    }
}

impl From<std::collections::TryReserveError> for GraphError {
    fn from(e: std::collections::TryReserveError) -> GraphError {
        NoMemory::from(e).into()
    }
}
