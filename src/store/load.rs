//! Reading a session file: size, encoding, syntax and version checks, then migration.

use super::{StoreError, migrate};
use crate::diagnostic::{SourceError, line_column};
use crate::domain::{FORMAT_VERSION, ID_LIMIT, Session};
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
    let bytes = super::read::read_text_file(path, MAX_FILE_BYTES)
        .map_err(|e| StoreError::read("a session file", path, e))?;
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
        parsed.session.name_after_file(stem);
    }
    Ok(parsed)
}

/// A session file is a RON struct with a `version` field: after comments and blank lines it
/// starts with `(` (or a struct name, or a `#![enable(...)]` line).
fn looks_like_a_session(text: &str) -> bool {
    let first = text
        .lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with("//"));
    let starts_well = first.is_some_and(|l| {
        l.starts_with('(')
            || l.starts_with("#!")
            || l.starts_with("/*")
            || l.split('(').next().is_some_and(|name| {
                !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')
            })
    });
    starts_well && text.contains("version")
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
    // Something else altogether (a link to /etc/passwd, notes): say so, without echoing it.
    if !looks_like_a_session(text) {
        return Err(StoreError::NotASession {
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
    let mut session = session;
    check(path, text, &mut session)?;
    Ok(Parsed {
        session,
        found_version,
    })
}

/// Checks what the parser cannot, so a damaged or hand-edited file never crashes the program
/// later and nothing is accepted now that would be refused on the next open: the embedded
/// workshop must pass the same checks as a template file (two steps called `q1` would share
/// their ideas), and ids of participants, ideas and actions must be unique and in range
/// (group ids are per step). Repairs in memory what is safe to repair: a step past the end, a
/// `next_id` that would hand out a used id, and one so high that ids would soon run out.
fn check(path: &Path, text: &str, session: &mut Session) -> Result<(), StoreError> {
    let invalid = |reason: String| StoreError::Invalid {
        path: path.to_path_buf(),
        reason,
    };
    let steps = session.template().steps.len();
    if steps == 0 {
        return Err(invalid("its workshop has no steps".into()));
    }
    session
        .template()
        .validate(&path.display().to_string(), text)
        .map_err(|e| invalid(format!("its workshop: {}", e.message)))?;
    session.clamp_current_step();
    let mut max_id = 0u64;
    let mut unique = |kind: &str, ids: &mut dyn Iterator<Item = u64>| {
        let mut seen = std::collections::BTreeSet::new();
        for id in ids {
            if !seen.insert(id) {
                return Err(invalid(format!("{kind} id {id} is used twice")));
            }
            if id >= ID_LIMIT {
                return Err(invalid(format!("{kind} id {id} is out of range")));
            }
            max_id = max_id.max(id);
        }
        Ok(())
    };
    unique(
        "participant",
        &mut session.participants().iter().map(|p| u64::from(p.id.0)),
    )?;
    unique("idea", &mut session.all_ideas().map(|(_, i)| i.id.0))?;
    unique(
        "action",
        &mut session
            .all_results()
            .values()
            .flat_map(|r| r.actions.iter().map(|a| a.id.0)),
    )?;
    session.drop_stray_votes();
    let highest = session.highest_id().max(max_id);
    session.repair_id_counter(highest);
    Ok(())
}
