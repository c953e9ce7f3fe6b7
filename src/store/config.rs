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
}
