//! The crate's error type. User errors name the bad value; internal errors
//! carry their source.

use std::path::PathBuf;

/// Everything that can go wrong in chahao.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input a person can fix: a bad file, a bad query, a bad argument.
    #[error("{0}")]
    User(String),
    /// A query that cannot be searched (empty, too long).
    #[error(transparent)]
    Query(#[from] crate::search::QueryError),
    /// No index where one was expected.
    #[error("no index at {0} (run `chahao build --input FILE` first)")]
    NoIndex(PathBuf),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The index on disk is damaged or incomplete: a file that does not
    /// open or fails its checksum, or a `CURRENT` that names nothing usable.
    #[error("{0}")]
    Damaged(String),
    /// Writing a new generation failed (a full disk, a write refused):
    /// nothing was published and the directory serves what it served.
    #[error("writing the new generation {generation} failed, so nothing was published and {served} is still served: {source}")]
    Write {
        /// The generation directory being written (removed again).
        generation: PathBuf,
        /// The generation still served.
        served: String,
        /// What went wrong.
        source: Box<Error>,
    },
    /// The search library failed.
    #[error("index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
