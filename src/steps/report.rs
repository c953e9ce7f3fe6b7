//! A session's reports made of each kind's own sections (`Sections`, from the registry), and
//! writing them from a screen (the close step, the review list), saying where they went or
//! what went wrong.

use crate::domain::Session;
use crate::export::{Format, write_reports};
use crate::interact::Message;

/// The report of a session in `format`; with `anonymous`, no participant's or facilitator's
/// name appears.
pub fn render(session: &Session, format: Format, anonymous: bool) -> String {
    crate::export::render(session, format, anonymous, &super::Sections)
}
use crate::i18n::trf;
use crate::store::Paths;

/// Writes the reports to `<data>/exports/` and tells where, in the session's language.
pub fn write(
    session: &Session,
    paths: &Paths,
    formats: &[Format],
    lang: crate::domain::Language,
) -> Message {
    match write_reports(session, &paths.exports_dir(), formats, &super::Sections) {
        Ok(written) => {
            let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
            Message {
                text: trf(lang, "msg.exported", &[&names.join(", ")]),
                is_error: false,
            }
        }
        Err(e) => Message {
            text: trf(lang, "msg.export_failed", &[&e.path.display(), &e.source]),
            is_error: true,
        },
    }
}
