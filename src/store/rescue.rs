//! The last resort on the way out: when a session cannot be saved where it lives (a full or
//! read-only disk, a folder gone), its contents go to another writable place, in the same
//! format, so `ambassador open <rescue file>` brings them back.

use super::atomic::write_atomic;
use std::path::{Path, PathBuf};

/// Where rescue copies are tried, in order: the config folder, the home folder, the
/// temporary folder.
pub fn rescue_places(config_dir: &Path) -> Vec<PathBuf> {
    let mut places = vec![config_dir.join("rescue")];
    if let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()) {
        places.push(home);
    }
    places.push(std::env::temp_dir());
    places
}

/// Writes `bytes` (a rendered session) as `<stem>.rescued-<seconds>.ron` into the first of
/// `places` that takes it; returns where it went, or every place's error.
pub fn write_rescue(bytes: &[u8], stem: &str, places: &[PathBuf]) -> Result<PathBuf, String> {
    let seconds = jiff::Timestamp::now().as_second();
    let mut errors = Vec::new();
    for place in places {
        let path = place.join(format!("{stem}.rescued-{seconds}.ron"));
        let written = std::fs::create_dir_all(place).and_then(|()| write_atomic(&path, bytes));
        match written {
            Ok(()) => return Ok(path),
            Err(e) => errors.push(format!("{}: {e}", place.display())),
        }
    }
    Err(errors.join("; "))
}

impl super::SessionFile {
    /// Writes what is in memory as a rescue copy (see `write_rescue`).
    pub fn write_rescue(&self, config_dir: &Path) -> Result<PathBuf, String> {
        let bytes = super::file::render(&self.session).into_bytes();
        let stem = self.path.file_stem().map_or_else(
            || self.session.id.clone(),
            |s| s.to_string_lossy().into_owned(),
        );
        write_rescue(&bytes, &stem, &rescue_places(config_dir))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_place_that_takes_the_copy_gets_it() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("a-file");
        std::fs::write(&blocked, "not a folder").unwrap();
        let open = dir.path().join("open");
        let path = write_rescue(b"session", "s", &[blocked.join("x"), open.clone()]).unwrap();
        assert!(path.starts_with(&open), "{}", path.display());
        assert_eq!(std::fs::read(&path).unwrap(), b"session");
    }

    #[test]
    fn no_place_left_says_why_for_each() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("a-file");
        std::fs::write(&blocked, "not a folder").unwrap();
        let err = write_rescue(b"s", "s", &[blocked.join("x"), blocked.join("y")]).unwrap_err();
        assert!(
            err.contains("a-file/x") && err.contains("a-file/y"),
            "{err}"
        );
    }
}
