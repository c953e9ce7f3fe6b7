//! A rescue copy: when a session cannot be saved to its own file on the way out (a full disk,
//! a read-only folder), it is written somewhere else that is writable, so nothing typed is
//! lost. Places are tried in order: `<config>/rescue/`, the home folder, the temp folder.
//! A rescue file is an ordinary session file (`<id>.rescue.ron`, `<id>.rescue.2.ron`, …) that
//! `ambassador open PATH` opens; like every session file it is private to its owner.

use super::StoreError;
use super::atomic::create_atomic;
use crate::domain::Session;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum RescueError {
    /// The session could not be rendered as a file that loads again.
    #[error("{0}")]
    Render(StoreError),
    /// Every place failed; each with why.
    #[error("no rescue copy could be written: {}", .0.iter().map(|(p, e)| format!("{}: {e}", p.display())).collect::<Vec<_>>().join("; "))]
    NowhereWritable(Vec<(PathBuf, std::io::Error)>),
}

/// The folders a rescue copy may go to, in the order they are tried.
pub fn rescue_places(config_dir: &Path) -> Vec<PathBuf> {
    let mut places = vec![config_dir.join("rescue")];
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        places.push(PathBuf::from(home));
    }
    places.push(std::env::temp_dir());
    places
}

/// Writes `session` to the first of `places` that takes it (creating the folder if needed)
/// and returns the file's path. Never replaces a file.
pub fn write_rescue(session: &Session, places: &[PathBuf]) -> Result<PathBuf, RescueError> {
    let name = if session.id().is_empty() {
        "session".to_string()
    } else {
        session.id().clone()
    };
    let bytes =
        super::file::render_session(Path::new(&name), session).map_err(RescueError::Render)?;
    write_rescue_bytes(&name, &bytes, places)
}

/// Writes an already rendered session file as a rescue copy named after `name` (see
/// `write_rescue`); for the signal thread, which holds only the bytes a save could not write.
pub fn write_rescue_bytes(
    name: &str,
    bytes: &[u8],
    places: &[PathBuf],
) -> Result<PathBuf, RescueError> {
    let mut failures = Vec::new();
    for dir in places {
        if let Err(e) = std::fs::create_dir_all(dir) {
            failures.push((dir.clone(), e));
            continue;
        }
        match write_new(dir, name, bytes) {
            Ok(path) => return Ok(path),
            Err(e) => failures.push((dir.clone(), e)),
        }
    }
    Err(RescueError::NowhereWritable(failures))
}

/// The session's own folder may be the one that failed: a fresh name in `dir`.
fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    for n in 1..1000 {
        let file = if n == 1 {
            format!("{name}.rescue.ron")
        } else {
            format!("{name}.rescue.{n}.ron")
        };
        let path = dir.join(file);
        match create_atomic(&path, bytes) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(
        "a thousand rescue copies are there already",
    ))
}

impl super::SessionFile {
    /// Writes what is in memory as a rescue copy (see `write_rescue`).
    pub fn write_rescue(&self, config_dir: &Path) -> Result<PathBuf, RescueError> {
        write_rescue(self.session(), &rescue_places(config_dir))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{FixedClock, NewSession};

    fn session() -> Session {
        let clock = FixedClock::at("2026-11-27T09:00:00Z".parse().unwrap());
        let template = super::super::builtin_templates().remove(0);
        let details = NewSession {
            title: "Team".into(),
            participants: vec!["Ann".into()],
            ..NewSession::default()
        };
        Session::start("2026-11-27-team".into(), template, details, &clock)
    }

    #[test]
    fn the_first_writable_place_gets_a_copy_that_opens() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("a-file");
        std::fs::write(&blocked, "not a folder").unwrap();
        let good = dir.path().join("good");
        let s = session();
        let path = write_rescue(&s, &[blocked.join("rescue"), good.clone()]).unwrap();
        assert_eq!(path, good.join("2026-11-27-team.rescue.ron"));
        let again = write_rescue(&s, std::slice::from_ref(&good)).unwrap();
        assert_eq!(again, good.join("2026-11-27-team.rescue.2.ron"));
        let opened = crate::store::SessionFile::open(&path).unwrap();
        assert_eq!(opened.session().participants(), s.participants());
        // Where files have permission bits, the copy is its owner's only.
        if let Some(mode) = crate::platform::testing::mode(&path) {
            assert_eq!(mode, 0o600);
        }
    }

    #[test]
    fn nowhere_writable_names_every_place_and_why() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("a-file");
        std::fs::write(&blocked, "x").unwrap();
        let err = write_rescue(&session(), &[blocked.join("one"), blocked.join("two")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("one") && err.contains("two"), "{err}");
        let places = rescue_places(Path::new("/cfg"));
        assert_eq!(places[0], Path::new("/cfg/rescue"));
        assert_eq!(places.last().unwrap(), &std::env::temp_dir());
    }
}
