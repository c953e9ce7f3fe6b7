//! A session's reports made of each kind's own sections (`Sections`, from the registry), and
//! writing them from a screen (the close step, the review list), saying where they went or
//! what went wrong.

use crate::domain::{Language, Session};
use crate::export::{Format, write_reports};
use crate::i18n::trf;
use crate::interact::Message;
use crate::store::Paths;
use jiff::tz::TimeZone;

/// The report of a session in `format`; with `anonymous`, no participant's or facilitator's
/// name appears; its dates are in `zone`, the user's.
pub fn render(session: &Session, format: Format, anonymous: bool, zone: &TimeZone) -> String {
    crate::export::render(session, format, anonymous, zone, &super::Sections)
}

/// Writes the reports to `<data>/exports/` and tells where, in the session's language.
pub fn write(
    session: &Session,
    paths: &Paths,
    formats: &[Format],
    lang: Language,
    zone: &TimeZone,
) -> Message {
    match write_reports(
        session,
        &paths.exports_dir(),
        formats,
        zone,
        &super::Sections,
    ) {
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
