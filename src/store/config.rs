//! The user's settings in `<config>/config.ron`. Every field is optional:
//!
//! ```ron
//! (
//!     // A local model2vec model (a folder with model.safetensors and tokenizer.json) that adds
//!     // a sense of meaning to the grouping. Nothing is ever downloaded.
//!     embedding_model: Some("/home/me/models/potion-multilingual"),
//!     // The terminal bell once when a step's time is up (the header turns red either way).
//!     bell: Some(false),
//!     // The language of home, review and new sessions (else the locale's): en or nl.
//!     language: Some(nl),
//!     // The programme's archive that `ambassador sync` shares sessions with (a git remote);
//!     // written by the first `ambassador sync --remote URL`.
//!     archive_remote: Some("git@git.example.org:hr/ambassador-archive.git"),
//! )
//! ```

use super::StoreError;
use crate::diagnostic::SourceError;
use crate::domain::Language;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A settings file is a few lines.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub embedding_model: Option<PathBuf>,
    /// The terminal bell once when a step's time is up; on unless `Some(false)`.
    #[serde(default)]
    pub bell: Option<bool>,
    /// The language of the program's own screens (home, review, setup) and of new sessions;
    /// else the locale (LC_ALL, LC_MESSAGES, LANG), else English.
    #[serde(default)]
    pub language: Option<Language>,
    /// The git remote of the programme's archive (`ambassador sync`).
    #[serde(default)]
    pub archive_remote: Option<String>,
}

impl Config {
    pub fn file(config_dir: &Path) -> PathBuf {
        config_dir.join("config.ron")
    }

    /// The user's language: the setting, else the locale's, else English.
    pub fn user_language(&self) -> Language {
        self.language
            .or_else(|| {
                ["LC_ALL", "LC_MESSAGES", "LANG"]
                    .iter()
                    .filter_map(|v| std::env::var(v).ok())
                    .find(|v| !v.is_empty())
                    .and_then(|v| Language::from_locale(&v))
            })
            .unwrap_or_default()
    }

    /// The settings, or the defaults when there is no config file.
    pub fn load(config_dir: &Path) -> Result<Config, StoreError> {
        let path = Self::file(config_dir);
        let bytes = match super::read::read_text_file(&path, MAX_CONFIG_BYTES) {
            Ok(b) => b,
            Err(e) if e.is_not_found() => return Ok(Config::default()),
            Err(e) => return Err(StoreError::read("a settings file", &path, e)),
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            StoreError::Parse(SourceError::at(
                &path.display().to_string(),
                "",
                1,
                1,
                format!("not UTF-8 text: {e}"),
            ))
        })?;
        let origin = path.display().to_string();
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        options
            .from_str(&text)
            .map_err(|e| StoreError::Parse(SourceError::from_ron(&origin, &text, &e)))
    }
}

/// Writes `archive_remote: Some("URL")` into the config file, keeping the rest of it as the
/// user wrote it (comments too): the line is replaced if there is one, else added before the
/// closing parenthesis; a new file holds only this line. What is written must read back as
/// the same setting, or the file is left as it was.
pub fn remember_archive_remote(config_dir: &Path, url: &str) -> Result<(), StoreError> {
    let path = Config::file(config_dir);
    let before = match super::read::read_text_file(&path, MAX_CONFIG_BYTES) {
        Ok(b) => Some(String::from_utf8_lossy(&b).into_owned()),
        Err(e) if e.is_not_found() => None,
        Err(e) => return Err(StoreError::read("a settings file", &path, e)),
    };
    let quoted = ron::to_string(url)
        .map_err(|e| StoreError::io("write", &path, std::io::Error::other(e)))?;
    let line = format!("    archive_remote: Some({quoted}),");
    let text = match &before {
        None => format!("(\n{line}\n)\n"),
        Some(old) => {
            let mut lines: Vec<String> = old.lines().map(str::to_string).collect();
            if let Some(l) = lines
                .iter_mut()
                .find(|l| l.trim_start().starts_with("archive_remote"))
            {
                *l = line;
            } else if let Some(at) = lines.iter().rposition(|l| l.trim_start().starts_with(')')) {
                // The field before ours may lack its trailing comma.
                if let Some(prev) = lines[..at].iter_mut().rev().find(|l| {
                    let t = l.trim();
                    !t.is_empty() && !t.starts_with("//")
                }) && !prev.trim_end().ends_with(',')
                    && !prev.trim_end().ends_with('(')
                {
                    prev.push(',');
                }
                lines.insert(at, line);
            } else {
                lines = vec!["(".into(), line, ")".into()];
            }
            lines.join("\n") + "\n"
        }
    };
    std::fs::create_dir_all(config_dir)
        .map_err(|e| StoreError::io("create the folder", config_dir, e))?;
    super::atomic::write_atomic(&path, text.as_bytes())
        .map_err(|e| StoreError::io("write", &path, e))?;
    if Config::load(config_dir)
        .ok()
        .and_then(|c| c.archive_remote)
        .as_deref()
        == Some(url)
    {
        return Ok(());
    }
    let restore = match &before {
        Some(old) => super::atomic::write_atomic(&path, old.as_bytes()),
        None => std::fs::remove_file(&path),
    };
    restore.map_err(|e| StoreError::io("restore", &path, e))?;
    Err(StoreError::io(
        "add archive_remote to",
        &path,
        std::io::Error::other("the file does not read back with it; add the line by hand"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_means_defaults_and_a_bad_one_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Config::load(dir.path()).unwrap(), Config::default());
        std::fs::write(Config::file(dir.path()), "(\n  embedding_model: \"/m\",\n)").unwrap();
        assert_eq!(
            Config::load(dir.path()).unwrap().embedding_model,
            Some(PathBuf::from("/m"))
        );
        std::fs::write(Config::file(dir.path()), "(\n  embeding_model: \"/m\",\n)").unwrap();
        let err = Config::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("config.ron:2:"), "{err}");
    }

    #[test]
    fn the_archive_remote_is_added_and_replaced_keeping_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        remember_archive_remote(dir.path(), "/srv/a.git").unwrap();
        assert_eq!(
            Config::load(dir.path()).unwrap().archive_remote.as_deref(),
            Some("/srv/a.git")
        );
        std::fs::write(
            Config::file(dir.path()),
            "// mine\n(\n  bell: Some(false)\n)\n",
        )
        .unwrap();
        remember_archive_remote(dir.path(), "ssh://h/\"x\".git").unwrap();
        remember_archive_remote(dir.path(), "/srv/b.git").unwrap();
        let c = Config::load(dir.path()).unwrap();
        assert_eq!(
            (c.bell, c.archive_remote.as_deref()),
            (Some(false), Some("/srv/b.git"))
        );
        assert!(
            std::fs::read_to_string(Config::file(dir.path()))
                .unwrap()
                .starts_with("// mine")
        );
    }
}
