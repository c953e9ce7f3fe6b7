//! Reading a session file: size, encoding, syntax and version checks, then migration.

use super::{StoreError, migrate};
use crate::diagnostic::{SourceError, line_column};
use crate::domain::{FORMAT_VERSION, Session};
use serde::Deserialize;
use std::path::Path;

/// Session files are small (a 500-idea session is about 150 KB); anything far larger is not one.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A session read from disk, with the format version the file had.
#[derive(Debug)]
pub struct Parsed {
    pub session: Session,
    pub found_version: u32,
}

pub fn read_session(path: &Path) -> Result<Parsed, StoreError> {
    let meta = std::fs::metadata(path).map_err(|e| StoreError::io("read", path, e))?;
    if meta.is_dir() {
        return Err(StoreError::io(
            "read",
            path,
            std::io::Error::other("it is a folder, not a session file"),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| StoreError::io("read", path, e))?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = line_column(valid, valid.len());
            return Err(StoreError::NotUtf8 {
                path: path.to_path_buf(),
                line,
                column,
            });
        }
    };
    let mut parsed = parse_session_text(path, text)?;
    // The file name is the id: a renamed file is still found by its new name.
    if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
        parsed.session.id = stem.to_string();
    }
    Ok(parsed)
}

#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    version: u32,
}

/// Parses session text; `path` names the file in errors.
pub fn parse_session_text(path: &Path, text: &str) -> Result<Parsed, StoreError> {
    let origin = path.display().to_string();
    if text.trim().is_empty() {
        return Err(StoreError::Empty {
            path: path.to_path_buf(),
        });
    }
    let probe: VersionProbe = ron::from_str(text).map_err(|e| {
        let mut err = SourceError::from_ron(&origin, text, &e);
        err.message = format!("not a readable session file: {}", err.message);
        StoreError::Parse(err)
    })?;
    let found_version = probe.version;
    if found_version == 0 {
        return Err(StoreError::NotASession {
            path: path.to_path_buf(),
        });
    }
    let session = if found_version > FORMAT_VERSION {
        Session::from_ron(&origin, text).map_err(|e| StoreError::TooNew {
            path: path.to_path_buf(),
            found: found_version,
            known: FORMAT_VERSION,
            detail: e.to_string(),
        })?
    } else if found_version == FORMAT_VERSION {
        Session::from_ron(&origin, text).map_err(StoreError::Parse)?
    } else {
        migrate::from_older(&origin, text, found_version).map_err(StoreError::Parse)?
    };
    Ok(Parsed {
        session,
        found_version,
    })
}
