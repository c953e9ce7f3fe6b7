use super::StoreError;
use directories::ProjectDirs;
use std::path::{Path, PathBuf};

/// The data folder (sessions) and the config folder (the user's own workshop templates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
}

impl Paths {
    /// Overrides win; otherwise the platform's standard folders.
    pub fn resolve(data: Option<PathBuf>, config: Option<PathBuf>) -> Result<Paths, StoreError> {
        let standard = || ProjectDirs::from("", "", "ambassador").ok_or(StoreError::NoHome);
        let data_dir = match data {
            Some(d) => d,
            None => standard()?.data_dir().to_path_buf(),
        };
        let config_dir = match config {
            Some(c) => c,
            None => standard()?.config_dir().to_path_buf(),
        };
        Ok(Paths {
            data_dir,
            config_dir,
        })
    }

    pub fn sessions_dir(&self) -> PathBuf {
        self.data_dir.join("sessions")
    }

    /// Where reports written from the screens go.
    pub fn exports_dir(&self) -> PathBuf {
        self.data_dir.join("exports")
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.config_dir.join("workshops")
    }

    /// The sessions folder, created when missing.
    pub fn ensure_sessions_dir(&self) -> Result<PathBuf, StoreError> {
        for dir in [&self.data_dir, &self.sessions_dir()] {
            ensure_dir(dir)?;
        }
        Ok(self.sessions_dir())
    }
}

fn ensure_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.exists() && !dir.is_dir() {
        return Err(StoreError::NotADirectory {
            path: dir.to_path_buf(),
        });
    }
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io("create the folder", dir, e))
}
