//! UI text in English and Dutch, from `assets/i18n/*.ron` (compiled in).

use crate::domain::Language;
use std::collections::BTreeMap;
use std::sync::OnceLock;

type Table = BTreeMap<String, String>;

fn table(lang: Language) -> &'static Table {
    static EN: OnceLock<Table> = OnceLock::new();
    static NL: OnceLock<Table> = OnceLock::new();
    let (cell, origin, text) = match lang {
        Language::En => (
            &EN,
            "assets/i18n/en.ron",
            include_str!("../assets/i18n/en.ron"),
        ),
        Language::Nl => (
            &NL,
            "assets/i18n/nl.ron",
            include_str!("../assets/i18n/nl.ron"),
        ),
    };
    cell.get_or_init(|| {
        ron::from_str(text).unwrap_or_else(|e| {
            panic!(
                "{}",
                crate::diagnostic::SourceError::from_ron(origin, text, &e)
            )
        })
    })
}

/// The text for `key`; a missing key shows itself (the tests make sure none is missing).
/// Keys are written in the code, so a missing one is returned as it is, never copied.
pub fn tr(lang: Language, key: &'static str) -> &'static str {
    match table(lang).get(key) {
        Some(text) => text.as_str(),
        None => table(Language::En).get(key).map_or(key, |t| t.as_str()),
    }
}

/// `tr` with `{}` placeholders filled in order.
pub fn trf(lang: Language, key: &'static str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::new();
    let mut parts = tr(lang, key).split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        if let Some(a) = args.get(i) {
            out.push_str(&a.to_string());
        }
        out.push_str(part);
    }
    out
}

/// Who said an idea, for screens and reports: the participant's name, or "anonymous" in the
/// session's language for an idea sent from a device without a name.
/// "1 idea" / "3 ideas" (Dutch "1 idee" / "3 ideeën").
pub fn ideas_count(lang: Language, n: usize) -> String {
    counted(lang, ("home.ideas", "home.idea_one"), n)
}

/// `n` things with the text for many (`{}` is the number) or, for one, its own text:
/// `counted(lang, ("count.people", "count.people_one"), n)` is "1 person" or "3 people".
pub fn counted(lang: Language, (many, one): (&'static str, &'static str), n: usize) -> String {
    if n == 1 {
        tr(lang, one).to_string()
    } else {
        trf(lang, many, &[&n])
    }
}

/// "3 sessions" / "1 session".
pub fn sessions_count(lang: Language, n: usize) -> String {
    counted(lang, ("count.sessions", "count.sessions_one"), n)
}

/// "3 teams" / "1 team".
pub fn teams_count(lang: Language, n: usize) -> String {
    counted(lang, ("count.teams", "count.teams_one"), n)
}

/// "3 people" / "1 person".
pub fn people_count(lang: Language, n: usize) -> String {
    counted(lang, ("count.people", "count.people_one"), n)
}

/// "2026-11-20 to 2026-11-22", or one date when both are the same.
pub fn date_span(
    lang: Language,
    first: &dyn std::fmt::Display,
    last: &dyn std::fmt::Display,
) -> String {
    let (first, last) = (first.to_string(), last.to_string());
    if first == last {
        first
    } else {
        trf(lang, "count.date_span", &[&first, &last])
    }
}

pub fn author(session: &crate::domain::Session, id: crate::domain::ParticipantId) -> &str {
    if id == crate::domain::ParticipantId::ANONYMOUS {
        tr(session.language(), "idea.anonymous")
    } else {
        session.participant_name(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_keys_and_placeholders() {
        let en = table(Language::En);
        let nl = table(Language::Nl);
        let en_keys: Vec<&String> = en.keys().collect();
        let nl_keys: Vec<&String> = nl.keys().collect();
        assert_eq!(en_keys, nl_keys);
        for (k, v) in en {
            assert_eq!(v.matches("{}").count(), nl[k].matches("{}").count(), "{k}");
        }
    }

    #[test]
    fn counts_say_one_thing_in_the_singular_and_dates_once_when_equal() {
        assert_eq!(sessions_count(Language::En, 1), "1 session");
        assert_eq!(sessions_count(Language::Nl, 3), "3 sessies");
        assert_eq!(people_count(Language::Nl, 1), "1 persoon");
        assert_eq!(people_count(Language::En, 0), "0 people");
        assert_eq!(teams_count(Language::En, 1), "1 team");
        assert_eq!(
            date_span(Language::Nl, &"2026-11-20", &"2026-11-22"),
            "2026-11-20 tot 2026-11-22"
        );
        assert_eq!(
            date_span(Language::En, &"2026-11-20", &"2026-11-20"),
            "2026-11-20"
        );
    }

    #[test]
    fn every_key_the_code_uses_exists() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut missing = Vec::new();
        for path in rust_files(std::path::Path::new(root)) {
            let code = std::fs::read_to_string(&path).unwrap();
            for key in quoted_keys(&code) {
                if !table(Language::En).contains_key(&key) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "missing UI strings:\n{}",
            missing.join("\n")
        );
    }

    /// String literals that look like UI keys: `"section.name"` used with tr/trf or the keymap.
    fn quoted_keys(code: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for piece in code.split('"').skip(1).step_by(2) {
            let is_key = piece.split_once('.').is_some_and(|(a, b)| {
                [
                    "key", "ui", "msg", "home", "setup", "run", "step", "board", "bridge", "close",
                    "pulse", "roles", "question", "report", "review", "err",
                ]
                .contains(&a)
                    && !b.is_empty()
                    && b.chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
            });
            if is_key {
                keys.push(piece.to_string());
            }
        }
        keys
    }

    fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                out.extend(rust_files(&p));
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
        out
    }
}
