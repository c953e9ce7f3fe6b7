//! Reports of a session that people can share.

mod anonymize;
mod html;
mod json;
mod markdown;
mod output;
mod summary;

pub use anonymize::anonymize;
pub use output::{OutputError, Target, check_target, write};
pub use summary::{PulseSummary, RoleCount, pulse_summary, role_counts};

use crate::domain::Session;

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

/// The report of a session; with `anonymous`, no participant's or facilitator's name appears.
pub fn render(session: &Session, format: Format, anonymous: bool) -> String {
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
        Format::Md => crate::sanitize::text(&markdown::render(session)).into_owned(),
        Format::Html => html::render(session),
        Format::Json => json::render(session),
    }
}
