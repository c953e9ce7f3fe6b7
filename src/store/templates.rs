//! Workshop templates: the built-in ones and the user's own in `<config>/workshops/*.ron`.

use super::StoreError;
use crate::domain::{Language, Template};
use std::path::{Path, PathBuf};

/// The built-in workshop a follow-up session uses unless another is asked for.
pub const FOLLOW_UP_TEMPLATE: &str = "ambassadorship-follow-up";

const BUILTIN: [(&str, &str); 6] = [
    (
        "workshops/ambassadorship.en.ron",
        include_str!("../../workshops/ambassadorship.en.ron"),
    ),
    (
        "workshops/ambassadorship.nl.ron",
        include_str!("../../workshops/ambassadorship.nl.ron"),
    ),
    (
        "workshops/ambassadorship-follow-up.en.ron",
        include_str!("../../workshops/ambassadorship-follow-up.en.ron"),
    ),
    (
        "workshops/ambassadorship-follow-up.nl.ron",
        include_str!("../../workshops/ambassadorship-follow-up.nl.ron"),
    ),
    (
        "workshops/interview.en.ron",
        include_str!("../../workshops/interview.en.ron"),
    ),
    (
        "workshops/interview.nl.ron",
        include_str!("../../workshops/interview.nl.ron"),
    ),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateSource {
    Builtin,
    File(PathBuf),
}

/// A template as listed: parsed, or with the error that names file, line and column.
#[derive(Debug, Clone)]
pub struct TemplateEntry {
    pub source: TemplateSource,
    pub template: Result<Template, crate::diagnostic::SourceError>,
    /// A user's template with a built-in one's id and language: it takes that one's place.
    pub replaces_builtin: bool,
}

pub fn builtin_templates() -> Vec<Template> {
    BUILTIN
        .iter()
        .map(|(origin, text)| {
            Template::parse(origin, text).expect("built-in templates are checked by the tests")
        })
        .collect()
}

/// Built-in templates first, then the user's own, sorted by file name; a user's template with
/// a built-in one's id and language replaces it (the built-in one is left out).
pub fn list_templates(templates_dir: &Path) -> Result<Vec<TemplateEntry>, StoreError> {
    let mut entries: Vec<TemplateEntry> = builtin_templates()
        .into_iter()
        .map(|t| TemplateEntry {
            source: TemplateSource::Builtin,
            template: Ok(t),
            replaces_builtin: false,
        })
        .collect();
    let mut files = Vec::new();
    match std::fs::read_dir(templates_dir) {
        Ok(dir) => {
            for entry in dir.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|x| x == "ron") {
                    files.push(path);
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io("read the folder", templates_dir, e)),
    }
    files.sort();
    for path in files {
        let template = read_template(&path);
        let replaces_builtin = template.as_ref().is_ok_and(|own| {
            let before = entries.len();
            entries.retain(|e| !(e.source == TemplateSource::Builtin && same_slot(e, own)));
            before != entries.len()
                || entries
                    .iter()
                    .any(|e| e.replaces_builtin && same_slot(e, own))
        });
        entries.push(TemplateEntry {
            template,
            source: TemplateSource::File(path),
            replaces_builtin,
        });
    }
    Ok(entries)
}

/// Whether `entry` is a template with `own`'s id and language.
fn same_slot(entry: &TemplateEntry, own: &Template) -> bool {
    entry
        .template
        .as_ref()
        .is_ok_and(|t| t.id == own.id && t.language == own.language)
}

/// The built-in workshop is about 10 KB; a template is copied into every session made from it,
/// so it must leave room for what the session collects (see `MAX_FILE_BYTES`).
pub const MAX_TEMPLATE_BYTES: u64 = 2 * 1024 * 1024;

fn read_template(path: &Path) -> Result<Template, crate::diagnostic::SourceError> {
    let origin = path.display().to_string();
    let bytes = super::read::read_text_file(path, MAX_TEMPLATE_BYTES).map_err(|e| {
        let why = match e {
            super::read::ReadError::NotRegular(kind) => format!("{kind}, not a template file"),
            super::read::ReadError::TooLarge { limit } => {
                format!("the file has more than {limit} bytes; templates are at most {limit} bytes")
            }
            super::read::ReadError::Io(e) => e.to_string(),
        };
        crate::diagnostic::SourceError::at(&origin, "", 1, 1, why)
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        crate::diagnostic::SourceError::at(&origin, "", 1, 1, format!("not UTF-8 text: {e}"))
    })?;
    Template::parse(&origin, &text)
}

/// Picks a template by path or by id, preferring the asked language. User templates with the
/// same id and language as a built-in one replace it.
pub fn resolve_template(
    templates_dir: &Path,
    wanted: &str,
    language: Option<Language>,
) -> Result<Template, StoreError> {
    let path = Path::new(wanted);
    if wanted.ends_with(".ron") || path.is_file() {
        return read_template(path).map_err(StoreError::Template);
    }
    let entries = list_templates(templates_dir)?;
    // A broken user template that was asked for by id is reported, not skipped.
    let mut candidates: Vec<Template> = Vec::new();
    // Later entries (the user's own) win over earlier ones (built-in).
    for entry in entries.into_iter().rev() {
        match entry.template {
            Ok(t) if t.id == wanted => candidates.push(t),
            Ok(_) => {}
            Err(e) if file_stem_is(&entry.source, wanted) => return Err(StoreError::Template(e)),
            Err(_) => {}
        }
    }
    let language = language.unwrap_or_default();
    let by_language = candidates.iter().find(|t| t.language == language).cloned();
    by_language
        .or_else(|| candidates.into_iter().next())
        .ok_or_else(|| StoreError::UnknownTemplate(wanted.to_string()))
}

fn file_stem_is(source: &TemplateSource, id: &str) -> bool {
    match source {
        TemplateSource::File(p) => p
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| s == id || s.split('.').next() == Some(id)),
        TemplateSource::Builtin => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::StepKind;

    #[test]
    fn both_builtin_workshops_have_the_ten_steps_in_order() {
        for t in builtin_templates()
            .into_iter()
            .filter(|t| t.id == "ambassadorship")
        {
            let kinds: Vec<&str> = t.steps.iter().map(|s| s.kind.name()).collect();
            assert_eq!(
                kinds,
                [
                    "Script",
                    "Pulse",
                    "Roles",
                    "Question",
                    "Question",
                    "Question",
                    "Question",
                    "CommonGround",
                    "Bridge",
                    "Close"
                ],
                "{}",
                t.language
            );
            assert!(
                t.steps
                    .iter()
                    .all(|s| !s.hint.is_empty() && s.timebox_minutes > 0)
            );
            assert!(matches!(&t.steps[1].kind, StepKind::Pulse { items, .. } if items.len() == 3));
        }
    }

    #[test]
    fn the_language_picks_the_builtin_translation() {
        let dir = tempfile::tempdir().unwrap();
        let nl = resolve_template(dir.path(), "ambassadorship", Some(Language::Nl)).unwrap();
        assert_eq!(nl.steps[3].prompt, "Wat versta jij onder ambassadeurschap?");
        let en = resolve_template(dir.path(), "ambassadorship", Some(Language::En)).unwrap();
        assert_eq!(
            en.steps[3].prompt,
            "What do you understand by ambassadorship?"
        );
    }
}
