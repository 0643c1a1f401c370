//! The crate's error type. User errors name the bad value; internal errors
//! carry their source.
//!
//! Every variant is either something the person who asked can fix (exit
//! code 1, an HTTP 4xx or 503) or a fault of chahao or the machine (exit
//! code 2, an HTTP 500): [`Error::is_users`] says which, and both the
//! command's exit code ([`Error::exit_code`]) and the API's status
//! (`impl From<Error> for ApiError`) follow from it.

use std::path::PathBuf;

use crate::batch::{ApplyError, Rejection};
use crate::index::history::RollbackRefused;

/// Everything that can go wrong in chahao.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A command line that does not say what to do: a missing or
    /// conflicting argument.
    #[error("{0}")]
    Usage(String),
    /// A file given to chahao that does not hold what it should: not gzip,
    /// a listing file with bad rows, a labelled set with bad lines.
    #[error("{}: {reason}", path.display())]
    BadInput {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// A listing file with bad rows: nothing was built.
    #[error("{0}")]
    Rejected(Rejection),
    /// A query that cannot be searched (empty, too long).
    #[error(transparent)]
    Query(#[from] crate::search::QueryError),
    /// A batch refused as a whole: it has bad rows, or it was applied
    /// already. Never [`ApplyError::Index`]: that one becomes the error it
    /// holds (see `impl From<ApplyError> for Error`).
    #[error(transparent)]
    Batch(Box<ApplyError>),
    /// A rollback that cannot be done.
    #[error(transparent)]
    Rollback(#[from] RollbackRefused),
    /// Another build or apply holds the index directory's write lock.
    #[error("{} is locked by another build or apply; try again when it has finished", root.display())]
    Locked {
        /// The index directory.
        root: PathBuf,
    },
    /// An index written by another version of chahao, with another layout:
    /// it must be rebuilt. The message names the directory and what to run.
    #[error("{0}")]
    Incompatible(String),
    /// Something stored in the index directory that this chahao cannot
    /// read: a `CURRENT` that holds no generation name, a generation log or
    /// a stored listing that does not parse. The message names what.
    #[error("{0}")]
    Garbled(String),
    /// Ids a labelled query set expects that the index does not list: the
    /// set was made for another directory.
    #[error(
        "{} expected id(s) are not listed in this index (is it the directory the set was made for?): {}",
        ids.len(),
        ids.iter().take(10).cloned().collect::<Vec<_>>().join(", ")
    )]
    NotListed {
        /// Every expected id not listed.
        ids: Vec<String>,
    },
    /// No index where one was expected.
    #[error("no index at {0} (run `chahao build --input FILE` first)")]
    NoIndex(PathBuf),
    /// Data compiled into the binary (the shipped sample, the hotlines)
    /// does not read: the binary itself is broken.
    #[error("{0}")]
    Embedded(String),
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

    /// Returns true if and only if the person who asked can fix this (an
    /// argument, a file, a query, the state of the directory), rather than
    /// it being a fault of chahao or of the machine.
    pub fn is_users(&self) -> bool {
        match self {
            Error::Usage(_)
            | Error::BadInput { .. }
            | Error::Rejected(_)
            | Error::Query(_)
            | Error::Batch(_)
            | Error::Rollback(_)
            | Error::Locked { .. }
            | Error::Incompatible(_)
            | Error::Garbled(_)
            | Error::NotListed { .. }
            | Error::NoIndex(_) => true,
            Error::Embedded(_)
            | Error::Io { .. }
            | Error::Damaged(_)
            | Error::Write { .. }
            | Error::Index(_) => false,
        }
    }

    /// The exit code of the `chahao` command that failed with this error:
    /// 1 when the user can fix it, 2 when it is internal.
    pub fn exit_code(&self) -> u8 {
        if self.is_users() {
            1
        } else {
            2
        }
    }
}

impl From<ApplyError> for Error {
    /// A refused batch as [`Error::Batch`]; any other failure is the error
    /// it holds.
    fn from(e: ApplyError) -> Error {
        match e {
            ApplyError::Index(e) => e,
            refused => Error::Batch(Box::new(refused)),
        }
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
