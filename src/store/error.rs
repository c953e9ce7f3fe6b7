use crate::diagnostic::SourceError;
use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Parse(SourceError),
    #[error("{}: the file is empty; it is not a session file", path.display())]
    Empty { path: PathBuf },
    #[error("{}:{line}:{column}: the file is not valid UTF-8 text (a stray byte at line {line}, column {column})", path.display())]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}: the file has more than {limit} bytes; session files are at most {limit} bytes, so this is not one of ours", path.display())]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("{}: {kind}, not {what}; it was not read", path.display())]
    NotAFile {
        path: PathBuf,
        what: &'static str,
        kind: &'static str,
    },
    #[error("{}: a link to {kind} ({}), not {what}; it was not read", path.display(), target.display())]
    LinkToNotAFile {
        path: PathBuf,
        target: PathBuf,
        what: &'static str,
        kind: &'static str,
    },
    #[error("{}: not saved: the session would be {size} bytes, and a session file can be at most {limit} bytes; the file on disk was kept as it was (undo the last change, or remove ideas)", path.display())]
    WouldBeTooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{}: the session cannot be used: {reason}; the file was left as it is", path.display())]
    Invalid { path: PathBuf, reason: String },
    #[error("{}: not a session file (an ambassador session file is RON text with a `version` field)", path.display())]
    NotASession { path: PathBuf },
    #[error("{}: written by a newer ambassador (format version {found}, this program knows up to {known}) and could not be read: {detail}", path.display())]
    TooNew {
        path: PathBuf,
        found: u32,
        known: u32,
        detail: String,
    },
    #[error("the data directory {} is a file, not a folder; point --data-dir or AMBASSADOR_DATA_DIR at a folder", path.display())]
    NotADirectory { path: PathBuf },
    #[error("no session matches \"{query}\" in {}; `ambassador list` shows them all", dir.display())]
    NotFound { query: String, dir: PathBuf },
    #[error("\"{query}\" matches several sessions: {}; give more of the id", matches.join(", "))]
    Ambiguous { query: String, matches: Vec<String> },
    #[error("{}: opened read-only ({reason}); nothing was saved", path.display())]
    ReadOnly { path: PathBuf, reason: String },
    #[error(
        "no standard folders could be found for this user (no home directory); use --data-dir and --config-dir"
    )]
    NoHome,
    #[error("no workshop template \"{0}\"; `ambassador templates` lists them")]
    UnknownTemplate(String),
    #[error("{0}")]
    Template(SourceError),
}

impl StoreError {
    /// A failed read of `path`, which should have been `what` ("a session file", …).
    pub(crate) fn read(
        what: &'static str,
        path: &std::path::Path,
        e: super::read::ReadError,
    ) -> Self {
        use super::read::ReadError;
        let path = path.to_path_buf();
        match e {
            ReadError::Io(source) => StoreError::Io {
                action: "read",
                path,
                source,
            },
            ReadError::NotRegular(kind) => StoreError::NotAFile { path, what, kind },
            ReadError::TooLarge { limit } => StoreError::TooLarge { path, limit },
        }
    }

    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
        source: std::io::Error,
    ) -> Self {
        StoreError::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
