//! Store and change errors in the screen's language. The `Display` texts (English) stay for
//! the command line and logs; a Dutch screen says the same in Dutch, with the system's own
//! detail (an OS error) kept as it is when there is no Dutch for it.

use crate::domain::{ChangeError, Language};
use crate::i18n::{tr, trf};
use crate::store::StoreError;

/// What went wrong with a file, in `lang`.
pub fn store_error(lang: Language, e: &StoreError) -> String {
    if lang == Language::En {
        return e.to_string();
    }
    use StoreError as E;
    match e {
        E::Io {
            action,
            path,
            source,
        } => trf(
            lang,
            "err.io",
            &[
                &action_text(lang, action),
                &path.display(),
                &io_text(lang, source),
            ],
        ),
        E::Empty { path } => trf(lang, "err.empty", &[&path.display()]),
        E::NotUtf8 { path, line, column } => {
            trf(lang, "err.not_utf8", &[&path.display(), line, column])
        }
        E::TooLarge { path, limit } => trf(lang, "err.too_large", &[&path.display(), limit]),
        E::NotAFile { path, .. } | E::LinkToNotAFile { path, .. } => {
            trf(lang, "err.not_a_file", &[&path.display()])
        }
        E::WouldBeTooLarge { path, size, limit } => trf(
            lang,
            "err.would_be_too_large",
            &[&path.display(), size, limit],
        ),
        E::Invalid { path, reason } => trf(lang, "err.invalid", &[&path.display(), reason]),
        E::NotASession { path } => trf(lang, "err.not_a_session", &[&path.display()]),
        E::TooNew {
            path, found, known, ..
        } => trf(lang, "err.too_new", &[&path.display(), found, known]),
        E::NotADirectory { path } => trf(lang, "err.not_a_directory", &[&path.display()]),
        E::NotFound { query, .. } => trf(lang, "err.not_found", &[query]),
        E::Ambiguous { query, matches } => {
            trf(lang, "err.ambiguous", &[query, &matches.join(", ")])
        }
        E::ReadOnly { path, reason } => trf(lang, "err.read_only", &[&path.display(), reason]),
        E::NoHome => tr(lang, "err.no_home").to_string(),
        E::UnknownTemplate(id) => trf(lang, "err.unknown_template", &[id]),
        // A file:line:col report quotes the file itself; its pointer stays as it is.
        E::Parse(source) | E::Template(source) => trf(lang, "err.parse", &[&source.to_string()]),
    }
}

/// Why a change was refused, in `lang`.
pub fn change_error(lang: Language, e: &ChangeError) -> String {
    use ChangeError as C;
    // What the room meets often reads the same in both languages' tables.
    match e {
        C::NoDotsLeft { name, dots } => return trf(lang, "msg.no_dots_left", &[name, dots]),
        C::NoDotHere { name } => return trf(lang, "msg.no_dot_here", &[name]),
        _ if lang == Language::En => return e.to_string(),
        _ => {}
    }
    match e {
        C::EmptyText => tr(lang, "err.empty_text").to_string(),
        C::DuplicateParticipant(name) => trf(lang, "err.duplicate_participant", &[name]),
        C::ParticipantHasAnswers { name, count } => {
            trf(lang, "err.participant_has_answers", &[name, count])
        }
        C::ScoreOutOfRange(n) => trf(lang, "err.score_out_of_range", &[n]),
        C::NoIdsLeft => tr(lang, "err.no_ids_left").to_string(),
        // The program's own bookkeeping went wrong (an id or a step that is not there): the
        // detail is for a bug report, the sentence around it in the screen's language.
        other => trf(lang, "err.internal", &[other]),
    }
}

fn action_text(lang: Language, action: &str) -> &'static str {
    match action {
        "read" => tr(lang, "err.action_read"),
        "save" => tr(lang, "err.action_save"),
        "create" => tr(lang, "err.action_create"),
        "create the folder" => tr(lang, "err.action_create_folder"),
        "read the folder" => tr(lang, "err.action_read_folder"),
        "back up" => tr(lang, "err.action_back_up"),
        "lock" => tr(lang, "err.action_lock"),
        "follow the link" => tr(lang, "err.action_follow_link"),
        _ => tr(lang, "err.action_other"),
    }
}

fn io_text(lang: Language, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let key = match e.kind() {
        K::StorageFull => "err.io_full",
        K::PermissionDenied => "err.io_permission",
        K::NotFound => "err.io_not_found",
        K::ReadOnlyFilesystem => "err.io_read_only",
        K::QuotaExceeded => "err.io_quota",
        _ => return e.to_string(),
    };
    tr(lang, key).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_reads_as_dutch_on_a_dutch_screen_and_as_before_in_english() {
        let e = StoreError::Io {
            action: "save",
            path: "/d/s.ron".into(),
            source: std::io::Error::from(std::io::ErrorKind::StorageFull),
        };
        assert_eq!(store_error(Language::En, &e), e.to_string());
        let nl = store_error(Language::Nl, &e);
        assert!(
            nl.contains("/d/s.ron") && nl.contains("schijf is vol"),
            "{nl}"
        );
        let c = ChangeError::DuplicateParticipant("Jan".into());
        assert!(
            change_error(Language::Nl, &c).contains("al iemand"),
            "{}",
            change_error(Language::Nl, &c)
        );
    }
}
