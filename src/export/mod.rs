//! Reports of a session that people can share.

mod anonymize;
mod curated;
pub mod html;
mod json;
pub mod markdown;
mod output;
pub mod programme;

pub use anonymize::{anonymize, replace_names};
pub use curated::{Shown, question_groups, report_order};
pub use output::{OutputError, Target, check_target, write};

use crate::domain::{Earlier, Language, Session, Step, Timing};
use crate::i18n::{tr, trf};
use jiff::tz::TimeZone;

/// Whether a follow-up held on `day` keeps the date the earlier session set, in words.
pub fn timing_text(lang: Language, earlier: &Earlier, day: jiff::civil::Date) -> String {
    let planned = earlier.follow_up.unwrap_or(day);
    match earlier.timing(day) {
        Timing::Unplanned => tr(lang, "last.no_date").to_string(),
        Timing::OnTime(_) => trf(lang, "last.on_time", &[&planned]),
        Timing::Late(days) => trf(lang, "last.late", &[&planned, &days]),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for pasting into a wiki or mail.
    Md,
    /// A single self-contained HTML page with charts, for sharing and printing.
    Html,
    /// JSON with everything in the session.
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// Each step kind's own part of a report. The kinds live above the report renderers (in
/// `steps`), so the renderers are handed them.
pub trait Sections {
    /// The step's part of the Markdown report, below its heading and prompt.
    fn markdown(
        &self,
        out: &mut String,
        session: &Session,
        step: &Step,
        anonymous: bool,
        zone: &TimeZone,
    );
    /// The step's part of the HTML report, inside its section.
    fn html(
        &self,
        out: &mut String,
        session: &Session,
        step: &Step,
        anonymous: bool,
        zone: &TimeZone,
    );
}

/// The report of a session; with `anonymous`, no participant's or facilitator's name appears.
/// Dates are shown in `zone`, the user's (what is stored, and the JSON, stays UTC).
pub fn render(
    session: &Session,
    format: Format,
    anonymous: bool,
    zone: &TimeZone,
    sections: &dyn Sections,
) -> String {
    let anonymized;
    let session = if anonymous {
        anonymized = anonymize(session);
        &anonymized
    } else {
        session
    };
    match format {
        // Markdown keeps every text, but no raw control byte: the file may be `cat` to a
        // terminal, or pasted where one is shown.
        Format::Md => crate::sanitize::text(&markdown::render(session, anonymous, zone, sections))
            .into_owned(),
        Format::Html => html::render(session, anonymous, zone, sections),
        Format::Json => json::render(session, anonymous),
    }
}

/// A report's usual file name: `<session id>.<extension>`.
pub fn file_name(session: &Session, format: Format) -> String {
    format!("{}.{}", session.id(), format.extension())
}

/// A report that could not be written, and why.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct WriteError {
    pub path: std::path::PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// Writes the session's reports in `formats` to `dir` (created if missing) as
/// `<session id>.<extension>`, each atomically with the usual permissions (the umask, as any
/// new file: a report is for sharing, unlike the private session files); returns where they
/// went.
pub fn write_reports(
    session: &Session,
    dir: &std::path::Path,
    formats: &[Format],
    zone: &TimeZone,
    sections: &dyn Sections,
) -> Result<Vec<std::path::PathBuf>, WriteError> {
    let mut written = Vec::new();
    for format in formats {
        let path = dir.join(file_name(session, *format));
        let report = render(session, *format, false, zone, sections);
        std::fs::create_dir_all(dir)
            .and_then(|()| crate::store::write_atomic_shared(&path, report.as_bytes()))
            .map_err(|source| WriteError {
                path: path.clone(),
                source,
            })?;
        written.push(path);
    }
    Ok(written)
}
