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
    Io(String),
    #[error("cancelled")]
    Cancelled,
    /// A caller's callback reported a failure (its own error is the caller's to keep).
    #[error("{0}")]
    Callback(String),
    #[error("{0}")]
    InvalidArgument(String),
}

pub type GraphResult<T> = Result<T, GraphError>;

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
